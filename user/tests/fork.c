/*
 * user/tests/fork.c - test-fork: fork(), copy-on-write, exit statuses and
 * wait, orphans.
 *
 * Children report what they saw through a pipe or their exit status;
 * the case process, their parent, checks it. A child's own checks end it
 * with UTEST_CHILD_FAILED (see utest.h), so every waitpid() result is
 * checked.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define PAGE 4096

/* CHECK_EXITED() checks that wait status @status is a normal exit with @code. */
#define CHECK_EXITED(status, code)					\
	do {								\
		int utest_st = (status);				\
		CHECK(WIFEXITED(utest_st));				\
		CHECK_EQ(WEXITSTATUS(utest_st), code);			\
	} while (0)

/* Memory of every kind a process has, for the copy-on-write cases. */
static int in_data = 1;
static int in_bss;

UTEST(fork_returns_the_child_pid_in_the_parent_and_0_in_the_child, UTEST_HOST_SAFE)
{
	int fds[2], pid, seen[2];

	CHECK_OK(pipe(fds));
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		int ids[2] = { getpid(), getppid() };

		if (write(fds[1], ids, sizeof(ids)) != sizeof(ids))
			_exit(2);
		_exit(0);
	}
	close(fds[1]);
	CHECK_EQ(utest_read_all(fds[0], (char *)seen, sizeof(seen) + 1), sizeof(seen));
	CHECK_EXITED(utest_wait(pid), 0);
	CHECK_EQ(seen[0], pid);
	CHECK_EQ(seen[1], getpid());
	CHECK(pid != getpid());
}

UTEST(parent_and_child_each_see_only_their_own_writes, UTEST_HOST_SAFE)
{
	int on_stack = 3, pid, go[2], done[2];
	int *on_heap = malloc(64 * sizeof(int));
	int *in_mmap = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			    -1, 0);
	char c = 0;

	CHECK(on_heap && in_mmap != MAP_FAILED);
	in_data = 1;
	in_bss = 2;
	on_heap[0] = 4;
	in_mmap[0] = 5;
	in_mmap[PAGE / sizeof(int)] = 6;	/* the next page, also written before */
	CHECK_OK(pipe(go));
	CHECK_OK(pipe(done));
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		close(go[1]);
		close(done[0]);
		/* Wait until the parent has written its values, then write ours. */
		CHECK_EQ(read(go[0], &c, 1), 1);
		CHECK_EQ(in_data + in_bss + on_stack + on_heap[0] + in_mmap[0], 15);
		in_data = in_bss = on_stack = on_heap[0] = in_mmap[0] = -1;
		CHECK_EQ(in_data + in_bss + on_stack + on_heap[0] + in_mmap[0], -5);
		CHECK_EQ(in_mmap[PAGE / sizeof(int)], 6);	/* untouched: still shared */
		CHECK_EQ(write(done[1], "x", 1), 1);
		_exit(0);
	}
	close(go[0]);
	close(done[1]);
	in_data = in_bss = on_stack = on_heap[0] = in_mmap[0] = 100;
	CHECK_EQ(write(go[1], "x", 1), 1);
	CHECK_EQ(read(done[0], &c, 1), 1);
	CHECK_EQ(in_data + in_bss + on_stack + on_heap[0] + in_mmap[0], 500);
	CHECK_EXITED(utest_wait(pid), 0);
	CHECK_EQ(in_mmap[PAGE / sizeof(int)], 6);
	CHECK_OK(munmap(in_mmap, 4 * PAGE));
	free(on_heap);
}

UTEST(two_children_of_one_parent_do_not_see_each_others_writes, UTEST_HOST_SAFE)
{
	static char page[PAGE] __attribute__((aligned(PAGE)));
	int pids[2];

	memset(page, 'p', sizeof(page));
	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		CHECK_OK(pids[i]);
		if (pids[i] == 0) {
			for (int round = 0; round < 50; round++) {
				for (int j = 0; j < PAGE; j += 64)
					page[j] = (char)('0' + i);
				usleep(100);	/* let the other child run between rounds */
				for (int j = 0; j < PAGE; j += 64)
					CHECK_EQ(page[j], '0' + i);
			}
			_exit(0);
		}
	}
	CHECK_EXITED(utest_wait(pids[0]), 0);
	CHECK_EXITED(utest_wait(pids[1]), 0);
	for (int j = 0; j < PAGE; j++)
		CHECK_EQ(page[j], 'p');
}

