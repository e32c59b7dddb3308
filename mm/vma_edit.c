/*
 * mm/vma_edit.c - changing the set of VMAs: split, merge, insert, zap and
 * destroy.
 *
 * mmap, munmap and mprotect all work the same way: first they plan and
 * allocate (which can fail, and then nothing has changed), then they edit
 * with the functions here, which never allocate and never fail. A split
 * therefore takes a kit of objects its caller allocated beforehand.
 */
#include "mm/vma_internal.h"
#include "mm/page.h"
#include "fs/file.h"
#include "kernel/fault_inject.h"
#include "kernel/kernel.h"

int vma_kit_alloc(struct vma_kit *kit, bool with_file, const char *point)
{
	*kit = (struct vma_kit){ 0 };
	if (should_fail(point))
		return -ENOMEM;
	kit->vma = vma_obj_alloc();
	kit->node = vma_node_alloc();
	if (with_file)
		kit->link = vma_link_alloc();
	if (!kit->vma || !kit->node || (with_file && !kit->link)) {
		vma_kit_free(kit);
		return -ENOMEM;
	}
	return 0;
}

void vma_kit_free(struct vma_kit *kit)
{
	if (kit->vma)
		vma_obj_free(kit->vma);
	if (kit->node)
		vma_node_free(kit->node);
	if (kit->link)
		vma_link_free(kit->link);
	*kit = (struct vma_kit){ 0 };
}

struct vma *vma_prev(struct vma *v)
{
	struct vma_node *n = vma_tree_prev(v->node);

	return n ? n->item : NULL;
}

struct vma *vma_next(struct vma *v)
{
	struct vma_node *n = vma_tree_next(v->node);

	return n ? n->item : NULL;
}

int vma_may_split(struct vma *v, vaddr_t addr)
{
	if ((v->vm_flags & VM_HUGETLB) && !IS_ALIGNED(addr, HUGE_SIZE))
		return -EINVAL;
	if (v->vm_ops && v->vm_ops->may_split)
		return v->vm_ops->may_split(v, addr);
	return 0;
}

/* Puts @v on its file's list of mappings, using @link. */
static void file_link_add(struct vma *v, struct vma_file_link *link)
{
	struct address_space *as = &v->file->inode->mapping;

	link->vma = v;
	list_append(&as->mmaps, &link->node);
	as->nr_mmaps++;
	v->file_link = link;
}

static void file_link_del(struct vma *v)
{
	struct address_space *as = &v->file->inode->mapping;

	list_remove(&v->file_link->node);
	as->nr_mmaps--;
	vma_link_free(v->file_link);
	v->file_link = NULL;
}

void vma_insert(struct mm *mm, struct vma *v, struct vma_file_link *link)
{
	mm_assert_locked(mm);
	v->node->item = v;
	vma_tree_insert(&mm->vmas, v->node);
	if (v->file)
		file_link_add(v, link);
	mm->map_count++;
	mm->total_pages += vma_pages(v);
}

struct vma *vma_split(struct mm *mm, struct vma *v, vaddr_t addr, struct vma_kit *kit)
{
	struct vma *new = kit->vma;
	vaddr_t start = vma_start(v), end = vma_end(v);

	mm_assert_locked(mm);
	assert(addr > start && addr < end && IS_ALIGNED(addr, PAGE_SIZE));
	*new = *v;
	new->node = kit->node;
	new->node->start = addr;
	new->node->end = end;
	new->pgoff = v->pgoff + ((addr - start) >> PAGE_SHIFT);
	new->file_link = NULL;
	/* Shrink first: the tree must never hold two overlapping ranges. */
	vma_tree_set_range(&mm->vmas, v->node, start, addr);
	mm->total_pages -= (end - addr) >> PAGE_SHIFT;
	if (new->file)
		file_get(new->file);
	vma_insert(mm, new, kit->link);
	kit->vma = NULL;
	kit->node = NULL;
	kit->link = NULL;
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	return new;
}

