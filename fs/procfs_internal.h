/*
 * fs/procfs_internal.h - what the two halves of procfs share: the output
 * buffer a file's content is generated into, and the generators
 * themselves (fs/procfs_files.c), which the tables in fs/procfs.c name.
 *
 * A generator ("show" function) writes a file's whole content into a
 * struct proc_buf when the file is opened; read() then copies from the
 * buffer at the file position, as Linux's seq_file does. A generator
 * never fails halfway in a way the reader sees: when the buffer cannot
 * grow, pb->err is set, later writes are dropped, and the open fails.
 *
 * Only fs/procfs*.c include this.
 */
#ifndef ATLAS_PROCFS_INTERNAL_H
#define ATLAS_PROCFS_INTERNAL_H

#include "kernel/types.h"

struct task;

/* A growable text buffer: @len bytes of @data are content, @cap allocated. */
struct proc_buf {
	char *data;
	size_t len, cap;
	int err;		/* -ENOMEM once a write could not be stored */
};

/* pb_printf() appends formatted text, growing the buffer as needed. */
__printf(2, 3) void pb_printf(struct proc_buf *pb, const char *fmt, ...);

/* pb_write() appends @n bytes of @s. */
void pb_write(struct proc_buf *pb, const char *s, size_t n);

/*
 * pb_escape() appends @s with every character found in @esc written as
 * a backslash and three octal digits ("\040" for a space), as Linux's
 * seq_escape() and seq_path() do.
 */
void pb_escape(struct proc_buf *pb, const char *s, const char *esc);

/* pb_pad_to() appends spaces until the buffer holds @col bytes. */
void pb_pad_to(struct proc_buf *pb, size_t col);

/*
 * The generators. @t is the task of a per-pid file (alive: procfs looked
 * it up just before), NULL for the others. They return 0 or a negative
 * errno; running out of buffer is reported through pb->err instead.
 */
int proc_show_meminfo(struct proc_buf *pb, struct task *t);
int proc_show_cmdline(struct proc_buf *pb, struct task *t);
int proc_show_mounts(struct proc_buf *pb, struct task *t);
int proc_show_fault_inject(struct proc_buf *pb, struct task *t);
int proc_show_maps(struct proc_buf *pb, struct task *t);
int proc_show_stat(struct proc_buf *pb, struct task *t);
int proc_show_comm(struct proc_buf *pb, struct task *t);

/*
 * proc_write_fault_inject() takes one command, "POINT COUNT" (see
 * fs/procfs_files.c). Returns @n, or -EINVAL for an unknown point or a
 * bad count.
 */
long proc_write_fault_inject(const char *buf, size_t n);

#endif
