/*
 * user/lib/arch/x86_64/restore_rt.S - the return from a signal handler.
 *
 * On x86_64 the C library, not the kernel, supplies the code a handler
 * returns into: sigaction() passes it as sa_restorer with SA_RESTORER
 * (user/lib/glue_signal.c). The kernel pushed its address as the
 * handler's return address; when the handler returns, rsp points just
 * past it, at the signal frame (the ucontext), and rt_sigreturn (15)
 * puts back the registers and the signal mask saved there.
 */
	.text
	.globl	__atlas_restore_rt
	.type	__atlas_restore_rt, @function
__atlas_restore_rt:
	movl	$15, %eax		/* rt_sigreturn */
	syscall
	hlt				/* not reached: a fault if it ever is */
	.size	__atlas_restore_rt, . - __atlas_restore_rt

	.section .note.GNU-stack, "", @progbits
