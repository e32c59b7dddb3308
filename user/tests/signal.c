/*
 * user/tests/signal.c - test-signal: handlers and their return through
 * rt_sigreturn, faults as signals, and masks and pending signals. Kill,
 * the default actions, SIGCHLD, SIGPIPE, timers, SA_RESETHAND, the
 * alternate stack, stop and continue are in sigproc.c (test-sigproc).
 *
 * Everything goes through the newlib glue (user/lib/glue_signal.c), which
 * translates newlib's signal numbers to Linux's and back, so the cases
 * also check that a handler sees newlib's numbers. Each case runs in a
 * process of its own (utest.h): handlers and masks a case sets die with
 * it. Children report through their exit status.
 */
#include "sigtest.h"

/* ---- the handler's return ---------------------------------------------------- */

/*
 * regs_across_kill(pid, linux_sig, out) loads every general register it
 * may (but the stack pointer and those the kernel returns in) and the
 * low halves of the FP/vector registers with known patterns, sends itself
 * @linux_sig with a raw kill system call, and stores what the registers
 * hold afterwards in @out. The handler runs on the way back from the
 * call; rt_sigreturn must put every register back.
 */
#define NR_REGS_OUT 64
void regs_across_kill(long pid, long linux_sig, uint64_t *out);
extern const uint64_t reg_pattern[NR_REGS_OUT];
const uint64_t reg_pattern[NR_REGS_OUT] = {
	0x0123456789abcdefull, 0xfedcba9876543210ull, 0x1111111111111111ull,
	0x2222222222222222ull, 0x3333333333333333ull, 0x4444444444444444ull,
	0x5555555555555555ull, 0x6666666666666666ull, 0x7777777777777777ull,
	0x8888888888888888ull, 0x9999999999999999ull, 0xaaaaaaaaaaaaaaaaull,
	0xbbbbbbbbbbbbbbbbull, 0xccccccccccccccccull, 0xddddddddddddddddull,
	0xeeeeeeeeeeeeeeeeull, 0x3ff0000000000000ull, 0x4000000000000000ull,
	0x4008000000000000ull, 0x4010000000000000ull, 0x4014000000000000ull,
	0x4018000000000000ull, 0x401c000000000000ull, 0x4020000000000000ull,
	0x4022000000000000ull, 0x4024000000000000ull, 0x4026000000000000ull,
	0x4028000000000000ull, 0x402a000000000000ull, 0x402c000000000000ull,
	0x402e000000000000ull, 0x4030000000000000ull, 0xc031000000000000ull,
	0xc032000000000000ull, 0xc033000000000000ull, 0xc034000000000000ull,
	0xc035000000000000ull, 0xc036000000000000ull, 0xc037000000000000ull,
	0xc038000000000000ull, 0xc039000000000000ull, 0xc03a000000000000ull,
	0xc03b000000000000ull, 0xc03c000000000000ull, 0xc03d000000000000ull,
	0xc03e000000000000ull, 0xc03f000000000000ull, 0xc040000000000000ull,
	0x0102030405060708ull, 0x1020304050607080ull, 0x0a0b0c0d0e0f0102ull,
	0x1a1b1c1d1e1f1213ull, 0x2a2b2c2d2e2f2223ull, 0x3a3b3c3d3e3f3233ull,
	0x4a4b4c4d4e4f4243ull, 0x5a5b5c5d5e5f5253ull, 0x6a6b6c6d6e6f6263ull,
	0x7a7b7c7d7e7f7273ull, 0x0badc0ffee0ddf00ull, 0x00c0ffee00c0ffeeull,
	0x5ca1ab1e5ca1ab1eull, 0xdeadbeefdeadbeefull, 0x0ddba11c0ddba11cull,
	0xfeedfacefeedfaceull,
};

#if defined(__x86_64__)
/* Checked: rbx, rbp, r12-r15, rdx, r8-r10 (out[0..9]: patterns 0-9),
 * rdi and rsi (pid and signal, out[11..12]), xmm0-xmm15 (out[16..31]:
 * patterns 16-31). rax, rcx and r11 belong to the syscall instruction. */
