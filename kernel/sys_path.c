/*
 * kernel/sys_path.c - system calls that take path names: open, stat,
 * mkdir, unlink, rename, links, access, truncate, chdir, getcwd, mount.
 *
 * A path is copied from user memory into a PATH_MAX buffer first
 * (strncpy_from_user(): -EFAULT, -ENAMETOOLONG). The *at forms resolve a
 * relative path against a directory descriptor instead of the working
 * directory; the legacy x86_64 forms are the *at forms with AT_FDCWD.
 */
#include "kernel/syscalls.h"
#include "kernel/task.h"
#include "kernel/kernel.h"
#include "kernel/uaccess.h"
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "mm/kmalloc.h"
#include "kernel/sys_path.h"

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

char *path_in(unsigned long upath, int *err)
{
	char *buf = kmalloc(PATH_MAX);
	long n;

	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	n = strncpy_from_user(buf, (const char *)upath, PATH_MAX);
	if (n < 0) {
		kfree(buf);
		*err = (int)n;
		return NULL;
	}
	return buf;
}

void path_free(char *p)
{
	kfree(p);
}

struct fs_context *at_context(long dirfd, const char *path, struct fs_context *tmp, int *err)
{
	struct file *dir;

	if (path[0] == '/' || (int)dirfd == AT_FDCWD)
		return current->fs;
	dir = fd_get(&current->fs->fdt, (int)dirfd);
	if (!dir) {
		*err = -EBADF;
		return NULL;
	}
	if (!dir->path.dentry || !S_ISDIR(dir->inode->mode)) {
		*err = -ENOTDIR;
		return NULL;
	}
	*tmp = *current->fs;
	tmp->cwd = dir->path;
	return tmp;
}

