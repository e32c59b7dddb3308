/*
 * user/tests/fuzz.c - test-fuzz: random system calls with random
 * arguments; the kernel must survive them all and give back every page.
 *
 *   test-fuzz                       the suite: one case, FUZZ_DEFAULT_COUNT calls
 *   test-fuzz --count N [--seed S] [--trace]
 *                                   N calls, standalone (make fuzz-user);
 *                                   --trace prints each call before it is made,
 *                                   --worker W runs only worker W of the run
 *
 * SEED=S in the environment (or --seed S) replays a run; every run
 * prints its seed first.
 *
 * The calls are made by workers: processes forked by the fuzzer that
 * drop to user nobody (so they cannot touch the system's files or
 * mounts), work in a scratch directory, and make up to WORKER_CALLS calls
 * each, numbers and argument kinds from the arch's table (fuzz.h,
 * fuzz_<arch>.c). Arguments come from pools that mix the plausible with
 * the hostile: open descriptors and -1 and 1 << 20; pointers to a good
 * buffer, a read-only page, a PROT_NONE page, a hole, a string that runs
 * into unmapped memory, the kernel half, non-canonical addresses; lengths
 * from 0 to 2^63; random flags. A worker may die (it can kill itself, or
 * unmap its own code); it may not hang, and the kernel may not panic.
 *
 * Nothing a worker does may block forever, so: its descriptors 0-2 are
 * /dev/null, a pipe it makes loses its write end at once, sleeps are
 * short, and the children it forks leave at once. Each worker logs the
 * call it is about to make in a page shared with the fuzzer, which
 * prints it if the worker hangs.
 *
 * At the end the fuzzer checks that fork and exec still work and, on
 * Atlas, that MemFree is back where it was before the first worker.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"		/* user/lib/arch/<arch>/: syscall6() */
#include "fuzz.h"
#include "utest.h"

#define PAGE			4096
#define FUZZ_DEFAULT_COUNT	6000	/* calls in make test: a few seconds */
#define WORKER_CALLS		400
#define WORKER_TIMEOUT		60	/* seconds before a worker counts as hung */
#define NOBODY			65534
#define HOME			"fz"	/* the workers' scratch directory */
#define BIG_LEN			((size_t)64 << 30)
#define MIN(a, b)		((a) < (b) ? (a) : (b))

extern char **environ;

/* ---- the random source: xorshift64*, one stream per worker -------------------------- */

static uint64_t rng;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

/* below() is a random number in [0, n). */
static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

/* pick() is a random element of array @a. */
#define pick(a) ((a)[below(sizeof(a) / sizeof((a)[0]))])

/* ---- what a worker works with ------------------------------------------------------ */

/* Made by worker_setup(); the pools below point into them. */
static char *rw_buf;			/* 64 KiB, read-write */
static char *ro_page, *none_page;	/* PROT_READ, PROT_NONE */
static char *hole;			/* mapped once, unmapped since */
static char *big;			/* 64 GiB, never touched by the worker */
static char *unterminated;		/* a string running into an unmapped page */
static char home_path[256];
static int fds[16];
static int nr_fds;
static pid_t self;
static long only_worker = -1;		/* --worker W: run worker W alone */
static int trace_fd = -1;		/* --trace: each call goes here first */

/* Where the worker logs each call before it makes it (shared with the fuzzer). */
struct call_log {
	long worker, call, nr;
	unsigned long a[6];
	char name[24];
};
static struct call_log *call_log;

/* A timespec for the sleeps: always short. */
static struct { long sec, nsec; } short_sleep;

static char long_name[5000];

/* Addresses no user pointer may reach. */
static const unsigned long kernel_addrs[] = {
	0xffff800000000000ul, 0xffffffff80000000ul, 0xffffffc000000000ul,
	0x0000800000000000ul, 0x00007ffffffff000ul, 0x0000004000000000ul,
	~0ul, ~0ul - 4095, ~0ul - 7, 0x8000000000000000ul,
};

