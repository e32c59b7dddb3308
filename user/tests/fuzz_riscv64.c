/*
 * user/tests/fuzz_riscv64.c - the syscall fuzzer's table for riscv64:
 * Linux's generic numbers from asm-generic/unistd.h (user/tests/fuzz.h
 * says what the argument letters mean). The generic table has no legacy
 * calls (open, stat, pipe, fork, ...).
 */
#include "fuzz.h"

const struct fuzz_call fuzz_calls[] = {
	/* files */
	{ "getcwd", 17, "pl" },		{ "dup", 23, "f" },
	{ "dup3", 24, "ffx" },		{ "fcntl", 25, "fxx" },
	{ "ioctl", 29, "fxp" },		{ "mkdirat", 34, "fsx" },
	{ "unlinkat", 35, "fsx" },	{ "symlinkat", 36, "sfs" },
	{ "umount2", 39, "sx" },	{ "mount", 40, "sssxp" },
	{ "statfs", 43, "sp" },		{ "fstatfs", 44, "fp" },
	{ "truncate", 45, "so" },	{ "ftruncate", 46, "fo" },
	{ "faccessat", 48, "fsx" },	{ "chdir", 49, "s" },
	{ "fchdir", 50, "f" },		{ "openat", 56, "fsxx" },
	{ "close", 57, "f" },		{ "pipe2", 59, "px" },
	{ "getdents64", 61, "fpl" },	{ "lseek", 62, "fox" },
	{ "read", 63, "fpl" },		{ "write", 64, "fpl" },
	{ "readv", 65, "fpl" },		{ "writev", 66, "fpl" },
	{ "pread64", 67, "fplo" },	{ "pwrite64", 68, "fplo" },
	{ "readlinkat", 78, "fspl" },	{ "newfstatat", 79, "fspx" },
	{ "fstat", 80, "fp" },		{ "umask", 166, "x" },
	{ "renameat2", 276, "fsfsx" },

	/* processes, time, signals */
	{ "set_tid_address", 96, "p" },	{ "nanosleep", 101, "tp" },
	{ "clock_gettime", 113, "xp" },	{ "clock_nanosleep", 115, "xxtp" },
	{ "sched_yield", 124, "" },	{ "kill", 129, "ng" },
	{ "tkill", 130, "ng" },		{ "tgkill", 131, "nng" },
	{ "sigaltstack", 132, "pp" },	{ "rt_sigaction", 134, "gppl" },
	{ "rt_sigprocmask", 135, "xppl" }, { "setgid", 144, "x" },
	{ "setuid", 146, "x" },		{ "uname", 160, "p" },
	{ "getrlimit", 163, "xp" },	{ "setrlimit", 164, "xp" },
	{ "getrusage", 165, "xp" },	{ "gettimeofday", 169, "pp" },
	{ "getpid", 172, "" },		{ "getppid", 173, "" },
	{ "getuid", 174, "" },		{ "geteuid", 175, "" },
	{ "getgid", 176, "" },		{ "getegid", 177, "" },
	{ "gettid", 178, "" },		{ "clone", 220, "cpppp" },
	{ "execve", 221, "epp" },	{ "wait4", 260, "npwp" },
	{ "prlimit64", 261, "nxpp" },

	/* memory */
	{ "brk", 214, "a" },		{ "munmap", 215, "al" },
	{ "mmap", 222, "alxxfo" },	{ "mprotect", 226, "alx" },
	{ "msync", 227, "alx" },	{ "madvise", 233, "alx" },

	/* not implemented (yet): ENOSYS */
	{ "prctl", 167, "xxxxx" },	{ "sysinfo", 179, "p" },
	{ "socket", 198, "xxx" },	{ "getrandom", 278, "plx" },
	{ "statx", 291, "fsxxp" },	{ "rseq", 293, "plxx" },
	{ "clone3", 435, "pl" },	{ "number_1000", 1000, "xxxxxx" },
	{ "number_2_to_the_32", 1L << 32, "xxxxxx" },
	{ "number_minus_1", -1, "xxxxxx" },
};

const int fuzz_nr_calls = sizeof(fuzz_calls) / sizeof(fuzz_calls[0]);
