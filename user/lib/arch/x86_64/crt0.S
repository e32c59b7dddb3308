/*
 * user/lib/arch/x86_64/crt0.S - the entry point of every Atlas program.
 *
 * Linux (and Atlas) start a program at _start with every register zero
 * except rsp, which points at the initial stack: argc, then argv[0..argc-1]
 * and a NULL, then envp[] and a NULL, then the auxv pairs up to AT_NULL.
 * _start hands that pointer to __libc_start() (user/lib/start.c), which
 * sets up newlib and calls main; it never returns.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp		/* the outermost frame: backtraces end here */
	movq	%rsp, %rdi		/* __libc_start(initial stack) */
	andq	$-16, %rsp		/* the ABI wants rsp 16-byte aligned at a call */
	call	__libc_start
	hlt				/* not reached: a fault if it ever is */
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
