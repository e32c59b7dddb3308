#!/usr/bin/env python3
"""tools/exec.py - run one static program on Atlas, as the only job.

    make exec ARCH=riscv64 BIN=path/to/prog ARGS="a 'b c'"
    tools/exec.py [--arch ARCH] [--timeout S] [-v] BIN [ARG...]

The program may be one of Atlas's newlib programs or any static Linux
binary for that architecture (musl-gcc -static, riscv64-linux-gnu-gcc
-static, ...). Nothing in the kernel is rebuilt:

  1. the program is copied to build/<arch>/exec/root/usr/local/bin/<name>,
     and build/<arch>/exec/initrd.cpio is written from the usual initramfs
     trees (rootfs/, the user programs; make print-initrd-trees) plus that
     one;
  2. QEMU boots the usual kernel the fast way (make qemu-cmd BOOT=fast:
     -kernel on both arches, no GRUB ISO) with that initramfs, under TCG.
     The command line names the program in init's convention (user/init.c):
     exec=/usr/local/bin/<name> args="ARG...". /sbin/init runs it as its
     only job and exits with its status. Without a /sbin/init in the
     initramfs, or with --direct (DIRECT=1), the program is process 1
     itself: init="/usr/local/bin/<name> ARG...", whose words the kernel
     splits into argv (cmdline_split_argv() in kernel/cmdline.c). Either
     way an argument with spaces travels in single quotes;
  3. the console is streamed to the terminal from "atlas: ready" on (the
     boot messages before it only with -v, or when the boot fails). When
     process 1 ends, the kernel prints "atlas: exit N" (its exit status,
     or 128 + the signal that killed it) and powers off. This script exits
     with that N: the console line carries every status, which the QEMU
     exit devices cannot.

Exit status of this script: N from "atlas: exit N"; 124 if the run timed
out; 125 if QEMU ended without an "atlas: exit" line (the reason is on
stderr); 2 for a bad request (no such file, wrong architecture, not
static). A kernel panic prints "atlas: exit 255" itself.

stdin is not connected: the console receives no input, so the program
should not wait for any. Environment: ACCEL=kvm opts in to KVM
(default tcg), as everywhere in Atlas.

tools/test.py runs the compatibility check through exec_program().
Python 3 standard library only.
"""
import argparse
import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEST_DIR = "/usr/local/bin"          # where the program goes in the initramfs
DEFAULT_TIMEOUT = 120                # seconds, boot included
EXIT_RE = re.compile(r"atlas: exit (-?\d+)\s*$")
ELF_MACHINE = {"x86_64": 62, "riscv64": 243}
INIT_MAX = 383                       # CMDLINE_INIT_MAX - 1 in kernel/cmdline.h
CMDLINE_MAX = 511                    # BOOT_CMDLINE_MAX - 1 in kernel/bootinfo.h

EXIT_TIMEOUT = 124
EXIT_NO_STATUS = 125
EXIT_USAGE = 2


class ExecError(Exception):
    """A request this script refuses (bad file, bad argument)."""


def make(arch, *args, quiet=True):
    """Runs make in the top directory; returns its stdout. Raises
    ExecError with make's output if it fails."""
    cmd = ["make", "-s", "--no-print-directory", f"ARCH={arch}", *args]
    res = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    if res.returncode != 0:
        raise ExecError(f"'{' '.join(cmd)}' failed:\n{res.stdout}")
    return res.stdout.strip()


def check_elf(path, arch):
    """Refuses anything Atlas cannot run as a static program of @arch."""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
            if len(head) < 64 or head[:4] != b"\x7fELF":
                raise ExecError(f"{path} is not an ELF file")
            if head[4] != 2 or head[5] != 1:
                raise ExecError(f"{path} is not a 64-bit little-endian ELF file")
            machine = struct.unpack_from("<H", head, 18)[0]
            if machine != ELF_MACHINE[arch]:
                raise ExecError(f"{path} is not a program for {arch} (ELF machine {machine})")
            phoff, = struct.unpack_from("<Q", head, 32)
            phentsize, phnum = struct.unpack_from("<HH", head, 54)
            f.seek(phoff)
            table = f.read(phentsize * phnum)
    except OSError as e:
        raise ExecError(f"cannot read {path}: {e.strerror}")
    for i in range(phnum):
        if struct.unpack_from("<I", table, i * phentsize)[0] == 3:   # PT_INTERP
            raise ExecError(f"{path} is dynamically linked; Atlas runs static "
                            "programs only (link with -static)")


