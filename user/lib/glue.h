/*
 * user/lib/glue.h - what the newlib glue's files share (private to
 * user/lib/: glue.c, glue_fs.c, dirent.c).
 *
 * Include it after newlib's <errno.h>.
 */
#ifndef ATLAS_USER_GLUE_H
#define ATLAS_USER_GLUE_H

#include <stddef.h>

#include "syscall.h"
#include "translate.h"

/* Spell back end @name also as _@name: newlib's libc.a calls the plain
 * names on x86_64 and the underscored ones on riscv64. */
#define GLUE_ALIAS(name) extern __typeof__(name) _##name __attribute__((alias(#name), copy(name)))

/* System calls with fewer arguments; unused registers are passed as 0. */
#define sys0(n)			syscall6((n), 0, 0, 0, 0, 0, 0)
#define sys1(n, a)		syscall6((n), (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b)		syscall6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c)	syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d)	syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define sys5(n, a, b, c, d, e)	\
	syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* Linux's values the glue needs by themselves (<linux/fcntl.h>,
 * <asm/signal.h>, and USER_HZ, the unit of times()). */
#define LINUX_AT_FDCWD			XLATE_AT_FDCWD_LINUX
#define LINUX_AT_REMOVEDIR		0x200
#define LINUX_SIGCHLD			17
#define LINUX_USER_HZ			100

/* sys_result() turns a raw kernel result into newlib's convention:
 * -errno becomes errno (newlib's value) and -1; anything else stays. */
static inline long sys_result(long r)
{
	if (r < 0 && r > -4096) {
		errno = xlate_errno_from_linux((int)-r);
		return -1;
	}
	return r;
}

/* glue_getdents64() reads directory records (Linux's linux_dirent64)
 * from @fd into @buf; returns the bytes read, 0 at the end, or -1. */
long glue_getdents64(int fd, void *buf, size_t len);

#endif
