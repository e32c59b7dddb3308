/*
 * fs/dirops.c - changing directories: mkdir, rmdir, unlink, rename,
 * symlink, mknod, and reading a link; chdir.
 *
 * Each call looks up the parent and the last component
 * (vfs_lookup_child()), checks the rules that hold for every file system,
 * and hands the change to the directory's inode operations. A file system
 * without the operation answers EPERM, as Linux does.
 */
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/kernel.h"

/* Looks up @name's parent and last component, for a change to the parent. */
static int lookup_for_change(struct fs_context *ctx, const char *name, struct path *parent,
			     struct dentry **d)
{
	int err = vfs_lookup_child(ctx, name, parent, d);

	if (err)
		return err;
	err = vfs_permission(&ctx->cred, parent->dentry->inode, MAY_WRITE | MAY_EXEC);
	if (err) {
		dentry_put(*d);
		path_put(parent);
	}
	return err;
}

/* Is @d the root of some mount, or a place something is mounted on? */
static bool dentry_busy_mount(struct dentry *d)
{
	return d->mounted > 0 || d->parent == d;
}

int vfs_mkdir(struct fs_context *ctx, const char *name, unsigned mode)
{
	struct path parent;
	struct dentry *d;
	struct inode *dir;
	int err = lookup_for_change(ctx, name, &parent, &d);

	if (err)
		return err;
	dir = parent.dentry->inode;
	if (d->inode)
		err = -EEXIST;
	else if (!dir->i_op || !dir->i_op->mkdir)
		err = -EPERM;
	else
		err = dir->i_op->mkdir(dir, d, (mode & 07777 & ~ctx->umask) | S_IFDIR);
	dentry_put(d);
	path_put(&parent);
	return err;
}

int vfs_mknod(struct fs_context *ctx, const char *name, unsigned mode, uint32_t rdev)
{
	struct path parent;
	struct dentry *d;
	struct inode *dir;
	int err;

	/* Directories and links have calls of their own; no type is a file. */
	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	err = lookup_for_change(ctx, name, &parent, &d);
	if (err)
		return err;
	dir = parent.dentry->inode;
	if (d->inode)
		err = -EEXIST;
	else if (!dir->i_op || !dir->i_op->mknod)
		err = -EPERM;
	else
		err = dir->i_op->mknod(dir, d, (mode & S_IFMT) | (mode & 07777 & ~ctx->umask),
				       rdev);
	dentry_put(d);
	path_put(&parent);
	return err;
}

int vfs_symlink(struct fs_context *ctx, const char *target, const char *name)
{
	struct path parent;
	struct dentry *d;
	struct inode *dir;
	int err;

	if (!*target)
		return -ENOENT;
	err = lookup_for_change(ctx, name, &parent, &d);
	if (err)
		return err;
	dir = parent.dentry->inode;
	if (d->inode)
		err = -EEXIST;
	else if (!dir->i_op || !dir->i_op->symlink)
		err = -EPERM;
	else
		err = dir->i_op->symlink(dir, d, target);
	dentry_put(d);
	path_put(&parent);
	return err;
}

/* The checks rmdir and unlink share; returns 0 when @d may go. */
static int may_remove(struct dentry *d, bool dir)
{
	if (!d->inode)
		return -ENOENT;
	if (dir && !S_ISDIR(d->inode->mode))
		return -ENOTDIR;
	if (!dir && S_ISDIR(d->inode->mode))
		return -EISDIR;
	if (dentry_busy_mount(d))
		return -EBUSY;
	return 0;
}

int vfs_rmdir(struct fs_context *ctx, const char *name)
{
	struct path parent;
	struct dentry *d;
	struct inode *dir;
	int err = lookup_for_change(ctx, name, &parent, &d);

	if (err)
		return err == -EEXIST ? -EBUSY : err;	/* rmdir("/") */
	dir = parent.dentry->inode;
	err = may_remove(d, true);
	if (!err && !dentry_is_empty_dir(d))
		err = -ENOTEMPTY;
	if (!err)
		err = dir->i_op && dir->i_op->rmdir ? dir->i_op->rmdir(dir, d) : -EPERM;
	dentry_put(d);
	path_put(&parent);
	return err;
}

