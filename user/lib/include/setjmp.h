/*
 * user/lib/include/setjmp.h - newlib's <setjmp.h>, plus sigsetjmp() and
 * siglongjmp(), which newlib gives only Cygwin and RTEMS. sigsetjmp() with
 * a nonzero @savemask keeps the signal mask, and siglongjmp() (the glue's,
 * user/lib/glue_signal.c) puts it back before it jumps: a handler may
 * leave with it.
 */
#ifndef ATLAS_USER_SETJMP_H
#define ATLAS_USER_SETJMP_H

#include_next <setjmp.h>
#include <signal.h>

typedef struct {
	jmp_buf __jb;
	int __savemask;
	sigset_t __mask;
} sigjmp_buf[1];

/* A macro: setjmp() must be called from the frame it returns to. */
#define sigsetjmp(env, savemask)					\
	((env)->__savemask = (savemask),				\
	 (env)->__savemask ? (void)sigprocmask(SIG_BLOCK, NULL, &(env)->__mask) : (void)0, \
	 setjmp((env)->__jb))

__attribute__((noreturn)) void siglongjmp(sigjmp_buf env, int val);

#endif