static const char *const paths[] = {
	"a", "b", "d", "d/e", "d/e/f", ".", "..", "", "garbage", "a/", "//a",
	"/", "/proc", "/proc/self/maps", "/proc/meminfo", "/proc/1/stat", "/dev/null",
	"/dev/zero", "/bin", "/bin/hello", "/etc/motd", "/nonexistent/x",
};

/* execve gets only paths that can never start a real program. */
static const char *const exec_paths[] = {
	"garbage", "", ".", "d", "/dev/null", "/proc/meminfo", "/nonexistent",
};

/* lengths: the ordinary, the page edges and the absurd. */
static const unsigned long lengths[] = {
	0, 1, 2, 7, 8, 16, 64, 100, 255, 256, 4095, 4096, 4097, 8192, 65536, 65537,
	1ul << 20, 1ul << 30, 1ul << 40, 1ul << 46, 1ul << 47, 1ul << 62, 1ul << 63,
	~0ul, ~0ul - 4095, 0x7fffffff, 0x80000000ul, 0xffffffff,
};

static unsigned long arg_fd(void)
{
	static const long odd[] = { -1, -100, 0, 1, 2, 1 << 20, 0x7fffffff, -0x80000000L,
				    255, 256, 1023, 1024 };

	if (nr_fds && below(4))
		return (unsigned long)(long)fds[below(nr_fds)];
	return (unsigned long)(below(2) ? (long)below(40) : pick(odd));
}

static unsigned long arg_ptr(void)
{
	switch (below(14)) {
	case 0: case 1: case 2: case 3:
		return (unsigned long)(rw_buf + (below(2) ? 0 : below(65536)));
	case 4:
		return (unsigned long)(ro_page + below(PAGE));
	case 5:
		return (unsigned long)(none_page + below(PAGE));
	case 6:
		return (unsigned long)(hole + below(PAGE));
	case 7:
		return (unsigned long)(big + below(BIG_LEN));
	case 8:
		return (unsigned long)(rw_buf + 65536 - below(16));	/* runs off the end */
	case 9:
		return 0;
	case 10:
		return pick(kernel_addrs) + below(2) * below(PAGE);
	case 11:
		return (unsigned long)unterminated;
	case 12:
		return (unsigned long)(uintptr_t)&arg_ptr;		/* our own code */
	default:
		return rnd();
	}
}

static unsigned long arg_path(void)
{
	if (below(6) == 0)
		return arg_ptr();
	if (below(30) == 0)
		return (unsigned long)long_name;
	return (unsigned long)pick(paths);
}

static unsigned long arg_len(void)
{
	return below(5) ? pick(lengths) : rnd() >> below(64);
}

static unsigned long arg_flags(void)
{
	switch (below(5)) {
	case 0:
		return 0;
	case 1:
		return below(16);
	case 2:
		return 1ul << below(64);
	case 3:
		return rnd() & 0xffffffff;
	default:
		return rnd() & rnd() & 0x3fffff;	/* a few low bits */
	}
}

static unsigned long arg_addr(void)
{
	static const unsigned long fixed[] = { 0, 0x10000, 0x400000, 0x10000000, 0x7f0000000000ul,
					       0x3f00000000ul };

	switch (below(12)) {
	case 0: case 1:
		return (unsigned long)(rw_buf + PAGE * below(16));
	case 2:
		return (unsigned long)ro_page;
	case 3:
		return (unsigned long)none_page;
	case 4:
		return (unsigned long)hole;
	case 5: case 6:
		return (unsigned long)(big + PAGE * below(BIG_LEN / PAGE));
	case 7:
		return pick(kernel_addrs);
	case 8:
		return pick(fixed);
	case 9:
		return (unsigned long)(rw_buf + below(PAGE));		/* unaligned */
	case 10:
		/* Rarely, our own code or stack: the worker may die of it. */
		return below(16) ? rnd() & ~0xffful :
		       below(2) ? ((unsigned long)(uintptr_t)&arg_addr & ~0xffful) :
				  ((unsigned long)(uintptr_t)&self & ~0xffful);
	default:
		return rnd() & ~0xffful & 0x7fffffffffffful;
	}
}

