/*
 * arch/riscv/usermode_test_progs.S - tiny user programs for
 * usermode_test.c, assembled by hand into .rodata.
 *
 * The kernel never runs these bytes itself: the test copies each program,
 * from its symbol to its _end symbol, into a one-segment ELF file and
 * runs that as a process. So the code is position independent (only
 * pc-relative branches and lla), speaks nothing but the Linux riscv64
 * system-call ABI (number in a7, arguments in a0-a5), and ends with
 * exit(status): 0 for "all was as expected", otherwise a code saying what
 * was not. The kernel is built without F and D; these programs use them.
 */
#define NR_EXIT		93
#define NR_SCHED_YIELD	124
#define NR_GETPID	172

	.macro	EXIT code
	li	a0, \code
	li	a7, NR_EXIT
	ecall
	.endm

	.section .rodata
	.option	push
	.option	arch, +d

/*
 * riscv_uprog_regs: design.md section 4's state at entry. Exits with n if
 * x<n> is not zero (sp excepted), 32 + n if f<n> is not zero, 64 if fcsr
 * is not zero, 65 if sp is not 16-byte aligned, 0 if all is well.
 */
	.balign	8
	.globl	riscv_uprog_regs, riscv_uprog_regs_end
riscv_uprog_regs:
	.irp	r, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	beqz	x\r, 1f
	EXIT	\r
1:
	.endr
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fmv.x.d	t0, f\n
	beqz	t0, 1f
	EXIT	32 + \n
1:
	.endr
	frcsr	t0
	beqz	t0, 1f
	EXIT	64
1:	andi	t0, sp, 15
	beqz	t0, 1f
	EXIT	65
1:	EXIT	0
riscv_uprog_regs_end:

/*
 * riscv_uprog_spin: fills f0-f31, fcsr's flags, gp, tp and s4-s11 with
 * values made from its pid, then, for rounds times, spins for spin
 * iterations (the timer preempts it there) and, if yield is non-zero,
 * calls sched_yield (switched out in a system call), checking after each
 * round that every one of those registers still holds its value. Exits
 * with 0, or 1 (an f register changed), 2 (fcsr), 3 (gp), 4 (tp),
 * 5 (an s register). The test sets the parameters at
 * riscv_uprog_spin_params: spin, rounds, yield, 8 bytes each.
 */
	.balign	8
	.globl	riscv_uprog_spin, riscv_uprog_spin_params, riscv_uprog_spin_end
riscv_uprog_spin:
	li	a7, NR_GETPID
	ecall
	mv	s0, a0			/* the seed */
	lla	t0, riscv_uprog_spin_params
	ld	s1, 0(t0)		/* spin */
	ld	s2, 8(t0)		/* rounds */
	ld	s3, 16(t0)		/* yield */

	slli	t1, s0, 8
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fmv.d.x	f\n, t1
	addi	t1, t1, 1
	.endr
	andi	t1, s0, 0x1f
	fscsr	t1			/* frm 0, the flags from the seed */
	addi	gp, s0, 100
	addi	tp, s0, 200
	.irp	n, 4, 5, 6, 7, 8, 9, 10, 11
	addi	s\n, s0, \n
	.endr

.Lround:
	mv	t2, s1
.Lspin:
	addi	t2, t2, -1
	bnez	t2, .Lspin
	beqz	s3, .Lcheck
	li	a7, NR_SCHED_YIELD
	ecall
.Lcheck:
	slli	t1, s0, 8
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fmv.x.d	t0, f\n
	bne	t0, t1, .Lbad_f
	addi	t1, t1, 1
	.endr
	frcsr	t0
	andi	t1, s0, 0x1f
	bne	t0, t1, .Lbad_fcsr
	addi	t1, s0, 100
	bne	gp, t1, .Lbad_gp
	addi	t1, s0, 200
	bne	tp, t1, .Lbad_tp
	.irp	n, 4, 5, 6, 7, 8, 9, 10, 11
	addi	t1, s0, \n
	bne	s\n, t1, .Lbad_s
	.endr
	addi	s2, s2, -1
	bnez	s2, .Lround
	EXIT	0
.Lbad_f:
	EXIT	1
.Lbad_fcsr:
	EXIT	2
.Lbad_gp:
	EXIT	3
.Lbad_tp:
	EXIT	4
