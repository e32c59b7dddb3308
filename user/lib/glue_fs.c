/*
 * user/lib/glue_fs.c - newlib's file back ends, over Linux's ABI.
 *
 * The same rules as glue.c: newlib's flags and struct stat are
 * translated (user/lib/translate.c), -errno becomes errno and -1, and
 * every back end newlib's libc.a calls has both spellings. Paths go
 * through the *at() calls, the only ones riscv64's table has.
 */
#define _GNU_SOURCE		/* AT_EMPTY_PATH, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glue.h"

/* ---- descriptors --------------------------------------------------------------- */

/* openat() opens @path relative to @dirfd with newlib's @flags; the mode
 * argument is read only when a file may be created. */
int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return sys_result(sys4(SYS_openat, xlate_atfd_to_linux(dirfd), path,
			       xlate_oflags_to_linux(flags), mode));
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return openat(AT_FDCWD, path, flags, mode);
}
GLUE_ALIAS(open);

int close(int fd)
{
	return sys_result(sys1(SYS_close, fd));
}
GLUE_ALIAS(close);

_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t n)
{
	return sys_result(sys3(SYS_read, fd, buf, n));
}
GLUE_ALIAS(read);

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t n)
{
	return sys_result(sys3(SYS_write, fd, buf, n));
}
GLUE_ALIAS(write);

/* pread() and pwrite() transfer at @offset without moving the file offset. */
ssize_t pread(int fd, void *buf, size_t n, off_t offset)
{
	return sys_result(sys4(SYS_pread64, fd, buf, n, offset));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset)
{
	return sys_result(sys4(SYS_pwrite64, fd, buf, n, offset));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return sys_result(sys3(SYS_lseek, fd, offset, whence));
}
GLUE_ALIAS(lseek);

int ftruncate(int fd, off_t length)
{
	return sys_result(sys2(SYS_ftruncate, fd, length));
}

int dup(int fd)
{
	return sys_result(sys1(SYS_dup, fd));
}

/* dup2() is dup3() except when the two are equal: then it only checks
 * that @oldfd is open (dup3 would say EINVAL). */
int dup2(int oldfd, int newfd)
{
	if (oldfd == newfd)
		return fcntl(oldfd, F_GETFD) < 0 ? -1 : newfd;
	return sys_result(sys3(SYS_dup3, oldfd, newfd, 0));
}

int pipe2(int fds[2], int flags)
{
	return sys_result(sys2(SYS_pipe2, fds, xlate_oflags_to_linux(flags)));
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

/* fcntl() supports the commands of XLATE_FCNTL_TABLE; the file status
 * flags of F_GETFL and F_SETFL are translated, record locks are not
 * supported (EINVAL). */
int fcntl(int fd, int cmd, ...)
{
	int lcmd = xlate_fcntl_cmd_to_linux(cmd);
	long arg;
	long r;
	va_list ap;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	if (lcmd < 0) {
		errno = EINVAL;
		return -1;
	}
	if (cmd == F_SETFL)
		arg = xlate_oflags_to_linux((int)arg);
	r = sys_result(sys3(SYS_fcntl, fd, lcmd, arg));
	if (cmd == F_GETFL && r >= 0)
		r = xlate_oflags_from_linux(r);
	return r;
}
GLUE_ALIAS(fcntl);

int ioctl(int fd, unsigned long request, ...)
{
	void *arg;
	va_list ap;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	return sys_result(sys3(SYS_ioctl, fd, request, arg));
}

/* isatty() asks for the terminal settings (TCGETS): only a terminal has
 * them. Returns 1 or 0 (errno ENOTTY or EBADF). */
int isatty(int fd)
{
	unsigned char termios[64];	/* Linux's struct termios is 36 bytes */

	return sys_result(sys3(SYS_ioctl, fd, TCGETS, termios)) == 0;
}
GLUE_ALIAS(isatty);

long glue_getdents64(int fd, void *buf, size_t len)
{
	return sys_result(sys3(SYS_getdents64, fd, buf, len));
}

/* ---- struct stat ---------------------------------------------------------------- */

/* Big enough and aligned for either Linux struct stat (144 or 128 bytes). */
struct linux_stat_buf {
	uint64_t words[XLATE_STAT_LINUX_X86_64_SIZE / 8];
};
_Static_assert(XLATE_STAT_LINUX_GENERIC_SIZE <= sizeof(struct linux_stat_buf), "stat buffer");

/* stat_result() finishes a stat call: on success Linux's struct stat in
 * @kst is translated into newlib's @st. */
static int stat_result(long r, const struct linux_stat_buf *kst, struct stat *st)
{
	if (sys_result(r) < 0)
		return -1;
	xlate_stat(st, &xlate_stat_newlib, kst, &LINUX_STAT_LAYOUT);
	return 0;
}

int fstat(int fd, struct stat *st)
{
	struct linux_stat_buf kst;

	return stat_result(sys2(SYS_fstat, fd, &kst), &kst, st);
}
GLUE_ALIAS(fstat);

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
	struct linux_stat_buf kst;

	return stat_result(sys4(SYS_newfstatat, xlate_atfd_to_linux(dirfd), path, &kst,
				xlate_atflags_to_linux(flags)), &kst, st);
}

