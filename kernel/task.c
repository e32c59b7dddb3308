/*
 * kernel/task.c - the task list (kernel/task.h).
 */
#include "kernel/task.h"
#include "kernel/kernel.h"

static struct list_node tasks = LIST_HEAD_INIT(tasks);
static struct task boot_task;
static int next_pid = 1;
static int nr_tasks;		/* registered, task 0 aside */

struct task *current;

void task_init(struct fs_context *fs)
{
	boot_task = (struct task){ .pid = 0, .state = 'R', .fs = fs };
	strlcpy(boot_task.comm, "swapper", sizeof(boot_task.comm));
	list_init(&boot_task.link);
	list_init(&boot_task.runq);
	list_init(&boot_task.children);
	list_init(&boot_task.sibling);
	current = &boot_task;
}

int task_register(struct task *t)
{
	t->pid = next_pid++;
	t->start_ticks = ticks;
	if (!t->state)
		t->state = 'R';
	list_append(&tasks, &t->link);
	nr_tasks++;
	return t->pid;
}

void task_unregister(struct task *t)
{
	list_remove(&t->link);
	nr_tasks--;
}

bool task_limit_reached(void)
{
	return nr_tasks >= TASK_MAX;
}

struct task *task_find(int pid)
{
	struct list_node *n;

	if (pid == 0)
		return &boot_task;
	list_for_each(n, &tasks) {
		struct task *t = list_entry(n, struct task, link);

		if (t->pid == pid)
			return t;
	}
	return NULL;
}

struct task *task_pgrp_member(int pgid)
{
	struct list_node *n;

	list_for_each(n, &tasks) {
		struct task *t = list_entry(n, struct task, link);

		if (t->pgid == pgid)
			return t;
	}
	return NULL;
}

struct task *task_next(struct task *t)
{
	struct list_node *n = t ? t->link.next : tasks.next;

	if (t == &boot_task)
		n = tasks.next;
	return n == &tasks ? NULL : list_entry(n, struct task, link);
}
