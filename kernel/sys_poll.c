/*
 * kernel/sys_poll.c - poll and ppoll: wait until one of several
 * descriptors is ready.
 *
 * Each file says what it has now through f_op->poll (fs/file.h); a file
 * without one is always readable and writable, as on Linux. Nothing
 * registers on a wait queue: while no descriptor is ready, the caller
 * sleeps one timer tick and asks every file again (the console's input is
 * polled per tick anyway), until the timeout. Signals are not delivered
 * yet, so nothing ends the wait early, and ppoll's signal mask is
 * accepted and not applied.
 */
#include "kernel/syscalls.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/kernel.h"
#include "kernel/uaccess.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"

/* Linux's struct pollfd. */
struct linux_pollfd {
	int32_t fd;
	int16_t events;
	int16_t revents;
};

#define POLL_DEFAULT_MASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)
#define POLL_FOREVER UINT64_MAX

/* Fills every revents; returns how many descriptors have one. */
static int poll_scan(struct linux_pollfd *pfd, unsigned long n)
{
	int ready = 0;

	for (unsigned long i = 0; i < n; i++) {
		struct file *f;
		unsigned mask;

		pfd[i].revents = 0;
		if (pfd[i].fd < 0)
			continue;
		f = fd_get(&current->fs->fdt, pfd[i].fd);
		if (!f) {
			mask = POLLNVAL;
		} else {
			mask = f->f_op && f->f_op->poll ? f->f_op->poll(f) : POLL_DEFAULT_MASK;
			/* Errors and hang-ups are reported even when not asked for. */
			mask &= (unsigned)(uint16_t)pfd[i].events | POLLERR | POLLHUP;
		}
		pfd[i].revents = (int16_t)mask;
		ready += mask != 0;
	}
	return ready;
}

/*
 * Polls the @n pollfds at user @ufds for up to @timeout ticks
 * (POLL_FOREVER: no limit). Returns how many are ready (0: the time ran
 * out), -EINVAL for more descriptors than a process may have open,
 * -EFAULT, -ENOMEM.
 */
static long do_poll(unsigned long ufds, unsigned long n, uint64_t timeout)
{
	struct linux_pollfd *pfd;
	uint64_t end = timeout == POLL_FOREVER ? POLL_FOREVER : ticks + timeout;
	long ready;

	if (n > FD_MAX)
		return -EINVAL;
	pfd = kmalloc(MAX(n, 1ul) * sizeof(*pfd));
	if (!pfd)
		return -ENOMEM;
	ready = copy_from_user(pfd, (const void *)ufds, n * sizeof(*pfd));
	while (!ready) {
		ready = poll_scan(pfd, n);
		if (ready || ticks >= end)
			break;
		if (sleep_ticks(1)) {
			ready = -EINTR;
			break;
		}
	}
	if (ready >= 0 && copy_to_user((void *)ufds, pfd, n * sizeof(*pfd)))
		ready = -EFAULT;
	kfree(pfd);
	return ready;
}

/* poll(fds, nfds, timeout_ms) (x86_64 only): a negative timeout waits forever. */
SYSCALL(poll)
{
	long ms = (int)a[2];

	if (ms < 0)
		return do_poll(a[0], a[1], POLL_FOREVER);
	return do_poll(a[0], a[1], ((uint64_t)ms * HZ + 999) / 1000);
}

/*
 * ppoll(fds, nfds, tmo, sigmask, sigsetsize): the timeout is a timespec
 * (NULL: forever; -EINVAL for a negative or malformed one). Linux writes
 * the time left back into @tmo; so does Atlas, in whole ticks.
 */
SYSCALL(ppoll)
{
	int64_t ts[2];
	uint64_t timeout = POLL_FOREVER, start = ticks, used;
	long r;

	if (a[2]) {
		if (copy_from_user(ts, (const void *)a[2], sizeof(ts)))
			return -EFAULT;
		if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
			return -EINVAL;
		timeout = (uint64_t)ts[0] * HZ + ((uint64_t)ts[1] * HZ + 999999999) / 1000000000;
	}
	if (a[3] && a[4] != 8)
		return -EINVAL;		/* Linux's sigset_t is 8 bytes */
	r = do_poll(a[0], a[1], timeout);
	if (a[2] && r >= 0) {
		used = ticks - start;
		used = MIN(used, timeout);
		ts[0] = (int64_t)((timeout - used) / HZ);
		ts[1] = (int64_t)((timeout - used) % HZ) * (1000000000 / HZ);
		if (copy_to_user((void *)a[2], ts, sizeof(ts)))
			return r;	/* Linux, too, ignores a failed write-back */
	}
	return r;
}
