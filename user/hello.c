/*
 * user/hello.c - the first Atlas program: a tour of what the newlib port
 * gives a program.
 *
 * It prints its arguments and an environment variable, allocates with
 * malloc, writes a file under /tmp with stdio and reads it back, lists a
 * directory (argv[1], or / without arguments), maps an anonymous page,
 * and exits 0. Any failure prints what
 * went wrong and exits 1. It is also a static Linux binary: run
 * build/x86_64/user/bin/hello on the host, or the riscv64 one under
 * qemu-riscv64, to compare.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define TMPFILE "/tmp/hello-atlas.txt"

/* fail() reports step @what with errno's message and exits 1. */
static void fail(const char *what)
{
	printf("hello: %s failed: %s\n", what, strerror(errno));
	exit(1);
}

/* file_round_trip() writes a line to a file under /tmp, reads it back
 * and checks it. */
static void file_round_trip(void)
{
	const char *line = "written by hello through newlib\n";
	char back[64];
	FILE *f = fopen(TMPFILE, "w");

	if (!f)
		fail("fopen(" TMPFILE ", w)");
	if (fputs(line, f) < 0 || fclose(f) != 0)
		fail("writing " TMPFILE);
	f = fopen(TMPFILE, "r");
	if (!f)
		fail("fopen(" TMPFILE ", r)");
	if (!fgets(back, sizeof(back), f))
		fail("reading " TMPFILE);
	fclose(f);
	if (strcmp(back, line) != 0) {
		printf("hello: read back '%s', wanted '%s'\n", back, line);
		exit(1);
	}
	printf("file: %s holds: %s", TMPFILE, back);
	if (unlink(TMPFILE) != 0)
		fail("unlink(" TMPFILE ")");
}

/* list_dir() prints the entries of @path, counting them. */
static void list_dir(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *e;
	int n = 0;

	if (!dir)
		fail("opendir");
	printf("dir %s:", path);
	while ((e = readdir(dir)) != NULL) {
		printf(" %s%s", e->d_name, e->d_type == DT_DIR ? "/" : "");
		n++;
	}
	printf(" (%d entries)\n", n);
	closedir(dir);
}

/* map_page() maps one anonymous page, writes to it and unmaps it. */
static void map_page(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		fail("mmap");
	strcpy(p, "a page of its own");
	printf("mmap: %p holds '%s'\n", (void *)p, p);
	if (munmap(p, 4096) != 0)
		fail("munmap");
}

int main(int argc, char **argv)
{
	const char *home = getenv("HOME");
	char *buf;

	printf("hello from newlib\n");
	printf("argc = %d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	printf("HOME = %s\n", home ? home : "(unset)");

	buf = malloc(100000);
	if (!buf)
		fail("malloc");
	memset(buf, 'x', 100000);
	printf("malloc: 100000 bytes at %p\n", (void *)buf);
	free(buf);

	file_round_trip();
	list_dir(argc > 1 ? argv[1] : "/");
	map_page();
	printf("hello: all done\n");
	return 0;
}
