/*
 * kernel/trap.c - what happens when the kernel itself takes an exception.
 *
 * The port decodes its cause into a struct trap_info and calls
 * kernel_trap(). A trap the kernel did not expect is a kernel bug: it gets
 * a report (cause, address, registers, backtrace) and a panic. The trap
 * tests arm trap_expect() first; an expected trap is counted and the
 * kernel resumes after the instruction.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/extable.h"
#include "mm/vm.h"

static int expected_kind = -1;
static int expected_hits;
static struct trap_info expected_last;

void trap_expect(int kind)
{
	expected_kind = kind;
	expected_hits = 0;
}

int trap_expect_hits(void)
{
	return expected_hits;
}

void trap_expect_clear(void)
{
	expected_kind = -1;
}

const struct trap_info *trap_expect_last(void)
{
	return &expected_last;
}

void kernel_trap(struct trap_info *ti)
{
	uintptr_t off;
	const char *sym;

	if (ti->kind == TRAP_PAGE_FAULT) {
		uintptr_t fixup;

		if (ti->uaccess && ti->addr < USER_TOP && current_mm &&
		    handle_mm_fault(current_mm, ti->addr, ti->access) == FAULT_OK)
			return;		/* mapped now: run the instruction again */
		fixup = extable_fixup(ti->pc);
		if (fixup) {
			arch_trapframe_set_pc(ti->tf, fixup);
			return;
		}
	}
	if ((int)ti->kind == expected_kind && ti->next_pc) {
		expected_hits++;
		expected_last = *ti;
		arch_trapframe_set_pc(ti->tf, ti->next_pc);
		return;
	}

	/* Not expected: a kernel bug. Report where, then stop. */
	arch_irq_disable();
	console_loglevel = LOG_DEBUG;
	sym = ksym_lookup(ti->pc, &off);
	pr_err("\nKERNEL PANIC: unexpected %s (cause %lu) in the kernel at pc %#lx <%s+%#lx>\n",
	       ti->name, ti->cause, (unsigned long)ti->pc, sym ? sym : "?",
	       (unsigned long)(sym ? off : 0));
	if (ti->kind == TRAP_PAGE_FAULT || ti->kind == TRAP_ALIGNMENT)
		pr_err("faulting address %#lx, error %#lx\n", (unsigned long)ti->addr,
		       ti->error);
	arch_dump_regs(ti->tf);
	backtrace_print(ti->pc, arch_trapframe_fp(ti->tf));
	kernel_exit(255);
}
