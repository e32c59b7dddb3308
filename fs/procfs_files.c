/*
 * fs/procfs_files.c - what the files of /proc say: one generator per
 * file, named by the tables in fs/procfs.c.
 *
 * The formats are Linux's, to the byte, because tools parse them: ps
 * reads <pid>/stat, debuggers and sanitizers read maps, free reads
 * meminfo. Where Atlas does not keep a number Linux shows, the field is
 * there with the value Linux shows when it has nothing to say (usually 0).
 */
#include "fs/procfs_internal.h"
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/fault_inject.h"
#include "kernel/bootinfo.h"
#include "kernel/kernel.h"
#include "kernel/task.h"
#include "memlayout.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/vm.h"

/* ---- /proc/meminfo ------------------------------------------------------------ */

/* One "Label:      1234 kB" line: the label padded to 16 columns. */
static void meminfo_kb(struct proc_buf *pb, const char *label, unsigned long pages)
{
	pb_printf(pb, "%-16s%8lu kB\n", label, pages * (PAGE_SIZE / 1024));
}

/* A hugepage count: Linux pads these labels to 19 columns, values to 5. */
static void meminfo_count(struct proc_buf *pb, const char *label, unsigned long n)
{
	pb_printf(pb, "%-19s%5lu\n", label, n);
}

/*
 * MemAvailable is MemFree until there are caches that could be dropped.
 * The hugepage pool does not exist yet: its lines are there, as on a
 * Linux without reserved hugepages, and read 0 until it comes.
 */
int proc_show_meminfo(struct proc_buf *pb, struct task *t)
{
	(void)t;
	meminfo_kb(pb, "MemTotal:", pmem_managed_pages());
	meminfo_kb(pb, "MemFree:", pmem_free_pages());
	meminfo_kb(pb, "MemAvailable:", pmem_free_pages());
	meminfo_count(pb, "HugePages_Total:", 0);
	meminfo_count(pb, "HugePages_Free:", 0);
	meminfo_count(pb, "HugePages_Rsvd:", 0);
	meminfo_count(pb, "HugePages_Surp:", 0);
	pb_printf(pb, "%-16s%8lu kB\n", "Hugepagesize:", 2048ul);
	pb_printf(pb, "%-16s%8lu kB\n", "Hugetlb:", 0ul);
	return 0;
}

/* ---- /proc/mounts -------------------------------------------------------------- */

struct mounts_walk {
	struct proc_buf *pb;
	char *path;			/* PATH_MAX bytes */
};

/*
 * "source mountpoint type rw 0 0"; a space, tab, newline or backslash in
 * the source or the mount point is written in octal ("\040"), as Linux
 * does, so that the line still splits into six fields.
 */
static void show_mount(struct mount *m, void *arg)
{
	struct mounts_walk *w = arg;

	if (vfs_mount_path(m, w->path, PATH_MAX) < 0)
		return;
	pb_escape(w->pb, m->source, " \t\n\\");
	pb_write(w->pb, " ", 1);
	pb_escape(w->pb, w->path, " \t\n\\");
	pb_printf(w->pb, " %s rw 0 0\n", m->sb->type->name);
}

int proc_show_mounts(struct proc_buf *pb, struct task *t)
{
	struct mounts_walk w = { pb, kmalloc(PATH_MAX) };

	(void)t;
	if (!w.path)
		return -ENOMEM;
	vfs_for_each_mount(show_mount, &w);
	kfree(w.path);
	return 0;
}

/* ---- /proc/sys/debug/fault_inject ------------------------------------------------- */

/* One line per failure point: "mmap.vma_alloc hits 3 failures 1". */
int proc_show_fault_inject(struct proc_buf *pb, struct task *t)
{
	const char *name;

	(void)t;
	for (unsigned i = 0; (name = fault_inject_nth(i)) != NULL; i++)
		pb_printf(pb, "%s hits %llu failures %llu\n", name,
			  (unsigned long long)fault_inject_hits(name),
			  (unsigned long long)fault_inject_failures(name));
	return 0;
}

/* A decimal count, or "off" for 0; false if @s is neither. */
static bool parse_count(const char *s, unsigned *out)
{
	unsigned long long v = 0;

	if (strcmp(s, "off") == 0) {
		*out = 0;
		return true;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned)(*s - '0');
		if (v > 0xffffffffull)
			return false;
	}
	*out = (unsigned)v;
	return true;
}

