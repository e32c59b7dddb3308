/*
 * arch/riscv/setup.c - bringing a riscv64 hart up under OpenSBI: trap
 * vector and supervisor state, the console, the SBI calls, what the device
 * tree says (arch_boot_info), and power-off.
 *
 * The device tree is read once, in arch_boot_info(); until then the port
 * uses the addresses of QEMU's virt board (riscv_platform's initializer),
 * so the console and power-off work from the first line kmain() prints.
 */
#include "kernel/arch.h"
#include "kernel/fdt.h"
#include "kernel/kernel.h"
#include "kernel/sections.h"
#include "drivers/uart16550.h"
#include "cpu.h"

/* At most this much of the blob the firmware points at is ever read. */
#define DTB_MAX_SIZE	MiB(2)

/* The S-mode external interrupt, as a PLIC context lists it. */
#define PLIC_CAUSE_S_EXT 9

unsigned long boot_hartid;	/* set by boot.S */
paddr_t boot_dtb_pa;

struct riscv_platform riscv_platform = {
	.uart_base = 0x10000000,
	.uart_shift = 0,
	.uart_irq = 10,
	.plic_base = 0x0c000000,
	.plic_size = 0x600000,
	.plic_ndev = 96,
	.plic_context = 1,	/* hart 0, S-mode */
	.finisher_base = 0x100000,
	.timebase_hz = 10000000,
	.isa = "rv64 (unknown extensions)",
};

/* ---- SBI ----------------------------------------------------------------- */

struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;

	__asm__ volatile("ecall"
			 : "+r"(r0), "+r"(r1)
			 : "r"(r2), "r"(r6), "r"(r7)
			 : "memory");
	return (struct sbiret){ .error = (long)r0, .value = (long)r1 };
}

/* sbi_probe() is true if the firmware implements extension @ext. */
static bool sbi_probe(unsigned long ext)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, 3, ext, 0, 0);

	return r.error == 0 && r.value != 0;
}

void sbi_set_timer(uint64_t stime)
{
	static int has_time = -1;	/* not probed yet */

	if (has_time < 0)
		has_time = sbi_probe(SBI_EXT_TIME);
	if (has_time)
		sbi_call(SBI_EXT_TIME, 0, stime, 0, 0);
	else
		sbi_call(SBI_LEGACY_SET_TIMER, 0, stime, 0, 0);
}

static const char *sbi_impl_name(long id)
{
	static const char *const names[] = {
		"BBL", "OpenSBI", "Xvisor", "KVM", "RustSBI", "Diosix", "Coffer",
	};

	return id >= 0 && id < (long)ARRAY_SIZE(names) ? names[id] : "unknown SBI";
}

/* ---- early state and the console ---------------------------------------- */

/* arch_early_init() sets stvec and the supervisor state, then the UART. */
void arch_early_init(void)
{
	csr_write(stvec, (unsigned long)trap_entry);	/* direct mode */
	csr_write(sscratch, 0);				/* traps come from the kernel */
	/*
	 * No user memory outside the copy routines (SUM off), and no FP in
	 * the kernel (FS off: an FP instruction traps).
	 */
	csr_clear(sstatus, SSTATUS_SUM | SSTATUS_FS | SSTATUS_SIE);
	csr_write(sie, 0);
	uart_init();
}

static volatile uint8_t *uart_reg(unsigned reg)
{
	return phys_to_virt(riscv_platform.uart_base + (reg << riscv_platform.uart_shift));
}

/* The 16550 registers are bytes, 1 << reg-shift apart, in the direct map. */
uint8_t arch_uart_read(unsigned reg)
{
	return *uart_reg(reg);
}

void arch_uart_write(unsigned reg, uint8_t val)
{
	*uart_reg(reg) = val;
}

/* ---- the device tree ----------------------------------------------------- */

/* dt_fail() explains a malformed tree on the console and returns -EINVAL. */
static int dt_fail(struct fdt *fdt, const char *what)
{
	pr_err("riscv: device tree at 0x%lx: %s: %s (byte 0x%x of the blob)\n",
	       (unsigned long)boot_dtb_pa, what, fdt->error ? fdt->error : "malformed",
	       fdt->error_offset);
	return -EINVAL;
}

/* table_full() reports a bootinfo table overflow. */
static int table_full(const char *what)
{
	pr_err("riscv: too many %s ranges in the device tree (at most %d)\n", what,
	       BOOT_MAX_RANGES);
	return -ENOSPC;
}

/* short_name() copies a node name without its unit address ("mmode_resv0"). */
static void short_name(char *buf, size_t size, const char *name)
{
	size_t n = 0;

	while (name[n] && name[n] != '@' && n + 1 < size) {
		buf[n] = name[n];
		n++;
	}
	buf[n] = '\0';
}

