/*
 * user/sh_lex.c - the shell's lexer: a line into words and operators.
 *
 * Words end at a blank or an operator character (| & ; < >) outside
 * quotes. A word keeps its quotes and backslashes, its "raw" form: what
 * they mean is decided when the word is expanded (sh_expand.c), just
 * before its command runs, so that "false; echo $?" sees the new $?.
 * The lexer only has to know where quotes end:
 *
 *   '...'   everything inside is literal, up to the next '
 *   "..."   up to the next " not escaped by a backslash
 *   \c      c is literal (outside single quotes)
 *
 * A # at the start of a word makes the rest of the line a comment. A
 * redirection may name its descriptor: "2>", "2>>", "0<", and "N>&M"
 * makes N a copy of M.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "sh.h"

/* The tokens of the line being split, growing as needed. */
struct lexer {
	struct token *tokens;
	int n, cap;
};

static int is_operator_char(char c)
{
	return c == '|' || c == '&' || c == ';' || c == '<' || c == '>';
}

/* push() appends a token of @kind and returns it. */
static struct token *push(struct lexer *lx, enum token_kind kind)
{
	if (lx->n == lx->cap) {
		struct token *more = sh_alloc((lx->cap = lx->cap ? 2 * lx->cap : 16) *
					      sizeof(*more));

		if (lx->n)
			memcpy(more, lx->tokens, lx->n * sizeof(*more));
		lx->tokens = more;
	}
	lx->tokens[lx->n].kind = kind;
	return &lx->tokens[lx->n++];
}

/*
 * word_end() returns where the word starting at @s ends (a blank, an
 * operator or the end of the line), or NULL after reporting an
 * unterminated quote.
 */
static const char *word_end(const char *s)
{
	for (; *s && *s != ' ' && *s != '\t' && *s != '\n' && !is_operator_char(*s); s++) {
		if (*s == '\\' && s[1]) {
			s++;
		} else if (*s == '\'') {
			s = strchr(s + 1, '\'');
			if (!s)
				goto out_unterminated;
		} else if (*s == '"') {
			for (s++; *s && *s != '"'; s++)
				if (*s == '\\' && s[1])
					s++;
			if (!*s)
				goto out_unterminated;
		}
	}
	return s;

out_unterminated:
	fprintf(stderr, "sh: unterminated quote\n");
	return NULL;
}

/*
 * redirection() reads the redirection operator at @s, if there is one
 * (after an optional descriptor number), into a token. Returns the text
 * after it, or NULL if @s does not start a redirection.
 */
static const char *redirection(struct lexer *lx, const char *s)
{
	const char *p = s;
	int fd = -1;
	struct token *t;

	if (isdigit((unsigned char)*p)) {
		for (fd = 0; isdigit((unsigned char)*p) && fd < 1000; p++)
			fd = fd * 10 + (*p - '0');
	}
	if (*p != '<' && *p != '>')
		return NULL;
	t = push(lx, TOK_REDIR);
	if (*p == '<') {
		t->redir = REDIR_IN;
		t->fd = fd < 0 ? 0 : fd;
		return p + 1;
	}
	t->fd = fd < 0 ? 1 : fd;
	if (p[1] == '>') {
		t->redir = REDIR_APPEND;
		return p + 2;
	}
	if (p[1] == '&') {
		t->redir = REDIR_DUP;
		return p + 2;
	}
	t->redir = REDIR_OUT;
	return p + 1;
}

/* operator() reads the operator at @s (not a redirection) into a token
 * and returns the text after it. */
static const char *operator(struct lexer *lx, const char *s)
{
	if (s[0] == '|') {
		push(lx, s[1] == '|' ? TOK_OR : TOK_PIPE);
		return s + (s[1] == '|' ? 2 : 1);
	}
	if (s[0] == '&') {
		push(lx, s[1] == '&' ? TOK_AND : TOK_AMP);
		return s + (s[1] == '&' ? 2 : 1);
	}
	push(lx, TOK_SEMI);
	return s + 1;
}

int sh_lex(const char *line, struct token **out)
{
	struct lexer lx = { NULL, 0, 0 };
	const char *s = line, *end, *after;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s || *s == '#')
			break;
		after = redirection(&lx, s);
		if (after) {
			s = after;
		} else if (is_operator_char(*s)) {
			s = operator(&lx, s);
		} else {
			end = word_end(s);
			if (!end)
				return -1;
			push(&lx, TOK_WORD)->text = sh_strndup(s, end - s);
			s = end;
		}
	}
	push(&lx, TOK_END);
	*out = lx.tokens;
	return lx.n;
}
