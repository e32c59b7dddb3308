/*
 * user/lib/include/time.h - newlib's <time.h>, plus the POSIX clocks
 * newlib defines only for the systems it knows have them.
 *
 * These are newlib's values for them (the ones its <time.h> would use);
 * the glue translates clock ids to Linux's (user/lib/translate.h).
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

#endif
