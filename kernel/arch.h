/*
 * kernel/arch.h - the contract between the portable kernel and a port.
 *
 * Everything machine-specific lives in arch/<arch>/ behind the functions
 * declared here. Both ports (arch/x86_64/ and arch/riscv/) provide the same
 * set of files:
 *
 *   memlayout.h  address-space constants (PAGE_SIZE, DIRECT_MAP_BASE, ...)
 *   regs.h       struct trapframe and small inline helpers (frame pointer)
 *   boot.S       firmware entry: early page tables, stack, jump to kmain()
 *   entry.S      trap entry and exit
 *   setup.c      boot information, CPU features, power-off
 *   trap.c       trap decoding, register dump, stack unwinding
 *   intr.c       interrupt controllers and the periodic timer
 *   mmu.c        the page-table verbs (pmap_*)
 *   arch.mk      compiler, flags, QEMU command line
 *
 * The portable kernel never includes a port's private headers other than
 * memlayout.h and regs.h, and never tests which arch it is built for.
 */
#ifndef ATLAS_ARCH_H
#define ATLAS_ARCH_H

#include "kernel/types.h"
#include "kernel/bootinfo.h"
#include "memlayout.h"	/* from arch/<arch>/ */
#include "regs.h"	/* from arch/<arch>/ */

/*
 * memlayout.h provides:
 *   PAGE_SHIFT, PAGE_SIZE         the base page (4 KiB on both ports)
 *   HUGE_SHIFT, HUGE_SIZE         the large leaf (2 MiB on both ports)
 *   DIRECT_MAP_BASE               virtual address of physical address 0
 *   KERNEL_VIRT_OFFSET            kernel image VA minus its PA
 *   EARLY_MAP_LIMIT               physical memory below this is reachable
 *                                 through the direct map before
 *                                 arch_mmu_init() (boot.S maps it)
 *   USER_BASE, USER_TOP           the user half of every address space
 *   KTEST_VA_BASE                 a kernel range free for pmap tests
 * regs.h provides:
 *   struct trapframe              registers saved by entry.S
 *   struct arch_context           what a task switch saves (switch.S)
 *   ARCH_FPSTATE_SIZE, _ALIGN     the user FP/vector save area
 *   arch_frame_pointer()          the caller's frame pointer (inline)
 */

/* Physical <-> virtual through the direct map. */
static inline void *phys_to_virt(paddr_t pa)
{
	return (void *)(uintptr_t)(DIRECT_MAP_BASE + pa);
}

/*
 * virt_to_phys() accepts a direct-map address or an address inside the
 * kernel image (which is mapped twice: at KERNEL_VIRT_OFFSET + pa, and in
 * the direct map).
 */
static inline paddr_t virt_to_phys(const void *va)
{
	uintptr_t v = (uintptr_t)va;

	if (v >= KERNEL_VIRT_OFFSET + KERNEL_PHYS_BASE)
		return v - KERNEL_VIRT_OFFSET;
	return v - DIRECT_MAP_BASE;
}

/* ---- Boot and CPU (setup.c) ------------------------------------------ */

/*
 * arch_early_init() runs first in kmain(): it installs the trap vectors,
 * enables the CPU features Atlas relies on (NX, SMEP/SMAP or SUM policy,
 * write protection in supervisor mode) and makes the console UART usable.
 */
void arch_early_init(void);

/*
 * arch_boot_info() fills @bi from what the firmware handed over. Returns 0,
 * or a negative errno after printing what was wrong with the boot data.
 */
int arch_boot_info(struct bootinfo *bi);

/* arch_cpu_describe() prints one line naming the CPU features in use. */
void arch_cpu_describe(void);

/*
 * arch_poweroff() ends the machine. @status 0 means success; anything else
 * is a failure that QEMU's exit status reflects (isa-debug-exit on x86_64,
 * the virt test finisher on riscv64). Never returns.
 */
__noreturn void arch_poweroff(int status);