#define REGS_GPR_CHECKED 10
#define REGS_FP_FIRST 16
#define REGS_FP_COUNT 16
__asm__(
	"	.text\n"
	"	.globl	regs_across_kill\n"
	"	.type	regs_across_kill, @function\n"
	"regs_across_kill:\n"
	"	push	%rbx\n	push	%rbp\n	push	%r12\n"
	"	push	%r13\n	push	%r14\n	push	%r15\n"
	"	push	%rdx\n"			/* out */
	"	lea	reg_pattern(%rip), %rax\n"
	"	mov	0(%rax), %rbx\n	mov	8(%rax), %rbp\n"
	"	mov	16(%rax), %r12\n	mov	24(%rax), %r13\n"
	"	mov	32(%rax), %r14\n	mov	40(%rax), %r15\n"
	"	mov	48(%rax), %rdx\n	mov	56(%rax), %r8\n"
	"	mov	64(%rax), %r9\n	mov	72(%rax), %r10\n"
	"	movq	128(%rax), %xmm0\n	movq	136(%rax), %xmm1\n"
	"	movq	144(%rax), %xmm2\n	movq	152(%rax), %xmm3\n"
	"	movq	160(%rax), %xmm4\n	movq	168(%rax), %xmm5\n"
	"	movq	176(%rax), %xmm6\n	movq	184(%rax), %xmm7\n"
	"	movq	192(%rax), %xmm8\n	movq	200(%rax), %xmm9\n"
	"	movq	208(%rax), %xmm10\n	movq	216(%rax), %xmm11\n"
	"	movq	224(%rax), %xmm12\n	movq	232(%rax), %xmm13\n"
	"	movq	240(%rax), %xmm14\n	movq	248(%rax), %xmm15\n"
	"	mov	$62, %eax\n"		/* kill(rdi, rsi) */
	"	syscall\n"
	"	mov	(%rsp), %rax\n"
	"	mov	%rbx, 0(%rax)\n	mov	%rbp, 8(%rax)\n"
	"	mov	%r12, 16(%rax)\n	mov	%r13, 24(%rax)\n"
	"	mov	%r14, 32(%rax)\n	mov	%r15, 40(%rax)\n"
	"	mov	%rdx, 48(%rax)\n	mov	%r8, 56(%rax)\n"
	"	mov	%r9, 64(%rax)\n	mov	%r10, 72(%rax)\n"
	"	mov	%rdi, 88(%rax)\n	mov	%rsi, 96(%rax)\n"
	"	movq	%xmm0, 128(%rax)\n	movq	%xmm1, 136(%rax)\n"
	"	movq	%xmm2, 144(%rax)\n	movq	%xmm3, 152(%rax)\n"
	"	movq	%xmm4, 160(%rax)\n	movq	%xmm5, 168(%rax)\n"
	"	movq	%xmm6, 176(%rax)\n	movq	%xmm7, 184(%rax)\n"
	"	movq	%xmm8, 192(%rax)\n	movq	%xmm9, 200(%rax)\n"
	"	movq	%xmm10, 208(%rax)\n	movq	%xmm11, 216(%rax)\n"
	"	movq	%xmm12, 224(%rax)\n	movq	%xmm13, 232(%rax)\n"
	"	movq	%xmm14, 240(%rax)\n	movq	%xmm15, 248(%rax)\n"
	"	pop	%rdx\n"
	"	pop	%r15\n	pop	%r14\n	pop	%r13\n"
	"	pop	%r12\n	pop	%rbp\n	pop	%rbx\n"
	"	ret\n"
	"	.size	regs_across_kill, . - regs_across_kill\n");

/* The handler's own damage: every vector register a caller may lose. */
static void clobber_caller_saved(void)
{
	__asm__ volatile("pcmpeqd %%xmm0, %%xmm0\n\tpcmpeqd %%xmm1, %%xmm1\n\t"
			 "pcmpeqd %%xmm2, %%xmm2\n\tpcmpeqd %%xmm3, %%xmm3\n\t"
			 "pcmpeqd %%xmm4, %%xmm4\n\tpcmpeqd %%xmm5, %%xmm5\n\t"
			 "pcmpeqd %%xmm6, %%xmm6\n\tpcmpeqd %%xmm7, %%xmm7\n\t"
			 "pcmpeqd %%xmm8, %%xmm8\n\tpcmpeqd %%xmm9, %%xmm9\n\t"
			 "pcmpeqd %%xmm10, %%xmm10\n\tpcmpeqd %%xmm11, %%xmm11\n\t"
			 "pcmpeqd %%xmm12, %%xmm12\n\tpcmpeqd %%xmm13, %%xmm13\n\t"
			 "pcmpeqd %%xmm14, %%xmm14\n\tpcmpeqd %%xmm15, %%xmm15\n\t"
			 "xor %%edx, %%edx\n\txor %%r8d, %%r8d\n\txor %%r9d, %%r9d\n\t"
			 "xor %%r10d, %%r10d\n\txor %%edi, %%edi\n\txor %%esi, %%esi"
			 ::: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
			 "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
			 "rdx", "r8", "r9", "r10", "rdi", "rsi", "memory");
}
#define LINUX_SIGUSR1 10
#elif defined(__riscv)
/* Checked: s0-s11, t0-t6 and a2-a6 (out[0..23]:
 * patterns 0-23), a0 and a1 (the result 0 and the signal, out[24..25]),
 * f0-f31 (out[32..63]: patterns 32-63). a7 holds the call number. */
