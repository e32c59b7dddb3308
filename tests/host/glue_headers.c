/*
 * tests/host/glue_headers.c - the values of Atlas's user headers, for
 * glue_test.c to compare with Linux's (see glue_abi.h).
 */
#include "user/lib/include/sys/mman.h"
#include "user/lib/include/sys/mount.h"
#include "user/lib/include/sys/ioctl.h"
#include "user/lib/include/sys/auxv.h"
#include "user/lib/include/dirent.h"

#include "glue_abi.h"

const struct glue_value glue_user_header_values[] = {
	GLUE_USER_HEADER_NAMES(GLUE_VALUE)
};
const size_t glue_user_header_count =
	sizeof(glue_user_header_values) / sizeof(glue_user_header_values[0]);
