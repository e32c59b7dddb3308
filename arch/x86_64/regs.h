/*
 * arch/x86_64/regs.h - the registers entry.S saves on a trap.
 *
 * entry.S builds a struct trapframe on the stack for every interrupt and
 * exception: the CPU pushes ss, rsp, rflags, cs, rip (and for some vectors
 * an error code); the vector stub pushes a zero error code where the CPU
 * did not, then the vector number; the common entry pushes every
 * general-purpose register. The field order below is that layout, lowest
 * address first. syscall_entry builds the same frame by hand (the
 * syscall instruction pushes nothing), so a process's user registers have
 * one shape however it entered the kernel. TF_* offsets are for entry.S.
 */
#ifndef ATLAS_X86_64_REGS_H
#define ATLAS_X86_64_REGS_H

#define TF_R11		32	/* offsets of the fields entry.S uses */
#define TF_RBP		64
#define TF_RCX		96
#define TF_VECTOR	120
#define TF_ERROR	128
#define TF_RIP		136
#define TF_CS		144
#define TF_RFLAGS	152
#define TF_RSP		160
#define TF_SS		168
#define TF_SIZE		176

/* struct arch_context offsets, for switch.S. */
#define CTX_RBX		0
#define CTX_RBP		8
#define CTX_R12		16
#define CTX_R13		24
#define CTX_R14		32
#define CTX_R15		40
#define CTX_RSP		48
#define CTX_RIP		56
#define CTX_FS_BASE	64

#ifndef __ASSEMBLY__
#include "kernel/types.h"

struct trapframe {
	/* pushed by trap_common in entry.S */
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	/* pushed by the vector stub */
	uint64_t vector;	/* or VECTOR_SYSCALL (cpu.h): the syscall entry */
	uint64_t error;		/* the CPU's error code, or 0; for a system
				 * call, its number as it came in rax */
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE is stale");
_Static_assert(__builtin_offsetof(struct trapframe, r11) == TF_R11, "TF_R11");
_Static_assert(__builtin_offsetof(struct trapframe, rbp) == TF_RBP, "TF_RBP");
_Static_assert(__builtin_offsetof(struct trapframe, rcx) == TF_RCX, "TF_RCX");
_Static_assert(__builtin_offsetof(struct trapframe, vector) == TF_VECTOR, "TF_VECTOR");
_Static_assert(__builtin_offsetof(struct trapframe, error) == TF_ERROR, "TF_ERROR");
_Static_assert(__builtin_offsetof(struct trapframe, rip) == TF_RIP, "TF_RIP");
_Static_assert(__builtin_offsetof(struct trapframe, cs) == TF_CS, "TF_CS");
_Static_assert(__builtin_offsetof(struct trapframe, rflags) == TF_RFLAGS, "TF_RFLAGS");
_Static_assert(__builtin_offsetof(struct trapframe, rsp) == TF_RSP, "TF_RSP");
_Static_assert(__builtin_offsetof(struct trapframe, ss) == TF_SS, "TF_SS");

/*
 * struct arch_context: what arch_switch() (switch.S) saves. Only the
 * callee-saved registers need saving across a call; rsp says where the
 * rest of the task's kernel state is, rip where it resumes.
 *
 * fs_base is the task's user FS base (its thread pointer, set by
 * arch_prctl(ARCH_SET_FS)). It lives in an MSR, not in the trapframe, so
 * arch_switch() reads it for the outgoing task and loads the incoming
 * one's. arch_context_init() copies the running task's (a forked child
 * keeps its parent's thread pointer); arch_user_regs_init() clears the
 * running task's (a new program starts with none).
 */
struct arch_context {
	uint64_t rbx, rbp, r12, r13, r14, r15;
	uint64_t rsp, rip;
	uint64_t fs_base;
};

_Static_assert(__builtin_offsetof(struct arch_context, rbx) == CTX_RBX, "CTX_RBX");
_Static_assert(__builtin_offsetof(struct arch_context, rbp) == CTX_RBP, "CTX_RBP");
_Static_assert(__builtin_offsetof(struct arch_context, r12) == CTX_R12, "CTX_R12");
_Static_assert(__builtin_offsetof(struct arch_context, r15) == CTX_R15, "CTX_R15");
_Static_assert(__builtin_offsetof(struct arch_context, rsp) == CTX_RSP, "CTX_RSP");
_Static_assert(__builtin_offsetof(struct arch_context, rip) == CTX_RIP, "CTX_RIP");
_Static_assert(__builtin_offsetof(struct arch_context, fs_base) == CTX_FS_BASE, "CTX_FS_BASE");

/* User FP/SSE state: the FXSAVE area (fxsave64/fxrstor64 need 16-byte alignment). */
#define ARCH_FPSTATE_SIZE	512
/*
 * Does Linux's struct sigaction for rt_sigaction() have sa_restorer on
 * this arch? (x86_64 libcs always set SA_RESTORER.)
 */
#define ARCH_SIGACTION_HAS_RESTORER 1
/* Bytes below the stack pointer a signal frame must leave alone. */
#define ARCH_STACK_RED_ZONE 128

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
