/*
 * arch/x86_64/elf.h - what the ELF loader (kernel/exec.c) needs to know
 * about this machine: its ELF machine number and the AT_HWCAP word.
 */
#ifndef ATLAS_X86_64_ELF_H
#define ATLAS_X86_64_ELF_H

#define ARCH_ELF_MACHINE 62	/* EM_X86_64 */

/* AT_HWCAP on x86_64 is CPUID leaf 1's EDX, as Linux reports it. */
static inline unsigned long arch_elf_hwcap(void)
{
	unsigned int a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return d;
}

#endif
