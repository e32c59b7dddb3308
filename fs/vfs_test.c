/*
 * fs/vfs_test.c - in-kernel tests of the VFS on the running system: the
 * root ramfs as the initramfs left it, ramfs files mapped shared and
 * private, /dev, and the mmap contract on a real file system.
 */
#include "fs/vfs.h"
#include "kernel/arch.h"
#include "kernel/fault_inject.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "mm/page.h"
#include "mm/vm.h"

#define PG PAGE_SIZE

/* Reads all of @name (at most @size bytes) into @buf; bytes read or -errno. */
static long read_file(const char *name, char *buf, size_t size)
{
	struct file *f;
	long n;
	int err = vfs_open(current_fs, name, O_RDONLY, 0, &f);

	if (err)
		return err;
	n = vfs_read(f, buf, size);
	file_put(f);
	return n;
}

/* Creates @name holding @len bytes of @data; returns the open file or NULL. */
static struct file *make_file(const char *name, const void *data, size_t len)
{
	struct file *f;

	if (vfs_open(current_fs, name, O_RDWR | O_CREAT | O_TRUNC, 0644, &f))
		return NULL;
	if (vfs_write(f, data, len) != (long)len) {
		file_put(f);
		return NULL;
	}
	return f;
}

KTEST(vfs, initramfs_files_read_back_exactly)
{
	char buf[64];
	struct kstat st;

	KT_EXPECT(read_file("/etc/hostname", buf, sizeof(buf)) == 6);
	KT_EXPECT(memcmp(buf, "atlas\n", 6) == 0);
	KT_EXPECT(vfs_stat(current_fs, "/etc", LOOKUP_FOLLOW, &st) == 0 && S_ISDIR(st.mode));
	KT_EXPECT(vfs_stat(current_fs, "/etc/motd", LOOKUP_FOLLOW, &st) == 0 && st.size > 10);
}

KTEST(vfs, dev_null_and_zero_behave)
{
	char buf[8] = "xxxxxxx";
	struct file *f;

	KT_ASSERT(vfs_open(current_fs, "/dev/zero", O_RDWR, 0, &f) == 0);
	KT_EXPECT(vfs_read(f, buf, 4) == 4 && buf[0] == 0 && buf[3] == 0 && buf[4] == 'x');
	KT_EXPECT(vfs_write(f, "abc", 3) == 3);
	file_put(f);
	KT_ASSERT(vfs_open(current_fs, "/dev/null", O_RDWR, 0, &f) == 0);
	KT_EXPECT(vfs_read(f, buf, 4) == 0);
	KT_EXPECT(vfs_write(f, "abc", 3) == 3);
	file_put(f);
	KT_EXPECT(vfs_open(current_fs, "/dev/nonesuch", O_RDONLY, 0, &f) == -ENOENT);
}

