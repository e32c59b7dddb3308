/*
 * fs/dcache.c - the dentry cache: the tree of names the VFS has seen.
 *
 * Every dentry sits on its parent's list of children and holds a reference
 * to its parent, so a path that is in use keeps all its ancestors. A
 * dentry holds a reference to its inode. A dentry is freed when its last
 * reference goes. ramfs "pins" every dentry it creates by holding one
 * reference itself (the cache is its only directory structure); procfs
 * does not, so its dentries go away when their last user drops them, and
 * so do negative dentries left by a failed lookup. Paths (a mount and a
 * dentry) are counted here too.
 *
 * A dentry removed from its directory (unlink, rmdir, rename over it) is
 * "unhashed": lookups no longer find it, but an open file that holds it
 * keeps it, and its inode, alive.
 */
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
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

struct mount *mount_get(struct mount *m)
{
	m->refcount++;
	return m;
}

void mount_put(struct mount *m)
{
	/* A mount is freed by umount, which refuses while this is not zero. */
	assert(m->refcount > 0);
	m->refcount--;
}

void path_get(const struct path *p)
{
	mount_get(p->mnt);
	dentry_get(p->dentry);
}

void path_put(const struct path *p)
{
	dentry_put(p->dentry);
	mount_put(p->mnt);
}

int dentry_move(struct dentry *d, struct dentry *new_parent, const char *name, size_t len)
{
	char *copy = kmalloc(len + 1);
	struct dentry *old_parent = d->parent;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, name, len);
	copy[len] = '\0';
	kfree(d->name);
	d->name = copy;
	if (!d->unhashed)
		list_remove(&d->sibling);
	d->unhashed = false;
	list_append(&new_parent->children, &d->sibling);
	d->parent = dentry_get(new_parent);
	dentry_put(old_parent);
	return 0;
}

bool dentry_is_empty_dir(struct dentry *d)
{
	struct list_node *n;

	list_for_each(n, &d->children)
		if (list_entry(n, struct dentry, sibling)->inode)
			return false;
	return true;
}

void vfs_drop_tree(struct dentry *root)
{
	struct list_node *n, *tmp;

	list_for_each_safe(n, tmp, &root->children) {
		struct dentry *c = list_entry(n, struct dentry, sibling);

		dentry_get(c);
		vfs_drop_tree(c);
		if (c->pinned) {
			c->pinned = false;
			dentry_put(c);
		}
		dentry_put(c);
	}
}

/* Puts @s (of @len bytes) in front of *@pos, staying inside @buf. */
static bool prepend(char **pos, char *buf, const char *s, size_t len)
{
	if ((size_t)(*pos - buf) < len)
		return false;
	*pos -= len;
	memcpy(*pos, s, len);
	return true;
}

int vfs_path_name(const struct path *p, const struct path *root, char *buf, size_t size)
{
	static const char deleted[] = " (deleted)";
	struct mount *m = p->mnt;
	struct dentry *d = p->dentry;
	char *end = buf + size, *pos = end;
	size_t len;

	if (size < sizeof(deleted) + 2)
		return -ENAMETOOLONG;
	end -= sizeof(deleted);		/* room for the suffix, decided below */
	pos = end;
	for (;;) {
		if (root && d == root->dentry && m == root->mnt)
			break;
		if (d == m->root) {
			if (!m->parent)
				break;
			d = m->mountpoint;	/* continue in the mount below */
			m = m->parent;
			continue;
		}
		if (!prepend(&pos, buf, d->name, strlen(d->name)) || !prepend(&pos, buf, "/", 1))
			return -ENAMETOOLONG;
		d = d->parent;
	}
	if (pos == end && !prepend(&pos, buf, "/", 1))
		return -ENAMETOOLONG;
	len = (size_t)(end - pos);
	memmove(buf, pos, len);
	buf[len] = '\0';
	if (p->dentry->unhashed) {
		memcpy(buf + len, deleted, sizeof(deleted));
		len += sizeof(deleted) - 1;
	}
	return (int)len;
}
