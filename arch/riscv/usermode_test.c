/*
 * arch/riscv/usermode_test.c - user mode on riscv64, end to end: tiny
 * hand-assembled programs (usermode_test_progs.S) run as real processes
 * through exec, ecall, the timer and trap_return_to_user(). Run with
 * ktest=riscv.
 *
 * Each program is written into a one-segment ELF file under /tmp and run
 * by a kernel thread that turns itself into a process: its own file-system
 * context and FP area, then exec_program() and arch_enter_user(). Its exit
 * status comes back through proc_wait(), as to any parent.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/task.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"

/* The programs, in usermode_test_progs.S. */
extern const char riscv_uprog_regs[], riscv_uprog_regs_end[];
extern const char riscv_uprog_spin[], riscv_uprog_spin_params[], riscv_uprog_spin_end[];
extern const char riscv_uprog_store_null[], riscv_uprog_store_null_end[];
extern const char riscv_uprog_illegal[], riscv_uprog_illegal_end[];
extern const char riscv_uprog_syscall_abi[], riscv_uprog_syscall_abi_end[];
extern const char riscv_uprog_fork[], riscv_uprog_fork_end[];
extern const char riscv_uprog_signal[], riscv_uprog_signal_end[];

/* ---- a one-segment ELF file -------------------------------------------- */

struct uprog_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct uprog_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

#define UPROG_VADDR	USER_BASE
#define UPROG_CODE	(sizeof(struct uprog_ehdr) + sizeof(struct uprog_phdr))
#define UPROG_MAX	4096

_Static_assert(sizeof(struct uprog_ehdr) == 64, "Elf64_Ehdr");
_Static_assert(sizeof(struct uprog_phdr) == 56, "Elf64_Phdr");
_Static_assert(UPROG_CODE % 8 == 0, "the code keeps its 8-byte alignment");

/*
 * uprog_write() writes the code [@code, @end) to @path as an executable
 * ELF file: one PT_LOAD segment, read and execute, holding the whole file
 * at UPROG_VADDR, entry at the code. Returns 0 or a negative errno.
 */
static int uprog_write(const char *path, const char *code, const char *end)
{
	size_t len = (size_t)(end - code), size = UPROG_CODE + len;
	struct uprog_ehdr *eh;
	struct uprog_phdr *ph;
	struct file *f;
	char *buf;
	long n;
	int err;

	if (size > UPROG_MAX)
		return -E2BIG;
	buf = kzalloc(size);
	if (!buf)
		return -ENOMEM;
	eh = (struct uprog_ehdr *)buf;
	ph = (struct uprog_phdr *)(eh + 1);
	memcpy(eh->ident, "\177ELF\2\1\1", 7);	/* 64-bit, little-endian, v1 */
	eh->type = 2;				/* ET_EXEC */
	eh->machine = 243;			/* EM_RISCV */
	eh->version = 1;
	eh->entry = UPROG_VADDR + UPROG_CODE;
	eh->phoff = sizeof(*eh);
	eh->flags = 0x5;			/* RVC, double-float ABI */
	eh->ehsize = sizeof(*eh);
	eh->phentsize = sizeof(*ph);
	eh->phnum = 1;
	*ph = (struct uprog_phdr){
		.type = 1,			/* PT_LOAD */
		.flags = 0x5,			/* PF_R | PF_X */
		.vaddr = UPROG_VADDR,
		.paddr = UPROG_VADDR,
		.filesz = size,
		.memsz = size,
		.align = PAGE_SIZE,
	};
	memcpy(buf + UPROG_CODE, code, len);

	err = vfs_open(current->fs, path, O_CREAT | O_WRONLY | O_TRUNC, 0755, &f);
	if (err)
		goto out_free;
	n = vfs_write(f, buf, size);
	err = n == (long)size ? 0 : n < 0 ? (int)n : -EIO;
	file_put(f);
out_free:
	kfree(buf);
	return err;
}

/* The spin program's parameters, at riscv_uprog_spin_params in the file. */
struct spin_params {
	uint64_t spin, rounds, yield;
};

static int uprog_write_spin(const char *path, const struct spin_params *p)
{
	size_t len = (size_t)(riscv_uprog_spin_end - riscv_uprog_spin);
	size_t at = (size_t)(riscv_uprog_spin_params - riscv_uprog_spin);
	char code[UPROG_MAX];

	if (len > sizeof(code) || at + sizeof(*p) > len)
		return -E2BIG;
	memcpy(code, riscv_uprog_spin, len);
	memcpy(code + at, p, sizeof(*p));
	return uprog_write(path, code, code + len);
}

/* ---- running one ----------------------------------------------------------- */

/*
 * uprog_entry() is the kernel thread that becomes the process: it gives
 * itself what a user task has (its own file-system context, an FP area),
 * replaces itself with the program @arg and enters user mode. If it
 * cannot, it exits with status 127, as a shell would report.
 */
static void uprog_entry(void *arg)
{
	const char *path = arg;
	char *argv[] = { (char *)path, NULL };
	char *envp[] = { NULL };
	struct fs_context *fs = fs_context_clone(current->fs);

	if (!fs)
		proc_exit(W_EXITCODE(127));
	current->fs = fs;
	current->fpstate = kzalloc(ARCH_FPSTATE_SIZE);
	if (!current->fpstate || exec_program(path, argv, envp))
		proc_exit(W_EXITCODE(127));
	arch_enter_user(current->tf);
}

/* uprog_start() starts the program at @path as a child; returns its pid. */
static int uprog_start(const char *path)
{
	return kthread_create(uprog_entry, (void *)path, "uprog");
}

