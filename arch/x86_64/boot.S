/*
 * arch/x86_64/boot.S - from the boot loader to kmain().
 *
 * Two loaders can start Atlas, and both enter _start in 32-bit protected
 * mode with paging off, eax = magic and ebx = the physical address of
 * their information block:
 *
 *   - GRUB's multiboot2 command (the path users boot), which loads the ELF
 *     by its program headers: eax = 0x36d76289;
 *   - QEMU's -kernel, a multiboot1 loader. It refuses 64-bit ELF files
 *     unless the header carries the "a.out kludge" (flag bit 16): load
 *     addresses given in the header itself, taken as a byte range of the
 *     file. kernel.ld keeps file offsets and physical addresses in step so
 *     that range is the image. eax = 0x2badb002.
 *
 * _start then builds early page tables, enters long mode, jumps to the
 * kernel's link address in the higher half and calls kmain(). The code up
 * to the jump lives in .boot, linked at its physical address.
 */
#include "memlayout.h"
#include "cpu.h"

/* The physical address of a symbol linked in the higher half. */
#define PA(x)	((x) - KERNEL_VIRT_OFFSET)

#define MB2_MAGIC	0xe85250d6
#define MB2_ARCH_I386	0
#define MB1_MAGIC	0x1badb002
#define MB1_PAGE_ALIGN	(1 << 0)	/* modules on page boundaries */
#define MB1_MEMINFO	(1 << 1)	/* we want mem_* and the memory map */
#define MB1_AOUT_KLUDGE	(1 << 16)	/* load addresses are in the header */
#define MB1_FLAGS	(MB1_PAGE_ALIGN | MB1_MEMINFO | MB1_AOUT_KLUDGE)

#define PTE_P		0x001
#define PTE_W		0x002
#define PTE_PWT		0x008
#define PTE_PCD		0x010
#define PTE_PS		0x080

#define BOOT_STACK_SIZE	(32 * 1024)

/* ---- loader headers: first in the image, within its first 8 KiB ------- */

	.section .boot.header, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long (0x100000000 - (MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))) & 0xffffffff
	/* entry address tag: start at _start, not at the ELF entry */
	.balign 8
	.short 3, 0
	.long 12
	.long _start
	/* module alignment tag: page-align the initrd */
	.balign 8
	.short 6, 0
	.long 8
	/* end tag */
	.balign 8
	.short 0, 0
	.long 8
mb2_header_end:

	.balign 4
mb1_header:
	.long MB1_MAGIC
	.long MB1_FLAGS
	.long (0x100000000 - (MB1_MAGIC + MB1_FLAGS)) & 0xffffffff
	.long mb1_header		/* header_addr: where this header lands */
	.long KERNEL_PHYS_BASE		/* load_addr: the file range starts at .boot */
	.long __boot_load_end		/* load_end_addr: end of .data */
	.long __boot_bss_end		/* bss_end_addr: the loader zeroes up to here */
	.long _start			/* entry_addr */

/* ---- 32-bit entry ------------------------------------------------------ */

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	mov	%eax, %esi		/* esi = magic, ebp = info (cpuid clobbers ebx) */
	mov	%ebx, %ebp

	/* Long mode is CPUID 0x80000001 EDX bit 29. */
	mov	$0x80000000, %eax
	cpuid
	cmp	$0x80000001, %eax
	jb	no_long_mode
	mov	$0x80000001, %eax
	cpuid
	test	$(1 << 29), %edx
	jz	no_long_mode

	/*
	 * Zero .bss ourselves (it holds the page tables and stack we are about
	 * to use), then keep what the loader handed over for setup.c.
	 */
	mov	$PA(__bss_start), %edi
	mov	$PA(__bss_end), %ecx
	sub	%edi, %ecx
	shr	$2, %ecx
	xor	%eax, %eax
	rep stosl
	mov	%esi, PA(boot_mb_magic)
	mov	%ebp, PA(boot_mb_info)

	/*
	 * Early page tables, all 2 MiB pages:
	 *   PML4[0]   -> low PDPT: physical [0, 4 GiB) at 0 (identity, for the
	 *                next few instructions)
	 *   PML4[256] -> the same PDPT: [0, 4 GiB) at DIRECT_MAP_BASE
	 *   PML4[511] -> high PDPT, whose slot 510 maps physical [0, 1 GiB) at
	 *                KERNEL_VIRT_OFFSET: the kernel image
	 * The top GiB (3-4 GiB, where the APICs and PCI devices live) is
	 * uncached. arch_mmu_init() replaces all of this.
	 */
	mov	$PA(early_pdpt_low) + PTE_P + PTE_W, %eax
	mov	%eax, PA(early_pml4)
	mov	%eax, PA(early_pml4) + 256 * 8
	mov	$PA(early_pdpt_high) + PTE_P + PTE_W, %eax
	mov	%eax, PA(early_pml4) + 511 * 8

	mov	$PA(early_pd) + PTE_P + PTE_W, %eax
	mov	%eax, PA(early_pdpt_high) + 510 * 8
	mov	$PA(early_pdpt_low), %edi
	mov	$4, %ecx
