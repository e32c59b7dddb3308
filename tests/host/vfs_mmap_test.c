/*
 * tests/host/vfs_mmap_test.c - ramfs files mapped by the real mm/ code:
 * read(), write() and the mapping share one page cache, a private mapping
 * copies on write, a mapped file outlives its descriptor and its name,
 * and truncate takes pages away from under a mapping (the world is in
 * vfs_helpers.h; faults go through handle_mm_fault() and the fake pmap
 * of host_mm.c, as in mmap_test.c).
 *
 * Every case ends with "/" empty and every page and heap object back
 * where it started.
 */
#include "vfs_helpers.h"

/* Faults @va in for @access and returns where its byte lives, or NULL. */
static unsigned char *touch(struct mm *mm, vaddr_t va, unsigned access)
{
	if (handle_mm_fault(mm, va, access) != FAULT_OK)
		return NULL;
	return host_user_ptr(&mm->pmap, va);
}

/* Maps @len bytes of @f at an address mm chooses; 0 on failure. */
static vaddr_t map(struct mm *mm, struct file *f, size_t len, int flags)
{
	long addr = do_mmap(mm, 0, len, PROT_READ | PROT_WRITE, flags, f, 0);

	return addr > 0 ? (vaddr_t)addr : 0;
}

/* Are the @len bytes at @p all @val? */
static bool bytes_are(const unsigned char *p, size_t len, int val)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != (unsigned char)val)
			return false;
	return true;
}

