/*
 * arch/riscv/signal_test.c - riscv64 signal frames and the sigreturn
 * trampoline. Run with ktest=riscv_signal.
 *
 * Each test makes a scratch address space current and gives the running
 * task an FP area of its own for the duration, so arch_signal_frame_setup()
 * and arch_signal_frame_restore() run exactly as on a signal delivery and
 * an rt_sigreturn, against real user pages.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/vm.h"
#include "cpu.h"

#define UVA		0x40000000ul
#define UPAGES		2
#define FRAME_SIZE	1088		/* Linux's riscv struct rt_sigframe */
#define UC		128		/* offset of uc in the frame */
#define MCTX		(UC + 176)	/* uc.uc_mcontext */
#define FPREGS		(MCTX + 256)	/* uc.uc_mcontext.sc_fpregs */

struct sig_scratch {
	struct mm *mm, *saved_mm;
	void *saved_fp;
};

/* A scratch address space with UPAGES of anonymous memory at UVA, and an FP area. */
static bool scratch_enter(struct sig_scratch *s)
{
	s->saved_mm = current_mm;
	s->saved_fp = current->fpstate;
	s->mm = mm_create();
	if (!s->mm)
		return false;
	mm_switch(s->mm);
	current->fpstate = kzalloc(ARCH_FPSTATE_SIZE);
	return current->fpstate &&
	       do_mmap(s->mm, UVA, UPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) == (long)UVA;
}

static void scratch_leave(struct sig_scratch *s)
{
	kfree(current->fpstate);
	current->fpstate = s->saved_fp;
	mm_switch(s->saved_mm);
	if (s->mm)
		mm_destroy(s->mm);
}

static uint64_t *tf_x(struct trapframe *tf)
{
	return &tf->ra;
}

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

