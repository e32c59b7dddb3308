/*
 * kernel/sys_proc.c - system calls about processes, time, identity and
 * memory: exit, fork, execve, wait4, kill, the get*id family, sleeping,
 * clocks, uname, limits, and brk/mmap/munmap/mprotect.
 */
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/task.h"
#include "kernel/kernel.h"
#include "kernel/uaccess.h"
#include "fs/shmem.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"

#define EXEC_ARGV_MAX 1024
#define EXEC_STRINGS_MAX (128 * 1024)	/* bytes of argv or envp strings */

/* ---- lifetime -------------------------------------------------------------- */

SYSCALL(exit)
{
	proc_exit(W_EXITCODE((int)a[0]));
}

SYSCALL(exit_group)
{
	proc_exit(W_EXITCODE((int)a[0]));
}

SYSCALL(fork)
{
	(void)a;
	return proc_fork(current->tf);
}

SYSCALL(vfork)
{
	(void)a;
	return proc_fork(current->tf);	/* a full copy: vfork's sharing is an optimisation */
}

SYSCALL(clone)
{
	/* Only the fork-like use: no shared address space (threads), no new stack. */
	const unsigned long CLONE_VM = 0x100, CSIGNAL = 0xff;

	if ((a[0] & ~CSIGNAL) & CLONE_VM)
		return -ENOSYS;
	if (a[0] & ~CSIGNAL & ~0x01000000ul & ~0x00200000ul)
		return -EINVAL;		/* only SETTID/CHILD_CLEARTID-free forks */
	return proc_fork(current->tf);
}

/* Copies a user argv or envp array of strings into kernel memory. */
static char **strings_in(unsigned long uarr, int *err)
{
	char **v = kzalloc((EXEC_ARGV_MAX + 1) * sizeof(char *));
	char *tmp = kmalloc(PATH_MAX);
	size_t total = 0;
	int n;

	if (!v || !tmp) {
		*err = -ENOMEM;
		goto out_free;
	}
	for (n = 0; uarr; n++) {
		unsigned long p;
		long len;

		if (n == EXEC_ARGV_MAX) {
			*err = -E2BIG;
			goto out_free;
		}
		if (copy_from_user(&p, (const void *)(uarr + n * sizeof(p)), sizeof(p))) {
			*err = -EFAULT;
			goto out_free;
		}
		if (!p)
			break;
		len = strncpy_from_user(tmp, (const char *)p, PATH_MAX);
		if (len < 0) {
			*err = len == -ENAMETOOLONG ? -E2BIG : (int)len;
			goto out_free;
		}
		/* Each array stops at 128 KiB; exec_program() checks both together. */
		total += (size_t)len + 1;
		if (total > EXEC_STRINGS_MAX) {
			*err = -E2BIG;
			goto out_free;
		}
		v[n] = kmalloc((size_t)len + 1);
		if (!v[n]) {
			*err = -ENOMEM;
			goto out_free;
		}
		memcpy(v[n], tmp, (size_t)len + 1);
	}
	kfree(tmp);
	return v;
out_free:
	for (int i = 0; v && v[i]; i++)
		kfree(v[i]);
	kfree(v);
	kfree(tmp);
	return NULL;
}

static void strings_free(char **v)
{
	for (int i = 0; v && v[i]; i++)
		kfree(v[i]);
	kfree(v);
}

SYSCALL(execve)
{
	int err = 0;
	char *path = kmalloc(PATH_MAX), **argv = NULL, **envp = NULL;
	long n;

	if (!path)
		return -ENOMEM;
	n = strncpy_from_user(path, (const char *)a[0], PATH_MAX);
	if (n < 0)
		err = (int)n;
	if (!err && !(argv = strings_in(a[1], &err)))
		goto out;
	if (!err && !(envp = strings_in(a[2], &err)))
		goto out;
	if (!err)
		err = exec_program(path, argv, envp);
out:
	strings_free(envp);
	strings_free(argv);
	kfree(path);
	return err;
}

