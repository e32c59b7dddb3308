/*
 * arch/riscv/usermode.c - user mode on riscv64: a new task's first
 * context, a program's first registers, system calls and traps from user
 * mode, the kernel stack user traps land on, and the FP image.
 *
 * The round trip: arch_enter_user() (entry.S) or the end of any trap from
 * user mode leaves through trap_return, which puts riscv_kernel_stack_top
 * in sscratch and executes sret with SPP = 0. The next trap from user mode
 * swaps that into sp, builds a struct trapframe at the top of the task's
 * kernel stack (task->tf) and calls riscv_trap() (trap.c), which hands it
 * to riscv_user_trap() below: ecall is a system call, an interrupt goes to
 * the usual handlers, and any other exception goes to user_trap(). Every
 * one of them then passes through trap_return_to_user() (kernel/sched.c),
 * where a task whose time slice is over is switched out.
 *
 * The ABI follows Linux riscv64: the call number in a7, the arguments in
 * a0-a5, the result in a0 (design.md section 4).
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/syscalls.h"
#include "cpu.h"

/* switch.S uses these offsets; keep them and the struct in step. */
_Static_assert(offsetof(struct arch_context, ra) == CTX_RA, "CTX_RA");
_Static_assert(offsetof(struct arch_context, sp) == CTX_SP, "CTX_SP");
_Static_assert(offsetof(struct arch_context, s[11]) == CTX_S(11), "CTX_S");
_Static_assert(ARCH_FPSTATE_SIZE == FP_FCSR + 8, "the FP image is f0-f31 and fcsr");

/* The kernel stack top of the running task: set by the scheduler. */
uintptr_t riscv_kernel_stack_top;

/* ---- Tasks ------------------------------------------------------------- */

/*
 * arch_context_init(): the first arch_switch() to @ctx "returns" into
 * riscv_task_start (switch.S) on @stack_top, which calls fn(arg) with
 * interrupts on. s0 = 0 ends backtraces there.
 */
void arch_context_init(struct arch_context *ctx, uintptr_t stack_top,
		       void (*fn)(void *arg), void *arg)
{
	*ctx = (struct arch_context){
		.ra = (uintptr_t)riscv_task_start,
		.sp = stack_top,
		.s = { [0] = 0, [1] = (uintptr_t)fn, [2] = (uintptr_t)arg },
	};
}

/* riscv_task_returned(): a task function must not return; @fn did. */
__noreturn void riscv_task_returned(void *fn)
{
	uintptr_t off;
	const char *sym = ksym_lookup((uintptr_t)fn, &off);

	panic("task function %s (%p) returned", sym ? sym : "?", fn);
}

/* ---- Entering user mode ------------------------------------------------- */

/*
 * arch_user_regs_init(): a program starts with every x register zero but
 * sp, at @pc in user mode (SPP = 0) with interrupts on after sret (SPIE),
 * no access to user pages from the kernel's side (SUM = 0), FP usable and
 * clean (FS = Initial: Debian's riscv64 programs are lp64d), and the user
 * XLEN the hart has (UXL is fixed at 64 on QEMU's harts).
 */
void arch_user_regs_init(struct trapframe *tf, uintptr_t pc, uintptr_t sp)
{
	*tf = (struct trapframe){
		.sp = sp,
		.epc = pc,
		.status = (csr_read(sstatus) & SSTATUS_UXL) | SSTATUS_SPIE |
			  SSTATUS_FS_INITIAL,
	};
}

/*
 * arch_set_kernel_stack(): trap_return (entry.S) copies @top into sscratch
 * on every return to user mode, so the next trap from user mode builds its
 * frame just below @top.
 */
void arch_set_kernel_stack(uintptr_t top)
{
	riscv_kernel_stack_top = top;
}

/* arch_trapframe_is_user(): sret returns to U-mode when SPP is clear. */
bool arch_trapframe_is_user(const struct trapframe *tf)
{
	return !(tf->status & SSTATUS_SPP);
}

/* ---- System calls -------------------------------------------------------- */

unsigned long arch_syscall_nr(const struct trapframe *tf)
{
	return tf->a7;
}

/* Arguments 0-5 are a0-a5, which struct trapframe keeps in a row. */
unsigned long arch_syscall_arg(const struct trapframe *tf, int n)
{
	const uint64_t *a = &tf->a0;

	if (n < 0 || n > 5)
		return 0;
	return a[n];
}

void arch_syscall_set_return(struct trapframe *tf, long ret)
{
	tf->a0 = (uint64_t)ret;
}

/*
 * user_syscall(): ecall is always 4 bytes long, and the program resumes
 * after it. Moving epc first means a call that replaces the registers
 * (execve) or copies them (clone) sees the resume address it should.
 */
static void user_syscall(struct trapframe *tf)
{
	tf->epc += 4;
	arch_irq_enable();
	syscall_dispatch(tf);
	arch_irq_disable();
}

/*
 * user_exception(): anything else the program did. user_trap() resolves a
 * page fault or ends the process. A user trap never resumes "after" the
 * instruction, so next_pc stays 0.
 */
static void user_exception(struct trapframe *tf)
{
	struct trap_info ti;

	riscv_decode_exception(tf, &ti);
	ti.user = true;
	ti.uaccess = false;
	arch_irq_enable();
	user_trap(&ti);
	arch_irq_disable();
}

/*
 * user_return() is the last C code on every way out to user mode, with
 * interrupts off: trap_return_to_user() may switch to another task first
 * (and comes back with interrupts off again). sret goes to user mode only
 * with SPP clear, so the frame's privileged bits are set to what user mode
 * may have, whatever happened to the frame meanwhile.
 */
static void user_return(struct trapframe *tf)
{
	trap_return_to_user(tf);
	tf->status &= ~(SSTATUS_SPP | SSTATUS_SIE | SSTATUS_SUM);
	tf->status |= SSTATUS_SPIE;
}

/*
 * riscv_user_trap() is riscv_trap()'s branch for a trap from user mode, on
 * the task's kernel stack, interrupts off. The frame record ends at the
 * user boundary: a kernel backtrace does not walk into user memory. It
 * returns to trap_return, with interrupts off.
 */
void riscv_user_trap(struct trapframe *tf)
{
	tf->frame_fp = 0;
	if (tf->cause & SCAUSE_INTERRUPT)
		riscv_interrupt(tf);
	else if (tf->cause == EXC_ECALL_U)
		user_syscall(tf);
	else
		user_exception(tf);
	user_return(tf);
}

/*
 * riscv_enter_user_prepare() is arch_enter_user()'s (entry.S) C part, on
 * the stack below @tf: the same last steps as the return from a trap.
 * With no kernel stack set, sscratch would be 0 in user mode and the next
 * trap would run the kernel on the user's stack: a kernel bug.
 */
void riscv_enter_user_prepare(struct trapframe *tf)
{
	arch_irq_disable();
	user_return(tf);
	if (!riscv_kernel_stack_top)
		panic("entering user mode before arch_set_kernel_stack()");
}

/* ---- FP state ------------------------------------------------------------ */

/*
 * arch_fp_init(): all of f0-f31 zero and fcsr zero, which is round to
 * nearest, no exception flags. arch_fp_save()/arch_fp_restore() are in
 * entry.S.
 */
void arch_fp_init(void *state)
{
	memset(state, 0, ARCH_FPSTATE_SIZE);
}
