/*
 * arch/x86_64/multiboot.c - multiboot1 and multiboot2 information, checked
 * and turned into a struct bootinfo.
 *
 * A boot loader's information block is input from outside the kernel, so
 * nothing in it is trusted: every size is checked against the block, every
 * pointer against the memory the kernel can reach, every string for its NUL.
 * Each parser walks its block twice: the first walk only checks (bi is
 * NULL), the second fills @bi, so a corrupt block leaves @bi untouched.
 * Fields are read byte by byte: multiboot1's memory map is not aligned.
 *
 * Formats: the Multiboot Specification 0.6.96 (multiboot1) and 2.0
 * (multiboot2). This file includes no arch header: the host tests compile
 * it as it is.
 */
#include "multiboot.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"

#define MB1_INFO_SIZE		116	/* the whole multiboot1 info struct */
#define MB1_MOD_SIZE		16	/* mod_start, mod_end, string, reserved */
#define MB1_MMAP_ENTRY_MIN	20	/* base, length, type (after the size) */
#define MB2_MMAP_ENTRY_MIN	24	/* base, length, type, reserved */
#define LOW_MEMORY_END		0x100000ull	/* where mem_upper counts from */
#define MB_PAGE			4096ull		/* reservations are page-granular */

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
	return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* mb_map() returns where [pa, pa + len) is, or NULL if it is unreachable. */
static const uint8_t *mb_map(const struct mb_phys *phys, paddr_t pa, uint64_t len)
{
	if (pa < phys->lo || pa > phys->hi || len > phys->hi - pa)
		return NULL;
	return (const uint8_t *)(uintptr_t)(pa + phys->offset);
}

/* str_len() is the length of @s if a NUL ends it within @max bytes, else -1. */
static long str_len(const uint8_t *s, size_t max)
{
	for (size_t i = 0; i < max; i++)
		if (s[i] == '\0')
			return (long)i;
	return -1;
}

/*
 * mb_phys_string() finds the NUL-terminated string at physical @pa.
 * Returns it with its length in *@len, or NULL if it is unreachable or
 * has no NUL within MB_STRING_MAX bytes.
 */
static const char *mb_phys_string(const struct mb_phys *phys, paddr_t pa, size_t *len)
{
	const uint8_t *s;
	uint64_t max;
	long n;

	if (pa < phys->lo || pa >= phys->hi)
		return NULL;
	max = MIN((uint64_t)MB_STRING_MAX, phys->hi - pa);
	s = mb_map(phys, pa, max);
	n = str_len(s, max);
	if (n < 0)
		return NULL;
	*len = (size_t)n;
	return (const char *)s;
}

/*
 * mb_set_loader() names the loader for bi->loader: the first word of the
 * name it gave itself, in capitals ("GRUB", "QEMU"), and the protocol.
 */
static void mb_set_loader(struct bootinfo *bi, const char *name, const char *proto)
{
	static char buf[40];
	size_t n = 0;

	if (!name || !*name)
		name = "unknown";
	for (; *name && *name != ' ' && n < 20; name++) {
		char c = *name;

		buf[n++] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
	}
	buf[n++] = ' ';
	buf[n++] = '(';
	for (; *proto; proto++)
		buf[n++] = *proto;
	buf[n++] = ')';
	buf[n] = '\0';
	bi->loader = buf;
}

static void mb_add_ram(struct bootinfo *bi, uint64_t base, uint64_t len)
{
	if (bootinfo_add_ram(bi, base, base + len, "usable") < 0)
		pr_warn("multiboot: too many RAM ranges; [%#llx-%#llx) left out\n",
			(unsigned long long)base, (unsigned long long)(base + len));
}

/*
 * mb_reserve() reserves [start, end) unless an earlier reservation already
 * covers its pages (multiboot1 loaders pack strings and lists into one
 * page; one line per page reads better in the memory map).
 */