/* maps_of_self() reads /proc/self/maps into @buf. */
static void maps_of_self(char *buf, size_t size)
{
	int fd = open("/proc/self/maps", O_RDONLY);

	CHECK_OK(fd);
	utest_read_all(fd, buf, size);
	close(fd);
}

UTEST(child_starts_with_exactly_its_parents_mappings, UTEST_HOST_SAFE)
{
	static char mine[16384], theirs[16384];
	char *extra = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fds[2], pid;

	CHECK(extra != MAP_FAILED);
	CHECK_OK(mprotect(extra + PAGE, PAGE, PROT_NONE));	/* three VMAs */
	CHECK_OK(pipe(fds));
	maps_of_self(mine, sizeof(mine));	/* before the fork: buffers are set up */
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		size_t len;

		maps_of_self(theirs, sizeof(theirs));
		len = strlen(theirs);
		_exit(write(fds[1], theirs, len) == (long)len ? 0 : 1);
	}
	close(fds[1]);
	utest_read_all(fds[0], theirs, sizeof(theirs));
	close(fds[0]);
	CHECK_EQ(utest_wait(pid), 0);
	CHECK(strlen(mine) > 0);
	CHECK_STR(theirs, mine);
}

UTEST(shared_file_mapping_stays_shared_across_fork, UTEST_HOST_SAFE)
{
	int fd = open("shared-map", O_RDWR | O_CREAT | O_TRUNC, 0644), pid;
	volatile char *p;

	CHECK_OK(fd);
	CHECK_OK(ftruncate(fd, PAGE));
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	p[0] = 'P';
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		p[1] = p[0] == 'P' ? 'C' : '?';
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(p[1], 'C');
	CHECK_OK(munmap((void *)p, PAGE));
	close(fd);
	CHECK_OK(unlink("shared-map"));
}

UTEST(wait_status_carries_the_low_8_bits_of_the_exit_code, UTEST_HOST_SAFE)
{
	static const int codes[] = { 0, 1, 42, 255, 256, 257 };

	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int pid = fork(), status;

		CHECK_OK(pid);
		if (pid == 0)
			_exit(codes[i]);
		status = utest_wait(pid);
		CHECK(!WIFSIGNALED(status));
		CHECK_EXITED(status, codes[i] & 0xff);
	}
}

UTEST(exit_through_atexit_and_stdio_gives_its_status, UTEST_HOST_SAFE)
{
	int pid = fork();

	CHECK_OK(pid);
	if (pid == 0) {
		fflush(stdout);
		exit(7);		/* through atexit and stdio */
	}
	CHECK_EXITED(utest_wait(pid), 7);
}

UTEST(wait_status_tells_a_death_by_signal_apart_from_an_exit, UTEST_HOST_SAFE)
{
	int pid = fork(), status;

	CHECK_OK(pid);
	if (pid == 0) {
		volatile int *volatile nowhere = (int *)8;	/* page 0 is never mapped */

		*nowhere = 1;
		_exit(0);
	}
	status = utest_wait(pid);
	CHECK(!WIFEXITED(status));
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
}

UTEST(wait_without_children_fails_with_echild, UTEST_HOST_SAFE)
{
	int status;

	CHECK_ERRNO(waitpid(-1, &status, 0), ECHILD);
	CHECK_ERRNO(waitpid(getpid(), &status, 0), ECHILD);
}

UTEST(waitpid_with_wnohang_returns_0_while_the_child_runs, UTEST_HOST_SAFE)
{
	int fds[2], pid, status;
	char c;

	CHECK_OK(pipe(fds));
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 0 ? 3 : 4);	/* waits for EOF */
	}
	close(fds[0]);
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	close(fds[1]);
	CHECK_EXITED(utest_wait(pid), 3);
}

UTEST(wait_for_any_child_collects_each_one_once, UTEST_HOST_SAFE)
{
	int pids[3], seen = 0, status;

	for (int i = 0; i < 3; i++) {
		pids[i] = fork();
		CHECK_OK(pids[i]);
		if (pids[i] == 0)
			_exit(10 + i);
	}
	for (int n = 0; n < 3; n++) {
		int pid = wait(&status), i;

		CHECK_OK(pid);
		for (i = 0; i < 3 && pids[i] != pid; i++)
			;
		CHECK(i < 3);
		CHECK(!(seen & (1 << i)));
		seen |= 1 << i;
		CHECK_EXITED(status, 10 + i);
	}
	CHECK_ERRNO(wait(&status), ECHILD);
}

