/*
 * kernel/signal.c - signals: sending, blocking, and delivery.
 *
 * A signal sent to a task becomes a bit in its pending set. On every
 * return to user mode (trap_return_to_user() -> signal_deliver()) the
 * lowest pending signal the task does not block is taken, and its action
 * runs:
 *
 *   ignored           nothing (SIG_IGN, or SIG_DFL for SIGCHLD, SIGURG,
 *                     SIGWINCH, SIGCONT)
 *   stop              SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: the task sleeps
 *                     ('T') until SIGCONT
 *   terminate         every other default: the process ends, and its
 *                     parent sees the signal in wait4()'s status
 *   a handler         the port pushes Linux's signal frame on the user
 *                     stack (arch_signal_frame_setup()) and the task
 *                     resumes in the handler; the handler's return runs
 *                     rt_sigreturn (through SA_RESTORER on x86_64, the
 *                     kernel's trampoline page on riscv64), which puts
 *                     the saved registers and mask back
 *
 * A sleeping task that gets a signal wakes up and its system call returns
 * -EINTR. Faults in user mode become SIGSEGV, SIGBUS, SIGILL, SIGFPE or
 * SIGTRAP with the faulting address (signal_fault()).
 */
#include "kernel/signal.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/task.h"
#include "kernel/kernel.h"
#include "kernel/uaccess.h"

#define SIG_MASK_ALL	(~0ull)
#define SIG_UNBLOCKABLE	(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define SIG_STOPPERS	(SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))
#define SIG_IGNORED_BY_DEFAULT \
	(SIGBIT(SIGCHLD) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH) | SIGBIT(SIGCONT))

bool signal_pending(const struct task *t)
{
	return t->sig_pending & ~(t->sig_blocked & ~SIG_UNBLOCKABLE);
}

/* Would @sig be thrown away on arrival at @t (ignored and not blocked)? */
static bool signal_ignored(const struct task *t, int sig)
{
	uintptr_t h = t->sigact[sig - 1].handler;

	if (sig == SIGKILL || sig == SIGSTOP || (t->sig_blocked & SIGBIT(sig)))
		return false;
	return h == SIG_IGN || (h == SIG_DFL && (SIGBIT(sig) & SIG_IGNORED_BY_DEFAULT));
}

void signal_send(struct task *t, int sig, int code, int pid)
{
	if (sig <= 0 || sig > NSIG || t->state == 'Z')
		return;
	if (signal_ignored(t, sig) && sig != SIGCONT)
		return;		/* discarded at once, as on Linux */
	if (sig == SIGCONT) {
		t->sig_pending &= ~SIG_STOPPERS;
		if (t->state == 'T')
			sched_wake(t);
	} else if (SIGBIT(sig) & SIG_STOPPERS) {
		t->sig_pending &= ~SIGBIT(SIGCONT);
	}
	t->sig_pending |= SIGBIT(sig);
	t->sig_info[sig - 1].code = code;
	t->sig_info[sig - 1].pid = pid;
	t->sig_info[sig - 1].addr = 0;
	if (sig == SIGKILL || ((t->sig_pending & ~t->sig_blocked) && t->state == 'S'))
		sched_wake(t);
}

void signal_fault(int sig, int code, uint64_t addr)
{
	struct ksigaction *act = &current->sigact[sig - 1];

	if (act->handler <= SIG_IGN || (current->sig_blocked & SIGBIT(sig))) {
		/* No handler that could run: the fault ends the process. */
		proc_exit(sig);
	}
	current->sig_pending |= SIGBIT(sig);
	current->sig_info[sig - 1].code = code;
	current->sig_info[sig - 1].pid = 0;
	current->sig_info[sig - 1].addr = addr;
}

/* Fills Linux's siginfo for a pending @sig of the running task. */
static void fill_info(int sig, struct linux_siginfo *info)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = current->sig_info[sig - 1].code;
	if (current->sig_info[sig - 1].addr)
		info->u.si_addr = current->sig_info[sig - 1].addr;
	else
		info->u.kill.si_pid = current->sig_info[sig - 1].pid;
}

/* Stops the running task until SIGCONT (or SIGKILL) arrives. */
static void signal_stop(void)
{
	current->state = 'T';
	if (current->parent)
		wakeup(current->parent);
	schedule();
}

