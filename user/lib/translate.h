/*
 * user/lib/translate.h - newlib's constants and layouts <-> Linux's.
 *
 * newlib is not Linux inside: its headers give O_*, errno values, signal
 * numbers, clock ids, *at() flags, struct stat and more their own values
 * and layouts (docs/design.md §4). The glue (user/lib/glue.c) translates at
 * the system-call boundary with the tables below and the functions of
 * user/lib/translate.c.
 *
 * Each table is a list X(newlib name, Linux name, newlib value, Linux
 * value) with both values written as plain numbers, so translate.c needs
 * neither libc's headers and compiles the same for Atlas (with newlib's
 * headers) and for the host test (with the host's). Both columns are
 * checked by name: glue.c asserts the newlib column against newlib's
 * headers at compile time, and tests/host/glue_test.c checks the Linux
 * column against the host's Linux UAPI headers. The first row with a
 * given value wins when translating towards the other side.
 *
 * This header includes nothing but <stdint.h> and <stddef.h>.
 */
#ifndef ATLAS_USER_TRANSLATE_H
#define ATLAS_USER_TRANSLATE_H

#include <stddef.h>
#include <stdint.h>

/*
 * errno values. newlib: <sys/errno.h>; Linux: <asm-generic/errno-base.h>
 * and <asm-generic/errno.h> (x86_64 and riscv64 both use them). Linux
 * values with no newlib name (ERESTART, EUCLEAN, ENOKEY, ...) become EIO.
 */
