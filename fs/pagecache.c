/*
 * fs/pagecache.c - the page cache's radix tree and the generic file fault.
 *
 * A node at level shift s covers 64 << s page indexes; slot i of it holds
 * the subtree (or, at shift 0, the page) for the indexes whose bits
 * [s, s + 6) are i. The root's shift is the tree's height less one, times
 * six: a root at shift 12 holds the indexes below 2^18. Eleven levels cover
 * every 64-bit index.
 *
 * Invariants (pagecache_check() verifies them): every node has at least
 * one slot in use, and count says how many; a child's shift is its
 * parent's less 6; the root uses a slot other than 0 unless its shift is 0,
 * so the height is the least that holds the largest index; nr_pages counts
 * the pages, each of which holds the cache's reference.
 *
 * Insertion allocates every node it will need first and only then links
 * them in, so an allocation failure leaves the tree untouched, in the
 * prepare-then-commit style of do_mmap().
 */
#include "fs/pagecache.h"
#include "mm/vm.h"
#include "mm/page.h"
#include "mm/kmalloc.h"
#include "kernel/fault_inject.h"
#include "kernel/kernel.h"

#define PAGECACHE_MASK (PAGECACHE_SLOTS - 1)
/* Levels enough for a 64-bit index: 11 levels of 6 bits. */
#define PAGECACHE_MAX_HEIGHT 11
#define PAGECACHE_MAX_SHIFT ((PAGECACHE_MAX_HEIGHT - 1) * PAGECACHE_SHIFT)

struct pagecache_node {
	uint8_t shift;			/* index bits below this level: 0 for leaves */
	uint8_t count;			/* slots in use */
	void *slots[PAGECACHE_SLOTS];	/* child nodes, or pages at shift 0 */
};

static struct kmem_cache node_cache;
static bool node_cache_ready;

/* The cache is made on first use, so that host tests need no init call. */
static struct pagecache_node *node_alloc(unsigned shift)
{
	struct pagecache_node *n;

	if (!node_cache_ready) {
		kmem_cache_init(&node_cache, "pagecache_node", sizeof(struct pagecache_node));
		node_cache_ready = true;
	}
	if (should_fail("pagecache.node_alloc"))
		return NULL;
	n = kmem_cache_alloc(&node_cache);
	if (!n)
		return NULL;
	memset(n, 0, sizeof(*n));
	n->shift = (uint8_t)shift;
	return n;
}

static void node_free(struct pagecache_node *n)
{
	kmem_cache_free(&node_cache, n);
}

/* The slot of @n that @index goes through. */
static unsigned slot_of(const struct pagecache_node *n, uint64_t index)
{
	return (unsigned)(index >> n->shift) & PAGECACHE_MASK;
}

/* Does a node at @shift cover @index, i.e. is index < 64 << shift? */
static bool shift_covers(unsigned shift, uint64_t index)
{
	return shift + PAGECACHE_SHIFT >= 64 || (index >> (shift + PAGECACHE_SHIFT)) == 0;
}

/* The root shift a tree needs to hold @index. */
static unsigned shift_for(uint64_t index)
{
	unsigned shift = 0;

	while (!shift_covers(shift, index))
		shift += PAGECACHE_SHIFT;
	return shift;
}

/* The page at @index, without taking a reference, or NULL. */
static struct page *tree_find(const struct address_space *as, uint64_t index)
{
	struct pagecache_node *n = as->page_tree;

	if (!n || !shift_covers(n->shift, index))
		return NULL;
	while (n->shift > 0) {
		n = n->slots[slot_of(n, index)];
		if (!n)
			return NULL;
	}
	return n->slots[slot_of(n, index)];
}

struct page *pagecache_lookup(struct address_space *as, uint64_t index)
{
	struct page *pg = tree_find(as, index);

	if (pg)
		page_get(pg);
	return pg;
}

/* ---- insertion -------------------------------------------------------------- */

