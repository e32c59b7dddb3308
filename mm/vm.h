/*
 * mm/vm.h - address spaces: struct mm, struct vma, and the mmap, munmap,
 * mprotect and page-fault entry points.
 *
 * Lock legend:
 *   [mm]  mm->lock held for writing (mmap, munmap, mprotect, and across a
 *         file's mmap_complete); reading is enough for a fault
 *   [c]   constant after creation
 *   [f]   the file's mapping-list lock (fs/file.h), taken inside [mm]
 * Lock order: mm->lock, then a file's mapping list, then the page table.
 * Atlas runs on one CPU and does not yet preempt the kernel, so the locks
 * record ownership and are asserted, but never spin.
 */
#ifndef ATLAS_VM_H
#define ATLAS_VM_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/arch.h"
#include "mm/vma.h"

struct file;
struct page;
struct vma;

/* vm_flags: what a mapping allows and is. Values are Linux's. */
#define VM_READ		0x00000001ul
#define VM_WRITE	0x00000002ul
#define VM_EXEC		0x00000004ul
#define VM_SHARED	0x00000008ul
#define VM_MAYREAD	0x00000010ul	/* mprotect may add PROT_READ */
#define VM_MAYWRITE	0x00000020ul
#define VM_MAYEXEC	0x00000040ul
#define VM_MAYSHARE	0x00000080ul
#define VM_PFNMAP	0x00000400ul	/* raw frames, no struct page behind them */
#define VM_IO		0x00004000ul	/* device memory */
#define VM_DONTCOPY	0x00020000ul	/* fork leaves it out */
#define VM_DONTEXPAND	0x00040000ul	/* mremap may not grow it */
#define VM_HUGETLB	0x00400000ul	/* mapped with 2 MiB leaves */
/* Never merged with a neighbour, whatever else matches. */
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_HUGETLB)

/* mmap's prot and flags arguments, with Linux's values. */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_NORESERVE	0x4000
#define MAP_POPULATE	0x8000
#define MAP_FIXED_NOREPLACE 0x100000

/* ---- page faults ---------------------------------------------------------- */

/* What kind of access faulted. */
#define FAULT_READ	0x0
#define FAULT_WRITE	0x1
#define FAULT_EXEC	0x2
#define FAULT_USER	0x4	/* from user mode (else the kernel, inside a copy) */

/* handle_mm_fault() results. */
#define FAULT_OK	0
#define FAULT_SIGSEGV	1	/* no mapping there, or the access is not allowed */
#define FAULT_SIGBUS	2	/* mapped, but the page cannot be had (past EOF) */
#define FAULT_OOM	3	/* out of memory */

/* What vm_operations.fault is asked for, and where it puts the answer. */
struct vm_fault {
	struct vma *vma;
	vaddr_t address;		/* page aligned */
	uint64_t pgoff;			/* page index in the file */
	unsigned flags;			/* FAULT_* */
	struct page *page;		/* out: the file's page, one reference held */
};

/*
 * The per-mapping operations a file (or driver) installs from its
 * mmap_prepare. All are optional.
 */
struct vm_operations {
	/* A new VMA now shares this one's resources: after a split or a fork. */
	void (*open)(struct vma *vma);
	/* The VMA is going away: unmapped, or its mmap_complete failed. */
	void (*close)(struct vma *vma);
	/*
	 * Find the page at vmf->pgoff; return FAULT_OK with vmf->page holding
	 * a reference, or FAULT_SIGBUS / FAULT_OOM.
	 */
	int (*fault)(struct vm_fault *vmf);
	/*
	 * May the VMA be split at @addr? 0 or -EINVAL. Hugepage mappings say
	 * no to anything that is not 2 MiB aligned.
	 */
	int (*may_split)(struct vma *vma, vaddr_t addr);
	/* The name /proc/<pid>/maps shows for a VMA with no file ("[vdso]"). */
	const char *(*name)(struct vma *vma);
};

/* ---- the mapping descriptor that mmap_prepare sees ------------------------ */

/* An action mm carries out after inserting the VMA (design.md §1, step 7). */
enum mmap_action_kind {
	MMAP_ACTION_NONE,
	MMAP_ACTION_REMAP_PFN,		/* map frames [pfn, pfn + size) at start */
};