#define XLATE_ERRNO_TABLE(X) \
	X(EPERM, EPERM, 1, 1) \
	X(ENOENT, ENOENT, 2, 2) \
	X(ESRCH, ESRCH, 3, 3) \
	X(EINTR, EINTR, 4, 4) \
	X(EIO, EIO, 5, 5) \
	X(ENXIO, ENXIO, 6, 6) \
	X(E2BIG, E2BIG, 7, 7) \
	X(ENOEXEC, ENOEXEC, 8, 8) \
	X(EBADF, EBADF, 9, 9) \
	X(ECHILD, ECHILD, 10, 10) \
	X(EAGAIN, EAGAIN, 11, 11) \
	X(ENOMEM, ENOMEM, 12, 12) \
	X(EACCES, EACCES, 13, 13) \
	X(EFAULT, EFAULT, 14, 14) \
	X(ENOTBLK, ENOTBLK, 15, 15) \
	X(EBUSY, EBUSY, 16, 16) \
	X(EEXIST, EEXIST, 17, 17) \
	X(EXDEV, EXDEV, 18, 18) \
	X(ENODEV, ENODEV, 19, 19) \
	X(ENOTDIR, ENOTDIR, 20, 20) \
	X(EISDIR, EISDIR, 21, 21) \
	X(EINVAL, EINVAL, 22, 22) \
	X(ENFILE, ENFILE, 23, 23) \
	X(EMFILE, EMFILE, 24, 24) \
	X(ENOTTY, ENOTTY, 25, 25) \
	X(ETXTBSY, ETXTBSY, 26, 26) \
	X(EFBIG, EFBIG, 27, 27) \
	X(ENOSPC, ENOSPC, 28, 28) \
	X(ESPIPE, ESPIPE, 29, 29) \
	X(EROFS, EROFS, 30, 30) \
	X(EMLINK, EMLINK, 31, 31) \
	X(EPIPE, EPIPE, 32, 32) \
	X(EDOM, EDOM, 33, 33) \
	X(ERANGE, ERANGE, 34, 34) \
	X(ENOMSG, ENOMSG, 35, 42) \
	X(EIDRM, EIDRM, 36, 43) \
	X(ECHRNG, ECHRNG, 37, 44) \
	X(EL2NSYNC, EL2NSYNC, 38, 45) \
	X(EL3HLT, EL3HLT, 39, 46) \
	X(EL3RST, EL3RST, 40, 47) \
	X(ELNRNG, ELNRNG, 41, 48) \
	X(EUNATCH, EUNATCH, 42, 49) \
	X(ENOCSI, ENOCSI, 43, 50) \
	X(EL2HLT, EL2HLT, 44, 51) \
	X(EDEADLK, EDEADLK, 45, 35) \
	X(ENOLCK, ENOLCK, 46, 37) \
	X(EBADE, EBADE, 50, 52) \
	X(EBADR, EBADR, 51, 53) \
	X(EXFULL, EXFULL, 52, 54) \
	X(ENOANO, ENOANO, 53, 55) \
	X(EBADRQC, EBADRQC, 54, 56) \
	X(EBADSLT, EBADSLT, 55, 57) \
	X(EBFONT, EBFONT, 57, 59) \
	X(ENOSTR, ENOSTR, 60, 60) \
	X(ENODATA, ENODATA, 61, 61) \
	X(ETIME, ETIME, 62, 62) \
	X(ENOSR, ENOSR, 63, 63) \
	X(ENONET, ENONET, 64, 64) \
	X(ENOPKG, ENOPKG, 65, 65) \
	X(EREMOTE, EREMOTE, 66, 66) \
	X(ENOLINK, ENOLINK, 67, 67) \
	X(EADV, EADV, 68, 68) \
	X(ESRMNT, ESRMNT, 69, 69) \
	X(ECOMM, ECOMM, 70, 70) \
	X(EPROTO, EPROTO, 71, 71) \
	X(EMULTIHOP, EMULTIHOP, 74, 72) \
	X(EDOTDOT, EDOTDOT, 76, 73) \
	X(EBADMSG, EBADMSG, 77, 74) \
	X(ENOTUNIQ, ENOTUNIQ, 80, 76) \
	X(EBADFD, EBADFD, 81, 77) \
	X(EREMCHG, EREMCHG, 82, 78) \
	X(ELIBACC, ELIBACC, 83, 79) \
	X(ELIBBAD, ELIBBAD, 84, 80) \
	X(ELIBSCN, ELIBSCN, 85, 81) \
	X(ELIBMAX, ELIBMAX, 86, 82) \
	X(ELIBEXEC, ELIBEXEC, 87, 83) \
	X(ENOSYS, ENOSYS, 88, 38) \
	X(ENOTEMPTY, ENOTEMPTY, 90, 39) \
	X(ENAMETOOLONG, ENAMETOOLONG, 91, 36) \
	X(ELOOP, ELOOP, 92, 40) \
	X(EOPNOTSUPP, EOPNOTSUPP, 95, 95) \
	X(EPFNOSUPPORT, EPFNOSUPPORT, 96, 96) \
	X(ECONNRESET, ECONNRESET, 104, 104) \
	X(ENOBUFS, ENOBUFS, 105, 105) \
	X(EAFNOSUPPORT, EAFNOSUPPORT, 106, 97) \
	X(EPROTOTYPE, EPROTOTYPE, 107, 91) \
	X(ENOTSOCK, ENOTSOCK, 108, 88) \
	X(ENOPROTOOPT, ENOPROTOOPT, 109, 92) \
	X(ESHUTDOWN, ESHUTDOWN, 110, 108) \
	X(ECONNREFUSED, ECONNREFUSED, 111, 111) \
	X(EADDRINUSE, EADDRINUSE, 112, 98) \
	X(ECONNABORTED, ECONNABORTED, 113, 103) \
	X(ENETUNREACH, ENETUNREACH, 114, 101) \
	X(ENETDOWN, ENETDOWN, 115, 100) \
	X(ETIMEDOUT, ETIMEDOUT, 116, 110) \
	X(EHOSTDOWN, EHOSTDOWN, 117, 112) \
	X(EHOSTUNREACH, EHOSTUNREACH, 118, 113) \
	X(EINPROGRESS, EINPROGRESS, 119, 115) \
	X(EALREADY, EALREADY, 120, 114) \
	X(EDESTADDRREQ, EDESTADDRREQ, 121, 89) \
	X(EMSGSIZE, EMSGSIZE, 122, 90) \
	X(EPROTONOSUPPORT, EPROTONOSUPPORT, 123, 93) \
	X(ESOCKTNOSUPPORT, ESOCKTNOSUPPORT, 124, 94) \
	X(EADDRNOTAVAIL, EADDRNOTAVAIL, 125, 99) \
	X(ENETRESET, ENETRESET, 126, 102) \
	X(EISCONN, EISCONN, 127, 106) \
	X(ENOTCONN, ENOTCONN, 128, 107) \
	X(ETOOMANYREFS, ETOOMANYREFS, 129, 109) \
	X(EUSERS, EUSERS, 131, 87) \
	X(EDQUOT, EDQUOT, 132, 122) \
	X(ESTALE, ESTALE, 133, 116) \
	X(ENOMEDIUM, ENOMEDIUM, 135, 123) \
	X(EILSEQ, EILSEQ, 138, 84) \
	X(EOVERFLOW, EOVERFLOW, 139, 75) \
	X(ECANCELED, ECANCELED, 140, 125) \
	X(ENOTRECOVERABLE, ENOTRECOVERABLE, 141, 131) \
	X(EOWNERDEAD, EOWNERDEAD, 142, 130) \
	X(ESTRPIPE, ESTRPIPE, 143, 86) \
	/* newlib-only names, mapped to their Linux spelling */ \
	X(EDEADLOCK, EDEADLK, 56, 35) \
	X(ENOTSUP, EOPNOTSUPP, 134, 95)

