/*
 * tests/host/glue_test.c - user/lib/translate.c against Linux's UAPI
 * headers on the host.
 *
 * translate.h holds every table as (newlib value, Linux value) pairs of
 * plain numbers. The newlib column is checked when user/lib/glue.c is
 * compiled against newlib's headers; this test checks the Linux column,
 * the system-call numbers of both arches, the struct stat layouts, and
 * the values Atlas's user headers copy from Linux, then runs the
 * translation functions. x86_64's headers are included here, the generic
 * ones riscv64 uses in glue_generic.c, Atlas's own in glue_headers.c.
 */
#define _GNU_SOURCE		/* glibc's struct dirent64 */
#include "htest.h"
#include "glue_abi.h"
#include "user/lib/translate.h"
#include "user/lib/arch/x86_64/sysnum.h"

#include <stddef.h>
#include <string.h>
#include <asm-generic/errno.h>
#include <asm/auxvec.h>
#include <asm/ioctls.h>
#include <asm/signal.h>
#include <asm/stat.h>
#include <asm/unistd_64.h>
#include <linux/auxvec.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <linux/time.h>

/* glibc's <dirent.h> has DT_* and struct dirent64, laid out like
 * Linux's linux_dirent64; it does not clash with the headers above. */
#include <dirent.h>

/* The first row of a translate.h table whose Linux value is not the
 * host header's, or NULL. */
#define LINUX_COLUMN_MISMATCH(table)					\
	({								\
		const char *bad_ = NULL;				\
		table(FIRST_BAD)					\
		bad_;							\
	})
#define FIRST_BAD(nl_name, lx_name, nl, lx)				\
	if (!bad_ && (long)(lx_name) != (long)(lx))			\
		bad_ = #lx_name;

HTEST(errno_table_linux_values_match_asm_generic_errno)
{
	CHECK(LINUX_COLUMN_MISMATCH(XLATE_ERRNO_TABLE) == NULL);
}

HTEST(open_flag_table_linux_values_match_asm_generic_fcntl)
{
	CHECK(LINUX_COLUMN_MISMATCH(XLATE_OFLAG_TABLE) == NULL);
	CHECK(O_RDONLY == 0 && O_WRONLY == 1 && O_RDWR == 2);
}

HTEST(fcntl_and_at_tables_linux_values_match_linux_fcntl)
{
	CHECK(LINUX_COLUMN_MISMATCH(XLATE_FCNTL_TABLE) == NULL);
	CHECK(LINUX_COLUMN_MISMATCH(XLATE_ATFLAG_TABLE) == NULL);
	CHECK(XLATE_AT_FDCWD_LINUX == AT_FDCWD);
}

HTEST(signal_tables_linux_values_match_x86_64_and_generic_headers)
{
	CHECK(LINUX_COLUMN_MISMATCH(XLATE_SIGNAL_TABLE) == NULL);
	CHECK(LINUX_COLUMN_MISMATCH(XLATE_SIGHOW_TABLE) == NULL);
	CHECK(glue_generic_signal_mismatch() == NULL);
}

HTEST(clock_table_linux_values_match_linux_time)
{
	CHECK(LINUX_COLUMN_MISMATCH(XLATE_CLOCK_TABLE) == NULL);
}

HTEST(x86_64_syscall_numbers_match_unistd_64)
{
#define CHECK_NR(name) CHECK(SYS_##name == __NR_##name);
	GLUE_SYSCALLS(CHECK_NR)
}

HTEST(riscv64_syscall_numbers_match_the_generic_table)
{
	for (size_t i = 0; i < glue_sysnum_count; i++) {
		if (glue_riscv64_sysnums[i].value != glue_generic_sysnums[i].value)
			fprintf(stderr, "# riscv64 SYS_%s is %ld, Linux says %ld\n",
				glue_riscv64_sysnums[i].name, glue_riscv64_sysnums[i].value,
				glue_generic_sysnums[i].value);
		CHECK(glue_riscv64_sysnums[i].value == glue_generic_sysnums[i].value);
	}
}

HTEST(x86_64_stat_layout_matches_asm_stat)
{
#define CHECK_FIELD(idx, member, o, s, sg)				\
	CHECK(offsetof(struct stat, member) == (o));			\
	CHECK(sizeof(((struct stat *)0)->member) == (s));		\
	CHECK(xlate_stat_linux_x86_64.f[idx].off == (o));
	XLATE_STAT_LINUX_X86_64(CHECK_FIELD)
	CHECK(sizeof(struct stat) == XLATE_STAT_LINUX_X86_64_SIZE);
	CHECK(xlate_stat_linux_x86_64.size == 144);
}

HTEST(generic_stat_layout_matches_asm_generic_stat)
{
	CHECK(glue_generic_stat_mismatch() == NULL);
	CHECK(xlate_stat_linux_generic.size == 128);
}

