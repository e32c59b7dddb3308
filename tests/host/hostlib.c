/*
 * tests/host/hostlib.c - the kernel services the real sources call, for
 * host builds: printk goes to stdout as KTAP diagnostics ("# ..."), and
 * panic aborts the test program (the runner reports the missing results).
 * printk and its level are weak, so that the printk test can link the real
 * kernel/printk.c instead.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((weak)) int console_loglevel = 7;

/* The timer's tick count, for the time stamps of the VFS; it stays 0. */
__attribute__((weak)) volatile uint64_t ticks;

/* The kernel's declaration order, without its header (to stay clear of
 * the host's own string.h). */
void vprintk(int level, const char *fmt, va_list ap);
void printk(int level, const char *fmt, ...);
void panic(const char *fmt, ...);

__attribute__((weak)) void vprintk(int level, const char *fmt, va_list ap)
{
	(void)level;
	fputs("# ", stdout);
	vprintf(fmt, ap);
}

__attribute__((weak)) void printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# KERNEL PANIC: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	abort();
}

/* strlcpy(): the kernel's, since the host C library may not have it. */
#include <string.h>

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
