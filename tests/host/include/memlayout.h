/*
 * tests/host/include/memlayout.h - the memory-layout constants the real
 * kernel sources need, for host builds.
 *
 * The host tests give mm/ an arena of ordinary memory in place of physical
 * memory: "physical address" pa is host_arena + pa, so DIRECT_MAP_BASE is
 * the arena itself (tests/host/host_mm.c). The user half is made up but
 * has the shape of the real ones.
 */
#ifndef ATLAS_HOST_MEMLAYOUT_H
#define ATLAS_HOST_MEMLAYOUT_H

extern unsigned char *host_arena;

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define HUGE_SHIFT		21
#define HUGE_SIZE		(1UL << HUGE_SHIFT)

#define DIRECT_MAP_BASE		((unsigned long)host_arena)
#define KERNEL_PHYS_BASE	0UL
#define KERNEL_VIRT_OFFSET	(~0UL)		/* nothing is "in the image" */
#define EARLY_MAP_LIMIT		0UL
#define USER_BASE		0x10000UL
#define USER_TOP		0x00007ffffffff000UL
#define KTEST_VA_BASE		0xffffffffc0000000UL

#endif
