/*
 * kernel/sys_io.c - system calls on file descriptors: read, write and
 * their vector and positioned forms, lseek, fstat, getdents64, dup,
 * pipe, ioctl, fcntl, ftruncate, close.
 *
 * Each handler checks its user pointers through the user-access routines
 * (kernel/uaccess.h): data passes through a kernel bounce buffer, so a bad
 * pointer becomes -EFAULT and never a kernel fault.
 */
#include "kernel/syscalls.h"
#include "kernel/task.h"
#include "kernel/kernel.h"
#include "kernel/uaccess.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"

#define IO_CHUNK	(64 * 1024)	/* bytes moved per bounce */
#define IOV_MAX		1024

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

static struct file *fd_file(unsigned long fd)
{
	return fd_get(&current->fs->fdt, (int)fd);
}

/* Reads up to @n bytes at @off (or the file position, if @off is NULL). */
static long read_to_user(struct file *f, unsigned long ubuf, size_t n, uint64_t *off)
{
	size_t len = MIN(n, (size_t)IO_CHUNK);
	char *buf;
	long r;

	if (n == 0)
		return f->f_mode & FMODE_READ ? 0 : -EBADF;
	if (!access_ok(ubuf, n))
		return -EFAULT;
	buf = kmalloc(len);
	if (!buf)
		return -ENOMEM;
	r = off ? vfs_pread(f, buf, len, *off) : vfs_read(f, buf, len);
	if (r > 0 && copy_to_user((void *)ubuf, buf, (size_t)r))
		r = -EFAULT;
	kfree(buf);
	return r;
}

/* Writes @n bytes from user memory, in chunks, stopping at a short write. */
static long write_from_user(struct file *f, unsigned long ubuf, size_t n, uint64_t *off)
{
	size_t done = 0;
	char *buf;

	if (!access_ok(ubuf, n))
		return -EFAULT;
	if (n == 0)
		return f->f_mode & FMODE_WRITE ? 0 : -EBADF;
	buf = kmalloc(MIN(n, (size_t)IO_CHUNK));
	if (!buf)
		return -ENOMEM;
	while (done < n) {
		size_t len = MIN(n - done, (size_t)IO_CHUNK);
		long r;

		if (copy_from_user(buf, (const void *)(ubuf + done), len)) {
			if (!done)
				done = (size_t)-EFAULT;
			break;
		}
		r = off ? vfs_pwrite(f, buf, len, *off + done) : vfs_write(f, buf, len);
		if (r < 0) {
			if (!done)
				done = (size_t)r;
			break;
		}
		done += (size_t)r;
		if ((size_t)r < len)
			break;
	}
	kfree(buf);
	return (long)done;
}

SYSCALL(read)
{
	struct file *f = fd_file(a[0]);

	return f ? read_to_user(f, a[1], a[2], NULL) : -EBADF;
}

SYSCALL(write)
{
	struct file *f = fd_file(a[0]);

	return f ? write_from_user(f, a[1], a[2], NULL) : -EBADF;
}

SYSCALL(pread64)
{
	struct file *f = fd_file(a[0]);
	uint64_t off = a[3];

	if (!f)
		return -EBADF;
	if (f->f_op && f->f_op->no_seek)
		return -ESPIPE;
	return read_to_user(f, a[1], a[2], &off);
}

SYSCALL(pwrite64)
{
	struct file *f = fd_file(a[0]);
	uint64_t off = a[3];

	if (!f)
		return -EBADF;
	if (f->f_op && f->f_op->no_seek)
		return -ESPIPE;
	return write_from_user(f, a[1], a[2], &off);
}

/* readv and writev: each iovec in turn, stopping at a short transfer. */
static long do_iov(unsigned long fd, unsigned long uiov, unsigned long cnt, bool writing)
{
	struct file *f = fd_file(fd);
	struct { uint64_t base, len; } iov;
	long total = 0;

	if (!f)
		return -EBADF;
	if (cnt > IOV_MAX)
		return -EINVAL;
	for (unsigned long i = 0; i < cnt; i++) {
		long r;

		if (copy_from_user(&iov, (const void *)(uiov + i * sizeof(iov)), sizeof(iov)))
			return total ? total : -EFAULT;
		r = writing ? write_from_user(f, iov.base, iov.len, NULL) :
			      read_to_user(f, iov.base, iov.len, NULL);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((uint64_t)r < iov.len)
			break;
	}
	return total;
}

SYSCALL(readv)
{
	return do_iov(a[0], a[1], a[2], false);
}

SYSCALL(writev)
{
	return do_iov(a[0], a[1], a[2], true);
}

SYSCALL(lseek)
{
	struct file *f = fd_file(a[0]);

	return f ? vfs_lseek(f, (int64_t)a[1], (int)a[2]) : -EBADF;
}

SYSCALL(fstat)
{
	struct file *f = fd_file(a[0]);
	struct kstat st;

	if (!f)
		return -EBADF;
	vfs_fstat(f, &st);
	return arch_stat_to_user((void *)a[1], &st);
}

SYSCALL(getdents64)
{
	struct file *f = fd_file(a[0]);
	size_t n = MIN((size_t)a[2], (size_t)IO_CHUNK);
	char *buf;
	long r;

	if (!f)
		return -EBADF;
	if (!access_ok(a[1], a[2]))
		return -EFAULT;
	buf = kmalloc(n ? n : 1);
	if (!buf)
		return -ENOMEM;
	r = vfs_getdents(f, buf, n);
	if (r > 0 && copy_to_user((void *)a[1], buf, (size_t)r))
		r = -EFAULT;
	kfree(buf);
	return r;
}

SYSCALL(close)
{
	return fd_close(&current->fs->fdt, (int)a[0]);
}

