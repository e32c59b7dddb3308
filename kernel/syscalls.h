/*
 * kernel/syscalls.h - the system calls Atlas implements, by their Linux
 * names.
 *
 * Every handler has one signature: it gets the six argument registers and
 * returns the result, a negative errno on failure. Each port's
 * arch/<arch>/syscalls.c maps Linux's numbers for that arch to these
 * (arch_syscall_table[]); numbers it leaves empty answer -ENOSYS, logged
 * once per number. x86_64 also has Linux's legacy calls (open, stat,
 * fork, pipe, ...), which the generic table of riscv64 lacks; their
 * handlers are here too and call the *at forms.
 */
#ifndef ATLAS_SYSCALLS_H
#define ATLAS_SYSCALLS_H

#include "kernel/types.h"

struct trapframe;
struct kstat;

typedef long (*syscall_fn)(const unsigned long a[6]);

/* The port's table: handler by Linux system-call number (NULL: ENOSYS). */
extern const syscall_fn arch_syscall_table[];
extern const unsigned arch_syscall_count;

/*
 * syscall_dispatch() runs the call in @tf (called by the port's entry,
 * interrupts enabled) and stores its result in @tf.
 */
void syscall_dispatch(struct trapframe *tf);

/*
 * arch_stat_to_user() writes @ks to user memory at @ubuf in the arch's
 * Linux struct stat layout (x86_64: 144 bytes; riscv64: asm-generic's 128
 * bytes). Returns 0 or -EFAULT. In arch/<arch>/syscalls.c.
 */
int arch_stat_to_user(void *ubuf, const struct kstat *ks);

#define SYSCALL(name) long sys_##name(const unsigned long a[6])

/* processes */
SYSCALL(exit);
SYSCALL(exit_group);
SYSCALL(getpid);
SYSCALL(getppid);
SYSCALL(gettid);
SYSCALL(getuid);
SYSCALL(geteuid);
SYSCALL(getgid);
SYSCALL(getegid);
SYSCALL(setuid);
SYSCALL(setgid);
SYSCALL(clone);
SYSCALL(fork);
SYSCALL(vfork);
SYSCALL(execve);
SYSCALL(wait4);
SYSCALL(kill);
SYSCALL(tkill);
SYSCALL(tgkill);
SYSCALL(sched_yield);
SYSCALL(nanosleep);
SYSCALL(clock_nanosleep);
SYSCALL(clock_gettime);
SYSCALL(gettimeofday);
SYSCALL(uname);
SYSCALL(set_tid_address);
SYSCALL(prlimit64);
SYSCALL(getrlimit);
SYSCALL(setrlimit);
SYSCALL(getrusage);
SYSCALL(reboot);
SYSCALL(rt_sigaction);
SYSCALL(rt_sigprocmask);
SYSCALL(sigaltstack);
SYSCALL(rt_sigreturn);
SYSCALL(rt_sigpending);
SYSCALL(rt_sigsuspend);
SYSCALL(pause);
SYSCALL(alarm);
SYSCALL(getitimer);
SYSCALL(setitimer);
SYSCALL(getpgid);
SYSCALL(setpgid);
SYSCALL(getpgrp);
SYSCALL(getsid);
SYSCALL(setsid);
SYSCALL(prctl);
SYSCALL(set_robust_list);
SYSCALL(sysinfo);
SYSCALL(time);
SYSCALL(getrandom);

/* memory */
SYSCALL(brk);
SYSCALL(mmap);
SYSCALL(munmap);
SYSCALL(mprotect);
SYSCALL(msync);
SYSCALL(madvise);

/* files: the *at forms, and the legacy forms x86_64 also has */
SYSCALL(openat);
SYSCALL(open);
SYSCALL(close);
SYSCALL(read);
SYSCALL(write);
SYSCALL(readv);
SYSCALL(writev);
SYSCALL(pread64);
SYSCALL(pwrite64);
SYSCALL(lseek);
SYSCALL(fstat);
SYSCALL(newfstatat);
SYSCALL(stat);
SYSCALL(lstat);
SYSCALL(getdents64);
SYSCALL(mkdirat);
SYSCALL(mkdir);
SYSCALL(unlinkat);
SYSCALL(unlink);
SYSCALL(rmdir);
SYSCALL(renameat2);
SYSCALL(renameat);
SYSCALL(rename);
SYSCALL(symlinkat);
SYSCALL(symlink);
SYSCALL(readlinkat);
SYSCALL(readlink);
SYSCALL(faccessat);
SYSCALL(access);
SYSCALL(ftruncate);
SYSCALL(truncate);
SYSCALL(dup);
SYSCALL(dup2);
SYSCALL(dup3);
SYSCALL(pipe2);
SYSCALL(pipe);
SYSCALL(ioctl);
SYSCALL(fcntl);
SYSCALL(chdir);
SYSCALL(fchdir);
SYSCALL(getcwd);
SYSCALL(umask);
SYSCALL(mount);
SYSCALL(umount2);
SYSCALL(statfs);
SYSCALL(fstatfs);
SYSCALL(sendfile);
SYSCALL(poll);
SYSCALL(ppoll);
SYSCALL(chmod);
SYSCALL(fchmod);
SYSCALL(fchmodat);
SYSCALL(chown);
SYSCALL(lchown);
SYSCALL(fchown);
SYSCALL(fchownat);
SYSCALL(utimensat);

#endif