/* arch_idle() waits for the next interrupt (hlt / wfi). */
void arch_idle(void);

/* ---- Console UART (setup.c) -------------------------------------------- */

/*
 * The 16550 driver (drivers/uart16550.c) reaches its registers only through
 * these: port I/O on x86_64, MMIO on riscv64. @reg is the register index.
 */
uint8_t arch_uart_read(unsigned reg);
void arch_uart_write(unsigned reg, uint8_t val);

/* ---- Interrupts and timer (intr.c) ------------------------------------- */

/* arch_intr_init() programs the interrupt controllers with every line masked. */
void arch_intr_init(void);

/*
 * arch_timer_init() starts a periodic interrupt at @hz; each one calls
 * timer_tick() (kernel/time.c). Returns 0 or a negative errno.
 */
int arch_timer_init(unsigned hz);

/* arch_irq_unmask() routes device interrupt @irq to this CPU. */
int arch_irq_unmask(unsigned irq);

/* Local interrupt enable state. */
void arch_irq_enable(void);
void arch_irq_disable(void);
unsigned long arch_irq_save(void);		/* disable, return old state */
void arch_irq_restore(unsigned long flags);
bool arch_irq_enabled(void);

/* ---- Traps (trap.c) ---------------------------------------------------- */

/* The portable kinds of trap a port decodes its causes into. */
enum trap_kind {
	TRAP_BREAKPOINT,
	TRAP_ILLEGAL_INSN,
	TRAP_PAGE_FAULT,
	TRAP_ALIGNMENT,
	TRAP_DIVIDE,
	TRAP_PROTECTION,	/* x86 #GP and similar */
	TRAP_OTHER,
};

/*
 * A synchronous exception taken in kernel mode, as the port hands it to
 * kernel_trap() (kernel/trap.c).
 */
struct trap_info {
	enum trap_kind kind;
	const char *name;	/* the port's own name for the cause */
	unsigned long cause;	/* vector or scause */
	uintptr_t pc;		/* faulting instruction */
	uintptr_t next_pc;	/* the instruction after it */
	uintptr_t addr;		/* faulting address, when there is one */
	unsigned long error;	/* x86 error code, riscv stval */
	unsigned access;	/* TRAP_PAGE_FAULT: FAULT_READ, FAULT_WRITE or FAULT_EXEC */
	bool uaccess;		/* the user-access window was open (AC set / SUM set) */
	bool user;		/* taken in user mode */
	struct trapframe *tf;
};

/*
 * arch_dump_regs() prints a "registers:" line, then every register in @tf,
 * several to a line. @tf comes from a trap or from arch_capture_regs().
 */
void arch_dump_regs(const struct trapframe *tf);

/*
 * arch_capture_regs() fills @tf with its caller's registers as they are at
 * the call, without a trap: pc is the return address into the caller, sp
 * and the frame pointer are the caller's, and the trap fields (cause,
 * vector, error) say "no trap", which arch_dump_regs() prints as such.
 * panic() uses it. An assembly routine in entry.S.
 */
void arch_capture_regs(struct trapframe *tf);

/* arch_trapframe_pc() reads and sets the resume address of @tf. */
uintptr_t arch_trapframe_pc(const struct trapframe *tf);
void arch_trapframe_set_pc(struct trapframe *tf, uintptr_t pc);
/* arch_trapframe_fp() is the frame pointer saved in @tf. */
uintptr_t arch_trapframe_fp(const struct trapframe *tf);

/*
 * arch_unwind() steps one frame up the kernel stack: from the frame
 * pointer *@fp it reads the caller's frame pointer and return address.
 * Returns false when the chain ends or leaves kernel memory.
 */
bool arch_unwind(uintptr_t *fp, uintptr_t *pc);

/*
 * For the trap tests: execute a breakpoint instruction / an illegal
 * instruction. Both return normally when the trap handler resumes after
 * the instruction.
 */
void arch_test_breakpoint(void);
void arch_test_illegal_insn(void);