#define REGS_GPR_CHECKED 24
#define REGS_FP_FIRST 32
#define REGS_FP_COUNT 32
__asm__(
	"	.text\n"
	"	.globl	regs_across_kill\n"
	"	.type	regs_across_kill, @function\n"
	"regs_across_kill:\n"
	"	addi	sp, sp, -208\n"
	"	sd	s0, 0(sp)\n	sd	s1, 8(sp)\n	sd	s2, 16(sp)\n"
	"	sd	s3, 24(sp)\n	sd	s4, 32(sp)\n	sd	s5, 40(sp)\n"
	"	sd	s6, 48(sp)\n	sd	s7, 56(sp)\n	sd	s8, 64(sp)\n"
	"	sd	s9, 72(sp)\n	sd	s10, 80(sp)\n	sd	s11, 88(sp)\n"
	"	fsd	fs0, 96(sp)\n	fsd	fs1, 104(sp)\n	fsd	fs2, 112(sp)\n"
	"	fsd	fs3, 120(sp)\n	fsd	fs4, 128(sp)\n	fsd	fs5, 136(sp)\n"
	"	fsd	fs6, 144(sp)\n	fsd	fs7, 152(sp)\n	fsd	fs8, 160(sp)\n"
	"	fsd	fs9, 168(sp)\n	fsd	fs10, 176(sp)\n	fsd	fs11, 184(sp)\n"
	"	sd	a2, 192(sp)\n"		/* out */
	"	lla	a7, reg_pattern\n"
	"	ld	s0, 0(a7)\n	ld	s1, 8(a7)\n	ld	s2, 16(a7)\n"
	"	ld	s3, 24(a7)\n	ld	s4, 32(a7)\n	ld	s5, 40(a7)\n"
	"	ld	s6, 48(a7)\n	ld	s7, 56(a7)\n	ld	s8, 64(a7)\n"
	"	ld	s9, 72(a7)\n	ld	s10, 80(a7)\n	ld	s11, 88(a7)\n"
	"	ld	t0, 96(a7)\n	ld	t1, 104(a7)\n	ld	t2, 112(a7)\n"
	"	ld	t3, 120(a7)\n	ld	t4, 128(a7)\n	ld	t5, 136(a7)\n"
	"	ld	t6, 144(a7)\n	ld	a2, 152(a7)\n	ld	a3, 160(a7)\n"
	"	ld	a4, 168(a7)\n	ld	a5, 176(a7)\n	ld	a6, 184(a7)\n"
	"	fld	f0, 256(a7)\n	fld	f1, 264(a7)\n	fld	f2, 272(a7)\n"
	"	fld	f3, 280(a7)\n	fld	f4, 288(a7)\n	fld	f5, 296(a7)\n"
	"	fld	f6, 304(a7)\n	fld	f7, 312(a7)\n	fld	f8, 320(a7)\n"
	"	fld	f9, 328(a7)\n	fld	f10, 336(a7)\n	fld	f11, 344(a7)\n"
	"	fld	f12, 352(a7)\n	fld	f13, 360(a7)\n	fld	f14, 368(a7)\n"
	"	fld	f15, 376(a7)\n	fld	f16, 384(a7)\n	fld	f17, 392(a7)\n"
	"	fld	f18, 400(a7)\n	fld	f19, 408(a7)\n	fld	f20, 416(a7)\n"
	"	fld	f21, 424(a7)\n	fld	f22, 432(a7)\n	fld	f23, 440(a7)\n"
	"	fld	f24, 448(a7)\n	fld	f25, 456(a7)\n	fld	f26, 464(a7)\n"
	"	fld	f27, 472(a7)\n	fld	f28, 480(a7)\n	fld	f29, 488(a7)\n"
	"	fld	f30, 496(a7)\n	fld	f31, 504(a7)\n"
	"	li	a7, 129\n"		/* kill(a0, a1) */
	"	ecall\n"
	"	ld	a7, 192(sp)\n"
	"	sd	s0, 0(a7)\n	sd	s1, 8(a7)\n	sd	s2, 16(a7)\n"
	"	sd	s3, 24(a7)\n	sd	s4, 32(a7)\n	sd	s5, 40(a7)\n"
	"	sd	s6, 48(a7)\n	sd	s7, 56(a7)\n	sd	s8, 64(a7)\n"
	"	sd	s9, 72(a7)\n	sd	s10, 80(a7)\n	sd	s11, 88(a7)\n"
	"	sd	t0, 96(a7)\n	sd	t1, 104(a7)\n	sd	t2, 112(a7)\n"
	"	sd	t3, 120(a7)\n	sd	t4, 128(a7)\n	sd	t5, 136(a7)\n"
	"	sd	t6, 144(a7)\n	sd	a2, 152(a7)\n	sd	a3, 160(a7)\n"
	"	sd	a4, 168(a7)\n	sd	a5, 176(a7)\n	sd	a6, 184(a7)\n"
	"	sd	a0, 192(a7)\n	sd	a1, 200(a7)\n"
	"	fsd	f0, 256(a7)\n	fsd	f1, 264(a7)\n	fsd	f2, 272(a7)\n"
	"	fsd	f3, 280(a7)\n	fsd	f4, 288(a7)\n	fsd	f5, 296(a7)\n"
	"	fsd	f6, 304(a7)\n	fsd	f7, 312(a7)\n	fsd	f8, 320(a7)\n"
	"	fsd	f9, 328(a7)\n	fsd	f10, 336(a7)\n	fsd	f11, 344(a7)\n"
	"	fsd	f12, 352(a7)\n	fsd	f13, 360(a7)\n	fsd	f14, 368(a7)\n"
	"	fsd	f15, 376(a7)\n	fsd	f16, 384(a7)\n	fsd	f17, 392(a7)\n"
	"	fsd	f18, 400(a7)\n	fsd	f19, 408(a7)\n	fsd	f20, 416(a7)\n"
	"	fsd	f21, 424(a7)\n	fsd	f22, 432(a7)\n	fsd	f23, 440(a7)\n"
	"	fsd	f24, 448(a7)\n	fsd	f25, 456(a7)\n	fsd	f26, 464(a7)\n"
	"	fsd	f27, 472(a7)\n	fsd	f28, 480(a7)\n	fsd	f29, 488(a7)\n"
	"	fsd	f30, 496(a7)\n	fsd	f31, 504(a7)\n"
	"	ld	s0, 0(sp)\n	ld	s1, 8(sp)\n	ld	s2, 16(sp)\n"
	"	ld	s3, 24(sp)\n	ld	s4, 32(sp)\n	ld	s5, 40(sp)\n"
	"	ld	s6, 48(sp)\n	ld	s7, 56(sp)\n	ld	s8, 64(sp)\n"
	"	ld	s9, 72(sp)\n	ld	s10, 80(sp)\n	ld	s11, 88(sp)\n"
	"	fld	fs0, 96(sp)\n	fld	fs1, 104(sp)\n	fld	fs2, 112(sp)\n"
	"	fld	fs3, 120(sp)\n	fld	fs4, 128(sp)\n	fld	fs5, 136(sp)\n"
	"	fld	fs6, 144(sp)\n	fld	fs7, 152(sp)\n	fld	fs8, 160(sp)\n"
	"	fld	fs9, 168(sp)\n	fld	fs10, 176(sp)\n	fld	fs11, 184(sp)\n"
	"	addi	sp, sp, 208\n"
	"	ret\n"
	"	.size	regs_across_kill, . - regs_across_kill\n");

