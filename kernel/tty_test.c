/*
 * kernel/tty_test.c - the console's line discipline turns ^C into SIGINT
 * for the foreground process group, and only for it.
 */
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/task.h"

KTEST(tty, ctrl_c_sends_sigint_to_the_foreground_group_only)
{
	struct task *fg = task_alloc("fg", false), *bg = task_alloc("bg", false);
	int old;

	KT_ASSERT(fg && bg);
	task_register(fg);
	task_register(bg);
	fg->pgid = 4242;
	bg->pgid = 4343;
	fg->state = bg->state = 'T';	/* never scheduled: they only hold signals */
	old = tty_set_foreground(4242);
	tty_receive(0x03);
	KT_EXPECT(fg->sig_pending & SIGBIT(SIGINT));
	KT_EXPECT(!(bg->sig_pending & SIGBIT(SIGINT)));
	tty_set_foreground(old);
	task_unregister(fg);
	task_unregister(bg);
	task_free(fg);
	task_free(bg);
}
