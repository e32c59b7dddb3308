/*
 * fs/file.h - open files, the inodes behind them, and the file-operations
 * table with its three mmap hooks.
 *
 * This is the file side that mm/ needs. The VFS (fs/vfs.c and friends)
 * fills in the rest of struct inode and the read/write side of the table.
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

struct mm;
struct page;
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
	struct address_space mapping;	/* [c] (the struct; its fields have tags) */
	void *private;			/* the file system's */
	/* Called when the last reference goes; frees the inode. */
	void (*destroy)(struct inode *inode);
};

/* f_mode bits: how the file was opened. */
#define FMODE_READ	0x1u
#define FMODE_WRITE	0x2u

struct file {
	int refcount;			/* [r] */
	unsigned f_mode;		/* [c] FMODE_* */
	struct inode *inode;		/* [c] one reference held */
	const struct file_operations *f_op;	/* [c] */
	void *private_data;		/* the file's owner's */
};

/*
 * The operations of an open file. One const table per file system or
 * driver; a missing entry means "not supported" (file_default_* below).
 */
struct file_operations {
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

/* file_get() takes a reference; file_put() drops one, freeing at zero. */
struct file *file_get(struct file *f);
void file_put(struct file *f);

/* inode_init() sets up a new inode with one reference. */
void inode_init(struct inode *inode, uint64_t ino, unsigned mode,
		void (*destroy)(struct inode *inode));

/* inode_get() takes a reference; inode_put() drops one (destroy at zero). */
struct inode *inode_get(struct inode *inode);
void inode_put(struct inode *inode);

#endif