def quote_words(words):
    """@words as one string that cmdline_split_argv() (and init's args=)
    splits back into them: words with spaces, or empty ones, are
    single-quoted."""
    out = []
    for w in words:
        if any(c in w for c in "'\"\n\r\\"):
            raise ExecError(f"argument {w!r}: quotes, backslashes and newlines cannot "
                            "travel on the kernel command line")
        out.append(f"'{w}'" if (w == "" or " " in w or "\t" in w) else w)
    value = " ".join(out)
    if len(value) > INIT_MAX:
        raise ExecError(f"the program and its arguments take {len(value)} characters; "
                        f"the kernel takes at most {INIT_MAX}")
    return value


def build_initrd(arch, files, name="exec"):
    """Writes build/<arch>/<name>/initrd.cpio: the usual initramfs trees
    plus @files, a list of (host path, absolute path in the archive).
    The kernel and the usual trees must already be built (make kernel
    initrd). Returns the archive's path."""
    work = os.path.join(ROOT, "build", arch, name)
    stage = os.path.join(work, "root")
    shutil.rmtree(stage, ignore_errors=True)     # no programs left from earlier runs
    for src, dest in files:
        target = os.path.join(stage, dest.lstrip("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(src, target)
        os.chmod(target, 0o755)
    # A tree not built (yet) is left out, as the Makefile's own find does.
    trees = [t for t in make(arch, "print-initrd-trees").split()
             if os.path.isdir(os.path.join(ROOT, t.partition(":")[0]))]
    out = os.path.join(work, "initrd.cpio")
    res = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "mkcpio.py"),
                          "-o", out, *trees, stage], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if res.returncode != 0:
        raise ExecError(res.stdout.strip())
    return out


def qemu_command(arch, initrd, append):
    """The fast-boot QEMU command of the Makefile, with @initrd and the
    kernel command line @append swapped in."""
    cmd = shlex.split(make(arch, "BOOT=fast", "APPEND=", "qemu-cmd"))
    for opt, val in (("-initrd", initrd), ("-append", append)):
        if opt not in cmd:
            raise ExecError(f"make qemu-cmd BOOT=fast has no {opt}")
        cmd[cmd.index(opt) + 1] = val
    return cmd + ["-display", "none", "-serial", "stdio", "-monitor", "none"]


class Run:
    """What one boot gave: the console lines (all, and those after
    "atlas: ready"), the "atlas: exit" status, QEMU's status."""

    def __init__(self):
        self.boot_lines = []      # up to and including "atlas: ready"
        self.lines = []           # after it, without the exit line
        self.code = None          # N of "atlas: exit N"
        self.qemu_status = None   # None: killed (timeout)
        self.timed_out = False
        self.ready = None         # seconds to "atlas: ready"
        self.elapsed = 0.0
        self.panic = False


class Console:
    """Cuts QEMU's serial output into lines, files them in a Run, and
    shows the program's part (all of it if verbose) on @out, a binary
    stream, with "\\r\\n" turned into "\\n"."""

    def __init__(self, r, out, verbose, start):
        self.r, self.out, self.verbose, self.start = r, out, verbose, start
        self.buf = b""
        self.shown = 0          # bytes of the partial line in buf already shown

    def show(self, data):
        if self.out is None or not data:
            return
        try:
            self.out.write(data)
            self.out.flush()
        except BrokenPipeError:  # make exec | head: keep running, stop showing
            self.out = None

    def take_line(self, raw):
        """Files one console line; returns the part of it to show."""
        r = self.r
        line = raw.decode("utf-8", "replace")
        if r.ready is None:
            r.boot_lines.append(line)
            if "atlas: ready" in line:
                r.ready = time.monotonic() - self.start
            m = EXIT_RE.search(line)
            if m:                   # the kernel stopped before any program ran
                r.code = int(m.group(1))
            return raw if self.verbose else b""
        if "KERNEL PANIC" in line:
            r.panic = True
        m = EXIT_RE.search(line)
        if not m:
            r.lines.append(line)
            return raw
        r.code = int(m.group(1))
        if not line[:m.start()]:
            return b""
        r.lines.append(line[:m.start()])   # a last line without "\n"
        return line[:m.start()].encode()

    def feed(self, chunk):
        """Takes the complete lines of what has arrived, up to the exit line."""
        self.buf += chunk
        while b"\n" in self.buf and self.r.code is None:
            raw, self.buf = self.buf.split(b"\n", 1)
            text = self.take_line(raw.rstrip(b"\r"))
            if text[self.shown:] or self.shown:
                self.show(text[self.shown:] + b"\n")
            self.shown = 0

    def show_partial(self):
        """Shows a partial line (a prompt) as it stands."""
        if self.r.ready is not None and len(self.buf) > self.shown:
            self.show(self.buf[self.shown:].replace(b"\r", b""))
            self.shown = len(self.buf)

    def finish(self):
        """QEMU has ended: files a last line without "\\n"."""
        if self.buf and self.r.code is None:
            self.take_line(self.buf.rstrip(b"\r"))
            self.buf = b""