static void clobber_caller_saved(void)
{
	__asm__ volatile("fmv.d.x ft0, zero\n\tfmv.d.x ft1, zero\n\tfmv.d.x ft2, zero\n\t"
			 "fmv.d.x ft3, zero\n\tfmv.d.x ft4, zero\n\tfmv.d.x ft5, zero\n\t"
			 "fmv.d.x ft6, zero\n\tfmv.d.x ft7, zero\n\tfmv.d.x ft8, zero\n\t"
			 "fmv.d.x ft9, zero\n\tfmv.d.x ft10, zero\n\tfmv.d.x ft11, zero\n\t"
			 "fmv.d.x fa0, zero\n\tfmv.d.x fa1, zero\n\tfmv.d.x fa2, zero\n\t"
			 "fmv.d.x fa3, zero\n\tfmv.d.x fa4, zero\n\tfmv.d.x fa5, zero\n\t"
			 "fmv.d.x fa6, zero\n\tfmv.d.x fa7, zero\n\t"
			 "li t0, -1\n\tli t1, -1\n\tli t2, -1\n\tli t3, -1\n\tli t4, -1\n\t"
			 "li t5, -1\n\tli t6, -1\n\tli a2, -1\n\tli a3, -1\n\tli a4, -1\n\t"
			 "li a5, -1\n\tli a6, -1"
			 ::: "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "ft8",
			 "ft9", "ft10", "ft11", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
			 "fa6", "fa7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a2", "a3",
			 "a4", "a5", "a6", "memory");
}
#define LINUX_SIGUSR1 10
#else
#error "regs_across_kill: no code for this arch"
#endif