UTEST(child_shares_open_files_and_their_offset_with_the_parent, UTEST_HOST_SAFE)
{
	char buf[32];
	int fd = open("shared-offset", O_RDWR | O_CREAT | O_TRUNC, 0644), pid;

	CHECK_OK(fd);
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0)
		_exit(write(fd, "child,", 6) == 6 ? 0 : 1);
	CHECK_EXITED(utest_wait(pid), 0);
	CHECK_EQ(write(fd, "parent", 6), 6);	/* after the child's bytes */
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 12);
	CHECK(memcmp(buf, "child,parent", 12) == 0);
	close(fd);
	CHECK_OK(unlink("shared-offset"));
}

/*
 * orphan_ppid() makes a child that forks a grandchild and exits at once.
 * The grandchild waits until it has been handed to a new parent and
 * reports that parent's pid, which orphan_ppid() returns.
 */
static int orphan_ppid(void)
{
	int fds[2], middle, ppid = 0;

	CHECK_OK(pipe(fds));
	middle = fork();
	CHECK_OK(middle);
	if (middle == 0) {
		int me = getpid(), pid = fork();

		if (pid < 0)
			_exit(2);
		if (pid == 0) {
			int new_parent = getppid();

			for (int i = 0; i < 5000 && new_parent == me; i++) {
				usleep(1000);
				new_parent = getppid();
			}
			_exit(write(fds[1], &new_parent, sizeof(new_parent)) == sizeof(new_parent)
			      ? 0 : 3);
		}
		_exit(0);
	}
	close(fds[1]);
	CHECK_EXITED(utest_wait(middle), 0);
	CHECK_EQ(utest_read_all(fds[0], (char *)&ppid, sizeof(ppid) + 1), sizeof(ppid));
	close(fds[0]);
	CHECK(ppid != middle);
	return ppid;
}

UTEST(orphan_gets_a_new_parent_when_its_parent_exits, UTEST_HOST_SAFE)
{
	int ppid = orphan_ppid();

	CHECK(ppid > 0);
	CHECK(ppid != getpid());
}

UTEST(orphan_is_adopted_by_init, UTEST_ATLAS_ONLY)
{
	CHECK_EQ(orphan_ppid(), 1);
}

UTEST(a_hundred_forks_in_a_row_all_exit_and_are_collected, UTEST_HOST_SAFE)
{
	for (int i = 0; i < 100; i++) {
		int pid = fork();

		CHECK_OK(pid);
		if (pid == 0)
			_exit(i & 0x7f);
		CHECK_EXITED(utest_wait(pid), i & 0x7f);
	}
}

UTEST(a_child_can_fork_too_and_wait_for_its_own_child, UTEST_HOST_SAFE)
{
	int pid = fork();

	CHECK_OK(pid);
	if (pid == 0) {
		int grandchild = fork(), status;

		if (grandchild < 0)
			_exit(2);
		if (grandchild == 0)
			_exit(5);
		if (waitpid(grandchild, &status, 0) != grandchild)
			_exit(3);
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) + 1 : 4);
	}
	CHECK_EXITED(utest_wait(pid), 6);
}

UTEST(failed_fork_returns_enomem_and_leaves_the_parent_whole, UTEST_ATLAS_ONLY)
{
	int fd = open("/proc/sys/debug/fault_inject", O_WRONLY), pid, err;
	static const char arm[] = "fork.vma_alloc 1\n", disarm[] = "fork.vma_alloc 0\n";

	CHECK_OK(fd);
	in_data = 77;
	CHECK_EQ(write(fd, arm, strlen(arm)), (long)strlen(arm));
	pid = fork();
	err = errno;
	if (pid == 0)
		_exit(0);
	CHECK_EQ(write(fd, disarm, strlen(disarm)), (long)strlen(disarm));
	close(fd);
	if (pid > 0)
		utest_wait(pid);	/* the point was never hit */
	CHECK_EQ(pid, -1);
	CHECK_EQ(err, ENOMEM);
	CHECK_EQ(in_data, 77);
	in_data = 78;			/* the parent's memory is still its own */
	pid = fork();			/* and fork works again */
	CHECK_OK(pid);
	if (pid == 0)
		_exit(in_data);
	CHECK_EXITED(utest_wait(pid), 78);
}

int main(int argc, char **argv)
{
	return utest_main("fork", argc, argv);
}
