/*
 * tests/host/buddy_test.c - the real mm/buddy.c on the host.
 *
 * The buddy allocator only touches struct pages, so a zone over an array
 * of them needs no memory behind it. A model-based case runs random
 * allocations and frees against a bitmap of which frames are taken.
 */
#include "htest.h"
#include "mm/page.h"

#include <stdlib.h>
#include <string.h>

#define NPAGES 4096

static struct page pages[NPAGES];
static struct buddy_zone zone;

static void zone_fresh(pfn_t base, pfn_t start, pfn_t end)
{
	buddy_init(&zone, pages, base, NPAGES);
	buddy_add_range(&zone, start, end);
}

HTEST(buddy_add_range_builds_largest_aligned_blocks)
{
	zone_fresh(0, 0, NPAGES);
	CHECK(zone.free_pages == NPAGES);
	CHECK(zone.nr_free[PAGE_ORDER_MAX] == NPAGES >> PAGE_ORDER_MAX);
	CHECK(buddy_check(&zone) == 0);
}

HTEST(buddy_unaligned_range_is_split_into_aligned_blocks)
{
	zone_fresh(0, 3, 1029);	/* 3..4 = order 0, 4..8 = order 2, ... */
	CHECK(zone.free_pages == 1026);
	CHECK(zone.managed_pages == 1026);
	CHECK(buddy_check(&zone) == 0);
	CHECK(zone.nr_free[0] >= 1);
	/* Frames 0..2 and 1029.. are reserved: never handed out. */
	for (int i = 0; i < 1026; i++) {
		struct page *p = buddy_alloc(&zone, 0);
		pfn_t pfn;

		CHECK(p != NULL);
		pfn = buddy_page_pfn(&zone, p);
		CHECK(pfn >= 3 && pfn < 1029);
	}
	CHECK(buddy_alloc(&zone, 0) == NULL);
}

HTEST(buddy_zone_may_start_at_a_high_frame)
{
	/* riscv64 RAM starts at 0x80000000: frame 0x80000. */
	zone_fresh(0x80000, 0x80000, 0x80000 + NPAGES);
	struct page *p = buddy_alloc(&zone, PAGE_ORDER_HUGE);

	CHECK(p != NULL);
	CHECK(buddy_page_pfn(&zone, p) % 512 == 0);
	buddy_free(&zone, p, PAGE_ORDER_HUGE);
	CHECK(zone.free_pages == NPAGES);
	CHECK(buddy_check(&zone) == 0);
}

HTEST(buddy_order_too_large_returns_null_and_changes_nothing)
{
	zone_fresh(0, 0, NPAGES);
	CHECK(buddy_alloc(&zone, PAGE_ORDER_MAX + 1) == NULL);
	CHECK(zone.free_pages == NPAGES);
}

HTEST(buddy_split_then_free_merges_completely)
{
	struct page *p;

	zone_fresh(0, 0, 1024);
	p = buddy_alloc(&zone, 0);
	CHECK(p != NULL);
	for (unsigned o = 0; o < PAGE_ORDER_MAX; o++)
		CHECK(zone.nr_free[o] == 1);
	buddy_free(&zone, p, 0);
	CHECK(zone.nr_free[PAGE_ORDER_MAX] == 1);
	for (unsigned o = 0; o < PAGE_ORDER_MAX; o++)
		CHECK(zone.nr_free[o] == 0);
	CHECK(buddy_check(&zone) == 0);
}

HTEST(buddy_check_catches_a_corrupted_counter)
{
	zone_fresh(0, 0, NPAGES);
	zone.free_pages--;
	CHECK(buddy_check(&zone) != 0);
	zone.free_pages++;
	CHECK(buddy_check(&zone) == 0);
}

/* Model: random allocations and frees; a bitmap says which frames are taken. */
HTEST(buddy_random_operations_match_a_model)
{
	enum { SLOTS = 256, STEPS = 20000 };
	struct { struct page *p; unsigned order; } live[SLOTS];
	static unsigned char taken[NPAGES];
	unsigned seed = 12345;
	size_t used = 0;

	memset(live, 0, sizeof(live));
	memset(taken, 0, sizeof(taken));
	zone_fresh(0, 0, NPAGES);
	for (int step = 0; step < STEPS; step++) {
		unsigned slot = (unsigned)rand_r(&seed) % SLOTS;

		if (live[slot].p) {
			pfn_t pfn = buddy_page_pfn(&zone, live[slot].p);

			for (pfn_t i = 0; i < (1u << live[slot].order); i++)
				taken[pfn + i] = 0;
			buddy_free(&zone, live[slot].p, live[slot].order);
			used -= 1u << live[slot].order;
			live[slot].p = NULL;
		} else {
			unsigned order = (unsigned)rand_r(&seed) % (PAGE_ORDER_HUGE + 1);
			struct page *p = buddy_alloc(&zone, order);

			if (!p) {
				/* Allowed only if no free block of that order exists. */
				for (unsigned o = order; o <= PAGE_ORDER_MAX; o++)
					CHECK(zone.nr_free[o] == 0);
				continue;
			}
			pfn_t pfn = buddy_page_pfn(&zone, p);

			CHECK(pfn % (1u << order) == 0);
			for (pfn_t i = 0; i < (1u << order); i++) {
				CHECK(!taken[pfn + i]);
				taken[pfn + i] = 1;
			}
			live[slot].p = p;
			live[slot].order = order;
			used += 1u << order;
		}
		CHECK(zone.free_pages == NPAGES - used);
		if (step % 97 == 0)
			CHECK(buddy_check(&zone) == 0);
	}
	for (unsigned s = 0; s < SLOTS; s++)
		if (live[s].p)
			buddy_free(&zone, live[s].p, live[s].order);
	CHECK(zone.free_pages == NPAGES);
	CHECK(zone.nr_free[PAGE_ORDER_MAX] == NPAGES >> PAGE_ORDER_MAX);
	CHECK(buddy_check(&zone) == 0);
}
