/*
 * arch/riscv/intr.c - the PLIC, the SBI timer, and the interrupt-enable
 * bit.
 *
 * Device interrupts reach the hart through the platform-level interrupt
 * controller (PLIC): each source has a priority, each context (a hart in a
 * privilege mode) an enable bit per source and a threshold; a context
 * claims the highest pending source, and completes it when handled. On
 * the virt board hart 0's S-mode context is 1 (setup.c reads it from the
 * device tree). The timer is the SBI's: set_timer arms one interrupt at an
 * absolute time, so every tick re-arms the next.
 *
 * Register map of the PLIC (offsets from its base):
 *   0x000000 + 4 * src                       priority of source src
 *   0x002000 + 0x80 * ctx + 4 * (src / 32)   enable bits of context ctx
 *   0x200000 + 0x1000 * ctx                  threshold of context ctx
 *   0x200004 + 0x1000 * ctx                  claim / complete
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "cpu.h"

#define PLIC_PRIORITY(src)	(4UL * (src))
#define PLIC_ENABLE(ctx, src)	(0x2000UL + 0x80UL * (ctx) + 4UL * ((src) / 32))
#define PLIC_THRESHOLD(ctx)	(0x200000UL + 0x1000UL * (ctx))
#define PLIC_CLAIM(ctx)		(0x200004UL + 0x1000UL * (ctx))

static uint64_t timer_interval;	/* timebase ticks per timer interrupt */
static uint64_t timer_next;	/* when the armed interrupt is due */

static volatile uint32_t *plic_reg(unsigned long off)
{
	return phys_to_virt(riscv_platform.plic_base + off);
}

/* arch_intr_init() masks every PLIC source for this hart and turns on sie.SEIE. */
void arch_intr_init(void)
{
	const struct riscv_platform *plat = &riscv_platform;
	unsigned ctx = plat->plic_context;

	if (!plat->plic_base)
		return;
	/*
	 * Every source at priority 0 (never delivered) and disabled. The
	 * enable words cover sources 0..31, 32..63, ...; QEMU 7.2's virt PLIC
	 * has one enable word fewer than its riscv,ndev (96) suggests and logs
	 * a guest error for the fourth, so only whole words below ndev are
	 * written: a source past them keeps its reset state, disabled.
	 */
	for (unsigned src = 1; src <= plat->plic_ndev; src++)
		*plic_reg(PLIC_PRIORITY(src)) = 0;
	for (unsigned src = 0; src < plat->plic_ndev; src += 32)
		*plic_reg(PLIC_ENABLE(ctx, src)) = 0;
	*plic_reg(PLIC_THRESHOLD(ctx)) = 0;
	csr_set(sie, SIE_SEIE);
}

/*
 * arch_irq_unmask() gives source @irq priority 1 (above the threshold) and
 * enables it for this hart's S-mode context. -EINVAL if no such source.
 */
int arch_irq_unmask(unsigned irq)
{
	const struct riscv_platform *plat = &riscv_platform;
	unsigned ctx = plat->plic_context;

	if (!plat->plic_base || irq == 0 || irq > plat->plic_ndev)
		return -EINVAL;
	*plic_reg(PLIC_PRIORITY(irq)) = 1;
	*plic_reg(PLIC_ENABLE(ctx, irq)) |= 1u << (irq % 32);
	return 0;
}

/* riscv_plic_mask() turns source @irq off again (priority 0, disabled). */
void riscv_plic_mask(unsigned irq)
{
	const struct riscv_platform *plat = &riscv_platform;

	if (!plat->plic_base || irq == 0 || irq > plat->plic_ndev)
		return;
	*plic_reg(PLIC_PRIORITY(irq)) = 0;
	*plic_reg(PLIC_ENABLE(plat->plic_context, irq)) &= ~(1u << (irq % 32));
}

/* riscv_plic_unmasked() is true if source @irq has a priority above 0. */
bool riscv_plic_unmasked(unsigned irq)
{
	const struct riscv_platform *plat = &riscv_platform;

	if (!plat->plic_base || irq == 0 || irq > plat->plic_ndev)
		return false;
	return *plic_reg(PLIC_PRIORITY(irq)) != 0;
}

/* riscv_plic_claim() takes the highest pending source (0: none). */
unsigned riscv_plic_claim(void)
{
	return *plic_reg(PLIC_CLAIM(riscv_platform.plic_context));
}

/* riscv_plic_complete() tells the PLIC that @irq has been handled. */
void riscv_plic_complete(unsigned irq)
{
	*plic_reg(PLIC_CLAIM(riscv_platform.plic_context)) = irq;
}

/* riscv_external_interrupt() handles every source the PLIC has pending. */
void riscv_external_interrupt(void)
{
	unsigned irq;

	if (!riscv_platform.plic_base)
		return;
	while ((irq = riscv_plic_claim()) != 0) {
		irq_handle(irq);
		riscv_plic_complete(irq);
	}
}

/*
 * arch_timer_init() arms the first SBI timer interrupt timebase/@hz ticks
 * from now and turns on sie.STIE. -EINVAL if @hz is 0 or above the timebase.
 */
int arch_timer_init(unsigned hz)
{
	if (hz == 0 || riscv_platform.timebase_hz < hz)
		return -EINVAL;
	timer_interval = riscv_platform.timebase_hz / hz;
	timer_next = rdtime() + timer_interval;
	sbi_set_timer(timer_next);
	csr_set(sie, SIE_STIE);
	return 0;
}

/*
 * riscv_timer_interrupt() re-arms the timer one interval after the last
 * deadline (so ticks do not drift), or after now if the kernel fell
 * behind, then counts the tick. Setting the timer clears the pending bit.
 */
void riscv_timer_interrupt(void)
{
	uint64_t now = rdtime();

	timer_next += timer_interval;
	if (timer_next <= now)
		timer_next = now + timer_interval;
	sbi_set_timer(timer_next);
	timer_tick();
}

/* ---- the interrupt-enable bit (sstatus.SIE) ------------------------------ */

/* arch_irq_enable() and the rest: sstatus.SIE is the one local switch. */
void arch_irq_enable(void)
{
	csr_set(sstatus, SSTATUS_SIE);
}

void arch_irq_disable(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
}

unsigned long arch_irq_save(void)
{
	return csr_read_clear(sstatus, SSTATUS_SIE) & SSTATUS_SIE;
}

void arch_irq_restore(unsigned long flags)
{
	if (flags & SSTATUS_SIE)
		csr_set(sstatus, SSTATUS_SIE);
}

bool arch_irq_enabled(void)
{
	return (csr_read(sstatus) & SSTATUS_SIE) != 0;
}
