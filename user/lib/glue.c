/*
 * user/lib/glue.c - newlib's system-call back ends, over Linux's ABI.
 *
 * newlib is built with --disable-newlib-supplied-syscalls: it calls
 * write(), open(), sbrk() and the rest and expects someone to provide
 * them. This file does, for Atlas, by issuing Linux system calls (numbers
 * in user/lib/arch/<arch>/sysnum.h), so an Atlas program is also a valid
 * static Linux binary.
 *
 * Two rules run through every function:
 *   - newlib's constants are not Linux's: flags, errno values, signal
 *     numbers, clock ids and struct stat go through user/lib/translate.c;
 *   - the kernel returns -errno; here that becomes errno = newlib's value
 *     and a -1 (or NULL, MAP_FAILED) result (sys_result()).
 *
 * newlib's libc.a calls the plain names (write) on x86_64 and the
 * underscored ones (_write) on riscv64 (newlib's configure.host differs),
 * so every back end has both spellings (GLUE_ALIAS). The file calls are
 * in glue_fs.c.
 */
#define _GNU_SOURCE		/* AT_EMPTY_PATH, pipe2 */
#define __LINUX_ERRNO_EXTENSIONS__	/* every errno name, for the checks below */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include "glue.h"

/* The newlib column of every table in translate.h, checked against
 * newlib's own headers (the host test checks the Linux column). */
#define NEWLIB_VALUE_IS(nl_name, lx_name, nl, lx) \
	_Static_assert((nl_name) == (nl), "translate.h: newlib's " #nl_name " is not " #nl);
XLATE_ERRNO_TABLE(NEWLIB_VALUE_IS)
XLATE_OFLAG_TABLE(NEWLIB_VALUE_IS)
XLATE_FCNTL_TABLE(NEWLIB_VALUE_IS)
XLATE_ATFLAG_TABLE(NEWLIB_VALUE_IS)
XLATE_SIGNAL_TABLE(NEWLIB_VALUE_IS)
XLATE_SIGHOW_TABLE(NEWLIB_VALUE_IS)
XLATE_CLOCK_TABLE(NEWLIB_VALUE_IS)
XLATE_FILETYPE_TABLE(NEWLIB_VALUE_IS)
_Static_assert(AT_FDCWD == XLATE_AT_FDCWD_NEWLIB, "translate.h: newlib's AT_FDCWD");
_Static_assert(EIO == XLATE_NEWLIB_EIO, "translate.h: newlib's EIO");
_Static_assert(S_IFMT == XLATE_S_IFMT, "translate.h: newlib's S_IFMT");

#define NEWLIB_STAT_FIELD_IS(idx, member, o, s, sg)					\
	_Static_assert(offsetof(struct stat, member) == (o) &&				\
		       sizeof(((struct stat *)0)->member) == (s) &&			\
		       ((__typeof__(((struct stat *)0)->member))-1 < 1) == (sg),	\
		       "translate.h: newlib's struct stat " #member);
XLATE_STAT_NEWLIB(NEWLIB_STAT_FIELD_IS)
_Static_assert(sizeof(struct stat) == XLATE_STAT_NEWLIB_SIZE, "translate.h: newlib's struct stat");

/* What passes through untranslated must really be the same. */
_Static_assert(O_RDONLY == 0 && O_WRONLY == 1 && O_RDWR == 2, "open() access modes");
_Static_assert(SEEK_SET == 0 && SEEK_CUR == 1 && SEEK_END == 2, "lseek() whence");
_Static_assert(F_OK == 0 && X_OK == 1 && W_OK == 2 && R_OK == 4, "access() modes");
_Static_assert(FD_CLOEXEC == 1, "FD_CLOEXEC");
_Static_assert(WNOHANG == 1 && WUNTRACED == 2, "waitpid() options");
_Static_assert(sizeof(struct timespec) == 16 && offsetof(struct timespec, tv_nsec) == 8,
	       "struct timespec is Linux's");
_Static_assert(sizeof(sigset_t) == sizeof(unsigned long), "newlib's sigset_t");
_Static_assert(sizeof(off_t) == 8, "off_t is 64 bits");

/* ---- processes ----------------------------------------------------------------- */

/* _exit() ends the process (every thread of it) with @status. */
void _exit(int status)
{
	for (;;)
		sys1(SYS_exit_group, status);
}

pid_t getpid(void)
{
	return sys0(SYS_getpid);
}
GLUE_ALIAS(getpid);

pid_t getppid(void)
{
	return sys0(SYS_getppid);
}

uid_t getuid(void)
{
	return sys0(SYS_getuid);
}

uid_t geteuid(void)
{
	return sys0(SYS_geteuid);
}

gid_t getgid(void)
{
	return sys0(SYS_getgid);
}

gid_t getegid(void)
{
	return sys0(SYS_getegid);
}

/* fork() is clone(SIGCHLD): the generic table riscv64 uses has no fork. */
pid_t fork(void)
{
	return sys_result(sys5(SYS_clone, LINUX_SIGCHLD, 0, 0, 0, 0));
}
GLUE_ALIAS(fork);

int execve(const char *path, char *const argv[], char *const envp[])
{
	return sys_result(sys3(SYS_execve, path, argv, envp));
}
GLUE_ALIAS(execve);

/* waitpid() waits with wait4(); the signal numbers inside the status are
 * translated for newlib's WTERMSIG()/WSTOPSIG(). */
pid_t waitpid(pid_t pid, int *status, int options)
{
	int lstatus = 0;
	long r = sys_result(sys4(SYS_wait4, pid, &lstatus, options, 0));

	if (r > 0 && status)
		*status = xlate_wait_status_from_linux(lstatus);
	return r;
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}
GLUE_ALIAS(wait);

/* kill() sends newlib signal @sig; signals Linux lacks give EINVAL. */
int kill(pid_t pid, int sig)
{
	int lsig = xlate_signal_to_linux(sig);

	if (lsig < 0) {
		errno = EINVAL;
		return -1;
	}
	return sys_result(sys2(SYS_kill, pid, lsig));
}
GLUE_ALIAS(kill);

/* sigprocmask() changes the blocked set of the real (kernel) signals. */
int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
	uint64_t lset = 0, loset = 0;
	int lhow = xlate_sighow_to_linux(how);
	long r;

	if (set && lhow < 0) {
		errno = EINVAL;
		return -1;
	}
	if (set)
		lset = xlate_sigset_to_linux(*set);
	r = sys_result(sys4(SYS_rt_sigprocmask, lhow < 0 ? 0 : lhow, set ? &lset : NULL,
			    oset ? &loset : NULL, sizeof(uint64_t)));
	if (r == 0 && oset)
		*oset = xlate_sigset_from_linux(loset);
	return r;
}

int sched_yield(void)
{
	return sys_result(sys0(SYS_sched_yield));
}

/* ---- memory -------------------------------------------------------------------- */

/* The program break: 0 until the first sbrk() asks the kernel. */
static char *brk_now;

/*
 * sbrk() grows (or shrinks) the heap by @incr bytes with brk(); returns
 * the old break, or (void *)-1 with errno ENOMEM. Linux's brk returns
 * the new break on success and the old one on failure.
 */
void *sbrk(ptrdiff_t incr)
{
	char *old, *want;

	if (!brk_now)
		brk_now = (char *)sys1(SYS_brk, 0);
	old = brk_now;
	if (incr == 0)
		return old;
	want = old + incr;
	if ((char *)sys1(SYS_brk, want) != want) {
		errno = ENOMEM;
		return (void *)-1;
	}
	brk_now = want;
	return old;
}
GLUE_ALIAS(sbrk);

/* mmap() and friends take Linux's values (Atlas's <sys/mman.h>). */
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	long r = syscall6(SYS_mmap, (long)addr, length, prot, flags, fd, offset);

	return sys_result(r) == -1 ? MAP_FAILED : (void *)r;
}

