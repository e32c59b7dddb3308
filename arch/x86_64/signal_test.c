/*
 * arch/x86_64/signal_test.c - the x86_64 signal frame (signal.c): a frame
 * built for a handler holds every register, the FP state, the mask, the
 * alternate stack and the siginfo at Linux's offsets, the handler starts
 * as Linux starts it, and rt_sigreturn gives back exactly what was saved
 * while refusing privileged bits. Run with ktest=x86.
 *
 * Each test works in a scratch address space (a few anonymous stack
 * pages and nothing else) and a scratch FP state, both made the running
 * task's for the duration (current->mm and current->fpstate, so that a
 * task switch keeps them); the frames are written and read through the
 * user-copy routines, as a process's would be. The last test runs a
 * hand-assembled program in ring 3 (as usermode_test.c does) with real
 * handlers, through the portable delivery (kernel/signal.c).
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"
#include "cpu.h"
#include "sigframe.h"

#define STACK_BASE	0x400000ul
#define STACK_TOP	0x404000ul	/* four pages */
#define UNMAPPED	0x10000000ul	/* nothing there */

#define OLD_MASK	0x8000000180004002ull	/* bits at both ends */
#define HANDLER		0x401234ul
#define RESTORER	0x405678ul

#define FX_FCW		0
#define FX_XMM		160
#define FX_XMM_SIZE	256

struct sig_env {
	struct mm *mm, *saved_task_mm, *saved_mm;
	void *fpstate, *saved_fpstate;
};

struct fx_buf {
	uint8_t b[ARCH_FPSTATE_SIZE];
} __attribute__((aligned(ARCH_FPSTATE_ALIGN)));

static bool env_enter(struct sig_env *e)
{
	unsigned long flags;

	*e = (struct sig_env){ .saved_task_mm = current->mm, .saved_mm = current_mm,
			       .saved_fpstate = current->fpstate };
	e->mm = mm_create();
	e->fpstate = kzalloc(ARCH_FPSTATE_SIZE);
	if (!e->mm || !e->fpstate ||
	    do_mmap(e->mm, STACK_BASE, STACK_TOP - STACK_BASE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) < 0) {
		if (e->mm)
			mm_destroy(e->mm);
		kfree(e->fpstate);
		return false;
	}
	flags = arch_irq_save();
	current->mm = e->mm;
	current->fpstate = e->fpstate;
	arch_fp_save(e->fpstate);
	mm_switch(e->mm);
	arch_irq_restore(flags);
	return true;
}

static void env_leave(struct sig_env *e)
{
	unsigned long flags = arch_irq_save();

	current->mm = e->saved_task_mm;
	current->fpstate = e->saved_fpstate;
	mm_switch(e->saved_mm);
	arch_irq_restore(flags);
	mm_destroy(e->mm);
	kfree(e->fpstate);
}

/* The live FP registers become @fx (and the task's saved copy). */
static void fp_load(const struct fx_buf *fx)
{
	unsigned long flags = arch_irq_save();

	memcpy(current->fpstate, fx->b, ARCH_FPSTATE_SIZE);
	arch_fp_restore(current->fpstate);
	arch_irq_restore(flags);
}

static void fp_read(struct fx_buf *fx)
{
	unsigned long flags = arch_irq_save();

	arch_fp_save(current->fpstate);
	memcpy(fx->b, current->fpstate, ARCH_FPSTATE_SIZE);
	arch_irq_restore(flags);
}

static uint32_t fx_mxcsr(const struct fx_buf *fx)
{
	uint32_t v;

	memcpy(&v, fx->b + FPX_MXCSR, 4);
	return v;
}

static uint16_t fx_fcw(const struct fx_buf *fx)
{
	uint16_t v;

	memcpy(&v, fx->b + FX_FCW, 2);
	return v;
}

/* An FP state unlike the clean one: round toward zero, a pattern in every XMM. */
#define PATTERN_MXCSR	0x7f80u
static void fx_pattern(struct fx_buf *fx, uint8_t seed)
{
	arch_fp_init(fx->b);
	memcpy(fx->b + FPX_MXCSR, &(uint32_t){ PATTERN_MXCSR }, 4);
	for (int i = 0; i < FX_XMM_SIZE; i++)
		fx->b[FX_XMM + i] = (uint8_t)(i * 7 + seed);
}

