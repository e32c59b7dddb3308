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

void utest_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
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
		printf("# suite setup failed: %s\n", reason);
		exit(1);
	}
	strcat(reason, "\n");
	if (write(result_fd, reason, strlen(reason)) < 0)
		printf("# %s", reason);
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

/* Removes @path and, if it is a directory, everything under it; returns
 * how many names were removed. */
static int remove_tree(const char *path)
{
	struct stat st;
	int removed = 0;

	if (lstat(path, &st) < 0)
		return 0;
	if (S_ISDIR(st.st_mode)) {
		char child[512];
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
		return removed + (rmdir(path) == 0);
	}
	return unlink(path) == 0;
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

/* Runs case @c in a child process and prints its KTAP line as number @n;
 * returns true if it passed. */
static bool run_case(const struct utest_case *c, int n)
{
	static char reason[600];
	int fds[2], pid, status;

	fflush(stdout);
	if (pipe2(fds, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
		printf("not ok %d %s # cannot start the case: %s\n", n, c->name, strerror(errno));
		fflush(stdout);
		return false;
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
	if (reason[0])
		printf("not ok %d %s # %s\n", n, c->name, reason);
	else
		printf("ok %d %s\n", n, c->name);
	fflush(stdout);
	return !reason[0];
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
		printf("not ok %d %s # MemFree %ld kB before the cases, %ld kB after\n",
		       n, name, before, after);
		fflush(stdout);
		return false;
	}
	printf("ok %d %s\n", n, name);
	fflush(stdout);
	return true;
}

int utest_main(const char *suite, int argc, char **argv)
{
	const char *env = getenv("UTEST_HOST_SAFE");
	int planned = 0, n = 0, failed = 0, atlas_only = 0;
	long free_before;

	host_safe_only = env && strcmp(env, "1") == 0;
	for (int i = 1; i < argc; i++)
		host_safe_only |= strcmp(argv[i], "--host-safe") == 0;
	find_self(argv[0]);
	sort_cases();
	for (int i = 0; i < nr_cases; i++) {
		planned += selected(cases[i], argc, argv);
		atlas_only += cases[i]->where == UTEST_ATLAS_ONLY;
	}

	printf("KTAP version 1\n# Subtest: %s\n1..%d\n", suite, planned + !host_safe_only);
	if (host_safe_only)
		utest_diag("host-safe cases only: %d Atlas-only cases and the free-page check "
			   "not run", atlas_only);
	fflush(stdout);

	free_before = host_safe_only ? 0 : utest_memfree_kb();
	snprintf(work_dir, sizeof(work_dir), "utest-%s.%d", suite, (int)getpid());
	if (mkdir(work_dir, 0777) < 0 || chdir(work_dir) < 0) {
		printf("Bail out! cannot make scratch directory %s: %s\n", work_dir, strerror(errno));
		return 1;
	}
	for (int i = 0; i < nr_cases; i++)
		if (selected(cases[i], argc, argv) && !run_case(cases[i], ++n))
			failed++;
	if (chdir("..") == 0 && remove_tree(work_dir) > 1)
		utest_diag("cases left files behind in %s (now removed)", work_dir);
	if (!host_safe_only && !check_free_pages(free_before, ++n))
		failed++;
	utest_diag("%s: %d passed, %d failed", suite, n - failed, failed);
	return failed ? 1 : 0;
}
