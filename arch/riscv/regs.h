/*
 * arch/riscv/regs.h - the registers entry.S saves on a trap.
 *
 * struct trapframe sits on the kernel stack, built by trap_entry in
 * entry.S. Its layout is shared with the assembly through the TF_*
 * offsets below; trap.c checks them against the struct at compile time.
 *
 * The last two words form a frame record (the caller's fp at fp - 16, the
 * return address at fp - 8, as gcc lays them out with
 * -fno-omit-frame-pointer): entry.S points s0 just past the frame before it
 * calls C, so a backtrace walks from the handler through the trapped pc
 * into the code that was interrupted. A leaf function keeps no return
 * address in its frame; for that case riscv_trap() builds a second record
 * (unwind_fp, unwind_ra) from the saved ra and points frame_fp at it.
 *
 * User mode enters through the same path: sscratch holds the kernel stack
 * top while user code runs and 0 while the kernel runs (entry.S). The
 * user's gp and tp are saved and restored like any other register; the
 * kernel uses neither.
 */
#ifndef ATLAS_RISCV_REGS_H
#define ATLAS_RISCV_REGS_H

/* Byte offsets of struct trapframe, for entry.S. x<n> is at (n - 1) * 8. */
#define TF_X(n)		(((n) - 1) * 8)
#define TF_STATUS	(31 * 8)
#define TF_CAUSE	(32 * 8)
#define TF_TVAL		(33 * 8)
#define TF_UNWIND_FP	(34 * 8)
#define TF_UNWIND_RA	(35 * 8)
#define TF_FRAME_FP	(36 * 8)
#define TF_EPC		(37 * 8)
#define TF_SIZE		(38 * 8)	/* a multiple of 16: sp stays aligned */

/* Byte offsets of struct arch_context, for switch.S. */
#define CTX_RA		0
#define CTX_SP		8
#define CTX_S(n)	(16 + (n) * 8)	/* s0..s11 */

/* The user FP image (arch_fp_save()): f0-f31, then fcsr. */
#define FP_F(n)		((n) * 8)
#define FP_FCSR		(32 * 8)

#ifndef __ASSEMBLY__

#include "kernel/types.h"

struct trapframe {
	/* x1..x31, in register-number order (x0 is always zero). */
	uint64_t ra, sp, gp, tp;
	uint64_t t0, t1, t2;
	uint64_t s0, s1;
	uint64_t a0, a1, a2, a3, a4, a5, a6, a7;
	uint64_t s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	uint64_t t3, t4, t5, t6;
	uint64_t status;	/* sstatus at the trap (SPP, SPIE, ...) */
	uint64_t cause;		/* scause */
	uint64_t tval;		/* stval: faulting address or instruction */
	/*
	 * A frame record trap.c builds when the trapped function is a leaf:
	 * gcc saves no ra there, only the caller's fp (at fp - 8).
	 */
	uint64_t unwind_fp;
	uint64_t unwind_ra;
	uint64_t frame_fp;	/* frame record: s0 (or &unwind_ra + 1) ... */
	uint64_t epc;		/* ... and sepc, where sret resumes */
};

/*
 * struct arch_context: what arch_switch() (switch.S) saves: the
 * callee-saved registers s0-s11, the stack pointer, and ra (where the
 * switched-to task resumes).
 */
struct arch_context {
	uint64_t ra, sp;
	uint64_t s[12];
};

/* User FP state: f0-f31 and fcsr (Debian's riscv64 user code is lp64d). */
#define ARCH_FPSTATE_SIZE	(33 * 8)
/*
 * Does Linux's struct sigaction for rt_sigaction() have sa_restorer on
 * this arch? (riscv64 returns through the kernel's trampoline.)
 */
#define ARCH_SIGACTION_HAS_RESTORER 0
/* Bytes below the stack pointer a signal frame must leave alone. */
#define ARCH_STACK_RED_ZONE 0

#define ARCH_FPSTATE_ALIGN	8

/* arch_frame_pointer() is the frame pointer of the function it is used in. */
static inline uintptr_t arch_frame_pointer(void)
{
	uintptr_t fp;

	__asm__ volatile("mv %0, s0" : "=r"(fp));
	return fp;
}

#endif /* __ASSEMBLY__ */
#endif
