/*
 * tests/host/vma_test.c - the real mm/vma.c against a reference model.
 *
 * The model is a sorted array of ranges; every operation is applied to
 * both, and after each one vma_tree_check() must pass and the tree must
 * hold exactly the model's ranges. Gap searches are answered by brute
 * force over the model with the same rule (a gap of len + align - 4 KiB).
 * SEED=n replays one run; the seed is printed.
 */
#include "htest.h"
#include "mm/vma.h"

#include <stdlib.h>
#include <string.h>

#define PG 4096ul
#define SPACE_LO 0x10000ul
#define SPACE_HI (SPACE_LO + 4096 * PG)

struct range {
	uintptr_t start, end;
	struct vma_node *node;
};

static struct range model[8192];
static int nmodel;

static unsigned seed_from_env(unsigned dflt)
{
	const char *s = getenv("SEED");

	return s ? (unsigned)strtoul(s, NULL, 0) : dflt;
}

static int model_find(uintptr_t addr)	/* index of first range with end > addr */
{
	int i = 0;

	while (i < nmodel && model[i].end <= addr)
		i++;
	return i;
}

static bool model_overlaps(uintptr_t s, uintptr_t e)
{
	int i = model_find(s);

	return i < nmodel && model[i].start < e;
}

static void model_insert(uintptr_t s, uintptr_t e, struct vma_node *n)
{
	int i = model_find(s);

	memmove(&model[i + 1], &model[i], (nmodel - i) * sizeof(model[0]));
	model[i] = (struct range){ s, e, n };
	nmodel++;
}

static void model_remove(int i)
{
	memmove(&model[i], &model[i + 1], (nmodel - i - 1) * sizeof(model[0]));
	nmodel--;
}

/* The model's answer to a gap search, with the tree's rule. */
static bool model_gap(uintptr_t lo, uintptr_t hi, size_t len, size_t align, bool topdown,
		      uintptr_t *addr)
{
	size_t need = len + (align > PG ? align - PG : 0);
	uintptr_t best_lo = 0, best_hi = 0;
	bool found = false;

	for (int i = 0; i <= nmodel; i++) {
		uintptr_t a = i == 0 ? lo : model[i - 1].end;
		uintptr_t b = i == nmodel ? hi : model[i].start;

		if (a < lo)
			a = lo;
		if (b > hi)
			b = hi;
		if (a >= b || b - a < need)
			continue;
		if (!found || topdown) {
			best_lo = a;
			best_hi = b;
		}
		found = true;
		if (!topdown)
			break;
	}
	if (!found)
		return false;
	*addr = topdown ? (best_hi - len) & ~(align - 1) : (best_lo + align - 1) & ~(align - 1);
	return true;
}

static bool tree_matches_model(struct vma_tree *t)
{
	struct vma_node *n = vma_tree_first(t);

	for (int i = 0; i < nmodel; i++, n = vma_tree_next(n))
		if (!n || n != model[i].node || n->start != model[i].start ||
		    n->end != model[i].end)
			return false;
	return n == NULL && t->count == (size_t)nmodel;
}

static struct vma_node *new_node(uintptr_t s, uintptr_t e)
{
	struct vma_node *n = calloc(1, sizeof(*n));

	n->start = s;
	n->end = e;
	return n;
}

HTEST(vma_tree_empty_is_valid_and_finds_nothing)
{
	struct vma_tree tr;
	uintptr_t a;

	vma_tree_init(&tr);
	CHECK(vma_tree_check(&tr) == 0);
	CHECK(vma_tree_find(&tr, 0x1000) == NULL);
	CHECK(vma_tree_find_gap(&tr, SPACE_LO, SPACE_HI, PG, PG, false, &a) && a == SPACE_LO);
	CHECK(vma_tree_find_gap(&tr, SPACE_LO, SPACE_HI, PG, PG, true, &a) && a == SPACE_HI - PG);
	CHECK(!vma_tree_find_gap(&tr, SPACE_LO, SPACE_HI, SPACE_HI, PG, false, &a));
}

HTEST(vma_tree_find_returns_containing_or_next_range)
{
	struct vma_tree tr;
	struct vma_node *a = new_node(0x10000, 0x20000), *b = new_node(0x40000, 0x41000);

	vma_tree_init(&tr);
	vma_tree_insert(&tr, b);
	vma_tree_insert(&tr, a);
	CHECK(vma_tree_check(&tr) == 0);
	CHECK(vma_tree_find(&tr, 0x0) == a);
	CHECK(vma_tree_find(&tr, 0x1ffff) == a);
	CHECK(vma_tree_find(&tr, 0x20000) == b);
	CHECK(vma_tree_find(&tr, 0x40fff) == b);
	CHECK(vma_tree_find(&tr, 0x41000) == NULL);
	CHECK(vma_tree_find_overlap(&tr, 0x20000, 0x40000) == NULL);
	CHECK(vma_tree_find_overlap(&tr, 0x20000, 0x40001) == b);
	vma_tree_remove(&tr, a);
	vma_tree_remove(&tr, b);
	CHECK(tr.root == NULL && tr.count == 0);
	free(a);
	free(b);
}

HTEST(vma_tree_check_catches_overlap_and_stale_gaps)
{
	struct vma_tree tr;
	struct vma_node *a = new_node(0x10000, 0x20000), *b = new_node(0x30000, 0x40000);

	vma_tree_init(&tr);
	vma_tree_insert(&tr, a);
	vma_tree_insert(&tr, b);
	CHECK(vma_tree_check(&tr) == 0);
	b->start = 0x18000;	/* behind the tree's back: overlap, stale gap */
	CHECK(vma_tree_check(&tr) != 0);
	b->start = 0x30000;
	a->sub_gap = 0x12345;
	CHECK(vma_tree_check(&tr) != 0);
	vma_tree_set_range(&tr, a, 0x10000, 0x20000);
	CHECK(vma_tree_check(&tr) == 0);
	vma_tree_remove(&tr, a);
	vma_tree_remove(&tr, b);
	free(a);
	free(b);
}

