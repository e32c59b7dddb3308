/*
 * fs/namei.c - path walk: from a name like "../etc/motd" to a path.
 *
 * vfs_lookup() starts at the process's root ("/...") or working directory,
 * and takes one component at a time:
 *
 *   "."          stays where it is
 *   ".."         goes to the parent, but never above the process's root;
 *                at the root of a mount it first steps back to the place
 *                the mount sits on
 *   a name       must be looked up in a directory the walker may search;
 *                the dentry cache answers first, then the file system's
 *                lookup(). A directory with a mount on it is entered
 *                through the mount's root. A symbolic link is followed
 *                (at most SYMLOOP_MAX of them in one walk).
 *
 * Errors say which rule failed: ENOENT (a name that does not exist),
 * ENOTDIR (a component that is not a directory), ENAMETOOLONG (a component
 * over NAME_MAX or a path over PATH_MAX), ELOOP, EACCES.
 */
#include "fs/vfs.h"
#include "fs/vfs_internal.h"
#include "kernel/kernel.h"
#include "mm/kmalloc.h"

/* The state of one walk: where it is, and how many links it followed. */
struct walk {
	struct fs_context *ctx;
	struct path path;		/* referenced */
	int links;
};

int vfs_permission(const struct cred *cred, const struct inode *inode, int may)
{
	unsigned bits;

	if (cred->uid == 0) {
		/* Root may do anything, but run only what someone may run. */
		if ((may & MAY_EXEC) && !S_ISDIR(inode->mode) && !(inode->mode & 0111))
			return -EACCES;
		return 0;
	}
	if (cred->uid == inode->uid)
		bits = (inode->mode >> 6) & 7;
	else if (cred->gid == inode->gid)
		bits = (inode->mode >> 3) & 7;
	else
		bits = inode->mode & 7;
	return (may & ~(int)bits) ? -EACCES : 0;
}

/* Replaces the walk's position with @p (whose references it takes over). */
static void walk_move(struct walk *w, struct path p)
{
	path_put(&w->path);
	w->path = p;
}

/* Enters the mounts stacked on the walk's position, if any. */
static void walk_cross_mounts(struct walk *w)
{
	struct mount *m;

	while ((m = vfs_mount_at(&w->path)) != NULL) {
		struct path p = { m, m->root };

		path_get(&p);
		walk_move(w, p);
	}
}

static void walk_dotdot(struct walk *w)
{
	const struct path *root = &w->ctx->root;

	for (;;) {
		struct path p;

		if (w->path.dentry == root->dentry && w->path.mnt == root->mnt)
			return;		/* ".." of the root is the root */
		if (w->path.dentry != w->path.mnt->root) {
			p = (struct path){ w->path.mnt, w->path.dentry->parent };
			path_get(&p);
			walk_move(w, p);
			return;
		}
		if (!w->path.mnt->parent)
			return;		/* the root of the whole tree */
		/* At a mount's root: step back to where it is mounted, and retry. */
		p = (struct path){ w->path.mnt->parent, w->path.mnt->mountpoint };
		path_get(&p);
		walk_move(w, p);
	}
}

/*
 * lookup_one() finds the child @name of directory @dir: from the cache,
 * else by asking the file system. Returns it referenced (negative if the
 * name does not exist), or NULL with *@err set.
 */
static struct dentry *lookup_one(struct dentry *dir, const char *name, size_t len, int *err)
{
	struct dentry *d = dentry_lookup_child(dir, name, len);
	const struct inode_operations *iop = dir->inode->i_op;

	if (d)
		return d;
	d = dentry_alloc(dir, name, len);
	if (!d) {
		*err = -ENOMEM;
		return NULL;
	}
	if (iop && iop->lookup) {
		*err = iop->lookup(dir->inode, d);
		if (*err) {
			dentry_put(d);
			return NULL;
		}
	}
	return d;
}

static int walk_path(struct walk *w, const char *name, unsigned flags);

/* Follows the symbolic link @link, found in the walk's current directory. */
static int walk_link(struct walk *w, struct dentry *link)
{
	const struct inode_operations *iop = link->inode->i_op;
	const char *target;

	if (++w->links > SYMLOOP_MAX)
		return -ELOOP;
	if (!iop || !iop->readlink)
		return -EINVAL;
	target = iop->readlink(link->inode);
	if (!target)
		return -ENOENT;		/* a link that names nothing now (procfs) */
	return walk_path(w, target, LOOKUP_FOLLOW);
}

