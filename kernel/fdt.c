/*
 * kernel/fdt.c - reading a flattened device tree, never past its end.
 *
 * fdt_init() checks the header and walks the whole structure block once,
 * so a malformed blob is refused up front with a message. The lookups
 * below still check every offset they use against the blocks: they rely on
 * nothing but the header fields fdt_init() validated. All multi-byte values
 * in a DTB are big-endian and are read a byte at a time, so the blob needs
 * no particular alignment.
 */
#include "kernel/fdt.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"

/* Structure block tokens. */
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9

#define FDT_V16_HEADER	36	/* version 16 lacks size_dt_struct */
#define FDT_V17_HEADER	40
#define FDT_LAST_COMPATIBLE 17	/* the newest layout this reader knows */

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

/* fdt_bad() records why the blob is refused and returns -EINVAL. */
static int fdt_bad(struct fdt *fdt, uint64_t offset, const char *why)
{
	fdt->error = why;
	fdt->error_offset = (uint32_t)offset;
	return -EINVAL;
}

/* ---- tokens -------------------------------------------------------------- */

/*
 * struct fdt_token is one decoded item of the structure block. @off is its
 * offset inside the block, @next the offset of the item after it.
 */
struct fdt_token {
	uint32_t tag;
	uint32_t off;
	uint32_t next;
	const char *name;	/* BEGIN_NODE: the node name; PROP: the property name */
	const uint8_t *val;	/* PROP: the value ... */
	uint32_t len;		/* ... and its length */
};

static const uint8_t *sblock(struct fdt *fdt)
{
	return fdt->blob + fdt->off_struct;
}

/* The name at @nameoff in the strings block, or NULL if out of the block. */
static const char *fdt_string(struct fdt *fdt, uint32_t nameoff)
{
	const char *s = (const char *)fdt->blob + fdt->off_strings + nameoff;

	if (nameoff >= fdt->size_strings)
		return NULL;
	if (strnlen(s, fdt->size_strings - nameoff) == fdt->size_strings - nameoff)
		return NULL;	/* runs off the end of the block */
	return s;
}

/*
 * fdt_token() decodes the item at @off of the structure block into @tok.
 * Returns 0 or -EINVAL when the item is not wholly inside the block.
 */
static int fdt_token(struct fdt *fdt, uint32_t off, struct fdt_token *tok)
{
	const uint8_t *s = sblock(fdt);
	uint32_t size = fdt->size_struct;
	uint64_t end;

	tok->off = off;
	tok->name = NULL;
	tok->val = NULL;
	tok->len = 0;
	if (off % 4 || (uint64_t)off + 4 > size)
		return fdt_bad(fdt, fdt->off_struct + (uint64_t)off,
			       "structure block ends inside a token");
	tok->tag = be32(s + off);
	switch (tok->tag) {
	case FDT_BEGIN_NODE: {
		uint32_t room = size - (off + 4);
		size_t n = strnlen((const char *)s + off + 4, room);

		if (n == room)
			return fdt_bad(fdt, fdt->off_struct + (uint64_t)off,
				       "node name runs past the structure block");
		tok->name = (const char *)s + off + 4;
		end = ALIGN_UP((uint64_t)off + 4 + n + 1, 4);
		break;
	}
	case FDT_PROP:
		if ((uint64_t)off + 12 > size)
			return fdt_bad(fdt, fdt->off_struct + (uint64_t)off,
				       "property header runs past the structure block");
		tok->len = be32(s + off + 4);
		tok->name = fdt_string(fdt, be32(s + off + 8));
		if (!tok->name)
			return fdt_bad(fdt, fdt->off_struct + (uint64_t)off,
				       "property name outside the strings block");
		if ((uint64_t)off + 12 + tok->len > size)
			return fdt_bad(fdt, fdt->off_struct + (uint64_t)off,
				       "property value runs past the structure block");
		tok->val = s + off + 12;
		end = ALIGN_UP((uint64_t)off + 12 + tok->len, 4);
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		end = (uint64_t)off + 4;
		break;
	default:
		return fdt_bad(fdt, fdt->off_struct + (uint64_t)off,
			       "unknown token in the structure block");
	}
	/* Padding may reach the block's end, but the next token must fit. */
	tok->next = (uint32_t)MIN(end, (uint64_t)size);
	return 0;
}

