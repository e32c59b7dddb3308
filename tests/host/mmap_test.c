/*
 * tests/host/mmap_test.c - the real mm/mmap.c, munmap.c, mprotect.c and
 * fault.c on the host, over the fake pmap of host_mm.c.
 *
 * The contract cases force every fault-injection point against every kind
 * of test file and check the rules of design.md §1: after a successful
 * prepare exactly one of complete or abort runs; before the point of no
 * return a failure changes nothing (the old mapping's frames, protections
 * and bytes included); after it, the new range is a hole and close ran
 * once; and free pages, VMA count, file references and reservations all
 * return to where they started.
 */
#include "htest.h"
#include "host_mm.h"
#include "kernel/fault_inject.h"
#include "kernel/errno.h"
#include "mm/mmap_testfile.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/vm.h"

#include <stdio.h>
#include <string.h>

#define PG PAGE_SIZE
#define BASE 0x40000000ul	/* where the fixed-address cases work */

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

static struct mm *setup(void)
{
	setup_world();
	return mm_create();
}

/* Write @val into every byte of [va, va + len), through the page tables. */
static bool fill(struct mm *mm, vaddr_t va, size_t len, int val)
{
	for (vaddr_t a = va; a < va + len; a += PG) {
		if (handle_mm_fault(mm, a, FAULT_WRITE) != FAULT_OK)
			return false;
		memset(host_user_ptr(&mm->pmap, a), val, PG);
	}
	return true;
}

/* Every page of [va, va + len) present and holding @val? */
static bool holds(struct mm *mm, vaddr_t va, size_t len, int val)
{
	for (vaddr_t a = va; a < va + len; a += PG) {
		unsigned char *p = host_user_ptr(&mm->pmap, a);

		if (!p)
			return false;
		for (size_t i = 0; i < PG; i++)
			if (p[i] != (unsigned char)val)
				return false;
	}
	return true;
}

