/*
 * arch/riscv/switch_test.c - in-kernel tests of the riscv64 task and user
 * contract that need no process: switching between two kernel stacks, the
 * FP image, and a program's first registers. Run with ktest=riscv.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "mm/page.h"
#include "cpu.h"

/* ---- arch_switch() between two stacks ------------------------------------ */

#define PINGPONG_ROUNDS 100
#define STACK_ORDER 1		/* two pages each */

/* Shared by the test and its two contexts; volatile: they run in turns. */
static struct pingpong {
	struct arch_context main, a, b;
	uintptr_t stack_lo[2], stack_hi[2];
	volatile int turn;		/* who wrote last: 'a' or 'b' */
	volatile int value;		/* a adds 1, b doubles */
	volatile int rounds;
	volatile bool irqs_on[2];	/* interrupts on at the first instruction */
	volatile bool on_own_stack[2];
	volatile bool chain_ends[2];	/* the caller's frame pointer is 0 */
	volatile bool in_turn;		/* every switch found the other's value */
} pp;

/* on_stack() says whether the local of the caller lies in context @i's stack. */
static bool on_stack(int i, const void *local)
{
	uintptr_t p = (uintptr_t)local;

	return p >= pp.stack_lo[i] && p < pp.stack_hi[i];
}

/*
 * first_entry_checks() looks at context @i from its function, whose frame
 * pointer is @fp: the caller's fp in that frame record (at fp - 16) comes
 * from s0 = 0 in riscv_task_start.
 */
static void first_entry_checks(int i, uintptr_t fp)
{
	int local;

	pp.irqs_on[i] = arch_irq_enabled();
	pp.on_own_stack[i] = on_stack(i, &local);
	pp.chain_ends[i] = ((const uintptr_t *)fp)[-2] == 0;
}

static void context_a(void *arg)
{
	struct pingpong *p = arg;

	first_entry_checks(0, arch_frame_pointer());
	while (p->rounds < PINGPONG_ROUNDS) {
		if (p->turn != 'b' && p->rounds > 0)
			p->in_turn = false;
		p->value += 1;
		p->turn = 'a';
		arch_switch(&p->a, &p->b);
	}
	arch_switch(&p->a, &p->main);
	panic("switch_test: context a resumed after the test");
}

static void context_b(void *arg)
{
	struct pingpong *p = arg;

	first_entry_checks(1, arch_frame_pointer());
	for (;;) {
		if (p->turn != 'a')
			p->in_turn = false;
		p->value *= 2;
		p->turn = 'b';
		p->rounds++;
		arch_switch(&p->b, &p->a);
	}
}

KTEST(riscv, two_contexts_switch_back_and_forth)
{
	struct page *stacks[2];
	unsigned long flags;
	int expect = 0;

	stacks[0] = page_alloc(STACK_ORDER);
	stacks[1] = page_alloc(STACK_ORDER);
	KT_ASSERT(stacks[0] && stacks[1]);
	pp = (struct pingpong){ .in_turn = true };
	for (int i = 0; i < 2; i++) {
		pp.stack_lo[i] = (uintptr_t)page_address(stacks[i]);
		pp.stack_hi[i] = pp.stack_lo[i] + (PAGE_SIZE << STACK_ORDER);
	}
	arch_context_init(&pp.a, pp.stack_hi[0], context_a, &pp);
	arch_context_init(&pp.b, pp.stack_hi[1], context_b, &pp);

	flags = arch_irq_save();
	arch_switch(&pp.main, &pp.a);
	arch_irq_restore(flags);

	for (int i = 0; i < PINGPONG_ROUNDS; i++)
		expect = (expect + 1) * 2;
	KT_EXPECT(pp.rounds == PINGPONG_ROUNDS);
	KT_EXPECT(pp.value == expect);
	KT_EXPECT(pp.in_turn);
	for (int i = 0; i < 2; i++) {
		KT_EXPECT(pp.irqs_on[i]);
		KT_EXPECT(pp.on_own_stack[i]);
		KT_EXPECT(pp.chain_ends[i]);
	}
	page_free(stacks[0], STACK_ORDER);
	page_free(stacks[1], STACK_ORDER);
}

/* ---- the FP image ----------------------------------------------------------- */

#define FP_WORDS (ARCH_FPSTATE_SIZE / 8)

/*
 * fp_fill() loads f<n> with the bit pattern @seed + n and fcsr with @fcsr,
 * turning FP on for the loads only, as arch_fp_restore() does.
 */
