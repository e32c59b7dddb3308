/*
 * tests/host/vfs_tree_test.c - the tree of names: mkdir and rmdir,
 * reading directories, link counts, rename, unlink of an open file, and
 * mounting a second ramfs, on the real fs/ sources (the world is in
 * vfs_helpers.h).
 *
 * Every case ends with "/" empty and every page and heap object back
 * where it started.
 */
#include "vfs_helpers.h"

/* One linux_dirent64 record, as getdents() lays it out. */
struct dent {
	uint64_t ino, off;
	unsigned reclen, type;
	char name[NAME_MAX + 1];
};

/* Parses the @n bytes of records in @buf into @out (at most @max). */
static int parse_dents(const unsigned char *buf, long n, struct dent *out, int max)
{
	int count = 0;

	for (long pos = 0; pos < n && count < max; count++) {
		struct dent *d = &out[count];
		uint16_t reclen;

		memcpy(&d->ino, buf + pos, 8);
		memcpy(&d->off, buf + pos + 8, 8);
		memcpy(&reclen, buf + pos + 16, 2);
		d->reclen = reclen;
		d->type = buf[pos + 18];
		strncpy(d->name, (const char *)buf + pos + 19, NAME_MAX);
		d->name[NAME_MAX] = '\0';
		if (reclen == 0 || reclen % 8)
			return -1;
		pos += reclen;
	}
	return count;
}

/* Reads the whole directory @f in calls of @size bytes into @out. */
static int list_dir(struct file *f, size_t size, struct dent *out, int max)
{
	unsigned char buf[4096];
	int total = 0;
	long n;

	while ((n = vfs_getdents(f, buf, size)) > 0) {
		int got = parse_dents(buf, n, out + total, max - total);

		if (got <= 0)
			return -1;
		total += got;
	}
	return n < 0 ? (int)n : total;
}

/* How many entries of @d[0..n) are named @name. */
static int named(const struct dent *d, int n, const char *name)
{
	int count = 0;

	for (int i = 0; i < n; i++)
		count += strcmp(d[i].name, name) == 0;
	return count;
}

static unsigned nlink_of(const char *name)
{
	struct kstat st;

	return vfs_stat(fs, name, 0, &st) == 0 ? st.nlink : 0;
}

/* ---- mkdir, rmdir, unlink ------------------------------------------------------ */

