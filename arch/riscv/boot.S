/*
 * arch/riscv/boot.S - where OpenSBI hands over: from physical addresses to
 * the higher-half kernel, then into kmain().
 *
 * OpenSBI enters _start in S-mode at physical 0x80200000 (the first byte of
 * the image, see kernel.ld) with a0 = hart id, a1 = physical address of the
 * device tree, paging off. Until satp is written every address must be
 * computed PC-relative (la is auipc + addi under -mcmodel=medany), which
 * yields physical addresses here.
 *
 * The boot page table is static: three kinds of 1 GiB leaves, all known
 * when the kernel is assembled:
 *   - identity map of the kernel's gigabyte, so the instruction after the
 *     satp write can still be fetched;
 *   - the same gigabyte at KERNEL_VIRT_OFFSET + pa, where the kernel is
 *     linked;
 *   - the direct map of physical [0, EARLY_MAP_LIMIT), which covers RAM
 *     below 4 GiB and the MMIO of the virt board (UART, PLIC, finisher).
 * arch_mmu_init() replaces it with the final table and drops the identity
 * map.
 */
#include "memlayout.h"

/* Sv39 PTE bits */
#define PTE_V	(1 << 0)
#define PTE_R	(1 << 1)
#define PTE_W	(1 << 2)
#define PTE_X	(1 << 3)
#define PTE_G	(1 << 5)
#define PTE_A	(1 << 6)
#define PTE_D	(1 << 7)

/* A 1 GiB leaf for physical address pa: PPN = pa >> 12, stored at bit 10. */
#define GIGA_PTE(pa, flags)	((((pa) >> 12) << 10) | (flags))
/* The root-table index (VPN[2]) of a virtual address. */
#define VPN2(va)		(((va) >> 30) & 0x1ff)

#define KERNEL_GIGA	(KERNEL_PHYS_BASE & ~(GIGA_SIZE - 1))
#define RWX_AD		(PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define RW_AD		(PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

	.section .text.boot, "ax"
	.globl _start
_start:
	/* Interrupts off; park any trap in a loop until trap_entry is set. */
	csrw	sie, zero
	csrci	sstatus, 2		/* SIE */
	la	t0, .Lhang
	csrw	stvec, t0

	/* Keep hart id and DTB address in callee-saved registers. */
	mv	s1, a0
	mv	s2, a1

	/* Turn on Sv39 with the boot table. */
	la	t0, boot_pgtable
	srli	t0, t0, 12
	li	t1, 8			/* satp.MODE = Sv39 */
	slli	t1, t1, 60
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma

	/* Still running on the identity map: jump to the link address. */
	la	t0, .Lhigh
	li	t1, KERNEL_VIRT_OFFSET
	add	t0, t0, t1
	jr	t0

.Lhigh:
	/* From here on la gives virtual (link) addresses. */
	la	sp, boot_stack_top
	li	s0, 0			/* the frame-pointer chain ends here */
	li	ra, 0
	li	tp, 0
	li	gp, 0			/* unused: the kernel is built without relaxation */

	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	la	t0, boot_hartid
	sd	s1, 0(t0)
	la	t0, boot_dtb_pa
	sd	s2, 0(t0)

	call	kmain
	.balign 4		/* stvec: 4-byte aligned, low bits = direct mode */
.Lhang:
	wfi
	j	.Lhang

/* The boot page table: 512 root entries, only the six below are valid. */
	.section .data.boot_pgtable, "aw"
	.balign 4096
	.globl boot_pgtable
boot_pgtable:
	.fill	VPN2(KERNEL_GIGA), 8, 0
	.quad	GIGA_PTE(KERNEL_GIGA, RWX_AD)			/* identity */
	.fill	VPN2(DIRECT_MAP_BASE) - VPN2(KERNEL_GIGA) - 1, 8, 0
	.quad	GIGA_PTE(0x00000000, RW_AD | PTE_G)		/* direct map */
	.quad	GIGA_PTE(0x40000000, RW_AD | PTE_G)
	.quad	GIGA_PTE(0x80000000, RW_AD | PTE_G)
	.quad	GIGA_PTE(0xc0000000, RW_AD | PTE_G)
	.fill	VPN2(KERNEL_VIRT_OFFSET + KERNEL_GIGA) - VPN2(DIRECT_MAP_BASE) - 4, 8, 0
	.quad	GIGA_PTE(KERNEL_GIGA, RWX_AD | PTE_G)		/* kernel image */
	.fill	511 - VPN2(KERNEL_VIRT_OFFSET + KERNEL_GIGA), 8, 0
	.balign 4096

/* The boot stack: kmain() and everything it calls run on it. */
	.section .bss.boot_stack, "aw", @nobits
	.balign 16
boot_stack:
	.space	BOOT_STACK_SIZE
	.globl boot_stack_top
boot_stack_top:
