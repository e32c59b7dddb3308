/*
 * user/tests/exec.c - test-exec: execve(), how it fails and what the new
 * program gets.
 *
 * The program it runs is this one again: "test-exec --exec-helper MODE
 * ..." does one small job (print its arguments and environment, say
 * which descriptors are open, print its ids, exit with a code) and ends.
 * A case runs it in a child with standard output on a pipe, and checks
 * what came through.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define HELPER_FLAG "--exec-helper"

/* ---- the helper: the program the cases run ----------------------------------------- */

/* exec_helper() does what argv[2] asks and returns the exit code. */
static int exec_helper(int argc, char **argv, char **envp)
{
	const char *mode = argc > 2 ? argv[2] : "";

	if (strcmp(mode, "print") == 0) {
		printf("argc=%d\n", argc);
		for (int i = 3; i < argc; i++)
			printf("arg=[%s]\n", argv[i]);
		for (char **e = envp; *e; e++)
			printf("env=[%s]\n", *e);
		return 0;
	}
	if (strcmp(mode, "fds") == 0) {
		for (int i = 3; i < argc; i++)
			printf("%s:%s\n", argv[i], fcntl(atoi(argv[i]), F_GETFD) < 0 ? "closed" : "open");
		return 0;
	}
	if (strcmp(mode, "ids") == 0) {
		printf("%d %d\n", (int)getpid(), (int)getppid());
		return 0;
	}
	if (strcmp(mode, "exit") == 0 && argc > 3)
		return atoi(argv[3]);
	if (strcmp(mode, "mapped") == 0 && argc > 3) {
		/* Is anything mapped at address argv[3]? "0x..." in maps' terms. */
		static char maps[16384];
		unsigned long addr = strtoul(argv[3], NULL, 16), lo, hi;
		int fd = open("/proc/self/maps", O_RDONLY);
		long n = fd < 0 ? -1 : read(fd, maps, sizeof(maps) - 1);
		bool mapped = false;

		if (n <= 0)
			return 101;
		maps[n] = '\0';
		for (const char *l = maps; *l; l += strcspn(l, "\n"), l += *l == '\n')
			if (sscanf(l, "%lx-%lx", &lo, &hi) == 2 && lo <= addr && addr < hi)
				mapped = true;
		printf("%s\n", mapped ? "mapped" : "unmapped");
		return 0;
	}
	fprintf(stderr, "test-exec: unknown helper mode '%s'\n", mode);
	return 100;
}

/* ---- running it -------------------------------------------------------------------- */

/*
 * run() runs @path with @argv and @envp in a child whose standard output
 * is a pipe, reads what it prints into @out, and returns its wait
 * status. A child whose execve() fails exits 127.
 */
static int run(const char *path, char *const argv[], char *const envp[], char *out, size_t size)
{
	int fds[2], pid;

	fflush(stdout);
	CHECK_OK(pipe(fds));
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], 1) < 0)
			_exit(126);
		close(fds[1]);
		execve(path, argv, envp);
		_exit(127);
	}
	close(fds[1]);
	utest_read_all(fds[0], out, size);
	close(fds[0]);
	return utest_wait(pid);
}

#define CHECK_EXITED(status, code)					\
	do {								\
		int utest_st = (status);				\
		CHECK(WIFEXITED(utest_st));				\
		CHECK_EQ(WEXITSTATUS(utest_st), code);			\
	} while (0)

static char *const no_env[] = { NULL };

/* ---- failures ------------------------------------------------------------------------ */

/* A variable that a failed execve() must leave alone. */
static int still_mine = 1234;

UTEST(execve_of_a_missing_file_fails_with_enoent, UTEST_HOST_SAFE)
{
	char *const argv[] = { "nonesuch", NULL };

	CHECK_ERRNO(execve("no-such-program", argv, no_env), ENOENT);
	CHECK_ERRNO(execve("no-such-dir/program", argv, no_env), ENOENT);
	CHECK_EQ(still_mine, 1234);		/* still this program */
}