def read_console(proc, con, timeout):
    """Feeds QEMU's output to @con until "atlas: exit", QEMU's end, or
    @timeout seconds from the start."""
    r = con.r
    quiet_since = time.monotonic()
    while r.code is None:
        now = time.monotonic()
        if now - con.start > timeout:
            r.timed_out = True
            return
        try:
            chunk = proc.stdout.read()
        except BlockingIOError:
            chunk = None
        if chunk:
            quiet_since = now
            con.feed(chunk)
        elif proc.poll() is not None:
            con.finish()
            return
        else:
            if now - quiet_since > 0.2:
                con.show_partial()
            time.sleep(0.01)


def run(arch, initrd, append, timeout=DEFAULT_TIMEOUT, out=None, verbose=False,
        log_path=None):
    """Boots @initrd with the command line @append and reads the console
    until "atlas: exit N", QEMU's end or @timeout seconds. The program's
    output (and, if @verbose, the boot's) is written to the binary stream
    @out as it arrives. Returns a Run."""
    cmd = qemu_command(arch, initrd, append)
    r = Run()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    os.set_blocking(proc.stdout.fileno(), False)
    try:
        read_console(proc, Console(r, out, verbose, start), timeout)
        # The kernel powers off right after "atlas: exit"; give QEMU a moment.
        if not r.timed_out:
            r.qemu_status = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    finally:
        if proc.poll() is None:
            proc.kill()         # a timeout, a hang after "atlas: exit", or ^C
            proc.wait()
    r.elapsed = time.monotonic() - start
    if log_path:
        os.makedirs(os.path.dirname(log_path), exist_ok=True)
        with open(log_path, "w") as f:
            f.write("$ " + " ".join(shlex.quote(c) for c in cmd) + "\n")
            f.write("\n".join(r.boot_lines + r.lines) + "\n")
            if r.code is not None:
                f.write(f"atlas: exit {r.code}\n")
            f.write(f"# QEMU status {r.qemu_status}, {r.elapsed:.2f} s"
                    + (", timed out" if r.timed_out else "") + "\n")
    return r


def tree_holds(trees, path):
    """True if one of the initramfs @trees (DIR or DIR:DEST, as mkcpio.py
    takes them) puts a file at the absolute archive @path."""
    for tree in trees:
        src, _, dest = tree.partition(":")
        dest = "/" + dest.strip("/") if dest else ""
        if path.startswith(dest + "/") and os.path.isfile(
                os.path.join(ROOT, src, path[len(dest) + 1:])):
            return True
    return False


def job_cmdline(prog, args, under_init):
    """The kernel command line that runs @prog with @args: as the one job
    of /sbin/init (exec=PATH args="..."; user/init.c), or, with no init,
    as process 1 itself (init="PATH ..."; start_first_process() in
    kernel/main.c). Both split arguments at spaces and keep single-quoted
    spaces."""
    if under_init:
        return f"exec={prog}" + (f' args="{quote_words(args)}"' if args else "")
    return f'init="{quote_words([prog, *args])}"'


