/*
 * tests/host/vfs_helpers.h - the world and small helpers shared by the VFS
 * test programs (vfs_test.c: path walk, open, descriptors, reading and
 * writing; vfs_tree_test.c: directories, rename, unlink, mounts, and
 * mappings of files).
 *
 * The world is the real fs/ code over the arena and fake pmap of
 * host_mm.c: a ramfs mounted as "/" with vfs_mount_root(), as vfs_init()
 * does at boot (vfs_init() itself also starts the task code, which the
 * host does not have). Every case starts with vfs_begin(), which puts the
 * kernel's fs_context back to root, umask 022, working directory "/", and
 * records the free pages and heap objects; a case ends by checking that
 * "/" is empty again and vfs_back() (every page and object returned).
 */
#ifndef ATLAS_VFS_HELPERS_H
#define ATLAS_VFS_HELPERS_H

#include "htest.h"
#include "host_mm.h"
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/errno.h"
#include "kernel/fault_inject.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/vm.h"

#include <stdlib.h>
#include <string.h>

#define PG PAGE_SIZE

/* The kernel's fs_context: what every case walks and opens against. */
static struct fs_context *fs;

/* What must come back once a case has closed and removed everything. */
struct vfs_baseline {
	size_t free_pages;
	struct kmalloc_stats heap;
};

/* The machine and the root file system, once per program. */
static void vfs_world(void)
{
	static bool done;

	host_mm_setup(16384);
	fault_inject_disarm_all();
	if (done)
		return;
	kmalloc_init();
	fault_init();
	if (register_filesystem(&ramfs_type) || vfs_mount_root("ramfs")) {
		printf("# cannot mount the root ramfs\n");
		exit(2);
	}
	fs = current_fs;
	done = true;
}

/*
 * Removes whatever a failed case left below the directory @dir, named
 * @path (a buffer of PATH_MAX), so that one failure does not fail the
 * cases after it. Mounts come off first where nothing holds them.
 */
static void vfs_sweep(struct dentry *dir, char *path)
{
	struct list_node *n, *tmp;
	size_t len = strlen(path);

	list_for_each_safe(n, tmp, &dir->children) {
		struct dentry *c = list_entry(n, struct dentry, sibling);

		if (!c->inode)
			continue;
		snprintf(path + len, PATH_MAX - len, "%s%s", len > 1 ? "/" : "", c->name);
		if (S_ISDIR(c->inode->mode)) {
			while (c->mounted && vfs_umount(fs, path) == 0)
				;
			if (!c->mounted)
				vfs_sweep(c, path);
			vfs_rmdir(fs, path);
		} else {
			vfs_unlink(fs, path);
		}
		path[len] = '\0';
	}
}

/* Starts a case: root's credentials, umask 022, in an empty "/"; the baseline. */
static inline struct vfs_baseline vfs_begin(void)
{
	struct vfs_baseline b;
	char path[PATH_MAX] = "/";

	vfs_world();
	fs->cred = (struct cred){ 0, 0 };
	fs->umask = 022;
	vfs_chdir(fs, "/");
	vfs_sweep(fs->root.dentry, path);
	b.free_pages = pmem_free_pages();
	kmalloc_get_stats(&b.heap);
	return b;
}

/* Are the free pages and live heap objects back at @b? */
static inline bool vfs_back(const struct vfs_baseline *b)
{
	struct kmalloc_stats now;

	kmalloc_get_stats(&now);
	if (pmem_free_pages() != b->free_pages || now.objects != b->heap.objects ||
	    now.large_allocs != b->heap.large_allocs || now.slab_pages != b->heap.slab_pages) {
		printf("# leak: free pages %zu (was %zu), objects %zu (was %zu), "
		       "large %zu (was %zu)\n", pmem_free_pages(), b->free_pages, now.objects,
		       b->heap.objects, now.large_allocs, b->heap.large_allocs);
		return false;
	}
	return pmem_check() == 0;
}

/* Is "/" empty again (no positive dentry below it)? */
static inline bool root_is_empty(void)
{
	return dentry_is_empty_dir(fs->root.dentry);
}

/* Opens @name: the file (one reference), or NULL; open_err() says why. */
static inline struct file *open_file(const char *name, int flags, unsigned mode)
{
	struct file *f;

	return vfs_open(fs, name, flags, mode, &f) == 0 ? f : NULL;
}

/* The error vfs_open() gives for @name, closing the file if it opened. */
static inline int open_err(const char *name, int flags, unsigned mode)
{
	struct file *f;
	int err = vfs_open(fs, name, flags, mode, &f);

	if (!err)
		file_put(f);
	return err;
}

/* Creates (or truncates) @name holding @len bytes of @data. */
static inline bool put_bytes(const char *name, const void *data, size_t len)
{
	struct file *f = open_file(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long n;

	if (!f)
		return false;
	n = vfs_write(f, data, len);
	file_put(f);
	return n == (long)len;
}

static inline bool put_file(const char *name, const char *text)
{
	return put_bytes(name, text, strlen(text));
}

/* Creates @name holding @pages pages of the byte @val. */
static inline bool put_pages(const char *name, size_t pages, int val)
{
	char *buf = malloc(pages * PG);
	bool ok;

	memset(buf, val, pages * PG);
	ok = put_bytes(name, buf, pages * PG);
	free(buf);
	return ok;
}

/* Does the file @f hold exactly @text (read with pread, from 0)? */
static inline bool file_is(struct file *f, const char *text)
{
	size_t len = strlen(text);
	char buf[256];
	long n = vfs_pread(f, buf, sizeof(buf), 0);

	return n == (long)len && memcmp(buf, text, len) == 0;
}

/* Does the file named @name hold exactly @text? */
static inline bool name_is(const char *name, const char *text)
{
	struct file *f = open_file(name, O_RDONLY, 0);
	bool ok;

	if (!f)
		return false;
	ok = file_is(f, text);
	file_put(f);
	return ok;
}

/* Is every byte of @f in [off, off + len) equal to @val? */
static inline bool range_is(struct file *f, uint64_t off, size_t len, int val)
{
	unsigned char *buf = malloc(len);
	bool ok = vfs_pread(f, buf, len, off) == (long)len;

	for (size_t i = 0; ok && i < len; i++)
		ok = buf[i] == (unsigned char)val;
	free(buf);
	return ok;
}

/* stat() of @name following links: its inode number, or 0 on error. */
static inline uint64_t ino_of(const char *name)
{
	struct kstat st;

	return vfs_stat(fs, name, LOOKUP_FOLLOW, &st) == 0 ? st.ino : 0;
}

/* The error stat() of @name gives (following links). */
static inline int stat_err(const char *name)
{
	struct kstat st;

	return vfs_stat(fs, name, LOOKUP_FOLLOW, &st);
}

/* A string of @len copies of @c, on the heap (the caller frees it). */
static inline char *repeat(char c, size_t len)
{
	char *s = malloc(len + 1);

	memset(s, c, len);
	s[len] = '\0';
	return s;
}

#endif
