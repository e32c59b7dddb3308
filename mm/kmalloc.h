/*
 * mm/kmalloc.h - the kernel heap: object caches and kmalloc().
 *
 * A kmem_cache hands out objects of one size from slabs, each slab one
 * page carved into equal objects. kmalloc() picks the cache of the next
 * power of two up to KMALLOC_MAX_SLAB bytes; larger requests get whole
 * pages from the buddy allocator. A slab whose last object is freed goes
 * back to the buddy allocator at once, so the free-page count returns
 * exactly to where it was once everything is freed.
 *
 * Locking: one CPU, never called from interrupt handlers; no lock yet.
 */
#ifndef ATLAS_KMALLOC_H
#define ATLAS_KMALLOC_H

#include "kernel/types.h"
#include "kernel/list.h"

#define KMALLOC_MIN_SLAB 16
#define KMALLOC_MAX_SLAB 2048

struct kmem_cache {
	const char *name;
	size_t size;			/* object size, a multiple of 8 */
	unsigned per_slab;		/* objects in one slab page */
	struct list_node partial;	/* slabs with free objects */
	struct list_node full;		/* slabs with none */
	size_t nr_slabs;		/* slab pages held */
	size_t nr_objects;		/* objects handed out */
	struct list_node caches;	/* on the list of all caches */
};

/* Heap counters, for tests and (later) /proc/meminfo. */
struct kmalloc_stats {
	size_t slab_pages;		/* pages held by all caches */
	size_t large_pages;		/* pages held by large kmallocs */
	size_t objects;			/* live slab objects, all caches */
	size_t large_allocs;		/* live large kmallocs */
};

/* kmalloc_init() creates the kmalloc size classes. */
void kmalloc_init(void);

/*
 * kmem_cache_init() sets up @c for objects of @size bytes (at most
 * KMALLOC_MAX_SLAB). Caches are static objects; this never fails.
 */
void kmem_cache_init(struct kmem_cache *c, const char *name, size_t size);

/* kmem_cache_alloc() returns an object of @c, or NULL when memory is out. */
void *kmem_cache_alloc(struct kmem_cache *c);

/* kmem_cache_free() returns @obj to @c; the slab page is freed once empty. */
void kmem_cache_free(struct kmem_cache *c, void *obj);

/* kmalloc() returns @size bytes, 8-byte aligned (a page for large sizes),
 * or NULL when memory is exhausted or @size is 0. */
void *kmalloc(size_t size);

/* kzalloc() is kmalloc() with the memory zeroed. */
void *kzalloc(size_t size);

/* kfree() releases what kmalloc() returned; NULL is ignored. */
void kfree(void *p);

/* kmalloc_get_stats() fills @st with the current heap counters. */
void kmalloc_get_stats(struct kmalloc_stats *st);

#endif
