/*
 * arch/riscv/switch.S - switching kernel stacks between tasks.
 *
 * arch_switch(from, to) is an ordinary function call as far as its caller
 * knows: it saves what the calling convention says a callee must keep (ra,
 * sp, s0-s11) in *from, loads the same set from *to and returns - on the
 * other task's stack, into wherever that task called arch_switch(). The
 * caller-saved registers need no saving: the compiler assumes the call
 * clobbered them. Interrupts stay as the caller set them (schedule() turns
 * them off around the switch).
 *
 * A task that has never run has no arch_switch() call to return into;
 * arch_context_init() (usermode.c) points its ra at riscv_task_start below,
 * with the function and its argument in s1 and s2.
 */
#include "asm.h"
#include "regs.h"

	.text
	.globl	arch_switch
	.type	arch_switch, @function
arch_switch:
	sd	ra, CTX_RA(a0)
	sd	sp, CTX_SP(a0)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	sd	s\n, CTX_S(\n)(a0)
	.endr

	ld	ra, CTX_RA(a1)
	ld	sp, CTX_SP(a1)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	ld	s\n, CTX_S(\n)(a1)
	.endr
	ret
	.size	arch_switch, . - arch_switch

/*
 * riscv_task_start: the first arch_switch() to a new task "returns" here,
 * on the task's own stack, with s1 = fn, s2 = arg and s0 = 0 (set by
 * arch_context_init()). It enables interrupts and calls fn(arg). The zero
 * s0 becomes the caller's frame pointer in fn's frame record, which is
 * where a backtrace stops. fn must not return; if it does, that is a
 * kernel bug and riscv_task_returned() panics.
 */
	.globl	riscv_task_start
	.type	riscv_task_start, @function
riscv_task_start:
	csrsi	sstatus, ASM_SSTATUS_SIE
	mv	a0, s2
	jalr	s1
	mv	a0, s1
	call	riscv_task_returned
	.size	riscv_task_start, . - riscv_task_start
