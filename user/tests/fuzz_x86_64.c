/*
 * user/tests/fuzz_x86_64.c - the syscall fuzzer's table for x86_64:
 * Linux's numbers from asm/unistd_64.h (user/tests/fuzz.h says what the
 * argument letters mean).
 */
#include "fuzz.h"

const struct fuzz_call fuzz_calls[] = {
	/* files */
	{ "read", 0, "fpl" },		{ "write", 1, "fpl" },
	{ "open", 2, "sxx" },		{ "close", 3, "f" },
	{ "stat", 4, "sp" },		{ "fstat", 5, "fp" },
	{ "lstat", 6, "sp" },		{ "lseek", 8, "fox" },
	{ "ioctl", 16, "fxp" },		{ "pread64", 17, "fplo" },
	{ "pwrite64", 18, "fplo" },	{ "readv", 19, "fpl" },
	{ "writev", 20, "fpl" },	{ "access", 21, "sx" },
	{ "pipe", 22, "p" },		{ "dup", 32, "f" },
	{ "dup2", 33, "ff" },		{ "fcntl", 72, "fxx" },
	{ "truncate", 76, "so" },	{ "ftruncate", 77, "fo" },
	{ "getcwd", 79, "pl" },		{ "chdir", 80, "s" },
	{ "fchdir", 81, "f" },		{ "rename", 82, "ss" },
	{ "mkdir", 83, "sx" },		{ "rmdir", 84, "s" },
	{ "unlink", 87, "s" },		{ "symlink", 88, "ss" },
	{ "readlink", 89, "spl" },	{ "umask", 95, "x" },
	{ "statfs", 137, "sp" },	{ "fstatfs", 138, "fp" },
	{ "mount", 165, "sssxp" },	{ "umount2", 166, "sx" },
	{ "getdents64", 217, "fpl" },	{ "openat", 257, "fsxx" },
	{ "mkdirat", 258, "fsx" },	{ "newfstatat", 262, "fspx" },
	{ "unlinkat", 263, "fsx" },	{ "renameat", 264, "fsfs" },
	{ "symlinkat", 266, "sfs" },	{ "readlinkat", 267, "fspl" },
	{ "faccessat", 269, "fsx" },	{ "dup3", 292, "ffx" },
	{ "pipe2", 293, "px" },		{ "renameat2", 316, "fsfsx" },

	/* processes, time, signals */
	{ "rt_sigaction", 13, "gppl" },	{ "rt_sigprocmask", 14, "xppl" },
	{ "sched_yield", 24, "" },	{ "nanosleep", 35, "tp" },
	{ "getpid", 39, "" },		{ "clone", 56, "cpppp" },
	{ "fork", 57, "" },		{ "vfork", 58, "" },
	{ "execve", 59, "epp" },	{ "wait4", 61, "npwp" },
	{ "kill", 62, "ng" },		{ "uname", 63, "p" },
	{ "gettimeofday", 96, "pp" },	{ "getrlimit", 97, "xp" },
	{ "getrusage", 98, "xp" },	{ "getuid", 102, "" },
	{ "getgid", 104, "" },		{ "setuid", 105, "x" },
	{ "setgid", 106, "x" },		{ "geteuid", 107, "" },
	{ "getegid", 108, "" },		{ "getppid", 110, "" },
	{ "sigaltstack", 131, "pp" },	{ "arch_prctl", 158, "xa" },
	{ "setrlimit", 160, "xp" },	{ "gettid", 186, "" },
	{ "tkill", 200, "ng" },		{ "set_tid_address", 218, "p" },
	{ "clock_gettime", 228, "xp" },	{ "clock_nanosleep", 230, "xxtp" },
	{ "tgkill", 234, "nng" },	{ "prlimit64", 302, "nxpp" },

	/* memory */
	{ "mmap", 9, "alxxfo" },	{ "mprotect", 10, "alx" },
	{ "munmap", 11, "al" },		{ "brk", 12, "a" },
	{ "msync", 26, "alx" },		{ "madvise", 28, "alx" },

	/* not implemented (yet): ENOSYS */
	{ "socket", 41, "xxx" },	{ "sysinfo", 99, "p" },
	{ "prctl", 157, "xxxxx" },	{ "getrandom", 318, "plx" },
	{ "statx", 332, "fsxxp" },	{ "rseq", 334, "plxx" },
	{ "clone3", 435, "pl" },	{ "number_1000", 1000, "xxxxxx" },
	{ "number_2_to_the_32", 1L << 32, "xxxxxx" },
	{ "number_minus_1", -1, "xxxxxx" },
};

const int fuzz_nr_calls = sizeof(fuzz_calls) / sizeof(fuzz_calls[0]);