static void mb_reserve(struct bootinfo *bi, uint64_t start, uint64_t end, const char *name)
{
	uint64_t s = ALIGN_DOWN(start, MB_PAGE), e = ALIGN_UP(end, MB_PAGE);

	for (unsigned i = 0; i < bi->nr_reserved; i++)
		if (bi->reserved[i].start <= s && e <= bi->reserved[i].end)
			return;
	if (bootinfo_reserve(bi, start, end, name) < 0)
		pr_warn("multiboot: too many reserved ranges; %s [%#llx-%#llx) left out\n",
			name, (unsigned long long)start, (unsigned long long)end);
}

/*
 * mb_add_module() records module @index at [start, end): the first one is
 * the initrd. Both versions describe modules the same way.
 */
static void mb_add_module(struct bootinfo *bi, unsigned index, paddr_t start, paddr_t end)
{
	if (index == 0) {
		bi->initrd_start = start;
		bi->initrd_end = end;
	}
	mb_reserve(bi, start, end, index == 0 ? "initrd" : "module");
}

/* ---- multiboot2 ---------------------------------------------------------- */

struct mb2_state {
	const char *loader_name;
	bool have_mmap, have_meminfo;
	uint32_t mem_lower, mem_upper;	/* KiB, from the basic meminfo tag */
	unsigned nr_modules;
};

/* mb2_tag_string() checks that the tag's string at @at ends inside the tag. */
static const char *mb2_tag_string(const uint8_t *tag, uint32_t size, uint32_t at,
				  const char *what, uint32_t off)
{
	if (size <= at || str_len(tag + at, size - at) < 0) {
		pr_err("multiboot2: %s tag at offset %u: string not NUL-terminated "
		       "within the tag (size %u)\n", what, off, size);
		return NULL;
	}
	return (const char *)tag + at;
}

static int mb2_mmap(const uint8_t *tag, uint32_t size, uint32_t off,
		    struct bootinfo *bi)
{
	uint32_t entry_size, n;

	if (size < 16) {
		pr_err("multiboot2: memory map tag at offset %u is %u bytes, "
		       "too small for its 16-byte header\n", off, size);
		return -EINVAL;
	}
	entry_size = rd32(tag + 8);
	if (entry_size < MB2_MMAP_ENTRY_MIN || entry_size % 8) {
		pr_err("multiboot2: memory map entry_size %u is invalid "
		       "(must be a multiple of 8, at least %u)\n",
		       entry_size, MB2_MMAP_ENTRY_MIN);
		return -EINVAL;
	}
	if ((size - 16) % entry_size) {
		pr_err("multiboot2: memory map tag size %u is not 16 + a whole "
		       "number of %u-byte entries\n", size, entry_size);
		return -EINVAL;
	}
	n = (size - 16) / entry_size;
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *e = tag + 16 + i * entry_size;
		uint64_t base = rd64(e), len = rd64(e + 8);

		if (base + len < base) {
			pr_err("multiboot2: memory map entry %u [%#llx + %#llx) "
			       "wraps around the address space\n", i,
			       (unsigned long long)base, (unsigned long long)len);
			return -EINVAL;
		}
		if (bi && rd32(e + 16) == MB_MEMORY_AVAILABLE)
			mb_add_ram(bi, base, len);
	}
	return 0;
}

static int mb2_module(const uint8_t *tag, uint32_t size, uint32_t off,
		      const struct mb_phys *phys, struct mb2_state *st,
		      struct bootinfo *bi)
{
	uint32_t start, end;

	if (size < 17) {
		pr_err("multiboot2: module tag at offset %u is %u bytes, too "
		       "small for its fields and name\n", off, size);
		return -EINVAL;
	}
	start = rd32(tag + 8);
	end = rd32(tag + 12);
	if (end < start || start < phys->lo || end > phys->hi) {
		pr_err("multiboot2: module %u [%#x-%#x) is not a valid range of "
		       "reachable memory\n", st->nr_modules, start, end);
		return -EINVAL;
	}
	if (!mb2_tag_string(tag, size, 16, "module", off))
		return -EINVAL;
	if (bi)
		mb_add_module(bi, st->nr_modules, start, end);
	st->nr_modules++;
	return 0;
}

