/*
 * arch/x86_64/switch_test.c - in-kernel tests of the x86_64 task and
 * user-state machinery that need no process: arch_switch() between
 * contexts on their own stacks, the FS base that rides along, the FP/SSE
 * save area, and the CPU state usermode_init() sets (syscall MSRs, GS,
 * control bits). Run with ktest=x86; usermode_test.c runs real ring-3
 * code.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "mm/page.h"
#include "cpu.h"

#define STACK_ORDER	1
#define TEST_FS_BASE	0x00007f0012345000ul

/* ---- arch_switch ------------------------------------------------------ */

/* What a context saw when it first ran. */
struct first_run {
	void *arg;
	bool irq_on;
	uintptr_t sp;
	uintptr_t caller_fp;	/* the saved rbp in its first frame: 0 */
	uintptr_t ret;		/* that frame's return address */
	uint64_t fs_base;
};

static struct arch_context ctx_test, ctx_ping, ctx_pong;
static volatile unsigned long shared;
static struct first_run ping_run, pong_run;

/* @frame is the task function's own frame pointer. */
static void record_first_run(struct first_run *r, void *arg, const uintptr_t *frame)
{
	r->arg = arg;
	r->irq_on = arch_irq_enabled();
	r->sp = (uintptr_t)frame;
	r->caller_fp = frame[0];
	r->ret = frame[1];
	r->fs_base = rdmsr(MSR_FS_BASE);
}

/* ping and pong append their digit to shared and hand over to each other. */
static void ping(void *arg)
{
	record_first_run(&ping_run, arg, __builtin_frame_address(0));
	for (;;) {
		shared = shared * 10 + 1;
		arch_switch(&ctx_ping, &ctx_pong);
	}
}

static void pong(void *arg)
{
	record_first_run(&pong_run, arg, __builtin_frame_address(0));
	for (unsigned round = 0;; round++) {
		shared = shared * 10 + 2;
		arch_switch(&ctx_pong, round == 2 ? &ctx_test : &ctx_ping);
	}
}

static bool in_stack(uintptr_t sp, struct page *stack)
{
	uintptr_t base = (uintptr_t)page_address(stack);

	return sp > base && sp < base + (PAGE_SIZE << STACK_ORDER);
}

KTEST(x86, switch_runs_two_contexts_in_turn_on_their_own_stacks)
{
	struct page *s1 = page_alloc(STACK_ORDER), *s2 = page_alloc(STACK_ORDER);
	uintptr_t off;
	uint64_t fs_before = rdmsr(MSR_FS_BASE);
	const char *sym;

	KT_ASSERT(s1 && s2);
	shared = 0;
	arch_context_init(&ctx_ping, (uintptr_t)page_address(s1) + (PAGE_SIZE << STACK_ORDER),
			  ping, &ping_run);
	arch_context_init(&ctx_pong, (uintptr_t)page_address(s2) + (PAGE_SIZE << STACK_ORDER),
			  pong, &pong_run);
	ctx_pong.fs_base = TEST_FS_BASE;

	arch_switch(&ctx_test, &ctx_ping);

	/* ping, pong, ping, pong, ping, pong, and back here. */
	KT_EXPECT(shared == 121212);
	KT_EXPECT(ping_run.arg == &ping_run && pong_run.arg == &pong_run);
	KT_EXPECT(in_stack(ping_run.sp, s1) && in_stack(pong_run.sp, s2));
	KT_EXPECT(ping_run.irq_on && pong_run.irq_on);

	/* The first frame ends the chain and returns into the trampoline. */
	KT_EXPECT(ping_run.caller_fp == 0 && pong_run.caller_fp == 0);
	sym = ksym_lookup(ping_run.ret, &off);
	KT_EXPECT(sym && strcmp(sym, "task_trampoline") == 0);

	/* The FS base followed each context, and ours came back. */
	KT_EXPECT(ping_run.fs_base == fs_before);
	KT_EXPECT(pong_run.fs_base == TEST_FS_BASE);
	KT_EXPECT(ctx_pong.fs_base == TEST_FS_BASE);
	KT_EXPECT(rdmsr(MSR_FS_BASE) == fs_before);

	page_free(s1, STACK_ORDER);
	page_free(s2, STACK_ORDER);
}

