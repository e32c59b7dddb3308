/*
 * tests/host/fdt_test.c - host tests of the device-tree reader
 * (kernel/fdt.c), under ASan and UBSan.
 *
 * Two kinds of input: the real DTB of QEMU's riscv64 virt board (dumped at
 * build time with -machine virt,dumpdtb=..., path in $ATLAS_VIRT_DTB,
 * default build/host/virt.dtb), and small trees built here to reach what
 * the dump lacks (reserved memory, initrd, broken structure). Every blob is
 * copied into a heap buffer of exactly the size the reader is told, so ASan
 * reports any read past it.
 */
#include "htest.h"
#include "kernel/fdt.h"
#include "kernel/errno.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- loading the real DTB ------------------------------------------------ */

static uint8_t *virt_dtb;
static size_t virt_dtb_size;	/* the header's totalsize */

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* load_virt_dtb() reads the dumped DTB once; false if it is missing. */
static bool load_virt_dtb(void)
{
	const char *path = getenv("ATLAS_VIRT_DTB");
	uint8_t header[8];
	FILE *f;

	if (virt_dtb)
		return true;
	if (!path)
		path = "build/host/virt.dtb";
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "fdt_test: cannot open %s (set ATLAS_VIRT_DTB)\n", path);
		return false;
	}
	/* QEMU pads the dump; only totalsize bytes belong to the tree. */
	if (fread(header, 1, 8, f) != 8)
		goto fail;
	virt_dtb_size = get32(header + 4);
	if (virt_dtb_size < 8 || virt_dtb_size > (1 << 24))
		goto fail;
	virt_dtb = malloc(virt_dtb_size);
	memcpy(virt_dtb, header, 8);
	if (fread(virt_dtb + 8, 1, virt_dtb_size - 8, f) != virt_dtb_size - 8) {
		free(virt_dtb);
		virt_dtb = NULL;
		goto fail;
	}
	fclose(f);
	return true;
fail:
	fprintf(stderr, "fdt_test: %s is not a usable DTB\n", path);
	fclose(f);
	return false;
}

/* copy_of() returns a heap copy of @n bytes of @blob (ASan bounds it). */
static uint8_t *copy_of(const uint8_t *blob, size_t n)
{
	uint8_t *p = malloc(n ? n : 1);

	memcpy(p, blob, n);
	return p;
}

/*
 * walk_everything() exercises every reader on every node of a tree that
 * fdt_init() accepted, so corrupt inputs reach all code paths.
 */
static int walk_everything(struct fdt *fdt)
{
	int depth = 0, nodes = 0;
	uint64_t a, s;

	for (int n = fdt_root(fdt); n >= 0; n = fdt_next_node(fdt, n, &depth)) {
		const char *str;
		uint32_t v;

		nodes++;
		(void)fdt_node_name(fdt, n);
		(void)fdt_parent(fdt, n);
		(void)fdt_reg(fdt, n, 0, &a, &s);
		(void)fdt_prop_string(fdt, n, "compatible", &str);
		(void)fdt_prop_u32(fdt, n, "#address-cells", &v);
		(void)fdt_is_compatible(fdt, n, "ns16550a");
		(void)fdt_first_child(fdt, n);
		(void)fdt_next_sibling(fdt, n);
	}
	for (unsigned i = 0; fdt_rsvmap_entry(fdt, i, &a, &s) == 0; i++)
		;
	(void)fdt_path(fdt, "/soc/serial@10000000");
	(void)fdt_find_compatible(fdt, -1, "riscv,plic0");
	return nodes;
}

/* ---- the real DTB --------------------------------------------------------- */

HTEST(fdt_virt_dtb_header_is_accepted)
{
	struct fdt fdt;

	CHECK(load_virt_dtb());
	CHECK(fdt_init(&fdt, virt_dtb, virt_dtb_size) == 0);
	CHECK(fdt.totalsize == virt_dtb_size);
	CHECK(fdt.version >= 16);
	CHECK(fdt_root(&fdt) >= 0);
	CHECK(strcmp(fdt_node_name(&fdt, fdt_root(&fdt)), "") == 0);
}

