/*
 * fs/cpio.h - the initramfs reader: walks a cpio "newc" archive in memory
 * and hands each entry to a callback.
 *
 * The archive is the one the boot loader loaded (kernel/bootinfo.h says
 * where). The reader copies nothing and allocates nothing: every pointer
 * in a struct cpio_entry points into the archive itself, and is valid only
 * while the archive is. What to do with an entry (make a directory, a
 * file, a symlink) is the caller's business; the ramfs root fills itself
 * this way.
 *
 * This header includes only kernel/types.h, so the host tests compile the
 * real fs/cpio.c.
 */
#ifndef ATLAS_CPIO_H
#define ATLAS_CPIO_H

#include "kernel/types.h"

#include "fs/stat.h"

/* One archive member, as cpio_unpack() delivers it. */
struct cpio_entry {
	const char *name;	/* normalised: no leading "./" or "/"; never "" or "." */
	unsigned mode;		/* S_IF* type | permission bits */
	uint32_t ino;		/* equal ino and dev with nlink > 1: hard links */
	uint32_t uid, gid;
	uint32_t nlink;
	uint32_t mtime;		/* seconds since 1970 */
	const void *data;	/* the file's bytes; a symlink's target (not terminated) */
	size_t size;		/* bytes at @data */
	unsigned devmajor, devminor;	/* the device the file was on */
	unsigned rdevmajor, rdevminor;	/* for S_IFCHR and S_IFBLK */
	size_t offset;		/* where its header starts in the archive */
};

/*
 * cpio_unpack() walks the newc archive in [buf, buf + len) and calls
 * @fn(entry, @ctx) for each member, in archive order. It stops at the
 * "TRAILER!!!" member; if more bytes follow, runs of NUL padding are
 * skipped and the next archive begins (the kernel convention for
 * concatenated initramfs images).
 *
 * Returns the number of entries delivered, or a negative errno: -EINVAL
 * for a malformed archive (after printing an error that names the entry,
 * or its offset when the name itself cannot be trusted), including one that
 * ends without a trailer; or whatever negative value @fn returned, which
 * stops the walk. Entries before the bad one have been delivered already.
 * Every read is bounds-checked against @len.
 */
int cpio_unpack(const void *buf, size_t len,
		int (*fn)(const struct cpio_entry *e, void *ctx), void *ctx);

#endif