/* newlib's EIO: what a Linux errno without a newlib name becomes. */
#define XLATE_NEWLIB_EIO 5

/*
 * open() flags, one bit each; the access mode (O_RDONLY 0, O_WRONLY 1,
 * O_RDWR 2, the low two bits) is the same on both sides. newlib:
 * <sys/_default_fcntl.h> (O_PATH and O_NOATIME: user/lib/include/fcntl.h,
 * on the bits Cygwin's newlib uses for them); Linux: <asm-generic/fcntl.h>,
 * which x86_64 and riscv64 both use. Bits with no row are dropped.
 */
#define XLATE_OFLAG_TABLE(X) \
	X(O_APPEND, O_APPEND, 0x0008, 02000) \
	X(O_CREAT, O_CREAT, 0x0200, 0100) \
	X(O_TRUNC, O_TRUNC, 0x0400, 01000) \
	X(O_EXCL, O_EXCL, 0x0800, 0200) \
	X(O_SYNC, O_SYNC, 0x2000, 04010000) \
	X(O_NONBLOCK, O_NONBLOCK, 0x4000, 04000) \
	X(O_NOCTTY, O_NOCTTY, 0x8000, 0400) \
	X(O_CLOEXEC, O_CLOEXEC, 0x40000, 02000000) \
	X(O_DIRECT, O_DIRECT, 0x80000, 040000) \
	X(O_NOFOLLOW, O_NOFOLLOW, 0x100000, 0400000) \
	X(O_DIRECTORY, O_DIRECTORY, 0x200000, 0200000) \
	X(O_NOATIME, O_NOATIME, 0x1000000, 01000000) \
	X(O_PATH, O_PATH, 0x2000000, 010000000)

/*
 * fcntl() commands the glue supports. newlib: <sys/_default_fcntl.h>;
 * Linux: <asm-generic/fcntl.h>, <linux/fcntl.h>. The record locks are left
 * out: newlib's struct flock is not Linux's either.
 */
#define XLATE_FCNTL_TABLE(X) \
	X(F_DUPFD, F_DUPFD, 0, 0) \
	X(F_GETFD, F_GETFD, 1, 1) \
	X(F_SETFD, F_SETFD, 2, 2) \
	X(F_GETFL, F_GETFL, 3, 3) \
	X(F_SETFL, F_SETFL, 4, 4) \
	X(F_GETOWN, F_GETOWN, 5, 9) \
	X(F_SETOWN, F_SETOWN, 6, 8) \
	X(F_DUPFD_CLOEXEC, F_DUPFD_CLOEXEC, 14, 1030)

/*
 * The *at() calls: the "current directory" descriptor and the flag bits.
 * newlib: <sys/_default_fcntl.h>; Linux: <linux/fcntl.h>. Linux gives
 * AT_EACCESS and AT_REMOVEDIR the same bit (they belong to different
 * calls), so flags are translated only towards Linux.
 */
#define XLATE_AT_FDCWD_NEWLIB (-2)
#define XLATE_AT_FDCWD_LINUX (-100)
#define XLATE_ATFLAG_TABLE(X) \
	X(AT_EACCESS, AT_EACCESS, 1, 0x200) \
	X(AT_SYMLINK_NOFOLLOW, AT_SYMLINK_NOFOLLOW, 2, 0x100) \
	X(AT_SYMLINK_FOLLOW, AT_SYMLINK_FOLLOW, 4, 0x400) \
	X(AT_REMOVEDIR, AT_REMOVEDIR, 8, 0x200) \
	X(AT_EMPTY_PATH, AT_EMPTY_PATH, 16, 0x1000)