/* The nodes one insertion may need: a new top chain and a new path. */
struct node_pool {
	struct pagecache_node *node[2 * PAGECACHE_MAX_HEIGHT];
	unsigned nr, used;
};

/* How many nodes inserting at @index must add to the tree of @as. */
static unsigned nodes_needed(const struct address_space *as, uint64_t index)
{
	const struct pagecache_node *n = as->page_tree;
	unsigned need = shift_for(index);

	if (!n)
		return need / PAGECACHE_SHIFT + 1;
	if (need > n->shift) {
		/*
		 * New levels on top, the old root in slot 0 of the lowest;
		 * @index's slot in the new top is not 0, so every node on its
		 * path below the top is new as well.
		 */
		return (need - n->shift) / PAGECACHE_SHIFT + need / PAGECACHE_SHIFT;
	}
	while (n->shift > 0) {
		const struct pagecache_node *child = n->slots[slot_of(n, index)];

		if (!child)
			return n->shift / PAGECACHE_SHIFT;
		n = child;
	}
	return 0;
}

/* Allocates @nr nodes into @pool. Returns 0, or -ENOMEM with none kept. */
static int pool_fill(struct node_pool *pool, unsigned nr)
{
	assert(nr <= ARRAY_SIZE(pool->node));
	pool->nr = 0;
	pool->used = 0;
	while (pool->nr < nr) {
		pool->node[pool->nr] = node_alloc(0);
		if (!pool->node[pool->nr])
			goto out_free_pool;
		pool->nr++;
	}
	return 0;

out_free_pool:
	while (pool->nr > 0)
		node_free(pool->node[--pool->nr]);
	return -ENOMEM;
}

/* Takes a preallocated node for level @shift out of @pool. */
static struct pagecache_node *pool_take(struct node_pool *pool, unsigned shift)
{
	struct pagecache_node *n;

	assert(pool->used < pool->nr);
	n = pool->node[pool->used++];
	n->shift = (uint8_t)shift;
	return n;
}

int pagecache_insert(struct address_space *as, uint64_t index, struct page *pg)
{
	unsigned need = shift_for(index);
	struct node_pool pool;
	struct pagecache_node *n;
	unsigned slot;

	if (tree_find(as, index))
		return -EEXIST;
	if (pool_fill(&pool, nodes_needed(as, index)))
		return -ENOMEM;

	/* Nothing fails from here on. */
	if (!as->page_tree)
		as->page_tree = pool_take(&pool, need);
	while (as->page_tree->shift < need) {
		struct pagecache_node *top = pool_take(&pool, as->page_tree->shift + PAGECACHE_SHIFT);

		top->slots[0] = as->page_tree;
		top->count = 1;
		as->page_tree = top;
	}
	for (n = as->page_tree; n->shift > 0; n = n->slots[slot]) {
		slot = slot_of(n, index);
		if (!n->slots[slot]) {
			n->slots[slot] = pool_take(&pool, n->shift - PAGECACHE_SHIFT);
			n->count++;
		}
	}
	assert(pool.used == pool.nr);
	slot = slot_of(n, index);
	page_get(pg);
	n->slots[slot] = pg;
	n->count++;
	as->nr_pages++;
	return 0;
}

struct page *pagecache_get_or_create(struct address_space *as, uint64_t index)
{
	struct page *pg = pagecache_lookup(as, index);

	if (pg)
		return pg;
	pg = page_alloc(0);
	if (!pg)
		return NULL;
	memset(page_address(pg), 0, PAGE_SIZE);
	if (pagecache_insert(as, index, pg)) {
		page_put(pg);
		return NULL;
	}
	return pg;		/* page_alloc()'s reference is the caller's */
}

/* ---- truncation ------------------------------------------------------------- */

/*
 * Empties everything at index @from or above from the subtree @n, which
 * starts at index @base and holds something at @from or above. Children
 * that become empty are freed; @n itself is the caller's to free.
 */