/* mb2_tag() checks one tag (and with @bi, records what it says). */
static int mb2_tag(const uint8_t *tag, uint32_t type, uint32_t size, uint32_t off,
		   const struct mb_phys *phys, struct mb2_state *st,
		   struct bootinfo *bi)
{
	const char *s;

	switch (type) {
	case MB2_TAG_CMDLINE:
		s = mb2_tag_string(tag, size, 8, "command line", off);
		if (!s)
			return -EINVAL;
		if (bi)
			bootinfo_set_cmdline(bi, s, (size_t)str_len(tag + 8, size - 8));
		return 0;
	case MB2_TAG_LOADER_NAME:
		s = mb2_tag_string(tag, size, 8, "boot loader name", off);
		if (!s)
			return -EINVAL;
		st->loader_name = s;
		return 0;
	case MB2_TAG_MODULE:
		return mb2_module(tag, size, off, phys, st, bi);
	case MB2_TAG_BASIC_MEMINFO:
		if (size < 16) {
			pr_err("multiboot2: basic meminfo tag at offset %u is %u "
			       "bytes, not 16\n", off, size);
			return -EINVAL;
		}
		st->have_meminfo = true;
		st->mem_lower = rd32(tag + 8);
		st->mem_upper = rd32(tag + 12);
		return 0;
	case MB2_TAG_MMAP:
		st->have_mmap = true;
		return mb2_mmap(tag, size, off, bi);
	default:
		return 0;	/* a tag Atlas does not use */
	}
}

/* mb2_walk() walks the tags of a block of @total bytes up to the end tag. */
static int mb2_walk(const uint8_t *info, uint32_t total, const struct mb_phys *phys,
		    struct mb2_state *st, struct bootinfo *bi)
{
	uint32_t off = 8;

	for (;;) {
		uint32_t type, size;
		int err;

		if (off >= total || total - off < 8) {
			pr_err("multiboot2: no end tag within total_size %u "
			       "(the block is truncated or corrupt)\n", total);
			return -EINVAL;
		}
		type = rd32(info + off);
		size = rd32(info + off + 4);
		if (size < 8) {
			pr_err("multiboot2: tag type %u at offset %u has size %u, "
			       "less than its 8-byte header\n", type, off, size);
			return -EINVAL;
		}
		if (size > total - off) {
			pr_err("multiboot2: tag type %u at offset %u (size %u) runs "
			       "past the end of the block (total_size %u)\n",
			       type, off, size, total);
			return -EINVAL;
		}
		if (type == MB2_TAG_END)
			return 0;
		err = mb2_tag(info + off, type, size, off, phys, st, bi);
		if (err)
			return err;
		off += ALIGN_UP(size, 8u);
	}
}

static int mb2_parse(paddr_t info_pa, const struct mb_phys *phys, struct bootinfo *bi)
{
	struct mb2_state st = { 0 };
	const uint8_t *info;
	uint32_t total;
	int err;

	if (info_pa % 8) {
		pr_err("multiboot2: information block at %#llx is not 8-byte "
		       "aligned\n", (unsigned long long)info_pa);
		return -EINVAL;
	}
	info = mb_map(phys, info_pa, 8);
	if (!info) {
		pr_err("multiboot2: information block at %#llx is outside "
		       "reachable memory\n", (unsigned long long)info_pa);
		return -EINVAL;
	}
	total = rd32(info);
	if (total < 16 || total > MB_INFO_MAX) {
		pr_err("multiboot2: total_size %u is out of range (16 to %u "
		       "bytes)\n", total, MB_INFO_MAX);
		return -EINVAL;
	}
	if (!mb_map(phys, info_pa, total)) {
		pr_err("multiboot2: information block [%#llx + %u) runs past "
		       "reachable memory\n", (unsigned long long)info_pa, total);
		return -EINVAL;
	}

	err = mb2_walk(info, total, phys, &st, NULL);
	if (err)
		return err;
	if (!st.have_mmap && !st.have_meminfo) {
		pr_err("multiboot2: neither a memory map nor basic meminfo tag: "
		       "no way to know the RAM\n");
		return -EINVAL;
	}

	/* Everything checked: now fill bi. */
	st = (struct mb2_state){ 0 };
	mb2_walk(info, total, phys, &st, bi);
	if (!st.have_mmap) {
		mb_add_ram(bi, 0, (uint64_t)st.mem_lower * 1024);
		mb_add_ram(bi, LOW_MEMORY_END, (uint64_t)st.mem_upper * 1024);
	}
	mb_reserve(bi, info_pa, info_pa + total, "multiboot info");
	mb_set_loader(bi, st.loader_name, "multiboot2");
	return 0;
}

