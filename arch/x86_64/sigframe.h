/*
 * arch/x86_64/sigframe.h - Linux's x86_64 signal frame, as user space
 * sees it (signal.c builds it, signal_test.c reads it back).
 *
 * The layouts are Linux's ABI: struct rt_sigframe (arch/x86/include/asm/
 * sigframe.h), struct ucontext (asm-generic/ucontext.h), struct
 * sigcontext (asm/sigcontext.h, the 64-bit one) and stack_t. The FP
 * state is the 512-byte FXSAVE image (struct _fpstate_64): Atlas never
 * uses XSAVE, so uc_flags lacks UC_FP_XSTATE and the software-reserved
 * bytes at the end of the image are zero (a legacy frame).
 */
#ifndef ATLAS_X86_64_SIGFRAME_H
#define ATLAS_X86_64_SIGFRAME_H

#include "kernel/arch.h"
#include "kernel/signal.h"

/* uc_flags (asm/ucontext.h) */
#define UC_FP_XSTATE		0x1
#define UC_SIGCONTEXT_SS	0x2
#define UC_STRICT_RESTORE_SS	0x4

/* stack_t.ss_flags */
#ifndef SS_ONSTACK
#define SS_ONSTACK		1
#define SS_DISABLE		2
#endif

/* struct _fpstate_64 (the FXSAVE image): the fields signal.c touches. */
#define FPX_MXCSR		24
#define FPX_MXCSR_MASK		28
#define FPX_SW_RESERVED		464	/* 48 bytes software may use */
#define FPX_SW_RESERVED_SIZE	48

/* Linux's siginfo_t is 128 bytes on x86_64. */
#define SIGINFO_SIZE		128

/* The FP area's alignment in the frame (Linux uses 64 for XSAVE). */
#define SIGFRAME_FP_ALIGN	64

struct linux_stack_t {
	uint64_t ss_sp;
	int32_t ss_flags;
	uint32_t _pad;
	uint64_t ss_size;
};

struct linux_sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;		/* user address of the FXSAVE image, or 0 */
	uint64_t reserved1[8];
};

struct linux_ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct linux_stack_t uc_stack;
	struct linux_sigcontext uc_mcontext;
	uint64_t uc_sigmask;		/* the kernel's sigset_t: 64 signals */
};

struct rt_sigframe {
	uint64_t pretcode;		/* the handler's return address */
	struct linux_ucontext uc;
	uint8_t info[SIGINFO_SIZE];	/* Linux's siginfo_t: struct linux_siginfo's first 128 bytes */
	/* the FP state follows, SIGFRAME_FP_ALIGN-aligned */
};

_Static_assert(sizeof(struct linux_stack_t) == 24, "stack_t is 24 bytes");
_Static_assert(sizeof(struct linux_sigcontext) == 256, "struct sigcontext is 256 bytes");
_Static_assert(__builtin_offsetof(struct linux_sigcontext, rdi) == 64, "sigcontext.rdi");
_Static_assert(__builtin_offsetof(struct linux_sigcontext, rsp) == 120, "sigcontext.rsp");
_Static_assert(__builtin_offsetof(struct linux_sigcontext, rip) == 128, "sigcontext.rip");
_Static_assert(__builtin_offsetof(struct linux_sigcontext, eflags) == 136, "sigcontext.eflags");
_Static_assert(__builtin_offsetof(struct linux_sigcontext, cs) == 144, "sigcontext.cs");
_Static_assert(__builtin_offsetof(struct linux_sigcontext, ss) == 150, "sigcontext.ss");
_Static_assert(__builtin_offsetof(struct linux_sigcontext, err) == 152, "sigcontext.err");
_Static_assert(__builtin_offsetof(struct linux_sigcontext, cr2) == 176, "sigcontext.cr2");
_Static_assert(__builtin_offsetof(struct linux_sigcontext, fpstate) == 184, "sigcontext.fpstate");
_Static_assert(sizeof(struct linux_ucontext) == 304, "struct ucontext is 304 bytes");
_Static_assert(__builtin_offsetof(struct linux_ucontext, uc_stack) == 16, "uc_stack");
_Static_assert(__builtin_offsetof(struct linux_ucontext, uc_mcontext) == 40, "uc_mcontext");
_Static_assert(__builtin_offsetof(struct linux_ucontext, uc_sigmask) == 296, "uc_sigmask");
_Static_assert(sizeof(struct linux_siginfo) >= SIGINFO_SIZE &&
	       __builtin_offsetof(struct linux_siginfo, u) == 16, "struct linux_siginfo");
_Static_assert(__builtin_offsetof(struct rt_sigframe, uc) == 8, "rt_sigframe.uc");
_Static_assert(__builtin_offsetof(struct rt_sigframe, info) == 312, "rt_sigframe.info");
_Static_assert(sizeof(struct rt_sigframe) == 440, "rt_sigframe is 440 bytes");

#endif
