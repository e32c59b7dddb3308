/*
 * user/tests/utest.c - runs a suite's cases, each in a child process, and
 * prints KTAP (the library's contract is in utest.h).
 *
 * The suite process itself only forks, waits and prints. A case process
 * reports why it failed through a pipe (close-on-exec, so programs a case
 * runs never see it); its exit status says whether it failed. A case
 * that dies of a signal, or exits without passing through the end of
 * its function, fails with what waitpid() saw.
 *
 * The cases share one scratch directory, made in the current directory
 * when the suite starts and removed with whatever is left in it when it
 * ends: /tmp on Atlas (test-all changes there), a fresh mktemp -d
 * directory on the build host.
 */
#define _GNU_SOURCE		/* pipe2 */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* The linker's bounds of section utest_cases. */
extern const struct utest_case __start_utest_cases[], __stop_utest_cases[];

static bool host_safe_only;
static char self_path[512];
static char work_dir[128];

/* In a case process: where the reason for a failure goes, and which
 * process the case itself is (its children are not). */
static int result_fd = -1;
static pid_t case_pid;

bool utest_host_safe(void)
{
	return host_safe_only;
}

const char *utest_self(void)
{
	return self_path;
}

/* What every line of output starts with: "    " with --nested, when
 * test-all gathers the suites' KTAP into one stream. */
static const char *indent = "";