/* ---- User memory (uaccess.S) ------------------------------------------- */

/*
 * The kernel touches user memory only through these. Each opens the
 * user-access window (x86_64: stac, with SMAP; riscv64: sstatus.SUM) for
 * exactly its own loads and stores, and every instruction that may fault
 * on a user address has an exception-table entry (kernel/extable.h): a
 * fault the page-fault handler cannot satisfy resumes at the fixup, which
 * ends the copy early. The portable wrappers in kernel/uaccess.c check
 * the range first.
 */

/*
 * arch_copy_user() copies @n bytes from @src to @dst, one of which is a
 * user address. Returns the number of bytes NOT copied: 0 on success.
 */
size_t arch_copy_user(void *dst, const void *src, size_t n);

/*
 * arch_strncpy_user() copies a string of at most @n bytes (the NUL
 * included) from user @src. Returns its length without the NUL, @n if no
 * NUL came within @n bytes, or -EFAULT.
 */
long arch_strncpy_user(char *dst, const char *src, size_t n);

/*
 * arch_user_access_begin()/end() open and close the window around code
 * that must touch user memory directly (the in-kernel mm tests).
 */
void arch_user_access_begin(void);
void arch_user_access_end(void);

/* arch_user_access_is_open() tells whether the window is open right now. */
bool arch_user_access_is_open(void);

/* ---- Tasks: switching kernel stacks (switch.S) ------------------------- */

/*
 * arch_context_init() prepares @ctx so that the first arch_switch() to it
 * runs @fn(@arg) on the stack that ends at @stack_top (16-byte aligned),
 * with interrupts enabled. @fn must never return.
 */
void arch_context_init(struct arch_context *ctx, uintptr_t stack_top,
		       void (*fn)(void *arg), void *arg);

/*
 * arch_switch() saves the running task's callee-saved registers and stack
 * pointer in @from and resumes @to where it last switched away (or at its
 * arch_context_init() function). Returns when something switches back.
 */
void arch_switch(struct arch_context *from, struct arch_context *to);

/* ---- User mode (usermode.c, entry.S) -------------------------------------- */

/*
 * arch_user_regs_init() sets @tf for a program's first instruction: every
 * register zero except the stack pointer @sp and the pc @pc, user mode,
 * interrupts enabled (design.md §4).
 */
void arch_user_regs_init(struct trapframe *tf, uintptr_t pc, uintptr_t sp);

/*
 * arch_enter_user() loads @tf (on the current kernel stack) and returns to
 * user mode with it: a new task's first entry, or a forked child's.
 */
__noreturn void arch_enter_user(struct trapframe *tf);

/*
 * arch_set_kernel_stack() says where traps and system calls from user mode
 * land: the top of the running task's kernel stack (TSS.rsp0 and the
 * syscall stack on x86_64, sscratch on riscv64). The scheduler calls it
 * on every switch.
 */
void arch_set_kernel_stack(uintptr_t top);

/* arch_trapframe_is_user() is true when @tf was saved in user mode. */
bool arch_trapframe_is_user(const struct trapframe *tf);

/*
 * System calls. The port's entry builds a trapframe and calls
 * syscall_dispatch(tf) (kernel/syscall.c); these read the call number and
 * its six arguments in the Linux registers of the arch, and set the
 * result. arch_syscall_table[] (syscalls.c) maps Linux's numbers for the
 * arch to the portable handlers.
 */
unsigned long arch_syscall_nr(const struct trapframe *tf);
unsigned long arch_syscall_arg(const struct trapframe *tf, int n);
void arch_syscall_set_return(struct trapframe *tf, long ret);

/*
 * A trap from user mode that is not a system call: the port fills a
 * struct trap_info with .user = true and calls user_trap()
 * (kernel/proc.c), which resolves page faults or kills the process. Just
 * before any return to user mode the port calls trap_return_to_user(tf)
 * (kernel/sched.c): the place a task is preempted (and, later, where
 * signals are delivered).
 */

