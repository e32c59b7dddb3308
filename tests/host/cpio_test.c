/*
 * tests/host/cpio_test.c - the real fs/cpio.c on the host, under ASan.
 *
 * The archives are built here by a small newc writer, then broken on
 * purpose. Each broken archive is copied into a heap block of exactly its
 * length, so a read past the end is an ASan error, not a silent pass.
 * printk is captured (the strong vprintk below replaces hostlib's weak
 * one), so the cases can check what the error message names.
 */
#include "htest.h"
#include "fs/cpio.h"
#include "kernel/errno.h"

#include <stdlib.h>
#include <string.h>

/* ---- printk capture ------------------------------------------------------ */

static char last_msg[512];
static int nr_msgs;

void vprintk(int level, const char *fmt, va_list ap)
{
	(void)level;
	vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	nr_msgs++;
	if (getenv("CPIO_TEST_VERBOSE"))
		printf("# %s", last_msg);
}

static void msg_reset(void)
{
	last_msg[0] = '\0';
	nr_msgs = 0;
}

static bool msg_has(const char *s)
{
	return strstr(last_msg, s) != NULL;
}

/* ---- a newc writer ----------------------------------------------------- */

#define MAX_MEMBERS 16

struct wbuf {
	unsigned char *p;
	size_t len, cap;
	/* Per member: where its header starts, and the length of buffer it
	 * needs to be read whole (its name, and its data if it has any). */
	size_t hdr[MAX_MEMBERS], need[MAX_MEMBERS];
	int n;
};

static void w_bytes(struct wbuf *w, const void *s, size_t n)
{
	if (w->len + n > w->cap) {
		w->cap = (w->len + n) * 2 + 64;
		w->p = realloc(w->p, w->cap);
		if (!w->p)
			abort();
	}
	memcpy(w->p + w->len, s, n);
	w->len += n;
}

static void w_pad4(struct wbuf *w)
{
	while (w->len % 4)
		w_bytes(w, "", 1);
}

static void w_member(struct wbuf *w, const char *name, unsigned mode, const void *data,
		     size_t size)
{
	char hdr[128];
	unsigned namesize = (unsigned)strlen(name) + 1;

	snprintf(hdr, sizeof(hdr),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 w->n + 1, mode, 1000u, 100u, S_ISDIR(mode) ? 2u : 1u, 1700000000u,
		 (unsigned)size, 8u, 1u, 0u, 0u, namesize, 0u);
	if (w->n < MAX_MEMBERS)
		w->hdr[w->n] = w->len;
	w_bytes(w, hdr, 110);
	w_bytes(w, name, namesize);
	w_pad4(w);
	if (w->n < MAX_MEMBERS)
		w->need[w->n] = size ? w->len + size : w->hdr[w->n] + 110 + namesize;
	w->n++;
	w_bytes(w, data, size);
	w_pad4(w);
}

static void w_file(struct wbuf *w, const char *name, const char *text)
{
	w_member(w, name, S_IFREG | 0644, text, strlen(text));
}

static void w_dir(struct wbuf *w, const char *name)
{
	w_member(w, name, S_IFDIR | 0755, "", 0);
}

static void w_trailer(struct wbuf *w)
{
	w_member(w, "TRAILER!!!", 0, "", 0);
}

/* The archive most cases start from: 4 members and the trailer. */
static void w_sample(struct wbuf *w)
{
	w_dir(w, "etc");
	w_file(w, "etc/hostname", "atlas\n");
	w_member(w, "bin/sh", S_IFREG | 0755, "\177ELF....", 8);
	w_member(w, "bin/ls", S_IFLNK | 0777, "sh", 2);
	w_trailer(w);
}

static const char *const sample_names[] = { "etc", "etc/hostname", "bin/sh", "bin/ls" };

static void w_free(struct wbuf *w)
{
	free(w->p);
	memset(w, 0, sizeof(*w));
}

/* ---- what the callback saw ---------------------------------------------- */

struct seen {
	int n;
	char name[MAX_MEMBERS][64];
	unsigned mode[MAX_MEMBERS];
	char data[MAX_MEMBERS][32];
	size_t size[MAX_MEMBERS];
	uint32_t uid[MAX_MEMBERS], mtime[MAX_MEMBERS];
	int fail_at;		/* return -ENOSPC for this entry (-1: never) */
};

