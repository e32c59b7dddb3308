/*
 * arch/x86_64/cpu_test.c - in-kernel tests of what only the x86_64 port
 * promises: the protection bits it turns on, the shape of the kernel page
 * table after arch_mmu_init(), the IDT, the PROT_NONE and write-combining
 * encodings and the unwinder's refusal of bad frames. Run with ktest=x86.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/sections.h"
#include "mm/page.h"
#include "mm/vm.h"
#include "cpu.h"

#define TEST_UVA 0x40000000ul

extern char boot_stack_guard[];

static paddr_t page_pa(struct page *p)
{
	return (paddr_t)page_to_pfn(p) << PAGE_SHIFT;
}

KTEST(x86, nx_smep_smap_and_wp_are_on_when_the_cpu_has_them)
{
	uint64_t cr4 = read_cr4();

	KT_EXPECT(read_cr0() & CR0_WP);
	KT_EXPECT(x86_cpu.nx);
	KT_EXPECT(rdmsr(MSR_EFER) & EFER_NXE);
	KT_EXPECT(!!(cr4 & CR4_SMEP) == x86_cpu.smep);
	KT_EXPECT(!!(cr4 & CR4_SMAP) == x86_cpu.smap);
	KT_EXPECT(!!(cr4 & CR4_PGE) == x86_cpu.pge);
}

KTEST(x86, identity_map_is_gone_after_mmu_init)
{
	KT_EXPECT((read_cr3() & ~0xfffull) == pmap_kernel()->root);
	KT_EXPECT(!pmap_lookup(pmap_kernel(), 0, NULL, NULL, NULL));
	KT_EXPECT(!pmap_lookup(pmap_kernel(), KERNEL_PHYS_BASE, NULL, NULL, NULL));
	KT_EXPECT(!pmap_lookup(pmap_kernel(), 0x200000, NULL, NULL, NULL));
}

KTEST(x86, boot_stack_guard_page_is_unmapped)
{
	KT_EXPECT(!pmap_lookup(pmap_kernel(), (vaddr_t)boot_stack_guard, NULL, NULL, NULL));
	KT_EXPECT(pmap_lookup(pmap_kernel(), (vaddr_t)boot_stack_guard + PAGE_SIZE,
			      NULL, NULL, NULL));
}

KTEST(x86, apic_registers_are_uncached_and_not_executable)
{
	paddr_t regs[] = { lapic_phys(), IOAPIC_PHYS };

	for (unsigned i = 0; i < ARRAY_SIZE(regs); i++) {
		paddr_t pa;
		unsigned prot;

		KT_ASSERT(pmap_lookup(pmap_kernel(), (vaddr_t)phys_to_virt(regs[i]),
				      &pa, &prot, NULL));
		KT_EXPECT(pa == regs[i]);
		KT_EXPECT(prot & PMAP_NOCACHE);
		KT_EXPECT((prot & PMAP_PROT_MASK) == (PMAP_R | PMAP_W));
	}
}

struct idt_gate_raw {
	uint16_t offset_lo, selector;
	uint8_t ist, type;
	uint16_t offset_mid;
	uint32_t offset_hi, reserved;
} __packed;

KTEST(x86, idt_gates_point_at_their_stubs_with_ist_for_df_and_nmi)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __packed idtr;
	const struct idt_gate_raw *idt;

	__asm__ volatile("sidt %0" : "=m"(idtr));
	KT_ASSERT(idtr.limit == 256 * 16 - 1);
	idt = (const struct idt_gate_raw *)idtr.base;
	for (unsigned v = 0; v < 256; v++) {
		uint64_t target = idt[v].offset_lo | (uint64_t)idt[v].offset_mid << 16 |
				  (uint64_t)idt[v].offset_hi << 32;

		KT_EXPECT(target == (uintptr_t)trap_stubs + v * TRAP_STUB_SIZE);
		KT_EXPECT(idt[v].selector == GDT_KERNEL_CS);
		KT_EXPECT((idt[v].type & 0x8f) == 0x8e);	/* present interrupt gate */
	}
	KT_EXPECT(idt[8].ist == IST_DOUBLE_FAULT);
	KT_EXPECT(idt[2].ist == IST_NMI);
	KT_EXPECT(idt[14].ist == 0);
}

