/*
 * fs/procfs.c - the /proc file system: a tree generated from tables.
 *
 * Nothing in /proc is stored. The tables below describe the tree: each
 * row is a directory (with a table of its own), a file (with a generator
 * that writes its content), or a symbolic link. The root also lists one
 * directory per task, and every such directory is the same table
 * (proc_pid_entries) seen for that task.
 *
 * Dentries and inodes are made on demand: lookup() finds the name in the
 * directory's table (or, in the root, parses it as a pid) and makes an
 * inode for that row. procfs does not pin its dentries, so they go away
 * when unused (fs/dcache.c). Inode numbers are derived from the row and
 * the pid, so the same file always has the same number.
 *
 * Opening a file runs its generator once, into a buffer that read()
 * copies from (fs/procfs_internal.h); reading twice from one open file
 * sees one snapshot. The generators are in fs/procfs_files.c.
 */
#include "fs/procfs_internal.h"
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/kernel.h"
#include "kernel/task.h"
#include "mm/kmalloc.h"

/* One row of a table: a name in a directory and what it is. */
struct proc_entry {
	const char *name;
	unsigned mode;			/* S_IFDIR | 0555, S_IFREG | 0444, ... */
	/*
	 * The inode number of a row outside the per-pid tables; in them, the
	 * row's slot, from which proc_ino() makes a number per task.
	 */
	uint64_t ino;
	/* Files: write the content; write, if the file takes commands. */
	int (*show)(struct proc_buf *pb, struct task *t);
	long (*write)(const char *buf, size_t n);
	/* Links: the target (see proc_self_link()). */
	const char *(*link)(struct inode *inode);
	/* Directories: their rows, and whether one directory per task follows. */
	const struct proc_entry *children;
	size_t nr_children;
	bool lists_tasks;
};

/* Inode numbers of the rows outside the per-pid tables. */
enum {
	PROC_INO_ROOT = 1,
	PROC_INO_MEMINFO,
	PROC_INO_CMDLINE,
	PROC_INO_MOUNTS,
	PROC_INO_SELF,
	PROC_INO_SYS,
	PROC_INO_SYS_DEBUG,
	PROC_INO_FAULT_INJECT,
	PROC_PID_INO_BASE = 0x1000,	/* per-pid numbers start here */
};

/* Slots of the per-pid rows: the directory itself, then its files. */
enum {
	PID_SLOT_DIR,
	PID_SLOT_MAPS,
	PID_SLOT_STAT,
	PID_SLOT_COMM,
	PID_SLOT_EXE,
	PID_SLOTS = 16,			/* room reserved per task */
};

#define PROC_DIR(n, i, table)						\
	{ .name = (n), .mode = S_IFDIR | 0555, .ino = (i),		\
	  .children = (table), .nr_children = ARRAY_SIZE(table) }
#define PROC_FILE(n, i, fn)						\
	{ .name = (n), .mode = S_IFREG | 0444, .ino = (i), .show = (fn) }
#define PROC_RW_FILE(n, i, fn, wfn)					\
	{ .name = (n), .mode = S_IFREG | 0644, .ino = (i), .show = (fn),	\
	  .write = (wfn) }
#define PROC_LINK(n, i, fn)						\
	{ .name = (n), .mode = S_IFLNK | 0777, .ino = (i), .link = (fn) }

static const char *proc_self_link(struct inode *inode);
static const char *proc_exe_link(struct inode *inode);

/* ---- the tree ---------------------------------------------------------------- */

/* /proc/<pid>/ */
static const struct proc_entry proc_pid_entries[] = {
	PROC_FILE("maps", PID_SLOT_MAPS, proc_show_maps),
	PROC_FILE("stat", PID_SLOT_STAT, proc_show_stat),
	PROC_FILE("comm", PID_SLOT_COMM, proc_show_comm),
	PROC_LINK("exe", PID_SLOT_EXE, proc_exe_link),
};

static const struct proc_entry proc_pid_dir = PROC_DIR(NULL, PID_SLOT_DIR, proc_pid_entries);

