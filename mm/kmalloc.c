/*
 * mm/kmalloc.c - slab caches and kmalloc().
 *
 * A slab is one page. Its struct page records the cache, the number of
 * objects in use and the head of a free list threaded through the free
 * objects themselves. A cache keeps its slabs on two lists, partial and
 * full; a slab that becomes empty is returned to the page allocator.
 *
 * This file is compiled unchanged by the host tests (tests/host/).
 */
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "kernel/kernel.h"
#include "memlayout.h"

#define SLAB_PAGE_SIZE PAGE_SIZE

static struct list_node all_caches = LIST_HEAD_INIT(all_caches);
static struct kmem_cache kmalloc_caches[8];	/* 16 .. 2048 */
static const char *const kmalloc_names[8] = {
	"kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
	"kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048",
};
static size_t large_pages, large_allocs;

void kmem_cache_init(struct kmem_cache *c, const char *name, size_t size)
{
	assert(size > 0 && size <= KMALLOC_MAX_SLAB);
	c->name = name;
	c->size = ALIGN_UP(size, 8);
	c->per_slab = SLAB_PAGE_SIZE / c->size;
	list_init(&c->partial);
	list_init(&c->full);
	c->nr_slabs = 0;
	c->nr_objects = 0;
	list_append(&all_caches, &c->caches);
}

void kmalloc_init(void)
{
	for (unsigned i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		kmem_cache_init(&kmalloc_caches[i], kmalloc_names[i],
				(size_t)KMALLOC_MIN_SLAB << i);
}

/* Takes a fresh page and threads every object onto its free list. */
static struct page *slab_new(struct kmem_cache *c)
{
	struct page *pg = page_alloc(0);
	char *base;

	if (!pg)
		return NULL;
	base = page_address(pg);
	for (unsigned i = 0; i < c->per_slab; i++) {
		void **obj = (void **)(base + i * c->size);

		*obj = i + 1 < c->per_slab ? base + (i + 1) * c->size : NULL;
	}
	pg->flags |= PG_SLAB;
	pg->cache = c;
	pg->freelist = base;
	pg->inuse = 0;
	list_push(&c->partial, &pg->list);
	c->nr_slabs++;
	return pg;
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
	struct page *pg;
	void **obj;

	if (list_empty(&c->partial)) {
		if (!slab_new(c))
			return NULL;
	}
	pg = list_entry(c->partial.next, struct page, list);
	obj = pg->freelist;
	pg->freelist = *obj;
	pg->inuse++;
	if (!pg->freelist) {
		list_remove(&pg->list);
		list_push(&c->full, &pg->list);
	}
	c->nr_objects++;
	return obj;
}

void kmem_cache_free(struct kmem_cache *c, void *p)
{
	struct page *pg = virt_to_page(p);
	void **obj = p;

	assert(pg && (pg->flags & PG_SLAB) && pg->cache == c);
	assert(((uintptr_t)p - (uintptr_t)page_address(pg)) % c->size == 0);
	if (!pg->freelist) {
		/* It was full; now it has room again. */
		list_remove(&pg->list);
		list_push(&c->partial, &pg->list);
	}
	*obj = pg->freelist;
	pg->freelist = obj;
	pg->inuse--;
	c->nr_objects--;
	if (pg->inuse == 0) {
		list_remove(&pg->list);
		pg->flags &= ~PG_SLAB;
		pg->cache = NULL;
		pg->freelist = NULL;
		c->nr_slabs--;
		page_free(pg, 0);
	}
}

/* The order of the smallest block of pages that holds @size bytes. */
static unsigned size_to_order(size_t size)
{
	unsigned order = 0;

	while (((size_t)SLAB_PAGE_SIZE << order) < size)
		order++;
	return order;
}

void *kmalloc(size_t size)
{
	struct page *pg;
	unsigned order;

	if (size == 0)
		return NULL;
	if (size <= KMALLOC_MAX_SLAB) {
		unsigned i = 0;

		while (((size_t)KMALLOC_MIN_SLAB << i) < size)
			i++;
		return kmem_cache_alloc(&kmalloc_caches[i]);
	}
	order = size_to_order(size);
	if (order > PAGE_ORDER_MAX)
		return NULL;
	pg = page_alloc(order);
	if (!pg)
		return NULL;
	pg->flags |= PG_LARGE;
	large_pages += (size_t)1 << order;
	large_allocs++;
	return page_address(pg);
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	struct page *pg;

	if (!p)
		return;
	pg = virt_to_page(p);
	assert(pg);
	if (pg->flags & PG_SLAB) {
		kmem_cache_free(pg->cache, p);
		return;
	}
	assert(pg->flags & PG_LARGE);
	assert(p == page_address(pg));
	pg->flags &= ~PG_LARGE;
	large_pages -= (size_t)1 << pg->order;
	large_allocs--;
	page_free(pg, pg->order);
}

void kmalloc_get_stats(struct kmalloc_stats *st)
{
	struct list_node *n;

	*st = (struct kmalloc_stats){ .large_pages = large_pages,
				      .large_allocs = large_allocs };
	list_for_each(n, &all_caches) {
		struct kmem_cache *c = list_entry(n, struct kmem_cache, caches);

		st->slab_pages += c->nr_slabs;
		st->objects += c->nr_objects;
	}
}