SYSCALL(dup)
{
	return fd_dup(&current->fs->fdt, (int)a[0]);
}

SYSCALL(dup2)
{
	if (a[0] == a[1])
		return fd_file(a[0]) ? (long)a[1] : -EBADF;
	return fd_dup3(&current->fs->fdt, (int)a[0], (int)a[1], 0);
}

SYSCALL(dup3)
{
	return fd_dup3(&current->fs->fdt, (int)a[0], (int)a[1], (int)a[2]);
}

SYSCALL(pipe2)
{
	struct file *rd, *wr;
	int fds[2], err;
	bool cloexec = a[1] & O_CLOEXEC;

	if (a[1] & ~(unsigned long)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = pipe_create(&rd, &wr);
	if (err)
		return err;
	if (a[1] & O_NONBLOCK) {
		rd->flags |= O_NONBLOCK;
		wr->flags |= O_NONBLOCK;
	}
	fds[0] = fd_install(&current->fs->fdt, rd, cloexec);
	if (fds[0] < 0) {
		file_put(rd);
		file_put(wr);
		return fds[0];
	}
	fds[1] = fd_install(&current->fs->fdt, wr, cloexec);
	if (fds[1] < 0) {
		fd_close(&current->fs->fdt, fds[0]);
		file_put(wr);
		return fds[1];
	}
	if (copy_to_user((void *)a[0], fds, sizeof(fds))) {
		fd_close(&current->fs->fdt, fds[0]);
		fd_close(&current->fs->fdt, fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL(pipe)
{
	unsigned long b[6] = { a[0], 0 };

	return sys_pipe2(b);
}

SYSCALL(ioctl)
{
	struct file *f = fd_file(a[0]);

	if (!f)
		return -EBADF;
	if (!f->f_op || !f->f_op->ioctl)
		return -ENOTTY;
	return f->f_op->ioctl(f, (unsigned)a[1], a[2]);
}

SYSCALL(fcntl)
{
	struct fdtable *fdt = &current->fs->fdt;
	struct file *f = fd_file(a[0]);
	int fd;

	if (!f)
		return -EBADF;
	switch (a[1]) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		/* The lowest number is checked before it indexes the table (a
		 * negative int is a huge unsigned long: EINVAL, as in Linux). */
		if (a[2] >= FD_MAX)
			return -EINVAL;
		for (fd = (int)a[2]; fd < FD_MAX; fd++)
			if (!fdt->fd[fd])
				break;
		if (fd >= FD_MAX)
			return -EMFILE;
		return fd_dup3(fdt, (int)a[0], fd, a[1] == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
	case F_GETFD:
		return (fdt->cloexec >> a[0]) & 1 ? FD_CLOEXEC : 0;
	case F_SETFD:
		if (a[2] & FD_CLOEXEC)
			fdt->cloexec |= 1ull << a[0];
		else
			fdt->cloexec &= ~(1ull << a[0]);
		return 0;
	case F_GETFL:
		return f->flags;	/* the access mode and status flags of open() */
	case F_SETFL:
		f->flags = (f->flags & ~(O_APPEND | O_NONBLOCK)) |
			   ((int)a[2] & (O_APPEND | O_NONBLOCK));
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL(ftruncate)
{
	struct file *f = fd_file(a[0]);

	return f ? vfs_ftruncate(f, a[1]) : -EBADF;
}

/* ---- sendfile ------------------------------------------------------------------ */

#define SENDFILE_MAX	0x7ffff000ul	/* Linux's MAX_RW_COUNT */

/*
 * sendfile(out_fd, in_fd, offset, count) copies up to @count bytes from
 * @in_fd to @out_fd through a kernel buffer. With @offset, reading starts
 * at *offset, in_fd's position stays, and *offset is advanced; without,
 * in_fd's position moves. Returns the bytes written. As Linux: -EBADF
 * unless in_fd is open for reading and out_fd for writing, -EINVAL if
 * out_fd is in append mode, -ESPIPE for an @offset on a stream. It stops
 * at the end of the input, at a short read (a pipe does not block twice)
 * and at a short write; an input byte read but not written is given
 * back by moving in_fd's position (or not counted in *offset).
 */
SYSCALL(sendfile)
{
	struct file *out = fd_file(a[0]), *in = fd_file(a[1]);
	size_t count = MIN(a[3], SENDFILE_MAX), done = 0;
	uint64_t off = 0;
	long err = 0;
	char *buf;

	if (!in || !(in->f_mode & FMODE_READ) || !out || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if (out->flags & O_APPEND)
		return -EINVAL;
	if (a[2]) {
		if (in->f_op && in->f_op->no_seek)
			return -ESPIPE;
		if (copy_from_user(&off, (const void *)a[2], sizeof(off)))
			return -EFAULT;
	}
	buf = kmalloc(IO_CHUNK);
	if (!buf)
		return -ENOMEM;
	while (done < count) {
		size_t want = MIN(count - done, (size_t)IO_CHUNK);
		long r = a[2] ? vfs_pread(in, buf, want, off + done) : vfs_read(in, buf, want);
		long w;

		if (r <= 0) {
			err = r;
			break;
		}
		w = vfs_write(out, buf, (size_t)r);
		if (w < 0)
			err = w;
		if (w < r && !a[2] && !(in->f_op && in->f_op->no_seek))
			vfs_lseek(in, (int64_t)(w < 0 ? 0 : w) - r, 1 /* SEEK_CUR */);
		if (w > 0)
			done += (size_t)w;
		if (w < r || (size_t)r < want)
			break;
	}
	kfree(buf);
	if (a[2]) {
		off += done;
		if (copy_to_user((void *)a[2], &off, sizeof(off)) && !done)
			return -EFAULT;
	}
	return done ? (long)done : err;
}
