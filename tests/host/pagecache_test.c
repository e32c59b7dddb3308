/*
 * tests/host/pagecache_test.c - the page cache's radix tree
 * (fs/pagecache.c) and filemap_fault(), on the host.
 *
 * Pages come from the arena of host_mm.c and tree nodes from the real
 * kmalloc, so every case can prove that free pages and heap objects return
 * exactly to where they started. The model case runs random inserts,
 * lookups and truncates against a plain array; it prints its seed and
 * replays one with SEED=n (PC_SEEDS and PC_STEPS make it run longer).
 */
#include "htest.h"
#include "host_mm.h"
#include "fs/pagecache.h"
#include "kernel/fault_inject.h"
#include "kernel/errno.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/vm.h"

#include <stdlib.h>
#include <string.h>

#define PG PAGE_SIZE

/* The machine, once per program: arena, heap, zero page; no armed faults. */
static void setup_world(void)
{
	static bool done;

	host_mm_setup(16384);
	fault_inject_disarm_all();
	if (!done) {
		kmalloc_init();
		fault_init();
		done = true;
	}
}

/* What must come back once a case has freed everything. */
struct baseline {
	size_t free_pages;
	struct kmalloc_stats heap;
};

static struct baseline baseline_take(void)
{
	struct baseline b;

	setup_world();
	b.free_pages = pmem_free_pages();
	kmalloc_get_stats(&b.heap);
	return b;
}

static bool baseline_back(const struct baseline *b)
{
	struct kmalloc_stats now;

	kmalloc_get_stats(&now);
	return pmem_free_pages() == b->free_pages && now.slab_pages == b->heap.slab_pages &&
	       now.objects == b->heap.objects && now.large_pages == b->heap.large_pages &&
	       now.large_allocs == b->heap.large_allocs;
}

/* Heap objects alive now: in these cases, the tree's nodes. */
static size_t heap_objects(void)
{
	struct kmalloc_stats st;

	kmalloc_get_stats(&st);
	return st.objects;
}

/* A page whose first 8 bytes say @tag, with one reference (the caller's). */
static struct page *tagged_page(uint64_t tag)
{
	struct page *pg = page_alloc(0);

	if (pg)
		memcpy(page_address(pg), &tag, sizeof(tag));
	return pg;
}

static uint64_t page_tag(struct page *pg)
{
	uint64_t tag;

	memcpy(&tag, page_address(pg), sizeof(tag));
	return tag;
}

/* Inserts a tagged page at @index and leaves the cache the only holder. */
static int insert_tagged(struct address_space *as, uint64_t index)
{
	struct page *pg = tagged_page(index);
	int err;

	if (!pg)
		return -ENOMEM;
	err = pagecache_insert(as, index, pg);
	page_put(pg);
	return err;
}

/* Is the page at @index there, tagged with @index? (Takes no reference.) */
static bool holds_tagged(struct address_space *as, uint64_t index)
{
	struct page *pg = pagecache_lookup(as, index);
	bool ok;

	if (!pg)
		return false;
	ok = page_tag(pg) == index && pg->refcount == 2;
	page_put(pg);
	return ok;
}

static bool absent(struct address_space *as, uint64_t index)
{
	struct page *pg = pagecache_lookup(as, index);

	if (pg)
		page_put(pg);
	return pg == NULL;
}

static const uint64_t edge_indexes[] = {
	0, 63, 64, 4095, 1ull << 20, 1ull << 40, UINT64_MAX,
};

HTEST(pagecache_lookup_finds_what_insert_put_at_each_index)
{
	struct baseline b = baseline_take();

	for (unsigned i = 0; i < ARRAY_SIZE(edge_indexes); i++) {
		struct address_space as = { 0 };
		uint64_t idx = edge_indexes[i];

		CHECK(absent(&as, idx));
		CHECK(insert_tagged(&as, idx) == 0);
		CHECK(as.nr_pages == 1 && pagecache_check(&as) == 0);
		CHECK(holds_tagged(&as, idx));
		CHECK(absent(&as, idx + 1) && (idx == 0 || absent(&as, idx - 1)));
		CHECK(absent(&as, idx ^ (1ull << 63)));
		pagecache_truncate(&as, 0);
		CHECK(as.page_tree == NULL && as.nr_pages == 0);
	}
	CHECK(baseline_back(&b));
}

