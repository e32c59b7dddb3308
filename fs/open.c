/*
 * fs/open.c - opening files, and the file-descriptor table.
 *
 * vfs_open() turns a name and O_* flags into a struct file: it looks the
 * name up (creating a regular file under O_CREAT), checks the open
 * against the file's type and permission bits, and lets the file's
 * operations set it up. A descriptor is an index into the process's
 * fdtable; fd_install() hands out the lowest free one, as POSIX requires.
 */
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/kernel.h"
#include "mm/kmalloc.h"

/* Opens @path (referenced; the file takes it over, or it is dropped). */
static int open_path(struct fs_context *ctx, struct path *path, int flags, struct file **out)
{
	struct inode *inode = path->dentry->inode;
	int acc = flags & O_ACCMODE, may = 0, err = 0;
	unsigned fmode = 0;
	struct file *f;

	if (S_ISLNK(inode->mode))
		err = -ELOOP;			/* O_NOFOLLOW met a link */
	else if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
		err = -ENOTDIR;
	else if (S_ISDIR(inode->mode) && (acc != O_RDONLY || (flags & (O_TRUNC | O_CREAT))))
		err = -EISDIR;			/* O_CREAT never opens a directory */
	else if (acc == 3)
		err = -EINVAL;
	else if (S_ISCHR(inode->mode) && !inode->i_fop)
		err = -ENXIO;			/* a device node with no driver */
	if (err)
		goto out_put;
	if (acc != O_WRONLY) {
		may |= MAY_READ;
		fmode |= FMODE_READ;
	}
	if (acc != O_RDONLY) {
		may |= MAY_WRITE;
		fmode |= FMODE_WRITE;
	}
	err = vfs_permission(&ctx->cred, inode, may);
	if (err)
		goto out_put;
	f = file_alloc(inode, inode->i_fop, fmode);
	if (!f) {
		err = -ENOMEM;
		goto out_put;
	}
	f->path = *path;		/* the file keeps the references */
	f->flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
	if (f->f_op && f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			file_put(f);
			return err;
		}
	}
	if ((flags & O_TRUNC) && S_ISREG(inode->mode) && (fmode & FMODE_WRITE) &&
	    inode->size != 0) {
		err = inode->i_op && inode->i_op->setsize ? inode->i_op->setsize(inode, 0) : -EPERM;
		if (err) {
			file_put(f);
			return err;
		}
	}
	*out = f;
	return 0;

out_put:
	path_put(path);
	return err;
}

static int open_create(struct fs_context *ctx, const char *name, int flags, unsigned mode,
		       struct path *out, int links);

/*
 * O_CREAT through a symbolic link that names nothing creates what it
 * names, as on Linux: open_create() again with the link's text, taken
 * relative to the directory of @name, the link's own name.
 */
static int open_create_dangling(struct fs_context *ctx, const char *name, struct dentry *link,
				int flags, unsigned mode, struct path *out, int links)
{
	const struct inode_operations *iop = link->inode->i_op;
	const char *target = iop && iop->readlink ? iop->readlink(link->inode) : NULL;
	const char *slash = strrchr(name, '/');
	size_t dir_len = slash && target && target[0] != '/' ? (size_t)(slash - name) + 1 : 0;
	char *next;
	int err;

	if (!target)
		return -ENOENT;
	if (links >= SYMLOOP_MAX)
		return -ELOOP;
	if (dir_len + strlen(target) >= PATH_MAX)
		return -ENAMETOOLONG;
	next = kmalloc(PATH_MAX);
	if (!next)
		return -ENOMEM;
	memcpy(next, name, dir_len);
	strlcpy(next + dir_len, target, PATH_MAX - dir_len);
	err = open_create(ctx, next, flags, mode, out, links + 1);
	kfree(next);
	return err;
}

/* O_CREAT: find or create the last component, following at most
 * SYMLOOP_MAX - @links dangling links; returns its path. */
static int open_create(struct fs_context *ctx, const char *name, int flags, unsigned mode,
		       struct path *out, int links)
{
	struct path parent;
	struct dentry *d;
	struct inode *dir;
	int err = vfs_lookup_child(ctx, name, &parent, &d);

