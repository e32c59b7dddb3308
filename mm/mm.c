/*
 * mm/mm.c - address spaces: creating and destroying a struct mm, its lock,
 * and the object caches VMAs are made from.
 */
#include "mm/vm.h"
#include "mm/vma_internal.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "kernel/kernel.h"

struct mm *current_mm;

static struct kmem_cache mm_cache, vma_cache, node_cache, link_cache;
static bool caches_ready;

/* The caches are made on first use, so that host tests need no init call. */
static void caches_init(void)
{
	if (caches_ready)
		return;
	kmem_cache_init(&mm_cache, "mm", sizeof(struct mm));
	kmem_cache_init(&vma_cache, "vma", sizeof(struct vma));
	kmem_cache_init(&node_cache, "vma_node", sizeof(struct vma_node));
	kmem_cache_init(&link_cache, "vma_file_link", sizeof(struct vma_file_link));
	caches_ready = true;
}

struct vma *vma_obj_alloc(void)
{
	caches_init();
	return kmem_cache_alloc(&vma_cache);
}

void vma_obj_free(struct vma *v)
{
	kmem_cache_free(&vma_cache, v);
}

struct vma_node *vma_node_alloc(void)
{
	caches_init();
	return kmem_cache_alloc(&node_cache);
}

void vma_node_free(struct vma_node *n)
{
	kmem_cache_free(&node_cache, n);
}

struct vma_file_link *vma_link_alloc(void)
{
	caches_init();
	return kmem_cache_alloc(&link_cache);
}

void vma_link_free(struct vma_file_link *l)
{
	kmem_cache_free(&link_cache, l);
}

struct mm *mm_create(void)
{
	struct mm *mm;

	caches_init();
	mm = kmem_cache_alloc(&mm_cache);
	if (!mm)
		return NULL;
	*mm = (struct mm){
		.max_map_count = MM_DEFAULT_MAX_MAP_COUNT,
		.mmap_base = USER_TOP,
		.mmap_min = USER_BASE,
	};
	vma_tree_init(&mm->vmas);
	if (pmap_create(&mm->pmap) < 0) {
		kmem_cache_free(&mm_cache, mm);
		return NULL;
	}
	return mm;
}

void mm_destroy(struct mm *mm)
{
	struct vma_node *n;

	assert(mm != current_mm);
	mm_lock_write(mm);
	while ((n = vma_tree_first(&mm->vmas)) != NULL)
		vma_destroy(mm, n->item);
	mm_unlock_write(mm);
	assert(mm->map_count == 0 && mm->resident_pages == 0);
	pmap_destroy(&mm->pmap);
	kmem_cache_free(&mm_cache, mm);
}

void mm_lock_write(struct mm *mm)
{
	/* One CPU, no kernel preemption: nobody else can hold it. */
	assert(mm->lock.writers == 0 && mm->lock.readers == 0);
	mm->lock.writers = 1;
}

void mm_unlock_write(struct mm *mm)
{
	assert(mm->lock.writers == 1);
	mm->lock.writers = 0;
}

void mm_assert_locked(struct mm *mm)
{
	assert(mm->lock.writers == 1);
}

void mm_switch(struct mm *mm)
{
	current_mm = mm;
	pmap_activate(mm ? &mm->pmap : pmap_kernel());
}

struct vma *vma_find(struct mm *mm, vaddr_t addr)
{
	struct vma_node *n = vma_tree_find(&mm->vmas, addr);

	return n && n->start <= addr ? n->item : NULL;
}
