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
 *   init=PATH      the first program (used once user mode exists)
 *   rdinit=PATH    the first program when booting from an initramfs
 *   crash=HOW      crash on purpose after boot (panic, pagefault, illegal),
 *                  to test the panic report (kernel/crash.c)
 *
 * Unknown options are warned about and ignored.
 */
#ifndef ATLAS_CMDLINE_H
#define ATLAS_CMDLINE_H

#include "kernel/types.h"

#define CMDLINE_VALUE_MAX 128

struct boot_options {
	int loglevel;
	char ktest[CMDLINE_VALUE_MAX];		/* empty: no tests */
	char console[CMDLINE_VALUE_MAX];
	char init[CMDLINE_VALUE_MAX];
	char rdinit[CMDLINE_VALUE_MAX];
	char crash[CMDLINE_VALUE_MAX];		/* empty: no crash */
};

/* The options this boot was given (filled by cmdline_parse() in kmain). */
extern struct boot_options boot_options;

/*
 * cmdline_parse() fills @opts from @s, starting from the defaults. Returns
 * the number of options it warned about (unknown, or a bad value).
 */
int cmdline_parse(const char *s, struct boot_options *opts);

#endif
