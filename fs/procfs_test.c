/*
 * fs/procfs_test.c - in-kernel tests of /proc, read through the VFS as a
 * program would read it.
 *
 * Each case registers a task of its own with a fresh address space, makes
 * it current, builds what it wants /proc to show, and compares the text
 * with what Linux would print for the same state, built independently
 * here. The cases undo everything (task, mappings, files), since the
 * runner counts pages and heap objects.
 */
#include "fs/vfs.h"
#include "kernel/arch.h"
#include "kernel/fault_inject.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/task.h"
#include "mm/page.h"
#include "mm/vm.h"

#define PG PAGE_SIZE
#define BASE 0x40000000ul

/* A registered task with its own address space, current while it lives. */
struct proc_env {
	struct task task;
	struct task *saved;
	struct mm *saved_mm;
};

static bool env_enter(struct proc_env *e, const char *comm)
{
	struct mm *mm = mm_create();

	if (!mm)
		return false;
	*e = (struct proc_env){ .saved = current, .saved_mm = current_mm };
	e->task.mm = mm;
	e->task.fs = current_fs;
	e->task.ppid = 1;
	strlcpy(e->task.comm, comm, sizeof(e->task.comm));
	task_register(&e->task);
	current = &e->task;
	mm_switch(mm);
	return true;
}

static void env_leave(struct proc_env *e)
{
	current = e->saved;
	mm_switch(e->saved_mm);
	task_unregister(&e->task);
	mm_destroy(e->task.mm);
}

/*
 * Reads all of @name into @buf (NUL-terminated), in small pieces so that
 * reads from the middle of the content are exercised. Bytes or -errno.
 */
static long read_all(const char *name, char *buf, size_t size)
{
	struct file *f;
	size_t len = 0;
	long n;
	int err = vfs_open(current_fs, name, O_RDONLY, 0, &f);

	if (err)
		return err;
	do {
		n = vfs_read(f, buf + len, MIN((size_t)13, size - 1 - len));
		if (n > 0)
			len += (size_t)n;
	} while (n > 0 && len < size - 1);
	file_put(f);
	buf[len] = '\0';
	return n < 0 ? n : (long)len;
}

static long write_str(const char *name, const char *s)
{
	struct file *f;
	long n;
	int err = vfs_open(current_fs, name, O_WRONLY, 0, &f);

	if (err)
		return err;
	n = vfs_write(f, s, strlen(s));
	file_put(f);
	return n;
}

/* Whether @hay contains @needle. */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* Appends to @buf (of @size, holding a string) as snprintf would. */
__printf(3, 4) static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

/*
 * The maps line Linux prints: the fixed part, and for a named mapping
 * padding to 72 columns (25 + 6 * 8 - 1), a space and the name.
 */
static void expect_map(char *buf, size_t size, vaddr_t start, vaddr_t end, const char *perms,
		       unsigned long long off, uint32_t dev, uint64_t ino, const char *name)
{
	char fixed[80];

	snprintf(fixed, sizeof(fixed), "%08lx-%08lx %s %08llx %02x:%02x %llu ",
		 (unsigned long)start, (unsigned long)end, perms, off, dev >> 8, dev & 0xff,
		 (unsigned long long)ino);
	if (name)
		append(buf, size, "%-72s %s\n", fixed, name);
	else
		append(buf, size, "%s\n", fixed);
}

static char got[4096], want[4096];
static char page_of_bytes[PG];

/*
 * The address space of the maps test: an anonymous mapping split in
 * three by mprotect, a private mapping of the file's second page and a
 * shared mapping of all of it.
 */
static bool build_maps(struct mm *mm, struct file *f)
{
	return do_mmap(mm, BASE, 4 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) == (long)BASE &&
	       do_mprotect(mm, BASE + PG, PG, PROT_READ) == 0 &&
	       do_mmap(mm, BASE + 0x10000, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, f, PG) ==
		       (long)(BASE + 0x10000) &&
	       do_mmap(mm, BASE + 0x20000, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		       f, 0) == (long)(BASE + 0x20000);
}

