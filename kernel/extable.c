/*
 * kernel/extable.c - looking up the exception table (kernel/extable.h).
 *
 * The table is small (a few entries per copy routine), so a linear search
 * is enough and needs no sorting at link time.
 */
#include "kernel/extable.h"

extern const struct extable_entry __extable_start[], __extable_end[];

uintptr_t extable_fixup(uintptr_t pc)
{
	for (const struct extable_entry *e = __extable_start; e < __extable_end; e++)
		if (e->insn == pc)
			return e->fixup;
	return 0;
}
