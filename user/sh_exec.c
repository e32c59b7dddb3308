/*
 * user/sh_exec.c - running what the parser made: pipelines, redirections,
 * the command search, and waiting.
 *
 * A pipeline of one built-in command runs inside the shell (cd must
 * change the shell's own directory), with its redirections undone
 * afterwards. Everything else runs in children made with fork(): one per
 * command, joined by pipes, each applying its own redirections and then
 * becoming its program with execve() (or running the built-in and
 * exiting). The shell waits for the whole pipeline; $? is the status of
 * its last command: the exit code, or 128 + the signal that killed it.
 *
 * Words of the form NAME=value before a command's name set NAME for that
 * command only; on their own they set it in the shell's environment.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

extern char **environ;

/* Descriptors the shell saves its own 0-9 in while a built-in's
 * redirections are in force; above what commands use. */
#define SAVE_FD_BASE 20
/* saved[fd] of apply_redirs(): not saved yet, or fd was closed. */
#define FD_NOT_SAVED	(-3)
#define FD_WAS_CLOSED	(-1)

/* A command after expansion. */
struct expanded {
	char **assigns;		/* NAME=value words, NULL-terminated */
	char **argv;		/* the command and its arguments, NULL-terminated */
	int argc;
};

/* expand_command() expands the words of @c into @e. */
static void expand_command(const struct command *c, struct expanded *e)
{
	int i = 0, na = 0;

	e->assigns = sh_alloc((c->nwords + 1) * sizeof(char *));
	e->argv = sh_alloc((c->nwords + 1) * sizeof(char *));
	for (; i < c->nwords && sh_is_assignment(c->words[i]); i++)
		e->assigns[na++] = sh_expand(c->words[i]);
	for (e->argc = 0; i < c->nwords; i++)
		e->argv[e->argc++] = sh_expand(c->words[i]);
}

/* set_assignments() puts each NAME=value of @assigns in the environment. */
static void set_assignments(char **assigns)
{
	for (; *assigns; assigns++) {
		char *eq = strchr(*assigns, '=');

		*eq = '\0';
		setenv(*assigns, eq + 1, 1);
		*eq = '=';
	}
}

/* ---- redirections --------------------------------------------------------------- */

/*
 * open_target() opens the file of redirection @r (expanded @target), or
 * for REDIR_DUP checks the descriptor it names. Returns the descriptor,
 * -2 for "close" (>&-), or -1 after reporting an error.
 */
static int open_target(const struct redir *r, const char *target)
{
	char *end;
	long fd;

	switch (r->kind) {
	case REDIR_IN:
		fd = open(target, O_RDONLY);
		break;
	case REDIR_OUT:
		fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		break;
	case REDIR_APPEND:
		fd = open(target, O_WRONLY | O_CREAT | O_APPEND, 0666);
		break;
	default:		/* REDIR_DUP */
		if (strcmp(target, "-") == 0)
			return -2;
		fd = strtol(target, &end, 10);
		if (*target == '\0' || *end != '\0' || fd < 0 || fcntl(fd, F_GETFD) < 0) {
			fprintf(stderr, "sh: %s: bad file descriptor\n", target);
			return -1;
		}
		return fd;
	}
	if (fd < 0)
		fprintf(stderr, "sh: %s: %s\n", target, strerror(errno));
	return fd;
}

/*
 * apply_redirs() makes the redirections of @r, in order. With @saved,
 * the descriptors they replace are first copied there (saved[fd] starts
 * as FD_NOT_SAVED; FD_WAS_CLOSED if fd was not open) so that
 * restore_redirs() can put them back. Returns 0, or -1 after reporting
 * an error.
 */
