/*
 * user/ls.c - ls [-l] [-a] [NAME...]: lists directories.
 *
 * Each NAME (. by default) that is a directory is listed by its entries,
 * sorted by name; any other NAME is listed as itself, before the
 * directories. Names starting with
 * a dot are left out unless -a is given. Plain output is in columns when
 * standard output is a terminal, one name per line otherwise; -l gives
 * one line per name with its mode, link count, size and name.
 * Exits 0, or 1 if any NAME could not be listed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static int long_format, show_all;

/* One name to print, with its status for -l. */
struct entry {
	char *name;
	struct stat st;
};

/* mode_string() writes @mode as "drwxr-xr-x" into @s (11 bytes). */
static void mode_string(mode_t mode, char *s)
{
	const char *rwx = "rwxrwxrwx";

	s[0] = S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : S_ISCHR(mode) ? 'c' :
	       S_ISBLK(mode) ? 'b' : S_ISFIFO(mode) ? 'p' : S_ISSOCK(mode) ? 's' : '-';
	for (int i = 0; i < 9; i++)
		s[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
	if (mode & S_ISVTX)
		s[9] = s[9] == 'x' ? 't' : 'T';
	s[10] = '\0';
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* terminal_width() returns the columns of the terminal on standard
 * output, or 0 if it is not a terminal. */
static int terminal_width(void)
{
	struct winsize ws;

	if (!isatty(1))
		return 0;
	if (ioctl(1, TIOCGWINSZ, &ws) < 0 || ws.ws_col == 0)
		return 80;
	return ws.ws_col;
}

/* print_columns() prints the @n names of @e down columns across @width. */
static void print_columns(const struct entry *e, int n, int width)
{
	int widest = 1, cols, rows;

	for (int i = 0; i < n; i++)
		if ((int)strlen(e[i].name) > widest)
			widest = strlen(e[i].name);
	cols = width / (widest + 2);
	cols = cols < 1 ? 1 : cols;
	rows = (n + cols - 1) / cols;
	for (int r = 0; r < rows; r++) {
		for (int i = r; i < n; i += rows) {
			if (i + rows < n)
				printf("%-*s", widest + 2, e[i].name);
			else
				printf("%s", e[i].name);
		}
		putchar('\n');
	}
}

/* print_entries() prints @n entries, sorted, in the chosen format. */
static void print_entries(struct entry *e, int n)
{
	char mode[11];

	qsort(e, n, sizeof(*e), by_name);
	if (!long_format) {
		int width = terminal_width();

		if (width > 0) {
			print_columns(e, n, width);
			return;
		}
	}
	for (int i = 0; i < n; i++) {
		if (long_format) {
			mode_string(e[i].st.st_mode, mode);
			printf("%s %3lu %9lld %s\n", mode, (unsigned long)e[i].st.st_nlink,
			       (long long)e[i].st.st_size, e[i].name);
		} else {
			printf("%s\n", e[i].name);
		}
	}
}

/*
 * list_dir() prints the entries of directory @path. Returns 0, or -1
 * (reported) if it cannot be read; an entry that vanished meanwhile is
 * left out.
 */
static int list_dir(const char *path)
{
	DIR *dir = opendir(path);
	struct entry *e = NULL;
	struct dirent *d;
	int n = 0, cap = 0, r = 0;

	if (!dir) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((d = readdir(dir)) != NULL) {
		char *full;

		if (d->d_name[0] == '.' && !show_all)
			continue;
		if (n == cap) {
			struct entry *more = realloc(e, (cap = cap ? 2 * cap : 32) * sizeof(*e));

			if (!more)
				goto out_nomem;
			e = more;
		}
		e[n].name = strdup(d->d_name);
		full = malloc(strlen(path) + strlen(d->d_name) + 2);
		if (!e[n].name || !full) {
			free(e[n].name);
			free(full);
			goto out_nomem;
		}
		sprintf(full, "%s/%s", path, d->d_name);
		memset(&e[n].st, 0, sizeof(e[n].st));
		if (lstat(full, &e[n].st) == 0 || !long_format)
			n++;
		else
			free(e[n].name);
		free(full);
	}
	print_entries(e, n);
	goto out_free;

out_nomem:
	fprintf(stderr, "ls: %s: %s\n", path, strerror(ENOMEM));
	r = -1;
out_free:
	for (int i = 0; i < n; i++)
		free(e[i].name);
	free(e);
	closedir(dir);
	return r;
}

int main(int argc, char **argv)
{
	int i = 1, status = 0, printed = 0, nargs;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'l') {
				long_format = 1;
			} else if (*o == 'a') {
				show_all = 1;
			} else {
				fprintf(stderr, "usage: ls [-la] [NAME...]\n");
				return 1;
			}
		}
	}
	nargs = argc - i;
	if (nargs == 0)
		return list_dir(".") < 0;
	/* Names that are not directories first, then each directory. */
	for (int j = i; j < argc; j++) {
		struct entry self = { argv[j], { 0 } };

		if (lstat(argv[j], &self.st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", argv[j], strerror(errno));
			status = 1;
		} else if (!S_ISDIR(self.st.st_mode)) {
			print_entries(&self, 1);
			printed = 1;
		}
	}
	for (; i < argc; i++) {
		struct stat st;

		if (lstat(argv[i], &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (nargs > 1)
			printf("%s%s:\n", printed ? "\n" : "", argv[i]);
		printed = 1;
		if (list_dir(argv[i]) < 0)
			status = 1;
	}
	return status;
}