static int collect(const struct cpio_entry *e, void *ctx)
{
	struct seen *s = ctx;

	if (s->n == s->fail_at)
		return -ENOSPC;
	if (s->n < MAX_MEMBERS) {
		snprintf(s->name[s->n], sizeof(s->name[0]), "%s", e->name);
		s->mode[s->n] = e->mode;
		s->size[s->n] = e->size;
		memcpy(s->data[s->n], e->data, MIN(e->size, sizeof(s->data[0]) - 1));
		s->uid[s->n] = e->uid;
		s->mtime[s->n] = e->mtime;
	}
	s->n++;
	return 0;
}

/* unpack() runs cpio_unpack over an exact-size heap copy of [p, p + len). */
static int unpack(const void *p, size_t len, struct seen *s)
{
	unsigned char *copy = malloc(len ? len : 1);
	int ret;

	memcpy(copy, p, len);
	memset(s, 0, sizeof(*s));
	s->fail_at = -1;
	msg_reset();
	ret = cpio_unpack(copy, len, collect, s);
	free(copy);
	return ret;
}

/* The callback saw exactly the first @n names of @names. */
static bool saw_prefix(const struct seen *s, const char *const *names, int n)
{
	if (s->n != n)
		return false;
	for (int i = 0; i < n; i++)
		if (strcmp(s->name[i], names[i]) != 0)
			return false;
	return true;
}

/* Writes 8 characters over header field @field of the member at @hdr. */
static void poke_field(struct wbuf *w, size_t hdr, int field, const char *eight)
{
	memcpy(w->p + hdr + 6 + 8 * field, eight, 8);
}

#define FIELD_FILESIZE 6
#define FIELD_NAMESIZE 11
#define FIELD_MODE 1

/* ---- well-formed archives ----------------------------------------------- */

HTEST(cpio_every_member_is_delivered_with_its_fields)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_sample(&w);
	CHECK(unpack(w.p, w.len, &s) == 4);
	w_free(&w);
	CHECK(saw_prefix(&s, sample_names, 4));
	CHECK(s.mode[0] == (S_IFDIR | 0755) && s.size[0] == 0);
	CHECK(s.mode[1] == (S_IFREG | 0644) && s.size[1] == 6);
	CHECK(memcmp(s.data[1], "atlas\n", 6) == 0);
	CHECK(s.mode[2] == (S_IFREG | 0755) && memcmp(s.data[2], "\177ELF", 4) == 0);
	CHECK(S_ISLNK(s.mode[3]) && s.size[3] == 2 && memcmp(s.data[3], "sh", 2) == 0);
	CHECK(s.uid[1] == 1000 && s.mtime[1] == 1700000000u);
	CHECK(nr_msgs == 0);
}

HTEST(cpio_leading_dot_slash_and_slash_are_stripped_and_dot_is_skipped)
{
	static const char *const want[] = { "etc", "etc/motd", "bin" };
	struct wbuf w = { 0 };
	struct seen s;

	w_dir(&w, ".");
	w_dir(&w, "./etc");
	w_file(&w, "./etc/motd", "hi\n");
	w_dir(&w, "/bin");
	w_dir(&w, "./");
	w_trailer(&w);
	CHECK(unpack(w.p, w.len, &s) == 3);
	w_free(&w);
	CHECK(saw_prefix(&s, want, 3));
}

HTEST(cpio_lowercase_hex_is_accepted)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_sample(&w);
	for (int m = 0; m < 5; m++)
		for (size_t i = 6; i < 110; i++)
			if (w.p[w.hdr[m] + i] >= 'A' && w.p[w.hdr[m] + i] <= 'F')
				w.p[w.hdr[m] + i] += 'a' - 'A';
	CHECK(memchr(w.p, 'e', 110) != NULL);	/* mode 41ed */
	CHECK(unpack(w.p, w.len, &s) == 4);
	w_free(&w);
	CHECK(saw_prefix(&s, sample_names, 4));
	CHECK(s.mode[0] == (S_IFDIR | 0755) && s.mode[1] == (S_IFREG | 0644));
}

