/*
 * user/lib/arch/x86_64/syscall.h - how a program enters Linux (or Atlas)
 * on x86_64.
 *
 * The number goes in rax, the arguments in rdi, rsi, rdx, r10, r8, r9;
 * the `syscall` instruction clobbers rcx (return rip) and r11 (rflags);
 * the result comes back in rax, -4095..-1 meaning -errno.
 */
#ifndef ATLAS_USER_SYSCALL_H
#define ATLAS_USER_SYSCALL_H

#include "sysnum.h"

/* The layout of Linux's struct stat on this arch (user/lib/translate.h). */
#define LINUX_STAT_LAYOUT xlate_stat_linux_x86_64

/* syscall6() issues system call @n; returns the kernel's raw result. */
static inline long syscall6(long n, long a0, long a1, long a2, long a3,
			    long a4, long a5)
{
	register long r10 __asm__("r10") = a3;
	register long r8 __asm__("r8") = a4;
	register long r9 __asm__("r9") = a5;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#endif
