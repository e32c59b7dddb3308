/*
 * arch/riscv/memlayout.h - the riscv64 address space (Sv39).
 *
 * Sv39 translates 39-bit virtual addresses: the lower half
 * 0x0000000000000000-0x0000003fffffffff is user space, the upper half
 * 0xffffffc000000000-0xffffffffffffffff belongs to the kernel. Each root
 * entry covers 1 GiB, each level-1 entry 2 MiB, each level-2 entry 4 KiB.
 *
 *   0xffffffc000000000  DIRECT_MAP_BASE: physical 0 (RAM and MMIO), up to
 *                       DIRECT_MAP_SIZE (128 GiB)
 *   0xffffffe000000000  KTEST_VA_BASE: a free 1 GiB for the pmap tests
 *   0xffffffff80200000  the kernel image (KERNEL_VIRT_OFFSET + 0x80200000)
 *
 * This file is included from assembly (boot.S, entry.S) as well as C.
 * kernel.ld repeats KERNEL_PHYS_BASE and KERNEL_VIRT_OFFSET; keep them equal
 * (arch_mmu_init() checks).
 */
#ifndef ATLAS_RISCV_MEMLAYOUT_H
#define ATLAS_RISCV_MEMLAYOUT_H

#ifdef __ASSEMBLY__
#define _UL(x) x
#else
#define _UL(x) x##UL
#endif

#define PAGE_SHIFT		12
#define PAGE_SIZE		(_UL(1) << PAGE_SHIFT)
#define HUGE_SHIFT		21	/* an Sv39 megapage */
#define HUGE_SIZE		(_UL(1) << HUGE_SHIFT)
#define GIGA_SHIFT		30	/* an Sv39 gigapage (boot table only) */
#define GIGA_SIZE		(_UL(1) << GIGA_SHIFT)

/* Where OpenSBI puts and enters the kernel, and where it is linked. */
#define KERNEL_PHYS_BASE	_UL(0x80200000)
#define KERNEL_VIRT_OFFSET	_UL(0xffffffff00000000)

/* The direct map: physical address pa is at DIRECT_MAP_BASE + pa. */
#define DIRECT_MAP_BASE		_UL(0xffffffc000000000)
#define DIRECT_MAP_SIZE		_UL(0x2000000000)	/* 128 GiB */

/* boot.S maps physical [0, 4 GiB) in the direct map (RAM and MMIO). */
#define EARLY_MAP_LIMIT		_UL(0x100000000)

/* The pmap tests may map anything in [KTEST_VA_BASE, +KTEST_VA_SIZE). */
#define KTEST_VA_BASE		_UL(0xffffffe000000000)
#define KTEST_VA_SIZE		GIGA_SIZE

/*
 * User space: [USER_BASE, USER_TOP). Page 0 up to 64 KiB stays unmapped so
 * a NULL dereference always faults (Linux's mmap_min_addr).
 */
#define USER_BASE		_UL(0x10000)
#define USER_TOP		_UL(0x4000000000)

/* The kernel's boot stack (in .bss). */
#define BOOT_STACK_SIZE		(_UL(16) * 1024)

#endif
