/*
 * fs/filemap.h - file operations that work on the page cache alone, for
 * file systems whose files live only there (ramfs, shared anonymous
 * memory).
 */
#ifndef ATLAS_FILEMAP_H
#define ATLAS_FILEMAP_H

#include "fs/file.h"

/* read() and write() at *@pos through the page cache; bytes or -errno. */
long filemap_read(struct file *f, void *buf, size_t n, uint64_t *pos);
long filemap_write(struct file *f, const void *buf, size_t n, uint64_t *pos);

/*
 * filemap_setsize() truncates or extends @inode to @size: pages past the
 * new end are unmapped from every VMA (touching them then gives SIGBUS)
 * and dropped from the cache; the rest of a partial last page is zeroed.
 * Growing also zeroes the old last page past the old end, so bytes a
 * shared mapping stored beyond the end of file never become file data.
 */
int filemap_setsize(struct inode *inode, uint64_t size);

#endif
