/*
 * fs/filemap.c - reading, writing and resizing a file through its page
 * cache.
 *
 * read(), write() and the fault handler of a mapping (filemap_fault() in
 * fs/pagecache.c) all use the same pages, so a write() is seen through
 * every shared mapping at once and a store through a mapping is seen by
 * the next read(). A file system whose files live only in the page cache
 * (ramfs) uses these directly as its operations.
 */
#include "fs/filemap.h"
#include "fs/pagecache.h"
#include "fs/vfs.h"
#include "kernel/kernel.h"
#include "mm/page.h"
#include "mm/vm.h"
#include "memlayout.h"

long filemap_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	struct inode *inode = f->inode;
	size_t done = 0;

	if (*pos >= inode->size)
		return 0;
	n = MIN(n, inode->size - *pos);
	while (done < n) {
		uint64_t index = (*pos + done) / PAGE_SIZE;
		size_t off = (*pos + done) % PAGE_SIZE, chunk = MIN(PAGE_SIZE - off, n - done);
		struct page *pg = pagecache_lookup(&inode->mapping, index);

		if (pg) {
			memcpy((char *)buf + done, (char *)page_address(pg) + off, chunk);
			page_put(pg);
		} else {
			memset((char *)buf + done, 0, chunk);	/* a hole reads as zeros */
		}
		done += chunk;
	}
	*pos += done;
	return (long)done;
}

/*
 * Zeros the page holding byte @size of @inode from there to its end. The
 * bytes past the end of a file must read as zeros once the file grows
 * over them, but a shared mapping of the last page may store there.
 */
static void zero_tail(struct inode *inode, uint64_t size)
{
	size_t off = size % PAGE_SIZE;
	struct page *pg;

	if (off == 0 || !(pg = pagecache_lookup(&inode->mapping, size / PAGE_SIZE)))
		return;
	memset((char *)page_address(pg) + off, 0, PAGE_SIZE - off);
	page_put(pg);
}

long filemap_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	struct inode *inode = f->inode;
	size_t done = 0;

	/* The size must stay an off_t: a write crossing INT64_MAX is cut short. */
	if (*pos >= INT64_MAX)
		return -EFBIG;
	n = MIN(n, INT64_MAX - *pos);
	if (*pos > inode->size)
		zero_tail(inode, inode->size);	/* the gap reads as zeros */
	while (done < n) {
		uint64_t index = (*pos + done) / PAGE_SIZE;
		size_t off = (*pos + done) % PAGE_SIZE, chunk = MIN(PAGE_SIZE - off, n - done);
		struct page *pg = pagecache_get_or_create(&inode->mapping, index);

		if (!pg)
			break;
		memcpy((char *)page_address(pg) + off, (const char *)buf + done, chunk);
		page_put(pg);
		done += chunk;
		if (*pos + done > inode->size)
			inode->size = *pos + done;
	}
	if (done == 0 && n > 0)
		return -ENOSPC;
	*pos += done;
	inode->mtime = inode->ctime = (int64_t)(ticks / HZ);
	return (long)done;
}

int filemap_setsize(struct inode *inode, uint64_t size)
{
	uint64_t keep = (size + PAGE_SIZE - 1) / PAGE_SIZE;	/* pages still inside */

	if (size < inode->size) {
		/* First the mappings, so nobody can reach a page we drop. */
		inode->size = size;
		unmap_mapping_pages(&inode->mapping, keep);
		pagecache_truncate(&inode->mapping, keep);
		zero_tail(inode, size);
	} else if (size > inode->size) {
		zero_tail(inode, inode->size);
	}
	inode->size = size;
	inode->mtime = inode->ctime = (int64_t)(ticks / HZ);
	return 0;
}
