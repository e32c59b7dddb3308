/*
 * tests/host/multiboot_test.c - the real arch/x86_64/multiboot.c on the
 * host, fed valid, corrupt and truncated multiboot1/2 information blocks.
 *
 * The blocks are built in an arena that stands for physical memory
 * [ARENA_PA, ARENA_PA + sizeof(arena)); struct mb_phys tells the parser
 * so. Every rejected block must give -EINVAL, leave the bootinfo empty and
 * print a message naming the problem (captured by vprintk below).
 */
#include "htest.h"
#include "kernel/errno.h"
#include "arch/x86_64/multiboot.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_PA	0x100000u
#define INFO_OFF	0x1000u		/* the info block, in the arena */
#define MOD0_PA		0x300000u	/* modules: ranges only, never read */
#define MOD1_PA		0x340000u

static uint8_t arena[4u << 20] __attribute__((aligned(4096)));
static const struct mb_phys phys = {
	.lo = ARENA_PA, .hi = ARENA_PA + sizeof(arena),
};
static struct bootinfo bi;
static char log_buf[8192];
static bool quiet;	/* loops of thousands of messages stay unprinted */

/* The parser's pr_err() lands here: kept for the checks, echoed as KTAP. */
void vprintk(int level, const char *fmt, va_list ap)
{
	size_t n = strlen(log_buf);
	va_list copy;

	(void)level;
	va_copy(copy, ap);
	vsnprintf(log_buf + n, sizeof(log_buf) - n, fmt, copy);
	va_end(copy);
	if (quiet)
		return;
	fputs("# ", stdout);
	vprintf(fmt, ap);
}

static void fresh(void)
{
	memset(arena, 0, sizeof(arena));
	memset(&bi, 0, sizeof(bi));
	log_buf[0] = '\0';
}

static int parse(uint32_t magic, uint32_t info_pa)
{
	struct mb_phys p = phys;

	p.offset = (uintptr_t)arena - ARENA_PA;
	return multiboot_parse(magic, info_pa, &p, &bi);
}

static uint8_t *at(uint32_t pa)
{
	return arena + (pa - ARENA_PA);
}

static void wr32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void wr64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static bool logged(const char *what)
{
	return strstr(log_buf, what) != NULL;
}

/* A rejected block: -EINVAL, nothing recorded, a message about @what. */
#define CHECK_REJECTED(err, what)					\
	do {								\
		CHECK((err) == -EINVAL);				\
		CHECK(bi.nr_ram == 0 && bi.nr_reserved == 0);		\
		CHECK(bi.cmdline[0] == '\0' && bi.loader == NULL);	\
		CHECK(logged(what));					\
	} while (0)

/* ---- multiboot2 blocks ---------------------------------------------------- */

struct mb2 {
	uint8_t *base;
	uint32_t off;
	uint8_t *mmap;		/* the memory-map tag, for tests to corrupt */
	uint8_t *cmdline;
	uint8_t *module;
};

static uint8_t *mb2_tag(struct mb2 *b, uint32_t type, uint32_t size)
{
	uint8_t *tag = b->base + b->off;

	wr32(tag, type);
	wr32(tag + 4, size);
	b->off += (size + 7) & ~7u;
	return tag;
}

static uint8_t *mb2_string_tag(struct mb2 *b, uint32_t type, const char *s)
{
	uint8_t *tag = mb2_tag(b, type, 8 + (uint32_t)strlen(s) + 1);

	memcpy(tag + 8, s, strlen(s) + 1);
	return tag;
}

static uint8_t *mb2_module(struct mb2 *b, uint32_t start, uint32_t end, const char *name)
{
	uint8_t *tag = mb2_tag(b, MB2_TAG_MODULE, 16 + (uint32_t)strlen(name) + 1);

	wr32(tag + 8, start);
	wr32(tag + 12, end);
	memcpy(tag + 16, name, strlen(name) + 1);
	return tag;
}

