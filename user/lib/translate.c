/*
 * user/lib/translate.c - newlib's values and layouts <-> Linux's.
 *
 * The tables live in translate.h as plain numbers; this file turns them
 * into arrays and looks values up in them. It includes no libc header
 * with constants in it, so the same file builds into Atlas's programs
 * (newlib's headers) and into the host test (the host's headers).
 */
#include <string.h>

#include "translate.h"

/* One row of a table: the newlib value and the Linux value. */
struct xlate_pair {
	long nl;
	long lx;
};

#define XLATE_ROW(nl_name, lx_name, nl, lx) { (nl), (lx) },
#define NROWS(t) (sizeof(t) / sizeof((t)[0]))

static const struct xlate_pair errno_rows[] = { XLATE_ERRNO_TABLE(XLATE_ROW) };
static const struct xlate_pair oflag_rows[] = { XLATE_OFLAG_TABLE(XLATE_ROW) };
static const struct xlate_pair fcntl_rows[] = { XLATE_FCNTL_TABLE(XLATE_ROW) };
static const struct xlate_pair atflag_rows[] = { XLATE_ATFLAG_TABLE(XLATE_ROW) };
static const struct xlate_pair signal_rows[] = { XLATE_SIGNAL_TABLE(XLATE_ROW) };
static const struct xlate_pair sighow_rows[] = { XLATE_SIGHOW_TABLE(XLATE_ROW) };
static const struct xlate_pair saflag_rows[] = { XLATE_SAFLAG_TABLE(XLATE_ROW) };
static const struct xlate_pair clock_rows[] = { XLATE_CLOCK_TABLE(XLATE_ROW) };
static const struct xlate_pair filetype_rows[] = { XLATE_FILETYPE_TABLE(XLATE_ROW) };

/* to_linux() looks @v up in the newlib column; returns the Linux value,
 * or @none if there is no such row. */
static long to_linux(const struct xlate_pair *rows, size_t n, long v, long none)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].nl == v)
			return rows[i].lx;
	return none;
}

/* from_linux() is to_linux() the other way round. */
static long from_linux(const struct xlate_pair *rows, size_t n, long v, long none)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].lx == v)
			return rows[i].nl;
	return none;
}

/* bits_to_linux() translates a word of one-bit flags: each newlib bit
 * with a row becomes its Linux bits; bits without a row are dropped. */
static long bits_to_linux(const struct xlate_pair *rows, size_t n, long v)
{
	long out = 0;

	for (size_t i = 0; i < n; i++)
		if (v & rows[i].nl)
			out |= rows[i].lx;
	return out;
}

/* xlate_errno_from_linux() returns newlib's errno for a (positive) Linux
 * errno; Linux values newlib has no name for become EIO. */
int xlate_errno_from_linux(int linux_errno)
{
	return from_linux(errno_rows, NROWS(errno_rows), linux_errno, XLATE_NEWLIB_EIO);
}

/* xlate_errno_to_linux() returns Linux's errno for a newlib errno, or
 * Linux's EIO (5, as in newlib) for newlib-only values such as EFTYPE. */
int xlate_errno_to_linux(int newlib_errno)
{
	return to_linux(errno_rows, NROWS(errno_rows), newlib_errno, 5);
}

/* xlate_oflags_to_linux() returns the Linux open() flags for newlib's.
 * The access mode, the low two bits, is the same on both sides. */
long xlate_oflags_to_linux(int newlib_flags)
{
	return (newlib_flags & 3) | bits_to_linux(oflag_rows, NROWS(oflag_rows), newlib_flags);
}

/* xlate_oflags_from_linux() returns newlib's flags for Linux's (fcntl
 * F_GETFL); Linux bits newlib cannot express (O_LARGEFILE) are dropped. */
int xlate_oflags_from_linux(long linux_flags)
{
	int out = linux_flags & 3;

	for (size_t i = 0; i < NROWS(oflag_rows); i++)
		if ((linux_flags & oflag_rows[i].lx) == oflag_rows[i].lx)
			out |= oflag_rows[i].nl;
	return out;
}

/* xlate_fcntl_cmd_to_linux() returns the Linux fcntl command, or -1 if
 * the glue does not support @newlib_cmd. */
int xlate_fcntl_cmd_to_linux(int newlib_cmd)
{
	return to_linux(fcntl_rows, NROWS(fcntl_rows), newlib_cmd, -1);
}

/* xlate_atfd_to_linux() turns newlib's AT_FDCWD into Linux's; any other
 * descriptor is a real one and stays. */
