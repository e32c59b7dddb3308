/*
 * user/tests/hostile.c - test-hostile: programs that try to take the
 * system down end cleanly, and their memory comes back.
 *
 * Each case lets a child process misbehave: recurse past the end of its
 * stack, fork until fork fails, touch memory until none is left, run
 * garbage executables, or signal itself in a loop. The case checks how
 * the child ended (the signal its parent sees), that the system still
 * forks and runs programs afterwards, and, where it matters, that MemFree
 * is back at its value from before the case (check_memfree_back()); the
 * suite's last case checks the same for all of them together.
 *
 * Every hostile case is Atlas-only: none of this belongs on a shared
 * host. Only the regression cases of bugs the syscall fuzzer found
 * (user/tests/fuzz.c) are host-safe: they check plain errnos.
 *
 * Signals: the signal cases here send only signals whose default action
 * is to terminate, and expect exactly that; handlers, masks and the
 * signals ignored by default are tested in user/tests/signal.c.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"		/* user/lib/arch/<arch>/: syscall6() */
#include "fuzz.h"		/* fuzz_nr() */
#include "utest.h"

#define PAGE		4096
#define HELPER_FLAG	"--hostile-helper"
#define NOBODY		65534

extern char **environ;

/* CHECK_KILLED_BY() checks that wait status @status is a death by @sig. */
#define CHECK_KILLED_BY(status, sig)					\
	do {								\
		int utest_st = (status);				\
		if (!WIFSIGNALED(utest_st))				\
			utest_fail(__FILE__, __LINE__, "status %#x: not killed by a signal", \
				   utest_st);				\
		CHECK_EQ(WTERMSIG(utest_st), sig);			\
	} while (0)

/* CHECK_EXITED() checks that wait status @status is a normal exit with @code. */
#define CHECK_EXITED(status, code)					\
	do {								\
		int utest_st = (status);				\
		if (!WIFEXITED(utest_st))				\
			utest_fail(__FILE__, __LINE__, "status %#x: killed by signal %d", \
				   utest_st, WTERMSIG(utest_st));	\
		CHECK_EQ(WEXITSTATUS(utest_st), code);			\
	} while (0)

/* ---- helpers --------------------------------------------------------------------- */

/* memtotal_kb() is MemTotal of /proc/meminfo in KiB. */
static long memtotal_kb(void)
{
	static char buf[2048];
	int fd = open("/proc/meminfo", O_RDONLY);
	long n;
	char *p;

	CHECK_OK(fd);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	CHECK(n > 0);
	buf[n] = '\0';
	p = strstr(buf, "MemTotal:");
	CHECK(p != NULL);
	return strtol(p + strlen("MemTotal:"), NULL, 10);
}

/*
 * check_memfree_back() checks that MemFree is @before again: the pages of
 * the case's children come back when they are reaped (give an orphan's
 * reaper up to a second).
 */
static void check_memfree_back(long before)
{
	long after = utest_memfree_kb();

	for (int tries = 0; after != before && tries < 100; tries++) {
		usleep(10000);
		after = utest_memfree_kb();
	}
	CHECK(before > 0);
	CHECK_EQ(after, before);
}

/* nap() sleeps @ms milliseconds. */
static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* seconds_now() is a monotonic clock in seconds. */
static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * touch_stack() writes 64 KiB of stack, so that a child whose memory is
 * about to run out already owns the stack pages it will use (a first
 * write to a page shared with its parent needs a new page).
 */
static void __attribute__((noinline)) touch_stack(void)
{
	volatile char pad[64 * 1024];

	for (size_t i = 0; i < sizeof(pad); i += PAGE)
		pad[i] = 0;
}

/* system_still_forks_and_runs_programs() checks, after a hostile case,
 * that fork, exec and wait all still work. */
static void system_still_forks_and_runs_programs(void)
{
	int pid = fork();

	CHECK_OK(pid);
	if (pid == 0) {
		char *argv[] = { (char *)utest_self(), HELPER_FLAG, "exit7", NULL };

		execve(argv[0], argv, environ);
		_exit(1);
	}
	CHECK_EXITED(utest_wait(pid), 7);
}

/* ---- deep recursion ------------------------------------------------------------------ */