KTEST(vfs, shared_mapping_and_read_write_see_the_same_bytes)
{
	static char data[2 * PG];
	struct mm *mm = mm_create();
	struct file *f;
	char buf[4];
	long a;

	memset(data, 'a', sizeof(data));
	f = make_file("/tmp/shared", data, sizeof(data));
	KT_ASSERT(mm && f);
	mm_switch(mm);
	a = do_mmap(mm, 0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
	KT_ASSERT(a > 0);
	KT_EXPECT(ktest_uread(a + PG + 1) == 'a');
	ktest_uwrite(a + PG + 1, 'M');			/* through the mapping ... */
	KT_EXPECT(vfs_pread(f, buf, 2, PG) == 2 && buf[1] == 'M');	/* ... seen by read */
	KT_EXPECT(vfs_pwrite(f, "W", 1, 5) == 1);	/* write ... */
	KT_EXPECT(ktest_uread(a + 5) == 'W');			/* ... seen through the mapping */
	mm_switch(NULL);
	mm_destroy(mm);
	file_put(f);
	KT_EXPECT(vfs_unlink(current_fs, "/tmp/shared") == 0);
}

KTEST(vfs, private_mapping_copies_and_read_does_not_see_it)
{
	static char data[PG];
	struct mm *mm = mm_create();
	struct file *f;
	char c;
	long a;

	memset(data, 'p', sizeof(data));
	f = make_file("/tmp/private", data, sizeof(data));
	KT_ASSERT(mm && f);
	mm_switch(mm);
	a = do_mmap(mm, 0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, f, 0);
	KT_ASSERT(a > 0);
	ktest_uwrite(a, 'X');
	KT_EXPECT(ktest_uread(a) == 'X');
	KT_EXPECT(vfs_pread(f, &c, 1, 0) == 1 && c == 'p');
	mm_switch(NULL);
	mm_destroy(mm);
	file_put(f);
	KT_EXPECT(vfs_unlink(current_fs, "/tmp/private") == 0);
}

KTEST(vfs, truncate_unmaps_pages_past_the_new_end)
{
	static char data[3 * PG];
	struct mm *mm = mm_create();
	struct file *f;
	long a;

	memset(data, 't', sizeof(data));
	f = make_file("/tmp/trunc", data, sizeof(data));
	KT_ASSERT(mm && f);
	mm_switch(mm);
	a = do_mmap(mm, 0, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
	KT_ASSERT(a > 0);
	KT_EXPECT(ktest_uread(a + 2 * PG) == 't');
	KT_EXPECT(vfs_ftruncate(f, PG + 10) == 0);
	KT_EXPECT(!pmap_lookup(&mm->pmap, a + 2 * PG, NULL, NULL, NULL));
	KT_EXPECT(handle_mm_fault(mm, a + 2 * PG, FAULT_READ) == FAULT_SIGBUS);
	KT_EXPECT(ktest_uread(a + PG + 9) == 't' && ktest_uread(a + PG + 10) == 0);
	mm_switch(NULL);
	mm_destroy(mm);
	file_put(f);
	KT_EXPECT(vfs_unlink(current_fs, "/tmp/trunc") == 0);
}

KTEST(vfs, dev_zero_maps_private_anonymous_and_shared_memory)
{
	struct mm *mm = mm_create();
	struct file *f;
	struct vma *v;
	long a, b;

	KT_ASSERT(mm && vfs_open(current_fs, "/dev/zero", O_RDWR, 0, &f) == 0);
	mm_switch(mm);
	a = do_mmap(mm, 0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, f, 0);
	b = do_mmap(mm, 0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
	KT_ASSERT(a > 0 && b > 0);
	v = vma_find(mm, a);
	KT_EXPECT(v && v->file == NULL);		/* plain anonymous memory */
	v = vma_find(mm, b);
	KT_EXPECT(v && v->file && v->file != f);	/* a shmem file of its own */
	KT_EXPECT(v && v->file->inode->nlink == 0);
	KT_EXPECT(ktest_uread(a) == 0 && ktest_uread(b + PG) == 0);
	ktest_uwrite(b + PG, 7);
	KT_EXPECT(ktest_uread(b + PG) == 7);
	KT_EXPECT(f->refcount == 1);
	mm_switch(NULL);
	mm_destroy(mm);
	file_put(f);
}

KTEST(vfs, unlinked_file_lives_while_mapped)
{
	static char data[PG];
	struct mm *mm = mm_create();
	struct file *f;
	long a;

	memset(data, 'u', sizeof(data));
	f = make_file("/tmp/gone", data, sizeof(data));
	KT_ASSERT(mm && f);
	mm_switch(mm);
	a = do_mmap(mm, 0, PG, PROT_READ, MAP_SHARED, f, 0);
	KT_ASSERT(a > 0);
	file_put(f);
	KT_EXPECT(vfs_unlink(current_fs, "/tmp/gone") == 0);
	KT_EXPECT(vfs_open(current_fs, "/tmp/gone", O_RDONLY, 0, &f) == -ENOENT);
	KT_EXPECT(ktest_uread(a + 100) == 'u');
	mm_switch(NULL);
	mm_destroy(mm);
}

KTEST(vfs, every_mmap_failure_point_on_a_ramfs_file_leaks_nothing)
{
	static const char *const points[] = {
		"mmap.vma_alloc", "mmap.tree_prealloc", "mmap.split_alloc", "mmap.file_link",
	};
	static char data[4 * PG];
	struct mm *mm = mm_create();
	struct file *f;
	struct inode *inode;

	memset(data, 'f', sizeof(data));
	f = make_file("/tmp/inject", data, sizeof(data));
	KT_ASSERT(mm && f);
	inode = f->inode;
	mm_switch(mm);
	/* An old mapping to cut, so that every point is on the path. */
	KT_ASSERT(do_mmap(mm, 0x40000000ul, 8 * PG, PROT_READ,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) > 0);
	for (unsigned i = 0; i < ARRAY_SIZE(points); i++) {
		size_t free_before = pmem_free_pages(), maps = mm->map_count;
		int frefs = f->refcount, irefs = inode->refcount;

		fault_inject_disarm_all();
		fault_inject_arm(points[i], 0, 1);
		KT_EXPECT(do_mmap(mm, 0x40000000ul + 2 * PG, 2 * PG, PROT_READ,
				  MAP_SHARED | MAP_FIXED, f, 0) == -ENOMEM);
		KT_EXPECT(fault_inject_failures(points[i]) == 1);
		KT_EXPECT(pmem_free_pages() == free_before && mm->map_count == maps);
		KT_EXPECT(f->refcount == frefs && inode->refcount == irefs);
		KT_EXPECT(inode->mapping.nr_mmaps == 0);
	}
	fault_inject_disarm_all();
	mm_switch(NULL);
	mm_destroy(mm);
	file_put(f);
	KT_EXPECT(vfs_unlink(current_fs, "/tmp/inject") == 0);
}
