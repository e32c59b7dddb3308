/*
 * user/lib/dirent.c - opendir(), readdir() and closedir() over getdents64.
 *
 * A DIR holds the open directory and one buffer of Linux's linux_dirent64
 * records; readdir() decodes them one at a time (xlate_dirent64() in
 * user/lib/translate.c) into the struct dirent of Atlas's <dirent.h>, and
 * refills the buffer when it runs out.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glue.h"

struct atlas_dir {
	int fd;
	size_t pos;		/* next record in buf */
	size_t len;		/* bytes of records in buf */
	struct dirent ent;	/* what readdir() returns */
	/* Records are 8-byte aligned; so is the buffer. */
	_Alignas(8) unsigned char buf[4096];
};

/* fdopendir() returns a stream reading the directory open at @fd, or
 * NULL (ENOMEM). The stream owns @fd from then on. */
DIR *fdopendir(int fd)
{
	DIR *dir = malloc(sizeof(*dir));

	if (!dir)
		return NULL;
	dir->fd = fd;
	dir->pos = dir->len = 0;
	return dir;
}

/* opendir() opens directory @path; returns NULL with errno on failure
 * (ENOTDIR if it is not a directory). */
DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir;

	if (fd < 0)
		return NULL;
	dir = fdopendir(fd);
	if (!dir)
		close(fd);
	return dir;
}

/* readdir() returns the next entry, or NULL at the end (errno unchanged)
 * or on an error (errno set). The entry lives until the next call. */
struct dirent *readdir(DIR *dir)
{
	struct xlate_dirent d;
	size_t reclen;
	size_t n;

	if (dir->pos >= dir->len) {
		long r = glue_getdents64(dir->fd, dir->buf, sizeof(dir->buf));

		if (r <= 0)
			return NULL;
		dir->pos = 0;
		dir->len = r;
	}
	reclen = xlate_dirent64(dir->buf + dir->pos, dir->len - dir->pos, &d);
	if (reclen == 0) {		/* a kernel bug: stop rather than loop */
		dir->pos = dir->len;
		errno = EIO;
		return NULL;
	}
	dir->pos += reclen;

	n = d.namelen < sizeof(dir->ent.d_name) ? d.namelen : sizeof(dir->ent.d_name) - 1;
	dir->ent.d_ino = (ino_t)d.ino;
	dir->ent.d_off = d.off;
	dir->ent.d_reclen = sizeof(dir->ent);
	dir->ent.d_type = d.type;
	memcpy(dir->ent.d_name, d.name, n);
	dir->ent.d_name[n] = '\0';
	return &dir->ent;
}

/* rewinddir() starts the stream over from the first entry. */
void rewinddir(DIR *dir)
{
	lseek(dir->fd, 0, SEEK_SET);
	dir->pos = dir->len = 0;
}

int dirfd(DIR *dir)
{
	return dir->fd;
}

/* closedir() closes the stream and its descriptor; returns close()'s result. */
int closedir(DIR *dir)
{
	int r = close(dir->fd);

	free(dir);
	return r;
}
