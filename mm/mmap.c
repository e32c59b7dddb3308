/*
 * mm/mmap.c - how a mapping request becomes a VMA.
 *
 * do_mmap() is the whole story, in eight steps (design.md §1). Until step 6
 * nothing visible changes, so a failure anywhere before it leaves the
 * address space exactly as it was, MAP_FIXED's old mapping included:
 *
 *   1. validate the arguments                         can fail: -errno
 *   2. choose the range                               can fail: -ENOMEM, -EEXIST
 *   3. plan: which VMAs the range cuts, which splits  can fail: -EINVAL
 *   4. the file's mmap_prepare(desc)                  can fail: prepare undid itself
 *   5. preallocate everything step 6 needs            can fail: mmap_abort, free, return
 *   6. POINT OF NO RETURN: unmap the old range, insert the new VMA or
 *      extend a neighbour. Never allocates, never fails.
 *   7. the descriptor's action, then mmap_complete    can fail: unmap the new VMA
 *   8. unlock; MAP_POPULATE prefaults                 best effort
 *
 * After a successful prepare exactly one of mmap_complete (step 7) or
 * mmap_abort (step 5) runs, never both and never neither. docs/mmap.md
 * walks through it with the failure table.
 */
#include "mm/vma_internal.h"
#include "mm/page.h"
#include "fs/file.h"
#include "kernel/fault_inject.h"
#include "kernel/kernel.h"

unsigned vm_flags_to_prot(unsigned long vm_flags)
{
	unsigned prot = PMAP_USER;

	if (vm_flags & VM_READ)
		prot |= PMAP_R;
	/*
	 * Writable or executable means readable too, on both ports, as
	 * handle_mm_fault() assumes: a private mapping's leaves lose PMAP_W
	 * until the first write (copy on write), and a write-only one would
	 * be left with no access at all; an execute-only leaf cannot be read
	 * on riscv64. The fault handler would take either for a page that is
	 * mapped already, and fault again forever.
	 */
	if (vm_flags & VM_WRITE)
		prot |= PMAP_R | PMAP_W;
	if (vm_flags & VM_EXEC)
		prot |= PMAP_R | PMAP_X;
	return prot;
}

/* The VM_* flags of a new mapping, from mmap's prot and flags. */
static unsigned long calc_vm_flags(int prot, int flags, struct file *file)
{
	unsigned long vm = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	if (prot & PROT_READ)
		vm |= VM_READ;
	if (prot & PROT_WRITE)
		vm |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm |= VM_EXEC;
	if ((flags & MAP_TYPE) != MAP_PRIVATE) {
		vm |= VM_SHARED | VM_MAYSHARE;
		/* A shared mapping of a read-only file can never become writable. */
		if (file && !(file->f_mode & FMODE_WRITE))
			vm &= ~VM_MAYWRITE;
	}
	return vm;
}

long mm_get_unmapped_area(struct mm *mm, vaddr_t hint, size_t len, size_t align)
{
	vaddr_t addr;

	if (hint) {
		hint = ALIGN_UP(hint, align);
		if (hint >= mm->mmap_min && len <= mm->mmap_base && hint <= mm->mmap_base - len &&
		    !vma_tree_find_overlap(&mm->vmas, hint, hint + len))
			return (long)hint;
	}
	if (vma_tree_find_gap(&mm->vmas, mm->mmap_min, mm->mmap_base, len, align, true, &addr))
		return (long)addr;
	return -ENOMEM;
}

/* Step 1: the checks that need no lock. Returns 0 or a negative errno. */
static int mmap_validate(struct mm *mm, vaddr_t addr, size_t len, int prot, int flags,
			 struct file *file, uint64_t off)
{
	const struct file_operations *fop = file ? file->f_op : NULL;
	uint64_t pgoff = off >> PAGE_SHIFT;

