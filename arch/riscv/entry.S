/*
 * arch/riscv/entry.S - the one trap entry (stvec, direct mode) and exit.
 *
 * trap_entry saves every general register, sstatus, scause, stval and sepc
 * in a struct trapframe (regs.h) on the kernel stack, calls
 * riscv_trap(tf) in trap.c, then restores the (possibly changed) frame and
 * returns with sret.
 *
 * Which stack: sscratch is 0 while the kernel runs, so a trap from the
 * kernel keeps using the current stack. When user mode arrives, the return
 * path to user mode will put the kernel stack top in sscratch; the swap
 * below then switches stacks and leaves the user sp in sscratch, which is
 * saved as tf->sp. Either way sscratch is 0 again while C runs.
 *
 * arch_capture_regs() at the end fills a trapframe without a trap, for
 * panic()'s register dump.
 */
#include "regs.h"

#define SAVE(n, reg)	sd reg, TF_X(n)(sp)
#define LOAD(n, reg)	ld reg, TF_X(n)(sp)

	.text
	.balign 4		/* stvec needs a 4-byte aligned base */
	.globl trap_entry
trap_entry:
	csrrw	sp, sscratch, sp	/* sp = kernel stack if from user, else 0 */
	bnez	sp, 1f
	csrr	sp, sscratch		/* from the kernel: keep its stack */
1:	addi	sp, sp, -TF_SIZE

	SAVE(1, ra)
	SAVE(3, gp)
	SAVE(4, tp)
	SAVE(5, t0)
	SAVE(6, t1)
	SAVE(7, t2)
	SAVE(8, s0)
	SAVE(9, s1)
	SAVE(10, a0)
	SAVE(11, a1)
	SAVE(12, a2)
	SAVE(13, a3)
	SAVE(14, a4)
	SAVE(15, a5)
	SAVE(16, a6)
	SAVE(17, a7)
	SAVE(18, s2)
	SAVE(19, s3)
	SAVE(20, s4)
	SAVE(21, s5)
	SAVE(22, s6)
	SAVE(23, s7)
	SAVE(24, s8)
	SAVE(25, s9)
	SAVE(26, s10)
	SAVE(27, s11)
	SAVE(28, t3)
	SAVE(29, t4)
	SAVE(30, t5)
	SAVE(31, t6)

	csrr	t0, sscratch		/* the sp the trap interrupted */
	sd	t0, TF_X(2)(sp)
	csrw	sscratch, zero		/* the kernel runs now */
	csrr	t0, sstatus
	sd	t0, TF_STATUS(sp)
	csrr	t0, scause
	sd	t0, TF_CAUSE(sp)
	csrr	t0, stval
	sd	t0, TF_TVAL(sp)
	csrr	t0, sepc
	sd	t0, TF_EPC(sp)
	sd	s0, TF_FRAME_FP(sp)

	/* Frame record: s0 points past {frame_fp, epc}. */
	addi	s0, sp, TF_SIZE
	mv	a0, sp
	call	riscv_trap

	.globl trap_return
trap_return:
	/* sret goes back to tf->epc with the privilege and SIE in tf->status. */
	ld	t0, TF_STATUS(sp)
	csrw	sstatus, t0
	ld	t0, TF_EPC(sp)
	csrw	sepc, t0

	LOAD(1, ra)
	LOAD(3, gp)
	LOAD(4, tp)
	LOAD(5, t0)
	LOAD(6, t1)
	LOAD(7, t2)
	LOAD(8, s0)
	LOAD(9, s1)
	LOAD(10, a0)
	LOAD(11, a1)
	LOAD(12, a2)
	LOAD(13, a3)
	LOAD(14, a4)
	LOAD(15, a5)
	LOAD(16, a6)
	LOAD(17, a7)
	LOAD(18, s2)
	LOAD(19, s3)
	LOAD(20, s4)
	LOAD(21, s5)
	LOAD(22, s6)
	LOAD(23, s7)
	LOAD(24, s8)
	LOAD(25, s9)
	LOAD(26, s10)
	LOAD(27, s11)
	LOAD(28, t3)
	LOAD(29, t4)
	LOAD(30, t5)
	LOAD(31, t6)
	LOAD(2, sp)		/* last: it is the base of every load above */
	sret

/*
 * arch_capture_regs(tf) stores its caller's registers in *tf (a0) as they
 * are at the call: x1..x31 as they are (ra is the return address, sp and
 * s0 the caller's), epc = ra, the current sstatus, and scause -1 (trap.c's
 * CAUSE_NONE: no trap). frame_fp is s0, so a backtrace from the frame
 * starts in the caller.
 */
	.globl	arch_capture_regs
	.type	arch_capture_regs, @function
arch_capture_regs:
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, TF_X(\n)(a0)
	.endr
	sd	ra, TF_EPC(a0)
	sd	s0, TF_FRAME_FP(a0)
	sd	zero, TF_UNWIND_FP(a0)
	sd	zero, TF_UNWIND_RA(a0)
	sd	zero, TF_TVAL(a0)
	li	t0, -1
	sd	t0, TF_CAUSE(a0)
	csrr	t0, sstatus
	sd	t0, TF_STATUS(a0)
	ret
	.size	arch_capture_regs, . - arch_capture_regs
