/*
 * user/tests/pipe.c - test-pipe: pipes within a process, between parent
 * and child, and as a two-stage pipeline.
 *
 * A writer that outlives its reader (SIGPIPE, or EPIPE when it ignores
 * the signal) is tested in user/tests/signal.c.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define CHECK_EXITED(status, code)					\
	do {								\
		int utest_st = (status);				\
		CHECK(WIFEXITED(utest_st));				\
		CHECK_EQ(WEXITSTATUS(utest_st), code);			\
	} while (0)

/* The byte at position @i of the test streams. */
static unsigned char pattern(unsigned long i)
{
	return (unsigned char)(i * 7 + i / 251);
}

UTEST(pipe_carries_bytes_in_order, UTEST_HOST_SAFE)
{
	int fds[2];
	char buf[16];

	CHECK_OK(pipe(fds));
	CHECK(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1]);
	CHECK_EQ(write(fds[1], "hello, ", 7), 7);
	CHECK_EQ(write(fds[1], "pipe", 4), 4);
	CHECK_EQ(read(fds[0], buf, 11), 11);
	CHECK(memcmp(buf, "hello, pipe", 11) == 0);
	CHECK_OK(close(fds[0]));
	CHECK_OK(close(fds[1]));
}

UTEST(read_returns_what_is_there_without_waiting_for_more, UTEST_HOST_SAFE)
{
	int fds[2];
	char buf[100];

	CHECK_OK(pipe(fds));
	CHECK_EQ(write(fds[1], "abc", 3), 3);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 3);
	CHECK_EQ(write(fds[1], "de", 2), 2);
	CHECK_EQ(read(fds[0], buf, 1), 1);
	CHECK_EQ(buf[0], 'd');
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'e');
	CHECK_EQ(read(fds[0], buf, 0), 0);
}

UTEST(reader_sees_eof_only_when_every_writer_has_closed, UTEST_HOST_SAFE)
{
	int fds[2], pid, copy;
	char buf[8];

	CHECK_OK(pipe(fds));
	copy = dup(fds[1]);
	CHECK_OK(copy);
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		/* The child holds both write ends too: it writes, then exits. */
		close(fds[0]);
		usleep(20000);
		_exit(write(fds[1], "late", 4) == 4 ? 0 : 1);
	}
	CHECK_OK(close(fds[1]));
	CHECK_EQ(write(copy, "dup", 3), 3);
	CHECK_OK(close(copy));
	/* Our writers are closed, the child's are not: data, then EOF. */
	CHECK_EQ(read(fds[0], buf, 3), 3);
	CHECK(memcmp(buf, "dup", 3) == 0);
	CHECK_EQ(read(fds[0], buf, 4), 4);
	CHECK(memcmp(buf, "late", 4) == 0);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 0);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 0);	/* and EOF again */
	CHECK_EXITED(utest_wait(pid), 0);
	close(fds[0]);
}

UTEST(pipe_ends_refuse_the_wrong_direction_with_ebadf, UTEST_HOST_SAFE)
{
	int fds[2];
	char c = 'x';

	CHECK_OK(pipe(fds));
	CHECK_ERRNO(write(fds[0], &c, 1), EBADF);
	CHECK_ERRNO(read(fds[1], &c, 1), EBADF);
	CHECK_ERRNO(lseek(fds[0], 0, SEEK_SET), ESPIPE);
}

UTEST(pipe_is_a_fifo_to_fstat, UTEST_HOST_SAFE)
{
	struct stat st;
	int fds[2];

	CHECK_OK(pipe(fds));
	CHECK_OK(fstat(fds[0], &st));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_OK(fstat(fds[1], &st));
	CHECK(S_ISFIFO(st.st_mode));
}

UTEST(pipe2_with_o_cloexec_marks_both_ends, UTEST_HOST_SAFE)
{
	int fds[2];

	CHECK_OK(pipe2(fds, O_CLOEXEC));
	CHECK_EQ(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(fds[1], F_GETFD), FD_CLOEXEC);
	CHECK_OK(pipe(fds));
	CHECK_EQ(fcntl(fds[0], F_GETFD), 0);
}