static bool xmm_is_pattern(const struct fx_buf *fx, uint8_t seed)
{
	for (int i = 0; i < FX_XMM_SIZE; i++)
		if (fx->b[FX_XMM + i] != (uint8_t)(i * 7 + seed))
			return false;
	return true;
}

static bool xmm_is_zero(const struct fx_buf *fx)
{
	for (int i = 0; i < FX_XMM_SIZE; i++)
		if (fx->b[FX_XMM + i])
			return false;
	return true;
}

/* An interrupted program: a different value in every register. */
static void tf_pattern(struct trapframe *tf)
{
	*tf = (struct trapframe){
		.r15 = 0x1515151515151515, .r14 = 0x1414141414141414,
		.r13 = 0x1313131313131313, .r12 = 0x1212121212121212,
		.r11 = 0x1111111111111111, .r10 = 0x1010101010101010,
		.r9 = 0x0909090909090909, .r8 = 0x0808080808080808,
		.rbp = 0x0b0b0b0b0b0b0b0b, .rdi = 0x0d0d0d0d0d0d0d0d,
		.rsi = 0x0e0e0e0e0e0e0e0e, .rdx = 0x0c0c0c0c0c0c0c0c,
		.rcx = 0x0a0a0a0a0a0a0a0a, .rbx = 0x0f0f0f0f0f0f0f0f,
		.rax = 0xfffffffffffffffc,	/* -EINTR, say */
		.vector = (uint64_t)VECTOR_SYSCALL, .error = 35,
		.rip = 0x400abc,
		.cs = GDT_USER_CS | 3,
		.rflags = RFLAGS_IF | RFLAGS_FIXED | RFLAGS_CF | RFLAGS_ZF | RFLAGS_DF |
			  RFLAGS_TF | RFLAGS_OF | RFLAGS_AC,
		.rsp = STACK_TOP - 0x300 - 3,	/* deliberately misaligned */
		.ss = GDT_USER_DS | 3,
	};
}

/* Every register rt_sigreturn restores is as in @want. */
static bool tf_regs_equal(const struct trapframe *a, const struct trapframe *want)
{
	return a->r15 == want->r15 && a->r14 == want->r14 && a->r13 == want->r13 &&
	       a->r12 == want->r12 && a->r11 == want->r11 && a->r10 == want->r10 &&
	       a->r9 == want->r9 && a->r8 == want->r8 && a->rbp == want->rbp &&
	       a->rdi == want->rdi && a->rsi == want->rsi && a->rdx == want->rdx &&
	       a->rcx == want->rcx && a->rbx == want->rbx && a->rax == want->rax &&
	       a->rip == want->rip && a->rsp == want->rsp && a->rflags == want->rflags &&
	       a->cs == want->cs && a->ss == want->ss;
}

static const struct ksigaction test_act = {
	.handler = HANDLER, .flags = SA_RESTORER | SA_SIGINFO, .restorer = RESTORER,
};

static void test_info(struct linux_siginfo *info)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = SIGUSR1;
	info->si_code = 0;			/* SI_USER */
	info->u.kill.si_pid = 42;
	info->u.kill.si_uid = 7;
	info->_rest[0] = 0x5a;
}

/* What the handler does before rt_sigreturn: ret, and clobber everything. */
static void run_handler(struct trapframe *tf)
{
	uint64_t *r = &tf->r15;

	for (int i = 0; i < 15; i++)
		r[i] = 0xdeadbeef00000000ull + i;
	tf->rip = RESTORER;
	tf->rsp += 8;
	tf->rflags = RFLAGS_IF | RFLAGS_FIXED;
	tf->error = 15;				/* rt_sigreturn */
}

