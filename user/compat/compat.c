/*
 * user/compat/compat.c - the Linux compatibility check: one static C
 * program, built with a real Linux libc (musl on x86_64, glibc on
 * riscv64), run both on the build host and on Atlas. Its output must be
 * the same, byte for byte (tools/test.py, compat layer).
 *
 * It exercises what a libc needs from a kernel: start-up (argc, argv,
 * envp, the auxiliary vector), stdio, malloc, the environment, files and
 * directories, mmap, the working directory, time, and the exit status.
 * Every line it prints is deterministic: no pids, addresses, times,
 * inode numbers or user ids, only values both kernels must agree on and
 * the outcome of checks. A failed check prints "FAIL <section>: <what>"
 * with errno, and the program then exits 1.
 *
 * Usage: compat [WORD...] exit=N
 *
 * It works in a directory compat.d that it makes in the current one and
 * removes again, and exits with N when every check passed, so that the
 * runner also sees a non-zero status travel. Its stdout is line-buffered
 * on every kernel, so stdout and stderr interleave the same way on a
 * console and on a pipe.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define WORKDIR "compat.d"
#define PAGE 4096

extern char **environ;
extern char _start[];

static const char *section = "start";
static int failures;

/* check() counts and reports a failed condition; errno is printed by
 * name-free number, which both libcs agree on. */
static int check(int ok, const char *what, int line)
{
	if (!ok) {
		printf("FAIL %s: %s (line %d, errno %d)\n", section, what, line, errno);
		failures++;
	}
	return ok;
}
#define CHECK(cond) check(!!(cond), #cond, __LINE__)

/* expect_err() checks that a call returned -1 with errno @want. */
#define EXPECT_ERR(call, want) do {						\
	errno = 0;								\
	long r_ = (long)(call);							\
	int e_ = errno;								\
	printf("  %s -> %ld, errno %s\n", #call, r_,				\
	       e_ == (want) ? #want : "other");					\
	if (e_ != (want))							\
		check(0, #call " sets " #want, __LINE__);			\
} while (0)

static void begin(const char *name)
{
	section = name;
	printf("== %s\n", name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- start-up: arguments, environment, auxiliary vector ------------------------------ */

static int args_and_exit_status(int argc, char **argv)
{
	int status = 0;

	begin("args");
	printf("  argc %d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("  argv[%d] '%s'\n", i, argv[i]);
	CHECK(argv[argc] == NULL);
	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], "exit=", 5) == 0)
			status = atoi(argv[i] + 5);
	return status;
}

static void environment(void)
{
	char *names[64];
	int n = 0;

	begin("environment");
	for (char **e = environ; *e && n < 64; e++)
		names[n++] = *e;
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (int i = 0; i < n; i++)
		printf("  %s\n", names[i]);
	printf("  getenv(HOME) '%s'\n", getenv("HOME") ? getenv("HOME") : "(null)");
	CHECK(getenv("COMPAT_NOT_SET") == NULL);
	CHECK(setenv("COMPAT_A", "one", 0) == 0);
	CHECK(setenv("COMPAT_A", "two", 0) == 0);
	printf("  after setenv without overwrite: '%s'\n", getenv("COMPAT_A"));
	CHECK(setenv("COMPAT_A", "three", 1) == 0);
	printf("  after setenv with overwrite: '%s'\n", getenv("COMPAT_A"));
	CHECK(putenv("COMPAT_B=put") == 0);
	printf("  putenv: '%s'\n", getenv("COMPAT_B"));
	CHECK(unsetenv("COMPAT_A") == 0);
	CHECK(getenv("COMPAT_A") == NULL);
	EXPECT_ERR(setenv("BAD=NAME", "x", 1), EINVAL);
}

static void auxv(char **argv)
{
	static const struct { unsigned long type; const char *name; } want[] = {
		{ AT_PHDR, "AT_PHDR" }, { AT_PHENT, "AT_PHENT" }, { AT_PHNUM, "AT_PHNUM" },
		{ AT_PAGESZ, "AT_PAGESZ" }, { AT_BASE, "AT_BASE" }, { AT_FLAGS, "AT_FLAGS" },
		{ AT_ENTRY, "AT_ENTRY" }, { AT_UID, "AT_UID" }, { AT_EUID, "AT_EUID" },
		{ AT_GID, "AT_GID" }, { AT_EGID, "AT_EGID" }, { AT_SECURE, "AT_SECURE" },
		{ AT_RANDOM, "AT_RANDOM" }, { AT_HWCAP, "AT_HWCAP" }, { AT_CLKTCK, "AT_CLKTCK" },
		{ AT_EXECFN, "AT_EXECFN" },
	};
	const char *execfn, *base;

	begin("auxv");
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		errno = 0;
		getauxval(want[i].type);
		if (errno == ENOENT) {
			printf("  %s missing\n", want[i].name);
			failures++;
		}
	}
	printf("  AT_PAGESZ %lu, sysconf page size %ld\n", getauxval(AT_PAGESZ),
	       sysconf(_SC_PAGESIZE));
	printf("  AT_PHENT %lu, AT_BASE %lu, AT_FLAGS %lu, AT_SECURE %lu, AT_CLKTCK %lu\n",
	       getauxval(AT_PHENT), getauxval(AT_BASE), getauxval(AT_FLAGS),
	       getauxval(AT_SECURE), getauxval(AT_CLKTCK));
	printf("  AT_PHNUM %lu\n", getauxval(AT_PHNUM));
	CHECK(getauxval(AT_ENTRY) == (unsigned long)_start);
	CHECK(getauxval(AT_PHDR) != 0);
	CHECK(getauxval(AT_UID) == getuid() && getauxval(AT_EUID) == geteuid());
	CHECK(getauxval(AT_GID) == getgid() && getauxval(AT_EGID) == getegid());
	CHECK(getauxval(AT_RANDOM) != 0);
	CHECK(sysconf(_SC_CLK_TCK) == 100);
	execfn = (const char *)getauxval(AT_EXECFN);
	base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	CHECK(execfn && strlen(execfn) >= strlen(base) &&
	      strcmp(execfn + strlen(execfn) - strlen(base), base) == 0);
}

