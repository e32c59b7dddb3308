/*
 * kernel/proc.h - processes: creating, forking, exiting and waiting
 * (kernel/proc.c), and loading programs (kernel/exec.c).
 */
#ifndef ATLAS_PROC_H
#define ATLAS_PROC_H

#include "kernel/signal.h"
#include "kernel/types.h"

struct task;
struct trapframe;

#define WNOHANG 1

/*
 * task_alloc() makes a task struct with a kernel stack (and an FP save
 * area for a @user task), not yet registered or runnable. NULL on ENOMEM.
 * task_free() frees one that never ran, or a reaped zombie.
 */
struct task *task_alloc(const char *name, bool user);
void task_free(struct task *t);

/*
 * kthread_create() starts a kernel task running @fn(@arg), in the
 * kernel's file-system context. Returns its pid or -ENOMEM.
 */
int kthread_create(void (*fn)(void *arg), void *arg, const char *name);

/*
 * proc_fork() makes a copy of the running process whose user registers
 * are @tf; the child returns 0 from the system call. Returns the child's
 * pid, or -EAGAIN (TASK_MAX tasks exist already) or -ENOMEM, with
 * nothing left behind.
 */
int proc_fork(struct trapframe *tf);

/*
 * proc_exit() ends the running process with the wait4 status word
 * @status (W_EXITCODE(code), or a signal number). Never returns.
 */
__noreturn void proc_exit(int status);

/*
 * proc_wait() collects a zombie child (any child for @pid -1, or the one
 * with that pid): returns its pid and stores its status word; 0 with
 * WNOHANG when none has exited yet; -ECHILD when there is no such child.
 */
int proc_wait(int pid, int *status, int options);

/*
 * exec_program() replaces the running process's program with the ELF
 * file @path, given NULL-terminated kernel arrays @argv and @envp. The
 * old address space goes only once the new one is built, so on failure
 * (-ENOENT, -EACCES, -ENOEXEC, -EINVAL, -ENOMEM, -E2BIG) the caller
 * carries on unchanged. On success the task's trapframe holds the new
 * program's first register state.
 */
int exec_program(const char *path, char *const argv[], char *const envp[]);

/*
 * proc_spawn() starts a new process, a child of the running task, that
 * runs @path with @argv (copied) in a copy of the caller's file-system
 * context, with the console as fd 0 and, as fds 1 and 2, the file @out
 * (created) or the console when @out is NULL. Returns its pid or -ENOMEM;
 * if exec fails the child exits with status 127.
 */
int proc_spawn(const char *path, char *const argv[], const char *out);

/*
 * proc_start_init() starts process 1 running @path with @argv; it
 * returns at once. Panics if it cannot even make the task.
 */
void proc_start_init(const char *path, char *const argv[]);

#endif
