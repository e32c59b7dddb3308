/*
 * kernel/uaccess_test.c - the user-copy routines of every port keep the
 * user-access window (RFLAGS.AC on x86_64, sstatus.SUM on riscv64) open
 * only while they run, and stop exactly at the first byte they cannot
 * reach. Run with ktest=uaccess.
 *
 * The user page sits at TEST_UVA in a page table of the test's own with
 * nothing mapped above it. current_mm is NULL meanwhile, so a fault there
 * goes straight to the routine's exception-table fixup.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/ktest.h"
#include "kernel/uaccess.h"
#include "mm/page.h"
#include "mm/vm.h"

#define TEST_UVA 0x40000000ul

KTEST(uaccess, copies_close_the_window_after_success_and_after_a_fault)
{
	struct mm *saved_mm = current_mm;
	struct page *pg = page_alloc(0);
	char *end = (char *)TEST_UVA + PAGE_SIZE;	/* the first unmapped byte */
	uint64_t words[2] = { 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull };
	struct pmap pm;

	KT_ASSERT(pg != NULL);
	KT_ASSERT(pmap_create(&pm) == 0);
	KT_ASSERT(pmap_enter(&pm, TEST_UVA, (paddr_t)page_to_pfn(pg) << PAGE_SHIFT,
			     PAGE_SIZE, PMAP_R | PMAP_W | PMAP_USER) == 0);
	mm_switch(NULL);
	pmap_activate(&pm);

	KT_EXPECT(arch_copy_user(end - 8, words, 8) == 0);
	KT_EXPECT(!arch_user_access_is_open());
	KT_EXPECT(arch_copy_user(words + 1, end - 8, 8) == 0);
	KT_EXPECT(!arch_user_access_is_open());
	KT_EXPECT(words[1] == words[0]);
	KT_EXPECT(arch_copy_user(end - 8, words, 16) == 8);	/* a word faults */
	KT_EXPECT(!arch_user_access_is_open());
	KT_EXPECT(arch_copy_user(end - 3, (char *)words + 1, 5) == 2); /* a byte faults */
	KT_EXPECT(!arch_user_access_is_open());
	KT_EXPECT(arch_strncpy_user((char *)words, end - 3, 3) == 3);	/* 01 02 03 */
	KT_EXPECT(!arch_user_access_is_open());
	KT_EXPECT(arch_strncpy_user((char *)words, end - 3, 16) == -EFAULT);
	KT_EXPECT(!arch_user_access_is_open());

	mm_switch(saved_mm);
	pmap_destroy(&pm);
	page_free(pg, 0);
}

KTEST(uaccess, begin_opens_the_window_and_end_closes_it)
{
	KT_EXPECT(!arch_user_access_is_open());
	arch_user_access_begin();
	KT_EXPECT(arch_user_access_is_open());
	arch_user_access_end();
	KT_EXPECT(!arch_user_access_is_open());
}

/*
 * A string that runs unterminated up to the end of the user half is a
 * fault, as on Linux (the next byte is unreachable), not a name that is
 * too long: strncpy_from_user() clamps its limit there, and the clamp
 * must not turn into -ENAMETOOLONG.
 */
KTEST(uaccess, unterminated_string_at_the_top_of_the_user_half_is_efault)
{
	struct mm *saved_mm = current_mm;
	struct page *pg = page_alloc(0);
	vaddr_t top_page = USER_TOP - PAGE_SIZE;
	char dst[16];
	struct pmap pm;

	KT_ASSERT(pg != NULL);
	memset(page_address(pg), 'x', PAGE_SIZE);
	KT_ASSERT(pmap_create(&pm) == 0);
	KT_ASSERT(pmap_enter(&pm, top_page, (paddr_t)page_to_pfn(pg) << PAGE_SHIFT,
			     PAGE_SIZE, PMAP_R | PMAP_W | PMAP_USER) == 0);
	mm_switch(NULL);
	pmap_activate(&pm);

	KT_EXPECT(strncpy_from_user(dst, (const char *)(USER_TOP - 3), sizeof(dst)) == -EFAULT);
	KT_EXPECT(strncpy_from_user(dst, (const char *)top_page, 8) == -ENAMETOOLONG);
	((char *)page_address(pg))[PAGE_SIZE - 1] = '\0';
	KT_EXPECT(strncpy_from_user(dst, (const char *)(USER_TOP - 3), sizeof(dst)) == 2);
	KT_EXPECT(!arch_user_access_is_open());

	mm_switch(saved_mm);
	pmap_destroy(&pm);
	page_free(pg, 0);
}
