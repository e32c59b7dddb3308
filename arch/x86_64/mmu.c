/*
 * arch/x86_64/mmu.c - the page-table verbs (pmap_*) on 4-level paging.
 *
 * A virtual address is split into four 9-bit table indexes and a 12-bit
 * offset: PML4 (level 4) -> PDPT (3) -> PD (2) -> PT (1). A leaf is a PT
 * entry (4 KiB) or a PD entry with PS set (2 MiB). Table pages come from
 * pgtable_alloc() and are reached through the direct map; pm->nr_tables
 * counts them (the root excluded) so mm/ can check that none leak.
 *
 * The kernel half (PML4 slots 256-511) is the same in every address space:
 * pmap_create() copies the kernel's top-level entries, so the PDPTs below
 * them are shared and never freed. The kernel creates its top-level
 * entries in arch_mmu_init(); KTEST_VA_BASE lies in a slot that already
 * exists (the kernel image's).
 *
 * Protection: x86 pages are always readable when present. A leaf with no
 * access at all (PROT_NONE) keeps its frame but has P clear and the
 * software bit PTE_PROTNONE set. No-execute is PTE bit 63 (EFER.NXE).
 * PMAP_NOCACHE sets PCD|PWT (PAT entry 3: uncached); PMAP_WC sets PWT alone,
 * which setup.c made PAT entry 1 = write-combining; without a PAT, WC
 * falls back to uncached.
 *
 * Locking: one CPU, and the callers (mm/) hold the page-table lock.
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/sections.h"
#include "mm/pgtable.h"
#include "cpu.h"

typedef uint64_t pte_t;

#define PTE_P		(1ull << 0)
#define PTE_W		(1ull << 1)
#define PTE_U		(1ull << 2)
#define PTE_PWT		(1ull << 3)
#define PTE_PCD		(1ull << 4)
#define PTE_A		(1ull << 5)
#define PTE_D		(1ull << 6)
#define PTE_PS		(1ull << 7)
#define PTE_G		(1ull << 8)
#define PTE_PROTNONE	(1ull << 9)	/* software: a no-access leaf, P clear */
#define PTE_NX		(1ull << 63)
#define PTE_ADDR	0x000ffffffffff000ull
#define PTE_TABLE	(PTE_P | PTE_W)	/* a link to a table: leaves decide */

#define PT_ENTRIES	512
#define KERNEL_HALF	0xffff800000000000ul	/* lowest kernel-half address */
#define PHYS_LIMIT	(1ull << 52)
/* Flushing more pages than this one by one costs more than a full flush. */
#define FLUSH_ALL_PAGES	32

static struct pmap kernel_pmap;
uintptr_t direct_map_end = DIRECT_MAP_BASE + EARLY_MAP_LIMIT;

/* ---- entries ------------------------------------------------------------- */

