/*
 * mm/pmap_test.c - in-kernel tests of the page-table verbs, against the
 * real page tables of the port.
 *
 * User-half cases work in a fresh pmap from pmap_create() and check what
 * pmap_lookup() reports; kernel cases map a scratch page at KTEST_VA_BASE
 * in the live kernel page table and touch it.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/sections.h"
#include "mm/page.h"

#define TEST_UVA 0x40000000ul		/* 1 GiB: in every port's user half */

static paddr_t page_pa(struct page *p)
{
	return (paddr_t)page_to_pfn(p) << PAGE_SHIFT;
}

KTEST(pmap, enter_4k_then_lookup_gives_frame_and_protection)
{
	struct pmap pm;
	struct page *pg = page_alloc(0);
	paddr_t pa;
	unsigned prot;
	size_t size;

	KT_ASSERT(pg != NULL);
	KT_ASSERT(pmap_create(&pm) == 0);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA, page_pa(pg), PAGE_SIZE,
			     PMAP_R | PMAP_W | PMAP_USER) == 0);
	KT_EXPECT(pmap_lookup(&pm, TEST_UVA + 0x123, &pa, &prot, &size));
	KT_EXPECT(pa == page_pa(pg) + 0x123);
	KT_EXPECT((prot & (PMAP_PROT_MASK | PMAP_USER)) == (PMAP_R | PMAP_W | PMAP_USER));
	KT_EXPECT(size == PAGE_SIZE);
	KT_EXPECT(!pmap_lookup(&pm, TEST_UVA + PAGE_SIZE, NULL, NULL, NULL));
	KT_EXPECT(pmap_remove(&pm, TEST_UVA, TEST_UVA + PAGE_SIZE) == 1);
	KT_EXPECT(!pmap_lookup(&pm, TEST_UVA, NULL, NULL, NULL));
	pmap_destroy(&pm);
	page_free(pg, 0);
}

KTEST(pmap, enter_2m_leaf_translates_every_offset)
{
	struct pmap pm;
	struct page *pg = page_alloc(PAGE_ORDER_HUGE);
	paddr_t pa;
	size_t size;

	KT_ASSERT(pg != NULL);
	KT_ASSERT(pmap_create(&pm) == 0);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA, page_pa(pg), HUGE_SIZE,
			     PMAP_R | PMAP_USER) == 0);
	for (vaddr_t off = 0; off < HUGE_SIZE; off += 0x7f000) {
		KT_EXPECT(pmap_lookup(&pm, TEST_UVA + off, &pa, NULL, &size));
		KT_EXPECT(pa == page_pa(pg) + off);
		KT_EXPECT(size == HUGE_SIZE);
	}
	KT_EXPECT(pmap_remove(&pm, TEST_UVA, TEST_UVA + HUGE_SIZE) == 1);
	pmap_destroy(&pm);
	page_free(pg, PAGE_ORDER_HUGE);
}

KTEST(pmap, protect_changes_permissions_of_4k_and_2m_leaves)
{
	struct pmap pm;
	struct page *small = page_alloc(0), *huge = page_alloc(PAGE_ORDER_HUGE);
	unsigned prot;

	KT_ASSERT(small && huge);
	KT_ASSERT(pmap_create(&pm) == 0);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA, page_pa(small), PAGE_SIZE,
			     PMAP_R | PMAP_W | PMAP_USER) == 0);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA + HUGE_SIZE, page_pa(huge), HUGE_SIZE,
			     PMAP_R | PMAP_W | PMAP_USER) == 0);
	pmap_protect(&pm, TEST_UVA, TEST_UVA + 2 * HUGE_SIZE, PMAP_R | PMAP_X | PMAP_USER);
	KT_EXPECT(pmap_lookup(&pm, TEST_UVA, NULL, &prot, NULL));
	KT_EXPECT((prot & PMAP_PROT_MASK) == (PMAP_R | PMAP_X));
	KT_EXPECT(pmap_lookup(&pm, TEST_UVA + HUGE_SIZE + 5, NULL, &prot, NULL));
	KT_EXPECT((prot & PMAP_PROT_MASK) == (PMAP_R | PMAP_X));
	KT_EXPECT(prot & PMAP_USER);
	KT_EXPECT(pmap_remove(&pm, TEST_UVA, TEST_UVA + 2 * HUGE_SIZE) == 2);
	pmap_destroy(&pm);
	page_free(small, 0);
	page_free(huge, PAGE_ORDER_HUGE);
}

KTEST(pmap, remove_frees_tables_that_become_empty)
{
	struct pmap pm;
	struct page *pg = page_alloc(0);
	size_t free_before;

	KT_ASSERT(pg != NULL);
	KT_ASSERT(pmap_create(&pm) == 0);
	free_before = pmem_free_pages();
	KT_EXPECT(pm.nr_tables == 0);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA, page_pa(pg), PAGE_SIZE, PMAP_R | PMAP_USER) == 0);
	KT_EXPECT(pm.nr_tables > 0);
	KT_EXPECT(pmem_free_pages() == free_before - pm.nr_tables);
	pmap_remove(&pm, TEST_UVA, TEST_UVA + PAGE_SIZE);
	KT_EXPECT(pm.nr_tables == 0);
	KT_EXPECT(pmem_free_pages() == free_before);
	pmap_destroy(&pm);
	page_free(pg, 0);
}

