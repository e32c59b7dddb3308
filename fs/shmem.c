/*
 * fs/shmem.c - files for shared anonymous memory (fs/shmem.h).
 */
#include "fs/shmem.h"
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/kernel.h"

static struct mount *shmem_mnt;

void shmem_init(void)
{
	shmem_mnt = vfs_kern_mount("ramfs");
	if (!shmem_mnt)
		panic("cannot make the shared-memory mount");
}

struct file *shmem_file_create(uint64_t size)
{
	struct inode *dir = shmem_mnt->root->inode;
	struct dentry *d = dentry_alloc(shmem_mnt->root, "dev/zero", 8);
	struct file *f;

	if (!d)
		return NULL;
	if (dir->i_op->create(dir, d, S_IFREG | 0600)) {
		dentry_put(d);
		return NULL;
	}
	/* It never had a name anyone could use: unlink it straight away. */
	dir->i_op->unlink(dir, d);
	d->inode->size = size;
	f = file_alloc(d->inode, &ramfs_file_operations, FMODE_READ | FMODE_WRITE);
	if (!f) {
		dentry_put(d);
		return NULL;
	}
	f->path = (struct path){ mount_get(shmem_mnt), d };	/* takes our reference */
	return f;
}