/*
 * User FP and vector state: the kernel itself never touches FP registers,
 * so a task switch saves the outgoing task's and restores the incoming
 * task's. arch_fp_init() fills @state with a clean state (default control
 * and status words, all registers zero).
 */
void arch_fp_init(void *state);
void arch_fp_save(void *state);
void arch_fp_restore(const void *state);

/* ---- Signals (signal.c) ------------------------------------------------ */

/*
 * Linux's siginfo_t (128 bytes on both 64-bit arches): the fields Atlas
 * fills, at Linux's offsets (si_addr and si_pid share offset 16).
 */
struct linux_siginfo {
	int32_t si_signo, si_errno, si_code, _pad0;
	union {
		uint64_t si_addr;		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
		struct {
			int32_t si_pid;		/* kill(), SIGCHLD */
			uint32_t si_uid;
			int32_t si_status;	/* SIGCHLD */
		} kill;
	} u;
	uint8_t _rest[128 - 32];
};

_Static_assert(sizeof(struct linux_siginfo) == 128, "siginfo_t is 128 bytes");

/* A handler to run, as rt_sigaction() registered it. */
struct ksigaction {
	uintptr_t handler;	/* SIG_DFL 0, SIG_IGN 1, or a user address */
	uint64_t flags;		/* SA_* (Linux's values) */
	uintptr_t restorer;	/* SA_RESTORER's return address (x86_64) */
	uint64_t mask;		/* blocked while the handler runs; bit n-1 = signal n */
};

/* The alternate signal stack (sigaltstack), as Linux's stack_t. */
struct ksigaltstack {
	uintptr_t ss_sp;
	int32_t ss_flags;
	uint64_t ss_size;
};

/*
 * arch_signal_frame_setup() pushes Linux's struct rt_sigframe for @sig
 * onto the user stack below @sp (already chosen by the caller: the
 * alternate stack's top, or the interrupted sp; x86_64 also skips the
 * 128-byte red zone), saving every register of @tf, the FP state of the
 * running task (arch_fp_save into the frame's FP area) and @old_mask in
 * uc_sigmask, @alt in uc_stack, and @info. It then points @tf at the
 * handler with Linux's arguments (sig, &frame->info, &frame->uc) and
 * the return address: act->restorer (x86_64, SA_RESTORER) or the
 * sigreturn trampoline (riscv64, arch_sigtramp_address()). Returns 0, or
 * -EFAULT if the frame cannot be written (the caller then kills the
 * process with SIGSEGV).
 */
int arch_signal_frame_setup(struct trapframe *tf, int sig, const struct linux_siginfo *info,
			    const struct ksigaction *act, uint64_t old_mask, uintptr_t sp,
			    const struct ksigaltstack *alt);

/*
 * arch_signal_frame_restore() is rt_sigreturn: it reads the rt_sigframe
 * at the user sp of @tf, restores every register into @tf (keeping user
 * mode: privileged bits and segments are forced back to user values) and
 * the FP state (arch_fp_restore after sanitising it: reserved MXCSR bits
 * cleared on x86_64), and returns the saved mask in *@mask. Returns 0 or
 * -EFAULT (the caller kills with SIGSEGV).
 */
int arch_signal_frame_restore(struct trapframe *tf, uint64_t *mask);

/* arch_trapframe_sp() is the user stack pointer saved in @tf. */
uintptr_t arch_trapframe_sp(const struct trapframe *tf);

/*
 * arch_exec_map_extra() maps what every new program of this arch needs
 * besides its image and stack: on riscv64 the sigreturn trampoline page
 * (Linux puts it in the vDSO), shown as "[vdso]" in /proc/<pid>/maps;
 * nothing on x86_64 (libcs supply SA_RESTORER). Returns 0 or -ENOMEM.
 * arch_sigtramp_address() is where the trampoline is, 0 if none.
 */
struct mm;
int arch_exec_map_extra(struct mm *mm);
uintptr_t arch_sigtramp_address(const struct mm *mm);

