/*
 * tests/host/fdt_test.c - host tests of the device-tree reader
 * (kernel/fdt.c) on the real DTB of QEMU's riscv64 virt board, under ASan
 * and UBSan.
 *
 * The DTB is dumped at build time with -machine virt,dumpdtb=... (path in
 * $ATLAS_VIRT_DTB, default build/host/virt.dtb). The cases read it as it
 * is, then feed fdt_init() truncated and corrupted copies: bad header
 * fields, short blocks, flipped bytes. Every blob is copied into a heap
 * buffer of exactly the size the reader is told, so ASan reports any read
 * past it. Trees built in the test, for what the dump lacks (reserved
 * memory, initrd, broken structure), are in fdt_build_test.c.
 */
#include "htest.h"
#include "fdt_helpers.h"
#include "kernel/fdt.h"
#include "kernel/errno.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- loading the real DTB ------------------------------------------------ */

static uint8_t *virt_dtb;
static size_t virt_dtb_size;	/* the header's totalsize */

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
