/*
 * kernel/trap_test.c - in-kernel tests of trap handling and symbolization.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"

KTEST(trap, breakpoint_is_caught_and_reported)
{
	const struct trap_info *ti;
	uintptr_t off;

	trap_expect(TRAP_BREAKPOINT);
	arch_test_breakpoint();
	trap_expect_clear();
	KT_ASSERT(trap_expect_hits() == 1);
	ti = trap_expect_last();
	KT_EXPECT(ti->kind == TRAP_BREAKPOINT);
	KT_EXPECT(ti->next_pc > ti->pc);
	KT_EXPECT(strcmp(ksym_lookup(ti->pc, &off), "arch_test_breakpoint") == 0);
}

KTEST(trap, illegal_instruction_is_caught_and_reported)
{
	const struct trap_info *ti;
	uintptr_t off;

	trap_expect(TRAP_ILLEGAL_INSN);
	arch_test_illegal_insn();
	trap_expect_clear();
	KT_ASSERT(trap_expect_hits() == 1);
	ti = trap_expect_last();
	KT_EXPECT(ti->kind == TRAP_ILLEGAL_INSN);
	KT_EXPECT(strcmp(ksym_lookup(ti->pc, &off), "arch_test_illegal_insn") == 0);
}

KTEST(trap, symbol_lookup_names_kernel_functions)
{
	uintptr_t off = 1;
	const char *name = ksym_lookup((uintptr_t)kmain, &off);

	KT_ASSERT(name != NULL);
	KT_EXPECT(strcmp(name, "kmain") == 0);
	KT_EXPECT(off == 0);
	name = ksym_lookup((uintptr_t)ksym_lookup + 4, &off);
	KT_ASSERT(name != NULL);
	KT_EXPECT(strcmp(name, "ksym_lookup") == 0);
	KT_EXPECT(off == 4);
	KT_EXPECT(ksym_lookup(0x1000, &off) == NULL);
}

/* Kept out of line so that it has a frame of its own to unwind through. */
static __attribute__((noinline)) int unwind_depth(void)
{
	uintptr_t fp = (uintptr_t)__builtin_frame_address(0), pc;
	int depth = 0;
	bool saw_kmain = false;

	while (arch_unwind(&fp, &pc) && depth < 64) {
		const char *name = ksym_lookup(pc, NULL);

		if (name && strcmp(name, "kmain") == 0)
			saw_kmain = true;
		depth++;
	}
	return saw_kmain ? depth : -1;
}

KTEST(trap, backtrace_unwinds_up_to_kmain)
{
	KT_EXPECT(unwind_depth() >= 3);
}
