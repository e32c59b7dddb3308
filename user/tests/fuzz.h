/*
 * user/tests/fuzz.h - the system-call table of the syscall fuzzer
 * (user/tests/fuzz.c), also used by test-hostile: which calls it makes, by each arch's Linux
 * number, and what kind of value each argument wants.
 *
 * Each port's table is user/tests/fuzz_<arch>.c (tests.mk links the one
 * of ARCH), so fuzz.c itself knows no arch. A table leaves out the calls
 * that would end the fuzzer's worker for no good reason or harm the
 * rest of the system: exit, exit_group, reboot. Calls that may end the
 * worker (kill of itself, munmap of its own code) stay in: a worker is
 * allowed to die. Calls the kernel does not implement are in too (a few
 * that can never block): they must answer ENOSYS.
 */
#ifndef ATLAS_FUZZ_H
#define ATLAS_FUZZ_H

/*
 * Argument kinds, one letter per argument in fuzz_call.args:
 *
 *   f  a file descriptor      s  a path (string pointer)   p  a buffer pointer
 *   l  a length               o  a file offset             x  flags, a number
 *   a  an address to map      n  a pid                     g  a signal number
 *   e  a path to execve       t  a timespec pointer        w  wait4 options
 *   c  clone flags
 *
 * Arguments past the string are random 64-bit values.
 */
struct fuzz_call {
	const char *name;
	long nr;		/* the arch's Linux number */
	const char *args;
};

/* The port's table, and how many entries it has. */
extern const struct fuzz_call fuzz_calls[];
extern const int fuzz_nr_calls;

/*
 * fuzz_nr() is the arch's number of system call @name, from the table
 * (-1 if it is not there): for suites that need a call newlib's glue
 * does not offer, such as setuid.
 */
static inline long fuzz_nr(const char *name)
{
	for (int i = 0; i < fuzz_nr_calls; i++) {
		const char *a = fuzz_calls[i].name, *b = name;

		while (*a && *a == *b)
			a++, b++;
		if (*a == *b)
			return fuzz_calls[i].nr;
	}
	return -1;
}

/* Values the fuzzer treats specially after the call. */
enum fuzz_after {
	FUZZ_AFTER_NONE,
	FUZZ_AFTER_FORK,	/* fork, vfork, clone: the child leaves at once */
	FUZZ_AFTER_PIPE,	/* pipe, pipe2: close the write end (no read may block) */
	FUZZ_AFTER_CHDIR,	/* chdir, fchdir: go back home */
};

/* fuzz_after() says which of those @name needs. */
enum fuzz_after fuzz_after(const char *name);

#endif
