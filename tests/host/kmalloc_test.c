/*
 * tests/host/kmalloc_test.c - the real mm/kmalloc.c and mm/buddy.c on the
 * host, over an arena of ordinary memory that stands in for the direct map.
 */
#include "htest.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "memlayout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NPAGES 2048

static struct page pages[NPAGES];
static struct buddy_zone zone;
static unsigned char *arena;

/* The page allocator and address translation kmalloc.c calls. */
struct page *page_alloc(unsigned order)
{
	return buddy_alloc(&zone, order);
}

void page_free(struct page *p, unsigned order)
{
	buddy_free(&zone, p, order);
}

void *page_address(const struct page *p)
{
	return arena + (size_t)(p - pages) * PAGE_SIZE;
}

struct page *virt_to_page(const void *va)
{
	size_t off = (const unsigned char *)va - arena;

	if ((const unsigned char *)va < arena || off >= (size_t)NPAGES * PAGE_SIZE)
		return NULL;
	return &pages[off / PAGE_SIZE];
}

static void setup(void)
{
	static bool done;

	if (!done) {
		arena = aligned_alloc(PAGE_SIZE << PAGE_ORDER_MAX, (size_t)NPAGES * PAGE_SIZE);
		kmalloc_init();
		done = true;
	}
	buddy_init(&zone, pages, 0, NPAGES);
	buddy_add_range(&zone, 0, NPAGES);
}

HTEST(kmalloc_rounds_up_to_size_classes_and_frees_back_to_zero)
{
	struct kmalloc_stats st;
	void *p[12];
	size_t sizes[12] = { 1, 15, 16, 17, 100, 128, 129, 500, 1024, 2000, 2048, 2049 };

	setup();
	for (int i = 0; i < 12; i++) {
		p[i] = kmalloc(sizes[i]);
		CHECK(p[i] != NULL);
		memset(p[i], 0x11 * i, sizes[i]);
	}
	kmalloc_get_stats(&st);
	CHECK(st.objects == 11);
	CHECK(st.large_allocs == 1);
	for (int i = 0; i < 12; i++)
		kfree(p[i]);
	kmalloc_get_stats(&st);
	CHECK(st.objects == 0 && st.large_allocs == 0);
	CHECK(st.slab_pages == 0 && st.large_pages == 0);
	CHECK(zone.free_pages == NPAGES);
	CHECK(buddy_check(&zone) == 0);
}

HTEST(kmalloc_random_sizes_never_overlap_and_leak_nothing)
{
	enum { N = 600 };
	static unsigned char *p[N];
	static size_t sz[N];
	unsigned seed = 99;

	setup();
	for (int round = 0; round < 5; round++) {
		for (int i = 0; i < N; i++) {
			sz[i] = 1 + (size_t)rand_r(&seed) % (round == 4 ? 9000 : 2048);
			p[i] = kmalloc(sz[i]);
			if (!p[i])
				continue;	/* the arena is small; running out is fine */
			memset(p[i], i & 0xff, sz[i]);
		}
		for (int i = 0; i < N; i += 2) {
			if (!p[i])
				continue;
			for (size_t j = 0; j < sz[i]; j++)
				CHECK(p[i][j] == (unsigned char)(i & 0xff));
			kfree(p[i]);
		}
		for (int i = 1; i < N; i += 2) {
			if (!p[i])
				continue;
			for (size_t j = 0; j < sz[i]; j++)
				CHECK(p[i][j] == (unsigned char)(i & 0xff));
			kfree(p[i]);
		}
		CHECK(zone.free_pages == NPAGES);
	}
	CHECK(buddy_check(&zone) == 0);
}

HTEST(kmalloc_out_of_pages_returns_null_and_counts_stay_right)
{
	struct kmalloc_stats st;
	void *big;
	int n = 0;

	setup();
	while ((big = kmalloc(PAGE_SIZE * 4)) != NULL)
		n++;
	CHECK(n == NPAGES / 4);
	CHECK(zone.free_pages == 0);
	CHECK(kmalloc(8) == NULL);	/* no page for a first slab */
	kmalloc_get_stats(&st);
	CHECK(st.large_allocs == (size_t)n);
	CHECK(st.objects == 0);
	/* Free them all by walking the arena. */
	for (int i = 0; i < n; i++)
		kfree(arena + (size_t)i * 4 * PAGE_SIZE);
	CHECK(zone.free_pages == NPAGES);
}

HTEST(kmem_cache_returns_empty_slabs_at_once)
{
	struct kmem_cache c;
	void *objs[200];

	setup();
	kmem_cache_init(&c, "t", 40);
	for (int i = 0; i < 200; i++) {
		objs[i] = kmem_cache_alloc(&c);
		CHECK(objs[i] != NULL);
	}
	CHECK(c.nr_slabs == (200 + c.per_slab - 1) / c.per_slab);
	for (int i = 0; i < 200; i++)
		kmem_cache_free(&c, objs[i]);
	CHECK(c.nr_slabs == 0);
	CHECK(zone.free_pages == NPAGES);
	list_remove(&c.caches);
}