/* ktap() prints one line of KTAP (a newline is added) and flushes it. */
__attribute__((format(printf, 1, 2)))
static void ktap(const char *fmt, ...)
{
	va_list ap;

	fputs(indent, stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

void utest_diag(const char *fmt, ...)
{
	va_list ap;

	printf("%s# ", indent);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

void utest_fail(const char *file, int line, const char *fmt, ...)
{
	static char reason[512];
	const char *base = strrchr(file, '/');
	va_list ap;
	int n;

	n = snprintf(reason, sizeof(reason), "%s:%d: ", base ? base + 1 : file, line);
	va_start(ap, fmt);
	vsnprintf(reason + n, sizeof(reason) - n - 1, fmt, ap);
	va_end(ap);
	/* A reason is one KTAP line. */
	for (char *p = reason; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '#')
			*p = *p == '#' ? '^' : ' ';
	if (result_fd < 0) {
		ktap("Bail out! %s", reason);
		exit(1);
	}
	strcat(reason, "\n");
	if (write(result_fd, reason, strlen(reason)) < 0)
		printf("%s# %s", indent, reason);
	fflush(stdout);
	_exit(getpid() == case_pid ? 1 : UTEST_CHILD_FAILED);
}

long utest_memfree_kb(void)
{
	static char buf[2048];
	int fd = open("/proc/meminfo", O_RDONLY);
	long n;
	char *p;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "MemFree:");
	return p ? strtol(p + strlen("MemFree:"), NULL, 10) : -1;
}

/*
 * own_writable_pages() writes every page of the process's small writable
 * mappings (data, bss, heap) to itself: a page still shared with the
 * parent it was forked from takes a new page on its first write.
 */
static void own_writable_pages(void)
{
	static char maps[8192];
	int fd = open("/proc/self/maps", O_RDONLY);
	char *line;
	long n;

	if (fd < 0)
		return;
	n = read(fd, maps, sizeof(maps) - 1);
	close(fd);
	if (n <= 0)
		return;
	maps[n] = '\0';
	for (line = maps; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		char *end;
		unsigned long lo = strtoul(line, &end, 16), hi = strtoul(end + 1, &end, 16);

		if (end[1] != 'r' || end[2] != 'w' || hi - lo > (1ul << 20))
			continue;
		for (volatile char *p = (volatile char *)lo; p < (volatile char *)hi; p += 4096)
			*p = *p;
	}
}

static void touch_stack(void);

long utest_memfree_baseline_kb(void)
{
	touch_stack();
	own_writable_pages();
	return utest_memfree_kb();
}

int utest_wait(int pid)
{
	int status = 0, r;

	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r != pid)
		utest_fail(__FILE__, __LINE__, "waitpid(%d) gave %d: %s", pid, r, strerror(errno));
	return status;
}

size_t utest_read_all(int fd, char *buf, size_t size)
{
	size_t got = 0;

	while (got < size - 1) {
		long n = read(fd, buf + got, size - 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			utest_fail(__FILE__, __LINE__, "read(%d): %s", fd, strerror(errno));
		if (n == 0)
			break;
		got += n;
	}
	buf[got] = '\0';
	return got;
}

void utest_write_file(const char *path, const void *data, size_t len, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		utest_fail(__FILE__, __LINE__, "open(%s): %s", path, strerror(errno));
	if (write(fd, data, len) != (long)len)
		utest_fail(__FILE__, __LINE__, "write(%s): %s", path, strerror(errno));
	close(fd);
}

/* Finds the program's own absolute path from @argv0 (as given, against
 * the current directory, or searched in PATH). */
static void find_self(const char *argv0)
{
	const char *path = getenv("PATH");
	char cwd[256];

	if (argv0[0] == '/') {
		snprintf(self_path, sizeof(self_path), "%s", argv0);
		return;
	}
	if (strchr(argv0, '/')) {
		snprintf(self_path, sizeof(self_path), "%s/%s",
			 getcwd(cwd, sizeof(cwd)) ? cwd : ".", argv0);
		return;
	}
	while (path && *path) {
		size_t n = strcspn(path, ":");

		snprintf(self_path, sizeof(self_path), "%.*s/%s", (int)n, path, argv0);
		if (self_path[0] == '/' && access(self_path, X_OK) == 0)
			return;
		path += n + (path[n] == ':');
	}
	snprintf(self_path, sizeof(self_path), "/bin/%s", argv0);
}

static int remove_tree(const char *path);

/* empty_dir() removes everything in directory @path; returns how many
 * names it removed. */
static int empty_dir(const char *path)
{
	char child[512];
	int removed = 0;
	bool more = true;

	while (more) {
		DIR *d = opendir(path);
		struct dirent *e;

		more = false;
		while (d && (e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
			more = true;
			break;
		}
		if (d)
			closedir(d);
		if (more && remove_tree(child) == 0)
			break;		/* cannot remove it: give up */
		removed += more;
	}
	return removed;
}

/* remove_tree() removes @path and, if it is a directory, everything in
 * it; returns how many names it removed. */
static int remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return 0;
	if (S_ISDIR(st.st_mode))
		return empty_dir(path) + (rmdir(path) == 0);
	return unlink(path) == 0;
}

/*
 * empty_work_dir() removes what the cases left in the scratch directory
 * (the current one); returns true if there was anything. It works in a
 * child process, so that the suite process's own memory (opendir's
 * buffer) does not grow between the two MemFree readings.
 */
static bool empty_work_dir(void)
{
	int pid = fork(), status = 0;

	if (pid == 0)
		_exit(empty_dir(".") > 0);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 1;
}

/*
 * touch_stack() makes the stack the suite process will use its own before
 * MemFree is first read: a stack page first touched later would count as
 * a page the cases did not give back.
 */
static void __attribute__((noinline)) touch_stack(void)
{
	volatile char pad[64 * 1024];

	for (size_t i = 0; i < sizeof(pad); i += 1024)
		pad[i] = 0;
}

/* The cases in the order of their lines in the suite's file. */
static const struct utest_case *cases[256];
static int nr_cases;

static int by_line(const void *a, const void *b)
{
	return (*(const struct utest_case *const *)a)->line -
	       (*(const struct utest_case *const *)b)->line;
}

static void sort_cases(void)
{
	for (const struct utest_case *c = __start_utest_cases; c < __stop_utest_cases; c++)
		if (nr_cases < (int)(sizeof(cases) / sizeof(cases[0])))
			cases[nr_cases++] = c;
	qsort(cases, nr_cases, sizeof(cases[0]), by_line);
}

/* Should case @c run, given the mode and the case names on the command line? */
static bool selected(const struct utest_case *c, int argc, char **argv)
{
	bool named = false, any_names = false;

	if (host_safe_only && c->where != UTEST_HOST_SAFE)
		return false;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-')
			continue;
		any_names = true;
		named |= strcmp(argv[i], c->name) == 0;
	}
	return !any_names || named;
}

/*
 * run_case() runs case @c in a child process; returns NULL if it passed,
 * else why it failed (in a buffer the next call reuses).
 */
static const char *run_case(const struct utest_case *c)
{
	static char reason[600];
	int fds[2], pid, status;

	fflush(stdout);
	if (pipe2(fds, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
		snprintf(reason, sizeof(reason), "cannot start the case: %s", strerror(errno));
		return reason;
	}
	if (pid == 0) {
		close(fds[0]);
		result_fd = fds[1];
		case_pid = getpid();
		c->fn();
		fflush(stdout);
		_exit(0);
	}
	close(fds[1]);
	utest_read_all(fds[0], reason, sizeof(reason));
	close(fds[0]);
	status = utest_wait(pid);
	reason[strcspn(reason, "\n")] = '\0';
	if (!reason[0] && WIFSIGNALED(status))
		snprintf(reason, sizeof(reason), "killed by signal %d", WTERMSIG(status));
	else if (!reason[0] && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		snprintf(reason, sizeof(reason), "case process ended with status %#x", status);
	return reason[0] ? reason : NULL;
}

/* run_and_report() runs case @c and prints its KTAP line as number @n;
 * returns true if it passed. */
static bool run_and_report(const struct utest_case *c, int n)
{
	const char *reason = run_case(c);

	if (reason)
		ktap("not ok %d %s # %s", n, c->name, reason);
	else
		ktap("ok %d %s", n, c->name);
	return !reason;
}

static void do_nothing(void)
{
}

/*
 * warm_up() makes the suite process take, before MemFree is first read,
 * every page it will use of its own while it runs cases: stack, static
 * variables, stdio and pipe buffers. Any such page taken later would
 * count as a page the cases did not give back. So it touches the stack
 * and runs an empty case once; the reading itself then writes every page
 * of its data, bss and heap first (utest_memfree_baseline_kb()), so that
 * where the linker put a variable does not matter.
 */
static void warm_up(void)
{
	static const struct utest_case empty = { "warm_up", do_nothing, UTEST_HOST_SAFE, 0 };

	touch_stack();
	run_case(&empty);
}

/*
 * The last case on Atlas: every page the cases took is free again. Pages
 * a case's processes held come back when they are reaped, and an orphan
 * is reaped by init in its own time: wait up to a second for that.
 */
static bool check_free_pages(long before, int n)
{
	const char *name = "suite_gives_back_every_page";
	long after = utest_memfree_kb();

	for (int tries = 0; after != before && tries < 100; tries++) {
		usleep(10000);
		after = utest_memfree_kb();
	}
	if (before < 0 || after != before) {
		ktap("not ok %d %s # MemFree %ld kB before the cases, %ld kB after", n, name,
		     before, after);
		return false;
	}
	ktap("ok %d %s", n, name);
	return true;
}

int utest_main(const char *suite, int argc, char **argv)
{
	const char *env = getenv("UTEST_HOST_SAFE");
	int planned = 0, n = 0, failed = 0, atlas_only = 0;
	long free_before;

	host_safe_only = env && strcmp(env, "1") == 0;
	for (int i = 1; i < argc; i++) {
		host_safe_only |= strcmp(argv[i], "--host-safe") == 0;
		if (strcmp(argv[i], "--nested") == 0)
			indent = "    ";
	}
	find_self(argv[0]);
	sort_cases();
	for (int i = 0; i < nr_cases; i++) {
		planned += selected(cases[i], argc, argv);
		atlas_only += cases[i]->where == UTEST_ATLAS_ONLY;
	}

	ktap("KTAP version 1");
	ktap("# Subtest: %s", suite);
	ktap("1..%d", planned + !host_safe_only);
	if (host_safe_only)
		utest_diag("host-safe cases only: %d Atlas-only cases and the free-page check "
			   "not run", atlas_only);
	fflush(stdout);

	snprintf(work_dir, sizeof(work_dir), "utest-%s.%d", suite, (int)getpid());
	if (mkdir(work_dir, 0777) < 0 || chdir(work_dir) < 0) {
		ktap("Bail out! cannot make scratch directory %s: %s", work_dir, strerror(errno));
		return 1;
	}
	warm_up();
	free_before = host_safe_only ? 0 : utest_memfree_baseline_kb();
	for (int i = 0; i < nr_cases; i++)
		if (selected(cases[i], argc, argv) && !run_and_report(cases[i], ++n))
			failed++;
	if (empty_work_dir())
		utest_diag("cases left files behind in %s (now removed)", work_dir);
	if (!host_safe_only && !check_free_pages(free_before, ++n))
		failed++;
	if (chdir("..") < 0 || rmdir(work_dir) < 0)
		utest_diag("cannot remove %s: %s", work_dir, strerror(errno));
	utest_diag("%s: %d passed, %d failed", suite, n - failed, failed);
	return failed ? 1 : 0;
}
