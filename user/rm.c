/*
 * user/rm.c - rm [-r] [-f] NAME...: removes files, and with -r whole
 * directory trees.
 *
 * -f makes a missing name no error. Symbolic links are removed, never
 * followed. Exits 0, or 1 if anything could not be removed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, force;

/* complain() reports @path with errno's message; returns -1. */
static int complain(const char *path)
{
	fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
	return -1;
}

static int remove_path(const char *path);

/* remove_tree() removes everything in directory @path, then @path;
 * returns 0 or -1 (each failure reported). */
static int remove_tree(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *e;
	int status = 0;

	if (!dir)
		return complain(path);
	while ((e = readdir(dir)) != NULL) {
		char *child;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		child = malloc(strlen(path) + strlen(e->d_name) + 2);
		if (!child) {
			status = complain(path);
			break;
		}
		sprintf(child, "%s/%s", path, e->d_name);
		if (remove_path(child) < 0)
			status = -1;
		free(child);
	}
	closedir(dir);
	if (status == 0 && rmdir(path) < 0)
		status = complain(path);
	return status;
}

/* remove_path() removes @path (a directory only with -r); returns 0 or -1. */
static int remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return force && errno == ENOENT ? 0 : complain(path);
	if (S_ISDIR(st.st_mode)) {
		if (recursive)
			return remove_tree(path);
		errno = EISDIR;
		return complain(path);
	}
	return unlink(path) < 0 ? complain(path) : 0;
}

int main(int argc, char **argv)
{
	int status = 0, i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'r' || *o == 'R') {
				recursive = 1;
			} else if (*o == 'f') {
				force = 1;
			} else {
				fprintf(stderr, "usage: rm [-rf] NAME...\n");
				return 1;
			}
		}
	}
	if (i >= argc && !force) {
		fprintf(stderr, "usage: rm [-rf] NAME...\n");
		return 1;
	}
	for (; i < argc; i++)
		if (remove_path(argv[i]) < 0)
			status = 1;
	return status;
}
