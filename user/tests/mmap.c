/*
 * user/tests/mmap.c - test-mmap: what mmap, munmap and mprotect promise a
 * program, checked through memory contents and /proc/self/maps.
 *
 * VMA boundaries are read from /proc/self/maps, which Linux has too. A
 * mapping under test is fenced by PROT_NONE pages (see fenced_map()), so
 * that neither kernel can merge it with a neighbour and its lines are
 * the same on both. Protections are tested without signal handlers: a
 * child process touches the page, and waitpid() tells how it died.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define PAGE 4096ul

/* One line of /proc/self/maps. */
struct map_line {
	unsigned long start, end, offset;
	char perms[5];
	char name[256];
};

static char maps_text[16384];

/* read_maps() reads /proc/self/maps into maps_text. */
static void read_maps(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);

	CHECK_OK(fd);
	utest_read_all(fd, maps_text, sizeof(maps_text));
	close(fd);
}

/* parse_map_line() parses the line at @p into @ml; false if it is not one. */
static bool parse_map_line(const char *p, struct map_line *ml)
{
	unsigned dev_major, dev_minor;
	unsigned long inode;
	int used = 0;
	size_t n;

	if (sscanf(p, "%lx-%lx %4s %lx %x:%x %lu%n", &ml->start, &ml->end, ml->perms,
		   &ml->offset, &dev_major, &dev_minor, &inode, &used) < 7 || !used)
		return false;
	p += used;
	p += strspn(p, " ");		/* the name starts in column 74, if any */
	n = strcspn(p, "\n");
	snprintf(ml->name, sizeof(ml->name), "%.*s", (int)n, p);
	return true;
}

/*
 * maps_in() reads /proc/self/maps and copies the lines of mappings that
 * overlap [@lo, @hi) into @out (at most @max); returns how many there are.
 */
static int maps_in(unsigned long lo, unsigned long hi, struct map_line *out, int max)
{
	const char *p = maps_text;
	int count = 0;

	read_maps();
	while (*p) {
		struct map_line ml;

		if (parse_map_line(p, &ml) && ml.end > lo && ml.start < hi) {
			if (count < max)
				out[count] = ml;
			count++;
		}
		p += strcspn(p, "\n");
		p += *p == '\n';
	}
	return count;
}

/* CHECK_MAP() checks that @ml is [@lo, @hi) with permissions @perms. */
#define CHECK_MAP(ml, lo, hi, perms_)					\
	do {								\
		CHECK_EQ((ml).start, (unsigned long)(lo));		\
		CHECK_EQ((ml).end, (unsigned long)(hi));		\
		CHECK_STR((ml).perms, perms_);				\
	} while (0)

/*
 * fenced_map() maps @pages anonymous private pages with @prot between two
 * PROT_NONE guard pages, and returns the first of them.
 */
static char *fenced_map(size_t pages, int prot)
{
	char *fence = mmap(NULL, (pages + 2) * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			   -1, 0);
	char *p;

	CHECK(fence != MAP_FAILED);
	p = mmap(fence + PAGE, pages * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0);
	CHECK(p == fence + PAGE);
	return p;
}

/* How a child that runs touch(@p, @write) ends: its wait status. */
static int touch_in_child(volatile char *p, bool write)
{
	int pid = fork();

	CHECK_OK(pid);
	if (pid == 0) {
		if (write)
			*p = 1;
		else
			(void)*p;
		_exit(0);
	}
	return utest_wait(pid);
}

#define CHECK_KILLED_BY(status, sig)					\
	do {								\
		CHECK(WIFSIGNALED(status));				\
		CHECK_EQ(WTERMSIG(status), sig);			\
	} while (0)

/* make_file() creates @path holding @pages pages, page i filled with 'a' + i. */
static void make_file(const char *path, int pages)
{
	static char buf[PAGE];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK_OK(fd);
	for (int i = 0; i < pages; i++) {
		memset(buf, 'a' + i, PAGE);
		CHECK_EQ(write(fd, buf, PAGE), PAGE);
	}
	close(fd);
}

/* ---- anonymous mappings ------------------------------------------------------ */

UTEST(anon_private_mapping_reads_zero_and_keeps_writes, UTEST_HOST_SAFE)
{
	size_t len = 8 * PAGE;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	CHECK_EQ((unsigned long)p % PAGE, 0);
	for (size_t i = 0; i < len; i++)
		CHECK_EQ(p[i], 0);
	for (size_t i = 0; i < len; i += 512)
		p[i] = (unsigned char)(i / 512 + 1);
	for (size_t i = 0; i < len; i += 512)
		CHECK_EQ(p[i], (unsigned char)(i / 512 + 1));
	CHECK_OK(munmap(p, len));
}