HTEST(vma_tree_ascending_inserts_stay_balanced)
{
	enum { N = 4096 };
	static struct vma_node nodes[N];
	struct vma_tree tr;

	vma_tree_init(&tr);
	for (int i = 0; i < N; i++) {
		nodes[i].start = SPACE_LO + 2 * i * PG;
		nodes[i].end = nodes[i].start + PG;
		vma_tree_insert(&tr, &nodes[i]);
	}
	CHECK(vma_tree_check(&tr) == 0);
	CHECK(tr.root->height <= 18);	/* 1.44 log2(4098) is about 17.3 */
	for (int i = 0; i < N; i += 2)
		vma_tree_remove(&tr, &nodes[i]);
	CHECK(vma_tree_check(&tr) == 0);
	CHECK(tr.count == N / 2);
}

HTEST(vma_tree_aligned_gap_search_honours_alignment)
{
	struct vma_tree tr;
	struct vma_node *a = new_node(SPACE_LO, SPACE_LO + 3 * PG);
	uintptr_t addr;

	vma_tree_init(&tr);
	vma_tree_insert(&tr, a);
	CHECK(vma_tree_find_gap(&tr, SPACE_LO, 0x10000000, 0x200000, 0x200000, false, &addr));
	CHECK(addr % 0x200000 == 0 && addr >= SPACE_LO + 3 * PG);
	CHECK(vma_tree_find_gap(&tr, SPACE_LO, 0x10000000, 0x200000, 0x200000, true, &addr));
	CHECK(addr % 0x200000 == 0 && addr + 0x200000 <= 0x10000000);
	vma_tree_remove(&tr, a);
	free(a);
}

HTEST(vma_tree_random_operations_match_the_model)
{
	struct vma_tree tr;
	unsigned seed = seed_from_env(20261126), s0 = seed;
	int steps = 30000;

	printf("# vma model: SEED=%u\n", s0);
	vma_tree_init(&tr);
	nmodel = 0;
	for (int step = 0; step < steps; step++) {
		int op = rand_r(&seed) % 10;

		if (op < 4 && nmodel < 3000) {
			uintptr_t s = SPACE_LO + (uintptr_t)(rand_r(&seed) % 4096) * PG;
			uintptr_t e = s + (uintptr_t)(1 + rand_r(&seed) % 8) * PG;

			if (e <= SPACE_HI && !model_overlaps(s, e)) {
				struct vma_node *n = new_node(s, e);

				vma_tree_insert(&tr, n);
				model_insert(s, e, n);
			}
		} else if (op < 7 && nmodel > 0) {
			int i = rand_r(&seed) % nmodel;

			vma_tree_remove(&tr, model[i].node);
			free(model[i].node);
			model_remove(i);
		} else if (op < 8 && nmodel > 0) {
			/* Shrink or grow one range in place, as split and merge do. */
			int i = rand_r(&seed) % nmodel;
			uintptr_t lo = i ? model[i - 1].end : SPACE_LO;
			uintptr_t hi = i + 1 < nmodel ? model[i + 1].start : SPACE_HI;
			uintptr_t s = lo + (uintptr_t)(rand_r(&seed) % ((model[i].start - lo) / PG + 1)) * PG;
			uintptr_t e = model[i].end + (uintptr_t)(rand_r(&seed) % ((hi - model[i].end) / PG + 1)) * PG;

			if (rand_r(&seed) % 2 && model[i].end - model[i].start > PG) {
				s = model[i].start + PG;
				e = model[i].end;
			}
			vma_tree_set_range(&tr, model[i].node, s, e);
			model[i].start = s;
			model[i].end = e;
		} else {
			size_t len = (size_t)(1 + rand_r(&seed) % 16) * PG;
			size_t align = PG << (rand_r(&seed) % 4);
			bool top = rand_r(&seed) % 2;
			uintptr_t lo = SPACE_LO + (uintptr_t)(rand_r(&seed) % 1024) * PG;
			uintptr_t hi = SPACE_HI - (uintptr_t)(rand_r(&seed) % 1024) * PG;
			uintptr_t got = 0, want = 0;
			bool g = vma_tree_find_gap(&tr, lo, hi, len, align, top, &got);
			bool w = model_gap(lo, hi, len, align, top, &want);

			if (g != w || got != want)
				printf("# step %d: gap(%#lx,%#lx,len %#zx,align %#zx,%s) tree %d %#lx model %d %#lx\n",
				       step, lo, hi, len, align, top ? "top" : "low", g, got, w, want);
			CHECK(g == w && got == want);
			if (g)
				CHECK(!model_overlaps(got, got + len) && got >= lo && got + len <= hi);
			uintptr_t probe = SPACE_LO + (uintptr_t)(rand_r(&seed) % 4200) * PG;
			int i = model_find(probe);
			CHECK(vma_tree_find(&tr, probe) == (i < nmodel ? model[i].node : NULL));
		}
		if (vma_tree_check(&tr) != 0)
			printf("# step %d: %s (SEED=%u)\n", step, vma_tree_check_error, s0);
		CHECK(vma_tree_check(&tr) == 0);
		if (step % 500 == 0)
			CHECK(tree_matches_model(&tr));
	}
	CHECK(tree_matches_model(&tr));
	while (nmodel) {
		vma_tree_remove(&tr, model[nmodel - 1].node);
		free(model[nmodel - 1].node);
		nmodel--;
	}
	CHECK(tr.count == 0 && vma_tree_check(&tr) == 0);
}
