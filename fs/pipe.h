/*
 * fs/pipe.h - pipes: a byte buffer with a read end and a write end.
 */
#ifndef ATLAS_PIPE_H
#define ATLAS_PIPE_H

struct file;

/*
 * pipe_create() makes a pipe and returns its two open files (one
 * reference each). Reading an empty pipe sleeps until data comes or every
 * writer is gone (then 0: end of file); writing a full pipe sleeps until
 * there is room; writing when every reader is gone is -EPIPE. Returns 0
 * or -ENOMEM.
 */
int pipe_create(struct file **rd, struct file **wr);

#endif