1:	mov	%eax, (%edi)
	add	$4096, %eax
	add	$8, %edi
	loop	1b

	mov	$PA(early_pd), %edi
	mov	$PTE_P + PTE_W + PTE_PS, %eax
	xor	%ecx, %ecx
2:	mov	%eax, (%edi, %ecx, 8)
	cmp	$3 * 512, %ecx
	jb	3f
	orl	$PTE_PCD + PTE_PWT, (%edi, %ecx, 8)
3:	add	$HUGE_SIZE, %eax
	inc	%ecx
	cmp	$4 * 512, %ecx
	jb	2b

	/* PAE, then long mode (and no-execute if the CPU has it), then paging. */
	mov	$PA(early_pml4), %eax
	mov	%eax, %cr3
	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4

	mov	$0x80000001, %eax
	cpuid
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$EFER_LME, %eax
	test	$(1 << 20), %edx	/* NX: EDX bit 20 of leaf 0x80000001 */
	jz	4f
	or	$EFER_NXE, %eax
4:	wrmsr

	mov	%cr0, %eax
	or	$CR0_PG + CR0_PE + CR0_WP, %eax
	mov	%eax, %cr0

	lgdt	boot_gdt_desc
	ljmp	$GDT_KERNEL_CS, $start64

/* No long mode: say so on COM1 and stop. */
no_long_mode:
	mov	$no_long_mode_msg, %esi
	mov	$0x3f8, %dx
5:	lodsb
	test	%al, %al
	jz	6f
	out	%al, %dx
	jmp	5b
6:	hlt
	jmp	6b

/* ---- 64-bit, still at the identity address ----------------------------- */

	.code64
start64:
	mov	$GDT_KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	xor	%eax, %eax
	mov	%eax, %fs
	mov	%eax, %gs
	movabs	$start_higher_half, %rax
	jmp	*%rax

	.section .boot.data, "a"
no_long_mode_msg:
	.asciz "atlas: this CPU has no 64-bit long mode; Atlas needs an x86_64 CPU\r\n"

	/* A GDT just for the switch; arch_early_init() installs the real one. */
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code, DPL 0 */
	.quad 0x00cf92000000ffff	/* 0x10: data, DPL 0 */
boot_gdt_end:
boot_gdt_desc:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt

/* ---- the higher half -------------------------------------------------- */

	.text
	.code64
start_higher_half:
	movabs	$boot_stack_top, %rsp
	xor	%ebp, %ebp		/* the frame chain ends here: fp = 0 */
	call	kmain
7:	cli
	hlt
	jmp	7b

	.bss
	.balign 4096
	.globl early_pml4
early_pml4:	.skip 4096
early_pdpt_low:	.skip 4096
early_pdpt_high: .skip 4096
early_pd:	.skip 4 * 4096

	/*
	 * The boot stack. The page below it is left unmapped by
	 * arch_mmu_init(), so an overflow faults (and the fault, with no stack
	 * to push on, becomes a double fault handled on its own stack).
	 */
	.globl boot_stack_guard, boot_stack_top
boot_stack_guard: .skip 4096
boot_stack:	.skip BOOT_STACK_SIZE
boot_stack_top:

	.balign 4
	.globl boot_mb_magic, boot_mb_info
boot_mb_magic:	.skip 4
boot_mb_info:	.skip 4