int munmap(void *addr, size_t length)
{
	return sys_result(sys2(SYS_munmap, addr, length));
}

int mprotect(void *addr, size_t length, int prot)
{
	return sys_result(sys3(SYS_mprotect, addr, length, prot));
}

int msync(void *addr, size_t length, int flags)
{
	return sys_result(sys3(SYS_msync, addr, length, flags));
}

int madvise(void *addr, size_t length, int advice)
{
	return sys_result(sys3(SYS_madvise, addr, length, advice));
}

/* ---- time ---------------------------------------------------------------------- */

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	int lclock = xlate_clock_to_linux(clock);

	if (lclock < 0) {
		errno = EINVAL;
		return -1;
	}
	return sys_result(sys2(SYS_clock_gettime, lclock, ts));
}

int clock_getres(clockid_t clock, struct timespec *res)
{
	int lclock = xlate_clock_to_linux(clock);

	if (lclock < 0) {
		errno = EINVAL;
		return -1;
	}
	return sys_result(sys2(SYS_clock_getres, lclock, res));
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts;

	(void)tz;		/* obsolete: always UTC */
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (tv) {
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	return 0;
}
GLUE_ALIAS(gettimeofday);

/* times() reports in newlib's clock ticks (CLOCKS_PER_SEC, which clock()
 * assumes), Linux in USER_HZ (100) ticks: scale. */
clock_t times(struct tms *buf)
{
	long ltms[4];
	long r = sys_result(sys1(SYS_times, ltms));
	const long scale = CLOCKS_PER_SEC / LINUX_USER_HZ;

	if (r == -1)
		return (clock_t)-1;
	if (buf) {
		buf->tms_utime = ltms[0] * scale;
		buf->tms_stime = ltms[1] * scale;
		buf->tms_cutime = ltms[2] * scale;
		buf->tms_cstime = ltms[3] * scale;
	}
	return (clock_t)r * scale;
}
GLUE_ALIAS(times);

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return sys_result(sys2(SYS_nanosleep, req, rem));
}

unsigned sleep(unsigned seconds)
{
	struct timespec req = { seconds, 0 }, rem = { 0, 0 };

	if (nanosleep(&req, &rem) < 0)
		return rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t us)
{
	struct timespec req = { us / 1000000, (us % 1000000) * 1000 };

	return nanosleep(&req, NULL);
}

/* getentropy() fills @buf with random bytes (at most 256, as POSIX says). */
int getentropy(void *buf, size_t len)
{
	char *p = buf;

	if (len > 256) {
		errno = EIO;
		return -1;
	}
	while (len > 0) {
		long r = sys_result(sys3(SYS_getrandom, p, len, 0));

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += r;
		len -= r;
	}
	return 0;
}
