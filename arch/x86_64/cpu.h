/*
 * arch/x86_64/cpu.h - private to the x86_64 port: instructions C cannot
 * express (port I/O, MSRs, control registers, CPUID), the segment
 * selectors and interrupt vectors the port assigns, and what setup.c found
 * out about the CPU. Nothing outside arch/x86_64/ includes this.
 */
#ifndef ATLAS_X86_64_CPU_H
#define ATLAS_X86_64_CPU_H

/* GDT selectors (setup.c). The user selectors suit SYSCALL/SYSRET. */
#define GDT_KERNEL_CS	0x08
#define GDT_KERNEL_DS	0x10
#define GDT_USER32_CS	0x18	/* unused placeholder: SYSRET's base */
#define GDT_USER_DS	0x20	/* | 3 when loaded */
#define GDT_USER_CS	0x28	/* | 3 when loaded */
#define GDT_TSS		0x30	/* 16 bytes: two slots */

/* Interrupt vectors (trap.c, intr.c). */
#define VEC_IRQ_BASE	32	/* IOAPIC input n -> vector 32 + n */
#define VEC_IRQ_LAST	(VEC_IRQ_BASE + 23)
#define VEC_PIC_BASE	0xe0	/* the 8259s, remapped out of the way, masked */
#define VEC_TIMER	0xf0	/* LAPIC timer */
#define VEC_APIC_ERROR	0xfe
#define VEC_SPURIOUS	0xff

/* entry.S's vector stubs are this many bytes apart. */
#define TRAP_STUB_SIZE	16

/* Interrupt stack table slots in the TSS (1-based, as the IDT uses them). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI		2

/* Control register and MSR bits the port uses. */
#define CR0_PE		(1u << 0)
#define CR0_MP		(1u << 1)	/* wait/fwait obey TS */
#define CR0_EM		(1u << 2)	/* no x87: every FP instruction faults */
#define CR0_TS		(1u << 3)	/* task switched: FP instructions fault */
#define CR0_WP		(1u << 16)
#define CR0_PG		(1u << 31)
#define CR4_PAE		(1u << 5)
#define CR4_PGE		(1u << 7)
#define CR4_OSFXSR	(1u << 9)	/* fxsave/fxrstor and SSE enabled */
#define CR4_OSXMMEXCPT	(1u << 10)	/* SSE exceptions raise #XM */
#define CR4_SMEP	(1u << 20)
#define CR4_SMAP	(1u << 21)
#define MSR_APIC_BASE	0x0000001b
#define MSR_PAT		0x00000277
#define MSR_EFER	0xc0000080
#define MSR_STAR	0xc0000081	/* syscall/sysret segment bases */
#define MSR_LSTAR	0xc0000082	/* syscall entry point */
#define MSR_FMASK	0xc0000084	/* RFLAGS bits syscall clears */
#define MSR_FS_BASE	0xc0000100
#define MSR_GS_BASE	0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102	/* swapgs exchanges it with GS_BASE */
#define EFER_SCE	(1u << 0)	/* syscall/sysret enabled */
#define EFER_LME	(1u << 8)
#define EFER_NXE	(1u << 11)
#define RFLAGS_CF	(1u << 0)
#define RFLAGS_FIXED	(1u << 1)	/* reserved, always 1 */
#define RFLAGS_PF	(1u << 2)
#define RFLAGS_AF	(1u << 4)
#define RFLAGS_ZF	(1u << 6)
#define RFLAGS_SF	(1u << 7)
#define RFLAGS_TF	(1u << 8)
#define RFLAGS_IF	(1u << 9)
#define RFLAGS_DF	(1u << 10)
#define RFLAGS_OF	(1u << 11)
#define RFLAGS_IOPL	(3u << 12)
#define RFLAGS_NT	(1u << 14)
#define RFLAGS_RF	(1u << 16)
#define RFLAGS_AC	(1u << 18)	/* with SMAP: user pages reachable */
#define RFLAGS_ID	(1u << 21)