/* ---- stdio ------------------------------------------------------------------------- */

static void stdio(void)
{
	static volatile size_t small = 8;	/* volatile: no compile-time truncation warning */
	char buf[128], line[64];
	FILE *f;
	int n, a = 0;
	double d = 0;

	begin("stdio");
	printf("  %d %ld %lld %u %x %o %5.2f %e %s %c %% [%-6s] [%6s] [%03d]\n", -42, 1234567890L,
	       -(1LL << 40), 3000000000u, 0xbeef, 8, 3.14159, 1e-3, "str", 'c', "left", "right", 7);
	n = snprintf(buf, small, "%s", "truncated output");
	printf("  snprintf to 8 bytes returned %d, kept '%s'\n", n, buf);
	fprintf(stderr, "  this line went to stderr\n");
	f = fopen(WORKDIR "/stdio.txt", "w+");
	if (!CHECK(f != NULL))
		return;
	for (int i = 0; i < 3; i++)
		fprintf(f, "line %d of %s\n", i, "stdio.txt");
	CHECK(fflush(f) == 0);
	printf("  ftell after writing %ld\n", ftell(f));
	rewind(f);
	while (fgets(line, sizeof(line), f))
		printf("  fgets '%.*s'\n", (int)strcspn(line, "\n"), line);
	CHECK(feof(f) && !ferror(f));
	CHECK(fseek(f, 5, SEEK_SET) == 0);
	n = fgetc(f);
	CHECK(ungetc(n, f) == n);
	CHECK(fscanf(f, "%d", &a) == 1 && a == 0);
	CHECK(fclose(f) == 0);
	CHECK(sscanf("17 2.5e1 word", "%d %lf %8s", &n, &d, buf) == 3);
	printf("  sscanf %d %g '%s', strtod %g, strtol %ld\n", n, d, buf, strtod("-0.125", NULL),
	       strtol("0x7f", NULL, 16));
}

/* ---- malloc ------------------------------------------------------------------------ */

