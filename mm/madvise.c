/*
 * mm/madvise.c - advice about how memory will be used.
 *
 * Most advice only tunes what a kernel does ahead of time, and Atlas does
 * nothing ahead of time, so it accepts that advice and changes nothing.
 * MADV_DONTNEED is different: it is a promise the program may rely on.
 * Linux drops the pages of the range, so a private anonymous page reads
 * as zeros afterwards, a private file page shows the file again, and a
 * shared page (which lives in the page cache) keeps its data. Atlas does
 * the same by zapping the leaves (vma_zap()); the next access faults the
 * page in afresh. No VMA is split or changed.
 */
#include "mm/vma_internal.h"
#include "kernel/kernel.h"

#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4
#define MADV_FREE	8
#define MADV_DONTFORK	10
#define MADV_DODUMP	17

/* Is @advice one Linux knows and Atlas may take as a hint only? */
static bool madvise_hint_only(int advice)
{
	return (advice >= MADV_NORMAL && advice <= MADV_WILLNEED) ||
	       (advice >= MADV_DONTFORK && advice <= MADV_DODUMP);
}

/* May the pages of @v be dropped? Not raw frames, not 2 MiB pages. */
static bool madvise_may_zap(const struct vma *v, int advice)
{
	if (v->vm_flags & VM_SPECIAL)
		return false;
	/* MADV_FREE is for private anonymous memory only. */
	return advice != MADV_FREE || (!v->file && !(v->vm_flags & VM_SHARED));
}

/*
 * do_madvise() applies @advice to [addr, addr + len). Returns 0; -EINVAL
 * for an unaligned @addr, advice Linux does not know, or pages that may
 * not be dropped (VM_SPECIAL mappings; MADV_FREE of a file or shared
 * mapping), in which case nothing was dropped; -ENOMEM if part of the
 * range is unmapped (the mapped parts still took the advice, as in
 * Linux). @mm must not be locked.
 */
int do_madvise(struct mm *mm, vaddr_t addr, size_t len, int advice)
{
	bool zap = advice == MADV_DONTNEED || advice == MADV_FREE;
	struct vma_node *n;
	struct vma *v;
	vaddr_t end, covered;
	int err = 0;

	if (!IS_ALIGNED(addr, PAGE_SIZE) || (!zap && !madvise_hint_only(advice)))
		return -EINVAL;
	if (len == 0)
		return 0;
	/* Check @len before rounding it up: a length near 2^64 would wrap to 0. */
	if (len > USER_TOP)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (addr > USER_TOP || len > USER_TOP - addr)
		return -EINVAL;
	end = addr + len;

	mm_lock_write(mm);
	n = vma_tree_find_overlap(&mm->vmas, addr, end);
	/* First check every VMA, so a refusal drops nothing. */
	for (v = n ? n->item : NULL; zap && v && vma_start(v) < end; v = vma_next(v)) {
		if (!madvise_may_zap(v, advice)) {
			err = -EINVAL;
			goto out_unlock;
		}
	}
	covered = addr;
	for (v = n ? n->item : NULL; v && vma_start(v) < end; v = vma_next(v)) {
		if (vma_start(v) > covered)
			err = -ENOMEM;		/* a hole before this VMA */
		if (zap)
			vma_zap(mm, v, MAX(addr, vma_start(v)), MIN(end, vma_end(v)));
		covered = vma_end(v);
	}
	if (covered < end)
		err = -ENOMEM;
out_unlock:
	mm_unlock_write(mm);
	return err;
}
