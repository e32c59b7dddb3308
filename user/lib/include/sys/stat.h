/*
 * user/lib/include/sys/stat.h - newlib's <sys/stat.h>, plus lstat(),
 * which newlib declares only for a few targets. The glue implements it.
 */
#ifndef ATLAS_USER_SYS_STAT_H
#define ATLAS_USER_SYS_STAT_H

#include_next <sys/stat.h>

int lstat(const char *__restrict path, struct stat *__restrict buf);

#endif