static unsigned long arg_pid(void)
{
	static const long odd[] = { 0, -1, 1 << 22, -(1 << 22), 0x7fffffff, -0x7fffffffL - 1 };

	return (unsigned long)(below(2) ? self : pick(odd));
}

static unsigned long arg_timespec(void)
{
	short_sleep.sec = 0;
	short_sleep.nsec = (long)below(1000000);	/* under a millisecond */
	switch (below(6)) {
	case 0:
		short_sleep.nsec = 1000000000;		/* invalid */
		break;
	case 1:
		short_sleep.sec = -1;			/* invalid */
		break;
	case 2:
		return (unsigned long)ro_page;
	case 3:
		return pick(kernel_addrs);
	}
	return (unsigned long)&short_sleep;
}

/* arg() is a value for an argument of kind @kind. */
static unsigned long arg(char kind)
{
	if (below(16) == 0)
		return rnd();			/* now and then, anything at all */
	switch (kind) {
	case 'f': return arg_fd();
	case 's': return arg_path();
	case 'p': return arg_ptr();
	case 'l': return arg_len();
	case 'o': return below(3) ? below(3 * PAGE) : pick(lengths);
	case 'x': return arg_flags();
	case 'a': return arg_addr();
	case 'n': return arg_pid();
	case 'g': {
		/* Any signal but the stopping ones: a worker that stops itself
		 * would wait for a SIGCONT that never comes. */
		unsigned long sig = below(4) ? 0 : below(70);

		return sig >= 19 && sig <= 22 ? 0 : sig;
	}
	case 'e': return (unsigned long)pick(exec_paths);
	case 't': return arg_timespec();
	case 'w': return below(2) ? 1 /* WNOHANG */ : arg_flags();
	case 'c': return below(2) ? 17 /* SIGCHLD */ : arg_flags();
	default:  return rnd();
	}
}

/* ---- a worker ---------------------------------------------------------------------- */

static __attribute__((noreturn)) void raw_exit(int code)
{
	for (;;)
		syscall6(SYS_exit, code, 0, 0, 0, 0, 0);
}

static void *map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		raw_exit(3);
	return p;
}

/* worker_setup() makes the worker's memory, descriptors and identity. */
static void worker_setup(void)
{
	static const char *const stale[] = { "d/e/f", "d/e", "d", "a", "b", "a/", "//a" };
	int null = open("/dev/null", O_RDWR);

	self = getpid();
	if (trace_fd >= 0)
		trace_fd = dup(1);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	close(null);
	if (syscall6(fuzz_nr("setgid"), NOBODY, 0, 0, 0, 0, 0) < 0 ||
	    syscall6(fuzz_nr("setuid"), NOBODY, 0, 0, 0, 0, 0) < 0 || chdir(home_path) < 0)
		raw_exit(4);
	/* What the worker before us left behind would only eat memory. */
	for (size_t i = 0; i < sizeof(stale) / sizeof(stale[0]); i++) {
		unlink(stale[i]);
		rmdir(stale[i]);
	}

	rw_buf = map(65536 + PAGE, PROT_READ | PROT_WRITE);
	munmap(rw_buf + 65536, PAGE);		/* the page after it is a hole */
	memset(rw_buf, 'x', 65536);
	ro_page = map(PAGE, PROT_READ);
	none_page = map(PAGE, PROT_NONE);
	hole = map(PAGE, PROT_READ);
	munmap(hole, PAGE);
	big = map(BIG_LEN, PROT_READ | PROT_WRITE);
	unterminated = map(2 * PAGE, PROT_READ | PROT_WRITE);
	memset(unterminated, 'u', 2 * PAGE);
	munmap(unterminated + PAGE, PAGE);
	unterminated += PAGE - 16;
	memset(long_name, 'n', sizeof(long_name) - 1);

	nr_fds = 0;
	fds[nr_fds++] = open(".", O_RDONLY);
	fds[nr_fds++] = open("/dev/zero", O_RDONLY);
	fds[nr_fds++] = open("/proc/self/maps", O_RDONLY);
	fds[nr_fds++] = open("a", O_RDWR | O_CREAT, 0644);
	fds[nr_fds++] = open("/", O_RDONLY);
	fds[nr_fds++] = open("/bin/hello", O_RDONLY);
}

