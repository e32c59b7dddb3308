/*
 * tests/host/fdt_build_test.c - host tests of the device-tree reader
 * (kernel/fdt.c) on trees built in the test, under ASan and UBSan.
 *
 * QEMU's virt DTB (fdt_test.c) has no reserved memory, no initrd and no
 * broken structure, so a small DTB writer here builds what it lacks: a
 * tree like the one OpenSBI passes (bootargs, initrd, /reserved-memory, a
 * memreserve entry), and trees whose structure is spoilt on purpose
 * (unbalanced nodes, unknown tokens, oversized properties, names without
 * a NUL). Every blob lives in a heap buffer of exactly the size the
 * reader is told, so ASan reports any read past it.
 */
#include "htest.h"
#include "fdt_helpers.h"
#include "kernel/fdt.h"
#include "kernel/errno.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- a minimal DTB writer ------------------------------------------------ */

/* A minimal DTB writer: header, reservation map, structure, strings. */
struct fdt_builder {
	uint8_t st[8192];
	size_t st_len;
	char strs[1024];
	size_t str_len;
	uint64_t rsv[8][2];
	int nr_rsv;
};

static void fb_word(struct fdt_builder *b, uint32_t v)
{
	put32(b->st + b->st_len, v);
	b->st_len += 4;
}

static void fb_bytes(struct fdt_builder *b, const void *p, size_t n)
{
	memcpy(b->st + b->st_len, p, n);
	b->st_len += n;
	while (b->st_len % 4)
		b->st[b->st_len++] = 0;
}

static void fb_begin(struct fdt_builder *b, const char *name)
{
	fb_word(b, 1);
	fb_bytes(b, name, strlen(name) + 1);
}

static void fb_end(struct fdt_builder *b)
{
	fb_word(b, 2);
}

static uint32_t fb_string(struct fdt_builder *b, const char *name)
{
	for (size_t i = 0; i < b->str_len; i += strlen(b->strs + i) + 1)
		if (strcmp(b->strs + i, name) == 0)
			return i;
	strcpy(b->strs + b->str_len, name);
	b->str_len += strlen(name) + 1;
	return b->str_len - strlen(name) - 1;
}

static void fb_prop(struct fdt_builder *b, const char *name, const void *val, size_t len)
{
	fb_word(b, 3);
	fb_word(b, len);
	fb_word(b, fb_string(b, name));
	fb_bytes(b, val, len);
}

static void fb_prop_cells(struct fdt_builder *b, const char *name, int n, const uint32_t *cells)
{
	uint8_t buf[64];

	for (int i = 0; i < n; i++)
		put32(buf + 4 * i, cells[i]);
	fb_prop(b, name, buf, 4 * n);
}

static void fb_prop_u32(struct fdt_builder *b, const char *name, uint32_t v)
{
	fb_prop_cells(b, name, 1, &v);
}

static void fb_prop_str(struct fdt_builder *b, const char *name, const char *s)
{
	fb_prop(b, name, s, strlen(s) + 1);
}

/* fb_finish() lays the blob out in a heap buffer of exactly *@size bytes. */
static uint8_t *fb_finish(struct fdt_builder *b, size_t *size)
{
	size_t off_rsv = 40, off_st, off_str, total;
	uint8_t *p;

	fb_word(b, 9);	/* FDT_END */
	off_st = off_rsv + 16 * (b->nr_rsv + 1);
	off_str = off_st + b->st_len;
	total = off_str + b->str_len;
	p = calloc(1, total);
	put32(p, 0xd00dfeed);
	put32(p + 4, total);
	put32(p + 8, off_st);
	put32(p + 12, off_str);
	put32(p + 16, off_rsv);
	put32(p + 20, 17);
	put32(p + 24, 16);
	put32(p + 28, 0);
	put32(p + 32, b->str_len);
	put32(p + 36, b->st_len);
	for (int i = 0; i < b->nr_rsv; i++) {
		put32(p + off_rsv + 16 * i, b->rsv[i][0] >> 32);
		put32(p + off_rsv + 16 * i + 4, b->rsv[i][0]);
		put32(p + off_rsv + 16 * i + 8, b->rsv[i][1] >> 32);
		put32(p + off_rsv + 16 * i + 12, b->rsv[i][1]);
	}
	memcpy(p + off_st, b->st, b->st_len);
	memcpy(p + off_str, b->strs, b->str_len);
	*size = total;
	return p;
}

/* ---- a tree like the one OpenSBI passes ---------------------------------- */

