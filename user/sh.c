/*
 * user/sh.c - the Atlas shell: reading lines, the built-in commands, and
 * main().
 *
 *   sh                     read commands from standard input; on a
 *                          terminal, prompt for each line ("atlas# " for
 *                          root, "atlas$ " otherwise, or $PS1)
 *   sh FILE [ARG...]       run the script FILE, with $0 FILE, $1 ARG...
 *   sh -c CMDS [ARG...]    run the commands CMDS
 *
 * What a line may hold: words, quoted with '...' or "..." or \, with
 * $VAR, ${VAR}, $?, $$, $#, $0..$9 and ~ expanded (sh_expand.c);
 * commands joined by | into pipelines; pipelines joined by ;, &&, || or
 * ended by & (runs in the background); redirections <, >, >>, 2>, 2>&1;
 * # comments; NAME=value (sh_exec.c). Commands are searched for in
 * $PATH, /bin:/sbin by default.
 *
 * The shell ends at the end of its input or with exit; its status is
 * that of the last pipeline (or exit's argument). A line it cannot parse
 * sets $? to 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

extern char **environ;

struct shell sh;

/* ---- the arena ------------------------------------------------------------------ */

#define ARENA_CHUNK 16384

/* One block of arena memory; the newest is first. */
struct chunk {
	struct chunk *next;
	size_t used, size;
	_Alignas(16) char data[];
};

static struct chunk *arena;

void *sh_alloc(size_t size)
{
	struct chunk *c = arena;
	void *p;

	size = (size + 15) & ~(size_t)15;
	if (!c || c->size - c->used < size) {
		size_t want = size > ARENA_CHUNK ? size : ARENA_CHUNK;

		c = malloc(sizeof(*c) + want);
		if (!c) {
			fprintf(stderr, "sh: out of memory\n");
			exit(2);
		}
		c->used = 0;
		c->size = want;
		c->next = arena;
		arena = c;
	}
	p = c->data + c->used;
	c->used += size;
	return memset(p, 0, size);
}

char *sh_strndup(const char *s, size_t n)
{
	char *d = sh_alloc(n + 1);

	memcpy(d, s, n);
	return d;
}

/* arena_reset() frees everything sh_alloc() gave out. */
static void arena_reset(void)
{
	while (arena) {
		struct chunk *next = arena->next;

		free(arena);
		arena = next;
	}
}

/* ---- built-ins ------------------------------------------------------------------ */

/* cd [DIR]: changes the shell's directory to DIR, or $HOME. */
static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("HOME");
	char cwd[256];

	if (!dir || !*dir)
		dir = "/";
	if (chdir(dir) < 0) {
		fprintf(stderr, "cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (getcwd(cwd, sizeof(cwd)))
		setenv("PWD", cwd, 1);
	return 0;
}

/* pwd: prints the current directory. */
static int builtin_pwd(int argc, char **argv)
{
	char cwd[256];

	(void)argc, (void)argv;
	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	return 0;
}

/* exit [N]: ends the shell after this line, with status N or $?. */
static int builtin_exit(int argc, char **argv)
{
	sh.exit_now = 1;
	return argc > 1 ? atoi(argv[1]) & 0xff : sh.status;
}

/* export [NAME[=VALUE]...]: sets variables; without names, lists them
 * all. (Every variable is in the environment, so a bare NAME needs
 * nothing more.) */
static int builtin_export(int argc, char **argv)
{
	int status = 0;

	if (argc == 1) {
		for (char **e = environ; *e; e++)
			printf("export %s\n", *e);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq)
			continue;
		*eq = '\0';
		if (!*argv[i] || setenv(argv[i], eq + 1, 1) < 0) {
			fprintf(stderr, "export: %s: bad name\n", argv[i]);
			status = 1;
		}
		*eq = '=';
	}
	return status;
}

/* unset NAME...: removes variables. */
static int builtin_unset(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		unsetenv(argv[i]);
	return 0;
}

/* exec CMD [ARG...]: the shell becomes CMD. */
static int builtin_exec(int argc, char **argv)
{
	return argc > 1 ? sh_exec(argv + 1) : 0;
}

static int builtin_true(int argc, char **argv)
{
	(void)argc, (void)argv;
	return 0;
}

static int builtin_false(int argc, char **argv)
{
	(void)argc, (void)argv;
	return 1;
}

static int builtin_help(int argc, char **argv);

