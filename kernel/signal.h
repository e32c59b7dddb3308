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
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19

/*
 * The status word wait4() reports: exit code in bits 8-15 for a normal
 * exit; the signal number in bits 0-6 for a process a signal ended.
 */
#define W_EXITCODE(code)	(((code) & 0xff) << 8)
#define WIFSIGNALED_STATUS(s)	(((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)

#endif