UTEST(execve_of_a_text_file_fails_with_enoexec, UTEST_HOST_SAFE)
{
	static const char text[] = "this is not a program\n";
	char *const argv[] = { "text", NULL };

	utest_write_file("text", text, sizeof(text) - 1, 0755);
	CHECK_ERRNO(execve("text", argv, no_env), ENOEXEC);
	CHECK_EQ(still_mine, 1234);
	CHECK_OK(unlink("text"));
}

UTEST(execve_of_a_broken_elf_file_fails_with_enoexec, UTEST_HOST_SAFE)
{
	static const char bad[] = "\177ELF and then nothing that makes sense at all";
	char *const argv[] = { "bad-elf", NULL };

	utest_write_file("bad-elf", bad, sizeof(bad) - 1, 0755);
	CHECK_ERRNO(execve("bad-elf", argv, no_env), ENOEXEC);
	CHECK_EQ(still_mine, 1234);
	CHECK_OK(unlink("bad-elf"));
}

UTEST(execve_of_a_directory_fails_with_eacces, UTEST_HOST_SAFE)
{
	char *const argv[] = { "dir", NULL };

	CHECK_OK(mkdir("dir", 0755));
	CHECK_ERRNO(execve("dir", argv, no_env), EACCES);
	CHECK_ERRNO(execve(".", argv, no_env), EACCES);
	CHECK_OK(rmdir("dir"));
}

UTEST(execve_of_a_file_without_execute_permission_fails_with_eacces, UTEST_HOST_SAFE)
{
	static const char text[] = "#!/bin/sh\necho no\n";
	char *const argv[] = { "plain", NULL };

	utest_write_file("plain", text, sizeof(text) - 1, 0644);
	CHECK_ERRNO(execve("plain", argv, no_env), EACCES);
	CHECK_OK(unlink("plain"));
}

UTEST(execve_with_an_unreadable_argv_fails_with_efault, UTEST_HOST_SAFE)
{
	char *const *volatile nowhere = (char *const *)16;	/* page 0: never mapped */

	CHECK_ERRNO(execve(utest_self(), nowhere, no_env), EFAULT);
	CHECK_EQ(still_mine, 1234);
}

UTEST(execve_through_a_file_in_the_path_fails_with_enotdir, UTEST_HOST_SAFE)
{
	char *const argv[] = { "x", NULL };

	utest_write_file("file", "x", 1, 0644);
	CHECK_ERRNO(execve("file/program", argv, no_env), ENOTDIR);
	CHECK_OK(unlink("file"));
}

/* ---- what the new program gets -------------------------------------------------------- */

UTEST(execve_passes_every_argument_through_unchanged, UTEST_HOST_SAFE)
{
	char *const argv[] = { "helper", HELPER_FLAG, "print", "one", "two words", "",
			       "tab\there", "last", NULL };
	static char out[1024];

	CHECK_EXITED(run(utest_self(), argv, no_env, out, sizeof(out)), 0);
	CHECK_STR(out, "argc=8\narg=[one]\narg=[two words]\narg=[]\narg=[tab\there]\n"
		  "arg=[last]\n");
}

UTEST(execve_passes_the_environment_it_is_given_and_nothing_else, UTEST_HOST_SAFE)
{
	char *const argv[] = { "helper", HELPER_FLAG, "print", NULL };
	char *const envp[] = { "UTEST_A=alpha", "UTEST_EMPTY=", "PATH=/nowhere", NULL };
	static char out[1024];

	CHECK_EXITED(run(utest_self(), argv, envp, out, sizeof(out)), 0);
	CHECK_STR(out, "argc=3\nenv=[UTEST_A=alpha]\nenv=[UTEST_EMPTY=]\nenv=[PATH=/nowhere]\n");
}

UTEST(execve_passes_a_long_argument_list, UTEST_HOST_SAFE)
{
	static char *argv[260], words[256][8], out[8192];
	char *p = out;

	argv[0] = "helper";
	argv[1] = HELPER_FLAG;
	argv[2] = "print";
	for (int i = 0; i < 256; i++) {
		snprintf(words[i], sizeof(words[i]), "w%d", i);
		argv[3 + i] = words[i];
	}
	CHECK_EXITED(run(utest_self(), argv, no_env, out, sizeof(out)), 0);
	CHECK(strncmp(p, "argc=259\n", 9) == 0);
	for (int i = 0; i < 256; i++) {
		char want[32];

		p = strchr(p, '\n') + 1;
		snprintf(want, sizeof(want), "arg=[w%d]\n", i);
		CHECK(strncmp(p, want, strlen(want)) == 0);
	}
}

