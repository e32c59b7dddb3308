/*
 * arch/x86_64/entry.S - the way into and out of every trap.
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
 * arch_capture_regs() at the end fills a trapframe without a trap, for
 * panic()'s register dump.
 */
#include "regs.h"
#include "cpu.h"

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
	jz	2f
	swapgs
2:	popq	%r15
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