static uint32_t mb2_finish(struct mb2 *b)
{
	mb2_tag(b, MB2_TAG_END, 8);
	wr32(b->base, b->off);
	return b->off;
}

/* What GRUB hands over, in miniature: four tags, three RAM entries. */
static uint32_t mb2_build(struct mb2 *b, bool with_mmap)
{
	static const uint64_t map[][3] = {
		{ 0x0, 0x9fc00, 1 },
		{ 0xf0000, 0x10000, 2 },
		{ 0x100000, 0x7f00000, 1 },
	};
	uint8_t *tag;

	*b = (struct mb2){ .base = at(ARENA_PA + INFO_OFF), .off = 8 };
	b->cmdline = mb2_string_tag(b, MB2_TAG_CMDLINE, "console=ttyS0 ktest=all");
	mb2_string_tag(b, MB2_TAG_LOADER_NAME, "GRUB 2.06-13+deb12u1");
	b->module = mb2_module(b, MOD0_PA, MOD0_PA + 0x1234, "initrd");
	mb2_module(b, MOD1_PA, MOD1_PA + 0x1000, "second");
	tag = mb2_tag(b, MB2_TAG_BASIC_MEMINFO, 16);
	wr32(tag + 8, 639);
	wr32(tag + 12, 130048);
	if (with_mmap) {
		tag = b->mmap = mb2_tag(b, MB2_TAG_MMAP, 16 + 3 * 24);
		wr32(tag + 8, 24);
		for (int i = 0; i < 3; i++) {
			wr64(tag + 16 + 24 * i, map[i][0]);
			wr64(tag + 24 + 24 * i, map[i][1]);
			wr32(tag + 32 + 24 * i, (uint32_t)map[i][2]);
		}
	}
	return mb2_finish(b);
}

static int mb2_parse(void)
{
	return parse(MB2_BOOTLOADER_MAGIC, ARENA_PA + INFO_OFF);
}

static bool reserved_exactly(paddr_t start, paddr_t end, const char *name)
{
	for (unsigned i = 0; i < bi.nr_reserved; i++)
		if (bi.reserved[i].start == start && bi.reserved[i].end == end &&
		    strcmp(bi.reserved[i].name, name) == 0)
			return true;
	return false;
}

HTEST(mb2_valid_block_gives_ram_cmdline_initrd_and_loader)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, true);
	CHECK(mb2_parse() == 0);
	CHECK(bi.nr_ram == 2);
	CHECK(bi.ram[0].start == 0 && bi.ram[0].end == 0x9f000);
	CHECK(bi.ram[1].start == 0x100000 && bi.ram[1].end == 0x8000000);
	CHECK(strcmp(bi.cmdline, "console=ttyS0 ktest=all") == 0);
	CHECK(bi.initrd_start == MOD0_PA && bi.initrd_end == MOD0_PA + 0x1234);
	CHECK(bi.loader && strcmp(bi.loader, "GRUB (multiboot2)") == 0);
	CHECK(log_buf[0] == '\0');
}

HTEST(mb2_reserves_the_info_block_and_every_module)
{
	struct mb2 b;
	uint32_t total;

	fresh();
	total = mb2_build(&b, true);
	CHECK(mb2_parse() == 0);
	CHECK(reserved_exactly(ARENA_PA + INFO_OFF, ARENA_PA + INFO_OFF + 4096, "multiboot info"));
	CHECK(total < 4096);
	CHECK(reserved_exactly(MOD0_PA, MOD0_PA + 0x2000, "initrd"));
	CHECK(reserved_exactly(MOD1_PA, MOD1_PA + 0x1000, "module"));
}

