/*
 * user/lib/glue_signal.c - signals for newlib programs, over Linux's calls.
 *
 * newlib's own signal() and raise() (libc.a's signal.o) only simulate
 * signals inside the process; the functions here are real ones and, being
 * linked before libc.a, keep signal.o out of every program (nothing else
 * in libc.a needs it: abort() and the rest call raise()).
 *
 * newlib's signal numbers and sa_flags are not Linux's (translate.h). The
 * kernel calls handlers with Linux's number, and a newlib program's
 * handler expects newlib's. So every handler the program installs is
 * kept in user_act[] and the kernel is given glue_sig_entry() instead,
 * always with SA_SIGINFO: it translates the number (and si_signo) and
 * calls the program's handler. Masks are translated bit by bit (bit n-1
 * for signal n on both sides; <sys/signal.h> gives sigaddset() and the
 * rest as functions, below, with that convention).
 *
 * Linux's struct sigaction differs per arch: x86_64 has sa_restorer, and
 * the handler returns into it (__atlas_restore_rt, user/lib/arch/x86_64/
 * restore_rt.S, with SA_RESTORER); riscv64 has none, and the kernel's own
 * trampoline (the vDSO on Linux, a page of Atlas's) calls rt_sigreturn.
 *
 * kill() and sigprocmask() are in glue.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <reent.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "glue.h"

#define NEWLIB_VALUE_IS(nl_name, lx_name, nl, lx) \
	_Static_assert((nl_name) == (nl), "translate.h: newlib's " #nl_name " is not " #nl);
XLATE_SAFLAG_TABLE(NEWLIB_VALUE_IS)

/* What passes through untranslated must be Linux's layout and values. */
_Static_assert(sizeof(siginfo_t) == 128 && offsetof(siginfo_t, si_code) == 8 &&
	       offsetof(siginfo_t, si_pid) == 16 && offsetof(siginfo_t, si_uid) == 20 &&
	       offsetof(siginfo_t, si_status) == 24 && offsetof(siginfo_t, si_addr) == 16,
	       "siginfo_t is Linux's");
_Static_assert(sizeof(stack_t) == 24 && offsetof(stack_t, ss_flags) == 8 &&
	       offsetof(stack_t, ss_size) == 16 && SS_ONSTACK == 1 && SS_DISABLE == 2,
	       "stack_t is Linux's");
_Static_assert(sizeof(struct itimerval) == 32 && ITIMER_REAL == 0 && ITIMER_VIRTUAL == 1 &&
	       ITIMER_PROF == 2, "struct itimerval and its timers are Linux's");

#define LINUX_SA_SIGINFO	0x00000004UL
#define LINUX_SA_RESTORER	0x04000000UL
#define LINUX_SIG_BLOCK		0
#define LINUX_SIGSET_SIZE	8

/* Linux's struct sigaction as rt_sigaction() reads it on this arch. */
struct linux_sigaction {
	unsigned long handler;
	unsigned long flags;
#ifdef __x86_64__
	unsigned long restorer;
#endif
	uint64_t mask;
};

#ifdef __x86_64__
void __atlas_restore_rt(void);
#endif

/* The program's action for each newlib signal, as it gave it (sa_mask
 * is the kernel's to keep). */
static struct {
	union {
		void (*volatile handler)(int);
		void (*volatile action)(int, siginfo_t *, void *);
	};
	volatile int flags;
} user_act[NSIG];

/* Is @sig a newlib signal number that Linux has a signal for? */
static int signal_ok(int sig)
{
	return sig > 0 && sig < NSIG && xlate_signal_to_linux(sig) > 0;
}

/*
 * glue_sig_entry() is the handler the kernel runs for every signal the
 * program catches: it calls the program's handler with newlib's number
 * (and a siginfo_t whose si_signo is newlib's), keeping errno as it was.
 */
static void glue_sig_entry(int lsig, void *linfo, void *uc)
{
	int sig = xlate_signal_from_linux(lsig);
	int saved_errno = errno;
	void (*h)(int);

	if (sig <= 0 || sig >= NSIG)
		return;
	h = user_act[sig].handler;
	if (h == SIG_DFL || h == SIG_IGN)
		return;		/* changed under us: the kernel has the new action */
	if (user_act[sig].flags & SA_SIGINFO) {
		siginfo_t info;

		memcpy(&info, linfo, sizeof(info));
		info.si_signo = sig;
		if (lsig == LINUX_SIGCHLD && info.si_code != CLD_EXITED &&
		    info.si_code > 0 && info.si_code <= CLD_CONTINUED)
			info.si_status = xlate_signal_from_linux(info.si_status);
		user_act[sig].action(sig, &info, uc);
	} else {
		h(sig);
	}
	errno = saved_errno;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	struct linux_sigaction lact, lold;
	struct sigaction new = { 0 };
	void (*old_handler)(int) = user_act[signal_ok(sig) ? sig : 0].handler;
	int old_flags = user_act[signal_ok(sig) ? sig : 0].flags;
	long r;

	if (!signal_ok(sig)) {
		errno = EINVAL;
		return -1;
	}
	if (act) {
		new = *act;	/* act and oact may be the same struct */
		memset(&lact, 0, sizeof(lact));
		lact.flags = xlate_saflags_to_linux(new.sa_flags);
		lact.mask = xlate_sigset_to_linux(new.sa_mask);
		if (new.sa_handler == SIG_DFL || new.sa_handler == SIG_IGN) {
			lact.handler = (unsigned long)new.sa_handler;
		} else {
			lact.handler = (unsigned long)glue_sig_entry;
			lact.flags |= LINUX_SA_SIGINFO;
			/* The handler first, then the kernel: a signal that
			 * comes in between finds one. */
			user_act[sig].flags = new.sa_flags;
			user_act[sig].handler = new.sa_handler;
		}
#ifdef __x86_64__
		lact.flags |= LINUX_SA_RESTORER;
		lact.restorer = (unsigned long)__atlas_restore_rt;
#endif
	}
	r = sys4(SYS_rt_sigaction, xlate_signal_to_linux(sig), act ? &lact : NULL, &lold,
		 LINUX_SIGSET_SIZE);
	if (r < 0) {
		user_act[sig].handler = old_handler;
		user_act[sig].flags = old_flags;
		return sys_result(r);
	}
	if (act && (new.sa_handler == SIG_DFL || new.sa_handler == SIG_IGN)) {
		user_act[sig].handler = new.sa_handler;
		user_act[sig].flags = new.sa_flags;
	}
	if (oact) {
		memset(oact, 0, sizeof(*oact));
		oact->sa_mask = xlate_sigset_from_linux(lold.mask);
		if (lold.handler == (unsigned long)glue_sig_entry) {
			oact->sa_handler = old_handler;
			oact->sa_flags = old_flags;
		} else {
			/* SIG_DFL or SIG_IGN, or SIG_DFL again after SA_RESETHAND */
			oact->sa_handler = (void (*)(int))lold.handler;
			oact->sa_flags = xlate_saflags_from_linux(lold.flags);
		}
	}
	return 0;
}