SYSCALL(wait4)
{
	/*
	 * WUNTRACED and WCONTINUED are accepted: no process stops yet, so
	 * they never add a report. __WNOTHREAD, __WALL, __WCLONE concern
	 * threads, which Atlas does not have.
	 */
	const unsigned long known = WNOHANG | 0x2 /* WUNTRACED */ | 0x8 /* WCONTINUED */ |
				    0x20000000 | 0x40000000 | 0x80000000;
	int status = 0, pid;

	if (a[2] & ~known)
		return -EINVAL;
	if ((int)a[0] == (int)0x80000000u)
		return -ESRCH;		/* -INT_MIN has no group to name */
	pid = proc_wait((int)a[0], &status, (int)a[2]);
	if (pid > 0 && a[1] && copy_to_user((void *)a[1], &status, sizeof(status)))
		return -EFAULT;
	return pid;
}

/* ---- identity --------------------------------------------------------------- */

SYSCALL(getpid)
{
	(void)a;
	return current->pid;
}

SYSCALL(gettid)
{
	(void)a;
	return current->pid;
}

SYSCALL(getppid)
{
	(void)a;
	return current->ppid;
}

SYSCALL(getuid)
{
	(void)a;
	return current->uid;
}

SYSCALL(geteuid)
{
	(void)a;
	return current->uid;
}

SYSCALL(getgid)
{
	(void)a;
	return current->gid;
}

SYSCALL(getegid)
{
	(void)a;
	return current->gid;
}

SYSCALL(setuid)
{
	if (current->uid != 0 && a[0] != current->uid)
		return -EPERM;
	current->uid = (uint32_t)a[0];
	current->fs->cred.uid = (uint32_t)a[0];
	return 0;
}

SYSCALL(setgid)
{
	if (current->uid != 0 && a[0] != current->gid)
		return -EPERM;
	current->gid = (uint32_t)a[0];
	current->fs->cred.gid = (uint32_t)a[0];
	return 0;
}

SYSCALL(set_tid_address)
{
	(void)a;
	return current->pid;
}

/* ---- time ----------------------------------------------------------------- */

struct linux_timespec {
	int64_t tv_sec, tv_nsec;
};

static void now(struct linux_timespec *ts)
{
	uint64_t t = ticks;

	ts->tv_sec = (int64_t)(t / HZ);
	ts->tv_nsec = (int64_t)(t % HZ) * (1000000000 / HZ);
}

SYSCALL(clock_gettime)
{
	struct linux_timespec ts;

	if (a[0] > 7)
		return -EINVAL;
	now(&ts);		/* every clock is time since boot, in ticks */
	return copy_to_user((void *)a[1], &ts, sizeof(ts));
}

SYSCALL(gettimeofday)
{
	struct linux_timespec ts;
	int64_t tv[2];

	now(&ts);
	tv[0] = ts.tv_sec;
	tv[1] = ts.tv_nsec / 1000;
	return a[0] ? copy_to_user((void *)a[0], tv, sizeof(tv)) : 0;
}

/* Sleeps for a user timespec; -EINVAL for a bad one. */
/*
 * Sleeps for the user timespec at @uts. Interrupted by a signal, it
 * writes the time left to @urem (if not 0) and returns -EINTR.
 */
