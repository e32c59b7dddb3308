/*
 * arch/riscv/cpu_test.c - in-kernel tests of what only the riscv64 port
 * promises: supervisor state, the shape of the kernel page table, the
 * trap decoder's instruction lengths and leaves kept without access.
 * Run with ktest=riscv.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/sections.h"
#include "mm/page.h"
#include "mm/vm.h"
#include "cpu.h"

KTEST(riscv, sum_is_clear_in_kernel)
{
	KT_EXPECT(!(csr_read(sstatus) & SSTATUS_SUM));
}

KTEST(riscv, fp_state_is_off_in_kernel)
{
	KT_EXPECT((csr_read(sstatus) & SSTATUS_FS) == 0);
}

KTEST(riscv, stvec_is_trap_entry_in_direct_mode)
{
	KT_EXPECT(csr_read(stvec) == (unsigned long)trap_entry);
	KT_EXPECT(csr_read(sscratch) == 0);
}

KTEST(riscv, satp_is_the_sv39_kernel_table)
{
	unsigned long satp = csr_read(satp);

	KT_EXPECT((satp >> 60) == 8);
	KT_EXPECT((satp & SATP_PPN_MASK) << PAGE_SHIFT == pmap_kernel()->root);
}

KTEST(riscv, boot_identity_map_is_gone)
{
	KT_EXPECT(!pmap_lookup(pmap_kernel(), KERNEL_PHYS_BASE, NULL, NULL, NULL));
	KT_EXPECT(!pmap_lookup(pmap_kernel(), 0, NULL, NULL, NULL));
}

KTEST(riscv, device_mmio_is_mapped_read_write_never_execute)
{
	const struct riscv_platform *plat = &riscv_platform;
	paddr_t devices[] = { plat->uart_base, plat->plic_base, plat->finisher_base };
	unsigned prot;
	paddr_t pa;

	for (size_t i = 0; i < ARRAY_SIZE(devices); i++) {
		if (!devices[i])
			continue;
		KT_ASSERT(pmap_lookup(pmap_kernel(), (vaddr_t)phys_to_virt(devices[i]),
				      &pa, &prot, NULL));
		KT_EXPECT(pa == devices[i]);
		KT_EXPECT((prot & PMAP_PROT_MASK) == (PMAP_R | PMAP_W));
	}
}

KTEST(riscv, compressed_breakpoint_resumes_two_bytes_on)
{
	const struct trap_info *ti;

	trap_expect(TRAP_BREAKPOINT);
	__asm__ volatile("c.ebreak" : : : "memory");
	trap_expect_clear();
	KT_ASSERT(trap_expect_hits() == 1);
	ti = trap_expect_last();
	KT_EXPECT(ti->next_pc == ti->pc + 2);
	KT_EXPECT(ti->cause == 3);
}

KTEST(riscv, full_size_illegal_instruction_resumes_four_bytes_on)
{
	const struct trap_info *ti;

	trap_expect(TRAP_ILLEGAL_INSN);
	arch_test_illegal_insn();
	trap_expect_clear();
	KT_ASSERT(trap_expect_hits() == 1);
	ti = trap_expect_last();
	KT_EXPECT(ti->next_pc == ti->pc + 4);
	KT_EXPECT(ti->error == 0xc0001073 || ti->error == 0);	/* stval may hold the insn */
}

KTEST(riscv, inaccessible_leaf_is_kept_and_can_be_reopened)
{
	struct page *pg = page_alloc(0);
	volatile uint32_t *va = (volatile uint32_t *)KTEST_VA_BASE;
	unsigned prot;
	paddr_t pa;

	KT_ASSERT(pg != NULL);
	KT_ASSERT(pmap_enter(pmap_kernel(), KTEST_VA_BASE, (paddr_t)page_to_pfn(pg) << PAGE_SHIFT,
			     PAGE_SIZE, 0) == 0);
	KT_EXPECT(pmap_lookup(pmap_kernel(), KTEST_VA_BASE, &pa, &prot, NULL));
	KT_EXPECT((prot & PMAP_PROT_MASK) == 0);
	pmap_protect(pmap_kernel(), KTEST_VA_BASE, KTEST_VA_BASE + PAGE_SIZE, PMAP_R | PMAP_W);
	KT_EXPECT(pmap_lookup(pmap_kernel(), KTEST_VA_BASE, NULL, &prot, NULL));
	KT_EXPECT((prot & PMAP_PROT_MASK) == (PMAP_R | PMAP_W));
	va[0] = 42;
	KT_EXPECT(*(volatile uint32_t *)page_address(pg) == 42);
	KT_EXPECT(pmap_remove(pmap_kernel(), KTEST_VA_BASE, KTEST_VA_BASE + PAGE_SIZE) == 1);
	page_free(pg, 0);
}

KTEST(riscv, new_pmap_shares_the_kernel_half)
{
	struct pmap pm;
	paddr_t pa_k, pa_u;

	KT_ASSERT(pmap_create(&pm) == 0);
	KT_EXPECT(pmap_lookup(&pm, (vaddr_t)__text_start, &pa_u, NULL, NULL));
	KT_EXPECT(pmap_lookup(pmap_kernel(), (vaddr_t)__text_start, &pa_k, NULL, NULL));
	KT_EXPECT(pa_u == pa_k);
	KT_EXPECT(pmap_enter(&pm, KTEST_VA_BASE, 0x80000000, PAGE_SIZE, PMAP_R) == -EINVAL);
	pmap_destroy(&pm);
}

/*
 * The UART raises "transmitter empty" as soon as that interrupt is enabled;
 * with interrupts off, the PLIC must show it pending for this hart's
 * S-mode context (sip.SEIP) and hand it out on claim. If a driver already
 * uses the UART's interrupt, the test leaves it alone.
 */
#define UART_IER	1
#define UART_IER_THRE	0x02

KTEST(riscv, plic_routes_a_uart_interrupt_to_this_hart)
{
	unsigned irq = riscv_platform.uart_irq, claimed;
	unsigned long flags;
	bool pending = false;
	uint8_t ier;

	if (riscv_plic_unmasked(irq))
		return;
	flags = arch_irq_save();
	ier = arch_uart_read(UART_IER);
	KT_EXPECT(arch_irq_unmask(irq) == 0);
	arch_uart_write(UART_IER, UART_IER_THRE);
	for (int i = 0; i < 100000 && !pending; i++)
		pending = csr_read(sip) & SIE_SEIE;
	arch_uart_write(UART_IER, ier);
	claimed = riscv_plic_claim();
	if (claimed)
		riscv_plic_complete(claimed);
	riscv_plic_mask(irq);
	arch_irq_restore(flags);
	KT_EXPECT(pending);
	KT_EXPECT(claimed == irq);
	KT_EXPECT(arch_irq_unmask(0) == -EINVAL);
	KT_EXPECT(arch_irq_unmask(riscv_platform.plic_ndev + 1) == -EINVAL);
}