/* Is @sp on the task's alternate signal stack? */
static bool on_altstack(uintptr_t sp)
{
	const struct ksigaltstack *a = &current->sig_altstack;

	return a->ss_size && sp > a->ss_sp && sp - a->ss_sp <= a->ss_size;
}

/* Runs @sig's handler: the frame on the user stack, then the new mask. */
static void run_handler(struct trapframe *tf, int sig, struct ksigaction *act)
{
	struct linux_siginfo info;
	struct ksigaltstack alt = current->sig_altstack;
	uintptr_t sp = arch_trapframe_sp(tf);

	fill_info(sig, &info);
	if ((act->flags & SA_ONSTACK) && alt.ss_size && !(alt.ss_flags & 2 /* SS_DISABLE */) &&
	    !on_altstack(sp)) {
		sp = alt.ss_sp + alt.ss_size;
	} else {
		sp -= ARCH_STACK_RED_ZONE;
	}
	if (on_altstack(arch_trapframe_sp(tf)))
		alt.ss_flags |= 1;	/* SS_ONSTACK */
	if (arch_signal_frame_setup(tf, sig, &info, act,
				    current->sig_restore_mask ? current->sig_saved_mask :
				    current->sig_blocked, sp, &alt)) {
		pr_err("atlas: pid %d (%s): cannot write the frame for signal %d; killed\n",
		       current->pid, current->comm, sig);
		proc_exit(SIGSEGV);
	}
	if (current->sig_restore_mask) {
		/* sigsuspend's own mask goes; the frame restores the old one. */
		current->sig_blocked = current->sig_saved_mask;
		current->sig_restore_mask = false;
	}
	current->sig_blocked |= act->mask & ~SIG_UNBLOCKABLE;
	if (!(act->flags & SA_NODEFER))
		current->sig_blocked |= SIGBIT(sig);
	if (act->flags & SA_RESETHAND)
		act->handler = SIG_DFL;
}

void signal_deliver(struct trapframe *tf)
{
	while (signal_pending(current)) {
		uint64_t ready = current->sig_pending & ~(current->sig_blocked & ~SIG_UNBLOCKABLE);
		int sig = 1;
		struct ksigaction *act;

		while (!(ready & SIGBIT(sig)))
			sig++;		/* the lowest number goes first */
		act = &current->sigact[sig - 1];

		current->sig_pending &= ~SIGBIT(sig);
		if (sig != SIGKILL && sig != SIGSTOP && act->handler == SIG_IGN)
			continue;
		if (sig != SIGKILL && sig != SIGSTOP && act->handler > SIG_IGN) {
			run_handler(tf, sig, act);
			return;		/* one frame per return; the rest wait */
		}
		/* The default action. */
		if (SIGBIT(sig) & SIG_IGNORED_BY_DEFAULT)
			continue;
		if (SIGBIT(sig) & SIG_STOPPERS) {
			signal_stop();
			continue;
		}
		proc_exit(sig);
	}
	if (current->sig_restore_mask) {
		current->sig_blocked = current->sig_saved_mask;
		current->sig_restore_mask = false;
	}
}

void signal_tick(void)
{
	struct task *t = NULL;

	while ((t = task_next(t)) != NULL) {
		if (t->alarm_tick && ticks >= t->alarm_tick) {
			t->alarm_tick = 0;
			signal_send(t, SIGALRM, SI_KERNEL, 0);
		}
	}
}

void signal_fork(struct task *child, const struct task *parent)
{
	memcpy(child->sigact, parent->sigact, sizeof(child->sigact));
	child->sig_blocked = parent->sig_blocked;
	child->sig_pending = 0;
	child->sig_altstack = parent->sig_altstack;
	child->alarm_tick = 0;
}

void signal_exec(struct task *t)
{
	for (int i = 0; i < NSIG; i++) {
		if (t->sigact[i].handler > SIG_IGN)
			t->sigact[i].handler = SIG_DFL;	/* the handler's code is gone */
		t->sigact[i].flags = 0;
		t->sigact[i].restorer = 0;
		t->sigact[i].mask = 0;
	}
	memset(&t->sig_altstack, 0, sizeof(t->sig_altstack));
}

/* ---- system calls --------------------------------------------------------- */