static long sleep_for(unsigned long uts, unsigned long urem)
{
	struct linux_timespec ts;
	uint64_t t, end;

	if (copy_from_user(&ts, (const void *)uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	/* A huge tv_sec must not wrap into a short sleep: it means forever. */
	if ((uint64_t)ts.tv_sec > (UINT64_MAX >> 1) / HZ)
		t = UINT64_MAX >> 1;
	else
		t = (uint64_t)ts.tv_sec * HZ + (uint64_t)(ts.tv_nsec + 9999999) / 10000000;
	end = ticks + t;
	if (t && sleep_ticks(t)) {
		uint64_t left = end > ticks ? end - ticks : 0;
		struct linux_timespec rem = { (int64_t)(left / HZ),
					      (int64_t)(left % HZ) * (1000000000 / HZ) };

		if (urem && copy_to_user((void *)urem, &rem, sizeof(rem)))
			return -EFAULT;
		return -EINTR;
	}
	return 0;
}

SYSCALL(nanosleep)
{
	return sleep_for(a[0], a[1]);
}

SYSCALL(clock_nanosleep)
{
	if (a[1] & 1)
		return -EINVAL;		/* TIMER_ABSTIME: not yet */
	return sleep_for(a[2], a[3]);
}

SYSCALL(sched_yield)
{
	(void)a;
	sched_yield_cpu();
	return 0;
}

/* ---- the system ----------------------------------------------------------- */

SYSCALL(uname)
{
	char u[6][65];

	memset(u, 0, sizeof(u));
	strlcpy(u[0], "Linux", 65);	/* programs test for it; Atlas speaks its ABI */
	strlcpy(u[1], "atlas", 65);
	strlcpy(u[2], "6.1.0-atlas", 65);
	strlcpy(u[3], "#1 Atlas", 65);
	strlcpy(u[4], ARCH_NAME, 65);
	strlcpy(u[5], "(none)", 65);
	return copy_to_user((void *)a[0], u, sizeof(u));
}

struct linux_rlimit {
	uint64_t cur, max;
};

SYSCALL(prlimit64)
{
	struct linux_rlimit r = { ~0ull, ~0ull };

	if (a[0] && (int)a[0] != current->pid)
		return -ESRCH;
	if (a[1] > 15)
		return -EINVAL;
	if (a[1] == 3)			/* RLIMIT_STACK: the stack mapping's size */
		r.cur = r.max = MiB(8);
	if (a[1] == 7)			/* RLIMIT_NOFILE */
		r.cur = r.max = FD_MAX;
	return a[3] ? copy_to_user((void *)a[3], &r, sizeof(r)) : 0;
}

SYSCALL(getrlimit)
{
	unsigned long b[6] = { 0, a[0], 0, a[1] };

	return sys_prlimit64(b);
}

SYSCALL(setrlimit)
{
	(void)a;
	return 0;			/* accepted, not enforced */
}

SYSCALL(getrusage)
{
	char zero[144];

	memset(zero, 0, sizeof(zero));
	return copy_to_user((void *)a[1], zero, sizeof(zero));
}

SYSCALL(reboot)
{
	/* Linux's magic numbers, then LINUX_REBOOT_CMD_POWER_OFF. */
	if (a[0] != 0xfee1dead || a[2] != 0x4321fedc)
		return -EINVAL;
	if (current->uid != 0)
		return -EPERM;
	kernel_exit(0);
}

/* ---- memory -------------------------------------------------------------- */

SYSCALL(brk)
{
	return (long)mm_brk(current->mm, a[0]);
}

SYSCALL(mmap)
{
	struct file *f = NULL;
	int flags = (int)a[3];
	long ret;

	if (!(flags & MAP_ANONYMOUS)) {
		f = fd_get(&current->fs->fdt, (int)a[4]);
		if (!f)
			return -EBADF;
		return do_mmap(current->mm, a[0], a[1], (int)a[2], flags, f, a[5]);
	}
	if ((flags & MAP_TYPE) == MAP_PRIVATE)
		return do_mmap(current->mm, a[0], a[1], (int)a[2], flags, NULL, 0);
	/*
	 * Shared anonymous memory is a file of its own (fs/shmem.c), so that a
	 * forked child shares its pages: map that file, then let the VMA hold
	 * the only reference.
	 */
	if (a[1] == 0 || a[1] > USER_TOP)
		return a[1] ? -ENOMEM : -EINVAL;
	f = shmem_file_create(ALIGN_UP(a[1], PAGE_SIZE));
	if (!f)
		return -ENOMEM;
	ret = do_mmap(current->mm, a[0], a[1], (int)a[2], flags & ~MAP_ANONYMOUS, f, 0);
	file_put(f);
	return ret;
}

SYSCALL(munmap)
{
	return do_munmap(current->mm, a[0], a[1]);
}

SYSCALL(mprotect)
{
	return do_mprotect(current->mm, a[0], a[1], (int)a[2]);
}

SYSCALL(msync)
{
	/* ramfs pages are the file: there is nothing to write back. */
	if (a[0] % PAGE_SIZE)
		return -EINVAL;
	return vma_find(current->mm, a[0]) ? 0 : -ENOMEM;
}

SYSCALL(madvise)
{
	return do_madvise(current->mm, a[0], a[1], (int)a[2]);
}