static void round_trip(struct ktest_ctx *t)
{
	const struct ksigaltstack alt = { .ss_sp = 0x7000000, .ss_flags = SS_DISABLE,
					  .ss_size = 0x2000 };
	struct trapframe tf, orig;
	struct linux_siginfo info;
	struct rt_sigframe frame;
	const struct linux_sigcontext *sc = &frame.uc.uc_mcontext;
	struct fx_buf fx;
	uintptr_t sp;
	uint64_t mask = 0;

	fx_pattern(&fx, 0x31);
	fp_load(&fx);
	tf_pattern(&tf);
	orig = tf;
	test_info(&info);
	sp = tf.rsp - 128;

	KT_ASSERT(arch_signal_frame_setup(&tf, SIGUSR1, &info, &test_act, OLD_MASK, sp, &alt) == 0);

	/* The handler's entry state. */
	KT_EXPECT(tf.rip == HANDLER);
	KT_EXPECT((tf.rsp + 8) % 16 == 0);
	KT_EXPECT(tf.rsp + sizeof(struct rt_sigframe) + ARCH_FPSTATE_SIZE <= sp);
	KT_EXPECT(tf.rdi == SIGUSR1);
	KT_EXPECT(tf.rsi == tf.rsp + 312);
	KT_EXPECT(tf.rdx == tf.rsp + 8);
	KT_EXPECT(tf.rax == 0);
	KT_EXPECT(!(tf.rflags & (RFLAGS_DF | RFLAGS_TF | RFLAGS_RF)));
	KT_EXPECT((tf.rflags & (RFLAGS_CF | RFLAGS_ZF | RFLAGS_OF | RFLAGS_IF)) ==
		  (RFLAGS_CF | RFLAGS_ZF | RFLAGS_OF | RFLAGS_IF));
	KT_EXPECT(tf.cs == (GDT_USER_CS | 3) && tf.ss == (GDT_USER_DS | 3));
	fp_read(&fx);
	KT_EXPECT(fx_mxcsr(&fx) == 0x1f80 && fx_fcw(&fx) == 0x037f && xmm_is_zero(&fx));

	/* The frame, as user space reads it. */
	KT_ASSERT(copy_from_user(&frame, (void *)tf.rsp, sizeof(frame)) == 0);
	KT_EXPECT(frame.pretcode == RESTORER);
	KT_EXPECT(!(frame.uc.uc_flags & UC_FP_XSTATE));
	KT_EXPECT(frame.uc.uc_link == 0);
	KT_EXPECT(frame.uc.uc_stack.ss_sp == alt.ss_sp &&
		  frame.uc.uc_stack.ss_flags == alt.ss_flags &&
		  frame.uc.uc_stack.ss_size == alt.ss_size);
	KT_EXPECT(frame.uc.uc_sigmask == OLD_MASK);
	KT_EXPECT(sc->oldmask == OLD_MASK);
	KT_EXPECT(sc->r8 == orig.r8 && sc->r9 == orig.r9 && sc->r10 == orig.r10 &&
		  sc->r11 == orig.r11 && sc->r12 == orig.r12 && sc->r13 == orig.r13 &&
		  sc->r14 == orig.r14 && sc->r15 == orig.r15);
	KT_EXPECT(sc->rdi == orig.rdi && sc->rsi == orig.rsi && sc->rbp == orig.rbp &&
		  sc->rbx == orig.rbx && sc->rdx == orig.rdx && sc->rax == orig.rax &&
		  sc->rcx == orig.rcx);
	KT_EXPECT(sc->rsp == orig.rsp && sc->rip == orig.rip && sc->eflags == orig.rflags);
	KT_EXPECT(sc->cs == (GDT_USER_CS | 3) && sc->ss == (GDT_USER_DS | 3));
	KT_EXPECT(memcmp(frame.info, &info, SIGINFO_SIZE) == 0);
	KT_EXPECT(sc->fpstate % 64 == 0);
	KT_EXPECT(sc->fpstate >= tf.rsp + sizeof(frame) && sc->fpstate + ARCH_FPSTATE_SIZE <= sp);
	KT_ASSERT(copy_from_user(fx.b, (void *)sc->fpstate, sizeof(fx)) == 0);
	KT_EXPECT(fx_mxcsr(&fx) == PATTERN_MXCSR && fx_fcw(&fx) == 0x037f);
	KT_EXPECT(xmm_is_pattern(&fx, 0x31));
	for (int i = 0; i < FPX_SW_RESERVED_SIZE; i++)
		KT_EXPECT(fx.b[FPX_SW_RESERVED + i] == 0);

	/*
	 * The handler runs with its own FP state and registers, and the
	 * frame is tampered with: privileged flags, kernel segments.
	 */
	fx_pattern(&fx, 0x77);
	fp_load(&fx);
	run_handler(&tf);
	frame.uc.uc_mcontext.eflags |= RFLAGS_IOPL | RFLAGS_NT;
	frame.uc.uc_mcontext.eflags &= ~(uint64_t)RFLAGS_IF;
	frame.uc.uc_mcontext.cs = GDT_KERNEL_CS;
	frame.uc.uc_mcontext.ss = 0;
	KT_ASSERT(copy_to_user((void *)(tf.rsp - 8), &frame, sizeof(frame)) == 0);

	KT_ASSERT(arch_signal_frame_restore(&tf, &mask) == 0);
	KT_EXPECT(mask == OLD_MASK);
	KT_EXPECT(tf_regs_equal(&tf, &orig));
	fp_read(&fx);
	KT_EXPECT(fx_mxcsr(&fx) == PATTERN_MXCSR && fx_fcw(&fx) == 0x037f);
	KT_EXPECT(xmm_is_pattern(&fx, 0x31));
}

