/*
 * arch/x86_64/switch.S - switching kernel stacks between tasks (the
 * contract is in kernel/arch.h, "Tasks").
 *
 * arch_switch() is an ordinary call for the task that makes it: the
 * registers the C ABI lets a callee clobber are dead across it, so only
 * the callee-saved ones (rbx, rbp, r12-r15), the stack pointer and the
 * return address go into struct arch_context (regs.h). Loading another
 * task's context and jumping to its saved rip makes that task's own old
 * call to arch_switch() return. The user FS base rides along: it is the
 * one piece of user state held in an MSR rather than in the trapframe.
 *
 * A new task's context (arch_context_init() in usermode.c) resumes at
 * task_trampoline below, which calls fn(arg).
 */
#include "regs.h"
#include "cpu.h"

	.text

/*
 * void arch_switch(struct arch_context *from, struct arch_context *to)
 * from in %rdi, to in %rsi. Interrupts may be on: an interrupt that
 * lands in the middle finds a valid stack either side of the rsp load.
 * (The scheduler calls it with them off and restores its own flags.)
 */
	.globl	arch_switch
	.type	arch_switch, @function
arch_switch:
	/* Save: "from" resumes as if returning from this call. */
	movq	(%rsp), %rax
	movq	%rax, CTX_RIP(%rdi)
	leaq	8(%rsp), %rax
	movq	%rax, CTX_RSP(%rdi)
	movq	%rbx, CTX_RBX(%rdi)
	movq	%rbp, CTX_RBP(%rdi)
	movq	%r12, CTX_R12(%rdi)
	movq	%r13, CTX_R13(%rdi)
	movq	%r14, CTX_R14(%rdi)
	movq	%r15, CTX_R15(%rdi)

	/* The FS base: save the outgoing one, load the incoming one if it differs. */
	movl	$MSR_FS_BASE, %ecx
	rdmsr
	movl	%eax, CTX_FS_BASE(%rdi)
	movl	%edx, CTX_FS_BASE + 4(%rdi)
	movq	CTX_FS_BASE(%rsi), %r8
	shlq	$32, %rdx
	orq	%rdx, %rax
	cmpq	%rax, %r8
	je	1f
	movl	%r8d, %eax
	shrq	$32, %r8
	movl	%r8d, %edx
	wrmsr
1:
	/*
	 * Reload ss with the kernel's data selector. An interrupt from user
	 * mode leaves a null ss behind, and on AMD CPUs a later sysretq
	 * (in whichever task runs next) would keep that null selector's
	 * "unusable" attributes for user mode. Linux does the same.
	 */
	movl	$GDT_KERNEL_DS, %eax
	movl	%eax, %ss

	/* Load "to" and resume it. */
	movq	CTX_RBX(%rsi), %rbx
	movq	CTX_RBP(%rsi), %rbp
	movq	CTX_R12(%rsi), %r12
	movq	CTX_R13(%rsi), %r13
	movq	CTX_R14(%rsi), %r14
	movq	CTX_R15(%rsi), %r15
	movq	CTX_RSP(%rsi), %rsp
	jmpq	*CTX_RIP(%rsi)
	.size	arch_switch, . - arch_switch

/*
 * task_trampoline: where a new task's first arch_switch() lands, on the
 * empty stack arch_context_init() gave it (16-byte aligned), with fn in
 * %r12 and arg in %r13. rbp is 0, so fn's frame is the last one a
 * backtrace follows. fn must not return; if it does, that is a panic.
 */
	.globl	task_trampoline
	.type	task_trampoline, @function
task_trampoline:
	xorl	%ebp, %ebp
	sti
	movq	%r13, %rdi
	call	*%r12
	leaq	.Lreturned(%rip), %rdi
	movq	%r12, %rsi
	xorl	%eax, %eax
	call	panic
	.size	task_trampoline, . - task_trampoline

	.section .rodata.str1.1, "aMS", @progbits, 1
.Lreturned:
	.string	"a task function returned: %p"