/* What maps must say about build_maps(), the file's name being @name. */
static void expect_maps(char *buf, size_t size, struct file *f, const char *name)
{
	uint32_t dev = f->inode->sb->dev;
	uint64_t ino = f->inode->ino;

	buf[0] = '\0';
	expect_map(buf, size, BASE, BASE + PG, "rw-p", 0, 0, 0, NULL);
	expect_map(buf, size, BASE + PG, BASE + 2 * PG, "r--p", 0, 0, 0, NULL);
	expect_map(buf, size, BASE + 2 * PG, BASE + 4 * PG, "rw-p", 0, 0, 0, NULL);
	expect_map(buf, size, BASE + 0x10000, BASE + 0x11000, "r--p", PG, dev, ino, name);
	expect_map(buf, size, BASE + 0x20000, BASE + 0x22000, "rw-s", 0, dev, ino, name);
}

KTEST(procfs, maps_shows_every_vma_in_linux_format)
{
	struct proc_env e;
	struct file *f;
	char pidmaps[32];

	KT_ASSERT(env_enter(&e, "procfs_maps"));
	snprintf(pidmaps, sizeof(pidmaps), "/proc/%d/maps", e.task.pid);
	if (vfs_open(current_fs, "/tmp/procfs_maps", O_CREAT | O_RDWR, 0644, &f)) {
		env_leave(&e);
		KT_ASSERT(!"cannot create /tmp/procfs_maps");
	}
	KT_EXPECT(vfs_write(f, page_of_bytes, PG) == (long)PG);
	KT_EXPECT(vfs_write(f, page_of_bytes, PG) == (long)PG);
	KT_EXPECT(build_maps(e.task.mm, f));

	expect_maps(want, sizeof(want), f, "/tmp/procfs_maps");
	KT_EXPECT(read_all("/proc/self/maps", got, sizeof(got)) == (long)strlen(want));
	KT_EXPECT(strcmp(got, want) == 0);
	KT_EXPECT(read_all(pidmaps, got, sizeof(got)) > 0 && strcmp(got, want) == 0);

	/* Unlinked while mapped: Linux appends " (deleted)". */
	KT_EXPECT(vfs_unlink(current_fs, "/tmp/procfs_maps") == 0);
	expect_maps(want, sizeof(want), f, "/tmp/procfs_maps (deleted)");
	KT_EXPECT(read_all("/proc/self/maps", got, sizeof(got)) > 0 && strcmp(got, want) == 0);

	file_put(f);
	env_leave(&e);
}

KTEST(procfs, maps_name_starts_at_column_74)
{
	struct proc_env e;
	struct file *f;
	const char *line;

	KT_ASSERT(env_enter(&e, "procfs_col"));
	if (vfs_open(current_fs, "/tmp/procfs_col", O_CREAT | O_RDWR, 0644, &f)) {
		env_leave(&e);
		KT_ASSERT(!"cannot create /tmp/procfs_col");
	}
	KT_EXPECT(vfs_write(f, page_of_bytes, PG) == (long)PG);
	KT_EXPECT(do_mmap(e.task.mm, BASE, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, f, 0) ==
		  (long)BASE);
	KT_EXPECT(read_all("/proc/self/maps", got, sizeof(got)) > 0);
	line = got;
	KT_EXPECT(strncmp(line, "40000000-40001000 r--p 00000000 ", 32) == 0);
	KT_EXPECT(strlen(line) == 73 + strlen("/tmp/procfs_col\n"));
	KT_EXPECT(line[71] == ' ' && line[72] == ' ' &&
		  strcmp(line + 73, "/tmp/procfs_col\n") == 0);
	KT_EXPECT(vfs_unlink(current_fs, "/tmp/procfs_col") == 0);
	file_put(f);
	env_leave(&e);
}

/* Shared anonymous memory is a shmem file: Linux names it "/dev/zero (deleted)". */
KTEST(procfs, maps_names_shared_dev_zero_memory_as_deleted_dev_zero)
{
	struct proc_env e;
	struct file *zero;
	struct vma *v;

	KT_ASSERT(env_enter(&e, "procfs_shm"));
	if (vfs_open(current_fs, "/dev/zero", O_RDWR, 0, &zero)) {
		env_leave(&e);
		KT_ASSERT(!"cannot open /dev/zero");
	}
	KT_EXPECT(do_mmap(e.task.mm, BASE, 2 * PG, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_FIXED, zero, 0) == (long)BASE);
	v = vma_find(e.task.mm, BASE);
	if (v && v->file) {
		want[0] = '\0';
		expect_map(want, sizeof(want), BASE, BASE + 2 * PG, "rw-s", 0,
			   v->file->inode->sb ? v->file->inode->sb->dev : 0, v->file->inode->ino,
			   "/dev/zero (deleted)");
		KT_EXPECT(read_all("/proc/self/maps", got, sizeof(got)) > 0);
		KT_EXPECT(strcmp(got, want) == 0);
	} else {
		KT_EXPECT(v && v->file);
	}
	file_put(zero);
	env_leave(&e);
}

