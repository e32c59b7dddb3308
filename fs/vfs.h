/*
 * fs/vfs.h - the virtual file system: file-system types, superblocks,
 * dentries, mounts, paths, file-descriptor tables, and the vfs_*
 * operations the system calls are built on.
 *
 * The objects, and who points at whom:
 *
 *   struct fs_type      a kind of file system (ramfs, devfs, procfs); its
 *                       fill_super() builds a superblock
 *   struct super_block  one mounted instance: its root dentry, its device
 *                       number, its inode numbers
 *   struct inode        a file (fs/file.h): size, mode, page cache, the
 *                       VMAs that map it; held by dentries and open files
 *   struct dentry       a name in a directory, pointing at an inode (or at
 *                       nothing: a negative dentry); the tree of dentries
 *                       is the dentry cache
 *   struct mount        a superblock attached at a dentry of another mount
 *   struct path         (mount, dentry): a place in the whole tree
 *   struct file         an open file (fs/file.h): a path, an offset, flags
 *
 * Lock legend: Atlas runs on one CPU without kernel preemption, so one
 * big VFS lock would protect all of this; [v] marks fields it would
 * protect. [c] is constant after creation, [r] changes only through the
 * get/put functions.
 *
 * Everything returns 0 or a negative errno with Linux's values.
 */
#ifndef ATLAS_VFS_H
#define ATLAS_VFS_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "fs/file.h"
#include "fs/stat.h"

#define NAME_MAX	255	/* longest name of one path component */
#define PATH_MAX	4096	/* longest path, with its NUL */
#define SYMLOOP_MAX	8	/* symbolic links one lookup may follow */


/* open() flags: Linux's generic values, shared by x86_64 and riscv64. */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* Access wanted, for vfs_permission(). */
#define MAY_EXEC	1
#define MAY_WRITE	2
#define MAY_READ	4

struct dentry;
struct mount;
struct super_block;

/* ---- file-system types and superblocks --------------------------------- */

struct fs_type {
	const char *name;
	/*
	 * fill_super() gives the new @sb its root inode (vfs_make_root())
	 * and anything else the file system needs. @data is the mount data.
	 */
	int (*fill_super)(struct super_block *sb, const void *data);
	/* kill_super() frees what fill_super() set up; the dentries are gone. */
	void (*kill_super)(struct super_block *sb);
	struct list_node link;		/* [v] on the list of registered types */
};

struct super_block {
	const struct fs_type *type;	/* [c] */
	struct dentry *root;		/* [c] after fill_super */
	uint32_t dev;			/* [c] device number, (major << 8) | minor */
	uint64_t next_ino;		/* [v] the next inode number to hand out */
	int mounts;			/* [v] how many mounts show it */
	void *fs_info;			/* the file system's */
};

/* How an inode's directory entries change; missing entries mean EPERM. */
struct inode_operations {
	/* Fill d->inode for the name d->name in @dir, or leave d negative. */
	int (*lookup)(struct inode *dir, struct dentry *d);
	int (*create)(struct inode *dir, struct dentry *d, unsigned mode);
	int (*mkdir)(struct inode *dir, struct dentry *d, unsigned mode);
	int (*mknod)(struct inode *dir, struct dentry *d, unsigned mode, uint32_t rdev);
	int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
	/* Unlink and rmdir drop the file system's own hold on d. */
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	/* Rename @od in @odir to @nd in @ndir; nd is negative or replaceable. */
	int (*rename)(struct inode *odir, struct dentry *od, struct inode *ndir,
		      struct dentry *nd);
	/* Change the size of a regular file (truncate or extend). */
	int (*setsize)(struct inode *inode, uint64_t size);
	/* The target of a symbolic link; NULL if it names nothing (-ENOENT). */
	const char *(*readlink)(struct inode *inode);
};

/* ---- dentries (fs/dcache.c) ----------------------------------------------- */