/* /proc/sys/debug/ */
static const struct proc_entry proc_sys_debug_entries[] = {
	PROC_RW_FILE("fault_inject", PROC_INO_FAULT_INJECT, proc_show_fault_inject,
		     proc_write_fault_inject),
};

/* /proc/sys/ */
static const struct proc_entry proc_sys_entries[] = {
	PROC_DIR("debug", PROC_INO_SYS_DEBUG, proc_sys_debug_entries),
};

/* /proc/, followed by one directory per task */
static const struct proc_entry proc_root_entries[] = {
	PROC_FILE("cmdline", PROC_INO_CMDLINE, proc_show_cmdline),
	PROC_FILE("meminfo", PROC_INO_MEMINFO, proc_show_meminfo),
	PROC_FILE("mounts", PROC_INO_MOUNTS, proc_show_mounts),
	PROC_LINK("self", PROC_INO_SELF, proc_self_link),
	PROC_DIR("sys", PROC_INO_SYS, proc_sys_entries),
};

static const struct proc_entry proc_root = {
	.name = "/", .mode = S_IFDIR | 0555, .ino = PROC_INO_ROOT,
	.children = proc_root_entries, .nr_children = ARRAY_SIZE(proc_root_entries),
	.lists_tasks = true,
};

_Static_assert(ARRAY_SIZE(proc_pid_entries) < PID_SLOTS, "per-pid slots run out");

/* ---- inodes -------------------------------------------------------------------- */

/* A procfs inode: the VFS's, plus the row it shows and for which task. */
struct proc_inode {
	struct inode vfs;
	const struct proc_entry *entry;
	int pid;			/* the task of a per-pid row; 0 otherwise */
	char link[16];			/* /proc/self: the target, made per readlink */
	char *path;			/* /proc/<pid>/exe: PATH_MAX bytes, made on use */
};

/* The procfs inode around @inode. */
static struct proc_inode *proc_i(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs);
}

/* The inode number of @e for task @pid (0: not a per-pid row). */
static uint64_t proc_ino(const struct proc_entry *e, int pid)
{
	if (!pid)
		return e->ino;
	return PROC_PID_INO_BASE + (uint64_t)pid * PID_SLOTS + e->ino;
}

static void proc_inode_free(struct inode *inode)
{
	kfree(proc_i(inode)->path);
	kfree(proc_i(inode));
}

static const struct inode_operations proc_dir_iops, proc_link_iops;
static const struct file_operations proc_dir_fops, proc_file_fops;

/*
 * Makes the inode of row @e for task @pid (0: none) in @sb. A task's
 * files belong to the task's user, the rest to root. NULL on ENOMEM.
 */
static struct inode *proc_make_inode(struct super_block *sb, const struct proc_entry *e,
				     int pid)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi));
	struct task *t = pid ? task_find(pid) : NULL;
	struct inode *inode;

	if (!pi)
		return NULL;
	inode = &pi->vfs;
	inode_init(inode, proc_ino(e, pid), e->mode, proc_inode_free);
	pi->entry = e;
	pi->pid = pid;
	inode->sb = sb;
	inode->nlink = S_ISDIR(e->mode) ? 2 : 1;
	inode->atime = inode->mtime = inode->ctime = vfs_now();
	if (t && t->fs) {
		inode->uid = t->fs->cred.uid;
		inode->gid = t->fs->cred.gid;
	}
	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		inode->i_op = &proc_dir_iops;
		inode->i_fop = &proc_dir_fops;
		break;
	case S_IFLNK:
		inode->i_op = &proc_link_iops;
		break;
	default:
		inode->i_fop = &proc_file_fops;
		break;
	}
	return inode;
}

/* ---- directories ------------------------------------------------------------- */

/* The pid a root entry's name spells ("42"), or 0 if it is not one. */
static int parse_pid(const char *s)
{
	long v = 0;

	if (*s < '1' || *s > '9')
		return 0;		/* no sign, no leading zero, not empty */
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
		if (v > 0x7fffffff)
			return 0;
	}
	return (int)v;
}

/*
 * Finds the name of @d in @dir's table (and, in the root, among the
 * tasks) and gives @d an inode for it; leaves @d negative if there is no
 * such name, or if @dir belongs to a task that has gone.
 */