HTEST(fdt_virt_memory_node_gives_ram_at_2gib)
{
	struct fdt fdt;
	uint64_t addr, size;
	const char *type;
	int mem;

	CHECK(load_virt_dtb());
	CHECK(fdt_init(&fdt, virt_dtb, virt_dtb_size) == 0);
	mem = fdt_path(&fdt, "/memory");
	CHECK(mem >= 0);
	CHECK(strcmp(fdt_node_name(&fdt, mem), "memory@80000000") == 0);
	CHECK(fdt_prop_string(&fdt, mem, "device_type", &type) == 0);
	CHECK(strcmp(type, "memory") == 0);
	CHECK(fdt_reg(&fdt, mem, 0, &addr, &size) == 0);
	CHECK(addr == 0x80000000);
	CHECK(size == 256 << 20);	/* the Makefile dumps with -m 256M */
	CHECK(fdt_reg(&fdt, mem, 1, &addr, &size) == -ENOENT);
}

HTEST(fdt_virt_chosen_is_found_by_path)
{
	struct fdt fdt;
	const char *out;
	int chosen;

	CHECK(load_virt_dtb());
	CHECK(fdt_init(&fdt, virt_dtb, virt_dtb_size) == 0);
	chosen = fdt_path(&fdt, "/chosen");
	CHECK(chosen >= 0);
	CHECK(fdt_path(&fdt, "//chosen/") == chosen);
	CHECK(fdt_prop_string(&fdt, chosen, "stdout-path", &out) == 0);
	CHECK(strcmp(out, "/soc/serial@10000000") == 0);
	CHECK(fdt_path(&fdt, "/") == fdt_root(&fdt));
	CHECK(fdt_path(&fdt, "/no-such-node") == -ENOENT);
	CHECK(fdt_path(&fdt, "chosen") == -ENOENT);
}

HTEST(fdt_virt_devices_are_found_by_compatible)
{
	struct fdt fdt;
	uint64_t addr, size;
	uint32_t ndev;
	int uart, plic, test;

	CHECK(load_virt_dtb());
	CHECK(fdt_init(&fdt, virt_dtb, virt_dtb_size) == 0);
	uart = fdt_find_compatible(&fdt, -1, "ns16550a");
	CHECK(uart >= 0);
	CHECK(fdt_reg(&fdt, uart, 0, &addr, &size) == 0);
	CHECK(addr == 0x10000000 && size == 0x100);
	CHECK(fdt_find_compatible(&fdt, uart, "ns16550a") == -ENOENT);

	plic = fdt_find_compatible(&fdt, -1, "riscv,plic0");
	CHECK(plic >= 0);
	CHECK(fdt_is_compatible(&fdt, plic, "sifive,plic-1.0.0"));
	CHECK(fdt_reg(&fdt, plic, 0, &addr, &size) == 0);
	CHECK(addr == 0x0c000000);
	CHECK(fdt_prop_u32(&fdt, plic, "riscv,ndev", &ndev) == 0);
	CHECK(ndev > 0 && ndev < 1024);

	test = fdt_find_compatible(&fdt, -1, "sifive,test0");
	CHECK(test >= 0);
	CHECK(fdt_is_compatible(&fdt, test, "syscon"));
	CHECK(!fdt_is_compatible(&fdt, test, "sifive,test"));	/* whole strings only */
	CHECK(fdt_reg(&fdt, test, 0, &addr, &size) == 0);
	CHECK(addr == 0x100000);
}

