/*
 * kernel/ktest.h - in-kernel tests, reported in KTAP on the console.
 *
 * A test case is a function registered with KTEST(suite, name); it lives in
 * a *_test.c file beside the code it tests. The kernel command line picks
 * suites: ktest=all, or ktest=buddy,pmap. Output:
 *
 *   KTAP version 1
 *   1..12
 *   # suite buddy
 *   ok 1 buddy.split_gives_two_buddies
 *   not ok 2 buddy.merge_restores_order # mm/buddy_test.c:40: free == before
 *
 * KT_EXPECT() records a failure and carries on; KT_ASSERT() records it and
 * ends the case. Names read as a sentence of the spec.
 */
#ifndef ATLAS_KTEST_H
#define ATLAS_KTEST_H

#include "kernel/types.h"
#include "kernel/arch.h"

struct ktest_ctx {
	bool failed;
	const char *file;	/* first failure */
	int line;
	const char *what;
};

struct ktest_case {
	const char *suite;
	const char *name;
	void (*fn)(struct ktest_ctx *t);
};

#define KTEST(suite, name)						\
	static void ktest_##suite##_##name(struct ktest_ctx *t);	\
	static const struct ktest_case ktest_case_##suite##_##name	\
		__attribute__((used, section(".ktest"), aligned(8))) =	\
		{ #suite, #name, ktest_##suite##_##name };		\
	static void ktest_##suite##_##name(struct ktest_ctx *t)

void ktest_fail(struct ktest_ctx *t, const char *file, int line, const char *what);

#define KT_EXPECT(cond)							\
	do {								\
		if (!(cond))						\
			ktest_fail(t, __FILE__, __LINE__, #cond);	\
	} while (0)

#define KT_ASSERT(cond)							\
	do {								\
		if (!(cond)) {						\
			ktest_fail(t, __FILE__, __LINE__, #cond);	\
			return;						\
		}							\
	} while (0)

/*
 * ktest_uread() and ktest_uwrite() touch a byte at a user address of the
 * current address space from the kernel, with the user-access window
 * open: a first touch takes a real page fault, as user code would.
 */
static inline uint8_t ktest_uread(vaddr_t va)
{
	uint8_t v;

	arch_user_access_begin();
	v = *(volatile uint8_t *)va;
	arch_user_access_end();
	return v;
}

static inline void ktest_uwrite(vaddr_t va, uint8_t v)
{
	arch_user_access_begin();
	*(volatile uint8_t *)va = v;
	arch_user_access_end();
}

/*
 * ktest_run() runs the suites named in @spec ("all" or a comma list) and
 * returns the number of failed cases, or -EINVAL if @spec names a suite
 * that does not exist (after printing which).
 */
int ktest_run(const char *spec);

/*
 * For trap tests: trap_expect() arms kernel_trap() to accept one trap of
 * @kind and resume after the instruction; trap_expect_hits() says how many
 * expected traps were taken since, and trap_expect_clear() disarms.
 */
struct trap_info;
void trap_expect(int kind);
int trap_expect_hits(void);
void trap_expect_clear(void);
/* The last expected trap, as the port reported it. */
const struct trap_info *trap_expect_last(void);

#endif