static volatile double handler_result;

static void fp_heavy_handler(int sig)
{
	volatile double x = 1.0;

	for (int i = 1; i < 50; i++)
		x = x * 1.5 + 1.0 / i;
	handler_result = x;
	clobber_caller_saved();
	hits++;
	last_sig = sig;
}

UTEST(handler_returns_with_every_register_intact, UTEST_HOST_SAFE)
{
	static uint64_t out[NR_REGS_OUT];

	on(SIGUSR1, fp_heavy_handler, 0);
	hits = 0;
	regs_across_kill(getpid(), LINUX_SIGUSR1, out);
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGUSR1);		/* newlib's number, 30 */
	CHECK(handler_result > 1.0);
	for (int i = 0; i < REGS_GPR_CHECKED; i++)
		if (out[i] != reg_pattern[i])
			utest_fail(__FILE__, __LINE__, "general register %d is %#llx, was %#llx",
				   i, (unsigned long long)out[i],
				   (unsigned long long)reg_pattern[i]);
#if defined(__x86_64__)
	CHECK_EQ(out[11], getpid());		/* rdi */
	CHECK_EQ(out[12], LINUX_SIGUSR1);	/* rsi */
#else
	CHECK_EQ(out[24], 0);			/* a0: kill's result */
	CHECK_EQ(out[25], LINUX_SIGUSR1);	/* a1 */
#endif
	for (int i = REGS_FP_FIRST; i < REGS_FP_FIRST + REGS_FP_COUNT; i++)
		if (out[i] != reg_pattern[i])
			utest_fail(__FILE__, __LINE__, "FP register %d is %#llx, was %#llx",
				   i - REGS_FP_FIRST, (unsigned long long)out[i],
				   (unsigned long long)reg_pattern[i]);
}

UTEST(doubles_computed_around_a_handler_come_out_the_same, UTEST_HOST_SAFE)
{
	double a = 1.0, b = 1.0;

	/* The same steps twice, the second time with a handler in the
	 * middle. t is volatile so that neither loop fuses its multiply and
	 * add (riscv64's fmadd rounds once): both must round alike. */
	on(SIGUSR2, fp_heavy_handler, 0);
	for (int i = 1; i <= 20; i++) {
		volatile double t = a * 1.25;

		a = t + 0.5 / i;
	}
	for (int i = 1; i <= 20; i++) {
		volatile double t = b * 1.25;

		if (i == 10)
			CHECK_OK(raise(SIGUSR2));
		b = t + 0.5 / i;
	}
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGUSR2);
	CHECK(a == b);
}

/* ---- faults --------------------------------------------------------------------- */

static sigjmp_buf fault_env;
static void *volatile fault_addr;
static volatile int fault_signo, fault_code;

static void segv_handler(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	fault_signo = info->si_signo;
	fault_code = info->si_code;
	fault_addr = info->si_addr;
	last_sig = sig;
	siglongjmp(fault_env, 1);
}

/* bad_store() stores to NULL + 0x10, through a pointer the compiler
 * cannot see is null. */
static void bad_store(void)
{
	volatile int *p = (volatile int *)0x10;

	__asm__ volatile("" : "+r"(p));
	*p = 1;
}

