/*
 * fs/file.h - open files, the inodes behind them, and the file-operations
 * table with its three mmap hooks.
 *
 * mm/ sees files only through this header: the inode's page cache and
 * list of mappings, and the mmap hooks. The VFS (fs/vfs.h) adds names,
 * mounts and descriptors around it.
 *
 * Lock legend:
 *   [r]  changed only through file_get/file_put, inode_get/inode_put
 *   [f]  the inode's mapping-list lock, taken inside an mm lock
 *   [c]  constant after creation
 *   [p]  the page cache's, changed only by fs/pagecache.c. Its lock will
 *        nest inside an mm lock (the fault path); truncate takes no mm
 *        lock. One CPU and no preemption serialise it until then.
 */
#ifndef ATLAS_FILE_H
#define ATLAS_FILE_H

#include "kernel/types.h"
#include "kernel/list.h"

struct dentry;
struct dir_context;
struct inode_operations;
struct mm;
struct mount;
struct page;
struct super_block;
struct pagecache_node;
struct vma;
struct vm_area_desc;

/* What an inode's pages and mappings hang off. */
struct address_space {
	struct list_node mmaps;		/* [f] struct vma_file_link, one per VMA */
	size_t nr_mmaps;		/* [f] */
	struct inode *host;		/* [c] */
	/* The page cache: page index -> page, a radix tree (fs/pagecache.h). */
	struct pagecache_node *page_tree;	/* [p] its root, or NULL when empty */
	size_t nr_pages;		/* [p] pages in it */
};

struct inode {
	int refcount;			/* [r] */
	uint64_t size;			/* file size in bytes */
	unsigned mode;			/* type and permission bits (S_IF*, 0777) */
	uint64_t ino;			/* [c] inode number */
	unsigned nlink;			/* names that point at it */
	uint32_t uid, gid;
	uint32_t rdev;			/* [c] device number of a device node */
	int64_t atime, mtime, ctime;	/* seconds since boot */
	struct super_block *sb;		/* [c] NULL for a file of no file system */
	const struct inode_operations *i_op;	/* [c] directory and size changes */
	const struct file_operations *i_fop;	/* [c] what an open of it gets */
	struct address_space mapping;	/* [c] (the struct; its fields have tags) */
	void *private;			/* the file system's */
	/* Called when the last reference goes; frees the inode. */
	void (*destroy)(struct inode *inode);
};

/* f_mode bits: how the file was opened. */
#define FMODE_READ	0x1u
#define FMODE_WRITE	0x2u

/* poll() events (Linux's values). */
#define POLLIN		0x001
#define POLLPRI		0x002
#define POLLOUT		0x004
#define POLLERR		0x008
#define POLLHUP		0x010
#define POLLNVAL	0x020
#define POLLRDNORM	0x040
#define POLLWRNORM	0x100

/* A place in the tree of mounted file systems: see fs/vfs.h. */
struct path {
	struct mount *mnt;
	struct dentry *dentry;
};

struct file {
	int refcount;			/* [r] */
	unsigned f_mode;		/* [c] FMODE_* */
	int flags;			/* O_* flags it was opened with (O_APPEND, ...) */
	uint64_t pos;			/* the offset read and write use */
	struct inode *inode;		/* [c] one reference held */
	struct path path;		/* [c] the name it was opened by, or NULL, NULL */
	const struct file_operations *f_op;	/* [c] */
	void *private_data;		/* the file's owner's */
};

/*
 * The operations of an open file. One const table per file system or
 * driver; a missing entry means "not supported" (file_default_* below).
 */
struct file_operations {
	/* open: set up @f after the VFS made it; 0 or a negative errno. */
	int (*open)(struct inode *inode, struct file *f);
	/* read and write at *@pos in kernel buffers; bytes done or -errno. */
	long (*read)(struct file *f, void *buf, size_t n, uint64_t *pos);
	long (*write)(struct file *f, const void *buf, size_t n, uint64_t *pos);
	/* iterate: hand the directory's entries from f->pos to @dc. */
	int (*iterate)(struct file *f, struct dir_context *dc);
	/* ioctl: a device's own requests; -ENOTTY if it has none. */
	long (*ioctl)(struct file *f, unsigned cmd, unsigned long arg);
	/* Streams (the console) cannot seek: lseek gives -ESPIPE. */
	bool no_seek;
	/*
	 * poll: which of Linux's POLL* events (fs/file.h) @f has now: data
	 * to read, room to write, hang-up. It never sleeps; poll() asks
	 * again on the next tick. NULL: always readable and writable, as
	 * Linux's DEFAULT_POLLMASK says for regular files.
	 */
	unsigned (*poll)(struct file *f);
	/*
	 * mmap_prepare: configure a mapping before any VMA exists. It sees
	 * only @desc; it may change pgoff, file, vm_flags and page_prot, and
	 * set vm_ops, private_data, ctx and an action. It returns 0 or a
	 * negative errno; on failure it has undone its own work, and neither
	 * complete nor abort will be called.
	 */
	int (*mmap_prepare)(struct vm_area_desc *desc);
	/*
	 * mmap_complete: the VMA is in the tree, fully built, and mm and the
	 * VMA are write-locked; do what needs the VMA (prepopulate). On error
	 * it has freed what it allocated or attached it to the VMA (so that
	 * vm_ops->close releases it); mm then unmaps the VMA, which runs
	 * close once. Requires mmap_prepare.
	 */
	int (*mmap_complete)(struct file *file, struct vma *vma, void *ctx);
	/*
	 * mmap_abort: a step after a successful prepare failed before the VMA
	 * was inserted; undo what prepare set up. Cannot fail. Exactly one of
	 * complete or abort runs after a successful prepare. Requires
	 * mmap_prepare. (A file that prepare substituted is mm's to drop.)
	 */
	void (*mmap_abort)(const struct file *file, void *private_data, void *ctx);
	/*
	 * get_unmapped_area: choose where a mapping of this file goes, e.g.
	 * 2 MiB aligned. Returns the address or a negative errno. NULL means
	 * mm_get_unmapped_area() with page alignment.
	 */
	long (*get_unmapped_area)(struct file *file, struct mm *mm, uintptr_t addr,
				  size_t len, uint64_t pgoff, int flags);
	/* The last reference to an open file is gone. */
	void (*release)(struct file *file);
};

/*
 * file_alloc() makes an open file of @inode (taking a reference to it)
 * with @fops and @mode. Returns it with one reference, or NULL.
 */
struct file *file_alloc(struct inode *inode, const struct file_operations *fops,
			unsigned mode);

/*
 * file_get() takes a reference; file_put() drops one. The last one calls
 * release, drops the path and the inode, and frees the file.
 */
struct file *file_get(struct file *f);
void file_put(struct file *f);

/* inode_init() sets up a new inode with one reference. */
void inode_init(struct inode *inode, uint64_t ino, unsigned mode,
		void (*destroy)(struct inode *inode));

/* inode_get() takes a reference; inode_put() drops one (destroy at zero). */
struct inode *inode_get(struct inode *inode);
void inode_put(struct inode *inode);

/* path_get() takes a reference to both halves; path_put() drops them. */
void path_get(const struct path *p);
void path_put(const struct path *p);

#endif