HTEST(mb2_unknown_tags_are_skipped)
{
	struct mb2 b = { .base = at(ARENA_PA + INFO_OFF), .off = 8 };
	uint8_t *tag;

	fresh();
	mb2_tag(&b, 21, 13);		/* unknown, odd size: padded to 16 */
	tag = mb2_tag(&b, MB2_TAG_BASIC_MEMINFO, 16);
	wr32(tag + 8, 640);
	wr32(tag + 12, 1024);
	mb2_tag(&b, 99, 8);
	mb2_finish(&b);
	CHECK(mb2_parse() == 0);
	CHECK(bi.nr_ram == 2);
	CHECK(bi.ram[1].start == 0x100000 && bi.ram[1].end == 0x200000);
	CHECK(bi.loader && strcmp(bi.loader, "UNKNOWN (multiboot2)") == 0);
}

HTEST(mb2_without_mmap_uses_basic_meminfo)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, false);
	CHECK(mb2_parse() == 0);
	CHECK(bi.nr_ram == 2);
	CHECK(bi.ram[0].start == 0 && bi.ram[0].end == 0x9f000);
	CHECK(bi.ram[1].start == 0x100000 && bi.ram[1].end == 0x100000 + 130048ull * 1024);
}

HTEST(mb2_misaligned_block_is_rejected)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, true);
	CHECK_REJECTED(parse(MB2_BOOTLOADER_MAGIC, ARENA_PA + INFO_OFF + 4), "aligned");
}

HTEST(mb2_block_outside_reachable_memory_is_rejected)
{
	fresh();
	CHECK_REJECTED(parse(MB2_BOOTLOADER_MAGIC, ARENA_PA - 4096), "outside reachable");
	fresh();
	wr32(at(phys.hi - 8), 64);	/* 64 bytes claimed, 8 left */
	CHECK_REJECTED(parse(MB2_BOOTLOADER_MAGIC, phys.hi - 8), "past reachable");
}

HTEST(mb2_total_size_out_of_range_is_rejected)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, true);
	wr32(b.base, 8);
	CHECK_REJECTED(mb2_parse(), "total_size 8");
	fresh();
	mb2_build(&b, true);
	wr32(b.base, MB_INFO_MAX + 8);
	CHECK_REJECTED(mb2_parse(), "total_size");
	fresh();
	mb2_build(&b, true);
	wr32(b.base, 0xfffffff8);
	CHECK_REJECTED(mb2_parse(), "out of range");
}

HTEST(mb2_tag_running_past_the_end_is_rejected)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, true);
	wr32(b.cmdline + 4, 4000);
	CHECK_REJECTED(mb2_parse(), "runs past the end");
}

HTEST(mb2_tag_smaller_than_its_header_is_rejected)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, true);
	wr32(b.cmdline + 4, 4);
	CHECK_REJECTED(mb2_parse(), "less than its 8-byte header");
}

HTEST(mb2_missing_end_tag_is_rejected)
{
	struct mb2 b;
	uint32_t total;

	fresh();
	total = mb2_build(&b, true);
	memset(b.base + total - 8, 0xee, 8);	/* the end tag becomes garbage */
	wr32(b.base + total - 8, 77);
	wr32(b.base + total - 4, 8);
	CHECK_REJECTED(mb2_parse(), "no end tag");
}

/* Cutting total_size anywhere short of the end tag must be caught. */
HTEST(mb2_every_truncation_is_rejected)
{
	struct mb2 b;
	uint32_t total, cut;

	fresh();
	total = mb2_build(&b, true);
	quiet = true;
	for (cut = 16; cut < total; cut++) {
		memset(&bi, 0, sizeof(bi));
		log_buf[0] = '\0';
		wr32(b.base, cut);
		if (mb2_parse() != -EINVAL || bi.nr_ram || !logged("multiboot2:"))
			break;
	}
	quiet = false;
	CHECK(cut == total);	/* every cut rejected, with a message */
	wr32(b.base, total);
	CHECK(mb2_parse() == 0);
}

