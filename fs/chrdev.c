/*
 * fs/chrdev.c - the table of character devices (fs/chrdev.h).
 */
#include "fs/chrdev.h"
#include "kernel/kernel.h"

#define CHRDEV_MAX 32

static struct {
	uint32_t dev;
	const struct file_operations *fops;
} chrdevs[CHRDEV_MAX];
static unsigned nr_chrdevs;

int chrdev_register(uint32_t dev, const struct file_operations *fops)
{
	if (chrdev_fops(dev))
		return -EBUSY;
	if (nr_chrdevs == CHRDEV_MAX)
		return -ENOSPC;
	chrdevs[nr_chrdevs].dev = dev;
	chrdevs[nr_chrdevs].fops = fops;
	nr_chrdevs++;
	return 0;
}

const struct file_operations *chrdev_fops(uint32_t dev)
{
	for (unsigned i = 0; i < nr_chrdevs; i++)
		if (chrdevs[i].dev == dev)
			return chrdevs[i].fops;
	return NULL;
}