/* ---- multiboot1 ---------------------------------------------------------- */

/*
 * Multiboot1 loaders (QEMU, GRUB's multiboot command) start the command
 * line with the kernel's own path. mb1_skip_image_path() drops that first
 * word unless it looks like an option (contains '=').
 */
static const char *mb1_skip_image_path(const char *s)
{
	const char *w;

	while (*s == ' ')
		s++;
	for (w = s; *w && *w != ' '; w++)
		if (*w == '=')
			return s;
	while (*w == ' ')
		w++;
	return w;
}

static int mb1_cmdline(const struct mb_phys *phys, uint32_t pa, struct bootinfo *bi)
{
	const char *s, *args;
	size_t len;

	s = mb_phys_string(phys, pa, &len);
	if (!s) {
		pr_err("multiboot1: command line at %#x is unreachable or not "
		       "NUL-terminated within %u bytes\n", pa, MB_STRING_MAX);
		return -EINVAL;
	}
	if (bi) {
		args = mb1_skip_image_path(s);
		bootinfo_set_cmdline(bi, args, len - (size_t)(args - s));
		mb_reserve(bi, pa, pa + len + 1, "cmdline");
	}
	return 0;
}

static int mb1_modules(const struct mb_phys *phys, uint32_t count, uint32_t pa,
		       struct bootinfo *bi)
{
	const uint8_t *mods;

	if (count > MB1_MODS_MAX) {
		pr_err("multiboot1: mods_count %u is more than %u\n", count,
		       MB1_MODS_MAX);
		return -EINVAL;
	}
	mods = mb_map(phys, pa, (uint64_t)count * MB1_MOD_SIZE);
	if (!mods) {
		pr_err("multiboot1: module list at %#x (%u entries) is outside "
		       "reachable memory\n", pa, count);
		return -EINVAL;
	}
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *m = mods + i * MB1_MOD_SIZE;
		uint32_t start = rd32(m), end = rd32(m + 4), name = rd32(m + 8);
		size_t len = 0;

		if (end < start || start < phys->lo || end > phys->hi) {
			pr_err("multiboot1: module %u [%#x-%#x) is not a valid "
			       "range of reachable memory\n", i, start, end);
			return -EINVAL;
		}
		if (name && !mb_phys_string(phys, name, &len)) {
			pr_err("multiboot1: module %u's name at %#x is unreachable "
			       "or not NUL-terminated\n", i, name);
			return -EINVAL;
		}
		if (bi) {
			mb_add_module(bi, i, start, end);
			if (name)
				mb_reserve(bi, name, name + len + 1, "module name");
		}
	}
	if (bi && count)
		mb_reserve(bi, pa, pa + count * MB1_MOD_SIZE, "module list");
	return 0;
}

static int mb1_mmap(const struct mb_phys *phys, uint32_t len, uint32_t pa,
		    struct bootinfo *bi)
{
	const uint8_t *map;
	uint32_t off = 0;