/* fdt_node_token() decodes @node and checks that it is a BEGIN_NODE. */
static int fdt_node_token(struct fdt *fdt, int node, struct fdt_token *tok)
{
	int err;

	if (node < 0)
		return fdt_bad(fdt, 0, "invalid node handle");
	err = fdt_token(fdt, (uint32_t)node, tok);
	if (err)
		return err;
	if (tok->tag != FDT_BEGIN_NODE)
		return fdt_bad(fdt, fdt->off_struct + (uint64_t)node,
			       "handle does not point at a node");
	return 0;
}

/* ---- the header and the one full walk ------------------------------------ */

/*
 * fdt_check_structure() walks every token once: names and values inside
 * their blocks, properties before subnodes, nodes balanced and at most
 * FDT_MAX_DEPTH deep, one root, and an FDT_END after it.
 */
static int fdt_check_structure(struct fdt *fdt)
{
	struct fdt_token tok;
	uint32_t off = 0;
	int depth = 0, err;
	bool seen_root = false, seen_child[FDT_MAX_DEPTH + 1] = { false };

	for (;;) {
		err = fdt_token(fdt, off, &tok);
		if (err)
			return err;
		switch (tok.tag) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && seen_root)
				return fdt_bad(fdt, fdt->off_struct + off,
					       "second root node");
			if (depth == FDT_MAX_DEPTH)
				return fdt_bad(fdt, fdt->off_struct + off,
					       "nodes nested too deeply");
			seen_root = true;
			if (depth > 0)
				seen_child[depth] = true;
			depth++;
			seen_child[depth] = false;
			break;
		case FDT_PROP:
			if (depth == 0)
				return fdt_bad(fdt, fdt->off_struct + off,
					       "property outside any node");
			if (seen_child[depth])
				return fdt_bad(fdt, fdt->off_struct + off,
					       "property after a subnode");
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return fdt_bad(fdt, fdt->off_struct + off,
					       "unbalanced end of node");
			depth--;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			if (!seen_root)
				return fdt_bad(fdt, fdt->off_struct + off, "no root node");
			if (depth != 0)
				return fdt_bad(fdt, fdt->off_struct + off,
					       "tree ends inside a node");
			return 0;
		}
		if (tok.next == off || tok.next >= fdt->size_struct)
			return fdt_bad(fdt, fdt->off_struct + off,
				       "structure block ends without FDT_END");
		off = tok.next;
	}
}

/* fdt_check_rsvmap() finds the reservation map's (0, 0) terminator. */
static int fdt_check_rsvmap(struct fdt *fdt)
{
	uint64_t off;

	for (off = fdt->off_rsvmap; off + 16 <= fdt->totalsize; off += 16)
		if (be64(fdt->blob + off) == 0 && be64(fdt->blob + off + 8) == 0)
			return 0;
	return fdt_bad(fdt, fdt->off_rsvmap,
		       "memory reservation map has no terminating entry");
}