/* May the running task signal @t? Root may signal anyone. */
static bool may_signal(const struct task *t)
{
	return current->uid == 0 || current->uid == t->uid;
}

/* Sends @sig to every task matching @pid as kill() reads it. */
static long kill_matching(int pid, int sig, int code)
{
	struct task *t = NULL;
	int found = 0, allowed = 0;

	while ((t = task_next(t)) != NULL) {
		bool match = pid > 0 ? t->pid == pid :
			     pid == 0 ? t->pgid == current->pgid :
			     pid == -1 ? t->pid != 1 && t != current :
			     t->pgid == -pid;

		if (!match || t->state == 'Z')
			continue;
		found++;
		if (!may_signal(t))
			continue;
		allowed++;
		if (sig)
			signal_send(t, sig, code, current->pid);
	}
	if (!found)
		return -ESRCH;
	return allowed ? 0 : -EPERM;
}

SYSCALL(kill)
{
	int sig = (int)a[1];

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	return kill_matching((int)a[0], sig, SI_USER);
}

SYSCALL(tkill)
{
	int sig = (int)a[1];

	if ((int)a[0] <= 0 || sig < 0 || sig > NSIG)
		return -EINVAL;
	return kill_matching((int)a[0], sig, SI_TKILL);
}

SYSCALL(tgkill)
{
	unsigned long b[6] = { a[1], a[2] };

	if ((int)a[0] <= 0)
		return -EINVAL;
	return sys_tkill(b);
}

/* Linux's struct sigaction for rt_sigaction(), per the arch's layout. */
static int sigaction_in(unsigned long uact, struct ksigaction *k)
{
	uint64_t w[4];
	size_t n = ARCH_SIGACTION_HAS_RESTORER ? 4 : 3;

	if (copy_from_user(w, (const void *)uact, n * sizeof(uint64_t)))
		return -EFAULT;
	k->handler = w[0];
	k->flags = w[1];
	k->restorer = ARCH_SIGACTION_HAS_RESTORER ? w[2] : 0;
	k->mask = w[n - 1];
	return 0;
}

static int sigaction_out(unsigned long uact, const struct ksigaction *k)
{
	uint64_t w[4] = { k->handler, k->flags, k->restorer, k->mask };
	size_t n = ARCH_SIGACTION_HAS_RESTORER ? 4 : 3;

	if (!ARCH_SIGACTION_HAS_RESTORER)
		w[2] = k->mask;
	return copy_to_user((void *)uact, w, n * sizeof(uint64_t));
}

