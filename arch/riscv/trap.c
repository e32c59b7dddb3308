/*
 * arch/riscv/trap.c - decoding traps, dumping registers, walking the stack.
 *
 * entry.S calls riscv_trap() for every trap. A trap from user mode goes to
 * riscv_user_trap() (usermode.c). Interrupts go to intr.c (timer and PLIC);
 * exceptions taken in S-mode are translated into a struct trap_info and
 * handed to the portable kernel_trap(), which resumes at ti.next_pc or
 * panics.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/sections.h"
#include "mm/vm.h"
#include "asm.h"
#include "cpu.h"

/* entry.S uses these offsets; keep them and the struct in step. */
_Static_assert(offsetof(struct trapframe, ra) == TF_X(1), "TF_X");
_Static_assert(offsetof(struct trapframe, sp) == TF_X(2), "TF_X");
_Static_assert(offsetof(struct trapframe, s0) == TF_X(8), "TF_X");
_Static_assert(offsetof(struct trapframe, a0) == TF_X(10), "TF_X");
_Static_assert(offsetof(struct trapframe, t6) == TF_X(31), "TF_X");
_Static_assert(offsetof(struct trapframe, status) == TF_STATUS, "TF_STATUS");
_Static_assert(offsetof(struct trapframe, cause) == TF_CAUSE, "TF_CAUSE");
_Static_assert(offsetof(struct trapframe, tval) == TF_TVAL, "TF_TVAL");
_Static_assert(offsetof(struct trapframe, unwind_fp) == TF_UNWIND_FP, "TF_UNWIND_FP");
_Static_assert(offsetof(struct trapframe, unwind_ra) == TF_UNWIND_RA, "TF_UNWIND_RA");
_Static_assert(offsetof(struct trapframe, frame_fp) == TF_FRAME_FP, "TF_FRAME_FP");
_Static_assert(offsetof(struct trapframe, epc) == TF_EPC, "TF_EPC");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");
_Static_assert(TF_SIZE % 16 == 0, "the trap frame keeps sp 16-byte aligned");
/* The .S files use these. */
_Static_assert(ASM_SSTATUS_SUM == SSTATUS_SUM, "asm.h and cpu.h disagree on SUM");
_Static_assert(ASM_SSTATUS_SIE == SSTATUS_SIE, "asm.h and cpu.h disagree on SIE");
_Static_assert(ASM_SSTATUS_SPP == SSTATUS_SPP, "asm.h and cpu.h disagree on SPP");
_Static_assert(ASM_SSTATUS_FS == SSTATUS_FS, "asm.h and cpu.h disagree on FS");
_Static_assert(ASM_SSTATUS_FS_INITIAL == SSTATUS_FS_INITIAL, "asm.h and cpu.h disagree on FS");

/* The scause arch_capture_regs() (entry.S) stores: no trap, a call. */
#define CAUSE_NONE	(~0UL)

struct exc_desc {
	enum trap_kind kind;
	const char *name;
	bool has_addr;		/* stval is the faulting address */
};

static const struct exc_desc exc_table[] = {
	[EXC_INSN_MISALIGNED]	= { TRAP_ALIGNMENT, "instruction address misaligned", true },
	[EXC_INSN_ACCESS]	= { TRAP_PROTECTION, "instruction access fault", true },
	[EXC_ILLEGAL_INSN]	= { TRAP_ILLEGAL_INSN, "illegal instruction", false },
	[EXC_BREAKPOINT]	= { TRAP_BREAKPOINT, "breakpoint", false },
	[EXC_LOAD_MISALIGNED]	= { TRAP_ALIGNMENT, "load address misaligned", true },
	[EXC_LOAD_ACCESS]	= { TRAP_PROTECTION, "load access fault", true },
	[EXC_STORE_MISALIGNED]	= { TRAP_ALIGNMENT, "store address misaligned", true },
	[EXC_STORE_ACCESS]	= { TRAP_PROTECTION, "store access fault", true },
	[EXC_ECALL_U]		= { TRAP_OTHER, "environment call from U-mode", false },
	[EXC_ECALL_S]		= { TRAP_OTHER, "environment call from S-mode", false },
	[10]			= { TRAP_OTHER, "reserved exception 10", false },
	[11]			= { TRAP_OTHER, "environment call from M-mode", false },
	[EXC_INSN_PAGE_FAULT]	= { TRAP_PAGE_FAULT, "instruction page fault", true },
	[EXC_LOAD_PAGE_FAULT]	= { TRAP_PAGE_FAULT, "load page fault", true },
	[14]			= { TRAP_OTHER, "reserved exception 14", false },
	[EXC_STORE_PAGE_FAULT]	= { TRAP_PAGE_FAULT, "store/AMO page fault", true },
};