static unsigned fill(unsigned char *p, size_t n, unsigned seed)
{
	unsigned sum = 0;

	for (size_t i = 0; i < n; i++) {
		p[i] = (unsigned char)(seed + i * 7);
		sum = sum * 31 + p[i];
	}
	return sum;
}

static unsigned sum_of(const unsigned char *p, size_t n)
{
	unsigned sum = 0;

	for (size_t i = 0; i < n; i++)
		sum = sum * 31 + p[i];
	return sum;
}

static void memory(void)
{
	static const size_t sizes[] = { 1, 7, 16, 100, 1000, 4095, 4096, 4097, 65536,
					131072, 300000, 1 << 20, 8 << 20 };
	enum { N = sizeof(sizes) / sizeof(sizes[0]) };
	unsigned char *p[N];
	unsigned sums[N];
	unsigned char *q, *z;
	void *al = NULL;
	int bad = 0;

	begin("malloc");
	for (int i = 0; i < N; i++) {
		p[i] = malloc(sizes[i]);
		if (!CHECK(p[i] != NULL))
			return;
		sums[i] = fill(p[i], sizes[i], i);
	}
	/* Free every other block, then check the rest still hold their bytes. */
	for (int i = 0; i < N; i += 2) {
		free(p[i]);
		p[i] = NULL;
	}
	for (int i = 1; i < N; i += 2)
		bad += sum_of(p[i], sizes[i]) != sums[i];
	printf("  %d blocks from 1 byte to 8 MiB; %d corrupted after freeing half\n", N, bad);
	q = malloc(10);
	CHECK(q != NULL);
	fill(q, 10, 99);
	for (size_t n = 100; n <= (4 << 20); n *= 9) {
		unsigned char *r = realloc(q, n);

		if (!CHECK(r != NULL))
			break;
		q = r;
		CHECK(sum_of(q, 10) == fill((unsigned char[10]){ 0 }, 10, 99));
	}
	q = realloc(q, 5);
	CHECK(q && q[4] == (unsigned char)(99 + 4 * 7));
	free(q);
	z = calloc(1000, 1000);
	if (CHECK(z != NULL)) {
		size_t nz = 0;

		for (size_t i = 0; i < 1000000; i++)
			nz += z[i] != 0;
		printf("  calloc(1000, 1000): %zu non-zero bytes\n", nz);
		free(z);
	}
	CHECK(posix_memalign(&al, 4096, 10000) == 0 && ((uintptr_t)al & 4095) == 0);
	free(al);
	for (int i = 1; i < N; i += 2)
		free(p[i]);
	printf("  realloc, calloc and posix_memalign done\n");
}

/* ---- files ------------------------------------------------------------------------- */

static void show_stat(const char *label, const struct stat *st)
{
	const char *kind = S_ISREG(st->st_mode) ? "file" : S_ISDIR(st->st_mode) ? "dir" :
		S_ISLNK(st->st_mode) ? "symlink" : "other";

	printf("  %s: %s, mode %04o, size %lld\n", label, kind, (unsigned)st->st_mode & 07777,
	       S_ISDIR(st->st_mode) ? 0LL : (long long)st->st_size);
}

