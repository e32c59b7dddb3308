/*
 * arch/x86_64/intr.c - the local APIC, the IOAPIC and the periodic timer.
 *
 * Interrupts reach the CPU through two controllers. The local APIC
 * (xAPIC, MMIO) belongs to the CPU: it owns the timer and the end-of-
 * interrupt register. The IOAPIC routes device lines: input n becomes
 * vector VEC_IRQ_BASE + n. Atlas reads no ACPI tables yet, so ISA IRQ n is
 * taken to be IOAPIC input n (true for the serial ports and most ISA lines
 * on PCs; the PIT's IRQ 0 would be input 2, but Atlas does not use it).
 *
 * The LAPIC timer's rate is not architectural (and under QEMU's TCG it runs
 * on the host clock), so arch_timer_init() measures it against the PIT,
 * whose rate is: 1193182 Hz.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "cpu.h"

/* Local APIC registers (byte offsets into its 4 KiB page). */
#define LAPIC_ID		0x020
#define LAPIC_TPR		0x080
#define LAPIC_EOI		0x0b0
#define LAPIC_SVR		0x0f0
#define LAPIC_ESR		0x280
#define LAPIC_LVT_TIMER		0x320
#define LAPIC_LVT_LINT0		0x350
#define LAPIC_LVT_LINT1		0x360
#define LAPIC_LVT_ERROR		0x370
#define LAPIC_TIMER_INIT	0x380
#define LAPIC_TIMER_CURRENT	0x390
#define LAPIC_TIMER_DIVIDE	0x3e0

#define SVR_ENABLE		(1u << 8)
#define LVT_MASKED		(1u << 16)
#define LVT_PERIODIC		(1u << 17)
#define LVT_NMI			(4u << 8)
#define TIMER_DIVIDE_16		0x3
#define APIC_BASE_ENABLE	(1ull << 11)
#define APIC_BASE_ADDR		0x0000000ffffff000ull

/* IOAPIC: an index register and a data window. */
#define IOAPIC_REGSEL		0x00
#define IOAPIC_WINDOW		0x10
#define IOAPIC_VER		0x01
#define IOAPIC_REDTBL(n)	(0x10 + 2 * (n))
#define RTE_MASKED		(1u << 16)
#define RTE_LEVEL		(1u << 15)
#define RTE_ACTIVE_LOW		(1u << 13)

/* PIT channel 2, gated by port 0x61; its output is readable there too. */
#define PIT_HZ			1193182u
#define PIT_CH2			0x42
#define PIT_CMD			0x43
#define PIT_GATE_PORT		0x61
#define PIT_GATE		0x01
#define PIT_SPEAKER		0x02
#define PIT_OUT2		0x20
#define CALIBRATE_MS		10u

static volatile uint32_t *lapic;
static volatile uint32_t *ioapic;
static unsigned ioapic_inputs;

paddr_t lapic_phys(void)
{
	return rdmsr(MSR_APIC_BASE) & APIC_BASE_ADDR;
}

static uint32_t lapic_read(unsigned reg)
{
	return lapic[reg / 4];
}

static void lapic_write(unsigned reg, uint32_t val)
{
	lapic[reg / 4] = val;
	(void)lapic[LAPIC_ID / 4];	/* wait for the write to land */
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

static uint32_t ioapic_read(unsigned reg)
{
	ioapic[IOAPIC_REGSEL / 4] = reg;
	return ioapic[IOAPIC_WINDOW / 4];
}

static void ioapic_write(unsigned reg, uint32_t val)
{
	ioapic[IOAPIC_REGSEL / 4] = reg;
	ioapic[IOAPIC_WINDOW / 4] = val;
}

/*
 * lapic_init() enables the local APIC with every local source masked
 * except NMI on LINT1 (the PC wiring) and the error interrupt.
 */
static void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if (!(base & APIC_BASE_ENABLE))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = phys_to_virt(base & APIC_BASE_ADDR);

	lapic_write(LAPIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LVT_NMI);
	lapic_write(LAPIC_LVT_ERROR, VEC_APIC_ERROR);
	lapic_write(LAPIC_ESR, 0);	/* the ESR is cleared by two writes */
	lapic_write(LAPIC_ESR, 0);
	lapic_eoi();
}

