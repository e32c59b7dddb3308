/*
 * fs/ramfs.c - a file system that lives entirely in memory.
 *
 * ramfs has no storage of its own: a file's bytes are its page cache
 * (fs/filemap.c), and its directories are the dentry cache. Creating a
 * name pins its dentry (ramfs holds a reference), and removing it
 * unpins it; the inode lives on while open files or mappings hold it.
 *
 * It is also the simplest user of the mmap hooks: ramfs_mmap_prepare()
 * installs the page-cache fault operations and does nothing else. There
 * is no mmap_complete (nothing to prepopulate) and no mmap_abort (prepare
 * set nothing up that would need undoing).
 */
#include "fs/chrdev.h"
#include "fs/filemap.h"
#include "fs/pagecache.h"
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/kernel.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"

static const struct inode_operations ramfs_dir_iops, ramfs_file_iops, ramfs_link_iops;
static const struct file_operations ramfs_dir_fops;

/* The mmap hook of a page-cache file: fault pages in from the cache. */
static int ramfs_mmap_prepare(struct vm_area_desc *desc)
{
	desc->vm_ops = &filemap_vm_ops;
	return 0;
}

const struct file_operations ramfs_file_operations = {
	.read = filemap_read,
	.write = filemap_write,
	.mmap_prepare = ramfs_mmap_prepare,
};

static const struct file_operations ramfs_dir_fops = {
	.iterate = dcache_iterate,
};

/* A new inode of @dir's file system, set up for its type. */
static struct inode *ramfs_new_inode(struct inode *dir, unsigned mode, uint32_t rdev)
{
	struct inode *inode = new_inode(dir->sb, mode);

	if (!inode)
		return NULL;
	inode->uid = current_fs ? current_fs->cred.uid : 0;
	inode->gid = current_fs ? current_fs->cred.gid : 0;
	switch (mode & S_IFMT) {
	case S_IFDIR:
		inode->i_op = &ramfs_dir_iops;
		inode->i_fop = &ramfs_dir_fops;
		inode->nlink = 2;
		break;
	case S_IFREG:
		inode->i_op = &ramfs_file_iops;
		inode->i_fop = &ramfs_file_operations;
		break;
	case S_IFLNK:
		inode->i_op = &ramfs_link_iops;
		break;
	default:
		inode->rdev = rdev;
		inode->i_fop = chrdev_fops(rdev);
		break;
	}
	return inode;
}

/* Gives @d the new @inode and pins it: from now on the name exists. */
static void ramfs_attach(struct inode *dir, struct dentry *d, struct inode *inode)
{
	dentry_instantiate(d, inode);
	d->pinned = true;
	dentry_get(d);
	dir->mtime = dir->ctime = vfs_now();
}

static int ramfs_mknod(struct inode *dir, struct dentry *d, unsigned mode, uint32_t rdev)
{
	struct inode *inode = ramfs_new_inode(dir, mode, rdev);

	if (!inode)
		return -ENOMEM;
	ramfs_attach(dir, d, inode);
	return 0;
}

static int ramfs_create(struct inode *dir, struct dentry *d, unsigned mode)
{
	return ramfs_mknod(dir, d, (mode & 07777) | S_IFREG, 0);
}

static int ramfs_mkdir(struct inode *dir, struct dentry *d, unsigned mode)
{
	int err = ramfs_mknod(dir, d, (mode & 07777) | S_IFDIR, 0);

	if (!err)
		dir->nlink++;		/* the new directory's ".." */
	return err;
}

static int ramfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;
	char *copy;

	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	copy = kmalloc(len + 1);
	inode = copy ? ramfs_new_inode(dir, S_IFLNK | 0777, 0) : NULL;
	if (!inode) {
		kfree(copy);
		return -ENOMEM;
	}
	memcpy(copy, target, len + 1);
	inode->private = copy;
	inode->size = len;
	ramfs_attach(dir, d, inode);
	return 0;
}

/* The name @d goes away: unhash it and let go of ramfs's pin. */
static void ramfs_detach(struct inode *dir, struct dentry *d)
{
	d->inode->nlink--;
	d->inode->ctime = dir->mtime = dir->ctime = vfs_now();
	dentry_unhash(d);
	if (d->pinned) {
		d->pinned = false;
		dentry_put(d);
	}
}

static int ramfs_unlink(struct inode *dir, struct dentry *d)
{
	ramfs_detach(dir, d);
	return 0;
}

static int ramfs_rmdir(struct inode *dir, struct dentry *d)
{
	d->inode->nlink = 1;		/* its "." goes with it */
	ramfs_detach(dir, d);
	dir->nlink--;
	return 0;
}

static int ramfs_rename(struct inode *odir, struct dentry *od, struct inode *ndir,
			struct dentry *nd)
{
	bool is_dir = S_ISDIR(od->inode->mode);
	int err = dentry_move(od, nd->parent, nd->name, strlen(nd->name));

	if (err)
		return err;
	/* The name it replaces, if any, is gone; a negative one just leaves. */
	if (nd->inode) {
		if (S_ISDIR(nd->inode->mode)) {
			nd->inode->nlink = 1;	/* its "." goes with it, as in rmdir */
			ndir->nlink--;
		}
		ramfs_detach(ndir, nd);
	} else {
		dentry_unhash(nd);
	}
	if (is_dir && odir != ndir) {
		odir->nlink--;
		ndir->nlink++;
	}
	od->inode->ctime = odir->mtime = ndir->mtime = vfs_now();
	return 0;
}

static const char *ramfs_readlink(struct inode *inode)
{
	return inode->private;
}

static const struct inode_operations ramfs_dir_iops = {
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.mknod = ramfs_mknod,
	.symlink = ramfs_symlink,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
};

static const struct inode_operations ramfs_file_iops = {
	.setsize = filemap_setsize,
};

static const struct inode_operations ramfs_link_iops = {
	.readlink = ramfs_readlink,
};

int ramfs_fill_super(struct super_block *sb, const void *data)
{
	struct inode *root = new_inode(sb, S_IFDIR | 0755);

	(void)data;
	if (!root)
		return -ENOMEM;
	root->i_op = &ramfs_dir_iops;
	root->i_fop = &ramfs_dir_fops;
	root->nlink = 2;
	if (vfs_make_root(sb, root)) {
		inode_put(root);
		return -ENOMEM;
	}
	return 0;
}

struct fs_type ramfs_type = {
	.name = "ramfs",
	.fill_super = ramfs_fill_super,
};
