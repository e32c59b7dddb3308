#!/usr/bin/env python3
"""tools/test.py - run every test layer and print one summary.

make test calls this. The layers, in order:

  1. host unit tests: real kernel sources built for the host with ASan and
     UBSan (tests/host/), each program printing KTAP;
  2. in-kernel tests: QEMU boots the kernel with ktest=<suites>; the kernel
     prints KTAP on the serial console and "atlas: exit N", then powers off;
  3. boot checks: boots that must end in a clear message rather than a hang
     (a deliberate crash, too little memory, an unknown option).
  compat: a static Linux program (user/compat/compat.c, musl or glibc)
     runs on the host and on Atlas (tools/exec.py); outputs must match.
  busybox: Debian's busybox-static (tools/busybox.sh) runs
     tests/busybox/applets.sh on the host and on Atlas; outputs must
     match section by section (T=busybox).
  utest: the user-space suites of user/tests/. Their host-safe cases run
     first natively on the build host (as nobody, in a scratch directory,
     under prlimit), where a failure means a wrong test; then each arch
     boots with rdinit=/bin/test-all, which runs every suite (T=utest).

Every boot runs under TCG with a timeout. A boot fails if it times out,
panics, ends without "atlas: exit 0", ends with the wrong QEMU status, or
reports fewer results than its KTAP plan promised. The very last line is
"N passed, N failed".

Environment: ACCEL=kvm opts in to KVM (default tcg). KEEP_LOGS=1 prints
the whole console log of every boot.
"""
import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOGDIR = os.path.join(ROOT, "build", "test-logs")
BOOT_TIMEOUT = 120  # seconds; a full ktest=all boot takes a few under TCG

RESULT_RE = re.compile(r"^(not ok|ok) (\d+) ([^#]*?)\s*(?:#\s*(.*))?$")
PLAN_RE = re.compile(r"^1\.\.(\d+)$")


