/*
 * tests/host/htest.h - a tiny KTAP test harness for the host unit tests.
 *
 * Each test program compiles real kernel sources with the host compiler
 * (under ASan and UBSan) and defines its cases with HTEST(name). main()
 * (tests/host/htest.c) runs them in order and prints KTAP:
 *
 *   KTAP version 1
 *   1..3
 *   ok 1 buddy_split_gives_two_buddies
 *   not ok 2 buddy_merge_restores_order # buddy.c:120: free == 512
 *
 * A failed CHECK() records the first failure and ends the case.
 */
#ifndef ATLAS_HTEST_H
#define ATLAS_HTEST_H

#include <stdbool.h>
#include <stdio.h>

struct htest {
	const char *name;
	void (*fn)(struct htest *t);
	bool failed;
	char reason[256];
};

void htest_register(struct htest *t);
void htest_fail(struct htest *t, const char *file, int line, const char *what);

#define HTEST(name)							\
	static void name(struct htest *t);				\
	static struct htest htest_##name = { #name, name, false, "" };	\
	__attribute__((constructor)) static void htest_reg_##name(void)	\
	{								\
		htest_register(&htest_##name);				\
	}								\
	static void name(struct htest *t)

/* CHECK() ends the current case when @cond is false. */
#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			htest_fail(t, __FILE__, __LINE__, #cond);	\
			return;						\
		}							\
	} while (0)

#endif