/* A tree like OpenSBI's: reserved memory, initrd, bootargs, a memreserve. */
static uint8_t *build_boot_tree(size_t *size, bool initrd64)
{
	static struct fdt_builder b;
	static const uint32_t mem_reg[] = { 0, 0x80000000, 0, 0x10000000 };
	static const uint32_t resv_reg[] = { 0, 0x80000000, 0, 0x40000 };

	memset(&b, 0, sizeof(b));
	b.rsv[0][0] = 0x8fe00000;
	b.rsv[0][1] = 0x2000;
	b.nr_rsv = 1;
	fb_begin(&b, "");
	fb_prop_u32(&b, "#address-cells", 2);
	fb_prop_u32(&b, "#size-cells", 2);
	fb_begin(&b, "chosen");
	fb_prop_str(&b, "bootargs", "ktest=all loglevel=7");
	if (initrd64) {
		static const uint32_t start[] = { 0x1, 0x00000000 }, end[] = { 0x1, 0x00100000 };

		fb_prop_cells(&b, "linux,initrd-start", 2, start);
		fb_prop_cells(&b, "linux,initrd-end", 2, end);
	} else {
		fb_prop_u32(&b, "linux,initrd-start", 0x88000000);
		fb_prop_u32(&b, "linux,initrd-end", 0x88010000);
	}
	fb_end(&b);
	fb_begin(&b, "memory@80000000");
	fb_prop_str(&b, "device_type", "memory");
	fb_prop_cells(&b, "reg", 4, mem_reg);
	fb_end(&b);
	fb_begin(&b, "reserved-memory");
	fb_prop_u32(&b, "#address-cells", 2);
	fb_prop_u32(&b, "#size-cells", 2);
	fb_prop(&b, "ranges", "", 0);
	fb_begin(&b, "mmode_resv0@80000000");
	fb_prop_cells(&b, "reg", 4, resv_reg);
	fb_prop(&b, "no-map", "", 0);
	fb_end(&b);
	fb_end(&b);
	fb_end(&b);
	return fb_finish(&b, size);
}

HTEST(fdt_built_tree_gives_bootargs_initrd_and_reservations)
{
	struct fdt fdt;
	uint64_t addr, size, start, end;
	const char *args;
	size_t n;
	uint8_t *p = build_boot_tree(&n, false);
	int chosen, resv, child;

	CHECK(fdt_init(&fdt, p, n) == 0);
	chosen = fdt_path(&fdt, "/chosen");
	CHECK(chosen >= 0);
	CHECK(fdt_prop_string(&fdt, chosen, "bootargs", &args) == 0);
	CHECK(strcmp(args, "ktest=all loglevel=7") == 0);
	CHECK(fdt_prop_uint(&fdt, chosen, "linux,initrd-start", &start) == 0);
	CHECK(fdt_prop_uint(&fdt, chosen, "linux,initrd-end", &end) == 0);
	CHECK(start == 0x88000000 && end == 0x88010000);

	resv = fdt_path(&fdt, "/reserved-memory");
	CHECK(resv >= 0);
	child = fdt_first_child(&fdt, resv);
	CHECK(child >= 0);
	CHECK(fdt_reg(&fdt, child, 0, &addr, &size) == 0);
	CHECK(addr == 0x80000000 && size == 0x40000);
	CHECK(fdt_next_sibling(&fdt, child) == -ENOENT);

	CHECK(fdt_rsvmap_entry(&fdt, 0, &addr, &size) == 0);
	CHECK(addr == 0x8fe00000 && size == 0x2000);
	CHECK(fdt_rsvmap_entry(&fdt, 1, &addr, &size) == -ENOENT);
	CHECK(fdt_rsvmap_entry(&fdt, 7, &addr, &size) == -ENOENT);
	free(p);
}

HTEST(fdt_built_tree_reads_two_cell_initrd)
{
	struct fdt fdt;
	uint64_t start, end;
	size_t n;
	uint8_t *p = build_boot_tree(&n, true);
	int chosen;

	CHECK(fdt_init(&fdt, p, n) == 0);
	chosen = fdt_path(&fdt, "/chosen");
	CHECK(fdt_prop_uint(&fdt, chosen, "linux,initrd-start", &start) == 0);
	CHECK(fdt_prop_uint(&fdt, chosen, "linux,initrd-end", &end) == 0);
	CHECK(start == 0x100000000ull && end == 0x100100000ull);
	free(p);
}

HTEST(fdt_built_tree_truncations_are_refused)
{
	size_t n;
	uint8_t *full = build_boot_tree(&n, false);

	for (size_t len = 0; len < n; len++) {
		struct fdt fdt;
		uint8_t *p = copy_of(full, len);

		CHECK(fdt_init(&fdt, p, len) == -EINVAL);
		free(p);
	}
	free(full);
}

/* ---- malformed structures ------------------------------------------------ */

/* build_broken() builds a tree whose structure the callback spoils. */
static uint8_t *build_broken(size_t *size, void (*spoil)(struct fdt_builder *b))
{
	static struct fdt_builder b;

	memset(&b, 0, sizeof(b));
	fb_begin(&b, "");
	fb_prop_u32(&b, "#address-cells", 2);
	spoil(&b);
	return fb_finish(&b, size);
}