KTEST(x86, signal_frame_round_trips_every_register_the_fp_state_and_the_mask)
{
	struct sig_env e;

	KT_ASSERT(env_enter(&e));
	round_trip(t);
	env_leave(&e);
}

/* The MXCSR bits this CPU accepts, as signal.c must find them. */
static uint32_t mxcsr_mask(void)
{
	struct fx_buf fx;
	uint32_t m;

	memset(&fx, 0, sizeof(fx));
	fp_read(&fx);
	memcpy(&m, fx.b + FPX_MXCSR_MASK, 4);
	return m ? m : 0xffbf;
}

static void sanitise(struct ktest_ctx *t)
{
	struct trapframe tf;
	struct linux_siginfo info;
	struct rt_sigframe frame;
	struct fx_buf fx;
	uint64_t mask;
	uint32_t bad = 0xffffffff;

	/* Reserved MXCSR bits in the frame: cleared, not a #GP in the kernel. */
	tf_pattern(&tf);
	test_info(&info);
	fx_pattern(&fx, 0x42);
	fp_load(&fx);
	KT_ASSERT(arch_signal_frame_setup(&tf, SIGUSR1, &info, &test_act, 0, tf.rsp - 128,
					  NULL) == 0);
	KT_ASSERT(copy_from_user(&frame, (void *)tf.rsp, sizeof(frame)) == 0);
	KT_EXPECT(frame.uc.uc_stack.ss_flags == SS_DISABLE);
	KT_ASSERT(copy_to_user((void *)(frame.uc.uc_mcontext.fpstate + FPX_MXCSR), &bad, 4) == 0);
	run_handler(&tf);
	KT_ASSERT(arch_signal_frame_restore(&tf, &mask) == 0);
	fp_read(&fx);
	KT_EXPECT(fx_mxcsr(&fx) == (bad & mxcsr_mask()));
	KT_EXPECT(xmm_is_pattern(&fx, 0x42));
	KT_EXPECT(mask == 0);

	/* A NULL fpstate pointer gives a clean FP state, as on Linux. */
	tf_pattern(&tf);
	fx_pattern(&fx, 0x43);
	fp_load(&fx);
	KT_ASSERT(arch_signal_frame_setup(&tf, SIGUSR2, &info, &test_act, 5, tf.rsp - 128,
					  NULL) == 0);
	KT_ASSERT(copy_to_user((void *)(tf.rsp + offsetof(struct rt_sigframe, uc.uc_mcontext.fpstate)),
			       &(uint64_t){ 0 }, 8) == 0);
	fx_pattern(&fx, 0x44);
	fp_load(&fx);
	run_handler(&tf);
	KT_ASSERT(arch_signal_frame_restore(&tf, &mask) == 0);
	KT_EXPECT(mask == 5);
	fp_read(&fx);
	KT_EXPECT(fx_mxcsr(&fx) == 0x1f80 && fx_fcw(&fx) == 0x037f && xmm_is_zero(&fx));
}