UTEST(new_program_keeps_its_pid_and_its_parent, UTEST_HOST_SAFE)
{
	char *const argv[] = { "helper", HELPER_FLAG, "ids", NULL };
	static char out[64];
	int fds[2], pid, seen_pid = 0, seen_ppid = 0;

	CHECK_OK(pipe(fds));
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execve(utest_self(), argv, no_env);
		_exit(127);
	}
	close(fds[1]);
	utest_read_all(fds[0], out, sizeof(out));
	close(fds[0]);
	CHECK_EXITED(utest_wait(pid), 0);
	CHECK_EQ(sscanf(out, "%d %d", &seen_pid, &seen_ppid), 2);
	CHECK_EQ(seen_pid, pid);
	CHECK_EQ(seen_ppid, getpid());
}

UTEST(new_programs_exit_code_reaches_the_parent, UTEST_HOST_SAFE)
{
	char *const argv[] = { "helper", HELPER_FLAG, "exit", "42", NULL };
	static char out[64];

	CHECK_EXITED(run(utest_self(), argv, no_env, out, sizeof(out)), 42);
}

UTEST(new_program_gets_a_fresh_address_space, UTEST_HOST_SAFE)
{
	static char addr[32], out[32];
	char *argv[] = { "helper", HELPER_FLAG, "mapped", addr, NULL };
	/* Shared: the forked child has the very same mapping, and exec drops it. */
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	snprintf(addr, sizeof(addr), "%lx", (unsigned long)p);
	CHECK_EXITED(run(utest_self(), argv, no_env, out, sizeof(out)), 0);
	CHECK_STR(out, "unmapped\n");
	CHECK_OK(munmap(p, 4096));
}

UTEST(close_on_exec_descriptors_are_closed_and_the_others_stay_open, UTEST_HOST_SAFE)
{
	int plain = open("fds", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int cloexec = open("fds", O_RDONLY | O_CLOEXEC);
	int set_later = open("fds", O_RDONLY);
	int duped;
	static char args[4][8], out[256], want[256];
	char *argv[] = { "helper", HELPER_FLAG, "fds", args[0], args[1], args[2], args[3], NULL };

	CHECK_OK(plain);
	CHECK_OK(cloexec);
	CHECK_OK(set_later);
	CHECK_EQ(fcntl(cloexec, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(plain, F_GETFD), 0);
	CHECK_OK(fcntl(set_later, F_SETFD, FD_CLOEXEC));
	duped = dup(cloexec);			/* dup() does not copy the flag */
	CHECK_OK(duped);
	CHECK_EQ(fcntl(duped, F_GETFD), 0);
	snprintf(args[0], sizeof(args[0]), "%d", plain);
	snprintf(args[1], sizeof(args[1]), "%d", cloexec);
	snprintf(args[2], sizeof(args[2]), "%d", set_later);
	snprintf(args[3], sizeof(args[3]), "%d", duped);
	CHECK_EXITED(run(utest_self(), argv, no_env, out, sizeof(out)), 0);
	snprintf(want, sizeof(want), "%d:open\n%d:closed\n%d:closed\n%d:open\n", plain, cloexec,
		 set_later, duped);
	CHECK_STR(out, want);
	CHECK_OK(unlink("fds"));
}

UTEST(exec_after_fork_leaves_the_parent_untouched, UTEST_HOST_SAFE)
{
	char *const argv[] = { "helper", HELPER_FLAG, "exit", "0", NULL };
	static char out[16];

	still_mine = 99;
	for (int i = 0; i < 10; i++)
		CHECK_EXITED(run(utest_self(), argv, no_env, out, sizeof(out)), 0);
	CHECK_EQ(still_mine, 99);
}

int main(int argc, char **argv, char **envp)
{
	if (argc > 1 && strcmp(argv[1], HELPER_FLAG) == 0)
		return exec_helper(argc, argv, envp);
	return utest_main("exec", argc, argv);
}