HTEST(a_shared_mapping_sees_write_and_read_sees_its_stores)
{
	struct vfs_baseline b = vfs_begin();
	struct mm *mm = mm_create();
	struct file *f, *g;
	struct page *pg;
	unsigned char *p;
	vaddr_t va;
	char buf[4];

	CHECK(mm != NULL);
	CHECK(put_pages("/m", 2, 'a'));
	f = open_file("/m", O_RDWR, 0);
	CHECK(f != NULL);
	va = map(mm, f, 2 * PG, MAP_SHARED);
	CHECK(va != 0);
	p = touch(mm, va, FAULT_READ);
	CHECK(p != NULL && p[0] == 'a');
	/* The mapping shows the page cache's own page. */
	pg = pagecache_lookup(&f->inode->mapping, 0);
	CHECK(pg != NULL && (unsigned char *)page_address(pg) == p);
	page_put(pg);
	CHECK(vfs_pwrite(f, "XYZ", 3, 10) == 3);
	CHECK(memcmp(p + 10, "XYZ", 3) == 0);
	p = touch(mm, va + PG, FAULT_WRITE);
	CHECK(p != NULL);
	p[100] = 'Q';
	CHECK(vfs_pread(f, buf, 1, PG + 100) == 1 && buf[0] == 'Q');
	/* A second open of the name reads the same page. */
	g = open_file("/m", O_RDONLY, 0);
	CHECK(g != NULL);
	CHECK(vfs_lseek(g, PG + 99, SEEK_SET) == (long)(PG + 99));
	CHECK(vfs_read(g, buf, 3) == 3 && memcmp(buf, "aQa", 3) == 0);
	file_put(g);
	mm_destroy(mm);
	file_put(f);
	CHECK(vfs_unlink(fs, "/m") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(a_private_mapping_copies_on_write_and_read_does_not_see_it)
{
	struct vfs_baseline b = vfs_begin();
	struct mm *mm = mm_create();
	struct file *f;
	unsigned char *p;
	vaddr_t va;
	char buf[4];

	CHECK(mm != NULL);
	CHECK(put_pages("/m", 1, 'a'));
	f = open_file("/m", O_RDWR, 0);
	CHECK(f != NULL);
	va = map(mm, f, PG, MAP_PRIVATE);
	CHECK(va != 0);
	p = touch(mm, va, FAULT_READ);
	CHECK(p != NULL && p[5] == 'a');
	/* Until the first store, the mapping reads the file's page. */
	CHECK(vfs_pwrite(f, "B", 1, 5) == 1);
	CHECK(p[5] == 'B');
	p = touch(mm, va, FAULT_WRITE);
	CHECK(p != NULL && p[5] == 'B');		/* a copy of the page */
	p[6] = 'P';
	CHECK(vfs_pread(f, buf, 2, 5) == 2 && memcmp(buf, "Ba", 2) == 0);
	CHECK(vfs_pwrite(f, "C", 1, 5) == 1);
	CHECK(p[5] == 'B' && p[6] == 'P');		/* and the copy keeps its own */
	mm_destroy(mm);
	CHECK(range_is(f, 6, PG - 6, 'a'));
	file_put(f);
	CHECK(vfs_unlink(fs, "/m") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(a_mapped_file_lives_after_close_and_unlink)
{
	struct vfs_baseline b = vfs_begin();
	struct mm *mm = mm_create();
	struct file *f;
	unsigned char *p;
	vaddr_t va;

	CHECK(mm != NULL);
	CHECK(put_pages("/m", 2, 'k'));
	f = open_file("/m", O_RDWR, 0);
	CHECK(f != NULL);
	va = map(mm, f, 2 * PG, MAP_SHARED);
	CHECK(va != 0);
	file_put(f);					/* the mapping holds it now */
	CHECK(vfs_unlink(fs, "/m") == 0);
	CHECK(root_is_empty());
	p = touch(mm, va + PG, FAULT_WRITE);
	CHECK(p != NULL && bytes_are(p, PG, 'k'));
	p[0] = 'w';
	p = touch(mm, va, FAULT_READ);
	CHECK(p != NULL && bytes_are(p, PG, 'k'));
	CHECK(pmem_free_pages() < b.free_pages);
	CHECK(do_munmap(mm, va, PG) == 0);		/* half of it still maps the file */
	p = touch(mm, va + PG, FAULT_READ);
	CHECK(p != NULL && p[0] == 'w');
	mm_destroy(mm);
	CHECK(vfs_back(&b));
}

HTEST(truncate_unmaps_pages_past_the_end_and_zeros_the_rest_of_the_last)
{
	struct vfs_baseline b = vfs_begin();
	struct mm *mm = mm_create();
	struct file *f;
	unsigned char *p;
	vaddr_t va;

	CHECK(mm != NULL);
	CHECK(put_pages("/m", 4, 'a'));
	f = open_file("/m", O_RDWR, 0);
	CHECK(f != NULL);
	va = map(mm, f, 4 * PG, MAP_SHARED);
	CHECK(va != 0);
	for (int i = 0; i < 4; i++)
		CHECK(touch(mm, va + i * PG, FAULT_WRITE) != NULL);
	CHECK(vfs_ftruncate(f, PG + 100) == 0);
	CHECK(host_user_ptr(&mm->pmap, va + 2 * PG) == NULL);
	CHECK(host_user_ptr(&mm->pmap, va + 3 * PG) == NULL);
	CHECK(handle_mm_fault(mm, va + 2 * PG, FAULT_READ) == FAULT_SIGBUS);
	CHECK(handle_mm_fault(mm, va + 3 * PG, FAULT_WRITE) == FAULT_SIGBUS);
	CHECK(f->inode->mapping.nr_pages == 2);
	/* The page across the end stays mapped; past the end it is zeros. */
	p = host_user_ptr(&mm->pmap, va + PG);
	CHECK(p != NULL && bytes_are(p, 100, 'a') && bytes_are(p + 100, PG - 100, 0));
	CHECK(bytes_are(host_user_ptr(&mm->pmap, va), PG, 'a'));
	/* Growing again brings zeros, not the old bytes. */
	CHECK(vfs_ftruncate(f, 4 * PG) == 0);
	CHECK(range_is(f, PG + 100, 3 * PG - 100, 0));
	p = touch(mm, va + 3 * PG, FAULT_READ);
	CHECK(p != NULL && bytes_are(p, PG, 0));
	mm_destroy(mm);
	file_put(f);
	CHECK(vfs_unlink(fs, "/m") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(stores_past_the_end_in_the_last_page_never_reach_the_file)
{
	struct vfs_baseline b = vfs_begin();
	struct mm *mm = mm_create();
	struct file *f;
	unsigned char *p;
	vaddr_t va;

	CHECK(mm != NULL);
	CHECK(put_pages("/m", 2, 'a'));
	f = open_file("/m", O_RDWR, 0);
	CHECK(f != NULL);
	va = map(mm, f, 2 * PG, MAP_SHARED);
	CHECK(va != 0);
	CHECK(vfs_ftruncate(f, 100) == 0);
	p = touch(mm, va, FAULT_WRITE);
	CHECK(p != NULL && bytes_are(p + 100, PG - 100, 0));
	memset(p + 100, 'J', PG - 100);		/* allowed: the page is mapped */
	/* Extending by truncate, or by a write past the end, shows zeros there. */
	CHECK(vfs_ftruncate(f, 200) == 0);
	CHECK(range_is(f, 100, 100, 0));
	memset(p + 200, 'J', PG - 200);
	CHECK(vfs_pwrite(f, "e", 1, PG + 10) == 1);
	CHECK(range_is(f, 0, 100, 'a') && range_is(f, 100, PG + 10 - 100, 0));
	mm_destroy(mm);
	file_put(f);
	CHECK(vfs_unlink(fs, "/m") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(truncate_takes_private_copies_past_the_end_away_too)
{
	struct vfs_baseline b = vfs_begin();
	struct mm *mm = mm_create();
	struct file *f;
	unsigned char *p;
	vaddr_t va;

	CHECK(mm != NULL);
	CHECK(put_pages("/m", 3, 'a'));
	f = open_file("/m", O_RDWR, 0);
	CHECK(f != NULL);
	va = map(mm, f, 3 * PG, MAP_PRIVATE);
	CHECK(va != 0);
	p = touch(mm, va + 2 * PG, FAULT_WRITE);
	CHECK(p != NULL);
	p[0] = 'P';
	CHECK(touch(mm, va, FAULT_WRITE) != NULL);
	CHECK(mm->resident_pages == 2);
	CHECK(vfs_ftruncate(f, PG) == 0);
	CHECK(host_user_ptr(&mm->pmap, va + 2 * PG) == NULL && mm->resident_pages == 1);
	CHECK(handle_mm_fault(mm, va + 2 * PG, FAULT_READ) == FAULT_SIGBUS);
	CHECK(handle_mm_fault(mm, va + PG, FAULT_READ) == FAULT_SIGBUS);
	CHECK(host_user_ptr(&mm->pmap, va) != NULL);	/* inside the file: kept */
	mm_destroy(mm);
	file_put(f);
	CHECK(vfs_unlink(fs, "/m") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}
