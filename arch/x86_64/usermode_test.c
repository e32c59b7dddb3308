/*
 * arch/x86_64/usermode_test.c - real ring-3 code, hand-assembled, run as
 * processes: what the program sees at entry (design.md §4), the syscall
 * and sysretq path, interrupts and preemption in user mode, the FS base
 * per task, and exceptions from user mode ending only the process.
 * Run with ktest=x86.
 *
 * Each test starts kernel threads (kthread_create()) that give themselves
 * a small address space (code page, data page, stack page), a clean FP
 * state and a trapframe from arch_user_regs_init(), then enter user mode
 * with arch_enter_user(); the test waits for them with proc_wait() and
 * reads the verdict from the exit status.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/task.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"
#include "cpu.h"

#define UCODE		0x400000ul
#define UDATA		0x401000ul
#define USTACK_TOP	0x404000ul	/* two pages of stack below */

/* The data page: written by the thread before entry, read by the program. */
#define D_PID		0x00	/* the process's pid */
#define D_FS_WANT	0x08	/* what %fs:0 must read */
#define D_FS_BASE	0x10	/* the FS base to set */
#define D_FS_GOT	0x18	/* ARCH_GET_FS stores here */
#define D_T0		0x20	/* struct timespec: the loop's start */
#define D_T1		0x30	/* and now */
#define D_SLOT_A	0x100	/* two candidate FS targets: a process whose */
#define D_SLOT_B	0x200	/* base went astray reads the other one */

/* The checker's verdict, one bit per failed check, as its exit code. */
#define BAD_ENTRY_REGS	0x01	/* a register other than rsp was not 0 */
#define BAD_RING	0x02	/* cs, ss or IF not as user mode's */
#define BAD_FP		0x04	/* MXCSR or the x87 control word not default */
#define BAD_GETPID	0x08	/* getpid returned something else */
#define BAD_SYSCALL	0x10	/* a register Linux preserves changed over syscall */
#define BAD_PREEMPT	0x20	/* ...or over 1000 calls and a preempted loop
				 * (or clock_gettime failed) */
#define BAD_FS		0x40	/* arch_prctl(ARCH_SET_FS) or %fs:0 wrong */
#define BAD_GET_FS	0x80	/* ARCH_GET_FS or the -EPERM check wrong */

/*
 * The checker. Registers Linux keeps over a syscall (all but rax, rcx
 * and r11) get patterns before its calls and are compared after. It
 * names the data page's fields by absolute address, UDATA + D_*:
 * 0x401000 the pid, 0x401008 the FS word wanted, 0x401010 the FS base,
 * 0x401018 ARCH_GET_FS's answer, 0x401020 and 0x401030 two timespecs.
 */