HTEST(mkdir_rmdir_and_unlink_refuse_what_they_cannot_remove)
{
	struct vfs_baseline b = vfs_begin();

	CHECK(vfs_mkdir(fs, "/d", 0755) == 0);
	CHECK(vfs_mkdir(fs, "/d", 0755) == -EEXIST);
	CHECK(vfs_mkdir(fs, "/", 0755) == -EEXIST);
	CHECK(put_file("/d/f", "x"));
	CHECK(vfs_mkdir(fs, "/d/f", 0755) == -EEXIST);
	CHECK(vfs_rmdir(fs, "/d") == -ENOTEMPTY);
	CHECK(vfs_rmdir(fs, "/d/f") == -ENOTDIR);
	CHECK(vfs_rmdir(fs, "/") == -EBUSY);
	CHECK(vfs_rmdir(fs, "/d/.") == -EINVAL);
	CHECK(vfs_rmdir(fs, "/nope") == -ENOENT);
	CHECK(vfs_unlink(fs, "/d") == -EISDIR);
	CHECK(vfs_unlink(fs, "/") == -EISDIR);
	CHECK(vfs_unlink(fs, "/nope") == -ENOENT);
	CHECK(vfs_unlink(fs, "/d/f") == 0);
	CHECK(vfs_unlink(fs, "/d/f") == -ENOENT);
	CHECK(vfs_rmdir(fs, "/d") == 0);
	CHECK(vfs_rmdir(fs, "/d") == -ENOENT);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(getdents_lists_dot_dotdot_then_every_entry_exactly_once)
{
	struct vfs_baseline b = vfs_begin();
	static const char *const files[] = { "f0", "f1", "a-much-longer-file-name", "f3" };
	struct dent d[32];
	struct file *f;
	char name[64];
	int n;

	CHECK(vfs_mkdir(fs, "/g", 0755) == 0);
	for (unsigned i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(name, sizeof(name), "/g/%s", files[i]);
		CHECK(put_file(name, "x"));
	}
	CHECK(vfs_mkdir(fs, "/g/sub", 0755) == 0);
	CHECK(vfs_symlink(fs, "f0", "/g/link") == 0);
	CHECK(stat_err("/g/missing") == -ENOENT);	/* leaves a negative dentry behind */
	f = open_file("/g", O_RDONLY | O_DIRECTORY, 0);
	CHECK(f != NULL);
	n = list_dir(f, 4096, d, 32);
	CHECK(n == 8);
	CHECK(strcmp(d[0].name, ".") == 0 && d[0].ino == ino_of("/g") && d[0].type == DT_DIR);
	CHECK(strcmp(d[1].name, "..") == 0 && d[1].ino == ino_of("/") && d[1].type == DT_DIR);
	for (unsigned i = 0; i < ARRAY_SIZE(files); i++) {
		CHECK(named(d, n, files[i]) == 1);
	}
	CHECK(named(d, n, "sub") == 1 && named(d, n, "link") == 1 && named(d, n, "missing") == 0);
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "/g/%s", d[i].name);
		CHECK(d[i].off == (uint64_t)i + 1);
		if (i < 2)
			continue;
		CHECK(d[i].ino == ino_of(name) || strcmp(d[i].name, "link") == 0);
		CHECK(d[i].type == (strcmp(d[i].name, "sub") == 0 ? DT_DIR :
				    strcmp(d[i].name, "link") == 0 ? DT_LNK : DT_REG));
	}
	CHECK(vfs_getdents(f, d, sizeof(d)) == 0);		/* at the end */
	/* From the start again, after one entry went. */
	CHECK(vfs_unlink(fs, "/g/f1") == 0);
	CHECK(vfs_lseek(f, 0, SEEK_SET) == 0);
	n = list_dir(f, 4096, d, 32);
	CHECK(n == 7 && named(d, n, "f1") == 0);
	file_put(f);
	f = open_file("/g/f0", O_RDONLY, 0);
	CHECK(f != NULL);
	CHECK(vfs_getdents(f, d, sizeof(d)) == -ENOTDIR);
	file_put(f);
	CHECK(vfs_unlink(fs, "/g/link") == 0);
	CHECK(vfs_rmdir(fs, "/g/sub") == 0);
	for (unsigned i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(name, sizeof(name), "/g/%s", files[i]);
		CHECK(i == 1 || vfs_unlink(fs, name) == 0);
	}
	CHECK(vfs_rmdir(fs, "/g") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(getdents_refuses_a_buffer_too_small_and_small_reads_resume)
{
	struct vfs_baseline b = vfs_begin();
	struct dent d[32], one[4];
	unsigned char buf[64];
	struct file *f;
	char name[64];
	int n = 0, got;
	long len;

	CHECK(vfs_mkdir(fs, "/g", 0755) == 0);
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "/g/%d", i);
		CHECK(put_file(name, "x"));
	}
	CHECK(put_file("/g/long-name-of-thirty-two-bytes", "x"));	/* a 56-byte record */
	f = open_file("/g", O_RDONLY, 0);
	CHECK(f != NULL);
	CHECK(vfs_getdents(f, buf, 23) == -EINVAL && f->pos == 0);	/* "." needs 24 */
	/* 24 bytes: one short record per call, until the long name. */
	while ((len = vfs_getdents(f, buf, 24)) > 0) {
		CHECK(len == 24);
		CHECK(parse_dents(buf, len, &d[n], 1) == 1);
		CHECK(d[n].off == (uint64_t)n + 1 && f->pos == (uint64_t)n + 1);
		n++;
	}
	CHECK(len == -EINVAL && n == 12);	/* ".", "..", "0".."9" */
	CHECK(vfs_getdents(f, buf, 55) == -EINVAL && f->pos == 12);
	len = vfs_getdents(f, buf, 64);
	CHECK(len == 56 && parse_dents(buf, len, one, 4) == 1);
	CHECK(strcmp(one[0].name, "long-name-of-thirty-two-bytes") == 0 && one[0].off == 13);
	CHECK(vfs_getdents(f, buf, 64) == 0);
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "%d", i);
		CHECK(named(d, n, name) == 1);
	}
	/* Several records per call, in a buffer that splits the listing. */
	CHECK(vfs_lseek(f, 0, SEEK_SET) == 0);
	got = list_dir(f, 64, d, 32);
	CHECK(got == 13 && named(d, got, "long-name-of-thirty-two-bytes") == 1);
	for (int i = 0; i < got; i++)
		CHECK(d[i].off == (uint64_t)i + 1);
	file_put(f);
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "/g/%d", i);
		CHECK(vfs_unlink(fs, name) == 0);
	}
	CHECK(vfs_unlink(fs, "/g/long-name-of-thirty-two-bytes") == 0);
	CHECK(vfs_rmdir(fs, "/g") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(a_directory_counts_its_subdirectories_in_nlink)
{
	struct vfs_baseline b = vfs_begin();
	unsigned root = nlink_of("/");

	CHECK(vfs_mkdir(fs, "/n", 0755) == 0);
	CHECK(nlink_of("/") == root + 1 && nlink_of("/n") == 2);
	CHECK(vfs_mkdir(fs, "/n/a", 0755) == 0);
	CHECK(vfs_mkdir(fs, "/n/b", 0755) == 0);
	CHECK(put_file("/n/f", "x"));
	CHECK(nlink_of("/n") == 4 && nlink_of("/n/f") == 1);
	CHECK(vfs_rmdir(fs, "/n/a") == 0);
	CHECK(nlink_of("/n") == 3);
	CHECK(vfs_rename(fs, "/n/b", "/b") == 0);	/* to another parent */
	CHECK(nlink_of("/n") == 2 && nlink_of("/") == root + 2);
	CHECK(vfs_rename(fs, "/n/f", "/f") == 0);	/* a file changes no counts */
	CHECK(nlink_of("/n") == 2 && nlink_of("/") == root + 2);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(vfs_rmdir(fs, "/b") == 0);
	CHECK(vfs_rmdir(fs, "/n") == 0);
	CHECK(nlink_of("/") == root);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(a_removed_working_directory_takes_no_new_names)
{
	struct vfs_baseline b = vfs_begin();
	struct kstat st;

	CHECK(vfs_mkdir(fs, "/dead", 0755) == 0);
	CHECK(vfs_chdir(fs, "/dead") == 0);
	CHECK(vfs_rmdir(fs, "/dead") == 0);
	CHECK(vfs_stat(fs, ".", 0, &st) == 0 && st.nlink == 0);
	CHECK(stat_err("x") == -ENOENT);
	CHECK(open_err("x", O_RDWR | O_CREAT, 0644) == -ENOENT);
	CHECK(vfs_mkdir(fs, "y", 0755) == -ENOENT);
	CHECK(vfs_symlink(fs, "/", "z") == -ENOENT);
	CHECK(ino_of("..") == ino_of("/"));
	CHECK(vfs_chdir(fs, "/") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

/* ---- rename ---------------------------------------------------------------------- */

HTEST(rename_gives_a_file_a_new_name)
{
	struct vfs_baseline b = vfs_begin();
	uint64_t ino;

	CHECK(put_file("/r1", "one"));
	ino = ino_of("/r1");
	CHECK(vfs_rename(fs, "/r1", "/r2") == 0);
	CHECK(stat_err("/r1") == -ENOENT && ino_of("/r2") == ino && name_is("/r2", "one"));
	CHECK(vfs_rename(fs, "/r2", "/r2") == 0);		/* to itself: nothing */
	CHECK(name_is("/r2", "one"));
	CHECK(vfs_rename(fs, "/r1", "/r3") == -ENOENT);
	CHECK(vfs_rename(fs, "/r2", "/nope/r2") == -ENOENT);
	CHECK(vfs_rename(fs, "/", "/x") == -EBUSY);
	CHECK(vfs_rename(fs, "/r2", "/") == -EBUSY);
	CHECK(vfs_mkdir(fs, "/d", 0755) == 0);
	CHECK(vfs_rename(fs, "/r2", "/d/r") == 0);		/* into a directory */
	CHECK(ino_of("/d/r") == ino);
	CHECK(vfs_unlink(fs, "/d/r") == 0);
	CHECK(vfs_rmdir(fs, "/d") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(rename_over_an_open_file_keeps_its_inode_until_the_last_close)
{
	struct vfs_baseline b = vfs_begin();
	struct file *old;
	struct kstat st;
	size_t free_before;

	CHECK(put_file("/a", "AAA"));
	CHECK(put_pages("/b", 2, 'b'));
	old = open_file("/b", O_RDWR, 0);
	CHECK(old != NULL);
	free_before = pmem_free_pages();
	CHECK(vfs_rename(fs, "/a", "/b") == 0);
	CHECK(stat_err("/a") == -ENOENT && name_is("/b", "AAA"));
	CHECK(vfs_fstat(old, &st) == 0 && st.nlink == 0 && st.size == 2 * PG);
	CHECK(range_is(old, 0, 2 * PG, 'b'));
	CHECK(vfs_pwrite(old, "Q", 1, 0) == 1);		/* writes go to the old inode */
	CHECK(name_is("/b", "AAA"));
	CHECK(pmem_free_pages() == free_before);
	file_put(old);
	CHECK(pmem_free_pages() == free_before + 2);	/* now its pages go */
	CHECK(vfs_unlink(fs, "/b") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(rename_refuses_a_subtree_a_full_directory_and_mixed_types)
{
	struct vfs_baseline b = vfs_begin();

	CHECK(vfs_mkdir(fs, "/t", 0755) == 0);
	CHECK(vfs_mkdir(fs, "/t/s", 0755) == 0);
	CHECK(vfs_mkdir(fs, "/u", 0755) == 0);
	CHECK(vfs_mkdir(fs, "/u/child", 0755) == 0);
	CHECK(put_file("/f", "x"));
	CHECK(vfs_rename(fs, "/t", "/t/s/x") == -EINVAL);	/* into its own subtree */
	CHECK(vfs_rename(fs, "/t", "/t/x") == -EINVAL);
	CHECK(vfs_rename(fs, "/t", "/u") == -ENOTEMPTY);
	CHECK(vfs_rename(fs, "/t/s", "/u") == -ENOTEMPTY);	/* /u holds child */
	CHECK(vfs_rename(fs, "/f", "/t") == -EISDIR);
	CHECK(vfs_rename(fs, "/t", "/f") == -ENOTDIR);
	CHECK(vfs_rename(fs, "/t/.", "/x") == -EINVAL);
	CHECK(ino_of("/t/s") != 0 && ino_of("/u/child") != 0 && name_is("/f", "x"));
	CHECK(vfs_rmdir(fs, "/t/s") == 0);
	CHECK(vfs_rmdir(fs, "/u/child") == 0);
	CHECK(vfs_rmdir(fs, "/t") == 0);
	CHECK(vfs_rmdir(fs, "/u") == 0);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(rename_over_an_empty_directory_removes_it)
{
	struct vfs_baseline b = vfs_begin();
	unsigned root = nlink_of("/");
	struct file *e;
	struct kstat st;

	CHECK(vfs_mkdir(fs, "/t", 0755) == 0);
	CHECK(put_file("/t/f", "x"));
	CHECK(vfs_mkdir(fs, "/e", 0755) == 0);
	e = open_file("/e", O_RDONLY | O_DIRECTORY, 0);
	CHECK(e != NULL);
	CHECK(vfs_rename(fs, "/t", "/e") == 0);
	CHECK(stat_err("/t") == -ENOENT && name_is("/e/f", "x"));
	CHECK(nlink_of("/") == root + 1);
	CHECK(vfs_fstat(e, &st) == 0 && st.nlink == 0);	/* as rmdir leaves it */
	file_put(e);
	CHECK(vfs_unlink(fs, "/e/f") == 0);
	CHECK(vfs_rmdir(fs, "/e") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(rename_of_an_open_file_keeps_reads_and_writes_working)
{
	struct vfs_baseline b = vfs_begin();
	struct file *f;
	char buf[8];

	CHECK(vfs_mkdir(fs, "/d", 0755) == 0);
	CHECK(put_file("/mv", "content"));
	f = open_file("/mv", O_RDWR, 0);
	CHECK(f != NULL);
	CHECK(vfs_read(f, buf, 3) == 3);
	CHECK(vfs_rename(fs, "/mv", "/d/moved") == 0);
	CHECK(vfs_read(f, buf, 4) == 4 && memcmp(buf, "tent", 4) == 0);
	CHECK(vfs_write(f, "!", 1) == 1);
	CHECK(name_is("/d/moved", "content!"));
	CHECK(open_err("/mv", O_RDONLY, 0) == -ENOENT);
	file_put(f);
	CHECK(vfs_unlink(fs, "/d/moved") == 0);
	CHECK(vfs_rmdir(fs, "/d") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(rename_of_a_directory_moves_every_lookup_below_it)
{
	struct vfs_baseline b = vfs_begin();
	uint64_t ino;

	CHECK(vfs_mkdir(fs, "/x", 0755) == 0);
	CHECK(vfs_mkdir(fs, "/x/y", 0755) == 0);
	CHECK(put_file("/x/y/f", "deep"));
	ino = ino_of("/x/y/f");
	CHECK(vfs_chdir(fs, "/x/y") == 0);
	CHECK(vfs_rename(fs, "/x", "/z") == 0);
	CHECK(ino_of("/z/y/f") == ino && name_is("/z/y/f", "deep"));
	CHECK(stat_err("/x/y/f") == -ENOENT && stat_err("/x") == -ENOENT);
	/* The working directory moved with it. */
	CHECK(ino_of("f") == ino && ino_of("..") == ino_of("/z"));
	CHECK(put_file("../g", "new"));
	CHECK(name_is("/z/g", "new"));
	CHECK(vfs_chdir(fs, "/") == 0);
	CHECK(vfs_unlink(fs, "/z/g") == 0);
	CHECK(vfs_unlink(fs, "/z/y/f") == 0);
	CHECK(vfs_rmdir(fs, "/z/y") == 0);
	CHECK(vfs_rmdir(fs, "/z") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

/* ---- unlink of an open file ----------------------------------------------------- */

HTEST(an_unlinked_open_file_lives_until_its_last_close)
{
	struct vfs_baseline b = vfs_begin();
	struct file *f, *g;
	struct kstat st;

	CHECK(put_pages("/ul", 3, 'u'));
	f = open_file("/ul", O_RDWR, 0);
	g = open_file("/ul", O_RDONLY, 0);
	CHECK(f && g);
	CHECK(vfs_unlink(fs, "/ul") == 0);
	CHECK(stat_err("/ul") == -ENOENT && open_err("/ul", O_RDONLY, 0) == -ENOENT);
	CHECK(vfs_fstat(f, &st) == 0 && st.nlink == 0 && st.size == 3 * PG);
	CHECK(range_is(f, 0, 3 * PG, 'u'));
	CHECK(vfs_pwrite(f, "more", 4, 3 * PG) == 4);
	CHECK(vfs_fstat(g, &st) == 0 && st.size == 3 * PG + 4 && st.blocks == 4 * (PG / 512));
	/* A new file of the same name is another inode. */
	CHECK(put_file("/ul", "new"));
	CHECK(ino_of("/ul") != st.ino && name_is("/ul", "new"));
	CHECK(vfs_unlink(fs, "/ul") == 0);
	CHECK(root_is_empty());
	file_put(f);
	CHECK(pmem_free_pages() < b.free_pages);	/* g still holds four pages */
	CHECK(range_is(g, 0, 3 * PG, 'u'));
	file_put(g);
	CHECK(vfs_back(&b));
}

HTEST(path_names_follow_renames_and_mounts_and_mark_deleted_files)
{
	struct vfs_baseline b = vfs_begin();
	struct file *f, *g;
	char buf[64];

	CHECK(vfs_mkdir(fs, "/d", 0755) == 0);
	CHECK(vfs_mkdir(fs, "/mnt", 0755) == 0);
	CHECK(vfs_mount(fs, "none", "/mnt", "ramfs", NULL) == 0);
	CHECK(put_file("/d/f", "x") && put_file("/mnt/g", "y"));
	f = open_file("/d/f", O_RDONLY, 0);
	g = open_file("/mnt/g", O_RDONLY, 0);
	CHECK(f && g);
	CHECK(vfs_path_name(&f->path, NULL, buf, sizeof(buf)) == 4 && strcmp(buf, "/d/f") == 0);
	CHECK(vfs_path_name(&g->path, NULL, buf, sizeof(buf)) == 6 && strcmp(buf, "/mnt/g") == 0);
	CHECK(vfs_path_name(&fs->root, NULL, buf, sizeof(buf)) == 1 && strcmp(buf, "/") == 0);
	CHECK(vfs_rename(fs, "/d", "/e") == 0);
	CHECK(vfs_path_name(&f->path, NULL, buf, sizeof(buf)) > 0 && strcmp(buf, "/e/f") == 0);
	CHECK(vfs_path_name(&f->path, NULL, buf, 8) == -ENAMETOOLONG);
	CHECK(vfs_unlink(fs, "/e/f") == 0);
	CHECK(vfs_path_name(&f->path, NULL, buf, sizeof(buf)) > 0 &&
	      strcmp(buf, "/e/f (deleted)") == 0);
	file_put(f);
	file_put(g);
	CHECK(vfs_umount(fs, "/mnt") == 0);
	CHECK(vfs_rmdir(fs, "/mnt") == 0);
	CHECK(vfs_rmdir(fs, "/e") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

/* ---- mounts ------------------------------------------------------------------------ */

HTEST(a_mounted_ramfs_is_its_own_tree_and_dotdot_leaves_it)
{
	struct vfs_baseline b = vfs_begin();
	struct kstat root, mnt;

	CHECK(vfs_mkdir(fs, "/mnt", 0755) == 0);
	CHECK(put_file("/mnt/under", "hidden"));
	CHECK(vfs_mount(fs, "none", "/mnt", "ramfs", NULL) == 0);
	CHECK(vfs_stat(fs, "/", 0, &root) == 0 && vfs_stat(fs, "/mnt", 0, &mnt) == 0);
	CHECK(mnt.dev != root.dev && mnt.ino == 1);
	CHECK(stat_err("/mnt/under") == -ENOENT);	/* the mount hides it */
	CHECK(put_file("/mnt/inside", "in"));
	CHECK(vfs_mkdir(fs, "/mnt/d", 0755) == 0);
	CHECK(stat_err("/inside") == -ENOENT);
	CHECK(vfs_chdir(fs, "/mnt/d") == 0);
	CHECK(ino_of("../..") == root.ino && ino_of("../../mnt/inside") == ino_of("/mnt/inside"));
	CHECK(vfs_chdir(fs, "/mnt") == 0);
	CHECK(ino_of("..") == root.ino && ino_of("../mnt/inside") == ino_of("/mnt/inside"));
	CHECK(vfs_chdir(fs, "/") == 0);
	/* Names cannot move between mounts, nor can a mount point go. */
	CHECK(vfs_rename(fs, "/mnt/inside", "/inside") == -EXDEV);
	CHECK(vfs_rmdir(fs, "/mnt") == -EBUSY);
	CHECK(vfs_rename(fs, "/mnt", "/m2") == -EBUSY);
	CHECK(vfs_mount(fs, "none", "/mnt/inside", "ramfs", NULL) == -ENOTDIR);
	CHECK(vfs_mount(fs, "none", "/mnt/d", "nofs", NULL) == -ENODEV);
	CHECK(vfs_mount(fs, "none", "/nope", "ramfs", NULL) == -ENOENT);
	CHECK(vfs_umount(fs, "/mnt") == 0);
	CHECK(stat_err("/mnt/inside") == -ENOENT && name_is("/mnt/under", "hidden"));
	/* From below a mount point, ".." leads to the mount that covers it. */
	CHECK(vfs_mkdir(fs, "/mnt/sub", 0755) == 0);
	CHECK(vfs_chdir(fs, "/mnt/sub") == 0);
	CHECK(vfs_mount(fs, "none", "/mnt", "ramfs", NULL) == 0);
	CHECK(put_file("/mnt/top", "t"));
	CHECK(ino_of("..") == ino_of("/mnt") && name_is("../top", "t"));
	CHECK(vfs_chdir(fs, "/") == 0);
	CHECK(vfs_umount(fs, "/mnt") == 0);
	CHECK(vfs_rmdir(fs, "/mnt/sub") == 0);
	CHECK(vfs_unlink(fs, "/mnt/under") == 0);
	CHECK(vfs_rmdir(fs, "/mnt") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(umount_is_ebusy_while_the_mount_is_used_and_einval_for_the_root)
{
	struct vfs_baseline b = vfs_begin();
	struct file *f;

	CHECK(vfs_umount(fs, "/") == -EINVAL);
	CHECK(vfs_mkdir(fs, "/mnt", 0755) == 0);
	CHECK(vfs_umount(fs, "/mnt") == -EINVAL);		/* nothing mounted */
	CHECK(vfs_mount(fs, "none", "/mnt", "ramfs", NULL) == 0);
	CHECK(put_pages("/mnt/f", 2, 'm'));
	CHECK(vfs_mkdir(fs, "/mnt/d", 0755) == 0);
	CHECK(vfs_umount(fs, "/mnt/d") == -EINVAL);		/* not a mount's root */
	f = open_file("/mnt/f", O_RDONLY, 0);
	CHECK(f != NULL);
	CHECK(vfs_umount(fs, "/mnt") == -EBUSY);
	file_put(f);
	CHECK(vfs_chdir(fs, "/mnt/d") == 0);
	CHECK(vfs_umount(fs, "/mnt") == -EBUSY);		/* a working directory */
	CHECK(vfs_chdir(fs, "/") == 0);
	/* A mount on top holds the one below. */
	CHECK(vfs_mount(fs, "none", "/mnt/d", "ramfs", NULL) == 0);
	CHECK(vfs_umount(fs, "/mnt") == -EBUSY);
	CHECK(vfs_umount(fs, "/mnt/d") == 0);
	CHECK(vfs_umount(fs, "/mnt") == 0);			/* its files go with it */
	/* Two mounts on one place: the newer hides the older, and goes first. */
	CHECK(vfs_mount(fs, "one", "/mnt", "ramfs", NULL) == 0);
	CHECK(put_file("/mnt/one", "1"));
	CHECK(vfs_mount(fs, "two", "/mnt", "ramfs", NULL) == 0);
	CHECK(stat_err("/mnt/one") == -ENOENT);
	CHECK(vfs_umount(fs, "/mnt") == 0);
	CHECK(name_is("/mnt/one", "1"));
	CHECK(vfs_umount(fs, "/mnt") == 0);
	CHECK(vfs_umount(fs, "/mnt") == -EINVAL);
	CHECK(vfs_rmdir(fs, "/mnt") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}
