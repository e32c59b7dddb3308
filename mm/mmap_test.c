/*
 * mm/mmap_test.c - in-kernel tests of mmap, munmap, mprotect and page
 * faults against the port's real page tables.
 *
 * The tests make an address space current and touch its user addresses
 * from the kernel (ktest_uread(), ktest_uwrite()) with the user-access
 * window open: each first touch is a real page fault, taken by the port's
 * trap code and handed to handle_mm_fault(). The contract checks of the host
 * tests run here too, reading frames and protections with pmap_lookup().
 */
#include "kernel/arch.h"
#include "kernel/fault_inject.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/uaccess.h"
#include "mm/mmap_testfile.h"
#include "mm/page.h"
#include "mm/vm.h"

#define PG PAGE_SIZE
#define BASE 0x40000000ul

/* A fresh address space, made current. */
static struct mm *mm_enter(void)
{
	struct mm *mm = mm_create();

	if (mm)
		mm_switch(mm);
	return mm;
}

static void mm_leave(struct mm *mm)
{
	mm_switch(NULL);
	mm_destroy(mm);
}

static struct page *leaf_page(struct mm *mm, vaddr_t va, unsigned *prot)
{
	paddr_t pa;

	if (!pmap_lookup(&mm->pmap, va, &pa, prot, NULL))
		return NULL;
	return pfn_to_page(pa >> PAGE_SHIFT);
}

