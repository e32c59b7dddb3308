/*
 * fs/devfs.h - /dev: device nodes that drivers add.
 *
 * A driver calls devfs_register() with a name, a device number and its
 * file operations; the node appears in /dev (now, if devfs is mounted, or
 * when it is). Opening the node finds the operations by device number
 * (fs/chrdev.h), so a node made with mknod elsewhere works too.
 */
#ifndef ATLAS_DEVFS_H
#define ATLAS_DEVFS_H

#include "fs/file.h"

/*
 * devfs_register() adds the character device @name (e.g. "null") with
 * permission bits @mode and number @dev. Returns 0, -EBUSY if the number
 * is taken, -ENOSPC when the table is full, or -ENOMEM.
 */
int devfs_register(const char *name, unsigned mode, uint32_t dev,
		   const struct file_operations *fops);

#endif