/*
 * Signal numbers. newlib: <sys/signal.h> (its generic list, 1..31);
 * Linux: <asm/signal.h> on x86_64, <asm-generic/signal.h> on riscv64,
 * the same numbers. newlib's SIGEMT and SIGLOST have no Linux signal,
 * Linux's SIGSTKFLT and SIGPWR no newlib one: they translate to 0.
 */
#define XLATE_SIGNAL_TABLE(X) \
	X(SIGHUP, SIGHUP, 1, 1) \
	X(SIGINT, SIGINT, 2, 2) \
	X(SIGQUIT, SIGQUIT, 3, 3) \
	X(SIGILL, SIGILL, 4, 4) \
	X(SIGTRAP, SIGTRAP, 5, 5) \
	X(SIGABRT, SIGABRT, 6, 6) \
	X(SIGFPE, SIGFPE, 8, 8) \
	X(SIGKILL, SIGKILL, 9, 9) \
	X(SIGBUS, SIGBUS, 10, 7) \
	X(SIGSEGV, SIGSEGV, 11, 11) \
	X(SIGSYS, SIGSYS, 12, 31) \
	X(SIGPIPE, SIGPIPE, 13, 13) \
	X(SIGALRM, SIGALRM, 14, 14) \
	X(SIGTERM, SIGTERM, 15, 15) \
	X(SIGURG, SIGURG, 16, 23) \
	X(SIGSTOP, SIGSTOP, 17, 19) \
	X(SIGTSTP, SIGTSTP, 18, 20) \
	X(SIGCONT, SIGCONT, 19, 18) \
	X(SIGCHLD, SIGCHLD, 20, 17) \
	X(SIGTTIN, SIGTTIN, 21, 21) \
	X(SIGTTOU, SIGTTOU, 22, 22) \
	X(SIGIO, SIGIO, 23, 29) \
	X(SIGXCPU, SIGXCPU, 24, 24) \
	X(SIGXFSZ, SIGXFSZ, 25, 25) \
	X(SIGVTALRM, SIGVTALRM, 26, 26) \
	X(SIGPROF, SIGPROF, 27, 27) \
	X(SIGWINCH, SIGWINCH, 28, 28) \
	X(SIGUSR1, SIGUSR1, 30, 10) \
	X(SIGUSR2, SIGUSR2, 31, 12)

/* sigprocmask() operations. newlib: <sys/signal.h>; Linux: <asm/signal.h>. */
#define XLATE_SIGHOW_TABLE(X) \
	X(SIG_BLOCK, SIG_BLOCK, 1, 0) \
	X(SIG_UNBLOCK, SIG_UNBLOCK, 2, 1) \
	X(SIG_SETMASK, SIG_SETMASK, 0, 2)

/*
 * sigaction()'s sa_flags, one bit each. newlib's generic <sys/signal.h>
 * has only SA_NOCLDSTOP; the others are Atlas's additions to it
 * (user/lib/include/sys/signal.h). Linux: <asm/signal.h> on x86_64,
 * <asm-generic/signal.h> on riscv64, the same values. SA_RESTORER is the
 * glue's own business (x86_64) and has no newlib name.
 */
#define XLATE_SAFLAG_TABLE(X) \
	X(SA_NOCLDSTOP, SA_NOCLDSTOP, 0x01, 0x00000001) \
	X(SA_SIGINFO, SA_SIGINFO, 0x02, 0x00000004) \
	X(SA_ONSTACK, SA_ONSTACK, 0x04, 0x08000000) \
	X(SA_RESTART, SA_RESTART, 0x08, 0x10000000) \
	X(SA_NODEFER, SA_NODEFER, 0x10, 0x40000000) \
	X(SA_RESETHAND, SA_RESETHAND, 0x20, 0x80000000) \
	X(SA_NOCLDWAIT, SA_NOCLDWAIT, 0x40, 0x00000002)

/* Clock ids. newlib: <time.h> (the POSIX ones through
 * user/lib/include/time.h); Linux: <linux/time.h>. */
#define XLATE_CLOCK_TABLE(X) \
	X(CLOCK_REALTIME, CLOCK_REALTIME, 1, 0) \
	X(CLOCK_MONOTONIC, CLOCK_MONOTONIC, 4, 1) \
	X(CLOCK_PROCESS_CPUTIME_ID, CLOCK_PROCESS_CPUTIME_ID, 2, 2) \
	X(CLOCK_THREAD_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID, 3, 3) \
	X(CLOCK_MONOTONIC_RAW, CLOCK_MONOTONIC_RAW, 5, 4) \
	X(CLOCK_REALTIME_COARSE, CLOCK_REALTIME_COARSE, 0, 5) \
	X(CLOCK_MONOTONIC_COARSE, CLOCK_MONOTONIC_COARSE, 6, 6) \
	X(CLOCK_BOOTTIME, CLOCK_BOOTTIME, 7, 7)

