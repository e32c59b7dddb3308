/*
 * user/init.c - process 1: mounts what is missing, runs one job, reaps
 * orphans, and ends the system when its job ends.
 *
 * The kernel starts /sbin/init (or whatever init= or rdinit= names) with
 * /dev/console as descriptors 0-2. init first mounts what the kernel has
 * not: /proc if /proc/self is missing, devfs on /dev if /dev/console is,
 * and it makes /tmp if there is none. Then it picks its one job:
 *
 *   1. exec=PATH on the kernel command line: PATH, as the only job. Its
 *      arguments come from args="...", split at spaces; single quotes
 *      keep spaces inside an argument (as init= does in the kernel):
 *
 *          exec=/bin/echo args="hello 'big world'"
 *
 *      runs /bin/echo with argv {"/bin/echo", "hello", "big world"}.
 *      GRUB passes that on as "args=hello \'big world\'": double quotes
 *      anywhere in a command-line word are dropped, and \c stands for c.
 *   2. otherwise, if /etc/rc exists: /bin/sh /etc/rc;
 *   3. otherwise /bin/sh, reading the console.
 *
 * The job gets init's environment (HOME, PATH, TERM from the kernel).
 * While it runs, init collects every process that ends, its own job and
 * the orphans the kernel hands to process 1. When the job ends, init says
 * how on the console and exits with its status: the exit code, or 128 +
 * the signal that killed it (127 if it could not be started). The kernel
 * then prints "atlas: exit N" and powers off.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define CMDLINE_MAX	4096
#define JOB_ARGS_MAX	64

extern char **environ;

/* ---- mounts --------------------------------------------------------------------- */

/* mount_missing() mounts @fstype on @dir unless @probe already exists;
 * a failure is reported and otherwise ignored. */
static void mount_missing(const char *probe, const char *dir, const char *fstype)
{
	struct stat st;

	if (stat(probe, &st) == 0)
		return;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		fprintf(stderr, "init: cannot make %s: %s\n", dir, strerror(errno));
	else if (mount(fstype, dir, fstype, 0, NULL) < 0)
		fprintf(stderr, "init: cannot mount %s on %s: %s\n", fstype, dir,
			strerror(errno));
}

/* mount_all() makes sure /proc, /dev and /tmp are there. */
static void mount_all(void)
{
	struct stat st;

	mount_missing("/proc/self", "/proc", "proc");
	mount_missing("/dev/console", "/dev", "devfs");
	if (stat("/tmp", &st) < 0 && mkdir("/tmp", 01777) < 0)
		fprintf(stderr, "init: cannot make /tmp: %s\n", strerror(errno));
}

/* ---- the kernel command line ---------------------------------------------------- */

/* read_cmdline() reads /proc/cmdline into @buf (NUL-terminated, newline
 * dropped); an unreadable file gives an empty line. */
static void read_cmdline(char *buf, size_t size)
{
	int fd = open("/proc/cmdline", O_RDONLY);
	ssize_t n = 0, r;

	while (fd >= 0 && (size_t)n < size - 1 &&
	       (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	if (fd >= 0)
		close(fd);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

/*
 * next_word() cuts the next word out of *@s in place: words are split
 * at spaces and tabs, and @quote (a quote character) keeps them inside
 * a word and is dropped. With @backslash, \c stands for c. Moves *@s
 * past the word; returns the word, or NULL when none is left.
 */
static char *next_word(char **s, char quote, int backslash)
{
	char *r = *s, *w, *word;
	int quoted = 0;

	while (*r == ' ' || *r == '\t')
		r++;
	if (!*r)
		return NULL;
	word = w = r;
	for (; *r && (quoted || (*r != ' ' && *r != '\t')); r++) {
		if (*r == quote)
			quoted = !quoted;
		else if (*r == '\\' && backslash && r[1])
			*w++ = *++r;
		else
			*w++ = *r;
	}
	if (*r)
		r++;
	*w = '\0';		/* w <= r - 1 here, so no unread text is hit */
	*s = r;
	return word;
}

/*
 * job_from_cmdline() fills @argv from exec= and args= in @cmdline (cut
 * up in place) and returns 1, or 0 if the command line has no exec=, or
 * -1 (reported) if args= has too many words.
 */
static int job_from_cmdline(char *cmdline, char **argv, int max)
{
	char *word, *path = NULL, *args = "";
	int n = 1;

	while ((word = next_word(&cmdline, '"', 1)) != NULL) {
		if (strncmp(word, "exec=", 5) == 0)
			path = word + 5;
		else if (strncmp(word, "args=", 5) == 0)
			args = word + 5;
	}
	if (!path || !*path)
		return 0;
	argv[0] = path;
	while ((word = next_word(&args, '\'', 0)) != NULL) {
		if (n >= max - 1) {
			fprintf(stderr, "init: args= has more than %d words\n", max - 2);
			return -1;
		}
		argv[n++] = word;
	}
	argv[n] = NULL;
	return 1;
}

/* ---- the job -------------------------------------------------------------------- */

/*
 * run_job() starts @argv[0] with @argv, then collects ended processes
 * until it is among them. Returns its status as an exit code (0-255).
 */
static int run_job(char **argv)
{
	int status, code;
	pid_t job, pid;

	fflush(stdout);
	job = fork();
	if (job < 0) {
		fprintf(stderr, "init: cannot fork: %s\n", strerror(errno));
		return 127;
	}
	if (job == 0) {
		execve(argv[0], argv, environ);
		fprintf(stderr, "init: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	/* Orphans end up here too: collect them, and keep waiting. */
	do {
		pid = waitpid(-1, &status, 0);
	} while (pid != job && !(pid < 0 && errno != EINTR));
	if (pid < 0) {
		fprintf(stderr, "init: lost %s: %s\n", argv[0], strerror(errno));
		return 127;
	}
	if (WIFSIGNALED(status)) {
		code = 128 + WTERMSIG(status);
		fprintf(stderr, "init: %s killed by signal %d (%s)\n", argv[0],
			WTERMSIG(status), strsignal(WTERMSIG(status)));
	} else {
		code = WEXITSTATUS(status);
		fprintf(stderr, "init: %s exited with status %d\n", argv[0], code);
	}
	return code;
}

int main(void)
{
	static char cmdline[CMDLINE_MAX];
	char *argv[JOB_ARGS_MAX];
	struct stat st;
	int found;

	if (getpid() != 1) {
		fprintf(stderr, "init: must be process 1\n");
		return 1;
	}
	mount_all();
	read_cmdline(cmdline, sizeof(cmdline));
	found = job_from_cmdline(cmdline, argv, JOB_ARGS_MAX);
	if (found < 0)
		return 127;
	if (!found) {
		argv[0] = "/bin/sh";
		argv[1] = stat("/etc/rc", &st) == 0 ? "/etc/rc" : NULL;
		argv[2] = NULL;
	}
	return run_job(argv);
}
