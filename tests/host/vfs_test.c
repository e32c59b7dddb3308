/*
 * tests/host/vfs_test.c - path walk, open, file descriptors, and reading,
 * writing, seeking and truncating, on the real fs/ sources over a ramfs
 * root (the world is in vfs_helpers.h).
 *
 * Every case ends with "/" empty and every page and heap object back
 * where it started; the directory, rename, unlink, mount and mapping
 * cases are in vfs_tree_test.c.
 */
#include "vfs_helpers.h"
#include "fs/chrdev.h"

#include <stdint.h>

/* ---- path walk ---------------------------------------------------------------- */

HTEST(lookup_takes_absolute_and_relative_paths_with_dot_and_dotdot)
{
	struct vfs_baseline b = vfs_begin();
	uint64_t ino;

	CHECK(vfs_mkdir(fs, "/a", 0755) == 0);
	CHECK(vfs_mkdir(fs, "a/b", 0755) == 0);
	CHECK(put_file("/a/b/f", "x"));
	ino = ino_of("/a/b/f");
	CHECK(ino != 0);
	CHECK(ino_of("a/b/f") == ino);
	CHECK(ino_of("./a/./b/../b/f") == ino);
	CHECK(ino_of("/a/b/../../a/b/./f") == ino);
	CHECK(ino_of("/a/.") == ino_of("/a") && ino_of("/a/b/..") == ino_of("/a"));
	CHECK(ino_of(".") == ino_of("/"));
	CHECK(vfs_unlink(fs, "/a/b/f") == 0);
	CHECK(vfs_rmdir(fs, "/a/b") == 0);
	CHECK(vfs_rmdir(fs, "a") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(dotdot_at_the_root_stays_at_the_root_even_a_process_root)
{
	struct vfs_baseline b = vfs_begin();
	struct fs_context jail = { .umask = 022 };
	struct path p;

	CHECK(vfs_mkdir(fs, "/a", 0755) == 0);
	CHECK(vfs_mkdir(fs, "/a/b", 0755) == 0);
	CHECK(ino_of("/..") == ino_of("/"));
	CHECK(ino_of("../../..") == ino_of("/"));
	CHECK(ino_of("/../../a/b") == ino_of("/a/b"));
	/* A context whose root is /a (what chroot would make) cannot leave it. */
	CHECK(vfs_lookup(fs, "/a", 0, &jail.root) == 0);
	CHECK(vfs_lookup(fs, "/a/b", 0, &jail.cwd) == 0);
	CHECK(vfs_lookup(&jail, "../../..", 0, &p) == 0);
	CHECK(p.dentry == jail.root.dentry);
	path_put(&p);
	CHECK(vfs_lookup(&jail, "/../b", 0, &p) == 0);
	CHECK(p.dentry == jail.cwd.dentry);
	path_put(&p);
	CHECK(vfs_lookup(&jail, "/a", 0, &p) == -ENOENT);
	path_put(&jail.root);
	path_put(&jail.cwd);
	CHECK(vfs_rmdir(fs, "/a/b") == 0);
	CHECK(vfs_rmdir(fs, "/a") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(repeated_slashes_are_one_and_a_trailing_slash_needs_a_directory)
{
	struct vfs_baseline b = vfs_begin();
	uint64_t ino;

	CHECK(vfs_mkdir(fs, "/a/", 0755) == 0);		/* mkdir("a/") is fine */
	CHECK(put_file("/a/f", "x"));
	ino = ino_of("/a/f");
	CHECK(ino_of("//a///f") == ino);
	CHECK(ino_of("/a//") == ino_of("/a"));
	CHECK(ino_of("///") == ino_of("/"));
	CHECK(stat_err("/a/f/") == -ENOTDIR);
	CHECK(stat_err("/a/f/.") == -ENOTDIR);
	CHECK(open_err("/a/f/", O_RDONLY, 0) == -ENOTDIR);
	CHECK(open_err("/a/g/", O_RDWR | O_CREAT, 0644) == -EISDIR);
	CHECK(stat_err("/a/g") == -ENOENT);	/* and nothing was created */
	CHECK(vfs_unlink(fs, "/a/f") == 0);
	CHECK(vfs_rmdir(fs, "/a//") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(a_component_through_a_file_is_enotdir_and_a_missing_one_enoent)
{
	struct vfs_baseline b = vfs_begin();

	CHECK(put_file("/f", "x"));
	CHECK(stat_err("/f/x") == -ENOTDIR);
	CHECK(stat_err("/f/x/y") == -ENOTDIR);
	CHECK(vfs_mkdir(fs, "/f/x", 0755) == -ENOTDIR);
	CHECK(open_err("/f/x", O_RDWR | O_CREAT, 0644) == -ENOTDIR);
	CHECK(stat_err("/nope") == -ENOENT);
	CHECK(stat_err("/nope/x") == -ENOENT);
	CHECK(vfs_mkdir(fs, "/nope/x", 0755) == -ENOENT);
	CHECK(open_err("/nope", O_RDONLY, 0) == -ENOENT);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(long_components_and_paths_are_enametoolong_and_empty_is_enoent)
{
	struct vfs_baseline b = vfs_begin();
	char *name255 = repeat('n', 255), *name256 = repeat('n', 256);
	char path[PATH_MAX + 2];

	CHECK(stat_err("") == -ENOENT);
	CHECK(open_err("", O_RDWR | O_CREAT, 0644) == -ENOENT);
	CHECK(vfs_mkdir(fs, "", 0755) == -ENOENT);
	CHECK(stat_err(name256) == -ENAMETOOLONG);
	CHECK(vfs_mkdir(fs, name256, 0755) == -ENAMETOOLONG);
	CHECK(open_err(name256, O_RDWR | O_CREAT, 0644) == -ENAMETOOLONG);
	CHECK(vfs_mkdir(fs, name255, 0755) == 0);
	CHECK(ino_of(name255) != 0);
	CHECK(vfs_rmdir(fs, name255) == 0);
	/* "/" and "./" repeated: 4095 characters (4096 bytes with the NUL) walk. */
	path[0] = '/';
	for (int i = 1; i < PATH_MAX - 1; i += 2)
		memcpy(path + i, "./", 2);
	path[PATH_MAX - 1] = '\0';
	CHECK(strlen(path) == PATH_MAX - 1);
	CHECK(ino_of(path) == ino_of("/"));
	strcat(path, ".");		/* 4096 characters: one too many */
	CHECK(stat_err(path) == -ENAMETOOLONG);
	CHECK(vfs_mkdir(fs, path, 0755) == -ENAMETOOLONG);
	free(name255);
	free(name256);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(symlinks_relative_absolute_and_in_the_middle_are_followed)
{
	struct vfs_baseline b = vfs_begin();
	struct kstat st;
	char buf[16];
	uint64_t ino;

	CHECK(vfs_mkdir(fs, "/a", 0755) == 0);
	CHECK(vfs_mkdir(fs, "/a/b", 0755) == 0);
	CHECK(put_file("/a/b/f", "data"));
	ino = ino_of("/a/b/f");
	CHECK(vfs_symlink(fs, "b/f", "/a/rel") == 0);		/* relative to /a */
	CHECK(vfs_symlink(fs, "/a/b", "/abs") == 0);
	CHECK(vfs_symlink(fs, "../a/b", "/a/up") == 0);
	CHECK(vfs_symlink(fs, "nowhere", "/dangling") == 0);
	CHECK(ino_of("/a/rel") == ino);
	CHECK(ino_of("/abs/f") == ino);			/* a link in the middle */
	CHECK(ino_of("/a/up/f") == ino);
	CHECK(ino_of("/abs/../b/f") == ino);		/* ".." of the target, /a */
	CHECK(name_is("/a/rel", "data"));
	CHECK(stat_err("/dangling") == -ENOENT);
	/* Without LOOKUP_FOLLOW the last link itself is the answer. */
	CHECK(vfs_stat(fs, "/a/rel", 0, &st) == 0);
	CHECK(st.mode == (S_IFLNK | 0777) && st.size == 3);
	CHECK(vfs_readlink(fs, "/a/rel", buf, sizeof(buf)) == 3 && memcmp(buf, "b/f", 3) == 0);
	CHECK(vfs_readlink(fs, "/a/b/f", buf, sizeof(buf)) == -EINVAL);
	/* A trailing slash makes even a final link be followed, as on Linux. */
	CHECK(vfs_stat(fs, "/abs/", 0, &st) == 0 && st.ino == ino_of("/a/b"));
	CHECK(vfs_stat(fs, "/a/rel/", 0, &st) == -ENOTDIR);
	CHECK(vfs_stat(fs, "/abs/../rel", 0, &st) == 0 && S_ISLNK(st.mode));
	CHECK(vfs_symlink(fs, "", "/empty") == -ENOENT);
	CHECK(vfs_symlink(fs, "x", "/abs") == -EEXIST);
	/* Unlinking a link removes the link, not what it names. */
	CHECK(vfs_unlink(fs, "/abs") == 0);
	CHECK(ino_of("/a/b/f") == ino);
	CHECK(vfs_unlink(fs, "/dangling") == 0);
	CHECK(vfs_unlink(fs, "/a/up") == 0);
	CHECK(vfs_unlink(fs, "/a/rel") == 0);
	CHECK(vfs_unlink(fs, "/a/b/f") == 0);
	CHECK(vfs_rmdir(fs, "/a/b") == 0);
	CHECK(vfs_rmdir(fs, "/a") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(symlink_loops_give_eloop_and_o_nofollow_refuses_a_final_link)
{
	struct vfs_baseline b = vfs_begin();
	char name[16], target[16];

	CHECK(put_file("/f", "x"));
	/* /l1 -> /l2 -> ... -> /l8 -> /f: eight links, the most one walk may follow. */
	for (int i = 1; i <= 8; i++) {
		snprintf(name, sizeof(name), "/l%d", i);
		snprintf(target, sizeof(target), i == 8 ? "f" : "l%d", i + 1);
		CHECK(vfs_symlink(fs, target, name) == 0);
	}
	CHECK(vfs_symlink(fs, "l1", "/l0") == 0);
	CHECK(ino_of("/l1") == ino_of("/f"));
	CHECK(stat_err("/l0") == -ELOOP);
	CHECK(vfs_symlink(fs, "self", "/self") == 0);
	CHECK(vfs_symlink(fs, "/pong", "/ping") == 0);
	CHECK(vfs_symlink(fs, "/ping", "/pong") == 0);
	CHECK(stat_err("/self") == -ELOOP);
	CHECK(stat_err("/ping/x") == -ELOOP);
	CHECK(open_err("/pong", O_RDONLY, 0) == -ELOOP);
	CHECK(open_err("/l8", O_RDONLY | O_NOFOLLOW, 0) == -ELOOP);
	CHECK(open_err("/l8", O_RDWR | O_CREAT | O_NOFOLLOW, 0644) == -ELOOP);
	CHECK(open_err("/l8", O_RDONLY, 0) == 0);
	for (int i = 0; i <= 8; i++) {
		snprintf(name, sizeof(name), "/l%d", i);
		CHECK(vfs_unlink(fs, name) == 0);
	}
	CHECK(vfs_unlink(fs, "/self") == 0);
	CHECK(vfs_unlink(fs, "/ping") == 0);
	CHECK(vfs_unlink(fs, "/pong") == 0);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(chdir_makes_relative_lookups_start_there)
{
	struct vfs_baseline b = vfs_begin();
	uint64_t ino;

	CHECK(vfs_mkdir(fs, "/a", 0755) == 0);
	CHECK(vfs_mkdir(fs, "/a/b", 0755) == 0);
	CHECK(put_file("/a/b/f", "x"));
	CHECK(vfs_symlink(fs, "/a/b", "/link") == 0);
	ino = ino_of("/a/b/f");
	CHECK(vfs_chdir(fs, "/a") == 0);
	CHECK(ino_of("b/f") == ino);
	CHECK(vfs_chdir(fs, "b") == 0);
	CHECK(ino_of("f") == ino && ino_of("../b/./f") == ino);
	CHECK(ino_of("..") == ino_of("/a"));
	CHECK(vfs_chdir(fs, "f") == -ENOTDIR);
	CHECK(vfs_chdir(fs, "nope") == -ENOENT);
	CHECK(ino_of(".") == ino_of("/a/b"));		/* a failed chdir stays put */
	CHECK(vfs_chdir(fs, "/") == 0);
	CHECK(vfs_chdir(fs, "link") == 0);		/* through a link */
	CHECK(ino_of("f") == ino && ino_of("..") == ino_of("/a"));
	CHECK(put_file("g", "y"));			/* created relative to cwd */
	CHECK(name_is("/a/b/g", "y"));
	CHECK(vfs_chdir(fs, "/") == 0);
	CHECK(vfs_unlink(fs, "/a/b/g") == 0);
	CHECK(vfs_unlink(fs, "/a/b/f") == 0);
	CHECK(vfs_unlink(fs, "/link") == 0);
	CHECK(vfs_rmdir(fs, "/a/b") == 0);
	CHECK(vfs_rmdir(fs, "/a") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(a_user_needs_search_read_and_write_permission)
{
	struct vfs_baseline b = vfs_begin();

	CHECK(vfs_mkdir(fs, "/p", 0700) == 0);
	CHECK(put_file("/p/f", "secret"));
	CHECK(vfs_mkdir(fs, "/q", 0755) == 0);
	CHECK(open_err("/q/w", O_WRONLY | O_CREAT, 0222) == 0);	/* 0200 after umask */
	CHECK(open_err("/q/r", O_WRONLY | O_CREAT, 0644) == 0);
	fs->cred = (struct cred){ 1000, 1000 };
	/* A 0700 directory of root's: no search, so nothing below it. */
	CHECK(ino_of("/p") != 0);
	CHECK(stat_err("/p/f") == -EACCES);
	CHECK(vfs_chdir(fs, "/p") == -EACCES);
	CHECK(open_err("/p/f", O_RDONLY, 0) == -EACCES);
	CHECK(open_err("/p/f", O_RDONLY | O_CREAT, 0644) == -EACCES);
	CHECK(open_err("/p/new", O_RDWR | O_CREAT, 0644) == -EACCES);
	CHECK(vfs_unlink(fs, "/p/f") == -EACCES);
	CHECK(vfs_mkdir(fs, "/p/d", 0755) == -EACCES);
	/* Files of root's: 0200 is write-only for root, 0644 read-only for others. */
	CHECK(open_err("/q/w", O_RDONLY, 0) == -EACCES);
	CHECK(open_err("/q/r", O_RDONLY, 0) == 0);
	CHECK(open_err("/q/r", O_WRONLY, 0) == -EACCES);
	CHECK(open_err("/q/r", O_RDWR | O_TRUNC, 0) == -EACCES);
	CHECK(vfs_truncate(fs, "/q/r", 0) == -EACCES);
	CHECK(vfs_mkdir(fs, "/q/d", 0755) == -EACCES);	/* no write on /q */
	CHECK(vfs_unlink(fs, "/q/r") == -EACCES);
	fs->cred = (struct cred){ 0, 0 };
	CHECK(name_is("/p/f", "secret"));
	CHECK(vfs_unlink(fs, "/p/f") == 0);
	CHECK(vfs_unlink(fs, "/q/w") == 0);
	CHECK(vfs_unlink(fs, "/q/r") == 0);
	CHECK(vfs_rmdir(fs, "/p") == 0);
	CHECK(vfs_rmdir(fs, "/q") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(root_bypasses_permissions_but_cannot_exec_a_file_without_an_x_bit)
{
	struct vfs_baseline b = vfs_begin();
	const struct cred root = { 0, 0 }, user = { 1000, 1000 };
	struct file *f, *x;
	struct path d;

	CHECK(vfs_mkdir(fs, "/d", 0) == 0);
	CHECK(open_err("/d/f", O_WRONLY | O_CREAT, 0) == 0);	/* mode 0000 */
	f = open_file("/d/f", O_RDWR, 0);
	CHECK(f != NULL);
	CHECK(vfs_write(f, "ok", 2) == 2);
	CHECK(vfs_permission(&root, f->inode, MAY_READ | MAY_WRITE) == 0);
	CHECK(vfs_permission(&root, f->inode, MAY_EXEC) == -EACCES);
	CHECK(vfs_permission(&user, f->inode, MAY_READ) == -EACCES);
	x = open_file("/d/x", O_RDWR | O_CREAT, 0744);
	CHECK(x != NULL);
	CHECK(vfs_permission(&root, x->inode, MAY_EXEC) == 0);	/* someone may run it */
	CHECK(vfs_permission(&user, x->inode, MAY_EXEC | MAY_READ) == -EACCES);
	CHECK(vfs_permission(&user, x->inode, MAY_READ) == 0);
	CHECK(vfs_lookup(fs, "/d", 0, &d) == 0);
	CHECK(vfs_permission(&root, d.dentry->inode, MAY_EXEC) == 0);	/* a directory */
	path_put(&d);
	file_put(x);
	file_put(f);
	CHECK(vfs_unlink(fs, "/d/f") == 0);
	CHECK(vfs_unlink(fs, "/d/x") == 0);
	CHECK(vfs_rmdir(fs, "/d") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

/* ---- open ------------------------------------------------------------------------ */

HTEST(open_creates_refuses_with_excl_truncates_and_appends)
{
	struct vfs_baseline b = vfs_begin();
	struct file *f, *app;
	struct kstat st;

	CHECK(open_err("/o", O_RDONLY, 0) == -ENOENT);
	f = open_file("/o", O_RDWR | O_CREAT | O_EXCL, 0644);
	CHECK(f != NULL);
	CHECK(vfs_write(f, "hello world", 11) == 11);
	file_put(f);
	CHECK(open_err("/o", O_RDWR | O_CREAT | O_EXCL, 0644) == -EEXIST);
	CHECK(open_err("/o", O_RDWR | O_CREAT, 0644) == 0);	/* no O_TRUNC: kept */
	CHECK(name_is("/o", "hello world"));
	f = open_file("/o", O_RDWR | O_TRUNC, 0);
	CHECK(f != NULL);
	CHECK(vfs_fstat(f, &st) == 0 && st.size == 0 && st.blocks == 0);
	CHECK(vfs_write(f, "abc", 3) == 3);
	app = open_file("/o", O_WRONLY | O_APPEND, 0);
	CHECK(app != NULL);
	CHECK(vfs_write(app, "def", 3) == 3);
	CHECK(vfs_lseek(app, 0, SEEK_SET) == 0);
	CHECK(vfs_write(app, "g", 1) == 1);		/* O_APPEND: at the end anyway */
	CHECK(app->pos == 7);
	CHECK(file_is(f, "abcdefg"));
	CHECK(vfs_write(f, "X", 1) == 1);		/* f's own offset, 3 */
	CHECK(file_is(f, "abcXefg"));
	file_put(app);
	file_put(f);
	/* O_EXCL refuses an existing link, even a dangling one. */
	CHECK(vfs_symlink(fs, "gone", "/l") == 0);
	CHECK(open_err("/l", O_RDWR | O_CREAT | O_EXCL, 0644) == -EEXIST);
	CHECK(vfs_unlink(fs, "/l") == 0);
	CHECK(vfs_unlink(fs, "/o") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(open_refuses_o_directory_on_a_file_and_writing_a_directory)
{
	struct vfs_baseline b = vfs_begin();
	struct file *d;
	char buf[4];

	CHECK(vfs_mkdir(fs, "/d", 0755) == 0);
	CHECK(put_file("/f", "x"));
	CHECK(open_err("/f", O_RDONLY | O_DIRECTORY, 0) == -ENOTDIR);
	CHECK(open_err("/d", O_WRONLY, 0) == -EISDIR);
	CHECK(open_err("/d", O_RDWR, 0) == -EISDIR);
	CHECK(open_err("/d", O_RDONLY | O_CREAT, 0644) == -EISDIR);
	CHECK(open_err("/", O_RDONLY | O_CREAT, 0644) == -EISDIR);
	CHECK(open_err("/f", O_ACCMODE, 0) == -EINVAL);
	d = open_file("/d", O_RDONLY | O_DIRECTORY, 0);
	CHECK(d != NULL);
	CHECK(vfs_read(d, buf, sizeof(buf)) == -EISDIR);
	CHECK(vfs_pread(d, buf, sizeof(buf), 0) == -EISDIR);
	CHECK(vfs_ftruncate(d, 0) == -EINVAL);			/* not open for writing */
	CHECK(vfs_truncate(fs, "/d", 0) == -EISDIR);
	file_put(d);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(vfs_rmdir(fs, "/d") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(open_and_mkdir_apply_the_umask)
{
	struct vfs_baseline b = vfs_begin();
	struct kstat st;

	fs->umask = 027;
	CHECK(open_err("/f", O_WRONLY | O_CREAT, 0666) == 0);
	CHECK(vfs_stat(fs, "/f", 0, &st) == 0 && st.mode == (S_IFREG | 0640));
	CHECK(vfs_mkdir(fs, "/d", 0777) == 0);
	CHECK(vfs_stat(fs, "/d", 0, &st) == 0 && st.mode == (S_IFDIR | 0750));
	fs->umask = 0;
	CHECK(open_err("/g", O_WRONLY | O_CREAT, 04777) == 0);
	CHECK(vfs_stat(fs, "/g", 0, &st) == 0 && st.mode == (S_IFREG | 04777));
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(vfs_unlink(fs, "/g") == 0);
	CHECK(vfs_rmdir(fs, "/d") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

/* A character device for the mknod case: reads give 'c', writes vanish. */
static long chr_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	(void)f;
	(void)pos;
	memset(buf, 'c', n);
	return (long)n;
}

static const struct file_operations chr_fops = { .read = chr_read };

HTEST(mknod_makes_device_nodes_and_files_but_not_directories_or_links)
{
	struct vfs_baseline b = vfs_begin();
	const uint32_t dev = (42 << 8) | 1, nodev = (42 << 8) | 2;
	struct kstat st;
	struct file *f;
	char buf[4];

	CHECK(chrdev_register(dev, &chr_fops) == 0);
	CHECK(vfs_mknod(fs, "/c", S_IFCHR | 0666, dev) == 0);
	CHECK(vfs_stat(fs, "/c", 0, &st) == 0 && st.mode == (S_IFCHR | 0644) && st.rdev == dev);
	f = open_file("/c", O_RDONLY, 0);
	CHECK(f != NULL);
	CHECK(vfs_read(f, buf, 4) == 4 && memcmp(buf, "cccc", 4) == 0);
	file_put(f);
	CHECK(vfs_mknod(fs, "/none", S_IFCHR | 0600, nodev) == 0);
	CHECK(open_err("/none", O_RDONLY, 0) == -ENXIO);	/* no driver */
	CHECK(vfs_mknod(fs, "/c", S_IFCHR | 0600, dev) == -EEXIST);
	CHECK(vfs_mknod(fs, "/d", S_IFDIR | 0755, 0) == -EPERM);
	CHECK(vfs_mknod(fs, "/l", S_IFLNK | 0777, 0) == -EINVAL);
	CHECK(stat_err("/d") == -ENOENT && stat_err("/l") == -ENOENT);
	CHECK(vfs_mknod(fs, "/r", 0644, 0) == 0);		/* no type: a file */
	CHECK(vfs_stat(fs, "/r", 0, &st) == 0 && st.mode == (S_IFREG | 0644));
	CHECK(put_file("/r", "reg") && name_is("/r", "reg"));
	CHECK(vfs_unlink(fs, "/c") == 0);
	CHECK(vfs_unlink(fs, "/none") == 0);
	CHECK(vfs_unlink(fs, "/r") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

/* ---- descriptors --------------------------------------------------------------- */

HTEST(fds_are_the_lowest_free_and_emfile_past_fd_max)
{
	struct vfs_baseline b = vfs_begin();
	struct fdtable fdt = { 0 };
	struct file *f = open_file("/f", O_RDWR | O_CREAT, 0644);

	CHECK(f != NULL);
	CHECK(fd_install(&fdt, file_get(f), false) == 0);
	CHECK(fd_install(&fdt, file_get(f), true) == 1);
	CHECK(fd_install(&fdt, file_get(f), false) == 2);
	CHECK(fdt.cloexec == 2);
	CHECK(fd_close(&fdt, 1) == 0 && fdt.cloexec == 0);
	CHECK(fd_close(&fdt, 1) == -EBADF);
	CHECK(fd_install(&fdt, file_get(f), false) == 1);
	for (int fd = 3; fd < FD_MAX; fd++)
		CHECK(fd_install(&fdt, file_get(f), false) == fd);
	CHECK(f->refcount == FD_MAX + 1);
	CHECK(fd_install(&fdt, f, false) == -EMFILE);
	CHECK(fd_dup(&fdt, 0) == -EMFILE && f->refcount == FD_MAX + 1);
	CHECK(fd_get(&fdt, -1) == NULL && fd_get(&fdt, FD_MAX) == NULL && fd_get(&fdt, 5) == f);
	CHECK(fd_close(&fdt, -1) == -EBADF && fd_close(&fdt, FD_MAX) == -EBADF);
	fd_close_all(&fdt);
	CHECK(f->refcount == 1);
	for (int fd = 0; fd < FD_MAX; fd++)
		CHECK(fdt.fd[fd] == NULL);
	file_put(f);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(dup_and_dup3_share_the_open_file_and_its_offset)
{
	struct vfs_baseline b = vfs_begin();
	struct fdtable fdt = { 0 };
	struct file *f = open_file("/f", O_RDWR | O_CREAT, 0644);
	struct file *g = open_file("/g", O_RDWR | O_CREAT, 0644);

	CHECK(f && g);
	CHECK(fd_install(&fdt, f, false) == 0);
	CHECK(fd_install(&fdt, g, false) == 1);
	CHECK(fd_dup(&fdt, 0) == 2 && fdt.fd[2] == f && f->refcount == 2);
	CHECK(fd_dup(&fdt, 7) == -EBADF);
	CHECK(vfs_write(fd_get(&fdt, 0), "ab", 2) == 2);
	CHECK(vfs_write(fd_get(&fdt, 2), "cd", 2) == 2);	/* one offset */
	CHECK(file_is(f, "abcd"));
	CHECK(fd_dup3(&fdt, 0, 0, 0) == -EINVAL);
	CHECK(fd_dup3(&fdt, 0, 5, 0x1) == -EINVAL);
	CHECK(fd_dup3(&fdt, 9, 5, 0) == -EBADF);
	CHECK(fd_dup3(&fdt, 0, FD_MAX, 0) == -EBADF);
	CHECK(fd_dup3(&fdt, 0, -1, 0) == -EBADF);
	CHECK(fd_dup3(&fdt, 0, 5, O_CLOEXEC) == 5 && fdt.fd[5] == f);
	CHECK(fdt.cloexec == 1ull << 5);
	/* Onto an open fd: the old file is closed first, and its close-on-exec goes. */
	CHECK(fd_dup3(&fdt, 1, 5, 0) == 5 && fdt.fd[5] == g && fdt.cloexec == 0);
	CHECK(f->refcount == 2 && g->refcount == 2);
	CHECK(fd_close(&fdt, 0) == 0 && fd_close(&fdt, 1) == 0);
	CHECK(file_is(fd_get(&fdt, 2), "abcd"));
	fd_close_all(&fdt);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(vfs_unlink(fs, "/g") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

/* ---- reading, writing, seeking, truncating -------------------------------------- */

HTEST(read_write_pread_and_pwrite_keep_or_move_the_offset)
{
	struct vfs_baseline b = vfs_begin();
	struct file *f = open_file("/f", O_RDWR | O_CREAT, 0644), *ro, *wo;
	char buf[16];

	CHECK(f != NULL);
	CHECK(vfs_write(f, "0123456789", 10) == 10 && f->pos == 10);
	CHECK(vfs_read(f, buf, sizeof(buf)) == 0);		/* at the end */
	CHECK(vfs_lseek(f, 0, SEEK_SET) == 0);
	CHECK(vfs_read(f, buf, 4) == 4 && memcmp(buf, "0123", 4) == 0 && f->pos == 4);
	CHECK(vfs_pread(f, buf, 5, 8) == 2 && memcmp(buf, "89", 2) == 0 && f->pos == 4);
	CHECK(vfs_pwrite(f, "AB", 2, 1) == 2 && f->pos == 4);
	CHECK(vfs_read(f, buf, 3) == 3 && memcmp(buf, "456", 3) == 0);
	CHECK(file_is(f, "0AB3456789"));
	CHECK(vfs_pread(f, buf, 4, 100) == 0);
	CHECK(vfs_pread(f, buf, 4, (uint64_t)-1) == -EINVAL);
	CHECK(vfs_pwrite(f, buf, 4, (uint64_t)1 << 63) == -EINVAL);
	/* Across a page boundary. */
	CHECK(vfs_pwrite(f, "xyz", 3, PG - 1) == 3);
	CHECK(vfs_pread(f, buf, 8, PG - 2) == 4 && memcmp(buf, "\0xyz", 4) == 0);
	ro = open_file("/f", O_RDONLY, 0);
	wo = open_file("/f", O_WRONLY, 0);
	CHECK(ro && wo);
	CHECK(vfs_write(ro, "x", 1) == -EBADF && vfs_pwrite(ro, "x", 1, 0) == -EBADF);
	CHECK(vfs_read(wo, buf, 1) == -EBADF && vfs_pread(wo, buf, 1, 0) == -EBADF);
	file_put(ro);
	file_put(wo);
	file_put(f);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(lseek_checks_its_arguments_and_a_write_past_the_end_leaves_a_hole)
{
	struct vfs_baseline b = vfs_begin();
	struct file *f = open_file("/f", O_RDWR | O_CREAT, 0644);
	struct kstat st;
	char buf[4];

	CHECK(f != NULL);
	CHECK(vfs_write(f, "abcdef", 6) == 6);
	CHECK(vfs_lseek(f, -2, SEEK_END) == 4);
	CHECK(vfs_read(f, buf, 4) == 2 && memcmp(buf, "ef", 2) == 0);
	CHECK(vfs_lseek(f, -1, SEEK_CUR) == 5);
	CHECK(vfs_lseek(f, -7, SEEK_END) == -EINVAL && f->pos == 5);
	CHECK(vfs_lseek(f, -6, SEEK_CUR) == -EINVAL && f->pos == 5);
	CHECK(vfs_lseek(f, 0, 3) == -EINVAL);
	CHECK(vfs_lseek(f, INT64_MAX, SEEK_CUR) == -EINVAL && f->pos == 5);
	CHECK(vfs_lseek(f, INT64_MAX, SEEK_END) == -EINVAL && f->pos == 5);
	/* Past the end: the gap reads as zeros and has no pages. */
	CHECK(vfs_lseek(f, 3 * PG + 10, SEEK_SET) == (long)(3 * PG + 10));
	CHECK(vfs_fstat(f, &st) == 0 && st.size == 6);
	CHECK(vfs_write(f, "Z", 1) == 1);
	CHECK(vfs_fstat(f, &st) == 0 && st.size == 3 * PG + 11);
	CHECK(st.blocks == 2 * (PG / 512));
	CHECK(range_is(f, 6, 3 * PG + 4, 0));
	CHECK(vfs_pread(f, buf, 4, 3 * PG + 10) == 1 && buf[0] == 'Z');
	file_put(f);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(a_file_cannot_grow_past_the_largest_offset)
{
	struct vfs_baseline b = vfs_begin();
	struct file *f = open_file("/f", O_RDWR | O_CREAT, 0644);
	struct kstat st;

	CHECK(f != NULL);
	/* Linux's rule: a write that would cross it is cut short there. */
	CHECK(vfs_pwrite(f, "abcd", 4, INT64_MAX - 1) == 1);
	CHECK(vfs_fstat(f, &st) == 0 && st.size == INT64_MAX);
	CHECK(vfs_lseek(f, 0, SEEK_END) == INT64_MAX);
	CHECK(vfs_write(f, "x", 1) == -EFBIG);
	CHECK(vfs_pread(f, &st, 4, INT64_MAX - 1) == 1);
	CHECK(vfs_ftruncate(f, 0) == 0);
	file_put(f);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(ftruncate_shrinks_and_grows_and_the_new_bytes_are_zero)
{
	struct vfs_baseline b = vfs_begin();
	struct file *f, *ro;
	struct kstat st;

	CHECK(put_pages("/f", 3, 'x'));
	f = open_file("/f", O_RDWR, 0);
	CHECK(f != NULL);
	CHECK(vfs_ftruncate(f, PG + 100) == 0);
	CHECK(vfs_fstat(f, &st) == 0 && st.size == PG + 100 && st.blocks == 2 * (PG / 512));
	CHECK(range_is(f, 0, PG + 100, 'x'));
	CHECK(vfs_ftruncate(f, 3 * PG) == 0);
	CHECK(vfs_fstat(f, &st) == 0 && st.size == 3 * PG);
	CHECK(range_is(f, 0, PG + 100, 'x') && range_is(f, PG + 100, 2 * PG - 100, 0));
	CHECK(vfs_ftruncate(f, (uint64_t)1 << 63) == -EINVAL);
	CHECK(vfs_truncate(fs, "/f", 10) == 0);
	CHECK(vfs_fstat(f, &st) == 0 && st.size == 10 && st.blocks == PG / 512);
	CHECK(vfs_truncate(fs, "/f", 0) == 0);
	CHECK(vfs_fstat(f, &st) == 0 && st.size == 0 && st.blocks == 0);
	CHECK(vfs_truncate(fs, "/nope", 0) == -ENOENT);
	ro = open_file("/f", O_RDONLY, 0);
	CHECK(ro != NULL);
	CHECK(vfs_ftruncate(ro, 0) == -EINVAL);
	file_put(ro);
	file_put(f);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}

HTEST(stat_reports_type_mode_size_links_and_blocks)
{
	struct vfs_baseline b = vfs_begin();
	struct kstat st, root, fst;
	struct file *f;

	CHECK(vfs_stat(fs, "/", 0, &root) == 0);
	CHECK(S_ISDIR(root.mode) && root.nlink == 2 && root.ino == 1);
	CHECK(put_bytes("/f", "", 0));
	CHECK(vfs_stat(fs, "/f", 0, &st) == 0);
	CHECK(st.mode == (S_IFREG | 0644) && st.nlink == 1 && st.size == 0 && st.blocks == 0);
	CHECK(st.dev == root.dev && st.ino != root.ino && st.uid == 0 && st.blksize == PG);
	f = open_file("/f", O_WRONLY, 0);
	CHECK(f != NULL);
	CHECK(vfs_pwrite(f, "x", 1, PG + 1) == 1);
	CHECK(vfs_fstat(f, &fst) == 0 && fst.size == PG + 2 && fst.blocks == PG / 512);
	CHECK(vfs_stat(fs, "/f", 0, &st) == 0 && st.ino == fst.ino && st.size == fst.size);
	CHECK(st.mode == fst.mode && st.nlink == fst.nlink && st.blocks == fst.blocks);
	file_put(f);
	CHECK(vfs_mkdir(fs, "/d", 0700) == 0);
	CHECK(vfs_stat(fs, "/d", 0, &st) == 0);
	CHECK(st.mode == (S_IFDIR | 0700) && st.nlink == 2 && st.ino != fst.ino);
	CHECK(vfs_symlink(fs, "/d", "/l") == 0);
	CHECK(vfs_stat(fs, "/l", 0, &st) == 0 && st.mode == (S_IFLNK | 0777) && st.size == 2);
	CHECK(vfs_stat(fs, "/l", LOOKUP_FOLLOW, &st) == 0 && S_ISDIR(st.mode));
	CHECK(vfs_unlink(fs, "/l") == 0);
	CHECK(vfs_rmdir(fs, "/d") == 0);
	CHECK(vfs_unlink(fs, "/f") == 0);
	CHECK(root_is_empty());
	CHECK(vfs_back(&b));
}