HTEST(pagecache_all_edge_indexes_live_in_one_tree)
{
	struct baseline b = baseline_take();
	struct address_space as = { 0 };

	for (unsigned i = 0; i < ARRAY_SIZE(edge_indexes); i++)
		CHECK(insert_tagged(&as, edge_indexes[i]) == 0);
	CHECK(as.nr_pages == ARRAY_SIZE(edge_indexes) && pagecache_check(&as) == 0);
	for (unsigned i = 0; i < ARRAY_SIZE(edge_indexes); i++)
		CHECK(holds_tagged(&as, edge_indexes[i]));
	pagecache_truncate(&as, 0);
	CHECK(baseline_back(&b));
}

HTEST(pagecache_growing_the_height_keeps_old_entries)
{
	struct baseline b = baseline_take();
	struct address_space as = { 0 };
	size_t nodes0 = heap_objects();

	CHECK(insert_tagged(&as, 5) == 0);
	CHECK(heap_objects() - nodes0 == 1);		/* one leaf node, height 1 */
	CHECK(insert_tagged(&as, 64) == 0);
	CHECK(heap_objects() - nodes0 == 3);		/* a new root and a new leaf */
	CHECK(insert_tagged(&as, 4096) == 0);
	CHECK(heap_objects() - nodes0 == 6);		/* root, and a path of two */
	/* 2^40 needs height 7: four more levels on top, six nodes on its path. */
	CHECK(insert_tagged(&as, 1ull << 40) == 0);
	CHECK(heap_objects() - nodes0 == 16);
	CHECK(pagecache_check(&as) == 0);
	CHECK(holds_tagged(&as, 5) && holds_tagged(&as, 64) && holds_tagged(&as, 4096));
	CHECK(holds_tagged(&as, 1ull << 40));
	/* Inserting under the old root again adds only a leaf. */
	CHECK(insert_tagged(&as, 6) == 0 && heap_objects() - nodes0 == 16);
	CHECK(insert_tagged(&as, 130) == 0 && heap_objects() - nodes0 == 17);
	pagecache_truncate(&as, 0);
	CHECK(baseline_back(&b));
}

HTEST(pagecache_holds_one_reference_and_lookup_hands_out_another)
{
	struct baseline b = baseline_take();
	struct address_space as = { 0 };
	struct page *pg = tagged_page(7), *found;

	CHECK(pg && pg->refcount == 1);
	CHECK(pagecache_insert(&as, 7, pg) == 0);
	CHECK(pg->refcount == 2);			/* ours and the cache's */
	found = pagecache_lookup(&as, 7);
	CHECK(found == pg && pg->refcount == 3);
	page_put(found);
	CHECK(pagecache_insert(&as, 7, pg) == -EEXIST);
	CHECK(pg->refcount == 2 && as.nr_pages == 1);
	pagecache_truncate(&as, 8);			/* nothing at 8 or above */
	CHECK(pg->refcount == 2 && as.nr_pages == 1);
	pagecache_truncate(&as, 7);
	CHECK(pg->refcount == 1 && as.nr_pages == 0 && as.page_tree == NULL);
	CHECK(absent(&as, 7));
	page_put(pg);
	CHECK(baseline_back(&b));
}

HTEST(pagecache_get_or_create_makes_a_zeroed_page_once)
{
	struct baseline b = baseline_take();
	struct address_space as = { 0 };
	struct page *pg = pagecache_get_or_create(&as, 300), *again;
	unsigned char *p;

	CHECK(pg && pg->refcount == 2 && as.nr_pages == 1);
	p = page_address(pg);
	for (size_t i = 0; i < PG; i++)
		CHECK(p[i] == 0);
	p[9] = 0x5a;
	again = pagecache_get_or_create(&as, 300);
	CHECK(again == pg && pg->refcount == 3 && as.nr_pages == 1);
	CHECK(((unsigned char *)page_address(again))[9] == 0x5a);
	page_put(again);
	page_put(pg);
	pagecache_truncate(&as, 0);
	CHECK(baseline_back(&b));
}

HTEST(pagecache_truncate_frees_pages_and_empty_nodes)
{
	struct baseline b = baseline_take();
	struct address_space as = { 0 };
	size_t nodes0 = heap_objects();

	for (uint64_t i = 0; i < 200; i++)
		CHECK(insert_tagged(&as, i) == 0);
	CHECK(insert_tagged(&as, 1ull << 20) == 0 && insert_tagged(&as, 1ull << 40) == 0);
	CHECK(as.nr_pages == 202);
	pagecache_truncate(&as, 100);
	CHECK(as.nr_pages == 100 && pagecache_check(&as) == 0);
	for (uint64_t i = 0; i < 100; i++)
		CHECK(holds_tagged(&as, i));
	CHECK(absent(&as, 100) && absent(&as, 199) && absent(&as, 1ull << 40));
	/* Indexes 0..99 need two leaves and a root: the tree shrank back. */
	CHECK(heap_objects() - nodes0 == 3);
	pagecache_truncate(&as, 64);
	CHECK(as.nr_pages == 64 && heap_objects() - nodes0 == 1);
	CHECK(pagecache_check(&as) == 0 && holds_tagged(&as, 63));
	pagecache_truncate(&as, 0);
	CHECK(as.page_tree == NULL && as.nr_pages == 0);
	CHECK(baseline_back(&b));
}

