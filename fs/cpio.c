/*
 * fs/cpio.c - reading a cpio "newc" archive (the initramfs format).
 *
 * A newc archive is a run of members, each laid out as
 *
 *   header   110 ASCII bytes: the magic "070701", then 13 fields of 8 hex
 *            digits (ino mode uid gid nlink mtime filesize devmajor devminor
 *            rdevmajor rdevminor namesize check)
 *   name     namesize bytes, the last one NUL; padded with NULs so that
 *            the data starts at a multiple of 4
 *   data     filesize bytes (a symlink's target for S_IFLNK); padded so
 *            that the next header starts at a multiple of 4
 *
 * and ends with a member named "TRAILER!!!". Several archives may follow
 * one another, with runs of NUL bytes between them (Linux's initramfs
 * buffer format); offsets are counted from the start of the whole buffer.
 *
 * Everything here distrusts the archive: each field is checked to be hex,
 * and each length against the bytes that remain, before it is used.
 */
#include "fs/cpio.h"
#include "kernel/kernel.h"

#define CPIO_HDR_SIZE	110
#define CPIO_MAGIC	"070701"
#define CPIO_MAGIC_LEN	6
#define CPIO_FIELD_LEN	8
#define CPIO_TRAILER	"TRAILER!!!"

/* The 13 header fields, in archive order. */
enum cpio_field {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	NR_FIELDS
};

static const char *const cpio_field_names[NR_FIELDS] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check",
};

/* Where the walk is, and what it can say about it in an error. */
struct cpio_reader {
	const uint8_t *buf;
	size_t len;
	size_t off;		/* the header being read */
	const char *prev;	/* the last member read (its archive name), or NULL */
};

/*
 * cpio_error() prints one error line naming the member (@name), or, when
 * its name is not known or not trustworthy, its offset and the member
 * before it. Returns -EINVAL.
 */
__printf(3, 4)
static int cpio_error(const struct cpio_reader *r, const char *name, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (name)
		pr_err("cpio: error: entry '%s' at offset %#zx: %s\n", name, r->off, what);
	else if (r->prev)
		pr_err("cpio: error: entry at offset %#zx (after '%s'): %s\n",
		       r->off, r->prev, what);
	else
		pr_err("cpio: error: entry at offset %#zx (the first): %s\n", r->off, what);
	return -EINVAL;
}

