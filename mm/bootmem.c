/*
 * mm/bootmem.c - boot memory: the allocator before the allocator.
 *
 * The buddy allocator needs a struct page for every frame, and the kernel
 * page table needs table pages, before any allocator exists. Boot memory
 * is a short sorted list of free physical ranges (RAM minus everything
 * reserved); bootmem_alloc() carves from it. When the buddy allocator is
 * ready, bootmem_hand_over() gives it whatever is left and boot memory
 * closes for good.
 */
#include "mm/mm.h"
#include "kernel/arch.h"
#include "kernel/kernel.h"

#define BOOTMEM_MAX_RANGES (2 * BOOT_MAX_RANGES)

static struct {
	paddr_t start, end;
} free_ranges[BOOTMEM_MAX_RANGES];
static unsigned nr_free_ranges;
static size_t allocated;
static bool closed;

/* Removes [start, end) from the free list, splitting a range if needed. */
static int bootmem_carve(paddr_t start, paddr_t end)
{
	for (unsigned i = 0; i < nr_free_ranges; i++) {
		paddr_t s = free_ranges[i].start, e = free_ranges[i].end;

		if (end <= s || start >= e)
			continue;
		if (start > s && end < e) {
			/* The hole is in the middle: split in two. */
			if (nr_free_ranges == BOOTMEM_MAX_RANGES)
				return -ENOSPC;
			memmove(&free_ranges[i + 2], &free_ranges[i + 1],
				(nr_free_ranges - i - 1) * sizeof(free_ranges[0]));
			nr_free_ranges++;
			free_ranges[i].end = start;
			free_ranges[i + 1].start = end;
			free_ranges[i + 1].end = e;
			i++;
		} else if (start <= s && end >= e) {
			memmove(&free_ranges[i], &free_ranges[i + 1],
				(nr_free_ranges - i - 1) * sizeof(free_ranges[0]));
			nr_free_ranges--;
			i--;
		} else if (start <= s) {
			free_ranges[i].start = end;
		} else {
			free_ranges[i].end = start;
		}
	}
	return 0;
}

int bootmem_init(const struct bootinfo *bi)
{
	nr_free_ranges = 0;
	allocated = 0;
	closed = false;
	/* Insert RAM sorted by start address. */
	for (unsigned i = 0; i < bi->nr_ram; i++) {
		unsigned j = nr_free_ranges;

		if (nr_free_ranges == BOOTMEM_MAX_RANGES)
			return -ENOSPC;
		while (j > 0 && free_ranges[j - 1].start > bi->ram[i].start) {
			free_ranges[j] = free_ranges[j - 1];
			j--;
		}
		free_ranges[j].start = bi->ram[i].start;
		free_ranges[j].end = bi->ram[i].end;
		nr_free_ranges++;
	}
	/* Page 0 is never handed out: 0 means "no page" to pgtable_alloc(). */
	if (bootmem_carve(0, PAGE_SIZE) < 0)
		return -ENOSPC;
	for (unsigned i = 0; i < bi->nr_reserved; i++)
		if (bootmem_carve(bi->reserved[i].start, bi->reserved[i].end) < 0)
			return -ENOSPC;
	return 0;
}

paddr_t bootmem_alloc(size_t size, size_t align)
{
	if (closed)
		return 0;
	size = ALIGN_UP(size, PAGE_SIZE);
	/* Take from the top of the highest range that fits below the limit, so
	 * low memory stays free for whatever needs it later. */
	for (unsigned i = nr_free_ranges; i-- > 0;) {
		paddr_t end = MIN(free_ranges[i].end, (paddr_t)EARLY_MAP_LIMIT);
		paddr_t start;

		if (end < size)
			continue;
		start = ALIGN_DOWN(end - size, (paddr_t)align);
		if (start < free_ranges[i].start || end <= free_ranges[i].start)
			continue;
		if (bootmem_carve(start, start + size) < 0)
			return 0;
		allocated += size;
		memset(phys_to_virt(start), 0, size);
		return start;
	}
	return 0;
}

size_t bootmem_allocated(void)
{
	return allocated;
}

void bootmem_hand_over(void (*fn)(paddr_t start, paddr_t end))
{
	closed = true;
	for (unsigned i = 0; i < nr_free_ranges; i++)
		fn(free_ranges[i].start, free_ranges[i].end);
	nr_free_ranges = 0;
}
