/*
 * kernel/main.c - kmain(), the portable half of booting.
 *
 * The port's boot.S enters here on the boot stack with the early page
 * tables on and interrupts off. kmain() brings the machine up in a fixed
 * order, each step relying only on the ones before it:
 *
 *   1. arch_early_init()  traps, CPU features, console
 *   2. arch_boot_info()   what the firmware said: RAM, reservations, cmdline
 *   3. cmdline_parse()    boot options
 *   4. mm_init()          kernel page table, page allocator, heap
 *   5. vfs_init()         the root ramfs, filled from the initramfs
 *   6. interrupts         controllers, the periodic timer
 *   7. "atlas: ready", then the tests named by ktest=, or process 1
 */
#include "kernel/arch.h"
#include "kernel/cmdline.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "mm/mm.h"
#include "fs/vfs.h"
#include "kernel/proc.h"
#include "kernel/sched.h"

static struct bootinfo bootinfo;

/* boot_info() hands out what arch_boot_info() filled in (read-only). */
const struct bootinfo *boot_info(void)
{
	return &bootinfo;
}

static void print_memory_map(const struct bootinfo *bi)
{
	pr_info("memory map:\n");
	for (unsigned i = 0; i < bi->nr_ram; i++)
		pr_info("  [%#014llx-%#014llx) RAM       %s\n",
			(unsigned long long)bi->ram[i].start,
			(unsigned long long)bi->ram[i].end, bi->ram[i].name);
	for (unsigned i = 0; i < bi->nr_reserved; i++)
		pr_info("  [%#014llx-%#014llx) reserved  %s\n",
			(unsigned long long)bi->reserved[i].start,
			(unsigned long long)bi->reserved[i].end, bi->reserved[i].name);
	if (bi->initrd_end > bi->initrd_start)
		pr_info("  initrd at [%#llx-%#llx)\n", (unsigned long long)bi->initrd_start,
			(unsigned long long)bi->initrd_end);
}

void kernel_exit(int status)
{
	arch_irq_disable();
	printk(LOG_ERR, "atlas: exit %d\n", status);
	arch_poweroff(status);
}

/*
 * Starts process 1: the program rdinit= names, else the one init= names
 * (/sbin/init by default). Words after the path are its arguments, as
 * with Linux, which hands init the words of the command line it does not
 * know: init="/bin/prog a 'b c'" runs /bin/prog a "b c"
 * (cmdline_split_argv()). Without the program in the initramfs there is
 * nothing to run, and the kernel just idles.
 */
static void start_first_process(void)
{
	static char words[CMDLINE_INIT_MAX];
	static char *argv[CMDLINE_INIT_ARGS];
	const char *opt = boot_options.rdinit[0] ? boot_options.rdinit : boot_options.init;
	struct kstat st;
	int argc;

	strlcpy(words, opt, sizeof(words));
	argc = cmdline_split_argv(words, argv, ARRAY_SIZE(argv));
	if (argc <= 0) {
		pr_err("atlas: init=%s: %s; idle. Quit QEMU with Ctrl-A x.\n", opt,
		       argc == 0 ? "no program named" : "too many arguments");
		return;
	}
	if (vfs_stat(current_fs, argv[0], LOOKUP_FOLLOW, &st) < 0) {
		pr_info("atlas: no %s to run; idle. Quit QEMU with Ctrl-A x.\n", argv[0]);
		return;
	}
	proc_start_init(argv[0], argv);
}

void kmain(void)
{
	int err;

	arch_early_init();
	pr_info("\nAtlas %s, a teaching kernel\n", ARCH_NAME);

	err = arch_boot_info(&bootinfo);
	if (err < 0)
		panic("cannot use the boot information (error %d); see the message above", err);
	pr_info("boot loader: %s\n", bootinfo.loader ? bootinfo.loader : "unknown");
	pr_info("command line: %s\n", bootinfo.cmdline);
	cmdline_parse(bootinfo.cmdline, &boot_options);
	console_loglevel = boot_options.loglevel;
	arch_cpu_describe();
	print_memory_map(&bootinfo);

	mm_init(&bootinfo);
	vfs_init();
	initramfs_unpack(&bootinfo);

	arch_intr_init();
	err = arch_timer_init(HZ);
	if (err < 0)
		panic("cannot start the timer (error %d)", err);
	arch_irq_enable();

	printk(LOG_ERR, "atlas: ready\n");

	if (boot_options.crash[0])
		crash_now(boot_options.crash);
	if (boot_options.ktest[0]) {
		int failed = ktest_run(boot_options.ktest);

		kernel_exit(failed == 0 ? 0 : 1);
	}
	start_first_process();
	sched_idle();
}
