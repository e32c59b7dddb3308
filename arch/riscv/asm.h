/*
 * arch/riscv/asm.h - assembler macros and constants shared by the port's
 * .S files (cpu.h is C only).
 *
 * EXTABLE insn, fixup records one exception-table entry (kernel/extable.h):
 * if the instruction at @insn faults and the page-fault handler cannot map
 * the page, kernel_trap() resumes at @fixup. Put it right after every
 * instruction that touches a user address:
 *
 *	.Lload:	lbu	t2, 0(a1)
 *		EXTABLE	.Lload, .Lfault
 *
 * The entry layout, two 8-byte addresses, is struct extable_entry;
 * kernel.ld gathers the section between __extable_start and __extable_end.
 */
#ifndef ATLAS_RISCV_ASM_H
#define ATLAS_RISCV_ASM_H

/* sstatus bits, as cpu.h's SSTATUS_* (trap.c checks that they agree). */
#define ASM_SSTATUS_SIE		(1 << 1)
#define ASM_SSTATUS_SPP		(1 << 8)
#define ASM_SSTATUS_FS		(3 << 13)
#define ASM_SSTATUS_FS_INITIAL	(1 << 13)
#define ASM_SSTATUS_SUM		(1 << 18)

#ifdef __ASSEMBLY__
	.macro EXTABLE insn:req, fixup:req
	.pushsection __ex_table, "a"
	.balign 8
	.quad	\insn, \fixup
	.popsection
	.endm
#endif

#endif