HTEST(mmap_anonymous_goes_top_down_and_page_aligned)
{
	struct mm *mm = setup();
	long a = do_mmap(mm, 0, 5000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	long b = do_mmap(mm, 0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);

	CHECK(a > 0 && b > 0);
	CHECK((unsigned long)a == USER_TOP - 2 * PG);
	CHECK((unsigned long)b + PG == (unsigned long)a);
	CHECK(mm->map_count == 2);
	CHECK(mm->total_pages == 3);
	CHECK(vma_tree_check(&mm->vmas) == 0);
	mm_destroy(mm);
	CHECK(pmem_check() == 0);
}

/*
 * After exec, mmap_base sits below the stack. A length between mmap_base
 * and USER_TOP passes the length check; the hint test must not wrap
 * (mmap_base - len) and place the mapping past the end of the user half.
 */
HTEST(mmap_hint_longer_than_the_search_area_is_not_taken)
{
	struct mm *mm = setup();
	size_t len = USER_TOP - MiB(4);
	long a;

	mm->mmap_base = USER_TOP - MiB(8) - PG;
	a = do_mmap(mm, MiB(8), len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	CHECK(a == -ENOMEM);
	CHECK(mm->map_count == 0);
	CHECK(vma_tree_check(&mm->vmas) == 0);
	mm_destroy(mm);
	CHECK(pmem_check() == 0);
}

HTEST(mmap_bad_arguments_get_linux_errnos)
{
	struct mm *mm = setup();
	struct testfile *tf = testfile_create(TF_PREPARE, 4);
	struct file *ro = testfile_open(tf, FMODE_READ), *wo = testfile_open(tf, FMODE_WRITE);
	struct file *rw = testfile_open(tf, FMODE_READ | FMODE_WRITE);
	struct inode other;
	struct file *nommap;
	const int anon = MAP_PRIVATE | MAP_ANONYMOUS, rwp = PROT_READ | PROT_WRITE;

	inode_init(&other, 7, 0100644, NULL);
	nommap = file_alloc(&other, NULL, FMODE_READ);
	CHECK(do_mmap(mm, 0, 0, rwp, anon, NULL, 0) == -EINVAL);
	CHECK(do_mmap(mm, 0, PG, rwp, MAP_ANONYMOUS, NULL, 0) == -EINVAL);
	CHECK(do_mmap(mm, 0, PG, rwp, MAP_ANONYMOUS | 0x0f, NULL, 0) == -EINVAL);
	CHECK(do_mmap(mm, 0, PG, rwp, MAP_SHARED_VALIDATE | 0x40, rw, 0) == -EOPNOTSUPP);
	CHECK(do_mmap(mm, 0, PG, PROT_READ, MAP_PRIVATE, rw, 100) == -EINVAL);
	CHECK(do_mmap(mm, BASE + 1, PG, rwp, anon | MAP_FIXED, NULL, 0) == -EINVAL);
	CHECK(do_mmap(mm, USER_TOP - PG, 2 * PG, rwp, anon | MAP_FIXED, NULL, 0) == -ENOMEM);
	CHECK(do_mmap(mm, PG, PG, rwp, anon | MAP_FIXED, NULL, 0) == -EPERM);
	CHECK(do_mmap(mm, 0, USER_TOP + PG, rwp, anon, NULL, 0) == -ENOMEM);
	CHECK(do_mmap(mm, 0, PG, PROT_READ, MAP_PRIVATE, wo, 0) == -EACCES);
	CHECK(do_mmap(mm, 0, PG, rwp, MAP_SHARED, ro, 0) == -EACCES);
	CHECK(do_mmap(mm, 0, PG, rwp, MAP_SHARED | MAP_ANONYMOUS, NULL, 0) == -EINVAL);
	CHECK(do_mmap(mm, 0, PG, PROT_READ, MAP_PRIVATE, nommap, 0) == -ENODEV);
	CHECK(do_mmap(mm, BASE, PG, rwp, anon | MAP_FIXED, NULL, 0) == (long)BASE);
	CHECK(do_mmap(mm, BASE, PG, rwp, anon | MAP_FIXED_NOREPLACE, NULL, 0) == -EEXIST);
	CHECK(do_mmap(mm, 0, PG, PROT_READ, MAP_SHARED, ro, 0) > 0);	/* read-only shared: fine */
	CHECK(mm->map_count == 2);
	CHECK(tf->n.prepare == 1);
	mm_destroy(mm);
	file_put(ro);
	file_put(wo);
	file_put(rw);
	file_put(nommap);
	testfile_destroy(tf);
}

HTEST(adjacent_anonymous_mappings_merge_and_special_ones_do_not)
{
	struct mm *mm = setup();
	struct testfile *tf = testfile_create(TF_ABORT, 8);
	struct file *f = testfile_open(tf, FMODE_READ);
	const int anon = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;

	CHECK(do_mmap(mm, BASE, 2 * PG, PROT_READ, anon, NULL, 0) == (long)BASE);
	CHECK(do_mmap(mm, BASE + 2 * PG, PG, PROT_READ, anon, NULL, 0) == (long)(BASE + 2 * PG));
	CHECK(do_mmap(mm, BASE - PG, PG, PROT_READ, anon, NULL, 0) == (long)(BASE - PG));
	CHECK(mm->map_count == 1);
	CHECK(vma_start(vma_find(mm, BASE)) == BASE - PG && vma_end(vma_find(mm, BASE)) == BASE + 3 * PG);
	/* Different protection: no merge. */
	CHECK(do_mmap(mm, BASE + 3 * PG, PG, PROT_READ | PROT_WRITE, anon, NULL, 0) > 0);
	CHECK(mm->map_count == 2);
	/* A file with complete/abort hooks never merges, even with itself. */
	CHECK(do_mmap(mm, BASE + 8 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, f, 0) > 0);
	CHECK(do_mmap(mm, BASE + 9 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, f, PG) > 0);
	CHECK(mm->map_count == 4);
	CHECK(tf->n.complete == 2 && tf->n.abort == 0 && tf->n.resources == 2);
	mm_destroy(mm);
	CHECK(tf->n.close == 2 && tf->n.resources == 0);
	file_put(f);
	testfile_destroy(tf);
}

HTEST(munmap_splits_frees_pages_and_tables_and_ignores_holes)
{
	struct mm *mm = setup();
	size_t free0 = pmem_free_pages();

	CHECK(do_mmap(mm, BASE, 8 * PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) == (long)BASE);
	CHECK(fill(mm, BASE, 8 * PG, 0x5a));
	CHECK(mm->resident_pages == 8 && mm->pmap.nr_tables == 1);
	CHECK(do_munmap(mm, BASE + 2 * PG, 3 * PG) == 0);
	CHECK(mm->map_count == 2 && mm->resident_pages == 5);
	CHECK(holds(mm, BASE, 2 * PG, 0x5a) && holds(mm, BASE + 5 * PG, 3 * PG, 0x5a));
	CHECK(!host_user_ptr(&mm->pmap, BASE + 2 * PG));
	CHECK(do_munmap(mm, BASE + 2 * PG, 3 * PG) == 0);	/* a hole: fine */
	CHECK(do_munmap(mm, BASE + 1, PG) == -EINVAL);
	CHECK(do_munmap(mm, BASE, 0) == -EINVAL);
	CHECK(do_munmap(mm, BASE, 8 * PG) == 0);
	CHECK(mm->map_count == 0 && mm->resident_pages == 0 && mm->pmap.nr_tables == 0);
	CHECK(pmem_free_pages() == free0);
	mm_destroy(mm);
}

HTEST(mprotect_splits_then_merges_back_and_checks_permissions)
{
	struct mm *mm = setup();
	struct testfile *tf = testfile_create(TF_PREPARE, 8);
	struct file *ro = testfile_open(tf, FMODE_READ);
	unsigned prot;

	CHECK(do_mmap(mm, BASE, 6 * PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) == (long)BASE);
	CHECK(fill(mm, BASE, 6 * PG, 1));
	CHECK(do_mprotect(mm, BASE + 2 * PG, 2 * PG, PROT_READ) == 0);
	CHECK(mm->map_count == 3);
	CHECK(pmap_lookup(&mm->pmap, BASE + 2 * PG, NULL, &prot, NULL) && !(prot & PMAP_W));
	CHECK(handle_mm_fault(mm, BASE + 2 * PG, FAULT_WRITE) == FAULT_SIGSEGV);
	CHECK(do_mprotect(mm, BASE + 2 * PG, 2 * PG, PROT_READ | PROT_WRITE) == 0);
	CHECK(mm->map_count == 1);
	/* The page is this mapping's alone: a write reuses it, no copy. */
	CHECK(handle_mm_fault(mm, BASE + 2 * PG, FAULT_WRITE) == FAULT_OK);
	CHECK(holds(mm, BASE, 6 * PG, 1));
	CHECK(do_mprotect(mm, BASE, PG, 0x10) == -EINVAL);
	CHECK(do_mprotect(mm, BASE + 1, PG, PROT_READ) == -EINVAL);
	CHECK(do_mprotect(mm, BASE + 5 * PG, 2 * PG, PROT_READ) == -ENOMEM);	/* runs past the end */
	CHECK(mm->map_count == 1);
	/* A shared mapping of a read-only file may never become writable. */
	CHECK(do_mmap(mm, BASE + 16 * PG, 2 * PG, PROT_READ, MAP_SHARED | MAP_FIXED, ro, 0) > 0);
	CHECK(do_mprotect(mm, BASE + 16 * PG, 2 * PG, PROT_READ | PROT_WRITE) == -EACCES);
	mm_destroy(mm);
	file_put(ro);
	testfile_destroy(tf);
}

HTEST(faults_zero_page_then_copy_on_write_and_shared_writes_reach_the_cache)
{
	struct mm *mm = setup();
	struct testfile *tf = testfile_create(TF_PREPARE, 4);
	struct file *f = testfile_open(tf, FMODE_READ | FMODE_WRITE);
	paddr_t pa;
	unsigned char *cache;

	CHECK(do_mmap(mm, BASE, PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) > 0);
	CHECK(handle_mm_fault(mm, BASE, FAULT_READ) == FAULT_OK);
	CHECK(pmap_lookup(&mm->pmap, BASE, &pa, NULL, NULL));
	CHECK(pfn_to_page(pa >> PAGE_SHIFT) == fault_zero_page());
	CHECK(handle_mm_fault(mm, BASE, FAULT_WRITE) == FAULT_OK);
	CHECK(pmap_lookup(&mm->pmap, BASE, &pa, NULL, NULL));
	CHECK(pfn_to_page(pa >> PAGE_SHIFT) != fault_zero_page());
	CHECK(holds(mm, BASE, PG, 0));

	/* Private file mapping: reads see the cache page, a write copies it. */
	CHECK(do_mmap(mm, BASE + 4 * PG, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED,
		      f, PG) > 0);
	CHECK(handle_mm_fault(mm, BASE + 4 * PG, FAULT_READ) == FAULT_OK);
	CHECK(pmap_lookup(&mm->pmap, BASE + 4 * PG, &pa, NULL, NULL));
	CHECK(pfn_to_page(pa >> PAGE_SHIFT) == testfile_page(tf, 1));
	CHECK(handle_mm_fault(mm, BASE + 4 * PG, FAULT_WRITE) == FAULT_OK);
	memset(host_user_ptr(&mm->pmap, BASE + 4 * PG), 0xee, PG);
	cache = page_address(testfile_page(tf, 1));
	CHECK(cache[0] == 1 && cache[PG - 1] == 1);
	CHECK(testfile_page(tf, 1)->refcount == 1);

	/* Shared file mapping: a write lands in the cache page itself. */
	CHECK(do_mmap(mm, BASE + 8 * PG, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		      f, 2 * PG) > 0);
	CHECK(handle_mm_fault(mm, BASE + 8 * PG, FAULT_WRITE) == FAULT_OK);
	memset(host_user_ptr(&mm->pmap, BASE + 8 * PG), 0x77, 16);
	cache = page_address(testfile_page(tf, 2));
	CHECK(cache[0] == 0x77 && cache[16] == 2);

	/* Past the end of the file: SIGBUS. Outside any VMA: SIGSEGV. */
	CHECK(do_mmap(mm, BASE + 12 * PG, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, f, 3 * PG) > 0);
	CHECK(handle_mm_fault(mm, BASE + 13 * PG, FAULT_READ) == FAULT_SIGBUS);
	CHECK(handle_mm_fault(mm, BASE + 20 * PG, FAULT_READ) == FAULT_SIGSEGV);
	CHECK(handle_mm_fault(mm, BASE + 12 * PG, FAULT_WRITE) == FAULT_SIGSEGV);
	mm_destroy(mm);
	CHECK(testfile_page(tf, 1)->refcount == 1 && testfile_page(tf, 2)->refcount == 1);
	file_put(f);
	testfile_destroy(tf);
}

HTEST(populate_maps_every_page_at_once)
{
	struct mm *mm = setup();

	CHECK(do_mmap(mm, BASE, 4 * PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, NULL, 0) > 0);
	CHECK(mm->resident_pages == 4);
	for (int i = 0; i < 4; i++)
		CHECK(host_user_ptr(&mm->pmap, BASE + i * PG) != NULL);
	mm_destroy(mm);
}

HTEST(action_maps_frames_at_once_and_never_faults)
{
	struct mm *mm = setup();
	struct testfile *tf = testfile_create(TF_ACTION, 4);
	struct file *f = testfile_open(tf, FMODE_READ | FMODE_WRITE);

	CHECK(do_mmap(mm, BASE, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, f, 0) > 0);
	CHECK(mm->resident_pages == 4);
	CHECK(holds(mm, BASE + 3 * PG, PG, 3));
	CHECK(handle_mm_fault(mm, BASE, FAULT_READ) == FAULT_OK);	/* already mapped */
	CHECK(do_munmap(mm, BASE, PG) == 0);
	CHECK(handle_mm_fault(mm, BASE + PG / 2, FAULT_READ) == FAULT_SIGSEGV);
	/* A PFN mapping does not own its frames: unmapping frees nothing. */
	CHECK(*(unsigned char *)page_address(testfile_page(tf, 0)) == 0);
	mm_destroy(mm);
	file_put(f);
	testfile_destroy(tf);
}

HTEST(huge_mappings_refuse_splits_off_2mib_boundaries)
{
	struct mm *mm = setup();
	struct testfile *tf = testfile_create(TF_HUGE, 1024);
	struct file *f = testfile_open(tf, FMODE_READ | FMODE_WRITE);
	long a = do_mmap(mm, 0, 2 * HUGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
	size_t size;

	CHECK(a > 0 && a % HUGE_SIZE == 0);
	CHECK(handle_mm_fault(mm, a + 5 * PG, FAULT_WRITE) == FAULT_OK);
	CHECK(pmap_lookup(&mm->pmap, a + 7 * PG, NULL, NULL, &size) && size == HUGE_SIZE);
	CHECK(do_munmap(mm, a + PG, PG) == -EINVAL);
	CHECK(do_mprotect(mm, a, HUGE_SIZE + PG, PROT_READ) == -EINVAL);
	CHECK(mm->map_count == 1);
	CHECK(do_mmap(mm, a + PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) ==
	      -EINVAL);
	CHECK(do_mprotect(mm, a, HUGE_SIZE, PROT_READ) == 0);
	CHECK(mm->map_count == 2);
	CHECK(do_munmap(mm, a, HUGE_SIZE) == 0);
	CHECK(mm->resident_pages == 0);
	mm_destroy(mm);
	file_put(f);
	testfile_destroy(tf);
}

HTEST(prepare_failure_runs_neither_complete_nor_abort)
{
	struct mm *mm = setup();
	struct testfile *tf = testfile_create(TF_ABORT, 4);
	struct file *f = testfile_open(tf, FMODE_READ);

	tf->prepare_error = -EIO;
	CHECK(do_mmap(mm, 0, PG, PROT_READ, MAP_PRIVATE, f, 0) == -EIO);
	CHECK(tf->n.prepare == 1 && tf->n.complete == 0 && tf->n.abort == 0);
	CHECK(mm->map_count == 0 && f->refcount == 1);
	mm_destroy(mm);
	file_put(f);
	testfile_destroy(tf);
}

HTEST(complete_failure_leaves_a_hole_and_closes_once)
{
	struct mm *mm = setup();
	struct testfile *tf = testfile_create(TF_ABORT, 4);
	struct file *f = testfile_open(tf, FMODE_READ);

	CHECK(do_mmap(mm, BASE, 4 * PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) > 0);
	CHECK(fill(mm, BASE, 4 * PG, 9));
	tf->complete_error = -EIO;
	CHECK(do_mmap(mm, BASE + PG, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, f, 0) == -EIO);
	CHECK(tf->n.complete == 1 && tf->n.abort == 0 && tf->n.close == 1);
	CHECK(tf->n.resources == 0 && f->refcount == 1);
	CHECK(mm->map_count == 2);
	CHECK(!vma_find(mm, BASE + PG) && !vma_find(mm, BASE + 2 * PG));
	CHECK(holds(mm, BASE, PG, 9) && holds(mm, BASE + 3 * PG, PG, 9));
	mm_destroy(mm);
	file_put(f);
	testfile_destroy(tf);
}

HTEST(max_map_count_is_enforced)
{
	struct mm *mm = setup();

	mm->max_map_count = 3;
	for (int i = 0; i < 3; i++)
		CHECK(do_mmap(mm, BASE + 2 * i * PG, PG, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) > 0);
	CHECK(do_mmap(mm, BASE + 10 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		      NULL, 0) == -ENOMEM);
	mm_destroy(mm);
}

/* ---- the contract under every injected failure -------------------------- */

/* What must be true of the old mapping after a failure before step 6. */
struct snapshot {
	size_t free_pages, map_count, resident, leaves;
	paddr_t pa[8];
	unsigned prot[8];
};

static void snap(struct mm *mm, struct snapshot *s)
{
	s->free_pages = pmem_free_pages();
	s->map_count = mm->map_count;
	s->resident = mm->resident_pages;
	s->leaves = host_pmap_leaves(&mm->pmap);
	for (int i = 0; i < 8; i++)
		if (!pmap_lookup(&mm->pmap, BASE + i * PG, &s->pa[i], &s->prot[i], NULL))
			s->pa[i] = 0;
}

static bool same(struct mm *mm, const struct snapshot *a)
{
	struct snapshot b;

	snap(mm, &b);
	return memcmp(a, &b, sizeof(b)) == 0;
}

/*
 * One forced failure: an old anonymous mapping of 8 pages filled with a
 * pattern, then a MAP_FIXED mmap of @kind over pages 2..5 (two splits)
 * with @point armed.
 */
static void contract_case(struct htest *t, const char *point, enum testfile_kind kind)
{
	size_t free0 = (setup_world(), pmem_free_pages());
	struct mm *mm = mm_create();
	struct testfile *tf = testfile_create(kind, kind == TF_HUGE ? 512 : 8);
	struct file *f = testfile_open(tf, FMODE_READ | FMODE_WRITE);
	bool after_pnr = strcmp(point, "mmap.complete") == 0;
	vaddr_t at = kind == TF_HUGE ? BASE : BASE + 2 * PG;
	size_t len = kind == TF_HUGE ? HUGE_SIZE : 4 * PG;
	struct snapshot before;
	long ret;

	CHECK(mm && tf && f);
	CHECK(do_mmap(mm, BASE, 8 * PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) == (long)BASE);
	CHECK(fill(mm, BASE, 8 * PG, 0xab));
	snap(mm, &before);
	fault_inject_arm(point, 0, 1);
	ret = do_mmap(mm, at, len, PROT_READ, MAP_SHARED | MAP_FIXED, f, 0);
	if (fault_inject_failures(point) == 0) {
		/* The point is not on this path (no complete hook, say): it must map. */
		CHECK(ret == (long)at);
		CHECK(tf->n.complete + tf->n.abort <= 1);
		goto cleanup;
	}
	CHECK(ret == -ENOMEM);
	CHECK(tf->n.prepare == 1);
	/* Exactly one of complete or abort for files that have them. */
	if (kind == TF_ABORT)
		CHECK(tf->n.complete + tf->n.abort == 1);
	else
		CHECK(tf->n.abort == 0);
	CHECK(tf->n.resources == 0);
	CHECK(f->refcount == 1);
	if (!after_pnr) {
		CHECK(tf->n.complete == 0);
		CHECK(same(mm, &before));
		CHECK(holds(mm, BASE, 8 * PG, 0xab));
	} else {
		/* The old pages are gone, the new VMA was closed once: a hole. */
		CHECK(tf->n.close == 1);
		CHECK(!vma_find(mm, at) && !vma_find(mm, at + len - 1));
		if (kind != TF_HUGE)
			CHECK(holds(mm, BASE, 2 * PG, 0xab) && holds(mm, BASE + 6 * PG, 2 * PG, 0xab));
	}
	CHECK(vma_tree_check(&mm->vmas) == 0);
cleanup:
	mm_destroy(mm);
	CHECK(tf->n.resources == 0);
	file_put(f);
	testfile_destroy(tf);
	CHECK(pmem_free_pages() == free0);
}

static void contract_all_kinds(struct htest *t, const char *point)
{
	for (int k = 0; k < TF_NR_KINDS; k++) {
		contract_case(t, point, (enum testfile_kind)k);
		if (t->failed) {
			printf("# %s with a %s file broke the contract\n", point,
			       testfile_kind_name((enum testfile_kind)k));
			return;
		}
	}
}

HTEST(contract_holds_when_the_vma_allocation_fails)
{
	contract_all_kinds(t, "mmap.vma_alloc");
}

HTEST(contract_holds_when_the_tree_node_allocation_fails)
{
	contract_all_kinds(t, "mmap.tree_prealloc");
}

HTEST(contract_holds_when_a_split_allocation_fails)
{
	contract_all_kinds(t, "mmap.split_alloc");
}

HTEST(contract_holds_when_the_file_link_allocation_fails)
{
	contract_all_kinds(t, "mmap.file_link");
}

HTEST(contract_holds_when_complete_is_made_to_fail)
{
	contract_all_kinds(t, "mmap.complete");
}

HTEST(munmap_and_mprotect_split_failures_change_nothing)
{
	struct mm *mm = setup();
	struct snapshot before;

	CHECK(do_mmap(mm, BASE, 8 * PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) > 0);
	CHECK(fill(mm, BASE, 8 * PG, 3));
	snap(mm, &before);
	fault_inject_arm("vma.split_alloc", 1, 1);	/* the second split fails */
	CHECK(do_munmap(mm, BASE + 2 * PG, 2 * PG) == -ENOMEM);
	CHECK(same(mm, &before) && holds(mm, BASE, 8 * PG, 3));
	fault_inject_arm("vma.split_alloc", 0, 1);
	CHECK(do_mprotect(mm, BASE + 2 * PG, 2 * PG, PROT_READ) == -ENOMEM);
	CHECK(same(mm, &before));
	CHECK(fault_inject_failures("vma.split_alloc") == 2);
	mm_destroy(mm);
}

HTEST(fault_allocation_failures_are_oom_and_leak_nothing)
{
	struct mm *mm = setup();
	size_t free0;

	CHECK(do_mmap(mm, BASE, 2 * PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) > 0);
	free0 = pmem_free_pages();
	fault_inject_arm("fault.page_alloc", 0, 1);
	CHECK(handle_mm_fault(mm, BASE, FAULT_WRITE) == FAULT_OOM);
	fault_inject_arm("fault.pgtable", 0, 1);
	CHECK(handle_mm_fault(mm, BASE, FAULT_WRITE) == FAULT_OOM);
	CHECK(pmem_free_pages() == free0 && mm->resident_pages == 0);
	CHECK(handle_mm_fault(mm, BASE, FAULT_WRITE) == FAULT_OK);
	mm_destroy(mm);
}

HTEST(mprotect_splits_respect_max_map_count)
{
	struct mm *mm = setup();

	CHECK(do_mmap(mm, BASE, 8 * PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) > 0);
	mm->max_map_count = 2;
	CHECK(do_mprotect(mm, BASE + 2 * PG, 2 * PG, PROT_READ) == -ENOMEM);
	CHECK(mm->map_count == 1);
	CHECK(do_mprotect(mm, BASE, 2 * PG, PROT_READ) == 0);	/* one cut: fits */
	CHECK(mm->map_count == 2);
	mm_destroy(mm);
}
