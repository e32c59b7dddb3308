/*
 * kernel/ktest.c - runs the in-kernel tests and prints KTAP.
 *
 * Test cases are collected by the linker: KTEST() puts a struct ktest_case
 * in the .ktest section, and the port's kernel.ld gathers them between
 * __ktest_start and __ktest_end. Every case is also a leak check: the free
 * page count and the heap counters must be the same after the case as
 * before it, or the case fails.
 */
#include "kernel/ktest.h"
#include "kernel/kernel.h"
#include "mm/kmalloc.h"
#include "mm/page.h"

extern const struct ktest_case __ktest_start[], __ktest_end[];

void ktest_fail(struct ktest_ctx *t, const char *file, int line, const char *what)
{
	if (!t->failed) {
		t->file = file;
		t->line = line;
		t->what = what;
	}
	t->failed = true;
}

/* Is @suite named in the comma-separated @spec (or is @spec "all")? */
static bool spec_has(const char *spec, const char *suite)
{
	size_t len = strlen(suite);

	if (strcmp(spec, "all") == 0)
		return true;
	while (*spec) {
		const char *comma = strchr(spec, ',');
		size_t n = comma ? (size_t)(comma - spec) : strlen(spec);

		if (n == len && strncmp(spec, suite, n) == 0)
			return true;
		if (!comma)
			break;
		spec = comma + 1;
	}
	return false;
}

/* Every suite named in @spec must exist; returns false after saying which not. */
static bool spec_valid(const char *spec)
{
	char name[32];
	bool ok = true;

	if (strcmp(spec, "all") == 0)
		return true;
	while (*spec) {
		const char *comma = strchr(spec, ',');
		size_t n = comma ? (size_t)(comma - spec) : strlen(spec);
		bool found = false;

		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, spec, n);
		name[n] = '\0';
		for (const struct ktest_case *c = __ktest_start; c < __ktest_end; c++)
			if (strcmp(c->suite, name) == 0)
				found = true;
		if (!found) {
			pr_err("ktest: no test suite named '%s'\n", name);
			ok = false;
		}
		if (!comma)
			break;
		spec = comma + 1;
	}
	return ok;
}

/* Runs one case; returns true if it passed, leak check included. */
static bool run_case(const struct ktest_case *c, int n)
{
	struct ktest_ctx t = { 0 };
	struct kmalloc_stats before, after;
	size_t free_before = pmem_free_pages(), free_after;

	kmalloc_get_stats(&before);
	c->fn(&t);
	free_after = pmem_free_pages();
	kmalloc_get_stats(&after);

	if (t.failed) {
		const char *base = strrchr(t.file, '/');

		pr_info("not ok %d %s.%s # %s:%d: %s\n", n, c->suite, c->name,
			base ? base + 1 : t.file, t.line, t.what);
		return false;
	}
	if (free_after != free_before || after.objects != before.objects ||
	    after.large_allocs != before.large_allocs) {
		pr_info("not ok %d %s.%s # leak: free pages %zu -> %zu, heap objects %zu -> %zu\n",
			n, c->suite, c->name, free_before, free_after,
			before.objects + before.large_allocs, after.objects + after.large_allocs);
		return false;
	}
	pr_info("ok %d %s.%s\n", n, c->suite, c->name);
	return true;
}

int ktest_run(const char *spec)
{
	const char *suite = NULL;
	int selected = 0, n = 0, failed = 0;

	if (!spec_valid(spec))
		return -EINVAL;
	for (const struct ktest_case *c = __ktest_start; c < __ktest_end; c++)
		if (spec_has(spec, c->suite))
			selected++;

	pr_info("KTAP version 1\n1..%d\n", selected);
	for (const struct ktest_case *c = __ktest_start; c < __ktest_end; c++) {
		if (!spec_has(spec, c->suite))
			continue;
		if (!suite || strcmp(suite, c->suite) != 0) {
			suite = c->suite;
			pr_info("# suite %s\n", suite);
		}
		if (!run_case(c, ++n))
			failed++;
	}
	pr_info("# ktest: %d passed, %d failed\n", n - failed, failed);
	return failed;
}
