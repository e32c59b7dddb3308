/*
 * tests/host/host_mm.c - the machine underneath mm/, for host tests.
 *
 * "Physical memory" is an arena of host memory run by the real buddy
 * allocator (mm/buddy.c), and the page-table verbs of kernel/arch.h are a
 * fake pmap that records every leaf (va -> frame, protection, size) in a
 * table, so tests can check frames and protections after every step. The
 * fake counts a "table page" for every 2 MiB region holding 4 KiB leaves,
 * so a test can see that unmapping frees tables that became empty.
 */
#include "host_mm.h"
#include "kernel/arch.h"
#include "kernel/errno.h"
#include "mm/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned char *host_arena;
static struct page *host_pages;
static struct buddy_zone zone;
static size_t arena_pages;

void host_mm_setup(size_t npages)
{
	if (host_arena)
		return;		/* one arena for the whole program */
	arena_pages = npages;
	host_arena = aligned_alloc(HUGE_SIZE, npages * PAGE_SIZE);
	host_pages = calloc(npages, sizeof(struct page));
	buddy_init(&zone, host_pages, 0, arena_pages);
	/* Frame 0 stays reserved: 0 means "no page" to pgtable_alloc(). */
	buddy_add_range(&zone, 1, arena_pages);
}

struct page *page_alloc(unsigned order)
{
	return buddy_alloc(&zone, order);
}

void page_free(struct page *p, unsigned order)
{
	buddy_free(&zone, p, order);
}

void page_get(struct page *p)
{
	p->refcount++;
}

void page_put(struct page *p)
{
	if (p->refcount <= 0) {
		printf("# page_put of a free page\n");
		abort();
	}
	if (--p->refcount == 0) {
		p->flags &= ~PG_ANON;
		page_free(p, p->order);
	}
}

struct page *pfn_to_page(pfn_t pfn)
{
	return pfn < arena_pages ? &host_pages[pfn] : NULL;
}

pfn_t page_to_pfn(const struct page *p)
{
	return (pfn_t)(p - host_pages);
}

void *page_address(const struct page *p)
{
	return host_arena + (size_t)page_to_pfn(p) * PAGE_SIZE;
}

struct page *virt_to_page(const void *va)
{
	size_t off = (const unsigned char *)va - host_arena;

	return off < arena_pages * PAGE_SIZE ? &host_pages[off / PAGE_SIZE] : NULL;
}

size_t pmem_free_pages(void)
{
	return zone.free_pages;
}

int pmem_check(void)
{
	return buddy_check(&zone);
}

/* ---- the fake pmap --------------------------------------------------------- */

#define MAX_LEAVES 65536

struct leaf {
	struct pmap *pm;
	vaddr_t va;
	paddr_t pa;
	size_t size;
	unsigned prot;
};

static struct leaf leaves[MAX_LEAVES];
static int nr_leaves;
static struct pmap kernel_pmap;

static struct leaf *leaf_find(struct pmap *pm, vaddr_t va)
{
	for (int i = 0; i < nr_leaves; i++)
		if (leaves[i].pm == pm && va >= leaves[i].va && va < leaves[i].va + leaves[i].size)
			return &leaves[i];
	return NULL;
}

/* The "tables" the fake charges: 2 MiB regions with at least one 4 KiB leaf. */
static size_t count_tables(struct pmap *pm)
{
	size_t n = 0;

	for (int i = 0; i < nr_leaves; i++) {
		bool seen = false;

		if (leaves[i].pm != pm || leaves[i].size != PAGE_SIZE)
			continue;
		for (int j = 0; j < i && !seen; j++)
			seen = leaves[j].pm == pm && leaves[j].size == PAGE_SIZE &&
			       leaves[j].va / HUGE_SIZE == leaves[i].va / HUGE_SIZE;
		n += !seen;
	}
	return n;
}

struct pmap *pmap_kernel(void)
{
	return &kernel_pmap;
}

int pmap_create(struct pmap *pm)
{
	pm->root = 1;
	pm->nr_tables = 0;
	return 0;
}

void pmap_destroy(struct pmap *pm)
{
	pmap_remove(pm, 0, ~(vaddr_t)0);
}

int pmap_enter(struct pmap *pm, vaddr_t va, paddr_t pa, size_t size, unsigned prot)
{
	struct leaf *l;

	if ((size != PAGE_SIZE && size != HUGE_SIZE) || va % size || pa % size)
		return -EINVAL;
	for (vaddr_t a = va; a < va + size; a += PAGE_SIZE) {
		l = leaf_find(pm, a);
		if (l && l->size != size)
			return -EEXIST;
	}
	l = leaf_find(pm, va);
	if (!l) {
		if (nr_leaves == MAX_LEAVES)
			return -ENOMEM;
		l = &leaves[nr_leaves++];
	}
	*l = (struct leaf){ pm, va, pa, size, prot };
	pm->nr_tables = count_tables(pm);
	return 0;
}

size_t pmap_remove(struct pmap *pm, vaddr_t start, vaddr_t end)
{
	size_t n = 0;

	for (int i = 0; i < nr_leaves;) {
		struct leaf *l = &leaves[i];

		if (l->pm == pm && l->va < end && l->va + l->size > start) {
			if (l->va < start || l->va + l->size > end) {
				printf("# pmap_remove cuts a huge leaf\n");
				abort();
			}
			leaves[i] = leaves[--nr_leaves];
			n++;
			continue;
		}
		i++;
	}
	pm->nr_tables = count_tables(pm);
	return n;
}

void pmap_protect(struct pmap *pm, vaddr_t start, vaddr_t end, unsigned prot)
{
	for (int i = 0; i < nr_leaves; i++)
		if (leaves[i].pm == pm && leaves[i].va >= start && leaves[i].va < end)
			leaves[i].prot = prot;
}

bool pmap_lookup(struct pmap *pm, vaddr_t va, paddr_t *pa, unsigned *prot, size_t *size)
{
	struct leaf *l = leaf_find(pm, va);

	if (!l)
		return false;
	if (pa)
		*pa = l->pa + (va - l->va);
	if (prot)
		*prot = l->prot;
	if (size)
		*size = l->size;
	return true;
}

/* The host's page table is a flat list of leaves: every hole is one page. */
vaddr_t pmap_hole_end(struct pmap *pm, vaddr_t va)
{
	(void)pm;
	return (va & ~(vaddr_t)(PAGE_SIZE - 1)) + PAGE_SIZE;
}

void pmap_activate(struct pmap *pm)
{
	(void)pm;
}

void pmap_flush_tlb(vaddr_t start, vaddr_t end)
{
	(void)start;
	(void)end;
}

size_t host_pmap_leaves(struct pmap *pm)
{
	size_t n = 0;

	for (int i = 0; i < nr_leaves; i++)
		n += leaves[i].pm == pm;
	return n;
}

void *host_user_ptr(struct pmap *pm, vaddr_t va)
{
	paddr_t pa;

	if (!pmap_lookup(pm, va, &pa, NULL, NULL))
		return NULL;
	return host_arena + pa;
}