UTEST(pipe2_with_o_nonblock_makes_both_ends_nonblocking, UTEST_HOST_SAFE)
{
	int fds[2];
	char c;

	CHECK_OK(pipe2(fds, O_NONBLOCK));
	CHECK(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
	CHECK(fcntl(fds[1], F_GETFL) & O_NONBLOCK);
	CHECK_ERRNO(read(fds[0], &c, 1), EAGAIN);	/* empty: no waiting */
	CHECK_OK(close(fds[0]));
	CHECK_OK(close(fds[1]));
}

/*
 * A stream bigger than any pipe buffer goes from parent to child: the
 * writer must block when the pipe is full and go on when the reader
 * drains it. The child checks every byte and reports through its status.
 */
UTEST(parent_streams_a_megabyte_to_a_child_through_a_pipe, UTEST_HOST_SAFE)
{
	const unsigned long total = 1 << 20;
	static unsigned char buf[3000];	/* not a divisor of any buffer size */
	unsigned long sent = 0;
	int fds[2], pid;

	CHECK_OK(pipe(fds));
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		unsigned long got = 0;
		long n;

		close(fds[1]);
		while ((n = read(fds[0], buf, sizeof(buf))) > 0)
			for (long i = 0; i < n; i++, got++)
				if (buf[i] != pattern(got))
					_exit(2);
		_exit(n == 0 && got == total ? 0 : 3);
	}
	close(fds[0]);
	while (sent < total) {
		unsigned long chunk = total - sent < sizeof(buf) ? total - sent : sizeof(buf);
		long n;

		for (unsigned long i = 0; i < chunk; i++)
			buf[i] = pattern(sent + i);
		n = write(fds[1], buf, chunk);
		CHECK_EQ(n, chunk);	/* a blocking write waits until all of it is in */
		sent += n;
	}
	close(fds[1]);
	CHECK_EXITED(utest_wait(pid), 0);
}

/*
 * The shell's "producer | consumer": two children, the first with its
 * standard output on the pipe, the second with its standard input on it.
 * The consumer counts bytes and lines and sends them back on a second pipe.
 */
UTEST(two_children_form_a_pipeline_through_stdin_and_stdout, UTEST_HOST_SAFE)
{
	int link[2], back[2], producer, consumer;
	static char report[64];

	CHECK_OK(pipe(link));
	CHECK_OK(pipe(back));
	fflush(stdout);
	producer = fork();
	CHECK_OK(producer);
	if (producer == 0) {
		dup2(link[1], 1);
		close(link[0]);
		close(link[1]);
		close(back[0]);
		close(back[1]);
		for (int i = 0; i < 1000; i++)
			printf("line %d of the producer\n", i);
		exit(0);		/* exit flushes stdio */
	}
	consumer = fork();
	CHECK_OK(consumer);
	if (consumer == 0) {
		long bytes = 0, lines = 0, n;
		char buf[512];

		dup2(link[0], 0);
		close(link[0]);
		close(link[1]);
		close(back[0]);
		while ((n = read(0, buf, sizeof(buf))) > 0) {
			bytes += n;
			for (long i = 0; i < n; i++)
				lines += buf[i] == '\n';
		}
		n = snprintf(buf, sizeof(buf), "%ld %ld", bytes, lines);
		_exit(write(back[1], buf, n) == n ? 0 : 1);
	}
	close(link[0]);
	close(link[1]);
	close(back[1]);
	utest_read_all(back[0], report, sizeof(report));
	close(back[0]);
	CHECK_EXITED(utest_wait(producer), 0);
	CHECK_EXITED(utest_wait(consumer), 0);
	/* "line N of the producer\n" is 22 bytes plus the digits of N. */
	CHECK_STR(report, "24890 1000");
}

UTEST(a_thousand_pipes_opened_and_closed_leave_the_descriptors_free, UTEST_HOST_SAFE)
{
	int fds[2], first[2];

	CHECK_OK(pipe(first));
	CHECK_OK(close(first[0]));
	CHECK_OK(close(first[1]));
	for (int i = 0; i < 1000; i++) {
		CHECK_OK(pipe(fds));
		CHECK_EQ(write(fds[1], "x", 1), 1);
		CHECK_OK(close(fds[0]));
		CHECK_OK(close(fds[1]));
	}
	CHECK_OK(pipe(fds));
	CHECK_EQ(fds[0], first[0]);	/* the lowest free numbers, as before */
	CHECK_EQ(fds[1], first[1]);
}

int main(int argc, char **argv)
{
	return utest_main("pipe", argc, argv);
}
