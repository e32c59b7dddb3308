/*
 * drivers/memdev.c - /dev/null and /dev/zero.
 *
 * /dev/null swallows writes and reads as empty. /dev/zero reads as
 * zeros; mapping it privately gives anonymous memory, and mapping it
 * shared gives shared anonymous memory, exactly as Linux does. Its
 * mmap_prepare shows the hook's power to change the mapping: it drops the
 * file (private: the mapping becomes anonymous) or substitutes a new one
 * (shared: a shmem file, whose reference passes to mm).
 */
#include "drivers/memdev.h"
#include "fs/chrdev.h"
#include "fs/devfs.h"
#include "fs/pagecache.h"
#include "fs/shmem.h"
#include "kernel/kernel.h"
#include "mm/vm.h"

static long null_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return 0;
}

static long null_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)pos;
	return (long)n;
}

static long zero_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)pos;
	memset(buf, 0, n);
	return (long)n;
}

static int zero_mmap_prepare(struct vm_area_desc *desc)
{
	struct file *shm;

	desc->pgoff = 0;
	if (!(desc->vm_flags & VM_SHARED)) {
		desc->file = NULL;		/* private: plain anonymous memory */
		return 0;
	}
	shm = shmem_file_create(desc->end - desc->start);
	if (!shm)
		return -ENOMEM;
	desc->file = shm;			/* mm now owns this reference */
	desc->vm_ops = &filemap_vm_ops;
	return 0;
}

static const struct file_operations null_fops = {
	.read = null_read,
	.write = null_write,
};

static const struct file_operations zero_fops = {
	.read = zero_read,
	.write = null_write,
	.mmap_prepare = zero_mmap_prepare,
};

void memdev_init(void)
{
	if (devfs_register("null", 0666, MKDEV(1, 3), &null_fops) ||
	    devfs_register("zero", 0666, MKDEV(1, 5), &zero_fops))
		panic("cannot register /dev/null and /dev/zero");
}