/* How deep recurse() got, in a page the parent shares. */
static volatile long *depth_seen;

/* recurse() uses about 1 KiB of stack per level, forever. */
static long __attribute__((noinline)) recurse(volatile char *prev, long depth)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	frame[sizeof(frame) - 1] = prev ? prev[0] : 0;
	*depth_seen = depth;
	if (depth > (1L << 40))		/* never: it keeps -Winfinite-recursion quiet */
		return 0;
	return recurse(frame, depth + 1) + frame[512];
}

UTEST(recursion_past_the_8_mib_stack_is_killed_by_sigsegv, UTEST_ATLAS_ONLY)
{
	long before;
	int pid;

	depth_seen = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(depth_seen != MAP_FAILED);
	*depth_seen = 0;
	before = utest_memfree_baseline_kb();
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		recurse(NULL, 0);
		_exit(0);
	}
	CHECK_KILLED_BY(utest_wait(pid), SIGSEGV);
	/* It ran into the guard page below the 8 MiB stack, not into anything else. */
	CHECK(*depth_seen * 1024 > 7 * 1024 * 1024);
	CHECK(*depth_seen * 1024 < 9 * 1024 * 1024);
	check_memfree_back(before);
	system_still_forks_and_runs_programs();
}

/* ---- fork bomb ---------------------------------------------------------------------- */

/*
 * fork_bomb() forks children (each naps 20 ms and exits) until fork
 * fails, then collects them all; it stores how many it made and the
 * errno fork failed with in @out.
 */
static void fork_bomb(int out[2])
{
	int n = 0, err = 0;

	for (;;) {
		int pid = fork();

		if (pid == 0) {
			nap(20);
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		if (++n > 100000)
			break;		/* fork never failed: the case says so */
	}
	while (wait(NULL) > 0)
		;
	out[0] = n;
	out[1] = err;
}

/* run_fork_bomb() runs fork_bomb() in a child and returns its findings. */
static void run_fork_bomb(int out[2])
{
	int fds[2], pid;

	CHECK_OK(pipe(fds));
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		close(fds[0]);
		fork_bomb(out);
		_exit(write(fds[1], out, 2 * sizeof(int)) == 2 * sizeof(int) ? 0 : 1);
	}
	close(fds[1]);
	CHECK_EQ(utest_read_all(fds[0], (char *)out, 2 * sizeof(int) + 1), 2 * sizeof(int));
	close(fds[0]);
	CHECK_EXITED(utest_wait(pid), 0);
}

UTEST(fork_bomb_meets_eagain_or_enomem_and_the_system_stays_usable, UTEST_ATLAS_ONLY)
{
	long before = utest_memfree_baseline_kb();
	int first[2], second[2];

	run_fork_bomb(first);
	utest_diag("fork bomb: %d children, then errno %d (%s)", first[0], first[1],
		   strerror(first[1]));
	CHECK(first[1] == EAGAIN || first[1] == ENOMEM);
	CHECK(first[0] >= 16);
	check_memfree_back(before);
	system_still_forks_and_runs_programs();

	/* A second bomb meets the same limit: nothing of the first is left over. */
	run_fork_bomb(second);
	CHECK(second[1] == EAGAIN || second[1] == ENOMEM);
	if (first[1] == EAGAIN && second[1] == EAGAIN)
		CHECK_EQ(second[0], first[0]);
	check_memfree_back(before);
}

/* ---- running out of memory ------------------------------------------------------------- */

UTEST(memory_hog_is_killed_and_its_neighbours_survive, UTEST_ATLAS_ONLY)
{
	size_t len = (size_t)memtotal_kb() * 1024 * 2;
	long before = utest_memfree_baseline_kb();
	int fds[2], bystander, hog;
	char c = 'x';

	/* A bystander, asleep in read() while the hog eats everything. */
	CHECK_OK(pipe(fds));
	bystander = fork();
	CHECK_OK(bystander);
	if (bystander == 0) {
		char got = 0;

		close(fds[1]);
		_exit(read(fds[0], &got, 1) == 1 && got == 'x' ? 0 : 3);
	}
	close(fds[0]);

	hog = fork();
	CHECK_OK(hog);
	if (hog == 0) {
		char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (m == MAP_FAILED)
			_exit(2);
		for (size_t i = 0; i < len; i += PAGE)
			m[i] = 1;
		_exit(3);		/* more memory than the machine has? */
	}
	CHECK_KILLED_BY(utest_wait(hog), SIGKILL);

	CHECK_EQ(write(fds[1], &c, 1), 1);
	close(fds[1]);
	CHECK_EXITED(utest_wait(bystander), 0);
	check_memfree_back(before);
	system_still_forks_and_runs_programs();
}

