/*
 * arch/riscv/signal.c - signal frames on riscv64, and the sigreturn
 * trampoline.
 *
 * A handler runs on Linux's struct rt_sigframe { siginfo; ucontext }
 * pushed on the user stack: the interrupted pc and x1..x31 in uc_mcontext
 * (struct user_regs_struct order, pc first), the D-extension FP state
 * after them, the old mask in uc_sigmask and the alternate stack in
 * uc_stack. The layouts below are Linux's (asm/sigcontext.h, asm/ptrace.h,
 * asm/ucontext.h); the static asserts pin the offsets.
 *
 * riscv64 has no SA_RESTORER: Linux returns from a handler through
 * __vdso_rt_sigreturn, and Atlas maps a one-page trampoline of its own
 * (li a7, 139; ecall) at SIGTRAMP_ADDR in every new program, shown as
 * "[vdso]" in /proc/<pid>/maps (design.md section 4). The handler's ra
 * points there; rt_sigreturn then finds the frame at the sp the handler
 * returned with.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "fs/file.h"
#include "mm/vm.h"
#include "cpu.h"

/* ---- Linux's layouts ---------------------------------------------------- */

/* struct user_regs_struct: pc, then x1..x31 in register-number order. */
struct rv_user_regs {
	uint64_t pc;
	uint64_t x[31];		/* x[0] is x1 (ra) */
};

/* union __riscv_fp_state, as its d variant; the q variant sets the size. */
union rv_fp_state {
	struct {
		uint64_t f[32];
		uint32_t fcsr;
	} d;
	uint8_t q[528];
} __attribute__((aligned(16)));

/* __riscv_q_ext_state: f[64] (16-byte aligned), fcsr, then reserved[3]. */
#define SIGCTX_Q_RESERVED	(64 * 8 + 4)

struct rv_sigcontext {
	struct rv_user_regs sc_regs;
	union rv_fp_state sc_fpregs;
};

/* stack_t */
struct rv_stack {
	uint64_t ss_sp;
	int32_t ss_flags;
	uint32_t _pad;
	uint64_t ss_size;
};

struct rv_ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct rv_stack uc_stack;
	uint64_t uc_sigmask;			/* sigset_t: 64 signals */
	uint8_t _unused[1024 / 8 - 8];
	struct rv_sigcontext uc_mcontext;
};

struct rv_rt_sigframe {
	struct linux_siginfo info;
	struct rv_ucontext uc;
};

_Static_assert(sizeof(struct linux_siginfo) == 128, "siginfo_t is 128 bytes");
_Static_assert(sizeof(struct rv_user_regs) == 256, "user_regs_struct");
_Static_assert(sizeof(union rv_fp_state) == 528, "__riscv_fp_state");
_Static_assert(offsetof(union rv_fp_state, d.fcsr) == 256, "fcsr after f[32]");
_Static_assert(offsetof(struct rv_sigcontext, sc_fpregs) == 256, "sc_fpregs");
_Static_assert(sizeof(struct rv_stack) == 24, "stack_t");
_Static_assert(offsetof(struct rv_ucontext, uc_stack) == 16, "uc_stack");
_Static_assert(offsetof(struct rv_ucontext, uc_sigmask) == 40, "uc_sigmask");
_Static_assert(offsetof(struct rv_ucontext, uc_mcontext) == 176, "uc_mcontext");
_Static_assert(sizeof(struct rv_ucontext) == 960, "ucontext");
_Static_assert(offsetof(struct rv_rt_sigframe, uc) == 128, "rt_sigframe.uc");
_Static_assert(sizeof(struct rv_rt_sigframe) == 1088, "rt_sigframe");
/* struct trapframe starts with x1..x31 in a row, as sc_regs.x does. */
_Static_assert(offsetof(struct trapframe, ra) == TF_X(1) && offsetof(struct trapframe, t6) == TF_X(31),
	       "trapframe x1..x31");
_Static_assert(ARCH_FPSTATE_SIZE == FP_FCSR + 8, "the FP image is f0-f31 and fcsr");

/* ---- the trampoline --------------------------------------------------------- */

/*
 * Just below the stack's guard page (kernel/exec.c: the stack is
 * [USER_TOP - 8 MiB, USER_TOP), one unmapped page below it, and
 * mmap_base at the guard): the top-down search for free room starts under
 * it, so nothing else lands there.
 */
#define SIGTRAMP_ADDR	(USER_TOP - MiB(8) - 2 * PAGE_SIZE)

/* li a7, 139 (addi a7, zero, 139); ecall */
#define RV_LI_A7_139	0x08b00893u
#define RV_ECALL	0x00000073u

/*
 * The trampoline page: a page-aligned, page-sized array in the kernel
 * image's rodata, so it shares its frame with nothing else and is there
 * from boot on, never allocated and never freed. Every program maps this
 * one frame; the rest of it is zeros (illegal instructions).
 */
static const uint32_t sigtramp_code[PAGE_SIZE / 4] __attribute__((aligned(PAGE_SIZE))) = {
	RV_LI_A7_139,
	RV_ECALL,
};

static const char *sigtramp_name(struct vma *vma)
{
	(void)vma;
	return "[vdso]";
}

static const struct vm_operations sigtramp_vm_ops = {
	.name = sigtramp_name,
};

/*
 * The mapping is the page's frame, read and execute, never writable (no
 * VM_MAYWRITE: mprotect cannot make the shared page writable). The file
 * is dropped, so the VMA is anonymous and named by its vm_ops, as Linux's
 * vDSO is; fork copies it frame by frame (VM_PFNMAP).
 */
