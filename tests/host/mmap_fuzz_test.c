/*
 * tests/host/mmap_fuzz_test.c - a model-based fuzzer of the address space.
 *
 * Random sequences of mmap (fixed, hinted, NOREPLACE; anonymous or one of
 * four test files; private or shared), munmap, mprotect and page touches,
 * with random injected failures, run against the real mm/ code over the
 * fake pmap. A simple model - one record per page of a 256-page window -
 * says what each call must return and what must be mapped afterwards.
 * After every step: vma_tree_check(), the VMAs against the model page by
 * page, no two neighbouring VMAs left unmerged, every leaf inside a VMA
 * that allows it, and the counters. Page contents are tracked too, so copy
 * on write and shared writes are checked byte by byte.
 *
 * SEED=n replays one seed; FUZZ_SEEDS and FUZZ_STEPS make runs longer
 * (make fuzz). Every seed is printed.
 */
#include "htest.h"
#include "host_mm.h"
#include "kernel/errno.h"
#include "kernel/fault_inject.h"
#include "mm/kmalloc.h"
#include "mm/mmap_testfile.h"
#include "mm/page.h"
#include "mm/vm.h"
#include "mm/vma_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG PAGE_SIZE
#define NPG 256
#define W0 0x50000000ul
#define W1 (W0 + NPG * PG)
#define NFILES 4
#define FILE_PAGES 64

struct mpage {
	bool mapped;
	int prot;		/* PROT_* */
	int file;		/* -1: anonymous */
	bool shared;
	uint64_t pgoff;
	bool written;		/* private page has its own copy */
	uint8_t tag;		/* its bytes, once written */
};

static struct mpage model[NPG];
static uint8_t file_tag[NFILES][FILE_PAGES];
static struct testfile *tfs[NFILES];
static struct file *files[NFILES];
static const enum testfile_kind file_kinds[NFILES] = { TF_PREPARE, TF_PREPARE, TF_COMPLETE, TF_ABORT };
static unsigned rng;

static unsigned rnd(unsigned n)
{
	return (unsigned)rand_r(&rng) % n;
}

static int page_of(vaddr_t va)
{
	return (int)((va - W0) / PG);
}

/* What a byte of page @i must read as. */
static uint8_t expected_byte(int i)
{
	const struct mpage *m = &model[i];

	if (m->file < 0)
		return m->written ? m->tag : 0;
	if (m->shared || !m->written)
		return file_tag[m->file][m->pgoff];
	return m->tag;
}

