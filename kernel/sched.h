/*
 * kernel/sched.h - the scheduler (kernel/sched.c).
 */
#ifndef ATLAS_SCHED_H
#define ATLAS_SCHED_H

#include "kernel/types.h"

struct task;

/* schedule() gives the CPU to the next runnable task (or idles). */
void schedule(void);

/* sched_yield_cpu() lets every other runnable task run first. */
void sched_yield_cpu(void);

/* sched_make_runnable() puts @t on the run queue (state 'R'). */
void sched_make_runnable(struct task *t);

/*
 * sleep_on() makes the running task sleep until wakeup(@chan) or a
 * signal. The caller checks its condition again afterwards: wakeups are
 * not counted. Returns 0, or -EINTR when a signal is pending (the system
 * call then gives up, or restarts in user space).
 */
int sleep_on(const void *chan);

/* sched_wake() makes a sleeping or stopped @t runnable (for signals). */
void sched_wake(struct task *t);

/* wakeup() makes every task sleeping on @chan runnable. */
void wakeup(const void *chan);

/* sleep_ticks() sleeps for @n timer ticks: 0, or -EINTR for a signal. */
int sleep_ticks(uint64_t n);

/* sched_tick() is the timer's: wake timed sleepers, end time slices. */
void sched_tick(void);

/* sched_idle() is what task 0 does once the system runs: never returns. */
__noreturn void sched_idle(void);

#endif
