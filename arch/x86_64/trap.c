/*
 * arch/x86_64/trap.c - where every interrupt and exception lands.
 *
 * entry.S saves the registers as a struct trapframe and calls
 * trap_dispatch(). Vectors 0-31 are CPU exceptions: a kernel-mode one is
 * decoded into a struct trap_info for kernel_trap() (kernel/trap.c), which
 * resumes after it when a test expected it and panics otherwise; a
 * user-mode one goes to user_trap() (kernel/proc.c), which resolves a page
 * fault or ends the process. On the way back to user mode entry.S calls
 * user_return_prepare() (usermode.c), after interrupts too. A double
 * fault arrives on its own stack (the kernel stack may be what failed) and
 * always panics. Vectors from 32 up are interrupts: the LAPIC timer, device
 * lines routed by the IOAPIC, and the spurious and error vectors.
 *
 * Also here: the register dump and the frame-pointer unwinder that panic
 * reports use, and the two instructions the trap tests execute.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/sections.h"
#include "mm/vm.h"
#include "asm.h"
#include "cpu.h"

/* uaccess.S uses these. */
_Static_assert(ASM_CR4_SMAP == CR4_SMAP, "asm.h and cpu.h disagree on CR4.SMAP");
_Static_assert(ASM_RFLAGS_AC == RFLAGS_AC, "asm.h and cpu.h disagree on RFLAGS.AC");

/* The CPU's names for its exceptions, with the portable kind of each. */
static const struct {
	const char *name;
	enum trap_kind kind;
} exceptions[32] = {
	[0]  = { "#DE divide error", TRAP_DIVIDE },
	[1]  = { "#DB debug", TRAP_OTHER },
	[2]  = { "NMI", TRAP_OTHER },
	[3]  = { "#BP breakpoint", TRAP_BREAKPOINT },
	[4]  = { "#OF overflow", TRAP_OTHER },
	[5]  = { "#BR bound range", TRAP_OTHER },
	[6]  = { "#UD invalid opcode", TRAP_ILLEGAL_INSN },
	[7]  = { "#NM device not available", TRAP_OTHER },
	[8]  = { "#DF double fault", TRAP_OTHER },
	[9]  = { "coprocessor segment overrun", TRAP_OTHER },
	[10] = { "#TS invalid TSS", TRAP_PROTECTION },
	[11] = { "#NP segment not present", TRAP_PROTECTION },
	[12] = { "#SS stack-segment fault", TRAP_PROTECTION },
	[13] = { "#GP general protection", TRAP_PROTECTION },
	[14] = { "#PF page fault", TRAP_PAGE_FAULT },
	[16] = { "#MF x87 floating point", TRAP_OTHER },
	[17] = { "#AC alignment check", TRAP_ALIGNMENT },
	[18] = { "#MC machine check", TRAP_OTHER },
	[19] = { "#XM SIMD floating point", TRAP_OTHER },
	[20] = { "#VE virtualization", TRAP_OTHER },
	[21] = { "#CP control protection", TRAP_PROTECTION },
};

/* Page-fault error code bits. */
#define PF_ERR_WRITE	(1u << 1)	/* a write (else a read) */
#define PF_ERR_FETCH	(1u << 4)	/* an instruction fetch */

/* The vector arch_capture_regs() (entry.S) stores: no trap, a call. */
#define VECTOR_NONE	(~0UL)

#define UD2_BYTE0	0x0f
#define UD2_BYTE1	0x0b

static bool in_kernel_text(uintptr_t pc, size_t len)
{
	return pc >= (uintptr_t)__text_start && pc + len <= (uintptr_t)__text_end;
}

/*
 * trap_decode() fills @ti for exception @tf->vector. next_pc is where an
 * expected trap resumes, or 0 when the instruction cannot be skipped
 * (its length is unknown, or resuming would repeat the fault). For a page
 * fault, access comes from the error code and uaccess from RFLAGS.AC at
 * the fault, which only uaccess.S sets (with or without SMAP).
 */