/*
 * insn_length() is the length of the instruction at @pc: 2 for a
 * compressed one (low two bits not 0b11), else 4 (Atlas never uses the
 * longer encodings).
 */
static uintptr_t insn_length(uintptr_t pc)
{
	uint16_t low = *(const volatile uint16_t *)pc;

	return (low & 3) == 3 ? 4 : 2;
}

/*
 * riscv_decode_exception() translates scause and stval. A page fault says
 * what it tried in its cause. Only a breakpoint and an illegal instruction
 * in the kernel can be stepped over (next_pc); a fault cannot resume, and
 * the kernel does not read user instructions to find their length.
 */
void riscv_decode_exception(struct trapframe *tf, struct trap_info *ti)
{
	unsigned long code = tf->cause;

	*ti = (struct trap_info){
		.kind = TRAP_OTHER,
		.name = "unknown exception",
		.cause = code,
		.pc = tf->epc,
		.error = tf->tval,
		.tf = tf,
	};
	if (code < ARRAY_SIZE(exc_table) && exc_table[code].name) {
		ti->kind = exc_table[code].kind;
		ti->name = exc_table[code].name;
		if (exc_table[code].has_addr)
			ti->addr = tf->tval;
	}
	switch (code) {
	case EXC_INSN_PAGE_FAULT:
		ti->access = FAULT_EXEC;
		break;
	case EXC_LOAD_PAGE_FAULT:
		ti->access = FAULT_READ;
		break;
	case EXC_STORE_PAGE_FAULT:
		ti->access = FAULT_WRITE;
		break;
	}
	if ((code == EXC_BREAKPOINT || code == EXC_ILLEGAL_INSN) &&
	    (tf->status & SSTATUS_SPP))
		ti->next_pc = tf->epc + insn_length(tf->epc);
}

/*
 * An exception in the kernel. SUM in the saved sstatus says whether
 * uaccess.S had the user window open.
 */
static void handle_exception(struct trapframe *tf)
{
	struct trap_info ti;

	riscv_decode_exception(tf, &ti);
	ti.uaccess = tf->status & SSTATUS_SUM;
	kernel_trap(&ti);
}

void riscv_interrupt(struct trapframe *tf)
{
	unsigned long irq = tf->cause & ~SCAUSE_INTERRUPT;

	switch (irq) {
	case IRQ_S_TIMER:
		riscv_timer_interrupt();
		break;
	case IRQ_S_EXT:
		riscv_external_interrupt();
		break;
	default:
		/* Nothing raises a software interrupt yet: mask it, say so. */
		csr_clear(sie, 1UL << irq);
		pr_warn("riscv: unexpected interrupt %lu, masked\n", irq);
		break;
	}
}

static bool kernel_stack_range(uintptr_t lo, uintptr_t hi);

/*
 * fp_plausible() says whether @fp may be a frame pointer: aligned, with
 * its record in kernel stack memory, and not a code address.
 */
static bool fp_plausible(uintptr_t fp)
{
	if (!IS_ALIGNED(fp, 8) || fp < 16)
		return false;
	if (fp > (uintptr_t)__text_start && fp <= (uintptr_t)__text_end)
		return false;
	return kernel_stack_range(fp - 16, fp);
}

/*
 * fix_leaf_frame() repairs the unwind chain when the trapped function is a
 * leaf. gcc 12 gives a leaf only "sd s0, -8(fp)": the word where a return
 * address would be holds the caller's fp, and the return address is still
 * in ra. A code address is never a plausible fp, so a plausible one there
 * means a leaf; build the record the leaf did not write.
 */
static void fix_leaf_frame(struct trapframe *tf)
{
	uintptr_t fp = tf->s0, above;

	if (!(tf->status & SSTATUS_SPP) || !fp_plausible(fp))
		return;
	above = ((const uintptr_t *)fp)[-1];
	if (above <= fp || !fp_plausible(above))
		return;
	tf->unwind_fp = above;
	tf->unwind_ra = tf->ra;
	tf->frame_fp = (uintptr_t)(&tf->unwind_ra + 1);
}

/*
 * riscv_trap() is called by trap_entry (entry.S) with interrupts off, on
 * the kernel stack, for every trap. It returns to trap_return, which
 * resumes at tf->epc. A trap in the middle of a user copy arrives with
 * sstatus.SUM still set (a trap does not clear it); handlers run with the
 * window closed, and trap_return reopens it from tf->status. A trap from
 * user mode (SPP clear) is usermode.c's.
 */
