/*
 * user/tests/vfs.c - test-vfs: the file-system calls as a program sees
 * them: open and its flags, read/write/lseek/pread/pwrite, stat, the
 * directory calls and their errnos, readdir, symbolic links, dup, the
 * current directory, and a file unlinked while open.
 *
 * Every case works in the suite's scratch directory with relative names.
 * Permission checks are left out: the cases run as root on Atlas and as
 * nobody on the host.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utest.h"

/* file_is() checks that file @path holds exactly the string @want. */
#define file_is(path, want) file_is_at(__FILE__, __LINE__, path, want)
static void file_is_at(const char *file, int line, const char *path, const char *want)
{
	static char buf[4096];
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		utest_fail(file, line, "open(%s): %s", path, strerror(errno));
	utest_read_all(fd, buf, sizeof(buf));
	close(fd);
	if (strcmp(buf, want) != 0)
		utest_fail(file, line, "%s holds \"%s\", wanted \"%s\"", path, buf, want);
}

/* ---- open ----------------------------------------------------------------------------- */

UTEST(open_with_o_creat_makes_a_file_and_o_excl_refuses_an_existing_one, UTEST_HOST_SAFE)
{
	int fd = open("new", O_WRONLY | O_CREAT | O_EXCL, 0644);

	CHECK_OK(fd);
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK_OK(close(fd));
	CHECK_ERRNO(open("new", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	fd = open("new", O_WRONLY | O_CREAT, 0644);	/* without O_EXCL: opens it */
	CHECK_OK(fd);
	close(fd);
	file_is("new", "x");
	CHECK_OK(unlink("new"));
}

UTEST(open_of_a_missing_file_fails_with_enoent, UTEST_HOST_SAFE)
{
	CHECK_ERRNO(open("missing", O_RDONLY), ENOENT);
	CHECK_ERRNO(open("missing/file", O_RDWR | O_CREAT, 0644), ENOENT);
	CHECK_ERRNO(open("", O_RDONLY), ENOENT);
}

UTEST(open_refuses_a_directory_for_writing_and_a_file_as_a_directory, UTEST_HOST_SAFE)
{
	CHECK_OK(mkdir("d", 0755));
	utest_write_file("f", "data", 4, 0644);
	CHECK_ERRNO(open("d", O_WRONLY), EISDIR);
	CHECK_ERRNO(open("d", O_RDWR), EISDIR);
	CHECK_ERRNO(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERRNO(open("f/x", O_RDONLY), ENOTDIR);
	CHECK_OK(unlink("f"));
	CHECK_OK(rmdir("d"));
}

UTEST(o_trunc_empties_an_existing_file, UTEST_HOST_SAFE)
{
	struct stat st;
	int fd;

	utest_write_file("t", "some old contents", 17, 0644);
	fd = open("t", O_RDWR | O_TRUNC);
	CHECK_OK(fd);
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(write(fd, "new", 3), 3);
	close(fd);
	file_is("t", "new");
	CHECK_OK(unlink("t"));
}

UTEST(o_append_writes_at_the_end_wherever_the_offset_is, UTEST_HOST_SAFE)
{
	int fd;

	utest_write_file("a", "start", 5, 0644);
	fd = open("a", O_RDWR | O_APPEND);
	CHECK_OK(fd);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "+one", 4), 4);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 9);	/* left at the new end */
	CHECK_EQ(lseek(fd, 2, SEEK_SET), 2);
	CHECK_EQ(write(fd, "+two", 4), 4);
	close(fd);
	file_is("a", "start+one+two");
	CHECK_OK(unlink("a"));
}

UTEST(access_modes_are_enforced_on_the_descriptor, UTEST_HOST_SAFE)
{
	char c;
	int ro, wo;

	utest_write_file("m", "abc", 3, 0644);
	ro = open("m", O_RDONLY);
	wo = open("m", O_WRONLY);
	CHECK_OK(ro);
	CHECK_OK(wo);
	CHECK_ERRNO(write(ro, "x", 1), EBADF);
	CHECK_ERRNO(read(wo, &c, 1), EBADF);
	CHECK_ERRNO(read(1000, &c, 1), EBADF);
	CHECK_ERRNO(close(1000), EBADF);
	close(ro);
	CHECK_ERRNO(read(ro, &c, 1), EBADF);	/* closed */
	close(wo);
	CHECK_OK(unlink("m"));
}