SYSCALL(openat)
{
	struct fs_context tmp, *ctx;
	struct file *f;
	int err = 0, fd;
	char *path = path_in(a[1], &err);

	if (!path)
		return err;
	ctx = at_context((long)a[0], path, &tmp, &err);
	if (ctx)
		err = vfs_open(ctx, path, (int)a[2], (unsigned)a[3], &f);
	path_free(path);
	if (err)
		return err;
	fd = fd_install(&current->fs->fdt, f, a[2] & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL(open)
{
	unsigned long b[6] = { (unsigned long)AT_FDCWD, a[0], a[1], a[2] };

	return sys_openat(b);
}

/* stat through a path: newfstatat, stat, lstat. */
static long stat_at(long dirfd, unsigned long upath, unsigned long ustat, unsigned long flags)
{
	struct fs_context tmp, *ctx;
	struct kstat st;
	int err = 0;
	char *path = path_in(upath, &err);

	if (!path)
		return err;
	if (!path[0] && (flags & AT_EMPTY_PATH)) {
		struct file *f = (int)dirfd == AT_FDCWD ? NULL : fd_get(&current->fs->fdt, (int)dirfd);

		if ((int)dirfd == AT_FDCWD)
			err = vfs_stat(current->fs, ".", LOOKUP_FOLLOW, &st);
		else if (!f)
			err = -EBADF;
		else
			err = vfs_fstat(f, &st);
	} else {
		ctx = at_context(dirfd, path, &tmp, &err);
		if (ctx)
			err = vfs_stat(ctx, path, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &st);
	}
	path_free(path);
	return err ? err : arch_stat_to_user((void *)ustat, &st);
}

SYSCALL(newfstatat)
{
	return stat_at((long)a[0], a[1], a[2], a[3]);
}

SYSCALL(stat)
{
	return stat_at(AT_FDCWD, a[0], a[1], 0);
}

SYSCALL(lstat)
{
	return stat_at(AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW);
}

/* One path, one vfs call: mkdirat, unlinkat, symlinkat, truncate, chdir. */
enum path_op { OP_MKDIR, OP_UNLINK, OP_RMDIR, OP_CHDIR, OP_TRUNCATE };

static long one_path(long dirfd, unsigned long upath, enum path_op op, unsigned long arg)
{
	struct fs_context tmp, *ctx;
	int err = 0;
	char *path = path_in(upath, &err);

	if (!path)
		return err;
	ctx = at_context(dirfd, path, &tmp, &err);
	if (ctx) {
		switch (op) {
		case OP_MKDIR:
			err = vfs_mkdir(ctx, path, (unsigned)arg);
			break;
		case OP_UNLINK:
			err = vfs_unlink(ctx, path);
			break;
		case OP_RMDIR:
			err = vfs_rmdir(ctx, path);
			break;
		case OP_CHDIR:
			err = vfs_chdir(current->fs, path);
			break;
		case OP_TRUNCATE:
			err = vfs_truncate(ctx, path, arg);
			break;
		}
	}
	path_free(path);
	return err;
}

SYSCALL(mkdirat)
{
	return one_path((long)a[0], a[1], OP_MKDIR, a[2]);
}

SYSCALL(mkdir)
{
	return one_path(AT_FDCWD, a[0], OP_MKDIR, a[1]);
}

SYSCALL(unlinkat)
{
	if (a[2] & ~(unsigned long)AT_REMOVEDIR)
		return -EINVAL;
	return one_path((long)a[0], a[1], a[2] & AT_REMOVEDIR ? OP_RMDIR : OP_UNLINK, 0);
}

SYSCALL(unlink)
{
	return one_path(AT_FDCWD, a[0], OP_UNLINK, 0);
}

SYSCALL(rmdir)
{
	return one_path(AT_FDCWD, a[0], OP_RMDIR, 0);
}

SYSCALL(chdir)
{
	return one_path(AT_FDCWD, a[0], OP_CHDIR, 0);
}

SYSCALL(truncate)
{
	return one_path(AT_FDCWD, a[0], OP_TRUNCATE, a[1]);
}

SYSCALL(fchdir)
{
	struct file *f = fd_get(&current->fs->fdt, (int)a[0]);
	struct path p;

	if (!f)
		return -EBADF;
	if (!f->path.dentry || !S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	p = f->path;
	path_get(&p);
	path_put(&current->fs->cwd);
	current->fs->cwd = p;
	return 0;
}

/* Two paths: rename and symlink (the target of a symlink is just text). */
SYSCALL(renameat2)
{
	struct fs_context t1, t2, *c1, *c2;
	int err = 0;
	char *from, *to;

	if (a[4])
		return -EINVAL;		/* RENAME_NOREPLACE and friends: not yet */
	from = path_in(a[1], &err);
	if (!from)
		return err;
	to = path_in(a[3], &err);
	if (!to) {
		path_free(from);
		return err;
	}
	c1 = at_context((long)a[0], from, &t1, &err);
	c2 = c1 ? at_context((long)a[2], to, &t2, &err) : NULL;
	if (c1 && c2) {
		/* One walk context serves both names when they agree. */
		if (c1 == c2 || c2 == current->fs || c1 == current->fs)
			err = vfs_rename(c1 != current->fs ? c1 : c2, from, to);
		else
			err = -EINVAL;	/* two different directory descriptors */
	}
	path_free(from);
	path_free(to);
	return err;
}

SYSCALL(renameat)
{
	unsigned long b[6] = { a[0], a[1], a[2], a[3], 0 };

	return sys_renameat2(b);
}

SYSCALL(rename)
{
	unsigned long b[6] = { (unsigned long)AT_FDCWD, a[0], (unsigned long)AT_FDCWD, a[1], 0 };

	return sys_renameat2(b);
}

SYSCALL(symlinkat)
{
	struct fs_context tmp, *ctx;
	int err = 0;
	char *target = path_in(a[0], &err), *path;

	if (!target)
		return err;
	path = path_in(a[2], &err);
	if (path) {
		ctx = at_context((long)a[1], path, &tmp, &err);
		if (ctx)
			err = vfs_symlink(ctx, target, path);
		path_free(path);
	}
	path_free(target);
	return err;
}

SYSCALL(symlink)
{
	unsigned long b[6] = { a[0], (unsigned long)AT_FDCWD, a[1] };

	return sys_symlinkat(b);
}

SYSCALL(readlinkat)
{
	struct fs_context tmp, *ctx;
	int err = 0, n = 0;
	char *path = path_in(a[1], &err), *buf;

	if (!path)
		return err;
	if ((long)a[3] <= 0) {
		path_free(path);
		return -EINVAL;
	}
	buf = kmalloc(PATH_MAX);
	ctx = buf ? at_context((long)a[0], path, &tmp, &err) : NULL;
	if (!buf)
		err = -ENOMEM;
	if (ctx)
		n = vfs_readlink(ctx, path, buf, MIN((size_t)a[3], (size_t)PATH_MAX));
	if (ctx && n >= 0 && copy_to_user((void *)a[2], buf, (size_t)n))
		n = -EFAULT;
	kfree(buf);
	path_free(path);
	return ctx ? n : err;
}

SYSCALL(readlink)
{
	unsigned long b[6] = { (unsigned long)AT_FDCWD, a[0], a[1], a[2] };

	return sys_readlinkat(b);
}

SYSCALL(faccessat)
{
	struct fs_context tmp, *ctx;
	struct path p;
	int err = 0, may = 0;
	char *path;

	if (a[2] & ~(unsigned long)(R_OK | W_OK | X_OK))
		return -EINVAL;
	path = path_in(a[1], &err);
	if (!path)
		return err;
	ctx = at_context((long)a[0], path, &tmp, &err);
	if (ctx)
		err = vfs_lookup(ctx, path, LOOKUP_FOLLOW, &p);
	if (ctx && !err) {
		may = (a[2] & R_OK ? MAY_READ : 0) | (a[2] & W_OK ? MAY_WRITE : 0) |
		      (a[2] & X_OK ? MAY_EXEC : 0);
		err = may ? vfs_permission(&current->fs->cred, p.dentry->inode, may) : 0;
		path_put(&p);
	}
	path_free(path);
	return err;
}

SYSCALL(access)
{
	unsigned long b[6] = { (unsigned long)AT_FDCWD, a[0], a[1] };

	return sys_faccessat(b);
}

SYSCALL(getcwd)
{
	char *buf = kmalloc(PATH_MAX);
	int n;

	if (!buf)
		return -ENOMEM;
	/* A removed working directory has no name (Linux: ENOENT). */
	if (current->fs->cwd.dentry->unhashed)
		n = -ENOENT;
	else
		n = vfs_path_name(&current->fs->cwd, &current->fs->root, buf, PATH_MAX);
	if (n >= 0 && (size_t)n + 1 > a[1])
		n = -ERANGE;
	if (n >= 0 && copy_to_user((void *)a[0], buf, (size_t)n + 1))
		n = -EFAULT;
	kfree(buf);
	return n < 0 ? n : n + 1;
}

/* umask(mask): sets the mode bits that creating a file or directory
 * clears (only the 0777 bits count) and returns the old mask; it cannot
 * fail. */
SYSCALL(umask)
{
	unsigned old = current->fs->umask;

	current->fs->umask = (unsigned)a[0] & 0777;
	return old;
}

/* Mounting and unmounting are root's alone, as in Linux (CAP_SYS_ADMIN). */
SYSCALL(mount)
{
	int err = 0;
	char *source, *target = NULL, *type = NULL;

	if (current->uid != 0)
		return -EPERM;
	source = path_in(a[0], &err);
	if (source)
		target = path_in(a[1], &err);
	if (target)
		type = path_in(a[2], &err);
	if (type)
		err = vfs_mount(current->fs, source, target, type, NULL);
	path_free(type);
	path_free(target);
	path_free(source);
	return err;
}

SYSCALL(umount2)
{
	int err = 0;
	char *target;

	if (current->uid != 0)
		return -EPERM;
	target = path_in(a[0], &err);
	if (!target)
		return err;
	err = vfs_umount(current->fs, target);
	path_free(target);
	return err;
}

/* Linux's struct statfs, the same 120 bytes on both 64-bit arches. */
struct linux_statfs {
	int64_t f_type, f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int32_t f_fsid[2];
	int64_t f_namelen, f_frsize, f_flags, f_spare[4];
};

static long statfs_out(const struct inode *inode, unsigned long ubuf)
{
	struct linux_statfs st = {
		.f_type = 0x858458f6,		/* RAMFS_MAGIC; procfs shows the same */
		.f_bsize = 4096,
		.f_namelen = NAME_MAX,
		.f_frsize = 4096,
	};

	(void)inode;
	return copy_to_user((void *)ubuf, &st, sizeof(st));
}

SYSCALL(statfs)
{
	struct path p;
	int err = 0;
	char *path = path_in(a[0], &err);

	if (!path)
		return err;
	err = vfs_lookup(current->fs, path, LOOKUP_FOLLOW, &p);
	path_free(path);
	if (err)
		return err;
	err = (int)statfs_out(p.dentry->inode, a[1]);
	path_put(&p);
	return err;
}

SYSCALL(fstatfs)
{
	struct file *f = fd_get(&current->fs->fdt, (int)a[0]);

	return f ? statfs_out(f->inode, a[1]) : -EBADF;
}
