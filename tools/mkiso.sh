#!/bin/sh
# tools/mkiso.sh - build the bootable GRUB ISO for x86_64.
#
# Usage: tools/mkiso.sh KERNEL.elf OUT.iso "KERNEL OPTIONS" [INITRD]
#
# GRUB loads the kernel with its multiboot2 command (and the initrd, when
# given, as the first module) with no menu delay. grub-mkrescue comes from
# grub-common, the BIOS modules from grub-pc-bin, plus xorriso and mtools.
set -eu
kernel=$1 out=$2 options=${3:-} initrd=${4:-}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/atlas.elf"
module=""
if [ -n "$initrd" ]; then
	cp "$initrd" "$dir/boot/initrd.cpio"
	module="	module2 /boot/initrd.cpio initrd"
fi
cat > "$dir/boot/grub/grub.cfg" <<CFG
set timeout=0
set timeout_style=hidden
set default=0
menuentry "Atlas" {
	multiboot2 /boot/atlas.elf $options
$module
	boot
}
CFG
# Only the modules the config needs, no fonts, themes or locales: a small
# image boots faster under TCG.
grub-mkrescue --quiet --compress=no --locales= --fonts= --themes= \
	--install-modules="multiboot2 normal part_msdos iso9660 biosdisk" \
	-o "$out" "$dir" 2>/dev/null || {
	echo "mkiso: grub-mkrescue failed; run tools/setup.sh" >&2
	grub-mkrescue -o "$out" "$dir"
	exit 1
}
