/*
 * user/lib/include/sys/dirent.h - replaces newlib's #error stub; the
 * declarations are in Atlas's <dirent.h>.
 */
#include <dirent.h>