static int apply_redirs(const struct redir *r, int *saved)
{
	for (; r; r = r->next) {
		int fd;

		if (r->fd > 9) {
			fprintf(stderr, "sh: %d: descriptor out of range\n", r->fd);
			return -1;
		}
		fd = open_target(r, sh_expand(r->target));
		if (fd == -1)
			return -1;
		if (saved && saved[r->fd] == FD_NOT_SAVED)
			saved[r->fd] = fcntl(r->fd, F_DUPFD_CLOEXEC, SAVE_FD_BASE + r->fd);
		if (fd == -2) {
			close(r->fd);
		} else if (fd != r->fd) {
			dup2(fd, r->fd);
			if (r->kind != REDIR_DUP)
				close(fd);
		}
	}
	return 0;
}

/* restore_redirs() puts back the descriptors apply_redirs() saved. */
static void restore_redirs(const struct redir *r, int *saved)
{
	for (; r; r = r->next) {
		if (r->fd > 9 || saved[r->fd] == FD_NOT_SAVED)
			continue;
		if (saved[r->fd] == FD_WAS_CLOSED) {
			close(r->fd);
		} else {
			dup2(saved[r->fd], r->fd);
			close(saved[r->fd]);
		}
		saved[r->fd] = FD_NOT_SAVED;	/* done */
	}
}

/* ---- commands ------------------------------------------------------------------- */

/*
 * find_command() returns the file that runs command @name: @name itself
 * if it has a /, else the first executable regular file dir/@name for a
 * dir of $PATH (/bin:/sbin if unset). NULL if there is none.
 */
static char *find_command(const char *name)
{
	const char *path = getenv("PATH"), *dir, *end;
	struct stat st;

	if (strchr(name, '/'))
		return (char *)name;
	for (dir = path ? path : "/bin:/sbin"; *dir; dir = *end ? end + 1 : end) {
		size_t len;
		char *file;

		end = strchr(dir, ':');
		end = end ? end : dir + strlen(dir);
		len = end - dir;
		file = sh_alloc(len + strlen(name) + 2);
		sprintf(file, "%.*s/%s", (int)len, len ? dir : ".", name);
		if (stat(file, &st) == 0 && S_ISREG(st.st_mode) && access(file, X_OK) == 0)
			return file;
	}
	return NULL;
}

int sh_exec(char **argv)
{
	char *file = find_command(argv[0]);
	int argc = 0;

	if (!file) {
		fprintf(stderr, "sh: %s: not found\n", argv[0]);
		return 127;
	}
	fflush(NULL);
	execve(file, argv, environ);
	if (errno == ENOEXEC) {
		char **script;

		while (argv[argc])
			argc++;
		script = sh_alloc((argc + 2) * sizeof(char *));
		script[0] = "/bin/sh";
		script[1] = file;
		for (int i = 1; i < argc; i++)
			script[i + 1] = argv[i];
		execve(script[0], script, environ);
	}
	fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}

/*
 * run_child() is the child's part for command @c of a pipeline: @in and
 * @out are the pipe ends to use as 0 and 1 (-1: keep), and @close_fd a
 * pipe end that belongs to the next command. Never returns.
 */
void sh_take_terminal(pid_t pgid)
{
	if (sh.interactive)
		ioctl(0, TIOCSPGRP, &pgid);
}

static void run_child(const struct command *c, int in, int out, int close_fd)
{
	struct expanded e;
	builtin_fn builtin;

	/* The shell ignores ^C; the programs it runs must not. */
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	if (close_fd >= 0)
		close(close_fd);
	if (in >= 0) {
		dup2(in, 0);
		close(in);
	}
	if (out >= 0) {
		dup2(out, 1);
		close(out);
	}
	expand_command(c, &e);
	if (apply_redirs(c->redirs, NULL) < 0)
		_exit(1);
	if (e.argc == 0)
		_exit(0);
	builtin = sh_builtin(e.argv[0]);
	if (builtin) {
		int status = builtin(e.argc, e.argv);

		fflush(NULL);
		_exit(status);
	}
	set_assignments(e.assigns);
	_exit(sh_exec(e.argv));
}

