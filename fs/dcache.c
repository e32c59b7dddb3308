/*
 * fs/dcache.c - the dentry cache: the tree of names the VFS has seen.
 *
 * Every dentry sits on its parent's list of children and holds a reference
 * to its parent, so a path that is in use keeps all its ancestors. A
 * dentry holds a reference to its inode. A dentry is freed when its last
 * reference goes. ramfs "pins" every dentry it creates by holding one
 * reference itself (the cache is its only directory structure); procfs
 * does not, so its dentries go away when their last user drops them, and
 * so do negative dentries left by a failed lookup.
 *
 * A dentry removed from its directory (unlink, rmdir, rename over it) is
 * "unhashed": lookups no longer find it, but an open file that holds it
 * keeps it, and its inode, alive.
 */
#include "fs/vfs.h"
#include "kernel/kernel.h"
#include "mm/kmalloc.h"

struct dentry *dentry_get(struct dentry *d)
{
	assert(d->refcount > 0);
	d->refcount++;
	return d;
}

/* Frees @d, whose last reference is gone, and drops its parent. */
static void dentry_free(struct dentry *d)
{
	struct dentry *parent = d->parent;

	if (!d->unhashed)
		list_remove(&d->sibling);
	if (d->inode)
		inode_put(d->inode);
	kfree(d->name);
	kfree(d);
	if (parent != d)
		dentry_put(parent);
}

void dentry_put(struct dentry *d)
{
	assert(d->refcount > 0);
	if (--d->refcount == 0)
		dentry_free(d);
}

struct dentry *dentry_lookup_child(struct dentry *dir, const char *name, size_t len)
{
	struct list_node *n;

	list_for_each(n, &dir->children) {
		struct dentry *d = list_entry(n, struct dentry, sibling);

		if (strncmp(d->name, name, len) == 0 && d->name[len] == '\0')
			return dentry_get(d);
	}
	return NULL;
}

struct dentry *dentry_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d = kzalloc(sizeof(*d));

	if (!d)
		return NULL;
	d->name = kmalloc(len + 1);
	if (!d->name) {
		kfree(d);
		return NULL;
	}
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->refcount = 1;
	list_init(&d->children);
	if (parent) {
		d->parent = dentry_get(parent);
		d->sb = parent->sb;
		list_append(&parent->children, &d->sibling);
	} else {
		d->parent = d;
		list_init(&d->sibling);
	}
	return d;
}

void dentry_instantiate(struct dentry *d, struct inode *inode)
{
	assert(!d->inode);
	d->inode = inode;
}

void dentry_unhash(struct dentry *d)
{
	if (d->unhashed)
		return;
	d->unhashed = true;
	list_remove(&d->sibling);
}
