/*
 * arch/riscv/syscalls.c - Linux's riscv64 system-call numbers, and its
 * struct stat.
 *
 * riscv64 uses the generic table of asm-generic/unistd.h, which has only
 * the modern forms: openat but no open, newfstatat but no stat, clone but
 * no fork, pipe2 but no pipe. The numbers below are that table's; every
 * number left out answers -ENOSYS (kernel/syscall.c).
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "fs/vfs.h"

const syscall_fn arch_syscall_table[] = {
	/* files */
	[17]  = sys_getcwd,
	[23]  = sys_dup,
	[24]  = sys_dup3,
	[25]  = sys_fcntl,
	[29]  = sys_ioctl,
	[34]  = sys_mkdirat,
	[35]  = sys_unlinkat,
	[36]  = sys_symlinkat,
	[39]  = sys_umount2,
	[40]  = sys_mount,
	[43]  = sys_statfs,
	[44]  = sys_fstatfs,
	[45]  = sys_truncate,
	[46]  = sys_ftruncate,
	[48]  = sys_faccessat,
	[49]  = sys_chdir,
	[50]  = sys_fchdir,
	[52]  = sys_fchmod,
	[53]  = sys_fchmodat,
	[54]  = sys_fchownat,
	[55]  = sys_fchown,
	[56]  = sys_openat,
	[57]  = sys_close,
	[59]  = sys_pipe2,
	[61]  = sys_getdents64,
	[62]  = sys_lseek,
	[63]  = sys_read,
	[64]  = sys_write,
	[65]  = sys_readv,
	[66]  = sys_writev,
	[67]  = sys_pread64,
	[68]  = sys_pwrite64,
	[71]  = sys_sendfile,
	[73]  = sys_ppoll,
	[78]  = sys_readlinkat,
	[79]  = sys_newfstatat,
	[80]  = sys_fstat,
	[88]  = sys_utimensat,
	[166] = sys_umask,
	[276] = sys_renameat2,

	/* processes, time, signals */
	[93]  = sys_exit,
	[94]  = sys_exit_group,
	[96]  = sys_set_tid_address,
	[99]  = sys_set_robust_list,
	[101] = sys_nanosleep,
	[102] = sys_getitimer,
	[103] = sys_setitimer,
	[113] = sys_clock_gettime,
	[115] = sys_clock_nanosleep,
	[124] = sys_sched_yield,
	[129] = sys_kill,
	[130] = sys_tkill,
	[131] = sys_tgkill,
	[132] = sys_sigaltstack,
	[133] = sys_rt_sigsuspend,
	[134] = sys_rt_sigaction,
	[135] = sys_rt_sigprocmask,
	[136] = sys_rt_sigpending,
	[139] = sys_rt_sigreturn,
	[142] = sys_reboot,
	[144] = sys_setgid,
	[146] = sys_setuid,
	[154] = sys_setpgid,
	[155] = sys_getpgid,
	[156] = sys_getsid,
	[157] = sys_setsid,
	[160] = sys_uname,
	[163] = sys_getrlimit,
	[164] = sys_setrlimit,
	[165] = sys_getrusage,
	[167] = sys_prctl,
	[169] = sys_gettimeofday,
	[172] = sys_getpid,
	[173] = sys_getppid,
	[174] = sys_getuid,
	[175] = sys_geteuid,
	[176] = sys_getgid,
	[177] = sys_getegid,
	[178] = sys_gettid,
	[179] = sys_sysinfo,
	[220] = sys_clone,
	[221] = sys_execve,
	[260] = sys_wait4,
	[261] = sys_prlimit64,
	[278] = sys_getrandom,

	/* memory */
	[214] = sys_brk,
	[215] = sys_munmap,
	[222] = sys_mmap,
	[226] = sys_mprotect,
	[227] = sys_msync,
	[233] = sys_madvise,
};

const unsigned arch_syscall_count = ARRAY_SIZE(arch_syscall_table);

/* asm-generic's struct stat, which riscv64 uses: 128 bytes. */
struct linux_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint64_t pad1;
	int64_t st_size;
	int32_t st_blksize;
	int32_t pad2;
	int64_t st_blocks;
	int64_t st_atime;
	uint64_t st_atime_nsec;
	int64_t st_mtime;
	uint64_t st_mtime_nsec;
	int64_t st_ctime;
	uint64_t st_ctime_nsec;
	uint32_t unused4;
	uint32_t unused5;
};

_Static_assert(sizeof(struct linux_stat) == 128, "asm-generic struct stat is 128 bytes");
_Static_assert(offsetof(struct linux_stat, st_size) == 48, "st_size");
_Static_assert(offsetof(struct linux_stat, st_blocks) == 64, "st_blocks");
_Static_assert(offsetof(struct linux_stat, st_atime) == 72, "st_atime");

/*
 * arch_stat_to_user(): the layout is built whole in a kernel buffer, pads
 * zeroed, so no kernel stack bytes reach the program. Device numbers are
 * kept as the kernel encodes them, (major << 8) | minor, which Linux's
 * encoding agrees with for majors and minors below 256.
 */
int arch_stat_to_user(void *ubuf, const struct kstat *ks)
{
	struct linux_stat st = {
		.st_dev = ks->dev,
		.st_ino = ks->ino,
		.st_mode = ks->mode,
		.st_nlink = ks->nlink,
		.st_uid = ks->uid,
		.st_gid = ks->gid,
		.st_rdev = ks->rdev,
		.st_size = (int64_t)ks->size,
		.st_blksize = (int32_t)ks->blksize,
		.st_blocks = (int64_t)ks->blocks,
		.st_atime = ks->atime,
		.st_mtime = ks->mtime,
		.st_ctime = ks->ctime,
	};

	return copy_to_user(ubuf, &st, sizeof(st));
}