UTEST(anon_private_mapping_is_one_rw_p_line_in_maps, UTEST_HOST_SAFE)
{
	char *p = fenced_map(3, PROT_READ | PROT_WRITE);
	struct map_line ml[4];

	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 3 * PAGE, ml, 4), 1);
	CHECK_MAP(ml[0], p, p + 3 * PAGE, "rw-p");
	CHECK_EQ(ml[0].offset, 0);
	CHECK_STR(ml[0].name, "");
	CHECK_EQ(maps_in((unsigned long)p - PAGE, (unsigned long)p, ml, 4), 1);
	CHECK_MAP(ml[0], p - PAGE, p, "---p");
}

UTEST(anon_shared_mapping_is_shared_with_a_forked_child, UTEST_HOST_SAFE)
{
	volatile int *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			       -1, 0);
	struct map_line ml;
	int pid;

	CHECK(p != MAP_FAILED);
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + PAGE, &ml, 1), 1);
	CHECK_STR(ml.perms, "rw-s");
	p[0] = 1;
	pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		p[1] = p[0] + 41;	/* the parent's write is seen here... */
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(p[1], 42);		/* ...and the child's there */
	CHECK_OK(munmap((void *)p, PAGE));
}

/* ---- file mappings ------------------------------------------------------------ */

UTEST(file_shared_mapping_and_file_see_each_others_writes, UTEST_HOST_SAFE)
{
	char buf[8];
	int fd;
	char *p;

	make_file("shared.dat", 2);
	fd = open("shared.dat", O_RDWR);
	CHECK_OK(fd);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[0], 'a');
	CHECK_EQ(p[PAGE + 5], 'b');
	memcpy(p + PAGE, "MAPPED", 6);			/* mapping -> file */
	CHECK_OK(msync(p, 2 * PAGE, MS_SYNC));
	CHECK_EQ(pread(fd, buf, 6, PAGE), 6);
	CHECK(memcmp(buf, "MAPPED", 6) == 0);
	CHECK_EQ(pwrite(fd, "WRITTEN", 7, 100), 7);	/* file -> mapping */
	CHECK(memcmp(p + 100, "WRITTEN", 7) == 0);
	CHECK_OK(munmap(p, 2 * PAGE));
	close(fd);
	/* What the mapping wrote outlives it. */
	fd = open("shared.dat", O_RDONLY);
	CHECK_EQ(pread(fd, buf, 6, PAGE), 6);
	CHECK(memcmp(buf, "MAPPED", 6) == 0);
	close(fd);
	CHECK_OK(unlink("shared.dat"));
}

UTEST(file_private_mapping_keeps_its_writes_from_the_file, UTEST_HOST_SAFE)
{
	char buf[8];
	int fd;
	char *p;

	make_file("private.dat", 2);
	fd = open("private.dat", O_RDWR);
	CHECK_OK(fd);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[PAGE], 'b');
	memcpy(p + PAGE, "PRIVATE", 7);
	CHECK_OK(munmap(p, 2 * PAGE));
	CHECK_EQ(pread(fd, buf, 7, PAGE), 7);
	CHECK(memcmp(buf, "bbbbbbb", 7) == 0);
	close(fd);
	CHECK_OK(unlink("private.dat"));
}

UTEST(file_mapping_shows_offset_and_path_in_maps, UTEST_HOST_SAFE)
{
	struct map_line ml;
	const char *tail = "/named.dat";
	int fd;
	char *p;

	make_file("named.dat", 3);
	fd = open("named.dat", O_RDONLY);
	CHECK_OK(fd);
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[0], 'b');
	CHECK_EQ(p[PAGE], 'c');
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 2 * PAGE, &ml, 1), 1);
	CHECK_MAP(ml, p, p + 2 * PAGE, "r--p");
	CHECK_EQ(ml.offset, PAGE);
	CHECK(ml.name[0] == '/');
	CHECK(strlen(ml.name) > strlen(tail));
	CHECK_STR(ml.name + strlen(ml.name) - strlen(tail), tail);
	CHECK_OK(munmap(p, 2 * PAGE));
	close(fd);
	CHECK_OK(unlink("named.dat"));
}

UTEST(file_mapping_past_the_end_of_the_file_gives_sigbus, UTEST_HOST_SAFE)
{
	int fd, status;
	char *p;

	make_file("short.dat", 1);
	fd = open("short.dat", O_RDONLY);
	CHECK_OK(fd);
	p = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[PAGE - 1], 'a');
	status = touch_in_child(p + 2 * PAGE, false);
	CHECK_KILLED_BY(status, SIGBUS);
	CHECK_OK(munmap(p, 3 * PAGE));
	close(fd);
	CHECK_OK(unlink("short.dat"));
}