KTEST(x86, context_init_copies_the_running_fs_base)
{
	struct arch_context ctx;
	uint64_t saved = rdmsr(MSR_FS_BASE);

	wrmsr(MSR_FS_BASE, TEST_FS_BASE);
	arch_context_init(&ctx, 0x1000, ping, NULL);
	wrmsr(MSR_FS_BASE, saved);
	KT_EXPECT(ctx.fs_base == TEST_FS_BASE);
	KT_EXPECT(ctx.rbp == 0 && ctx.rsp == 0x1000);
}

/* ---- FP and SSE state ---------------------------------------------------- */

#define FX_FCW		0
#define FX_MXCSR	24
#define FX_ST0		32	/* 8 x 16 bytes */
#define FX_XMM0		160	/* 16 x 16 bytes */
#define FX_XMM1		(FX_XMM0 + 16)

static uint8_t fx_a[ARCH_FPSTATE_SIZE] __aligned(ARCH_FPSTATE_ALIGN);
static uint8_t fx_b[ARCH_FPSTATE_SIZE] __aligned(ARCH_FPSTATE_ALIGN);

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

KTEST(x86, fp_init_gives_the_default_control_words_and_nothing_else)
{
	memset(fx_a, 0xa5, sizeof(fx_a));
	arch_fp_init(fx_a);
	KT_EXPECT(*(uint16_t *)(fx_a + FX_FCW) == 0x037f);
	KT_EXPECT(*(uint32_t *)(fx_a + FX_MXCSR) == 0x1f80);
	KT_EXPECT(all_zero(fx_a + 2, FX_MXCSR - 2));
	KT_EXPECT(all_zero(fx_a + FX_MXCSR + 4, sizeof(fx_a) - FX_MXCSR - 4));
}

/*
 * Loads an image with chosen control words and xmm0, then changes xmm1 in
 * the registers themselves: the saved image must show both, so restore
 * really loads and save really reads the live registers. The kernel never
 * touches these registers (-mgeneral-regs-only); the asm names them.
 */
KTEST(x86, fp_restore_then_save_round_trips_the_registers)
{
	static const uint8_t pattern[16] __aligned(16) = {
		0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
	};
	uint32_t mxcsr = 0;

	arch_fp_init(fx_a);
	*(uint16_t *)(fx_a + FX_FCW) = 0x027f;		/* 53-bit precision */
	*(uint32_t *)(fx_a + FX_MXCSR) = 0x7f80;	/* round toward zero */
	for (unsigned i = 0; i < 16; i++)
		fx_a[FX_XMM0 + i] = 0x40 + i;
	arch_fp_restore(fx_a);
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	__asm__ volatile("movdqa %0, %%xmm1" : : "m"(pattern));
	memset(fx_b, 0, sizeof(fx_b));
	arch_fp_save(fx_b);

	KT_EXPECT(mxcsr == 0x7f80);
	KT_EXPECT(*(uint16_t *)(fx_b + FX_FCW) == 0x027f);
	KT_EXPECT(*(uint32_t *)(fx_b + FX_MXCSR) == 0x7f80);
	KT_EXPECT(memcmp(fx_b + FX_XMM0, fx_a + FX_XMM0, 16) == 0);
	KT_EXPECT(memcmp(fx_b + FX_XMM1, pattern, 16) == 0);
	KT_EXPECT(all_zero(fx_b + FX_XMM1 + 16, 14 * 16));

	/* Leave a clean state behind. */
	arch_fp_init(fx_a);
	arch_fp_restore(fx_a);
}

/* ---- what usermode_init() set up ---------------------------------------- */