static void trap_decode(struct trapframe *tf, struct trap_info *ti)
{
	unsigned vec = tf->vector;

	*ti = (struct trap_info){
		.kind = exceptions[vec].name ? exceptions[vec].kind : TRAP_OTHER,
		.name = exceptions[vec].name ? exceptions[vec].name : "reserved exception",
		.cause = vec,
		.pc = tf->rip,
		.error = tf->error,
		.tf = tf,
	};
	switch (vec) {
	case 3:
		/* int3 is a trap: rip is already past its one byte. */
		ti->pc = tf->rip - 1;
		ti->next_pc = tf->rip;
		break;
	case 6:
		if (in_kernel_text(tf->rip, 2) &&
		    ((const uint8_t *)tf->rip)[0] == UD2_BYTE0 &&
		    ((const uint8_t *)tf->rip)[1] == UD2_BYTE1)
			ti->next_pc = tf->rip + 2;
		break;
	case 14:
		ti->addr = read_cr2();
		if (tf->error & PF_ERR_FETCH)
			ti->access = FAULT_EXEC;
		else if (tf->error & PF_ERR_WRITE)
			ti->access = FAULT_WRITE;
		else
			ti->access = FAULT_READ;
		ti->uaccess = tf->rflags & RFLAGS_AC;
		break;
	}
}

static void exception(struct trapframe *tf)
{
	struct trap_info ti;

	if (tf->vector == 8) {
		/* On the IST stack: report and stop, whatever the cause. */
		console_loglevel = LOG_DEBUG;
		pr_err("\ndouble fault: a fault while delivering a fault "
		       "(kernel stack overflow?)\n");
		arch_dump_regs(tf);
		panic("double fault at pc %#lx", (unsigned long)tf->rip);
	}
	if (tf->vector == 2) {
		pr_warn("NMI at pc %#lx (ignored)\n", (unsigned long)tf->rip);
		return;
	}
	trap_decode(tf, &ti);
	if (arch_trapframe_is_user(tf)) {
		/* The process's own fault: interrupts on, as in a system call. */
		ti.user = true;
		ti.uaccess = false;	/* AC is the user's own flag here */
		arch_irq_enable();
		user_trap(&ti);
		return;
	}
	kernel_trap(&ti);
}

/*
 * trap_dispatch() is entry.S's way into C, for every vector. A trap in the
 * middle of a user copy arrives with RFLAGS.AC still set (the CPU does
 * not clear it); handlers run with the window closed, and iretq reopens
 * it from tf->rflags.
 */
void trap_dispatch(struct trapframe *tf)
{
	unsigned vec = tf->vector;

	if (tf->rflags & RFLAGS_AC)
		arch_user_access_end();
	if (vec < 32) {
		exception(tf);
	} else if (vec == VEC_TIMER) {
		timer_tick();
		lapic_eoi();
	} else if (vec >= VEC_IRQ_BASE && vec <= VEC_IRQ_LAST) {
		irq_handle(vec - VEC_IRQ_BASE);
		lapic_eoi();
	} else if (vec == VEC_SPURIOUS ||
		   (vec >= VEC_PIC_BASE && vec < VEC_PIC_BASE + 16)) {
		/* Spurious (LAPIC or a masked 8259): no EOI, nothing to do. */
	} else if (vec == VEC_APIC_ERROR) {
		pr_warn("local APIC error interrupt\n");
		lapic_eoi();
	} else {
		pr_warn("unexpected interrupt vector %u\n", vec);
		lapic_eoi();
	}
}

/*
 * arch_dump_regs() prints rip (symbolized), the general registers three to
 * a line, then the segment and control registers. A frame from
 * arch_capture_regs() has no vector: its rip is the return address of the
 * call.
 */