UTEST(mmap_refuses_bad_arguments_with_their_errnos, UTEST_HOST_SAFE)
{
	int ro;

	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	CHECK_EQ(errno, EINVAL);
	CHECK(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	CHECK_EQ(errno, EINVAL);		/* neither shared nor private */
	CHECK(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 1000, 0) == MAP_FAILED);
	CHECK_EQ(errno, EBADF);
	make_file("ro.dat", 1);
	ro = open("ro.dat", O_RDONLY);
	CHECK_OK(ro);
	CHECK(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ro, 100) == MAP_FAILED);
	CHECK_EQ(errno, EINVAL);		/* offset not page aligned */
	CHECK(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED);
	CHECK_EQ(errno, EACCES);		/* shared and writable, file read-only */
	close(ro);
	CHECK_OK(unlink("ro.dat"));
}

UTEST(file_mapping_outlives_the_descriptor_it_was_made_from, UTEST_HOST_SAFE)
{
	int fd;
	char *p;

	make_file("closed.dat", 1);
	fd = open("closed.dat", O_RDWR);
	CHECK_OK(fd);
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_OK(close(fd));
	CHECK_OK(unlink("closed.dat"));		/* no name, no descriptor: still mapped */
	CHECK_EQ(p[0], 'a');
	p[1] = 'Z';
	CHECK_EQ(p[1], 'Z');
	CHECK_OK(munmap(p, PAGE));
}

UTEST(truncating_a_mapped_file_gives_sigbus_past_the_new_end, UTEST_HOST_SAFE)
{
	int fd;
	char *p;

	make_file("shrink.dat", 3);
	fd = open("shrink.dat", O_RDWR);
	CHECK_OK(fd);
	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[2 * PAGE], 'c');		/* faulted in before the truncate */
	CHECK_OK(ftruncate(fd, PAGE));
	CHECK_EQ(p[0], 'a');
	CHECK_KILLED_BY(touch_in_child(p + 2 * PAGE, false), SIGBUS);
	CHECK_KILLED_BY(touch_in_child(p + PAGE, true), SIGBUS);
	CHECK_OK(ftruncate(fd, 3 * PAGE));	/* grown again: zeros, no SIGBUS */
	CHECK_EQ(touch_in_child(p + 2 * PAGE, false), 0);
	CHECK_EQ(p[2 * PAGE], 0);
	CHECK_OK(munmap(p, 3 * PAGE));
	close(fd);
	CHECK_OK(unlink("shrink.dat"));
}

UTEST(private_mapping_of_a_read_only_file_may_be_written, UTEST_HOST_SAFE)
{
	int fd;
	char *p;

	make_file("ro-private.dat", 1);
	fd = open("ro-private.dat", O_RDONLY);
	CHECK_OK(fd);
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	p[0] = 'W';
	CHECK_EQ(p[0], 'W');
	CHECK_OK(munmap(p, PAGE));
	close(fd);
	CHECK_OK(unlink("ro-private.dat"));
}

UTEST(mprotect_cannot_make_a_read_only_files_shared_mapping_writable, UTEST_HOST_SAFE)
{
	int fd;
	char *p;

	make_file("ro-shared.dat", 1);
	fd = open("ro-shared.dat", O_RDONLY);
	CHECK_OK(fd);
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_ERRNO(mprotect(p, PAGE, PROT_READ | PROT_WRITE), EACCES);
	CHECK_KILLED_BY(touch_in_child(p, true), SIGSEGV);
	CHECK_OK(munmap(p, PAGE));
	close(fd);
	CHECK_OK(unlink("ro-shared.dat"));
}

UTEST(munmap_of_a_file_mappings_first_page_keeps_the_rest_at_their_offsets, UTEST_HOST_SAFE)
{
	struct map_line ml[2];
	int fd;
	char *p;

	make_file("head.dat", 3);
	fd = open("head.dat", O_RDONLY);
	CHECK_OK(fd);
	p = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_OK(munmap(p, PAGE));
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 3 * PAGE, ml, 2), 1);
	CHECK_MAP(ml[0], p + PAGE, p + 3 * PAGE, "r--p");
	CHECK_EQ(ml[0].offset, PAGE);
	CHECK_EQ(p[PAGE], 'b');
	CHECK_EQ(p[2 * PAGE], 'c');
	CHECK_OK(munmap(p + PAGE, 2 * PAGE));
	close(fd);
	CHECK_OK(unlink("head.dat"));
}