static void truncate_node(struct address_space *as, struct pagecache_node *n,
			  uint64_t base, uint64_t from)
{
	unsigned first = from > base ? (unsigned)((from - base) >> n->shift) : 0;

	for (unsigned i = first; i < PAGECACHE_SLOTS && n->count > 0; i++) {
		if (!n->slots[i])
			continue;
		if (n->shift == 0) {
			page_put(n->slots[i]);
			as->nr_pages--;
		} else {
			struct pagecache_node *child = n->slots[i];

			truncate_node(as, child, base + ((uint64_t)i << n->shift), from);
			if (child->count > 0)
				continue;
			node_free(child);
		}
		n->slots[i] = NULL;
		n->count--;
	}
}

void pagecache_truncate(struct address_space *as, uint64_t from)
{
	struct pagecache_node *root = as->page_tree;

	if (!root || !shift_covers(root->shift, from))
		return;
	truncate_node(as, root, 0, from);
	if (root->count == 0) {
		node_free(root);
		as->page_tree = NULL;
		assert(as->nr_pages == 0);
		return;
	}
	/* Lower the tree while everything left sits under slot 0. */
	while (root->shift > 0 && root->count == 1 && root->slots[0]) {
		as->page_tree = root->slots[0];
		node_free(root);
		root = as->page_tree;
	}
}

/* ---- checking --------------------------------------------------------------- */

/* Checks the subtree @n, which must be at level @shift; counts its pages. */
static int check_node(const struct pagecache_node *n, unsigned shift, size_t *pages)
{
	unsigned used = 0;

	if (n->shift != shift) {
		pr_err("pagecache: node at shift %u says %u\n", shift, n->shift);
		return -EINVAL;
	}
	for (unsigned i = 0; i < PAGECACHE_SLOTS; i++) {
		const struct page *pg = n->slots[i];

		if (!n->slots[i])
			continue;
		used++;
		if (shift == 0) {
			if (pg->refcount < 1) {
				pr_err("pagecache: a cached page has no reference\n");
				return -EINVAL;
			}
			(*pages)++;
		} else if (check_node(n->slots[i], shift - PAGECACHE_SHIFT, pages)) {
			return -EINVAL;
		}
	}
	if (used == 0 || used != n->count) {
		pr_err("pagecache: node at shift %u has %u slots in use, count %u\n",
		       shift, used, n->count);
		return -EINVAL;
	}
	return 0;
}

int pagecache_check(const struct address_space *as)
{
	const struct pagecache_node *root = as->page_tree;
	size_t pages = 0;

	if (!root) {
		if (as->nr_pages != 0) {
			pr_err("pagecache: empty tree, nr_pages %zu\n", as->nr_pages);
			return -EINVAL;
		}
		return 0;
	}
	if (root->shift % PAGECACHE_SHIFT || root->shift > PAGECACHE_MAX_SHIFT) {
		pr_err("pagecache: root shift %u\n", root->shift);
		return -EINVAL;
	}
	if (root->shift > 0 && root->count == 1 && root->slots[0]) {
		pr_err("pagecache: the tree is higher than its largest index needs\n");
		return -EINVAL;
	}
	if (check_node(root, root->shift, &pages))
		return -EINVAL;
	if (pages != as->nr_pages) {
		pr_err("pagecache: %zu pages found, nr_pages %zu\n", pages, as->nr_pages);
		return -EINVAL;
	}
	return 0;
}

/* ---- the fault handler ------------------------------------------------------ */

int filemap_fault(struct vm_fault *vmf)
{
	struct inode *inode = vmf->vma->file->inode;
	uint64_t size = inode->size;
	uint64_t end = (size >> PAGE_SHIFT) + ((size & (PAGE_SIZE - 1)) != 0);
	struct page *pg;

	if (vmf->pgoff >= end)
		return FAULT_SIGBUS;
	pg = pagecache_get_or_create(&inode->mapping, vmf->pgoff);
	if (!pg)
		return FAULT_OOM;
	vmf->page = pg;
	return FAULT_OK;
}

const struct vm_operations filemap_vm_ops = {
	.fault = filemap_fault,
};