int fdt_init(struct fdt *fdt, const void *blob, size_t limit)
{
	const uint8_t *b = blob;
	uint32_t header, last_comp;

	memset(fdt, 0, sizeof(*fdt));
	fdt->blob = b;
	if (!b || limit < FDT_V16_HEADER)
		return fdt_bad(fdt, 0, "blob too small for a header");
	if (be32(b) != FDT_MAGIC)
		return fdt_bad(fdt, 0, "bad magic (not a device tree blob)");
	fdt->totalsize = be32(b + 4);
	fdt->off_struct = be32(b + 8);
	fdt->off_strings = be32(b + 12);
	fdt->off_rsvmap = be32(b + 16);
	fdt->version = be32(b + 20);
	last_comp = be32(b + 24);
	fdt->size_strings = be32(b + 32);

	if (fdt->version < 16)
		return fdt_bad(fdt, 20, "version older than 16");
	if (last_comp > FDT_LAST_COMPATIBLE)
		return fdt_bad(fdt, 24, "last compatible version newer than 17");
	header = fdt->version >= 17 ? FDT_V17_HEADER : FDT_V16_HEADER;
	if (fdt->totalsize < header)
		return fdt_bad(fdt, 4, "totalsize smaller than the header");
	if (fdt->totalsize > limit || fdt->totalsize > INT32_MAX)
		return fdt_bad(fdt, 4, "totalsize runs past the end of the blob");
	if (fdt->version >= 17)
		fdt->size_struct = be32(b + 36);
	else if (fdt->off_struct <= fdt->totalsize)
		fdt->size_struct = fdt->totalsize - fdt->off_struct;

	if (fdt->off_rsvmap < header || fdt->off_rsvmap % 8 ||
	    fdt->off_rsvmap >= fdt->totalsize)
		return fdt_bad(fdt, 16, "reservation map offset outside the blob");
	if (fdt->off_struct < header || fdt->off_struct % 4 ||
	    (uint64_t)fdt->off_struct + fdt->size_struct > fdt->totalsize)
		return fdt_bad(fdt, 8, "structure block outside the blob");
	if (fdt->off_strings < header ||
	    (uint64_t)fdt->off_strings + fdt->size_strings > fdt->totalsize)
		return fdt_bad(fdt, 12, "strings block outside the blob");
	if (fdt_check_rsvmap(fdt))
		return -EINVAL;
	return fdt_check_structure(fdt);
}

/* ---- nodes --------------------------------------------------------------- */

int fdt_root(struct fdt *fdt)
{
	struct fdt_token tok;
	uint32_t off = 0;

	for (;;) {
		if (fdt_token(fdt, off, &tok))
			return -EINVAL;
		if (tok.tag == FDT_BEGIN_NODE)
			return (int)off;
		if (tok.tag != FDT_NOP || tok.next == off)
			return fdt_bad(fdt, fdt->off_struct + off, "no root node");
		off = tok.next;
	}
}

int fdt_next_node(struct fdt *fdt, int node, int *depth)
{
	struct fdt_token tok;
	uint32_t off;
	int err;

	err = fdt_node_token(fdt, node, &tok);
	if (err)
		return err;
	for (;;) {
		off = tok.next;
		if (off == tok.off)
			return fdt_bad(fdt, fdt->off_struct + off, "token does not advance");
		err = fdt_token(fdt, off, &tok);
		if (err)
			return err;
		switch (tok.tag) {
		case FDT_BEGIN_NODE:
			++*depth;
			return (int)off;
		case FDT_END_NODE:
			if (--*depth < 0)
				return -ENOENT;
			break;
		case FDT_END:
			return -ENOENT;
		default:	/* FDT_PROP, FDT_NOP */
			break;
		}
	}
}

int fdt_first_child(struct fdt *fdt, int node)
{
	int depth = 0;
	int child = fdt_next_node(fdt, node, &depth);

	if (child < 0)
		return child;
	return depth == 1 ? child : -ENOENT;
}

int fdt_next_sibling(struct fdt *fdt, int node)
{
	int depth = 1;	/* @node is a child (depth 1) of the scope */
	int off = node;

	do {
		off = fdt_next_node(fdt, off, &depth);
		if (off < 0)
			return off;
	} while (depth > 1);
	return depth == 1 ? off : -ENOENT;
}