int vfs_unlink(struct fs_context *ctx, const char *name)
{
	struct path parent;
	struct dentry *d;
	struct inode *dir;
	int err = lookup_for_change(ctx, name, &parent, &d);

	if (err)
		return err == -EEXIST ? -EISDIR : err;
	dir = parent.dentry->inode;
	err = may_remove(d, false);
	if (!err && name[strlen(name) - 1] == '/')
		err = -ENOTDIR;		/* "file/" names a directory that is not one */
	if (!err)
		err = dir->i_op && dir->i_op->unlink ? dir->i_op->unlink(dir, d) : -EPERM;
	dentry_put(d);
	path_put(&parent);
	return err;
}

/* Is @a an ancestor of @d (or @d itself)? */
static bool is_ancestor(struct dentry *a, struct dentry *d)
{
	for (;; d = d->parent) {
		if (d == a)
			return true;
		if (d->parent == d)
			return false;
	}
}

/* The rules of rename() that hold for every file system. */
static int may_rename(struct path *op, struct dentry *od, struct path *np, struct dentry *nd)
{
	if (!od->inode)
		return -ENOENT;
	if (op->mnt != np->mnt)
		return -EXDEV;
	if (dentry_busy_mount(od) || (nd->inode && dentry_busy_mount(nd)))
		return -EBUSY;
	if (S_ISDIR(od->inode->mode)) {
		if (is_ancestor(od, np->dentry))
			return -EINVAL;		/* into its own subtree */
		if (nd->inode && !S_ISDIR(nd->inode->mode))
			return -ENOTDIR;
		if (nd->inode && !dentry_is_empty_dir(nd))
			return -ENOTEMPTY;
	} else if (nd->inode && S_ISDIR(nd->inode->mode)) {
		return -EISDIR;
	}
	return 0;
}

int vfs_rename(struct fs_context *ctx, const char *from, const char *to)
{
	struct path op, np;
	struct dentry *od, *nd;
	struct inode *odir;
	int err = lookup_for_change(ctx, from, &op, &od);

	if (err)
		return err == -EEXIST ? -EBUSY : err;
	err = lookup_for_change(ctx, to, &np, &nd);
	if (err) {
		err = err == -EEXIST ? -EBUSY : err;
		goto out_old;
	}
	odir = op.dentry->inode;
	if (od == nd) {
		err = od->inode ? 0 : -ENOENT;	/* renaming a file to itself */
		goto out_new;
	}
	err = may_rename(&op, od, &np, nd);
	if (!err)
		err = odir->i_op && odir->i_op->rename ?
		      odir->i_op->rename(odir, od, np.dentry->inode, nd) : -EPERM;
out_new:
	dentry_put(nd);
	path_put(&np);
out_old:
	dentry_put(od);
	path_put(&op);
	return err;
}

int vfs_readlink(struct fs_context *ctx, const char *name, char *buf, size_t size)
{
	struct path p;
	const char *target;
	size_t len;
	int err = vfs_lookup(ctx, name, 0, &p);

	if (err)
		return err;
	if (!S_ISLNK(p.dentry->inode->mode) || !p.dentry->inode->i_op ||
	    !p.dentry->inode->i_op->readlink) {
		path_put(&p);
		return -EINVAL;
	}
	target = p.dentry->inode->i_op->readlink(p.dentry->inode);
	if (!target) {
		path_put(&p);
		return -ENOENT;
	}
	len = MIN(strlen(target), size);	/* readlink() does not terminate */
	memcpy(buf, target, len);
	path_put(&p);
	return (int)len;
}

int vfs_chdir(struct fs_context *ctx, const char *name)
{
	struct path p;
	int err = vfs_lookup(ctx, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = vfs_permission(&ctx->cred, p.dentry->inode, MAY_EXEC);
	if (err) {
		path_put(&p);
		return err;
	}
	path_put(&ctx->cwd);
	ctx->cwd = p;
	return 0;
}
