/*
 * arch/x86_64/memlayout.h - the x86_64 address space, as constants.
 *
 * Virtual layout (4-level paging, 48-bit canonical addresses):
 *
 *   0x0000000000010000 .. USER_TOP      user half (PML4 slots 0-255)
 *   0xffff800000000000 ..               direct map of physical memory
 *                                       (PML4 slots 256-383, 64 TiB)
 *   0xffffffff80000000 ..               the kernel image, linked at
 *                                       KERNEL_VIRT_OFFSET + its physical
 *                                       address (PML4 slot 511)
 *   0xffffffffc0000000 .. (1 GiB)       KTEST_VA_BASE: free for pmap tests
 *
 * The image is loaded at physical KERNEL_PHYS_BASE (1 MiB). Its first part,
 * .boot, is linked at its physical address: the loaders enter it in 32-bit
 * protected mode with paging off.
 *
 * This header is included from assembly (boot.S, entry.S) as well as C.
 */
#ifndef ATLAS_X86_64_MEMLAYOUT_H
#define ATLAS_X86_64_MEMLAYOUT_H

#ifdef __ASSEMBLY__
#define _UL(x) x
#else
#define _UL(x) x##UL
#endif

#define PAGE_SHIFT		12
#define PAGE_SIZE		(_UL(1) << PAGE_SHIFT)
#define HUGE_SHIFT		21
#define HUGE_SIZE		(_UL(1) << HUGE_SHIFT)

#define KERNEL_PHYS_BASE	_UL(0x100000)
#define KERNEL_VIRT_OFFSET	_UL(0xffffffff80000000)

#define DIRECT_MAP_BASE		_UL(0xffff800000000000)
/* The direct map can cover this much physical memory (PML4 slots 256-383). */
#define DIRECT_MAP_SIZE		(_UL(1) << 46)

/*
 * boot.S maps physical [0, 4 GiB) at DIRECT_MAP_BASE with 2 MiB pages, so
 * boot memory and the multiboot information are reachable before
 * arch_mmu_init() builds the real page table.
 */
#define EARLY_MAP_LIMIT		_UL(0x100000000)

/*
 * The user half. The lowest 64 KiB stay unmapped so that a NULL pointer
 * plus a small offset faults (Linux's default mmap_min_addr); the top page
 * below the canonical hole is left out, as Linux does.
 */
#define USER_BASE		_UL(0x10000)
#define USER_TOP		_UL(0x00007ffffffff000)

/*
 * A kernel range no one else uses, for the pmap tests. It shares PML4 slot
 * 511 with the kernel image, so mapping there never adds a top-level entry
 * (which user page tables would not see).
 */
#define KTEST_VA_BASE		_UL(0xffffffffc0000000)

#endif
