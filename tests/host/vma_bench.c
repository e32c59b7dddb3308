/*
 * tests/host/vma_bench.c - how the VMA tree scales (make bench-host).
 *
 * For trees of 10^3 to 10^6 VMAs at random addresses it measures three
 * operations, as tree nodes visited per operation (the tree counts them in
 * t->visits) and as nanoseconds per operation:
 *
 *   find            the VMA containing (or after) a random address
 *   insert+remove   insert a new VMA into a free slot, then remove it
 *                   (nodes are counted per operation: the pair / 2)
 *   gap (top-down)  a 2 MiB-aligned gap search in a densely packed tree
 *                   whose only large enough gap sits at a random place
 *
 * The bound to stay under is 2 * log2(n) + 8 visits per operation. Built
 * with -O2 and no sanitizers; vma_tree_check() is never called here.
 */
#include "mm/vma.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define PG 4096ul
#define SLOT_PAGES 8ul

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static unsigned long long rnd64(void)
{
	return ((unsigned long long)rand() << 31) ^ (unsigned long long)rand();
}

struct result {
	double visits_avg, visits_max, ns;
};

/* A tree of n VMAs, each in its own slot chosen at random from 4n slots. */
static struct vma_node *build_random(struct vma_tree *t, size_t n, unsigned char **used_out,
				     size_t *slots_out)
{
	size_t slots = 4 * n;
	unsigned char *used = calloc(slots, 1);
	struct vma_node *nodes = calloc(n + 1, sizeof(*nodes));

	vma_tree_init(t);
	for (size_t i = 0; i < n; i++) {
		size_t s;

		do
			s = rnd64() % slots;
		while (used[s]);
		used[s] = 1;
		nodes[i].start = 0x10000000ul + s * SLOT_PAGES * PG;
		nodes[i].end = nodes[i].start + (1 + rnd64() % SLOT_PAGES) * PG;
		vma_tree_insert(t, &nodes[i]);
	}
	*used_out = used;
	*slots_out = slots;
	return nodes;
}

static struct result bench_find(struct vma_tree *t, size_t slots, int ops)
{
	struct result r = { 0, 0, 0 };
	double t0 = now_ns();
	uint64_t total = 0;

	for (int i = 0; i < ops; i++) {
		uint64_t before = t->visits;
		uintptr_t addr = 0x10000000ul + (rnd64() % (slots * SLOT_PAGES)) * PG;

		vma_tree_find(t, addr);
		total += t->visits - before;
		if (t->visits - before > r.visits_max)
			r.visits_max = (double)(t->visits - before);
	}
	r.ns = (now_ns() - t0) / ops;
	r.visits_avg = (double)total / ops;
	return r;
}

static struct result bench_insert_remove(struct vma_tree *t, unsigned char *used, size_t slots,
					 int ops)
{
	struct result r = { 0, 0, 0 };
	struct vma_node extra;
	uint64_t total = 0;
	double t0 = now_ns();

	for (int i = 0; i < ops; i++) {
		size_t s;
		uint64_t before, v;

		do
			s = rnd64() % slots;
		while (used[s]);
		extra.start = 0x10000000ul + s * SLOT_PAGES * PG;
		extra.end = extra.start + PG;
		before = t->visits;
		vma_tree_insert(t, &extra);
		vma_tree_remove(t, &extra);
		v = t->visits - before;
		total += v;
		if (v / 2.0 > r.visits_max)
			r.visits_max = v / 2.0;
	}
	r.ns = (now_ns() - t0) / ops / 2;
	r.visits_avg = (double)total / ops / 2;
	return r;
}

/* Packs n VMAs with small gaps, leaves one 4 MiB hole at a random place. */
static struct result bench_gap(size_t n, int ops)
{
	struct vma_tree t;
	struct vma_node *nodes = calloc(n, sizeof(*nodes));
	struct result r = { 0, 0, 0 };
	size_t hole = rnd64() % n;
	uintptr_t addr = 0x10000000ul, found;
	uint64_t total = 0;
	double t0;

	vma_tree_init(&t);
	for (size_t i = 0; i < n; i++) {
		addr += (i == hole ? 1024 : 1 + rnd64() % 3) * PG;
		nodes[i].start = addr;
		nodes[i].end = addr + (1 + rnd64() % 4) * PG;
		addr = nodes[i].end;
		vma_tree_insert(&t, &nodes[i]);
	}
	t0 = now_ns();
	for (int i = 0; i < ops; i++) {
		uint64_t before = t.visits, v;
		size_t len = (1 + rnd64() % 16) * PG;

		if (!vma_tree_find_gap(&t, 0x10000000ul, addr, len, 0x200000, true, &found)) {
			fprintf(stderr, "bench: the gap was not found\n");
			exit(1);
		}
		v = t.visits - before;
		total += v;
		if (v > r.visits_max)
			r.visits_max = (double)v;
	}
	r.ns = (now_ns() - t0) / ops;
	r.visits_avg = (double)total / ops;
	free(nodes);
	return r;
}

int main(void)
{
	static const size_t sizes[] = { 1000, 10000, 100000, 1000000 };

	srand(getenv("SEED") ? (unsigned)atoi(getenv("SEED")) : 42);
	printf("VMA tree benchmark: nodes visited per operation (average / worst) and ns per "
	       "operation\n");
	printf("%9s %6s %7s | %-22s | %-22s | %-22s\n", "n", "height", "bound",
	       "find", "insert+remove", "gap top-down 2M");
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i], slots;
		unsigned char *used;
		struct vma_tree t;
		struct vma_node *nodes = build_random(&t, n, &used, &slots);
		double bound = 2 * log2((double)n) + 8;
		struct result f = bench_find(&t, slots, 200000);
		struct result ir = bench_insert_remove(&t, used, slots, 200000);
		struct result g = bench_gap(n, 20000);
		bool ok = f.visits_max <= bound && ir.visits_max <= bound && g.visits_max <= bound;

		printf("%9zu %6d %7.1f | %5.1f / %4.0f %7.0f ns | %5.1f / %4.0f %7.0f ns | "
		       "%5.1f / %4.0f %7.0f ns %s\n",
		       n, t.root->height, bound, f.visits_avg, f.visits_max, f.ns,
		       ir.visits_avg, ir.visits_max, ir.ns, g.visits_avg, g.visits_max, g.ns,
		       ok ? "" : " OVER THE BOUND");
		free(used);
		free(nodes);
	}
	return 0;
}
