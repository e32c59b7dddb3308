/*
 * user/mkdir.c - mkdir [-p] DIR...: makes each directory (mode 0755).
 *
 * With -p, the missing directories above each one are made too, and one
 * that already exists is not an error. Exits 0, or 1 if any failed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* make_parents() makes @path and every missing directory above it;
 * returns 0 or -1 with errno. @path is changed and restored. */
static int make_parents(char *path)
{
	struct stat st;

	if (!*path) {
		errno = ENOENT;
		return -1;
	}
	for (char *p = path + 1; ; p++) {
		char c = *p;
		int r;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		r = mkdir(path, 0755) < 0 && errno != EEXIST ? -1 : stat(path, &st);
		*p = c;
		if (r < 0)
			return -1;
		/* An existing name that is not a directory stops us. */
		if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return -1;
		}
		if (c == '\0')
			return 0;
	}
}

int main(int argc, char **argv)
{
	int parents = 0, status = 0, i = 1;

	if (argc > 1 && strcmp(argv[1], "-p") == 0) {
		parents = 1;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: mkdir [-p] DIR...\n");
		return 1;
	}
	for (; i < argc; i++) {
		int r = parents ? make_parents(argv[i]) : mkdir(argv[i], 0755);

		if (r < 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