struct mmap_action {
	enum mmap_action_kind kind;
	uint64_t pfn;			/* REMAP_PFN: first frame */
	size_t size;			/* REMAP_PFN: bytes, a page multiple */
	/* Called after the action succeeded (may fail, as complete may). */
	int (*success_hook)(struct vma *vma);
	/* Called if it failed; may replace the error code. */
	int (*error_hook)(int err);
};

/*
 * struct vm_area_desc: the mapping as mmap_prepare sees it, before any VMA
 * exists. The range is fixed; the rest may be changed or set.
 */
struct vm_area_desc {
	/* Fixed: the range was chosen before prepare runs. */
	struct mm *const mm;
	const vaddr_t start;
	const vaddr_t end;
	/* May change. A file prepare puts here passes its reference to mm. */
	uint64_t pgoff;
	struct file *file;
	unsigned long vm_flags;
	unsigned page_prot;		/* PMAP_* bits; PMAP_NOCACHE, PMAP_WC allowed */
	/* May set. */
	const struct vm_operations *vm_ops;
	void *private_data;		/* becomes vma->private_data */
	void *ctx;			/* handed to mmap_complete or mmap_abort */
	struct mmap_action action;
};

/* ---- VMAs and address spaces ----------------------------------------------- */

struct vma {
	struct vma_node *node;		/* [mm] place in mm->vmas; range in node */
	struct mm *mm;			/* [c] */
	unsigned long vm_flags;		/* [mm] VM_* */
	unsigned page_prot;		/* [mm] PMAP_* bits for its leaves */
	uint64_t pgoff;			/* [mm] file offset of start, in pages */
	struct file *file;		/* [mm] one reference held, or NULL */
	const struct vm_operations *vm_ops;	/* [mm] */
	void *private_data;		/* [mm] the owner's (the file's) */
	struct vma_file_link *file_link;	/* [mm] on file's mapping list */
};

/* A VMA on its file's list of mappings (for truncate, and counting). */
struct vma_file_link {
	struct list_node node;		/* [f] */
	struct vma *vma;		/* [c] */
};

/* vma_start() and vma_end() are the VMA's range, from its tree node. */
static inline vaddr_t vma_start(const struct vma *v)
{
	return v->node->start;
}

static inline vaddr_t vma_end(const struct vma *v)
{
	return v->node->end;
}

/* The one lock an address space has (see the legend above). */
struct mm_lock {
	int writers;			/* 1 while held for writing */
	int readers;
};

struct mm {
	struct mm_lock lock;
	struct vma_tree vmas;		/* [mm] every VMA, by address */
	struct pmap pmap;		/* [mm] its page table */
	size_t map_count;		/* [mm] VMAs in the tree */
	size_t max_map_count;		/* [mm] like vm.max_map_count */
	size_t total_pages;		/* [mm] pages mapped by all VMAs */
	size_t resident_pages;		/* [mm] pages with a leaf right now */
	vaddr_t mmap_base;		/* [c] top of the top-down search */
	vaddr_t mmap_min;		/* [c] nothing maps below this */
	vaddr_t brk_start;		/* [mm] where the heap starts (after the program) */
	vaddr_t brk;			/* [mm] its current end */
};

#define MM_DEFAULT_MAX_MAP_COUNT 65530

/* ---- mm/mm.c: address spaces ----------------------------------------------- */

/*
 * mm_create() makes an empty address space with its own page table.
 * Returns it, or NULL when memory is exhausted.
 */
struct mm *mm_create(void);

/*
 * mm_fork() makes a copy of @old for a child process: shared mappings
 * stay shared, private ones are copied on write (both sides lose write
 * access to every page until one of them writes), VM_PFNMAP mappings are
 * copied frame by frame, VM_DONTCOPY ones are left out, and each copied
 * VMA gets vm_ops->open. Returns the copy, or NULL on ENOMEM (nothing
 * leaks).
 */
struct mm *mm_fork(struct mm *old);

/* mm_destroy() unmaps everything (closing each VMA) and frees @mm. */
void mm_destroy(struct mm *mm);

/* mm_lock_write() and mm_unlock_write(); mm_assert_locked() checks it. */
void mm_lock_write(struct mm *mm);
void mm_unlock_write(struct mm *mm);
void mm_assert_locked(struct mm *mm);

/* The address space of the running task (set by mm_switch()), or NULL. */
extern struct mm *current_mm;

/* mm_switch() makes @mm current and activates its page table. */
void mm_switch(struct mm *mm);

/* ---- mm/mmap.c ------------------------------------------------------------- */

