/*
 * tests/host/cmdline_test.c - the real kernel/cmdline.c on the host.
 */
#include "htest.h"
#include "kernel/cmdline.h"

#include <string.h>

HTEST(cmdline_empty_gives_defaults)
{
	struct boot_options o;

	CHECK(cmdline_parse("", &o) == 0);
	CHECK(o.loglevel == 6);
	CHECK(strcmp(o.init, "/sbin/init") == 0);
	CHECK(strcmp(o.console, "ttyS0") == 0);
	CHECK(o.ktest[0] == '\0');
}

HTEST(cmdline_known_options_are_set)
{
	struct boot_options o;

	CHECK(cmdline_parse("  loglevel=7 ktest=buddy,pmap\tinit=/bin/sh console=ttyS0 ", &o) == 0);
	CHECK(o.loglevel == 7);
	CHECK(strcmp(o.ktest, "buddy,pmap") == 0);
	CHECK(strcmp(o.init, "/bin/sh") == 0);
}

HTEST(cmdline_quoted_values_keep_spaces)
{
	struct boot_options o;

	CHECK(cmdline_parse("init=\"/bin/sh -x\" ktest=all", &o) == 0);
	CHECK(strcmp(o.init, "/bin/sh -x") == 0);
	CHECK(strcmp(o.ktest, "all") == 0);
}

HTEST(cmdline_unknown_options_are_counted_and_ignored)
{
	struct boot_options o;

	CHECK(cmdline_parse("quiet frobnicate=3 ktest=time", &o) == 2);
	CHECK(strcmp(o.ktest, "time") == 0);
}

HTEST(cmdline_bad_values_are_warned_and_ignored)
{
	struct boot_options o;

	CHECK(cmdline_parse("loglevel=x loglevel=12 ktest console=tty1", &o) == 4);
	CHECK(o.loglevel == 6);
	CHECK(o.ktest[0] == '\0');
}

HTEST(cmdline_overlong_words_do_not_overflow)
{
	struct boot_options o;
	char line[1024];

	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	memcpy(line, "init=", 5);
	CHECK(cmdline_parse(line, &o) == 1);
	CHECK(strcmp(o.init, "/sbin/init") == 0);
}

HTEST(cmdline_unterminated_quote_takes_the_rest)
{
	struct boot_options o;

	CHECK(cmdline_parse("init=\"/bin/sh -c", &o) == 0);
	CHECK(strcmp(o.init, "/bin/sh -c") == 0);
}

HTEST(cmdline_init_value_splits_into_argv)
{
	struct boot_options o;
	char *argv[CMDLINE_INIT_ARGS];

	CHECK(cmdline_parse("init=\"/bin/prog  a\tb 'c d' '' e'f g'h\" loglevel=3", &o) == 0);
	CHECK(cmdline_split_argv(o.init, argv, CMDLINE_INIT_ARGS) == 6);
	CHECK(strcmp(argv[0], "/bin/prog") == 0);
	CHECK(strcmp(argv[1], "a") == 0);
	CHECK(strcmp(argv[2], "b") == 0);
	CHECK(strcmp(argv[3], "c d") == 0);
	CHECK(strcmp(argv[4], "") == 0);
	CHECK(strcmp(argv[5], "ef gh") == 0);
	CHECK(argv[6] == NULL);
}

HTEST(cmdline_init_without_arguments_is_one_word)
{
	char s[] = "  /sbin/init  ";
	char *argv[4];

	CHECK(cmdline_split_argv(s, argv, 4) == 1);
	CHECK(strcmp(argv[0], "/sbin/init") == 0);
	CHECK(argv[1] == NULL);
}

HTEST(cmdline_init_split_of_nothing_gives_no_words)
{
	char s[] = " \t ";
	char *argv[4] = { s, s, s, s };

	CHECK(cmdline_split_argv(s, argv, 4) == 0);
	CHECK(argv[0] == NULL);
}

HTEST(cmdline_init_with_too_many_words_is_refused)
{
	char s[] = "a b c d";
	char *argv[4];

	CHECK(cmdline_split_argv(s, argv, 4) < 0);	/* -E2BIG */
}

HTEST(cmdline_long_init_values_fit)
{
	struct boot_options o;
	char line[CMDLINE_INIT_MAX + 16];
	size_t n = CMDLINE_INIT_MAX - 1;

	memcpy(line, "init=", 5);
	memset(line + 5, 'x', n);
	line[5 + n] = '\0';
	CHECK(cmdline_parse(line, &o) == 0);
	CHECK(strlen(o.init) == n);
	line[5 + n] = 'x';
	line[6 + n] = '\0';
	CHECK(cmdline_parse(line, &o) == 1);
	CHECK(strcmp(o.init, "/sbin/init") == 0);
}

HTEST(cmdline_split_reads_grub_escaped_quotes_like_plain_ones)
{
	char plain[] = "/bin/prog 'b c' d", grub[] = "/bin/prog \\'b c\\' d";
	char *a[8], *b[8];

	CHECK(cmdline_split_argv(plain, a, 8) == 3);
	CHECK(cmdline_split_argv(grub, b, 8) == 3);
	for (int i = 0; i < 3; i++)
		CHECK(strcmp(a[i], b[i]) == 0);
	CHECK(strcmp(b[1], "b c") == 0);
}
