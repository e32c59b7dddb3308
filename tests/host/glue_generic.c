/*
 * tests/host/glue_generic.c - riscv64's side of glue_test: Linux's
 * generic headers, which riscv64 uses, against user/lib's tables.
 *
 * riscv64's <asm/unistd.h> asks the generic table for the new stat calls
 * (__ARCH_WANT_NEW_STAT) and is 64-bit; so does this file.
 */
#include <stddef.h>

#define __ARCH_WANT_NEW_STAT
#include <asm-generic/unistd.h>
#include <asm-generic/signal.h>
#include <asm-generic/stat.h>

#include "user/lib/arch/riscv64/sysnum.h"
#include "user/lib/translate.h"

#include "glue_abi.h"

#define ATLAS_NR(name) { #name, SYS_##name },
#define LINUX_NR(name) { #name, __NR_##name },
const struct glue_value glue_riscv64_sysnums[] = { GLUE_SYSCALLS(ATLAS_NR) };
const struct glue_value glue_generic_sysnums[] = { GLUE_SYSCALLS(LINUX_NR) };
const size_t glue_sysnum_count = sizeof(glue_riscv64_sysnums) / sizeof(glue_riscv64_sysnums[0]);

const char *glue_generic_stat_mismatch(void)
{
#define CHECK_FIELD(idx, member, o, s, sg)					\
	if (offsetof(struct stat, member) != (o) ||				\
	    sizeof(((struct stat *)0)->member) != (s) ||			\
	    xlate_stat_linux_generic.f[idx].off != (o))				\
		return #member;
	XLATE_STAT_LINUX_GENERIC(CHECK_FIELD)
	if (sizeof(struct stat) != XLATE_STAT_LINUX_GENERIC_SIZE ||
	    xlate_stat_linux_generic.size != sizeof(struct stat))
		return "sizeof(struct stat)";
	return NULL;
}

const char *glue_generic_signal_mismatch(void)
{
#define CHECK_LINUX(nl_name, lx_name, nl, lx)	\
	if ((lx_name) != (lx))			\
		return #lx_name;
	XLATE_SIGNAL_TABLE(CHECK_LINUX)
	XLATE_SIGHOW_TABLE(CHECK_LINUX)
	return NULL;
}
