/*
 * kernel/user_test.c - in-kernel tests that run real user programs from
 * the initramfs (built with newlib from user/) as processes, and check
 * what they did. Run with ktest=user.
 */
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/proc.h"
#include "fs/vfs.h"
#include "mm/page.h"

/* Runs @path with @argv, output to @out; returns its wait status or -errno. */
static int run(const char *path, char *const argv[], const char *out)
{
	int status = -1, pid = proc_spawn(path, argv, out);

	if (pid < 0)
		return pid;
	if (proc_wait(pid, &status, 0) != pid)
		return -ECHILD;
	return status;
}

/* Does the file @name contain @text? */
static bool file_has(const char *name, const char *text)
{
	static char buf[4096];
	struct file *f;
	long n;

	if (vfs_open(current_fs, name, O_RDONLY, 0, &f))
		return false;
	n = vfs_read(f, buf, sizeof(buf) - 1);
	file_put(f);
	if (n < 0)
		return false;
	buf[n] = '\0';
	for (char *p = buf; *p; p++)
		if (strncmp(p, text, strlen(text)) == 0)
			return true;
	return false;
}

KTEST(user, hello_runs_and_exits_0)
{
	static char *const argv[] = { "/bin/hello", "/etc", NULL };
	size_t free_before = pmem_free_pages();

	KT_EXPECT(run("/bin/hello", argv, "/tmp/hello.out") == W_EXITCODE(0));
	KT_EXPECT(file_has("/tmp/hello.out", "hello from newlib"));
	KT_EXPECT(file_has("/tmp/hello.out", "argv[1] = /etc"));
	KT_EXPECT(file_has("/tmp/hello.out", "hostname"));	/* listed /etc */
	KT_EXPECT(file_has("/tmp/hello.out", "hello: all done"));
	vfs_unlink(current_fs, "/tmp/hello.out");
	vfs_unlink(current_fs, "/tmp/hello-atlas.txt");
	KT_EXPECT(pmem_free_pages() == free_before);
}

KTEST(user, missing_program_exits_127)
{
	static char *const argv[] = { "/bin/nonesuch", NULL };

	KT_EXPECT(run("/bin/nonesuch", argv, NULL) == W_EXITCODE(127));
}

KTEST(user, garbage_file_is_not_executed)
{
	static char *const argv[] = { "/etc/motd", NULL };
	struct file *f;

	/* Not executable at all: EACCES; made executable, not ELF: ENOEXEC. Either way 127. */
	KT_EXPECT(run("/etc/motd", argv, NULL) == W_EXITCODE(127));
	KT_ASSERT(vfs_open(current_fs, "/tmp/garbage", O_WRONLY | O_CREAT, 0755, &f) == 0);
	KT_EXPECT(vfs_write(f, "\177ELF garbage garbage garbage", 28) == 28);
	file_put(f);
	KT_EXPECT(run("/tmp/garbage", argv, NULL) == W_EXITCODE(127));
	vfs_unlink(current_fs, "/tmp/garbage");
}