static int sigtramp_mmap_prepare(struct vm_area_desc *desc)
{
	if (desc->end - desc->start != PAGE_SIZE || desc->pgoff != 0 ||
	    (desc->vm_flags & (VM_WRITE | VM_SHARED)))
		return -EINVAL;
	desc->file = NULL;
	desc->vm_flags |= VM_PFNMAP | VM_IO | VM_DONTEXPAND;
	desc->vm_flags &= ~VM_MAYWRITE;
	desc->vm_ops = &sigtramp_vm_ops;
	desc->action.kind = MMAP_ACTION_REMAP_PFN;
	desc->action.pfn = virt_to_phys(sigtramp_code) >> PAGE_SHIFT;
	desc->action.size = PAGE_SIZE;
	return 0;
}

static const struct file_operations sigtramp_fops = {
	.mmap_prepare = sigtramp_mmap_prepare,
};

/*
 * The file do_mmap() is handed, static like the page: prepare drops it,
 * so no VMA ever holds a reference, and the one it was born with keeps
 * it (and its inode) alive for good.
 */
static struct inode sigtramp_inode = { .refcount = 1 };
static struct file sigtramp_file = {
	.refcount = 1,
	.f_mode = FMODE_READ,
	.inode = &sigtramp_inode,
	.f_op = &sigtramp_fops,
};

int arch_exec_map_extra(struct mm *mm)
{
	long r = do_mmap(mm, SIGTRAMP_ADDR, PAGE_SIZE, PROT_READ | PROT_EXEC,
			 MAP_PRIVATE | MAP_FIXED, &sigtramp_file, 0);

	return r < 0 ? (int)r : 0;
}

uintptr_t arch_sigtramp_address(const struct mm *mm)
{
	(void)mm;
	return SIGTRAMP_ADDR;
}

/* ---- frames ------------------------------------------------------------------ */

uintptr_t arch_trapframe_sp(const struct trapframe *tf)
{
	return tf->sp;
}

/* The x1..x31 of @tf, which it keeps in a row. */
static uint64_t *tf_x(struct trapframe *tf)
{
	return &tf->ra;
}

int arch_signal_frame_setup(struct trapframe *tf, int sig, const struct linux_siginfo *info,
			    const struct ksigaction *act, uint64_t old_mask, uintptr_t sp,
			    const struct ksigaltstack *alt)
{
	struct rv_rt_sigframe f;
	uintptr_t addr;
	uint64_t *fp;

	if (sp < sizeof(f))
		return -EFAULT;
	addr = ALIGN_DOWN(sp - sizeof(f), 16);

	memset(&f, 0, sizeof(f));
	f.info = *info;
	f.uc.uc_stack.ss_sp = alt->ss_sp;
	f.uc.uc_stack.ss_flags = alt->ss_flags;
	f.uc.uc_stack.ss_size = alt->ss_size;
	f.uc.uc_sigmask = old_mask;
	f.uc.uc_mcontext.sc_regs.pc = tf->epc;
	memcpy(f.uc.uc_mcontext.sc_regs.x, tf_x(tf), sizeof(f.uc.uc_mcontext.sc_regs.x));

	/* The live FP registers are the task's: save them, then copy the image. */
	fp = current->fpstate;
	if (fp) {
		arch_fp_save(fp);
		memcpy(f.uc.uc_mcontext.sc_fpregs.d.f, fp, 32 * 8);
		f.uc.uc_mcontext.sc_fpregs.d.fcsr = (uint32_t)fp[32];
	}

	if (copy_to_user((void *)addr, &f, sizeof(f)))
		return -EFAULT;

	/* The handler: handler(sig, &info, &uc), returning to the trampoline. */
	tf->epc = act->handler;
	tf->a0 = (uint64_t)sig;
	tf->a1 = addr + offsetof(struct rv_rt_sigframe, info);
	tf->a2 = addr + offsetof(struct rv_rt_sigframe, uc);
	tf->sp = addr;
	tf->ra = arch_sigtramp_address(current->mm);

	/* It starts with clean FP state, as Linux gives it. */
	if (fp) {
		arch_fp_init(fp);
		arch_fp_restore(fp);
	}
	tf->status = (tf->status & ~SSTATUS_FS) | SSTATUS_FS_INITIAL;
	return 0;
}

int arch_signal_frame_restore(struct trapframe *tf, uint64_t *mask)
{
	struct rv_rt_sigframe f;
	uint64_t *fp;

	if (copy_from_user(&f, (const void *)tf->sp, sizeof(f)))
		return -EFAULT;
	/*
	 * The q variant's reserved words (after its fcsr) must be zero, as
	 * Linux checks: no extension state is defined there. A bad frame is
	 * -EFAULT, and the caller's SIGSEGV is what Linux does too.
	 */
	for (size_t i = SIGCTX_Q_RESERVED; i < sizeof(f.uc.uc_mcontext.sc_fpregs.q); i++)
		if (f.uc.uc_mcontext.sc_fpregs.q[i])
			return -EFAULT;

	tf->epc = f.uc.uc_mcontext.sc_regs.pc;
	memcpy(tf_x(tf), f.uc.uc_mcontext.sc_regs.x, sizeof(f.uc.uc_mcontext.sc_regs.x));
	/* User mode and nothing else: the frame holds no sstatus. */
	tf->status &= ~(SSTATUS_SPP | SSTATUS_SIE | SSTATUS_SUM | SSTATUS_FS);
	tf->status |= SSTATUS_SPIE | SSTATUS_FS_INITIAL;

	fp = current->fpstate;
	if (fp) {
		memcpy(fp, f.uc.uc_mcontext.sc_fpregs.d.f, 32 * 8);
		fp[32] = f.uc.uc_mcontext.sc_fpregs.d.fcsr & 0xff;	/* frm and fflags */
		arch_fp_restore(fp);
	}
	*mask = f.uc.uc_sigmask;
	return 0;
}