	(void)prot;
	switch (flags & MAP_TYPE) {
	case MAP_PRIVATE:
	case MAP_SHARED:
		break;
	case MAP_SHARED_VALIDATE:
		if (flags & ~(MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_NORESERVE |
			      MAP_POPULATE | MAP_FIXED_NOREPLACE))
			return -EOPNOTSUPP;
		break;
	default:
		return -EINVAL;
	}
	if (len == 0 || !IS_ALIGNED(off, PAGE_SIZE))
		return -EINVAL;
	if (len > USER_TOP)
		return -ENOMEM;
	if (pgoff + (ALIGN_UP(len, PAGE_SIZE) >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (!IS_ALIGNED(addr, PAGE_SIZE))
			return -EINVAL;
		if (addr > USER_TOP - ALIGN_UP(len, PAGE_SIZE))
			return -ENOMEM;
		if (addr < mm->mmap_min)
			return -EPERM;
	}
	if (!file) {
		if ((flags & MAP_TYPE) != MAP_PRIVATE)
			return -EINVAL;	/* the mmap system call backs it with a shmem file */
		return 0;
	}
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if ((flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE) &&
	    !(file->f_mode & FMODE_WRITE))
		return -EACCES;
	if (!fop || !fop->mmap_prepare) {
		if (fop && (fop->mmap_complete || fop->mmap_abort))
			pr_warn("warning: file has mmap_complete/abort without mmap_prepare\n");
		return -ENODEV;
	}
	return 0;
}

/* Step 2: where the mapping goes. Returns the address or a negative errno. */
static long mmap_choose_range(struct mm *mm, vaddr_t addr, size_t len, int flags,
			      struct file *file, uint64_t pgoff)
{
	if (flags & MAP_FIXED_NOREPLACE) {
		if (vma_tree_find_overlap(&mm->vmas, addr, addr + len))
			return -EEXIST;
		return (long)addr;
	}
	if (flags & MAP_FIXED)
		return (long)addr;
	if (file && file->f_op->get_unmapped_area)
		return file->f_op->get_unmapped_area(file, mm, addr, len, pgoff, flags);
	return mm_get_unmapped_area(mm, addr, len, PAGE_SIZE);
}

int remap_pfn_range(struct vma *vma, vaddr_t addr, uint64_t pfn, size_t size)
{
	struct mm *mm = vma->mm;
	unsigned prot = vma->page_prot;

	if (!(vma->vm_flags & VM_PFNMAP) || addr < vma_start(vma) ||
	    size > vma_end(vma) - addr || !IS_ALIGNED(size, PAGE_SIZE))
		return -EINVAL;
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		int err = pmap_enter(&mm->pmap, addr + off, (pfn << PAGE_SHIFT) + off,
				     PAGE_SIZE, prot);

		if (err)
			return err;	/* the caller unmaps what was entered */
		mm->resident_pages++;
	}
	return 0;
}

/* Step 7a: carry out the action prepare recorded in the descriptor. */
static int mmap_run_action(struct vma *vma, const struct mmap_action *act)
{
	int err = 0;

	switch (act->kind) {
	case MMAP_ACTION_NONE:
		return 0;
	case MMAP_ACTION_REMAP_PFN:
		err = remap_pfn_range(vma, vma_start(vma), act->pfn, act->size);
		break;
	}
	if (!err && act->success_hook)
		err = act->success_hook(vma);
	else if (err && act->error_hook)
		err = act->error_hook(err);
	return err;
}

/*
 * Step 6, the insertion half: put @v (fully built) into the tree, or, for
 * a plain mapping, extend a neighbour it can join instead. Returns the VMA
 * that now holds the range. Never fails.
 */
static struct vma *mmap_insert_or_merge(struct mm *mm, struct vma_kit *kit, bool mergeable)
{
	struct vma *v = kit->vma, *prev = NULL, *next = NULL;
	struct vma_node *n;
	vaddr_t start = kit->node->start, end = kit->node->end;

	v->node = kit->node;
	if (mergeable) {
		n = vma_tree_find(&mm->vmas, start);
		next = n && n->start == end ? n->item : NULL;
		n = n ? vma_tree_prev(n) : vma_tree_last(&mm->vmas);
		prev = n && n->end == start ? n->item : NULL;
	}
	if (prev && vma_can_join(prev, v)) {
		vma_tree_set_range(&mm->vmas, prev->node, vma_start(prev), end);
		mm->total_pages += (end - start) >> PAGE_SHIFT;
		if (next && vma_can_join(prev, next))
			vma_merge_with_next(mm, prev, next);
		return prev;		/* the kit stays unused; the caller frees it */
	}
	if (next && vma_can_join(v, next)) {
		vma_tree_set_range(&mm->vmas, next->node, start, vma_end(next));
		next->pgoff = v->pgoff;
		mm->total_pages += (end - start) >> PAGE_SHIFT;
		return next;
	}
	vma_insert(mm, v, kit->link);
	kit->vma = NULL;
	kit->node = NULL;
	kit->link = NULL;
	return v;
}

/*
 * Step 8: fault every page in now (MAP_POPULATE). It stops at the first
 * page that fails (out of memory, a hole): the rest is left for later
 * faults, and a huge mapping never means billions of failing tries.
 */
static void mmap_populate(struct mm *mm, vaddr_t start, vaddr_t end, unsigned long vm_flags)
{
	unsigned access = (vm_flags & VM_WRITE) ? FAULT_WRITE : FAULT_READ;

	for (vaddr_t va = start; va < end; va += PAGE_SIZE)
		if (handle_mm_fault(mm, va, access) != FAULT_OK)
			break;
}

long do_mmap(struct mm *mm, vaddr_t addr, size_t len, int prot, int flags,
	     struct file *file, uint64_t off)
{
	const struct file_operations *fop = file ? file->f_op : NULL;
	struct vma *left = NULL, *right = NULL, *vma;
	struct vma_kit kit = { 0 }, splits[2] = { { 0 }, { 0 } };
	uint64_t pgoff = off >> PAGE_SHIFT;
	bool prepared = false, mergeable;
	unsigned long vm_flags;
	vaddr_t start, end;
	long ret;
	int err;