def exec_program(arch, binary, args, timeout=DEFAULT_TIMEOUT, append="", out=None,
                 verbose=False, log_path=None, build=True, direct=False, work="exec"):
    """make exec: checks @binary, builds what is missing (unless @build is
    false), writes the initramfs with it (in build/<arch>/@work) and boots
    it with @args, under /sbin/init if the initramfs has one and @direct
    is false. Returns a Run."""
    check_elf(binary, arch)
    name = os.path.basename(binary)
    if not re.fullmatch(r"[A-Za-z0-9._+-]+", name):
        raise ExecError(f"'{name}': name the program with letters, digits and ._+- only")
    prog = f"{DEST_DIR}/{name}"
    if build:
        make(arch, "kernel", "initrd")
    under_init = not direct and tree_holds(make(arch, "print-initrd-trees").split(),
                                           "/sbin/init")
    cmdline = job_cmdline(prog, args, under_init)
    if len(cmdline) + len(append) > CMDLINE_MAX:
        raise ExecError(f"the kernel command line would be longer than {CMDLINE_MAX} characters")
    initrd = build_initrd(arch, [(binary, prog)], name=work)
    return run(arch, initrd, cmdline + (f" {append}" if append else ""), timeout=timeout,
               out=out, verbose=verbose, log_path=log_path)


def status_of(r, timeout, verbose):
    """This script's exit status for the Run @r, with a word on stderr
    for anything but a clean "atlas: exit N"."""
    if r.ready is None and not verbose:
        print("exec: the kernel stopped before running the program; its console said:",
              file=sys.stderr)
        for line in r.boot_lines[-40:]:
            print("  " + line, file=sys.stderr)
    if r.code is not None:
        return r.code & 0xff
    if r.timed_out:
        print(f"exec: timed out after {timeout:g} s", file=sys.stderr)
        return EXIT_TIMEOUT
    print(f"exec: QEMU ended (status {r.qemu_status}) without an 'atlas: exit' line",
          file=sys.stderr)
    return EXIT_NO_STATUS


def main():
    ap = argparse.ArgumentParser(description="Run a static program on Atlas as the only job.")
    ap.add_argument("--arch", default=os.environ.get("ARCH", "x86_64"),
                    choices=sorted(ELF_MACHINE))
    ap.add_argument("--timeout", type=float, default=None,
                    help=f"seconds for the whole run (default {DEFAULT_TIMEOUT})")
    ap.add_argument("--append", default=None, help="more kernel command-line options")
    ap.add_argument("--no-build", action="store_true",
                    help="the kernel and user programs are already built")
    ap.add_argument("--direct", action="store_true",
                    help="run the program as process 1 itself, not under /sbin/init")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the boot messages too")
    ap.add_argument("bin", nargs="?", help="the program (default: $EXEC_BIN)")
    ap.add_argument("args", nargs=argparse.REMAINDER,
                    help="its arguments (default: $EXEC_ARGS, split like a shell)")
    a = ap.parse_args()

    # make exec hands BIN, ARGS and APPEND over in the environment, so no
    # quoting is lost on the way.
    binary = a.bin or os.environ.get("EXEC_BIN", "")
    args = a.args if a.bin else shlex.split(os.environ.get("EXEC_ARGS", ""))
    append = a.append if a.append is not None else os.environ.get("EXEC_APPEND", "")
    timeout = a.timeout or float(os.environ.get("TIMEOUT") or DEFAULT_TIMEOUT)
    verbose = a.verbose or os.environ.get("V") == "1"
    if not binary:
        print("usage: make exec BIN=path/to/program [ARGS=\"...\"] [ARCH=riscv64]",
              file=sys.stderr)
        return EXIT_USAGE
    log = os.path.join(ROOT, "build", a.arch, "exec", "console.log")
    try:
        r = exec_program(a.arch, binary, args, timeout=timeout, append=append,
                         out=sys.stdout.buffer, verbose=verbose, log_path=log,
                         build=not a.no_build,
                         direct=a.direct or os.environ.get("DIRECT") == "1")
    except ExecError as e:
        print(f"exec: {e}", file=sys.stderr)
        return EXIT_USAGE
    if r.code is not None:
        try:
            sys.stdout.buffer.write(f"atlas: exit {r.code}\n".encode())
            sys.stdout.flush()
        except BrokenPipeError:
            # Nobody reads any more; keep Python from complaining at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status_of(r, timeout, verbose)


if __name__ == "__main__":
    sys.exit(main())