int fdt_parent(struct fdt *fdt, int node)
{
	int stack[FDT_MAX_DEPTH + 1];
	int depth = 0;
	int off = fdt_root(fdt);

	while (off >= 0) {
		if (depth > FDT_MAX_DEPTH)
			return fdt_bad(fdt, fdt->off_struct + (uint64_t)off,
				       "nodes nested too deeply");
		stack[depth] = off;
		if (off == node)
			return depth == 0 ? -ENOENT : stack[depth - 1];
		off = fdt_next_node(fdt, off, &depth);
	}
	return off == -ENOENT ? fdt_bad(fdt, 0, "handle is not a node of the tree") : off;
}

const char *fdt_node_name(struct fdt *fdt, int node)
{
	struct fdt_token tok;

	if (fdt_node_token(fdt, node, &tok))
		return NULL;
	return tok.name;
}

/*
 * name_matches() compares a node name with @len bytes of @want. A @want
 * without '@' also matches the node name's part before its unit address.
 */
static bool name_matches(const char *name, const char *want, size_t len)
{
	bool has_unit = false;

	for (size_t i = 0; i < len; i++)
		if (want[i] == '@')
			has_unit = true;
	if (strncmp(name, want, len) != 0)
		return false;
	return name[len] == '\0' || (!has_unit && name[len] == '@');
}

static int fdt_subnode_len(struct fdt *fdt, int parent, const char *name, size_t len)
{
	int child;

	for (child = fdt_first_child(fdt, parent); child >= 0;
	     child = fdt_next_sibling(fdt, child)) {
		const char *cname = fdt_node_name(fdt, child);

		if (!cname)
			return -EINVAL;
		if (name_matches(cname, name, len))
			return child;
	}
	return child;
}

int fdt_subnode(struct fdt *fdt, int parent, const char *name)
{
	return fdt_subnode_len(fdt, parent, name, strlen(name));
}

int fdt_path(struct fdt *fdt, const char *path)
{
	int node;

	if (path[0] != '/')
		return -ENOENT;
	node = fdt_root(fdt);
	while (node >= 0) {
		size_t len = 0;

		while (*path == '/')
			path++;
		if (*path == '\0')
			return node;
		while (path[len] && path[len] != '/')
			len++;
		node = fdt_subnode_len(fdt, node, path, len);
		path += len;
	}
	return node;
}

/* ---- properties ---------------------------------------------------------- */

int fdt_prop(struct fdt *fdt, int node, const char *name, const void **val,
	     uint32_t *len)
{
	struct fdt_token tok;
	int err;

	err = fdt_node_token(fdt, node, &tok);
	if (err)
		return err;
	for (;;) {
		uint32_t off = tok.next;

		if (off == tok.off)
			return fdt_bad(fdt, fdt->off_struct + off, "token does not advance");
		err = fdt_token(fdt, off, &tok);
		if (err)
			return err;
		if (tok.tag == FDT_NOP)
			continue;
		if (tok.tag != FDT_PROP)	/* properties come before subnodes */
			return -ENOENT;
		if (strcmp(tok.name, name) == 0) {
			if (val)
				*val = tok.val;
			if (len)
				*len = tok.len;
			return 0;
		}
	}
}

int fdt_prop_u32(struct fdt *fdt, int node, const char *name, uint32_t *out)
{
	const void *val;
	uint32_t len;
	int err = fdt_prop(fdt, node, name, &val, &len);

	if (err)
		return err;
	if (len != 4)
		return fdt_bad(fdt, (const uint8_t *)val - fdt->blob,
			       "property is not one cell");
	*out = be32(val);
	return 0;
}

int fdt_prop_uint(struct fdt *fdt, int node, const char *name, uint64_t *out)
{
	const void *val;
	uint32_t len;
	int err = fdt_prop(fdt, node, name, &val, &len);

	if (err)
		return err;
	if (len == 4)
		*out = be32(val);
	else if (len == 8)
		*out = be64(val);
	else
		return fdt_bad(fdt, (const uint8_t *)val - fdt->blob,
			       "property is neither one nor two cells");
	return 0;
}

