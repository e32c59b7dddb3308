/*
 * mm/munmap.c - removing mappings.
 *
 * do_munmap() follows the same two halves as do_mmap(): plan and
 * allocate the (at most two) splits at the edges of the range, which can
 * fail and then changes nothing; then cut and destroy, which cannot fail.
 */
#include "mm/vma_internal.h"
#include "kernel/kernel.h"

int do_munmap(struct mm *mm, vaddr_t addr, size_t len)
{
	struct vma *left, *right;
	struct vma_kit kits[2] = { { 0 }, { 0 } };
	struct vma_node *n;
	vaddr_t end;
	int err;

	/* Check @len before rounding it up: a length near 2^64 would wrap to 0. */
	if (!IS_ALIGNED(addr, PAGE_SIZE) || len == 0 || len > USER_TOP)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (addr > USER_TOP || len > USER_TOP - addr)
		return -EINVAL;
	end = addr + len;

	mm_lock_write(mm);
	if (!vma_tree_find_overlap(&mm->vmas, addr, end)) {
		err = 0;	/* nothing mapped there: that is fine */
		goto out_unlock;
	}
	/* Plan the cuts; a 2 MiB mapping refuses one off a 2 MiB boundary. */
	err = vma_plan_edges(mm, addr, end, &left, &right);
	if (err)
		goto out_unlock;
	/* Cutting a hole in the middle of one VMA makes one more VMA. */
	err = -ENOMEM;
	if (left && left == right && mm->map_count >= mm->max_map_count)
		goto out_unlock;
	if (left && vma_kit_alloc(&kits[0], left->file, "vma.split_alloc"))
		goto out_unlock;
	if (right && vma_kit_alloc(&kits[1], right->file, "vma.split_alloc"))
		goto out_free;

	/* Point of no return. */
	vma_cut_edges(mm, addr, end, left, right, kits);
	while ((n = vma_tree_find_overlap(&mm->vmas, addr, end)) != NULL)
		vma_destroy(mm, n->item);
	err = 0;
out_free:
	vma_kit_free(&kits[0]);
	vma_kit_free(&kits[1]);
out_unlock:
	mm_unlock_write(mm);
	return err;
}
