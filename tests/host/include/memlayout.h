/*
 * tests/host/include/memlayout.h - the memory-layout constants the real
 * kernel sources need, for host builds. The host tests give mm/ an arena
 * of ordinary memory in place of the direct map.
 */
#ifndef ATLAS_HOST_MEMLAYOUT_H
#define ATLAS_HOST_MEMLAYOUT_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define HUGE_SHIFT	21
#define HUGE_SIZE	(1UL << HUGE_SHIFT)

#endif
