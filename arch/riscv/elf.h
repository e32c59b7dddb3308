/*
 * arch/riscv/elf.h - what the ELF loader (kernel/exec.c) needs to know
 * about this machine: its ELF machine number and the AT_HWCAP word.
 */
#ifndef ATLAS_RISCV_ELF_H
#define ATLAS_RISCV_ELF_H

#define ARCH_ELF_MACHINE 243	/* EM_RISCV */

/*
 * AT_HWCAP on riscv64: one bit per single-letter extension, bit 0 for
 * 'a'. QEMU's virt CPU runs user code with I, M, A, F, D and C.
 */
static inline unsigned long arch_elf_hwcap(void)
{
	const char *isa = "imafdc";
	unsigned long bits = 0;

	for (; *isa; isa++)
		bits |= 1ul << (*isa - 'a');
	return bits;
}

#endif
