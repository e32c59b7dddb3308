/*
 * user/sh.h - what the files of the shell share.
 *
 * A line goes through four steps, one file each:
 *
 *   sh_lex.c     the line -> tokens: words (still with their quotes and
 *                $s, "raw") and operators (| && || ; & < > >> 2> >&)
 *   sh_parse.c   tokens -> a list of pipelines of commands
 *   sh_expand.c  each raw word, just before its command runs -> the
 *                final text: $VAR, $?, ~ replaced, quotes removed
 *   sh_exec.c    forks, pipes, redirects, waits; the built-ins are in sh.c
 *
 * Everything made for one line comes from an arena (sh_alloc()) that is
 * emptied before the next line, so nothing is freed piece by piece.
 */
#ifndef ATLAS_USER_SH_H
#define ATLAS_USER_SH_H

#include <stddef.h>

/* The shell's state. */
struct shell {
	int status;		/* $?: the status of the last pipeline */
	int pid;		/* $$: the shell's pid (not a subshell's) */
	int interactive;	/* reading a terminal: prompt, keep going on errors */
	int argc;		/* $#: positional parameters $1..$argc */
	char **argv;		/* $0 and the positional parameters */
	int exit_now;		/* the exit built-in ran: stop after this line */
};

extern struct shell sh;

/* ---- tokens (sh_lex.c) ----------------------------------------------------------- */

enum token_kind {
	TOK_WORD,		/* text: the raw word */
	TOK_PIPE,		/* | */
	TOK_AND,		/* && */
	TOK_OR,			/* || */
	TOK_SEMI,		/* ; */
	TOK_AMP,		/* & */
	TOK_REDIR,		/* redir and fd say which; the target is the next word */
	TOK_END,		/* end of the line */
};

enum redir_kind {
	REDIR_IN,		/* fd < file */
	REDIR_OUT,		/* fd > file */
	REDIR_APPEND,		/* fd >> file */
	REDIR_DUP,		/* fd >& N: fd becomes a copy of N (- closes fd) */
};

struct token {
	enum token_kind kind;
	char *text;		/* TOK_WORD */
	enum redir_kind redir;	/* TOK_REDIR */
	int fd;			/* TOK_REDIR: the descriptor redirected */
};

/*
 * sh_lex() splits @line into tokens ending with TOK_END, stored in
 * *@out (arena memory). Returns the number of tokens, or -1 after
 * reporting an unterminated quote.
 */
int sh_lex(const char *line, struct token **out);

/* ---- commands (sh_parse.c) ------------------------------------------------------ */

struct redir {
	int fd;
	enum redir_kind kind;
	char *target;		/* raw word: a file, or for REDIR_DUP a descriptor */
	struct redir *next;
};

/* One simple command: words and redirections. */
struct command {
	char **words;		/* raw words, NULL-terminated */
	int nwords;
	struct redir *redirs;	/* in the order written */
	struct command *next;	/* the next command of the pipeline */
};

/* When a pipeline of a list runs, judged by $? at that point. */
enum run_when {
	RUN_ALWAYS,		/* first, or after ; or & */
	RUN_IF_OK,		/* after && */
	RUN_IF_FAILED,		/* after || */
};

struct pipeline {
	struct command *commands;
	int ncommands;
	enum run_when when;
	int background;		/* ended by &: not waited for */
	struct pipeline *next;
};

/*
 * sh_parse() turns @tokens into a list of pipelines in *@out (NULL for
 * an empty line). Returns 0, or -1 after reporting a syntax error.
 */
int sh_parse(struct token *tokens, struct pipeline **out);

/* ---- words (sh_expand.c) -------------------------------------------------------- */

/*
 * sh_expand() returns raw word @raw expanded: ~ at the start becomes
 * $HOME; $NAME, ${NAME}, $?, $$, $#, $0..$9 their values (nothing if
 * unset); quotes and backslashes removed. The result is one word (no
 * splitting at spaces, no wildcards). Arena memory.
 */
char *sh_expand(const char *raw);

/* sh_is_assignment() says whether raw word @raw is NAME=value. */
int sh_is_assignment(const char *raw);

/* ---- running (sh_exec.c) -------------------------------------------------------- */

/* sh_run_list() runs the pipelines of @list in turn; returns $?. */
int sh_run_list(struct pipeline *list);

/*
 * sh_exec() becomes the program that runs command @argv[0] (found in
 * $PATH unless the name has a /), with the shell's environment. A file
 * that is not a program (ENOEXEC) is run as a script by /bin/sh. Returns
 * only on failure, after reporting it: 127 if there is no such command,
 * 126 if it cannot be run.
 */
int sh_exec(char **argv);

/* sh_reap_background() collects background pipelines that ended and
 * says so (an interactive shell calls it before each prompt). */
void sh_reap_background(void);

/* ---- built-ins (sh.c) ----------------------------------------------------------- */

typedef int (*builtin_fn)(int argc, char **argv);

/* sh_builtin() returns the built-in called @name, or NULL. */
builtin_fn sh_builtin(const char *name);

/* ---- the arena (sh.c) ----------------------------------------------------------- */

/* sh_alloc() returns @size zeroed bytes that live until the next line;
 * it exits the shell if memory runs out. */
void *sh_alloc(size_t size);
char *sh_strndup(const char *s, size_t n);

/* sh_take_terminal() makes @pgid the console's foreground group (interactive only). */
void sh_take_terminal(pid_t pgid);

#endif