HTEST(user_header_values_match_linux_uapi)
{
	static const struct glue_value linux_values[] = {
		GLUE_USER_HEADER_NAMES(GLUE_VALUE)
	};

	CHECK(glue_user_header_count == sizeof(linux_values) / sizeof(linux_values[0]));
	for (size_t i = 0; i < glue_user_header_count; i++) {
		if (glue_user_header_values[i].value != linux_values[i].value)
			fprintf(stderr, "# %s is %ld in user/lib/include, Linux says %ld\n",
				linux_values[i].name, glue_user_header_values[i].value,
				linux_values[i].value);
		CHECK(glue_user_header_values[i].value == linux_values[i].value);
	}
}

HTEST(errno_from_linux_maps_values_and_unknowns_become_eio)
{
	CHECK(xlate_errno_from_linux(ENOENT) == 2);
	CHECK(xlate_errno_from_linux(ENOTEMPTY) == 90);		/* Linux 39 */
	CHECK(xlate_errno_from_linux(ENOSYS) == 88);		/* Linux 38 */
	CHECK(xlate_errno_from_linux(EOPNOTSUPP) == 95);	/* not ENOTSUP (134) */
	CHECK(xlate_errno_from_linux(EDEADLK) == 45);		/* not EDEADLOCK (56) */
	CHECK(xlate_errno_from_linux(EHWPOISON) == XLATE_NEWLIB_EIO);
	CHECK(xlate_errno_from_linux(4095) == XLATE_NEWLIB_EIO);
	CHECK(xlate_errno_to_linux(134) == EOPNOTSUPP);
	CHECK(xlate_errno_to_linux(79) == EIO);			/* EFTYPE */
}

HTEST(every_linux_errno_newlib_knows_translates_back_to_itself)
{
	for (int e = 1; e < 134; e++) {
		int nl = xlate_errno_from_linux(e);

		if (nl != XLATE_NEWLIB_EIO)
			CHECK(xlate_errno_to_linux(nl) == e);
	}
}

HTEST(open_flags_translate_both_ways)
{
	/* newlib's O_WRONLY | O_CREAT | O_TRUNC, what fopen("w") passes */
	CHECK(xlate_oflags_to_linux(0x1 | 0x200 | 0x400) == (O_WRONLY | O_CREAT | O_TRUNC));
	/* newlib's O_RDONLY | O_DIRECTORY | O_CLOEXEC, what opendir() passes */
	CHECK(xlate_oflags_to_linux(0x200000 | 0x40000) == (O_DIRECTORY | O_CLOEXEC));
	CHECK(xlate_oflags_to_linux(0x2 | 0x0008 | 0x4000) == (O_RDWR | O_APPEND | O_NONBLOCK));
	/* F_GETFL's O_LARGEFILE has no newlib bit and drops out */
	CHECK(xlate_oflags_from_linux(O_WRONLY | O_APPEND | O_LARGEFILE) == (0x1 | 0x0008));
	/* O_SYNC is two Linux bits; O_DSYNC alone is not O_SYNC */
	CHECK(xlate_oflags_from_linux(O_SYNC) == 0x2000);
	CHECK(xlate_oflags_from_linux(O_DSYNC) == 0);
}

HTEST(at_arguments_translate_to_linux)
{
	CHECK(xlate_atfd_to_linux(-2) == AT_FDCWD);
	CHECK(xlate_atfd_to_linux(7) == 7);
	CHECK(xlate_atflags_to_linux(2 | 16) == (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH));
	CHECK(xlate_atflags_to_linux(8) == AT_REMOVEDIR);
	CHECK(xlate_fcntl_cmd_to_linux(14) == F_DUPFD_CLOEXEC);
	CHECK(xlate_fcntl_cmd_to_linux(7) == -1);		/* F_GETLK: unsupported */
	CHECK(xlate_clock_to_linux(4) == CLOCK_MONOTONIC);
	CHECK(xlate_clock_to_linux(1) == CLOCK_REALTIME);
	CHECK(xlate_clock_to_linux(99) == -1);
}

HTEST(signals_and_sets_translate_both_ways)
{
	CHECK(xlate_signal_to_linux(30) == SIGUSR1);
	CHECK(xlate_signal_to_linux(20) == SIGCHLD);
	CHECK(xlate_signal_to_linux(0) == 0);
	CHECK(xlate_signal_to_linux(7) == -1);			/* SIGEMT */
	CHECK(xlate_signal_from_linux(SIGBUS) == 10);
	CHECK(xlate_signal_from_linux(SIGPWR) == 0);
	/* newlib SIGUSR1 (30) and SIGCHLD (20) */
	CHECK(xlate_sigset_to_linux((1UL << 29) | (1UL << 19)) ==
	      ((1ULL << (SIGUSR1 - 1)) | (1ULL << (SIGCHLD - 1))));
	CHECK(xlate_sigset_from_linux(xlate_sigset_to_linux(0x7fffffbfUL)) == 0x7fffffbfUL - (1UL << 28));
	CHECK(xlate_sighow_to_linux(0) == SIG_SETMASK);
}

