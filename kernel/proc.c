/*
 * kernel/proc.c - the life of a process: made (kernel threads, the first
 * process, fork), ended (exit, a fatal fault), and collected (wait4).
 *
 * A process that exits becomes a zombie: it keeps its task struct and
 * kernel stack (it is still running on that stack) and its exit status,
 * and gives up everything else. Its parent's wait4() collects the status
 * and frees the rest. Children of a process that exits are handed to
 * init (pid 1), which collects them in turn. When init itself exits, the
 * system is done: the kernel prints "atlas: exit N" with init's status.
 */
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/kernel.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/vm.h"

/* Process 1, once proc_start_init() made it; orphans go to it. */
static struct task *init_task;

/* The task struct, its kernel stack and (for a user task) its FP area. */
struct task *task_alloc(const char *name, bool user)
{
	struct task *t = kzalloc(sizeof(*t));
	struct page *stack;

	if (!t)
		return NULL;
	stack = page_alloc(KSTACK_ORDER);
	if (!stack)
		goto out_free_task;
	t->kstack = page_address(stack);
	t->tf = (struct trapframe *)ALIGN_DOWN((uintptr_t)t->kstack + KSTACK_SIZE -
					       sizeof(struct trapframe), 16);
	if (user) {
		t->fpstate = kzalloc(ARCH_FPSTATE_SIZE);
		if (!t->fpstate)
			goto out_free_stack;
		arch_fp_init(t->fpstate);
	}
	strlcpy(t->comm, name, sizeof(t->comm));
	list_init(&t->runq);
	list_init(&t->children);
	list_init(&t->sibling);
	list_init(&t->link);
	return t;

out_free_stack:
	page_free(virt_to_page(t->kstack), KSTACK_ORDER);
out_free_task:
	kfree(t);
	return NULL;
}

void task_free(struct task *t)
{
	kfree(t->fpstate);
	page_free(virt_to_page(t->kstack), KSTACK_ORDER);
	kfree(t);
}

/* Makes @t a child of @parent and starts it. */
static void task_start(struct task *t, struct task *parent)
{
	t->parent = parent;
	t->ppid = parent ? parent->pid : 0;
	if (parent)
		list_append(&parent->children, &t->sibling);
	task_register(t);
	sched_make_runnable(t);
}

int kthread_create(void (*fn)(void *arg), void *arg, const char *name)
{
	struct task *t = task_alloc(name, false);

	if (!t)
		return -ENOMEM;
	t->fs = current->fs;
	arch_context_init(&t->ctx, (uintptr_t)t->tf, fn, arg);
	task_start(t, current);
	return t->pid;
}

/* Where a forked child starts: straight back to user mode. */
static void fork_child_entry(void *arg)
{
	(void)arg;
	arch_enter_user(current->tf);
}

int proc_fork(struct trapframe *tf)
{
	struct task *parent = current, *child;

	if (task_limit_reached())
		return -EAGAIN;
	child = task_alloc(parent->comm, true);
	if (!child)
		return -ENOMEM;
	child->mm = mm_fork(parent->mm);
	child->fs = child->mm ? fs_context_clone(parent->fs) : NULL;
	if (!child->mm || !child->fs) {
		if (child->mm)
			mm_destroy(child->mm);
		task_free(child);
		return -ENOMEM;
	}
	child->uid = parent->uid;
	child->gid = parent->gid;
	child->pgid = parent->pgid;
	signal_fork(child, parent);
	child->sid = parent->sid;
	child->exe = parent->exe ? file_get(parent->exe) : NULL;
	*child->tf = *tf;
	arch_syscall_set_return(child->tf, 0);		/* fork() returns 0 in the child */
	arch_fp_save(parent->fpstate);			/* the child starts with ours */
	memcpy(child->fpstate, parent->fpstate, ARCH_FPSTATE_SIZE);
	arch_context_init(&child->ctx, (uintptr_t)child->tf, fork_child_entry, NULL);
	task_start(child, parent);
	return child->pid;
}