HTEST(fdt_virt_cpus_give_timebase_and_zero_size_cells)
{
	struct fdt fdt;
	uint64_t addr, size, tb;
	const char *isa;
	int cpus, cpu;

	CHECK(load_virt_dtb());
	CHECK(fdt_init(&fdt, virt_dtb, virt_dtb_size) == 0);
	cpus = fdt_path(&fdt, "/cpus");
	CHECK(cpus >= 0);
	CHECK(fdt_prop_uint(&fdt, cpus, "timebase-frequency", &tb) == 0);
	CHECK(tb == 10000000);
	cpu = fdt_subnode(&fdt, cpus, "cpu@0");
	CHECK(cpu >= 0);
	CHECK(fdt_subnode(&fdt, cpus, "cpu") == cpu);
	CHECK(fdt_parent(&fdt, cpu) == cpus);
	CHECK(fdt_reg(&fdt, cpu, 0, &addr, &size) == 0);	/* #size-cells = 0 */
	CHECK(addr == 0 && size == 0);
	CHECK(fdt_prop_string(&fdt, cpu, "riscv,isa", &isa) == 0);
	CHECK(strncmp(isa, "rv64", 4) == 0);
	CHECK(fdt_prop(&fdt, cpu, "no-such-property", NULL, NULL) == -ENOENT);
}

HTEST(fdt_virt_walk_visits_every_node_with_consistent_parents)
{
	struct fdt fdt;
	int depth = 0, nodes = 0, children = 0;
	int root;

	CHECK(load_virt_dtb());
	CHECK(fdt_init(&fdt, virt_dtb, virt_dtb_size) == 0);
	root = fdt_root(&fdt);
	for (int n = root; n >= 0; n = fdt_next_node(&fdt, n, &depth)) {
		nodes++;
		/* Each child of n names n as its parent. */
		for (int c = fdt_first_child(&fdt, n); c >= 0; c = fdt_next_sibling(&fdt, c)) {
			CHECK(fdt_parent(&fdt, c) == n);
			children++;
		}
	}
	CHECK(depth == -1);
	CHECK(nodes > 20);
	CHECK(children == nodes - 1);
	CHECK(fdt_parent(&fdt, root) == -ENOENT);
}

HTEST(fdt_virt_reservation_map_is_empty)
{
	struct fdt fdt;
	uint64_t addr, size;

	CHECK(load_virt_dtb());
	CHECK(fdt_init(&fdt, virt_dtb, virt_dtb_size) == 0);
	CHECK(fdt_rsvmap_entry(&fdt, 0, &addr, &size) == -ENOENT);
}

/* ---- corrupted copies of the real DTB ----------------------------------- */

/* corrupt_init() runs fdt_init on a patched heap copy; returns its result. */
static int corrupt_init(struct fdt *fdt, unsigned field_off, uint32_t value,
			size_t limit, uint8_t **copy)
{
	*copy = copy_of(virt_dtb, virt_dtb_size);
	put32(*copy + field_off, value);
	return fdt_init(fdt, *copy, limit);
}

HTEST(fdt_every_truncation_is_refused_without_reading_past_it)
{
	struct fdt fdt;

	CHECK(load_virt_dtb());
	for (size_t n = 0; n < virt_dtb_size; n++) {
		uint8_t *p = copy_of(virt_dtb, n);
		int err = fdt_init(&fdt, p, n);

		free(p);
		CHECK(err == -EINVAL);
		CHECK(fdt.error != NULL);
	}
}

HTEST(fdt_truncation_with_a_matching_totalsize_is_refused)
{
	struct fdt fdt;

	CHECK(load_virt_dtb());
	/* The header agrees with the cut, so the blocks must be checked. */
	for (size_t n = 40; n < virt_dtb_size; n++) {
		uint8_t *p = copy_of(virt_dtb, n);
		int err;

		put32(p + 4, n);
		err = fdt_init(&fdt, p, n);
		free(p);
		CHECK(err == -EINVAL);
	}
}

HTEST(fdt_bad_magic_is_refused)
{
	struct fdt fdt;
	uint8_t *p;

	CHECK(load_virt_dtb());
	CHECK(corrupt_init(&fdt, 0, 0xfeedd00d, virt_dtb_size, &p) == -EINVAL);
	free(p);
	CHECK(strstr(fdt.error, "magic") != NULL);
	CHECK(fdt_init(&fdt, NULL, 0) == -EINVAL);
}