void arch_dump_regs(const struct trapframe *tf)
{
	uintptr_t off;
	const char *sym = ksym_lookup(tf->rip, &off);

	pr_err("registers:\n");
	pr_err(" rip %016lx %s+0x%lx\n", tf->rip, sym ? sym : "?",
	       sym ? (unsigned long)off : 0UL);
	pr_err(" rax %016lx  rbx %016lx  rcx %016lx\n", tf->rax, tf->rbx, tf->rcx);
	pr_err(" rdx %016lx  rsi %016lx  rdi %016lx\n", tf->rdx, tf->rsi, tf->rdi);
	pr_err(" rbp %016lx  rsp %016lx  r8  %016lx\n", tf->rbp, tf->rsp, tf->r8);
	pr_err(" r9  %016lx  r10 %016lx  r11 %016lx\n", tf->r9, tf->r10, tf->r11);
	pr_err(" r12 %016lx  r13 %016lx  r14 %016lx\n", tf->r12, tf->r13, tf->r14);
	pr_err(" r15 %016lx  rflags %08lx\n", tf->r15, tf->rflags);
	if (tf->vector == VECTOR_NONE)
		pr_err(" cs %04lx  ss %04lx  no trap: the registers at a call\n",
		       tf->cs, tf->ss);
	else if (tf->vector == (uint64_t)VECTOR_SYSCALL)
		pr_err(" cs %04lx  ss %04lx  system call %lu\n", tf->cs, tf->ss,
		       tf->error);
	else
		pr_err(" cs %04lx  ss %04lx  vector %lu  error %#lx\n", tf->cs,
		       tf->ss, tf->vector, tf->error);
	pr_err(" cr0 %08lx  cr2 %016lx  cr3 %016lx  cr4 %08lx\n",
	       (unsigned long)read_cr0(), (unsigned long)read_cr2(),
	       (unsigned long)read_cr3(), (unsigned long)read_cr4());
}

uintptr_t arch_trapframe_pc(const struct trapframe *tf)
{
	return tf->rip;
}

void arch_trapframe_set_pc(struct trapframe *tf, uintptr_t pc)
{
	tf->rip = pc;
}

uintptr_t arch_trapframe_fp(const struct trapframe *tf)
{
	return tf->rbp;
}

/*
 * A frame is only followed inside memory the kernel's stacks can be in:
 * the image (boot and interrupt stacks are in .bss) and the direct map
 * (stacks allocated later). And only if it is mapped, so a corrupt chain
 * ends the backtrace instead of faulting in the middle of a panic.
 */
static bool frame_readable(uintptr_t fp)
{
	bool in_image = fp >= (uintptr_t)__kernel_start &&
			fp + 16 <= (uintptr_t)__kernel_end;
	bool in_direct = fp >= DIRECT_MAP_BASE && fp + 16 <= direct_map_end;

	if (fp % 8 || !(in_image || in_direct))
		return false;
	return pmap_lookup(pmap_kernel(), fp, NULL, NULL, NULL) &&
	       pmap_lookup(pmap_kernel(), fp + 15, NULL, NULL, NULL);
}

bool arch_unwind(uintptr_t *fp, uintptr_t *pc)
{
	const uintptr_t *frame = (const uintptr_t *)*fp;

	if (!*fp || !frame_readable(*fp))
		return false;
	*pc = frame[1];
	*fp = frame[0];
	return *pc != 0;
}

/*
 * The trap tests call these; each returns when the handler skips the
 * instruction. They are written in assembly so that they have a frame of
 * their own: GCC never gives a leaf function one, and without it the
 * backtrace of a trap here would skip the caller.
 */
__asm__(
	"	.text\n"
	"	.globl arch_test_breakpoint\n"
	"	.type arch_test_breakpoint, @function\n"
	"arch_test_breakpoint:\n"
	"	push %rbp\n"
	"	mov %rsp, %rbp\n"
	"	int3\n"
	"	pop %rbp\n"
	"	ret\n"
	"	.size arch_test_breakpoint, . - arch_test_breakpoint\n"
	"	.globl arch_test_illegal_insn\n"
	"	.type arch_test_illegal_insn, @function\n"
	"arch_test_illegal_insn:\n"
	"	push %rbp\n"
	"	mov %rsp, %rbp\n"
	"	ud2\n"
	"	pop %rbp\n"
	"	ret\n"
	"	.size arch_test_illegal_insn, . - arch_test_illegal_insn\n");
