/*
 * arch/riscv/cpu.h - private to the riscv64 port: control and status
 * registers, the SBI calls the port makes, and what the device tree told
 * the port about the machine.
 *
 * Nothing outside arch/riscv/ includes this file.
 */
#ifndef ATLAS_RISCV_CPU_H
#define ATLAS_RISCV_CPU_H

#include "kernel/types.h"

/* ---- CSRs ------------------------------------------------------------- */

#define csr_read(csr)							\
	({								\
		unsigned long __v;					\
		__asm__ volatile("csrr %0, " #csr : "=r"(__v));		\
		__v;							\
	})
#define csr_write(csr, val)						\
	__asm__ volatile("csrw " #csr ", %0" : : "rK"(val) : "memory")
#define csr_set(csr, bits)						\
	__asm__ volatile("csrs " #csr ", %0" : : "rK"(bits) : "memory")
#define csr_clear(csr, bits)						\
	__asm__ volatile("csrc " #csr ", %0" : : "rK"(bits) : "memory")
/* csr_read_clear() clears @bits and returns the old value, atomically. */
#define csr_read_clear(csr, bits)					\
	({								\
		unsigned long __v;					\
		__asm__ volatile("csrrc %0, " #csr ", %1"		\
				 : "=r"(__v) : "rK"(bits) : "memory");	\
		__v;							\
	})

/* sstatus */
#define SSTATUS_SIE	(1UL << 1)	/* supervisor interrupts enabled */
#define SSTATUS_SPIE	(1UL << 5)	/* SIE before the trap */
#define SSTATUS_SPP	(1UL << 8)	/* trapped from S-mode (1) or U-mode (0) */
#define SSTATUS_FS	(3UL << 13)	/* FP state: Off, Initial, Clean, Dirty */
#define SSTATUS_FS_OFF		(0UL << 13)
#define SSTATUS_FS_INITIAL	(1UL << 13)
#define SSTATUS_FS_CLEAN	(2UL << 13)
#define SSTATUS_FS_DIRTY	(3UL << 13)
#define SSTATUS_SUM	(1UL << 18)	/* S-mode may touch user pages */
#define SSTATUS_MXR	(1UL << 19)
#define SSTATUS_UXL	(3UL << 32)	/* user XLEN (2 = 64 bits) */

/* sie / sip: interrupt numbers (scause codes with the top bit set) */
#define IRQ_S_SOFT	1
#define IRQ_S_TIMER	5
#define IRQ_S_EXT	9
#define SIE_STIE	(1UL << IRQ_S_TIMER)
#define SIE_SEIE	(1UL << IRQ_S_EXT)

#define SCAUSE_INTERRUPT (1UL << 63)

/* Exception causes (scause without the interrupt bit). */
enum {
	EXC_INSN_MISALIGNED = 0,
	EXC_INSN_ACCESS = 1,
	EXC_ILLEGAL_INSN = 2,
	EXC_BREAKPOINT = 3,
	EXC_LOAD_MISALIGNED = 4,
	EXC_LOAD_ACCESS = 5,
	EXC_STORE_MISALIGNED = 6,
	EXC_STORE_ACCESS = 7,
	EXC_ECALL_U = 8,
	EXC_ECALL_S = 9,
	EXC_INSN_PAGE_FAULT = 12,
	EXC_LOAD_PAGE_FAULT = 13,
	EXC_STORE_PAGE_FAULT = 15,
};

/* satp: MODE in bits 63:60 (8 = Sv39), the root table's PPN below. */
#define SATP_MODE_SV39	(8UL << 60)
#define SATP_PPN_MASK	((1UL << 44) - 1)

static inline uint64_t rdtime(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

static inline void sfence_vma_all(void)
{
	__asm__ volatile("sfence.vma" : : : "memory");
}

static inline void sfence_vma_page(uintptr_t va)
{
	__asm__ volatile("sfence.vma %0" : : "r"(va) : "memory");
}

/* ---- SBI (setup.c) ---------------------------------------------------- */

#define SBI_EXT_BASE	0x10
#define SBI_EXT_TIME	0x54494D45	/* "TIME" */
#define SBI_EXT_SRST	0x53525354	/* "SRST" */
#define SBI_LEGACY_SET_TIMER	0x0
#define SBI_LEGACY_SHUTDOWN	0x8

struct sbiret {
	long error;	/* 0 or a negative SBI error code */
	long value;
};

/* sbi_call() makes one SBI call: extension @ext, function @fid. */
struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2);

/* sbi_set_timer() arms the next timer interrupt at @stime (rdtime units). */
void sbi_set_timer(uint64_t stime);

/* ---- what the device tree says (setup.c) ------------------------------ */

/*
 * The machine as the port knows it. Before arch_boot_info() has read the
 * device tree these hold the values of QEMU's virt board, so the console
 * and power-off work from the first instruction of kmain().
 */
struct riscv_platform {
	paddr_t uart_base;	/* ns16550a */
	unsigned uart_shift;	/* reg-shift: register stride is 1 << shift */
	unsigned uart_irq;	/* its PLIC source */
	paddr_t plic_base;	/* riscv,plic0 / sifive,plic-1.0.0 */
	paddr_t plic_size;
	unsigned plic_ndev;	/* sources 1..plic_ndev */
	unsigned plic_context;	/* the S-mode context of the boot hart */
	paddr_t finisher_base;	/* sifive,test0 (0 if absent) */
	uint64_t timebase_hz;	/* /cpus timebase-frequency */
	char isa[64];		/* riscv,isa of the boot hart */
};

extern struct riscv_platform riscv_platform;
extern unsigned long boot_hartid;	/* saved by boot.S */
extern paddr_t boot_dtb_pa;

/*
 * The direct-map addresses of RAM, [lo, hi), set by arch_mmu_init() (both 0
 * before): the unwinder trusts no frame pointer outside them and the image.
 */
extern uintptr_t riscv_ram_va_lo, riscv_ram_va_hi;

/* trap_entry (entry.S) is where stvec points. */
extern char trap_entry[];

/* trap.c: entry.S hands every trap to riscv_trap(). */
struct trapframe;
struct trap_info;
void riscv_trap(struct trapframe *tf);

/*
 * trap.c: riscv_decode_exception() fills @ti for the exception in @tf
 * (kind, name, address, access, next_pc for the two that can be stepped
 * over); the callers set .user and .uaccess.
 */
void riscv_decode_exception(struct trapframe *tf, struct trap_info *ti);

/* trap.c: an interrupt (timer, PLIC), from the kernel or from user mode. */
void riscv_interrupt(struct trapframe *tf);

/* usermode.c: a trap taken in user mode, from riscv_trap(). */
void riscv_user_trap(struct trapframe *tf);

/* usermode.c: what arch_enter_user() (entry.S) runs before trap_return. */
void riscv_enter_user_prepare(struct trapframe *tf);

/* usermode.c: what trap_return (entry.S) puts in sscratch for user mode. */
extern uintptr_t riscv_kernel_stack_top;

/* switch.S: where a new task's first arch_switch() lands. */
extern char riscv_task_start[];

/* usermode.c: riscv_task_start calls it if a task's function returned. */
__noreturn void riscv_task_returned(void *fn);

/* intr.c: the two interrupts trap.c dispatches. */
void riscv_timer_interrupt(void);
void riscv_external_interrupt(void);

/* intr.c: the PLIC's claim/complete handshake, and masking a source again. */
unsigned riscv_plic_claim(void);
void riscv_plic_complete(unsigned irq);
void riscv_plic_mask(unsigned irq);
bool riscv_plic_unmasked(unsigned irq);

#endif