KTEST(pmap, bad_size_or_alignment_is_einval)
{
	struct pmap pm;

	KT_ASSERT(pmap_create(&pm) == 0);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA + 1, 0x200000, PAGE_SIZE, PMAP_R) == -EINVAL);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA, 0x200800, PAGE_SIZE, PMAP_R) == -EINVAL);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA + PAGE_SIZE, 0x200000, HUGE_SIZE, PMAP_R) == -EINVAL);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA, 0x200000, 3 * PAGE_SIZE, PMAP_R) == -EINVAL);
	KT_EXPECT(pm.nr_tables == 0);
	pmap_destroy(&pm);
}

KTEST(pmap, huge_leaf_over_small_leaves_is_eexist)
{
	struct pmap pm;
	struct page *pg = page_alloc(PAGE_ORDER_HUGE);

	KT_ASSERT(pg != NULL);
	KT_ASSERT(pmap_create(&pm) == 0);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA + PAGE_SIZE, page_pa(pg), PAGE_SIZE, PMAP_R) == 0);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA, page_pa(pg), HUGE_SIZE, PMAP_R) == -EEXIST);
	KT_EXPECT(pmap_lookup(&pm, TEST_UVA + PAGE_SIZE, NULL, NULL, NULL));
	KT_EXPECT(!pmap_lookup(&pm, TEST_UVA, NULL, NULL, NULL));
	pmap_remove(&pm, TEST_UVA, TEST_UVA + HUGE_SIZE);
	KT_EXPECT(pm.nr_tables == 0);
	pmap_destroy(&pm);
	page_free(pg, PAGE_ORDER_HUGE);
}

KTEST(pmap, failed_table_allocation_is_enomem_and_changes_nothing)
{
	struct pmap pm;
	struct list_node taken;
	struct page *p;
	size_t tables;

	KT_ASSERT(pmap_create(&pm) == 0);
	list_init(&taken);
	for (int o = PAGE_ORDER_MAX; o >= 0; o--)
		while ((p = page_alloc(o)) != NULL)
			list_push(&taken, &p->list);
	tables = pm.nr_tables;
	KT_EXPECT(pmap_enter(&pm, TEST_UVA, 0x200000, PAGE_SIZE, PMAP_R) == -ENOMEM);
	KT_EXPECT(pm.nr_tables == tables);
	KT_EXPECT(!pmap_lookup(&pm, TEST_UVA, NULL, NULL, NULL));
	while (!list_empty(&taken)) {
		p = list_entry(taken.next, struct page, list);
		list_remove(&p->list);
		page_free(p, p->order);
	}
	pmap_destroy(&pm);
}

KTEST(pmap, kernel_mapping_reaches_the_frame)
{
	struct page *pg = page_alloc(0);
	volatile uint32_t *va = (volatile uint32_t *)KTEST_VA_BASE;
	uint32_t *direct;

	KT_ASSERT(pg != NULL);
	direct = page_address(pg);
	direct[0] = 0x1234abcd;
	KT_ASSERT(pmap_enter(pmap_kernel(), KTEST_VA_BASE, page_pa(pg), PAGE_SIZE,
			     PMAP_R | PMAP_W | PMAP_GLOBAL) == 0);
	KT_EXPECT(va[0] == 0x1234abcd);
	va[1] = 0xfeedf00d;
	KT_EXPECT(direct[1] == 0xfeedf00d);
	pmap_remove(pmap_kernel(), KTEST_VA_BASE, KTEST_VA_BASE + PAGE_SIZE);
	KT_EXPECT(!pmap_lookup(pmap_kernel(), KTEST_VA_BASE, NULL, NULL, NULL));
	page_free(pg, 0);
}

/* The byte before a section's end symbol. */
static const void *last_byte(const char *end)
{
	return (const void *)((uintptr_t)end - 1);
}

/* The protection pmap_lookup() reports for @va in the kernel page table. */
static unsigned kprot(const void *va)
{
	unsigned prot = 0;

	if (!pmap_lookup(pmap_kernel(), (vaddr_t)va, NULL, &prot, NULL))
		return 0xdead;
	return prot & (PMAP_PROT_MASK | PMAP_USER);
}

KTEST(pmap, kernel_image_is_write_xor_execute)
{
	KT_EXPECT(kprot(__text_start) == (PMAP_R | PMAP_X));
	KT_EXPECT(kprot(last_byte(__text_end)) == (PMAP_R | PMAP_X));
	KT_EXPECT(kprot(__rodata_start) == PMAP_R);
	KT_EXPECT(kprot(last_byte(__rodata_end)) == PMAP_R);
	KT_EXPECT(kprot(__data_start) == (PMAP_R | PMAP_W));
	KT_EXPECT(kprot(last_byte(__bss_end)) == (PMAP_R | PMAP_W));
}

KTEST(pmap, direct_map_alias_of_the_kernel_is_write_xor_execute)
{
	KT_EXPECT(kprot(phys_to_virt(virt_to_phys(__text_start))) == PMAP_R);
	KT_EXPECT(kprot(phys_to_virt(virt_to_phys(__rodata_start))) == PMAP_R);
	KT_EXPECT(kprot(phys_to_virt(virt_to_phys(__data_start))) == (PMAP_R | PMAP_W));
}

KTEST(pmap, direct_map_covers_free_memory_without_execute)
{
	struct page *pg = page_alloc(0);
	unsigned prot;
	paddr_t pa;

	KT_ASSERT(pg != NULL);
	KT_EXPECT(pmap_lookup(pmap_kernel(), (vaddr_t)page_address(pg), &pa, &prot, NULL));
	KT_EXPECT(pa == page_pa(pg));
	KT_EXPECT((prot & (PMAP_PROT_MASK | PMAP_USER)) == (PMAP_R | PMAP_W));
	page_free(pg, 0);
}
