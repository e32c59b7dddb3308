/*
 * user/cp.c - cp SOURCE DEST, or cp SOURCE... DIR: copies files.
 *
 * DEST is replaced if it exists; when it is a directory, each SOURCE is
 * copied into it under its own last name. The copy gets the source's
 * permission bits. Directories are not copied. Exits 0, or 1 if any copy
 * failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* copy_fd() copies everything from @in to @out; returns 0 or -1. */
static int copy_fd(int in, int out)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t done = 0, w; done < n; done += w) {
			w = write(out, buf + done, n - done);
			if (w < 0)
				return -1;
		}
	}
	return n < 0 ? -1 : 0;
}

/* copy_file() copies file @src to @dst; returns 0 or -1 (reported). */
static int copy_file(const char *src, const char *dst)
{
	struct stat st, dst_st;
	int in, out;

	in = open(src, O_RDONLY);
	if (in < 0)
		goto out_report_src;
	if (fstat(in, &st) < 0)
		goto out_close_in_report_src;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto out_close_in_report_src;
	}
	/* Opening the source itself with O_TRUNC would empty it. */
	if (stat(dst, &dst_st) == 0 && dst_st.st_dev == st.st_dev && dst_st.st_ino == st.st_ino) {
		fprintf(stderr, "cp: %s and %s are the same file\n", src, dst);
		goto out_close_in;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 0777);
	if (out < 0) {
		fprintf(stderr, "cp: %s: %s\n", dst, strerror(errno));
		goto out_close_in;
	}
	if (copy_fd(in, out) < 0) {
		fprintf(stderr, "cp: copying %s to %s: %s\n", src, dst, strerror(errno));
		close(out);
		goto out_close_in;
	}
	if (close(out) < 0) {
		fprintf(stderr, "cp: %s: %s\n", dst, strerror(errno));
		goto out_close_in;
	}
	close(in);
	return 0;

out_close_in_report_src:
	close(in);
out_report_src:
	fprintf(stderr, "cp: %s: %s\n", src, strerror(errno));
	return -1;
out_close_in:
	close(in);
	return -1;
}

/* into_dir() returns @dir/<last name of @src>, malloc'd (NULL: no memory). */
static char *into_dir(const char *dir, const char *src)
{
	const char *base = strrchr(src, '/') ? strrchr(src, '/') + 1 : src;
	char *path = malloc(strlen(dir) + strlen(base) + 2);

	if (path)
		sprintf(path, "%s/%s", dir, base);
	return path;
}

int main(int argc, char **argv)
{
	const char *dest = argv[argc - 1];
	struct stat st;
	int to_dir, status = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: cp SOURCE DEST, or cp SOURCE... DIR\n");
		return 1;
	}
	to_dir = stat(dest, &st) == 0 && S_ISDIR(st.st_mode);
	if (argc > 3 && !to_dir) {
		fprintf(stderr, "cp: %s: not a directory\n", dest);
		return 1;
	}
	for (int i = 1; i < argc - 1; i++) {
		char *path = to_dir ? into_dir(dest, argv[i]) : (char *)dest;

		if (!path)
			fprintf(stderr, "cp: %s: %s\n", argv[i], strerror(ENOMEM));
		if (!path || copy_file(argv[i], path) < 0)
			status = 1;
		if (to_dir)
			free(path);
	}
	return status;
}