/* ioapic_init() masks every input, each pointing at its future vector. */
static void ioapic_init(void)
{
	ioapic = phys_to_virt(IOAPIC_PHYS);
	ioapic_inputs = ((ioapic_read(IOAPIC_VER) >> 16) & 0xff) + 1;
	if (ioapic_inputs > VEC_IRQ_LAST - VEC_IRQ_BASE + 1)
		ioapic_inputs = VEC_IRQ_LAST - VEC_IRQ_BASE + 1;
	for (unsigned i = 0; i < ioapic_inputs; i++) {
		ioapic_write(IOAPIC_REDTBL(i), RTE_MASKED | (VEC_IRQ_BASE + i));
		ioapic_write(IOAPIC_REDTBL(i) + 1, 0);
	}
}

void arch_intr_init(void)
{
	lapic_init();
	ioapic_init();
	pr_info("intr: local APIC %u at %#lx, IOAPIC with %u inputs at %#lx\n",
		lapic_read(LAPIC_ID) >> 24, (unsigned long)lapic_phys(),
		ioapic_inputs, (unsigned long)IOAPIC_PHYS);
}

/*
 * arch_irq_unmask() routes IOAPIC input @irq to this CPU. ISA lines
 * (0-15) are edge-triggered, active high; PCI lines (16-23) are level-
 * triggered, active low. Returns 0, or -EINVAL for an input that does not
 * exist.
 */
int arch_irq_unmask(unsigned irq)
{
	uint32_t low = VEC_IRQ_BASE + irq;	/* fixed delivery, physical mode */
	unsigned long flags;

	if (!ioapic || irq >= ioapic_inputs)
		return -EINVAL;
	if (irq >= 16)
		low |= RTE_LEVEL | RTE_ACTIVE_LOW;
	flags = arch_irq_save();
	ioapic_write(IOAPIC_REDTBL(irq) + 1, (lapic_read(LAPIC_ID) >> 24) << 24);
	ioapic_write(IOAPIC_REDTBL(irq), low);
	arch_irq_restore(flags);
	return 0;
}

/*
 * lapic_timer_calibrate() counts LAPIC timer ticks (divided by 16) during
 * CALIBRATE_MS milliseconds of PIT channel 2, in one-shot mode 0: its
 * output goes high when the count runs out. Returns the ticks per second,
 * or 0 if the PIT never finished.
 */
static uint64_t lapic_timer_calibrate(void)
{
	uint32_t count = PIT_HZ * CALIBRATE_MS / 1000;
	uint32_t elapsed;
	uint8_t gate;
	unsigned long spins = 0;

	gate = inb(PIT_GATE_PORT);
	outb(PIT_GATE_PORT, (gate & ~PIT_SPEAKER) | PIT_GATE);
	outb(PIT_CMD, 0xb0);		/* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CH2, count & 0xff);

	lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	outb(PIT_CH2, count >> 8);	/* the high byte starts the count */

	while (!(inb(PIT_GATE_PORT) & PIT_OUT2))
		if (++spins > 100000000)
			break;
	elapsed = 0xffffffff - lapic_read(LAPIC_TIMER_CURRENT);
	lapic_write(LAPIC_TIMER_INIT, 0);
	outb(PIT_GATE_PORT, gate);
	if (spins > 100000000)
		return 0;
	return (uint64_t)elapsed * 1000 / CALIBRATE_MS;
}

int arch_timer_init(unsigned hz)
{
	uint64_t rate;
	uint32_t period;

	if (!lapic || hz == 0)
		return -EINVAL;
	rate = lapic_timer_calibrate();
	if (rate == 0) {
		pr_err("timer: the PIT never counted down; cannot calibrate the "
		       "LAPIC timer\n");
		return -ENODEV;
	}
	period = rate / hz;
	if (period == 0)
		return -EINVAL;
	lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, period);
	pr_info("timer: LAPIC timer %lu kHz (calibrated against the PIT), %u Hz\n",
		(unsigned long)(rate / 1000), hz);
	return 0;
}

void arch_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

unsigned long arch_irq_save(void)
{
	unsigned long flags = read_rflags();

	arch_irq_disable();
	return flags & RFLAGS_IF;
}

void arch_irq_restore(unsigned long flags)
{
	if (flags & RFLAGS_IF)
		arch_irq_enable();
}

bool arch_irq_enabled(void)
{
	return read_rflags() & RFLAGS_IF;
}