/* signal() installs @handler as BSD and glibc do: restarting, not reset. */
_sig_func_ptr signal(int sig, _sig_func_ptr handler)
{
	struct sigaction act, old;

	memset(&act, 0, sizeof(act));
	act.sa_handler = handler;
	act.sa_flags = SA_RESTART;
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

_sig_func_ptr _signal_r(struct _reent *r, int sig, _sig_func_ptr handler)
{
	(void)r;
	return signal(sig, handler);
}

/* raise() signals the calling process; a handler has run when it returns. */
int raise(int sig)
{
	return kill(getpid(), sig);
}

int _raise_r(struct _reent *r, int sig)
{
	(void)r;
	return raise(sig);
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp <= 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

/* Process groups, which kill() and killpg() can address. */
int setpgid(pid_t pid, pid_t pgid)
{
	return sys_result(sys2(SYS_setpgid, pid, pgid));
}

pid_t getpgid(pid_t pid)
{
	return sys_result(sys1(SYS_getpgid, pid));
}

pid_t getpgrp(void)
{
	return getpgid(0);
}

int sigpending(sigset_t *set)
{
	uint64_t lset = 0;
	long r = sys_result(sys2(SYS_rt_sigpending, &lset, LINUX_SIGSET_SIZE));

	if (r == 0)
		*set = xlate_sigset_from_linux(lset);
	return r;
}

/* sigsuspend() waits with mask @set for a signal; always -1 with EINTR. */
int sigsuspend(const sigset_t *set)
{
	uint64_t lset = xlate_sigset_to_linux(*set);

	return sys_result(sys2(SYS_rt_sigsuspend, &lset, LINUX_SIGSET_SIZE));
}

int pause(void)
{
#ifdef SYS_pause
	return sys_result(sys0(SYS_pause));
#else
	/* riscv64 has no pause: rt_sigsuspend with the mask as it is. */
	uint64_t lset = 0;
	long r = sys4(SYS_rt_sigprocmask, LINUX_SIG_BLOCK, NULL, &lset, LINUX_SIGSET_SIZE);

	if (r < 0)
		return sys_result(r);
	return sys_result(sys2(SYS_rt_sigsuspend, &lset, LINUX_SIGSET_SIZE));
#endif
}

int sigaltstack(const stack_t *ss, stack_t *old)
{
	return sys_result(sys2(SYS_sigaltstack, ss, old));
}

int getitimer(int which, struct itimerval *value)
{
	return sys_result(sys2(SYS_getitimer, which, value));
}

int setitimer(int which, const struct itimerval *value, struct itimerval *old)
{
	return sys_result(sys3(SYS_setitimer, which, value, old));
}

/* alarm() returns the seconds left of the alarm before, rounded as glibc does. */
unsigned alarm(unsigned seconds)
{
#ifdef SYS_alarm
	return (unsigned)sys1(SYS_alarm, seconds);
#else
	struct itimerval it, old;

	memset(&it, 0, sizeof(it));
	memset(&old, 0, sizeof(old));
	it.it_value.tv_sec = seconds;
	if (setitimer(ITIMER_REAL, &it, &old) < 0)
		return 0;
	return (unsigned)old.it_value.tv_sec +
	       (old.it_value.tv_usec >= 500000 ||
		(old.it_value.tv_sec == 0 && old.it_value.tv_usec > 0));
#endif
}

/* ---- signal sets: bit n-1 for newlib signal n ------------------------------------ */

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = (1UL << (NSIG - 1)) - 1;
	return 0;
}

int sigaddset(sigset_t *set, const int sig)
{
	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	*set |= 1UL << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, const int sig)
{
	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	*set &= ~(1UL << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	return (*set >> (sig - 1)) & 1;
}

/* siglongjmp() jumps to @env's sigsetjmp() (user/lib/include/setjmp.h),
 * with the signal mask it saved if it saved one. */
void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__savemask)
		sigprocmask(SIG_SETMASK, &env->__mask, NULL);
	longjmp(env->__jb, val);
}
