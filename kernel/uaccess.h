/*
 * kernel/uaccess.h - copying to and from user memory.
 *
 * Every pointer a system call receives goes through these. A pointer
 * outside the user half, or to memory that cannot be mapped, gives
 * -EFAULT; never a panic.
 */
#ifndef ATLAS_UACCESS_H
#define ATLAS_UACCESS_H

#include "kernel/types.h"

/* access_ok() is true when [addr, addr + n) lies inside the user half. */
bool access_ok(uintptr_t addr, size_t n);

/* copy_from_user() and copy_to_user(): 0, or -EFAULT if any byte failed. */
int copy_from_user(void *dst, const void *usrc, size_t n);
int copy_to_user(void *udst, const void *src, size_t n);

/*
 * strncpy_from_user() copies a NUL-terminated string of at most @n bytes
 * (NUL included) into @dst. Returns its length, -ENAMETOOLONG if it does
 * not fit, or -EFAULT.
 */
long strncpy_from_user(char *dst, const char *usrc, size_t n);

#endif
