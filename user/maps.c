/*
 * user/maps.c - maps [PID]: prints the memory map of a process,
 * /proc/PID/maps, or its own (/proc/self/maps) without PID.
 *
 * Each line is one mapping, in Linux's format: the address range, the
 * permissions (r, w, x, and p for private or s for shared), the file
 * offset, the device, the inode and the file or [heap], [stack], ...
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char path[64], buf[4096];
	ssize_t n;
	int fd;

	if (argc > 2) {
		fprintf(stderr, "usage: maps [PID]\n");
		return 1;
	}
	snprintf(path, sizeof(path), "/proc/%s/maps", argc > 1 ? argv[1] : "self");
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "maps: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(1, buf, n) != n)
			return 1;
	close(fd);
	return n < 0;
}