/* ---- reading, writing, seeking ------------------------------------------------------------- */

UTEST(read_write_and_lseek_share_one_offset, UTEST_HOST_SAFE)
{
	char buf[16];
	int fd = open("rw", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK_OK(fd);
	CHECK_EQ(write(fd, "0123456789", 10), 10);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);	/* at the end */
	CHECK_EQ(lseek(fd, 2, SEEK_SET), 2);
	CHECK_EQ(read(fd, buf, 3), 3);
	CHECK(memcmp(buf, "234", 3) == 0);
	CHECK_EQ(lseek(fd, 1, SEEK_CUR), 6);
	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK(memcmp(buf, "67", 2) == 0);
	CHECK_EQ(lseek(fd, -3, SEEK_END), 7);
	CHECK_EQ(write(fd, "XY", 2), 2);
	CHECK_ERRNO(lseek(fd, -100, SEEK_SET), EINVAL);
	CHECK_ERRNO(lseek(fd, 0, 42), EINVAL);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 9);		/* unchanged by the failures */
	close(fd);
	file_is("rw", "0123456XY9");
	CHECK_OK(unlink("rw"));
}

UTEST(writing_past_the_end_leaves_a_gap_that_reads_as_zeros, UTEST_HOST_SAFE)
{
	char buf[8200];
	struct stat st;
	int fd = open("gap", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK_OK(fd);
	CHECK_EQ(write(fd, "a", 1), 1);
	CHECK_EQ(lseek(fd, 8190, SEEK_SET), 8190);
	CHECK_EQ(write(fd, "z", 1), 1);
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 8191);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 8191);
	CHECK_EQ(buf[0], 'a');
	for (int i = 1; i < 8190; i++)
		CHECK_EQ(buf[i], 0);
	CHECK_EQ(buf[8190], 'z');
	close(fd);
	CHECK_OK(unlink("gap"));
}

UTEST(pread_and_pwrite_leave_the_offset_alone, UTEST_HOST_SAFE)
{
	char buf[8] = { 0 };
	int fd = open("p", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK_OK(fd);
	CHECK_EQ(write(fd, "abcdef", 6), 6);
	CHECK_EQ(lseek(fd, 1, SEEK_SET), 1);
	CHECK_EQ(pread(fd, buf, 3, 3), 3);
	CHECK(memcmp(buf, "def", 3) == 0);
	CHECK_EQ(pwrite(fd, "XY", 2, 4), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 1);
	CHECK_EQ(read(fd, buf, 5), 5);
	CHECK(memcmp(buf, "bcdXY", 5) == 0);
	CHECK_EQ(pread(fd, buf, 4, 100), 0);		/* past the end */
	CHECK_ERRNO(pread(fd, buf, 1, -1), EINVAL);
	close(fd);
	CHECK_OK(unlink("p"));
}

UTEST(ftruncate_grows_with_zeros_and_shrinks, UTEST_HOST_SAFE)
{
	char buf[16];
	struct stat st;
	int fd = open("tr", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK_OK(fd);
	CHECK_EQ(write(fd, "abcdef", 6), 6);
	CHECK_OK(ftruncate(fd, 3));
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 3);
	CHECK_OK(ftruncate(fd, 10));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 10);
	CHECK(memcmp(buf, "abc\0\0\0\0\0\0\0", 10) == 0);
	close(fd);
	CHECK_OK(unlink("tr"));
}

/* ---- stat ---------------------------------------------------------------------------------- */