	if (len > MB_INFO_MAX) {
		pr_err("multiboot1: mmap_length %u is more than %u\n", len,
		       MB_INFO_MAX);
		return -EINVAL;
	}
	map = mb_map(phys, pa, len);
	if (!map) {
		pr_err("multiboot1: memory map [%#x + %u) is outside reachable "
		       "memory\n", pa, len);
		return -EINVAL;
	}
	/* Each entry: u32 size (not counting itself), u64 base, u64 length, u32 type. */
	while (off < len) {
		uint32_t size;
		uint64_t base, length;

		if (len - off < 4 || (size = rd32(map + off)) < MB1_MMAP_ENTRY_MIN) {
			pr_err("multiboot1: memory map entry at offset %u is "
			       "smaller than %u bytes\n", off, MB1_MMAP_ENTRY_MIN);
			return -EINVAL;
		}
		if (size > len - off - 4) {
			pr_err("multiboot1: memory map entry at offset %u (size %u) "
			       "runs past mmap_length %u\n", off, size, len);
			return -EINVAL;
		}
		base = rd64(map + off + 4);
		length = rd64(map + off + 12);
		if (base + length < base) {
			pr_err("multiboot1: memory map entry [%#llx + %#llx) wraps "
			       "around the address space\n",
			       (unsigned long long)base, (unsigned long long)length);
			return -EINVAL;
		}
		if (bi && rd32(map + off + 20) == MB_MEMORY_AVAILABLE)
			mb_add_ram(bi, base, length);
		off += 4 + size;
	}
	if (bi)
		mb_reserve(bi, pa, pa + len, "multiboot mmap");
	return 0;
}

/* mb1_walk() checks the fields @flags announces (and with @bi, records them). */
static int mb1_walk(const uint8_t *info, const struct mb_phys *phys,
		    const char **loader_name, struct bootinfo *bi)
{
	uint32_t flags = rd32(info);
	size_t len;
	int err;

	if (!(flags & (MB1_INFO_MMAP | MB1_INFO_MEM))) {
		pr_err("multiboot1: no memory information (flags %#x has neither "
		       "bit 0 nor bit 6)\n", flags);
		return -EINVAL;
	}
	if (flags & MB1_INFO_CMDLINE) {
		err = mb1_cmdline(phys, rd32(info + 16), bi);
		if (err)
			return err;
	}
	if (flags & MB1_INFO_MODS) {
		err = mb1_modules(phys, rd32(info + 20), rd32(info + 24), bi);
		if (err)
			return err;
	}
	if (flags & MB1_INFO_MMAP) {
		err = mb1_mmap(phys, rd32(info + 44), rd32(info + 48), bi);
		if (err)
			return err;
	} else if (bi) {
		mb_add_ram(bi, 0, (uint64_t)rd32(info + 4) * 1024);
		mb_add_ram(bi, LOW_MEMORY_END, (uint64_t)rd32(info + 8) * 1024);
	}
	*loader_name = NULL;
	if (flags & MB1_INFO_LOADER_NAME) {
		*loader_name = mb_phys_string(phys, rd32(info + 64), &len);
		if (!*loader_name) {
			pr_err("multiboot1: boot loader name at %#x is unreachable "
			       "or not NUL-terminated\n", rd32(info + 64));
			return -EINVAL;
		}
	}
	return 0;
}

static int mb1_parse(paddr_t info_pa, const struct mb_phys *phys, struct bootinfo *bi)
{
	const uint8_t *info = mb_map(phys, info_pa, MB1_INFO_SIZE);
	const char *loader_name;
	int err;

	if (!info) {
		pr_err("multiboot1: information block at %#llx is outside "
		       "reachable memory\n", (unsigned long long)info_pa);
		return -EINVAL;
	}
	err = mb1_walk(info, phys, &loader_name, NULL);
	if (err)
		return err;
	mb1_walk(info, phys, &loader_name, bi);
	mb_reserve(bi, info_pa, info_pa + MB1_INFO_SIZE, "multiboot info");
	mb_set_loader(bi, loader_name, "multiboot1");
	return 0;
}

int multiboot_parse(uint32_t magic, paddr_t info_pa, const struct mb_phys *phys,
		    struct bootinfo *bi)
{
	switch (magic) {
	case MB2_BOOTLOADER_MAGIC:
		return mb2_parse(info_pa, phys, bi);
	case MB1_BOOTLOADER_MAGIC:
		return mb1_parse(info_pa, phys, bi);
	default:
		pr_err("multiboot: unknown boot magic %#x (expected %#x for "
		       "multiboot2 or %#x for multiboot1): not started by a "
		       "multiboot loader?\n", magic, MB2_BOOTLOADER_MAGIC,
		       MB1_BOOTLOADER_MAGIC);
		return -EINVAL;
	}
}
