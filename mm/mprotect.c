/*
 * mm/mprotect.c - changing the protection of mapped memory.
 *
 * The range must be mapped with no holes, and every VMA in it must be
 * allowed the new protection (VM_MAY*). Then, as everywhere in mm/, the
 * edges are planned and their splits allocated before anything changes;
 * the VMAs in the range get their new flags and their leaves the new
 * protection; finally neighbours that have become alike merge again.
 *
 * In a private mapping a leaf is never made writable here: its page may
 * still be shared (the zero page, a page-cache page), so the next write
 * faults and the fault handler copies, or reuses a page it owns alone.
 */
#include "mm/vma_internal.h"
#include "kernel/kernel.h"

/* The leaf protection for @v's current flags. */
static unsigned leaf_prot(const struct vma *v)
{
	unsigned prot = v->page_prot;

	if (!(v->vm_flags & VM_SHARED))
		prot &= ~PMAP_W;
	return prot;
}

/* Is [start, end) covered by VMAs with no hole, each allowing @newflags? */
static int mprotect_check(struct mm *mm, vaddr_t start, vaddr_t end, unsigned long newflags)
{
	struct vma *v = vma_find(mm, start);
	vaddr_t covered = start;

	for (; v && covered < end; v = vma_next(v)) {
		if (vma_start(v) > covered)
			return -ENOMEM;		/* a hole */
		if (((newflags & VM_READ) && !(v->vm_flags & VM_MAYREAD)) ||
		    ((newflags & VM_WRITE) && !(v->vm_flags & VM_MAYWRITE)) ||
		    ((newflags & VM_EXEC) && !(v->vm_flags & VM_MAYEXEC)))
			return -EACCES;
		covered = vma_end(v);
	}
	return covered >= end ? 0 : -ENOMEM;
}

int do_mprotect(struct mm *mm, vaddr_t addr, size_t len, int prot)
{
	unsigned long newflags = 0;
	struct vma *left, *right, *v;
	struct vma_kit kits[2] = { { 0 }, { 0 } };
	vaddr_t end;
	int err;

	if (!IS_ALIGNED(addr, PAGE_SIZE) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	/* Check @len before rounding it up: a length near 2^64 would wrap to 0. */
	if (len > USER_TOP)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = addr + len;
	if (end < addr)
		return -ENOMEM;
	if (len == 0)
		return 0;
	if (prot & PROT_READ)
		newflags |= VM_READ;
	if (prot & PROT_WRITE)
		newflags |= VM_WRITE;
	if (prot & PROT_EXEC)
		newflags |= VM_EXEC;

	mm_lock_write(mm);
	err = mprotect_check(mm, addr, end, newflags);
	if (err)
		goto out_unlock;
	err = vma_plan_edges(mm, addr, end, &left, &right);
	if (err)
		goto out_unlock;
	err = -ENOMEM;
	/* Each cut makes one more VMA; the limit holds here too, as on Linux. */
	if (mm->map_count + (left ? 1 : 0) + (right ? 1 : 0) > mm->max_map_count)
		goto out_unlock;
	if (left && vma_kit_alloc(&kits[0], left->file, "vma.split_alloc"))
		goto out_unlock;
	if (right && vma_kit_alloc(&kits[1], right->file, "vma.split_alloc"))
		goto out_free;

	/* Point of no return. */
	vma_cut_edges(mm, addr, end, left, right, kits);
	for (v = vma_find(mm, addr); v && vma_start(v) < end; v = vma_next(v)) {
		v->vm_flags = (v->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | newflags;
		v->page_prot = (v->page_prot & ~PMAP_PROT_MASK) |
			       (vm_flags_to_prot(newflags) & PMAP_PROT_MASK);
		pmap_protect(&mm->pmap, vma_start(v), vma_end(v), leaf_prot(v));
	}
	/* Neighbours that are alike again become one VMA. */
	v = vma_find(mm, addr);
	if (v && vma_prev(v))
		v = vma_prev(v);
	while (v && vma_start(v) <= end) {
		v = vma_try_merge_around(mm, v);
		v = vma_next(v);
	}
	err = 0;
out_free:
	vma_kit_free(&kits[0]);
	vma_kit_free(&kits[1]);
out_unlock:
	mm_unlock_write(mm);
	return err;
}
