#!/usr/bin/env python3
"""tools/mkcpio.py - write a cpio "newc" archive (the initramfs) from trees.

Usage: tools/mkcpio.py -o OUT.cpio TREE[:DEST] ...

Each TREE is a directory whose contents go into the archive under DEST
(the archive root when DEST is left out), so

    tools/mkcpio.py -o build/x86_64/initrd.cpio rootfs build/x86_64/user/bin:/bin

puts rootfs/etc/motd at etc/motd and the user programs under bin/. Trees
merge: a directory may come from several of them, a file from only one.
Directories that DEST needs but no tree provides are made (mode 0755).

The archive is the same for the same inputs, on any machine:

  - members are sorted by path, so a directory comes before its contents;
  - owner and group are 0 (root), every mtime is 0;
  - permissions are normalised: directories 0755, files 0755 if the owner
    may execute them (so programs stay executable) and 0644 otherwise,
    symlinks 0777; the umask of the checkout does not leak in;
  - inode numbers count from 1 in archive order.

Regular files, directories and symlinks are stored; any other kind of file
(device, FIFO, socket) is an error: device nodes come from devfs. Hard
links are stored as separate files. Python 3 standard library only.
"""
import argparse
import os
import stat
import sys

MAGIC = b"070701"
TRAILER = b"TRAILER!!!"
FIELD_MAX = 0xFFFFFFFF  # every header field is 8 hex digits


class Member:
    """One archive member: its type and permissions, its bytes (a
    symlink's target for a symlink), and where it came from."""

    def __init__(self, mode, data, origin):
        self.mode = mode
        self.data = data
        self.origin = origin


def die(msg):
    print(f"mkcpio: error: {msg}", file=sys.stderr)
    sys.exit(1)


def add(members, path, member):
    """Records @member at archive path @path (bytes, no leading slash)."""
    old = members.get(path)
    if old is None:
        members[path] = member
    elif not (stat.S_ISDIR(old.mode) and stat.S_ISDIR(member.mode)):
        die(f"'{os.fsdecode(path)}' comes from both {old.origin} and {member.origin}")


def add_parents(members, path, origin):
    """Makes every directory above @path (and @path itself) exist."""
    parts = path.split(b"/")
    for i in range(1, len(parts) + 1):
        add(members, b"/".join(parts[:i]), Member(stat.S_IFDIR | 0o755, b"", origin))


def member_of(host_path):
    """Reads one file of a tree into a Member (None for a directory)."""
    st = os.lstat(host_path)
    if stat.S_ISDIR(st.st_mode):
        return Member(stat.S_IFDIR | 0o755, b"", host_path)
    if stat.S_ISREG(st.st_mode):
        perm = 0o755 if st.st_mode & stat.S_IXUSR else 0o644
        with open(host_path, "rb") as f:
            return Member(stat.S_IFREG | perm, f.read(), host_path)
    if stat.S_ISLNK(st.st_mode):
        return Member(stat.S_IFLNK | 0o777, os.fsencode(os.readlink(host_path)), host_path)
    die(f"{host_path}: not a regular file, directory or symlink")
    return None


def add_tree(members, src, dest):
    """Adds everything under directory @src at archive path @dest."""
    if not os.path.isdir(src):
        die(f"{src}: not a directory")
    if dest:
        add_parents(members, dest, src)
    for dirpath, dirnames, filenames in os.walk(src):
        # os.walk lists symlinks to directories among dirnames and does not
        # follow them; store them as symlinks, like any other.
        rel = os.path.relpath(dirpath, src)
        base = dest if rel == "." else (dest + b"/" if dest else b"") + os.fsencode(rel)
        for name in dirnames + filenames:
            host_path = os.path.join(dirpath, name)
            path = (base + b"/" if base else b"") + os.fsencode(name)
            add(members, path, member_of(host_path))


def header(ino, mode, nlink, size, namesize):
    fields = (ino, mode, 0, 0, nlink, 0, size, 0, 0, 0, 0, namesize, 0)
    for v in fields:
        if v > FIELD_MAX:
            die(f"a header field ({v}) does not fit in 32 bits")
    return MAGIC + b"".join(b"%08X" % v for v in fields)


def pad4(out):
    out.extend(b"\0" * (-len(out) % 4))


def write_member(out, ino, mode, nlink, name, data):
    out += header(ino, mode, nlink, len(data), len(name) + 1)
    out += name + b"\0"
    pad4(out)
    out += data
    pad4(out)


def archive(members):
    """The whole archive, as bytes."""
    paths = sorted(members, key=lambda p: p.split(b"/"))
    subdirs = {}
    for p in paths:
        if stat.S_ISDIR(members[p].mode) and b"/" in p:
            parent = p.rsplit(b"/", 1)[0]
            subdirs[parent] = subdirs.get(parent, 0) + 1
    out = bytearray()
    for ino, p in enumerate(paths, start=1):
        m = members[p]
        nlink = 2 + subdirs.get(p, 0) if stat.S_ISDIR(m.mode) else 1
        write_member(out, ino, m.mode, nlink, p, m.data)
    write_member(out, 0, 0, 1, TRAILER, b"")
    return bytes(out)


def main():
    ap = argparse.ArgumentParser(description="Write a cpio newc archive from directory trees.")
    ap.add_argument("-o", "--output", required=True, help="the archive to write")
    ap.add_argument("trees", nargs="+", metavar="TREE[:DEST]",
                    help="a directory, and where its contents go in the archive")
    args = ap.parse_args()

    members = {}
    for spec in args.trees:
        src, _, dest = spec.partition(":")
        dest = os.path.normpath("/" + dest).strip("/")
        add_tree(members, src, os.fsencode(dest))
    data = archive(members)
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