HTEST(pagecache_truncate_keeps_a_high_index_below_from)
{
	struct baseline b = baseline_take();
	struct address_space as = { 0 };

	CHECK(insert_tagged(&as, 0) == 0 && insert_tagged(&as, (1ull << 40) + 5) == 0);
	CHECK(insert_tagged(&as, (1ull << 40) + 6) == 0);
	pagecache_truncate(&as, (1ull << 40) + 6);
	CHECK(as.nr_pages == 2 && pagecache_check(&as) == 0);
	CHECK(holds_tagged(&as, 0) && holds_tagged(&as, (1ull << 40) + 5));
	pagecache_truncate(&as, UINT64_MAX);		/* nothing there */
	CHECK(as.nr_pages == 2);
	pagecache_truncate(&as, 1);
	CHECK(as.nr_pages == 1 && pagecache_check(&as) == 0 && holds_tagged(&as, 0));
	pagecache_truncate(&as, 0);
	CHECK(baseline_back(&b));
}

HTEST(pagecache_insert_without_memory_changes_nothing)
{
	struct baseline b = baseline_take();
	struct address_space as = { 0 };
	struct page *pg;
	size_t objects;
	unsigned needed;

	CHECK(insert_tagged(&as, 3) == 0 && insert_tagged(&as, 70) == 0);
	objects = heap_objects();
	pg = tagged_page(UINT64_MAX);
	CHECK(pg);
	/*
	 * Fail the k-th node allocation, for every k, of an insert that grows
	 * the tree from height 2 to 11: nine new levels on top and ten new
	 * nodes on the path below the new root. The first k that lets every
	 * allocation through is the number the insert needs.
	 */
	for (needed = 0;; needed++) {
		int err;

		fault_inject_disarm_all();
		CHECK(fault_inject_arm("pagecache.node_alloc", needed, 1) == 0);
		err = pagecache_insert(&as, UINT64_MAX, pg);
		if (err == 0)
			break;
		CHECK(err == -ENOMEM && needed < 30);
		CHECK(fault_inject_failures("pagecache.node_alloc") == 1);
		CHECK(heap_objects() == objects && pg->refcount == 1 && as.nr_pages == 2);
		CHECK(pagecache_check(&as) == 0);
		CHECK(holds_tagged(&as, 3) && holds_tagged(&as, 70) && absent(&as, UINT64_MAX));
	}
	fault_inject_disarm_all();
	CHECK(needed == 19 && heap_objects() == objects + needed);
	CHECK(pg->refcount == 2);
	page_put(pg);
	CHECK(holds_tagged(&as, UINT64_MAX) && holds_tagged(&as, 3));

	/* get_or_create: the new page goes back, nothing is left behind. */
	{
		size_t free0 = pmem_free_pages();

		CHECK(fault_inject_arm("pagecache.node_alloc", 0, 1) == 0);
		CHECK(pagecache_get_or_create(&as, 1ull << 30) == NULL);
		CHECK(pmem_free_pages() == free0 && heap_objects() == objects + needed);
		CHECK(as.nr_pages == 3 && absent(&as, 1ull << 30));
	}
	/* An insert into an empty cache fails clean too. */
	{
		struct address_space empty = { 0 };

		CHECK(fault_inject_arm("pagecache.node_alloc", 0, 1) == 0);
		CHECK(insert_tagged(&empty, 9) == -ENOMEM);
		CHECK(empty.page_tree == NULL && empty.nr_pages == 0);
	}
	fault_inject_disarm_all();
	pagecache_truncate(&as, 0);
	CHECK(baseline_back(&b));
}

/* ---- filemap_fault ---------------------------------------------------------- */

/* A file whose pages are all in the page cache, as ramfs's will be. */
static int cachefile_prepare(struct vm_area_desc *desc)
{
	desc->vm_ops = &filemap_vm_ops;
	return 0;
}

static const struct file_operations cachefile_fops = {
	.mmap_prepare = cachefile_prepare,
};