HTEST(fdt_totalsize_beyond_the_blob_is_refused)
{
	struct fdt fdt;
	uint8_t *p;

	CHECK(load_virt_dtb());
	CHECK(corrupt_init(&fdt, 4, virt_dtb_size + 1, virt_dtb_size, &p) == -EINVAL);
	free(p);
	CHECK(strstr(fdt.error, "totalsize") != NULL);
	CHECK(corrupt_init(&fdt, 4, 0xffffffff, virt_dtb_size, &p) == -EINVAL);
	free(p);
	CHECK(corrupt_init(&fdt, 4, 8, virt_dtb_size, &p) == -EINVAL);
	free(p);
}

HTEST(fdt_block_offsets_outside_the_blob_are_refused)
{
	struct fdt fdt;
	uint8_t *p;
	uint32_t size = virt_dtb_size;

	CHECK(load_virt_dtb());
	/* structure block: offset, then size */
	CHECK(corrupt_init(&fdt, 8, size, size, &p) == -EINVAL);
	free(p);
	CHECK(corrupt_init(&fdt, 8, 0xfffffffc, size, &p) == -EINVAL);
	free(p);
	CHECK(corrupt_init(&fdt, 8, 2, size, &p) == -EINVAL);	/* inside the header */
	free(p);
	CHECK(corrupt_init(&fdt, 36, 0xfffffff0, size, &p) == -EINVAL);
	free(p);
	/* strings block */
	CHECK(corrupt_init(&fdt, 12, size, size, &p) == -EINVAL);
	free(p);
	CHECK(corrupt_init(&fdt, 32, 0xffffffff, size, &p) == -EINVAL);
	free(p);
	/* reservation map: past the end, unaligned */
	CHECK(corrupt_init(&fdt, 16, size, size, &p) == -EINVAL);
	free(p);
	CHECK(corrupt_init(&fdt, 16, 0x2c, size, &p) == -EINVAL);
	free(p);
}

HTEST(fdt_old_version_is_refused)
{
	struct fdt fdt;
	uint8_t *p;

	CHECK(load_virt_dtb());
	CHECK(corrupt_init(&fdt, 20, 15, virt_dtb_size, &p) == -EINVAL);
	free(p);
	CHECK(strstr(fdt.error, "version") != NULL);
}

HTEST(fdt_short_structure_block_is_refused)
{
	struct fdt fdt;
	uint8_t *p;
	uint32_t size_struct = get32(virt_dtb + 36);

	CHECK(load_virt_dtb());
	/* The token stream now runs past the end of its block. */
	for (uint32_t cut = 4; cut < size_struct; cut += 4) {
		CHECK(corrupt_init(&fdt, 36, size_struct - cut, virt_dtb_size, &p) == -EINVAL);
		free(p);
	}
}

HTEST(fdt_short_strings_block_is_refused)
{
	struct fdt fdt;
	uint8_t *p;

	CHECK(load_virt_dtb());
	/* Property names now lie outside the strings block. */
	CHECK(corrupt_init(&fdt, 32, 1, virt_dtb_size, &p) == -EINVAL);
	free(p);
	CHECK(strstr(fdt.error, "name") != NULL);
}

/*
 * Flipping single bytes anywhere in the structure block must never make
 * the reader misbehave: either fdt_init() refuses the blob or every lookup
 * stays inside it (ASan checks).
 */
HTEST(fdt_byte_corruption_never_reads_out_of_bounds)
{
	uint32_t off_struct, size_struct;
	unsigned accepted = 0, refused = 0;

	CHECK(load_virt_dtb());
	off_struct = get32(virt_dtb + 8);
	size_struct = get32(virt_dtb + 36);
	srand(1234);
	for (uint32_t i = 0; i < size_struct; i++) {
		static const uint8_t values[] = { 0x00, 0xff, 0x7f, 0x03, 0x09, 0x40 };
		uint8_t *p = copy_of(virt_dtb, virt_dtb_size);
		struct fdt fdt;

		p[off_struct + i] = values[rand() % sizeof(values)];
		if (fdt_init(&fdt, p, virt_dtb_size) == 0) {
			walk_everything(&fdt);
			accepted++;
		} else {
			CHECK(fdt.error != NULL);
			refused++;
		}
		free(p);
	}
	CHECK(accepted > 0 && refused > 0);
}

/* ---- trees built here ----------------------------------------------------- */

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
