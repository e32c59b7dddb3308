/*
 * user/tests/sigtest.h - what the two signal suites (signal.c, sigproc.c)
 * share: checks on a child's end, installing handlers through the newlib
 * glue, a handler that counts, small sleeps, and a child's state from
 * /proc/<pid>/stat.
 */
#ifndef ATLAS_SIGTEST_H
#define ATLAS_SIGTEST_H

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define CHECK_EXITED(status, code)					\
	do {								\
		int utest_st = (status);				\
		CHECK(WIFEXITED(utest_st));				\
		CHECK_EQ(WEXITSTATUS(utest_st), code);			\
	} while (0)

#define CHECK_KILLED_BY(status, sig)					\
	do {								\
		int utest_st = (status);				\
		CHECK(WIFSIGNALED(utest_st));				\
		CHECK_EQ(WTERMSIG(utest_st), sig);			\
	} while (0)

static volatile sig_atomic_t hits, last_sig;

static inline void count_handler(int sig)
{
	hits++;
	last_sig = sig;
}

/* on() installs @fn for @sig with sa_flags @flags and an empty sa_mask. */
static inline void on(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	CHECK_OK(sigemptyset(&sa.sa_mask));
	CHECK_OK(sigaction(sig, &sa, NULL));
}

static inline void on_info(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = flags | SA_SIGINFO;
	CHECK_OK(sigemptyset(&sa.sa_mask));
	CHECK_OK(sigaction(sig, &sa, NULL));
}

static inline void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static inline long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* proc_state() is the state letter of process @pid in /proc/<pid>/stat. */
static inline char proc_state(int pid)
{
	char path[64], buf[512], *p;
	int fd;
	long n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return '?';
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

/* wait_state() waits up to 5 s for @pid to be in state @want. */
static inline bool wait_state(int pid, char want)
{
	for (int i = 0; i < 500; i++) {
		if (proc_state(pid) == want)
			return true;
		sleep_ms(10);
	}
	return false;
}

#endif