/* Asks filemap_fault() for page @pgoff of @f, as the fault path would. */
static int fault_at(struct file *f, uint64_t pgoff, struct page **pg)
{
	struct vma v = { .file = f, .vm_ops = &filemap_vm_ops };
	struct vm_fault vmf = { .vma = &v, .pgoff = pgoff, .flags = FAULT_READ };
	int res = filemap_fault(&vmf);

	*pg = res == FAULT_OK ? vmf.page : NULL;
	return res;
}

HTEST(filemap_fault_past_the_end_of_file_is_sigbus)
{
	struct baseline b = baseline_take();
	struct inode inode;
	struct file *f;
	struct page *pg;

	inode_init(&inode, 20, 0100644, NULL);
	f = file_alloc(&inode, &cachefile_fops, FMODE_READ);
	CHECK(f);
	CHECK(fault_at(f, 0, &pg) == FAULT_SIGBUS);	/* an empty file */
	inode.size = 3 * PG + 1;			/* four pages, the last partly */
	CHECK(fault_at(f, 4, &pg) == FAULT_SIGBUS);
	CHECK(fault_at(f, UINT64_MAX, &pg) == FAULT_SIGBUS);
	CHECK(inode.mapping.nr_pages == 0);
	CHECK(fault_at(f, 3, &pg) == FAULT_OK && pg && pg->refcount == 2);
	CHECK(inode.mapping.nr_pages == 1);
	page_put(pg);
	inode.size = 3 * PG;				/* exactly three pages */
	CHECK(fault_at(f, 3, &pg) == FAULT_SIGBUS);
	inode.size = UINT64_MAX;			/* the last index exists */
	CHECK(fault_at(f, (UINT64_MAX >> PAGE_SHIFT), &pg) == FAULT_OK);
	page_put(pg);
	/* Out of memory: FAULT_OOM, and nothing is left behind. */
	CHECK(fault_inject_arm("pagecache.node_alloc", 0, 1) == 0);
	CHECK(fault_at(f, 1ull << 33, &pg) == FAULT_OOM);
	fault_inject_disarm_all();
	CHECK(inode.mapping.nr_pages == 2 && pagecache_check(&inode.mapping) == 0);
	pagecache_truncate(&inode.mapping, 0);
	file_put(f);
	CHECK(inode.refcount == 1);
	CHECK(baseline_back(&b));
}

HTEST(filemap_vm_ops_serve_a_shared_mapping_from_the_cache)
{
	struct baseline b = baseline_take();
	struct mm *mm = mm_create();
	struct inode inode;
	struct file *f;
	struct page *pg;
	long a;

	inode_init(&inode, 21, 0100644, NULL);
	inode.size = 2 * PG + 100;			/* three pages */
	f = file_alloc(&inode, &cachefile_fops, FMODE_READ | FMODE_WRITE);
	CHECK(mm && f);
	a = do_mmap(mm, 0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
	CHECK(a > 0);
	CHECK(handle_mm_fault(mm, a + PG, FAULT_WRITE | FAULT_USER) == FAULT_OK);
	memset(host_user_ptr(&mm->pmap, a + PG), 0x77, PG);
	CHECK(handle_mm_fault(mm, a + 3 * PG, FAULT_READ | FAULT_USER) == FAULT_SIGBUS);
	CHECK(inode.mapping.nr_pages == 1);
	pg = pagecache_lookup(&inode.mapping, 1);
	CHECK(pg && pg->refcount == 3);			/* cache, leaf, ours */
	CHECK(((unsigned char *)page_address(pg))[PG - 1] == 0x77);
	page_put(pg);
	CHECK(do_munmap(mm, a, 4 * PG) == 0);
	pg = pagecache_lookup(&inode.mapping, 1);
	CHECK(pg && pg->refcount == 2);			/* the data stays cached */
	page_put(pg);
	mm_destroy(mm);
	file_put(f);
	pagecache_truncate(&inode.mapping, 0);
	CHECK(baseline_back(&b));
}

/* ---- the random model ------------------------------------------------------- */

#define MODEL_INDEXES 48

/* The model: which of the candidate indexes hold a page. */
struct model {
	uint64_t index[MODEL_INDEXES];	/* candidates, some on edges, some random */
	bool present[MODEL_INDEXES];
	size_t nr;
};

static uint64_t rng;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

/* Candidates: the edge indexes, small ones, and random ones of every width. */
static void model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
	for (unsigned i = 0; i < MODEL_INDEXES; i++) {
		uint64_t v;

		if (i < ARRAY_SIZE(edge_indexes))
			v = edge_indexes[i];
		else if (i < 24)
			v = rnd() % 300;
		else
			v = rnd() >> (rnd() % 64);
		m->index[i] = v;
	}
}

