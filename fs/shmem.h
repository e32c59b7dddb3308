/*
 * fs/shmem.h - shared anonymous memory, as files.
 *
 * MAP_SHARED | MAP_ANONYMOUS and shared mappings of /dev/zero are backed
 * by a file of their own: a ramfs file in a kernel-internal mount, with
 * no name any process can look up (its dentry "dev/zero" is unlinked at
 * once, so /proc/<pid>/maps shows "/dev/zero (deleted)", as on Linux).
 * Every process that inherits the mapping shares its page cache.
 */
#ifndef ATLAS_SHMEM_H
#define ATLAS_SHMEM_H

#include "kernel/types.h"

struct file;

/* shmem_init() makes the internal mount; vfs_init() calls it. */
void shmem_init(void);

/*
 * shmem_file_create() returns a new open file of @size bytes of zeros,
 * readable and writable, with one reference; NULL when memory is out.
 */
struct file *shmem_file_create(uint64_t size);

#endif