static void files(void)
{
	static volatile uintptr_t bad_address = 16;	/* below every mapping */
	char buf[256];
	struct stat st;
	struct iovec iov[2];
	int fd, fd2, fds[2];
	off_t off;

	begin("files");
	fd = open("f1", O_RDWR | O_CREAT | O_EXCL, 0666);
	if (!CHECK(fd >= 0))
		return;
	CHECK(write(fd, "hello, world\n", 13) == 13);
	CHECK(fstat(fd, &st) == 0);
	show_stat("f1 after write", &st);
	off = lseek(fd, 0, SEEK_CUR);
	printf("  lseek cur %lld", (long long)off);
	off = lseek(fd, 0, SEEK_END);
	printf(", end %lld", (long long)off);
	off = lseek(fd, 7, SEEK_SET);
	printf(", set 7 %lld\n", (long long)off);
	memset(buf, 0, sizeof(buf));
	CHECK(read(fd, buf, sizeof(buf)) == 6);
	printf("  read from 7: '%.5s'\n", buf);
	CHECK(read(fd, buf, sizeof(buf)) == 0);
	CHECK(pwrite(fd, "W", 1, 7) == 1);
	CHECK(pread(fd, buf, 5, 7) == 5);
	printf("  pread after pwrite: '%.5s', offset still %lld\n", buf,
	       (long long)lseek(fd, 0, SEEK_CUR));
	/* A hole: write past the end, the gap reads as zeros. */
	CHECK(lseek(fd, 100, SEEK_SET) == 100);
	CHECK(write(fd, "end", 3) == 3);
	CHECK(pread(fd, buf, 100, 13) == 90);
	{
		int zeros = 0;

		for (int i = 0; i < 87; i++)
			zeros += buf[i] == 0;
		printf("  hole of 87 bytes: %d zeros, then '%.3s'\n", zeros, buf + 87);
	}
	CHECK(ftruncate(fd, 5) == 0);
	CHECK(fstat(fd, &st) == 0);
	show_stat("f1 after ftruncate(5)", &st);
	iov[0] = (struct iovec){ "vec", 3 };
	iov[1] = (struct iovec){ "tor\n", 4 };
	CHECK(lseek(fd, 0, SEEK_END) == 5);
	CHECK(writev(fd, iov, 2) == 7);
	fd2 = dup(fd);
	CHECK(fd2 > fd);
	CHECK(lseek(fd2, 0, SEEK_SET) == 0);
	printf("  dup shares the offset: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
	CHECK(read(fd2, buf, sizeof(buf)) == 12);
	printf("  contents '%.11s'\n", buf);
	CHECK(dup2(fd2, 20) == 20);
	CHECK(fcntl(20, F_GETFD) == 0);
	CHECK(fcntl(20, F_SETFD, FD_CLOEXEC) == 0 && fcntl(20, F_GETFD) == FD_CLOEXEC);
	printf("  F_GETFL access mode %s\n", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR ?
	       "O_RDWR" : "other");
	CHECK(close(20) == 0 && close(fd2) == 0 && close(fd) == 0);
	EXPECT_ERR(close(fd), EBADF);

	/* O_APPEND, O_TRUNC, O_EXCL. */
	fd = open("f1", O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && lseek(fd, 0, SEEK_SET) == 0 && write(fd, "+", 1) == 1);
	close(fd);
	CHECK(stat("f1", &st) == 0);
	show_stat("f1 after O_APPEND write", &st);
	EXPECT_ERR(open("f1", O_WRONLY | O_CREAT | O_EXCL, 0600), EEXIST);
	fd = open("f1", O_WRONLY | O_TRUNC);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0);
	close(fd);
	fd = open("f2", O_WRONLY | O_CREAT, 0600);
	CHECK(fd >= 0);
	close(fd);
	CHECK(stat("f2", &st) == 0);
	show_stat("f2 made with 0600", &st);

	/* Errors Linux gives. */
	EXPECT_ERR(open("missing", O_RDONLY), ENOENT);
	EXPECT_ERR(open("missing/x", O_RDONLY | O_CREAT, 0644), ENOENT);
	EXPECT_ERR(open("f1/x", O_RDONLY), ENOTDIR);
	EXPECT_ERR(read(-1, buf, 1), EBADF);
	fd = open("f2", O_RDONLY);
	EXPECT_ERR(write(fd, "x", 1), EBADF);
	close(fd);
	fd = open("f1", O_RDWR);
	CHECK(write(fd, "abc", 3) == 3 && lseek(fd, 0, SEEK_SET) == 0);
	EXPECT_ERR(read(fd, (void *)bad_address, 3), EFAULT);
	close(fd);
	EXPECT_ERR(lseek(99, 0, SEEK_SET), EBADF);

	/* rename, symlinks, access, pipe. */
	CHECK(rename("f2", "f3") == 0);
	EXPECT_ERR(stat("f2", &st), ENOENT);
	CHECK(rename("f1", "f3") == 0);	/* replaces f3 */
	CHECK(stat("f3", &st) == 0);
	show_stat("f3 after rename over it", &st);
	CHECK(symlink("f3", "link") == 0);
	memset(buf, 0, sizeof(buf));
	printf("  readlink -> %zd '%s'\n", readlink("link", buf, sizeof(buf) - 1), buf);
	CHECK(lstat("link", &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(stat("link", &st) == 0);
	show_stat("stat through link", &st);
	EXPECT_ERR(readlink("f3", buf, sizeof(buf)), EINVAL);
	CHECK(access("f3", R_OK | W_OK) == 0);
	EXPECT_ERR(access("nothing", F_OK), ENOENT);
	CHECK(pipe(fds) == 0);
	CHECK(write(fds[1], "through a pipe", 14) == 14);
	close(fds[1]);
	memset(buf, 0, sizeof(buf));
	printf("  pipe read %zd '%s'", read(fds[0], buf, sizeof(buf)), buf);
	printf(", then %zd\n", read(fds[0], buf, sizeof(buf)));
	close(fds[0]);
}

/* ---- directories ------------------------------------------------------------------- */

/* list() prints the sorted entries of @path with a type letter each. */
static void list(const char *path)
{
	char *names[64];
	int n = 0;
	DIR *d = opendir(path);
	struct dirent *e;

	if (!CHECK(d != NULL))
		return;
	while ((e = readdir(d)) != NULL && n < 64) {
		char *s = malloc(strlen(e->d_name) + 3);

		sprintf(s, "%s%s", e->d_name, e->d_type == DT_DIR ? "/" :
			e->d_type == DT_LNK ? "@" : e->d_type == DT_REG ? "" : "?");
		names[n++] = s;
	}
	CHECK(closedir(d) == 0);
	qsort(names, n, sizeof(names[0]), cmp_str);
	printf("  ls %s:", path);
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

static void directories(void)
{
	static const char tail[] = "/" WORKDIR "/sub/deeper";
	char cwd[4096];
	struct stat st;
	int fd;

	begin("directories");
	CHECK(mkdir("sub", 0755) == 0);
	CHECK(mkdir("sub/deeper", 0700) == 0);
	fd = open("sub/deeper/file", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK(stat("sub/deeper", &st) == 0);
	show_stat("sub/deeper", &st);
	list(".");
	list("sub");
	EXPECT_ERR(mkdir("sub", 0755), EEXIST);
	EXPECT_ERR(rmdir("sub"), ENOTEMPTY);
	EXPECT_ERR(rmdir("f3"), ENOTDIR);
	EXPECT_ERR(unlink("sub"), EISDIR);
	EXPECT_ERR(open("sub", O_WRONLY), EISDIR);
	fd = open("sub", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	EXPECT_ERR(read(fd, cwd, 10), EISDIR);
	close(fd);
	EXPECT_ERR(opendir("f3"), ENOTDIR);

	CHECK(chdir("sub/deeper") == 0);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	printf("  getcwd ends in '/" WORKDIR "/sub/deeper': %s\n",
	       strlen(cwd) >= sizeof(tail) - 1 &&
	       strcmp(cwd + strlen(cwd) - (sizeof(tail) - 1), tail) == 0 ? "yes" : "no");
	EXPECT_ERR(getcwd(cwd, 3), ERANGE);
	CHECK(access("file", F_OK) == 0);
	CHECK(chdir("../..") == 0);
	CHECK(rename("sub/deeper", "moved") == 0);
	list(".");
	CHECK(unlink("moved/file") == 0 && rmdir("moved") == 0);
	CHECK(rmdir("sub") == 0);
	EXPECT_ERR(chdir("sub"), ENOENT);
}

/* ---- mmap -------------------------------------------------------------------------- */

static void mappings(void)
{
	char buf[64];
	unsigned char *a, *m, *p;
	int fd, zeros = 0;

	begin("mmap");
	a = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!CHECK(a != MAP_FAILED))
		return;
	for (int i = 0; i < 3 * PAGE; i++)
		zeros += a[i] == 0;
	memset(a, 'x', 3 * PAGE);
	CHECK(munmap(a + PAGE, PAGE) == 0);	/* a hole in the middle */
	printf("  anonymous: %d zero bytes at first; after unmapping the middle page: %c %c\n",
	       zeros, a[0], a[2 * PAGE]);
	CHECK(mprotect(a, PAGE, PROT_READ) == 0 && a[0] == 'x');
	CHECK(madvise(a + 2 * PAGE, PAGE, MADV_DONTNEED) == 0);
	printf("  after MADV_DONTNEED: %d\n", a[2 * PAGE]);
	CHECK(munmap(a, 3 * PAGE) == 0);
	EXPECT_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
	EXPECT_ERR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);

	/* A file of two pages and a bit. */
	fd = open("mapped", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (!CHECK(fd >= 0))
		return;
	a = malloc(2 * PAGE + 100);
	for (int i = 0; i < 2 * PAGE + 100; i++)
		a[i] = '0' + i % 10;
	CHECK(write(fd, a, 2 * PAGE + 100) == 2 * PAGE + 100);
	free(a);
	m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!CHECK(m != MAP_FAILED))
		goto out_close;
	printf("  shared map: '%.10s' ... '%.5s', past EOF %d\n", m, m + 2 * PAGE + 95,
	       m[2 * PAGE + 100]);
	memcpy(m + 10, "SHARED", 6);
	CHECK(msync(m, PAGE, MS_SYNC) == 0);
	memset(buf, 0, sizeof(buf));
	CHECK(pread(fd, buf, 20, 0) == 20);
	printf("  read() sees the store: '%s'\n", buf);
	CHECK(pwrite(fd, "written", 7, PAGE) == 7);
	printf("  the map sees write(): '%.10s'\n", m + PAGE);
	CHECK(munmap(m, 3 * PAGE) == 0);

	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, PAGE);
	if (!CHECK(p != MAP_FAILED))
		goto out_close;
	printf("  private map at offset %d: '%.10s'\n", PAGE, p);
	memcpy(p, "PRIVATE", 7);
	CHECK(pread(fd, buf, 10, PAGE) == 10);
	printf("  the file keeps '%.10s', the map holds '%.10s'\n", buf, p);
	CHECK(munmap(p, PAGE) == 0);
	EXPECT_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 100), EINVAL);
out_close:
	close(fd);
	fd = open("mapped", O_RDONLY);
	EXPECT_ERR(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EACCES);
	close(fd);
	CHECK(unlink("mapped") == 0);
}

