/*
 * user/free.c - free [-m]: how much memory is in use, from /proc/meminfo.
 *
 * Prints a table like Linux's free: total, used, free and available
 * memory in KiB (MiB with -m), and a row for the hugepage pool when it
 * has pages.
 */
#include <stdio.h>
#include <string.h>

/* The /proc/meminfo values free shows (kB, or pages for the counts). */
struct meminfo {
	unsigned long total, free, available;
	unsigned long huge_total, huge_free, huge_size;
};

/* read_meminfo() fills @mi from /proc/meminfo; returns 0, or -1 if it
 * cannot be read or lacks MemTotal. */
static int read_meminfo(struct meminfo *mi)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128], key[64];
	unsigned long value;

	if (!f)
		return -1;
	memset(mi, 0, sizeof(*mi));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63[^:]: %lu", key, &value) != 2)
			continue;
		if (strcmp(key, "MemTotal") == 0)
			mi->total = value;
		else if (strcmp(key, "MemFree") == 0)
			mi->free = value;
		else if (strcmp(key, "MemAvailable") == 0)
			mi->available = value;
		else if (strcmp(key, "HugePages_Total") == 0)
			mi->huge_total = value;
		else if (strcmp(key, "HugePages_Free") == 0)
			mi->huge_free = value;
		else if (strcmp(key, "Hugepagesize") == 0)
			mi->huge_size = value;
	}
	fclose(f);
	return mi->total ? 0 : -1;
}

static void print_row(const char *label, unsigned long total, unsigned long free,
		      unsigned long available, unsigned long unit)
{
	printf("%-6s %12lu %12lu %12lu %12lu\n", label, total / unit, (total - free) / unit,
	       free / unit, available / unit);
}

int main(int argc, char **argv)
{
	unsigned long unit = 1;
	struct meminfo mi;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "-m") != 0)) {
		fprintf(stderr, "usage: free [-m]\n");
		return 1;
	}
	if (argc == 2)
		unit = 1024;
	if (read_meminfo(&mi) < 0) {
		perror("free: /proc/meminfo");
		return 1;
	}
	printf("%-6s %12s %12s %12s %12s\n", unit == 1 ? "KiB" : "MiB", "total", "used",
	       "free", "available");
	print_row("Mem:", mi.total, mi.free, mi.available, unit);
	if (mi.huge_total)
		print_row("Huge:", mi.huge_total * mi.huge_size, mi.huge_free * mi.huge_size,
			  mi.huge_free * mi.huge_size, unit);
	return 0;
}
