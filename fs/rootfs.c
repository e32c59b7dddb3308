/*
 * fs/rootfs.c - bringing the file systems up at boot: the root ramfs, the
 * standard directories, and the initramfs unpacked into the root.
 *
 * The boot loader hands over a cpio "newc" archive (the multiboot module
 * on x86_64, /chosen linux,initrd-* on riscv64). vfs_init() makes an empty
 * ramfs the root and initramfs_unpack() recreates the archive's files,
 * directories and symbolic links in it. A malformed archive stops the
 * unpacking with a message naming the entry; what came before it stays.
 */
#include "drivers/memdev.h"
#include "fs/cpio.h"
#include "fs/shmem.h"
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

/* Creates one archive entry in the root file system. */
static int unpack_entry(const struct cpio_entry *e, void *ctx)
{
	struct fs_context *fs = ctx;
	char path[PATH_MAX];
	struct file *f;
	long n;
	int err;

	if (snprintf(path, sizeof(path), "/%s", e->name) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		err = vfs_mkdir(fs, path, e->mode & 07777);
		return err == -EEXIST ? 0 : err;
	case S_IFLNK: {
		char target[PATH_MAX];

		if (e->size >= sizeof(target))
			return -ENAMETOOLONG;
		memcpy(target, e->data, e->size);
		target[e->size] = '\0';
		return vfs_symlink(fs, target, path);
	}
	case S_IFREG:
		err = vfs_open(fs, path, O_WRONLY | O_CREAT | O_TRUNC, e->mode & 07777, &f);
		if (err)
			return err;
		n = vfs_write(f, e->data, e->size);
		file_put(f);
		return n < 0 ? (int)n : (size_t)n == e->size ? 0 : -ENOSPC;
	case S_IFCHR:
		return vfs_mknod(fs, path, e->mode, ((uint32_t)e->rdevmajor << 8) | e->rdevminor);
	default:
		pr_warn("initramfs: %s: file type %#o not supported; skipped\n", e->name,
			e->mode & S_IFMT);
		return 0;
	}
}

/* The callback: report a failure to create an entry, and go on. */
static int unpack_one(const struct cpio_entry *e, void *ctx)
{
	int err = unpack_entry(e, ctx);

	if (err)
		pr_err("initramfs: cannot create /%s: error %d\n", e->name, err);
	return 0;
}

int initramfs_unpack(const struct bootinfo *bi)
{
	size_t len = (size_t)(bi->initrd_end - bi->initrd_start);
	unsigned saved = current_fs->umask;
	int n;

	if (!len)
		return 0;
	current_fs->umask = 0;		/* modes come from the archive */
	n = cpio_unpack(phys_to_virt(bi->initrd_start), len, unpack_one, current_fs);
	current_fs->umask = saved;
	if (n >= 0)
		pr_info("initramfs: %d entries unpacked into /\n", n);
	return n;
}

void vfs_init(void)
{
	int err;

	register_filesystem(&ramfs_type);
	register_filesystem(&devfs_type);
	register_filesystem(&procfs_type);
	err = vfs_mount_root("ramfs");
	if (err)
		panic("cannot mount the root file system (error %d)", err);
	task_init(current_fs);
	shmem_init();
	console_dev_init();
	memdev_init();
	vfs_mkdir(current_fs, "/dev", 0755);
	vfs_mkdir(current_fs, "/proc", 0555);
	vfs_mkdir(current_fs, "/tmp", 01777);
	err = vfs_mount(current_fs, "devfs", "/dev", "devfs", NULL);
	if (err)
		panic("cannot mount /dev (error %d)", err);
	err = vfs_mount(current_fs, "proc", "/proc", "proc", NULL);
	if (err)
		pr_err("cannot mount /proc (error %d)\n", err);
}