/* Gives @t's children to init (to task 0 before init exists). */
static void reparent_children(struct task *t)
{
	struct task *init = init_task ? init_task : task_find(0);
	struct list_node *n, *tmp;
	bool zombies = false;

	list_for_each_safe(n, tmp, &t->children) {
		struct task *c = list_entry(n, struct task, sibling);

		list_remove(&c->sibling);
		c->parent = init != t ? init : NULL;
		c->ppid = c->parent ? c->parent->pid : 0;
		if (c->parent)
			list_append(&init->children, &c->sibling);
		zombies |= c->state == 'Z';
	}
	if (zombies && init && init != t)
		wakeup(init);
}

__noreturn void proc_exit(int status)
{
	struct task *t = current;
	struct mm *mm = t->mm;

	if (t == init_task)
		kernel_exit(WIFSIGNALED_STATUS(status) ? 128 + (status & 0x7f) :
			    (status >> 8) & 0xff);
	if (t->fs && t->fs != task_find(0)->fs)
		fs_context_free(t->fs);
	t->fs = NULL;
	if (t->exe)
		file_put(t->exe);
	t->exe = NULL;
	if (mm) {
		t->mm = NULL;
		mm_switch(NULL);
		mm_destroy(mm);
	}
	reparent_children(t);
	t->exit_status = status;
	t->state = 'Z';
	if (t->parent) {
		signal_send(t->parent, SIGCHLD, WIFSIGNALED_STATUS(status) ? 2 /* CLD_KILLED */ :
			    1 /* CLD_EXITED */, t->pid);
		wakeup(t->parent);
	}
	schedule();
	panic("a zombie ran again");
}

/* Frees a collected zombie. */
static void reap(struct task *z)
{
	list_remove(&z->sibling);
	task_unregister(z);
	task_free(z);
}

int proc_wait(int pid, int *status, int options)
{
	bool interrupted = false;

	for (;;) {
		struct list_node *n;
		bool any = false;

		list_for_each(n, &current->children) {
			struct task *c = list_entry(n, struct task, sibling);

			if (pid > 0 && c->pid != pid)
				continue;
			if (pid == 0 && c->pgid != current->pgid)
				continue;
			if (pid < -1 && c->pgid != -pid)
				continue;
			any = true;
			if (c->state == 'Z') {
				int found = c->pid;

				if (status)
					*status = c->exit_status;
				reap(c);
				return found;
			}
		}
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		/* A signal ends the wait, but a child that exited meanwhile wins. */
		if (interrupted)
			return -EINTR;
		interrupted = sleep_on(current) == -EINTR;
	}
}

