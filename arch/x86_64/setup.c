/*
 * arch/x86_64/setup.c - bringing the CPU into the state Atlas runs in, and
 * the small machine services: boot information, the console's I/O ports,
 * power-off, idle.
 *
 * arch_early_init() is the first thing kmain() calls. It replaces the boot
 * GDT with the real one (kernel and user segments, a TSS whose interrupt
 * stacks catch double faults and NMIs), installs the IDT (every vector goes
 * to a stub in entry.S), silences the legacy 8259 PICs, turns on the
 * protection features the CPU has (write protection in ring 0, NX, SMEP,
 * SMAP, global pages, a write-combining PAT entry), brings up the UART,
 * and prepares user mode (usermode_init(): GS, the syscall MSRs, FP/SSE).
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/sections.h"
#include "drivers/uart16550.h"
#include "cpu.h"
#include "multiboot.h"

struct x86_features x86_cpu;

/* ---- GDT and TSS ------------------------------------------------------- */

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];	/* stacks for entry from rings 0-2 (rsp0: user mode) */
	uint64_t reserved1;
	uint64_t ist[7];	/* interrupt stack table, IST 1-7 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;	/* = sizeof(struct tss): no I/O bitmap */
} __packed;

#define IST_STACK_SIZE	(8 * 1024)
static uint8_t double_fault_stack[IST_STACK_SIZE] __aligned(16);
static uint8_t nmi_stack[IST_STACK_SIZE] __aligned(16);

static struct tss tss __aligned(16);

/*
 * Segment descriptors. In long mode only a few bits matter: L (64-bit
 * code), DPL, present, and code or data. GDT_USER32_CS stays null: SYSRET
 * takes user ss and cs relative to it and Atlas runs no 32-bit code.
 */
static uint64_t gdt[8] __aligned(16) = {
	[GDT_KERNEL_CS / 8] = 0x00af9a000000ffff,	/* code, DPL 0, L */
	[GDT_KERNEL_DS / 8] = 0x00cf92000000ffff,	/* data, DPL 0 */
	[GDT_USER_DS / 8]   = 0x00cff2000000ffff,	/* data, DPL 3 */
	[GDT_USER_CS / 8]   = 0x00affa000000ffff,	/* code, DPL 3, L */
	/* GDT_TSS: filled by gdt_init(), it holds a pointer */
};

struct descriptor_ptr {
	uint16_t limit;
	uint64_t base;
} __packed;

static void gdt_init(void)
{
	uint64_t base = (uint64_t)(uintptr_t)&tss;
	uint64_t limit = sizeof(tss) - 1;
	struct descriptor_ptr gdtr = { sizeof(gdt) - 1, (uint64_t)(uintptr_t)gdt };

	tss.ist[IST_DOUBLE_FAULT - 1] = (uintptr_t)double_fault_stack + IST_STACK_SIZE;
	tss.ist[IST_NMI - 1] = (uintptr_t)nmi_stack + IST_STACK_SIZE;
	tss.iomap_base = sizeof(tss);

	/* A 64-bit TSS descriptor: type 9 (available), present, 16 bytes. */
	gdt[GDT_TSS / 8] = (limit & 0xffff) | (base & 0xffffff) << 16 |
			   0x89ull << 40 | ((limit >> 16) & 0xf) << 48 |
			   ((base >> 24) & 0xff) << 56;
	gdt[GDT_TSS / 8 + 1] = base >> 32;

	/* Load it, reload cs with a far return, then the data segments. */
	__asm__ volatile(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"mov %2, %%ds\n\t"
		"mov %2, %%es\n\t"
		"mov %2, %%ss\n\t"
		"mov %3, %%fs\n\t"
		"mov %3, %%gs\n\t"
		"ltr %w4"
		: : "m"(gdtr), "i"(GDT_KERNEL_CS), "r"(GDT_KERNEL_DS), "r"(0),
		    "r"(GDT_TSS)
		: "rax", "memory");
}

void tss_set_rsp0(uintptr_t top)
{
	tss.rsp[0] = top;
}

/* ---- IDT --------------------------------------------------------------- */

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;		/* present | DPL << 5 | 0xe (interrupt gate) */
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __packed;

static struct idt_gate idt[256] __aligned(16);

