/*
 * kernel/fault_inject.c - the table of failure points and their state.
 *
 * Adding a failable step: add its name to the table below, call
 * should_fail("its.name") right before the allocation (or other step) it
 * stands for, and treat a true answer exactly like the real failure.
 */
#include "kernel/fault_inject.h"
#include "kernel/kernel.h"

struct fault_point {
	const char *name;
	const char *what;		/* the step that fails */
	unsigned skip;			/* hits to let through first */
	unsigned armed;			/* hits to fail after that */
	uint64_t hits;
	uint64_t failures;
};

static struct fault_point points[] = {
	{ .name = "mmap.vma_alloc", .what = "allocating the new VMA in do_mmap()" },
	{ .name = "mmap.tree_prealloc", .what = "allocating the new VMA's tree node" },
	{ .name = "mmap.split_alloc", .what = "allocating the VMAs a MAP_FIXED split leaves" },
	{ .name = "mmap.file_link", .what = "allocating the link to the file's mapping list" },
	{ .name = "mmap.complete", .what = "treating a successful mmap_complete as failed" },
	{ .name = "vma.split_alloc", .what = "allocating a split for munmap or mprotect" },
	{ .name = "fork.vma_alloc", .what = "allocating a VMA's copy in fork()" },
	{ .name = "fault.page_alloc", .what = "allocating a page in the fault handler" },
	{ .name = "fault.pgtable", .what = "allocating a page-table page in the fault handler" },
	{ .name = "pagecache.node_alloc", .what = "allocating a page-cache tree node" },
};

static struct fault_point *find(const char *name)
{
	for (unsigned i = 0; i < ARRAY_SIZE(points); i++)
		if (strcmp(points[i].name, name) == 0)
			return &points[i];
	return NULL;
}

bool should_fail(const char *point)
{
	struct fault_point *p = find(point);

	if (!p)
		return false;
	p->hits++;
	if (p->skip) {
		p->skip--;
		return false;
	}
	if (!p->armed)
		return false;
	p->armed--;
	p->failures++;
	return true;
}

int fault_inject_arm(const char *point, unsigned skip, unsigned count)
{
	struct fault_point *p = find(point);

	if (!p)
		return -EINVAL;
	p->skip = skip;
	p->armed = count;
	return 0;
}

void fault_inject_disarm_all(void)
{
	for (unsigned i = 0; i < ARRAY_SIZE(points); i++) {
		points[i].skip = 0;
		points[i].armed = 0;
		points[i].hits = 0;
		points[i].failures = 0;
	}
}

uint64_t fault_inject_hits(const char *point)
{
	struct fault_point *p = find(point);

	return p ? p->hits : 0;
}

uint64_t fault_inject_failures(const char *point)
{
	struct fault_point *p = find(point);

	return p ? p->failures : 0;
}

const char *fault_inject_nth(unsigned i)
{
	return i < ARRAY_SIZE(points) ? points[i].name : NULL;
}