/*
 * What the starved child found, in a page it shares with the case:
 * how many fork and exec attempts failed cleanly before both worked.
 */
struct starved {
	int fork_enomem, exec_enomem, killed, steps;
	int fork_ok, exec_ok, other_errno;
};

/*
 * starve() fills memory with MAP_POPULATE (which stops where memory runs
 * out), then gives it back 16 KiB at a time, trying fork and (in the
 * child) exec at each step, until both work. So the kernel's allocations
 * in fork and exec fail, one after another, at every point they can.
 */
static void starve(struct starved *s, size_t len)
{
	char *m, *end;
	int pid, status;

	touch_stack();
	s->steps = 0;
	errno = 0;
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
		 -1, 0);
	if (m == MAP_FAILED)
		_exit(2);
	end = m + len;
	for (; m < end && !(s->fork_ok && s->exec_ok); m += 4 * PAGE) {
		s->steps++;
		pid = fork();
		if (pid < 0) {
			if (errno == ENOMEM || errno == EAGAIN)
				s->fork_enomem++;
			else
				s->other_errno = errno;
		} else if (pid == 0) {
			char *argv[] = { (char *)utest_self(), HELPER_FLAG, "exit7", NULL };

			execve(argv[0], argv, environ);
			_exit(errno == ENOMEM ? 12 : 100 + errno);
		} else {
			s->fork_ok = 1;
			if (waitpid(pid, &status, 0) != pid)
				_exit(4);
			if (WIFSIGNALED(status))
				s->killed++;		/* out of memory in the child: fine */
			else if (WEXITSTATUS(status) == 12 || WEXITSTATUS(status) == 100 + EFAULT)
				s->exec_enomem++;	/* EFAULT: argv unreadable for lack of memory */
			else if (WEXITSTATUS(status) == 7)
				s->exec_ok = 1;
			else
				s->other_errno = -WEXITSTATUS(status);
		}
		if (munmap(m, 4 * PAGE) < 0)
			_exit(5);
	}
	_exit(0);
}

UTEST(fork_and_exec_fail_cleanly_while_memory_is_gone, UTEST_ATLAS_ONLY)
{
	size_t len = (size_t)memtotal_kb() * 1024 * 2;
	struct starved *s = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				 -1, 0);
	long before;
	int pid;

	CHECK(s != MAP_FAILED);
	memset(s, 0, sizeof(*s));
	before = utest_memfree_baseline_kb();
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0)
		starve(s, len);
	CHECK_EXITED(utest_wait(pid), 0);
	utest_diag("starved: %d steps; fork failed %d times, exec %d, %d children killed",
		   s->steps, s->fork_enomem, s->exec_enomem, s->killed);
	CHECK_EQ(s->other_errno, 0);
	CHECK(s->fork_enomem > 0);
	CHECK(s->fork_ok && s->exec_ok);
	check_memfree_back(before);
	system_still_forks_and_runs_programs();
}

UTEST(map_populate_of_a_huge_mapping_stops_where_memory_runs_out, UTEST_ATLAS_ONLY)
{
	long before = utest_memfree_baseline_kb();
	double start = seconds_now();
	int pid = fork();

	CHECK_OK(pid);
	if (pid == 0) {
		size_t len = (size_t)64 << 30;		/* 64 GiB: fits either user half */
		void *m;

		touch_stack();
		m = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		_exit(m == MAP_FAILED ? 2 : munmap(m, len) == 0 ? 0 : 3);
	}
	CHECK_EXITED(utest_wait(pid), 0);
	/* Before the fix it tried each of 16 million pages after the first failure. */
	CHECK(seconds_now() - start < 20);
	check_memfree_back(before);
}

