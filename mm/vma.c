/*
 * mm/vma.c - the VMA tree (see mm/vma.h for what it promises).
 *
 * An AVL tree ordered by start address. After any change, every node on
 * the path back to the root has its height and its three subtree
 * annotations recomputed from its children (vma_node_update()), and is
 * rotated if its two subtrees' heights differ by two. A node's annotations
 * depend only on its own subtree, so a rotation needs just the two nodes
 * it moves updated.
 *
 * The gap search walks down from the root. A subtree that lies wholly
 * inside the searched window and whose largest gap is too small is skipped
 * without being entered; a subtree whose largest gap is big enough is
 * certain to hold an answer, so the search descends one path in it.
 * Subtrees that cross an edge of the window lie on at most two paths.
 *
 * Compiled unchanged by the host tests; includes only mm/vma.h.
 */
#include "mm/vma.h"

const char *vma_tree_check_error;

void vma_tree_init(struct vma_tree *t)
{
	t->root = NULL;
	t->count = 0;
	t->visits = 0;
}

static int height(const struct vma_node *n)
{
	return n ? n->height : 0;
}

static uintptr_t max_uptr(uintptr_t a, uintptr_t b)
{
	return a > b ? a : b;
}

/* Recomputes @n's height and annotations from its children. */
static void vma_node_update(struct vma_node *n)
{
	uintptr_t gap = 0;
	int hl = height(n->left), hr = height(n->right);

	n->height = 1 + (hl > hr ? hl : hr);
	n->sub_first = n->left ? n->left->sub_first : n->start;
	n->sub_last = n->right ? n->right->sub_last : n->end;
	if (n->left)
		gap = max_uptr(n->left->sub_gap, n->start - n->left->sub_last);
	if (n->right)
		gap = max_uptr(gap, max_uptr(n->right->sub_gap, n->right->sub_first - n->end));
	n->sub_gap = gap;
}

/* Makes @parent (or the root, if @parent is NULL) point at @new instead of @old. */
static void replace_child(struct vma_tree *t, struct vma_node *parent,
			  struct vma_node *old, struct vma_node *new)
{
	if (!parent)
		t->root = new;
	else if (parent->left == old)
		parent->left = new;
	else
		parent->right = new;
	if (new)
		new->parent = parent;
}

/*
 *     x                y
 *    / \              / \
 *   a   y     ->     x   c
 *      / \          / \
 *     b   c        a   b
 */
static struct vma_node *rotate_left(struct vma_tree *t, struct vma_node *x)
{
	struct vma_node *y = x->right;

	replace_child(t, x->parent, x, y);
	x->right = y->left;
	if (y->left)
		y->left->parent = x;
	y->left = x;
	x->parent = y;
	vma_node_update(x);
	vma_node_update(y);
	return y;
}

/* The mirror image of rotate_left(). */
static struct vma_node *rotate_right(struct vma_tree *t, struct vma_node *x)
{
	struct vma_node *y = x->left;

	replace_child(t, x->parent, x, y);
	x->left = y->right;
	if (y->right)
		y->right->parent = x;
	y->right = x;
	x->parent = y;
	vma_node_update(x);
	vma_node_update(y);
	return y;
}

/*
 * Walks from @n towards the root, updating annotations and restoring the
 * AVL balance at every node on the way. With @may_stop, a node whose
 * height and annotations come out unchanged, with no rotation, leaves
 * everything above it as it was, so the walk stops there; that needs every
 * node above @n to be up to date for the tree as it was.
 */
static void rebalance_up(struct vma_tree *t, struct vma_node *n, bool may_stop)
{
	while (n) {
		struct vma_node old = *n;
		int bf;

		t->visits++;
		vma_node_update(n);
		bf = height(n->left) - height(n->right);
		if (bf > 1) {
			if (height(n->left->left) < height(n->left->right))
				rotate_left(t, n->left);
			n = rotate_right(t, n);
		} else if (bf < -1) {
			if (height(n->right->right) < height(n->right->left))
				rotate_right(t, n->right);
			n = rotate_left(t, n);
		} else if (may_stop && n->height == old.height && n->sub_first == old.sub_first &&
			   n->sub_last == old.sub_last && n->sub_gap == old.sub_gap) {
			return;
		}
		n = n->parent;
	}
}