/* The signal a fatal fault of kind @ti stands for. */
static int fault_signal(const struct trap_info *ti, int res)
{
	switch (ti->kind) {
	case TRAP_PAGE_FAULT:
		return res == FAULT_SIGBUS ? SIGBUS : SIGSEGV;
	case TRAP_ILLEGAL_INSN:
		return SIGILL;
	case TRAP_DIVIDE:
		return SIGFPE;
	case TRAP_BREAKPOINT:
		return SIGTRAP;
	case TRAP_ALIGNMENT:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

/* The si_code Linux reports with that signal. */
static int fault_code(const struct trap_info *ti, int sig, int res)
{
	switch (sig) {
	case SIGSEGV:
		return ti->kind == TRAP_PAGE_FAULT && res == FAULT_SIGSEGV &&
		       current->mm && vma_find(current->mm, ti->addr) ? SEGV_ACCERR : SEGV_MAPERR;
	case SIGBUS:
		return BUS_ADRERR;
	case SIGILL:
		return ILL_ILLOPC;
	case SIGFPE:
		return FPE_INTDIV;
	default:
		return TRAP_BRKPT;
	}
}

void user_trap(struct trap_info *ti)
{
	int res = FAULT_SIGSEGV, sig;

	if (ti->kind == TRAP_PAGE_FAULT && current->mm) {
		res = handle_mm_fault(current->mm, ti->addr, ti->access | FAULT_USER);
		if (res == FAULT_OK)
			return;
		if (res == FAULT_OOM) {
			pr_err("atlas: pid %d (%s) killed: out of memory at %#lx\n", current->pid,
			       current->comm, (unsigned long)ti->addr);
			proc_exit(SIGKILL);
		}
	}
	sig = fault_signal(ti, res);
	if (current->sigact[sig - 1].handler <= SIG_IGN || (current->sig_blocked & SIGBIT(sig)))
		pr_err("atlas: pid %d (%s) killed by signal %d: %s at pc %#lx, address %#lx\n",
		       current->pid, current->comm, sig, ti->name, (unsigned long)ti->pc,
		       (unsigned long)ti->addr);
	/* Linux reports the instruction for SIGILL, SIGFPE and SIGTRAP. */
	signal_fault(sig, fault_code(ti, sig, res),
		     sig == SIGSEGV || sig == SIGBUS ? ti->addr : ti->pc);
}

/* What a spawned process runs first: its program, in user mode. */
struct spawn_args {
	char path[PATH_MAX];
	char **argv;			/* a copy, freed once exec has read it */
	char out[PATH_MAX];		/* standard output and error; "": the console */
};

static void spawn_args_free(struct spawn_args *sa)
{
	for (int i = 0; sa->argv && sa->argv[i]; i++)
		kfree(sa->argv[i]);
	kfree(sa->argv);
	kfree(sa);
}

/* Opens fd 0-2: the console, with output to @out instead when it is set. */
static void spawn_std_files(const char *out)
{
	struct fdtable *fdt = &current->fs->fdt;
	struct file *f;

	if (vfs_open(current->fs, "/dev/console", O_RDWR, 0, &f) == 0)
		fd_install(fdt, f, false);
	else
		pr_warn("warning: pid %d has no /dev/console\n", current->pid);
	if (out[0] && vfs_open(current->fs, out, O_WRONLY | O_CREAT | O_TRUNC, 0644, &f) == 0) {
		fd_install(fdt, f, false);
		fd_dup(fdt, 1);
	} else {
		fd_dup(fdt, 0);
		fd_dup(fdt, 0);
	}
}

static void spawn_entry(void *arg)
{
	static char *const envp[] = { "HOME=/", "PATH=/bin:/sbin", "TERM=vt100", NULL };
	struct spawn_args *sa = arg;
	int err;

	spawn_std_files(sa->out);
	err = exec_program(sa->path, sa->argv, envp);
	if (err) {
		pr_err("atlas: cannot run %s (error %d)\n", sa->path, err);
		if (current == init_task)
			kernel_exit(127);
		spawn_args_free(sa);
		proc_exit(W_EXITCODE(127));
	}
	spawn_args_free(sa);
	arch_enter_user(current->tf);
}

int proc_spawn(const char *path, char *const argv[], const char *out)
{
	struct spawn_args *sa = kzalloc(sizeof(*sa));
	struct task *t;
	int n = 0;

	if (!sa)
		return -ENOMEM;
	strlcpy(sa->path, path, sizeof(sa->path));
	if (out)
		strlcpy(sa->out, out, sizeof(sa->out));
	while (argv && argv[n])
		n++;
	sa->argv = kzalloc((size_t)(n + 1) * sizeof(char *));
	for (int i = 0; sa->argv && i < n; i++) {
		sa->argv[i] = kmalloc(strlen(argv[i]) + 1);
		if (!sa->argv[i])
			goto out_free;
		strlcpy(sa->argv[i], argv[i], strlen(argv[i]) + 1);
	}
	t = sa->argv ? task_alloc("spawn", true) : NULL;
	if (!t)
		goto out_free;
	t->fs = fs_context_clone(current->fs);
	if (!t->fs) {
		task_free(t);
		goto out_free;
	}
	/* The new process gets fresh descriptors, not the spawner's. */
	fd_close_all(&t->fs->fdt);
	arch_context_init(&t->ctx, (uintptr_t)t->tf, spawn_entry, sa);
	task_start(t, current);
	return t->pid;

out_free:
	spawn_args_free(sa);
	return -ENOMEM;
}

void proc_start_init(const char *path, char *const argv[])
{
	int pid = proc_spawn(path, argv, NULL);
	struct task *t = pid > 0 ? task_find(pid) : NULL;

	if (!t)
		panic("cannot make process 1");
	if (t->pid != 1)
		panic("the first process got pid %d, not 1", t->pid);
	/* Process 1 belongs to nobody, and its end is the system's. */
	list_remove(&t->sibling);
	t->parent = NULL;
	t->ppid = 0;
	init_task = t;
}