static const struct {
	const char *name;
	builtin_fn fn;
	const char *usage;
} builtins[] = {
	{ "cd", builtin_cd, "cd [DIR]         change directory (to $HOME without DIR)" },
	{ "pwd", builtin_pwd, "pwd              print the current directory" },
	{ "exit", builtin_exit, "exit [N]         leave the shell with status N" },
	{ "export", builtin_export, "export NAME=VAL  set a variable (no arguments: list them)" },
	{ "unset", builtin_unset, "unset NAME       remove a variable" },
	{ "exec", builtin_exec, "exec CMD [ARG]   replace the shell with CMD" },
	{ "true", builtin_true, "true             succeed" },
	{ "false", builtin_false, "false            fail" },
	{ "help", builtin_help, "help             this list" },
};

/* help: lists the built-ins and the programs of /bin. */
static int builtin_help(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("Built-in commands:\n");
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		printf("  %s\n", builtins[i].usage);
	printf("Programs: ls /bin. Syntax: a | b, a; b, a && b, a || b, a &,\n"
	       "  < > >> 2> 2>&1, '...', \"...\", $VAR, $?, NAME=value, # comment\n");
	return 0;
}

builtin_fn sh_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(name, builtins[i].name) == 0)
			return builtins[i].fn;
	return NULL;
}

/* ---- input ---------------------------------------------------------------------- */

/* Where lines come from: a descriptor, read a buffer at a time, or a
 * string (sh -c). */
struct input {
	int fd;			/* -1: the string */
	const char *str;
	char buf[1024];
	size_t pos, len;
};

/*
 * read_line() returns the next line of @in without its newline, or NULL
 * at the end. The line lives until the next call. A last line without a
 * newline still counts.
 */
static char *read_line(struct input *in)
{
	static char *line;
	static size_t cap;
	size_t n = 0;

	for (;;) {
		char c;

		if (in->fd < 0) {
			if (!*in->str)
				break;
			c = *in->str++;
		} else {
			if (in->pos == in->len) {
				ssize_t r = read(in->fd, in->buf, sizeof(in->buf));

				if (r < 0 && errno == EINTR)
					continue;
				if (r <= 0)
					break;
				in->pos = 0;
				in->len = r;
			}
			c = in->buf[in->pos++];
		}
		if (n + 2 > cap) {
			char *more = realloc(line, cap = cap ? 2 * cap : 256);

			if (!more) {
				fprintf(stderr, "sh: out of memory\n");
				exit(2);
			}
			line = more;
		}
		if (c == '\n') {
			line[n] = '\0';
			return line;
		}
		line[n++] = c;
	}
	if (n == 0)
		return NULL;
	line[n] = '\0';
	return line;
}

/* run_line() lexes, parses and runs one line. */
static void run_line(const char *line)
{
	struct token *tokens;
	struct pipeline *list;

	if (sh_lex(line, &tokens) < 0 || sh_parse(tokens, &list) < 0)
		sh.status = 2;
	else
		sh_run_list(list);
	arena_reset();
}

/* prompt() prints $PS1, or "atlas# " for root and "atlas$ " otherwise. */
static void prompt(void)
{
	const char *ps1 = getenv("PS1");

	sh_reap_background();
	fputs(ps1 ? ps1 : geteuid() == 0 ? "atlas# " : "atlas$ ", stderr);
}

int main(int argc, char **argv)
{
	static struct input in = { .fd = 0 };
	char *line;

	sh.pid = getpid();
	sh.argv = argv;
	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		in.fd = -1;
		in.str = argv[2];
		/* $0 is the word after the commands, if any; $1... follow it. */
		if (argc == 3)
			argv[2] = argv[0];
		sh.argv = argv + (argc == 3 ? 2 : 3);
	} else if (argc > 1) {
		in.fd = open(argv[1], O_RDONLY | O_CLOEXEC);
		if (in.fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
			return 127;
		}
		sh.argv = argv + 1;
	} else {
		sh.interactive = isatty(0);
	}
	if (sh.interactive) {
		/*
		 * Job control, the small part: ^C is for the command in the
		 * foreground, never for the shell itself (sh_exec.c gives each
		 * foreground pipeline the terminal).
		 */
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		setpgid(0, 0);
		sh_take_terminal(getpgrp());
	}
	while (sh.argv[sh.argc + 1])
		sh.argc++;

	for (;;) {
		if (sh.interactive)
			prompt();
		line = read_line(&in);
		if (!line)
			break;
		run_line(line);
		if (sh.exit_now)
			break;
	}
	if (sh.interactive && !sh.exit_now)
		fputs("\n", stderr);
	fflush(NULL);
	return sh.status;
}
