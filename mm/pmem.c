/*
 * mm/pmem.c - physical memory: the memory map and the kernel's page
 * allocator, and mm_init(), which brings all of memory management up.
 *
 * One buddy zone covers every frame from the lowest to the highest RAM
 * address. Holes and reserved frames have a struct page too, marked
 * PG_RESERVED, so frame numbers index the array directly.
 */
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"
#include "kernel/arch.h"
#include "kernel/kernel.h"

static struct buddy_zone zone;
static bool buddy_ready;

struct page *pfn_to_page(pfn_t pfn)
{
	if (pfn < zone.base_pfn || pfn - zone.base_pfn >= zone.nr_pages)
		return NULL;
	return &zone.pages[pfn - zone.base_pfn];
}

pfn_t page_to_pfn(const struct page *p)
{
	return buddy_page_pfn(&zone, p);
}

void *page_address(const struct page *p)
{
	return phys_to_virt((paddr_t)page_to_pfn(p) << PAGE_SHIFT);
}

struct page *virt_to_page(const void *va)
{
	return pfn_to_page(virt_to_phys(va) >> PAGE_SHIFT);
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
	assert(p->refcount > 0 && !(p->flags & (PG_FREE | PG_RESERVED)));
	p->refcount++;
}

void page_put(struct page *p)
{
	assert(p->refcount > 0 && !(p->flags & (PG_FREE | PG_RESERVED)));
	if (--p->refcount == 0) {
		p->flags &= ~PG_ANON;
		page_free(p, p->order);
	}
}

size_t pmem_free_pages(void)
{
	return zone.free_pages;
}

size_t pmem_managed_pages(void)
{
	return zone.managed_pages;
}

/* The buddy allocator's own self-check, for tests. */
int pmem_check(void)
{
	return buddy_check(&zone);
}

paddr_t pgtable_alloc(void)
{
	struct page *p;

	if (!buddy_ready)
		return bootmem_alloc(PAGE_SIZE, PAGE_SIZE);
	p = page_alloc(0);
	if (!p)
		return 0;
	memset(page_address(p), 0, PAGE_SIZE);
	return (paddr_t)page_to_pfn(p) << PAGE_SHIFT;
}

void pgtable_free(paddr_t pa)
{
	struct page *p = pfn_to_page(pa >> PAGE_SHIFT);

	/* Tables built from boot memory before the buddy allocator existed
	 * are reserved frames; they are never freed. */
	assert(p);
	if (p->flags & PG_RESERVED)
		return;
	page_free(p, 0);
}

static void hand_to_buddy(paddr_t start, paddr_t end)
{
	buddy_add_range(&zone, ALIGN_UP(start, PAGE_SIZE) >> PAGE_SHIFT,
			ALIGN_DOWN(end, PAGE_SIZE) >> PAGE_SHIFT);
}

/* Sets up the struct page array over all of RAM, then the buddy zone. */
static void pmem_init(const struct bootinfo *bi)
{
	paddr_t lo = (paddr_t)-1, hi = 0, array;
	pfn_t nr;

	for (unsigned i = 0; i < bi->nr_ram; i++) {
		lo = MIN(lo, bi->ram[i].start);
		hi = MAX(hi, bi->ram[i].end);
	}
	nr = (hi - lo) >> PAGE_SHIFT;
	array = bootmem_alloc(nr * sizeof(struct page), PAGE_SIZE);
	if (!array)
		panic("not enough memory for the memory map (%lu frames)", (unsigned long)nr);
	buddy_init(&zone, phys_to_virt(array), lo >> PAGE_SHIFT, nr);
	bootmem_hand_over(hand_to_buddy);
	buddy_ready = true;
}

static void print_size(const char *what, uint64_t bytes)
{
	pr_info("  %-22s %8lu KiB\n", what, (unsigned long)(bytes >> 10));
}

void mm_init(const struct bootinfo *bi)
{
	uint64_t ram = bootinfo_ram_total(bi);

	if (ram < MM_MIN_RAM)
		panic("not enough memory: Atlas needs at least %lu MiB of RAM, "
		      "the boot loader reported %lu MiB (give QEMU more with -m)",
		      (unsigned long)(MM_MIN_RAM >> 20), (unsigned long)(ram >> 20));
	if (bootmem_init(bi) < 0)
		panic("the memory map has too many ranges");

	arch_mmu_init(bi);
	pmem_init(bi);
	kmalloc_init();
	fault_init();

	pr_info("memory:\n");
	print_size("RAM", ram);
	print_size("used at boot", bootmem_allocated());
	print_size("free", (uint64_t)pmem_free_pages() << PAGE_SHIFT);
}