__asm__(
	"	.pushsection .rodata\n"
	"	.balign 16\n"
	"user_checker:\n"
	/* Every register but rsp is zero. */
	"	or %rbx, %rax\n	or %rcx, %rax\n	or %rdx, %rax\n	or %rsi, %rax\n"
	"	or %rdi, %rax\n	or %rbp, %rax\n	or %r8, %rax\n	or %r9, %rax\n"
	"	or %r10, %rax\n	or %r11, %rax\n	or %r12, %rax\n	or %r13, %rax\n"
	"	or %r14, %rax\n	or %r15, %rax\n"
	"	xor %r12d, %r12d\n"
	"	test %rax, %rax\n"
	"	jz 1f\n"
	"	or $0x01, %r12d\n"
	/* Ring 3, interrupts on. */
	"1:	mov %cs, %eax\n"
	"	cmp $0x2b, %eax\n"
	"	jne 2f\n"
	"	mov %ss, %eax\n"
	"	cmp $0x23, %eax\n"
	"	jne 2f\n"
	"	pushfq\n"
	"	pop %rax\n"
	"	test $0x200, %eax\n"
	"	jnz 3f\n"
	"2:	or $0x02, %r12d\n"
	/* FP state clean. */
	"3:	sub $16, %rsp\n"
	"	stmxcsr (%rsp)\n"
	"	fnstcw 4(%rsp)\n"
	"	cmpl $0x1f80, (%rsp)\n"
	"	jne 4f\n"
	"	cmpw $0x037f, 4(%rsp)\n"
	"	je 5f\n"
	"4:	or $0x04, %r12d\n"
	"5:	add $16, %rsp\n"
	/* arch_prctl(ARCH_SET_FS, data[D_FS_BASE]) */
	"	mov $158, %eax\n"
	"	mov $0x1002, %edi\n"
	"	mov 0x401010, %rsi\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jz 6f\n"
	"	or $0x40, %r12d\n"
	/* getpid, the patterns in place */
	"6:	call set_patterns\n"
	"	mov $39, %eax\n"
	"	syscall\n"
	"	cmp 0x401000, %rax\n"
	"	je 7f\n"
	"	or $0x08, %r12d\n"
	"7:	call check_patterns\n"
	"	jz 8f\n"
	"	or $0x10, %r12d\n"
	/*
	 * 1000 more calls, then 100 ms of CLOCK_MONOTONIC spent mostly in a
	 * user-mode loop, so the timer interrupts and preempts it there.
	 */
	"8:	movq $1000, -8(%rsp)\n"
	"9:	mov $39, %eax\n"
	"	syscall\n"
	"	decq -8(%rsp)\n"
	"	jnz 9b\n"
	"	mov $0x401020, %eax\n"
	"	call clock_now\n"
	"	jnz 15f\n"
	"16:	movq $100000, -8(%rsp)\n"
	"17:	decq -8(%rsp)\n"
	"	jnz 17b\n"
	"	mov $0x401030, %eax\n"
	"	call clock_now\n"
	"	jnz 15f\n"
	"	mov 0x401030, %rax\n"
	"	sub 0x401020, %rax\n"
	"	imul $1000000000, %rax, %rax\n"
	"	add 0x401038, %rax\n"
	"	sub 0x401028, %rax\n"
	"	cmp $100000000, %rax\n"
	"	jb 16b\n"
	"	call check_patterns\n"
	"	jz 11f\n"
	"15:	or $0x20, %r12d\n"
	/* The FS base survived all that. */
	"11:	mov %fs:0, %rax\n"
	"	cmp 0x401008, %rax\n"
	"	je 12f\n"
	"	or $0x40, %r12d\n"
	/* ARCH_GET_FS gives it back; a kernel address is refused with EPERM */
	"12:	mov $158, %eax\n"
	"	mov $0x1003, %edi\n"
	"	mov $0x401018, %esi\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 13f\n"
	"	mov 0x401018, %rax\n"
	"	cmp 0x401010, %rax\n"
	"	jne 13f\n"
	"	mov $158, %eax\n"
	"	mov $0x1002, %edi\n"
	"	mov $0xffff800000000000, %rsi\n"
	"	syscall\n"
	"	cmp $-1, %rax\n"
	"	je 14f\n"
	"13:	or $0x80, %r12d\n"
	/* exit_group(verdict) */
	"14:	mov $231, %eax\n"
	"	mov %r12d, %edi\n"
	"	syscall\n"
	"	ud2\n"
	/* clock_gettime(CLOCK_MONOTONIC, %rax), rdi and rsi kept; ZF set if it worked */
	"clock_now:\n"
	"	push %rdi\n"
	"	push %rsi\n"
	"	mov %rax, %rsi\n"
	"	mov $228, %eax\n"
	"	mov $1, %edi\n"
	"	syscall\n"
	"	pop %rsi\n"
	"	pop %rdi\n"
	"	test %rax, %rax\n"
	"	ret\n"
	"set_patterns:\n"
	"	mov $0x1111, %ebx\n	mov $0x2222, %ebp\n	mov $0x3333, %edi\n"
	"	mov $0x4444, %esi\n	mov $0x5555, %edx\n	mov $0x6666, %r8d\n"
	"	mov $0x7777, %r9d\n	mov $0x8888, %r10d\n	mov $0x9999, %r13d\n"
	"	mov $0xaaaa, %r14d\n	mov $0xbbbb, %r15d\n"
	"	ret\n"
	/* ZF set when every pattern is intact */
	"check_patterns:\n"
	"	cmp $0x1111, %rbx\n	jne 1f\n	cmp $0x2222, %rbp\n	jne 1f\n"
	"	cmp $0x3333, %rdi\n	jne 1f\n	cmp $0x4444, %rsi\n	jne 1f\n"
	"	cmp $0x5555, %rdx\n	jne 1f\n	cmp $0x6666, %r8\n	jne 1f\n"
	"	cmp $0x7777, %r9\n	jne 1f\n	cmp $0x8888, %r10\n	jne 1f\n"
	"	cmp $0x9999, %r13\n	jne 1f\n	cmp $0xaaaa, %r14\n	jne 1f\n"
	"	cmp $0xbbbb, %r15\n"
	"1:	ret\n"
	"user_checker_end:\n"
	/* Programs that fault at once: a read of address 0x10, ud2, int3. */
	"user_faults:\n"
	"	mov 0x10, %rax\n"
	"user_fault_ud:\n"
	"	ud2\n"
	"user_fault_bp:\n"
	"	int3\n"
	"	ud2\n"
	"user_faults_end:\n"
	"	.popsection\n");

extern const char user_checker[], user_checker_end[];
extern const char user_faults[], user_fault_ud[], user_fault_bp[], user_faults_end[];

struct user_job {
	const char *code, *code_end;	/* copied to UCODE */
	uintptr_t pc;			/* where it starts */
	uint64_t fs_slot;		/* D_SLOT_A or D_SLOT_B */
	int pid;
	int status;
};

/* The two FS targets hold different words: each job must read its own. */
#define SLOT_A_WORD	0x5107a000a11cef00ul
#define SLOT_B_WORD	0x5107b000b0bcafe0ul