int xlate_atfd_to_linux(int newlib_dirfd)
{
	return newlib_dirfd == XLATE_AT_FDCWD_NEWLIB ? XLATE_AT_FDCWD_LINUX : newlib_dirfd;
}

/* xlate_atflags_to_linux() returns the Linux AT_* flags for newlib's. */
int xlate_atflags_to_linux(int newlib_flags)
{
	return bits_to_linux(atflag_rows, NROWS(atflag_rows), newlib_flags);
}

/* xlate_signal_to_linux() returns Linux's number for newlib signal
 * @newlib_sig, 0 for 0 (the "may I signal it" probe of kill), and -1 for
 * a signal Linux does not have (SIGEMT, SIGLOST) or a bad number. */
int xlate_signal_to_linux(int newlib_sig)
{
	if (newlib_sig == 0)
		return 0;
	return to_linux(signal_rows, NROWS(signal_rows), newlib_sig, -1);
}

/* xlate_signal_from_linux() returns newlib's number for a Linux signal,
 * 0 for one newlib has no name for (SIGSTKFLT, SIGPWR, real-time ones). */
int xlate_signal_from_linux(int linux_sig)
{
	return from_linux(signal_rows, NROWS(signal_rows), linux_sig, 0);
}

/* xlate_sigset_to_linux() translates a newlib sigset_t (bit n-1 for
 * signal n) into Linux's 64-bit mask, the same convention. */
uint64_t xlate_sigset_to_linux(unsigned long newlib_set)
{
	uint64_t out = 0;

	for (size_t i = 0; i < NROWS(signal_rows); i++)
		if (newlib_set & (1UL << (signal_rows[i].nl - 1)))
			out |= (uint64_t)1 << (signal_rows[i].lx - 1);
	return out;
}

/* xlate_sigset_from_linux() is the reverse; Linux-only signals drop out. */
unsigned long xlate_sigset_from_linux(uint64_t linux_set)
{
	unsigned long out = 0;

	for (size_t i = 0; i < NROWS(signal_rows); i++)
		if (linux_set & ((uint64_t)1 << (signal_rows[i].lx - 1)))
			out |= 1UL << (signal_rows[i].nl - 1);
	return out;
}

/* xlate_sighow_to_linux() returns Linux's sigprocmask operation, or -1. */
int xlate_sighow_to_linux(int newlib_how)
{
	return to_linux(sighow_rows, NROWS(sighow_rows), newlib_how, -1);
}

/* xlate_saflags_to_linux() returns Linux's sa_flags for newlib's;
 * unknown bits are dropped. */
unsigned long xlate_saflags_to_linux(int newlib_flags)
{
	return (unsigned long)bits_to_linux(saflag_rows, NROWS(saflag_rows), newlib_flags);
}

/* xlate_saflags_from_linux() is the reverse (SA_RESTORER drops out). */
int xlate_saflags_from_linux(unsigned long linux_flags)
{
	int out = 0;

	for (size_t i = 0; i < NROWS(saflag_rows); i++)
		if (linux_flags & (unsigned long)saflag_rows[i].lx)
			out |= (int)saflag_rows[i].nl;
	return out;
}

/*
 * xlate_wait_status_from_linux() rewrites a wait status for newlib's
 * <sys/wait.h>. Both encode it alike (exit code in bits 8-15; a killing
 * signal in bits 0-6; 0x7f in the low byte and the signal in bits 8-15
 * for a stopped child), but the signal numbers inside differ.
 */
int xlate_wait_status_from_linux(int status)
{
	int low = status & 0x7f;

	if (low == 0)				/* exited: the code stays */
		return status;
	if ((status & 0xff) == 0x7f)		/* stopped by signal bits 8-15 */
		return (status & ~0xff00) |
		       (xlate_signal_from_linux((status >> 8) & 0xff) << 8);
	return (status & ~0x7f) | xlate_signal_from_linux(low);	/* killed */
}

/* xlate_clock_to_linux() returns Linux's clock id, or -1 if none. */
int xlate_clock_to_linux(int newlib_clock)
{
	return to_linux(clock_rows, NROWS(clock_rows), newlib_clock, -1);
}

/* xlate_mode_from_linux() returns newlib's st_mode for Linux's: the file
 * type through the table (it is the same today), the permissions as are. */
unsigned xlate_mode_from_linux(unsigned linux_mode)
{
	long type = from_linux(filetype_rows, NROWS(filetype_rows),
			       linux_mode & XLATE_S_IFMT, 0);

	return (unsigned)type | (linux_mode & 07777);
}

