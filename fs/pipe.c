/*
 * fs/pipe.c - pipes (fs/pipe.h).
 *
 * One page is the buffer, used as a ring. Each end is an open file of an
 * inode of no file system; the pipe counts its readers and writers (the
 * open files of each end), and a sleeping reader or writer waits on the
 * pipe itself, so one wakeup(pipe) after any change wakes whoever waits.
 * With O_NONBLOCK, an empty read or a full write answers -EAGAIN instead.
 */
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/task.h"
#include "mm/kmalloc.h"
#include "memlayout.h"

#define PIPE_SIZE PAGE_SIZE

struct pipe {
	struct inode inode;
	char *buf;
	size_t head, len;		/* first byte, bytes held */
	int readers, writers;
};

static struct pipe *file_pipe(struct file *f)
{
	return container_of(f->inode, struct pipe, inode);
}

static long pipe_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	struct pipe *p = file_pipe(f);
	size_t done = 0;

	(void)pos;
	while (p->len == 0) {
		if (p->writers == 0)
			return 0;		/* end of file */
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (sleep_on(p))
			return -EINTR;
	}
	while (done < n && p->len) {
		size_t chunk = MIN(MIN(n - done, p->len), PIPE_SIZE - p->head);

		memcpy((char *)buf + done, p->buf + p->head, chunk);
		p->head = (p->head + chunk) % PIPE_SIZE;
		p->len -= chunk;
		done += chunk;
	}
	wakeup(p);
	return (long)done;
}

static long pipe_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	struct pipe *p = file_pipe(f);
	size_t done = 0;

	(void)pos;
	while (done < n) {
		size_t tail, chunk;

		if (p->readers == 0) {
			signal_send(current, SIGPIPE, SI_USER, current->pid);
			return done ? (long)done : -EPIPE;
		}
		if (p->len == PIPE_SIZE) {
			if (f->flags & O_NONBLOCK)
				return done ? (long)done : -EAGAIN;
			wakeup(p);
			if (sleep_on(p))
				return done ? (long)done : -EINTR;
			continue;
		}
		tail = (p->head + p->len) % PIPE_SIZE;
		chunk = MIN(n - done, MIN(PIPE_SIZE - p->len, PIPE_SIZE - tail));
		memcpy(p->buf + tail, (const char *)buf + done, chunk);
		p->len += chunk;
		done += chunk;
	}
	wakeup(p);
	return (long)done;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = file_pipe(f);

	if (f->f_mode & FMODE_READ)
		p->readers--;
	else
		p->writers--;
	wakeup(p);
}

/*
 * As Linux's pipe_poll(): the read end is readable while data is held
 * and hung up once every writer is gone; the write end is writable while
 * there is room, and in error once every reader is gone.
 */
static unsigned pipe_poll(struct file *f)
{
	struct pipe *p = file_pipe(f);
	unsigned mask = 0;

	if (f->f_mode & FMODE_READ) {
		if (p->len)
			mask |= POLLIN | POLLRDNORM;
		if (p->writers == 0)
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (p->len < PIPE_SIZE)
			mask |= POLLOUT | POLLWRNORM;
		if (p->readers == 0)
			mask |= POLLERR;
	}
	return mask;
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.release = pipe_release,
	.no_seek = true,
};

/* The last end closed: the inode goes, and the pipe with it. */
static void pipe_destroy(struct inode *inode)
{
	struct pipe *p = container_of(inode, struct pipe, inode);

	kfree(p->buf);
	kfree(p);
}

int pipe_create(struct file **rd, struct file **wr)
{
	static uint64_t next_ino = 1;
	struct pipe *p = kzalloc(sizeof(*p));

	if (!p)
		return -ENOMEM;
	p->buf = kmalloc(PIPE_SIZE);
	if (!p->buf) {
		kfree(p);
		return -ENOMEM;
	}
	inode_init(&p->inode, next_ino++, S_IFIFO | 0600, pipe_destroy);
	*rd = file_alloc(&p->inode, &pipe_fops, FMODE_READ);
	*wr = *rd ? file_alloc(&p->inode, &pipe_fops, FMODE_WRITE) : NULL;
	inode_put(&p->inode);		/* the two files hold it now */
	if (!*wr) {
		if (*rd)
			file_put(*rd);	/* frees the pipe (no release counts yet) */
		return -ENOMEM;
	}
	(*rd)->flags = O_RDONLY;
	(*wr)->flags = O_WRONLY;
	p->readers = 1;
	p->writers = 1;
	return 0;
}
