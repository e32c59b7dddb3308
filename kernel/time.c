/*
 * kernel/time.c - the periodic tick.
 *
 * The port programs its timer (the LAPIC timer on x86_64, the SBI timer on
 * riscv64) to interrupt HZ times a second and calls timer_tick() each time;
 * the scheduler counts time slices and timed sleeps from here.
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"

volatile uint64_t ticks;

void timer_tick(void)
{
	ticks++;
	tty_tick();
	sched_tick();
}
