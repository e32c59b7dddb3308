/*
 * user/cat.c - cat [FILE...]: copies each file to standard output, or
 * standard input when there is none or the name is "-".
 *
 * Exits 0, or 1 if any file could not be read (the others are still
 * copied).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* write_all() writes @n bytes of @buf to @fd; returns 0 or -1. */
static int write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);

		if (w < 0)
			return -1;
		buf += w;
		n -= w;
	}
	return 0;
}

/* copy() copies @fd to standard output; returns 0 or -1 with errno. */
static int copy(int fd)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write_all(1, buf, n) < 0)
			return -1;
	return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2 && copy(0) < 0) {
		fprintf(stderr, "cat: %s\n", strerror(errno));
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);

		if (fd < 0 || copy(fd) < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
		if (fd > 0)
			close(fd);
	}
	return status;
}