.Lbad_s:
	EXIT	5
	.balign	8
riscv_uprog_spin_params:
	.quad	0, 0, 0
riscv_uprog_spin_end:

/* riscv_uprog_store_null: a store to address 0, which nothing maps. */
	.balign	8
	.globl	riscv_uprog_store_null, riscv_uprog_store_null_end
riscv_uprog_store_null:
	li	t0, 1
	sd	t0, 0(zero)
	EXIT	0
riscv_uprog_store_null_end:

/* riscv_uprog_illegal: the all-zero word, defined to be illegal. */
	.balign	8
	.globl	riscv_uprog_illegal, riscv_uprog_illegal_end
riscv_uprog_illegal:
	.4byte	0
	EXIT	0
riscv_uprog_illegal_end:

/*
 * riscv_uprog_syscall_abi: an unknown system call answers -ENOSYS in a0
 * and leaves every other register alone (exit 1 or 2 otherwise); getpid's
 * result arrives in a0 and is the exit status.
 */
	.balign	8
	.globl	riscv_uprog_syscall_abi, riscv_uprog_syscall_abi_end
riscv_uprog_syscall_abi:
	li	a1, 11
	li	a5, 15
	li	t6, 31
	li	s11, 27
	li	a7, 4095		/* far beyond the table */
	ecall
	li	t0, -38			/* -ENOSYS */
	bne	a0, t0, 1f
	li	t0, 11
	bne	a1, t0, 2f
	li	t0, 15
	bne	a5, t0, 2f
	li	t0, 31
	bne	t6, t0, 2f
	li	t0, 27
	bne	s11, t0, 2f
	li	t0, 4095
	bne	a7, t0, 2f
	li	a7, NR_GETPID
	ecall
	li	a7, NR_EXIT
	ecall
1:	EXIT	1
2:	EXIT	2
riscv_uprog_syscall_abi_end:

/*
 * riscv_uprog_fork: sets f5, fcsr's flags, s5, gp and tp, then forks
 * (clone with SIGCHLD only). The child checks that it has the same values
 * and exits 7 (9 if not); the parent waits for it (wait4) and exits 0 if
 * its status was exit(7) and its own registers were kept, else 1-4.
 */
#define NR_CLONE	220
#define NR_WAIT4	260
	.balign	8
	.globl	riscv_uprog_fork, riscv_uprog_fork_end
riscv_uprog_fork:
	li	t1, 0x5a5a
	fmv.d.x	f5, t1
	li	t1, 0x3
	fscsr	t1
	li	s5, 55
	li	gp, 77
	li	tp, 88
	li	a0, 17			/* SIGCHLD */
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a7, NR_CLONE
	ecall
	bltz	a0, .Lfork_failed
	beqz	a0, .Lchild

	mv	s1, a0			/* the child's pid */
	addi	sp, sp, -16
	li	a0, -1
	mv	a1, sp
	li	a2, 0
	li	a3, 0
	li	a7, NR_WAIT4
	ecall
	bne	a0, s1, .Lwait_failed
	lw	t0, 0(sp)
	li	t1, 7 << 8
	bne	t0, t1, .Lbad_status
	call	.Lsame_regs
	bnez	t0, .Lparent_regs
	EXIT	0
.Lfork_failed:
	EXIT	1
.Lwait_failed:
	EXIT	2
.Lbad_status:
	EXIT	3
.Lparent_regs:
	EXIT	4

.Lchild:
	call	.Lsame_regs
	bnez	t0, 1f
	EXIT	7
1:	EXIT	9

/* .Lsame_regs: t0 = 0 if f5, fcsr, s5, gp and tp hold what was set. */
.Lsame_regs:
	li	t0, 1
	fmv.x.d	t1, f5
	li	t2, 0x5a5a
	bne	t1, t2, 1f
	frcsr	t1
	li	t2, 0x3
	bne	t1, t2, 1f
	li	t2, 55
	bne	s5, t2, 1f
	li	t2, 77
	bne	gp, t2, 1f
	li	t2, 88
	bne	tp, t2, 1f
	li	t0, 0
1:	ret
riscv_uprog_fork_end:

