/*
 * arch/x86_64/usermode.c - ring 3: entering it, coming back from it by
 * the syscall instruction, and the user state a task carries (FP/SSE
 * registers, the FS base). The contract is in kernel/arch.h, "Tasks" and
 * "User mode"; the assembly halves are in entry.S and switch.S.
 *
 * Per-CPU data and GS. The syscall instruction switches neither stacks
 * nor anything else, so its entry must find the kernel stack with no
 * register to spare. It finds it through GS: in the kernel, GS base
 * points at struct x86_percpu (cpu.h), which holds the running task's
 * kernel stack top and a scratch slot for the user rsp. The rule:
 *
 *   - kernel mode: GS_BASE = &x86_percpu, KERNEL_GS_BASE = the user's
 *     GS base (always 0: Atlas gives user mode no way to set it);
 *   - user mode: the other way round;
 *   - every way in from user mode (syscall_entry, trap_common when the
 *     saved cs has RPL 3) starts with swapgs, and every way out ends with
 *     one, interrupts off from that swapgs to the sysretq or iretq.
 *
 * A kernel-mode trap never swaps, so it finds the kernel's GS already in
 * place - except an NMI that lands between syscall and its first swapgs,
 * or between the last swapgs and sysretq, which runs with the user's GS.
 * That is harmless because only syscall_entry reads GS; C code never
 * does.
 *
 * Interrupts and exceptions from user mode land on TSS.rsp0, system
 * calls on x86_percpu.kernel_rsp: arch_set_kernel_stack() sets both to
 * the same top, so the trapframe is in the same place either way.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "asm.h"
#include "cpu.h"

struct x86_percpu x86_percpu = { .self = &x86_percpu };

_Static_assert(__builtin_offsetof(struct x86_percpu, kernel_rsp) == PCPU_KERNEL_RSP,
	       "PCPU_KERNEL_RSP");
_Static_assert(__builtin_offsetof(struct x86_percpu, user_rsp) == PCPU_USER_RSP,
	       "PCPU_USER_RSP");
_Static_assert(__builtin_offsetof(struct x86_percpu, self) == PCPU_SELF, "PCPU_SELF");
_Static_assert(ASM_RFLAGS_TF == RFLAGS_TF && ASM_RFLAGS_RF == RFLAGS_RF,
	       "asm.h and cpu.h disagree on RFLAGS");
_Static_assert(ARCH_FPSTATE_SIZE == 512 && ARCH_FPSTATE_ALIGN == 16,
	       "the FXSAVE area is 512 bytes, 16-byte aligned");

/* The RFLAGS bits user mode may own; IOPL, NT and the rest are not its. */
#define RFLAGS_USER	(RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | RFLAGS_SF | \
			 RFLAGS_TF | RFLAGS_DF | RFLAGS_OF | RFLAGS_RF | RFLAGS_AC | \
			 RFLAGS_ID)

/* What syscall clears in RFLAGS: the kernel runs with these off. */
#define SYSCALL_FMASK	(RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC | RFLAGS_NT | \
			 RFLAGS_IOPL)

/*
 * STAR: syscall loads cs = STAR[47:32] and ss = that + 8; sysretq loads
 * cs = STAR[63:48] + 16 and ss = STAR[63:48] + 8, both with RPL 3. The GDT
 * (setup.c) orders the user segments for this: user32 cs, user ds,
 * user cs.
 */
#define STAR_VALUE	((uint64_t)(GDT_USER32_CS | 3) << 48 | (uint64_t)GDT_KERNEL_CS << 32)

/* The FXSAVE image fields arch_fp_init() sets. */
#define FX_FCW		0	/* x87 control word, 16 bits */
#define FX_MXCSR	24	/* SSE control and status, 32 bits */
#define FCW_DEFAULT	0x037f	/* all x87 exceptions masked, 64-bit precision */
#define MXCSR_DEFAULT	0x1f80	/* all SSE exceptions masked, round to nearest */

/*
 * usermode_init() makes user mode possible: GS for the kernel, the
 * syscall MSRs, and FP/SSE for user programs. Once, at boot.
 */