/* The @n-th field (1-based, as in proc(5)) of a stat line, copied to @out. */
static bool stat_field(const char *line, int n, char *out, size_t size)
{
	const char *p = strrchr(line, ')');	/* comm may hold spaces */
	int field = 3;
	size_t len;

	if (n < 3 || !p || p[1] != ' ')
		return false;
	for (p += 2; field < n; field++) {
		p = strchr(p, ' ');
		if (!p)
			return false;
		p++;
	}
	for (len = 0; p[len] && p[len] != ' ' && p[len] != '\n'; len++)
		;
	if (len >= size)
		return false;
	memcpy(out, p, len);
	out[len] = '\0';
	return true;
}

KTEST(procfs, stat_has_52_fields_with_pid_comm_state_ppid_vsize_rss)
{
	struct proc_env e;
	char name[32], head[64], field[32], num[32];
	size_t spaces = 0;

	KT_ASSERT(env_enter(&e, "procfs_stat"));
	KT_EXPECT(do_mmap(e.task.mm, BASE, 3 * PG, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) == (long)BASE);
	arch_user_access_begin();
	*(volatile uint8_t *)BASE = 1;		/* one resident page */
	arch_user_access_end();

	snprintf(name, sizeof(name), "/proc/%d/stat", e.task.pid);
	KT_EXPECT(read_all(name, got, sizeof(got)) > 0);
	snprintf(head, sizeof(head), "%d (procfs_stat) R 1 %d %d 0 -1 ", e.task.pid,
		 e.task.pid, e.task.pid);
	KT_EXPECT(strncmp(got, head, strlen(head)) == 0);
	for (const char *p = got; *p; p++)
		spaces += *p == ' ';
	KT_EXPECT(spaces == 51 && got[strlen(got) - 1] == '\n');

	snprintf(num, sizeof(num), "%lu", (unsigned long)(3 * PG));
	KT_EXPECT(stat_field(got, 23, field, sizeof(field)) && strcmp(field, num) == 0);
	KT_EXPECT(e.task.mm->resident_pages == 1);
	KT_EXPECT(stat_field(got, 24, field, sizeof(field)) && strcmp(field, "1") == 0);
	KT_EXPECT(stat_field(got, 25, field, sizeof(field)) &&
		  strcmp(field, "18446744073709551615") == 0);
	KT_EXPECT(stat_field(got, 38, field, sizeof(field)) && strcmp(field, "17") == 0);
	KT_EXPECT(stat_field(got, 52, field, sizeof(field)) && strcmp(field, "0") == 0);

	snprintf(name, sizeof(name), "/proc/%d/comm", e.task.pid);
	KT_EXPECT(read_all(name, got, sizeof(got)) > 0 && strcmp(got, "procfs_stat\n") == 0);
	env_leave(&e);
}

KTEST(procfs, meminfo_shows_free_pages_at_the_time_of_reading)
{
	char line[64];
	struct file *f;
	size_t free;
	long n;

	KT_ASSERT(vfs_open(current_fs, "/proc/meminfo", O_RDONLY, 0, &f) == 0);
	free = pmem_free_pages();	/* the content was made by open */
	n = vfs_read(f, got, sizeof(got) - 1);
	file_put(f);
	KT_ASSERT(n > 0);
	got[n] = '\0';
	snprintf(line, sizeof(line), "MemTotal:       %8lu kB\n",
		 (unsigned long)pmem_managed_pages() * 4);
	KT_EXPECT(strncmp(got, line, strlen(line)) == 0);
	snprintf(line, sizeof(line), "\nMemFree:        %8lu kB\n", (unsigned long)free * 4);
	KT_EXPECT(contains(got, line));
	KT_EXPECT(contains(got, "\nMemAvailable: "));
	KT_EXPECT(contains(got, "\nHugePages_Total:       0\nHugePages_Free:        0\n"
			   "HugePages_Rsvd:        0\nHugePages_Surp:        0\n"
			   "Hugepagesize:       2048 kB\n"));
	/* Not writable, even by root. */
	KT_EXPECT(vfs_open(current_fs, "/proc/meminfo", O_WRONLY, 0, &f) == -EACCES);
}