/* ---- garbage executables ------------------------------------------------------------- */

/* ELF64 as the format defines it. */
struct ehdr {
	unsigned char e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

#define PT_LOAD 1

/* This very program, read whole: the template every garbage file starts from. */
static char *self_image;
static size_t self_size;

static void load_self(void)
{
	struct stat st;
	int fd = open(utest_self(), O_RDONLY);

	CHECK_OK(fd);
	CHECK_OK(fstat(fd, &st));
	self_size = st.st_size;
	self_image = malloc(self_size);
	CHECK(self_image != NULL);
	CHECK_EQ(utest_read_all(fd, self_image, self_size + 1), self_size);
	close(fd);
	CHECK(memcmp(self_image, "\177ELF", 4) == 0);
}

static struct ehdr *eh(void)
{
	return (struct ehdr *)self_image;
}

/* first_load() is the first PT_LOAD program header of the image. */
static struct phdr *first_load(void)
{
	struct phdr *ph = (struct phdr *)(self_image + eh()->e_phoff);

	for (int i = 0; i < eh()->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD)
			return &ph[i];
	utest_fail(__FILE__, __LINE__, "no PT_LOAD segment in %s", utest_self());
}

/*
 * exec_garbage() writes @len bytes of @data to an executable file and
 * runs it in a child; returns the child's wait status: exit code = the
 * errno execve failed with, 0 if the program ran (it is asked to exit 0).
 */
static int exec_garbage(const void *data, size_t len)
{
	int pid;

	utest_write_file("garbage", data, len, 0755);
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		char *argv[] = { "garbage", HELPER_FLAG, "exit0", NULL };

		execve("./garbage", argv, environ);
		_exit(errno);
	}
	return utest_wait(pid);
}

/* CHECK_EXEC_FAILS() checks that exec_garbage()'s status is a clean
 * execve failure with one of the errnos a bad executable may give. */
#define CHECK_EXEC_FAILS(status)					\
	do {								\
		int st_ = (status);					\
		CHECK(WIFEXITED(st_));					\
		if (WEXITSTATUS(st_) != ENOEXEC && WEXITSTATUS(st_) != EINVAL && \
		    WEXITSTATUS(st_) != EACCES && WEXITSTATUS(st_) != ENOMEM) \
			utest_fail(__FILE__, __LINE__, "execve gave exit %d", \
				   WEXITSTATUS(st_));			\
	} while (0)

UTEST(garbage_executables_fail_execve_with_a_clean_errno, UTEST_ATLAS_ONLY)
{
	static unsigned char noise[8192];
	struct ehdr saved;
	struct phdr *ph, saved_ph;
	unsigned seed = 12345;

	load_self();
	saved = *eh();
	ph = first_load();
	saved_ph = *ph;
	for (size_t i = 0; i < sizeof(noise); i++) {
		seed = seed * 1103515245 + 12345;
		noise[i] = seed >> 16;
	}

	CHECK_EQ(WEXITSTATUS(exec_garbage(noise, sizeof(noise))), ENOEXEC);
	CHECK_EQ(WEXITSTATUS(exec_garbage(noise, 0)), ENOEXEC);	/* empty */
	CHECK_EQ(WEXITSTATUS(exec_garbage(self_image, 32)), ENOEXEC);	/* half a header */
	CHECK_EQ(WEXITSTATUS(exec_garbage(self_image, sizeof(struct ehdr) + 8)), ENOEXEC);
	CHECK_EXEC_FAILS(exec_garbage(self_image, self_size / 2));	/* segments cut off */

	eh()->e_phnum = 0xffff;
	CHECK_EQ(WEXITSTATUS(exec_garbage(self_image, self_size)), ENOEXEC);
	*eh() = saved;
	eh()->e_phentsize = 0;
	CHECK_EQ(WEXITSTATUS(exec_garbage(self_image, self_size)), ENOEXEC);
	*eh() = saved;
	eh()->e_phoff = ~0ull - 8;
	CHECK_EQ(WEXITSTATUS(exec_garbage(self_image, self_size)), ENOEXEC);
	*eh() = saved;
	eh()->e_ident[4] = 1;		/* 32-bit */
	CHECK_EQ(WEXITSTATUS(exec_garbage(self_image, self_size)), ENOEXEC);
	*eh() = saved;
	eh()->e_machine ^= 0x55;
	CHECK_EQ(WEXITSTATUS(exec_garbage(self_image, self_size)), ENOEXEC);
	*eh() = saved;

	/* Segments in the kernel half, wrapping around, below the user half. */
	static const uint64_t bad_vaddr[] = {
		0xffff800000000000ull, 0xffffffff80000000ull, 0xffffffc000000000ull,
		0x0000800000000000ull, 0, ~0ull & ~0xfffull,
	};
	for (size_t i = 0; i < sizeof(bad_vaddr) / sizeof(bad_vaddr[0]); i++) {
		ph->p_vaddr = bad_vaddr[i] + (saved_ph.p_offset & 0xfff);
		CHECK_EXEC_FAILS(exec_garbage(self_image, self_size));
		*ph = saved_ph;
	}
	ph->p_memsz = ~0ull - 0x1000;		/* wraps past the top */
	CHECK_EXEC_FAILS(exec_garbage(self_image, self_size));
	*ph = saved_ph;
	ph->p_offset = ~0ull & ~0xfffull;
	ph->p_vaddr = 0x400000;
	CHECK_EXEC_FAILS(exec_garbage(self_image, self_size));
	*ph = saved_ph;
	ph->p_filesz = ph->p_memsz + PAGE;
	CHECK_EXEC_FAILS(exec_garbage(self_image, self_size));
	*ph = saved_ph;

	/* The untouched image still runs: the cases above broke only what they meant to. */
	CHECK_EXITED(exec_garbage(self_image, self_size), 0);
	unlink("garbage");
}

