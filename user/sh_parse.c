/*
 * user/sh_parse.c - the shell's parser: tokens into pipelines.
 *
 * The grammar, a line at a time:
 *
 *   list      := pipeline { (';' | '&' | '&&' | '||') pipeline } [';' | '&']
 *   pipeline  := command { '|' command }
 *   command   := { word | redirection word }     (at least one of them)
 *
 * && and || bind left to right with the same strength, as in sh: each
 * pipeline records whether it runs always, only if $? is 0, or only if
 * it is not, and the list is run in order (sh_run_list()).
 */
#include <stdio.h>

#include "sh.h"

/* The tokens being read. */
struct parser {
	struct token *t;
};

static const char *token_name(const struct token *t)
{
	static const char *const names[] = {
		[TOK_WORD] = "word", [TOK_PIPE] = "|", [TOK_AND] = "&&", [TOK_OR] = "||",
		[TOK_SEMI] = ";", [TOK_AMP] = "&", [TOK_REDIR] = "redirection",
		[TOK_END] = "end of line",
	};

	return names[t->kind];
}

/* syntax_error() reports the unexpected token; returns NULL. */
static void *syntax_error(const struct token *t)
{
	fprintf(stderr, "sh: syntax error near %s\n", token_name(t));
	return NULL;
}

/* parse_command() reads one command; NULL after a syntax error. */
static struct command *parse_command(struct parser *p)
{
	struct command *c = sh_alloc(sizeof(*c));
	struct redir **tail = &c->redirs;
	int cap = 0;

	for (;; p->t++) {
		if (p->t->kind == TOK_WORD) {
			if (c->nwords + 1 >= cap) {
				char **more = sh_alloc((cap = cap ? 2 * cap : 8) * sizeof(*more));

				for (int i = 0; i < c->nwords; i++)
					more[i] = c->words[i];
				c->words = more;
			}
			c->words[c->nwords++] = p->t->text;
		} else if (p->t->kind == TOK_REDIR) {
			struct redir *r = sh_alloc(sizeof(*r));

			r->fd = p->t->fd;
			r->kind = p->t->redir;
			p->t++;
			if (p->t->kind != TOK_WORD)
				return syntax_error(p->t);
			r->target = p->t->text;
			*tail = r;
			tail = &r->next;
		} else {
			break;
		}
	}
	if (c->nwords == 0 && !c->redirs)
		return syntax_error(p->t);
	if (!c->words)
		c->words = sh_alloc(sizeof(*c->words));
	return c;
}

/* parse_pipeline() reads commands joined by |; NULL after an error. */
static struct pipeline *parse_pipeline(struct parser *p, enum run_when when)
{
	struct pipeline *pl = sh_alloc(sizeof(*pl));
	struct command **tail = &pl->commands;

	pl->when = when;
	for (;;) {
		*tail = parse_command(p);
		if (!*tail)
			return NULL;
		tail = &(*tail)->next;
		pl->ncommands++;
		if (p->t->kind != TOK_PIPE)
			return pl;
		p->t++;
	}
}

int sh_parse(struct token *tokens, struct pipeline **out)
{
	struct parser p = { tokens };
	struct pipeline **tail = out;
	enum run_when when = RUN_ALWAYS;

	*out = NULL;
	while (p.t->kind != TOK_END) {
		struct pipeline *pl = parse_pipeline(&p, when);

		if (!pl)
			return -1;
		*tail = pl;
		tail = &pl->next;
		switch (p.t->kind) {
		case TOK_AND:
		case TOK_OR:
			when = p.t->kind == TOK_AND ? RUN_IF_OK : RUN_IF_FAILED;
			p.t++;
			if (p.t->kind == TOK_END)	/* "a &&" with nothing after */
				return syntax_error(p.t), -1;
			break;
		case TOK_AMP:
		case TOK_SEMI:
			pl->background = p.t->kind == TOK_AMP;
			when = RUN_ALWAYS;
			p.t++;
			break;
		case TOK_END:
			break;
		default:
			return syntax_error(p.t), -1;
		}
	}
	return 0;
}