/* ---- struct stat ---------------------------------------------------------------- */

#define XLATE_FIELD(idx, member, o, s, sg) [idx] = { .off = (o), .size = (s), .is_signed = (sg) },

const struct xlate_stat_layout xlate_stat_newlib = {
	"newlib", XLATE_STAT_NEWLIB_SIZE, { XLATE_STAT_NEWLIB(XLATE_FIELD) }
};
const struct xlate_stat_layout xlate_stat_linux_x86_64 = {
	"linux-x86_64", XLATE_STAT_LINUX_X86_64_SIZE, { XLATE_STAT_LINUX_X86_64(XLATE_FIELD) }
};
const struct xlate_stat_layout xlate_stat_linux_generic = {
	"linux-generic", XLATE_STAT_LINUX_GENERIC_SIZE, { XLATE_STAT_LINUX_GENERIC(XLATE_FIELD) }
};

/* field_get() reads field @f of the struct at @base, widened to 64 bits
 * (sign-extended if the field is signed). */
static uint64_t field_get(const void *base, const struct xlate_field *f)
{
	const unsigned char *p = (const unsigned char *)base + f->off;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64 = 0;

	switch (f->size) {
	case 1:
		memcpy(&u8, p, 1);
		return f->is_signed ? (uint64_t)(int64_t)(int8_t)u8 : u8;
	case 2:
		memcpy(&u16, p, 2);
		return f->is_signed ? (uint64_t)(int64_t)(int16_t)u16 : u16;
	case 4:
		memcpy(&u32, p, 4);
		return f->is_signed ? (uint64_t)(int64_t)(int32_t)u32 : u32;
	default:
		memcpy(&u64, p, 8);
		return u64;
	}
}

/* field_put() stores @v into field @f of the struct at @base, keeping the
 * low bytes if the field is narrower. */
static void field_put(void *base, const struct xlate_field *f, uint64_t v)
{
	unsigned char *p = (unsigned char *)base + f->off;
	uint8_t u8 = v;
	uint16_t u16 = v;
	uint32_t u32 = v;

	switch (f->size) {
	case 1:
		memcpy(p, &u8, 1);
		break;
	case 2:
		memcpy(p, &u16, 2);
		break;
	case 4:
		memcpy(p, &u32, 4);
		break;
	default:
		memcpy(p, &v, 8);
		break;
	}
}

/*
 * xlate_stat() converts the struct stat at @src, laid out as @from, into
 * @dst, laid out as @to: @dst is zeroed, then every field is copied,
 * widened or cut to its new width. st_mode goes through
 * xlate_mode_from_linux() when the source is a Linux layout.
 */
void xlate_stat(void *dst, const struct xlate_stat_layout *to,
		const void *src, const struct xlate_stat_layout *from)
{
	memset(dst, 0, to->size);
	for (int i = 0; i < XS_NFIELDS; i++) {
		uint64_t v = field_get(src, &from->f[i]);

		if (i == XS_MODE && from != &xlate_stat_newlib)
			v = xlate_mode_from_linux((unsigned)v);
		field_put(dst, &to->f[i], v);
	}
}

/* ---- getdents64 records -------------------------------------------------------- */

/*
 * xlate_dirent64() decodes the record at the start of the @len bytes at
 * @buf into @out. Returns the record's length (where the next one
 * starts), or 0 if the bytes do not hold a whole, well-formed record: too
 * short, a length that overruns the buffer, or a name without its NUL.
 */
size_t xlate_dirent64(const void *buf, size_t len, struct xlate_dirent *out)
{
	const unsigned char *p = buf;
	uint16_t reclen;
	const char *end;

	if (len < XLATE_DIRENT64_NAME + 1)
		return 0;
	memcpy(&reclen, p + XLATE_DIRENT64_RECLEN, sizeof(reclen));
	if (reclen < XLATE_DIRENT64_NAME + 1 || reclen > len)
		return 0;
	end = memchr(p + XLATE_DIRENT64_NAME, '\0', reclen - XLATE_DIRENT64_NAME);
	if (!end)
		return 0;
	memcpy(&out->ino, p + XLATE_DIRENT64_INO, sizeof(out->ino));
	memcpy(&out->off, p + XLATE_DIRENT64_OFF, sizeof(out->off));
	out->type = p[XLATE_DIRENT64_TYPE];
	out->name = (const char *)p + XLATE_DIRENT64_NAME;
	out->namelen = end - out->name;
	return reclen;
}