static int proc_lookup(struct inode *dir, struct dentry *d)
{
	struct proc_inode *pdir = proc_i(dir);
	const struct proc_entry *e = pdir->entry, *found = NULL;
	struct inode *inode;
	int pid = pdir->pid;

	if (pid && !task_find(pid))
		return 0;
	for (size_t i = 0; i < e->nr_children && !found; i++)
		if (strcmp(e->children[i].name, d->name) == 0)
			found = &e->children[i];
	if (!found && e->lists_tasks) {
		pid = parse_pid(d->name);
		if (pid && task_find(pid))
			found = &proc_pid_dir;
	}
	if (!found)
		return 0;
	inode = proc_make_inode(dir->sb, found, pid);
	if (!inode)
		return -ENOMEM;
	dentry_instantiate(d, inode);
	return 0;
}

/*
 * Lists a directory: ".", "..", the rows of its table, then (in the
 * root) the tasks. f->pos is the entry's index, except among the tasks,
 * where it is the first row's position plus the pid to continue from, so
 * that tasks coming and going between two calls do not shift the rest.
 */
static int proc_iterate(struct file *f, struct dir_context *dc)
{
	struct dentry *dir = f->path.dentry;
	struct proc_inode *pdir = proc_i(dir->inode);
	const struct proc_entry *e = pdir->entry;
	uint64_t tasks_pos = 2 + e->nr_children;
	struct task *t;

	if (!dir_emit_dots(f, dc))
		return 0;
	if (pdir->pid && !task_find(pdir->pid))
		return 0;		/* the task is gone: an empty directory */
	for (; f->pos < tasks_pos; f->pos++) {
		const struct proc_entry *c = &e->children[f->pos - 2];

		if (!dc->emit(dc, c->name, strlen(c->name), proc_ino(c, pdir->pid),
			      dt_type(c->mode)))
			return 0;
	}
	if (!e->lists_tasks)
		return 0;
	for (t = task_next(NULL); t; t = task_next(t)) {
		char name[12];
		int len;

		if (t->pid == 0 || (uint64_t)t->pid < f->pos - tasks_pos)
			continue;
		len = snprintf(name, sizeof(name), "%d", t->pid);
		if (!dc->emit(dc, name, (size_t)len, proc_ino(&proc_pid_dir, t->pid), DT_DIR))
			return 0;
		f->pos = tasks_pos + (uint64_t)t->pid + 1;
	}
	return 0;
}

static const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
};

static const struct file_operations proc_dir_fops = {
	.iterate = proc_iterate,
};

/* ---- /proc/self ------------------------------------------------------------------ */

/*
 * The target of /proc/self: the running task's pid, written into the
 * inode each time it is asked for (the dentry may outlive a task switch).
 * The boot task, pid 0, gets "0", which does not exist: on Linux too,
 * /proc/self is of no use to a kernel thread.
 */
static const char *proc_self_link(struct inode *inode)
{
	struct proc_inode *pi = proc_i(inode);

	snprintf(pi->link, sizeof(pi->link), "%d", current ? current->pid : 0);
	return pi->link;
}

/*
 * The target of /proc/<pid>/exe: the absolute name of the program the
 * task runs (the file execve opened, kept by the task), as seen from the
 * reader's root. NULL (the link names nothing: -ENOENT) for a task that
 * is gone or runs no program, as Linux answers for a kernel thread.
 */
static const char *proc_exe_link(struct inode *inode)
{
	struct proc_inode *pi = proc_i(inode);
	struct task *t = task_find(pi->pid);
	const struct path *root = current_fs ? &current_fs->root : NULL;

	if (!t || !t->exe || !t->exe->path.dentry)
		return NULL;
	if (!pi->path && !(pi->path = kmalloc(PATH_MAX)))
		return NULL;
	if (vfs_path_name(&t->exe->path, root, pi->path, PATH_MAX) < 0)
		return NULL;
	return pi->path;
}

static const char *proc_readlink(struct inode *inode)
{
	return proc_i(inode)->entry->link(inode);
}

static const struct inode_operations proc_link_iops = {
	.readlink = proc_readlink,
};

/* ---- the generated files ---------------------------------------------------- */

#define PROC_BUF_INITIAL 4096

