/*
 * arch/riscv/entry.S - the one trap entry (stvec, direct mode) and exit.
 *
 * trap_entry saves every general register, sstatus, scause, stval and sepc
 * in a struct trapframe (regs.h) on the kernel stack, calls
 * riscv_trap(tf) in trap.c, then restores the (possibly changed) frame and
 * returns with sret.
 *
 * Which stack: sscratch is 0 while the kernel runs, so a trap from the
 * kernel keeps using the current stack. On the way out to user mode
 * trap_return puts the running task's kernel stack top in sscratch
 * (riscv_kernel_stack_top, set by arch_set_kernel_stack()); a trap from
 * user mode then swaps it with sp, which switches stacks and leaves the
 * user sp in sscratch, saved as tf->sp. Either way sscratch is 0 again
 * while C runs. The user's gp and tp are saved and restored like the
 * other registers: the kernel uses neither.
 *
 * FP state: the kernel never uses FP registers and runs with sstatus.FS
 * Off. A trap does not change FS, so trap_entry turns it off after saving
 * sstatus (a user's FS lives on in tf->status); trap_return puts back the
 * saved value. arch_fp_save() and arch_fp_restore() at the end turn FS on
 * for just their own loads and stores.
 *
 * arch_enter_user() enters user mode for the first time through the same
 * exit path, and arch_capture_regs() fills a trapframe without a trap, for
 * panic()'s register dump.
 */
#include "asm.h"
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
	li	t1, ASM_SSTATUS_FS
	csrc	sstatus, t1		/* no FP in the kernel */
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
	/*
	 * sret goes back to tf->epc with the privilege and SIE in tf->status.
	 * Interrupts stay off from here on: once sscratch is non-zero, a trap
	 * taken in the kernel would be mistaken for one from user mode.
	 */
	csrci	sstatus, ASM_SSTATUS_SIE
	ld	t0, TF_STATUS(sp)
	andi	t1, t0, ASM_SSTATUS_SPP
	bnez	t1, 1f
	ld	t1, riscv_kernel_stack_top	/* to user mode: where its traps land */
	csrw	sscratch, t1
1:	csrw	sstatus, t0
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
 * arch_enter_user(tf) leaves the kernel through trap_return with the
 * frame @tf (a0), which must sit on the running task's kernel stack:
 * everything below it is abandoned. riscv_enter_user_prepare() runs on the
 * stack below tf, with s0 = 0 so a backtrace stops there, and returns with
 * interrupts off.
 */
	.globl	arch_enter_user
	.type	arch_enter_user, @function
arch_enter_user:
	mv	s1, a0
	andi	sp, a0, -16
	li	s0, 0
	call	riscv_enter_user_prepare
	mv	sp, s1
	j	trap_return
	.size	arch_enter_user, . - arch_enter_user

/*
 * arch_capture_regs(tf) stores its caller's registers in *tf (a0) as they
 * are at the call: x1..x31 as they are (ra is the return address, sp and
 * s0 the caller's), epc = ra, the current sstatus with SPP set (these are
 * S-mode registers, whatever the last sret left in SPP), and scause -1
 * (trap.c's CAUSE_NONE: no trap). frame_fp is s0, so a backtrace from the
 * frame starts in the caller.
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
	ori	t0, t0, ASM_SSTATUS_SPP
	sd	t0, TF_STATUS(a0)
	ret
	.size	arch_capture_regs, . - arch_capture_regs

/*
 * arch_fp_save(state) stores f0-f31 and fcsr in the image at a0 (FP_F(),
 * FP_FCSR in regs.h); arch_fp_restore(state) loads them back. The kernel
 * is built without F and D, so the instructions are enabled here alone,
 * and sstatus.FS is Initial for exactly these loads and stores, Off again
 * before returning.
 */
	.option	push
	.option	arch, +d

	.globl	arch_fp_save
	.type	arch_fp_save, @function
arch_fp_save:
	li	t0, ASM_SSTATUS_FS_INITIAL
	csrs	sstatus, t0
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fsd	f\n, FP_F(\n)(a0)
	.endr
	frcsr	t1
	sd	t1, FP_FCSR(a0)
	li	t0, ASM_SSTATUS_FS
	csrc	sstatus, t0
	ret
	.size	arch_fp_save, . - arch_fp_save

	.globl	arch_fp_restore
	.type	arch_fp_restore, @function
arch_fp_restore:
	li	t0, ASM_SSTATUS_FS_INITIAL
	csrs	sstatus, t0
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fld	f\n, FP_F(\n)(a0)
	.endr
	ld	t1, FP_FCSR(a0)
	fscsr	t1
	li	t0, ASM_SSTATUS_FS
	csrc	sstatus, t0
	ret
	.size	arch_fp_restore, . - arch_fp_restore

	.option	pop
