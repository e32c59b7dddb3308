/*
 * kernel/syscall.c - from a system-call trap to its handler.
 *
 * The port's entry (syscall on x86_64, ecall on riscv64) saves the user
 * registers in a trapframe and calls syscall_dispatch(). It reads the
 * Linux call number and the six argument registers, looks the handler up
 * in the port's table (arch/<arch>/syscalls.c, indexed by that arch's
 * Linux numbers), runs it, and puts the result (a negative errno on
 * failure) where the arch returns it. A number Atlas does not implement
 * answers -ENOSYS, and the console says so once per number.
 */
#include "kernel/syscalls.h"
#include "kernel/task.h"
#include "kernel/kernel.h"

#define SYSCALL_NR_MAX 512

static uint64_t reported[SYSCALL_NR_MAX / 64];

void syscall_dispatch(struct trapframe *tf)
{
	unsigned long nr = arch_syscall_nr(tf), a[6];
	syscall_fn fn = NULL;
	long ret;

	current->tf = tf;		/* fork and exec work on this frame */
	for (int i = 0; i < 6; i++)
		a[i] = arch_syscall_arg(tf, i);
	if (nr < arch_syscall_count)
		fn = arch_syscall_table[nr];
	if (fn) {
		ret = fn(a);
	} else {
		if (nr < SYSCALL_NR_MAX && !(reported[nr / 64] & (1ull << (nr % 64)))) {
			reported[nr / 64] |= 1ull << (nr % 64);
			pr_warn("atlas: system call %lu is not implemented (pid %d, %s): ENOSYS\n",
				nr, current->pid, current->comm);
		}
		ret = -ENOSYS;
	}
	if (current->sigreturned)
		current->sigreturned = false;	/* keep the registers rt_sigreturn restored */
	else
		arch_syscall_set_return(tf, ret);
}