	/* 1. Validate. */
	err = mmap_validate(mm, addr, len, prot, flags, file, off);
	if (err)
		return err;
	len = ALIGN_UP(len, PAGE_SIZE);
	vm_flags = calc_vm_flags(prot, flags, file);
	if (!file)
		pgoff = 0;

	mm_lock_write(mm);
	if (mm->map_count >= mm->max_map_count) {
		ret = -ENOMEM;
		goto out_unlock;
	}

	/* 2. Choose the range. */
	ret = mmap_choose_range(mm, addr, len, flags, file, pgoff);
	if (ret < 0)
		goto out_unlock;
	start = (vaddr_t)ret;
	end = start + len;

	/* 3. Plan: which old VMAs the range cuts at its edges. Nothing changes. */
	err = vma_plan_edges(mm, start, end, &left, &right);
	if (err) {
		ret = err;
		goto out_unlock;
	}

	/* 4. Let the file configure the mapping; it sees no VMA. */
	struct vm_area_desc desc = {
		.mm = mm, .start = start, .end = end,
		.pgoff = pgoff, .file = file, .vm_flags = vm_flags,
		.page_prot = vm_flags_to_prot(vm_flags),
	};
	if (fop) {
		err = fop->mmap_prepare(&desc);
		if (err) {
			ret = err;	/* prepare undid its own work */
			goto out_unlock;
		}
		prepared = true;
	}
	/* A special mapping, or one with hooks or an action, never merges. */
	mergeable = !(desc.vm_flags & VM_SPECIAL) && desc.action.kind == MMAP_ACTION_NONE &&
		    !(fop && (fop->mmap_complete || fop->mmap_abort));

	/* 5. Preallocate everything step 6 needs. */
	ret = -ENOMEM;
	if (left && vma_kit_alloc(&splits[0], left->file, "mmap.split_alloc"))
		goto out_abort;
	if (right && vma_kit_alloc(&splits[1], right->file, "mmap.split_alloc"))
		goto out_abort;
	if (should_fail("mmap.vma_alloc") || !(kit.vma = vma_obj_alloc()))
		goto out_abort;
	if (should_fail("mmap.tree_prealloc") || !(kit.node = vma_node_alloc()))
		goto out_abort;
	if (desc.file && (should_fail("mmap.file_link") || !(kit.link = vma_link_alloc())))
		goto out_abort;
	*kit.vma = (struct vma){
		.mm = mm, .vm_flags = desc.vm_flags, .page_prot = desc.page_prot,
		.pgoff = desc.pgoff, .file = desc.file, .vm_ops = desc.vm_ops,
		.private_data = desc.private_data,
	};
	kit.node->start = start;
	kit.node->end = end;
	kit.node->item = kit.vma;
	kit.vma->node = kit.node;

	/* 6. Point of no return. From here on nothing allocates or fails. */
	if (left || right || vma_tree_find_overlap(&mm->vmas, start, end)) {
		struct vma_node *n;

		vma_cut_edges(mm, start, end, left, right, splits);
		while ((n = vma_tree_find_overlap(&mm->vmas, start, end)) != NULL)
			vma_destroy(mm, n->item);
	}
	/* The VMA keeps the file reference: its own, or the one prepare passed. */
	if (desc.file && desc.file == file)
		file_get(file);
	vma = mmap_insert_or_merge(mm, &kit, mergeable);
	if (vma != kit.vma && kit.vma && desc.file)
		file_put(desc.file);	/* merged: the neighbour holds its own */
	vma_kit_free(&kit);

	/* 7. The action, then mmap_complete, with the VMA in the tree. */
	if (!mergeable) {
		err = mmap_run_action(vma, &desc.action);
		if (!err && fop && fop->mmap_complete)
			err = fop->mmap_complete(file, vma, desc.ctx);
		if (!err && (desc.action.kind != MMAP_ACTION_NONE ||
			     (fop && fop->mmap_complete)) && should_fail("mmap.complete"))
			err = -ENOMEM;
		if (err) {
			vma_destroy(mm, vma);	/* close runs once; the range is a hole */
			mm_unlock_write(mm);
			return err;
		}
	}
	mm_unlock_write(mm);

	/* 8. Prefault. */
	if (flags & MAP_POPULATE)
		mmap_populate(mm, start, end, desc.vm_flags);
	return (long)start;

out_abort:
	if (prepared && fop->mmap_abort)
		fop->mmap_abort(file, desc.private_data, desc.ctx);
	if (desc.file && desc.file != file)
		file_put(desc.file);	/* the file prepare substituted */
	vma_kit_free(&kit);
	vma_kit_free(&splits[0]);
	vma_kit_free(&splits[1]);
out_unlock:
	mm_unlock_write(mm);
	return ret;
}