KTEST(procfs, mounts_lists_root_and_proc)
{
	KT_ASSERT(read_all("/proc/mounts", got, sizeof(got)) > 0);
	KT_EXPECT(strncmp(got, "rootfs / ramfs rw 0 0\n", 22) == 0);
	KT_EXPECT(contains(got, "\nproc /proc proc rw 0 0\n"));
}

KTEST(procfs, fault_inject_write_arms_a_point_and_read_counts_it)
{
	const char *fi = "/proc/sys/debug/fault_inject";
	struct proc_env e;
	struct mm *mm;

	KT_ASSERT(env_enter(&e, "procfs_fi"));
	mm = e.task.mm;
	fault_inject_disarm_all();
	KT_EXPECT(write_str(fi, "mmap.vma_alloc 1\n") == 17);
	KT_EXPECT(do_mmap(mm, 0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0) ==
		  -ENOMEM);
	KT_EXPECT(read_all(fi, got, sizeof(got)) > 0);
	KT_EXPECT(contains(got, "mmap.vma_alloc hits 1 failures 1\n"));
	KT_EXPECT(contains(got, "fault.page_alloc hits "));
	/* One failure was armed; the next mmap succeeds. */
	KT_EXPECT(do_mmap(mm, 0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0) > 0);
	KT_EXPECT(read_all(fi, got, sizeof(got)) > 0);
	KT_EXPECT(contains(got, "mmap.vma_alloc hits 2 failures 1\n"));

	/* "off" disarms; bad points and counts are refused. */
	KT_EXPECT(write_str(fi, "mmap.vma_alloc 5") == 16);
	KT_EXPECT(write_str(fi, "mmap.vma_alloc off\n") == 19);
	KT_EXPECT(do_mmap(mm, 0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0) > 0);
	KT_EXPECT(write_str(fi, "no.such_point 1\n") == -EINVAL);
	KT_EXPECT(write_str(fi, "mmap.vma_alloc x\n") == -EINVAL);
	KT_EXPECT(write_str(fi, "mmap.vma_alloc\n") == -EINVAL);
	KT_EXPECT(write_str(fi, "mmap.vma_alloc -1\n") == -EINVAL);
	fault_inject_disarm_all();
	env_leave(&e);
}

