/*
 * kernel/fault_inject.h - named failure points, to test error paths.
 *
 * Every step that can fail for lack of memory asks should_fail("name")
 * first; a test arms a point to make its next hits fail, and checks that
 * the code around it undoes everything. Points are declared once, in the
 * table in kernel/fault_inject.c, so that tests and (later)
 * /proc/sys/debug/fault_inject can list them.
 *
 * This header includes nothing of the kernel's, so host tests compile it.
 */
#ifndef ATLAS_FAULT_INJECT_H
#define ATLAS_FAULT_INJECT_H

#include <stdbool.h>
#include <stdint.h>

/*
 * should_fail() is true when @point is armed; each true answer uses up one
 * of the armed count. Every call counts as a hit. An unknown name is a bug
 * and is never armed.
 */
bool should_fail(const char *point);

/*
 * fault_inject_arm() makes the next @count hits of @point fail, after
 * letting @skip hits through. Returns 0, or -EINVAL for an unknown point.
 */
int fault_inject_arm(const char *point, unsigned skip, unsigned count);

/* fault_inject_disarm_all() clears every point and its hit counter. */
void fault_inject_disarm_all(void);

/* The hits and injected failures of @point since it was last cleared. */
uint64_t fault_inject_hits(const char *point);
uint64_t fault_inject_failures(const char *point);

/* fault_inject_nth() names the @i-th point, or NULL past the last. */
const char *fault_inject_nth(unsigned i);

#endif