static unsigned long prot_vm(int prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* Compares everything with the model; returns a reason, or NULL. */
static const char *check_all(struct mm *mm)
{
	size_t mapped = 0, leaves = 0;
	struct vma_node *n;

	if (vma_tree_check(&mm->vmas))
		return vma_tree_check_error;
	for (n = vma_tree_first(&mm->vmas); n; n = vma_tree_next(n)) {
		struct vma *v = n->item, *next = vma_next(v);

		if (n->start < W0 || n->end > W1)
			return "a VMA outside the window";
		if (next && vma_end(v) == vma_start(next) && vma_can_join(v, next))
			return "two neighbours left unmerged";
	}
	for (int i = 0; i < NPG; i++) {
		vaddr_t va = W0 + i * PG;
		struct vma *v = vma_find(mm, va);
		const struct mpage *m = &model[i];
		paddr_t pa;
		unsigned prot;

		if (!m->mapped) {
			if (v)
				return "a page mapped that the model says is free";
			if (pmap_lookup(&mm->pmap, va, NULL, NULL, NULL))
				return "a leaf outside every VMA";
			continue;
		}
		mapped++;
		if (!v)
			return "a page the model maps has no VMA";
		if ((v->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) != prot_vm(m->prot))
			return "a VMA's protection differs from the model";
		if (!!(v->vm_flags & VM_SHARED) != m->shared)
			return "shared/private differs from the model";
		if (m->file < 0 ? v->file != NULL : v->file != files[m->file])
			return "a VMA maps the wrong file";
		if (m->file >= 0 && v->pgoff + ((va - vma_start(v)) >> PAGE_SHIFT) != m->pgoff)
			return "a VMA's file offset differs from the model";
		if (pmap_lookup(&mm->pmap, va, &pa, &prot, NULL)) {
			leaves++;
			if ((prot & PMAP_W) && !(m->prot & PROT_WRITE))
				return "a writable leaf in a read-only mapping";
			if (((uint8_t *)host_user_ptr(&mm->pmap, va))[PG - 1] != expected_byte(i))
				return "a page's contents differ from the model";
		}
	}
	if (mm->total_pages != mapped)
		return "total_pages is wrong";
	if (mm->resident_pages != leaves || host_pmap_leaves(&mm->pmap) != leaves)
		return "resident_pages is wrong";
	for (int f = 0; f < NFILES; f++) {
		int vmas = 0;

		for (n = vma_tree_first(&mm->vmas); n; n = vma_tree_next(n))
			vmas += ((struct vma *)n->item)->file == files[f];
		if (files[f]->refcount != 1 + vmas)
			return "a file's reference count is wrong";
	}
	return NULL;
}

/* The model's choice for a non-fixed mmap: the highest free run that fits. */
static long model_place(int pages)
{
	for (int start = NPG - pages; start >= 0; start--) {
		bool free = true;

		for (int i = start; i < start + pages && free; i++)
			free = !model[i].mapped;
		if (free)
			return (long)(W0 + start * PG);
	}
	return -ENOMEM;
}

static void model_unmap(int first, int pages)
{
	for (int i = first; i < first + pages; i++)
		if (i >= 0 && i < NPG)
			model[i] = (struct mpage){ .file = -1 };
}

static const char *const mmap_points[] = {
	"mmap.vma_alloc", "mmap.tree_prealloc", "mmap.split_alloc",
	"mmap.file_link", "mmap.complete",
};

/* One random mmap; returns a reason it went wrong, or NULL. */
static const char *step_mmap(struct mm *mm)
{
	int pages = 1 + (int)rnd(12), file = (int)rnd(NFILES + 2) - 2;
	int prot = (int)rnd(8), how = (int)rnd(3), flags;
	bool shared = file >= 0 && rnd(2);
	uint64_t pgoff = file >= 0 ? rnd(FILE_PAGES - pages + 1) : 0;
	vaddr_t addr = W0 + rnd(NPG - pages + 1) * PG;
	const char *point = NULL;
	long want, got;
	bool fixed = how != 0;

	if (file < 0)
		file = -1;
	flags = (shared ? MAP_SHARED : MAP_PRIVATE) | (file < 0 ? MAP_ANONYMOUS : 0);
	if (how == 1)
		flags |= MAP_FIXED;
	else if (how == 2)
		flags |= MAP_FIXED_NOREPLACE;
	else
		addr = 0;
	if (rnd(4) == 0) {
		point = mmap_points[rnd(ARRAY_SIZE(mmap_points))];
		fault_inject_arm(point, 0, 1);
	}

	want = fixed ? (long)addr : model_place(pages);
	if (how == 2)
		for (int i = page_of(addr); i < page_of(addr) + pages; i++)
			if (model[i].mapped)
				want = -EEXIST;
	got = do_mmap(mm, addr, (size_t)pages * PG, prot, flags,
		      file >= 0 ? files[file] : NULL, pgoff * PG);
	if (point && fault_inject_failures(point)) {
		if (got != -ENOMEM)
			return "an injected failure did not give -ENOMEM";
		if (strcmp(point, "mmap.complete") == 0)
			model_unmap(page_of((vaddr_t)want), pages);	/* now a hole */
		fault_inject_disarm_all();
		return NULL;
	}
	fault_inject_disarm_all();
	if (got != want) {
		printf("# mmap(%#lx, %d pages, prot %d, flags %#x, file %d) = %ld, model %ld\n",
		       addr, pages, prot, flags, file, got, want);
		return "mmap's result differs from the model";
	}
	if (got < 0)
		return NULL;
	for (int i = 0; i < pages; i++)
		model[page_of((vaddr_t)got) + i] = (struct mpage){
			.mapped = true, .prot = prot, .file = file, .shared = shared,
			.pgoff = pgoff + (uint64_t)i,
		};
	return NULL;
}

static const char *step_munmap(struct mm *mm)
{
	int first = (int)rnd(NPG + 8) - 4, pages = 1 + (int)rnd(20);
	bool arm = rnd(5) == 0;
	int err;

	if (first < 0)
		first = 0;
	if (arm)
		fault_inject_arm("vma.split_alloc", rnd(2), 1);
	err = do_munmap(mm, W0 + first * PG, (size_t)pages * PG);
	if (arm && fault_inject_failures("vma.split_alloc")) {
		fault_inject_disarm_all();
		return err == -ENOMEM ? NULL : "a failed split did not give -ENOMEM";
	}
	fault_inject_disarm_all();
	if (err)
		return "munmap failed";
	model_unmap(first, pages);
	return NULL;
}

static const char *step_mprotect(struct mm *mm)
{
	int first = (int)rnd(NPG), pages = 1 + (int)rnd(16), prot = (int)rnd(8);
	bool arm = rnd(5) == 0, hole = false;
	int err, want;

	if (first + pages > NPG)
		pages = NPG - first;
	for (int i = first; i < first + pages; i++)
		hole |= !model[i].mapped;
	want = hole ? -ENOMEM : 0;
	if (arm)
		fault_inject_arm("vma.split_alloc", 0, 1);
	err = do_mprotect(mm, W0 + first * PG, (size_t)pages * PG, prot);
	if (arm && fault_inject_failures("vma.split_alloc")) {
		fault_inject_disarm_all();
		return err == -ENOMEM ? NULL : "a failed split did not give -ENOMEM";
	}
	fault_inject_disarm_all();
	if (err != want)
		return "mprotect's result differs from the model";
	if (!err)
		for (int i = first; i < first + pages; i++)
			model[i].prot = prot;
	return NULL;
}

static const char *step_touch(struct mm *mm)
{
	int i = (int)rnd(NPG), res, want;
	bool write = rnd(2);
	struct mpage *m = &model[i];
	vaddr_t va = W0 + i * PG;
	uint8_t *p;

	if (!m->mapped)
		want = FAULT_SIGSEGV;
	else if (write)
		want = (m->prot & PROT_WRITE) ? FAULT_OK : FAULT_SIGSEGV;
	else
		want = m->prot ? FAULT_OK : FAULT_SIGSEGV;
	res = handle_mm_fault(mm, va, write ? FAULT_WRITE : FAULT_READ);
	if (res != want)
		return "a fault's result differs from the model";
	if (res != FAULT_OK)
		return NULL;
	p = host_user_ptr(&mm->pmap, va);
	if (!p || p[0] != expected_byte(i))
		return "a touched page holds the wrong bytes";
	if (write) {
		uint8_t tag = (uint8_t)(1 + rnd(255));

		memset(p, tag, PG);
		if (m->file >= 0 && m->shared) {
			file_tag[m->file][m->pgoff] = tag;
		} else {
			m->written = true;
			m->tag = tag;
		}
	}
	return NULL;
}

/* Runs one seed; returns a reason it failed, or NULL. */
static const char *fuzz_one(unsigned seed, int steps)
{
	struct mm *mm = mm_create();
	size_t free0;
	const char *why = NULL;

	rng = seed;
	mm->mmap_min = W0;
	mm->mmap_base = W1;
	for (int i = 0; i < NPG; i++)
		model[i] = (struct mpage){ .file = -1 };
	for (int f = 0; f < NFILES; f++)
		for (int p = 0; p < FILE_PAGES; p++)
			memset(page_address(testfile_page(tfs[f], p)), file_tag[f][p], PG);
	free0 = pmem_free_pages();
	for (int s = 0; s < steps && !why; s++) {
		unsigned op = rnd(10);

		if (op < 3)
			why = step_mmap(mm);
		else if (op < 5)
			why = step_munmap(mm);
		else if (op < 7)
			why = step_mprotect(mm);
		else
			why = step_touch(mm);
		if (!why)
			why = check_all(mm);
		if (why)
			printf("# SEED=%u: step %d: %s\n", seed, s, why);
	}
	if (!why && do_munmap(mm, W0, NPG * PG) != 0)
		why = "the final munmap failed";
	if (!why && (mm->map_count || mm->resident_pages || mm->pmap.nr_tables))
		why = "the final munmap left something behind";
	if (!why && pmem_free_pages() > free0)
		why = "more pages free at the end than at the start";
	mm_destroy(mm);
	for (int f = 0; f < NFILES && !why; f++)
		if (files[f]->refcount != 1 || tfs[f]->n.resources != 0)
			why = "a file reference or reservation leaked";
	return why;
}

HTEST(mmap_fuzz_random_operations_match_the_model)
{
	const char *seed_env = getenv("SEED");
	unsigned seeds = getenv("FUZZ_SEEDS") ? (unsigned)atoi(getenv("FUZZ_SEEDS")) : 12;
	int steps = getenv("FUZZ_STEPS") ? atoi(getenv("FUZZ_STEPS")) : 1500;
	size_t free_start;

	host_mm_setup(16384);
	kmalloc_init();
	fault_init();
	for (int f = 0; f < NFILES; f++) {
		tfs[f] = testfile_create(file_kinds[f], FILE_PAGES);
		files[f] = testfile_open(tfs[f], FMODE_READ | FMODE_WRITE);
		for (int p = 0; p < FILE_PAGES; p++)
			file_tag[f][p] = (uint8_t)p;
	}
	free_start = pmem_free_pages();
	for (unsigned i = 0; i < (seed_env ? 1 : seeds); i++) {
		unsigned seed = seed_env ? (unsigned)strtoul(seed_env, NULL, 0) : 1000 + i * 7919;
		const char *why;

		printf("# fuzz SEED=%u, %d steps\n", seed, steps);
		why = fuzz_one(seed, steps);
		if (why) {
			htest_fail(t, __FILE__, __LINE__, why);
			return;
		}
		CHECK(pmem_free_pages() == free_start);
	}
	for (int f = 0; f < NFILES; f++) {
		file_put(files[f]);
		testfile_destroy(tfs[f]);
	}
}