int stat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}
GLUE_ALIAS(stat);

int lstat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

/* ---- names --------------------------------------------------------------------- */

int mkdir(const char *path, mode_t mode)
{
	return sys_result(sys3(SYS_mkdirat, LINUX_AT_FDCWD, path, mode));
}
GLUE_ALIAS(mkdir);

int rmdir(const char *path)
{
	return sys_result(sys3(SYS_unlinkat, LINUX_AT_FDCWD, path, LINUX_AT_REMOVEDIR));
}

int unlink(const char *path)
{
	return sys_result(sys3(SYS_unlinkat, LINUX_AT_FDCWD, path, 0));
}
GLUE_ALIAS(unlink);

int link(const char *oldpath, const char *newpath)
{
	return sys_result(sys5(SYS_linkat, LINUX_AT_FDCWD, oldpath, LINUX_AT_FDCWD, newpath, 0));
}
GLUE_ALIAS(link);

/* rename() replaces newlib's link-then-unlink emulation with the real,
 * atomic call (which also renames directories). */
int rename(const char *oldpath, const char *newpath)
{
	return sys_result(sys5(SYS_renameat2, LINUX_AT_FDCWD, oldpath, LINUX_AT_FDCWD, newpath, 0));
}

/* symlink() makes @newpath a symbolic link holding the text @target. */
int symlink(const char *target, const char *newpath)
{
	return sys_result(sys3(SYS_symlinkat, target, LINUX_AT_FDCWD, newpath));
}
GLUE_ALIAS(symlink);

/* readlink() copies the target of link @path into @buf, not terminated;
 * returns its length (cut to @size). */
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	return sys_result(sys4(SYS_readlinkat, LINUX_AT_FDCWD, path, buf, size));
}
GLUE_ALIAS(readlink);

int access(const char *path, int mode)
{
	return sys_result(sys4(SYS_faccessat, LINUX_AT_FDCWD, path, mode, 0));
}

int chdir(const char *path)
{
	return sys_result(sys1(SYS_chdir, path));
}

/* getcwd() returns @buf holding the current directory; with a NULL @buf
 * it allocates one (@size bytes, or as many as needed if @size is 0). */
char *getcwd(char *buf, size_t size)
{
	char *mine = NULL;

	if (!buf) {
		size = size ? size : 4096;
		buf = mine = malloc(size);
		if (!buf)
			return NULL;	/* errno is ENOMEM */
	}
	if (sys_result(sys2(SYS_getcwd, buf, size)) < 0) {
		free(mine);
		return NULL;
	}
	return buf;
}

/* ---- mounts --------------------------------------------------------------------- */

int mount(const char *source, const char *target, const char *fstype,
	  unsigned long flags, const void *data)
{
	return sys_result(sys5(SYS_mount, source, target, fstype, flags, data));
}

int umount2(const char *target, int flags)
{
	return sys_result(sys2(SYS_umount2, target, flags));
}

int umount(const char *target)
{
	return umount2(target, 0);
}
