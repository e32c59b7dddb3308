/*
 * fs/read_write.c - reading, writing, seeking, truncating, stat, and
 * reading directories (getdents).
 *
 * These take kernel buffers; the system calls copy to and from user
 * memory around them. Each checks what holds for every file (opened for
 * reading? a directory?), then calls the file's own operation.
 */
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/kernel.h"
#include "memlayout.h"

long vfs_pread(struct file *f, void *buf, size_t n, uint64_t off)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	if ((int64_t)off < 0)
		return -EINVAL;
	return f->f_op->read(f, buf, n, &off);
}

long vfs_read(struct file *f, void *buf, size_t n)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	return f->f_op->read(f, buf, n, &f->pos);
}

long vfs_pwrite(struct file *f, const void *buf, size_t n, uint64_t off)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	if ((int64_t)off < 0)
		return -EINVAL;
	return f->f_op->write(f, buf, n, &off);
}

long vfs_write(struct file *f, const void *buf, size_t n)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	if (f->flags & O_APPEND)
		f->pos = f->inode->size;
	return f->f_op->write(f, buf, n, &f->pos);
}

long vfs_lseek(struct file *f, int64_t off, int whence)
{
	int64_t base;

	if (f->f_op && f->f_op->no_seek)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case SEEK_END:
		base = (int64_t)f->inode->size;
		break;
	default:
		return -EINVAL;
	}
	/* A sum past INT64_MAX is as invalid as one below zero. */
	if (__builtin_add_overflow(base, off, &base) || base < 0)
		return -EINVAL;
	f->pos = (uint64_t)base;
	return (long)f->pos;
}

/* Changes the size of a regular file through its inode operations. */
static int setsize(struct inode *inode, uint64_t size)
{
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode))
		return -EINVAL;
	if ((int64_t)size < 0)
		return -EINVAL;
	if (!inode->i_op || !inode->i_op->setsize)
		return -EPERM;
	return inode->i_op->setsize(inode, size);
}

int vfs_ftruncate(struct file *f, uint64_t size)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EINVAL;
	return setsize(f->inode, size);
}

int vfs_truncate(struct fs_context *ctx, const char *name, uint64_t size)
{
	struct path p;
	int err = vfs_lookup(ctx, name, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = vfs_permission(&ctx->cred, p.dentry->inode, MAY_WRITE);
	if (!err)
		err = setsize(p.dentry->inode, size);
	path_put(&p);
	return err;
}

/* ---- stat --------------------------------------------------------------------- */

static void fill_kstat(const struct inode *inode, struct kstat *st)
{
	*st = (struct kstat){
		.dev = inode->sb ? inode->sb->dev : 0,
		.rdev = inode->rdev,
		.ino = inode->ino,
		.mode = inode->mode,
		.nlink = inode->nlink,
		.uid = inode->uid,
		.gid = inode->gid,
		.size = inode->size,
		.blocks = inode->mapping.nr_pages * (PAGE_SIZE / 512),
		.blksize = PAGE_SIZE,
		.atime = inode->atime,
		.mtime = inode->mtime,
		.ctime = inode->ctime,
	};
}

int vfs_fstat(struct file *f, struct kstat *st)
{
	fill_kstat(f->inode, st);
	return 0;
}

int vfs_stat(struct fs_context *ctx, const char *name, unsigned flags, struct kstat *st)
{
	struct path p;
	int err = vfs_lookup(ctx, name, flags, &p);

	if (err)
		return err;
	fill_kstat(p.dentry->inode, st);
	path_put(&p);
	return 0;
}

/* ---- directories -------------------------------------------------------------- */

unsigned dt_type(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return DT_DIR;
	case S_IFREG:
		return DT_REG;
	case S_IFLNK:
		return DT_LNK;
	case S_IFCHR:
		return DT_CHR;
	default:
		return DT_UNKNOWN;
	}
}

bool dir_emit_dots(struct file *f, struct dir_context *dc)
{
	struct dentry *dir = f->path.dentry;

	if (f->pos == 0) {
		if (!dc->emit(dc, ".", 1, dir->inode->ino, DT_DIR))
			return false;
		f->pos = 1;
	}
	if (f->pos == 1) {
		if (!dc->emit(dc, "..", 2, dir->parent->inode->ino, DT_DIR))
			return false;
		f->pos = 2;
	}
	return true;
}

int dcache_iterate(struct file *f, struct dir_context *dc)
{
	struct dentry *dir = f->path.dentry;
	struct list_node *n;
	uint64_t i = 2;

	if (!dir_emit_dots(f, dc))
		return 0;
	list_for_each(n, &dir->children) {
		struct dentry *d = list_entry(n, struct dentry, sibling);

		if (!d->inode)
			continue;
		if (i++ < f->pos)
			continue;
		if (!dc->emit(dc, d->name, strlen(d->name), d->inode->ino,
			      dt_type(d->inode->mode)))
			return 0;
		f->pos++;
	}
	return 0;
}

/* Linux's struct linux_dirent64, laid out by hand. */
#define DIRENT64_NAME_OFFSET 19

struct getdents_ctx {
	struct dir_context dc;
	char *buf;
	size_t size, used;
	uint64_t next_off;
	bool full;		/* an entry did not fit */
};

static void put_le(char *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (char)(v >> (8 * i));
}

static bool getdents_emit(struct dir_context *dc, const char *name, size_t len, uint64_t ino,
			  unsigned type)
{
	struct getdents_ctx *g = container_of(dc, struct getdents_ctx, dc);
	size_t reclen = ALIGN_UP(DIRENT64_NAME_OFFSET + len + 1, 8);
	char *rec = g->buf + g->used;

	if (g->used + reclen > g->size) {
		g->full = true;
		return false;
	}
	memset(rec, 0, reclen);
	put_le(rec, ino, 8);			/* d_ino */
	put_le(rec + 8, ++g->next_off, 8);	/* d_off: the position after it */
	put_le(rec + 16, reclen, 2);		/* d_reclen */
	rec[18] = (char)type;			/* d_type */
	memcpy(rec + DIRENT64_NAME_OFFSET, name, len);
	g->used += reclen;
	return true;
}

long vfs_getdents(struct file *f, void *buf, size_t size)
{
	struct getdents_ctx g = { { getdents_emit }, buf, size, 0, f->pos, false };
	int err;

	if (!S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	if (!f->f_op || !f->f_op->iterate)
		return -ENOTDIR;
	err = f->f_op->iterate(f, &g.dc);
	if (err)
		return err;
	if (g.used == 0 && g.full)
		return -EINVAL;		/* not even one record fits in @size */
	return (long)g.used;
}