KTEST(riscv_signal, frame_round_trips_every_register_fp_and_the_mask)
{
	struct sig_scratch s;
	struct trapframe tf, orig;
	struct linux_siginfo info = { .si_signo = 10, .si_code = -6 };
	struct ksigaction act = { .handler = 0x10554, .mask = 0x3 };
	struct ksigaltstack alt = { .ss_sp = 0x7000, .ss_flags = 2, .ss_size = 0x2000 };
	uint64_t fp_in[33], fp_now[33], junk[33], mask = 0;
	uint64_t old_mask = 0x8000000000000201ull;
	uintptr_t sp = UVA + UPAGES * PAGE_SIZE - 24, frame;
	static uint8_t raw[FRAME_SIZE];

	info.u.kill.si_pid = 42;
	if (!scratch_enter(&s)) {
		scratch_leave(&s);
		KT_ASSERT(!"scratch address space");
	}

	memset(&tf, 0, sizeof(tf));
	for (int n = 1; n <= 31; n++)
		tf_x(&tf)[n - 1] = 0x1111000000000000ull + (uint64_t)n * 0x01010101ull;
	tf.epc = 0x10abc;
	tf.status = SSTATUS_SPIE | SSTATUS_FS_DIRTY;
	orig = tf;
	for (int i = 0; i < 32; i++)
		fp_in[i] = 0x4000000000000000ull | ((uint64_t)i << 32) | (uint64_t)(i * 3);
	fp_in[32] = 0x65;			/* frm 3, fflags 5 */
	arch_fp_restore(fp_in);			/* the live FP state to save */

	KT_EXPECT(arch_signal_frame_setup(&tf, 10, &info, &act, old_mask, sp, &alt) == 0);

	/* The handler's registers. */
	frame = tf.sp;
	KT_EXPECT(frame % 16 == 0);
	KT_EXPECT(frame + FRAME_SIZE <= sp && frame + FRAME_SIZE + 16 > sp);
	KT_EXPECT(tf.epc == act.handler);
	KT_EXPECT(tf.a0 == 10);
	KT_EXPECT(tf.a1 == frame);
	KT_EXPECT(tf.a2 == frame + UC);
	KT_EXPECT(tf.ra == arch_sigtramp_address(s.mm) && tf.ra != 0);
	KT_EXPECT(arch_trapframe_sp(&tf) == frame);
	KT_EXPECT((tf.status & SSTATUS_FS) == SSTATUS_FS_INITIAL);
	arch_fp_save(fp_now);
	for (int i = 0; i < 33; i++)
		KT_EXPECT(fp_now[i] == 0);	/* clean FP for the handler */

	/* The frame, at Linux's offsets. */
	KT_ASSERT(copy_from_user(raw, (const void *)frame, FRAME_SIZE) == 0);
	KT_EXPECT(memcmp(raw, &info, 24) == 0);
	KT_EXPECT(rd64(raw + 16) == 42);		/* si_pid, si_uid */
	KT_EXPECT(rd64(raw + UC + 0) == 0);		/* uc_flags */
	KT_EXPECT(rd64(raw + UC + 8) == 0);		/* uc_link */
	KT_EXPECT(rd64(raw + UC + 16) == alt.ss_sp);
	KT_EXPECT(rd64(raw + UC + 24) == 2);		/* ss_flags, padding */
	KT_EXPECT(rd64(raw + UC + 32) == alt.ss_size);
	KT_EXPECT(rd64(raw + UC + 40) == old_mask);
	KT_EXPECT(rd64(raw + MCTX) == orig.epc);
	for (int n = 1; n <= 31; n++)
		KT_EXPECT(rd64(raw + MCTX + 8 * n) == tf_x(&orig)[n - 1]);
	for (int i = 0; i < 32; i++)
		KT_EXPECT(rd64(raw + FPREGS + 8 * i) == fp_in[i]);
	KT_EXPECT(rd64(raw + FPREGS + 256) == 0x65);	/* fcsr, reserved */

	/* The handler clobbers everything; rt_sigreturn brings it all back. */
	for (int n = 1; n <= 31; n++)
		tf_x(&tf)[n - 1] = 0xdeadbeef00000000ull + (uint64_t)n;
	tf.sp = frame;
	tf.epc = 0xbad0;
	tf.status |= SSTATUS_SPP | SSTATUS_SUM | SSTATUS_FS_DIRTY;
	tf.status &= ~SSTATUS_SPIE;
	for (int i = 0; i < 33; i++)
		junk[i] = 0x5a5a5a5a5a5a5a5aull + (uint64_t)i;
	junk[32] = 0x1f;
	arch_fp_restore(junk);

	KT_EXPECT(arch_signal_frame_restore(&tf, &mask) == 0);
	KT_EXPECT(mask == old_mask);
	KT_EXPECT(tf.epc == orig.epc);
	for (int n = 1; n <= 31; n++)
		KT_EXPECT(tf_x(&tf)[n - 1] == tf_x(&orig)[n - 1]);
	KT_EXPECT(!(tf.status & (SSTATUS_SPP | SSTATUS_SUM | SSTATUS_SIE)));
	KT_EXPECT(tf.status & SSTATUS_SPIE);
	KT_EXPECT((tf.status & SSTATUS_FS) != SSTATUS_FS_OFF);
	arch_fp_save(fp_now);
	for (int i = 0; i < 33; i++) {
		KT_EXPECT(fp_now[i] == fp_in[i]);
		KT_EXPECT(((uint64_t *)current->fpstate)[i] == fp_in[i]);
	}

	scratch_leave(&s);
}

KTEST(riscv_signal, frame_on_an_unmapped_stack_is_efault)
{
	struct sig_scratch s;
	struct trapframe tf = { .epc = 0x1000, .sp = 0x2000 };
	struct linux_siginfo info = { .si_signo = 11 };
	struct ksigaction act = { .handler = 0x10554 };
	struct ksigaltstack alt = { .ss_flags = 2 };
	uint64_t mask = 7;

	if (!scratch_enter(&s)) {
		scratch_leave(&s);
		KT_ASSERT(!"scratch address space");
	}
	/* Wholly unmapped, and straddling the bottom of the mapping. */
	KT_EXPECT(arch_signal_frame_setup(&tf, 11, &info, &act, 0, UVA + 64 * PAGE_SIZE,
					  &alt) == -EFAULT);
	KT_EXPECT(arch_signal_frame_setup(&tf, 11, &info, &act, 0, UVA + 256, &alt) == -EFAULT);
	KT_EXPECT(arch_signal_frame_setup(&tf, 11, &info, &act, 0, 64, &alt) == -EFAULT);
	KT_EXPECT(tf.epc == 0x1000 && tf.sp == 0x2000);		/* untouched */

	tf.sp = UVA + 64 * PAGE_SIZE;
	KT_EXPECT(arch_signal_frame_restore(&tf, &mask) == -EFAULT);
	tf.sp = UVA + UPAGES * PAGE_SIZE - 512;			/* runs off the end */
	KT_EXPECT(arch_signal_frame_restore(&tf, &mask) == -EFAULT);
	KT_EXPECT(mask == 7 && tf.epc == 0x1000);
	scratch_leave(&s);
}

