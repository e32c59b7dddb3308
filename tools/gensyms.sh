#!/bin/sh
# tools/gensyms.sh - turn `nm -n` output into the kernel's symbol table.
#
# Reads nm's sorted listing (address, type, name) from the file named by $1
# and writes assembly for .rodata.ksyms: the count, the sorted function
# addresses, and each name's offset into a string block. kernel/ksyms.c
# searches it to name the functions in a backtrace. Only text symbols
# (types t and T) are kept.
set -eu
awk 'BEGIN { n = 0 }
$2 ~ /^[tT]$/ && $3 !~ /^\.L/ && $3 !~ /^\$/ {
	addr[n] = $1; name[n] = $3; n++
}
END {
	print "\t.section .rodata.ksyms, \"a\""
	print "\t.balign 8"
	print "\t.globl ksyms_count"
	print "ksyms_count:"
	printf "\t.quad %d\n", n
	print "\t.globl ksyms_addr"
	print "ksyms_addr:"
	for (i = 0; i < n; i++)
		printf "\t.quad 0x%s\n", addr[i]
	print "\t.globl ksyms_name_off"
	print "ksyms_name_off:"
	off = 0
	for (i = 0; i < n; i++) {
		printf "\t.long %d\n", off
		off += length(name[i]) + 1
	}
	print "\t.globl ksyms_names"
	print "ksyms_names:"
	for (i = 0; i < n; i++)
		printf "\t.asciz \"%s\"\n", name[i]
}' "$1"
