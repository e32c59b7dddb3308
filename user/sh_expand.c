/*
 * user/sh_expand.c - the shell's word expansion: a raw word into the text
 * a command gets.
 *
 * In one pass over the raw word (as sh_lex.c kept it):
 *
 *   ~        at the start, followed by / or nothing: $HOME
 *   $NAME    the environment variable NAME; ${NAME} too
 *   $?       the status of the last pipeline
 *   $$       the shell's pid
 *   $#       the number of positional parameters; $0..$9 themselves
 *   '...'    literal, quotes removed
 *   "..."    quotes removed; $ still expands; \ escapes only $ " \
 *   \c       c, literally
 *
 * A $ followed by anything else stays a $. An unset variable is empty.
 * The result is always one word: there is no splitting at spaces and no
 * wildcard matching, which a teaching shell can do without.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

/* The text being built. */
struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *more = sh_alloc(cap);

		if (b->len)
			memcpy(more, b->s, b->len);
		b->s = more;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void put_str(struct buf *b, const char *s)
{
	if (s)
		put(b, s, strlen(s));
}

static int is_name_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static int is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/*
 * dollar() expands the $ at @s into @b; returns the text after what it
 * used. A $ that starts nothing it knows is copied as it is.
 */
static const char *dollar(struct buf *b, const char *s)
{
	char num[16];
	const char *end;

	s++;				/* past the $ */
	if (*s == '?' || *s == '$' || *s == '#') {
		snprintf(num, sizeof(num), "%d",
			 *s == '?' ? sh.status : *s == '$' ? sh.pid : sh.argc);
		put_str(b, num);
		return s + 1;
	}
	if (isdigit((unsigned char)*s)) {
		int i = *s - '0';

		if (i <= sh.argc)
			put_str(b, sh.argv[i]);
		return s + 1;
	}
	if (*s == '{' && is_name_start(s[1])) {
		for (end = s + 1; is_name_char(*end); end++)
			;
		if (*end == '}') {
			put_str(b, getenv(sh_strndup(s + 1, end - s - 1)));
			return end + 1;
		}
	}
	if (is_name_start(*s)) {
		for (end = s; is_name_char(*end); end++)
			;
		put_str(b, getenv(sh_strndup(s, end - s)));
		return end;
	}
	put(b, "$", 1);
	return s;
}

/* double_quoted() expands the inside of "..." starting at @s into @b;
 * returns the text after the closing quote. */
static const char *double_quoted(struct buf *b, const char *s)
{
	while (*s && *s != '"') {
		if (*s == '\\' && (s[1] == '$' || s[1] == '"' || s[1] == '\\')) {
			put(b, s + 1, 1);
			s += 2;
		} else if (*s == '$') {
			s = dollar(b, s);
		} else {
			put(b, s++, 1);
		}
	}
	return *s ? s + 1 : s;
}

char *sh_expand(const char *raw)
{
	struct buf b = { NULL, 0, 0 };
	const char *s = raw, *end;

	put(&b, "", 0);
	if (s[0] == '~' && (s[1] == '/' || s[1] == '\0')) {
		put_str(&b, getenv("HOME"));
		s++;
	}
	while (*s) {
		if (*s == '\\' && s[1]) {
			put(&b, s + 1, 1);
			s += 2;
		} else if (*s == '\'') {
			end = strchr(s + 1, '\'');
			end = end ? end : s + strlen(s);
			put(&b, s + 1, end - s - 1);
			s = *end ? end + 1 : end;
		} else if (*s == '"') {
			s = double_quoted(&b, s + 1);
		} else if (*s == '$') {
			s = dollar(&b, s);
		} else {
			put(&b, s++, 1);
		}
	}
	return b.s;
}

int sh_is_assignment(const char *raw)
{
	if (!is_name_start(*raw))
		return 0;
	while (is_name_char(*raw))
		raw++;
	return *raw == '=';
}
