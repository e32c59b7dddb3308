/*
 * user/lib/arch/riscv64/syscall.h - how a program enters Linux (or Atlas)
 * on riscv64.
 *
 * The number goes in a7, the arguments in a0..a5; `ecall` traps to the
 * kernel, and the result comes back in a0, -4095..-1 meaning -errno.
 */
#ifndef ATLAS_USER_SYSCALL_H
#define ATLAS_USER_SYSCALL_H

#include "sysnum.h"

/* The layout of Linux's struct stat on this arch (user/lib/translate.h):
 * riscv64 uses the generic one of <asm-generic/stat.h>. */
#define LINUX_STAT_LAYOUT xlate_stat_linux_generic

/* syscall6() issues system call @n; returns the kernel's raw result. */
static inline long syscall6(long n, long a0, long a1, long a2, long a3,
			    long a4, long a5)
{
	register long r_a0 __asm__("a0") = a0;
	register long r_a1 __asm__("a1") = a1;
	register long r_a2 __asm__("a2") = a2;
	register long r_a3 __asm__("a3") = a3;
	register long r_a4 __asm__("a4") = a4;
	register long r_a5 __asm__("a5") = a5;
	register long r_a7 __asm__("a7") = n;

	__asm__ volatile("ecall"
			 : "+r"(r_a0)
			 : "r"(r_a1), "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5), "r"(r_a7)
			 : "memory");
	return r_a0;
}

#endif