/*
 * File types in st_mode. newlib: <sys/_default_fcntl.h> via <sys/stat.h>;
 * Linux: <linux/stat.h>. They agree, as do the permission bits; the table
 * is here so that both tests say so.
 */
#define XLATE_FILETYPE_TABLE(X) \
	X(S_IFSOCK, S_IFSOCK, 0140000, 0140000) \
	X(S_IFLNK, S_IFLNK, 0120000, 0120000) \
	X(S_IFREG, S_IFREG, 0100000, 0100000) \
	X(S_IFBLK, S_IFBLK, 0060000, 0060000) \
	X(S_IFDIR, S_IFDIR, 0040000, 0040000) \
	X(S_IFCHR, S_IFCHR, 0020000, 0020000) \
	X(S_IFIFO, S_IFIFO, 0010000, 0010000)
#define XLATE_S_IFMT 0170000

/* --- struct stat ---------------------------------------------------------- */

/* The fields xlate_stat() copies, in no particular order. */
enum xlate_stat_field {
	XS_DEV, XS_INO, XS_MODE, XS_NLINK, XS_UID, XS_GID, XS_RDEV, XS_SIZE,
	XS_BLKSIZE, XS_BLOCKS, XS_ATIME, XS_ATIME_NSEC, XS_MTIME,
	XS_MTIME_NSEC, XS_CTIME, XS_CTIME_NSEC, XS_NFIELDS
};

/* Where one field sits in a struct: byte offset, width, signedness. */
struct xlate_field {
	uint16_t off;
	uint8_t size;
	uint8_t is_signed;
};

/* A struct stat layout: its size and every field's place. */
struct xlate_stat_layout {
	const char *name;
	size_t size;
	struct xlate_field f[XS_NFIELDS];
};

/*
 * The layouts, as X(field, member, offset, size, signed).
 *
 * newlib (<sys/stat.h>, the same on x86_64 and riscv64): 104 bytes, with a
 * 16-bit dev_t, ino_t, nlink_t, uid_t and gid_t. Wider Linux values are
 * cut to fit (an inode number above 65535 is reported modulo 65536).
 */
#define XLATE_STAT_NEWLIB(X) \
	X(XS_DEV, st_dev, 0, 2, 1) \
	X(XS_INO, st_ino, 2, 2, 0) \
	X(XS_MODE, st_mode, 4, 4, 0) \
	X(XS_NLINK, st_nlink, 8, 2, 0) \
	X(XS_UID, st_uid, 10, 2, 0) \
	X(XS_GID, st_gid, 12, 2, 0) \
	X(XS_RDEV, st_rdev, 14, 2, 1) \
	X(XS_SIZE, st_size, 16, 8, 1) \
	X(XS_ATIME, st_atim.tv_sec, 24, 8, 1) \
	X(XS_ATIME_NSEC, st_atim.tv_nsec, 32, 8, 1) \
	X(XS_MTIME, st_mtim.tv_sec, 40, 8, 1) \
	X(XS_MTIME_NSEC, st_mtim.tv_nsec, 48, 8, 1) \
	X(XS_CTIME, st_ctim.tv_sec, 56, 8, 1) \
	X(XS_CTIME_NSEC, st_ctim.tv_nsec, 64, 8, 1) \
	X(XS_BLKSIZE, st_blksize, 72, 8, 1) \
	X(XS_BLOCKS, st_blocks, 80, 8, 1)
#define XLATE_STAT_NEWLIB_SIZE 104