/* Makes room for @more bytes (and a NUL); false, with pb->err set, if it cannot. */
static bool pb_reserve(struct proc_buf *pb, size_t more)
{
	size_t cap = pb->cap ? pb->cap : PROC_BUF_INITIAL;
	char *data;

	if (pb->err)
		return false;
	if (pb->len + more < pb->cap)
		return true;
	while (pb->len + more >= cap)
		cap *= 2;
	data = kmalloc(cap);
	if (!data) {
		pb->err = -ENOMEM;
		return false;
	}
	if (pb->data)
		memcpy(data, pb->data, pb->len);
	kfree(pb->data);
	pb->data = data;
	pb->cap = cap;
	return true;
}

void pb_write(struct proc_buf *pb, const char *s, size_t n)
{
	if (!pb_reserve(pb, n))
		return;
	memcpy(pb->data + pb->len, s, n);
	pb->len += n;
}

void pb_printf(struct proc_buf *pb, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!pb_reserve(pb, 0))
		return;
	va_start(ap, fmt);
	n = vsnprintf(pb->data + pb->len, pb->cap - pb->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= pb->cap - pb->len) {
		/* It did not fit: grow and format again. */
		if (!pb_reserve(pb, (size_t)n))
			return;
		va_start(ap, fmt);
		vsnprintf(pb->data + pb->len, pb->cap - pb->len, fmt, ap);
		va_end(ap);
	}
	pb->len += (size_t)n;
}

void pb_escape(struct proc_buf *pb, const char *s, const char *esc)
{
	for (; *s; s++) {
		if (strchr(esc, *s))
			pb_printf(pb, "\\%03o", (unsigned char)*s);
		else
			pb_write(pb, s, 1);
	}
}

void pb_pad_to(struct proc_buf *pb, size_t col)
{
	while (pb->len < col && !pb->err)
		pb_write(pb, " ", 1);
}

/*
 * Opening a file generates its content. A per-pid file of a task that
 * has gone is -ESRCH; opening for writing a file that takes no writes is
 * -EACCES.
 */
static int proc_file_open(struct inode *inode, struct file *f)
{
	struct proc_inode *pi = proc_i(inode);
	struct task *t = NULL;
	struct proc_buf *pb;
	int err;

	if ((f->f_mode & FMODE_WRITE) && !pi->entry->write)
		return -EACCES;
	if (pi->pid) {
		t = task_find(pi->pid);
		if (!t)
			return -ESRCH;
	}
	pb = kzalloc(sizeof(*pb));
	if (!pb)
		return -ENOMEM;
	err = pi->entry->show(pb, t);
	if (!err)
		err = pb->err;
	if (err) {
		kfree(pb->data);
		kfree(pb);
		return err;
	}
	f->private_data = pb;
	return 0;
}

static long proc_file_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	struct proc_buf *pb = f->private_data;

	if (*pos >= pb->len)
		return 0;
	n = MIN(n, pb->len - (size_t)*pos);
	memcpy(buf, pb->data + *pos, n);
	*pos += n;
	return (long)n;
}

/* A write is one command to the file; the position does not matter. */
static long proc_file_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	struct proc_inode *pi = proc_i(f->inode);

	(void)pos;
	if (!pi->entry->write)
		return -EINVAL;
	return pi->entry->write(buf, n);
}

static void proc_file_release(struct file *f)
{
	struct proc_buf *pb = f->private_data;

	if (pb) {
		kfree(pb->data);
		kfree(pb);
	}
}

static const struct file_operations proc_file_fops = {
	.open = proc_file_open,
	.read = proc_file_read,
	.write = proc_file_write,
	.release = proc_file_release,
};

/* ---- the file system -------------------------------------------------------- */

static int procfs_fill_super(struct super_block *sb, const void *data)
{
	struct inode *root = proc_make_inode(sb, &proc_root, 0);

	(void)data;
	if (!root)
		return -ENOMEM;
	if (vfs_make_root(sb, root)) {
		inode_put(root);
		return -ENOMEM;
	}
	return 0;
}

struct fs_type procfs_type = {
	.name = "proc",
	.fill_super = procfs_fill_super,
};