/* ---- time and identity ------------------------------------------------------------- */

static void time_and_identity(void)
{
	struct timespec t0, t1, nap = { 0, 20 * 1000 * 1000 };
	struct timeval tv;
	struct utsname u;
	long long ns;

	begin("time");
	CHECK(clock_gettime(CLOCK_MONOTONIC, &t0) == 0);
	CHECK(nanosleep(&nap, NULL) == 0);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &t1) == 0);
	ns = (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
	printf("  nanosleep(20 ms) slept at least 20 ms: %s\n", ns >= 20000000 ? "yes" : "no");
	CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_usec < 1000000);
	CHECK(clock_gettime(CLOCK_REALTIME, &t0) == 0 && t0.tv_nsec < 1000000000);
	begin("identity");
	CHECK(getpid() > 0 && getppid() >= 0);
	CHECK(uname(&u) == 0);
	printf("  uname machine %s\n", u.machine);
}

int main(int argc, char **argv)
{
	char cwd[4096];
	int status;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("compat: a static Linux program\n");
	status = args_and_exit_status(argc, argv);
	environment();
	auxv(argv);
	umask(022);
	if (!CHECK(mkdir(WORKDIR, 0755) == 0) || !CHECK(getcwd(cwd, sizeof(cwd)) != NULL))
		return 1;
	stdio();
	memory();
	CHECK(chdir(WORKDIR) == 0);
	files();
	directories();
	mappings();
	CHECK(unlink("f3") == 0 && unlink("link") == 0 && unlink("stdio.txt") == 0);
	list(".");
	CHECK(chdir(cwd) == 0 && rmdir(WORKDIR) == 0);
	time_and_identity();
	printf("compat: %d failed; exit status %d\n", failures, failures ? 1 : status);
	return failures ? 1 : status;
}
