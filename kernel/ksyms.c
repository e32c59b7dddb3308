/*
 * kernel/ksyms.c - names for kernel addresses, for backtraces.
 *
 * The table is generated at link time by tools/gensyms.sh from the
 * kernel's own symbols (see the Makefile's two-pass link) and sorted by
 * address, so a lookup is a binary search.
 */
#include "kernel/kernel.h"
#include "kernel/sections.h"

extern const uint64_t ksyms_count;
extern const uint64_t ksyms_addr[];
extern const uint32_t ksyms_name_off[];
extern const char ksyms_names[];

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	uint64_t lo = 0, hi = ksyms_count;

	if (hi == 0 || addr < ksyms_addr[0] || addr >= (uintptr_t)__text_end)
		return NULL;
	/* Find the last symbol at or below addr. */
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (ksyms_addr[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (offset)
		*offset = addr - ksyms_addr[lo];
	return ksyms_names + ksyms_name_off[lo];
}