/* uprog_run() runs @path to its end; returns its wait4 status, or -1. */
static int uprog_run(const char *path)
{
	int pid = uprog_start(path), status = -1;

	if (pid < 0 || proc_wait(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* ---- the tests -------------------------------------------------------------- */

KTEST(riscv, new_program_starts_with_zero_registers_and_clean_fp)
{
	const char *path = "/tmp/riscv-uprog-regs";

	KT_ASSERT(uprog_write(path, riscv_uprog_regs, riscv_uprog_regs_end) == 0);
	KT_EXPECT(uprog_run(path) == W_EXITCODE(0));
	vfs_unlink(current->fs, path);
}

KTEST(riscv, ecall_returns_in_a0_and_keeps_other_registers)
{
	const char *path = "/tmp/riscv-uprog-abi";
	int pid, status = -1;

	KT_ASSERT(uprog_write(path, riscv_uprog_syscall_abi, riscv_uprog_syscall_abi_end) == 0);
	pid = uprog_start(path);
	KT_ASSERT(pid > 0);
	KT_EXPECT(proc_wait(pid, &status, 0) == pid);
	KT_EXPECT(status == W_EXITCODE(pid));		/* exit(getpid()) */
	vfs_unlink(current->fs, path);
}

KTEST(riscv, forked_child_starts_with_the_parents_registers)
{
	const char *path = "/tmp/riscv-uprog-fork";

	KT_ASSERT(uprog_write(path, riscv_uprog_fork, riscv_uprog_fork_end) == 0);
	KT_EXPECT(uprog_run(path) == W_EXITCODE(0));
	vfs_unlink(current->fs, path);
}

/*
 * A handler gets Linux's frame and returns through the trampoline; after
 * rt_sigreturn every register is back, FP included, and a change the
 * handler made in the saved context is taken.
 */
KTEST(riscv, signal_handler_returns_through_the_trampoline_with_every_register)
{
	const char *path = "/tmp/riscv-uprog-signal";

	KT_ASSERT(uprog_write(path, riscv_uprog_signal, riscv_uprog_signal_end) == 0);
	KT_EXPECT(uprog_run(path) == W_EXITCODE(0));
	vfs_unlink(current->fs, path);
}

KTEST(riscv, user_store_to_null_is_killed_with_sigsegv)
{
	const char *path = "/tmp/riscv-uprog-null";

	KT_ASSERT(uprog_write(path, riscv_uprog_store_null, riscv_uprog_store_null_end) == 0);
	KT_EXPECT(uprog_run(path) == SIGSEGV);
	vfs_unlink(current->fs, path);
}

KTEST(riscv, user_illegal_instruction_is_killed_with_sigill)
{
	const char *path = "/tmp/riscv-uprog-illegal";

	KT_ASSERT(uprog_write(path, riscv_uprog_illegal, riscv_uprog_illegal_end) == 0);
	KT_EXPECT(uprog_run(path) == SIGILL);
	vfs_unlink(current->fs, path);
}

/*
 * Two programs fill their FP and callee-saved registers, gp and tp with
 * values of their own, then take turns through sched_yield; each checks
 * its registers after every turn.
 */
KTEST(riscv, programs_yielding_in_turn_keep_their_registers)
{
	const char *path = "/tmp/riscv-uprog-yield";
	const struct spin_params p = { .spin = 200000, .rounds = 20, .yield = 1 };
	int pid[2], status[2] = { -1, -1 };

	KT_ASSERT(uprog_write_spin(path, &p) == 0);
	pid[0] = uprog_start(path);
	pid[1] = uprog_start(path);
	KT_ASSERT(pid[0] > 0 && pid[1] > 0);
	for (int i = 0; i < 2; i++) {
		KT_EXPECT(proc_wait(pid[i], &status[i], 0) == pid[i]);
		KT_EXPECT(status[i] == W_EXITCODE(0));
	}
	vfs_unlink(current->fs, path);
}

/*
 * The timer preempts programs that never make a system call. A kernel
 * thread started just before two spinners yields the CPU to them; if the
 * first were not preempted, the thread could only run again once it had
 * exited. The two spinners check their registers as they go, so each
 * preemption also checks that the other's FP and integer state did not
 * leak into them.
 */
struct preempt_watch {
	int pid;			/* the first spinner */
	volatile bool saw_it_running;
};

static void preempt_watcher(void *arg)
{
	struct preempt_watch *w = arg;
	struct task *t;

	sched_yield_cpu();
	t = task_find(w->pid);
	w->saw_it_running = t && t->state != 'Z';
	proc_exit(W_EXITCODE(0));
}

KTEST(riscv, timer_preempts_spinning_programs_keeping_their_registers)
{
	const char *path = "/tmp/riscv-uprog-spin";
	const struct spin_params p = { .spin = 10000000, .rounds = 10, .yield = 0 };
	static struct preempt_watch w;
	int watcher, other, status[2] = { -1, -1 };

	KT_ASSERT(uprog_write_spin(path, &p) == 0);
	w = (struct preempt_watch){ .pid = -1 };
	watcher = kthread_create(preempt_watcher, &w, "watcher");
	KT_ASSERT(watcher > 0);
	w.pid = uprog_start(path);		/* before the watcher first runs */
	other = uprog_start(path);
	KT_ASSERT(w.pid > 0 && other > 0);
	KT_EXPECT(proc_wait(watcher, NULL, 0) == watcher);
	KT_EXPECT(proc_wait(w.pid, &status[0], 0) == w.pid);
	KT_EXPECT(proc_wait(other, &status[1], 0) == other);
	KT_EXPECT(w.saw_it_running);
	KT_EXPECT(status[0] == W_EXITCODE(0));
	KT_EXPECT(status[1] == W_EXITCODE(0));
	vfs_unlink(current->fs, path);
}
