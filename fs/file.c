/*
 * fs/file.c - reference counting of open files and inodes.
 *
 * An open file holds a reference to its inode; each VMA that maps a file
 * holds a reference to the file. The last file_put() calls the file's
 * release operation, drops the inode and frees the file.
 */
#include "fs/file.h"
#include "kernel/kernel.h"
#include "mm/kmalloc.h"

void inode_init(struct inode *inode, uint64_t ino, unsigned mode,
		void (*destroy)(struct inode *inode))
{
	*inode = (struct inode){ .refcount = 1, .ino = ino, .mode = mode,
				 .destroy = destroy };
	list_init(&inode->mapping.mmaps);
	inode->mapping.host = inode;
}

struct inode *inode_get(struct inode *inode)
{
	assert(inode->refcount > 0);
	inode->refcount++;
	return inode;
}

void inode_put(struct inode *inode)
{
	assert(inode->refcount > 0);
	if (--inode->refcount == 0) {
		assert(list_empty(&inode->mapping.mmaps));
		if (inode->destroy)
			inode->destroy(inode);
	}
}

struct file *file_alloc(struct inode *inode, const struct file_operations *fops,
			unsigned mode)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->refcount = 1;
	f->f_mode = mode;
	f->inode = inode_get(inode);
	f->f_op = fops;
	return f;
}

struct file *file_get(struct file *f)
{
	assert(f->refcount > 0);
	f->refcount++;
	return f;
}

void file_put(struct file *f)
{
	assert(f->refcount > 0);
	if (--f->refcount > 0)
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f);
	if (f->path.dentry)
		path_put(&f->path);
	inode_put(f->inode);
	kfree(f);
}