/* wait_status() turns a wait() status into $?, saying on stderr how a
 * process killed by a signal died. */
static int wait_status(int status)
{
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "%s\n", strsignal(WTERMSIG(status)));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

/* run_here() runs a one-command pipeline that is a built-in or only
 * assignments and redirections, in the shell itself; returns its status. */
static int run_here(const struct command *c, struct expanded *e, builtin_fn builtin)
{
	int saved[10], status = 1;

	for (int i = 0; i < 10; i++)
		saved[i] = FD_NOT_SAVED;
	if (apply_redirs(c->redirs, saved) == 0) {
		set_assignments(e->assigns);
		status = builtin ? builtin(e->argc, e->argv) : 0;
	}
	fflush(NULL);
	restore_redirs(c->redirs, saved);
	return status;
}

/*
 * run_pipeline() runs @pl and returns its status (0 at once for a
 * background pipeline; an interactive shell prints the pid of its last
 * command).
 */
static int run_pipeline(const struct pipeline *pl)
{
	pid_t *pids = sh_alloc(pl->ncommands * sizeof(pid_t));
	const struct command *c = pl->commands;
	int in = -1, status = 1, n = 0;

	if (pl->ncommands == 1 && !pl->background) {
		struct expanded e;
		builtin_fn builtin;

		expand_command(c, &e);
		builtin = e.argc ? sh_builtin(e.argv[0]) : NULL;
		if (builtin || e.argc == 0)
			return run_here(c, &e, builtin);
	}
	fflush(NULL);
	for (; c; c = c->next) {
		int fds[2] = { -1, -1 };
		pid_t pid;

		if (c->next && pipe(fds) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			break;
		}
		pid = fork();
		if (pid == 0) {
			if (sh.interactive)	/* the pipeline is one process group */
				setpgid(0, n ? pids[0] : 0);
			run_child(c, in, fds[1], fds[0]);
		}
		if (pid > 0 && sh.interactive) {
			setpgid(pid, n ? pids[0] : pid);
			if (n == 0 && !pl->background)
				sh_take_terminal(pid);	/* ^C now goes to it */
		}
		if (in >= 0)
			close(in);
		if (fds[1] >= 0)
			close(fds[1]);
		in = fds[0];
		if (pid < 0) {
			fprintf(stderr, "sh: fork: %s\n", strerror(errno));
			break;
		}
		pids[n++] = pid;
	}
	if (in >= 0)
		close(in);
	if (pl->background) {
		if (n > 0 && sh.interactive)
			fprintf(stderr, "[%d]\n", (int)pids[n - 1]);
		return n > 0 ? 0 : 1;
	}
	for (int i = 0; i < n; i++) {
		int wstatus = 0;

		while (waitpid(pids[i], &wstatus, 0) < 0 && errno == EINTR)
			;
		if (i == n - 1)
			status = wait_status(wstatus);
	}
	sh_take_terminal(getpgrp());	/* the terminal is the shell's again */
	/* A pipeline that could not be started in full failed. */
	return n == pl->ncommands ? status : 1;
}

int sh_run_list(struct pipeline *list)
{
	for (struct pipeline *pl = list; pl && !sh.exit_now; pl = pl->next) {
		if ((pl->when == RUN_IF_OK && sh.status != 0) ||
		    (pl->when == RUN_IF_FAILED && sh.status == 0))
			continue;
		sh.status = run_pipeline(pl);
	}
	return sh.status;
}

void sh_reap_background(void)
{
	int wstatus;
	pid_t pid;

	while ((pid = waitpid(-1, &wstatus, WNOHANG)) > 0) {
		if (WIFSIGNALED(wstatus))
			fprintf(stderr, "[%d] killed by signal %d\n", (int)pid, WTERMSIG(wstatus));
		else
			fprintf(stderr, "[%d] done, status %d\n", (int)pid, WEXITSTATUS(wstatus));
	}
}