/* after_call() undoes what could make a later call block, or the worker stray. */
static void after_call(const struct fuzz_call *c, long ret, const unsigned long a[6])
{
	switch (fuzz_after(c->name)) {
	case FUZZ_AFTER_FORK:
		if (ret == 0 && getpid() != self)
			raw_exit(0);		/* the child of a fork: it leaves */
		break;
	case FUZZ_AFTER_PIPE:
		if (ret == 0) {
			const int *p = (const int *)a[0];

			close(p[1]);
			if (nr_fds < (int)(sizeof(fds) / sizeof(fds[0])))
				fds[nr_fds++] = p[0];
		}
		break;
	case FUZZ_AFTER_CHDIR:
		if (ret == 0)
			chdir(home_path);
		break;
	default:
		if (ret >= 0 && ret < 1024 && nr_fds < (int)(sizeof(fds) / sizeof(fds[0])) &&
		    (strcmp(c->name, "open") == 0 || strcmp(c->name, "openat") == 0 ||
		     strncmp(c->name, "dup", 3) == 0))
			fds[nr_fds++] = (int)ret;
		break;
	}
}

/* trace_call() prints the call about to be made (--trace). */
static void trace_call(const struct fuzz_call *c, long index, int i, const unsigned long a[6])
{
	static char line[256];
	int n = snprintf(line, sizeof(line), "fuzz: worker %ld call %d: %s(%#lx, %#lx, %#lx, "
			 "%#lx, %#lx, %#lx)\n", index, i, c->name, a[0], a[1], a[2], a[3], a[4], a[5]);

	if (write(trace_fd, line, n) < 0)
		trace_fd = -1;
}

/* worker() makes @calls random calls, then collects its children and exits. */
static void worker(long index, uint64_t seed, int calls)
{
	rng = seed ^ (0x9e3779b97f4a7c15ull * (uint64_t)(index + 1));
	if (!rng)
		rng = 1;
	worker_setup();
	for (int i = 0; i < calls; i++) {
		const struct fuzz_call *c = &fuzz_calls[below(fuzz_nr_calls)];
		unsigned long a[6];
		long ret;

		for (int k = 0; k < 6; k++)
			a[k] = k < (int)strlen(c->args) ? arg(c->args[k]) : rnd();
		call_log->worker = index;
		call_log->call = i;
		call_log->nr = c->nr;
		memcpy(call_log->a, a, sizeof(a));
		strncpy(call_log->name, c->name, sizeof(call_log->name) - 1);
		if (trace_fd >= 0)
			trace_call(c, index, i, a);
		ret = syscall6(c->nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4],
			       (long)a[5]);
		after_call(c, ret, a);
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	raw_exit(0);
}

enum fuzz_after fuzz_after(const char *name)
{
	if (!strcmp(name, "fork") || !strcmp(name, "vfork") || !strcmp(name, "clone"))
		return FUZZ_AFTER_FORK;
	if (!strcmp(name, "pipe") || !strcmp(name, "pipe2"))
		return FUZZ_AFTER_PIPE;
	if (!strcmp(name, "chdir") || !strcmp(name, "fchdir"))
		return FUZZ_AFTER_CHDIR;
	return FUZZ_AFTER_NONE;
}