/*
 * A write is one command, "POINT COUNT" with an optional newline: the
 * next COUNT hits of POINT fail (any earlier arming of POINT is
 * replaced). COUNT 0 or "off" disarms POINT. The hit and failure counts
 * keep running either way; they start from zero at boot and whenever a
 * test calls fault_inject_disarm_all().
 */
long proc_write_fault_inject(const char *buf, size_t n)
{
	char cmd[96];
	size_t len = n;
	char *count;
	unsigned v;
	int err;

	if (n == 0 || n >= sizeof(cmd))
		return -EINVAL;
	memcpy(cmd, buf, n);
	if (cmd[len - 1] == '\n')
		len--;
	cmd[len] = '\0';
	count = strchr(cmd, ' ');
	if (!count || strlen(cmd) != len)	/* no count, or a NUL inside */
		return -EINVAL;
	*count++ = '\0';
	if (!parse_count(count, &v))
		return -EINVAL;
	err = fault_inject_arm(cmd, 0, v);
	return err ? err : (long)n;
}

/* ---- /proc/<pid>/maps ------------------------------------------------------------ */

/*
 * Where a mapping's name starts: Linux pads the fixed part of the line to
 * 25 + 6 * sizeof(void *) - 1 columns (72 on 64-bit), then writes one
 * space, so the name starts in column 74.
 */
#define MAPS_NAME_COLUMN (25 + 6 * sizeof(void *) - 1)

/*
 * The name of @v of @mm for maps: its file's path, or what its owner
 * calls it, or, as Linux names them, [heap] for the anonymous memory
 * around the program break and [stack] for the stack exec made under
 * USER_TOP.
 */
static const char *map_name(struct mm *mm, struct vma *v, char *path)
{
	const struct path *root = current_fs ? &current_fs->root : NULL;

	if (v->file) {
		/* A file with no name: shared anonymous memory, as Linux shows it. */
		if (!v->file->path.dentry)
			return "/dev/zero (deleted)";
		if (vfs_path_name(&v->file->path, root, path, PATH_MAX) < 0)
			return NULL;
		return path;
	}
	if (v->vm_ops && v->vm_ops->name)
		return v->vm_ops->name(v);
	if (mm->brk > mm->brk_start && vma_start(v) < mm->brk && vma_end(v) > mm->brk_start)
		return "[heap]";
	if (vma_end(v) == USER_TOP)
		return "[stack]";
	return NULL;
}

/*
 * "start-end perms offset major:minor inode", then the name, if any,
 * from column 74. Offset, device and inode are a file mapping's; an
 * anonymous one shows 0, 00:00 and 0. A newline in a path is written as
 * "\012", as Linux's seq_path() does.
 */
static void show_map(struct proc_buf *pb, struct mm *mm, struct vma *v, char *path)
{
	size_t line = pb->len;
	unsigned long long off = 0, ino = 0;
	uint32_t dev = 0;
	const char *name = map_name(mm, v, path);

	if (v->file) {
		struct inode *inode = v->file->inode;

		off = (unsigned long long)v->pgoff << PAGE_SHIFT;
		dev = inode->sb ? inode->sb->dev : 0;
		ino = inode->ino;
	}
	pb_printf(pb, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %llu ",
		  (unsigned long)vma_start(v), (unsigned long)vma_end(v),
		  v->vm_flags & VM_READ ? 'r' : '-', v->vm_flags & VM_WRITE ? 'w' : '-',
		  v->vm_flags & VM_EXEC ? 'x' : '-', v->vm_flags & VM_SHARED ? 's' : 'p',
		  off, (unsigned)(dev >> 8), (unsigned)(dev & 0xff), ino);
	if (name) {
		pb_pad_to(pb, line + MAPS_NAME_COLUMN);
		pb_write(pb, " ", 1);
		pb_escape(pb, name, "\n");
	}
	pb_write(pb, "\n", 1);
}

