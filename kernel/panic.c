/*
 * kernel/panic.c - the end of the line: panic() and backtraces.
 *
 * A panic prints its cause, the registers at the panic() call and a
 * symbolized backtrace, then the same "atlas: exit N" line a normal
 * shutdown prints, and powers the machine off with a failure status, so a
 * test run never waits for its timeout.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"

#define BACKTRACE_MAX_FRAMES 32

static bool panicking;

/*
 * Prints one frame. For a return address (@ret) the function is looked up
 * at pc - 1: a call to a function that never returns can be the last
 * instruction of its caller, and then the return address is already the
 * first byte of the next function.
 */
static void print_frame(uintptr_t pc, bool ret)
{
	uintptr_t off;
	const char *name = ksym_lookup(ret ? pc - 1 : pc, &off);

	if (name && ret)
		off++;
	if (name)
		printk(LOG_ERR, "  [<%016lx>] %s+0x%lx\n", (unsigned long)pc, name,
		       (unsigned long)off);
	else
		printk(LOG_ERR, "  [<%016lx>] ?\n", (unsigned long)pc);
}

void backtrace_print(uintptr_t pc, uintptr_t fp)
{
	printk(LOG_ERR, "backtrace:\n");
	if (pc)
		print_frame(pc, false);
	for (int i = 0; i < BACKTRACE_MAX_FRAMES && arch_unwind(&fp, &pc); i++)
		print_frame(pc, true);
}

void panic(const char *fmt, ...)
{
	struct trapframe regs;
	va_list ap;

	arch_irq_disable();
	if (panicking) {
		/* A panic inside a panic: say so and stop at once. */
		const char *msg = "\nnested panic\natlas: exit 255\n";

		console_write(msg, strlen(msg));
		arch_poweroff(255);
	}
	panicking = true;
	console_loglevel = LOG_DEBUG;

	printk(LOG_ERR, "\nKERNEL PANIC: ");	/* the runner looks for this */
	va_start(ap, fmt);
	vprintk(LOG_ERR, fmt, ap);
	va_end(ap);
	printk(LOG_ERR, "\n");
	arch_capture_regs(&regs);
	arch_dump_regs(&regs);
	backtrace_print(0, (uintptr_t)__builtin_frame_address(0));
	kernel_exit(255);
}
