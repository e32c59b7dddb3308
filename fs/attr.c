/*
 * fs/attr.c - changing an inode's attributes: mode, owner, times.
 *
 * What Linux's notify_change() and setattr_prepare() decide for chmod,
 * chown and utimensat, for a caller's credentials. Atlas has no
 * capabilities and no supplementary groups: uid 0 may do everything, and
 * "in the file's group" means the caller's one gid. Every file system
 * keeps its inodes in memory, so changing the fields is the whole job.
 */
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/kernel.h"

static bool is_root(const struct cred *cred)
{
	return cred->uid == 0;
}

static bool owner_or_root(const struct cred *cred, const struct inode *inode)
{
	return is_root(cred) || cred->uid == inode->uid;
}

int vfs_chmod(const struct cred *cred, struct inode *inode, unsigned mode)
{
	if (!owner_or_root(cred, inode))
		return -EPERM;
	mode &= 07777;
	if (!is_root(cred) && cred->gid != inode->gid)
		mode &= ~(unsigned)S_ISGID;
	inode->mode = (inode->mode & S_IFMT) | mode;
	inode->ctime = vfs_now();
	return 0;
}

int vfs_chown(const struct cred *cred, struct inode *inode, uint32_t uid, uint32_t gid)
{
	if (uid != VFS_ID_KEEP && uid != inode->uid && !is_root(cred))
		return -EPERM;
	if (uid != VFS_ID_KEEP && !owner_or_root(cred, inode))
		return -EPERM;
	if (gid != VFS_ID_KEEP && gid != inode->gid &&
	    !(is_root(cred) || (cred->uid == inode->uid && cred->gid == gid)))
		return -EPERM;
	if (gid != VFS_ID_KEEP && !owner_or_root(cred, inode))
		return -EPERM;
	if (uid != VFS_ID_KEEP)
		inode->uid = uid;
	if (gid != VFS_ID_KEEP)
		inode->gid = gid;
	if (!S_ISDIR(inode->mode)) {
		inode->mode &= ~(unsigned)S_ISUID;
		if (inode->mode & S_IXGRP)
			inode->mode &= ~(unsigned)S_ISGID;
	}
	inode->ctime = vfs_now();
	return 0;
}

int vfs_utimes(const struct cred *cred, struct inode *inode, int64_t atime, int64_t mtime)
{
	bool explicit = (atime != VFS_TIME_NOW && atime != VFS_TIME_OMIT) ||
			(mtime != VFS_TIME_NOW && mtime != VFS_TIME_OMIT);
	int64_t now = vfs_now();

	if (!owner_or_root(cred, inode)) {
		if (explicit)
			return -EPERM;
		if (vfs_permission(cred, inode, MAY_WRITE))
			return -EACCES;
	}
	if (atime != VFS_TIME_OMIT)
		inode->atime = atime == VFS_TIME_NOW ? now : atime;
	if (mtime != VFS_TIME_OMIT)
		inode->mtime = mtime == VFS_TIME_NOW ? now : mtime;
	inode->ctime = now;
	return 0;
}