struct dentry {
	char *name;			/* [c] one component, NUL-terminated */
	struct dentry *parent;		/* [c] holds a reference; the root its own */
	struct inode *inode;		/* [v] NULL for a negative dentry */
	struct super_block *sb;		/* [c] */
	struct list_node children;	/* [v] the dentries below a directory */
	struct list_node sibling;	/* [v] on parent->children */
	int refcount;			/* [r] */
	int mounted;			/* [v] mounts that sit on this dentry */
	bool pinned;			/* [v] the file system holds a reference (ramfs) */
	bool unhashed;			/* [v] removed from its directory */
};

/* dentry_get() takes a reference; dentry_put() drops one. */
struct dentry *dentry_get(struct dentry *d);
void dentry_put(struct dentry *d);

/*
 * dentry_lookup_child() finds the child of @dir named @name (a component
 * of @len bytes) in the cache, with a reference; NULL if not cached.
 */
struct dentry *dentry_lookup_child(struct dentry *dir, const char *name, size_t len);

/*
 * dentry_alloc() makes a negative child of @parent named @name, in the
 * cache, with one reference; NULL on ENOMEM.
 */
struct dentry *dentry_alloc(struct dentry *parent, const char *name, size_t len);

/* dentry_instantiate() points @d at @inode (taking over the caller's reference). */
void dentry_instantiate(struct dentry *d, struct inode *inode);

/* dentry_unhash() takes @d out of its directory; it lives while referenced. */
void dentry_unhash(struct dentry *d);

/* ---- mounts and paths (fs/super.c, fs/namei.c) --------------------------- */

struct mount {
	struct super_block *sb;		/* [c] */
	struct dentry *root;		/* [c] sb->root, referenced */
	struct mount *parent;		/* [c] NULL for the root mount */
	struct dentry *mountpoint;	/* [c] in parent; referenced */
	int refcount;			/* [r] paths that use it */
	struct list_node link;		/* [v] on the mount table */
	char source[32];		/* [c] what /proc/mounts shows first */
};

/* struct path, path_get() and path_put() are in fs/file.h. */

/* mount_get() and mount_put() count the paths that use a mount. */
struct mount *mount_get(struct mount *m);
void mount_put(struct mount *m);

/* ---- a process's view: root, working directory, descriptors, ids --------- */

#define FD_MAX 64

struct fdtable {
	struct file *fd[FD_MAX];	/* [v] */
	uint64_t cloexec;		/* [v] bit n: close fd n on exec */
};

struct cred {
	uint32_t uid, gid;
};

/* What path walk and the fd calls run against: one per process. */
struct fs_context {
	struct path root;		/* "/" for this process */
	struct path cwd;		/* the working directory */
	struct fdtable fdt;
	struct cred cred;
	unsigned umask;
};

/*
 * fs_context_clone() copies @from for a new process (fork): the same root
 * and cwd, every descriptor shared. NULL on ENOMEM. fs_context_free()
 * closes them all and frees it.
 */
struct fs_context *fs_context_clone(const struct fs_context *from);
void fs_context_free(struct fs_context *ctx);

/* fd_close_on_exec() closes the descriptors marked close-on-exec. */
void fd_close_on_exec(struct fdtable *fdt);

/*
 * The context of the running task. Until processes exist there is one,
 * the kernel's, set up by vfs_init().
 */
extern struct fs_context *current_fs;

/* ---- registration, mounting (fs/super.c) --------------------------------- */

/* register_filesystem() makes @type mountable by name. -EBUSY if taken. */
int register_filesystem(struct fs_type *type);

/*
 * vfs_init() registers the built-in file systems, mounts a ramfs as the
 * root and makes the kernel's fs_context. Panics if it cannot: without a
 * root there is nothing to run.
 */
void vfs_init(void);

/*
 * vfs_mount() mounts a new instance of the file system named @fstype on
 * the directory @target. -ENODEV for an unknown type, -ENOTDIR, -ENOENT,
 * -ENOMEM. Mounting on a place that has a mount already stacks the new
 * one on top, as Linux does; unmounting uncovers the older one.
 */
int vfs_mount(struct fs_context *ctx, const char *source, const char *target,
	      const char *fstype, const void *data);

/*
 * initramfs_unpack() recreates the boot loader's cpio archive in the
 * root file system. Returns the entries read, or a negative errno when the
 * archive is malformed (what came before the bad entry stays).
 */