KTEST(x86, prot_none_leaf_keeps_its_frame_and_can_be_reopened)
{
	struct pmap pm;
	struct page *pg = page_alloc(0);
	paddr_t pa;
	unsigned prot;

	KT_ASSERT(pg != NULL);
	KT_ASSERT(pmap_create(&pm) == 0);
	KT_EXPECT(pmap_enter(&pm, TEST_UVA, page_pa(pg), PAGE_SIZE, PMAP_USER) == 0);
	KT_EXPECT(pmap_lookup(&pm, TEST_UVA, &pa, &prot, NULL));
	KT_EXPECT(pa == page_pa(pg));
	KT_EXPECT((prot & PMAP_PROT_MASK) == 0 && (prot & PMAP_USER));
	pmap_protect(&pm, TEST_UVA, TEST_UVA + PAGE_SIZE, PMAP_R);
	KT_EXPECT(pmap_lookup(&pm, TEST_UVA, &pa, &prot, NULL));
	KT_EXPECT((prot & (PMAP_PROT_MASK | PMAP_USER)) == (PMAP_R | PMAP_USER));
	pmap_protect(&pm, TEST_UVA, TEST_UVA + PAGE_SIZE, 0);
	KT_EXPECT(pmap_lookup(&pm, TEST_UVA, NULL, &prot, NULL));
	KT_EXPECT((prot & PMAP_PROT_MASK) == 0);
	KT_EXPECT(pmap_remove(&pm, TEST_UVA, TEST_UVA + PAGE_SIZE) == 1);
	KT_EXPECT(pm.nr_tables == 0);
	pmap_destroy(&pm);
	page_free(pg, 0);
}

KTEST(x86, write_combining_and_uncached_are_told_apart)
{
	struct page *pg = page_alloc(0);
	unsigned prot;

	KT_ASSERT(pg != NULL);
	KT_ASSERT(pmap_enter(pmap_kernel(), KTEST_VA_BASE, page_pa(pg), PAGE_SIZE,
			     PMAP_R | PMAP_W | PMAP_WC) == 0);
	KT_EXPECT(pmap_lookup(pmap_kernel(), KTEST_VA_BASE, NULL, &prot, NULL));
	if (x86_cpu.pat)
		KT_EXPECT((prot & (PMAP_WC | PMAP_NOCACHE)) == PMAP_WC);
	else
		KT_EXPECT(prot & PMAP_NOCACHE);
	*(volatile uint32_t *)KTEST_VA_BASE = 0x12345678;
	KT_EXPECT(*(volatile uint32_t *)page_address(pg) == 0x12345678);
	KT_EXPECT(pmap_remove(pmap_kernel(), KTEST_VA_BASE, KTEST_VA_BASE + PAGE_SIZE) == 1);
	page_free(pg, 0);
}

KTEST(x86, user_pmap_shares_the_kernel_half_and_frees_every_table)
{
	size_t free_before = pmem_free_pages();
	struct pmap pm;
	struct page *pg = page_alloc(0);
	paddr_t kpa, upa;

	KT_ASSERT(pg != NULL);
	KT_ASSERT(pmap_create(&pm) == 0);
	KT_EXPECT(pm.nr_tables == 0);
	KT_EXPECT(pmap_lookup(pmap_kernel(), (vaddr_t)__text_start, &kpa, NULL, NULL));
	KT_EXPECT(pmap_lookup(&pm, (vaddr_t)__text_start, &upa, NULL, NULL));
	KT_EXPECT(kpa == upa);
	KT_EXPECT(pmap_enter(&pm, USER_TOP - PAGE_SIZE, page_pa(pg), PAGE_SIZE,
			     PMAP_R | PMAP_USER) == 0);
	KT_EXPECT(pm.nr_tables == 3);
	KT_EXPECT(!pmap_lookup(pmap_kernel(), USER_TOP - PAGE_SIZE, NULL, NULL, NULL));
	pmap_destroy(&pm);
	page_free(pg, 0);
	KT_EXPECT(pmem_free_pages() == free_before);
}

KTEST(x86, unwinder_refuses_bad_frames)
{
	uintptr_t frame[2] = { 0, 0x1234 };	/* a chain end: fp 0, pc 0x1234 */
	uintptr_t fp, pc = 0;

	fp = 0x1000;				/* user half */
	KT_EXPECT(!arch_unwind(&fp, &pc));
	fp = KTEST_VA_BASE;			/* kernel, but unmapped */
	KT_EXPECT(!arch_unwind(&fp, &pc));
	fp = (uintptr_t)frame + 4;		/* misaligned */
	KT_EXPECT(!arch_unwind(&fp, &pc));
	fp = (uintptr_t)frame;
	KT_EXPECT(arch_unwind(&fp, &pc));
	KT_EXPECT(fp == 0 && pc == 0x1234);
	KT_EXPECT(!arch_unwind(&fp, &pc));
}