/* Linux x86_64, <asm/stat.h>: 144 bytes. */
#define XLATE_STAT_LINUX_X86_64(X) \
	X(XS_DEV, st_dev, 0, 8, 0) \
	X(XS_INO, st_ino, 8, 8, 0) \
	X(XS_NLINK, st_nlink, 16, 8, 0) \
	X(XS_MODE, st_mode, 24, 4, 0) \
	X(XS_UID, st_uid, 28, 4, 0) \
	X(XS_GID, st_gid, 32, 4, 0) \
	X(XS_RDEV, st_rdev, 40, 8, 0) \
	X(XS_SIZE, st_size, 48, 8, 1) \
	X(XS_BLKSIZE, st_blksize, 56, 8, 1) \
	X(XS_BLOCKS, st_blocks, 64, 8, 1) \
	X(XS_ATIME, st_atime, 72, 8, 1) \
	X(XS_ATIME_NSEC, st_atime_nsec, 80, 8, 1) \
	X(XS_MTIME, st_mtime, 88, 8, 1) \
	X(XS_MTIME_NSEC, st_mtime_nsec, 96, 8, 1) \
	X(XS_CTIME, st_ctime, 104, 8, 1) \
	X(XS_CTIME_NSEC, st_ctime_nsec, 112, 8, 1)
#define XLATE_STAT_LINUX_X86_64_SIZE 144

/* Linux's generic layout, <asm-generic/stat.h>, used by riscv64: 128 bytes. */
#define XLATE_STAT_LINUX_GENERIC(X) \
	X(XS_DEV, st_dev, 0, 8, 0) \
	X(XS_INO, st_ino, 8, 8, 0) \
	X(XS_MODE, st_mode, 16, 4, 0) \
	X(XS_NLINK, st_nlink, 20, 4, 0) \
	X(XS_UID, st_uid, 24, 4, 0) \
	X(XS_GID, st_gid, 28, 4, 0) \
	X(XS_RDEV, st_rdev, 32, 8, 0) \
	X(XS_SIZE, st_size, 48, 8, 1) \
	X(XS_BLKSIZE, st_blksize, 56, 4, 1) \
	X(XS_BLOCKS, st_blocks, 64, 8, 1) \
	X(XS_ATIME, st_atime, 72, 8, 1) \
	X(XS_ATIME_NSEC, st_atime_nsec, 80, 8, 1) \
	X(XS_MTIME, st_mtime, 88, 8, 1) \
	X(XS_MTIME_NSEC, st_mtime_nsec, 96, 8, 1) \
	X(XS_CTIME, st_ctime, 104, 8, 1) \
	X(XS_CTIME_NSEC, st_ctime_nsec, 112, 8, 1)
#define XLATE_STAT_LINUX_GENERIC_SIZE 128

extern const struct xlate_stat_layout xlate_stat_newlib;
extern const struct xlate_stat_layout xlate_stat_linux_x86_64;
extern const struct xlate_stat_layout xlate_stat_linux_generic;

/* --- Linux's struct linux_dirent64, what getdents64 returns ------------------ */

/* The same on every arch: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type,
 * then the NUL-terminated name; records are 8-byte aligned. */
#define XLATE_DIRENT64_INO 0
#define XLATE_DIRENT64_OFF 8
#define XLATE_DIRENT64_RECLEN 16
#define XLATE_DIRENT64_TYPE 18
#define XLATE_DIRENT64_NAME 19

/* One record of a getdents64 buffer, decoded. */
struct xlate_dirent {
	uint64_t ino;
	int64_t off;
	unsigned type;		/* DT_*: Atlas's <dirent.h> uses Linux's values */
	const char *name;	/* points into the buffer */
	size_t namelen;
};

/* --- the functions (user/lib/translate.c) ---------------------------------- */

int xlate_errno_from_linux(int linux_errno);
int xlate_errno_to_linux(int newlib_errno);
long xlate_oflags_to_linux(int newlib_flags);
int xlate_oflags_from_linux(long linux_flags);
int xlate_fcntl_cmd_to_linux(int newlib_cmd);
int xlate_atfd_to_linux(int newlib_dirfd);
int xlate_atflags_to_linux(int newlib_flags);
int xlate_signal_to_linux(int newlib_sig);
int xlate_signal_from_linux(int linux_sig);
uint64_t xlate_sigset_to_linux(unsigned long newlib_set);
unsigned long xlate_sigset_from_linux(uint64_t linux_set);
int xlate_sighow_to_linux(int newlib_how);
unsigned long xlate_saflags_to_linux(int newlib_flags);
int xlate_saflags_from_linux(unsigned long linux_flags);
int xlate_wait_status_from_linux(int linux_status);
int xlate_clock_to_linux(int newlib_clock);
unsigned xlate_mode_from_linux(unsigned linux_mode);
void xlate_stat(void *dst, const struct xlate_stat_layout *to,
		const void *src, const struct xlate_stat_layout *from);
size_t xlate_dirent64(const void *buf, size_t len, struct xlate_dirent *out);

#endif
