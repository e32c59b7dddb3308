/*
 * kernel/sched.c - the scheduler: a round-robin run queue, sleep and
 * wakeup, and preemption on the timer.
 *
 * Every runnable task except the one running is on the run queue, in the
 * order it became runnable. schedule() takes the first one and switches to
 * it; if there is none, task 0 (the idle task) runs and waits for an
 * interrupt. A task sleeps on a "channel" (any address that names what it
 * waits for) and wakeup(channel) makes every task sleeping on it runnable.
 *
 * The kernel is not preempted while it runs kernel code: a timer tick only
 * sets need_resched, and the switch happens on the way back to user mode
 * (trap_return_to_user()) or when the kernel sleeps. So kernel code
 * between two sleeps runs alone, which is what keeps the single-CPU
 * locking rules of this kernel simple.
 */
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/task.h"
#include "kernel/kernel.h"
#include "mm/vm.h"

#define TIMESLICE_TICKS 2	/* 20 ms at HZ = 100 */

static struct list_node run_queue = LIST_HEAD_INIT(run_queue);
static struct list_node sleepers = LIST_HEAD_INIT(sleepers);	/* timed sleeps */
static bool need_resched;
static unsigned slice_left = TIMESLICE_TICKS;

/*
 * Called from process context (wakeup) and from the timer interrupt
 * (sched_tick), so the run queue is edited with interrupts off: a tick in
 * the middle of a list_append() would otherwise corrupt it.
 */
void sched_make_runnable(struct task *t)
{
	unsigned long flags = arch_irq_save();

	t->state = 'R';
	t->wait_chan = NULL;
	if (t != current && list_empty(&t->runq))
		list_append(&run_queue, &t->runq);
	arch_irq_restore(flags);
}

/* Switches from the running task to the next runnable one (or idle). */
void schedule(void)
{
	unsigned long flags = arch_irq_save();
	struct task *prev = current, *next;

	for (;;) {
		if (!list_empty(&run_queue)) {
			next = list_entry(run_queue.next, struct task, runq);
			list_remove(&next->runq);
			break;
		}
		if (prev->state == 'R') {
			next = prev;		/* nobody else wants the CPU */
			break;
		}
		if (prev->pid != 0) {
			next = task_find(0);	/* idle */
			break;
		}
		/* Task 0 waits for something and nothing can run: wait for an interrupt. */
		arch_idle();
		arch_irq_disable();
	}
	if (prev->state == 'R' && prev != next && prev->pid != 0)
		list_append(&run_queue, &prev->runq);
	need_resched = false;
	slice_left = TIMESLICE_TICKS;
	if (next != prev) {
		if (prev->fpstate)
			arch_fp_save(prev->fpstate);
		current = next;
		if (next->kstack)
			arch_set_kernel_stack((uintptr_t)next->kstack + KSTACK_SIZE);
		if (next->mm != prev->mm || !next->mm)
			mm_switch(next->mm);
		if (next->fpstate)
			arch_fp_restore(next->fpstate);
		arch_switch(&prev->ctx, &next->ctx);
	}
	arch_irq_restore(flags);
}

void sched_yield_cpu(void)
{
	schedule();
}

int sleep_on(const void *chan)
{
	if (signal_pending(current))
		return -EINTR;
	current->state = 'S';
	current->wait_chan = chan;
	schedule();
	return signal_pending(current) ? -EINTR : 0;
}

void wakeup(const void *chan)
{
	struct task *t = NULL;

	while ((t = task_next(t)) != NULL)
		if (t->state == 'S' && t->wait_chan == chan)
			sched_make_runnable(t);
}

int sleep_ticks(uint64_t n)
{
	/* sched_tick() walks the sleepers from the timer interrupt. */
	unsigned long flags = arch_irq_save();

	if (signal_pending(current)) {
		arch_irq_restore(flags);
		return -EINTR;
	}
	current->wake_tick = n > UINT64_MAX - ticks ? UINT64_MAX : ticks + n;
	current->state = 'S';
	current->wait_chan = &sleepers;
	list_append(&sleepers, &current->runq);
	schedule();
	arch_irq_restore(flags);
	return signal_pending(current) ? -EINTR : 0;
}

void sched_wake(struct task *t)
{
	unsigned long flags = arch_irq_save();

	if (t->state == 'S' || t->state == 'T') {
		if (t->wait_chan == &sleepers)
			list_remove(&t->runq);	/* off the timed sleepers */
		sched_make_runnable(t);
	}
	arch_irq_restore(flags);
}

/* Called from timer_tick(): wake timed sleepers, end time slices. */
void sched_tick(void)
{
	struct list_node *n, *tmp;

	list_for_each_safe(n, tmp, &sleepers) {
		struct task *t = list_entry(n, struct task, runq);

		if (ticks >= t->wake_tick) {
			list_remove(&t->runq);
			sched_make_runnable(t);
		}
	}
	signal_tick();
	if (slice_left && --slice_left == 0)
		need_resched = true;
	if (current->pid == 0 && !list_empty(&run_queue))
		need_resched = true;
}

void trap_return_to_user(struct trapframe *tf)
{
	if (need_resched && !list_empty(&run_queue))
		schedule();
	if (signal_pending(current))
		signal_deliver(tf);
}

/* Task 0 after boot: run whatever is runnable, otherwise wait. */
__noreturn void sched_idle(void)
{
	for (;;) {
		if (!list_empty(&run_queue))
			schedule();
		else
			arch_idle();
	}
}