int fdt_prop_string(struct fdt *fdt, int node, const char *name, const char **out)
{
	const void *val;
	uint32_t len;
	int err = fdt_prop(fdt, node, name, &val, &len);

	if (err)
		return err;
	if (len == 0 || strnlen(val, len) == len)
		return fdt_bad(fdt, (const uint8_t *)val - fdt->blob,
			       "string property is not terminated");
	*out = val;
	return 0;
}

bool fdt_is_compatible(struct fdt *fdt, int node, const char *compat)
{
	const void *val;
	const char *list;
	uint32_t len, pos = 0;

	if (fdt_prop(fdt, node, "compatible", &val, &len))
		return false;
	list = val;
	while (pos < len) {
		size_t n = strnlen(list + pos, len - pos);

		if (n == len - pos)
			return false;	/* unterminated last string */
		if (strcmp(list + pos, compat) == 0)
			return true;
		pos += n + 1;
	}
	return false;
}

int fdt_find_compatible(struct fdt *fdt, int from, const char *compat)
{
	/* A depth no tree reaches: the walk ends only at FDT_END. */
	int depth = FDT_MAX_DEPTH + 1;
	int node;

	if (from < 0) {
		node = fdt_root(fdt);
		if (node < 0 || fdt_is_compatible(fdt, node, compat))
			return node;
	} else {
		node = from;
	}
	for (;;) {
		node = fdt_next_node(fdt, node, &depth);
		if (node < 0 || fdt_is_compatible(fdt, node, compat))
			return node;
	}
}

/* ---- reg and the reservation map ----------------------------------------- */

/* fdt_cells() reads #address-cells/#size-cells of @bus, with the defaults. */
static int fdt_cells(struct fdt *fdt, int bus, uint32_t *ac, uint32_t *sc)
{
	int err;

	*ac = 2;
	*sc = 1;
	err = fdt_prop_u32(fdt, bus, "#address-cells", ac);
	if (err && err != -ENOENT)
		return err;
	err = fdt_prop_u32(fdt, bus, "#size-cells", sc);
	if (err && err != -ENOENT)
		return err;
	if (*ac < 1 || *ac > 2 || *sc > 2)
		return fdt_bad(fdt, fdt->off_struct + (uint64_t)bus,
			       "#address-cells or #size-cells too large for 64 bits");
	return 0;
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	return cells == 2 ? be64(p) : cells == 1 ? be32(p) : 0;
}

int fdt_reg(struct fdt *fdt, int node, unsigned index, uint64_t *addr,
	    uint64_t *size)
{
	const void *prop;
	const uint8_t *val;
	uint32_t len, ac, sc, entry;
	int parent, err;

	parent = fdt_parent(fdt, node);
	if (parent < 0)
		return parent;
	err = fdt_cells(fdt, parent, &ac, &sc);
	if (err)
		return err;
	err = fdt_prop(fdt, node, "reg", &prop, &len);
	if (err)
		return err;
	val = prop;
	entry = (ac + sc) * 4;
	if (len % entry)
		return fdt_bad(fdt, val - fdt->blob,
			       "reg length is not a whole number of entries");
	if ((uint64_t)index * entry >= len)
		return -ENOENT;
	val += (size_t)index * entry;
	*addr = read_cells(val, ac);
	*size = read_cells(val + ac * 4, sc);
	return 0;
}

int fdt_rsvmap_entry(struct fdt *fdt, unsigned index, uint64_t *addr,
		     uint64_t *size)
{
	uint64_t off = fdt->off_rsvmap;

	/* Walk up to @index, stopping at the terminator fdt_init() found. */
	for (unsigned i = 0;; i++, off += 16) {
		uint64_t a, s;

		if (off + 16 > fdt->totalsize)
			return fdt_bad(fdt, off, "memory reservation map runs past the blob");
		a = be64(fdt->blob + off);
		s = be64(fdt->blob + off + 8);
		if (a == 0 && s == 0)
			return -ENOENT;
		if (i == index) {
			*addr = a;
			*size = s;
			return 0;
		}
	}
}