HTEST(mb2_unterminated_strings_are_rejected)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, true);
	memset(b.cmdline + 8, 'x', strlen("console=ttyS0 ktest=all") + 1);
	CHECK_REJECTED(mb2_parse(), "command line tag at offset 8: string not NUL-terminated");
	fresh();
	mb2_build(&b, true);
	memset(b.module + 16, 'x', strlen("initrd") + 1);
	CHECK_REJECTED(mb2_parse(), "module tag");
}

HTEST(mb2_bad_mmap_entry_size_is_rejected)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, true);
	wr32(b.mmap + 8, 16);
	CHECK_REJECTED(mb2_parse(), "entry_size 16");
	fresh();
	mb2_build(&b, true);
	wr32(b.mmap + 8, 28);
	CHECK_REJECTED(mb2_parse(), "entry_size 28");
	fresh();
	mb2_build(&b, true);
	wr32(b.mmap + 8, 0);
	CHECK_REJECTED(mb2_parse(), "entry_size 0");
}

HTEST(mb2_mmap_with_a_partial_entry_is_rejected)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, true);
	wr32(b.mmap + 4, 16 + 2 * 24 + 8);	/* 2 entries and a third of one */
	CHECK_REJECTED(mb2_parse(), "whole number");
}

HTEST(mb2_mmap_entry_wrapping_around_is_rejected)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, true);
	wr64(b.mmap + 16 + 24 + 8, ~0ull);
	CHECK_REJECTED(mb2_parse(), "wraps around");
}

HTEST(mb2_bad_module_range_is_rejected)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, true);
	wr32(b.module + 12, MOD0_PA - 1);
	CHECK_REJECTED(mb2_parse(), "module 0");
	fresh();
	mb2_build(&b, true);
	wr32(b.module + 12, 0xfffff000);
	CHECK_REJECTED(mb2_parse(), "reachable memory");
}

HTEST(mb2_no_memory_information_is_rejected)
{
	struct mb2 b = { .base = at(ARENA_PA + INFO_OFF), .off = 8 };

	fresh();
	mb2_string_tag(&b, MB2_TAG_CMDLINE, "");
	mb2_finish(&b);
	CHECK_REJECTED(mb2_parse(), "no way to know the RAM");
}

/* Random damage may give a valid block or -EINVAL, never a crash (ASan). */
HTEST(mb2_random_corruption_never_crashes)
{
	unsigned seed = getenv("SEED") ? (unsigned)atoi(getenv("SEED")) : 12345;
	struct mb2 b;
	uint32_t total;
	int err = 0, accepted = 0;

	printf("# seed %u (replay with SEED=%u)\n", seed, seed);
	srand(seed);
	quiet = true;
	for (int round = 0; round < 3000; round++) {
		fresh();
		total = mb2_build(&b, true);
		for (int k = 0, n = 1 + rand() % 4; k < n; k++)
			b.base[rand() % (total + 16)] = (uint8_t)rand();
		err = mb2_parse();
		if (err == 0)
			accepted++;
		if (err != 0 && err != -EINVAL)
			break;
	}
	quiet = false;
	printf("# %d of 3000 damaged blocks were still valid\n", accepted);
	CHECK(err == 0 || err == -EINVAL);
	CHECK(accepted > 0 && accepted < 3000);
}

/* ---- multiboot1 blocks ---------------------------------------------------- */

#define MB1_INFO_PA	(ARENA_PA + INFO_OFF)
#define MB1_MMAP_PA	(ARENA_PA + 0x2000)
#define MB1_CMDLINE_PA	(ARENA_PA + 0x3000)
#define MB1_MODS_PA	(ARENA_PA + 0x4000)
#define MB1_NAMES_PA	(ARENA_PA + 0x5000)
#define MB1_LOADER_PA	(ARENA_PA + 0x6000)

static void mb1_string(uint32_t pa, const char *s)
{
	memcpy(at(pa), s, strlen(s) + 1);
}