/* ---- the fuzzer -------------------------------------------------------------------- */

struct fuzz_result {
	long workers, exited, killed;
	char problem[256];		/* empty: all is well */
};

/* run_worker() runs worker number @index and waits for it (at most WORKER_TIMEOUT). */
static void run_worker(long index, uint64_t seed, int calls, struct fuzz_result *res)
{
	struct timespec nap = { 0, 2000000 };
	int pid, status = 0;
	long waited = 0;

	pid = fork();
	if (pid < 0) {
		snprintf(res->problem, sizeof(res->problem), "fork of worker %ld: %s", index,
			 strerror(errno));
		return;
	}
	if (pid == 0)
		worker(index, seed, calls);
	res->workers++;
	while (waitpid(pid, &status, WNOHANG) == 0) {
		nanosleep(&nap, NULL);
		if (++waited > WORKER_TIMEOUT * 500L) {
			snprintf(res->problem, sizeof(res->problem),
				 "worker %ld hung in call %ld: %s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)",
				 index, call_log->call, call_log->name, call_log->a[0],
				 call_log->a[1], call_log->a[2], call_log->a[3], call_log->a[4],
				 call_log->a[5]);
			return;
		}
	}
	if (WIFSIGNALED(status))
		res->killed++;
	else
		res->exited++;
}

/* remove_tree() removes @path and everything under it; false if it cannot. */
static bool remove_tree(const char *path)
{
	struct stat st;
	char child[600];

	if (lstat(path, &st) < 0)
		return true;
	if (!S_ISDIR(st.st_mode))
		return unlink(path) == 0;
	for (;;) {
		DIR *d = opendir(path);
		struct dirent *e;
		bool found = false;

		while (d && (e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
				snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
				found = true;
				break;
			}
		}
		if (d)
			closedir(d);
		if (!found)
			break;
		if (!remove_tree(child))
			return false;
	}
	return rmdir(path) == 0;
}

/*
 * remove_home() removes the scratch directory and whatever the workers
 * made in it, with names of any bytes they found in memory. It works in a
 * child, as root, so that the fuzzer's own memory does not grow between
 * two MemFree readings. False if something is left.
 */
