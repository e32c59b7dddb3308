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