/* What QEMU's -kernel hands over: mmap (20-byte entries), cmdline, 2 modules. */
static void mb1_build(const char *cmdline)
{
	uint8_t *info = at(MB1_INFO_PA);
	static const uint64_t map[][3] = {
		{ 0x0, 0x9fc00, 1 },
		{ 0x9fc00, 0x400, 2 },
		{ 0x100000, 0xfee0000, 1 },
	};

	wr32(info, MB1_INFO_MEM | MB1_INFO_CMDLINE | MB1_INFO_MODS |
		   MB1_INFO_MMAP | MB1_INFO_LOADER_NAME);
	wr32(info + 4, 639);
	wr32(info + 8, 261120);
	wr32(info + 16, MB1_CMDLINE_PA);
	mb1_string(MB1_CMDLINE_PA, cmdline);
	wr32(info + 20, 2);
	wr32(info + 24, MB1_MODS_PA);
	wr32(at(MB1_MODS_PA), MOD0_PA);
	wr32(at(MB1_MODS_PA) + 4, MOD0_PA + 0x2345);
	wr32(at(MB1_MODS_PA) + 8, MB1_NAMES_PA);
	wr32(at(MB1_MODS_PA) + 16, MOD1_PA);
	wr32(at(MB1_MODS_PA) + 20, MOD1_PA + 0x1000);
	wr32(at(MB1_MODS_PA) + 24, MB1_NAMES_PA + 16);
	mb1_string(MB1_NAMES_PA, "initrd.cpio");
	mb1_string(MB1_NAMES_PA + 16, "extra");
	wr32(info + 44, 3 * 24);
	wr32(info + 48, MB1_MMAP_PA);
	for (int i = 0; i < 3; i++) {
		uint8_t *e = at(MB1_MMAP_PA) + 24 * i;

		wr32(e, 20);
		wr64(e + 4, map[i][0]);
		wr64(e + 12, map[i][1]);
		wr32(e + 20, (uint32_t)map[i][2]);
	}
	wr32(info + 64, MB1_LOADER_PA);
	mb1_string(MB1_LOADER_PA, "qemu");
}

static int mb1_parse(void)
{
	return parse(MB1_BOOTLOADER_MAGIC, MB1_INFO_PA);
}

HTEST(mb1_valid_block_gives_ram_cmdline_initrd_and_loader)
{
	fresh();
	mb1_build("build/x86_64/atlas.elf ktest=all loglevel=7");
	CHECK(mb1_parse() == 0);
	CHECK(bi.nr_ram == 2);
	CHECK(bi.ram[0].start == 0 && bi.ram[0].end == 0x9f000);
	CHECK(bi.ram[1].start == 0x100000 && bi.ram[1].end == 0xffe0000);
	CHECK(strcmp(bi.cmdline, "ktest=all loglevel=7") == 0);
	CHECK(bi.initrd_start == MOD0_PA && bi.initrd_end == MOD0_PA + 0x2345);
	CHECK(reserved_exactly(MOD1_PA, MOD1_PA + 0x1000, "module"));
	CHECK(reserved_exactly(MB1_MMAP_PA, MB1_MMAP_PA + 0x1000, "multiboot mmap"));
	CHECK(reserved_exactly(MB1_INFO_PA, MB1_INFO_PA + 0x1000, "multiboot info"));
	CHECK(bi.loader && strcmp(bi.loader, "QEMU (multiboot1)") == 0);
	CHECK(log_buf[0] == '\0');
}

HTEST(mb1_cmdline_keeps_a_first_word_that_is_an_option)
{
	fresh();
	mb1_build("  console=ttyS0 ktest=all");
	CHECK(mb1_parse() == 0);
	CHECK(strcmp(bi.cmdline, "console=ttyS0 ktest=all") == 0);
	fresh();
	mb1_build("/boot/atlas.elf");
	CHECK(mb1_parse() == 0);
	CHECK(bi.cmdline[0] == '\0');
}