/*
 * dt_add_regs() adds every reg entry of @node to RAM (@ram) or to the
 * reservations, named @name.
 */
static int dt_add_regs(struct fdt *fdt, int node, struct bootinfo *bi, bool ram,
		       const char *name)
{
	uint64_t addr, size;
	int err;

	for (unsigned i = 0; (err = fdt_reg(fdt, node, i, &addr, &size)) == 0; i++) {
		if (addr + size < addr)
			return dt_fail(fdt, "a reg range wraps around");
		if (ram)
			err = bootinfo_add_ram(bi, addr, addr + size, name);
		else
			err = bootinfo_reserve(bi, addr, addr + size, name);
		if (err)
			return table_full(ram ? "RAM" : "reserved");
	}
	return err == -ENOENT ? 0 : dt_fail(fdt, "bad reg property");
}

/* dt_memory() finds RAM: every top-level node with device_type "memory". */
static int dt_memory(struct fdt *fdt, struct bootinfo *bi)
{
	int root = fdt_root(fdt);
	int node, err;

	for (node = fdt_first_child(fdt, root); node >= 0; node = fdt_next_sibling(fdt, node)) {
		const char *type;

		err = fdt_prop_string(fdt, node, "device_type", &type);
		if (err == -ENOENT || (err == 0 && strcmp(type, "memory") != 0))
			continue;
		if (err)
			return dt_fail(fdt, "bad device_type");
		err = dt_add_regs(fdt, node, bi, true, "RAM");
		if (err)
			return err;
	}
	if (node != -ENOENT)
		return dt_fail(fdt, "cannot walk the root's children");
	if (bi->nr_ram == 0) {
		pr_err("riscv: the device tree describes no memory\n");
		return -EINVAL;
	}
	return 0;
}

/* dt_reserved() collects the reservation map and /reserved-memory. */
static int dt_reserved(struct fdt *fdt, struct bootinfo *bi)
{
	uint64_t addr, size;
	int resv, node, err;

	for (unsigned i = 0; (err = fdt_rsvmap_entry(fdt, i, &addr, &size)) == 0; i++)
		if (bootinfo_reserve(bi, addr, addr + size, "memreserve"))
			return table_full("reserved");
	if (err != -ENOENT)
		return dt_fail(fdt, "bad memory reservation map");

	resv = fdt_path(fdt, "/reserved-memory");
	if (resv == -ENOENT)
		return 0;
	if (resv < 0)
		return dt_fail(fdt, "cannot find /reserved-memory");
	for (node = fdt_first_child(fdt, resv); node >= 0; node = fdt_next_sibling(fdt, node)) {
		char name[BOOT_NAME_MAX];

		/* Regions without reg are allocated dynamically: none here. */
		short_name(name, sizeof(name), fdt_node_name(fdt, node));
		err = dt_add_regs(fdt, node, bi, false, name);
		if (err)
			return err;
	}
	return node == -ENOENT ? 0 : dt_fail(fdt, "cannot walk /reserved-memory");
}

/* dt_chosen() reads the command line and the initrd from /chosen. */
static int dt_chosen(struct fdt *fdt, struct bootinfo *bi)
{
	const char *args;
	uint64_t start, end;
	int chosen, err, err2;

	chosen = fdt_path(fdt, "/chosen");
	if (chosen == -ENOENT)
		return 0;
	if (chosen < 0)
		return dt_fail(fdt, "cannot find /chosen");

	err = fdt_prop_string(fdt, chosen, "bootargs", &args);
	if (err == 0)
		bootinfo_set_cmdline(bi, args, strlen(args));
	else if (err != -ENOENT)
		return dt_fail(fdt, "bad /chosen/bootargs");

	err = fdt_prop_uint(fdt, chosen, "linux,initrd-start", &start);
	err2 = fdt_prop_uint(fdt, chosen, "linux,initrd-end", &end);
	if (err == -ENOENT && err2 == -ENOENT)
		return 0;
	if (err || err2)
		return dt_fail(fdt, "bad linux,initrd-start or linux,initrd-end");
	if (end < start) {
		pr_err("riscv: the initrd ends (0x%lx) before it starts (0x%lx)\n",
		       (unsigned long)end, (unsigned long)start);
		return -EINVAL;
	}
	bi->initrd_start = start;
	bi->initrd_end = end;
	if (bootinfo_reserve(bi, start, end, "initrd"))
		return table_full("reserved");
	return 0;
}