static void fp_fill(uint64_t seed, uint64_t fcsr)
{
	__asm__ volatile(
		".option push\n"
		".option arch, +d\n"
		"	li	t0, %[fs]\n"
		"	csrs	sstatus, t0\n"
		"	mv	t1, %[seed]\n"
		"	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, "
		"16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31\n"
		"	fmv.d.x	f\\n, t1\n"
		"	addi	t1, t1, 1\n"
		"	.endr\n"
		"	fscsr	%[fcsr]\n"
		"	li	t0, %[fsmask]\n"
		"	csrc	sstatus, t0\n"
		".option pop\n"
		:
		: [seed] "r"(seed), [fcsr] "r"(fcsr),
		  [fs] "i"(SSTATUS_FS_INITIAL), [fsmask] "i"(SSTATUS_FS)
		: "t0", "t1", "memory");
}

static bool fp_is_off(void)
{
	return (csr_read(sstatus) & SSTATUS_FS) == 0;
}

KTEST(riscv, fp_state_survives_save_clobber_restore)
{
	static uint64_t saved[FP_WORDS], a[FP_WORDS], b[FP_WORDS];
	const uint64_t seed = 0x400921fb54442d18ULL;	/* pi, as a double */
	const uint64_t fcsr = (1 << 5) | 0x01;		/* round to zero; NX set */
	bool match = true;

	arch_fp_save(saved);		/* whatever the registers held */
	fp_fill(seed, fcsr);
	arch_fp_save(a);
	KT_EXPECT(fp_is_off());
	for (int i = 0; i < 32; i++)
		if (a[i] != seed + i)
			match = false;
	KT_EXPECT(match);
	KT_EXPECT(a[32] == fcsr);

	fp_fill(~seed, 0);		/* clobber */
	arch_fp_restore(a);
	KT_EXPECT(fp_is_off());
	arch_fp_save(b);
	KT_EXPECT(memcmp(a, b, sizeof(a)) == 0);
	arch_fp_restore(saved);
}

KTEST(riscv, fp_init_gives_zero_registers_and_default_fcsr)
{
	static uint64_t img[FP_WORDS], back[FP_WORDS];
	bool zero = true;

	memset(img, 0xa5, sizeof(img));
	arch_fp_init(img);
	fp_fill(0x1234, 0x7f);
	arch_fp_restore(img);
	arch_fp_save(back);
	for (int i = 0; i < FP_WORDS; i++)
		if (img[i] || back[i])
			zero = false;
	KT_EXPECT(zero);
	KT_EXPECT(fp_is_off());
}

/* ---- a program's first registers, system-call registers --------------------- */

KTEST(riscv, first_user_registers_are_zero_but_sp_and_pc)
{
	struct trapframe tf;
	const uint64_t *x = &tf.ra;
	bool zero = true;

	memset(&tf, 0xa5, sizeof(tf));
	arch_user_regs_init(&tf, USER_BASE, USER_TOP - 16);
	for (int n = 1; n <= 31; n++)
		if (n != 2 && x[n - 1] != 0)
			zero = false;
	KT_EXPECT(zero);
	KT_EXPECT(tf.sp == USER_TOP - 16);
	KT_EXPECT(tf.epc == USER_BASE);
	KT_EXPECT(arch_trapframe_is_user(&tf));
	KT_EXPECT(!(tf.status & SSTATUS_SPP));
	KT_EXPECT(tf.status & SSTATUS_SPIE);
	KT_EXPECT(!(tf.status & SSTATUS_SIE));
	KT_EXPECT(!(tf.status & SSTATUS_SUM));
	KT_EXPECT((tf.status & SSTATUS_FS) == SSTATUS_FS_INITIAL);
	KT_EXPECT((tf.status & SSTATUS_UXL) == (2UL << 32));
}

KTEST(riscv, syscall_number_in_a7_arguments_in_a0_to_a5)
{
	struct trapframe tf = { .a7 = 172, .a0 = 1, .a1 = 2, .a2 = 3, .a3 = 4,
				.a4 = 5, .a5 = 6, .a6 = 7 };

	KT_EXPECT(arch_syscall_nr(&tf) == 172);
	for (int n = 0; n < 6; n++)
		KT_EXPECT(arch_syscall_arg(&tf, n) == (unsigned long)n + 1);
	arch_syscall_set_return(&tf, -38);
	KT_EXPECT(tf.a0 == (uint64_t)-38);
	KT_EXPECT(tf.a1 == 2);
}

KTEST(riscv, kernel_trapframes_are_not_user)
{
	struct trapframe tf;

	arch_capture_regs(&tf);
	KT_EXPECT(!arch_trapframe_is_user(&tf));
}
