/*
 * tests/host/htest.c - runs the HTEST cases of one host test program and
 * prints KTAP. The exit status is 1 if any case failed.
 *
 * HTEST_FILTER=substring runs only the cases whose name contains it.
 */
#include "htest.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TESTS 512

static struct htest *tests[MAX_TESTS];
static int nr_tests;

void htest_register(struct htest *t)
{
	if (nr_tests == MAX_TESTS) {
		fprintf(stderr, "htest: too many tests\n");
		exit(2);
	}
	tests[nr_tests++] = t;
}

void htest_fail(struct htest *t, const char *file, int line, const char *what)
{
	const char *base = strrchr(file, '/');

	if (t->failed)
		return;
	t->failed = true;
	snprintf(t->reason, sizeof(t->reason), "%s:%d: %s",
		 base ? base + 1 : file, line, what);
}

int main(void)
{
	const char *filter = getenv("HTEST_FILTER");
	int selected = 0, n = 0, failed = 0;

	for (int i = 0; i < nr_tests; i++)
		if (!filter || strstr(tests[i]->name, filter))
			selected++;
	printf("KTAP version 1\n1..%d\n", selected);
	fflush(stdout);
	for (int i = 0; i < nr_tests; i++) {
		struct htest *t = tests[i];

		if (filter && !strstr(t->name, filter))
			continue;
		n++;
		t->fn(t);
		if (t->failed) {
			failed++;
			printf("not ok %d %s # %s\n", n, t->name, t->reason);
		} else {
			printf("ok %d %s\n", n, t->name);
		}
		fflush(stdout);
	}
	return failed ? 1 : 0;
}
