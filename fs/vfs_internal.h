/*
 * fs/vfs_internal.h - what the VFS files share among themselves, and the
 * built-in file systems it mounts. Only fs/ includes this.
 */
#ifndef ATLAS_VFS_INTERNAL_H
#define ATLAS_VFS_INTERNAL_H

#include "fs/vfs.h"
#include "fs/pagecache.h"

/* vfs_now() is the time stamps' clock: seconds since boot. */
int64_t vfs_now(void);

/* vfs_inode_free() is the usual inode destroy: page cache, private, inode. */
void vfs_inode_free(struct inode *inode);

/* vfs_mount_at() is the newest mount sitting on @p, or NULL. */
struct mount *vfs_mount_at(const struct path *p);

/* vfs_mount_root() mounts a fresh @fstype as "/" and makes current_fs. */
int vfs_mount_root(const char *fstype);

/*
 * vfs_drop_tree() lets go of every dentry the file system pinned below
 * @root, children first (the superblock is going away).
 */
void vfs_drop_tree(struct dentry *root);

/*
 * vfs_path_name() writes the absolute name of @p ("/etc/motd") into @buf,
 * as seen from @root (NULL: the whole tree's root). An unlinked file gets
 * " (deleted)" after its name, as Linux shows. Returns the length or
 * -ENAMETOOLONG.
 */
int vfs_path_name(const struct path *p, const struct path *root, char *buf, size_t size);

/*
 * vfs_lookup_child() is what every directory change starts with: the
 * parent directory of @name (referenced) and the dentry of its last
 * component (referenced, possibly negative). "." and ".." as the last
 * component are -EINVAL, "/" -EEXIST. The caller checks permissions.
 */
int vfs_lookup_child(struct fs_context *ctx, const char *name, struct path *parent,
		     struct dentry **child);

/*
 * dentry_move() renames @d to @name under @new_parent (for rename()).
 * Returns 0 or -ENOMEM (then nothing changed).
 */
int dentry_move(struct dentry *d, struct dentry *new_parent, const char *name, size_t len);

/* dentry_is_empty_dir() is true when no positive dentry is below @d. */
bool dentry_is_empty_dir(struct dentry *d);

/*
 * vfs_kern_mount() makes an instance of @fstype that is not attached
 * anywhere in the tree (nor listed in /proc/mounts): the kernel's own,
 * for files with no name a process could look up (shared anonymous
 * memory). NULL on failure.
 */
struct mount *vfs_kern_mount(const char *fstype);

/* ramfs_fill_super() builds a ramfs root; devfs builds on it. */
int ramfs_fill_super(struct super_block *sb, const void *data);

/* The built-in file systems. */
extern struct fs_type ramfs_type, devfs_type, procfs_type;

/* ramfs_file_operations serve regular ramfs files (and shmem files). */
extern const struct file_operations ramfs_file_operations;

#endif
