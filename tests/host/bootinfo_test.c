/*
 * tests/host/bootinfo_test.c - the real kernel/bootinfo.c on the host.
 */
#include "htest.h"
#include "kernel/bootinfo.h"

#include <string.h>

HTEST(bootinfo_ram_is_aligned_inwards_and_reservations_outwards)
{
	static struct bootinfo bi;

	memset(&bi, 0, sizeof(bi));
	CHECK(bootinfo_add_ram(&bi, 0x1234, 0x9fc00, "low") == 0);
	CHECK(bi.nr_ram == 1);
	CHECK(bi.ram[0].start == 0x2000 && bi.ram[0].end == 0x9f000);
	CHECK(bootinfo_reserve(&bi, 0x100100, 0x100200, "x") == 0);
	CHECK(bi.reserved[0].start == 0x100000 && bi.reserved[0].end == 0x101000);
	CHECK(bootinfo_is_reserved(&bi, 0x100fff, 0x101000));
	CHECK(!bootinfo_is_reserved(&bi, 0x101000, 0x102000));
	CHECK(bootinfo_ram_total(&bi) == 0x9d000);
}

HTEST(bootinfo_empty_ranges_are_dropped)
{
	static struct bootinfo bi;

	memset(&bi, 0, sizeof(bi));
	CHECK(bootinfo_add_ram(&bi, 0x1001, 0x1fff, "tiny") == 0);
	CHECK(bi.nr_ram == 0);
}

HTEST(bootinfo_full_table_is_enospc)
{
	static struct bootinfo bi;
	int err = 0;

	memset(&bi, 0, sizeof(bi));
	for (int i = 0; i < BOOT_MAX_RANGES + 1 && !err; i++)
		err = bootinfo_add_ram(&bi, (paddr_t)i << 20, ((paddr_t)i << 20) + 0x10000, "r");
	CHECK(err == -28);
	CHECK(bi.nr_ram == BOOT_MAX_RANGES);
}

HTEST(bootinfo_cmdline_is_cut_and_terminated)
{
	static struct bootinfo bi;
	char big[BOOT_CMDLINE_MAX + 50];

	memset(big, 'x', sizeof(big));
	bootinfo_set_cmdline(&bi, big, sizeof(big));
	CHECK(strlen(bi.cmdline) == BOOT_CMDLINE_MAX - 1);
	bootinfo_set_cmdline(&bi, "ktest=all", 9);
	CHECK(strcmp(bi.cmdline, "ktest=all") == 0);
}

HTEST(bootinfo_names_are_cut_to_fit)
{
	static struct bootinfo bi;

	memset(&bi, 0, sizeof(bi));
	CHECK(bootinfo_reserve(&bi, 0, 4096, "a-very-long-region-name") == 0);
	CHECK(strlen(bi.reserved[0].name) == BOOT_NAME_MAX - 1);
}