void usermode_init(void)
{
	wrmsr(MSR_GS_BASE, (uintptr_t)&x86_percpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	wrmsr(MSR_FS_BASE, 0);

	wrmsr(MSR_STAR, STAR_VALUE);
	wrmsr(MSR_LSTAR, (uintptr_t)syscall_entry);
	wrmsr(MSR_FMASK, SYSCALL_FMASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);

	/*
	 * FP and SSE for user mode: x87 present (EM clear), no lazy
	 * switching (TS clear; MP makes fwait honour it all the same),
	 * fxsave/fxrstor and SSE on, SSE exceptions as #XM.
	 */
	write_cr0((read_cr0() | CR0_MP) & ~(uint64_t)(CR0_EM | CR0_TS));
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
}

/* ---- tasks --------------------------------------------------------------- */

/* switch.S: a new task's first instruction. */
extern const char task_trampoline[];

/*
 * arch_context_init() points @ctx at task_trampoline (switch.S) with fn in
 * r12 and arg in r13. The FS base is the running task's, so a child that
 * fork makes this way keeps its parent's thread pointer.
 */
void arch_context_init(struct arch_context *ctx, uintptr_t stack_top,
		       void (*fn)(void *arg), void *arg)
{
	*ctx = (struct arch_context){
		.r12 = (uintptr_t)fn,
		.r13 = (uintptr_t)arg,
		.rsp = stack_top,
		.rip = (uintptr_t)task_trampoline,
		.fs_base = rdmsr(MSR_FS_BASE),
	};
}

/* ---- entering and leaving user mode ------------------------------------- */

/*
 * arch_user_regs_init() also clears the FS base of the running task,
 * which is the one about to run the new program (exec, or a new
 * process's first entry).
 */
void arch_user_regs_init(struct trapframe *tf, uintptr_t pc, uintptr_t sp)
{
	*tf = (struct trapframe){
		.vector = (uint64_t)-1,		/* made, not saved by a trap */
		.rip = pc,
		.cs = GDT_USER_CS | 3,
		.rflags = RFLAGS_IF | RFLAGS_FIXED,
		.rsp = sp,
		.ss = GDT_USER_DS | 3,
	};
	wrmsr(MSR_FS_BASE, 0);
}

void arch_set_kernel_stack(uintptr_t top)
{
	x86_percpu.kernel_rsp = top;
	tss_set_rsp0(top);
}

bool arch_trapframe_is_user(const struct trapframe *tf)
{
	return (tf->cs & 3) == 3;
}

/* A user rip iretq accepts: canonical, and in the lower half. */
static bool user_pc_ok(uint64_t pc)
{
	return pc >> 47 == 0;
}

/*
 * user_return_prepare() is entry.S's last call on every way to user mode.
 * It runs trap_return_to_user() (which may switch tasks), then makes
 * sure iretq cannot fault in ring 0 on @tf: a user rip outside the
 * canonical lower half (a bad exec entry point or signal handler, which
 * the kernel set) becomes a #GP for user_trap() instead, and cs, ss and
 * the privileged RFLAGS bits are forced to what user mode may have.
 * There is a small window between trap_return_to_user() and the
 * disable: a tick that lands there is acted on at the next one.
 */
void user_return_prepare(struct trapframe *tf)
{
	struct trap_info ti;

	for (;;) {
		trap_return_to_user(tf);
		arch_irq_disable();
		if (user_pc_ok(tf->rip))
			break;
		arch_irq_enable();
		ti = (struct trap_info){
			.kind = TRAP_PROTECTION,
			.name = "#GP general protection (return to a non-canonical pc)",
			.cause = 13,
			.pc = tf->rip,
			.user = true,
			.tf = tf,
		};
		user_trap(&ti);
	}
	tf->cs = GDT_USER_CS | 3;
	tf->ss = GDT_USER_DS | 3;
	tf->rflags = (tf->rflags & RFLAGS_USER) | RFLAGS_IF | RFLAGS_FIXED;
}

/* ---- system-call registers (Linux x86_64) ---------------------------------- */

/*
 * The call number is read from tf->error, where syscall_entry keeps rax
 * as it came in (Linux's orig_rax): it survives the result being stored
 * in rax.
 */
unsigned long arch_syscall_nr(const struct trapframe *tf)
{
	return tf->error;
}

unsigned long arch_syscall_arg(const struct trapframe *tf, int n)
{
	switch (n) {
	case 0: return tf->rdi;
	case 1: return tf->rsi;
	case 2: return tf->rdx;
	case 3: return tf->r10;	/* not rcx: syscall overwrites it with rip */
	case 4: return tf->r8;
	case 5: return tf->r9;
	}
	return 0;
}

void arch_syscall_set_return(struct trapframe *tf, long ret)
{
	tf->rax = (uint64_t)ret;
}

/* ---- FP and SSE state ------------------------------------------------------ */

void arch_fp_init(void *state)
{
	uint8_t *fx = state;

	memset(fx, 0, ARCH_FPSTATE_SIZE);
	*(uint16_t *)(fx + FX_FCW) = FCW_DEFAULT;
	*(uint32_t *)(fx + FX_MXCSR) = MXCSR_DEFAULT;
}

void arch_fp_save(void *state)
{
	assert((uintptr_t)state % ARCH_FPSTATE_ALIGN == 0);
	__asm__ volatile("fxsave64 %0" : "=m"(*(uint8_t (*)[ARCH_FPSTATE_SIZE])state));
}

/*
 * fxrstor64 faults (#GP) on an MXCSR with reserved bits set: whoever
 * fills @state from user memory (sigreturn) must clear them first.
 */
void arch_fp_restore(const void *state)
{
	assert((uintptr_t)state % ARCH_FPSTATE_ALIGN == 0);
	__asm__ volatile("fxrstor64 %0" : : "m"(*(const uint8_t (*)[ARCH_FPSTATE_SIZE])state));
}
