/*
 * kernel/extable.h - the exception table: where to resume when an
 * instruction that touches user memory faults.
 *
 * A port's uaccess.S records, for every load or store of a user address,
 * the pair (instruction, fixup) in the __ex_table section; kernel.ld
 * collects them between __extable_start and __extable_end. When such an
 * instruction faults and the page-fault handler cannot map the page,
 * kernel_trap() resumes at the fixup instead of panicking, and the copy
 * routine returns what it could not copy.
 */
#ifndef ATLAS_EXTABLE_H
#define ATLAS_EXTABLE_H

#include "kernel/types.h"

struct extable_entry {
	uintptr_t insn;		/* the instruction that may fault */
	uintptr_t fixup;	/* where to go instead */
};

/* extable_fixup() is the fixup for a fault at @pc, or 0 if it has none. */
uintptr_t extable_fixup(uintptr_t pc);

#endif
