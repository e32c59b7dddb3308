/*
 * user/lib/include/dirent.h - reading directories (newlib's own <dirent.h>
 * is an #error stub on bare-metal targets).
 *
 * Implemented in user/lib/dirent.c over getdents64. d_type uses Linux's
 * DT_* values. d_ino is an ino_t, newlib's 16 bits, cut like st_ino, so
 * the two still compare equal.
 */
#ifndef _DIRENT_H_
#define _DIRENT_H_

#include <sys/types.h>

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

#define NAME_MAX_DIRENT	255

struct dirent {
	ino_t d_ino;
	off_t d_off;			/* where the next entry starts (opaque) */
	unsigned short d_reclen;	/* sizeof(struct dirent) */
	unsigned char d_type;		/* DT_* */
	char d_name[NAME_MAX_DIRENT + 1];
};

/* An open directory stream; its contents are private to dirent.c. */
typedef struct atlas_dir DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *dir);
void rewinddir(DIR *dir);
int dirfd(DIR *dir);
int closedir(DIR *dir);

#endif
