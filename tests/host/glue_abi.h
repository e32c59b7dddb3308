/*
 * tests/host/glue_abi.h - the names glue_test checks by value, shared by
 * the three files of that test.
 *
 * A header from user/lib and a Linux UAPI header define the same names,
 * so they cannot meet in one file: glue_headers.c includes Atlas's user
 * headers, glue_generic.c riscv64's generic Linux headers, glue_test.c
 * x86_64's. Each turns a list below into a table of values, and
 * glue_test.c compares them by name.
 */
#ifndef ATLAS_GLUE_ABI_H
#define ATLAS_GLUE_ABI_H

#include <stddef.h>

/* The system calls of user/lib/arch/<arch>/sysnum.h (keep them in step). */
#define GLUE_SYSCALLS(X) \
	X(read) X(write) X(pread64) X(pwrite64) X(openat) X(close) X(lseek) \
	X(fstat) X(newfstatat) \
	X(getdents64) X(mkdirat) X(unlinkat) X(linkat) X(renameat2) \
	X(symlinkat) X(readlinkat) \
	X(faccessat) X(chdir) X(getcwd) X(dup) X(dup3) X(pipe2) X(ioctl) \
	X(fcntl) X(ftruncate) X(mmap) X(munmap) X(mprotect) X(msync) \
	X(madvise) X(brk) X(exit) X(exit_group) X(getpid) X(getppid) \
	X(getuid) X(geteuid) X(getgid) X(getegid) X(kill) X(clone) X(execve) \
	X(wait4) X(rt_sigprocmask) X(nanosleep) X(clock_getres) \
	X(clock_gettime) X(times) X(getrandom) X(mount) X(umount2) \
	X(sched_yield)

/* Values Atlas's user headers take from Linux (user/lib/include/). */
#define GLUE_USER_HEADER_NAMES(X) \
	X(PROT_NONE) X(PROT_READ) X(PROT_WRITE) X(PROT_EXEC) \
	X(MAP_SHARED) X(MAP_PRIVATE) X(MAP_SHARED_VALIDATE) X(MAP_FIXED) \
	X(MAP_ANONYMOUS) X(MAP_GROWSDOWN) X(MAP_DENYWRITE) X(MAP_EXECUTABLE) \
	X(MAP_LOCKED) X(MAP_NORESERVE) X(MAP_POPULATE) X(MAP_NONBLOCK) \
	X(MAP_STACK) X(MAP_HUGETLB) X(MAP_SYNC) X(MAP_FIXED_NOREPLACE) \
	X(MS_ASYNC) X(MS_INVALIDATE) X(MS_SYNC) \
	X(MADV_NORMAL) X(MADV_RANDOM) X(MADV_SEQUENTIAL) X(MADV_WILLNEED) \
	X(MADV_DONTNEED) X(MADV_FREE) X(MADV_REMOVE) X(MADV_DONTFORK) \
	X(MADV_DOFORK) X(MADV_HUGEPAGE) X(MADV_NOHUGEPAGE) \
	X(MS_RDONLY) X(MS_NOSUID) X(MS_NODEV) X(MS_NOEXEC) X(MS_SYNCHRONOUS) \
	X(MS_REMOUNT) X(MS_NOATIME) X(MS_BIND) X(MS_MOVE) X(MS_REC) X(MS_SILENT) \
	X(TCGETS) X(TCSETS) X(TCSETSW) X(TCSETSF) X(TIOCSCTTY) X(TIOCGPGRP) \
	X(TIOCSPGRP) X(TIOCGWINSZ) X(TIOCSWINSZ) X(FIONREAD) X(FIONBIO) \
	X(FIONCLEX) X(FIOCLEX) \
	X(AT_NULL) X(AT_PHDR) X(AT_PHENT) X(AT_PHNUM) X(AT_PAGESZ) X(AT_BASE) \
	X(AT_FLAGS) X(AT_ENTRY) X(AT_UID) X(AT_EUID) X(AT_GID) X(AT_EGID) \
	X(AT_HWCAP) X(AT_CLKTCK) X(AT_SECURE) X(AT_RANDOM) X(AT_EXECFN) \
	X(DT_UNKNOWN) X(DT_FIFO) X(DT_CHR) X(DT_DIR) X(DT_BLK) X(DT_REG) \
	X(DT_LNK) X(DT_SOCK)

struct glue_value {
	const char *name;
	long value;
};

#define GLUE_VALUE(name) { #name, (long)(name) },

/* glue_headers.c: GLUE_USER_HEADER_NAMES as Atlas's headers define them. */
extern const struct glue_value glue_user_header_values[];
extern const size_t glue_user_header_count;

/* glue_generic.c: riscv64's numbers, Atlas's and Linux's generic table's. */
extern const struct glue_value glue_riscv64_sysnums[];
extern const struct glue_value glue_generic_sysnums[];
extern const size_t glue_sysnum_count;

/* glue_generic.c: the first mismatch between translate.h and Linux's
 * generic headers, or NULL if none. */
const char *glue_generic_stat_mismatch(void);
const char *glue_generic_signal_mismatch(void);

#endif
