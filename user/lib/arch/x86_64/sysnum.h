/*
 * user/lib/arch/x86_64/sysnum.h - Linux's x86_64 system-call numbers.
 *
 * The calls the newlib glue issues, with the numbers of Linux's
 * <asm/unistd_64.h> (/usr/include/x86_64-linux-gnu/asm/unistd_64.h).
 * They are facts of the ABI, never changed; tests/host/glue_test.c checks
 * every one against the host's header. A new call goes here, in
 * riscv64/sysnum.h and in GLUE_SYSCALLS (tests/host/glue_abi.h).
 */
#ifndef ATLAS_USER_SYSNUM_H
#define ATLAS_USER_SYSNUM_H

#define SYS_read             0
#define SYS_write            1
#define SYS_pread64          17
#define SYS_pwrite64         18
#define SYS_openat           257
#define SYS_close            3
#define SYS_lseek            8
#define SYS_fstat            5
#define SYS_newfstatat       262
#define SYS_getdents64       217
#define SYS_mkdirat          258
#define SYS_unlinkat         263
#define SYS_linkat           265
#define SYS_renameat2        316
#define SYS_symlinkat        266
#define SYS_readlinkat       267
#define SYS_faccessat        269
#define SYS_chdir            80
#define SYS_getcwd           79
#define SYS_dup              32
#define SYS_dup3             292
#define SYS_pipe2            293
#define SYS_ioctl            16
#define SYS_fcntl            72
#define SYS_ftruncate        77
#define SYS_mmap             9
#define SYS_munmap           11
#define SYS_mprotect         10
#define SYS_msync            26
#define SYS_madvise          28
#define SYS_brk              12
#define SYS_exit             60
#define SYS_exit_group       231
#define SYS_getpid           39
#define SYS_getppid          110
#define SYS_getuid           102
#define SYS_geteuid          107
#define SYS_getgid           104
#define SYS_getegid          108
#define SYS_kill             62
#define SYS_clone            56
#define SYS_execve           59
#define SYS_wait4            61
#define SYS_rt_sigprocmask   14
#define SYS_rt_sigaction     13
#define SYS_rt_sigreturn     15
#define SYS_rt_sigpending    127
#define SYS_rt_sigsuspend    130
#define SYS_sigaltstack      131
#define SYS_tkill            200
#define SYS_gettid           186
#define SYS_setitimer        38
#define SYS_getitimer        36
#define SYS_setpgid          109
#define SYS_getpgid          121
#define SYS_alarm            37
#define SYS_pause            34
#define SYS_nanosleep        35
#define SYS_clock_getres     229
#define SYS_clock_gettime    228
#define SYS_times            100
#define SYS_getrandom        318
#define SYS_mount            165
#define SYS_umount2          166
#define SYS_sched_yield      24

#endif