SYSCALL(rt_sigaction)
{
	int sig = (int)a[0];
	struct ksigaction act, old;

	if (sig < 1 || sig > NSIG || a[3] != 8)
		return -EINVAL;
	if (a[1] && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	old = current->sigact[sig - 1];
	if (a[1]) {
		if (sigaction_in(a[1], &act))
			return -EFAULT;
		act.mask &= ~SIG_UNBLOCKABLE;
		current->sigact[sig - 1] = act;
		/* Setting SIG_IGN discards what is pending (POSIX). */
		if (act.handler == SIG_IGN || (act.handler == SIG_DFL &&
					       (SIGBIT(sig) & SIG_IGNORED_BY_DEFAULT)))
			current->sig_pending &= ~SIGBIT(sig);
	}
	if (a[2] && sigaction_out(a[2], &old))
		return -EFAULT;
	return 0;
}

SYSCALL(rt_sigprocmask)
{
	uint64_t set, old = current->sig_blocked;

	if (a[3] != 8)
		return -EINVAL;
	if (a[1]) {
		if (copy_from_user(&set, (const void *)a[1], sizeof(set)))
			return -EFAULT;
		switch (a[0]) {
		case 0:		/* SIG_BLOCK */
			current->sig_blocked |= set;
			break;
		case 1:		/* SIG_UNBLOCK */
			current->sig_blocked &= ~set;
			break;
		case 2:		/* SIG_SETMASK */
			current->sig_blocked = set;
			break;
		default:
			return -EINVAL;
		}
		current->sig_blocked &= ~SIG_UNBLOCKABLE;
	}
	if (a[2] && copy_to_user((void *)a[2], &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL(rt_sigpending)
{
	uint64_t set = current->sig_pending & current->sig_blocked;

	if (a[1] != 8)
		return -EINVAL;
	return copy_to_user((void *)a[0], &set, sizeof(set));
}

SYSCALL(rt_sigsuspend)
{
	uint64_t mask;

	if (a[1] != 8)
		return -EINVAL;
	if (copy_from_user(&mask, (const void *)a[0], sizeof(mask)))
		return -EFAULT;
	/* Wait with @mask; the handler's frame will restore the old mask. */
	current->sig_saved_mask = current->sig_blocked;
	current->sig_restore_mask = true;
	current->sig_blocked = mask & ~SIG_UNBLOCKABLE;
	while (sleep_on(current) == 0)
		;
	return -EINTR;
}

SYSCALL(pause)
{
	(void)a;
	while (sleep_on(current) == 0)
		;
	return -EINTR;
}

SYSCALL(rt_sigreturn)
{
	uint64_t mask;

	(void)a;
	if (arch_signal_frame_restore(current->tf, &mask)) {
		pr_err("atlas: pid %d (%s): bad signal frame at rt_sigreturn; killed\n",
		       current->pid, current->comm);
		proc_exit(SIGSEGV);
	}
	current->sig_blocked = mask & ~SIG_UNBLOCKABLE;
	current->sigreturned = true;	/* the restored registers stay as they are */
	return 0;
}

SYSCALL(sigaltstack)
{
	struct { uint64_t sp; int32_t flags, pad; uint64_t size; } ss, old;
	struct ksigaltstack *alt = &current->sig_altstack;
	uintptr_t sp = arch_trapframe_sp(current->tf);

	old.sp = alt->ss_sp;
	old.flags = on_altstack(sp) ? 1 : alt->ss_size ? 0 : 2;
	old.pad = 0;
	old.size = alt->ss_size;
	if (a[0]) {
		if (copy_from_user(&ss, (const void *)a[0], sizeof(ss)))
			return -EFAULT;
		if (on_altstack(sp))
			return -EPERM;
		if (ss.flags & ~2)
			return -EINVAL;
		if (ss.flags & 2) {
			memset(alt, 0, sizeof(*alt));
		} else {
			if (ss.size < 2048)
				return -ENOMEM;	/* MINSIGSTKSZ */
			alt->ss_sp = ss.sp;
			alt->ss_size = ss.size;
			alt->ss_flags = 0;
		}
	}
	if (a[1] && copy_to_user((void *)a[1], &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL(alarm)
{
	uint64_t left = current->alarm_tick > ticks ? current->alarm_tick - ticks : 0;

	current->alarm_tick = a[0] ? ticks + (uint64_t)a[0] * HZ : 0;
	return (long)((left + HZ - 1) / HZ);
}

/* setitimer/getitimer: ITIMER_REAL only, at the timer's resolution. */
struct linux_itimerval {
	int64_t int_sec, int_usec, val_sec, val_usec;
};

SYSCALL(getitimer)
{
	struct linux_itimerval v = { 0 };
	uint64_t left = current->alarm_tick > ticks ? current->alarm_tick - ticks : 0;

	if (a[0] != 0)
		return -EINVAL;
	v.val_sec = (int64_t)(left / HZ);
	v.val_usec = (int64_t)(left % HZ) * (1000000 / HZ);
	return copy_to_user((void *)a[1], &v, sizeof(v));
}

SYSCALL(setitimer)
{
	struct linux_itimerval v;
	unsigned long b[6] = { 0, a[2] };
	uint64_t t;
	long err;

	if (a[0] != 0)
		return -EINVAL;		/* ITIMER_VIRTUAL and ITIMER_PROF: not kept */
	if (a[2] && (err = sys_getitimer(b)) < 0)
		return err;
	if (!a[1]) {
		current->alarm_tick = 0;
		return 0;
	}
	if (copy_from_user(&v, (const void *)a[1], sizeof(v)))
		return -EFAULT;
	if (v.val_sec < 0 || v.val_usec < 0 || v.val_usec >= 1000000)
		return -EINVAL;
	t = (uint64_t)v.val_sec * HZ + (uint64_t)(v.val_usec + 9999) / 10000;
	current->alarm_tick = (v.val_sec || v.val_usec) ? ticks + (t ? t : 1) : 0;
	return 0;
}