static void idt_set(unsigned vec, unsigned ist, unsigned dpl)
{
	uint64_t addr = (uintptr_t)trap_stubs + vec * TRAP_STUB_SIZE;

	idt[vec] = (struct idt_gate){
		.offset_lo = addr & 0xffff,
		.selector = GDT_KERNEL_CS,
		.ist = ist,
		.type = 0x80 | dpl << 5 | 0xe,
		.offset_mid = (addr >> 16) & 0xffff,
		.offset_hi = addr >> 32,
	};
}

/*
 * Every vector is an interrupt gate (interrupts stay off in handlers).
 * int3 may be issued from user mode; a double fault and an NMI switch to
 * their own stacks, so they are handled even when the kernel stack is
 * gone.
 */
static void idt_init(void)
{
	struct descriptor_ptr idtr = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };

	for (unsigned v = 0; v < 256; v++)
		idt_set(v, 0, 0);
	idt_set(2, IST_NMI, 0);
	idt_set(3, 0, 3);
	idt_set(8, IST_DOUBLE_FAULT, 0);
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

/* ---- the legacy PIC ------------------------------------------------------ */

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

static void io_wait(void)
{
	outb(0x80, 0);	/* an unused port: gives an old PIC time to settle */
}

/*
 * pic_disable() silences the two 8259s; the IOAPIC takes their place.
 * They are first moved to vectors VEC_PIC_BASE.. so that a spurious
 * interrupt they may still raise does not look like a CPU exception.
 */
static void pic_disable(void)
{
	static const uint8_t init[][2] = {
		{ PIC1_CMD, 0x11 }, { PIC2_CMD, 0x11 },		/* ICW1: init, ICW4 follows */
		{ PIC1_DATA, VEC_PIC_BASE }, { PIC2_DATA, VEC_PIC_BASE + 8 },
		{ PIC1_DATA, 4 }, { PIC2_DATA, 2 },		/* ICW3: cascade on IRQ2 */
		{ PIC1_DATA, 1 }, { PIC2_DATA, 1 },		/* ICW4: 8086 mode */
		{ PIC1_DATA, 0xff }, { PIC2_DATA, 0xff },	/* mask everything */
	};

	for (unsigned i = 0; i < ARRAY_SIZE(init); i++) {
		outb(init[i][0], init[i][1]);
		io_wait();
	}
}

/* ---- CPU features ---------------------------------------------------------- */

#define PAT_WB		6ull
#define PAT_WC		1ull
#define PAT_UC_MINUS	7ull
#define PAT_UC		0ull
/* Entries 0-3 (and again 4-7): WB, WC, UC-, UC. PTE PWT alone selects WC. */
#define PAT_ATLAS	((PAT_WB | PAT_WC << 8 | PAT_UC_MINUS << 16 | PAT_UC << 24) * \
			 0x100000001ull)

static void cpu_identify(void)
{
	uint32_t r[4], max, max_ext;

	cpuid(0, 0, r);
	max = r[0];
	memcpy(x86_cpu.vendor, &r[1], 4);
	memcpy(x86_cpu.vendor + 4, &r[3], 4);
	memcpy(x86_cpu.vendor + 8, &r[2], 4);
	x86_cpu.vendor[12] = '\0';

	cpuid(1, 0, r);
	x86_cpu.pge = r[3] & (1u << 13);
	x86_cpu.pat = r[3] & (1u << 16);
	if (max >= 7) {
		cpuid(7, 0, r);
		x86_cpu.smep = r[1] & (1u << 7);
		x86_cpu.smap = r[1] & (1u << 20);
	}
	cpuid(0x80000000, 0, r);
	max_ext = r[0];
	if (max_ext >= 0x80000001) {
		cpuid(0x80000001, 0, r);
		x86_cpu.nx = r[3] & (1u << 20);
	}
	if (max_ext >= 0x80000004) {
		for (unsigned i = 0; i < 3; i++) {
			cpuid(0x80000002 + i, 0, r);
			memcpy(x86_cpu.brand + 16 * i, r, 16);
		}
		x86_cpu.brand[48] = '\0';
	}
}

/*
 * cpu_protect() turns on what keeps the kernel honest: ring 0 obeys
 * read-only pages (CR0.WP), data is not executable (EFER.NXE), the kernel
 * neither executes (SMEP) nor touches (SMAP) user pages by accident.
 */
