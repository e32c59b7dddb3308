/*
 * mm/page.h - physical pages: struct page, the buddy allocator, and the
 * page allocator the rest of the kernel calls.
 *
 * Every frame of RAM has a struct page in one array (the memory map),
 * indexed by frame number. The buddy allocator keeps free blocks of 2^order
 * frames on one list per order; a block's first struct page describes it.
 *
 * This header and mm/buddy.c include nothing arch-specific, so the host
 * tests compile the real allocator.
 *
 * Locking: Atlas runs on one CPU and nothing allocates pages from an
 * interrupt handler, so no lock is taken yet. [z] fields belong to the
 * zone's allocator; [o] fields belong to whoever allocated the page.
 */
#ifndef ATLAS_PAGE_H
#define ATLAS_PAGE_H

#include "kernel/types.h"
#include "kernel/list.h"

#define PAGE_ORDER_MAX 10		/* blocks of up to 2^10 pages (4 MiB) */
#define PAGE_ORDER_HUGE 9		/* 2 MiB: one huge page */

/* struct page flags */
#define PG_RESERVED	0x01u	/* not RAM the allocator owns (holes, kernel, firmware) */
#define PG_FREE		0x02u	/* [z] head of a free block on a free list */
#define PG_SLAB		0x04u	/* [o] a kmalloc slab page */
#define PG_LARGE	0x08u	/* [o] head of a large kmalloc block */
#define PG_ANON		0x10u	/* [o] anonymous memory of a mapping (may be reused on write) */

struct kmem_cache;

struct page {
	uint32_t flags;
	int32_t refcount;		/* [o] 0 while free */
	uint8_t order;			/* [z] block order while free or allocated */
	uint16_t inuse;			/* [o] slab: objects handed out */
	struct list_node list;		/* [z] free list, or [o] the slab's list */
	struct kmem_cache *cache;	/* [o] slab: its cache */
	void *freelist;			/* [o] slab: first free object */
};

/* A range of frames managed by one buddy allocator. */
struct buddy_zone {
	struct page *pages;			/* [z] struct page of base_pfn */
	pfn_t base_pfn;				/* [z] */
	pfn_t nr_pages;				/* [z] frames covered, holes included */
	struct list_node free[PAGE_ORDER_MAX + 1];	/* [z] free blocks by order */
	size_t nr_free[PAGE_ORDER_MAX + 1];	/* [z] blocks on each list */
	size_t free_pages;			/* [z] frames on all lists */
	size_t managed_pages;			/* [z] frames ever given to the zone */
};

/*
 * buddy_init() sets up @z over @nr frames starting at @base_pfn, with
 * @pages their struct pages. Every frame starts reserved; buddy_add_range()
 * hands frames to the allocator.
 */
void buddy_init(struct buddy_zone *z, struct page *pages, pfn_t base_pfn, pfn_t nr);

/*
 * buddy_add_range() gives the frames [start, end) to the allocator, as the
 * largest aligned blocks that fit.
 */
void buddy_add_range(struct buddy_zone *z, pfn_t start, pfn_t end);

/*
 * buddy_alloc() takes a block of 2^@order frames, splitting a larger block
 * if needed. Returns its head page (refcount 1), or NULL when no block is
 * large enough; nothing changes then.
 */
struct page *buddy_alloc(struct buddy_zone *z, unsigned order);

/*
 * buddy_free() returns the block headed by @p of 2^@order frames and merges
 * it with its buddy for as long as the buddy is free too.
 */
void buddy_free(struct buddy_zone *z, struct page *p, unsigned order);

/* buddy_page_pfn() is the frame number of @p in @z. */
static inline pfn_t buddy_page_pfn(const struct buddy_zone *z, const struct page *p)
{
	return z->base_pfn + (pfn_t)(p - z->pages);
}

/*
 * buddy_check() verifies the free lists: every block aligned to its order,
 * marked free, inside the zone, not overlapping another, the counters
 * adding up, and no two free buddies left unmerged. Returns 0, or -EINVAL
 * after printing the first broken rule.
 */
int buddy_check(const struct buddy_zone *z);

/* ---- the kernel's page allocator (mm/pmem.c) ---------------------------- */

/*
 * page_alloc() returns 2^@order contiguous frames (refcount 1), or NULL
 * when memory is exhausted.
 */
struct page *page_alloc(unsigned order);

/* page_free() returns a block that page_alloc() gave out. */
void page_free(struct page *p, unsigned order);

/*
 * page_get() takes another reference to an allocated block; page_put()
 * drops one and frees the block (of p->order) when none is left.
 */
void page_get(struct page *p);
void page_put(struct page *p);

/* page_address() is the direct-map address of @p's frame. */
void *page_address(const struct page *p);

/* virt_to_page() is the struct page of a direct-map address. */
struct page *virt_to_page(const void *va);

/* pfn_to_page()/page_to_pfn(): NULL for a frame outside the memory map. */
struct page *pfn_to_page(pfn_t pfn);
pfn_t page_to_pfn(const struct page *p);

/* Frames free right now, and frames the allocator manages in all. */
size_t pmem_free_pages(void);
size_t pmem_managed_pages(void);

/* pmem_check() runs buddy_check() on the kernel's zone. */
int pmem_check(void);

#endif
