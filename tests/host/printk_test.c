/*
 * tests/host/printk_test.c - the kernel's own vsnprintf (kernel/printk.c),
 * compiled under other names (k_snprintf) and compared with what C says.
 */
#include "htest.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int k_snprintf(char *buf, size_t size, const char *fmt, ...);

/* printk.c writes through console_write(); nothing to print here. */
void console_write(const char *s, size_t len)
{
	(void)s;
	(void)len;
}

#define SAME(...)							\
	do {								\
		char want[128], got[128];				\
		int n1 = snprintf(want, sizeof(want), __VA_ARGS__);	\
		int n2 = k_snprintf(got, sizeof(got), __VA_ARGS__);	\
		if (strcmp(want, got) != 0 || n1 != n2) {		\
			printf("# want '%s' (%d), got '%s' (%d)\n", want, n1, got, n2); \
			CHECK(!"output differs from C's snprintf");	\
		}							\
	} while (0)

HTEST(printk_integers_match_c)
{
	SAME("%d %i %u", -42, 17, 4000000000u);
	SAME("%ld %lu %lld %llu", -1L, 123456789012UL, -5LL, 18446744073709551615ULL);
	SAME("%x %X %#x %#lx %o %#o", 0xbeef, 0xbeef, 255, 0xffffffff80000000UL, 8, 8);
	SAME("%hd %hhu %zu %zd", (short)-3, (unsigned char)250, (size_t)77, (ssize_t)-77);
	SAME("[%5d] [%-5d] [%05d] [%+d] [% d]", 42, 42, 42, 42, 42);
	SAME("[%.3d] [%8.3d] [%-8.3x] [%.0d]", 7, 7, 0xa, 0);
	SAME("%d %d", INT32_MIN, INT32_MAX);
	SAME("%lld", (long long)INT64_MIN);
}

HTEST(printk_strings_chars_and_pointers_match_c)
{
	SAME("[%s] [%10s] [%-10s] [%.2s]", "atlas", "atlas", "atlas", "atlas");
	SAME("[%c%c] [%3c] %%", 'o', 'k', 'x');
	SAME("%p", (void *)0x1234);
	SAME("%*d|%-*d|%.*s", 6, 1, 6, 2, 3, "abcdef");
}

HTEST(printk_truncates_and_terminates)
{
	char buf[8];

	CHECK(k_snprintf(buf, sizeof(buf), "%s", "0123456789") == 10);
	CHECK(strcmp(buf, "0123456") == 0);
	CHECK(k_snprintf(NULL, 0, "%d", 12345) == 5);
	CHECK(k_snprintf(buf, 1, "abc") == 3 && buf[0] == '\0');
}

HTEST(printk_null_string_prints_null)
{
	char buf[16];
	const char *volatile nothing = NULL;

	k_snprintf(buf, sizeof(buf), "%s", nothing);
	CHECK(strcmp(buf, "(null)") == 0);
}