/*
 * riscv_uprog_signal: a SIGUSR1 handler, end to end. It registers the
 * handler (rt_sigaction; riscv64 has no sa_restorer), fills s2-s11,
 * t3-t6, gp, tp, f0-f31 and fcsr with values of its own and kill()s
 * itself. The handler checks Linux's entry state: a0 = the signal,
 * a1 = &frame->info (= sp, 16-byte aligned, si_signo 10), a2 =
 * &frame->uc (a1 + 128), FP clean; it then writes 0x5151 into the saved
 * a0 of uc_mcontext, clobbers every register it may and returns through
 * ra, the kernel's trampoline. After rt_sigreturn the program expects
 * a0 = 0x5151 (the frame was read back) and all of its own values.
 * Exits 0, or: 1 rt_sigaction failed, 2 a0 after the handler, 3 an x
 * register, 4 an f register, 5 fcsr, 20-26 the handler's entry state.
 */
#define NR_KILL		129
#define NR_RT_SIGACTION	134
#define SIG_USR1	10

	.balign	8
	.globl	riscv_uprog_signal, riscv_uprog_signal_end
riscv_uprog_signal:
	addi	sp, sp, -32
	lla	t0, .Lsig_handler
	sd	t0, 0(sp)		/* sa_handler */
	sd	zero, 8(sp)		/* sa_flags */
	sd	zero, 16(sp)		/* sa_mask */
	li	a0, SIG_USR1
	mv	a1, sp
	li	a2, 0
	li	a3, 8
	li	a7, NR_RT_SIGACTION
	ecall
	addi	sp, sp, 32
	beqz	a0, 1f
	EXIT	1
1:	li	a7, NR_GETPID
	ecall
	mv	s1, a0

	.irp	n, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	li	s\n, 0x1200 + \n
	.endr
	.irp	n, 3, 4, 5, 6
	li	t\n, 0x3400 + \n
	.endr
	li	gp, 0x5600
	li	tp, 0x7800
	li	t1, 0x4000000000000000
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fmv.d.x	f\n, t1
	addi	t1, t1, 1
	.endr
	li	t1, 0x65		/* frm 3, fflags 5 */
	fscsr	t1

	mv	a0, s1
	li	a1, SIG_USR1
	li	a7, NR_KILL
	ecall				/* the handler runs on the way back */

	li	t1, 0x5151
	beq	a0, t1, 1f
	EXIT	2
1:
	.irp	n, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	li	t1, 0x1200 + \n
	bne	s\n, t1, .Lsig_bad_x
	.endr
	.irp	n, 3, 4, 5, 6
	li	t1, 0x3400 + \n
	bne	t\n, t1, .Lsig_bad_x
	.endr
	li	t1, 0x5600
	bne	gp, t1, .Lsig_bad_x
	li	t1, 0x7800
	bne	tp, t1, .Lsig_bad_x
	li	t2, 0x4000000000000000
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fmv.x.d	t1, f\n
	bne	t1, t2, .Lsig_bad_f
	addi	t2, t2, 1
	.endr
	frcsr	t1
	li	t2, 0x65
	bne	t1, t2, .Lsig_bad_fcsr
	EXIT	0
.Lsig_bad_x:
	EXIT	3
.Lsig_bad_f:
	EXIT	4
.Lsig_bad_fcsr:
	EXIT	5

.Lsig_handler:
	li	t0, SIG_USR1
	beq	a0, t0, 1f
	EXIT	20
1:	beq	a1, sp, 1f
	EXIT	21
1:	addi	t0, a1, 128
	beq	a2, t0, 1f
	EXIT	22
1:	lw	t0, 0(a1)
	li	t1, SIG_USR1
	beq	t0, t1, 1f
	EXIT	23
1:	andi	t0, sp, 15
	beqz	t0, 1f
	EXIT	24
1:	frcsr	t0
	beqz	t0, 1f
	EXIT	25
1:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fmv.x.d	t0, f\n
	beqz	t0, 1f
	EXIT	26
1:
	.endr
	li	t0, 0x5151
	sd	t0, 176 + 8 * 10(a2)	/* uc_mcontext.sc_regs.a0 */
	li	t0, -1
	.irp	n, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	mv	s\n, t0
	.endr
	.irp	n, 3, 4, 5, 6
	mv	t\n, t0
	.endr
	mv	gp, t0
	mv	tp, t0
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fmv.d.x	f\n, t0
	.endr
	fscsr	t0
	ret				/* to the trampoline: rt_sigreturn */
riscv_uprog_signal_end:

	.option	pop
