/*
 * kernel/bootinfo.h - what the boot loader told us, in one arch-neutral form.
 *
 * Each port parses its firmware's format (multiboot1/2 on x86_64, the
 * device tree on riscv64) into a struct bootinfo before kmain() builds the
 * memory manager on it. Ranges are physical and half-open: [start, end).
 */
#ifndef ATLAS_BOOTINFO_H
#define ATLAS_BOOTINFO_H

#include "kernel/types.h"

#define BOOT_MAX_RANGES 64
#define BOOT_CMDLINE_MAX 512
#define BOOT_NAME_MAX 16

struct boot_range {
	paddr_t start;
	paddr_t end;
	char name[BOOT_NAME_MAX];	/* what it is, for the memory map print */
};

struct bootinfo {
	const char *loader;		/* "GRUB (multiboot2)", "OpenSBI", ... */
	struct boot_range ram[BOOT_MAX_RANGES];		/* usable RAM */
	unsigned nr_ram;
	struct boot_range reserved[BOOT_MAX_RANGES];	/* never to be allocated */
	unsigned nr_reserved;
	char cmdline[BOOT_CMDLINE_MAX];
	paddr_t initrd_start;		/* 0, 0 when there is none */
	paddr_t initrd_end;
};

/*
 * bootinfo_add_ram() records usable RAM [start, end). Ranges are page
 * aligned inwards; an empty result is dropped. Returns 0, or -ENOSPC when
 * the table is full.
 */
int bootinfo_add_ram(struct bootinfo *bi, paddr_t start, paddr_t end, const char *name);

/*
 * bootinfo_reserve() records [start, end) as not allocatable (aligned
 * outwards to pages). Returns 0, or -ENOSPC when the table is full.
 */
int bootinfo_reserve(struct bootinfo *bi, paddr_t start, paddr_t end, const char *name);

/* bootinfo_set_cmdline() copies @s, cutting it to BOOT_CMDLINE_MAX - 1. */
void bootinfo_set_cmdline(struct bootinfo *bi, const char *s, size_t len);

/* bootinfo_is_reserved() is true if [start, end) overlaps any reservation. */
bool bootinfo_is_reserved(const struct bootinfo *bi, paddr_t start, paddr_t end);

/* bootinfo_ram_total() is the sum of all RAM ranges, in bytes. */
uint64_t bootinfo_ram_total(const struct bootinfo *bi);

/*
 * boot_info() is what the port reported at boot (kernel/main.c keeps it),
 * for code that runs later: the initrd, the command line. Read-only.
 */
const struct bootinfo *boot_info(void);

#endif
