/*
 * kernel/sys_attr.c - system calls that change a file's attributes:
 * chmod, fchmod, fchmodat; chown, lchown, fchown, fchownat; utimensat.
 *
 * Each finds the inode (by path, by descriptor, or by AT_EMPTY_PATH's
 * descriptor) and hands it to fs/attr.c, which applies Linux's rules for
 * the caller's credentials. The legacy x86_64 forms are the *at forms
 * with AT_FDCWD.
 */
#include "kernel/syscalls.h"
#include "kernel/sys_path.h"
#include "kernel/task.h"
#include "kernel/kernel.h"
#include "kernel/uaccess.h"
#include "fs/vfs.h"

#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)

/*
 * attr_target() finds what a call names and returns it referenced in
 * @out: the file open on @dirfd if @upath is 0 (utimensat's NULL) or, with
 * AT_EMPTY_PATH in @flags, an empty string; else the path, resolved
 * against @dirfd, its last link followed unless AT_SYMLINK_NOFOLLOW.
 */
static int attr_target(long dirfd, unsigned long upath, unsigned long flags, struct path *out)
{
	struct fs_context tmp, *ctx;
	struct file *f;
	int err = 0;
	char *path = NULL;

	if (upath) {
		path = path_in(upath, &err);
		if (!path)
			return err;
	}
	if (!path || (!path[0] && (flags & AT_EMPTY_PATH))) {
		path_free(path);
		if ((int)dirfd == AT_FDCWD)
			return vfs_lookup(current->fs, ".", LOOKUP_FOLLOW, out);
		f = fd_get(&current->fs->fdt, (int)dirfd);
		if (!f)
			return -EBADF;
		if (!f->path.dentry)
			return -EBADF;		/* a pipe: no inode of a file system to change */
		*out = f->path;
		path_get(out);
		return 0;
	}
	ctx = at_context(dirfd, path, &tmp, &err);
	if (ctx)
		err = vfs_lookup(ctx, path, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, out);
	path_free(path);
	return err;
}

/* ---- mode ------------------------------------------------------------------------ */

static long chmod_at(long dirfd, unsigned long upath, unsigned mode, unsigned long flags)
{
	struct path p;
	int err = attr_target(dirfd, upath, flags, &p);

	if (err)
		return err;
	err = vfs_chmod(&current->fs->cred, p.dentry->inode, mode);
	path_put(&p);
	return err;
}

/* fchmodat(dirfd, path, mode): follows links (Linux's call has no flags). */
SYSCALL(fchmodat)
{
	if (!a[1])
		return -EFAULT;
	return chmod_at((long)a[0], a[1], (unsigned)a[2], 0);
}

SYSCALL(chmod)
{
	if (!a[0])
		return -EFAULT;
	return chmod_at(AT_FDCWD, a[0], (unsigned)a[1], 0);
}

SYSCALL(fchmod)
{
	if ((int)a[0] == AT_FDCWD)
		return -EBADF;
	return chmod_at((long)a[0], 0, (unsigned)a[1], 0);
}

/* ---- owner ------------------------------------------------------------------------ */

static long chown_at(long dirfd, unsigned long upath, unsigned long uid, unsigned long gid,
		     unsigned long flags)
{
	struct path p;
	int err;

	if (flags & ~(unsigned long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = attr_target(dirfd, upath, flags, &p);
	if (err)
		return err;
	err = vfs_chown(&current->fs->cred, p.dentry->inode, (uint32_t)uid, (uint32_t)gid);
	path_put(&p);
	return err;
}

/* fchownat(dirfd, path, uid, gid, flags); -1 leaves an id as it is. */
SYSCALL(fchownat)
{
	if (!a[1])
		return -EFAULT;
	return chown_at((long)a[0], a[1], a[2], a[3], a[4]);
}

SYSCALL(chown)
{
	if (!a[0])
		return -EFAULT;
	return chown_at(AT_FDCWD, a[0], a[1], a[2], 0);
}

SYSCALL(lchown)
{
	if (!a[0])
		return -EFAULT;
	return chown_at(AT_FDCWD, a[0], a[1], a[2], AT_SYMLINK_NOFOLLOW);
}

SYSCALL(fchown)
{
	if ((int)a[0] == AT_FDCWD)
		return -EBADF;
	return chown_at((long)a[0], 0, a[1], a[2], 0);
}

/* ---- times ------------------------------------------------------------------------- */

/* One utimensat time: UTIME_NOW, UTIME_OMIT or seconds; -EINVAL for bad nanoseconds. */
static int utime_in(const int64_t ts[2], int64_t *out)
{
	if (ts[1] == UTIME_NOW)
		*out = VFS_TIME_NOW;
	else if (ts[1] == UTIME_OMIT)
		*out = VFS_TIME_OMIT;
	else if (ts[1] < 0 || ts[1] >= 1000000000)
		return -EINVAL;
	else
		*out = ts[0];		/* inodes keep whole seconds */
	return 0;
}

/*
 * utimensat(dirfd, path, times, flags) sets the access and modification
 * times from @times (two timespecs; NULL: both now). As on Linux: both
 * UTIME_OMIT returns 0 before even looking at the path; a NULL path
 * means the file open on @dirfd (then @flags must be 0); other flags than
 * AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH give -EINVAL.
 */
SYSCALL(utimensat)
{
	int64_t ts[4], atime = VFS_TIME_NOW, mtime = VFS_TIME_NOW;
	struct path p;
	int err;

	if (a[2]) {
		if (copy_from_user(ts, (const void *)a[2], sizeof(ts)))
			return -EFAULT;
		if (ts[1] == UTIME_OMIT && ts[3] == UTIME_OMIT)
			return 0;
		if ((err = utime_in(&ts[0], &atime)) || (err = utime_in(&ts[2], &mtime)))
			return err;
	}
	if (!a[1] && (int)a[0] != AT_FDCWD) {
		if (a[3])
			return -EINVAL;
	} else if (a[3] & ~(unsigned long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
		return -EINVAL;
	} else if (!a[1]) {
		return -EFAULT;		/* a NULL path with AT_FDCWD */
	}
	err = attr_target((long)a[0], a[1], a[3], &p);
	if (err)
		return err;
	err = vfs_utimes(&current->fs->cred, p.dentry->inode, atime, mtime);
	path_put(&p);
	return err;
}