static void cpu_protect(void)
{
	uint64_t cr4 = read_cr4();

	write_cr0(read_cr0() | CR0_WP);
	if (x86_cpu.nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	if (x86_cpu.smep)
		cr4 |= CR4_SMEP;
	if (x86_cpu.smap)
		cr4 |= CR4_SMAP;
	if (x86_cpu.pge)
		cr4 |= CR4_PGE;
	write_cr4(cr4);
	if (x86_cpu.pat)
		wrmsr(MSR_PAT, PAT_ATLAS);
}

void arch_early_init(void)
{
	gdt_init();
	idt_init();
	pic_disable();
	uart_init();
	cpu_identify();
	cpu_protect();
	usermode_init();
}

void arch_cpu_describe(void)
{
	const char *brand = x86_cpu.brand;

	while (*brand == ' ')
		brand++;
	pr_info("cpu: %s%s%s, NX %s, SMEP %s, SMAP %s, global pages %s, "
		"write-combining %s\n", x86_cpu.vendor, *brand ? " " : "", brand,
		x86_cpu.nx ? "on" : "absent", x86_cpu.smep ? "on" : "absent",
		x86_cpu.smap ? "on" : "absent", x86_cpu.pge ? "on" : "absent",
		x86_cpu.pat ? "on (PAT)" : "absent (uncached instead)");
}

/* ---- boot information ------------------------------------------------------- */

#define LOW_RESERVE_END	0x10000		/* BIOS data; Linux keeps out of it too */
#define BDA_EBDA_SEGMENT 0x40e		/* BIOS data area: EBDA segment */

/*
 * arch_boot_info() parses what the multiboot loader left (boot.S saved its
 * eax and ebx), then reserves what the loader did not mention: the kernel
 * image, the first 64 KiB (real-mode vectors and BIOS data) and the
 * extended BIOS data area below 640 KiB.
 */
int arch_boot_info(struct bootinfo *bi)
{
	struct mb_phys phys = {
		.offset = DIRECT_MAP_BASE, .lo = 0, .hi = EARLY_MAP_LIMIT,
	};
	paddr_t ebda;
	int err;

	err = multiboot_parse(boot_mb_magic, boot_mb_info, &phys, bi);
	if (err)
		return err;
	bootinfo_reserve(bi, virt_to_phys(__kernel_start), virt_to_phys(__kernel_end),
			 "kernel");
	bootinfo_reserve(bi, 0, LOW_RESERVE_END, "BIOS low");
	ebda = (paddr_t)*(volatile uint16_t *)phys_to_virt(BDA_EBDA_SEGMENT) << 4;
	if (ebda >= 0x80000 && ebda < 0xa0000)
		bootinfo_reserve(bi, ebda, 0xa0000, "EBDA");
	return 0;
}

/* ---- console UART: COM1 ------------------------------------------------------ */

#define COM1 0x3f8

uint8_t arch_uart_read(unsigned reg)
{
	return inb(COM1 + reg);
}

void arch_uart_write(unsigned reg, uint8_t val)
{
	outb(COM1 + reg, val);
}

/* ---- power and idle ------------------------------------------------------------ */

/* QEMU's isa-debug-exit: writing v ends QEMU with status (v << 1) | 1. */
#define DEBUG_EXIT_PORT		0xf4
#define DEBUG_EXIT_PASS		0x10	/* status 33 */
#define DEBUG_EXIT_FAIL		0x01	/* status 3 */

void arch_poweroff(int status)
{
	__asm__ volatile("cli");
	__asm__ volatile("outl %0, %w1" : :
			 "a"(status == 0 ? DEBUG_EXIT_PASS : DEBUG_EXIT_FAIL),
			 "Nd"(DEBUG_EXIT_PORT));
	/* Still here: no isa-debug-exit device (real hardware, other VMs). */
	printk(LOG_ERR, "atlas: cannot power off (no isa-debug-exit device); halted\n");
	for (;;)
		__asm__ volatile("cli; hlt");
}

void arch_idle(void)
{
	/* sti takes effect after the next instruction: no wake-up is lost. */
	__asm__ volatile("sti; hlt" : : : "memory");
}