KTEST(x86, sigreturn_clears_reserved_mxcsr_bits_and_a_null_fpstate_is_clean)
{
	struct sig_env e;

	KT_ASSERT(env_enter(&e));
	sanitise(t);
	env_leave(&e);
}

static void faults(struct ktest_ctx *t)
{
	struct ksigaction no_restorer = test_act;
	struct trapframe tf, orig;
	struct linux_siginfo info;
	struct fx_buf fx;
	uint64_t mask = 123;

	fx_pattern(&fx, 0x55);
	fp_load(&fx);
	tf_pattern(&tf);
	orig = tf;
	test_info(&info);

	/* An unmapped stack. */
	KT_EXPECT(arch_signal_frame_setup(&tf, SIGUSR1, &info, &test_act, 0, UNMAPPED, NULL) ==
		  -EFAULT);
	/* A stack whose bottom page is mapped but too small for the frame. */
	KT_EXPECT(arch_signal_frame_setup(&tf, SIGUSR1, &info, &test_act, 0, STACK_BASE + 256,
					  NULL) == -EFAULT);
	KT_EXPECT(arch_signal_frame_setup(&tf, SIGUSR1, &info, &test_act, 0, STACK_BASE + 700,
					  NULL) == -EFAULT);
	/* Below the bottom of the address space, and in the kernel half. */
	KT_EXPECT(arch_signal_frame_setup(&tf, SIGUSR1, &info, &test_act, 0, 100, NULL) == -EFAULT);
	KT_EXPECT(arch_signal_frame_setup(&tf, SIGUSR1, &info, &test_act, 0,
					  (uintptr_t)&tf, NULL) == -EFAULT);
	/* x86_64 needs SA_RESTORER. */
	no_restorer.flags &= ~(uint64_t)SA_RESTORER;
	KT_EXPECT(arch_signal_frame_setup(&tf, SIGUSR1, &info, &no_restorer, 0, tf.rsp - 128,
					  NULL) == -EFAULT);
	KT_EXPECT(memcmp(&tf, &orig, sizeof(tf)) == 0);
	fp_read(&fx);
	KT_EXPECT(fx_mxcsr(&fx) == PATTERN_MXCSR && xmm_is_pattern(&fx, 0x55));

	/* rt_sigreturn with no frame at rsp, or a bad fpstate pointer. */
	tf.rsp = UNMAPPED + 8;
	orig = tf;
	KT_EXPECT(arch_signal_frame_restore(&tf, &mask) == -EFAULT);
	KT_EXPECT(memcmp(&tf, &orig, sizeof(tf)) == 0 && mask == 123);
	tf_pattern(&tf);
	KT_ASSERT(arch_signal_frame_setup(&tf, SIGUSR1, &info, &test_act, 0, tf.rsp - 128,
					  NULL) == 0);
	KT_ASSERT(copy_to_user((void *)(tf.rsp + offsetof(struct rt_sigframe, uc.uc_mcontext.fpstate)),
			       &(uint64_t){ UNMAPPED }, 8) == 0);
	run_handler(&tf);
	orig = tf;
	KT_EXPECT(arch_signal_frame_restore(&tf, &mask) == -EFAULT);
	KT_EXPECT(memcmp(&tf, &orig, sizeof(tf)) == 0 && mask == 123);
}

KTEST(x86, signal_frame_on_an_unmapped_stack_or_without_restorer_is_efault)
{
	struct sig_env e;

	KT_ASSERT(env_enter(&e));
	faults(t);
	env_leave(&e);
}

/* ---- a real handler in ring 3 ---------------------------------------------- */

/*
 * A program that installs handlers with rt_sigaction (SA_RESTORER, as a
 * libc does), sends itself SIGUSR1 with kill and executes ud2 under a
 * SIGILL handler that steps over it through uc_mcontext.rip. Its data
 * page (UDATA) holds its pid at 0x00, the two struct sigactions at 0x40
 * and 0x60 (filled by the thread), and at 0x100 the failed checks, which
 * it returns as its exit code:
 */