UTEST(stat_describes_files_and_directories, UTEST_HOST_SAFE)
{
	struct stat st, fst;
	int fd;

	utest_write_file("s", "12345", 5, 0640);
	CHECK_OK(stat("s", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0640);
	CHECK_EQ(st.st_size, 5);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_uid, getuid());
	CHECK(st.st_blksize > 0);
	fd = open("s", O_RDONLY);
	CHECK_OK(fd);
	CHECK_OK(fstat(fd, &fst));
	CHECK_EQ(fst.st_ino, st.st_ino);
	CHECK_EQ(fst.st_dev, st.st_dev);
	close(fd);
	CHECK_OK(mkdir("sd", 0750));
	CHECK_OK(stat("sd", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0750);
	CHECK(st.st_ino != fst.st_ino);
	CHECK_ERRNO(stat("nothing", &st), ENOENT);
	CHECK_OK(rmdir("sd"));
	CHECK_OK(unlink("s"));
}

/* ---- directories ----------------------------------------------------------------------------- */

UTEST(mkdir_and_rmdir_work_and_fail_with_the_right_errnos, UTEST_HOST_SAFE)
{
	CHECK_OK(mkdir("d", 0755));
	CHECK_ERRNO(mkdir("d", 0755), EEXIST);
	CHECK_ERRNO(mkdir("no/such", 0755), ENOENT);
	CHECK_OK(mkdir("d/sub", 0755));
	CHECK_ERRNO(rmdir("d"), ENOTEMPTY);
	utest_write_file("f", "", 0, 0644);
	CHECK_ERRNO(mkdir("f", 0755), EEXIST);
	CHECK_ERRNO(mkdir("f/sub", 0755), ENOTDIR);
	CHECK_ERRNO(rmdir("f"), ENOTDIR);
	CHECK_ERRNO(rmdir("missing"), ENOENT);
	CHECK_ERRNO(rmdir("d/sub/."), EINVAL);
	CHECK_OK(rmdir("d/sub"));
	CHECK_OK(rmdir("d"));
	CHECK_ERRNO(rmdir("d"), ENOENT);
	CHECK_OK(unlink("f"));
}

UTEST(unlink_removes_names_and_refuses_directories, UTEST_HOST_SAFE)
{
	struct stat st;

	utest_write_file("f", "x", 1, 0644);
	CHECK_OK(mkdir("d", 0755));
	CHECK_ERRNO(unlink("d"), EISDIR);
	CHECK_ERRNO(unlink("missing"), ENOENT);
	CHECK_ERRNO(unlink("f/"), ENOTDIR);
	CHECK_OK(unlink("f"));
	CHECK_ERRNO(stat("f", &st), ENOENT);
	CHECK_ERRNO(unlink("f"), ENOENT);
	CHECK_OK(rmdir("d"));
}

UTEST(rename_moves_replaces_and_refuses_with_the_right_errnos, UTEST_HOST_SAFE)
{
	struct stat st;

	utest_write_file("a", "A", 1, 0644);
	utest_write_file("b", "B", 1, 0644);
	CHECK_OK(mkdir("d", 0755));
	CHECK_OK(mkdir("e", 0755));
	CHECK_OK(mkdir("e/full", 0755));

	CHECK_OK(rename("a", "d/a2"));		/* move into a directory */
	CHECK_ERRNO(stat("a", &st), ENOENT);
	file_is("d/a2", "A");
	CHECK_OK(rename("d/a2", "b"));		/* replace a file */
	file_is("b", "A");
	CHECK_OK(rename("b", "b"));		/* onto itself: nothing happens */
	file_is("b", "A");
	CHECK_ERRNO(rename("missing", "x"), ENOENT);
	CHECK_ERRNO(rename("b", "d"), EISDIR);	/* a file over a directory */
	CHECK_ERRNO(rename("d", "b"), ENOTDIR);	/* a directory over a file */
	CHECK_ERRNO(rename("d", "d/inside"), EINVAL);
	CHECK_ERRNO(rename("d", "e"), ENOTEMPTY);
	CHECK_OK(rename("d", "e/full"));	/* over an empty directory */
	CHECK_ERRNO(stat("d", &st), ENOENT);
	CHECK_OK(stat("e/full", &st));
	CHECK(S_ISDIR(st.st_mode));

	CHECK_OK(rmdir("e/full"));
	CHECK_OK(rmdir("e"));
	CHECK_OK(unlink("b"));
}

UTEST(readdir_lists_every_entry_once_with_its_type, UTEST_HOST_SAFE)
{
	enum { FILES = 40 };
	bool seen[FILES] = { false };
	bool dot = false, dotdot = false, sub = false;
	struct dirent *e;
	DIR *dir;

	CHECK_OK(mkdir("list", 0755));
	for (int i = 0; i < FILES; i++) {
		char name[32];

		snprintf(name, sizeof(name), "list/file-%02d", i);
		utest_write_file(name, "", 0, 0644);
	}
	CHECK_OK(mkdir("list/sub", 0755));
	dir = opendir("list");
	CHECK(dir != NULL);
	while ((e = readdir(dir)) != NULL) {
		int i;

		if (strcmp(e->d_name, ".") == 0) {
			CHECK(!dot);
			dot = true;
		} else if (strcmp(e->d_name, "..") == 0) {
			CHECK(!dotdot);
			dotdot = true;
		} else if (strcmp(e->d_name, "sub") == 0) {
			CHECK(!sub);
			CHECK_EQ(e->d_type, DT_DIR);
			sub = true;
		} else {
			CHECK_EQ(sscanf(e->d_name, "file-%d", &i), 1);
			CHECK(i >= 0 && i < FILES && !seen[i]);
			CHECK_EQ(e->d_type, DT_REG);
			seen[i] = true;
		}
	}
	CHECK_OK(closedir(dir));
	CHECK(dot && dotdot && sub);
	for (int i = 0; i < FILES; i++) {
		char name[32];

		CHECK(seen[i]);
		snprintf(name, sizeof(name), "list/file-%02d", i);
		CHECK_OK(unlink(name));
	}
	CHECK_OK(rmdir("list/sub"));
	CHECK_OK(rmdir("list"));
	CHECK(opendir("list") == NULL);
	CHECK_EQ(errno, ENOENT);
}

/* ---- symbolic links ------------------------------------------------------------------------ */

UTEST(symlink_points_at_a_name_and_readlink_returns_it, UTEST_HOST_SAFE)
{
	char buf[64];
	struct stat st, lst;

	utest_write_file("target", "through the link", 16, 0644);
	CHECK_OK(symlink("target", "link"));
	CHECK_EQ(readlink("link", buf, sizeof(buf)), 6);
	CHECK(memcmp(buf, "target", 6) == 0);
	CHECK_EQ(readlink("link", buf, 3), 3);		/* cut, not terminated */
	CHECK(memcmp(buf, "tar", 3) == 0);
	file_is("link", "through the link");
	CHECK_OK(stat("link", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 16);
	CHECK_OK(lstat("link", &lst));
	CHECK(S_ISLNK(lst.st_mode));
	CHECK_EQ(lst.st_size, 6);			/* a link's size is its text's */
	CHECK(lst.st_ino != st.st_ino);
	CHECK_ERRNO(symlink("elsewhere", "link"), EEXIST);
	CHECK_ERRNO(readlink("target", buf, sizeof(buf)), EINVAL);
	CHECK_ERRNO(readlink("missing", buf, sizeof(buf)), ENOENT);
	CHECK_OK(unlink("link"));			/* removes the link only */
	file_is("target", "through the link");
	CHECK_OK(unlink("target"));
}

UTEST(dangling_symlink_can_be_lstat_but_not_followed, UTEST_HOST_SAFE)
{
	struct stat st;

	CHECK_OK(symlink("nowhere", "dangling"));
	CHECK_ERRNO(stat("dangling", &st), ENOENT);
	CHECK_ERRNO(open("dangling", O_RDONLY), ENOENT);
	CHECK_OK(lstat("dangling", &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_OK(unlink("dangling"));
}

UTEST(symlink_to_a_directory_is_followed_in_the_middle_of_a_path, UTEST_HOST_SAFE)
{
	CHECK_OK(mkdir("real", 0755));
	utest_write_file("real/file", "inside", 6, 0644);
	CHECK_OK(symlink("real", "alias"));
	file_is("alias/file", "inside");
	CHECK_OK(symlink("loop2", "loop1"));
	CHECK_OK(symlink("loop1", "loop2"));
	CHECK_ERRNO(open("loop1", O_RDONLY), ELOOP);
	CHECK_OK(unlink("loop1"));
	CHECK_OK(unlink("loop2"));
	CHECK_OK(unlink("alias"));
	CHECK_OK(unlink("real/file"));
	CHECK_OK(rmdir("real"));
}

UTEST(o_creat_through_a_dangling_symlink_creates_its_target, UTEST_HOST_SAFE)
{
	struct stat st;
	int fd;

	CHECK_OK(symlink("made-by-link", "creator"));
	CHECK_ERRNO(open("creator", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	fd = open("creator", O_WRONLY | O_CREAT, 0644);
	CHECK_OK(fd);
	CHECK_EQ(write(fd, "via link", 8), 8);
	close(fd);
	file_is("made-by-link", "via link");
	CHECK_OK(lstat("creator", &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_OK(unlink("creator"));
	CHECK_OK(unlink("made-by-link"));
}

/* ---- descriptors ------------------------------------------------------------------------------ */

UTEST(dup_gives_the_lowest_free_number_and_shares_the_offset, UTEST_HOST_SAFE)
{
	char buf[4];
	int fd, copy;

	utest_write_file("dup", "abcdef", 6, 0644);
	fd = open("dup", O_RDONLY);
	CHECK_OK(fd);
	copy = dup(fd);
	CHECK_OK(copy);
	CHECK(copy > fd);
	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK_EQ(read(copy, buf, 2), 2);		/* continues where fd stopped */
	CHECK(memcmp(buf, "cd", 2) == 0);
	CHECK_OK(close(fd));
	CHECK_EQ(dup(copy), fd);			/* the lowest free number */
	CHECK_ERRNO(dup(1000), EBADF);
	close(copy);
	close(fd);
	CHECK_OK(unlink("dup"));
}

UTEST(dup2_replaces_the_target_and_leaves_an_equal_pair_alone, UTEST_HOST_SAFE)
{
	char buf[4];
	int a, b;

	utest_write_file("one", "1", 1, 0644);
	utest_write_file("two", "2", 1, 0644);
	a = open("one", O_RDONLY);
	b = open("two", O_RDONLY);
	CHECK_OK(a);
	CHECK_OK(b);
	CHECK_EQ(dup2(a, b), b);			/* b's old file is closed */
	CHECK_EQ(read(b, buf, 1), 1);
	CHECK_EQ(buf[0], '1');
	CHECK_EQ(dup2(a, a), a);
	CHECK_EQ(dup2(a, 60), 60);			/* any free number */
	CHECK_OK(close(60));
	CHECK_OK(close(a));
	CHECK_ERRNO(dup2(a, b), EBADF);			/* a is closed now */
	CHECK_ERRNO(dup2(a, a), EBADF);
	CHECK_EQ(fcntl(b, F_GETFD), 0);			/* b is still open */
	close(b);
	CHECK_OK(unlink("one"));
	CHECK_OK(unlink("two"));
}

/* ---- the current directory ------------------------------------------------------------------- */

UTEST(chdir_moves_relative_names_and_getcwd_reports_it, UTEST_HOST_SAFE)
{
	char start[256], here[256], small[2];
	size_t n;

	CHECK(getcwd(start, sizeof(start)) == start);
	CHECK_EQ(start[0], '/');
	CHECK_OK(mkdir("cd", 0755));
	CHECK_OK(chdir("cd"));
	CHECK(getcwd(here, sizeof(here)) == here);
	n = strlen(start);
	CHECK(strncmp(here, start, n) == 0);
	CHECK_STR(here + n, "/cd");
	utest_write_file("in-cd", "x", 1, 0644);
	CHECK_OK(chdir(".."));
	CHECK(getcwd(here, sizeof(here)) == here);
	CHECK_STR(here, start);
	file_is("cd/in-cd", "x");
	CHECK_ERRNO(chdir("cd/in-cd"), ENOTDIR);
	CHECK_ERRNO(chdir("missing"), ENOENT);
	CHECK(getcwd(small, sizeof(small)) == NULL);
	CHECK_EQ(errno, ERANGE);
	CHECK_OK(unlink("cd/in-cd"));
	CHECK_OK(rmdir("cd"));
}

UTEST(getcwd_of_a_removed_directory_fails_with_enoent, UTEST_HOST_SAFE)
{
	char here[256];

	CHECK_OK(mkdir("gone", 0755));
	CHECK_OK(chdir("gone"));
	CHECK_OK(rmdir("../gone"));
	CHECK(getcwd(here, sizeof(here)) == NULL);
	CHECK_EQ(errno, ENOENT);
	CHECK_ERRNO(open("new-file", O_WRONLY | O_CREAT, 0644), ENOENT);
}

/* ---- unlink while open --------------------------------------------------------------------------- */

UTEST(unlinked_file_lives_on_while_it_is_open, UTEST_HOST_SAFE)
{
	static char buf[3 * 4096];
	struct stat st;
	int fd = open("doomed", O_RDWR | O_CREAT | O_TRUNC, 0644), again;

	CHECK_OK(fd);
	memset(buf, 'd', sizeof(buf));
	CHECK_EQ(write(fd, buf, sizeof(buf)), sizeof(buf));
	CHECK_OK(unlink("doomed"));
	CHECK_ERRNO(stat("doomed", &st), ENOENT);
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.st_nlink, 0);
	CHECK_EQ(st.st_size, sizeof(buf));
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), sizeof(buf));
	CHECK_EQ(buf[0], 'd');
	CHECK_EQ(buf[sizeof(buf) - 1], 'd');
	CHECK_EQ(pwrite(fd, "still here", 10, 0), 10);	/* and writable */
	/* A new file of the same name is another file. */
	again = open("doomed", O_RDWR | O_CREAT | O_EXCL, 0644);
	CHECK_OK(again);
	CHECK_EQ(pread(again, buf, 10, 0), 0);
	close(again);
	CHECK_EQ(pread(fd, buf, 10, 0), 10);
	CHECK(memcmp(buf, "still here", 10) == 0);
	CHECK_OK(close(fd));
	CHECK_OK(unlink("doomed"));
}

UTEST(renamed_open_file_keeps_its_descriptor_and_contents, UTEST_HOST_SAFE)
{
	char buf[8];
	int fd = open("before", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK_OK(fd);
	CHECK_EQ(write(fd, "moved", 5), 5);
	CHECK_OK(mkdir("elsewhere", 0755));
	CHECK_OK(rename("before", "elsewhere/after"));
	CHECK_EQ(write(fd, "!", 1), 1);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 6);
	close(fd);
	file_is("elsewhere/after", "moved!");
	CHECK_OK(unlink("elsewhere/after"));
	CHECK_OK(rmdir("elsewhere"));
}

UTEST(long_names_fail_with_enametoolong, UTEST_HOST_SAFE)
{
	char name[300];

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	CHECK_ERRNO(open(name, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
	CHECK_ERRNO(mkdir(name, 0755), ENAMETOOLONG);
	name[255] = '\0';				/* NAME_MAX: allowed */
	utest_write_file(name, "", 0, 0644);
	CHECK_OK(unlink(name));
}

UTEST(fcntl_dupfd_refuses_a_negative_lowest_number_with_einval, UTEST_HOST_SAFE)
{
	CHECK_ERRNO(fcntl(0, F_DUPFD, -1), EINVAL);
	CHECK_ERRNO(fcntl(0, F_DUPFD, -2147483647 - 1), EINVAL);
	CHECK_ERRNO(fcntl(0, F_DUPFD_CLOEXEC, -2147483647 - 1), EINVAL);
}

int main(int argc, char **argv)
{
	return utest_main("vfs", argc, argv);
}
