/*
 * kernel/fdt.h - a small reader for flattened device trees (DTB).
 *
 * The riscv64 port reads what OpenSBI and QEMU tell it (RAM, reserved
 * regions, the command line, devices) from a device tree blob. Every read
 * is bounds-checked against the blob: a truncated or corrupt tree gives
 * -EINVAL and a message in fdt->error, never a wild read. The file is
 * portable and is compiled for the host too (tests/host/fdt_test.c); it
 * needs only the string routines.
 *
 * Nodes are named by a handle: the offset of the node's FDT_BEGIN_NODE
 * token inside the structure block (always >= 0). Functions that look
 * something up return it (or 0), -ENOENT when it is absent, or -EINVAL
 * (with fdt->error set) when the blob is malformed.
 *
 * Layout facts (from the Devicetree Specification): a 40-byte big-endian
 * header; a memory reservation map of (address, size) u64 pairs ending in
 * (0, 0); a structure block of 32-bit tokens (BEGIN_NODE + name, PROP +
 * length + name offset + value, END_NODE, NOP, END), each item padded to 4
 * bytes; a strings block holding the property names.
 */
#ifndef ATLAS_FDT_H
#define ATLAS_FDT_H

#include "kernel/types.h"

#define FDT_MAGIC	0xd00dfeedu
#define FDT_MAX_DEPTH	32	/* deeper nesting is treated as corrupt */

/* A device tree blob being read. Filled by fdt_init(); read-only after. */
struct fdt {
	const uint8_t *blob;
	uint32_t totalsize;
	uint32_t version;
	uint32_t off_rsvmap;	/* memory reservation map */
	uint32_t off_struct;	/* structure block */
	uint32_t size_struct;
	uint32_t off_strings;	/* strings block */
	uint32_t size_strings;
	const char *error;	/* why the last -EINVAL happened */
	uint32_t error_offset;	/* where, as an offset into the blob */
};

/*
 * fdt_init() checks the header of the blob at @blob and walks its whole
 * structure block once. @limit is how many bytes at @blob may be read at
 * most; the blob's totalsize must fit. Returns 0, or -EINVAL with
 * fdt->error saying what is wrong.
 */
int fdt_init(struct fdt *fdt, const void *blob, size_t limit);

/* fdt_root() is the root node's handle. */
int fdt_root(struct fdt *fdt);

/*
 * fdt_next_node() returns the node after @node in document order and keeps
 * *@depth as the nesting depth: the caller starts it at @node's depth (0
 * for the root); each node entered adds 1, each node left subtracts 1.
 * Returns -ENOENT when *@depth falls below 0 (the walk left the subtree it
 * was scoped to) or the tree ends.
 */
int fdt_next_node(struct fdt *fdt, int node, int *depth);

/* fdt_first_child() / fdt_next_sibling(): -ENOENT when there is none. */
int fdt_first_child(struct fdt *fdt, int node);
int fdt_next_sibling(struct fdt *fdt, int node);

/* fdt_parent() is @node's parent; -ENOENT for the root. */
int fdt_parent(struct fdt *fdt, int node);

/* fdt_node_name() is the node's name ("" for the root), or NULL if @node is bad. */
const char *fdt_node_name(struct fdt *fdt, int node);

/*
 * fdt_subnode() finds the child of @parent called @name. A @name without a
 * unit address ("memory") also matches "memory@80000000"; the first match
 * wins.
 */
int fdt_subnode(struct fdt *fdt, int parent, const char *name);

/* fdt_path() finds a node by its absolute path, e.g. "/chosen" or "/". */
int fdt_path(struct fdt *fdt, const char *path);

/*
 * fdt_prop() finds property @name of @node: *@val points into the blob,
 * *@len is its length in bytes. Either out-pointer may be NULL.
 */
int fdt_prop(struct fdt *fdt, int node, const char *name, const void **val,
	     uint32_t *len);

/* fdt_prop_u32() reads a one-cell property; -EINVAL if it is not 4 bytes. */
int fdt_prop_u32(struct fdt *fdt, int node, const char *name, uint32_t *out);

/* fdt_prop_uint() reads a property of one or two cells (4 or 8 bytes). */
int fdt_prop_uint(struct fdt *fdt, int node, const char *name, uint64_t *out);

/* fdt_prop_string() reads a string property; -EINVAL if unterminated. */
int fdt_prop_string(struct fdt *fdt, int node, const char *name, const char **out);

/* fdt_is_compatible() is true if @compat is one of @node's compatible strings. */
bool fdt_is_compatible(struct fdt *fdt, int node, const char *compat);

/*
 * fdt_find_compatible() returns the first node after @from (document
 * order; -1 to start at the root) that is compatible with @compat.
 */
int fdt_find_compatible(struct fdt *fdt, int from, const char *compat);

/*
 * fdt_reg() decodes entry @index of @node's "reg" property with the
 * parent's #address-cells (default 2) and #size-cells (default 1); one or
 * two cells each, so the values fit in 64 bits (-EINVAL otherwise).
 * -ENOENT past the last entry or if there is no reg.
 */
int fdt_reg(struct fdt *fdt, int node, unsigned index, uint64_t *addr,
	    uint64_t *size);

/*
 * fdt_rsvmap_entry() reads entry @index of the memory reservation map;
 * -ENOENT at the terminating (0, 0) entry and after it.
 */
int fdt_rsvmap_entry(struct fdt *fdt, unsigned index, uint64_t *addr,
		     uint64_t *size);

#endif
