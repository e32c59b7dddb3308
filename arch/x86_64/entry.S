/*
 * arch/x86_64/entry.S - the way into and out of every trap and system call.
 *
 * Each of the 256 IDT vectors points at a stub below. A stub pushes a zero
 * where the CPU pushes no error code (so every frame has the same shape),
 * pushes its vector number and jumps to trap_common, which saves the
 * general-purpose registers as a struct trapframe (regs.h) and calls
 * trap_dispatch(tf) in trap.c. On return the registers are restored from
 * the trapframe, so a handler may change the resume address (rip) or any
 * register, and iretq goes back.
 *
 * trap_common also links a two-word frame (interrupted rbp, interrupted
 * rip) in front of the call, so a backtrace taken inside a handler walks on
 * into the code that was interrupted.
 *
 * The syscall instruction enters at syscall_entry, which builds the same
 * struct trapframe by hand (the CPU pushes nothing) and calls
 * syscall_dispatch(tf) (kernel/syscall.c). arch_enter_user() enters user
 * mode from a trapframe for the first time.
 *
 * The GS rule (usermode.c explains it): in the kernel, GS base is the
 * per-CPU area; in user mode it is the user's, with the per-CPU area in
 * KERNEL_GS_BASE. Every entry from user mode begins with swapgs and every
 * exit to user mode ends with one, with interrupts off in between the
 * exit's swapgs and its iretq or sysretq. Every exit to user mode but an
 * NMI's first calls user_return_prepare(tf) (usermode.c): the
 * scheduler's trap_return_to_user() and a sanity check of the frame.
 *
 * arch_capture_regs() at the end fills a trapframe without a trap, for
 * panic()'s register dump.
 */
#include "regs.h"
#include "cpu.h"
#include "asm.h"

/* Vectors for which the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30. */
#define ERROR_CODE_VECTORS 0x60227d00

/* One stub; the .org pads it to its slot and fails if it outgrew it. */
	.macro trap_stub v
	.if \v >= 32
	pushq	$0
	.elseif ((ERROR_CODE_VECTORS >> \v) & 1) == 0
	pushq	$0
	.endif
	pushq	$\v
	jmp	trap_common
	.org	trap_stubs + (\v + 1) * TRAP_STUB_SIZE, 0xcc
	.endm

	.text
	.balign TRAP_STUB_SIZE
	.globl trap_stubs
trap_stubs:
	.altmacro
	.set vec, 0
	.rept 256
	trap_stub %vec		/* %vec: the number, not the symbol */
	.set vec, vec + 1
	.endr
	.noaltmacro

trap_common:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	/* From user mode (CPL 3 in the saved cs): switch to the kernel's gs. */
	testb	$3, TF_CS(%rsp)
	jz	1f
	swapgs
1:	mov	%rsp, %rdi		/* the trapframe: trap_dispatch's argument */
	pushq	TF_RIP(%rsp)		/* a frame for the unwinder: rip, rbp */
	pushq	%rbp
	mov	%rsp, %rbp
	call	trap_dispatch
	add	$16, %rsp

	testb	$3, TF_CS(%rsp)
	jz	restore_and_iret
	/*
	 * An NMI runs on its own IST stack, which the next NMI reuses: it
	 * must not switch tasks, so it goes straight back.
	 */
	cmpq	$2, TF_VECTOR(%rsp)
	je	iret_to_user
	mov	%rsp, %rdi
	call	user_return_prepare	/* returns with interrupts off */
	jmp	iret_to_user

/*
 * iret_to_user: %rsp points at a struct trapframe for user mode and
 * interrupts are off. Back to the user's gs, then restore and iretq.
 */
iret_to_user:
	swapgs
restore_and_iret:
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	add	$16, %rsp		/* vector and error code */
	iretq

/*
 * syscall_entry: the syscall instruction lands here (MSR_LSTAR) in ring 0
 * with rcx = the user rip, r11 = the user rflags, IF/DF/TF/AC cleared
 * (MSR_FMASK), and everything else as user mode left it: rsp is still
 * the user's stack, gs the user's. rax holds the call number, rdi, rsi,
 * rdx, r10, r8 and r9 the arguments (usermode.c reads them).
 */
	.globl	syscall_entry
	.type	syscall_entry, @function
