/*
 * arch/x86_64/syscalls.c - Linux's x86_64 system-call numbers, its
 * struct stat, and the one x86-only call, arch_prctl.
 *
 * The numbers are those of asm/unistd_64.h. Unlike the generic table of
 * riscv64, x86_64 keeps the legacy forms (open, stat, pipe, fork, ...)
 * next to the *at ones, and musl's static binaries use them; their
 * handlers (kernel/sys_*.c) call the *at forms. Every number left out
 * answers -ENOSYS (kernel/syscall.c).
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "fs/vfs.h"
#include "cpu.h"

static SYSCALL(arch_prctl);

const syscall_fn arch_syscall_table[] = {
	/* files */
	[0]   = sys_read,
	[1]   = sys_write,
	[2]   = sys_open,
	[3]   = sys_close,
	[4]   = sys_stat,
	[5]   = sys_fstat,
	[6]   = sys_lstat,
	[8]   = sys_lseek,
	[16]  = sys_ioctl,
	[17]  = sys_pread64,
	[18]  = sys_pwrite64,
	[19]  = sys_readv,
	[20]  = sys_writev,
	[21]  = sys_access,
	[22]  = sys_pipe,
	[7]   = sys_poll,
	[32]  = sys_dup,
	[33]  = sys_dup2,
	[40]  = sys_sendfile,
	[72]  = sys_fcntl,
	[76]  = sys_truncate,
	[77]  = sys_ftruncate,
	[79]  = sys_getcwd,
	[80]  = sys_chdir,
	[81]  = sys_fchdir,
	[82]  = sys_rename,
	[83]  = sys_mkdir,
	[84]  = sys_rmdir,
	[87]  = sys_unlink,
	[88]  = sys_symlink,
	[89]  = sys_readlink,
	[90]  = sys_chmod,
	[91]  = sys_fchmod,
	[92]  = sys_chown,
	[93]  = sys_fchown,
	[94]  = sys_lchown,
	[95]  = sys_umask,
	[137] = sys_statfs,
	[138] = sys_fstatfs,
	[165] = sys_mount,
	[166] = sys_umount2,
	[217] = sys_getdents64,
	[257] = sys_openat,
	[258] = sys_mkdirat,
	[262] = sys_newfstatat,
	[263] = sys_unlinkat,
	[264] = sys_renameat,
	[266] = sys_symlinkat,
	[260] = sys_fchownat,
	[267] = sys_readlinkat,
	[268] = sys_fchmodat,
	[269] = sys_faccessat,
	[271] = sys_ppoll,
	[280] = sys_utimensat,
	[292] = sys_dup3,
	[293] = sys_pipe2,
	[316] = sys_renameat2,

	/* processes, time, signals */
	[13]  = sys_rt_sigaction,
	[14]  = sys_rt_sigprocmask,
	[15]  = sys_rt_sigreturn,
	[24]  = sys_sched_yield,
	[34]  = sys_pause,
	[35]  = sys_nanosleep,
	[36]  = sys_getitimer,
	[37]  = sys_alarm,
	[38]  = sys_setitimer,
	[39]  = sys_getpid,
	[56]  = sys_clone,
	[57]  = sys_fork,
	[58]  = sys_vfork,
	[59]  = sys_execve,
	[60]  = sys_exit,
	[61]  = sys_wait4,
	[62]  = sys_kill,
	[63]  = sys_uname,
	[96]  = sys_gettimeofday,
	[97]  = sys_getrlimit,
	[98]  = sys_getrusage,
	[99]  = sys_sysinfo,
	[102] = sys_getuid,
	[104] = sys_getgid,
	[105] = sys_setuid,
	[106] = sys_setgid,
	[107] = sys_geteuid,
	[108] = sys_getegid,
	[109] = sys_setpgid,
	[110] = sys_getppid,
	[111] = sys_getpgrp,
	[112] = sys_setsid,
	[121] = sys_getpgid,
	[124] = sys_getsid,
	[127] = sys_rt_sigpending,
	[130] = sys_rt_sigsuspend,
	[131] = sys_sigaltstack,
	[157] = sys_prctl,
	[158] = sys_arch_prctl,
	[160] = sys_setrlimit,
	[169] = sys_reboot,
	[186] = sys_gettid,
	[200] = sys_tkill,
	[201] = sys_time,
	[218] = sys_set_tid_address,
	[228] = sys_clock_gettime,
	[230] = sys_clock_nanosleep,
	[231] = sys_exit_group,
	[234] = sys_tgkill,
	[273] = sys_set_robust_list,
	[302] = sys_prlimit64,
	[318] = sys_getrandom,

	/* memory */
	[9]   = sys_mmap,
	[10]  = sys_mprotect,
	[11]  = sys_munmap,
	[12]  = sys_brk,
	[26]  = sys_msync,
	[28]  = sys_madvise,
};