/* Reads every name of directory @name into @out, separated by '/'. */
static int list_dir(const char *name, char *out, size_t size)
{
	char buf[48];		/* small: one or two records per call */
	struct file *f;
	long n;
	int err = vfs_open(current_fs, name, O_RDONLY | O_DIRECTORY, 0, &f);

	if (err)
		return err;
	out[0] = '\0';
	while ((n = vfs_getdents(f, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			unsigned reclen = (unsigned char)buf[off + 16] |
					  (unsigned)(unsigned char)buf[off + 17] << 8;

			append(out, size, "/%s", buf + off + 19);
			off += reclen;
		}
	}
	file_put(f);
	append(out, size, "/");
	return (int)n;
}

KTEST(procfs, getdents_lists_the_table_and_the_tasks)
{
	struct proc_env e;
	char pid[16], name[32];

	KT_ASSERT(env_enter(&e, "procfs_ls"));
	KT_EXPECT(list_dir("/proc", got, sizeof(got)) == 0);
	KT_EXPECT(strncmp(got, "/./../cmdline/meminfo/mounts/self/sys/", 38) == 0);
	snprintf(pid, sizeof(pid), "/%d/", e.task.pid);
	KT_EXPECT(contains(got, pid));
	KT_EXPECT(!contains(got, "/0/"));

	snprintf(name, sizeof(name), "/proc/%d", e.task.pid);
	KT_EXPECT(list_dir(name, got, sizeof(got)) == 0);
	KT_EXPECT(strcmp(got, "/./../maps/stat/comm/exe/") == 0);
	/* A task that runs no program has an exe link that names nothing. */
	snprintf(name, sizeof(name), "/proc/%d/exe", e.task.pid);
	KT_EXPECT(vfs_readlink(current_fs, name, got, sizeof(got)) == -ENOENT);
	KT_EXPECT(list_dir("/proc/sys/debug", got, sizeof(got)) == 0);
	KT_EXPECT(strcmp(got, "/./../fault_inject/") == 0);
	env_leave(&e);
}

KTEST(procfs, self_resolves_to_the_current_task)
{
	struct proc_env e;
	struct kstat a, b;
	char link[16] = { 0 }, pid[16], name[32];

	KT_ASSERT(env_enter(&e, "procfs_self"));
	snprintf(pid, sizeof(pid), "%d", e.task.pid);
	KT_EXPECT(vfs_readlink(current_fs, "/proc/self", link, sizeof(link) - 1) ==
		  (int)strlen(pid));
	KT_EXPECT(strcmp(link, pid) == 0);
	KT_EXPECT(read_all("/proc/self/comm", got, sizeof(got)) > 0 &&
		  strcmp(got, "procfs_self\n") == 0);
	snprintf(name, sizeof(name), "/proc/%d", e.task.pid);
	KT_EXPECT(vfs_stat(current_fs, "/proc/self", LOOKUP_FOLLOW, &a) == 0);
	KT_EXPECT(vfs_stat(current_fs, name, 0, &b) == 0);
	KT_EXPECT(a.ino == b.ino && S_ISDIR(a.mode) && (a.mode & 07777) == 0555);
	KT_EXPECT(vfs_stat(current_fs, "/proc/self", 0, &a) == 0 && S_ISLNK(a.mode));
	env_leave(&e);
}

KTEST(procfs, inode_numbers_are_stable_and_modes_follow_the_table)
{
	struct proc_env e;
	struct kstat a, b;
	char maps[32], stat[32];

	KT_ASSERT(env_enter(&e, "procfs_ino"));
	snprintf(maps, sizeof(maps), "/proc/%d/maps", e.task.pid);
	snprintf(stat, sizeof(stat), "/proc/%d/stat", e.task.pid);
	/* The dentries go away between the calls: the numbers are made again. */
	KT_EXPECT(vfs_stat(current_fs, maps, 0, &a) == 0);
	KT_EXPECT(vfs_stat(current_fs, maps, 0, &b) == 0);
	KT_EXPECT(a.ino == b.ino && S_ISREG(a.mode) && (a.mode & 07777) == 0444);
	KT_EXPECT(vfs_stat(current_fs, stat, 0, &b) == 0 && b.ino != a.ino);
	KT_EXPECT(vfs_stat(current_fs, "/proc/sys/debug/fault_inject", 0, &a) == 0);
	KT_EXPECT((a.mode & 07777) == 0644);
	KT_EXPECT(vfs_stat(current_fs, "/proc/sys", 0, &a) == 0 && (a.mode & 07777) == 0555);
	KT_EXPECT(vfs_stat(current_fs, "/proc/nonesuch", 0, &a) == -ENOENT);
	KT_EXPECT(vfs_stat(current_fs, "/proc/0", 0, &a) == -ENOENT);
	KT_EXPECT(vfs_stat(current_fs, "/proc/007", 0, &a) == -ENOENT);
	env_leave(&e);
}

/*
 * Once a task is unregistered, its directory is gone from /proc. A file
 * opened before keeps the snapshot it made; while it holds its dentry, a
 * new open of that same name finds the cached dentry and fails with
 * ESRCH (the VFS has no revalidation yet that would drop it).
 */
KTEST(procfs, a_task_that_is_gone_leaves_proc)
{
	struct proc_env e;
	struct file *f, *g;
	char comm[32], stat[32];
	long n;

	KT_ASSERT(env_enter(&e, "procfs_gone"));
	snprintf(comm, sizeof(comm), "/proc/%d/comm", e.task.pid);
	snprintf(stat, sizeof(stat), "/proc/%d/stat", e.task.pid);
	KT_ASSERT(vfs_open(current_fs, comm, O_RDONLY, 0, &f) == 0);
	env_leave(&e);
	n = vfs_read(f, got, sizeof(got) - 1);
	KT_EXPECT(n == (long)strlen("procfs_gone\n"));
	KT_EXPECT(vfs_open(current_fs, stat, O_RDONLY, 0, &g) == -ENOENT);
	KT_EXPECT(vfs_open(current_fs, comm, O_RDONLY, 0, &g) == -ESRCH);
	file_put(f);
	KT_EXPECT(vfs_open(current_fs, comm, O_RDONLY, 0, &g) == -ENOENT);
}