KTEST(mmap, anonymous_read_maps_the_zero_page_and_write_copies)
{
	struct mm *mm = mm_enter();
	long a;
	unsigned prot;

	KT_ASSERT(mm);
	a = do_mmap(mm, 0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	KT_ASSERT(a > 0);
	KT_EXPECT(ktest_uread(a) == 0);
	KT_EXPECT(leaf_page(mm, a, &prot) == fault_zero_page());
	KT_EXPECT(!(prot & PMAP_W) && (prot & PMAP_USER));
	ktest_uwrite(a + 5, 0x42);
	KT_EXPECT(leaf_page(mm, a, &prot) != fault_zero_page());
	KT_EXPECT(prot & PMAP_W);
	KT_EXPECT(ktest_uread(a + 5) == 0x42 && ktest_uread(a + 6) == 0);
	KT_EXPECT(mm->resident_pages == 1);
	mm_leave(mm);
}

KTEST(mmap, private_file_page_is_copied_on_first_write)
{
	struct testfile *tf = testfile_create(TF_PREPARE, 4);
	struct file *f = tf ? testfile_open(tf, FMODE_READ) : NULL;
	struct mm *mm = mm_enter();
	uint8_t *cache;
	long a;

	KT_ASSERT(tf && f && mm);
	a = do_mmap(mm, 0, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, f, PG);
	KT_ASSERT(a > 0);
	KT_EXPECT(ktest_uread(a + PG) == 2);		/* file page 2 holds 2s */
	KT_EXPECT(leaf_page(mm, a + PG, NULL) == testfile_page(tf, 2));
	ktest_uwrite(a + PG, 0x99);
	KT_EXPECT(leaf_page(mm, a + PG, NULL) != testfile_page(tf, 2));
	KT_EXPECT(ktest_uread(a + PG) == 0x99 && ktest_uread(a + PG + 1) == 2);
	cache = page_address(testfile_page(tf, 2));
	KT_EXPECT(cache[0] == 2);
	KT_EXPECT(tf->n.fault == 1);
	mm_leave(mm);
	KT_EXPECT(testfile_page(tf, 2)->refcount == 1);
	file_put(f);
	testfile_destroy(tf);
}

KTEST(mmap, shared_file_writes_land_in_the_page_cache)
{
	struct testfile *tf = testfile_create(TF_PREPARE, 2);
	struct file *f = tf ? testfile_open(tf, FMODE_READ | FMODE_WRITE) : NULL;
	struct mm *mm = mm_enter();
	long a;

	KT_ASSERT(tf && f && mm);
	a = do_mmap(mm, 0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
	KT_ASSERT(a > 0);
	ktest_uwrite(a + PG + 7, 0x5e);
	KT_EXPECT(((uint8_t *)page_address(testfile_page(tf, 1)))[7] == 0x5e);
	KT_EXPECT(leaf_page(mm, a + PG, NULL) == testfile_page(tf, 1));
	mm_leave(mm);
	file_put(f);
	testfile_destroy(tf);
}

KTEST(mmap, populate_fills_every_page_before_returning)
{
	struct mm *mm = mm_enter();
	long a;

	KT_ASSERT(mm);
	a = do_mmap(mm, 0, 4 * PG, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, NULL, 0);
	KT_ASSERT(a > 0);
	KT_EXPECT(mm->resident_pages == 4);
	for (int i = 0; i < 4; i++)
		KT_EXPECT(leaf_page(mm, a + i * PG, NULL) != NULL);
	mm_leave(mm);
}

KTEST(mmap, split_and_merge_show_in_the_tree_and_the_page_tables)
{
	struct mm *mm = mm_enter();
	size_t tables;
	unsigned prot;

	KT_ASSERT(mm);
	KT_ASSERT(do_mmap(mm, BASE, 8 * PG, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) == (long)BASE);
	for (int i = 0; i < 8; i++)
		ktest_uwrite(BASE + i * PG, (uint8_t)(0x10 + i));
	tables = mm->pmap.nr_tables;
	KT_EXPECT(do_mprotect(mm, BASE + 2 * PG, 3 * PG, PROT_READ) == 0);
	KT_EXPECT(mm->map_count == 3);
	KT_EXPECT(leaf_page(mm, BASE + 3 * PG, &prot) && !(prot & PMAP_W));
	KT_EXPECT(leaf_page(mm, BASE + 5 * PG, &prot) && (prot & PMAP_W));
	KT_EXPECT(do_mprotect(mm, BASE + 2 * PG, 3 * PG, PROT_READ | PROT_WRITE) == 0);
	KT_EXPECT(mm->map_count == 1);
	ktest_uwrite(BASE + 3 * PG, 0x77);		/* its own page: reused, not copied */
	KT_EXPECT(ktest_uread(BASE + 3 * PG) == 0x77 && ktest_uread(BASE + 4 * PG) == 0x14);
	KT_EXPECT(do_munmap(mm, BASE + 2 * PG, 2 * PG) == 0);
	KT_EXPECT(mm->map_count == 2 && mm->resident_pages == 6);
	KT_EXPECT(!leaf_page(mm, BASE + 2 * PG, NULL) && !leaf_page(mm, BASE + 3 * PG, NULL));
	KT_EXPECT(do_munmap(mm, BASE, 8 * PG) == 0);
	KT_EXPECT(mm->map_count == 0 && mm->resident_pages == 0);
	KT_EXPECT(tables > 0 && mm->pmap.nr_tables == 0);
	mm_leave(mm);
}

KTEST(mmap, action_maps_the_frames_before_mmap_returns)
{
	struct testfile *tf = testfile_create(TF_ACTION, 4);
	struct file *f = tf ? testfile_open(tf, FMODE_READ | FMODE_WRITE) : NULL;
	struct mm *mm = mm_enter();
	long a;

	KT_ASSERT(tf && f && mm);
	a = do_mmap(mm, 0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
	KT_ASSERT(a > 0);
	KT_EXPECT(mm->resident_pages == 4);
	KT_EXPECT(leaf_page(mm, a + 3 * PG, NULL) == testfile_page(tf, 3));
	KT_EXPECT(ktest_uread(a + 3 * PG + 100) == 3);
	mm_leave(mm);
	file_put(f);
	testfile_destroy(tf);
}

KTEST(mmap, huge_mapping_uses_a_2mib_leaf_and_refuses_odd_splits)
{
	struct testfile *tf = testfile_create(TF_HUGE, 512);
	struct file *f = tf ? testfile_open(tf, FMODE_READ | FMODE_WRITE) : NULL;
	struct mm *mm = mm_enter();
	size_t size = 0;
	long a;

	KT_ASSERT(tf && f && mm);
	a = do_mmap(mm, 0, HUGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
	KT_ASSERT(a > 0 && IS_ALIGNED((vaddr_t)a, HUGE_SIZE));
	ktest_uwrite(a + 3 * PG, 0xcc);
	KT_EXPECT(pmap_lookup(&mm->pmap, a + 7 * PG, NULL, NULL, &size) && size == HUGE_SIZE);
	KT_EXPECT(do_munmap(mm, a + PG, PG) == -EINVAL);
	KT_EXPECT(do_mprotect(mm, a, PG, PROT_READ) == -EINVAL);
	KT_EXPECT(((uint8_t *)page_address(testfile_page(tf, 0)))[3 * PG] == 0xcc);
	mm_leave(mm);
	file_put(f);
	testfile_destroy(tf);
}

/*
 * The contract against real page tables: an old mapping full of a pattern,
 * then a MAP_FIXED mmap of a file of @kind across it with @point failing.
 */
static void contract_case(struct ktest_ctx *t, const char *point, enum testfile_kind kind)
{
	struct testfile *tf = testfile_create(kind, 8);
	struct file *f = tf ? testfile_open(tf, FMODE_READ | FMODE_WRITE) : NULL;
	struct mm *mm = mm_enter();
	paddr_t pa[8];
	unsigned prot[8];
	long ret;

	KT_ASSERT(tf && f && mm);
	KT_ASSERT(do_mmap(mm, BASE, 8 * PG, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) == (long)BASE);
	for (int i = 0; i < 8; i++) {
		ktest_uwrite(BASE + i * PG, 0xab);
		ktest_uwrite(BASE + i * PG + PG - 1, 0xab);
		pmap_lookup(&mm->pmap, BASE + i * PG, &pa[i], &prot[i], NULL);
	}
	fault_inject_disarm_all();
	fault_inject_arm(point, 0, 1);
	ret = do_mmap(mm, BASE + 2 * PG, 4 * PG, PROT_READ, MAP_SHARED | MAP_FIXED, f, 0);
	if (fault_inject_failures(point) == 0) {
		KT_EXPECT(ret == (long)(BASE + 2 * PG));	/* not on this path */
	} else if (strcmp(point, "mmap.complete") != 0) {
		KT_EXPECT(ret == -ENOMEM);
		KT_EXPECT(tf->n.complete == 0);
		KT_EXPECT(tf->n.abort == (kind == TF_ABORT));
		KT_EXPECT(mm->map_count == 1);
		for (int i = 0; i < 8; i++) {
			paddr_t now;
			unsigned p;

			KT_EXPECT(pmap_lookup(&mm->pmap, BASE + i * PG, &now, &p, NULL));
			KT_EXPECT(now == pa[i] && p == prot[i]);
			KT_EXPECT(ktest_uread(BASE + i * PG) == 0xab && ktest_uread(BASE + i * PG + PG - 1) == 0xab);
		}
	} else {
		KT_EXPECT(ret == -ENOMEM);
		KT_EXPECT(tf->n.complete + tf->n.abort <= 1 && tf->n.close == 1);
		KT_EXPECT(!vma_find(mm, BASE + 2 * PG) && !leaf_page(mm, BASE + 2 * PG, NULL));
		KT_EXPECT(ktest_uread(BASE) == 0xab && ktest_uread(BASE + 7 * PG) == 0xab);
	}
	KT_EXPECT(tf->n.resources == 0 || fault_inject_failures(point) == 0);
	fault_inject_disarm_all();
	mm_leave(mm);
	KT_EXPECT(tf->n.resources == 0 && f->refcount == 1);
	file_put(f);
	testfile_destroy(tf);
}

KTEST(mmap, every_failure_point_keeps_the_contract_for_every_kind_of_file)
{
	static const char *const points[] = {
		"mmap.vma_alloc", "mmap.tree_prealloc", "mmap.split_alloc",
		"mmap.file_link", "mmap.complete",
	};

	for (unsigned p = 0; p < ARRAY_SIZE(points); p++) {
		for (int k = 0; k < TF_NR_KINDS; k++) {
			if (k == TF_HUGE)
				continue;	/* 2 MiB cases: the huge test above */
			contract_case(t, points[p], (enum testfile_kind)k);
			if (t->failed) {
				pr_info("# %s with a %s file broke the contract\n", points[p],
					testfile_kind_name((enum testfile_kind)k));
				return;
			}
		}
	}
}

KTEST(mmap, bad_user_pointers_give_efault_not_a_panic)
{
	struct mm *mm = mm_enter();
	char buf[16] = "atlas";
	long a;

	KT_ASSERT(mm);
	a = do_mmap(mm, 0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	KT_ASSERT(a > 0);
	KT_EXPECT(copy_from_user(buf, (void *)(BASE + 64 * PG), 4) == -EFAULT);
	KT_EXPECT(copy_to_user((void *)a, buf, 4) == -EFAULT);	/* read-only */
	KT_EXPECT(copy_from_user(buf, (void *)a, 8) == 0 && buf[0] == 0);
	KT_EXPECT(copy_from_user(buf, (void *)(uintptr_t)kmain, 4) == -EFAULT);
	KT_EXPECT(copy_to_user((void *)(USER_TOP - 2), buf, 4) == -EFAULT);
	KT_EXPECT(strncpy_from_user(buf, (void *)(BASE + 64 * PG), sizeof(buf)) == -EFAULT);
	KT_EXPECT(strncpy_from_user(buf, (void *)a, sizeof(buf)) == 0);
	mm_leave(mm);
}

KTEST(mmap, user_copies_cross_pages_and_stop_at_the_first_hole)
{
	struct mm *mm = mm_enter();
	static char src[3 * PG / 2], back[3 * PG / 2];
	long a;

	KT_ASSERT(mm);
	a = do_mmap(mm, BASE, 2 * PG, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
	KT_ASSERT(a == (long)BASE);
	for (unsigned i = 0; i < sizeof(src); i++)
		src[i] = (char)(i * 7);
	KT_EXPECT(copy_to_user((void *)(BASE + 100), src, sizeof(src)) == 0);
	KT_EXPECT(copy_from_user(back, (void *)(BASE + 100), sizeof(back)) == 0);
	KT_EXPECT(memcmp(src, back, sizeof(src)) == 0);
	KT_EXPECT(copy_to_user((void *)(BASE + PG), src, 2 * PG) == -EFAULT);
	KT_EXPECT(arch_copy_user((void *)(BASE + PG), src, 2 * PG) == PG);
	memcpy(src, "/sbin/init", 11);
	KT_EXPECT(copy_to_user((void *)(BASE + 2 * PG - 5), src, 5) == 0);
	KT_EXPECT(strncpy_from_user(back, (void *)(BASE + 2 * PG - 5), sizeof(back)) == -EFAULT);
	KT_EXPECT(copy_to_user((void *)BASE, src, 11) == 0);
	KT_EXPECT(strncpy_from_user(back, (void *)BASE, sizeof(back)) == 10);
	KT_EXPECT(strncpy_from_user(back, (void *)BASE, 5) == -ENAMETOOLONG);
	mm_leave(mm);
}
