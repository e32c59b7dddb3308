/*
 * mm/kmalloc_test.c - in-kernel tests of the slab caches and kmalloc().
 */
#include "kernel/ktest.h"
#include "kernel/kernel.h"
#include "kernel/arch.h"
#include "mm/kmalloc.h"
#include "mm/page.h"

KTEST(kmalloc, every_size_class_gives_aligned_writable_memory)
{
	static const size_t sizes[] = { 1, 8, 16, 17, 64, 100, 256, 1000, 2048 };
	void *p[ARRAY_SIZE(sizes)];

	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = kmalloc(sizes[i]);
		KT_ASSERT(p[i] != NULL);
		KT_EXPECT(IS_ALIGNED((uintptr_t)p[i], 8));
		memset(p[i], 0xa0 + i, sizes[i]);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		const unsigned char *b = p[i];

		KT_EXPECT(b[0] == 0xa0 + i && b[sizes[i] - 1] == 0xa0 + i);
		kfree(p[i]);
	}
}

KTEST(kmalloc, large_sizes_come_as_whole_pages)
{
	struct kmalloc_stats st;
	void *a = kmalloc(3 * PAGE_SIZE), *b = kmalloc(MiB(1));

	KT_ASSERT(a && b);
	KT_EXPECT(IS_ALIGNED((uintptr_t)a, PAGE_SIZE));
	KT_EXPECT(IS_ALIGNED((uintptr_t)b, PAGE_SIZE));
	kmalloc_get_stats(&st);
	KT_EXPECT(st.large_allocs >= 2);
	KT_EXPECT(st.large_pages >= 4 + 256);
	memset(b, 0x5a, MiB(1));
	kfree(a);
	kfree(b);
}

KTEST(kmalloc, a_full_slab_gets_a_second_and_empty_slabs_return)
{
	static struct kmem_cache c;
	static void *objs[4096 / 64 + 1];
	size_t free_before = pmem_free_pages();

	kmem_cache_init(&c, "test-64", 64);
	KT_EXPECT(c.per_slab == PAGE_SIZE / 64);
	for (unsigned i = 0; i < c.per_slab + 1; i++) {
		objs[i] = kmem_cache_alloc(&c);
		KT_ASSERT(objs[i] != NULL);
	}
	KT_EXPECT(c.nr_slabs == 2);
	KT_EXPECT(c.nr_objects == c.per_slab + 1);
	KT_EXPECT(pmem_free_pages() == free_before - 2);
	for (unsigned i = 0; i < c.per_slab + 1; i++)
		kmem_cache_free(&c, objs[i]);
	KT_EXPECT(c.nr_slabs == 0);
	KT_EXPECT(c.nr_objects == 0);
	KT_EXPECT(pmem_free_pages() == free_before);
	list_remove(&c.caches);
}

KTEST(kmalloc, objects_never_overlap)
{
	enum { N = 200 };
	static unsigned char *p[N];

	for (int i = 0; i < N; i++) {
		p[i] = kmalloc(48);
		KT_ASSERT(p[i] != NULL);
		memset(p[i], i, 48);
	}
	for (int i = 0; i < N; i++) {
		for (int j = 0; j < 48; j++)
			KT_EXPECT(p[i][j] == (unsigned char)i);
		kfree(p[i]);
	}
}

KTEST(kmalloc, zero_and_impossible_sizes_return_null)
{
	KT_EXPECT(kmalloc(0) == NULL);
	KT_EXPECT(kmalloc((size_t)PAGE_SIZE << (PAGE_ORDER_MAX + 1)) == NULL);
	kfree(NULL);
}

KTEST(kmalloc, exhausted_memory_returns_null_and_counters_stay_consistent)
{
	struct list_node taken;
	struct kmalloc_stats before, during;
	struct page *p;
	void *obj;

	kmalloc_get_stats(&before);
	list_init(&taken);
	for (int o = PAGE_ORDER_MAX; o >= 0; o--)
		while ((p = page_alloc(o)) != NULL)
			list_push(&taken, &p->list);
	/* No page left: a large kmalloc and a fresh slab must both fail. */
	KT_EXPECT(kmalloc(PAGE_SIZE * 2) == NULL);
	obj = kzalloc(KMALLOC_MAX_SLAB);
	if (obj) {
		/* A partial slab of that class had room; that is fine. */
		kfree(obj);
	}
	kmalloc_get_stats(&during);
	KT_EXPECT(during.large_allocs == before.large_allocs);
	KT_EXPECT(during.objects == before.objects);
	while (!list_empty(&taken)) {
		p = list_entry(taken.next, struct page, list);
		list_remove(&p->list);
		page_free(p, p->order);
	}
	KT_EXPECT(pmem_check() == 0);
}
