/*
 * user/lib/include/time.h - newlib's <time.h>, plus the POSIX clocks
 * newlib defines only for the systems it knows have them.
 *
 * These are newlib's values for them (the ones its <time.h> would use);
 * the glue translates clock ids to Linux's (user/lib/translate.h). The
 * clock functions newlib declares only with _POSIX_TIMERS are declared
 * here too; the glue implements them.
 */
#ifndef ATLAS_USER_TIME_H
#define ATLAS_USER_TIME_H

#include_next <time.h>

#ifndef CLOCK_PROCESS_CPUTIME_ID
#define CLOCK_PROCESS_CPUTIME_ID ((clockid_t) 2)
#endif
#ifndef CLOCK_THREAD_CPUTIME_ID
#define CLOCK_THREAD_CPUTIME_ID	((clockid_t) 3)
#endif
#ifndef CLOCK_MONOTONIC
#define CLOCK_MONOTONIC		((clockid_t) 4)
#endif

#ifndef _POSIX_TIMERS
int clock_gettime(clockid_t clock_id, struct timespec *tp);
int clock_getres(clockid_t clock_id, struct timespec *res);
int nanosleep(const struct timespec *rqtp, struct timespec *rmtp);
#endif

#endif
