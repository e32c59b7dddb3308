/*
 * fs/pagecache.h - the page cache: each file's pages, found by page index,
 * and the generic fault handler that maps them.
 *
 * An inode's address_space (fs/file.h) holds a radix tree from page index
 * (file offset / PAGE_SIZE) to struct page. Each node has 64 slots, so a
 * tree of height h holds the indexes below 64^h; the tree grows a level at
 * the top when a larger index arrives and shrinks again when truncate
 * empties it. Every page in the tree holds one reference that belongs to
 * the cache; a lookup hands the caller a reference of its own.
 *
 * All functions need the page cache of @as to themselves ([p] in
 * fs/file.h). Nothing here is arch-specific, so the host tests compile it.
 */
#ifndef ATLAS_PAGECACHE_H
#define ATLAS_PAGECACHE_H

#include "kernel/types.h"
#include "fs/file.h"

struct page;
struct vm_fault;
struct vm_operations;

/* Slots per node: 64, so each level of the tree takes 6 bits of the index. */
#define PAGECACHE_SHIFT 6
#define PAGECACHE_SLOTS (1u << PAGECACHE_SHIFT)

/*
 * pagecache_lookup() returns the page at @index with a new reference for
 * the caller (page_get), or NULL when the cache has none there.
 */
struct page *pagecache_lookup(struct address_space *as, uint64_t index);

/*
 * pagecache_insert() puts @pg at @index; the cache takes its own reference
 * and the caller keeps its one. Returns 0, -EEXIST when @index is taken, or
 * -ENOMEM when a tree node cannot be allocated (nothing has changed then).
 */
int pagecache_insert(struct address_space *as, uint64_t index, struct page *pg);

/*
 * pagecache_get_or_create() returns the page at @index with a reference
 * for the caller, first putting a new zeroed page there if there is none.
 * Returns NULL when memory is exhausted (nothing has changed then).
 */
struct page *pagecache_get_or_create(struct address_space *as, uint64_t index);

/*
 * pagecache_truncate() drops the cache's reference to every page at index
 * @from or above and frees the nodes that become empty. Mappings of those
 * pages are the caller's to remove (through the file's mapping list).
 */
void pagecache_truncate(struct address_space *as, uint64_t from);

/*
 * pagecache_check() verifies the tree of @as: node levels and counts,
 * no empty node, the height as small as the largest index allows, and
 * nr_pages matching the pages found. Returns 0, or -EINVAL after printing
 * the first broken rule. For tests.
 */
int pagecache_check(const struct address_space *as);

/*
 * filemap_fault() is the vm_operations.fault of a page-cache file: it
 * returns FAULT_SIGBUS for a page at or past the end of the file (its size
 * rounded up to pages), FAULT_OOM when a page cannot be had, or FAULT_OK
 * with vmf->page holding one reference for the caller.
 */
int filemap_fault(struct vm_fault *vmf);

/* The fault operations a page-cache file's mmap_prepare installs. */
extern const struct vm_operations filemap_vm_ops;

#endif
