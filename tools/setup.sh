#!/usr/bin/env bash
# tools/setup.sh - check for the programs Atlas needs and install what is missing.
#
# On Debian (and derivatives) the missing programs are installed from Debian
# packages with apt-get, through sudo when not run as root. Every package is
# named before it is installed. On other systems the script only lists what
# is missing and exits non-zero.
#
# Usage: tools/setup.sh [--check]   (--check: report only, install nothing)
set -euo pipefail

# program -> Debian package that provides it
needs=(
	"gcc:gcc"
	"make:make"
	"ld:binutils"
	"python3:python3"
	"qemu-system-x86_64:qemu-system-x86"
	"qemu-system-riscv64:qemu-system-misc"
	"riscv64-unknown-elf-gcc:gcc-riscv64-unknown-elf"
	"riscv64-unknown-elf-ld:binutils-riscv64-unknown-elf"
	"grub-mkrescue:grub-common"
	"xorriso:xorriso"
	"mformat:mtools"
	"gdb-multiarch:gdb-multiarch"
	# user space: riscv64 Linux binaries on the host (qemu-riscv64), and
	# the static Linux toolchains of the compatibility checks
	"qemu-riscv64:qemu-user"
	"musl-gcc:musl-tools"
	"riscv64-linux-gnu-gcc:gcc-riscv64-linux-gnu"
)
# files -> package (things that are not programs on PATH)
files=(
	"/usr/lib/grub/i386-pc/multiboot2.mod:grub-pc-bin"
	"/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin:opensbi"
	# the source tools/build-newlib.sh builds the user-space C library from
	"/usr/src/newlib/newlib-3.3.0.tar.xz:newlib-source"
	# glibc for riscv64-linux-gnu-gcc -static, and riscv64 Linux's UAPI headers
	"/usr/riscv64-linux-gnu/lib/libc.a:libc6-dev-riscv64-cross"
	"/usr/riscv64-linux-gnu/include/asm/unistd.h:libc6-dev-riscv64-cross"
	# the keys of Debian 13 (trixie), whose riscv64 busybox-static
	# tools/busybox.sh fetches under a private apt configuration
	"/usr/share/keyrings/debian-archive-keyring.gpg:debian-archive-keyring"
)

missing_pkgs=()
missing_what=()
for pair in "${needs[@]}"; do
	prog=${pair%%:*} pkg=${pair#*:}
	if ! command -v "$prog" >/dev/null 2>&1; then
		missing_pkgs+=("$pkg")
		missing_what+=("$prog")
	fi
done
for pair in "${files[@]}"; do
	f=${pair%%:*} pkg=${pair#*:}
	if [ ! -e "$f" ]; then
		missing_pkgs+=("$pkg")
		missing_what+=("$f")
	fi
done

if [ ${#missing_pkgs[@]} -eq 0 ]; then
	exit 0
fi

# Deduplicate the package list, keeping order.
pkgs=$(printf '%s\n' "${missing_pkgs[@]}" | awk '!seen[$0]++' | tr '\n' ' ')

echo "setup: missing: ${missing_what[*]}"
if [ "${1:-}" = "--check" ]; then
	echo "setup: would install Debian packages: $pkgs"
	exit 1
fi
if ! command -v apt-get >/dev/null 2>&1 || [ ! -f /etc/debian_version ]; then
	echo "setup: this is not a Debian system; install the programs above by hand" >&2
	echo "setup: (on Debian they come from: $pkgs)" >&2
	exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "setup: need root or sudo to install: $pkgs" >&2
		exit 1
	fi
	sudo="sudo"
fi

echo "setup: installing Debian packages: $pkgs"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; refresh them once.
if ! $sudo apt-get install -y -q --no-install-recommends $pkgs; then
	echo "setup: refreshing the package lists (apt-get update)"
	$sudo apt-get update -q
	$sudo apt-get install -y -q --no-install-recommends $pkgs
fi
echo "setup: done"
