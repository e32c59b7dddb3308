/*
 * kernel/uaccess.c - the portable half of user-memory access: range
 * checks around the port's copy routines (arch_copy_user() and
 * arch_strncpy_user() in arch/<arch>/uaccess.S).
 */
#include "kernel/uaccess.h"
#include "kernel/arch.h"
#include "kernel/kernel.h"

bool access_ok(uintptr_t addr, size_t n)
{
	return addr < USER_TOP && n <= USER_TOP - addr;
}

int copy_from_user(void *dst, const void *usrc, size_t n)
{
	if (!access_ok((uintptr_t)usrc, n))
		return -EFAULT;
	return arch_copy_user(dst, usrc, n) ? -EFAULT : 0;
}

int copy_to_user(void *udst, const void *src, size_t n)
{
	if (!access_ok((uintptr_t)udst, n))
		return -EFAULT;
	return arch_copy_user(udst, src, n) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, const char *usrc, size_t n)
{
	bool clamped = false;
	long len;

	if (n == 0)
		return -ENAMETOOLONG;
	/* Never read past the end of the user half. */
	if ((uintptr_t)usrc >= USER_TOP)
		return -EFAULT;
	if (n > USER_TOP - (uintptr_t)usrc) {
		n = USER_TOP - (uintptr_t)usrc;
		clamped = true;
	}
	len = arch_strncpy_user(dst, usrc, n);
	if (len < 0)
		return len;
	if ((size_t)len >= n)
		return clamped ? -EFAULT : -ENAMETOOLONG;	/* the next byte is not user memory */
	return len;
}