/* Index @i's state in the model, taking duplicates among candidates into account. */
static bool model_has(const struct model *m, uint64_t index)
{
	for (unsigned i = 0; i < MODEL_INDEXES; i++)
		if (m->present[i] && m->index[i] == index)
			return true;
	return false;
}

static void model_set(struct model *m, uint64_t index, bool present)
{
	for (unsigned i = 0; i < MODEL_INDEXES; i++)
		if (m->index[i] == index)
			m->present[i] = present;
}

static size_t model_count(const struct model *m)
{
	size_t n = 0;

	for (unsigned i = 0; i < MODEL_INDEXES; i++) {
		bool dup = false;

		for (unsigned j = 0; j < i; j++)
			dup |= m->index[j] == m->index[i];
		n += m->present[i] && !dup;
	}
	return n;
}

/* Does the cache agree with the model at every candidate? */
static const char *model_compare(struct model *m, struct address_space *as)
{
	if (pagecache_check(as))
		return "pagecache_check() failed";
	if (as->nr_pages != model_count(m))
		return "nr_pages differs from the model";
	for (unsigned i = 0; i < MODEL_INDEXES; i++) {
		uint64_t idx = m->index[i];

		if (model_has(m, idx) ? !holds_tagged(as, idx) : !absent(as, idx))
			return "a lookup differs from the model";
	}
	return NULL;
}

/* Runs one seed; returns why it failed, or NULL. */
static const char *model_one(unsigned seed, int steps)
{
	struct address_space as = { 0 };
	struct model m;
	const char *why = NULL;

	rng = seed * 0x9e3779b97f4a7c15ull + 1;
	model_init(&m);
	for (int s = 0; s < steps && !why; s++) {
		uint64_t idx = m.index[rnd() % MODEL_INDEXES];
		unsigned op = (unsigned)(rnd() % 100);
		bool inject = rnd() % 8 == 0;
		int err;

		if (inject)
			fault_inject_arm("pagecache.node_alloc", (unsigned)(rnd() % 4), 1);
		if (op < 45) {
			err = insert_tagged(&as, idx);
			if (model_has(&m, idx) ? err != -EEXIST : err != 0 && err != -ENOMEM)
				why = "insert returned the wrong error";
			else if (err == 0)
				model_set(&m, idx, true);
			else if (err == -ENOMEM && !inject)
				why = "insert failed without an injected failure";
		} else if (op < 60) {
			struct page *pg = pagecache_get_or_create(&as, idx);

			if (pg) {
				if (!model_has(&m, idx))
					memcpy(page_address(pg), &idx, sizeof(idx));
				model_set(&m, idx, true);
				page_put(pg);
			} else if (!inject || model_has(&m, idx)) {
				why = "get_or_create failed";
			}
		} else if (op < 90) {
			if (!absent(&as, idx) != model_has(&m, idx))
				why = "lookup differs from the model";
		} else {
			/* Truncate at a candidate, just past one, or anywhere. */
			uint64_t from = op < 94 ? idx : op < 98 ? idx + 1 : rnd() >> (rnd() % 64);

			pagecache_truncate(&as, from);
			for (unsigned i = 0; i < MODEL_INDEXES; i++)
				if (m.index[i] >= from)
					m.present[i] = false;
		}
		fault_inject_disarm_all();
		if (!why)
			why = model_compare(&m, &as);
		if (why)
			printf("# SEED=%u: step %d: %s\n", seed, s, why);
	}
	pagecache_truncate(&as, 0);
	return why;
}

HTEST(pagecache_random_operations_match_the_model)
{
	const char *seed_env = getenv("SEED");
	unsigned seeds = getenv("PC_SEEDS") ? (unsigned)atoi(getenv("PC_SEEDS")) : 10;
	int steps = getenv("PC_STEPS") ? atoi(getenv("PC_STEPS")) : 2000;
	struct baseline b = baseline_take();

	for (unsigned i = 0; i < (seed_env ? 1 : seeds); i++) {
		unsigned seed = seed_env ? (unsigned)strtoul(seed_env, NULL, 0) : 500 + i * 7919;
		const char *why;

		printf("# pagecache SEED=%u, %d steps\n", seed, steps);
		why = model_one(seed, steps);
		if (why) {
			htest_fail(t, __FILE__, __LINE__, why);
			return;
		}
		CHECK(baseline_back(&b));
	}
}