/* dt_cpu() finds the boot hart's node, its ISA and the timebase. */
static int dt_cpu(struct fdt *fdt, int *intc_phandle)
{
	struct riscv_platform *plat = &riscv_platform;
	uint64_t tb, addr, size;
	const char *isa;
	int cpus, cpu, intc;

	*intc_phandle = -1;
	cpus = fdt_path(fdt, "/cpus");
	if (cpus < 0)
		return cpus == -ENOENT ? 0 : dt_fail(fdt, "cannot find /cpus");
	if (fdt_prop_uint(fdt, cpus, "timebase-frequency", &tb) == 0 && tb)
		plat->timebase_hz = tb;
	for (cpu = fdt_first_child(fdt, cpus); cpu >= 0; cpu = fdt_next_sibling(fdt, cpu)) {
		uint32_t phandle;

		if (fdt_reg(fdt, cpu, 0, &addr, &size) || addr != boot_hartid)
			continue;
		if (fdt_prop_string(fdt, cpu, "riscv,isa", &isa) == 0)
			strlcpy(plat->isa, isa, sizeof(plat->isa));
		/* Per-cpu timebase-frequency, where a tree puts it there. */
		if (fdt_prop_uint(fdt, cpu, "timebase-frequency", &tb) == 0 && tb)
			plat->timebase_hz = tb;
		intc = fdt_subnode(fdt, cpu, "interrupt-controller");
		if (intc >= 0 && fdt_prop_u32(fdt, intc, "phandle", &phandle) == 0)
			*intc_phandle = (int)phandle;
		break;
	}
	return 0;
}

/*
 * dt_plic() finds the PLIC, its number of sources, and which of its
 * contexts is the boot hart's S-mode one: contexts are listed in order in
 * interrupts-extended as (interrupt-controller phandle, cause) pairs.
 */
static int dt_plic(struct fdt *fdt, int intc_phandle)
{
	struct riscv_platform *plat = &riscv_platform;
	const uint8_t *cells;
	const void *val;
	uint64_t addr, size;
	uint32_t ndev, len;
	int plic;

	plic = fdt_find_compatible(fdt, -1, "riscv,plic0");
	if (plic == -ENOENT)
		plic = fdt_find_compatible(fdt, -1, "sifive,plic-1.0.0");
	if (plic == -ENOENT) {
		pr_warn("riscv: no PLIC in the device tree: no device interrupts\n");
		plat->plic_base = 0;
		return 0;
	}
	if (plic < 0 || fdt_reg(fdt, plic, 0, &addr, &size))
		return dt_fail(fdt, "bad PLIC node");
	plat->plic_base = addr;
	plat->plic_size = size;
	if (fdt_prop_u32(fdt, plic, "riscv,ndev", &ndev) == 0 && ndev < 1024)
		plat->plic_ndev = ndev;
	if (fdt_prop(fdt, plic, "interrupts-extended", &val, &len) == 0) {
		cells = val;
		for (uint32_t i = 0; (i + 1) * 8 <= len; i++) {
			uint32_t ph = (uint32_t)cells[i * 8] << 24 | cells[i * 8 + 1] << 16 |
				      cells[i * 8 + 2] << 8 | cells[i * 8 + 3];
			uint32_t cause = (uint32_t)cells[i * 8 + 4] << 24 |
					 cells[i * 8 + 5] << 16 | cells[i * 8 + 6] << 8 |
					 cells[i * 8 + 7];

			if (cause == PLIC_CAUSE_S_EXT &&
			    (intc_phandle < 0 || ph == (uint32_t)intc_phandle)) {
				plat->plic_context = i;
				break;
			}
		}
	}
	return 0;
}

/* dt_devices() finds the UART, the test finisher and the PLIC. */
static int dt_devices(struct fdt *fdt)
{
	struct riscv_platform *plat = &riscv_platform;
	uint64_t addr, size;
	uint32_t shift, irq;
	int node, intc_phandle, err;

	err = dt_cpu(fdt, &intc_phandle);
	if (err)
		return err;

	node = fdt_find_compatible(fdt, -1, "ns16550a");
	if (node >= 0 && fdt_reg(fdt, node, 0, &addr, &size) == 0) {
		plat->uart_base = addr;
		if (fdt_prop_u32(fdt, node, "reg-shift", &shift) == 0 && shift < 4)
			plat->uart_shift = shift;
		if (fdt_prop_u32(fdt, node, "interrupts", &irq) == 0)
			plat->uart_irq = irq;
	}

	node = fdt_find_compatible(fdt, -1, "sifive,test0");
	if (node >= 0 && fdt_reg(fdt, node, 0, &addr, &size) == 0)
		plat->finisher_base = addr;
	else
		plat->finisher_base = 0;	/* power off through SBI only */

	return dt_plic(fdt, intc_phandle);
}