/*
 * do_mmap() maps @len bytes of @file (or anonymous memory) at or near
 * @addr, following design.md §1. Returns the address, or a negative errno
 * (cast to long) with the address space exactly as it was.
 * @mm must not be locked; do_mmap() takes the lock.
 */
long do_mmap(struct mm *mm, vaddr_t addr, size_t len, int prot, int flags,
	     struct file *file, uint64_t off);

/*
 * do_munmap() removes every mapping in [addr, addr + len). Unmapped holes
 * are fine. Returns 0, -EINVAL for a bad range or a forbidden split, or
 * -ENOMEM when a split cannot be allocated (nothing changes then).
 */
int do_munmap(struct mm *mm, vaddr_t addr, size_t len);

/*
 * do_mprotect() changes the protection of [addr, addr + len). Returns 0,
 * -ENOMEM if part of the range is unmapped or a split cannot be
 * allocated, -EACCES if a VMA may not gain the protection, -EINVAL for bad
 * arguments. Nothing changes on failure.
 */
int do_mprotect(struct mm *mm, vaddr_t addr, size_t len, int prot);

/*
 * mm_get_unmapped_area() finds room for @len bytes aligned to @align: at
 * @hint if that is free, otherwise the highest gap below mm->mmap_base.
 * Returns the address or -ENOMEM. [mm] Files with their own
 * get_unmapped_area call this with their alignment.
 */
long mm_get_unmapped_area(struct mm *mm, vaddr_t hint, size_t len, size_t align);

/*
 * remap_pfn_range() maps the frames [pfn, pfn + size) at [addr, addr + size)
 * inside @vma, which must be VM_PFNMAP. For mmap_complete (the explicit
 * style) and the REMAP_PFN action. Returns 0, -EINVAL, or -ENOMEM when a
 * table page cannot be had (the caller then unmaps the VMA).
 */
int remap_pfn_range(struct vma *vma, vaddr_t addr, uint64_t pfn, size_t size);

/*
 * mm_brk() moves the end of the heap to @brk (page granular underneath)
 * and returns the new end; a request it cannot satisfy (overlap, no
 * memory, below the start) leaves the heap as it was and returns the old
 * end, as Linux's brk does.
 */
vaddr_t mm_brk(struct mm *mm, vaddr_t brk);

/* ---- mm/madvise.c ---------------------------------------------------------- */

/*
 * do_madvise() takes Linux's @advice for [addr, addr + len): hints are
 * accepted and ignored; MADV_DONTNEED (and MADV_FREE, on private
 * anonymous memory) drop the pages, so the next access faults them in
 * afresh (zeros, or the file). Returns 0, -EINVAL (bad address or
 * advice, or pages that may not be dropped), or -ENOMEM if part of the
 * range is unmapped. @mm must not be locked.
 */
int do_madvise(struct mm *mm, vaddr_t addr, size_t len, int advice);

/* vma_find() is the VMA containing @addr, or NULL. [mm] */
struct vma *vma_find(struct mm *mm, vaddr_t addr);

/* ---- mm/fault.c ---------------------------------------------------------- */

/*
 * handle_mm_fault() resolves a fault at @addr with access @flags in @mm.
 * Returns FAULT_OK once a leaf maps the page, or why it cannot.
 */
int handle_mm_fault(struct mm *mm, vaddr_t addr, unsigned flags);

/* fault_init() sets up the shared zero page; mm_init() calls it once. */
void fault_init(void);

/* fault_zero_page() is that page. */
struct page *fault_zero_page(void);

/*
 * unmap_mapping_pages() removes, from every VMA that maps @as, the leaves
 * of file pages at index @from and above, private copies included (for
 * truncate: a later touch faults, and past the end of file that is
 * SIGBUS). Takes no mm lock; see the lock order in design.md §3.
 */
struct address_space;
void unmap_mapping_pages(struct address_space *as, uint64_t from);

/*
 * mm_write_user() copies @n bytes from kernel memory @src to @va in @mm,
 * which need not be the running address space (exec builds a new
 * program's stack this way); with @src NULL it writes zeros. Pages are
 * faulted in for writing, so the range must be mapped writable. Returns 0
 * or -EFAULT.
 */
int mm_write_user(struct mm *mm, vaddr_t va, const void *src, size_t n);

/* vm_flags_to_prot() turns VM_READ|VM_WRITE|VM_EXEC into PMAP_* bits. */
unsigned vm_flags_to_prot(unsigned long vm_flags);

#endif