static bool remove_home(void)
{
	int pid = fork(), status = 0;

	if (pid == 0)
		_exit(remove_tree(HOME) ? 0 : 1);
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

/* system_works() checks that fork, exec and wait still work. */
static bool system_works(void)
{
	int pid = fork(), status = 0;

	if (pid == 0) {
		char *argv[] = { "/bin/hello", NULL };
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		execve(argv[0], argv, environ);
		_exit(127);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

/*
 * fuzz() makes @count calls with @seed, in workers, and reports in @res;
 * @progress prints a line every so many workers.
 */
static void fuzz(uint64_t seed, long count, bool progress, struct fuzz_result *res)
{
	static unsigned char noise[512];
	long before, after, workers = (count + WORKER_CALLS - 1) / WORKER_CALLS;
	char cwd[200];

	memset(res, 0, sizeof(*res));
	call_log = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (call_log == MAP_FAILED || !getcwd(cwd, sizeof(cwd))) {
		snprintf(res->problem, sizeof(res->problem), "no memory to start with");
		return;
	}
	snprintf(home_path, sizeof(home_path), "%s/%s", strcmp(cwd, "/") ? cwd : "", HOME);
	before = utest_memfree_baseline_kb();
	syscall6(fuzz_nr("umask"), 0, 0, 0, 0, 0, 0);
	if (mkdir(HOME, 0777) < 0 && errno != EEXIST) {
		snprintf(res->problem, sizeof(res->problem), "mkdir %s: %s", HOME, strerror(errno));
		return;
	}
	/* A garbage "executable" for execve to refuse. */
	rng = seed | 1;
	for (size_t i = 0; i < sizeof(noise); i++)
		noise[i] = (unsigned char)rnd();
	int fd = open(HOME "/garbage", O_WRONLY | O_CREAT | O_TRUNC, 0777);
	if (fd >= 0) {
		if (write(fd, noise, sizeof(noise)) < 0)
			noise[0] = 0;
		close(fd);
	}

	for (long w = 0; w < workers && !res->problem[0]; w++) {
		long calls = MIN(WORKER_CALLS, count - w * WORKER_CALLS);

		if (only_worker >= 0 && w != only_worker)
			continue;
		run_worker(w, seed, (int)calls, res);
		if (progress && (w + 1) % 50 == 0) {
			printf("fuzz: %ld of %ld calls, %ld workers killed so far\n",
			       (w + 1) * WORKER_CALLS, count, res->killed);
			fflush(stdout);
		}
	}
	if (res->problem[0])
		return;
	if (!remove_home()) {
		snprintf(res->problem, sizeof(res->problem), "cannot remove %s", HOME);
		return;
	}
	if (!system_works()) {
		snprintf(res->problem, sizeof(res->problem), "fork and exec of /bin/hello fail");
		return;
	}
	/* Orphaned children of the workers go to init, which collects them in its own time. */
	after = utest_memfree_kb();
	for (int tries = 0; after != before && tries < 200; tries++) {
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
		after = utest_memfree_kb();
	}
	if (before >= 0 && after != before)
		snprintf(res->problem, sizeof(res->problem),
			 "MemFree %ld kB before the workers, %ld kB after", before, after);
}

/* seed_from() is the seed SEED= or --seed gives, else one from the clock. */
static uint64_t seed_from(int argc, char **argv)
{
	const char *s = getenv("SEED");
	struct timespec ts;

	for (int i = 1; i < argc - 1; i++)
		if (strcmp(argv[i], "--seed") == 0)
			s = argv[i + 1];
	if (s && *s)
		return strtoull(s, NULL, 0);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_nsec * 2654435761u ^ (uint64_t)ts.tv_sec ^ (uint64_t)getpid();
}

static uint64_t suite_seed;

UTEST(random_system_calls_leave_the_kernel_alive_and_every_page_free, UTEST_ATLAS_ONLY)
{
	struct fuzz_result res;

	utest_diag("fuzz: seed %llu, %d calls (replay: SEED=%llu)",
		   (unsigned long long)suite_seed, FUZZ_DEFAULT_COUNT,
		   (unsigned long long)suite_seed);
	fuzz(suite_seed, FUZZ_DEFAULT_COUNT, false, &res);
	utest_diag("fuzz: %ld workers, %ld exited, %ld killed", res.workers, res.exited,
		   res.killed);
	if (res.problem[0])
		utest_fail(__FILE__, __LINE__, "seed %llu: %s", (unsigned long long)suite_seed,
			   res.problem);
}

int main(int argc, char **argv)
{
	long count = 0;

	for (int i = 1; i < argc - 1; i++)
		if (strcmp(argv[i], "--count") == 0)
			count = strtol(argv[i + 1], NULL, 0);
	suite_seed = seed_from(argc, argv);
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--trace") == 0)
			trace_fd = 1;
	for (int i = 1; i < argc - 1; i++)
		if (strcmp(argv[i], "--worker") == 0)
			only_worker = strtol(argv[i + 1], NULL, 0);
	if (count > 0) {
		struct fuzz_result res;

		printf("fuzz: seed %llu, %ld calls (replay: SEED=%llu)\n",
		       (unsigned long long)suite_seed, count, (unsigned long long)suite_seed);
		fflush(stdout);
		if (chdir("/tmp") < 0)
			return 1;
		fuzz(suite_seed, count, true, &res);
		printf("fuzz: %ld workers, %ld exited, %ld killed: %s\n", res.workers, res.exited,
		       res.killed, res.problem[0] ? res.problem : "the kernel survived, every page came back");
		return res.problem[0] ? 1 : 0;
	}
	return utest_main("fuzz", argc, argv);
}
