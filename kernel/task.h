/*
 * kernel/task.h - tasks: the unit the scheduler runs, and (with an
 * address space) a process.
 *
 * A task has a kernel stack and a saved context for arch_switch(). A user
 * process also has an address space (mm), a file-system context (root,
 * cwd, descriptors), and a trapframe at the top of its kernel stack that
 * holds its user registers while it is in the kernel. Task 0 is the boot
 * code, which becomes the idle task.
 *
 * Lock legend: one CPU, and the kernel is preempted only on its way back
 * to user mode (trap_return_to_user()), so kernel code between two
 * sleeps runs alone. [s] fields belong to the scheduler (kernel/sched.c),
 * [p] to the process code (kernel/proc.c), [c] are constant.
 */
#ifndef ATLAS_TASK_H
#define ATLAS_TASK_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/arch.h"

struct mm;
struct fs_context;

#define TASK_COMM_LEN 16

/*
 * At most this many tasks exist at once, zombies included (like Linux's
 * threads-max): fork answers -EAGAIN beyond it, so a fork bomb meets a
 * clean error long before it could starve the kernel of memory.
 */
#define TASK_MAX 512

#define KSTACK_ORDER 2			/* 16 KiB kernel stacks */
#define KSTACK_SIZE (PAGE_SIZE << KSTACK_ORDER)

struct task {
	int pid;			/* [c] from task_register() */
	int ppid;			/* [p] parent's pid, 0 for none */
	char comm[TASK_COMM_LEN];	/* [p] the program's name, for ps */
	char state;			/* [s] 'R' runnable, 'S' sleeping, 'Z' zombie */
	struct mm *mm;			/* [p] its address space, NULL for a kernel task */
	struct fs_context *fs;		/* [p] its root, cwd and descriptors */
	uint64_t start_ticks;		/* [c] when it was made */
	struct list_node link;		/* [p] on the task list, by pid */

	/* scheduling */
	struct arch_context ctx;	/* [s] saved by arch_switch() */
	void *kstack;			/* [c] KSTACK_SIZE bytes, NULL for task 0 */
	struct trapframe *tf;		/* [c] user registers, at the stack's top */
	void *fpstate;			/* [s] user FP state, NULL for kernel tasks */
	struct list_node runq;		/* [s] on the run queue while runnable */
	const void *wait_chan;		/* [s] what it sleeps on, or NULL */
	uint64_t wake_tick;		/* [s] a timed sleep ends at this tick */

	/* family */
	struct task *parent;		/* [p] NULL for task 0 and init's ancestors */
	struct list_node children;	/* [p] its children */
	struct list_node sibling;	/* [p] on parent->children */
	int exit_status;		/* [p] wait4's status word, once a zombie */
	uint32_t uid, gid;		/* [p] also in fs->cred, for path walk */

	/* job control and the program (kernel/sys_task.c) */
	int pgid;			/* [p] process group, inherited; 0 from task 0 */
	int sid;			/* [p] session, inherited; 0 from task 0 */
	bool did_exec;			/* [p] execve succeeded since fork (setpgid) */
	struct file *exe;		/* [p] the program it runs (/proc/<pid>/exe), or NULL */
	unsigned long robust_list;	/* [p] set_robust_list()'s head, kept only */

	/* signals (kernel/signal.c); bit n-1 stands for signal n */
	struct ksigaction sigact[64];	/* [p] what each signal does */
	uint64_t sig_blocked;		/* [p] the signal mask */
	uint64_t sig_pending;		/* [p] sent, not yet delivered */
	struct {
		int32_t code;		/* si_code */
		int32_t pid;		/* the sender (kill) */
		uint64_t addr;		/* the faulting address (faults) */
	} sig_info[64];			/* [p] about each pending signal */
	struct ksigaltstack sig_altstack;	/* [p] sigaltstack() */
	uint64_t alarm_tick;		/* [p] SIGALRM at this tick; 0: none */
	bool sigreturned;		/* [p] rt_sigreturn reloaded the registers */
	bool sig_restore_mask;		/* [p] rt_sigsuspend: restore sig_saved_mask */
	uint64_t sig_saved_mask;	/* [p] the mask from before rt_sigsuspend */
};

/* The task running now. */
extern struct task *current;

/* task_init() makes the boot code task 0 ("swapper"), with @fs. */
void task_init(struct fs_context *fs);

/* task_register() gives @t the next pid and lists it; returns the pid. */
int task_register(struct task *t);

/* task_unregister() takes @t off the list. */
void task_unregister(struct task *t);

/* task_limit_reached() is true when TASK_MAX tasks are registered. */
bool task_limit_reached(void);

/* task_find() is the task with @pid, or NULL. */
struct task *task_find(int pid);

/*
 * task_pgrp_member() is a task (zombies count, as on Linux, until they
 * are collected) in process group @pgid, or NULL if the group is empty.
 */
struct task *task_pgrp_member(int pgid);

/* task_next() is the task after @t by pid (NULL: the first), or NULL. */
struct task *task_next(struct task *t);

#endif
