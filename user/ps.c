/*
 * user/ps.c - ps: lists every process, from /proc.
 *
 * Each directory of /proc named by a number is a process; its stat file
 * gives "pid (comm) state ppid ..." (Linux's format, fs/procfs_files.c).
 * Prints one line per process, sorted by pid: PID, PPID, the state
 * letter (R running, S sleeping, Z zombie, ...) and the command name.
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct proc {
	int pid, ppid;
	char state;
	char comm[32];
};

/*
 * read_stat() fills @p from /proc/@name/stat; returns 0, or -1 if the
 * process is gone or the file makes no sense. The name is between the
 * first '(' and the last ')', since it may hold both.
 */
static int read_stat(const char *name, struct proc *p)
{
	char path[64], buf[512], *open_paren, *close_paren;
	ssize_t n;
	size_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/stat", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren || close_paren < open_paren ||
	    sscanf(close_paren + 1, " %c %d", &p->state, &p->ppid) != 2)
		return -1;
	p->pid = atoi(buf);
	len = close_paren - open_paren - 1;
	len = len < sizeof(p->comm) - 1 ? len : sizeof(p->comm) - 1;
	memcpy(p->comm, open_paren + 1, len);
	p->comm[len] = '\0';
	return 0;
}

static int by_pid(const void *a, const void *b)
{
	return ((const struct proc *)a)->pid - ((const struct proc *)b)->pid;
}

int main(void)
{
	DIR *dir = opendir("/proc");
	struct proc *procs = NULL;
	struct dirent *e;
	int n = 0, cap = 0;

	if (!dir) {
		perror("ps: /proc");
		return 1;
	}
	while ((e = readdir(dir)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		if (n == cap) {
			struct proc *more = realloc(procs, (cap = cap ? 2 * cap : 16) * sizeof(*procs));

			if (!more) {
				perror("ps");
				return 1;
			}
			procs = more;
		}
		if (read_stat(e->d_name, &procs[n]) == 0)
			n++;
	}
	closedir(dir);
	qsort(procs, n, sizeof(*procs), by_pid);
	printf("%5s %5s %s %s\n", "PID", "PPID", "S", "COMMAND");
	for (int i = 0; i < n; i++)
		printf("%5d %5d %c %s\n", procs[i].pid, procs[i].ppid, procs[i].state,
		       procs[i].comm);
	free(procs);
	return 0;
}
