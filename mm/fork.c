/*
 * mm/fork.c - copying an address space for fork(), and the heap (brk).
 *
 * mm_fork() walks the parent's VMAs in order. Each copied VMA gets its own
 * objects, a file reference and vm_ops->open. Its leaves are copied as
 * the mapping's kind requires:
 *
 *   shared       the same pages, writable as before (one more reference)
 *   private      the same pages, read-only in both address spaces: the
 *                first write on either side faults and copies
 *                (fault_write_protected() in mm/fault.c)
 *   VM_PFNMAP    the same frames: they belong to a device, not to us
 */
#include "mm/vma_internal.h"
#include "mm/page.h"
#include "fs/file.h"
#include "kernel/kernel.h"

/* Copies the leaves of @v (parent) into @nv's address space (child). */
static int copy_leaves(struct mm *old, struct vma *v, struct mm *new)
{
	vaddr_t va = vma_start(v);

	while (va < vma_end(v)) {
		paddr_t pa;
		unsigned prot;
		size_t size;
		int err;

		if (!pmap_lookup(&old->pmap, va, &pa, &prot, &size)) {
			va = pmap_hole_end(&old->pmap, va);	/* not page by page */
			continue;
		}
		va = ALIGN_DOWN(va, size);
		pa = ALIGN_DOWN(pa, size);
		if (!(v->vm_flags & (VM_SHARED | VM_PFNMAP)) && (prot & PMAP_W)) {
			prot &= ~PMAP_W;	/* copy on write from now on */
			pmap_protect(&old->pmap, va, va + size, prot);
		}
		err = pmap_enter(&new->pmap, va, pa, size, prot);
		if (err)
			return err;
		new->resident_pages += size >> PAGE_SHIFT;
		if (!(v->vm_flags & VM_PFNMAP))
			page_get(pfn_to_page(pa >> PAGE_SHIFT));
		va += size;
	}
	return 0;
}

struct mm *mm_fork(struct mm *old)
{
	struct mm *new = mm_create();
	struct vma_node *n;

	if (!new)
		return NULL;
	mm_lock_write(old);
	mm_lock_write(new);
	new->max_map_count = old->max_map_count;
	new->mmap_base = old->mmap_base;
	new->mmap_min = old->mmap_min;
	new->brk_start = old->brk_start;
	new->brk = old->brk;
	for (n = vma_tree_first(&old->vmas); n; n = vma_tree_next(n)) {
		struct vma *v = n->item, *nv;
		struct vma_kit kit;

		if (v->vm_flags & VM_DONTCOPY)
			continue;
		if (vma_kit_alloc(&kit, v->file, "fork.vma_alloc"))
			goto out_fail;
		nv = kit.vma;
		*nv = *v;
		nv->mm = new;
		nv->node = kit.node;
		nv->node->start = vma_start(v);
		nv->node->end = vma_end(v);
		nv->file_link = NULL;
		if (nv->file)
			file_get(nv->file);
		vma_insert(new, nv, kit.link);
		if (nv->vm_ops && nv->vm_ops->open)
			nv->vm_ops->open(nv);
		if (copy_leaves(old, v, new))
			goto out_fail;
	}
	mm_unlock_write(new);
	mm_unlock_write(old);
	return new;

out_fail:
	mm_unlock_write(new);
	mm_unlock_write(old);
	mm_destroy(new);
	return NULL;
}

vaddr_t mm_brk(struct mm *mm, vaddr_t brk)
{
	vaddr_t old_top = ALIGN_UP(mm->brk, PAGE_SIZE), new_top = ALIGN_UP(brk, PAGE_SIZE);

	if (brk < mm->brk_start || brk > mm->mmap_base)
		return mm->brk;
	if (new_top > old_top) {
		/* Grow: a plain anonymous mapping, merged with the heap before it. */
		if (do_mmap(mm, old_top, new_top - old_top, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, NULL, 0) < 0)
			return mm->brk;
	} else if (new_top < old_top) {
		if (do_munmap(mm, new_top, old_top - new_top) < 0)
			return mm->brk;
	}
	mm->brk = brk;
	return brk;
}