struct bootinfo;
int initramfs_unpack(const struct bootinfo *bi);

/* vfs_umount() detaches the mount at @target: -EINVAL if none, -EBUSY if in use. */
int vfs_umount(struct fs_context *ctx, const char *target);

/* vfs_make_root() gives @sb a root directory dentry for @inode. */
int vfs_make_root(struct super_block *sb, struct inode *inode);

/* new_inode() makes an inode of @sb with @mode and a fresh number, or NULL. */
struct inode *new_inode(struct super_block *sb, unsigned mode);

/* vfs_for_each_mount() calls @fn for every mount, root first. */
void vfs_for_each_mount(void (*fn)(struct mount *m, void *arg), void *arg);

/* vfs_mount_path() writes where @m is mounted ("/", "/proc") into @buf. */
int vfs_mount_path(struct mount *m, char *buf, size_t size);

/* ---- path walk (fs/namei.c) ------------------------------------------------ */

#define LOOKUP_FOLLOW		0x1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x2	/* the result must be a directory */

/*
 * vfs_lookup() walks @name (absolute, or relative to ctx->cwd) and
 * returns the path it names, referenced. -ENOENT, -ENOTDIR, -ENAMETOOLONG,
 * -ELOOP, -EACCES (no search permission on a directory on the way).
 */
int vfs_lookup(struct fs_context *ctx, const char *name, unsigned flags, struct path *out);

/*
 * vfs_lookup_parent() walks all but the last component of @name: *@parent
 * is the directory (referenced) and *@last points into @name at the last
 * component (@last_len bytes; "." and ".." are refused with -EINVAL as
 * the last component of a create or remove).
 */
int vfs_lookup_parent(struct fs_context *ctx, const char *name, struct path *parent,
		      const char **last, size_t *last_len);

/* vfs_permission() checks @may (MAY_*) on @inode for @cred: 0 or -EACCES. */
int vfs_permission(const struct cred *cred, const struct inode *inode, int may);

/* ---- directory changes (fs/namei.c) --------------------------------------- */

int vfs_mkdir(struct fs_context *ctx, const char *name, unsigned mode);
int vfs_rmdir(struct fs_context *ctx, const char *name);
int vfs_unlink(struct fs_context *ctx, const char *name);
int vfs_rename(struct fs_context *ctx, const char *from, const char *to);
int vfs_symlink(struct fs_context *ctx, const char *target, const char *name);
int vfs_mknod(struct fs_context *ctx, const char *name, unsigned mode, uint32_t rdev);
int vfs_readlink(struct fs_context *ctx, const char *name, char *buf, size_t size);
int vfs_chdir(struct fs_context *ctx, const char *name);

/* ---- open files (fs/open.c) -------------------------------------------------- */

/*
 * vfs_open() opens @name with O_* @flags (creating it with @mode & ~umask
 * under O_CREAT) and returns the file, one reference. -EEXIST (O_CREAT |
 * O_EXCL), -EISDIR (writing a directory), -ENOTDIR (O_DIRECTORY), -EACCES.
 */
int vfs_open(struct fs_context *ctx, const char *name, int flags, unsigned mode,
	     struct file **out);

/* vfs_open_path() opens an already looked-up @path (no creation). */
int vfs_open_path(const struct path *path, int flags, struct file **out);

/* File descriptors: the lowest free one, or -EMFILE; -EBADF for a bad one. */
int fd_install(struct fdtable *fdt, struct file *f, bool cloexec);
struct file *fd_get(struct fdtable *fdt, int fd);	/* borrowed, no reference */
int fd_close(struct fdtable *fdt, int fd);
int fd_dup(struct fdtable *fdt, int fd);
int fd_dup3(struct fdtable *fdt, int oldfd, int newfd, int flags);
void fd_close_all(struct fdtable *fdt);

/* ---- directories (fs/readdir.c) --------------------------------------------- */

/* Directory entry types in getdents (Linux's DT_* values). */
#define DT_UNKNOWN	0
#define DT_CHR		2
#define DT_DIR		4
#define DT_REG		8
#define DT_LNK		10