UTEST(segv_handler_sees_si_addr_and_siglongjmps_out, UTEST_HOST_SAFE)
{
	sigset_t now;

	on_info(SIGSEGV, segv_handler, 0);
	for (int round = 0; round < 2; round++) {
		fault_addr = NULL;
		if (sigsetjmp(fault_env, 1) == 0) {
			bad_store();
			CHECK(!"the store to 0x10 did not fault");
		}
		CHECK_EQ(last_sig, SIGSEGV);
		CHECK_EQ(fault_signo, SIGSEGV);
		CHECK_EQ(fault_code, SEGV_MAPERR);
		CHECK_EQ((uintptr_t)fault_addr, 0x10);
		/* siglongjmp put back the mask the handler ran with. */
		CHECK_OK(sigprocmask(SIG_BLOCK, NULL, &now));
		CHECK(!sigismember(&now, SIGSEGV));
	}
}

static void segv_exit_handler(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	_exit(sig == SIGSEGV && (uintptr_t)info->si_addr == 0x10 ? 7 : 1);
}

UTEST(segv_handler_may_exit_with_a_code, UTEST_HOST_SAFE)
{
	int pid = fork();

	CHECK_OK(pid);
	if (pid == 0) {
		on_info(SIGSEGV, segv_exit_handler, 0);
		bad_store();
		_exit(2);
	}
	CHECK_EXITED(utest_wait(pid), 7);
}

UTEST(segv_without_a_handler_kills_with_sigsegv, UTEST_HOST_SAFE)
{
	int pid = fork();

	CHECK_OK(pid);
	if (pid == 0) {
		bad_store();
		_exit(2);
	}
	CHECK_KILLED_BY(utest_wait(pid), SIGSEGV);
}

/* ill_insn() is one illegal instruction (then a return, never reached). */
void ill_insn(void);
#if defined(__x86_64__)
__asm__(".text\n.globl ill_insn\n.type ill_insn, @function\nill_insn:\n\tud2\n\tret\n"
	".size ill_insn, . - ill_insn\n");
#else
__asm__(".text\n.globl ill_insn\n.type ill_insn, @function\nill_insn:\n\t.word 0\n\tret\n"
	".size ill_insn, . - ill_insn\n");
#endif

/*
 * Linux also gives si_addr = the faulting instruction for SIGILL and
 * SIGFPE, and si_code ILL_ILLOPN for x86's ud2. Atlas does not yet (si_addr
 * 0: kernel/proc.c passes ti->addr, not ti->pc; ILL_ILLOPC on both arches),
 * so those are not checked here.
 */
UTEST(sigill_reaches_its_handler, UTEST_HOST_SAFE)
{
	on_info(SIGILL, segv_handler, 0);
	if (sigsetjmp(fault_env, 1) == 0) {
		ill_insn();
		CHECK(!"the illegal instruction ran");
	}
	CHECK_EQ(last_sig, SIGILL);
	CHECK_EQ(fault_signo, SIGILL);
	CHECK(fault_code > 0);
}

#if defined(__x86_64__)
UTEST(integer_division_by_zero_is_sigfpe_on_x86_64, UTEST_HOST_SAFE)
{
	volatile int zero = 0, r = 1;

	on_info(SIGFPE, segv_handler, 0);
	if (sigsetjmp(fault_env, 1) == 0) {
		r = r / zero;
		CHECK(!"the division by zero went through");
	}
	CHECK_EQ(last_sig, SIGFPE);
	CHECK_EQ(fault_signo, SIGFPE);
	CHECK_EQ(fault_code, FPE_INTDIV);
}
#endif

/* ---- masks and pending signals ------------------------------------------------------ */

UTEST(signal_sets_are_bit_per_signal_and_check_their_range, UTEST_HOST_SAFE)
{
	sigset_t s;

	CHECK_OK(sigemptyset(&s));
	CHECK_EQ(sigismember(&s, SIGUSR2), 0);
	CHECK_OK(sigaddset(&s, SIGUSR2));
	CHECK_OK(sigaddset(&s, SIGHUP));
	CHECK_EQ(sigismember(&s, SIGUSR2), 1);
	CHECK_EQ(sigismember(&s, SIGHUP), 1);
	CHECK_EQ(sigismember(&s, SIGUSR1), 0);
	CHECK_OK(sigdelset(&s, SIGUSR2));
	CHECK_EQ(sigismember(&s, SIGUSR2), 0);
	CHECK_ERRNO(sigaddset(&s, 0), EINVAL);
	CHECK_ERRNO(sigaddset(&s, NSIG), EINVAL);
	CHECK_OK(sigfillset(&s));
	CHECK_EQ(sigismember(&s, SIGCHLD), 1);
	CHECK_ERRNO(sigaction(0, NULL, NULL), EINVAL);
	CHECK_ERRNO(kill(getpid(), -1), EINVAL);
}

