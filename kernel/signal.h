/*
 * kernel/signal.h - signal numbers (Linux's, the same on both arches) and
 * the wait4() status word.
 */
#ifndef ATLAS_SIGNAL_H
#define ATLAS_SIGNAL_H

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGWINCH	28
#define NSIG		64

/* sa_flags (Linux's values) */
#define SA_NOCLDSTOP	0x00000001
#define SA_SIGINFO	0x00000004
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SA_RESTORER	0x04000000

#define SIG_DFL		0
#define SIG_IGN		1

/* si_code values */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_TKILL	(-6)
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRERR	2
#define ILL_ILLOPC	1
#define FPE_INTDIV	1
#define TRAP_BRKPT	1

#define SIGBIT(sig)	(1ull << ((sig) - 1))

/*
 * The status word wait4() reports: exit code in bits 8-15 for a normal
 * exit; the signal number in bits 0-6 for a process a signal ended.
 */
#define W_EXITCODE(code)	(((code) & 0xff) << 8)
#define WIFSIGNALED_STATUS(s)	(((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)

#ifndef __ASSEMBLY__
#include "kernel/types.h"

struct task;
struct trapframe;

/*
 * signal_send() makes @sig pending for @t (kill(), the kernel's own
 * signals), recording @code and @pid for siginfo, and wakes @t if it
 * sleeps so that its system call can return -EINTR. SIGKILL and SIGCONT
 * also wake a stopped task.
 */
void signal_send(struct task *t, int sig, int code, int pid);

/*
 * signal_fault() is the signal for a fault in user mode at @addr: it is
 * delivered to a handler if the process has one and does not block it,
 * and otherwise ends the process, as Linux's force_sig_fault() does.
 */
void signal_fault(int sig, int code, uint64_t addr);

/* signal_pending() is true when @t has a signal it does not block. */
bool signal_pending(const struct task *t);

/*
 * signal_deliver() runs on every return to user mode: it takes pending,
 * unblocked signals and carries out their action — ignore, stop, end the
 * process, or set up a handler frame on the user stack.
 */
void signal_deliver(struct trapframe *tf);

/* signal_tick() is the timer's: it fires alarms (SIGALRM). */
void signal_tick(void);

/* signal_fork() copies the parent's actions and mask; signal_exec() resets handlers. */
void signal_fork(struct task *child, const struct task *parent);
void signal_exec(struct task *t);
#endif

#endif
