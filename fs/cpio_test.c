/*
 * fs/cpio_test.c - in-kernel tests of the initramfs the boot loader handed
 * over: it is there, reserved, and fs/cpio.c reads rootfs/ out of it byte
 * for byte. Every boot path must pass these (QEMU's multiboot1 loader and
 * GRUB's multiboot2 on x86_64, OpenSBI on riscv64), since each one finds
 * the initrd its own way.
 */
#include "fs/cpio.h"
#include "kernel/arch.h"
#include "kernel/bootinfo.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"

/* What rootfs/ holds (the tree tools/mkcpio.py packs into every initrd). */
#define ROOTFS_HOSTNAME		"atlas\n"
#define ROOTFS_MOTD_START	"Welcome to Atlas"

/* What a walk of the initrd is looking for, and what it found. */
struct initrd_find {
	const char *name;
	struct cpio_entry entry;	/* a copy of the entry named @name */
	int index;			/* its position, or -1 if not seen */
	int n;				/* entries seen so far */
};

static int initrd_find_one(const struct cpio_entry *e, void *ctx)
{
	struct initrd_find *f = ctx;

	if (f->index < 0 && strcmp(e->name, f->name) == 0) {
		f->entry = *e;
		f->index = f->n;
	}
	f->n++;
	return 0;
}

/*
 * initrd_find() walks the boot loader's initrd for @name. Returns what
 * cpio_unpack() returned (the number of entries, or a negative errno).
 */
static int initrd_find(const char *name, struct initrd_find *f)
{
	const struct bootinfo *bi = boot_info();

	f->name = name;
	f->index = -1;
	f->n = 0;
	if (bi->initrd_end <= bi->initrd_start)
		return -ENOENT;
	return cpio_unpack(phys_to_virt(bi->initrd_start),
			   bi->initrd_end - bi->initrd_start, initrd_find_one, f);
}

KTEST(initrd, boot_loader_handed_over_a_reserved_newc_archive)
{
	const struct bootinfo *bi = boot_info();

	KT_ASSERT(bi->initrd_end > bi->initrd_start);
	/* Reserved, so the page allocator never hands it out. */
	KT_EXPECT(bootinfo_is_reserved(bi, bi->initrd_start, bi->initrd_end));
	KT_EXPECT(memcmp(phys_to_virt(bi->initrd_start), "070701", 6) == 0);
}

KTEST(initrd, archive_unpacks_without_errors)
{
	struct initrd_find f;

	/* At least etc, etc/hostname and etc/motd. */
	KT_EXPECT(initrd_find("etc", &f) >= 3);
	KT_EXPECT(f.n >= 3);
}

KTEST(initrd, etc_hostname_is_exactly_atlas)
{
	struct initrd_find f;

	KT_ASSERT(initrd_find("etc/hostname", &f) > 0);
	KT_ASSERT(f.index >= 0);
	KT_EXPECT(f.entry.mode == (S_IFREG | 0644));
	KT_ASSERT(f.entry.size == sizeof(ROOTFS_HOSTNAME) - 1);
	KT_EXPECT(memcmp(f.entry.data, ROOTFS_HOSTNAME, f.entry.size) == 0);
}

KTEST(initrd, etc_motd_welcomes_to_atlas)
{
	struct initrd_find f;

	KT_ASSERT(initrd_find("etc/motd", &f) > 0);
	KT_ASSERT(f.index >= 0);
	KT_EXPECT(S_ISREG(f.entry.mode));
	KT_ASSERT(f.entry.size > sizeof(ROOTFS_MOTD_START) - 1);
	KT_EXPECT(memcmp(f.entry.data, ROOTFS_MOTD_START, sizeof(ROOTFS_MOTD_START) - 1) == 0);
	KT_EXPECT(((const char *)f.entry.data)[f.entry.size - 1] == '\n');
}

KTEST(initrd, etc_is_a_directory_listed_before_its_files)
{
	struct initrd_find dir, file;

	KT_ASSERT(initrd_find("etc", &dir) > 0);
	KT_ASSERT(initrd_find("etc/hostname", &file) > 0);
	KT_ASSERT(dir.index >= 0 && file.index >= 0);
	KT_EXPECT(S_ISDIR(dir.entry.mode));
	KT_EXPECT(dir.index < file.index);
	KT_EXPECT(file.entry.uid == 0 && file.entry.gid == 0);
}
