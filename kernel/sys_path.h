/*
 * kernel/sys_path.h - helpers the path-taking system calls share
 * (kernel/sys_path.c, kernel/sys_attr.c).
 */
#ifndef ATLAS_SYS_PATH_H
#define ATLAS_SYS_PATH_H

struct fs_context;

#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_EMPTY_PATH		0x1000

/*
 * path_in() copies the path at user @upath into a new PATH_MAX buffer and
 * returns it (free it with path_free()), or NULL with *@err set: -EFAULT,
 * -ENAMETOOLONG, -ENOMEM.
 */
char *path_in(unsigned long upath, int *err);
void path_free(char *p);

/*
 * at_context() is the context to resolve @path in for directory
 * descriptor @dirfd: the process's own for an absolute path or AT_FDCWD,
 * else a copy of it in @tmp whose working directory is that directory.
 * NULL with *@err set: -EBADF, -ENOTDIR.
 */
struct fs_context *at_context(long dirfd, const char *path, struct fs_context *tmp, int *err);

#endif
