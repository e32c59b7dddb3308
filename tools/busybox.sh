#!/usr/bin/env bash
# tools/busybox.sh - fetch Debian's busybox-static for one arch and lay it
# out as an initramfs tree.
#
# Usage: tools/busybox.sh x86_64|riscv64
#
# Result (cached; a second run does nothing):
#   build/<arch>/busybox/busybox       the static binary, as Debian ships it
#   build/<arch>/busybox/root/         a tree for the initramfs: bin/busybox
#                                      and one symlink per applet in
#                                      usr/bin/ (-> ../../bin/busybox,
#                                      relative, so make can follow it)
#   build/<arch>/busybox/applets       the applet names, one per line
#   build/<arch>/busybox/version       the Debian package version
#
# x86_64 comes from the host's own archive (bookworm): apt-get download.
# riscv64 comes from Debian 13 (trixie), whose riscv64 port this amd64
# host's archive lacks: apt-get update and download under a private
# APT_CONFIG in build/riscv64/busybox/apt/, with only the trixie suite,
# Architecture riscv64, and the mirror the host's apt already uses (read
# with apt-get indextargets). The host's apt state is never touched. Both
# are then unpacked with dpkg -x. Needs the Debian mirror; nothing else.
set -euo pipefail

arch=${1:?usage: tools/busybox.sh x86_64|riscv64}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build/$arch/busybox

if [ -x "$out/root/bin/busybox" ] && [ -s "$out/applets" ]; then
	exit 0
fi

case $arch in
x86_64)  deb_arch=amd64 ;;
riscv64) deb_arch=riscv64 ;;
*) echo "busybox: unknown arch '$arch'" >&2; exit 2 ;;
esac

for prog in apt-get dpkg; do
	command -v "$prog" >/dev/null || { echo "busybox: needs $prog (Debian)" >&2; exit 1; }
done

rm -rf "$out"
mkdir -p "$out/dl"
# apt-get download runs as the sandbox user _apt when started as root; it
# must be able to write the download directory.
chmod 0777 "$out/dl"

# host_mirror prints the URI of the Debian archive the host's apt uses
# for its main suite (not debian-security), e.g. http://.../debian/.
host_mirror() {
	apt-get indextargets --format '$(REPO_URI)' 'Label: Debian' 'Identifier: Packages' |
		head -n 1
}

# private_apt writes an apt configuration under $out/apt whose only
# source is trixie for riscv64 on the host's mirror; prints its path.
private_apt() {
	local mirror=$1 apt=$out/apt keyring
	keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	mkdir -p "$apt"/{etc/apt.conf.d,etc/preferences.d,etc/sources.list.d,etc/trusted.gpg.d} \
		"$apt"/state/lists/partial "$apt"/cache/archives/partial
	chmod -R a+rwX "$apt/state" "$apt/cache"
	: > "$apt/state/status"
	cat > "$apt/etc/sources.list" <<-EOF
		deb [arch=riscv64 signed-by=$keyring] $mirror trixie main
	EOF
	cat > "$apt/apt.conf" <<-EOF
		APT::Architecture "riscv64";
		APT::Architectures { "riscv64"; };
		Dir::Etc "$apt/etc";
		Dir::Etc::main "/dev/null";
		Dir::Etc::parts "$apt/etc/apt.conf.d";
		Dir::Etc::sourcelist "$apt/etc/sources.list";
		Dir::Etc::sourceparts "$apt/etc/sources.list.d";
		Dir::Etc::preferences "/dev/null";
		Dir::Etc::preferencesparts "$apt/etc/preferences.d";
		Dir::Etc::trusted "/dev/null";
		Dir::Etc::trustedparts "$apt/etc/trusted.gpg.d";
		Dir::State "$apt/state";
		Dir::State::status "$apt/state/status";
		Dir::Cache "$apt/cache";
		Acquire::Languages "none";
		Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled "false";
	EOF
	echo "$apt/apt.conf"
}

cd "$out/dl"
if [ "$arch" = x86_64 ]; then
	echo "busybox: apt-get download busybox-static (host archive, $deb_arch)"
	apt-get download -q busybox-static:"$deb_arch"
else
	mirror=$(host_mirror)
	if [ -z "$mirror" ]; then
		echo "busybox: cannot find the host's Debian mirror (apt-get indextargets)" >&2
		exit 1
	fi
	conf=$(private_apt "$mirror")
	echo "busybox: apt-get update + download busybox-static (trixie riscv64, $mirror)"
	APT_CONFIG=$conf apt-get update -q
	APT_CONFIG=$conf apt-get download -q busybox-static:riscv64
fi
deb=$(ls "$out"/dl/busybox-static_*_"$deb_arch".deb)
dpkg-deb -f "$deb" Version > "$out/version"
dpkg -x "$deb" "$out/pkg"
# bookworm ships /bin/busybox, trixie (merged /usr) /usr/bin/busybox.
for f in "$out/pkg/bin/busybox" "$out/pkg/usr/bin/busybox"; do
	[ -f "$f" ] && cp "$f" "$out/busybox"
done
[ -f "$out/busybox" ] || { echo "busybox: no busybox binary in $deb" >&2; exit 1; }

# The initramfs tree: the binary at /bin/busybox, every applet in /usr/bin.
# The applet list comes from the package's binary itself (busybox --list),
# run natively on x86_64 and under qemu-riscv64 on riscv64.
run_bb() {
	if [ "$arch" = x86_64 ]; then "$out/busybox" "$@"; else qemu-riscv64 "$out/busybox" "$@"; fi
}
run_bb --list > "$out/applets.tmp"
mkdir -p "$out/root/bin" "$out/root/usr/bin"
cp "$out/busybox" "$out/root/bin/busybox"
while read -r applet; do
	case $applet in
	busybox | */*) ;;
	*) ln -s ../../bin/busybox "$out/root/usr/bin/$applet" ;;
	esac
done < "$out/applets.tmp"
mv "$out/applets.tmp" "$out/applets"
echo "busybox: busybox-static $(cat "$out/version") for $arch in ${out#"$root"/}" \
	"($(wc -l < "$out/applets") applets)"
