/*
 * arch/x86_64/asm.h - assembler macros and constants shared by the port's
 * .S files (cpu.h's constants carry C suffixes the assembler rejects).
 *
 * EXTABLE insn, fixup records one exception-table entry (kernel/extable.h):
 * if the instruction at @insn faults and the page-fault handler cannot map
 * the page, kernel_trap() resumes at @fixup. Put it right after every
 * instruction that touches a user address:
 *
 *	.Lload:	movb	(%rsi), %al
 *		EXTABLE	.Lload, .Lfault
 *
 * The entry layout, two 8-byte addresses, is struct extable_entry;
 * kernel.ld gathers the section between __extable_start and __extable_end.
 */
#ifndef ATLAS_X86_64_ASM_H
#define ATLAS_X86_64_ASM_H

/* As cpu.h's CR4_SMAP and RFLAGS_* (trap.c checks that they agree). */
#define ASM_CR4_SMAP	(1 << 21)
#define ASM_RFLAGS_TF	(1 << 8)
#define ASM_RFLAGS_RF	(1 << 16)
#define ASM_RFLAGS_AC	(1 << 18)

#ifdef __ASSEMBLY__
	.macro EXTABLE insn:req, fixup:req
	.pushsection __ex_table, "a"
	.balign 8
	.quad	\insn, \fixup
	.popsection
	.endm
#endif

#endif
