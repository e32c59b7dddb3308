/*
 * user/tests/runall.c - test-all: runs every test suite and gathers their
 * KTAP into one stream.
 *
 *   test-all [--host-safe] [SUITE...]
 *
 * The suites are the programs named test-<suite> in test-all's own
 * directory (/bin on Atlas), in name order, or those named on the
 * command line. Each runs in a child with the option --nested, which
 * indents every line it prints by four spaces and so makes its KTAP a
 * subtest; test-all closes it with one line for the suite:
 *
 *   KTAP version 1
 *   1..5
 *       KTAP version 1
 *       # Subtest: exec
 *       1..15
 *       ok 1 execve_of_a_missing_file_fails_with_enoent
 *       ...
 *   ok 1 exec
 *
 * A suite is ok if it exits 0. On Atlas test-all also checks that MemFree
 * is the same before the suite starts and after it is reaped, which
 * counts the suite process itself, its exec and its exit.
 *
 * make test boots Atlas with rdinit=/bin/test-all: test-all is then
 * process 1, the parent of every orphan, so it collects any child with
 * wait(), not just the suite's. It works in /tmp there. With --host-safe
 * (on the build host) it passes the flag on, checks no page counts and
 * stays in the directory it was started in. It exits 0 only if every
 * suite passed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_SUITES 32
#define PREFIX "test-"

extern char **environ;

static char suites[MAX_SUITES][64];
static int nr_suites;
static char dir[256];
static bool host_safe;

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* find_suites() lists the test-<suite> programs beside test-all in @dir. */
static void find_suites(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL && nr_suites < MAX_SUITES) {
		const char *name = e->d_name;

		if (strncmp(name, PREFIX, strlen(PREFIX)) != 0 || strcmp(name, "test-all") == 0)
			continue;
		snprintf(suites[nr_suites++], sizeof(suites[0]), "%s", name + strlen(PREFIX));
	}
	if (d)
		closedir(d);
	qsort(suites, nr_suites, sizeof(suites[0]), by_name);
}

/* memfree_kb() returns MemFree in KiB, or -1; it allocates nothing. */
static long memfree_kb(void)
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
 * run_suite() runs suite number @n, waits for it and prints its closing
 * line; returns true if it passed. While it waits it also collects any
 * other child: as process 1, test-all inherits the orphans a suite makes,
 * and their pages count against the suite until they are collected.
 */
static bool run_suite(int n, const char *suite)
{
	static char path[512], reason[128];
	char *argv[] = { path, "--nested", host_safe ? "--host-safe" : NULL, NULL };
	long free_before = host_safe ? 0 : memfree_kb(), free_after;
	int pid, status = 0, r;

	snprintf(path, sizeof(path), "%s/" PREFIX "%.63s", dir, suite);
	reason[0] = '\0';
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("not ok %d %s # cannot start it: %s\n", n, suite, strerror(errno));
		return false;
	}
	if (pid == 0) {
		execve(path, argv, environ);
		printf("    Bail out! cannot run %s: %s\n", path, strerror(errno));
		exit(127);
	}
	while ((r = wait(&status)) != pid) {
		if (r < 0 && errno != EINTR) {
			snprintf(reason, sizeof(reason), "lost track of it: %s", strerror(errno));
			break;
		}
	}
	if (!reason[0] && WIFSIGNALED(status))
		snprintf(reason, sizeof(reason), "killed by signal %d", WTERMSIG(status));
	else if (!reason[0] && WEXITSTATUS(status) != 0)
		snprintf(reason, sizeof(reason), "exit status %d", WEXITSTATUS(status));
	if (!host_safe) {
		free_after = memfree_kb();
		/* An orphan the suite left may still be on its way out. */
		for (int tries = 0; free_after != free_before && tries < 100; tries++) {
			usleep(10000);
			while (waitpid(-1, &r, WNOHANG) > 0)
				;
			free_after = memfree_kb();
		}
		if (free_after != free_before && !reason[0])
			snprintf(reason, sizeof(reason), "MemFree %ld kB before it, %ld kB after",
				 free_before, free_after);
	}
	if (reason[0])
		printf("not ok %d %s # %s\n", n, suite, reason);
	else
		printf("ok %d %s\n", n, suite);
	fflush(stdout);
	return !reason[0];
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	char cwd[128];
	int failed = 0;

	/* The suites' directory: ours, absolute, since we may change to /tmp. */
	if (!slash)
		snprintf(dir, sizeof(dir), "/bin");
	else if (argv[0][0] == '/')
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - argv[0]), argv[0]);
	else
		snprintf(dir, sizeof(dir), "%s/%.*s", getcwd(cwd, sizeof(cwd)) ? cwd : ".",
			 (int)(slash - argv[0]), argv[0]);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--host-safe") == 0)
			host_safe = true;
		else if (nr_suites < MAX_SUITES)
			snprintf(suites[nr_suites++], sizeof(suites[0]), "%s", argv[i]);
	}
	if (!nr_suites)
		find_suites();
	if (!host_safe && chdir("/tmp") < 0) {
		printf("Bail out! no /tmp to work in: %s\n", strerror(errno));
		return 1;
	}

	printf("KTAP version 1\n1..%d\n", nr_suites);
	for (int i = 0; i < nr_suites; i++)
		failed += !run_suite(i + 1, suites[i]);
	printf("# test-all: %d suites, %d passed, %d failed\n", nr_suites, nr_suites - failed,
	       failed);
	fflush(stdout);
	return failed ? 1 : 0;
}
