/*
 * kernel/time_test.c - the periodic timer interrupt is running.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"

KTEST(time, interrupts_are_enabled_after_boot)
{
	KT_EXPECT(arch_irq_enabled());
}

KTEST(time, ticks_advance)
{
	uint64_t start = ticks;

	/* Each wait ends at the next interrupt; the timer is one of them. */
	for (int i = 0; i < 1000 && ticks < start + 3; i++)
		arch_idle();
	KT_EXPECT(ticks >= start + 3);
}

KTEST(time, masking_interrupts_stops_ticks)
{
	unsigned long flags = arch_irq_save();
	uint64_t start = ticks;

	KT_EXPECT(!arch_irq_enabled());
	for (volatile int i = 0; i < 2000000; i++)
		;
	KT_EXPECT(ticks == start);
	arch_irq_restore(flags);
	KT_EXPECT(arch_irq_enabled());
}
