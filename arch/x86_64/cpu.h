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
#define CR0_WP		(1u << 16)
#define CR0_PG		(1u << 31)
#define CR4_PAE		(1u << 5)
#define CR4_PGE		(1u << 7)
#define CR4_SMEP	(1u << 20)
#define CR4_SMAP	(1u << 21)
#define MSR_APIC_BASE	0x0000001b
#define MSR_PAT		0x00000277
#define MSR_EFER	0xc0000080
#define EFER_LME	(1u << 8)
#define EFER_NXE	(1u << 11)
#define RFLAGS_IF	(1u << 9)
#define RFLAGS_AC	(1u << 18)	/* with SMAP: user pages reachable */

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
#endif

#endif