void riscv_trap(struct trapframe *tf)
{
	csr_clear(sstatus, SSTATUS_SUM);
	tf->unwind_fp = 0;
	tf->unwind_ra = 0;
	if (!(tf->status & SSTATUS_SPP)) {
		riscv_user_trap(tf);
		return;
	}
	fix_leaf_frame(tf);
	if (tf->cause & SCAUSE_INTERRUPT)
		riscv_interrupt(tf);
	else
		handle_exception(tf);
}

static const char *const reg_names[31] = {
	"ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
	"a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6",
	"s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

/*
 * arch_dump_regs() prints sepc (symbolized), the CSRs, then x1..x31 four
 * to a line. A frame from arch_capture_regs() has no trap CSRs: its pc is
 * the return address of the call.
 */
void arch_dump_regs(const struct trapframe *tf)
{
	const uint64_t *x = &tf->ra;	/* x1..x31 are consecutive */
	bool trapped = tf->cause != CAUSE_NONE;
	uintptr_t off;
	const char *sym = ksym_lookup(tf->epc, &off);

	printk(LOG_ERR, "registers:\n");
	printk(LOG_ERR, " %s %016lx %s+0x%lx\n", trapped ? "sepc" : "pc",
	       (unsigned long)tf->epc, sym ? sym : "?",
	       sym ? (unsigned long)off : 0UL);
	if (trapped)
		printk(LOG_ERR, " sstatus %016lx scause %016lx stval %016lx\n",
		       (unsigned long)tf->status, (unsigned long)tf->cause,
		       (unsigned long)tf->tval);
	else
		printk(LOG_ERR, " sstatus %016lx  no trap: the registers at a call\n",
		       (unsigned long)tf->status);
	for (int i = 0; i < 31; i += 4) {
		printk(LOG_ERR, " ");
		for (int j = i; j < i + 4 && j < 31; j++)
			printk(LOG_ERR, " %-3s %016lx", reg_names[j], (unsigned long)x[j]);
		printk(LOG_ERR, "\n");
	}
}

/* The resume address of a trap is sepc, which trap_return writes back. */
uintptr_t arch_trapframe_pc(const struct trapframe *tf)
{
	return tf->epc;
}

void arch_trapframe_set_pc(struct trapframe *tf, uintptr_t pc)
{
	tf->epc = pc;
}

/*
 * arch_trapframe_fp() is where a backtrace of the trapped code starts: the
 * trapped s0, or the record fix_leaf_frame() built for a leaf function.
 */
uintptr_t arch_trapframe_fp(const struct trapframe *tf)
{
	return tf->frame_fp;
}

/*
 * kernel_stack_range() says whether [lo, hi) is memory a frame record may
 * sit in: the kernel image (the boot stack is in .bss) or RAM in the direct
 * map (kernel stacks allocated later).
 */
static bool kernel_stack_range(uintptr_t lo, uintptr_t hi)
{
	if (lo >= (uintptr_t)__kernel_start && hi <= (uintptr_t)__kernel_end)
		return true;
	return lo >= riscv_ram_va_lo && hi <= riscv_ram_va_hi;
}

/*
 * arch_unwind(): gcc keeps ra at fp - 8 and the caller's fp at fp - 16. A
 * frame must lie in kernel stack memory, and callers' frames lie above.
 */
bool arch_unwind(uintptr_t *fp, uintptr_t *pc)
{
	uintptr_t frame = *fp;
	uintptr_t caller_fp;

	if (frame == 0 || !IS_ALIGNED(frame, 8) || frame < 16 ||
	    !kernel_stack_range(frame - 16, frame))
		return false;
	*pc = ((const uintptr_t *)frame)[-1];
	caller_fp = ((const uintptr_t *)frame)[-2];
	/* Stacks grow down: a caller's frame is above. Stop any loop. */
	*fp = caller_fp > frame ? caller_fp : 0;
	return *pc != 0;
}

/* ebreak, which the assembler compresses to the 2-byte c.ebreak. */
void arch_test_breakpoint(void)
{
	__asm__ volatile("ebreak" : : : "memory");
}

/* A 4-byte illegal instruction, so the two tests cover both lengths. */
void arch_test_illegal_insn(void)
{
	/* csrrw zero, cycle, zero: a write to a read-only CSR, 32 bits long. */
	__asm__ volatile(".4byte 0xc0001073" : : : "memory");
}