KTEST(x86, syscall_msrs_fp_bits_and_kernel_gs_are_set_up)
{
	uint64_t fmask = rdmsr(MSR_FMASK), star = rdmsr(MSR_STAR);
	struct x86_percpu *self;

	KT_EXPECT(rdmsr(MSR_EFER) & EFER_SCE);
	KT_EXPECT(rdmsr(MSR_LSTAR) == (uintptr_t)syscall_entry);
	KT_EXPECT(((star >> 32) & 0xffff) == GDT_KERNEL_CS);
	/* sysretq: cs = base + 16, ss = base + 8, RPL 3 */
	KT_EXPECT((((star >> 48) + 16) | 3) == (GDT_USER_CS | 3));
	KT_EXPECT((((star >> 48) + 8) | 3) == (GDT_USER_DS | 3));
	KT_EXPECT((fmask & (RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC)) ==
		  (RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC));

	KT_EXPECT(read_cr4() & CR4_OSFXSR);
	KT_EXPECT(read_cr4() & CR4_OSXMMEXCPT);
	KT_EXPECT(read_cr0() & CR0_MP);
	KT_EXPECT(!(read_cr0() & (CR0_EM | CR0_TS)));

	/* In the kernel, GS is the per-CPU area. */
	__asm__ volatile("movq %%gs:%c1, %0" : "=r"(self) : "i"(PCPU_SELF));
	KT_EXPECT(self == &x86_percpu);
	KT_EXPECT(rdmsr(MSR_GS_BASE) == (uintptr_t)&x86_percpu);
}

/* The TSS as the CPU finds it: through the task register and the GDT. */
static uint64_t tss_rsp0(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __packed gdtr;
	uint16_t tr;
	const uint64_t *gdt;
	uint64_t base;

	__asm__ volatile("sgdt %0" : "=m"(gdtr));
	__asm__ volatile("str %0" : "=r"(tr));
	gdt = (const uint64_t *)gdtr.base;
	base = ((gdt[tr / 8] >> 16) & 0xffffff) | ((gdt[tr / 8] >> 56) & 0xff) << 24 |
	       gdt[tr / 8 + 1] << 32;
	return *(const uint64_t *)(base + 4);
}

KTEST(x86, set_kernel_stack_sets_tss_rsp0_and_the_syscall_stack)
{
	uint64_t old = x86_percpu.kernel_rsp;

	arch_set_kernel_stack(0xffff800000123000ul);
	KT_EXPECT(tss_rsp0() == 0xffff800000123000ul);
	KT_EXPECT(x86_percpu.kernel_rsp == 0xffff800000123000ul);
	arch_set_kernel_stack(old);
	KT_EXPECT(tss_rsp0() == old);
}

KTEST(x86, user_regs_init_zeroes_all_but_pc_and_sp)
{
	struct trapframe tf;

	memset(&tf, 0xa5, sizeof(tf));
	arch_user_regs_init(&tf, 0x401000, 0x7ffffff000);
	KT_EXPECT(tf.rip == 0x401000 && tf.rsp == 0x7ffffff000);
	KT_EXPECT(tf.cs == (GDT_USER_CS | 3) && tf.ss == (GDT_USER_DS | 3));
	KT_EXPECT(tf.rflags == (RFLAGS_IF | RFLAGS_FIXED));
	KT_EXPECT(arch_trapframe_is_user(&tf));
	KT_EXPECT(all_zero((const uint8_t *)&tf, offsetof(struct trapframe, vector)));
	KT_EXPECT(rdmsr(MSR_FS_BASE) == 0);
}

KTEST(x86, syscall_registers_are_linux_s)
{
	struct trapframe tf = {
		.rax = 39, .error = 39, .rdi = 1, .rsi = 2, .rdx = 3, .r10 = 4, .r8 = 5, .r9 = 6,
		.rcx = 99,
	};

	KT_EXPECT(arch_syscall_nr(&tf) == 39);
	for (int i = 0; i < 6; i++)
		KT_EXPECT(arch_syscall_arg(&tf, i) == (unsigned long)i + 1);
	arch_syscall_set_return(&tf, -38);
	KT_EXPECT((long)tf.rax == -38);
	KT_EXPECT(arch_syscall_nr(&tf) == 39);	/* the number survives the result */
}
