/*
 * arch/x86_64/regs.h - the registers entry.S saves on a trap.
 *
 * entry.S builds a struct trapframe on the stack for every interrupt and
 * exception: the CPU pushes ss, rsp, rflags, cs, rip (and for some vectors
 * an error code); the vector stub pushes a zero error code where the CPU
 * did not, then the vector number; the common entry pushes every
 * general-purpose register. The field order below is that layout, lowest
 * address first. TF_* offsets are for entry.S.
 */
#ifndef ATLAS_X86_64_REGS_H
#define ATLAS_X86_64_REGS_H

#define TF_RBP		64	/* offsets of the fields entry.S uses */
#define TF_VECTOR	120
#define TF_RIP		136
#define TF_CS		144
#define TF_SIZE		176

#ifndef __ASSEMBLY__
#include "kernel/types.h"

struct trapframe {
	/* pushed by trap_common in entry.S */
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	/* pushed by the vector stub */
	uint64_t vector;
	uint64_t error;		/* the CPU's error code, or 0 */
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE is stale");
_Static_assert(__builtin_offsetof(struct trapframe, rbp) == TF_RBP, "TF_RBP");
_Static_assert(__builtin_offsetof(struct trapframe, vector) == TF_VECTOR, "TF_VECTOR");
_Static_assert(__builtin_offsetof(struct trapframe, rip) == TF_RIP, "TF_RIP");
_Static_assert(__builtin_offsetof(struct trapframe, cs) == TF_CS, "TF_CS");

/*
 * struct arch_context: what arch_switch() (switch.S) saves. Only the
 * callee-saved registers need saving across a call; rsp says where the
 * rest of the task's kernel state is, rip where it resumes.
 */
struct arch_context {
	uint64_t rbx, rbp, r12, r13, r14, r15;
	uint64_t rsp, rip;
};

/* User FP/SSE state: the FXSAVE area. */
#define ARCH_FPSTATE_SIZE	512
#define ARCH_FPSTATE_ALIGN	16

/*
 * arch_frame_pointer() is the frame pointer (rbp) of the function it is
 * inlined into. The kernel is built with -fno-omit-frame-pointer, so
 * [rbp] is the caller's rbp and [rbp + 8] the return address.
 */
static inline __attribute__((always_inline)) uintptr_t arch_frame_pointer(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}
#endif

#endif
