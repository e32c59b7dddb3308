/*
 * user/lib/include/fcntl.h - newlib's <fcntl.h>, plus the open() flags
 * Atlas programs use that newlib leaves to Cygwin.
 *
 * Like all of newlib's constants these are newlib-side values: the glue
 * turns them into Linux's at the system call (user/lib/translate.h).
 */
#ifndef ATLAS_USER_FCNTL_H
#define ATLAS_USER_FCNTL_H

#include_next <fcntl.h>

#ifndef O_NOATIME
#define O_NOATIME	0x1000000	/* Cygwin's _FNOATIME bit */
#endif
#ifndef O_PATH
#define O_PATH		0x2000000	/* Cygwin's _FPATH bit */
#endif

#endif