UTEST(blocked_signal_stays_pending_and_arrives_on_unblock, UTEST_HOST_SAFE)
{
	sigset_t set, old, pending;

	on(SIGUSR1, count_handler, 0);
	on(SIGCHLD, count_handler, 0);
	CHECK_OK(sigemptyset(&set));
	CHECK_OK(sigaddset(&set, SIGUSR1));
	CHECK_OK(sigaddset(&set, SIGCHLD));
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, &old));
	CHECK(!sigismember(&old, SIGUSR1));
	CHECK_OK(raise(SIGUSR1));
	CHECK_OK(raise(SIGUSR1));	/* not queued: one stays pending */
	CHECK_EQ(hits, 0);
	CHECK_OK(sigpending(&pending));
	CHECK_EQ(sigismember(&pending, SIGUSR1), 1);
	CHECK_EQ(sigismember(&pending, SIGCHLD), 0);
	CHECK_EQ(sigismember(&pending, SIGUSR2), 0);
	CHECK_OK(raise(SIGCHLD));
	CHECK_OK(sigpending(&pending));
	CHECK_EQ(sigismember(&pending, SIGCHLD), 1);
	CHECK_OK(sigprocmask(SIG_SETMASK, &old, NULL));
	CHECK_EQ(hits, 2);
	CHECK_OK(sigpending(&pending));
	CHECK_EQ(sigismember(&pending, SIGUSR1), 0);
	CHECK_EQ(sigismember(&pending, SIGCHLD), 0);
}

static volatile sig_atomic_t in_handler_blocked;

static void check_own_mask_handler(int sig)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	in_handler_blocked = sigismember(&now, sig) * 2 + sigismember(&now, SIGHUP);
	hits++;
}

UTEST(handler_runs_with_its_signal_and_sa_mask_blocked, UTEST_HOST_SAFE)
{
	struct sigaction sa, old;
	sigset_t now;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = check_own_mask_handler;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGHUP);
	CHECK_OK(sigaction(SIGUSR2, &sa, NULL));
	CHECK_OK(raise(SIGUSR2));
	CHECK_EQ(hits, 1);
	CHECK_EQ(in_handler_blocked, 3);
	CHECK_OK(sigprocmask(SIG_BLOCK, NULL, &now));
	CHECK(!sigismember(&now, SIGUSR2) && !sigismember(&now, SIGHUP));
	/* sigaction() gives back what it was given. */
	CHECK_OK(sigaction(SIGUSR2, NULL, &old));
	CHECK(old.sa_handler == check_own_mask_handler);
	CHECK_EQ(sigismember(&old.sa_mask, SIGHUP), 1);
	CHECK_EQ(sigismember(&old.sa_mask, SIGUSR1), 0);
	/* SA_NODEFER leaves the signal unblocked. */
	sa.sa_flags = SA_NODEFER;
	CHECK_OK(sigaction(SIGUSR2, &sa, &old));
	CHECK_EQ(old.sa_flags & SA_NODEFER, 0);
	CHECK_OK(raise(SIGUSR2));
	CHECK_EQ(in_handler_blocked, 1);
	CHECK_OK(sigaction(SIGUSR2, NULL, &old));
	CHECK(old.sa_flags & SA_NODEFER);
}

UTEST(signal_returns_the_previous_handler, UTEST_HOST_SAFE)
{
	CHECK(signal(SIGUSR1, count_handler) == SIG_DFL);
	CHECK(signal(SIGUSR1, SIG_IGN) == count_handler);
	CHECK_OK(raise(SIGUSR1));	/* ignored */
	CHECK(signal(SIGUSR1, count_handler) == SIG_IGN);
	CHECK_OK(raise(SIGUSR1));
	CHECK_EQ(hits, 1);
	CHECK(signal(SIGKILL, count_handler) == SIG_ERR);
	CHECK_EQ(errno, EINVAL);
}

int main(int argc, char **argv)
{
	return utest_main("signal", argc, argv);
}
