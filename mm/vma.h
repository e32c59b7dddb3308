/*
 * mm/vma.h - the VMA tree: non-overlapping [start, end) ranges, ordered,
 * with the largest free gap kept in every subtree.
 *
 * The tree is an AVL tree (heights of two subtrees differ by at most one,
 * so its height is at most 1.44 log2(n + 2)). Each node also records its
 * subtree's first start, last end and the largest gap between two of its
 * ranges; from those, a gap search skips every subtree whose largest gap
 * is too small, so find, insert, remove and gap search are all O(log n).
 *
 * The tree never allocates. Its caller allocates each struct vma_node
 * before the point of no return and hands it to vma_tree_insert(), which
 * cannot fail. The node's @item points back at what the range belongs to
 * (a struct vma), which this file never looks at.
 *
 * This header includes nothing of the kernel's, so the host tests compile
 * the real mm/vma.c.
 *
 * Locking: the tree belongs to an address space and is protected by that
 * mm's lock; every function here expects the caller to hold it ([mm]).
 */
#ifndef ATLAS_VMA_H
#define ATLAS_VMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every range starts and ends on this granule (the base page). */
#define VMA_TREE_GRANULE 4096ul

struct vma_node {
	struct vma_node *left, *right, *parent;	/* [mm] */
	uintptr_t start, end;		/* [mm] the range; start < end */
	uintptr_t sub_first;		/* [mm] lowest start in this subtree */
	uintptr_t sub_last;		/* [mm] highest end in this subtree */
	uintptr_t sub_gap;		/* [mm] largest gap between two ranges in it */
	int height;			/* [mm] 1 for a leaf */
	void *item;			/* [mm] what the range is (a struct vma) */
};

struct vma_tree {
	struct vma_node *root;		/* [mm] */
	size_t count;			/* [mm] ranges in the tree */
	uint64_t visits;		/* [mm] nodes looked at, for the benchmark */
};

/* vma_tree_init() makes @t empty. */
void vma_tree_init(struct vma_tree *t);

/*
 * vma_tree_find() returns the node whose range contains @addr, or if none
 * does, the first node above @addr; NULL if there is none.
 */
struct vma_node *vma_tree_find(struct vma_tree *t, uintptr_t addr);

/*
 * vma_tree_find_overlap() returns the lowest node overlapping
 * [start, end), or NULL.
 */
struct vma_node *vma_tree_find_overlap(struct vma_tree *t, uintptr_t start, uintptr_t end);

/*
 * vma_tree_insert() links @n, whose start, end and item are set. Its range
 * must not overlap any other (vma_tree_check() catches it if it does).
 * Never fails and never allocates.
 */
void vma_tree_insert(struct vma_tree *t, struct vma_node *n);

/* vma_tree_remove() unlinks @n; the caller frees it. */
void vma_tree_remove(struct vma_tree *t, struct vma_node *n);

/*
 * vma_tree_set_range() changes @n's range in place, for a split or a merge.
 * The new range must keep @n's place in the order and not overlap its
 * neighbours. Updates the gap annotations up to the root.
 */
void vma_tree_set_range(struct vma_tree *t, struct vma_node *n, uintptr_t start,
			uintptr_t end);

/* In-order iteration: the lowest and highest nodes, and their neighbours. */
struct vma_node *vma_tree_first(const struct vma_tree *t);
struct vma_node *vma_tree_last(const struct vma_tree *t);
struct vma_node *vma_tree_next(const struct vma_node *n);
struct vma_node *vma_tree_prev(const struct vma_node *n);

/*
 * vma_tree_find_gap() finds room for @len bytes aligned to @align (a power
 * of two, at least VMA_TREE_GRANULE) inside [lo, hi). @topdown picks the
 * highest such address, otherwise the lowest. As Linux does, it looks for a
 * gap of len + align - VMA_TREE_GRANULE bytes, which always holds an
 * aligned block, so the search stays O(log n). Returns true with the
 * address in *@addr, or false when no gap is large enough.
 */
bool vma_tree_find_gap(struct vma_tree *t, uintptr_t lo, uintptr_t hi, size_t len,
		       size_t align, bool topdown, uintptr_t *addr);

/*
 * vma_tree_check() verifies every invariant: order, no overlap, parent
 * links, AVL balance and heights, the subtree annotations and the count.
 * Returns 0, or -1 with a description of the first broken rule in
 * vma_tree_check_error.
 */
int vma_tree_check(const struct vma_tree *t);
extern const char *vma_tree_check_error;

#endif
