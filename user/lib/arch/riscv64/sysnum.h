/*
 * user/lib/arch/riscv64/sysnum.h - Linux's riscv64 system-call numbers.
 *
 * The calls the newlib glue issues, with the numbers of the generic table
 * riscv64 uses, <asm-generic/unistd.h> (reached through
 * /usr/riscv64-linux-gnu/include/asm/unistd.h). That table has no open,
 * stat, fork or pipe: only the *at forms, clone and pipe2, which is why
 * the glue uses those on both arches. tests/host/glue_test.c checks every
 * number against the host's <asm-generic/unistd.h>. A new call goes here,
 * in x86_64/sysnum.h and in GLUE_SYSCALLS (tests/host/glue_abi.h).
 */
#ifndef ATLAS_USER_SYSNUM_H
#define ATLAS_USER_SYSNUM_H

#define SYS_read             63
#define SYS_write            64
#define SYS_pread64          67
#define SYS_pwrite64         68
#define SYS_openat           56
#define SYS_close            57
#define SYS_lseek            62
#define SYS_fstat            80
#define SYS_newfstatat       79
#define SYS_getdents64       61
#define SYS_mkdirat          34
#define SYS_unlinkat         35
#define SYS_linkat           37
#define SYS_renameat2        276
#define SYS_symlinkat        36
#define SYS_readlinkat       78
#define SYS_faccessat        48
#define SYS_chdir            49
#define SYS_getcwd           17
#define SYS_dup              23
#define SYS_dup3             24
#define SYS_pipe2            59
#define SYS_ioctl            29
#define SYS_fcntl            25
#define SYS_ftruncate        46
#define SYS_mmap             222
#define SYS_munmap           215
#define SYS_mprotect         226
#define SYS_msync            227
#define SYS_madvise          233
#define SYS_brk              214
#define SYS_exit             93
#define SYS_exit_group       94
#define SYS_getpid           172
#define SYS_getppid          173
#define SYS_getuid           174
#define SYS_geteuid          175
#define SYS_getgid           176
#define SYS_getegid          177
#define SYS_kill             129
#define SYS_clone            220
#define SYS_execve           221
#define SYS_wait4            260
#define SYS_rt_sigprocmask   135
#define SYS_rt_sigaction     134
#define SYS_rt_sigreturn     139
#define SYS_rt_sigpending    136
#define SYS_rt_sigsuspend    133
#define SYS_sigaltstack      132
#define SYS_tkill            130
#define SYS_gettid           178
#define SYS_setitimer        103
#define SYS_getitimer        102
#define SYS_setpgid          154
#define SYS_getpgid          155
#define SYS_nanosleep        101
#define SYS_clock_getres     114
#define SYS_clock_gettime    113
#define SYS_times            153
#define SYS_getrandom        278
#define SYS_mount            40
#define SYS_umount2          39
#define SYS_sched_yield      124

#endif