HTEST(cpio_concatenated_archives_with_nul_padding_are_all_read)
{
	static const char *const want[] = { "etc", "etc/hostname", "bin/sh", "bin/ls",
					    "etc/motd" };
	struct wbuf w = { 0 };
	struct seen s;
	char zeros[512] = { 0 };

	w_bytes(&w, zeros, 8);			/* padding before the first */
	w_sample(&w);
	w_bytes(&w, zeros, 504);		/* a 512-byte block's worth */
	w_file(&w, "./etc/motd", "Welcome\n");
	w_trailer(&w);
	w_bytes(&w, zeros, 12);			/* and after the last */
	CHECK(unpack(w.p, w.len, &s) == 5);
	w_free(&w);
	CHECK(saw_prefix(&s, want, 5));
	CHECK(nr_msgs == 0);
}

HTEST(cpio_padding_that_misaligns_the_next_archive_is_an_error)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_sample(&w);
	w_bytes(&w, "\0\0\0", 3);
	w_file(&w, "late", "x");
	w_trailer(&w);
	CHECK(unpack(w.p, w.len, &s) == -EINVAL);
	w_free(&w);
	CHECK(saw_prefix(&s, sample_names, 4));
	CHECK(msg_has("multiple of 4") && msg_has("after 'TRAILER!!!'"));
}

HTEST(cpio_the_trailer_may_lose_its_final_padding)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_sample(&w);
	/* "TRAILER!!!" plus its NUL end 3 bytes before the archive does. */
	CHECK(unpack(w.p, w.len - 3, &s) == 4);
	w_free(&w);
}

/* ---- malformed archives ------------------------------------------------- */

HTEST(cpio_every_truncation_fails_cleanly_and_keeps_the_whole_members)
{
	struct wbuf w = { 0 };
	struct seen s;
	size_t trailer_need;

	w_sample(&w);
	trailer_need = w.need[4];
	for (size_t len = 0; len <= w.len; len++) {
		int whole = 0, ret;

		for (int i = 0; i < 4; i++)
			whole += w.need[i] <= len;
		ret = unpack(w.p, len, &s);
		if (len >= trailer_need) {
			CHECK(ret == 4);
			continue;
		}
		CHECK(ret == -EINVAL);
		CHECK(saw_prefix(&s, sample_names, whole));
		CHECK(nr_msgs == 1 && msg_has("cpio: error:"));
	}
	w_free(&w);
}

HTEST(cpio_truncated_header_names_its_offset_and_the_entry_before)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_sample(&w);
	CHECK(unpack(w.p, w.hdr[2] + 50, &s) == -EINVAL);
	w_free(&w);
	CHECK(saw_prefix(&s, sample_names, 2));
	CHECK(msg_has("truncated header (50 of 110 bytes)"));
	CHECK(msg_has("after 'etc/hostname'"));
}

HTEST(cpio_bad_magic_is_an_error_after_the_earlier_members)
{
	struct wbuf w = { 0 };
	struct seen s;
	char where[32];

	w_sample(&w);
	memcpy(w.p + w.hdr[2], "070700", 6);
	snprintf(where, sizeof(where), "offset %#zx", w.hdr[2]);
	CHECK(unpack(w.p, w.len, &s) == -EINVAL);
	CHECK(saw_prefix(&s, sample_names, 2));
	CHECK(msg_has("bad magic") && msg_has(where) && msg_has("after 'etc/hostname'"));
	w_free(&w);
}

HTEST(cpio_old_and_crc_formats_are_refused_with_a_hint)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_sample(&w);
	memcpy(w.p, "070707", 6);
	CHECK(unpack(w.p, w.len, &s) == -EINVAL && s.n == 0);
	CHECK(msg_has("cpio -H newc") && msg_has("(the first)"));
	memcpy(w.p, "070702", 6);
	CHECK(unpack(w.p, w.len, &s) == -EINVAL && s.n == 0);
	CHECK(msg_has("070702"));
	w_free(&w);
}

HTEST(cpio_name_size_zero_is_an_error)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_sample(&w);
	poke_field(&w, w.hdr[1], FIELD_NAMESIZE, "00000000");
	CHECK(unpack(w.p, w.len, &s) == -EINVAL);
	w_free(&w);
	CHECK(saw_prefix(&s, sample_names, 1));
	CHECK(msg_has("name size is 0") && msg_has("after 'etc'"));
}

