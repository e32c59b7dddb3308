/*
 * arch/x86_64/multiboot.h - reading what a multiboot loader hands over.
 *
 * GRUB's multiboot2 command and QEMU's -kernel (multiboot1) both leave a
 * magic number in eax and the physical address of an information block in
 * ebx. multiboot_parse() checks that block and everything it points to, and
 * fills a struct bootinfo: usable RAM, the command line, the modules (the
 * first is the initrd), and reservations for the block itself, the
 * modules and the strings.
 *
 * The parser touches no hardware and includes no arch header, so the host
 * tests (tests/host/multiboot_test.c) compile the same file and feed it
 * valid, corrupt and truncated blocks. It reaches physical memory only
 * through a struct mb_phys.
 */
#ifndef ATLAS_X86_64_MULTIBOOT_H
#define ATLAS_X86_64_MULTIBOOT_H

#include "kernel/bootinfo.h"
#include "kernel/types.h"

#define MB2_BOOTLOADER_MAGIC	0x36d76289u	/* eax after a multiboot2 loader */
#define MB1_BOOTLOADER_MAGIC	0x2badb002u	/* eax after a multiboot1 loader */

/* The largest information block Atlas believes (GRUB's are a few KiB). */
#define MB_INFO_MAX		(64u * 1024)
/* The longest string (command line, module name) Atlas reads. */
#define MB_STRING_MAX		4096u
/* The most multiboot1 modules Atlas looks at. */
#define MB1_MODS_MAX		64u

/* Multiboot2 tag types Atlas reads. */
#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER_NAME	2
#define MB2_TAG_MODULE		3
#define MB2_TAG_BASIC_MEMINFO	4
#define MB2_TAG_MMAP		6

/* Multiboot1 info flags Atlas reads. */
#define MB1_INFO_MEM		(1u << 0)
#define MB1_INFO_CMDLINE	(1u << 2)
#define MB1_INFO_MODS		(1u << 3)
#define MB1_INFO_MMAP		(1u << 6)
#define MB1_INFO_LOADER_NAME	(1u << 9)

/* Memory-map entry type for usable RAM (both versions, like e820). */
#define MB_MEMORY_AVAILABLE	1

/*
 * How the parser reaches physical memory: physical address pa is at
 * virtual pa + offset, for lo <= pa and pa + len <= hi. Anything the block
 * points outside [lo, hi) is rejected as corrupt. The kernel passes the
 * boot direct map, [0, EARLY_MAP_LIMIT); the host tests pass a buffer.
 */
struct mb_phys {
	uintptr_t offset;
	paddr_t lo, hi;
};

/*
 * multiboot_parse() checks the information block at physical @info_pa
 * whose format @magic announces, and adds what it says to @bi (which the
 * caller zeroed). Returns 0, or -EINVAL after printing (pr_err) what is
 * wrong with the block: an unknown magic, a size or pointer out of range,
 * a tag or entry running past its end, a missing end tag, a string without
 * its terminating NUL.
 */
int multiboot_parse(uint32_t magic, paddr_t info_pa, const struct mb_phys *phys,
		    struct bootinfo *bi);

#endif
