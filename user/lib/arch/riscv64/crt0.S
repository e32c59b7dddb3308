/*
 * user/lib/arch/riscv64/crt0.S - the entry point of every Atlas program.
 *
 * Linux (and Atlas) start a program at _start with every register zero
 * except sp, which points at the initial stack: argc, then argv[0..argc-1]
 * and a NULL, then envp[] and a NULL, then the auxv pairs up to AT_NULL.
 * _start loads gp (the linker relaxes accesses near __global_pointer$ to
 * gp-relative ones, so it must be set before any C runs) and hands the
 * stack pointer to __libc_start() (user/lib/start.c), which never returns.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	.option	push
	.option	norelax			/* this very load must not use gp */
	lla	gp, __global_pointer$
	.option	pop
	mv	a0, sp			/* __libc_start(initial stack) */
	andi	sp, sp, -16		/* the ABI wants sp 16-byte aligned */
	li	ra, 0			/* the outermost frame: backtraces end here */
	li	s0, 0
	call	__libc_start
	unimp				/* not reached: a fault if it ever is */
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