HTEST(cpio_name_running_past_the_end_is_an_error)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_sample(&w);
	poke_field(&w, w.hdr[3], FIELD_NAMESIZE, "7FFFFFF0");
	CHECK(unpack(w.p, w.len, &s) == -EINVAL);
	CHECK(saw_prefix(&s, sample_names, 3));
	CHECK(msg_has("runs past the end") && msg_has("after 'bin/sh'"));
	/* The largest size there is must not wrap any sum either. */
	poke_field(&w, w.hdr[3], FIELD_NAMESIZE, "FFFFFFFF");
	CHECK(unpack(w.p, w.len, &s) == -EINVAL && s.n == 3);
	w_free(&w);
}

HTEST(cpio_name_without_its_nul_is_an_error)
{
	struct wbuf w = { 0 };
	struct seen s;
	size_t name_end;

	w_sample(&w);
	name_end = w.hdr[1] + 110 + strlen("etc/hostname");
	w.p[name_end] = 'X';
	CHECK(unpack(w.p, w.len, &s) == -EINVAL);
	CHECK(saw_prefix(&s, sample_names, 1));
	CHECK(msg_has("not a string") && !msg_has("etc/hostnameX"));
	/* A NUL inside the name is just as wrong. */
	w.p[name_end] = '\0';
	w.p[w.hdr[1] + 110 + 3] = '\0';
	CHECK(unpack(w.p, w.len, &s) == -EINVAL && s.n == 1 && msg_has("not a string"));
	w_free(&w);
}

HTEST(cpio_data_running_past_the_end_is_an_error_naming_the_entry)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_sample(&w);
	poke_field(&w, w.hdr[2], FIELD_FILESIZE, "00001000");
	CHECK(unpack(w.p, w.len, &s) == -EINVAL);
	CHECK(saw_prefix(&s, sample_names, 2));
	CHECK(msg_has("entry 'bin/sh'") && msg_has("data of 4096 bytes runs past the end"));
	poke_field(&w, w.hdr[2], FIELD_FILESIZE, "FFFFFFFF");
	CHECK(unpack(w.p, w.len, &s) == -EINVAL && s.n == 2 && msg_has("entry 'bin/sh'"));
	w_free(&w);
}

HTEST(cpio_non_hex_digit_in_a_field_is_an_error_naming_the_entry)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_sample(&w);
	poke_field(&w, w.hdr[1], FIELD_MODE, "000081g4");
	CHECK(unpack(w.p, w.len, &s) == -EINVAL);
	CHECK(saw_prefix(&s, sample_names, 1));
	CHECK(msg_has("entry 'etc/hostname'") && msg_has("field mode is not 8 hex digits"));
	/* A sign or a space is not a hex digit either. */
	poke_field(&w, w.hdr[1], FIELD_MODE, " 00081A4");
	CHECK(unpack(w.p, w.len, &s) == -EINVAL && s.n == 1);
	poke_field(&w, w.hdr[1], FIELD_MODE, "+00081A4");
	CHECK(unpack(w.p, w.len, &s) == -EINVAL && s.n == 1);
	w_free(&w);
}

HTEST(cpio_non_hex_name_size_is_reported_by_offset)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_sample(&w);
	poke_field(&w, w.hdr[1], FIELD_NAMESIZE, "0000000x");
	CHECK(unpack(w.p, w.len, &s) == -EINVAL);
	w_free(&w);
	CHECK(saw_prefix(&s, sample_names, 1));
	CHECK(msg_has("field namesize") && msg_has("after 'etc'"));
}

HTEST(cpio_archive_without_a_trailer_is_an_error_after_its_members)
{
	struct wbuf w = { 0 };
	struct seen s;

	w_dir(&w, "etc");
	w_file(&w, "etc/motd", "hello\n");
	CHECK(unpack(w.p, w.len, &s) == -EINVAL);
	w_free(&w);
	CHECK(s.n == 2);
	CHECK(msg_has("after entry 'etc/motd' without a TRAILER!!!"));
}