/* Every VMA of @t, in address order; nothing for a task with no mm. */
int proc_show_maps(struct proc_buf *pb, struct task *t)
{
	struct mm *mm = t->mm;
	struct vma_node *n;
	char *path;

	if (!mm)
		return 0;
	path = kmalloc(PATH_MAX);
	if (!path)
		return -ENOMEM;
	mm_lock_write(mm);
	for (n = vma_tree_first(&mm->vmas); n; n = vma_tree_next(n))
		show_map(pb, mm, n->item, path);
	mm_unlock_write(mm);
	kfree(path);
	return 0;
}

/* ---- /proc/<pid>/stat and comm --------------------------------------------------- */

/* The fields of stat, numbered as in proc(5). */
enum stat_field {
	STAT_PID = 1, STAT_COMM, STAT_STATE, STAT_PPID, STAT_PGRP, STAT_SESSION,
	STAT_TTY_NR, STAT_TPGID, STAT_FLAGS, STAT_MINFLT, STAT_CMINFLT, STAT_MAJFLT,
	STAT_CMAJFLT, STAT_UTIME, STAT_STIME, STAT_CUTIME, STAT_CSTIME, STAT_PRIORITY,
	STAT_NICE, STAT_NUM_THREADS, STAT_ITREALVALUE, STAT_STARTTIME, STAT_VSIZE,
	STAT_RSS, STAT_RSSLIM, STAT_STARTCODE, STAT_ENDCODE, STAT_STARTSTACK,
	STAT_KSTKESP, STAT_KSTKEIP, STAT_SIGNAL, STAT_BLOCKED, STAT_SIGIGNORE,
	STAT_SIGCATCH, STAT_WCHAN, STAT_NSWAP, STAT_CNSWAP, STAT_EXIT_SIGNAL,
	STAT_PROCESSOR, STAT_RT_PRIORITY, STAT_POLICY, STAT_DELAYACCT_BLKIO_TICKS,
	STAT_GUEST_TIME, STAT_CGUEST_TIME, STAT_START_DATA, STAT_END_DATA,
	STAT_START_BRK, STAT_ARG_START, STAT_ARG_END, STAT_ENV_START, STAT_ENV_END,
	STAT_EXIT_CODE,
};
_Static_assert(STAT_EXIT_CODE == 52, "proc(5) lists 52 fields");

#define USER_HZ 100		/* the unit of stat's times: clock ticks */
#define SIGCHLD 17
#define RLIM_INFINITY 18446744073709551615ull

/*
 * "pid (comm) state" and then fields 4 to 52, one space apart. Fields
 * Atlas does not track are 0, except tpgid, which is -1 as on Linux for
 * a task with no controlling terminal.
 */
int proc_show_stat(struct proc_buf *pb, struct task *t)
{
	long long f[STAT_EXIT_CODE + 1] = { 0 };

	f[STAT_PPID] = t->ppid;
	f[STAT_PGRP] = t->pid;		/* no process groups or sessions yet */
	f[STAT_SESSION] = t->pid;
	f[STAT_TPGID] = -1;
	f[STAT_PRIORITY] = 20;
	f[STAT_NICE] = 0;
	f[STAT_NUM_THREADS] = 1;
	f[STAT_STARTTIME] = (long long)(t->start_ticks * USER_HZ / HZ);
	if (t->mm) {
		f[STAT_VSIZE] = (long long)(t->mm->total_pages * PAGE_SIZE);
		f[STAT_RSS] = (long long)t->mm->resident_pages;
	}
	f[STAT_EXIT_SIGNAL] = SIGCHLD;

	pb_printf(pb, "%d (%s) %c", t->pid, t->comm, t->state);
	for (int i = STAT_PPID; i <= STAT_EXIT_CODE; i++) {
		if (i == STAT_RSSLIM)
			pb_printf(pb, " %llu", RLIM_INFINITY);	/* the one unsigned giant */
		else
			pb_printf(pb, " %lld", f[i]);
	}
	pb_write(pb, "\n", 1);
	return 0;
}

/* /proc/cmdline: the kernel command line, as the boot loader gave it. */
int proc_show_cmdline(struct proc_buf *pb, struct task *t)
{
	(void)t;
	pb_printf(pb, "%s\n", boot_info()->cmdline);
	return 0;
}

int proc_show_comm(struct proc_buf *pb, struct task *t)
{
	pb_printf(pb, "%s\n", t->comm);
	return 0;
}
