/*
 * fs/chrdev.h - character devices: which file operations a device number
 * stands for. A device node (in devfs, or made with mknod) carries only a
 * number; opening it finds the driver here.
 */
#ifndef ATLAS_CHRDEV_H
#define ATLAS_CHRDEV_H

#include "fs/file.h"

/* A device number, as Linux's new_encode_dev() lays out small ones. */
#define MKDEV(major, minor)	((uint32_t)(((major) << 8) | (minor)))
#define MAJOR(dev)		((unsigned)((dev) >> 8))
#define MINOR(dev)		((unsigned)((dev) & 0xff))

/* chrdev_register() binds @dev to @fops. -EBUSY if taken, -ENOSPC if full. */
int chrdev_register(uint32_t dev, const struct file_operations *fops);

/* chrdev_fops() is the operations for @dev; NULL (opens fail) if none. */
const struct file_operations *chrdev_fops(uint32_t dev);

#endif