HTEST(cpio_nul_padding_inside_an_archive_hints_at_a_lost_trailer)
{
	struct wbuf w = { 0 };
	struct seen s;
	char zeros[512] = { 0 };

	w_file(&w, "etc/motd", "hello\n");
	w_bytes(&w, zeros, sizeof(zeros));
	CHECK(unpack(w.p, w.len, &s) == -EINVAL && s.n == 1);
	w_free(&w);
	CHECK(msg_has("after 'etc/motd'") && msg_has("lose its TRAILER!!!"));
}

HTEST(cpio_empty_or_all_nul_buffer_is_an_error)
{
	struct seen s;
	char zeros[64] = { 0 };

	CHECK(unpack("", 0, &s) == -EINVAL && s.n == 0 && msg_has("empty"));
	CHECK(unpack(zeros, sizeof(zeros), &s) == -EINVAL && s.n == 0 && msg_has("empty"));
}

HTEST(cpio_callback_error_stops_the_walk_and_is_returned)
{
	struct wbuf w = { 0 };
	struct seen s;
	unsigned char *copy;

	w_sample(&w);
	copy = malloc(w.len);
	memcpy(copy, w.p, w.len);
	memset(&s, 0, sizeof(s));
	s.fail_at = 2;
	CHECK(cpio_unpack(copy, w.len, collect, &s) == -ENOSPC);
	free(copy);
	w_free(&w);
	CHECK(saw_prefix(&s, sample_names, 2));
}

/* ---- tools/mkcpio.py, read back ----------------------------------------- */

HTEST(cpio_reads_back_what_mkcpio_writes_and_mkcpio_is_reproducible)
{
	char dir[] = "/tmp/atlas-cpio-XXXXXX";
	char cmd[1024];
	struct seen s;
	unsigned char *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;
	FILE *f;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(cmd, sizeof(cmd),
		 "set -e; cd %s; mkdir -p t/etc u; printf 'hi\\n' > t/etc/motd;"
		 " printf 'x' > t/etc/x; printf '#!' > u/sh; chmod 700 u/sh; chmod 664 t/etc/x;"
		 " ln -s /bin/sh t/lib; cd - >/dev/null;"
		 " python3 tools/mkcpio.py -o %s/a.cpio %s/t %s/u:/bin;"
		 " touch -d 2001-01-01 %s/t/etc/motd;"
		 " python3 tools/mkcpio.py -o %s/b.cpio %s/t %s/u:bin",
		 dir, dir, dir, dir, dir, dir, dir, dir);
	CHECK(system(cmd) == 0);
	snprintf(cmd, sizeof(cmd), "%s/a.cpio", dir);
	f = fopen(cmd, "rb");
	CHECK(f != NULL);
	a = malloc(4096);
	alen = fread(a, 1, 4096, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s/b.cpio", dir);
	f = fopen(cmd, "rb");
	CHECK(f != NULL);
	b = malloc(4096);
	blen = fread(b, 1, 4096, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);

	CHECK(alen == blen && memcmp(a, b, alen) == 0);
	free(b);
	CHECK(unpack(a, alen, &s) == 6);
	free(a);
	/* Sorted, each directory before its contents; "lib" is a symlink. */
	CHECK(strcmp(s.name[0], "bin") == 0 && s.mode[0] == (S_IFDIR | 0755));
	CHECK(strcmp(s.name[1], "bin/sh") == 0 && s.mode[1] == (S_IFREG | 0755));
	CHECK(strcmp(s.name[2], "etc") == 0 && s.mode[2] == (S_IFDIR | 0755));
	CHECK(strcmp(s.name[3], "etc/motd") == 0 && s.mode[3] == (S_IFREG | 0644));
	CHECK(s.size[3] == 3 && memcmp(s.data[3], "hi\n", 3) == 0 && s.mtime[3] == 0);
	CHECK(strcmp(s.name[4], "etc/x") == 0 && s.mode[4] == (S_IFREG | 0644));
	CHECK(strcmp(s.name[5], "lib") == 0 && s.mode[5] == (S_IFLNK | 0777));
	CHECK(s.size[5] == 7 && memcmp(s.data[5], "/bin/sh", 7) == 0);
	CHECK(s.uid[1] == 0);
}
