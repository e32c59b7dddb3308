/*
 * mm/buddy_test.c - in-kernel tests of the buddy allocator.
 *
 * Most cases build a private zone over one 4 MiB block taken from the real
 * allocator, so the split and merge arithmetic is checked on exact,
 * known states; the exhaustion case drains the real allocator itself.
 */
#include "kernel/arch.h"
#include "kernel/ktest.h"
#include "kernel/kernel.h"
#include "mm/kmalloc.h"
#include "mm/page.h"

#define PRIV_ORDER PAGE_ORDER_MAX
#define PRIV_PAGES (1u << PRIV_ORDER)

/* A private zone over a block of the real allocator. */
struct priv_zone {
	struct buddy_zone z;
	struct page *block;		/* the block in the real allocator */
	struct page *meta;		/* the private zone's struct pages */
};

static bool priv_zone_make(struct priv_zone *pz)
{
	pz->block = page_alloc(PRIV_ORDER);
	if (!pz->block)
		return false;
	pz->meta = kmalloc(PRIV_PAGES * sizeof(struct page));
	if (!pz->meta) {
		page_free(pz->block, PRIV_ORDER);
		return false;
	}
	buddy_init(&pz->z, pz->meta, page_to_pfn(pz->block), PRIV_PAGES);
	buddy_add_range(&pz->z, page_to_pfn(pz->block), page_to_pfn(pz->block) + PRIV_PAGES);
	return true;
}

static void priv_zone_drop(struct priv_zone *pz)
{
	kfree(pz->meta);
	page_free(pz->block, PRIV_ORDER);
}

KTEST(buddy, alloc_then_free_restores_free_count_at_every_order)
{
	size_t before = pmem_free_pages();

	for (unsigned o = 0; o <= PAGE_ORDER_MAX; o++) {
		struct page *p = page_alloc(o);

		KT_ASSERT(p != NULL);
		KT_EXPECT(pmem_free_pages() == before - ((size_t)1 << o));
		KT_EXPECT(IS_ALIGNED(page_to_pfn(p), (pfn_t)1 << o));
		page_free(p, o);
		KT_EXPECT(pmem_free_pages() == before);
	}
	KT_EXPECT(pmem_check() == 0);
}

KTEST(buddy, split_leaves_one_free_block_per_lower_order)
{
	struct priv_zone pz;
	struct page *p;

	KT_ASSERT(priv_zone_make(&pz));
	KT_EXPECT(pz.z.nr_free[PRIV_ORDER] == 1);
	p = buddy_alloc(&pz.z, 0);
	KT_ASSERT(p != NULL);
	/* 1024 = 1 + 1 + 2 + 4 + ... + 512: one free buddy at each order. */
	for (unsigned o = 0; o < PRIV_ORDER; o++)
		KT_EXPECT(pz.z.nr_free[o] == 1);
	KT_EXPECT(pz.z.nr_free[PRIV_ORDER] == 0);
	KT_EXPECT(pz.z.free_pages == PRIV_PAGES - 1);
	KT_EXPECT(buddy_check(&pz.z) == 0);
	buddy_free(&pz.z, p, 0);
	priv_zone_drop(&pz);
}

KTEST(buddy, free_merges_buddies_back_into_one_block)
{
	struct priv_zone pz;
	struct page *p[4];

	KT_ASSERT(priv_zone_make(&pz));
	for (int i = 0; i < 4; i++) {
		p[i] = buddy_alloc(&pz.z, 0);
		KT_ASSERT(p[i] != NULL);
	}
	/* Free in an order that merges only at the end. */
	buddy_free(&pz.z, p[1], 0);
	buddy_free(&pz.z, p[2], 0);
	KT_EXPECT(buddy_check(&pz.z) == 0);
	buddy_free(&pz.z, p[0], 0);
	buddy_free(&pz.z, p[3], 0);
	KT_EXPECT(pz.z.nr_free[PRIV_ORDER] == 1);
	for (unsigned o = 0; o < PRIV_ORDER; o++)
		KT_EXPECT(pz.z.nr_free[o] == 0);
	KT_EXPECT(buddy_check(&pz.z) == 0);
	priv_zone_drop(&pz);
}

KTEST(buddy, huge_blocks_are_2mib_aligned_and_contiguous)
{
	struct priv_zone pz;
	struct page *a, *b;

	KT_ASSERT(priv_zone_make(&pz));
	a = buddy_alloc(&pz.z, PAGE_ORDER_HUGE);
	b = buddy_alloc(&pz.z, PAGE_ORDER_HUGE);
	KT_ASSERT(a && b);
	KT_EXPECT(IS_ALIGNED(buddy_page_pfn(&pz.z, a), 512));
	KT_EXPECT(IS_ALIGNED(buddy_page_pfn(&pz.z, b), 512));
	KT_EXPECT(a != b);
	KT_EXPECT(buddy_alloc(&pz.z, 0) == NULL);	/* the 4 MiB are gone */
	buddy_free(&pz.z, a, PAGE_ORDER_HUGE);
	buddy_free(&pz.z, b, PAGE_ORDER_HUGE);
	KT_EXPECT(pz.z.nr_free[PRIV_ORDER] == 1);
	priv_zone_drop(&pz);
}

KTEST(buddy, fragmentation_blocks_larger_orders_until_merged)
{
	struct priv_zone pz;
	static struct page *pages[PRIV_PAGES];

	KT_ASSERT(priv_zone_make(&pz));
	for (unsigned i = 0; i < PRIV_PAGES; i++) {
		pages[i] = buddy_alloc(&pz.z, 0);
		KT_ASSERT(pages[i] != NULL);
	}
	KT_EXPECT(buddy_alloc(&pz.z, 0) == NULL);
	/* Free every other page: half the memory is free, but no two free
	 * pages are buddies, so nothing of order 1 exists. */
	for (unsigned i = 0; i < PRIV_PAGES; i += 2)
		buddy_free(&pz.z, pages[i], 0);
	KT_EXPECT(pz.z.free_pages == PRIV_PAGES / 2);
	KT_EXPECT(buddy_alloc(&pz.z, 1) == NULL);
	KT_EXPECT(buddy_check(&pz.z) == 0);
	for (unsigned i = 1; i < PRIV_PAGES; i += 2)
		buddy_free(&pz.z, pages[i], 0);
	KT_EXPECT(pz.z.nr_free[PRIV_ORDER] == 1);
	KT_EXPECT(buddy_check(&pz.z) == 0);
	priv_zone_drop(&pz);
}

KTEST(buddy, exhaustion_returns_null_and_keeps_counters_consistent)
{
	struct list_node taken;
	size_t before = pmem_free_pages(), n = 0;
	struct page *p;

	list_init(&taken);
	/* Drain everything, largest blocks first to keep it quick. */
	for (int o = PAGE_ORDER_MAX; o >= 0; o--) {
		while ((p = page_alloc(o)) != NULL) {
			list_push(&taken, &p->list);
			n += (size_t)1 << o;
		}
	}
	KT_EXPECT(pmem_free_pages() == 0);
	KT_EXPECT(n == before);
	KT_EXPECT(page_alloc(0) == NULL);
	KT_EXPECT(kmalloc(2 * PAGE_SIZE) == NULL);
	KT_EXPECT(pmem_check() == 0);
	while (!list_empty(&taken)) {
		p = list_entry(taken.next, struct page, list);
		list_remove(&p->list);
		page_free(p, p->order);
	}
	KT_EXPECT(pmem_free_pages() == before);
	KT_EXPECT(pmem_check() == 0);
}