#define UCODE		0x410000ul
#define UDATA		0x411000ul
#define USTACK		0x414000ul	/* two pages of stack below */
#define UD_PID		0x00
#define UD_ACT_USR1	0x40
#define UD_ACT_ILL	0x60
#define UD_VERDICT	0x100
#define BAD_SIGACTION	0x01	/* rt_sigaction failed */
#define BAD_NO_HANDLER	0x02	/* kill returned non-zero, or the handler did not run */
#define BAD_REGS	0x04	/* a register changed over the handler */
#define BAD_FP_KEPT	0x08	/* xmm0 or MXCSR changed over the handler */
#define BAD_HANDLER_ARGS 0x10	/* signo, siginfo, ucontext or stack alignment wrong */
#define BAD_HANDLER_FP	0x20	/* the handler's FP state was not clean */
#define BAD_SIGILL	0x40	/* SIGILL handler not run, wrong trapno, or any register
				 * (rax, rcx and r11 too) changed over it */

__asm__(
	"	.pushsection .rodata\n"
	"	.balign 16\n"
	"sig_prog:\n"
	/* rt_sigaction(SIGUSR1, act, NULL, 8), rt_sigaction(SIGILL, act, NULL, 8) */
	"	mov $13, %eax\n	mov $10, %edi\n	mov $0x411040, %esi\n"
	"	xor %edx, %edx\n	mov $8, %r10d\n	syscall\n"
	"	mov %rax, %rbx\n"
	"	mov $13, %eax\n	mov $4, %edi\n	mov $0x411060, %esi\n"
	"	xor %edx, %edx\n	mov $8, %r10d\n	syscall\n"
	"	or %rax, %rbx\n"
	"	jz 1f\n"
	"	orl $0x01, 0x411100\n"
	/* An FP state of our own: round toward zero, a pattern in xmm0. */
	"1:	movl $0x7f80, -8(%rsp)\n"
	"	ldmxcsr -8(%rsp)\n"
	"	mov $0x1234567890abcdef, %rax\n"
	"	movq %rax, %xmm0\n"
	/* kill(getpid(), SIGUSR1) with a pattern in every register Linux keeps */
	"	call sp_set\n"
	"	mov 0x411000, %rdi\n"
	"	mov $10, %esi\n"
	"	mov $62, %eax\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 2f\n"
	"	cmpl $1, 0x411108\n"
	"	je 3f\n"
	"2:	orl $0x02, 0x411100\n"
	"3:	cmp 0x411000, %rdi\n"
	"	jne 4f\n"
	"	cmp $10, %rsi\n"
	"	jne 4f\n"
	"	call sp_check\n"
	"	jz 5f\n"
	"4:	orl $0x04, 0x411100\n"
	"5:	movq %xmm0, %rax\n"
	"	mov $0x1234567890abcdef, %rcx\n"
	"	cmp %rcx, %rax\n"
	"	jne 6f\n"
	"	stmxcsr -8(%rsp)\n"
	"	cmpl $0x7f80, -8(%rsp)\n"
	"	je 7f\n"
	"6:	orl $0x08, 0x411100\n"
	/* ud2 under the SIGILL handler, which steps over it */
	"7:	call sp_set\n"
	"	mov $0xc0c0c0c0c0c0c0c0, %rax\n	mov $0xc1c1c1c1c1c1c1c1, %rcx\n"
	"	mov $0xc2c2c2c2c2c2c2c2, %rsi\n	mov $0xc3c3c3c3c3c3c3c3, %rdi\n"
	"	mov $0xc4c4c4c4c4c4c4c4, %r11\n"
	"	ud2\n"
	"	mov $0xc1c1c1c1c1c1c1c1, %rbx\n	cmp %rbx, %rcx\n	jne 8f\n"
	"	mov $0xc2c2c2c2c2c2c2c2, %rbx\n	cmp %rbx, %rsi\n	jne 8f\n"
	"	mov $0xc3c3c3c3c3c3c3c3, %rbx\n	cmp %rbx, %rdi\n	jne 8f\n"
	"	mov $0xc4c4c4c4c4c4c4c4, %rbx\n	cmp %rbx, %r11\n	jne 8f\n"
	"	mov $0xc0c0c0c0c0c0c0c0, %rbx\n	cmp %rbx, %rax\n	jne 8f\n"
	"	mov $0xb0b0b0b0b0b0b0b0, %rbx\n"
	"	call sp_check\n"
	"	jnz 8f\n"
	"	cmpl $1, 0x41110c\n"
	"	je 9f\n"
	"8:	orl $0x40, 0x411100\n"
	/* exit_group(verdict) */
	"9:	mov $231, %eax\n"
	"	mov 0x411100, %edi\n"
	"	syscall\n"
	"	ud2\n"

	/* SIGUSR1: check what Linux promises at entry, then clobber everything. */
	"sig_usr1:\n"
	"	cmp $10, %rdi\n"
	"	jne 1f\n"
	"	lea 8(%rsp), %rax\n"
	"	test $15, %al\n"
	"	jnz 1f\n"
	"	cmpl $10, (%rsi)\n"		/* si_signo */
	"	jne 1f\n"
	"	mov 0x411000, %rax\n"
	"	cmp %eax, 16(%rsi)\n"		/* si_pid */
	"	jne 1f\n"
	"	mov $0xb0b0b0b0b0b0b0b0, %rax\n"
	"	cmp %rax, 128(%rdx)\n"		/* uc_mcontext.rbx */
	"	jne 1f\n"
	"	cmpq $0, 296(%rdx)\n"		/* uc_sigmask: nothing was blocked */
	"	je 2f\n"
	"1:	orl $0x10, 0x411100\n"
	"2:	stmxcsr -16(%rsp)\n"
	"	cmpl $0x1f80, -16(%rsp)\n"
	"	jne 3f\n"
	"	movq %xmm0, %rax\n"
	"	test %rax, %rax\n"
	"	jz 4f\n"
	"3:	orl $0x20, 0x411100\n"
	"4:	movl $0x3f80, -16(%rsp)\n"
	"	ldmxcsr -16(%rsp)\n"
	"	mov $-1, %rax\n"
	"	movq %rax, %xmm0\n"
	"	call sp_clobber\n"
	"	movl $1, 0x411108\n"
	"	ret\n"

	/* SIGILL: skip the 2-byte ud2 through uc_mcontext.rip. */
	"sig_ill:\n"
	"	cmp $4, %rdi\n"
	"	jne 1f\n"
	"	cmpq $6, 200(%rdx)\n"		/* uc_mcontext.trapno: #UD */
	"	jne 1f\n"
	"	addq $2, 168(%rdx)\n"		/* uc_mcontext.rip */
	"	movl $1, 0x41110c\n"
	"1:	call sp_clobber\n"
	"	ret\n"

	"sig_restorer:\n"
	"	mov $15, %eax\n"
	"	syscall\n"
	"	ud2\n"

	"sp_set:\n"
	"	mov $0xb0b0b0b0b0b0b0b0, %rbx\n	mov $0xb1b1b1b1b1b1b1b1, %rbp\n"
	"	mov $0xb2b2b2b2b2b2b2b2, %rdx\n	mov $0xb3b3b3b3b3b3b3b3, %r8\n"
	"	mov $0xb4b4b4b4b4b4b4b4, %r9\n	mov $0xb5b5b5b5b5b5b5b5, %r10\n"
	"	mov $0xb6b6b6b6b6b6b6b6, %r12\n	mov $0xb7b7b7b7b7b7b7b7, %r13\n"
	"	mov $0xb8b8b8b8b8b8b8b8, %r14\n	mov $0xb9b9b9b9b9b9b9b9, %r15\n"
	"	ret\n"
	/* ZF set when every pattern is intact; rax, rcx clobbered */
	"sp_check:\n"
	"	mov $0xb0b0b0b0b0b0b0b0, %rax\n	cmp %rax, %rbx\n	jne 1f\n"
	"	mov $0xb1b1b1b1b1b1b1b1, %rax\n	cmp %rax, %rbp\n	jne 1f\n"
	"	mov $0xb2b2b2b2b2b2b2b2, %rax\n	cmp %rax, %rdx\n	jne 1f\n"
	"	mov $0xb3b3b3b3b3b3b3b3, %rax\n	cmp %rax, %r8\n	jne 1f\n"
	"	mov $0xb4b4b4b4b4b4b4b4, %rax\n	cmp %rax, %r9\n	jne 1f\n"
	"	mov $0xb5b5b5b5b5b5b5b5, %rax\n	cmp %rax, %r10\n	jne 1f\n"
	"	mov $0xb6b6b6b6b6b6b6b6, %rax\n	cmp %rax, %r12\n	jne 1f\n"
	"	mov $0xb7b7b7b7b7b7b7b7, %rax\n	cmp %rax, %r13\n	jne 1f\n"
	"	mov $0xb8b8b8b8b8b8b8b8, %rax\n	cmp %rax, %r14\n	jne 1f\n"
	"	mov $0xb9b9b9b9b9b9b9b9, %rax\n	cmp %rax, %r15\n"
	"1:	ret\n"
	"sp_clobber:\n"
	"	mov $0xdead, %ebx\n	mov %rbx, %rbp\n	mov %rbx, %rdx\n	mov %rbx, %rsi\n"
	"	mov %rbx, %rdi\n	mov %rbx, %r8\n	mov %rbx, %r9\n	mov %rbx, %r10\n"
	"	mov %rbx, %r11\n	mov %rbx, %r12\n	mov %rbx, %r13\n	mov %rbx, %r14\n"
	"	mov %rbx, %r15\n	mov %rbx, %rcx\n	mov %rbx, %rax\n"
	"	ret\n"
	"sig_prog_end:\n"
	"	.popsection\n");