/*
 * The trapframe vector of a system call (the syscall instruction has no
 * vector): -2, next to trap.c's VECTOR_NONE (-1, no trap at all).
 */
#define VECTOR_SYSCALL	(-2)

/*
 * Per-CPU data (usermode.c), reached through GS in the kernel: the
 * syscall entry finds its stack there. Offsets for entry.S.
 */
#define PCPU_KERNEL_RSP	0	/* top of the running task's kernel stack */
#define PCPU_USER_RSP	8	/* syscall entry's scratch: the user rsp */
#define PCPU_SELF	16

#ifndef __ASSEMBLY__
#include "kernel/types.h"

static inline void outb(uint16_t port, uint8_t val)
{
	__asm__ volatile("outb %0, %1" : : "a"(val), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t val;

	__asm__ volatile("inb %1, %0" : "=a"(val) : "Nd"(port));
	return val;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)val),
			 "d"((uint32_t)(val >> 32)) : "memory");
}

static inline void cpuid(uint32_t leaf, uint32_t subleaf, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(subleaf));
}

#define DEFINE_CR(n)							\
	static inline uint64_t read_cr##n(void)				\
	{								\
		uint64_t v;						\
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));	\
		return v;						\
	}								\
	static inline void write_cr##n(uint64_t v)			\
	{								\
		__asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory"); \
	}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline uint64_t read_rflags(void)
{
	uint64_t f;

	__asm__ volatile("pushfq; popq %0" : "=r"(f));
	return f;
}

static inline void invlpg(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* What setup.c found in CPUID and turned on. */
struct x86_features {
	char vendor[13];
	char brand[49];
	bool nx;	/* EFER.NXE set: PTE bit 63 means no-execute */
	bool smep;	/* CR4.SMEP set */
	bool smap;	/* CR4.SMAP set */
	bool pge;	/* CR4.PGE set: global pages */
	bool pat;	/* PAT entry 1 reprogrammed to write-combining */
};
extern struct x86_features x86_cpu;

/* The multiboot magic and info address boot.S saved (setup.c reads them). */
extern uint32_t boot_mb_magic;
extern uint32_t boot_mb_info;

/* Interrupt controller MMIO, physical (intr.c; mmu.c maps them uncached). */
#define LAPIC_DEFAULT_PHYS	0xfee00000UL
#define IOAPIC_PHYS		0xfec00000UL
paddr_t lapic_phys(void);
void lapic_eoi(void);

/* trap_dispatch() is called by entry.S for every vector. */
struct trapframe;
void trap_dispatch(struct trapframe *tf);

/* The 256 vector stubs in entry.S, TRAP_STUB_SIZE bytes apart. */
extern const char trap_stubs[];

/* Where the direct map ends (mmu.c); arch_unwind() trusts nothing above. */
extern uintptr_t direct_map_end;

/*
 * The per-CPU area. While the CPU runs kernel code its GS base points
 * here; while it runs user code KERNEL_GS_BASE does, and every way in
 * from user mode starts with swapgs (the discipline is written down in
 * usermode.c). Only the syscall entry reads it: C code never uses GS.
 */
struct x86_percpu {
	uint64_t kernel_rsp;		/* = TSS.rsp0 */
	uint64_t user_rsp;		/* scratch, only between syscall and the push */
	struct x86_percpu *self;	/* for a check that GS is the kernel's */
};
extern struct x86_percpu x86_percpu;

/* tss_set_rsp0() sets where interrupts from user mode switch to (setup.c). */
void tss_set_rsp0(uintptr_t top);

/*
 * usermode_init() (usermode.c), from arch_early_init(): the per-CPU GS
 * base, the syscall MSRs, and the FP/SSE control bits.
 */
void usermode_init(void);

/* The syscall instruction's entry (entry.S). */
extern const char syscall_entry[];

/*
 * user_return_prepare() (usermode.c) runs on every way back to user mode
 * from entry.S, with interrupts enabled or not: trap_return_to_user(),
 * then a check that @tf is a frame iretq may load. Returns with
 * interrupts disabled.
 */
void user_return_prepare(struct trapframe *tf);
#endif

#endif