HTEST(mb1_without_mmap_uses_mem_lower_and_upper)
{
	fresh();
	mb1_build("k");
	wr32(at(MB1_INFO_PA), MB1_INFO_MEM);
	CHECK(mb1_parse() == 0);
	CHECK(bi.nr_ram == 2);
	CHECK(bi.ram[1].start == 0x100000 && bi.ram[1].end == 0x100000 + 261120ull * 1024);
	CHECK(bi.loader && strcmp(bi.loader, "UNKNOWN (multiboot1)") == 0);
}

HTEST(mb1_no_memory_information_is_rejected)
{
	fresh();
	mb1_build("k");
	wr32(at(MB1_INFO_PA), MB1_INFO_CMDLINE);
	CHECK_REJECTED(mb1_parse(), "no memory information");
}

HTEST(mb1_bad_mmap_entries_are_rejected)
{
	fresh();
	mb1_build("k");
	wr32(at(MB1_MMAP_PA) + 24, 12);
	CHECK_REJECTED(mb1_parse(), "smaller than 20");
	fresh();
	mb1_build("k");
	wr32(at(MB1_MMAP_PA) + 48, 40);
	CHECK_REJECTED(mb1_parse(), "runs past mmap_length");
	fresh();
	mb1_build("k");
	wr32(at(MB1_INFO_PA) + 44, 3 * 24 + 2);	/* two stray bytes at the end */
	CHECK_REJECTED(mb1_parse(), "smaller than 20");
}

HTEST(mb1_mmap_outside_reachable_memory_is_rejected)
{
	fresh();
	mb1_build("k");
	wr32(at(MB1_INFO_PA) + 48, 0x1000);
	CHECK_REJECTED(mb1_parse(), "memory map");
	fresh();
	mb1_build("k");
	wr32(at(MB1_INFO_PA) + 44, MB_INFO_MAX + 4);
	CHECK_REJECTED(mb1_parse(), "mmap_length");
}

HTEST(mb1_unterminated_or_unreachable_cmdline_is_rejected)
{
	fresh();
	mb1_build("k");
	memset(at(MB1_CMDLINE_PA), 'x', MB_STRING_MAX);
	CHECK_REJECTED(mb1_parse(), "command line");
	fresh();
	mb1_build("k");
	memset(at(phys.hi - 16), 'x', 16);	/* runs off the end of memory */
	wr32(at(MB1_INFO_PA) + 16, phys.hi - 16);
	CHECK_REJECTED(mb1_parse(), "command line");
	fresh();
	mb1_build("k");
	wr32(at(MB1_INFO_PA) + 16, 0x10);
	CHECK_REJECTED(mb1_parse(), "command line");
}

HTEST(mb1_bad_modules_are_rejected)
{
	fresh();
	mb1_build("k");
	wr32(at(MB1_INFO_PA) + 20, MB1_MODS_MAX + 1);
	CHECK_REJECTED(mb1_parse(), "mods_count");
	fresh();
	mb1_build("k");
	wr32(at(MB1_MODS_PA) + 20, MOD1_PA - 16);
	CHECK_REJECTED(mb1_parse(), "module 1");
	fresh();
	mb1_build("k");
	memset(at(MB1_NAMES_PA), 'x', MB_STRING_MAX + 64);
	CHECK_REJECTED(mb1_parse(), "module 0's name");
}

HTEST(mb1_info_block_outside_reachable_memory_is_rejected)
{
	fresh();
	CHECK_REJECTED(parse(MB1_BOOTLOADER_MAGIC, phys.hi - 64), "outside reachable");
}

HTEST(unknown_magic_is_rejected)
{
	struct mb2 b;

	fresh();
	mb2_build(&b, true);
	CHECK_REJECTED(parse(0x12345678, ARENA_PA + INFO_OFF), "unknown boot magic 0x12345678");
}