extern const char sig_prog[], sig_usr1[], sig_ill[], sig_restorer[], sig_prog_end[];

#define UADDR(sym)	(UCODE + (uintptr_t)((sym) - sig_prog))

static int sig_prog_map(struct mm *mm)
{
	const int anon = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
	uint64_t pid = current->pid;
	uint64_t usr1[4] = { UADDR(sig_usr1), SA_RESTORER | SA_SIGINFO, UADDR(sig_restorer), 0 };
	uint64_t ill[4] = { UADDR(sig_ill), SA_RESTORER | SA_SIGINFO, UADDR(sig_restorer), 0 };

	if (do_mmap(mm, UCODE, PAGE_SIZE, PROT_READ | PROT_WRITE, anon, NULL, 0) < 0 ||
	    do_mmap(mm, UDATA, USTACK - UDATA, PROT_READ | PROT_WRITE, anon, NULL, 0) < 0)
		return -ENOMEM;
	if (mm_write_user(mm, UCODE, sig_prog, sig_prog_end - sig_prog) ||
	    mm_write_user(mm, UDATA + UD_PID, &pid, sizeof(pid)) ||
	    mm_write_user(mm, UDATA + UD_ACT_USR1, usr1, sizeof(usr1)) ||
	    mm_write_user(mm, UDATA + UD_ACT_ILL, ill, sizeof(ill)))
		return -EFAULT;
	return do_mprotect(mm, UCODE, PAGE_SIZE, PROT_READ | PROT_EXEC);
}

static void sig_prog_start(void *arg)
{
	struct mm *mm = mm_create();

	(void)arg;
	current->fpstate = kzalloc(ARCH_FPSTATE_SIZE);
	if (!mm || !current->fpstate || sig_prog_map(mm) < 0) {
		if (mm)
			mm_destroy(mm);
		proc_exit(W_EXITCODE(0xee));
	}
	current->mm = mm;
	mm_switch(mm);
	arch_fp_init(current->fpstate);
	arch_fp_restore(current->fpstate);
	arch_user_regs_init(current->tf, UCODE, USTACK);
	arch_enter_user(current->tf);
}

KTEST(x86, ring3_handlers_run_with_linux_s_frame_and_sigreturn_restores_all)
{
	int pid = kthread_create(sig_prog_start, NULL, "x86-signal"), status = -1;

	KT_ASSERT(pid > 0);
	KT_ASSERT(proc_wait(pid, &status, 0) == pid);
	if (status != W_EXITCODE(0))
		pr_err("# x86 signal program pid %d: status %#x (BAD_* bits in the exit code)\n",
		       pid, status);
	KT_EXPECT(status == W_EXITCODE(0));
}