UTEST(executable_whose_entry_is_not_user_code_dies_by_sigsegv, UTEST_ATLAS_ONLY)
{
	static const uint64_t bad_entry[] = {
		0, 0xffffffff80000000ull, 0xffff800000000000ull, 0xffffffc000000000ull,
		0x0000800000000000ull, 0x00007ffffffff000ull, ~0ull,
	};

	load_self();
	for (size_t i = 0; i < sizeof(bad_entry) / sizeof(bad_entry[0]); i++) {
		int st;

		eh()->e_entry = bad_entry[i];
		st = exec_garbage(self_image, self_size);
		/* Refusing it is fine too; running it must end in SIGSEGV. */
		if (WIFEXITED(st))
			CHECK_EXEC_FAILS(st);
		else
			CHECK_KILLED_BY(st, SIGSEGV);
	}
	unlink("garbage");
}

/* ---- signals to oneself ------------------------------------------------------------- */

UTEST(kill_of_oneself_with_signal_0_answers_0_every_time, UTEST_ATLAS_ONLY)
{
	for (int i = 0; i < 20000; i++)
		CHECK_EQ(kill(getpid(), 0), 0);
	CHECK_ERRNO(kill(getpid(), -1), EINVAL);
	CHECK_ERRNO(kill(getpid(), 65), EINVAL);
}

/* The signals whose default action is to end the process. */
static const int terminating[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGKILL,
	SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM,
};
#define NR_TERMINATING ((int)(sizeof(terminating) / sizeof(terminating[0])))

UTEST(child_that_signals_itself_in_a_loop_dies_by_that_signal, UTEST_ATLAS_ONLY)
{
	long before = utest_memfree_baseline_kb();
	int pids[NR_TERMINATING];

	/* All at once, each looping on kill() of itself. */
	for (int i = 0; i < NR_TERMINATING; i++) {
		pids[i] = fork();
		CHECK_OK(pids[i]);
		if (pids[i] == 0) {
			for (int n = 0; n < 1000000; n++)
				kill(getpid(), terminating[i]);
			_exit(0);
		}
	}
	for (int i = 0; i < NR_TERMINATING; i++)
		CHECK_KILLED_BY(utest_wait(pids[i]), terminating[i]);
	check_memfree_back(before);
}

UTEST(child_that_raises_sigterm_dies_by_it, UTEST_ATLAS_ONLY)
{
	int pid = fork();

	CHECK_OK(pid);
	if (pid == 0) {
		for (;;)
			raise(SIGTERM);
	}
	CHECK_KILLED_BY(utest_wait(pid), SIGTERM);
}

