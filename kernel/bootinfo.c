/*
 * kernel/bootinfo.c - building a struct bootinfo, shared by the ports'
 * boot-information parsers.
 */
#include "kernel/bootinfo.h"
#include "kernel/kernel.h"

#define BOOT_PAGE 4096ull

static int add_range(struct boot_range *table, unsigned *nr, paddr_t start,
		     paddr_t end, const char *name)
{
	if (start >= end)
		return 0;
	if (*nr == BOOT_MAX_RANGES)
		return -ENOSPC;
	table[*nr].start = start;
	table[*nr].end = end;
	strlcpy(table[*nr].name, name ? name : "", BOOT_NAME_MAX);
	(*nr)++;
	return 0;
}

int bootinfo_add_ram(struct bootinfo *bi, paddr_t start, paddr_t end, const char *name)
{
	start = ALIGN_UP(start, BOOT_PAGE);
	end = ALIGN_DOWN(end, BOOT_PAGE);
	return add_range(bi->ram, &bi->nr_ram, start, end, name);
}

int bootinfo_reserve(struct bootinfo *bi, paddr_t start, paddr_t end, const char *name)
{
	start = ALIGN_DOWN(start, BOOT_PAGE);
	end = ALIGN_UP(end, BOOT_PAGE);
	return add_range(bi->reserved, &bi->nr_reserved, start, end, name);
}

void bootinfo_set_cmdline(struct bootinfo *bi, const char *s, size_t len)
{
	if (len > BOOT_CMDLINE_MAX - 1)
		len = BOOT_CMDLINE_MAX - 1;
	memcpy(bi->cmdline, s, len);
	bi->cmdline[len] = '\0';
}

bool bootinfo_is_reserved(const struct bootinfo *bi, paddr_t start, paddr_t end)
{
	for (unsigned i = 0; i < bi->nr_reserved; i++)
		if (start < bi->reserved[i].end && bi->reserved[i].start < end)
			return true;
	return false;
}

uint64_t bootinfo_ram_total(const struct bootinfo *bi)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < bi->nr_ram; i++)
		total += bi->ram[i].end - bi->ram[i].start;
	return total;
}