HTEST(wait_status_signal_numbers_are_translated)
{
	CHECK(xlate_wait_status_from_linux(42 << 8) == 42 << 8);	/* exit(42) */
	CHECK(xlate_wait_status_from_linux(SIGUSR1) == 30);		/* killed */
	CHECK(xlate_wait_status_from_linux(SIGSEGV | 0x80) == (11 | 0x80));	/* + core */
	CHECK(xlate_wait_status_from_linux((SIGSTOP << 8) | 0x7f) == ((17 << 8) | 0x7f));
}

HTEST(stat_x86_64_translates_into_newlib_layout)
{
	struct stat ks;
	unsigned char nl[XLATE_STAT_NEWLIB_SIZE + 8];
	int64_t i64;
	uint32_t u32;
	uint16_t u16;

	memset(&ks, 0, sizeof(ks));
	memset(nl, 0xaa, sizeof(nl));
	ks.st_dev = 0x803;
	ks.st_ino = 0x12345;			/* cut to 16 bits: 0x2345 */
	ks.st_mode = 0100644;
	ks.st_nlink = 3;
	ks.st_uid = 1000;
	ks.st_size = 1 << 20;
	ks.st_blksize = 4096;
	ks.st_blocks = 2048;
	ks.st_mtime = 1700000000;
	ks.st_mtime_nsec = 123456789;
	xlate_stat(nl, &xlate_stat_newlib, &ks, &xlate_stat_linux_x86_64);

	memcpy(&u16, nl + 2, 2);
	CHECK(u16 == 0x2345);
	memcpy(&u32, nl + 4, 4);
	CHECK(u32 == 0100644);
	memcpy(&u16, nl + 8, 2);
	CHECK(u16 == 3);
	memcpy(&u16, nl + 10, 2);
	CHECK(u16 == 1000);
	memcpy(&i64, nl + 16, 8);
	CHECK(i64 == 1 << 20);
	memcpy(&i64, nl + 40, 8);
	CHECK(i64 == 1700000000);
	memcpy(&i64, nl + 48, 8);
	CHECK(i64 == 123456789);
	memcpy(&i64, nl + 72, 8);
	CHECK(i64 == 4096);
	memcpy(&i64, nl + 80, 8);
	CHECK(i64 == 2048);
	CHECK(nl[XLATE_STAT_NEWLIB_SIZE] == 0xaa);	/* nothing written past the end */
}

HTEST(stat_generic_translates_into_newlib_layout)
{
	unsigned char ks[XLATE_STAT_LINUX_GENERIC_SIZE] = { 0 };
	unsigned char nl[XLATE_STAT_NEWLIB_SIZE];
	uint32_t mode = 040755, blksize = 512;
	int64_t size = 77, i64;
	uint32_t u32;

	memcpy(ks + 16, &mode, 4);
	memcpy(ks + 48, &size, 8);
	memcpy(ks + 56, &blksize, 4);
	xlate_stat(nl, &xlate_stat_newlib, ks, &xlate_stat_linux_generic);
	memcpy(&u32, nl + 4, 4);
	CHECK(u32 == 040755);
	memcpy(&i64, nl + 16, 8);
	CHECK(i64 == 77);
	memcpy(&i64, nl + 72, 8);
	CHECK(i64 == 512);
}

HTEST(dirent64_offsets_match_and_records_decode)
{
	_Alignas(8) unsigned char buf[64] = { 0 };
	struct xlate_dirent d;
	struct dirent64 *e = (struct dirent64 *)buf;

	CHECK(offsetof(struct dirent64, d_ino) == XLATE_DIRENT64_INO);
	CHECK(offsetof(struct dirent64, d_off) == XLATE_DIRENT64_OFF);
	CHECK(offsetof(struct dirent64, d_reclen) == XLATE_DIRENT64_RECLEN);
	CHECK(offsetof(struct dirent64, d_type) == XLATE_DIRENT64_TYPE);
	CHECK(offsetof(struct dirent64, d_name) == XLATE_DIRENT64_NAME);

	e->d_ino = 42;
	e->d_off = 7;
	e->d_reclen = 24;
	e->d_type = DT_DIR;
	strcpy(e->d_name, "bin");
	CHECK(xlate_dirent64(buf, sizeof(buf), &d) == 24);
	CHECK(d.ino == 42 && d.off == 7 && d.type == DT_DIR);
	CHECK(d.namelen == 3 && strcmp(d.name, "bin") == 0);

	CHECK(xlate_dirent64(buf, 23, &d) == 0);	/* record overruns the buffer */
	e->d_reclen = 4;
	CHECK(xlate_dirent64(buf, sizeof(buf), &d) == 0);	/* too short */
	e->d_reclen = 24;
	memset(e->d_name, 'x', 5);			/* no NUL in the record */
	CHECK(xlate_dirent64(buf, sizeof(buf), &d) == 0);
}