struct vma_node *vma_tree_find(struct vma_tree *t, uintptr_t addr)
{
	struct vma_node *n = t->root, *best = NULL;

	while (n) {
		t->visits++;
		if (addr < n->end) {
			best = n;
			if (addr >= n->start)
				return n;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return best;
}

struct vma_node *vma_tree_find_overlap(struct vma_tree *t, uintptr_t start, uintptr_t end)
{
	struct vma_node *n = vma_tree_find(t, start);

	return n && n->start < end ? n : NULL;
}

void vma_tree_insert(struct vma_tree *t, struct vma_node *n)
{
	struct vma_node *parent = NULL, **link = &t->root;

	while (*link) {
		parent = *link;
		t->visits++;
		link = n->start < parent->start ? &parent->left : &parent->right;
	}
	n->left = n->right = NULL;
	n->parent = parent;
	*link = n;
	t->count++;
	vma_node_update(n);
	rebalance_up(t, parent, true);
}

void vma_tree_remove(struct vma_tree *t, struct vma_node *n)
{
	struct vma_node *fix;
	bool may_stop = true;

	if (n->left && n->right) {
		/* Put n's successor s (the leftmost node on its right) in n's place. */
		struct vma_node *s = n->right;

		while (s->left)
			s = s->left;
		if (s->parent == n) {
			fix = s;
		} else {
			fix = s->parent;
			fix->left = s->right;
			if (s->right)
				s->right->parent = fix;
			s->right = n->right;
			n->right->parent = s;
		}
		s->left = n->left;
		n->left->parent = s;
		replace_child(t, n->parent, n, s);
		/* s's annotations are stale until the walk passes it: no early stop. */
		may_stop = false;
	} else {
		struct vma_node *child = n->left ? n->left : n->right;

		fix = n->parent;
		replace_child(t, n->parent, n, child);
	}
	n->left = n->right = n->parent = NULL;
	t->count--;
	rebalance_up(t, fix, may_stop);
}

void vma_tree_set_range(struct vma_tree *t, struct vma_node *n, uintptr_t start,
			uintptr_t end)
{
	n->start = start;
	n->end = end;
	/* The order is unchanged, so only the annotations on the path move. */
	for (; n; n = n->parent) {
		t->visits++;
		vma_node_update(n);
	}
}

struct vma_node *vma_tree_first(const struct vma_tree *t)
{
	struct vma_node *n = t->root;

	while (n && n->left)
		n = n->left;
	return n;
}

struct vma_node *vma_tree_last(const struct vma_tree *t)
{
	struct vma_node *n = t->root;

	while (n && n->right)
		n = n->right;
	return n;
}

struct vma_node *vma_tree_next(const struct vma_node *n)
{
	if (n->right) {
		n = n->right;
		while (n->left)
			n = n->left;
		return (struct vma_node *)n;
	}
	while (n->parent && n->parent->right == n)
		n = n->parent;
	return n->parent;
}

struct vma_node *vma_tree_prev(const struct vma_node *n)
{
	if (n->left) {
		n = n->left;
		while (n->right)
			n = n->right;
		return (struct vma_node *)n;
	}
	while (n->parent && n->parent->left == n)
		n = n->parent;
	return n->parent;
}

/* ---- gap search ------------------------------------------------------------ */

/* What a gap search looks for: @need bytes inside [lo, hi). */
struct gap_query {
	uintptr_t lo, hi;
	uintptr_t need;
	bool topdown;
	uintptr_t found_lo, found_hi;	/* the gap, clipped to [lo, hi) */
};

/* Does the gap [a, b), clipped to the window, hold the request? */
static bool gap_fits(struct gap_query *q, uintptr_t a, uintptr_t b)
{
	if (a < q->lo)
		a = q->lo;
	if (b > q->hi)
		b = q->hi;
	if (a >= b || b - a < q->need)
		return false;
	q->found_lo = a;
	q->found_hi = b;
	return true;
}

/*
 * Searches the gaps between the ranges of subtree @n, lowest first (or
 * highest first when q->topdown). Returns true when one fits.
 */
static bool gap_search(struct vma_tree *t, struct vma_node *n, struct gap_query *q)
{
	bool inside;

	if (!n || n->sub_last <= q->lo || n->sub_first >= q->hi)
		return false;	/* no gap of this subtree touches the window */
	inside = n->sub_first >= q->lo && n->sub_last <= q->hi;
	if (inside && n->sub_gap < q->need)
		return false;	/* every gap here is too small */
	t->visits++;
	if (!q->topdown) {
		if (gap_search(t, n->left, q))
			return true;
		if (n->left && gap_fits(q, n->left->sub_last, n->start))
			return true;
		if (n->right && gap_fits(q, n->end, n->right->sub_first))
			return true;
		return gap_search(t, n->right, q);
	}
	if (gap_search(t, n->right, q))
		return true;
	if (n->right && gap_fits(q, n->end, n->right->sub_first))
		return true;
	if (n->left && gap_fits(q, n->left->sub_last, n->start))
		return true;
	return gap_search(t, n->left, q);
}

bool vma_tree_find_gap(struct vma_tree *t, uintptr_t lo, uintptr_t hi, size_t len,
		       size_t align, bool topdown, uintptr_t *addr)
{
	struct gap_query q = { .lo = lo, .hi = hi, .topdown = topdown };
	struct vma_node *r = t->root;
	uintptr_t slack = align > VMA_TREE_GRANULE ? align - VMA_TREE_GRANULE : 0;
	bool found;

	if (len == 0 || len > hi - lo || slack > hi - lo - len)
		return false;
	q.need = len + slack;
	if (!r) {
		found = gap_fits(&q, lo, hi);
	} else if (!topdown) {
		found = gap_fits(&q, lo, r->sub_first) || gap_search(t, r, &q) ||
			gap_fits(&q, r->sub_last, hi);
	} else {
		found = gap_fits(&q, r->sub_last, hi) || gap_search(t, r, &q) ||
			gap_fits(&q, lo, r->sub_first);
	}
	if (!found)
		return false;
	if (!topdown)
		*addr = (q.found_lo + align - 1) & ~(uintptr_t)(align - 1);
	else
		*addr = (q.found_hi - len) & ~(uintptr_t)(align - 1);
	return true;
}

/* ---- the invariant check ------------------------------------------------- */

/* Checks subtree @n; returns its height, or -1 after setting the error. */
static int check_subtree(const struct vma_node *n, const struct vma_node *parent,
			 const struct vma_node **prev, size_t *count)
{
	int hl, hr;
	uintptr_t first, last, gap = 0;

	if (!n)
		return 0;
	if (n->parent != parent) {
		vma_tree_check_error = "a node's parent link is wrong";
		return -1;
	}
	hl = check_subtree(n->left, n, prev, count);
	if (hl < 0)
		return -1;
	if (n->start >= n->end) {
		vma_tree_check_error = "a range is empty or inverted";
		return -1;
	}
	if (*prev && (*prev)->end > n->start) {
		vma_tree_check_error = (*prev)->start >= n->start ?
			"ranges are out of order" : "two ranges overlap";
		return -1;
	}
	*prev = n;
	(*count)++;
	hr = check_subtree(n->right, n, prev, count);
	if (hr < 0)
		return -1;
	if (hl - hr > 1 || hr - hl > 1) {
		vma_tree_check_error = "a node is out of AVL balance";
		return -1;
	}
	if (n->height != 1 + (hl > hr ? hl : hr)) {
		vma_tree_check_error = "a node's height is stale";
		return -1;
	}
	first = n->left ? n->left->sub_first : n->start;
	last = n->right ? n->right->sub_last : n->end;
	if (n->left)
		gap = max_uptr(n->left->sub_gap, n->start - n->left->sub_last);
	if (n->right)
		gap = max_uptr(gap, max_uptr(n->right->sub_gap, n->right->sub_first - n->end));
	if (n->sub_first != first || n->sub_last != last || n->sub_gap != gap) {
		vma_tree_check_error = "a node's gap annotation is stale";
		return -1;
	}
	return n->height;
}

int vma_tree_check(const struct vma_tree *t)
{
	const struct vma_node *prev = NULL;
	size_t count = 0;

	vma_tree_check_error = NULL;
	if (check_subtree(t->root, NULL, &prev, &count) < 0)
		return -1;
	if (count != t->count) {
		vma_tree_check_error = "the node count is wrong";
		return -1;
	}
	return 0;
}