static inline unsigned pt_index(vaddr_t va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

/* level_span() is the bytes one entry at @level covers. */
static inline uint64_t level_span(int level)
{
	return 1ull << (PAGE_SHIFT + 9 * (level - 1));
}

static inline pte_t *table_at(paddr_t pa)
{
	return phys_to_virt(pa);
}

static inline bool pte_empty(pte_t e)
{
	return !(e & (PTE_P | PTE_PROTNONE));
}

static inline bool pte_leaf(pte_t e, int level)
{
	return !pte_empty(e) && (level == 1 || (level < 4 && (e & PTE_PS)));
}

static inline bool pte_table(pte_t e, int level)
{
	return level > 1 && (e & PTE_P) && !pte_leaf(e, level);
}

static bool va_canonical(vaddr_t va)
{
	return va < (1ul << 47) || va >= KERNEL_HALF;
}

static pte_t prot_to_pte(unsigned prot)
{
	pte_t e = (prot & PMAP_PROT_MASK) ? PTE_P : PTE_PROTNONE;

	if (prot & PMAP_W)
		e |= PTE_W;
	if (!(prot & PMAP_X) && x86_cpu.nx)
		e |= PTE_NX;
	if (prot & PMAP_USER)
		e |= PTE_U;
	if ((prot & PMAP_GLOBAL) && x86_cpu.pge)
		e |= PTE_G;
	if (prot & PMAP_NOCACHE)
		e |= PTE_PCD | PTE_PWT;
	else if (prot & PMAP_WC)
		e |= x86_cpu.pat ? PTE_PWT : PTE_PCD | PTE_PWT;
	return e;
}

static unsigned pte_to_prot(pte_t e)
{
	unsigned prot = 0;

	if (e & PTE_P) {
		prot |= PMAP_R;
		if (e & PTE_W)
			prot |= PMAP_W;
		if (!(e & PTE_NX))
			prot |= PMAP_X;
	}
	if (e & PTE_U)
		prot |= PMAP_USER;
	if (e & PTE_G)
		prot |= PMAP_GLOBAL;
	if (e & PTE_PCD)
		prot |= PMAP_NOCACHE;
	else if (e & PTE_PWT)
		prot |= PMAP_WC;
	return prot;
}

static bool table_is_empty(const pte_t *table)
{
	for (unsigned i = 0; i < PT_ENTRIES; i++)
		if (!pte_empty(table[i]))
			return false;
	return true;
}

/* ---- TLB ------------------------------------------------------------------ */

static void flush_all(void)
{
	uint64_t cr4 = read_cr4();

	if (cr4 & CR4_PGE) {
		/* Toggling PGE drops global entries too. */
		write_cr4(cr4 & ~(uint64_t)CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
}

void pmap_flush_tlb(vaddr_t start, vaddr_t end)
{
	if (end <= start)
		return;
	if ((end - start) / PAGE_SIZE > FLUSH_ALL_PAGES) {
		flush_all();
		return;
	}
	for (vaddr_t va = start; va < end; va += PAGE_SIZE)
		invlpg(va);
}

/* ---- the verbs ------------------------------------------------------------- */

struct pmap *pmap_kernel(void)
{
	/* Before arch_mmu_init(), the kernel's page table is boot.S's. */
	if (!kernel_pmap.root)
		kernel_pmap.root = read_cr3() & PTE_ADDR;
	return &kernel_pmap;
}

/*
 * pmap_enter() checks the walk first (how many tables are missing, and
 * whether a leaf of the other size is in the way), allocates every missing
 * table, and only then changes entries: an -ENOMEM leaves nothing behind.
 */
int pmap_enter(struct pmap *pm, vaddr_t va, paddr_t pa, size_t size, unsigned prot)
{
	int leaf_level = size == PAGE_SIZE ? 1 : size == HUGE_SIZE ? 2 : 0;
	paddr_t spare[3];
	unsigned need = 0, used = 0;
	pte_t *table, *slot, old;
	int level;

	if (!leaf_level || !IS_ALIGNED(va, size) || !IS_ALIGNED(pa, size) ||
	    !va_canonical(va) || pa >= PHYS_LIMIT)
		return -EINVAL;

	table = table_at(pm->root);
	for (level = 4; level > leaf_level; level--) {
		pte_t e = table[pt_index(va, level)];

		if (pte_empty(e)) {
			need = level - leaf_level;
			break;
		}
		if (pte_leaf(e, level))
			return -EEXIST;		/* a bigger leaf covers va */
		table = table_at(e & PTE_ADDR);
	}
	if (!need && pte_table(table[pt_index(va, leaf_level)], leaf_level))
		return -EEXIST;			/* 4 KiB leaves where a 2 MiB one goes */

	for (unsigned i = 0; i < need; i++) {
		spare[i] = pgtable_alloc();
		if (!spare[i]) {
			while (i--)
				pgtable_free(spare[i]);
			return -ENOMEM;
		}
	}

	table = table_at(pm->root);
	for (level = 4; level > leaf_level; level--) {
		slot = &table[pt_index(va, level)];
		if (pte_empty(*slot)) {
			*slot = spare[used++] | PTE_TABLE | (va < KERNEL_HALF ? PTE_U : 0);
			pm->nr_tables++;
		}
		table = table_at(*slot & PTE_ADDR);
	}
	slot = &table[pt_index(va, leaf_level)];
	old = *slot;
	*slot = pa | prot_to_pte(prot) | (leaf_level == 2 ? PTE_PS : 0);
	if (old & PTE_P)
		invlpg(va);
	return 0;
}

/*
 * next_boundary() is the start of the next @level entry after @va, or
 * @end if that comes first (or the address space ends).
 */
static vaddr_t next_boundary(vaddr_t va, vaddr_t end, int level)
{
	vaddr_t next = (va | (level_span(level) - 1)) + 1;

	return (next == 0 || next > end) ? end : next;
}

static __noreturn void leaf_cut(const char *verb, vaddr_t start, vaddr_t end, vaddr_t leaf)
{
	panic("%s: range [%#lx, %#lx) cuts the 2 MiB leaf at %#lx (caller bug)",
	      verb, (unsigned long)start, (unsigned long)end, (unsigned long)leaf);
}

/*
 * remove_level() unmaps the leaves of [start, end) below @table (at
 * @level) and frees the tables it empties, except the kernel half's
 * PDPTs, which every address space shares. Returns the leaves removed.
 */
static size_t remove_level(struct pmap *pm, pte_t *table, int level,
			   vaddr_t start, vaddr_t end)
{
	size_t n = 0;

	for (vaddr_t va = start, next; va < end; va = next) {
		pte_t *slot = &table[pt_index(va, level)];
		pte_t e = *slot;
		pte_t *child;

		next = next_boundary(va, end, level);
		if (pte_empty(e))
			continue;
		if (pte_leaf(e, level)) {
			if (next - va != level_span(level))
				leaf_cut("pmap_remove", start, end,
					 va & ~(level_span(level) - 1));
			*slot = 0;
			n++;
			continue;
		}
		child = table_at(e & PTE_ADDR);
		n += remove_level(pm, child, level - 1, va, next);
		if (level == 4 && va >= KERNEL_HALF)
			continue;	/* shared kernel PDPT: keep */
		if (table_is_empty(child)) {
			*slot = 0;
			pgtable_free(e & PTE_ADDR);
			pm->nr_tables--;
		}
	}
	return n;
}

size_t pmap_remove(struct pmap *pm, vaddr_t start, vaddr_t end)
{
	size_t n;

	assert(IS_ALIGNED(start, PAGE_SIZE) && IS_ALIGNED(end, PAGE_SIZE));
	if (end <= start)
		return 0;
	assert(va_canonical(start) && va_canonical(end - 1) &&
	       (start >= KERNEL_HALF) == (end - 1 >= KERNEL_HALF));
	n = remove_level(pm, table_at(pm->root), 4, start, end);
	pmap_flush_tlb(start, end);
	return n;
}

static void protect_level(pte_t *table, int level, vaddr_t start, vaddr_t end,
			  unsigned prot)
{
	for (vaddr_t va = start, next; va < end; va = next) {
		pte_t *slot = &table[pt_index(va, level)];
		pte_t e = *slot;
		unsigned new_prot;

		next = next_boundary(va, end, level);
		if (pte_empty(e))
			continue;
		if (!pte_leaf(e, level)) {
			protect_level(table_at(e & PTE_ADDR), level - 1, va, next, prot);
			continue;
		}
		if (next - va != level_span(level))
			leaf_cut("pmap_protect", start, end, va & ~(level_span(level) - 1));
		/* New access rights; user, global and cache attributes stay. */
		new_prot = (pte_to_prot(e) & ~PMAP_PROT_MASK) | (prot & PMAP_PROT_MASK);
		*slot = (e & (PTE_ADDR | PTE_PS | PTE_A | PTE_D)) | prot_to_pte(new_prot);
	}
}

/*
 * pmap_protect() changes the access rights (PMAP_R/W/X of @prot) of every
 * leaf in [start, end); each leaf keeps its PMAP_USER, PMAP_GLOBAL and
 * cache attributes. A 2 MiB leaf must lie wholly inside the range.
 */
void pmap_protect(struct pmap *pm, vaddr_t start, vaddr_t end, unsigned prot)
{
	assert(IS_ALIGNED(start, PAGE_SIZE) && IS_ALIGNED(end, PAGE_SIZE));
	if (end <= start)
		return;
	assert(va_canonical(start) && va_canonical(end - 1));
	protect_level(table_at(pm->root), 4, start, end, prot);
	pmap_flush_tlb(start, end);
}

bool pmap_lookup(struct pmap *pm, vaddr_t va, paddr_t *pa, unsigned *prot, size_t *size)
{
	pte_t *table = table_at(pm->root);

	if (!va_canonical(va))
		return false;
	for (int level = 4; level >= 1; level--) {
		pte_t e = table[pt_index(va, level)];
		uint64_t span = level_span(level);

		if (pte_empty(e))
			return false;
		if (pte_leaf(e, level)) {
			if (pa)
				*pa = (e & PTE_ADDR & ~(span - 1)) + (va & (span - 1));
			if (prot)
				*prot = pte_to_prot(e);
			if (size)
				*size = span;
			return true;
		}
		table = table_at(e & PTE_ADDR);
	}
	return false;
}

vaddr_t pmap_hole_end(struct pmap *pm, vaddr_t va)
{
	pte_t *table = table_at(pm->root);
	vaddr_t end = ALIGN_DOWN(va, PAGE_SIZE) + PAGE_SIZE;

	if (!va_canonical(va))
		return end;
	for (int level = 4; level >= 1; level--) {
		pte_t e = table[pt_index(va, level)];
		uint64_t span = level_span(level);

		if (pte_empty(e)) {
			end = ALIGN_DOWN(va, span) + span;
			break;
		}
		if (pte_leaf(e, level))
			break;
		table = table_at(e & PTE_ADDR);
	}
	return end > va ? end : va + PAGE_SIZE;
}

void pmap_activate(struct pmap *pm)
{
	if ((read_cr3() & PTE_ADDR) != pm->root)
		write_cr3(pm->root);
}

int pmap_create(struct pmap *pm)
{
	paddr_t root = pgtable_alloc();
	pte_t *new, *kernel;

	if (!root)
		return -ENOMEM;
	new = table_at(root);
	kernel = table_at(pmap_kernel()->root);
	for (unsigned i = PT_ENTRIES / 2; i < PT_ENTRIES; i++)
		new[i] = kernel[i];
	pm->root = root;
	pm->nr_tables = 0;
	return 0;
}

/* free_tables() frees the tables below @table (at @level), not the frames. */
static void free_tables(struct pmap *pm, pte_t *table, int level, unsigned from,
			unsigned to)
{
	for (unsigned i = from; i < to; i++) {
		pte_t e = table[i];

		if (!pte_table(e, level))
			continue;
		free_tables(pm, table_at(e & PTE_ADDR), level - 1, 0, PT_ENTRIES);
		table[i] = 0;
		pgtable_free(e & PTE_ADDR);
		pm->nr_tables--;
	}
}

void pmap_destroy(struct pmap *pm)
{
	assert(pm != &kernel_pmap && pm->root);
	if ((read_cr3() & PTE_ADDR) == pm->root)
		pmap_activate(pmap_kernel());
	free_tables(pm, table_at(pm->root), 4, 0, PT_ENTRIES / 2);
	pgtable_free(pm->root);
	pm->root = 0;
	pm->nr_tables = 0;
}

/* ---- the kernel page table ------------------------------------------------- */

struct map_stats {
	size_t huge, small;
};

/* map_range() maps [va, va + len) to pa, with 2 MiB leaves where they fit. */
static void map_range(struct pmap *pm, vaddr_t va, paddr_t pa, uint64_t len,
		      unsigned prot, struct map_stats *st)
{
	while (len) {
		size_t size = IS_ALIGNED(va | pa, HUGE_SIZE) && len >= HUGE_SIZE ?
			      HUGE_SIZE : PAGE_SIZE;
		int err = pmap_enter(pm, va, pa, size, prot);

		if (err)
			panic("arch_mmu_init: cannot map %#lx -> %#llx (error %d)",
			      (unsigned long)va, (unsigned long long)pa, err);
		if (size == HUGE_SIZE)
			st->huge++;
		else
			st->small++;
		va += size;
		pa += size;
		len -= size;
	}
}

/* map_direct() maps [start, end) ∩ [lo, hi) of physical memory in the direct map. */
static void map_direct(struct pmap *pm, paddr_t start, paddr_t end, paddr_t lo,
		       paddr_t hi, unsigned prot, struct map_stats *st)
{
	start = MAX(start, lo);
	end = MIN(end, hi);
	if (start < end)
		map_range(pm, DIRECT_MAP_BASE + start, start, end - start, prot, st);
}

static void map_image(struct pmap *pm, const char *from, const char *to,
		      unsigned prot, struct map_stats *st)
{
	map_range(pm, (vaddr_t)from, virt_to_phys(from), (uintptr_t)to - (uintptr_t)from,
		  prot, st);
}

extern char boot_stack_guard[];

/*
 * arch_mmu_init() builds the kernel page table and switches to it:
 *   - the direct map of every RAM range, never executable; where it
 *     aliases the kernel image, text and rodata are read-only;
 *   - the image at its link address: text R+X, rodata R, data and bss RW,
 *     .boot R, and the page below the boot stack left out as a guard;
 *   - the LAPIC and IOAPIC registers, uncached, in the direct map.
 * Every kernel mapping is global. boot.S's identity map is gone afterwards.
 */
void arch_mmu_init(const struct bootinfo *bi)
{
	const unsigned rw = PMAP_R | PMAP_W | PMAP_GLOBAL, ro = PMAP_R | PMAP_GLOBAL;
	paddr_t k_start = virt_to_phys(__kernel_start);
	paddr_t k_ro_end = virt_to_phys(__rodata_end);
	paddr_t k_end = virt_to_phys(__kernel_end);
	paddr_t top = 0;
	struct map_stats st = { 0 };
	struct pmap pm = { 0 };

	pm.root = pgtable_alloc();
	if (!pm.root)
		panic("arch_mmu_init: no memory for the kernel page table");

	for (unsigned i = 0; i < bi->nr_ram; i++) {
		paddr_t s = bi->ram[i].start, e = MIN(bi->ram[i].end, (paddr_t)DIRECT_MAP_SIZE);

		if (bi->ram[i].end > DIRECT_MAP_SIZE)
			pr_warn("mmu: RAM above %llu GiB is not mapped\n",
				(unsigned long long)(DIRECT_MAP_SIZE >> 30));
		map_direct(&pm, s, e, 0, k_start, rw, &st);
		map_direct(&pm, s, e, k_start, k_ro_end, ro, &st);
		map_direct(&pm, s, e, k_ro_end, k_end, rw, &st);
		map_direct(&pm, s, e, k_end, DIRECT_MAP_SIZE, rw, &st);
		top = MAX(top, e);
	}

	map_image(&pm, __kernel_start, __text_start, ro, &st);
	map_image(&pm, __text_start, __text_end, ro | PMAP_X, &st);
	map_image(&pm, __rodata_start, __rodata_end, ro, &st);
	map_image(&pm, __data_start, boot_stack_guard, rw, &st);
	map_image(&pm, boot_stack_guard + PAGE_SIZE, __kernel_end, rw, &st);

	map_range(&pm, (vaddr_t)phys_to_virt(lapic_phys()), lapic_phys(), PAGE_SIZE,
		  rw | PMAP_NOCACHE, &st);
	map_range(&pm, (vaddr_t)phys_to_virt(IOAPIC_PHYS), IOAPIC_PHYS, PAGE_SIZE,
		  rw | PMAP_NOCACHE, &st);

	write_cr3(pm.root);
	flush_all();
	kernel_pmap = pm;
	direct_map_end = DIRECT_MAP_BASE + top;
	pr_info("mmu: kernel page table at %#llx: %zu table pages, %zu 2 MiB and "
		"%zu 4 KiB leaves, direct map of RAM up to %llu MiB\n",
		(unsigned long long)pm.root, pm.nr_tables, st.huge, st.small,
		(unsigned long long)(top >> 20));
}
