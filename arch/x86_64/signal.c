/*
 * arch/x86_64/signal.c - Linux's x86_64 signal frame: building it for a
 * handler, and rt_sigreturn. The contract is in kernel/arch.h, "Signals";
 * the layouts are in sigframe.h; the portable side (which signal, which
 * stack, the masks) is kernel/signal.c.
 *
 * The frame, from high addresses to low, below the sp the caller chose
 * (the interrupted rsp less the 128-byte red zone, or the top of the
 * alternate stack):
 *
 *   the FXSAVE image (512 bytes), 64-byte aligned
 *   struct rt_sigframe: pretcode, ucontext, siginfo
 *
 * as Linux places them: the rt_sigframe starts 8 bytes below a 16-byte
 * boundary, so that at the handler's first instruction rsp (which points
 * at pretcode, the return address) satisfies (rsp + 8) % 16 == 0, as
 * after a call. The handler's ret pops pretcode - the libc's restorer
 * (SA_RESTORER; x86_64 Linux refuses a handler without one) - which
 * issues rt_sigreturn with rsp just past pretcode: the frame is at
 * rsp - 8.
 *
 * FP state. The running task's FP registers are live in the CPU;
 * current->fpstate is their copy only after a switch away (sched.c). So
 * setup saves the live state, puts it in the frame, and gives the
 * handler a clean one (as Linux does); sigreturn writes the image from
 * the frame, sanitised, into current->fpstate and loads it. Both update
 * current->fpstate and the CPU with interrupts off: a task switch in
 * between would save the stale live registers over the new copy.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/signal.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "cpu.h"
#include "sigframe.h"

/* The RFLAGS bits a signal frame may set (Linux's FIX_EFLAGS, and ID). */
#define RFLAGS_SIGFRAME	(RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | RFLAGS_SF | \
			 RFLAGS_TF | RFLAGS_DF | RFLAGS_OF | RFLAGS_RF | RFLAGS_AC | \
			 RFLAGS_ID)

/* Used when the CPU reports no MXCSR_MASK (0 in the FXSAVE image). */
#define MXCSR_MASK_DEFAULT	0x0000ffbfu

/* An FXSAVE image in kernel memory (fxsave64/fxrstor64 need 16-byte alignment). */
struct fx_image {
	uint8_t b[ARCH_FPSTATE_SIZE];
} __attribute__((aligned(ARCH_FPSTATE_ALIGN)));

/*
 * cpu_mxcsr_mask() is the MXCSR bits this CPU accepts, from the
 * MXCSR_MASK field fxsave writes; a zero field means the default mask.
 * fxsave changes no register, so any task may ask.
 */
static uint32_t cpu_mxcsr_mask(void)
{
	static uint32_t mask;
	struct fx_image fx;

	if (!mask) {
		memset(&fx, 0, sizeof(fx));
		__asm__ volatile("fxsave64 %0" : "=m"(fx));
		memcpy(&mask, fx.b + FPX_MXCSR_MASK, sizeof(mask));
		if (!mask)
			mask = MXCSR_MASK_DEFAULT;
	}
	return mask;
}

/* The live FP state of the running task, into @fx (and current->fpstate). */
static void fp_save_current(struct fx_image *fx)
{
	unsigned long flags = arch_irq_save();

	arch_fp_save(current->fpstate);
	memcpy(fx->b, current->fpstate, ARCH_FPSTATE_SIZE);
	arch_irq_restore(flags);
}

/* @fx becomes the running task's FP state, saved and live. */
static void fp_load_current(const struct fx_image *fx)
{
	unsigned long flags = arch_irq_save();

	memcpy(current->fpstate, fx->b, ARCH_FPSTATE_SIZE);
	arch_fp_restore(current->fpstate);
	arch_irq_restore(flags);
}

static void fill_sigcontext(struct linux_sigcontext *sc, const struct trapframe *tf, int sig,
			    const struct linux_siginfo *info, uint64_t old_mask, uintptr_t fp_addr)
{
	*sc = (struct linux_sigcontext){
		.r8 = tf->r8, .r9 = tf->r9, .r10 = tf->r10, .r11 = tf->r11,
		.r12 = tf->r12, .r13 = tf->r13, .r14 = tf->r14, .r15 = tf->r15,
		.rdi = tf->rdi, .rsi = tf->rsi, .rbp = tf->rbp, .rbx = tf->rbx,
		.rdx = tf->rdx, .rax = tf->rax, .rcx = tf->rcx, .rsp = tf->rsp,
		.rip = tf->rip, .eflags = tf->rflags,
		.cs = (uint16_t)tf->cs, .ss = (uint16_t)tf->ss,	/* gs, fs: 0 */
		.oldmask = old_mask,
		.fpstate = fp_addr,
	};
	/* A CPU exception: its vector and error code, and for #PF the address. */
	if (tf->vector < 32) {
		sc->trapno = tf->vector;
		sc->err = tf->error;
		if (tf->vector == 14 && info && (sig == SIGSEGV || sig == SIGBUS))
			sc->cr2 = info->u.si_addr;
	}
}

