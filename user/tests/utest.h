/*
 * user/tests/utest.h - a tiny KTAP test library for the user-space suites.
 *
 * A suite is one program (user/tests/<name>.c, installed as
 * /bin/test-<name>). Its cases are functions registered with
 *
 *   UTEST(pipe_reader_sees_eof_when_the_writer_closes, UTEST_HOST_SAFE)
 *   {
 *           CHECK_OK(pipe(fds));
 *           ...
 *   }
 *
 * and its main() calls utest_main(). Every case is marked:
 *
 *   UTEST_HOST_SAFE   runs on Linux too. make test runs these natively on
 *                     the build host first, as an unprivileged user in a
 *                     scratch directory: a case that fails there is a
 *                     wrong test, not a kernel bug;
 *   UTEST_ATLAS_ONLY  about Atlas alone (its fault-injection control, init
 *                     being pid 1, exact free-page counts), or not fit for
 *                     a shared host (exhaustion, fork bombs, fuzzing).
 *
 * Output is KTAP, one line per case, and the exit status is 1 if any case
 * failed:
 *
 *   KTAP version 1
 *   # Subtest: pipe
 *   1..7
 *   ok 1 pipe_carries_bytes_in_order
 *   not ok 2 pipe_reader_sees_eof_when_the_writer_closes # pipe.c:40: n == 0 (-1 vs 0)
 *
 * Options: --host-safe (or UTEST_HOST_SAFE=1 in the environment) runs
 * only the host-safe cases; --nested indents every line by four spaces,
 * a KTAP subtest (test-all uses it); any other arguments name the cases
 * to run.
 *
 * Each case runs in a child process of its own, in the suite's scratch
 * directory: a case that crashes is reported ("killed by signal 11") and
 * the others still run, and a case may leave its cwd or descriptors as it
 * likes. A failed CHECK ends the case at once, from any function it
 * calls. In a process the case forks, a failed CHECK still reports its
 * reason, then ends that process with status UTEST_CHILD_FAILED; the case
 * must check the status it waits for.
 *
 * On Atlas a suite ends with one more case, suite_gives_back_every_page:
 * MemFree of /proc/meminfo must be the same after the cases as before.
 * Linux's MemFree moves on its own, so host-safe runs leave it out.
 */
#ifndef ATLAS_UTEST_H
#define ATLAS_UTEST_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

enum utest_where {
	UTEST_HOST_SAFE,
	UTEST_ATLAS_ONLY,
};

struct utest_case {
	const char *name;
	void (*fn)(void);
	enum utest_where where;
	int line;		/* cases run in the order of their lines */
};

/* The linker gathers the cases in section utest_cases (in no set order). */
#define UTEST(name, where)						\
	static void utest_fn_##name(void);				\
	static const struct utest_case utest_case_##name		\
		__attribute__((used, section("utest_cases"), aligned(8))) = \
		{ #name, utest_fn_##name, where, __LINE__ };		\
	static void utest_fn_##name(void)

/* The status of a forked process of a case whose CHECK failed. */
#define UTEST_CHILD_FAILED 99

/*
 * utest_main() runs the cases of suite @suite as argv asks and prints
 * KTAP; returns 0 if every case passed, else 1 (main returns it).
 */
int utest_main(const char *suite, int argc, char **argv);

/* utest_fail() reports @fmt as the reason the running case failed and
 * ends the process. */
__attribute__((noreturn, format(printf, 3, 4)))
void utest_fail(const char *file, int line, const char *fmt, ...);

/* utest_diag() prints a "# " diagnostic line into the KTAP stream. */
__attribute__((format(printf, 1, 2)))
void utest_diag(const char *fmt, ...);

/* Is this run limited to the host-safe cases (probably on Linux)? */
bool utest_host_safe(void);

/* The absolute path of the running suite's program, for re-executing it. */
const char *utest_self(void);

/* utest_memfree_kb() returns MemFree of /proc/meminfo in KiB, or -1. It
 * allocates nothing, so it may measure the caller itself. */
long utest_memfree_kb(void);

/* utest_memfree_baseline_kb() is MemFree for a case to compare with
 * later, read once the process owns every page it is likely to write
 * (64 KiB of stack, its data, bss and heap): a page it first wrote after
 * the reading would look like a page lost. */
long utest_memfree_baseline_kb(void);

/* utest_wait() waits for @pid and returns its wait status (a failed CHECK
 * if waitpid fails). */
int utest_wait(int pid);

/* utest_read_all() reads @fd to its end into @buf (at most @size - 1
 * bytes, then a NUL); returns the byte count. */
size_t utest_read_all(int fd, char *buf, size_t size);

/* utest_write_file() creates (or truncates) @path holding @len bytes of
 * @data, with mode @mode (less the umask). */
void utest_write_file(const char *path, const void *data, size_t len, int mode);

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			utest_fail(__FILE__, __LINE__, "%s", #cond);	\
	} while (0)

/* CHECK_EQ() compares two integers and shows both on failure. */
#define CHECK_EQ(a, b)							\
	do {								\
		long long utest_a = (long long)(a), utest_b = (long long)(b); \
		if (utest_a != utest_b)					\
			utest_fail(__FILE__, __LINE__, "%s == %s (%lld vs %lld)", \
				   #a, #b, utest_a, utest_b);		\
	} while (0)

/* CHECK_OK() checks that @expr, a call's result (or a variable holding
 * one, errno untouched since), is not -1, the failure of a call that sets
 * errno. */
#define CHECK_OK(expr)							\
	do {								\
		if ((long)(expr) == -1)					\
			utest_fail(__FILE__, __LINE__, "%s failed: errno %d (%s)", \
				   #expr, errno, strerror(errno));	\
	} while (0)

/* CHECK_ERRNO() checks that @expr fails (-1) with errno @err. */
#define CHECK_ERRNO(expr, err)						\
	do {								\
		long utest_r;						\
		errno = 0;						\
		utest_r = (long)(expr);					\
		if (utest_r != -1 || errno != (err))			\
			utest_fail(__FILE__, __LINE__,			\
				   "%s gave %ld, errno %d (%s); wanted -1, %s", \
				   #expr, utest_r, errno, strerror(errno), #err); \
	} while (0)

/* CHECK_STR() compares two strings and shows both on failure. */
#define CHECK_STR(a, b)							\
	do {								\
		const char *utest_s = (a), *utest_t = (b);		\
		if (strcmp(utest_s, utest_t) != 0)			\
			utest_fail(__FILE__, __LINE__, "%s is \"%s\", wanted \"%s\"", \
				   #a, utest_s, utest_t);		\
	} while (0)

#endif