static int user_job_map(struct mm *mm, const struct user_job *job)
{
	const int anon = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
	uint64_t words[] = { current->pid, job->fs_slot == D_SLOT_A ? SLOT_A_WORD : SLOT_B_WORD,
			     UDATA + job->fs_slot };
	uint64_t a = SLOT_A_WORD, b = SLOT_B_WORD;

	if (do_mmap(mm, UCODE, PAGE_SIZE, PROT_READ | PROT_WRITE, anon, NULL, 0) < 0 ||
	    do_mmap(mm, UDATA, USTACK_TOP - UDATA, PROT_READ | PROT_WRITE, anon, NULL, 0) < 0)
		return -ENOMEM;
	if (mm_write_user(mm, UCODE, job->code, job->code_end - job->code) ||
	    mm_write_user(mm, UDATA + D_PID, words, sizeof(words)) ||
	    mm_write_user(mm, UDATA + D_SLOT_A, &a, sizeof(a)) ||
	    mm_write_user(mm, UDATA + D_SLOT_B, &b, sizeof(b)))
		return -EFAULT;
	return do_mprotect(mm, UCODE, PAGE_SIZE, PROT_READ | PROT_EXEC);
}

/* The thread that becomes the user process (kthread_create()). */
static void user_job_start(void *arg)
{
	const struct user_job *job = arg;
	struct mm *mm = mm_create();

	current->fpstate = kzalloc(ARCH_FPSTATE_SIZE);
	if (!mm || !current->fpstate || user_job_map(mm, job) < 0) {
		if (mm)
			mm_destroy(mm);
		proc_exit(W_EXITCODE(0xee));
	}
	current->mm = mm;
	mm_switch(mm);
	arch_fp_init(current->fpstate);
	arch_fp_restore(current->fpstate);
	arch_user_regs_init(current->tf, job->pc, USTACK_TOP);
	arch_enter_user(current->tf);
}

/* Runs @n jobs at once and collects their statuses. Returns 0 or an errno. */
static int user_jobs_run(struct user_job *jobs, int n)
{
	for (int i = 0; i < n; i++) {
		jobs[i].pid = kthread_create(user_job_start, &jobs[i], "x86-user");
		if (jobs[i].pid < 0)
			return jobs[i].pid;
	}
	for (int i = 0; i < n; i++)
		if (proc_wait(jobs[i].pid, &jobs[i].status, 0) != jobs[i].pid)
			return -ECHILD;
	return 0;
}

static void report_verdict(const struct user_job *job)
{
	if (job->status != W_EXITCODE(0))
		pr_err("# x86 user checker pid %d: status %#x (BAD_* bits in the exit code)\n",
		       job->pid, job->status);
}

KTEST(x86, user_program_sees_linux_entry_state_and_its_syscalls_work)
{
	struct user_job jobs[2] = {
		{ .code = user_checker, .code_end = user_checker_end, .pc = UCODE,
		  .fs_slot = D_SLOT_A },
		{ .code = user_checker, .code_end = user_checker_end, .pc = UCODE,
		  .fs_slot = D_SLOT_B },
	};
	uint64_t start = ticks;

	KT_ASSERT(user_jobs_run(jobs, 2) == 0);
	report_verdict(&jobs[0]);
	report_verdict(&jobs[1]);
	KT_EXPECT(jobs[0].status == W_EXITCODE(0));
	KT_EXPECT(jobs[1].status == W_EXITCODE(0));
	/* Each ran 100 ms, most of it in user mode: the timer interrupted it there. */
	KT_EXPECT(ticks - start >= 10);
}

KTEST(x86, user_exceptions_end_the_process_with_their_signal)
{
	struct user_job jobs[3] = {
		{ .code = user_faults, .code_end = user_faults_end, .pc = UCODE },
		{ .code = user_faults, .code_end = user_faults_end,
		  .pc = UCODE + (user_fault_ud - user_faults) },
		{ .code = user_faults, .code_end = user_faults_end,
		  .pc = UCODE + (user_fault_bp - user_faults) },
	};

	KT_ASSERT(user_jobs_run(jobs, 3) == 0);
	KT_EXPECT(jobs[0].status == SIGSEGV);
	KT_EXPECT(jobs[1].status == SIGILL);
	KT_EXPECT(jobs[2].status == SIGTRAP);
}

/*
 * A non-canonical pc would make iretq fault in ring 0; it must become the
 * process's own #GP instead (user_return_prepare()).
 */
KTEST(x86, noncanonical_entry_pc_is_the_process_s_fault_not_the_kernel_s)
{
	struct user_job job = {
		.code = user_faults, .code_end = user_faults_end, .pc = 0x0000800000000000ul,
	};

	KT_ASSERT(user_jobs_run(&job, 1) == 0);
	KT_EXPECT(job.status == SIGSEGV);
}