int arch_signal_frame_setup(struct trapframe *tf, int sig, const struct linux_siginfo *info,
			    const struct ksigaction *act, uint64_t old_mask, uintptr_t sp,
			    const struct ksigaltstack *alt)
{
	struct rt_sigframe frame;
	struct fx_image fx;
	uintptr_t fp_addr = 0, addr = sp;

	/* x86_64 Linux fails a handler without SA_RESTORER: it would return nowhere. */
	if (!(act->flags & SA_RESTORER))
		return -EFAULT;

	if (current->fpstate) {
		fp_addr = (sp - ARCH_FPSTATE_SIZE) & ~(uintptr_t)(SIGFRAME_FP_ALIGN - 1);
		if (fp_addr > sp)
			return -EFAULT;			/* wrapped below 0 */
		addr = fp_addr;
	}
	addr = ((addr - sizeof(frame)) & ~(uintptr_t)15) - 8;
	if (addr > sp)
		return -EFAULT;

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = act->restorer;
	frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	frame.uc.uc_link = 0;
	if (alt) {
		frame.uc.uc_stack.ss_sp = alt->ss_sp;
		frame.uc.uc_stack.ss_flags = alt->ss_flags;
		frame.uc.uc_stack.ss_size = alt->ss_size;
	} else {
		frame.uc.uc_stack.ss_flags = SS_DISABLE;
	}
	fill_sigcontext(&frame.uc.uc_mcontext, tf, sig, info, old_mask, fp_addr);
	frame.uc.uc_sigmask = old_mask;
	if (info)
		memcpy(frame.info, info, SIGINFO_SIZE);
	else
		memcpy(frame.info, &(int32_t){ sig }, sizeof(int32_t));	/* si_signo */

	if (fp_addr) {
		fp_save_current(&fx);
		/* No XSAVE: a legacy image, its software-reserved bytes zero. */
		memset(fx.b + FPX_SW_RESERVED, 0, FPX_SW_RESERVED_SIZE);
		if (copy_to_user((void *)fp_addr, fx.b, sizeof(fx)))
			return -EFAULT;
	}
	if (copy_to_user((void *)addr, &frame, sizeof(frame)))
		return -EFAULT;

	/* The frame is written: from here on nothing fails. */
	tf->rip = act->handler;
	tf->rsp = addr;
	tf->rdi = (uint64_t)sig;
	tf->rsi = addr + offsetof(struct rt_sigframe, info);
	tf->rdx = addr + offsetof(struct rt_sigframe, uc);
	tf->rax = 0;			/* for handlers declared without a prototype */
	tf->rflags &= ~(uint64_t)(RFLAGS_DF | RFLAGS_TF | RFLAGS_RF);
	tf->cs = GDT_USER_CS | 3;
	tf->ss = GDT_USER_DS | 3;

	/* The handler starts with a clean FP state, as on Linux. */
	if (fp_addr) {
		arch_fp_init(fx.b);
		fp_load_current(&fx);
	}
	return 0;
}

int arch_signal_frame_restore(struct trapframe *tf, uint64_t *mask)
{
	struct rt_sigframe frame;
	const struct linux_sigcontext *sc = &frame.uc.uc_mcontext;
	struct fx_image fx;
	uintptr_t addr = tf->rsp - 8;	/* the handler's ret popped pretcode */
	uint32_t mxcsr;

	if (addr > tf->rsp || copy_from_user(&frame, (const void *)addr, sizeof(frame)))
		return -EFAULT;
	/* Linux reads the FP image where sigcontext.fpstate points; 0 means a clean state. */
	if (current->fpstate) {
		if (sc->fpstate) {
			if (copy_from_user(fx.b, (const void *)sc->fpstate, sizeof(fx)))
				return -EFAULT;
			/* fxrstor64 faults on reserved MXCSR bits: clear them. */
			memcpy(&mxcsr, fx.b + FPX_MXCSR, sizeof(mxcsr));
			mxcsr &= cpu_mxcsr_mask();
			memcpy(fx.b + FPX_MXCSR, &mxcsr, sizeof(mxcsr));
		} else {
			arch_fp_init(fx.b);
		}
	}

	/* Everything is read: from here on nothing fails. */
	tf->r8 = sc->r8;
	tf->r9 = sc->r9;
	tf->r10 = sc->r10;
	tf->r11 = sc->r11;
	tf->r12 = sc->r12;
	tf->r13 = sc->r13;
	tf->r14 = sc->r14;
	tf->r15 = sc->r15;
	tf->rdi = sc->rdi;
	tf->rsi = sc->rsi;
	tf->rbp = sc->rbp;
	tf->rbx = sc->rbx;
	tf->rdx = sc->rdx;
	tf->rax = sc->rax;
	tf->rcx = sc->rcx;
	tf->rsp = sc->rsp;
	tf->rip = sc->rip;
	/* Only the flags user code owns; IF stays on, IOPL 0 (Linux's FIX_EFLAGS). */
	tf->rflags = (sc->eflags & RFLAGS_SIGFRAME) | RFLAGS_IF | RFLAGS_FIXED;
	tf->cs = GDT_USER_CS | 3;
	tf->ss = GDT_USER_DS | 3;
	/* No system call to restart (Linux sets orig_ax = -1). */
	tf->error = (uint64_t)-1;

	if (current->fpstate)
		fp_load_current(&fx);
	*mask = frame.uc.uc_sigmask;
	return 0;
}

uintptr_t arch_trapframe_sp(const struct trapframe *tf)
{
	return tf->rsp;
}

/* x86_64 libcs supply SA_RESTORER: no trampoline to map. */
int arch_exec_map_extra(struct mm *mm)
{
	(void)mm;
	return 0;
}

uintptr_t arch_sigtramp_address(const struct mm *mm)
{
	(void)mm;
	return 0;
}
