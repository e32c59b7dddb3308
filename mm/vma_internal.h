/*
 * mm/vma_internal.h - helpers shared by mmap, munmap, mprotect and the
 * fault handler: allocating VMA objects, splitting, merging, inserting and
 * destroying VMAs. Only mm/ includes this.
 *
 * Every function here expects mm->lock held for writing ([mm]) unless it
 * says otherwise. Functions that cannot fail say so; they are the ones
 * used after the point of no return.
 */
#ifndef ATLAS_VMA_INTERNAL_H
#define ATLAS_VMA_INTERNAL_H

#include "mm/vm.h"

/* The objects one VMA needs: itself, its tree node, its file link. */
struct vma_kit {
	struct vma *vma;
	struct vma_node *node;
	struct vma_file_link *link;	/* only for a VMA with a file */
};

/* Object caches (mm/mm.c). Each returns NULL when memory is exhausted. */
struct vma *vma_obj_alloc(void);
void vma_obj_free(struct vma *v);
struct vma_node *vma_node_alloc(void);
void vma_node_free(struct vma_node *n);
struct vma_file_link *vma_link_alloc(void);
void vma_link_free(struct vma_file_link *l);

/*
 * vma_kit_alloc() allocates a whole kit (with a file link if @with_file)
 * for a split. Fault-injection point @point fails it. Returns 0 or -ENOMEM
 * (with nothing allocated).
 */
int vma_kit_alloc(struct vma_kit *kit, bool with_file, const char *point);

/* vma_kit_free() frees whatever of @kit is still unused. */
void vma_kit_free(struct vma_kit *kit);

/*
 * vma_may_split() says whether @v may be cut at @addr: 0, or -EINVAL for a
 * 2 MiB mapping cut off a 2 MiB boundary, or when the VMA's owner refuses.
 */
int vma_may_split(struct vma *v, vaddr_t addr);

/*
 * vma_split() cuts @v at @addr, which lies strictly inside it: @v keeps
 * [start, addr) and a new VMA built from @kit gets [addr, end), with its
 * own file reference and vm_ops->open called. Returns the new VMA. Cannot
 * fail; takes the objects out of @kit.
 */
struct vma *vma_split(struct mm *mm, struct vma *v, vaddr_t addr, struct vma_kit *kit);

/*
 * vma_insert() puts a fully built @v (its node's range set) into the tree
 * and, with @link, on its file's mapping list. Cannot fail.
 */
void vma_insert(struct mm *mm, struct vma *v, struct vma_file_link *link);

/*
 * vma_zap() removes the leaves of [start, end) inside @v and drops the
 * pages they held. Cannot fail.
 */
void vma_zap(struct mm *mm, struct vma *v, vaddr_t start, vaddr_t end);

/*
 * vma_destroy() takes @v down completely: its pages, its place in the tree
 * and on the file list, vm_ops->close, its file reference and its objects.
 * Cannot fail.
 */
void vma_destroy(struct mm *mm, struct vma *v);

/*
 * vma_can_join() is true when @hi, whose range starts where @lo's ends,
 * could be one VMA with @lo: same flags, protection, file, operations and
 * private data, continuing file offsets, nothing special, and no close
 * operation (which would see one VMA where there were two). @hi may be a
 * VMA not yet in the tree.
 */
bool vma_can_join(const struct vma *lo, const struct vma *hi);

/*
 * vma_merge_with_next() absorbs @next (adjacent, mergeable) into @v. The
 * leaves stay where they are. Cannot fail.
 */
void vma_merge_with_next(struct mm *mm, struct vma *v, struct vma *next);

/*
 * vma_try_merge_around() merges @v with its neighbours where they allow it,
 * and returns the VMA that now holds @v's range. Cannot fail.
 */
struct vma *vma_try_merge_around(struct mm *mm, struct vma *v);

/* The VMAs before and after @v in address order, or NULL. */
struct vma *vma_prev(struct vma *v);
struct vma *vma_next(struct vma *v);

/* vma_pages() is the number of base pages @v spans. */
static inline size_t vma_pages(const struct vma *v)
{
	return (vma_end(v) - vma_start(v)) >> PAGE_SHIFT;
}

/*
 * vma_plan_edges() finds the VMAs that [start, end) cuts through at its
 * two edges: *left is the VMA containing start and reaching past it (to be
 * cut at start), *right the one containing end - 1 and reaching past end.
 * Either may be NULL, or both the same VMA. Returns 0, or -EINVAL if one
 * of those cuts is not allowed. Changes nothing.
 */
int vma_plan_edges(struct mm *mm, vaddr_t start, vaddr_t end, struct vma **left,
		   struct vma **right);

/*
 * vma_cut_edges() makes [start, end) a union of whole VMAs by splitting
 * the VMAs vma_plan_edges() found, using the kits preallocated for them.
 * Cannot fail.
 */
void vma_cut_edges(struct mm *mm, vaddr_t start, vaddr_t end, struct vma *left,
		   struct vma *right, struct vma_kit kits[2]);

#endif
