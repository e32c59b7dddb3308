/*
 * user/lib/include/sys/signal.h - newlib's <sys/signal.h>, with what its
 * generic (non-RTEMS) part lacks for real signals:
 *
 *   - struct sigaction with sa_sigaction beside sa_handler (a union, as
 *     POSIX allows) and the sa_flags SA_SIGINFO, SA_ONSTACK, SA_RESTART,
 *     SA_NODEFER, SA_RESETHAND and SA_NOCLDWAIT. The values are newlib's
 *     side of user/lib/translate.h's XLATE_SAFLAG_TABLE; the glue
 *     (user/lib/glue_signal.c) translates them;
 *   - siginfo_t in Linux's layout (128 bytes) with si_pid, si_uid,
 *     si_status, si_value and si_addr. si_signo is newlib's number (the
 *     glue translates it); si_code holds Linux's values, which the SI_*,
 *     SEGV_*, BUS_*, ILL_*, FPE_*, TRAP_* and CLD_* names below give;
 *   - sigemptyset() and its kin as functions (the glue's) over bit n-1 for
 *     signal n, the convention of translate.c. newlib's macros use bit n,
 *     which the glue's sigprocmask() would read as signal n+1.
 *
 * newlib's struct sigaction and siginfo_t are renamed out of the way
 * while its header is read; nothing in libc.a uses them.
 */
#ifndef ATLAS_USER_SYS_SIGNAL_H
#define ATLAS_USER_SYS_SIGNAL_H

#define sigaction	__newlib_sigaction
#define siginfo_t	__newlib_siginfo_t
#define sigwaitinfo	__newlib_sigwaitinfo
#define sigtimedwait	__newlib_sigtimedwait
#include_next <sys/signal.h>
#undef sigaction
#undef siginfo_t
#undef sigwaitinfo
#undef sigtimedwait

#undef sigaddset
#undef sigdelset
#undef sigemptyset
#undef sigfillset
#undef sigismember

#ifdef __cplusplus
extern "C" {
#endif

/* Linux's siginfo_t (x86_64 and riscv64 alike). */
typedef struct {
	int si_signo;		/* newlib's signal number */
	int si_errno;
	int si_code;		/* Linux's values: SI_USER, SEGV_MAPERR, ... */
	union {
		char __si_pad[112];
		struct {
			int si_pid;
			unsigned int si_uid;
			union {
				int si_status;		/* SIGCHLD */
				union sigval si_value;	/* sigqueue(), timers */
			};
		};
		void *si_addr;		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
	};
} siginfo_t;

/* si_code, Linux's values (<asm-generic/siginfo.h>). */
#undef SI_USER
#undef SI_QUEUE
#undef SI_TIMER
#undef SI_ASYNCIO
#undef SI_MESGQ
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TIMER	(-2)
#define SI_MESGQ	(-3)
#define SI_ASYNCIO	(-4)
#define SI_TKILL	(-6)
#define ILL_ILLOPC	1
#define FPE_INTDIV	1
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define TRAP_BRKPT	1
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

struct sigaction {
	union {
		_sig_func_ptr sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
};

/* sa_flags, newlib's side (SA_NOCLDSTOP is newlib's own, 1). */
#define SA_SIGINFO	0x02
#define SA_ONSTACK	0x04
#define SA_RESTART	0x08
#define SA_NODEFER	0x10
#define SA_RESETHAND	0x20
#define SA_NOCLDWAIT	0x40
#define SA_NOMASK	SA_NODEFER
#define SA_ONESHOT	SA_RESETHAND

int sigaction(int, const struct sigaction *__restrict, struct sigaction *__restrict);
int sigaddset(sigset_t *, const int);
int sigdelset(sigset_t *, const int);
int sigismember(const sigset_t *, int);
int sigfillset(sigset_t *);
int sigemptyset(sigset_t *);

#ifdef __cplusplus
}
#endif

#endif
