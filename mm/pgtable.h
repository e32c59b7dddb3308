/*
 * mm/pgtable.h - where page-table pages come from.
 *
 * The ports' mmu.c calls these for every table page. Before the buddy
 * allocator exists they are carved from boot memory (mm/bootmem.c); after,
 * they come from the buddy allocator. Either way the page is zeroed and
 * reachable through the direct map.
 */
#ifndef ATLAS_PGTABLE_H
#define ATLAS_PGTABLE_H

#include "kernel/types.h"

/*
 * pgtable_alloc() returns the physical address of a zeroed page for a page
 * table, or 0 when memory is exhausted (physical page 0 is never handed
 * out).
 */
paddr_t pgtable_alloc(void);

/* pgtable_free() gives back a page that pgtable_alloc() returned. */
void pgtable_free(paddr_t pa);

#endif
