/*
 * fs/super.c - file-system types, superblocks and the mount table.
 *
 * A file system registers a struct fs_type. Mounting one makes a
 * superblock (the type's fill_super() gives it a root directory) and a
 * struct mount that attaches the superblock's root at a directory of the
 * tree. The mount table is a list, root mount first; path walk crosses
 * from a directory with mounts on it (dentry->mounted) into the mount's
 * root through vfs_mount_at().
 */
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/kernel.h"
#include "mm/kmalloc.h"

static struct list_node fs_types = LIST_HEAD_INIT(fs_types);
static struct list_node mounts = LIST_HEAD_INIT(mounts);
static uint32_t next_dev = 1;		/* anonymous device numbers, 0:1 up */

int register_filesystem(struct fs_type *type)
{
	struct list_node *n;

	list_for_each(n, &fs_types)
		if (strcmp(list_entry(n, struct fs_type, link)->name, type->name) == 0)
			return -EBUSY;
	list_append(&fs_types, &type->link);
	return 0;
}

static struct fs_type *find_fs_type(const char *name)
{
	struct list_node *n;

	list_for_each(n, &fs_types) {
		struct fs_type *t = list_entry(n, struct fs_type, link);

		if (strcmp(t->name, name) == 0)
			return t;
	}
	return NULL;
}

int64_t vfs_now(void)
{
	return (int64_t)(ticks / HZ);
}

struct inode *new_inode(struct super_block *sb, unsigned mode)
{
	struct inode *inode = kzalloc(sizeof(*inode));
	int64_t now = vfs_now();

	if (!inode)
		return NULL;
	inode_init(inode, sb->next_ino++, mode, vfs_inode_free);
	inode->sb = sb;
	inode->nlink = 1;
	inode->atime = inode->mtime = inode->ctime = now;
	return inode;
}

void vfs_inode_free(struct inode *inode)
{
	pagecache_truncate(&inode->mapping, 0);
	kfree(inode->private);
	kfree(inode);
}

int vfs_make_root(struct super_block *sb, struct inode *inode)
{
	struct dentry *d = dentry_alloc(NULL, "/", 1);

	if (!d)
		return -ENOMEM;
	d->sb = sb;
	dentry_instantiate(d, inode);
	sb->root = d;
	return 0;
}

/* Makes a superblock of @type; returns it or NULL (with *@err set). */
static struct super_block *sb_create(struct fs_type *type, const void *data, int *err)
{
	struct super_block *sb = kzalloc(sizeof(*sb));

	if (!sb) {
		*err = -ENOMEM;
		return NULL;
	}
	sb->type = type;
	sb->dev = next_dev++;
	sb->next_ino = 1;
	*err = type->fill_super(sb, data);
	if (*err) {
		if (sb->root)
			dentry_put(sb->root);
		kfree(sb);
		return NULL;
	}
	return sb;
}

/* Takes a superblock down: its dentries first, then the type's own state. */
static void sb_destroy(struct super_block *sb)
{
	vfs_drop_tree(sb->root);
	dentry_put(sb->root);
	if (sb->type->kill_super)
		sb->type->kill_super(sb);
	kfree(sb);
}

/* Attaches @sb at @mp (a path in the tree, referenced by the caller). */
static struct mount *mount_attach(struct super_block *sb, const struct path *mp,
				  const char *source)
{
	struct mount *m = kzalloc(sizeof(*m));

	if (!m)
		return NULL;
	m->sb = sb;
	m->root = dentry_get(sb->root);
	strlcpy(m->source, source ? source : sb->type->name, sizeof(m->source));
	if (mp) {
		m->parent = mount_get(mp->mnt);
		m->mountpoint = dentry_get(mp->dentry);
		mp->dentry->mounted++;
	}
	sb->mounts++;
	list_append(&mounts, &m->link);
	return m;
}

struct mount *vfs_mount_at(const struct path *p)
{
	struct list_node *n;

	if (!p->dentry->mounted)
		return NULL;
	/* The newest mount on a place hides the older ones. */
	for (n = mounts.prev; n != &mounts; n = n->prev) {
		struct mount *m = list_entry(n, struct mount, link);

		if (m->parent == p->mnt && m->mountpoint == p->dentry)
			return m;
	}
	return NULL;
}

int vfs_mount(struct fs_context *ctx, const char *source, const char *target,
	      const char *fstype, const void *data)
{
	struct fs_type *type = find_fs_type(fstype);
	struct super_block *sb;
	struct path mp;
	int err;

	if (!type)
		return -ENODEV;
	err = vfs_lookup(ctx, target, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &mp);
	if (err)
		return err;
	sb = sb_create(type, data, &err);
	if (sb && !mount_attach(sb, &mp, source)) {
		sb_destroy(sb);
		err = -ENOMEM;
	}
	path_put(&mp);
	return err;
}

int vfs_umount(struct fs_context *ctx, const char *target)
{
	struct path p;
	struct mount *m;
	struct super_block *sb;
	int err;

	err = vfs_lookup(ctx, target, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	m = p.mnt;
	path_put(&p);
	if (p.dentry != m->root || !m->parent)
		return -EINVAL;		/* not the root of a mount, or the root mount */
	/*
	 * Every path into the mount counts on it: open files, working
	 * directories, and the mounts on top of it (through their parent).
	 */
	if (m->refcount > 0)
		return -EBUSY;
	list_remove(&m->link);
	m->mountpoint->mounted--;
	dentry_put(m->mountpoint);
	mount_put(m->parent);
	dentry_put(m->root);
	sb = m->sb;
	kfree(m);
	if (--sb->mounts == 0)
		sb_destroy(sb);
	return 0;
}

struct mount *vfs_kern_mount(const char *fstype)
{
	struct fs_type *type = find_fs_type(fstype);
	struct super_block *sb;
	struct mount *m;
	int err;

	if (!type)
		return NULL;
	sb = sb_create(type, NULL, &err);
	if (!sb)
		return NULL;
	m = kzalloc(sizeof(*m));
	if (!m) {
		sb_destroy(sb);
		return NULL;
	}
	m->sb = sb;
	m->root = dentry_get(sb->root);
	strlcpy(m->source, "none", sizeof(m->source));
	sb->mounts++;
	list_init(&m->link);
	return m;
}

void vfs_for_each_mount(void (*fn)(struct mount *m, void *arg), void *arg)
{
	struct list_node *n;

	list_for_each(n, &mounts)
		fn(list_entry(n, struct mount, link), arg);
}

int vfs_mount_path(struct mount *m, char *buf, size_t size)
{
	struct path p = { m, m->root };

	return vfs_path_name(&p, NULL, buf, size);
}

/* The root: a ramfs mounted on nothing. */
static struct fs_context kernel_fs;
struct fs_context *current_fs;

int vfs_mount_root(const char *fstype)
{
	struct fs_type *type = find_fs_type(fstype);
	struct super_block *sb;
	struct mount *m;
	int err;

	if (!type)
		return -ENODEV;
	sb = sb_create(type, NULL, &err);
	if (!sb)
		return err;
	m = mount_attach(sb, NULL, "rootfs");
	if (!m) {
		sb_destroy(sb);
		return -ENOMEM;
	}
	kernel_fs.root = (struct path){ m, m->root };
	path_get(&kernel_fs.root);
	kernel_fs.cwd = kernel_fs.root;
	path_get(&kernel_fs.cwd);
	kernel_fs.umask = 022;
	current_fs = &kernel_fs;
	return 0;
}
