/*
 * mm/buddy.c - the buddy allocator.
 *
 * Free memory is kept as blocks of 2^order frames, each aligned to its own
 * size, on one list per order. Allocation takes the smallest block that is
 * large enough and splits it in halves ("buddies") until it has the order
 * asked for, putting the unused halves back on their lists. Freeing does
 * the opposite: while the block's buddy (the frame number with bit @order
 * flipped) is free and of the same order, the two merge into one block of
 * the next order. Huge pages (order 9, 2 MiB) come from the same lists.
 *
 * This file is compiled unchanged by the host tests (tests/host/).
 */
#include "mm/page.h"
#include "kernel/kernel.h"

void buddy_init(struct buddy_zone *z, struct page *pages, pfn_t base_pfn, pfn_t nr)
{
	z->pages = pages;
	z->base_pfn = base_pfn;
	z->nr_pages = nr;
	z->free_pages = 0;
	z->managed_pages = 0;
	for (unsigned o = 0; o <= PAGE_ORDER_MAX; o++) {
		list_init(&z->free[o]);
		z->nr_free[o] = 0;
	}
	for (pfn_t i = 0; i < nr; i++) {
		pages[i] = (struct page){ .flags = PG_RESERVED, .refcount = 1 };
		list_init(&pages[i].list);
	}
}

static struct page *zone_page(struct buddy_zone *z, pfn_t pfn)
{
	if (pfn < z->base_pfn || pfn - z->base_pfn >= z->nr_pages)
		return NULL;
	return &z->pages[pfn - z->base_pfn];
}

/* Puts the block headed by @p on the free list of @order. */
static void free_list_add(struct buddy_zone *z, struct page *p, unsigned order)
{
	p->flags = PG_FREE;
	p->order = (uint8_t)order;
	p->refcount = 0;
	list_push(&z->free[order], &p->list);
	z->nr_free[order]++;
	z->free_pages += (size_t)1 << order;
}

static void free_list_del(struct buddy_zone *z, struct page *p, unsigned order)
{
	list_remove(&p->list);
	p->flags &= ~PG_FREE;
	z->nr_free[order]--;
	z->free_pages -= (size_t)1 << order;
}

void buddy_add_range(struct buddy_zone *z, pfn_t start, pfn_t end)
{
	pfn_t zone_end = z->base_pfn + z->nr_pages;

	if (start < z->base_pfn)
		start = z->base_pfn;
	if (end > zone_end)
		end = zone_end;
	while (start < end) {
		unsigned order = PAGE_ORDER_MAX;

		/* The largest block that is aligned at start and fits. */
		while (order > 0 && (!IS_ALIGNED(start, (pfn_t)1 << order) ||
				     start + ((pfn_t)1 << order) > end))
			order--;
		for (pfn_t i = 0; i < ((pfn_t)1 << order); i++)
			zone_page(z, start + i)->flags = 0;
		z->managed_pages += (size_t)1 << order;
		/* Freeing merges it with neighbours that are already free. */
		buddy_free(z, zone_page(z, start), order);
		start += (pfn_t)1 << order;
	}
}

struct page *buddy_alloc(struct buddy_zone *z, unsigned order)
{
	unsigned o;
	struct page *p;

	if (order > PAGE_ORDER_MAX)
		return NULL;
	for (o = order; o <= PAGE_ORDER_MAX; o++)
		if (!list_empty(&z->free[o]))
			break;
	if (o > PAGE_ORDER_MAX)
		return NULL;

	p = list_entry(z->free[o].next, struct page, list);
	free_list_del(z, p, o);
	/* Split: keep the lower half, free the upper half, until small enough. */
	while (o > order) {
		o--;
		free_list_add(z, p + ((size_t)1 << o), o);
	}
	p->order = (uint8_t)order;
	p->refcount = 1;
	return p;
}

void buddy_free(struct buddy_zone *z, struct page *p, unsigned order)
{
	pfn_t pfn = buddy_page_pfn(z, p);

	assert(!(p->flags & (PG_FREE | PG_RESERVED)));
	assert(IS_ALIGNED(pfn, (pfn_t)1 << order));
	while (order < PAGE_ORDER_MAX) {
		pfn_t buddy_pfn = pfn ^ ((pfn_t)1 << order);
		struct page *buddy = zone_page(z, buddy_pfn);

		if (!buddy || !(buddy->flags & PG_FREE) || buddy->order != order)
			break;
		free_list_del(z, buddy, order);
		pfn &= ~((pfn_t)1 << order);	/* the merged block starts lower */
		order++;
	}
	free_list_add(z, zone_page(z, pfn), order);
}

int buddy_check(const struct buddy_zone *z)
{
	size_t total = 0;

	for (unsigned o = 0; o <= PAGE_ORDER_MAX; o++) {
		size_t n = 0;
		struct list_node *node;

		list_for_each(node, &z->free[o]) {
			const struct page *p = list_entry(node, struct page, list);
			pfn_t pfn = buddy_page_pfn(z, p);
			pfn_t buddy_pfn = pfn ^ ((pfn_t)1 << o);

			if (p < z->pages || pfn + ((pfn_t)1 << o) > z->base_pfn + z->nr_pages) {
				pr_err("buddy: free block %#lx outside the zone\n", (unsigned long)pfn);
				return -EINVAL;
			}
			if (!(p->flags & PG_FREE) || p->order != o) {
				pr_err("buddy: block %#lx on list %u has flags %#x order %u\n",
				       (unsigned long)pfn, o, p->flags, p->order);
				return -EINVAL;
			}
			if (!IS_ALIGNED(pfn, (pfn_t)1 << o)) {
				pr_err("buddy: block %#lx misaligned for order %u\n",
				       (unsigned long)pfn, o);
				return -EINVAL;
			}
			for (pfn_t i = 1; i < ((pfn_t)1 << o); i++) {
				if (z->pages[pfn - z->base_pfn + i].flags & (PG_FREE | PG_RESERVED)) {
					pr_err("buddy: block %#lx order %u overlaps another\n",
					       (unsigned long)pfn, o);
					return -EINVAL;
				}
			}
			if (o < PAGE_ORDER_MAX && buddy_pfn >= z->base_pfn &&
			    buddy_pfn - z->base_pfn < z->nr_pages) {
				const struct page *b = &z->pages[buddy_pfn - z->base_pfn];

				if ((b->flags & PG_FREE) && b->order == o) {
					pr_err("buddy: free buddies %#lx and %#lx not merged\n",
					       (unsigned long)pfn, (unsigned long)buddy_pfn);
					return -EINVAL;
				}
			}
			n++;
			total += (size_t)1 << o;
		}
		if (n != z->nr_free[o]) {
			pr_err("buddy: list %u holds %zu blocks, counter says %zu\n",
			       o, n, z->nr_free[o]);
			return -EINVAL;
		}
	}
	if (total != z->free_pages) {
		pr_err("buddy: lists hold %zu pages, counter says %zu\n", total, z->free_pages);
		return -EINVAL;
	}
	return 0;
}