void vma_zap(struct mm *mm, struct vma *v, vaddr_t start, vaddr_t end)
{
	vaddr_t va = start;

	while (va < end) {
		paddr_t pa;
		size_t size;

		if (!pmap_lookup(&mm->pmap, va, &pa, NULL, &size)) {
			va = pmap_hole_end(&mm->pmap, va);	/* not page by page */
			continue;
		}
		/* A huge leaf is never cut: a 2 MiB VMA splits only on 2 MiB. */
		va = ALIGN_DOWN(va, size);
		pa = ALIGN_DOWN(pa, size);
		assert(va >= start && va + size <= end);
		pmap_remove(&mm->pmap, va, va + size);
		mm->resident_pages -= size >> PAGE_SHIFT;
		if (!(v->vm_flags & VM_PFNMAP)) {
			struct page *pg = pfn_to_page(pa >> PAGE_SHIFT);

			assert(pg);
			page_put(pg);
		}
		va += size;
	}
}

void vma_destroy(struct mm *mm, struct vma *v)
{
	mm_assert_locked(mm);
	vma_zap(mm, v, vma_start(v), vma_end(v));
	vma_tree_remove(&mm->vmas, v->node);
	mm->map_count--;
	mm->total_pages -= vma_pages(v);
	if (v->file)
		file_link_del(v);
	if (v->vm_ops && v->vm_ops->close)
		v->vm_ops->close(v);
	if (v->file)
		file_put(v->file);
	vma_node_free(v->node);
	vma_obj_free(v);
}

bool vma_can_join(const struct vma *lo, const struct vma *hi)
{
	if (vma_end(lo) != vma_start(hi))
		return false;
	if (lo->vm_flags != hi->vm_flags || (lo->vm_flags & VM_SPECIAL))
		return false;
	if (lo->page_prot != hi->page_prot || lo->file != hi->file ||
	    lo->vm_ops != hi->vm_ops || lo->private_data != hi->private_data)
		return false;
	if (lo->vm_ops && lo->vm_ops->close)
		return false;	/* close would see one VMA where there were two */
	/* File offsets must continue across the seam. */
	return !lo->file || lo->pgoff + vma_pages(lo) == hi->pgoff;
}

void vma_merge_with_next(struct mm *mm, struct vma *v, struct vma *next)
{
	vaddr_t end = vma_end(next);

	mm_assert_locked(mm);
	assert(vma_end(v) == vma_start(next));
	vma_tree_remove(&mm->vmas, next->node);
	mm->map_count--;
	vma_tree_set_range(&mm->vmas, v->node, vma_start(v), end);
	if (next->file) {
		file_link_del(next);
		file_put(next->file);
	}
	vma_node_free(next->node);
	vma_obj_free(next);
}

struct vma *vma_try_merge_around(struct mm *mm, struct vma *v)
{
	struct vma *prev = vma_prev(v), *next = vma_next(v);

	if (next && vma_can_join(v, next))
		vma_merge_with_next(mm, v, next);
	if (prev && vma_can_join(prev, v)) {
		vma_merge_with_next(mm, prev, v);
		return prev;
	}
	return v;
}

int vma_plan_edges(struct mm *mm, vaddr_t start, vaddr_t end, struct vma **left,
		   struct vma **right)
{
	struct vma *v = vma_find(mm, start);
	struct vma_node *n;
	int err;

	*left = *right = NULL;
	if (v && vma_start(v) < start) {
		err = vma_may_split(v, start);
		if (err)
			return err;
		*left = v;
	}
	n = vma_tree_find(&mm->vmas, end - 1);
	v = n ? n->item : NULL;
	if (v && vma_start(v) < end && vma_end(v) > end) {
		err = vma_may_split(v, end);
		if (err)
			return err;
		*right = v;
	}
	return 0;
}

void vma_cut_edges(struct mm *mm, vaddr_t start, vaddr_t end, struct vma *left,
		   struct vma *right, struct vma_kit kits[2])
{
	if (left) {
		struct vma *upper = vma_split(mm, left, start, &kits[0]);

		if (right == left)
			right = upper;
	}
	if (right)
		vma_split(mm, right, end, &kits[1]);
}

void unmap_mapping_pages(struct address_space *as, uint64_t from)
{
	struct list_node *n;

	list_for_each(n, &as->mmaps) {
		struct vma *v = list_entry(n, struct vma_file_link, node)->vma;
		uint64_t first = v->pgoff, last = v->pgoff + vma_pages(v);
		vaddr_t start;

		if (last <= from)
			continue;
		start = vma_start(v) + ((from > first ? from - first : 0) << PAGE_SHIFT);
		vma_zap(v->mm, v, start, vma_end(v));
	}
}