UTEST(many_children_signalling_themselves_all_die_and_give_back_their_memory, UTEST_ATLAS_ONLY)
{
	long before = utest_memfree_baseline_kb();

	for (int round = 0; round < 4; round++) {
		int pids[50];

		for (int i = 0; i < 50; i++) {
			pids[i] = fork();
			CHECK_OK(pids[i]);
			if (pids[i] == 0) {
				nap(1);
				for (;;)
					kill(getpid(), SIGUSR1);
			}
		}
		for (int i = 0; i < 50; i++)
			CHECK_KILLED_BY(utest_wait(pids[i]), SIGUSR1);
	}
	check_memfree_back(before);
}

/* ---- bugs the fuzzer found (each also fine on Linux) ------------------------------------ */

UTEST(munmap_mprotect_madvise_of_a_length_near_2_64_fail_cleanly, UTEST_HOST_SAFE)
{
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	p[0] = 5;
	/* Rounded up to a page, these lengths wrap to 0: once a kernel assertion. */
	CHECK_ERRNO(munmap(p, ~(size_t)0), EINVAL);
	CHECK_ERRNO(munmap(p, ~(size_t)0 - PAGE + 2), EINVAL);
	CHECK_ERRNO(mprotect(p, ~(size_t)0, PROT_READ), ENOMEM);
	CHECK_ERRNO(madvise(p, ~(size_t)0, MADV_DONTNEED), EINVAL);
	CHECK_EQ(p[0], 5);
	CHECK_OK(munmap(p, PAGE));
}

UTEST(write_only_and_exec_only_memory_can_be_read_without_hanging, UTEST_HOST_SAFE)
{
	int fd = open("/dev/null", O_WRONLY);
	char *w = mmap(NULL, 2 * PAGE, PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *x = mmap(NULL, PAGE, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK_OK(fd);
	CHECK(w != MAP_FAILED && x != MAP_FAILED);
	/* Read by the kernel (write() copies from it), untouched and touched: once a livelock. */
	CHECK_EQ(write(fd, w, PAGE), PAGE);
	w[PAGE] = 1;
	CHECK_EQ(write(fd, w + PAGE, PAGE), PAGE);
	CHECK_EQ(write(fd, x, PAGE), PAGE);
	/* And by the program itself. */
	CHECK_EQ(((volatile char *)w)[0], 0);
	CHECK_EQ(((volatile char *)w)[PAGE], 1);
	/* A page made write-only by mprotect after it was written. */
	CHECK_OK(mprotect(w, 2 * PAGE, PROT_READ | PROT_WRITE));
	w[0] = 2;
	CHECK_OK(mprotect(w, 2 * PAGE, PROT_WRITE));
	CHECK_EQ(write(fd, w, 2 * PAGE), 2 * PAGE);
	CHECK_EQ(((volatile char *)w)[0], 2);
	close(fd);
}

/* ---- privileges --------------------------------------------------------------------- */

UTEST(mount_and_umount_are_refused_to_an_unprivileged_user, UTEST_ATLAS_ONLY)
{
	int pid = fork();

	CHECK_OK(pid);
	if (pid == 0) {
		CHECK_EQ(syscall6(fuzz_nr("setgid"), NOBODY, 0, 0, 0, 0, 0), 0);
		CHECK_EQ(syscall6(fuzz_nr("setuid"), NOBODY, 0, 0, 0, 0, 0), 0);
		CHECK_ERRNO(umount2("/proc", 0), EPERM);
		CHECK_ERRNO(mount("ramfs", "/tmp", "ramfs", 0, NULL), EPERM);
		_exit(0);
	}
	CHECK_EXITED(utest_wait(pid), 0);
	CHECK(access("/proc/self", F_OK) == 0);	/* still mounted */
}

int main(int argc, char **argv)
{
	/* The program the exec cases run: "test-hostile --hostile-helper exitN". */
	if (argc > 2 && strcmp(argv[1], HELPER_FLAG) == 0)
		return strncmp(argv[2], "exit", 4) == 0 ? atoi(argv[2] + 4) : 1;
	return utest_main("hostile", argc, argv);
}