	if (err)
		return err == -EEXIST ? -EISDIR : err;	/* open("/", O_CREAT) */
	dir = parent.dentry->inode;
	if (name[strlen(name) - 1] == '/') {
		err = -EISDIR;			/* "name/" cannot be a regular file */
	} else if (d->inode) {
		if (flags & O_EXCL) {
			err = -EEXIST;
		} else if (S_ISLNK(d->inode->mode) && !(flags & O_NOFOLLOW)) {
			/* Open what the link names, as a plain lookup would. */
			err = vfs_lookup(ctx, name, LOOKUP_FOLLOW, out);
			if (err == -ENOENT)
				err = open_create_dangling(ctx, name, d, flags, mode, out, links);
		} else {
			*out = (struct path){ mount_get(parent.mnt), dentry_get(d) };
		}
	} else {
		err = vfs_permission(&ctx->cred, dir, MAY_WRITE | MAY_EXEC);
		if (!err && (!dir->i_op || !dir->i_op->create))
			err = -EPERM;
		if (!err)
			err = dir->i_op->create(dir, d, (mode & 07777 & ~ctx->umask) | S_IFREG);
		if (!err)
			*out = (struct path){ mount_get(parent.mnt), dentry_get(d) };
	}
	dentry_put(d);
	path_put(&parent);
	return err;
}

int vfs_open(struct fs_context *ctx, const char *name, int flags, unsigned mode,
	     struct file **out)
{
	struct path path;
	int err;

	if (flags & O_CREAT)
		err = open_create(ctx, name, flags, mode, &path, 0);
	else
		err = vfs_lookup(ctx, name, (flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW) |
				 (flags & O_DIRECTORY ? LOOKUP_DIRECTORY : 0), &path);
	if (err)
		return err;
	return open_path(ctx, &path, flags, out);
}

int vfs_open_path(const struct path *path, int flags, struct file **out)
{
	struct path p = *path;

	path_get(&p);
	return open_path(current_fs, &p, flags, out);
}

/* ---- descriptors --------------------------------------------------------- */

int fd_install(struct fdtable *fdt, struct file *f, bool cloexec)
{
	for (int fd = 0; fd < FD_MAX; fd++) {
		if (!fdt->fd[fd]) {
			fdt->fd[fd] = f;
			if (cloexec)
				fdt->cloexec |= 1ull << fd;
			else
				fdt->cloexec &= ~(1ull << fd);
			return fd;
		}
	}
	return -EMFILE;
}

struct file *fd_get(struct fdtable *fdt, int fd)
{
	if (fd < 0 || fd >= FD_MAX)
		return NULL;
	return fdt->fd[fd];
}

int fd_close(struct fdtable *fdt, int fd)
{
	struct file *f = fd_get(fdt, fd);

	if (!f)
		return -EBADF;
	fdt->fd[fd] = NULL;
	fdt->cloexec &= ~(1ull << fd);
	file_put(f);
	return 0;
}

int fd_dup(struct fdtable *fdt, int fd)
{
	struct file *f = fd_get(fdt, fd);
	int nfd;

	if (!f)
		return -EBADF;
	nfd = fd_install(fdt, file_get(f), false);
	if (nfd < 0)
		file_put(f);
	return nfd;
}

int fd_dup3(struct fdtable *fdt, int oldfd, int newfd, int flags)
{
	struct file *f = fd_get(fdt, oldfd);

	if (!f || newfd < 0 || newfd >= FD_MAX)
		return -EBADF;
	if (oldfd == newfd || (flags & ~O_CLOEXEC))
		return -EINVAL;
	file_get(f);
	if (fdt->fd[newfd])
		fd_close(fdt, newfd);
	fdt->fd[newfd] = f;
	if (flags & O_CLOEXEC)
		fdt->cloexec |= 1ull << newfd;
	return newfd;
}

void fd_close_all(struct fdtable *fdt)
{
	for (int fd = 0; fd < FD_MAX; fd++)
		if (fdt->fd[fd])
			fd_close(fdt, fd);
}

/* ---- a process's whole context -------------------------------------------- */

struct fs_context *fs_context_clone(const struct fs_context *from)
{
	struct fs_context *ctx = kzalloc(sizeof(*ctx));

	if (!ctx)
		return NULL;
	ctx->root = from->root;
	path_get(&ctx->root);
	ctx->cwd = from->cwd;
	path_get(&ctx->cwd);
	ctx->cred = from->cred;
	ctx->umask = from->umask;
	for (int fd = 0; fd < FD_MAX; fd++)
		if (from->fdt.fd[fd])
			ctx->fdt.fd[fd] = file_get(from->fdt.fd[fd]);
	ctx->fdt.cloexec = from->fdt.cloexec;
	return ctx;
}

void fs_context_free(struct fs_context *ctx)
{
	fd_close_all(&ctx->fdt);
	path_put(&ctx->cwd);
	path_put(&ctx->root);
	kfree(ctx);
}

void fd_close_on_exec(struct fdtable *fdt)
{
	for (int fd = 0; fd < FD_MAX; fd++)
		if (fdt->fd[fd] && (fdt->cloexec & (1ull << fd)))
			fd_close(fdt, fd);
}