/* loader_name() names the firmware: "OpenSBI v1.1, SBI 1.0". */
static const char *loader_name(void)
{
	static char name[48];
	struct sbiret spec = sbi_call(SBI_EXT_BASE, 0, 0, 0, 0);
	struct sbiret impl = sbi_call(SBI_EXT_BASE, 1, 0, 0, 0);
	struct sbiret ver = sbi_call(SBI_EXT_BASE, 2, 0, 0, 0);

	if (spec.error)
		return "SBI v0.1 firmware";
	if (impl.value == 1)	/* OpenSBI: major << 16 | minor */
		snprintf(name, sizeof(name), "OpenSBI v%lu.%lu, SBI %lu.%lu",
			 (unsigned long)ver.value >> 16, (unsigned long)ver.value & 0xffff,
			 (unsigned long)spec.value >> 24 & 0x7f,
			 (unsigned long)spec.value & 0xffffff);
	else
		snprintf(name, sizeof(name), "%s, SBI %lu.%lu", sbi_impl_name(impl.value),
			 (unsigned long)spec.value >> 24 & 0x7f,
			 (unsigned long)spec.value & 0xffffff);
	return name;
}

/*
 * arch_boot_info() reads the device tree OpenSBI passed in a1: RAM,
 * reservations (the map, /reserved-memory, the kernel, the DTB, the
 * initrd), the command line, and the devices the port drives. Returns 0,
 * or a negative errno after printing what is wrong with the tree.
 */
int arch_boot_info(struct bootinfo *bi)
{
	struct fdt fdt;
	paddr_t pa = boot_dtb_pa;
	size_t limit;
	int err;

	bi->loader = loader_name();
	if (pa == 0 || pa % 8 || pa >= EARLY_MAP_LIMIT - PAGE_SIZE) {
		pr_err("riscv: the firmware passed no usable device tree (a1 = 0x%lx)\n",
		       (unsigned long)pa);
		return -EINVAL;
	}
	limit = MIN(EARLY_MAP_LIMIT - pa, DTB_MAX_SIZE);
	if (fdt_init(&fdt, phys_to_virt(pa), limit))
		return dt_fail(&fdt, "refused");

	err = dt_memory(&fdt, bi);
	if (!err)
		err = dt_reserved(&fdt, bi);
	if (!err)
		err = dt_chosen(&fdt, bi);
	if (!err)
		err = dt_devices(&fdt);
	if (err)
		return err;

	if (bootinfo_reserve(bi, virt_to_phys(__kernel_start), virt_to_phys(__kernel_end),
			     "kernel") ||
	    bootinfo_reserve(bi, pa, pa + fdt.totalsize, "dtb"))
		return table_full("reserved");
	return 0;
}

/* ---- CPU, power, idle ---------------------------------------------------- */

/* arch_cpu_describe() prints hart, ISA (from the device tree), SBI version. */
void arch_cpu_describe(void)
{
	struct sbiret spec = sbi_call(SBI_EXT_BASE, 0, 0, 0, 0);

	pr_info("cpu: hart %lu, %s, SBI %lu.%lu, Sv39, timebase %lu Hz\n", boot_hartid,
		riscv_platform.isa, (unsigned long)spec.value >> 24 & 0x7f,
		(unsigned long)spec.value & 0xffffff,
		(unsigned long)riscv_platform.timebase_hz);
}

/*
 * arch_poweroff() ends QEMU through the test finisher, with SBI system
 * reset (which cannot report failure) as the fallback, then halts.
 */
void arch_poweroff(int status)
{
	unsigned code = (unsigned)status & 0xff;

	arch_irq_disable();
	/*
	 * QEMU's test finisher: 0x5555 exits with status 0; (code << 16) |
	 * 0x3333 exits with code, cut to 8 bits, so never let it be 0.
	 */
	if (riscv_platform.finisher_base) {
		volatile uint32_t *finisher = phys_to_virt(riscv_platform.finisher_base);

		*finisher = status == 0 ? 0x5555 : (code ? code : 1) << 16 | 0x3333;
	}
	/* SBI system reset: shutdown, "system failure" if status says so. */
	if (sbi_probe(SBI_EXT_SRST))
		sbi_call(SBI_EXT_SRST, 0, 0, status ? 1 : 0, 0);
	sbi_call(SBI_LEGACY_SHUTDOWN, 0, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}

/* arch_idle() waits for an interrupt and returns with interrupts enabled. */
void arch_idle(void)
{
	/*
	 * wfi wakes on any interrupt enabled in sie, even with sstatus.SIE
	 * off, so no wake-up is lost between the caller's check and here;
	 * enabling interrupts afterwards takes it.
	 */
	__asm__ volatile("wfi");
	arch_irq_enable();
}