class Tally:
    """Counts cases across every layer and remembers the failures."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.failures = []

    def add(self, ok, name, reason=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(f"{name}: {reason}" if reason else name)


def say(msg=""):
    print(msg, flush=True)


def parse_ktap(lines):
    """Returns (plan, results): plan is None if no "1..N" line was seen;
    results is a list of (ok, name, reason)."""
    plan = None
    results = []
    for line in lines:
        line = line.strip()
        m = PLAN_RE.match(line)
        if m and plan is None:
            plan = int(m.group(1))
            continue
        m = RESULT_RE.match(line)
        if m:
            results.append((m.group(1) == "ok", m.group(3), m.group(4) or ""))
    return plan, results


def make_var(arch, *args):
    """Runs make quietly and returns its stdout (used for qemu-cmd)."""
    out = subprocess.run(["make", "-s", "--no-print-directory", f"ARCH={arch}", *args],
                         cwd=ROOT, stdout=subprocess.PIPE, check=True, text=True)
    return out.stdout.strip()


def build(arch, *targets):
    res = subprocess.run(["make", "-s", "--no-print-directory", f"ARCH={arch}", *targets],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if res.returncode != 0:
        say(res.stdout)
    return res.returncode == 0


def run_qemu(cmd, log_name, timeout=BOOT_TIMEOUT):
    """Boots QEMU with the serial console on stdout. Returns a dict with the
    console lines, the exit status (None on timeout) and the time from
    start to "atlas: ready" (None if never seen)."""
    os.makedirs(LOGDIR, exist_ok=True)
    log_path = os.path.join(LOGDIR, log_name + ".log")
    full = cmd + ["-display", "none", "-serial", "stdio", "-monitor", "none"]
    start = time.monotonic()
    proc = subprocess.Popen(full, cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines = []
    ready = None
    timed_out = False
    buf = b""
    os.set_blocking(proc.stdout.fileno(), False)
    while True:
        if time.monotonic() - start > timeout:
            timed_out = True
            proc.kill()
            break
        try:
            chunk = proc.stdout.read()
        except BlockingIOError:
            chunk = None
        if chunk:
            buf += chunk
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                line = raw.decode("utf-8", "replace").rstrip("\r")
                lines.append(line)
                if ready is None and "atlas: ready" in line:
                    ready = time.monotonic() - start
        elif proc.poll() is not None:
            rest = proc.stdout.read() or b""
            buf += rest
            if not rest:
                break
        else:
            time.sleep(0.005)
    if buf:
        lines.append(buf.decode("utf-8", "replace").rstrip("\r"))
    status = None if timed_out else proc.wait()
    elapsed = time.monotonic() - start
    with open(log_path, "w") as f:
        f.write("$ " + " ".join(shlex.quote(c) for c in full) + "\n")
        f.write("\n".join(lines) + "\n")
        f.write(f"# status {status}, {elapsed:.2f} s\n")
    return {"lines": lines, "status": status, "ready": ready, "elapsed": elapsed,
            "log": os.path.relpath(log_path, ROOT)}


def exit_line(lines):
    for line in lines:
        m = re.search(r"atlas: exit (-?\d+)", line)
        if m:
            return int(m.group(1))
    return None


def show_tail(run, n=40):
    say(f"# --- last lines of {run['log']} ---")
    for line in run["lines"][-n:]:
        say("#   " + line)


def qemu_cmd(arch, boot, append, extra=()):
    text = make_var(arch, f"BOOT={boot}", f"APPEND={append}", *extra, "qemu-cmd")
    return shlex.split(text)


def ktest_boot(tally, arch, boot, suites, extra=()):
    """One boot running in-kernel suites: each KTAP case counts, plus one case
    for the boot itself (clean exit, right status, every result present)."""
    label = f"{arch}/{boot}"
    append = f"ktest={suites}"
    run = run_qemu(qemu_cmd(arch, boot, append, extra), f"{arch}-{boot}-ktest")
    plan, results = parse_ktap(run["lines"])
    say(f"# {label}: KTAP from the kernel (log: {run['log']})")
    for ok, name, reason in results:
        say(f"{'ok' if ok else 'not ok'} {label}: {name}" + (f" # {reason}" if reason else ""))
        tally.add(ok, f"{label}: {name}", reason)
    pass_status = int(make_var(arch, "print-pass-status"))
    problems = []
    if run["status"] is None:
        problems.append(f"timed out after {BOOT_TIMEOUT} s")
    if any("KERNEL PANIC" in l for l in run["lines"]):
        problems.append("kernel panic")
    if plan is None:
        problems.append("no KTAP plan")
    elif len(results) != plan:
        problems.append(f"plan said {plan} cases, saw {len(results)}")
    code = exit_line(run["lines"])
    if code is None:
        problems.append("no 'atlas: exit' line")
    elif code != 0 and not problems:
        pass  # failures are already counted case by case
    if run["status"] is not None and (code == 0) != (run["status"] == pass_status):
        problems.append(f"QEMU status {run['status']} disagrees with 'atlas: exit {code}'")
    ok = not problems
    tally.add(ok, f"{label}: boot_runs_tests_and_exits_cleanly", "; ".join(problems))
    say(f"{'ok' if ok else 'not ok'} {label}: boot_runs_tests_and_exits_cleanly"
        + (f" # {'; '.join(problems)}" if problems else ""))
    if problems or any(not r[0] for r in results) or os.environ.get("KEEP_LOGS"):
        show_tail(run)
    return run


def expect_boot(tally, arch, name, append, expect, extra_qemu=(), want_pass=False, mem=None):
    """A boot that must end by itself, printing every regex in @expect."""
    extra = [f"MEM={mem}"] if mem else []
    cmd = qemu_cmd(arch, "fast", append, extra) + list(extra_qemu)
    run = run_qemu(cmd, f"{arch}-{name}", timeout=60)
    pass_status = int(make_var(arch, "print-pass-status"))
    text = "\n".join(run["lines"])
    problems = [f"missing /{e}/" for e in expect if not re.search(e, text, re.M)]
    if run["status"] is None:
        problems.append("timed out (a hang)")
    elif want_pass and run["status"] != pass_status:
        problems.append(f"QEMU status {run['status']}, wanted {pass_status}")
    elif not want_pass and run["status"] == pass_status:
        problems.append("QEMU reported success for a failed boot")
    ok = not problems
    label = f"{arch}: {name}"
    tally.add(ok, label, "; ".join(problems))
    say(f"{'ok' if ok else 'not ok'} {label}" + (f" # {'; '.join(problems)}" if problems else ""))
    if not ok or os.environ.get("KEEP_LOGS"):
        show_tail(run)
    return run


def host_layer(tally, suites):
    say("# layer 1: host unit tests (ASan + UBSan)")
    res = subprocess.run(["make", "-s", "--no-print-directory", "-f", "tests/host/host.mk",
                          "run", f"T={suites}"], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    program = "host"
    plan_seen = {}
    counted = {}
    for line in res.stdout.splitlines():
        m = re.match(r"^# program (\S+)", line)
        if m:
            program = m.group(1)
            plan_seen[program] = None
            counted[program] = 0
            say(line)
            continue
        m = PLAN_RE.match(line.strip())
        if m:
            plan_seen[program] = int(m.group(1))
            continue
        m = RESULT_RE.match(line.strip())
        if m:
            ok = m.group(1) == "ok"
            name = f"host/{program}: {m.group(3)}"
            reason = m.group(4) or ""
            counted[program] = counted.get(program, 0) + 1
            tally.add(ok, name, reason)
            say(f"{'ok' if ok else 'not ok'} {name}" + (f" # {reason}" if reason else ""))
        elif line.startswith("KTAP version"):
            continue
        else:
            say("#   " + line)
    for program, plan in plan_seen.items():
        if plan is None or counted.get(program, 0) != plan:
            tally.add(False, f"host/{program}: ran_to_completion",
                      f"plan {plan}, saw {counted.get(program, 0)} (crash or sanitizer abort?)")
            say(f"not ok host/{program}: ran_to_completion # plan {plan}, "
                f"saw {counted.get(program, 0)}")
    if res.returncode != 0 and not tally.failed:
        tally.add(False, "host: build", "the host tests did not build")
        say("not ok host: build")


def arch_layer(tally, arch, suites, timings):
    say(f"# layer 2: in-kernel tests on {arch}")
    t0 = time.monotonic()
    if not build(arch, "kernel", "initrd"):
        tally.add(False, f"{arch}: kernel_builds", "build failed")
        say(f"not ok {arch}: kernel_builds")
        return
    spec = suites or "all"
    fast = ktest_boot(tally, arch, "fast", spec)
    timings.append((f"{arch} ready (fast path)", fast["ready"]))
    if arch == "x86_64":
        iso = os.path.join("build", arch, "atlas-test.iso")
        if build(arch, "iso", f"ISO={iso}", f"APPEND=ktest={spec}"):
            user = ktest_boot(tally, arch, "user", spec, extra=(f"ISO={iso}",))
            timings.append((f"{arch} ready (GRUB ISO)", user["ready"]))
        else:
            tally.add(False, f"{arch}: iso_builds", "grub-mkrescue failed")
    timings.append((f"{arch} in-kernel layer", time.monotonic() - t0))

    if suites:
        return
    say(f"# layer 3: boot checks on {arch}")
    t0 = time.monotonic()
    for how, fn in (("panic", "crash_by_panic"), ("pagefault", "crash_by_page_fault"),
                    ("illegal", "crash_by_illegal_insn")):
        expect_boot(tally, arch, f"crash_{how}_prints_panic_report_and_powers_off",
                    f"crash={how}",
                    [r"KERNEL PANIC", r"^registers:", r"backtrace:", rf"\b{fn}\+0x",
                     r"\bkmain\+0x", r"^atlas: exit 255"])
    expect_boot(tally, arch, "too_little_memory_gives_a_clear_message",
                "ktest=all", [r"not enough memory", r"^atlas: exit 255"], mem="12M")
    expect_boot(tally, arch, "unknown_option_is_warned_about_and_ignored",
                "frobnicate=7 ktest=time", [r"unknown kernel option 'frobnicate'",
                                            r"^atlas: exit 0"], want_pass=True)
    timings.append((f"{arch} boot checks", time.monotonic() - t0))


def load_exec_tool():
    """tools/exec.py as a module (make exec's machinery)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("atlas_exec",
                                                  os.path.join(ROOT, "tools", "exec.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# The compatibility program's command line, the same on the host and on
# Atlas: argv[0] is where make exec puts it; it exits 7 when all is well.
COMPAT_ARGV = ["/usr/local/bin/compat", "one", "two words", "", "exit=7"]
COMPAT_STATUS = 7
# The environment Atlas gives process 1 (spawn_entry() in kernel/proc.c).
COMPAT_ENV = {"HOME": "/", "PATH": "/bin:/sbin", "TERM": "vt100"}
# Console lines that are not the program's: the kernel's, and init's
# closing report. They are shown, not compared.
COMPAT_NOT_OURS = re.compile(r"^(atlas: |init: \S+ (exited with status|killed by signal))")


def compat_sections(lines):
    """Splits the program's output at its "== name" lines: a list of
    (name, lines), the lines before the first heading under "start"."""
    sections = [("start", [])]
    for line in lines:
        if line.startswith("== "):
            sections.append((line[3:], []))
        sections[-1][1].append(line)
    return sections


def compare_with_host(tally, label, arch, host_lines, console_lines):
    """One case per "== section" of the host's output: Atlas's must match.
    Console lines that are not the program's own (kernel log) are echoed
    as comments and left out of the comparison."""
    atlas_lines = []
    for l in console_lines:
        if COMPAT_NOT_OURS.match(l):
            say(f"# {arch} console: {l}")
        else:
            atlas_lines.append(l)
    atlas_sections = dict(compat_sections(atlas_lines))
    for name, want in compat_sections(host_lines):
        got = atlas_sections.pop(name, [])
        ok = got == want
        case = f"{label}: {name}_matches_host"
        tally.add(ok, case, "" if ok else "output differs")
        say(f"{'ok' if ok else 'not ok'} {case}" + ("" if ok else " # output differs"))
        if not ok:
            diff = difflib.unified_diff(want, got, "host", "atlas", lineterm="", n=2)
            for line in list(diff)[:60]:
                say("#   " + line)
    for name in atlas_sections:
        tally.add(False, f"{label}: {name}_matches_host", "only on Atlas")
        say(f"not ok {label}: {name}_matches_host # only on Atlas")


def compat_layer(tally, arch, timings):
    """The Linux compatibility check: user/compat/compat.c, built with a
    real Linux libc (musl on x86_64, glibc on riscv64), runs on the host
    (natively, or under qemu-riscv64) in a scratch directory and on Atlas
    (make exec's machinery, tools/exec.py); the outputs must match line
    for line, and both must exit 7. One case per section of the output,
    plus one for the exit status."""
    say(f"# compat layer: a static Linux program on {arch} and on the host")
    t0 = time.monotonic()
    label = f"{arch}: compat"
    if not build(arch, "kernel", "initrd", "compat"):
        tally.add(False, f"{label}: builds", "build failed")
        say(f"not ok {label}: builds")
        return
    binary = os.path.join(ROOT, "build", arch, "compat", "compat")

    # On the host, in a fresh scratch directory (the program works in it).
    scratch = os.path.join(ROOT, "build", arch, "compat", "host-run")
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    if arch == "x86_64":
        cmd, exe = COMPAT_ARGV, binary
    else:
        cmd, exe = ["qemu-riscv64", "-0", COMPAT_ARGV[0], binary, *COMPAT_ARGV[1:]], None
    try:
        host = subprocess.run(cmd, executable=exe, cwd=scratch, env=COMPAT_ENV,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=60)
        host_lines = host.stdout.decode("utf-8", "replace").splitlines()
        host_status = host.returncode
    except (OSError, subprocess.TimeoutExpired) as e:
        host_lines, host_status = [f"(host run failed: {e})"], None

    # On Atlas.
    tool = load_exec_tool()
    try:
        run = tool.exec_program(arch, binary, COMPAT_ARGV[1:], timeout=BOOT_TIMEOUT,
                                log_path=os.path.join(LOGDIR, f"{arch}-compat.log"),
                                build=False, work="compat")
    except tool.ExecError as e:
        tally.add(False, f"{label}: runs_on_atlas", str(e))
        say(f"not ok {label}: runs_on_atlas # {e}")
        return
    compare_with_host(tally, label, arch, host_lines, run.lines)

    problems = []
    if host_status != COMPAT_STATUS:
        problems.append(f"host exit status {host_status}, wanted {COMPAT_STATUS}")
    if run.timed_out:
        problems.append(f"Atlas timed out after {BOOT_TIMEOUT} s")
    elif run.panic:
        problems.append("kernel panic")
    if run.code != COMPAT_STATUS:
        problems.append(f"'atlas: exit {run.code}', wanted {COMPAT_STATUS}")
    ok = not problems
    case = f"{label}: exit_status_is_{COMPAT_STATUS}_on_both"
    tally.add(ok, case, "; ".join(problems))
    say(f"{'ok' if ok else 'not ok'} {case}" + (f" # {'; '.join(problems)}" if problems else ""))
    if not ok or os.environ.get("KEEP_LOGS"):
        show_tail({"log": os.path.relpath(os.path.join(LOGDIR, f"{arch}-compat.log"), ROOT),
                   "lines": run.boot_lines + run.lines})
    timings.append((f"{arch} compat", time.monotonic() - t0))


# ---- busybox: Debian's busybox-static, unchanged ---------------------------------

# tests/busybox/applets.sh runs under busybox's sh; it goes into the
# initramfs beside /bin/busybox and works in a directory of its own.
BB_SCRIPT = os.path.join(ROOT, "tests", "busybox", "applets.sh")
BB_BIN = "/bin/busybox"
BB_SCRIPT_AT = "/usr/local/share/applets.sh"
BB_TIMEOUT = 60  # seconds for the host run


def busybox_qemu_path(bindir, busybox):
    """Under qemu-riscv64, busybox's sh cannot re-execute itself: it runs
    an applet that needs a fresh process as execve("/proc/self/exe"),
    which the host kernel answers with qemu's own x86_64 binary (ENOEXEC),
    and sh then searches PATH, where the host's own programs (GNU wc, ...)
    would answer. So PATH gets a directory holding one host script per
    applet that runs that applet of the same busybox under qemu-riscv64.
    Returns the PATH."""
    wrapdir = os.path.join(bindir, "applets")
    os.makedirs(wrapdir)
    qemu = shutil.which("qemu-riscv64") or "qemu-riscv64"
    runner = os.path.join(wrapdir, ".run")
    with open(runner, "w") as f:
        f.write(f'#!/bin/sh\nexec {shlex.quote(qemu)} -0 "${{0##*/}}" '
                f'{shlex.quote(busybox)} "$@"\n')
    os.chmod(runner, 0o755)
    with open(os.path.join(ROOT, "build", "riscv64", "busybox", "applets")) as f:
        for name in f.read().split():
            if "/" not in name and name != "busybox":
                os.symlink(".run", os.path.join(wrapdir, name))
    return wrapdir


def as_nobody(scratch, cmd):
    """For a host run as root: hands @scratch (a fresh directory under the
    system's temporary directory, which nobody can enter) to nobody and
    returns @cmd wrapped in setpriv so it runs as nobody. setpriv by its
    full path: a PATH set for the run may lead to busybox's own setpriv."""
    for d, _, files in os.walk(scratch):
        os.chown(d, NOBODY, NOBODY)
        for f in files:
            os.chown(os.path.join(d, f), NOBODY, NOBODY)
    os.chmod(scratch, 0o755)
    return [shutil.which("setpriv") or "setpriv", f"--reuid={NOBODY}",
            f"--regid={NOBODY}", "--clear-groups", "--no-new-privs", *cmd]


def busybox_host_run(arch, binary, scratch):
    """Runs the script with @binary on the host, in @scratch (as nobody
    when we are root: setpriv), natively or under qemu-riscv64. Returns
    (lines, status); status None if it could not run or timed out."""
    # The working directory has the same last name as on Atlas (pwd is compared).
    bindir, work = os.path.join(scratch, "bin"), os.path.join(scratch, "applets")
    os.makedirs(bindir)
    shutil.copy(binary, os.path.join(bindir, "busybox"))
    shutil.copy(BB_SCRIPT, os.path.join(bindir, "applets.sh"))
    os.chmod(os.path.join(bindir, "busybox"), 0o755)
    argv = [BB_BIN, "sh", os.path.join(bindir, "applets.sh"), work]
    exe = os.path.join(bindir, "busybox")
    env = dict(COMPAT_ENV, TZ="UTC")
    if arch == "x86_64":
        cmd = argv
    else:
        cmd, exe = [shutil.which("qemu-riscv64") or "qemu-riscv64", "-0", BB_BIN, exe,
                    *argv[1:]], None
        env["PATH"] = busybox_qemu_path(bindir, os.path.join(bindir, "busybox"))
    if os.geteuid() == 0:
        cmd = as_nobody(scratch, cmd)
        if exe:
            cmd[cmd.index(BB_BIN)] = exe   # setpriv runs it; argv[0] is the path
    try:
        res = subprocess.run(cmd, executable=exe if os.geteuid() != 0 else None,
                             cwd=scratch, env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=BB_TIMEOUT)
        return res.stdout.decode("utf-8", "replace").splitlines(), res.returncode
    except (OSError, subprocess.TimeoutExpired) as e:
        return [f"(host run failed: {e})"], None


def busybox_layer(tally, arch, timings):
    """Debian's busybox-static (tools/busybox.sh fetches it) runs
    tests/busybox/applets.sh on the host (natively on x86_64, under
    qemu-riscv64 on riscv64) and on Atlas (init's job: busybox sh), and
    the outputs are compared section by section ("== name" lines), one
    case per section, plus one for the exit status (0 on both)."""
    say(f"# busybox layer: Debian's busybox-static on {arch} and on the host")
    t0 = time.monotonic()
    label = f"{arch}: busybox"
    if not build(arch, "kernel", "initrd", "busybox"):
        tally.add(False, f"{label}: builds", "build or fetch failed")
        say(f"not ok {label}: builds")
        return
    binary = os.path.join(ROOT, "build", arch, "busybox", "busybox")

    # In the system's temporary directory, not under the checkout: the host
    # run drops to nobody when we are root, and a checkout may sit below a
    # directory only its owner can enter (mktemp -d makes those).
    scratch = tempfile.mkdtemp(prefix=f"atlas-busybox-{arch}-")
    host_lines, host_status = busybox_host_run(arch, binary, scratch)
    shutil.rmtree(scratch, ignore_errors=True)

    tool = load_exec_tool()
    try:
        initrd = tool.build_initrd(arch, [(binary, BB_BIN), (BB_SCRIPT, BB_SCRIPT_AT)],
                                   name="busybox-test")
        cmdline = tool.job_cmdline(BB_BIN, ["sh", BB_SCRIPT_AT, "/tmp/applets"], True)
        run = tool.run(arch, initrd, cmdline, timeout=BOOT_TIMEOUT,
                       log_path=os.path.join(LOGDIR, f"{arch}-busybox.log"))
    except tool.ExecError as e:
        tally.add(False, f"{label}: runs_on_atlas", str(e))
        say(f"not ok {label}: runs_on_atlas # {e}")
        return
    compare_with_host(tally, label, arch, host_lines, run.lines)

    problems = []
    if host_status != 0:
        problems.append(f"host exit status {host_status}")
    if run.timed_out:
        problems.append(f"Atlas timed out after {BOOT_TIMEOUT} s")
    elif run.panic:
        problems.append("kernel panic")
    if run.code != 0:
        problems.append(f"'atlas: exit {run.code}', wanted 0")
    ok = not problems
    case = f"{label}: script_exits_0_on_both"
    tally.add(ok, case, "; ".join(problems))
    say(f"{'ok' if ok else 'not ok'} {case}" + (f" # {'; '.join(problems)}" if problems else ""))
    if not ok or os.environ.get("KEEP_LOGS"):
        show_tail({"log": os.path.relpath(os.path.join(LOGDIR, f"{arch}-busybox.log"), ROOT),
                   "lines": run.boot_lines + run.lines})
    timings.append((f"{arch} busybox", time.monotonic() - t0))


# ---- user-space suites (user/tests/) ---------------------------------------------

# test-all runs every suite of user/tests/; Atlas boots it as process 1.
UTEST_RUNNER = "test-all"
UTEST_APPEND = "rdinit=/bin/" + UTEST_RUNNER
# Limits for the host run: enough for the suites, little for a runaway.
UTEST_HOST_LIMITS = ["--as=1073741824", "--nproc=256", "--cpu=60", "--nofile=256",
                     "--fsize=67108864", "--core=0"]
UTEST_HOST_TIMEOUT = 120  # seconds
NOBODY = 65534


def parse_utest_ktap(lines):
    """Parses test-all's stream: a plan for the suites, then per suite its
    KTAP indented by four spaces and one closing "ok N suite" line.
    Returns (plan, suites), each suite a dict with name, plan, cases (a
    list of (ok, name, reason)) and verdict ((ok, reason), or None if the
    closing line never came). Other lines (the kernel's) are ignored."""
    plan, suites, cur = None, [], None
    for raw in lines:
        if raw.startswith("    "):
            line = raw[4:].strip()
            m = re.match(r"^# Subtest: (\S+)", line)
            if m:
                cur = {"name": m.group(1), "plan": None, "cases": [], "verdict": None}
                suites.append(cur)
                continue
            if cur is None:
                continue
            m = PLAN_RE.match(line)
            if m and cur["plan"] is None:
                cur["plan"] = int(m.group(1))
                continue
            m = RESULT_RE.match(line)
            if m:
                cur["cases"].append((m.group(1) == "ok", m.group(3), m.group(4) or ""))
            continue
        line = raw.strip()
        m = PLAN_RE.match(line)
        if m and plan is None:
            plan = int(m.group(1))
            continue
        m = RESULT_RE.match(line)
        if m and cur is not None and cur["verdict"] is None and m.group(3) == cur["name"]:
            cur["verdict"] = (m.group(1) == "ok", m.group(4) or "")
    return plan, suites


def count_utest(tally, label, lines, on_host):
    """Counts every case of test-all's output, and one more per suite
    (suite_ran_to_completion: every planned case reported, exit 0, and on
    Atlas the free pages test-all counted around it). On the host a
    failure means the test is wrong. Returns the problems of the run as a
    whole (plan not met)."""
    plan, suites = parse_utest_ktap(lines)
    wrong = "wrong test, fails on Linux: " if on_host else ""
    for s in suites:
        for ok, name, reason in s["cases"]:
            case = f"{label}: {s['name']}.{name}"
            tally.add(ok, case, wrong + reason if not ok else "")
            say(f"{'ok' if ok else 'not ok'} {case}" + (f" # {wrong}{reason}" if not ok else ""))
        problems = []
        if s["plan"] is None or s["plan"] != len(s["cases"]):
            problems.append(f"plan {s['plan']}, saw {len(s['cases'])} cases")
        if s["verdict"] is None:
            problems.append("no closing line from test-all")
        elif not s["verdict"][0]:
            # "exit status 1" after failed cases says no more than they do.
            why = s["verdict"][1]
            if why != "exit status 1" or all(c[0] for c in s["cases"]):
                problems.append(why)
        case = f"{label}: {s['name']}.suite_ran_to_completion"
        tally.add(not problems, case, wrong + "; ".join(problems))
        say(f"{'ok' if not problems else 'not ok'} {case}"
            + (f" # {wrong}{'; '.join(problems)}" if problems else ""))
    if plan is None:
        return ["test-all printed no plan"]
    if plan != len(suites):
        return [f"test-all planned {plan} suites, ran {len(suites)}"]
    return []


def utest_host_layer(tally, timings):
    """Runs the host-safe cases of every suite natively on the build host
    (x86_64 binaries are static Linux programs), before any boot: as
    nobody when we are root (setpriv), in a fresh scratch directory, under
    prlimit. A case that fails here is a wrong test."""
    say("# user-space suites, host-safe cases, natively on the build host (Linux)")
    t0 = time.monotonic()
    label = "host-linux"
    if os.uname().machine != "x86_64":
        say(f"# skipped: the build host is {os.uname().machine}, not x86_64")
        return
    if not build("x86_64", "user-tests"):
        tally.add(False, f"{label}: user_tests_build", "build failed")
        say(f"not ok {label}: user_tests_build")
        return
    scratch = tempfile.mkdtemp(prefix="atlas-utest-")
    bindir, work = os.path.join(scratch, "bin"), os.path.join(scratch, "work")
    testbin = os.path.join(ROOT, "build", "x86_64", "user", "testbin")
    shutil.copytree(testbin, bindir)
    os.mkdir(work)
    cmd = ["prlimit", *UTEST_HOST_LIMITS, "--", os.path.join(bindir, UTEST_RUNNER), "--host-safe"]
    if os.geteuid() == 0:
        cmd = as_nobody(scratch, cmd)
    env = {"PATH": "/usr/bin:/bin", "HOME": work, "LC_ALL": "C"}
    say("# $ " + " ".join(shlex.quote(c) for c in cmd) + f"  (in {work})")
    try:
        res = subprocess.run(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             timeout=UTEST_HOST_TIMEOUT)
        lines = res.stdout.decode("utf-8", "replace").splitlines()
        status = res.returncode
    except subprocess.TimeoutExpired:
        lines, status = [], None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(LOGDIR, exist_ok=True)
    with open(os.path.join(LOGDIR, "host-linux-utest.log"), "w") as f:
        f.write("\n".join(lines) + f"\n# status {status}\n")
    failed_before = tally.failed
    problems = count_utest(tally, label, lines, on_host=True)
    if status is None:
        problems.append(f"timed out after {UTEST_HOST_TIMEOUT} s")
    elif status != (1 if tally.failed > failed_before else 0):
        problems.append(f"{UTEST_RUNNER} exit status {status}")
    ok = not problems
    case = f"{label}: {UTEST_RUNNER}_runs_every_suite"
    tally.add(ok, case, "; ".join(problems))
    say(f"{'ok' if ok else 'not ok'} {case}" + (f" # {'; '.join(problems)}" if problems else ""))
    timings.append(("host-safe user cases on Linux", time.monotonic() - t0))


def utest_layer(tally, arch, timings):
    """Boots @arch with test-all as process 1, which runs every suite and
    exits with 0 only if all passed ("atlas: exit N"). Every case counts,
    plus one per suite and one for the boot."""
    say(f"# user-space suites on {arch} ({UTEST_APPEND})")
    t0 = time.monotonic()
    label = f"{arch}/utest"
    if not build(arch, "kernel", "initrd"):
        tally.add(False, f"{label}: builds", "build failed")
        say(f"not ok {label}: builds")
        return
    run = run_qemu(qemu_cmd(arch, "fast", UTEST_APPEND), f"{arch}-utest")
    say(f"# {label}: KTAP from {UTEST_RUNNER} (log: {run['log']})")
    failed_before = tally.failed
    problems = count_utest(tally, label, run["lines"], on_host=False)
    pass_status = int(make_var(arch, "print-pass-status"))
    code = exit_line(run["lines"])
    if run["status"] is None:
        problems.append(f"timed out after {BOOT_TIMEOUT} s")
    if any("KERNEL PANIC" in l for l in run["lines"]):
        problems.append("kernel panic")
    if code is None:
        problems.append("no 'atlas: exit' line")
    elif code != (1 if tally.failed > failed_before else 0):
        problems.append(f"'atlas: exit {code}' does not match the cases")
    elif run["status"] is not None and (code == 0) != (run["status"] == pass_status):
        problems.append(f"QEMU status {run['status']} disagrees with 'atlas: exit {code}'")
    # test-hostile's memory hog must die with a clear console line.
    oom = [l for l in run["lines"] if re.search(r"atlas: pid \d+ \(test-hostile\) killed: "
                                                 r"out of memory at", l)]
    oom_case = f"{label}: hostile.memory_hog_death_is_reported_on_the_console"
    tally.add(bool(oom), oom_case, "" if oom else "no 'killed: out of memory' line")
    say(f"{'ok' if oom else 'not ok'} {oom_case}"
        + ("" if oom else " # no 'killed: out of memory' line"))
    case = f"{label}: boot_runs_every_suite_and_exits_cleanly"
    tally.add(not problems, case, "; ".join(problems))
    say(f"{'ok' if not problems else 'not ok'} {case}"
        + (f" # {'; '.join(problems)}" if problems else ""))
    if problems or code != 0 or os.environ.get("KEEP_LOGS"):
        show_tail(run)
    timings.append((f"{arch} user-space suites", time.monotonic() - t0))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arches", default="x86_64 riscv64")
    ap.add_argument("--suites", default="")
    ap.add_argument("--skip-host", action="store_true")
    args = ap.parse_args()

    tally = Tally()
    timings = []
    t0 = time.monotonic()
    if not args.skip_host and args.suites not in ("compat", "utest", "busybox"):
        host_layer(tally, args.suites)
        timings.append(("host unit tests", time.monotonic() - t0))
    # T=utest names the user-space suites; T=utest alone runs only them.
    # Their host-safe cases run on the build host before any boot.
    run_utest = not args.suites or "utest" in args.suites.split(",")
    if run_utest:
        utest_host_layer(tally, timings)
    # T=compat names the compatibility layer; T=compat alone runs only it.
    only_compat = args.suites in ("compat", "busybox")
    for arch in args.arches.split():
        if not only_compat and args.suites != "utest":
            arch_layer(tally, arch, args.suites, timings)
        if run_utest:
            utest_layer(tally, arch, timings)
        if not args.suites or "compat" in args.suites.split(","):
            compat_layer(tally, arch, timings)
        if not args.suites or "busybox" in args.suites.split(","):
            busybox_layer(tally, arch, timings)

    say("# timings")
    for what, secs in timings:
        say(f"#   {what:32} " + (f"{secs:6.2f} s" if secs is not None else "   n/a"))
    say(f"#   {'total':32} {time.monotonic() - t0:6.2f} s")
    if tally.failures:
        say("# failures:")
        for f in tally.failures:
            say(f"#   {f}")
    say(f"{tally.passed} passed, {tally.failed} failed")
    return 0 if tally.failed == 0 and tally.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