syscall_entry:
	swapgs
	movq	%rsp, %gs:PCPU_USER_RSP
	movq	%gs:PCPU_KERNEL_RSP, %rsp
	/* What an interrupt from user mode would have pushed... */
	pushq	$(GDT_USER_DS | 3)		/* ss */
	pushq	%gs:PCPU_USER_RSP		/* rsp */
	pushq	%r11				/* rflags */
	pushq	$(GDT_USER_CS | 3)		/* cs */
	pushq	%rcx				/* rip */
	pushq	%rax				/* error: the call number */
	pushq	$VECTOR_SYSCALL			/* vector */
	/* ...and what trap_common pushes. */
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	xorl	%ebp, %ebp		/* backtraces end at this frame */
	mov	%rsp, %rdi
	sti
	call	syscall_dispatch
	mov	%rsp, %rdi
	call	user_return_prepare	/* returns with interrupts off */

	/*
	 * sysretq loads rip from rcx and rflags from r11, so it can only
	 * return a frame whose rcx and r11 already hold those: every
	 * ordinary call. A frame that exec or a signal rewrote goes out
	 * through iretq. rip must be a user address (sysretq to a
	 * non-canonical one faults in ring 0 on Intel CPUs with the user's
	 * rsp loaded), and TF and RF leave through iretq as well.
	 */
	movq	TF_RCX(%rsp), %rcx
	cmpq	%rcx, TF_RIP(%rsp)
	jne	iret_to_user
	movq	TF_R11(%rsp), %r11
	cmpq	%r11, TF_RFLAGS(%rsp)
	jne	iret_to_user
	testl	$(ASM_RFLAGS_TF | ASM_RFLAGS_RF), %r11d
	jnz	iret_to_user
	movq	%rcx, %rax
	shrq	$47, %rax
	jnz	iret_to_user

	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11			/* = rflags */
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx			/* = rip */
	popq	%rbx
	popq	%rax
	movq	TF_RSP - TF_VECTOR(%rsp), %rsp
	swapgs
	sysretq
	.size	syscall_entry, . - syscall_entry

/*
 * __noreturn void arch_enter_user(struct trapframe *tf)
 * tf lies on the current kernel stack, at or near its top: everything
 * below it is dropped. The prepare call runs below tf, 16-byte aligned.
 */
	.globl	arch_enter_user
	.type	arch_enter_user, @function
arch_enter_user:
	movq	%rdi, %rbx
	movq	%rdi, %rsp
	andq	$-16, %rsp
	xorl	%ebp, %ebp
	call	user_return_prepare	/* returns with interrupts off */
	movq	%rbx, %rsp
	jmp	iret_to_user
	.size	arch_enter_user, . - arch_enter_user

/*
 * arch_capture_regs(tf) stores its caller's registers in *tf (%rdi), in
 * struct trapframe order, as they are at the call: rip is the return
 * address, rsp the caller's stack pointer once the call has returned.
 * vector is -1 (trap.c's VECTOR_NONE: no trap) and error 0.
 */
	.globl	arch_capture_regs
	.type	arch_capture_regs, @function
arch_capture_regs:
	.set	off, 0
	.irp	reg, r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax
	movq	%\reg, off(%rdi)
	.set	off, off + 8
	.endr
	.if	off != TF_VECTOR
	.error	"arch_capture_regs: struct trapframe changed"
	.endif
	movq	$-1, TF_VECTOR(%rdi)
	movq	$0, TF_VECTOR + 8(%rdi)		/* error */
	movq	(%rsp), %rax			/* the return address */
	movq	%rax, TF_RIP(%rdi)
	movq	%cs, %rax
	movq	%rax, TF_CS(%rdi)
	pushfq
	popq	%rax
	movq	%rax, TF_CS + 8(%rdi)		/* rflags */
	leaq	8(%rsp), %rax
	movq	%rax, TF_CS + 16(%rdi)		/* rsp */
	movq	%ss, %rax
	movq	%rax, TF_CS + 24(%rdi)		/* ss */
	.if	TF_CS + 32 != TF_SIZE
	.error	"arch_capture_regs: struct trapframe changed"
	.endif
	ret
	.size	arch_capture_regs, . - arch_capture_regs
