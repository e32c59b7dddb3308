/*
 * mm/mmap_testfile.h - files that exist to test the mmap contract.
 *
 * A test file has a small page cache of its own (pages it allocates when
 * made and frees when destroyed) and one of five ways to map:
 *
 *   TF_PREPARE   mmap_prepare only: installs fault ops, like ramfs
 *   TF_COMPLETE  prepare + mmap_complete: complete maps every page now
 *   TF_ABORT     prepare + complete + abort: prepare reserves a resource
 *                and hands it over in ctx; complete attaches it to the VMA
 *                (close releases it); abort releases it
 *   TF_ACTION    prepare records a REMAP_PFN action for the file's frames
 *                (VM_PFNMAP | VM_IO), the merged style Linux chose
 *   TF_HUGE      prepare only, but the mapping uses 2 MiB leaves
 *
 * Every hook counts its calls, and the resources in use are counted, so a
 * test can prove: exactly one of complete or abort after a successful
 * prepare, close once per VMA, nothing left over. Used by the host tests
 * and the in-kernel tests alike.
 */
#ifndef ATLAS_MMAP_TESTFILE_H
#define ATLAS_MMAP_TESTFILE_H

#include "kernel/types.h"
#include "fs/file.h"

enum testfile_kind {
	TF_PREPARE,
	TF_COMPLETE,
	TF_ABORT,
	TF_ACTION,
	TF_HUGE,
	TF_NR_KINDS,
};

struct testfile_counts {
	int prepare, complete, abort, open, close, fault;
	int resources;		/* reservations alive right now */
};

struct testfile {
	struct inode inode;
	enum testfile_kind kind;
	size_t nr_pages;		/* the file's size, in base pages */
	struct page **pages;		/* its pages (order 9 each for TF_HUGE); NULL
					 * for TF_PREPARE, whose pages are in inode.mapping */
	struct testfile_counts n;
	int prepare_error;		/* when non-zero, prepare fails with it */
	int complete_error;		/* when non-zero, complete fails with it */
};

/*
 * testfile_create() makes a test file of @kind with @nr_pages pages (a
 * multiple of 512 for TF_HUGE), each filled with its page index in every
 * byte. Returns NULL when memory is exhausted.
 */
struct testfile *testfile_create(enum testfile_kind kind, size_t nr_pages);

/*
 * testfile_open() returns an open file of @tf with @mode (FMODE_*), one
 * reference held; NULL when memory is exhausted.
 */
struct file *testfile_open(struct testfile *tf, unsigned mode);

/* testfile_destroy() frees @tf; every file and mapping of it must be gone. */
void testfile_destroy(struct testfile *tf);

/* testfile_page() is the cache page at base-page index @pgoff. */
struct page *testfile_page(struct testfile *tf, uint64_t pgoff);

/* The kind's name, for test output. */
const char *testfile_kind_name(enum testfile_kind kind);

#endif