/* ---- MAP_FIXED ------------------------------------------------------------------ */

UTEST(map_fixed_replaces_the_middle_page_of_a_mapping, UTEST_HOST_SAFE)
{
	char *p = fenced_map(3, PROT_READ | PROT_WRITE), *q;
	struct map_line ml[4];

	memset(p, 'A', 3 * PAGE);
	q = mmap(p + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(q == p + PAGE);
	CHECK_EQ(q[0], 0);			/* new, zeroed memory */
	CHECK_EQ(q[PAGE - 1], 0);
	CHECK_EQ(p[PAGE - 1], 'A');		/* its neighbours keep theirs */
	CHECK_EQ(p[2 * PAGE], 'A');
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 3 * PAGE, ml, 4), 3);
	CHECK_MAP(ml[0], p, p + PAGE, "rw-p");
	CHECK_MAP(ml[1], p + PAGE, p + 2 * PAGE, "r--p");
	CHECK_MAP(ml[2], p + 2 * PAGE, p + 3 * PAGE, "rw-p");
}

UTEST(map_fixed_noreplace_over_a_mapping_fails_with_eexist, UTEST_HOST_SAFE)
{
	char *p = fenced_map(2, PROT_READ | PROT_WRITE), *q;
	struct map_line ml[4];

	memset(p, 'K', 2 * PAGE);
	q = mmap(p + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		 -1, 0);
	CHECK(q == MAP_FAILED);
	CHECK_EQ(errno, EEXIST);
	CHECK_EQ(p[PAGE], 'K');			/* nothing changed */
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 2 * PAGE, ml, 4), 1);
	CHECK_MAP(ml[0], p, p + 2 * PAGE, "rw-p");
}

UTEST(map_fixed_noreplace_into_a_hole_maps_exactly_there, UTEST_HOST_SAFE)
{
	char *p = fenced_map(3, PROT_READ | PROT_WRITE), *q;

	CHECK_OK(munmap(p + PAGE, PAGE));
	q = mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(q == p + PAGE);
	q[0] = 'Q';
	CHECK_EQ(p[PAGE], 'Q');
}

/* ---- munmap ------------------------------------------------------------------------ */

UTEST(munmap_of_a_middle_page_leaves_a_hole_between_two_mappings, UTEST_HOST_SAFE)
{
	char *p = fenced_map(3, PROT_READ | PROT_WRITE);
	struct map_line ml[4];

	memset(p, 'M', 3 * PAGE);
	CHECK_OK(munmap(p + PAGE, PAGE));
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 3 * PAGE, ml, 4), 2);
	CHECK_MAP(ml[0], p, p + PAGE, "rw-p");
	CHECK_MAP(ml[1], p + 2 * PAGE, p + 3 * PAGE, "rw-p");
	CHECK_EQ(p[PAGE - 1], 'M');
	CHECK_EQ(p[2 * PAGE], 'M');
	CHECK_KILLED_BY(touch_in_child(p + PAGE, false), SIGSEGV);
}

UTEST(munmap_across_a_hole_unmaps_both_sides_and_succeeds, UTEST_HOST_SAFE)
{
	char *p = fenced_map(3, PROT_READ | PROT_WRITE);
	struct map_line ml[4];

	CHECK_OK(munmap(p + PAGE, PAGE));
	CHECK_OK(munmap(p, 3 * PAGE));		/* spans the hole */
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 3 * PAGE, ml, 4), 0);
	CHECK_OK(munmap(p, 3 * PAGE));		/* nothing there at all: still 0 */
	CHECK_ERRNO(munmap(p + 1, PAGE), EINVAL);
	CHECK_ERRNO(munmap(p, 0), EINVAL);
}

/* ---- mprotect -------------------------------------------------------------------- */

UTEST(mprotect_of_a_middle_page_splits_one_mapping_into_three, UTEST_HOST_SAFE)
{
	char *p = fenced_map(3, PROT_READ | PROT_WRITE);
	struct map_line ml[4];

	memset(p, 'P', 3 * PAGE);
	CHECK_OK(mprotect(p + PAGE, PAGE, PROT_READ));
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 3 * PAGE, ml, 4), 3);
	CHECK_MAP(ml[0], p, p + PAGE, "rw-p");
	CHECK_MAP(ml[1], p + PAGE, p + 2 * PAGE, "r--p");
	CHECK_MAP(ml[2], p + 2 * PAGE, p + 3 * PAGE, "rw-p");
	CHECK_EQ(p[PAGE + 7], 'P');		/* still readable, contents kept */
	CHECK_KILLED_BY(touch_in_child(p + PAGE, true), SIGSEGV);
	p[0] = p[2 * PAGE] = 'w';		/* the outer pages stay writable */
}

