/*
 * mm/mm.h - the memory manager's public face: bringing it up at boot.
 */
#ifndef ATLAS_MM_H
#define ATLAS_MM_H

#include "kernel/bootinfo.h"

/* The least RAM Atlas boots with; less gives a clear panic. */
#define MM_MIN_RAM MiB(16)

/*
 * mm_init() builds the memory manager on what the boot loader reported:
 * boot memory, the kernel page table (arch_mmu_init), the struct page
 * array and buddy allocator, then the kernel heap. Panics with a clear
 * message when RAM is too small for that.
 */
void mm_init(const struct bootinfo *bi);

/* ---- boot memory (mm/bootmem.c) ------------------------------------------ */

/*
 * bootmem_init() collects the RAM ranges of @bi minus its reservations.
 * Returns 0, or -ENOSPC if the ranges do not fit the table.
 */
int bootmem_init(const struct bootinfo *bi);

/*
 * bootmem_alloc() carves @size bytes aligned to @align from free boot
 * memory below EARLY_MAP_LIMIT (reachable through the boot direct map).
 * Returns the physical address, or 0 when nothing fits.
 */
paddr_t bootmem_alloc(size_t size, size_t align);

/* bootmem_allocated() is the bytes handed out by bootmem_alloc() so far. */
size_t bootmem_allocated(void);

/*
 * bootmem_hand_over() calls @fn for every free range left, then closes
 * boot memory: later bootmem_alloc() calls fail.
 */
void bootmem_hand_over(void (*fn)(paddr_t start, paddr_t end));

#endif