/*
 * What a file system's iterate() hands entries to. emit() returns false
 * when the caller's buffer is full; the entry was not taken then, and
 * iterate() stops without advancing f->pos past it.
 */
struct dir_context {
	bool (*emit)(struct dir_context *dc, const char *name, size_t len, uint64_t ino,
		     unsigned type);
};

/*
 * dir_emit_dots() hands "." and ".." to @dc for positions 0 and 1 of @f
 * and advances f->pos past them. False when @dc's buffer filled up.
 */
bool dir_emit_dots(struct file *f, struct dir_context *dc);

/* dt_type() is the DT_* type of an inode mode. */
unsigned dt_type(unsigned mode);

/*
 * dcache_iterate() is iterate() for file systems whose directories are
 * just their dentries (ramfs, devfs): ".", "..", then the children in
 * order; f->pos counts entries.
 */
int dcache_iterate(struct file *f, struct dir_context *dc);

/* ---- reading and writing (fs/read_write.c) -------------------------------- */

/* Kernel buffers; the system calls copy to and from user memory. */
long vfs_read(struct file *f, void *buf, size_t n);
long vfs_write(struct file *f, const void *buf, size_t n);
long vfs_pread(struct file *f, void *buf, size_t n, uint64_t off);
long vfs_pwrite(struct file *f, const void *buf, size_t n, uint64_t off);
long vfs_lseek(struct file *f, int64_t off, int whence);
int vfs_ftruncate(struct file *f, uint64_t size);
int vfs_truncate(struct fs_context *ctx, const char *name, uint64_t size);

/* What stat() reports, before the system call lays it out for the arch. */
struct kstat {
	uint32_t dev, rdev;
	uint64_t ino;
	unsigned mode;
	unsigned nlink;
	uint32_t uid, gid;
	uint64_t size;
	uint64_t blocks;		/* 512-byte units */
	uint32_t blksize;
	int64_t atime, mtime, ctime;	/* seconds */
};

int vfs_fstat(struct file *f, struct kstat *st);
int vfs_stat(struct fs_context *ctx, const char *name, unsigned flags, struct kstat *st);

/* ---- attributes (fs/attr.c) ----------------------------------------------- */

/* The "don't change it" id of chown, (uint32_t)-1. */
#define VFS_ID_KEEP	0xffffffffu

/*
 * Linux's rules for changing an inode's attributes, for the caller @cred
 * (uid 0 stands for every capability). Each updates ctime; 0 or -errno.
 *
 * vfs_chmod() sets the permission bits to @mode & 07777: -EPERM unless
 * the caller owns the inode or is root; a non-root caller outside the
 * file's group loses S_ISGID.
 *
 * vfs_chown() changes owner and group (VFS_ID_KEEP: unchanged): only
 * root gives a file away; the owner may set its group to its own group.
 * Else -EPERM. On anything but a directory it clears S_ISUID, and
 * S_ISGID if the group may execute, as Linux does even for root.
 *
 * vfs_utimes() sets atime and mtime to @atime and @mtime, each
 * VFS_TIME_NOW or VFS_TIME_OMIT or a time in seconds: an explicit time
 * needs the owner or root (-EPERM); "now" also lets anyone with write
 * permission do it (-EACCES otherwise).
 */
#define VFS_TIME_NOW	(-1ll - 0x7ffffffffffffffell)	/* INT64_MIN */
#define VFS_TIME_OMIT	(VFS_TIME_NOW + 1)
int vfs_chmod(const struct cred *cred, struct inode *inode, unsigned mode);
int vfs_chown(const struct cred *cred, struct inode *inode, uint32_t uid, uint32_t gid);
int vfs_utimes(const struct cred *cred, struct inode *inode, int64_t atime, int64_t mtime);

/*
 * vfs_getdents() fills @buf with Linux's struct linux_dirent64 records
 * for the directory @f from its current position. Returns the bytes
 * filled, 0 at the end, -EINVAL if @size cannot hold the next record,
 * -ENOTDIR.
 */
long vfs_getdents(struct file *f, void *buf, size_t size);

#endif
