/*
 * kernel/crash.c - deliberate kernel crashes, for testing the crash path.
 *
 * The option crash=panic|pagefault|illegal makes kmain() crash right after
 * "atlas: ready". The test runner boots with each and checks that the
 * console shows a panic report with a symbolized backtrace and that QEMU
 * ends with a failure status instead of hanging.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"

/* Each crash sits in a function of its own, so the backtrace names it. */
static __attribute__((noinline)) void crash_by_panic(void)
{
	panic("deliberate panic (crash=panic)");
}

/* The lowest page is never mapped in the kernel's address space. */
static volatile uintptr_t unmapped_address = 16;

static __attribute__((noinline)) void crash_by_page_fault(void)
{
	*(volatile int *)unmapped_address = 1;
}

static __attribute__((noinline)) void crash_by_illegal_insn(void)
{
	arch_test_illegal_insn();
}

/*
 * crash_now() crashes the kernel in the way @how names. It returns only if
 * @how is unknown, after a warning.
 */
void crash_now(const char *how)
{
	if (strcmp(how, "panic") == 0)
		crash_by_panic();
	else if (strcmp(how, "pagefault") == 0)
		crash_by_page_fault();
	else if (strcmp(how, "illegal") == 0)
		crash_by_illegal_insn();
	pr_warn("warning: crash=%s: expected panic, pagefault or illegal\n", how);
}