KTEST(riscv_signal, frame_with_reserved_fp_words_set_is_refused)
{
	struct sig_scratch s;
	struct trapframe tf = { .epc = 0x1000, .sp = UVA + UPAGES * PAGE_SIZE };
	struct linux_siginfo info = { .si_signo = 10 };
	struct ksigaction act = { .handler = 0x10554 };
	struct ksigaltstack alt = { .ss_flags = 2 };
	uint32_t one = 1;
	uint64_t mask = 0;

	if (!scratch_enter(&s)) {
		scratch_leave(&s);
		KT_ASSERT(!"scratch address space");
	}
	KT_ASSERT(arch_signal_frame_setup(&tf, 10, &info, &act, 5, tf.sp, &alt) == 0);
	/* q.reserved[2], the last word of sc_fpregs. */
	KT_ASSERT(copy_to_user((void *)(tf.sp + FPREGS + 524), &one, 4) == 0);
	KT_EXPECT(arch_signal_frame_restore(&tf, &mask) == -EFAULT);
	one = 0;
	KT_ASSERT(copy_to_user((void *)(tf.sp + FPREGS + 524), &one, 4) == 0);
	KT_EXPECT(arch_signal_frame_restore(&tf, &mask) == 0 && mask == 5);
	KT_EXPECT(tf.epc == 0x1000);
	scratch_leave(&s);
}

KTEST(riscv_signal, trampoline_is_li_a7_139_ecall_on_a_read_exec_vdso_page)
{
	struct sig_scratch s;
	uintptr_t va;
	uint32_t code[2] = { 0, 0 };
	paddr_t pa, child_pa;
	unsigned prot;
	struct vma *v;
	struct mm *child;

	if (!scratch_enter(&s)) {
		scratch_leave(&s);
		KT_ASSERT(!"scratch address space");
	}
	KT_ASSERT(arch_exec_map_extra(s.mm) == 0);
	va = arch_sigtramp_address(s.mm);
	KT_EXPECT(va != 0 && va % PAGE_SIZE == 0 && va < USER_TOP - MiB(8) - PAGE_SIZE);
	KT_ASSERT(copy_from_user(code, (const void *)va, sizeof(code)) == 0);

	/* addi a7, zero, 139: I-type, opcode OP-IMM, funct3 0. */
	KT_EXPECT((code[0] & 0x7f) == 0x13);
	KT_EXPECT(((code[0] >> 7) & 0x1f) == 17);	/* rd a7 */
	KT_EXPECT(((code[0] >> 12) & 0x7) == 0);
	KT_EXPECT(((code[0] >> 15) & 0x1f) == 0);	/* rs1 zero */
	KT_EXPECT((int32_t)code[0] >> 20 == 139);
	KT_EXPECT(code[1] == 0x00000073);		/* ecall */

	/* One read+exec user page, never writable, named [vdso]. */
	v = vma_find(s.mm, va);
	KT_ASSERT(v != NULL);
	KT_EXPECT(vma_start(v) == va && vma_end(v) == va + PAGE_SIZE);
	KT_EXPECT((v->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) == (VM_READ | VM_EXEC));
	KT_EXPECT(!(v->vm_flags & VM_MAYWRITE));
	KT_EXPECT(v->vm_ops && v->vm_ops->name && strcmp(v->vm_ops->name(v), "[vdso]") == 0);
	KT_ASSERT(pmap_lookup(&s.mm->pmap, va, &pa, &prot, NULL));
	KT_EXPECT((prot & (PMAP_R | PMAP_W | PMAP_X | PMAP_USER)) ==
		  (PMAP_R | PMAP_X | PMAP_USER));
	KT_EXPECT(do_mprotect(s.mm, va, PAGE_SIZE, PROT_READ | PROT_WRITE) == -EACCES);
	KT_EXPECT(copy_to_user((void *)va, code, 4) == -EFAULT);

	/* fork keeps it: the same frame in the child. */
	child = mm_fork(s.mm);
	KT_ASSERT(child != NULL);
	KT_EXPECT(vma_find(child, va) != NULL);
	KT_EXPECT(pmap_lookup(&child->pmap, va, &child_pa, NULL, NULL) && child_pa == pa);
	mm_destroy(child);

	/* A second program shares the one page. */
	{
		struct mm *other = mm_create();

		KT_ASSERT(other != NULL);
		KT_EXPECT(arch_exec_map_extra(other) == 0);
		KT_EXPECT(pmap_lookup(&other->pmap, va, &child_pa, NULL, NULL) && child_pa == pa);
		mm_destroy(other);
	}
	scratch_leave(&s);
}
