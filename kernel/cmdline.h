/*
 * kernel/cmdline.h - the kernel command line.
 *
 * Options are separated by spaces; a value may be quoted ("init=/bin/sh -x"
 * is written init="/bin/sh -x"). Known options:
 *
 *   loglevel=N     print messages up to level N (3 errors .. 7 debug)
 *   ktest=LIST     run in-kernel test suites ("all" or a comma list), then
 *                  power off with the result
 *   console=NAME   the console device; ttyS0 (the serial port) only
 *   init=PATH      the first program (/sbin/init by default); words after
 *                  the path are its arguments: init="/bin/prog a 'b c'"
 *                  runs /bin/prog with argv {"/bin/prog", "a", "b c"}
 *   rdinit=PATH    the first program when booting from an initramfs (the
 *                  same form; it wins over init=)
 *   exec=PATH, args="..."   for /sbin/init: run PATH with those arguments
 *                  as the only job (user/init.c; make exec uses them)
 *   crash=HOW      crash on purpose after boot (panic, pagefault, illegal),
 *                  to test the panic report (kernel/crash.c)
 *
 * Unknown options are warned about and ignored.
 */
#ifndef ATLAS_CMDLINE_H
#define ATLAS_CMDLINE_H

#include "kernel/types.h"

#define CMDLINE_VALUE_MAX 128
/* init= and rdinit= carry a whole argument list, so they may be longer. */
#define CMDLINE_INIT_MAX 384
/* At most this many words (the path and its arguments) in init=. */
#define CMDLINE_INIT_ARGS 32

struct boot_options {
	int loglevel;
	char ktest[CMDLINE_VALUE_MAX];		/* empty: no tests */
	char console[CMDLINE_VALUE_MAX];
	char init[CMDLINE_INIT_MAX];
	char rdinit[CMDLINE_INIT_MAX];
	char crash[CMDLINE_VALUE_MAX];		/* empty: no crash */
};

/* The options this boot was given (filled by cmdline_parse() in kmain). */
extern struct boot_options boot_options;

/*
 * cmdline_parse() fills @opts from @s, starting from the defaults. Returns
 * the number of options it warned about (unknown, or a bad value).
 */
int cmdline_parse(const char *s, struct boot_options *opts);

/*
 * cmdline_split_argv() splits @s in place into words separated by spaces
 * or tabs, for an init= value. Single quotes keep spaces inside a word
 * and are dropped ('' is an empty word); the command line's own double
 * quotes were already taken off by cmdline_parse(). A backslash is
 * dropped and the character after it read as usual, because GRUB passes
 * a single quote on as \'. Fills @argv with at
 * most @max - 1 words and a NULL after them. Returns the number of
 * words, or -E2BIG if there are more than @max - 1.
 */
int cmdline_split_argv(char *s, char **argv, int max);

#endif
