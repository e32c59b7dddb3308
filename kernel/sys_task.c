/*
 * kernel/sys_task.c - system calls about the task itself: process groups
 * and sessions (getpgid, setpgid, getpgrp, setsid, getsid), its name
 * (prctl PR_SET_NAME / PR_GET_NAME) and set_robust_list.
 *
 * Process groups and sessions follow Linux: a child inherits both; task 0
 * and so the first process start in group 0 and session 0, as Linux's
 * init does until it calls setsid(). A session leader is a task whose
 * session id is its pid. Nothing acts on the groups yet beyond wait4's
 * pid 0 and -pgid (kernel/proc.c); signals to a group come with signals.
 */
#include "kernel/syscalls.h"
#include "kernel/task.h"
#include "kernel/kernel.h"
#include "kernel/uaccess.h"

/* The task @pid names for these calls (0: the caller), or NULL. */
static struct task *task_or_self(int pid)
{
	if (pid == 0)
		return current;
	return pid > 0 ? task_find(pid) : NULL;
}

/* getpgid(pid): @pid's process group; -ESRCH if there is no such task. */
SYSCALL(getpgid)
{
	struct task *t = task_or_self((int)a[0]);

	return t ? t->pgid : -ESRCH;
}

/* getpgrp(): the caller's process group (x86_64 only; riscv64 uses getpgid(0)). */
SYSCALL(getpgrp)
{
	(void)a;
	return current->pgid;
}

/* getsid(pid): @pid's session; -ESRCH if there is no such task. */
SYSCALL(getsid)
{
	struct task *t = task_or_self((int)a[0]);

	return t ? t->sid : -ESRCH;
}

/*
 * setpgid(pid, pgid) moves the caller or one of its children (@pid, 0:
 * the caller) into group @pgid (0: a group of its own, named by its pid).
 * Linux's checks, in Linux's order: -EINVAL for a negative @pgid; -ESRCH
 * if @pid is neither the caller nor its child; for a child, -EPERM if it
 * is in another session and -EACCES once it has called execve; -EPERM to
 * move a session leader, or to join a group that does not exist in the
 * caller's session.
 */
SYSCALL(setpgid)
{
	int pid = (int)a[0] ? (int)a[0] : current->pid;
	int pgid = (int)a[1] ? (int)a[1] : pid;
	struct task *t, *member;

	if (pgid < 0)
		return -EINVAL;
	t = pid > 0 ? task_find(pid) : NULL;
	if (!t || (t != current && t->parent != current))
		return -ESRCH;
	if (t != current) {
		if (t->sid != current->sid)
			return -EPERM;
		if (t->did_exec)
			return -EACCES;
	}
	if (t->sid == t->pid)
		return -EPERM;
	if (pgid != t->pid) {
		member = task_pgrp_member(pgid);
		if (!member || member->sid != current->sid)
			return -EPERM;
	}
	t->pgid = pgid;
	return 0;
}

/*
 * setsid() makes the caller the leader of a new session and of a new
 * process group, both named by its pid, and returns that id. -EPERM if a
 * process group already has that id (a group leader cannot start a
 * session). No terminal becomes the session's: Atlas's console belongs
 * to every session (kernel/tty.c).
 */
SYSCALL(setsid)
{
	(void)a;
	if (current->sid == current->pid || task_pgrp_member(current->pid))
		return -EPERM;
	current->sid = current->pgid = current->pid;
	return current->pid;
}

/* ---- prctl --------------------------------------------------------------------- */

#define PR_SET_NAME	15
#define PR_GET_NAME	16

/*
 * prctl(option, arg2, ...): only the name of the task, the one ps shows
 * and /proc/<pid>/comm reads. PR_SET_NAME takes up to 15 bytes of the
 * string at @arg2, PR_GET_NAME stores the name, NUL-terminated, in 16
 * bytes at @arg2; -EFAULT for a bad pointer. Other options: -EINVAL, as
 * Linux answers an option it does not know.
 */
SYSCALL(prctl)
{
	char name[TASK_COMM_LEN];
	long n;

	switch (a[0]) {
	case PR_SET_NAME:
		memset(name, 0, sizeof(name));
		/* Like Linux, read at most 15 bytes: a longer name is cut. */
		n = strncpy_from_user(name, (const char *)a[1], sizeof(name) - 1);
		if (n < 0 && n != -ENAMETOOLONG)
			return n;
		memcpy(current->comm, name, sizeof(name));
		return 0;
	case PR_GET_NAME:
		memcpy(name, current->comm, sizeof(name));
		name[sizeof(name) - 1] = '\0';
		return copy_to_user((void *)a[1], name, sizeof(name));
	}
	return -EINVAL;
}

/* ---- robust futex list ------------------------------------------------------- */

/* Linux's struct robust_list_head: list, futex_offset, list_op_pending. */
#define ROBUST_LIST_HEAD_SIZE 24

/*
 * set_robust_list(head, len) records where the thread's list of robust
 * futexes lives; -EINVAL unless @len is the size of Linux's head. A libc
 * registers it at start. Atlas has no threads and no futexes, so it is
 * kept, never walked.
 */
SYSCALL(set_robust_list)
{
	if (a[1] != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	current->robust_list = a[0];
	return 0;
}
