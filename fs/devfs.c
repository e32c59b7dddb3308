/*
 * fs/devfs.c - the device file system mounted at /dev (fs/devfs.h).
 *
 * devfs is a ramfs whose root starts out holding one character-device
 * node for every registered device. Users may add more names (mknod,
 * symlinks) as in any ramfs.
 */
#include "fs/chrdev.h"
#include "fs/devfs.h"
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/kernel.h"

#define DEVFS_MAX 32

static struct {
	const char *name;
	unsigned mode;
	uint32_t dev;
} devices[DEVFS_MAX];
static unsigned nr_devices;
static struct super_block *devfs_sb;	/* the mounted instance, if any */

/* Makes the node for device @i in the root of @sb. */
static int devfs_make_node(struct super_block *sb, unsigned i)
{
	struct inode *root = sb->root->inode;
	struct dentry *d = dentry_alloc(sb->root, devices[i].name, strlen(devices[i].name));
	int err;

	if (!d)
		return -ENOMEM;
	err = root->i_op->mknod(root, d, S_IFCHR | devices[i].mode, devices[i].dev);
	dentry_put(d);
	return err;
}

int devfs_register(const char *name, unsigned mode, uint32_t dev,
		   const struct file_operations *fops)
{
	int err;

	if (nr_devices == DEVFS_MAX)
		return -ENOSPC;
	err = chrdev_register(dev, fops);
	if (err)
		return err;
	devices[nr_devices].name = name;
	devices[nr_devices].mode = mode & 07777;
	devices[nr_devices].dev = dev;
	nr_devices++;
	if (devfs_sb)
		return devfs_make_node(devfs_sb, nr_devices - 1);
	return 0;
}

static int devfs_fill_super(struct super_block *sb, const void *data)
{
	int err = ramfs_fill_super(sb, data);

	for (unsigned i = 0; !err && i < nr_devices; i++)
		err = devfs_make_node(sb, i);
	if (!err)
		devfs_sb = sb;
	return err;
}

static void devfs_kill_super(struct super_block *sb)
{
	if (devfs_sb == sb)
		devfs_sb = NULL;
}

struct fs_type devfs_type = {
	.name = "devfs",
	.fill_super = devfs_fill_super,
	.kill_super = devfs_kill_super,
};