const unsigned arch_syscall_count = ARRAY_SIZE(arch_syscall_table);

/* ---- arch_prctl ------------------------------------------------------------ */

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

/*
 * arch_prctl(code, addr): ARCH_SET_FS makes @addr the thread pointer (the
 * FS base; a libc's first call), ARCH_GET_FS stores it at user @addr. The
 * live MSR is the running task's: arch_switch() keeps it per task. -EPERM
 * for a base outside the user half (wrmsr would fault on a non-canonical
 * one), -EFAULT for a bad pointer, -EINVAL for any other code: the user
 * GS base stays 0 (the kernel's is swapped in on every entry).
 */
static SYSCALL(arch_prctl)
{
	uint64_t base;

	switch (a[0]) {
	case ARCH_SET_FS:
		if (a[1] >= USER_TOP)
			return -EPERM;
		wrmsr(MSR_FS_BASE, a[1]);
		return 0;
	case ARCH_GET_FS:
		base = rdmsr(MSR_FS_BASE);
		return copy_to_user((void *)a[1], &base, sizeof(base));
	}
	return -EINVAL;
}

/* ---- struct stat ----------------------------------------------------------- */

/* Linux's x86_64 struct stat (asm/stat.h): 144 bytes. */
struct linux_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;
	int64_t st_atime;
	int64_t st_atime_nsec;
	int64_t st_mtime;
	int64_t st_mtime_nsec;
	int64_t st_ctime;
	int64_t st_ctime_nsec;
	int64_t unused[3];
};

_Static_assert(sizeof(struct linux_stat) == 144, "x86_64 struct stat is 144 bytes");
_Static_assert(offsetof(struct linux_stat, st_mode) == 24, "st_mode");
_Static_assert(offsetof(struct linux_stat, st_rdev) == 40, "st_rdev");
_Static_assert(offsetof(struct linux_stat, st_size) == 48, "st_size");
_Static_assert(offsetof(struct linux_stat, st_blocks) == 64, "st_blocks");
_Static_assert(offsetof(struct linux_stat, st_atime) == 72, "st_atime");
_Static_assert(offsetof(struct linux_stat, st_ctime_nsec) == 112, "st_ctime_nsec");

/*
 * arch_stat_to_user(): built whole in a kernel buffer with the pads
 * zeroed, so no kernel stack bytes reach the program. Device numbers stay
 * as the kernel encodes them, (major << 8) | minor, which agrees with
 * Linux's encoding for majors and minors below 256. Times have whole
 * seconds only.
 */
int arch_stat_to_user(void *ubuf, const struct kstat *ks)
{
	struct linux_stat st = {
		.st_dev = ks->dev,
		.st_ino = ks->ino,
		.st_nlink = ks->nlink,
		.st_mode = ks->mode,
		.st_uid = ks->uid,
		.st_gid = ks->gid,
		.st_rdev = ks->rdev,
		.st_size = (int64_t)ks->size,
		.st_blksize = ks->blksize,
		.st_blocks = (int64_t)ks->blocks,
		.st_atime = ks->atime,
		.st_mtime = ks->mtime,
		.st_ctime = ks->ctime,
	};

	return copy_to_user(ubuf, &st, sizeof(st));
}