/* ---- Page tables (mmu.c) ----------------------------------------------- */

/* Protection and attribute bits for pmap_enter() and pmap_protect(). */
#define PMAP_R		0x01u	/* readable */
#define PMAP_W		0x02u	/* writable */
#define PMAP_X		0x04u	/* executable */
#define PMAP_USER	0x08u	/* reachable from user mode */
#define PMAP_GLOBAL	0x10u	/* not flushed on address-space switch */
#define PMAP_NOCACHE	0x20u	/* device memory: uncached */
#define PMAP_WC		0x40u	/* write-combining (framebuffers) */
#define PMAP_PROT_MASK	(PMAP_R | PMAP_W | PMAP_X)

/*
 * An address space's page table. [pt] fields belong to mmu.c; mm/ reads
 * nr_tables for leak checks and never touches an entry.
 */
struct pmap {
	paddr_t root;		/* [pt] physical address of the top table */
	size_t nr_tables;	/* [pt] table pages below root, root excluded */
};

/*
 * arch_mmu_init() builds the kernel page table: the direct map of every
 * RAM range in @bi (no-execute, large leaves where they fit), the kernel
 * image with W^X (text RX, rodata R, data and bss RW) at its link address
 * and on its direct-map alias, and the device ranges the port needs. It
 * switches to it and returns; tables come from pgtable_alloc().
 */
void arch_mmu_init(const struct bootinfo *bi);

/* pmap_kernel() is the kernel's own page table. */
struct pmap *pmap_kernel(void);

/*
 * pmap_create() makes an empty user page table that shares the kernel half.
 * Returns 0 or -ENOMEM.
 */
int pmap_create(struct pmap *pm);

/*
 * pmap_destroy() frees every table page of @pm's user half and its root.
 * It does not free the frames that leaves pointed at.
 */
void pmap_destroy(struct pmap *pm);

/*
 * pmap_enter() maps [va, va + size) to [pa, pa + size) with @prot, where
 * @size is PAGE_SIZE or HUGE_SIZE and va and pa are aligned to it.
 * Replaces an existing leaf of the same size. Returns 0, -EINVAL for a bad
 * size or alignment, -EEXIST when a leaf of the other size is in the way,
 * or -ENOMEM when a table page cannot be allocated (nothing changes then).
 */
int pmap_enter(struct pmap *pm, vaddr_t va, paddr_t pa, size_t size, unsigned prot);

/*
 * pmap_remove() unmaps every leaf in [start, end) (page aligned), frees
 * table pages that become empty and flushes the TLB for the range. A huge
 * leaf must lie wholly inside the range. Returns the number of leaves
 * removed.
 */
size_t pmap_remove(struct pmap *pm, vaddr_t start, vaddr_t end);

/*
 * pmap_protect() sets the protection of every leaf in [start, end) to @prot
 * and flushes the TLB for the range. Holes are skipped.
 */
void pmap_protect(struct pmap *pm, vaddr_t start, vaddr_t end, unsigned prot);

/*
 * pmap_lookup() translates @va. Returns true with the frame address of the
 * byte, its protection and the leaf size, or false if nothing maps it.
 * Any out-pointer may be NULL.
 */
bool pmap_lookup(struct pmap *pm, vaddr_t va, paddr_t *pa, unsigned *prot, size_t *size);

/*
 * pmap_hole_end() is, for a @va that pmap_lookup() finds unmapped, the
 * end of the hole around it that the page table can see at once (an
 * empty entry of any level): the next address worth looking up. So a
 * walk over a large, mostly empty range costs the page tables it has,
 * not one lookup per page. Always above @va.
 */
vaddr_t pmap_hole_end(struct pmap *pm, vaddr_t va);

/* pmap_activate() switches the CPU to @pm. */
void pmap_activate(struct pmap *pm);

/* pmap_flush_tlb() flushes the translations of [start, end) on this CPU. */
void pmap_flush_tlb(vaddr_t start, vaddr_t end);

#endif