/* Takes one component, @last telling whether more follow. */
static int walk_component(struct walk *w, const char *name, size_t len, bool last,
			  unsigned flags)
{
	struct inode *dir = w->path.dentry->inode;
	struct dentry *d;
	int err = 0;

	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	err = vfs_permission(&w->ctx->cred, dir, MAY_EXEC);
	if (err)
		return err;
	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		walk_dotdot(w);
		walk_cross_mounts(w);	/* a mount may cover where ".." leads */
		return 0;
	}
	d = lookup_one(w->path.dentry, name, len, &err);
	if (!d)
		return err;
	if (!d->inode) {
		dentry_put(d);
		return -ENOENT;
	}
	if (S_ISLNK(d->inode->mode) && (!last || (flags & LOOKUP_FOLLOW))) {
		err = walk_link(w, d);
		dentry_put(d);
		return err;
	}
	walk_move(w, (struct path){ mount_get(w->path.mnt), d });
	walk_cross_mounts(w);
	return 0;
}

/*
 * Walks every component of @name from the walk's position (or from the
 * root, for an absolute name).
 */
static int walk_path(struct walk *w, const char *name, unsigned flags)
{
	if (name[0] == '/') {
		path_get(&w->ctx->root);
		walk_move(w, w->ctx->root);
	}
	while (*name) {
		const char *end;
		unsigned follow;
		size_t len;
		int err;

		while (*name == '/')
			name++;
		if (!*name)
			break;
		for (end = name; *end && *end != '/'; end++)
			;
		len = (size_t)(end - name);
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		/* "link/" names what the link points at, whatever the flags say. */
		follow = *end == '/' ? LOOKUP_FOLLOW : 0;
		while (*end == '/')
			end++;
		err = walk_component(w, name, len, *end == '\0', flags | follow);
		if (err)
			return err;
		name = end;
	}
	return 0;
}

/* Starts a walk for @name: checks its length, picks root or cwd. */
static int walk_start(struct walk *w, struct fs_context *ctx, const char *name)
{
	size_t len = strnlen(name, PATH_MAX);

	if (len == 0)
		return -ENOENT;
	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	w->ctx = ctx;
	w->links = 0;
	w->path = name[0] == '/' ? ctx->root : ctx->cwd;
	path_get(&w->path);
	return 0;
}

int vfs_lookup(struct fs_context *ctx, const char *name, unsigned flags, struct path *out)
{
	struct walk w;
	size_t len;
	int err = walk_start(&w, ctx, name);

	if (err)
		return err;
	err = walk_path(&w, name, flags);
	len = strlen(name);
	/* "dir/" names a directory, whatever the flags say. */
	if (!err && ((flags & LOOKUP_DIRECTORY) || name[len - 1] == '/') &&
	    !S_ISDIR(w.path.dentry->inode->mode))
		err = -ENOTDIR;
	if (err) {
		path_put(&w.path);
		return err;
	}
	*out = w.path;
	return 0;
}

int vfs_lookup_parent(struct fs_context *ctx, const char *name, struct path *parent,
		      const char **last, size_t *last_len)
{
	struct walk w;
	const char *end, *start;
	char *dir;
	size_t dir_len;
	int err = walk_start(&w, ctx, name);

	if (err)
		return err;
	/* Split off the last component (ignoring trailing slashes). */
	end = name + strlen(name);
	while (end > name && end[-1] == '/')
		end--;
	start = end;
	while (start > name && start[-1] != '/')
		start--;
	*last = start;
	*last_len = (size_t)(end - start);
	if (*last_len > NAME_MAX) {
		path_put(&w.path);
		return -ENAMETOOLONG;
	}
	/* Walk the directory part, a copy of the name up to @start. */
	dir_len = (size_t)(start - name);
	dir = kmalloc(dir_len + 1);
	if (!dir) {
		path_put(&w.path);
		return -ENOMEM;
	}
	memcpy(dir, name, dir_len);
	dir[dir_len] = '\0';
	err = walk_path(&w, dir, LOOKUP_FOLLOW);
	kfree(dir);
	if (!err && !S_ISDIR(w.path.dentry->inode->mode))
		err = -ENOTDIR;
	if (err) {
		path_put(&w.path);
		return err;
	}
	*parent = w.path;
	return 0;
}

/* (See fs/vfs_internal.h.) */
int vfs_lookup_child(struct fs_context *ctx, const char *name, struct path *parent,
		     struct dentry **child)
{
	const char *last;
	size_t len;
	int err = vfs_lookup_parent(ctx, name, parent, &last, &len);

	if (err)
		return err;
	if (len == 0 || (len == 1 && last[0] == '.') ||
	    (len == 2 && last[0] == '.' && last[1] == '.')) {
		err = len == 0 ? -EEXIST : -EINVAL;
		goto out_put;
	}
	/* Looking in the directory needs search permission, as a walk does. */
	err = vfs_permission(&ctx->cred, parent->dentry->inode, MAY_EXEC);
	if (err)
		goto out_put;
	/* A removed directory (rmdir while someone is in it) takes no new names. */
	if (parent->dentry->unhashed) {
		err = -ENOENT;
		goto out_put;
	}
	*child = lookup_one(parent->dentry, last, len, &err);
	if (*child)
		return 0;
out_put:
	path_put(parent);
	return err;
}
