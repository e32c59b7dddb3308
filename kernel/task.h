/*
 * kernel/task.h - tasks: what /proc shows and what owns an address space
 * and a file-system context.
 *
 * This is the registry of tasks; the scheduler, fork and exec that make
 * tasks run come with user mode. Until then the boot code is the only
 * task that runs, and tests register tasks of their own to look at
 * through /proc.
 *
 * Locking: one CPU, no preemption; the list is only changed from task
 * context.
 */
#ifndef ATLAS_TASK_H
#define ATLAS_TASK_H

#include "kernel/types.h"
#include "kernel/list.h"

struct mm;
struct fs_context;

#define TASK_COMM_LEN 16

struct task {
	int pid;			/* [c] from task_register() */
	int ppid;			/* parent's pid, 0 for none */
	char comm[TASK_COMM_LEN];	/* the program's name, for ps */
	char state;			/* 'R' running, 'S' sleeping, 'Z' zombie */
	struct mm *mm;			/* its address space, NULL for a kernel task */
	struct fs_context *fs;		/* its root, cwd and descriptors */
	uint64_t start_ticks;		/* when it was made */
	struct list_node link;		/* on the task list, by pid */
};

/* The task running now. */
extern struct task *current;

/* task_init() makes the boot code task 0 ("swapper"), with @fs. */
void task_init(struct fs_context *fs);

/* task_register() gives @t the next pid and lists it; returns the pid. */
int task_register(struct task *t);

/* task_unregister() takes @t off the list. */
void task_unregister(struct task *t);

/* task_find() is the task with @pid, or NULL. */
struct task *task_find(int pid);

/* task_next() is the task after @t by pid (NULL: the first), or NULL. */
struct task *task_next(struct task *t);

#endif