/* cpio_hex8() parses 8 hex digits at @p into @out; false if any is not hex. */
static bool cpio_hex8(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < CPIO_FIELD_LEN; i++) {
		uint8_t c = p[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

static const uint8_t *cpio_field_at(const struct cpio_reader *r, enum cpio_field f)
{
	return r->buf + r->off + CPIO_MAGIC_LEN + (size_t)f * CPIO_FIELD_LEN;
}

/*
 * cpio_check_header() checks that a whole header is there with the newc
 * magic. Returns 0 or -EINVAL (after saying why).
 */
static int cpio_check_header(const struct cpio_reader *r)
{
	const uint8_t *h = r->buf + r->off;
	size_t left = r->len - r->off;

	if (left < CPIO_HDR_SIZE)
		return cpio_error(r, NULL, "truncated header (%zu of %d bytes)",
				  left, CPIO_HDR_SIZE);
	if (memcmp(h, CPIO_MAGIC, CPIO_MAGIC_LEN) == 0)
		return 0;
	if (memcmp(h, "070702", CPIO_MAGIC_LEN) == 0)
		return cpio_error(r, NULL, "magic 070702 (newc with CRCs) is not "
				  "supported; write plain newc (070701)");
	if (h[0] == '\0')
		return cpio_error(r, NULL, "NUL bytes where a header should be (did "
				  "the archive lose its " CPIO_TRAILER " entry?)");
	if (memcmp(h, "070707", CPIO_MAGIC_LEN) == 0)
		return cpio_error(r, NULL, "magic 070707 is the old portable format; "
				  "write newc (cpio -H newc)");
	return cpio_error(r, NULL, "bad magic %02x %02x %02x %02x %02x %02x "
			  "(a newc header starts with \"070701\")",
			  h[0], h[1], h[2], h[3], h[4], h[5]);
}

/*
 * cpio_read_name() checks the member's name: a size that is not 0, bytes
 * that are all inside the archive, and exactly one NUL, at the end.
 * Sets @name and returns 0, or -EINVAL (reported by offset: the name
 * itself cannot be trusted).
 */
static int cpio_read_name(const struct cpio_reader *r, uint32_t namesize, const char **name)
{
	size_t name_off = r->off + CPIO_HDR_SIZE;
	const char *s = (const char *)r->buf + name_off;

	if (namesize == 0)
		return cpio_error(r, NULL, "name size is 0 (it counts the NUL, so "
				  "it is at least 1)");
	if (namesize > r->len - name_off)
		return cpio_error(r, NULL, "name of %u bytes runs past the end of "
				  "the archive (%zu bytes left)", namesize,
				  r->len - name_off);
	if (strnlen(s, namesize) != namesize - 1)
		return cpio_error(r, NULL, "name of %u bytes is not a string "
				  "ending in its only NUL", namesize);
	*name = s;
	return 0;
}

/*
 * cpio_read_entry() reads the member at r->off into @e (its name as the
 * archive spells it) and moves r->off to the next header. Returns 0 or
 * -EINVAL (after saying why); r->off is unchanged on error.
 */
static int cpio_read_entry(struct cpio_reader *r, struct cpio_entry *e)
{
	uint32_t v[NR_FIELDS];
	const char *name = NULL;
	size_t data_off, end;
	int err;

	err = cpio_check_header(r);
	if (err)
		return err;
	if (!cpio_hex8(cpio_field_at(r, F_NAMESIZE), &v[F_NAMESIZE]))
		return cpio_error(r, NULL, "field namesize is not 8 hex digits");
	err = cpio_read_name(r, v[F_NAMESIZE], &name);
	if (err)
		return err;
	/* From here on the name is a proper string: errors name the entry. */
	for (int f = 0; f < NR_FIELDS; f++)
		if (!cpio_hex8(cpio_field_at(r, f), &v[f]))
			return cpio_error(r, name, "field %s is not 8 hex digits",
					  cpio_field_names[f]);

	/* The data starts at the next multiple of 4 after the name. */
	data_off = ALIGN_UP(r->off + CPIO_HDR_SIZE + v[F_NAMESIZE], (size_t)4);
	if (v[F_FILESIZE] && (data_off > r->len || v[F_FILESIZE] > r->len - data_off))
		return cpio_error(r, name, "data of %u bytes runs past the end of "
				  "the archive (%zu bytes)", v[F_FILESIZE], r->len);

	e->name = name;
	e->mode = v[F_MODE];
	e->ino = v[F_INO];
	e->uid = v[F_UID];
	e->gid = v[F_GID];
	e->nlink = v[F_NLINK];
	e->mtime = v[F_MTIME];
	e->data = r->buf + MIN(data_off, r->len);
	e->size = v[F_FILESIZE];
	e->devmajor = v[F_DEVMAJOR];
	e->devminor = v[F_DEVMINOR];
	e->rdevmajor = v[F_RDEVMAJOR];
	e->rdevminor = v[F_RDEVMINOR];
	e->offset = r->off;

	/* The padding after the last member may be cut off; that is harmless. */
	end = ALIGN_UP(MIN(data_off, r->len) + e->size, (size_t)4);
	r->off = MIN(end, r->len);
	r->prev = name;
	return 0;
}

/*
 * cpio_normalise() drops leading "/" and "./" from an archive name, so
 * "./etc/motd", "/etc/motd" and "etc/motd" all come out as "etc/motd".
 */
static const char *cpio_normalise(const char *name)
{
	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else
			return name;
	}
}

/*
 * cpio_skip_padding() skips the NULs that may come before an archive.
 * Returns 0, or -EINVAL if they do not end at a multiple of 4.
 */
static int cpio_skip_padding(struct cpio_reader *r)
{
	while (r->off < r->len && r->buf[r->off] == 0)
		r->off++;
	if (r->off < r->len && !IS_ALIGNED(r->off, (size_t)4))
		return cpio_error(r, NULL, "the NUL padding before this archive does "
				  "not end at a multiple of 4");
	return 0;
}

int cpio_unpack(const void *buf, size_t len,
		int (*fn)(const struct cpio_entry *e, void *ctx), void *ctx)
{
	struct cpio_reader r = { .buf = buf, .len = len, .off = 0, .prev = NULL };
	unsigned archives = 0;
	int delivered = 0;
	int err;

	for (;;) {
		struct cpio_entry e;

		/* Between archives: padding, then another archive or the end. */
		err = cpio_skip_padding(&r);
		if (err)
			return err;
		if (r.off == r.len)
			break;
		/* Inside one archive, up to and including its trailer. */
		for (;;) {
			if (r.off == r.len) {
				if (r.prev)
					pr_err("cpio: error: the archive ends after entry '%s' "
					       "without a " CPIO_TRAILER " entry\n", r.prev);
				else
					pr_err("cpio: error: the archive ends without a "
					       CPIO_TRAILER " entry\n");
				return -EINVAL;
			}
			err = cpio_read_entry(&r, &e);
			if (err)
				return err;
			if (strcmp(e.name, CPIO_TRAILER) == 0)
				break;
			e.name = cpio_normalise(e.name);
			if (e.name[0] == '\0' || strcmp(e.name, ".") == 0)
				continue;	/* the root itself: it always exists */
			err = fn(&e, ctx);
			if (err < 0)
				return err;
			delivered++;
		}
		archives++;
	}
	if (archives == 0) {
		pr_err("cpio: error: the archive is empty (%zu bytes, no " CPIO_TRAILER
		       " entry)\n", len);
		return -EINVAL;
	}
	return delivered;
}