static void spoil_unbalanced(struct fdt_builder *b)
{
	fb_begin(b, "child");	/* neither it nor the root is closed */
}

static void spoil_extra_end(struct fdt_builder *b)
{
	fb_end(b);
	fb_end(b);
}

static void spoil_unknown_token(struct fdt_builder *b)
{
	fb_word(b, 7);
	fb_end(b);
}

static void spoil_huge_property(struct fdt_builder *b)
{
	fb_word(b, 3);
	fb_word(b, 0xfffffff0);	/* length far past the block */
	fb_word(b, 0);
	fb_end(b);
}

static void spoil_name_offset(struct fdt_builder *b)
{
	fb_word(b, 3);
	fb_word(b, 4);
	fb_word(b, 0x10000);	/* past the strings block */
	fb_word(b, 0);
	fb_end(b);
}

static void spoil_property_after_child(struct fdt_builder *b)
{
	fb_begin(b, "child");
	fb_end(b);
	fb_prop_u32(b, "late", 1);
	fb_end(b);
}

static void spoil_too_deep(struct fdt_builder *b)
{
	for (int i = 0; i < FDT_MAX_DEPTH + 1; i++)
		fb_begin(b, "n");
	for (int i = 0; i < FDT_MAX_DEPTH + 2; i++)
		fb_end(b);
}

static void spoil_bad_cells(struct fdt_builder *b)
{
	static const uint32_t reg[] = { 1, 2, 3, 4 };

	fb_prop_u32(b, "#size-cells", 3);	/* 2 + 3 cells per entry */
	fb_begin(b, "dev");
	fb_prop_cells(b, "reg", 4, reg);	/* not a whole entry either */
	fb_end(b);
	fb_end(b);
}

HTEST(fdt_malformed_structures_are_refused_with_a_reason)
{
	static const struct {
		void (*spoil)(struct fdt_builder *b);
		const char *reason;
	} cases[] = {
		{ spoil_unbalanced, "inside a node" },
		{ spoil_extra_end, "unbalanced" },
		{ spoil_unknown_token, "unknown token" },
		{ spoil_huge_property, "past the structure block" },
		{ spoil_name_offset, "strings block" },
		{ spoil_property_after_child, "after a subnode" },
		{ spoil_too_deep, "too deeply" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fdt fdt;
		size_t n;
		uint8_t *p = build_broken(&n, cases[i].spoil);
		int err = fdt_init(&fdt, p, n);

		free(p);
		CHECK(err == -EINVAL);
		CHECK(strstr(fdt.error, cases[i].reason) != NULL);
	}
}

HTEST(fdt_reg_with_unsupported_cells_is_refused)
{
	struct fdt fdt;
	uint64_t addr, size;
	size_t n;
	uint8_t *p = build_broken(&n, spoil_bad_cells);
	int dev;

	CHECK(fdt_init(&fdt, p, n) == 0);
	dev = fdt_path(&fdt, "/dev");
	CHECK(dev >= 0);
	CHECK(fdt_reg(&fdt, dev, 0, &addr, &size) == -EINVAL);
	CHECK(strstr(fdt.error, "cells") != NULL);
	free(p);
}

static void spoil_unterminated_string(struct fdt_builder *b)
{
	fb_begin(b, "dev");
	fb_prop(b, "compatible", "abcd", 4);	/* no NUL */
	fb_end(b);
	fb_end(b);
}

HTEST(fdt_unterminated_strings_are_not_read_past_the_value)
{
	struct fdt fdt;
	const char *s;
	size_t n;
	uint8_t *p = build_broken(&n, spoil_unterminated_string);
	int dev;

	CHECK(fdt_init(&fdt, p, n) == 0);
	dev = fdt_path(&fdt, "/dev");
	CHECK(fdt_prop_string(&fdt, dev, "compatible", &s) == -EINVAL);
	CHECK(!fdt_is_compatible(&fdt, dev, "abcd"));
	free(p);
}

HTEST(fdt_unterminated_node_name_is_refused)
{
	struct fdt_builder *b = calloc(1, sizeof(*b));
	struct fdt fdt;
	size_t n;
	uint8_t *p;

	fb_begin(b, "");
	fb_word(b, 1);
	memcpy(b->st + b->st_len, "abcd", 4);	/* a name with no NUL ... */
	b->st_len += 4;
	/* ... and fb_finish() appends FDT_END (0x00000009): its 0 bytes would
	 * end the name, so make the name reach the end of the block instead. */
	p = fb_finish(b, &n);
	put32(p + 36, b->st_len - 4);	/* size_struct now stops after "abcd" */
	CHECK(fdt_init(&fdt, p, n) == -EINVAL);
	CHECK(strstr(fdt.error, "name") != NULL);
	free(p);
	free(b);
}