UTEST(mprotect_back_merges_the_three_mappings_into_one, UTEST_HOST_SAFE)
{
	char *p = fenced_map(3, PROT_READ | PROT_WRITE);
	struct map_line ml[4];

	memset(p, 'P', 3 * PAGE);
	CHECK_OK(mprotect(p + PAGE, PAGE, PROT_READ));
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 3 * PAGE, ml, 4), 3);
	CHECK_OK(mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE));
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 3 * PAGE, ml, 4), 1);
	CHECK_MAP(ml[0], p, p + 3 * PAGE, "rw-p");
	p[PAGE] = 'W';
	CHECK_EQ(p[PAGE], 'W');
	CHECK_EQ(p[PAGE + 1], 'P');
}

UTEST(prot_none_page_kills_a_child_that_reads_it_with_sigsegv, UTEST_HOST_SAFE)
{
	char *p = fenced_map(1, PROT_READ | PROT_WRITE);

	p[0] = 'x';
	CHECK_OK(mprotect(p, PAGE, PROT_NONE));
	CHECK_KILLED_BY(touch_in_child(p, false), SIGSEGV);
	CHECK_OK(mprotect(p, PAGE, PROT_READ));
	CHECK_EQ(p[0], 'x');			/* the contents survived PROT_NONE */
	CHECK_EQ(touch_in_child(p, false), 0);
}

UTEST(mprotect_of_an_unmapped_range_fails_with_enomem, UTEST_HOST_SAFE)
{
	char *p = fenced_map(3, PROT_READ | PROT_WRITE);

	CHECK_OK(munmap(p + PAGE, PAGE));
	CHECK_ERRNO(mprotect(p, 3 * PAGE, PROT_READ), ENOMEM);
	CHECK_ERRNO(mprotect(p + 1, PAGE, PROT_READ), EINVAL);
}

/* ---- failure injection (Atlas's /proc/sys/debug/fault_inject) ------------------------ */

/* arm() makes the next @count hits of failure point @point fail. */
static void arm(const char *point, int count)
{
	char cmd[64];
	int fd = open("/proc/sys/debug/fault_inject", O_WRONLY);
	int n = snprintf(cmd, sizeof(cmd), "%s %d\n", point, count);

	CHECK_OK(fd);
	CHECK_EQ(write(fd, cmd, n), n);
	close(fd);
}

UTEST(failed_vma_allocation_fails_mmap_with_enomem_and_changes_nothing, UTEST_ATLAS_ONLY)
{
	static char before[sizeof(maps_text)];
	void *q;
	int err;

	read_maps();
	strcpy(before, maps_text);
	arm("mmap.vma_alloc", 1);
	q = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	err = errno;
	arm("mmap.vma_alloc", 0);
	CHECK(q == MAP_FAILED);
	CHECK_EQ(err, ENOMEM);
	read_maps();
	CHECK_STR(maps_text, before);
}

UTEST(failed_split_keeps_map_fixed_from_touching_the_old_mapping, UTEST_ATLAS_ONLY)
{
	char *p = fenced_map(3, PROT_READ | PROT_WRITE), *q;
	struct map_line ml[4];
	int err;

	memset(p, 'F', 3 * PAGE);
	arm("mmap.split_alloc", 1);
	q = mmap(p + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	err = errno;
	arm("mmap.split_alloc", 0);
	CHECK(q == MAP_FAILED);
	CHECK_EQ(err, ENOMEM);
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 3 * PAGE, ml, 4), 1);
	CHECK_MAP(ml[0], p, p + 3 * PAGE, "rw-p");
	CHECK_EQ(p[PAGE], 'F');
	CHECK_EQ(p[2 * PAGE - 1], 'F');
}

UTEST(failed_split_fails_mprotect_with_enomem_and_changes_nothing, UTEST_ATLAS_ONLY)
{
	char *p = fenced_map(3, PROT_READ | PROT_WRITE);
	struct map_line ml[4];
	int r, err;

	arm("vma.split_alloc", 1);
	r = mprotect(p + PAGE, PAGE, PROT_READ);
	err = errno;
	arm("vma.split_alloc", 0);
	CHECK_EQ(r, -1);
	CHECK_EQ(err, ENOMEM);
	CHECK_EQ(maps_in((unsigned long)p, (unsigned long)p + 3 * PAGE, ml, 4), 1);
	CHECK_MAP(ml[0], p, p + 3 * PAGE, "rw-p");
	p[PAGE] = 'w';				/* still writable */
}

int main(int argc, char **argv)
{
	return utest_main("mmap", argc, argv);
}
