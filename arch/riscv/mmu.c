/*
 * arch/riscv/mmu.c - Sv39 page tables behind the pmap verbs of kernel/arch.h.
 *
 * An Sv39 table has 512 eight-byte entries. A virtual address splits into
 * three 9-bit indices (VPN[2] for the root, VPN[1], VPN[0]) and a 12-bit
 * offset. An entry with V set is a leaf when any of R, W, X is set and a
 * pointer to the next table otherwise, so a leaf can sit at level 1 (a
 * 2 MiB megapage) or level 2 (a 4 KiB page). Atlas never creates 1 GiB
 * leaves after boot.
 *
 * Table pages come from pgtable_alloc() and are reached through the direct
 * map. pm->nr_tables counts every table page below the root.
 *
 * The kernel half (root entries 256..511) is shared: pmap_create() copies
 * the kernel root's entries, so every address space points at the same
 * level-1 tables. For that to stay true the kernel pmap never frees a
 * level-1 table, and arch_mmu_init() creates every kernel root entry the
 * kernel uses (the direct map, the image, KTEST_VA_BASE) before any user
 * pmap exists.
 *
 * Leaves record more than the hardware needs, in bits it ignores:
 *  - A and D are set on every leaf, so no access ever needs the hardware
 *    (or a trap) to set them;
 *  - PMAP_NOCACHE and PMAP_WC have no PTE bits without the Svpbmt extension
 *    (QEMU's virt treats all MMIO as uncached anyway); they are kept in the
 *    two RSW bits so pmap_lookup() can report them;
 *  - a leaf with no access at all (prot 0, e.g. PROT_NONE) is stored with V
 *    clear and A set: the hardware faults on it, pmap_lookup() still finds
 *    it, pmap_protect() can make it accessible again.
 *
 * Locking: single CPU; callers serialize (mm holds the page-table lock).
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"
#include "kernel/sections.h"
#include "mm/pgtable.h"
#include "cpu.h"

typedef uint64_t pte_t;

#define PTE_V		(1UL << 0)
#define PTE_R		(1UL << 1)
#define PTE_W		(1UL << 2)
#define PTE_X		(1UL << 3)
#define PTE_U		(1UL << 4)
#define PTE_G		(1UL << 5)
#define PTE_A		(1UL << 6)
#define PTE_D		(1UL << 7)
#define PTE_RSW_SHIFT	8		/* two bits for software */
#define PTE_RSW_NOCACHE	(1UL << PTE_RSW_SHIFT)
#define PTE_RSW_WC	(2UL << PTE_RSW_SHIFT)
#define PTE_RSW_MASK	(3UL << PTE_RSW_SHIFT)
#define PTE_PPN_SHIFT	10
#define PTE_PPN_MASK	(((1UL << 44) - 1) << PTE_PPN_SHIFT)
#define PTE_RWX		(PTE_R | PTE_W | PTE_X)

#define PT_ENTRIES	512
#define PT_LEVELS	3
#define KERNEL_ROOT_FIRST 256	/* root entries 256..511 are the kernel half */

/* The size a leaf at @level maps: level 0 is the root (1 GiB). */
static const size_t level_size[PT_LEVELS] = { GIGA_SIZE, HUGE_SIZE, PAGE_SIZE };

static struct pmap kernel_pmap;
static bool kernel_pmap_live;	/* arch_mmu_init() has switched to it */

/* Direct-map addresses of RAM, for the unwinder (trap.c). */
uintptr_t riscv_ram_va_lo, riscv_ram_va_hi;

/* ---- entries ------------------------------------------------------------- */

static pte_t *table_of(paddr_t pa)
{
	return phys_to_virt(pa);
}

static paddr_t pte_pa(pte_t pte)
{
	return ((pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT) << PAGE_SHIFT;
}

static pte_t pa_pte(paddr_t pa)
{
	return (pa >> PAGE_SHIFT) << PTE_PPN_SHIFT;
}

/* A leaf: accessible (V with R or X) or kept but inaccessible (A, no V). */
static bool pte_is_leaf(pte_t pte)
{
	if (pte & PTE_V)
		return (pte & (PTE_R | PTE_X)) != 0;
	return (pte & PTE_A) != 0;
}

static bool pte_is_table(pte_t pte)
{
	return (pte & PTE_V) && !(pte & PTE_RWX);
}

/* vpn() is the index of @va in a table at @level (0 = root). */
static unsigned vpn(vaddr_t va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (PT_LEVELS - 1 - level))) & (PT_ENTRIES - 1);
}

/* Sv39 addresses are sign-extended from bit 38. */
static bool va_is_canonical(vaddr_t va)
{
	return va < USER_TOP || va >= (vaddr_t)-USER_TOP;
}

/* prot_to_pte() turns PMAP_* bits into leaf bits (without the frame). */
static pte_t prot_to_pte(unsigned prot)
{
	pte_t pte = PTE_A | PTE_D;

	if (prot & PMAP_R)
		pte |= PTE_R;
	if (prot & PMAP_W)
		pte |= PTE_R | PTE_W;	/* W without R is a reserved encoding */
	if (prot & PMAP_X)
		pte |= PTE_X;
	if (pte & PTE_RWX)
		pte |= PTE_V;
	if (prot & PMAP_USER)
		pte |= PTE_U;
	if (prot & PMAP_GLOBAL)
		pte |= PTE_G;
	if (prot & PMAP_NOCACHE)
		pte |= PTE_RSW_NOCACHE;
	else if (prot & PMAP_WC)
		pte |= PTE_RSW_WC;
	return pte;
}

static unsigned pte_to_prot(pte_t pte)
{
	unsigned prot = 0;

	if (pte & PTE_V) {
		prot |= pte & PTE_R ? PMAP_R : 0;
		prot |= pte & PTE_W ? PMAP_W : 0;
		prot |= pte & PTE_X ? PMAP_X : 0;
	}
	prot |= pte & PTE_U ? PMAP_USER : 0;
	prot |= pte & PTE_G ? PMAP_GLOBAL : 0;
	if ((pte & PTE_RSW_MASK) == PTE_RSW_NOCACHE)
		prot |= PMAP_NOCACHE;
	if ((pte & PTE_RSW_MASK) == PTE_RSW_WC)
		prot |= PMAP_WC;
	return prot;
}

static bool table_is_empty(const pte_t *t)
{
	for (int i = 0; i < PT_ENTRIES; i++)
		if (t[i])
			return false;
	return true;
}

/*
 * pmap_is_live() says whether the CPU may hold translations of @va from
 * @pm: it is the active table, or @va is in the shared kernel half.
 */
static bool pmap_is_live(struct pmap *pm, vaddr_t va)
{
	paddr_t active = (csr_read(satp) & SATP_PPN_MASK) << PAGE_SHIFT;

	if (pm->root == active)
		return true;
	return pm == &kernel_pmap && kernel_pmap_live && va >= (vaddr_t)-USER_TOP;
}

/* pmap_va_allowed() keeps user pmaps out of the shared kernel half. */
static bool pmap_va_allowed(struct pmap *pm, vaddr_t va, vaddr_t end)
{
	if (!va_is_canonical(va) || !va_is_canonical(end - 1) || end <= va)
		return false;
	if (pm == &kernel_pmap)
		return (va < USER_TOP) == (end - 1 < USER_TOP);
	return end <= USER_TOP;
}

/* ---- pmap_enter ---------------------------------------------------------- */

/*
 * pmap_enter(): see kernel/arch.h. Also -EINVAL for a va outside Sv39 or,
 * in a user pmap, outside the user half (the kernel half is shared).
 */
int pmap_enter(struct pmap *pm, vaddr_t va, paddr_t pa, size_t size, unsigned prot)
{
	int leaf_level = size == PAGE_SIZE ? 2 : size == HUGE_SIZE ? 1 : -1;
	paddr_t fresh[PT_LEVELS - 1];
	int nr_fresh = 0, needed = 0, level;
	pte_t *t, old;

	if (leaf_level < 0 || !IS_ALIGNED(va, size) || !IS_ALIGNED(pa, size) ||
	    !pmap_va_allowed(pm, va, va + size))
		return -EINVAL;

	/* Look before changing anything: what is in the way, what is missing. */
	t = table_of(pm->root);
	for (level = 0; level < leaf_level; level++) {
		pte_t pte = t[vpn(va, level)];

		if (pte_is_leaf(pte))
			return -EEXIST;	/* a larger leaf covers va */
		if (!pte_is_table(pte)) {
			needed = leaf_level - level;
			break;
		}
		t = table_of(pte_pa(pte));
	}
	if (!needed) {
		old = t[vpn(va, leaf_level)];
		/* A table where the huge leaf goes: only an empty one may go. */
		if (pte_is_table(old) && !table_is_empty(table_of(pte_pa(old))))
			return -EEXIST;
	}

	/* Allocate every missing table first, so -ENOMEM changes nothing. */
	for (nr_fresh = 0; nr_fresh < needed; nr_fresh++) {
		fresh[nr_fresh] = pgtable_alloc();
		if (!fresh[nr_fresh]) {
			while (nr_fresh > 0)
				pgtable_free(fresh[--nr_fresh]);
			return -ENOMEM;
		}
	}

	/* Link the new tables and write the leaf. */
	t = table_of(pm->root);
	for (level = 0; level < leaf_level; level++) {
		pte_t *slot = &t[vpn(va, level)];

		if (!pte_is_table(*slot)) {
			paddr_t table = fresh[--nr_fresh];

			*slot = pa_pte(table) | PTE_V;
			pm->nr_tables++;
		}
		t = table_of(pte_pa(*slot));
	}
	old = t[vpn(va, leaf_level)];
	if (pte_is_table(old)) {
		/* The empty table checked above: give it back. */
		pgtable_free(pte_pa(old));
		pm->nr_tables--;
	}
	t[vpn(va, leaf_level)] = pa_pte(pa) | prot_to_pte(prot);

	/* Sv39 lets a CPU cache even invalid entries: fence the address. */
	if (pmap_is_live(pm, va)) {
		if (pte_is_table(old))
			sfence_vma_all();
		else
			sfence_vma_page(va);
	}
	return 0;
}

/* ---- walking a range ----------------------------------------------------- */

/*
 * struct range_walk carries one pmap_remove() or pmap_protect() over a
 * range: which verb, what it found, whether table pages were freed.
 */
struct range_walk {
	struct pmap *pm;
	vaddr_t start, end;
	bool remove;		/* else protect */
	pte_t prot_bits;	/* protect: the new R/W/X/V bits */
	size_t leaves;
	bool freed_table;
};

/* walk_leaf() applies the verb to one leaf mapping [va, va + size). */
static void walk_leaf(struct range_walk *w, pte_t *slot, vaddr_t va, size_t size)
{
	if (va < w->start || va + size > w->end)
		panic("pmap: a %lu KiB leaf at 0x%lx is only partly inside [0x%lx, 0x%lx)",
		      (unsigned long)(size >> 10), (unsigned long)va,
		      (unsigned long)w->start, (unsigned long)w->end);
	if (w->remove)
		*slot = 0;
	else
		*slot = (*slot & ~(PTE_V | PTE_RWX)) | w->prot_bits;
	w->leaves++;
}

/*
 * walk_table() visits [va, va + span of @t) ∩ the walk's range in the
 * table @t at @level, recursing into lower tables and freeing those that a
 * remove leaves empty (except the kernel's shared level-1 tables).
 */
static void walk_table(struct range_walk *w, pte_t *t, int level, vaddr_t base)
{
	size_t step = level_size[level];
	unsigned first = 0, last = PT_ENTRIES - 1;

	if (w->start > base)
		first = vpn(w->start, level);
	if (w->end - 1 < base + step * PT_ENTRIES - 1)
		last = vpn(w->end - 1, level);

	for (unsigned i = first; i <= last; i++) {
		vaddr_t va = base + i * step;
		pte_t pte = t[i];
		pte_t *child;

		if (pte_is_leaf(pte)) {
			walk_leaf(w, &t[i], va, step);
			continue;
		}
		if (!pte_is_table(pte))
			continue;
		child = table_of(pte_pa(pte));
		walk_table(w, child, level + 1, va);
		if (w->remove && table_is_empty(child) &&
		    !(w->pm == &kernel_pmap && level == 0)) {
			t[i] = 0;
			pgtable_free(pte_pa(pte));
			w->pm->nr_tables--;
			w->freed_table = true;
		}
	}
}

/* walk_range() runs @w over its range, which lies in one half. */
static void walk_range(struct range_walk *w)
{
	pte_t *root = table_of(w->pm->root);

	assert((w->start < USER_TOP) == (w->end - 1 < USER_TOP));
	if (w->start < USER_TOP)
		walk_table(w, root, 0, 0);
	else	/* root entry 256 maps DIRECT_MAP_BASE: bias the base */
		walk_table(w, root, 0, (vaddr_t)-USER_TOP - KERNEL_ROOT_FIRST * GIGA_SIZE);
}

/* flush_range() fences what a walk changed, if the CPU may cache it. */
static void flush_range(struct range_walk *w)
{
	if (!w->leaves && !w->freed_table)
		return;
	if (!pmap_is_live(w->pm, w->start) && !pmap_is_live(w->pm, w->end - 1))
		return;
	if (w->freed_table)
		sfence_vma_all();	/* table pages may be cached too */
	else
		pmap_flush_tlb(w->start, w->end);
}

/* pmap_remove(): see kernel/arch.h; panics on a partly covered 2 MiB leaf. */
size_t pmap_remove(struct pmap *pm, vaddr_t start, vaddr_t end)
{
	struct range_walk w = { .pm = pm, .start = start, .end = end, .remove = true };

	if (start >= end)
		return 0;
	assert(IS_ALIGNED(start, PAGE_SIZE) && IS_ALIGNED(end, PAGE_SIZE));
	assert(va_is_canonical(start) && va_is_canonical(end - 1));
	walk_range(&w);
	flush_range(&w);
	return w.leaves;
}

/*
 * pmap_protect() replaces R/W/X of every leaf in the range; U, G and the
 * cache attribute stay. prot 0 keeps the leaf but makes it inaccessible.
 */
void pmap_protect(struct pmap *pm, vaddr_t start, vaddr_t end, unsigned prot)
{
	struct range_walk w = { .pm = pm, .start = start, .end = end, .remove = false };

	if (start >= end)
		return;
	assert(IS_ALIGNED(start, PAGE_SIZE) && IS_ALIGNED(end, PAGE_SIZE));
	assert(va_is_canonical(start) && va_is_canonical(end - 1));
	w.prot_bits = prot_to_pte(prot & PMAP_PROT_MASK) & (PTE_V | PTE_RWX);
	walk_range(&w);
	flush_range(&w);
}

/* ---- lookup, switching, flushing ----------------------------------------- */

/* pmap_lookup() walks the table like the hardware does; prot is PMAP_* form. */
bool pmap_lookup(struct pmap *pm, vaddr_t va, paddr_t *pa, unsigned *prot, size_t *size)
{
	pte_t *t = table_of(pm->root);

	if (!va_is_canonical(va))
		return false;
	for (int level = 0; level < PT_LEVELS; level++) {
		pte_t pte = t[vpn(va, level)];

		if (pte_is_leaf(pte)) {
			size_t leaf = level_size[level];

			if (pa)
				*pa = pte_pa(pte) + (va & (leaf - 1));
			if (prot)
				*prot = pte_to_prot(pte);
			if (size)
				*size = leaf;
			return true;
		}
		if (!pte_is_table(pte))
			return false;
		t = table_of(pte_pa(pte));
	}
	return false;
}

vaddr_t pmap_hole_end(struct pmap *pm, vaddr_t va)
{
	pte_t *t = table_of(pm->root);
	vaddr_t end = ALIGN_DOWN(va, PAGE_SIZE) + PAGE_SIZE;

	if (!va_is_canonical(va))
		return end;
	for (int level = 0; level < PT_LEVELS; level++) {
		pte_t pte = t[vpn(va, level)];

		if (pte_is_leaf(pte))
			break;
		if (!pte_is_table(pte)) {
			end = ALIGN_DOWN(va, level_size[level]) + level_size[level];
			break;
		}
		t = table_of(pte_pa(pte));
	}
	return end > va ? end : va + PAGE_SIZE;
}

/* pmap_activate() loads satp (ASID 0) and flushes every translation. */
void pmap_activate(struct pmap *pm)
{
	csr_write(satp, SATP_MODE_SV39 | (pm->root >> PAGE_SHIFT));
	sfence_vma_all();
}

/* Above this many pages one full flush is cheaper than many single ones. */
#define FLUSH_ALL_PAGES 64

void pmap_flush_tlb(vaddr_t start, vaddr_t end)
{
	if (end <= start)
		return;
	if ((end - start) / PAGE_SIZE > FLUSH_ALL_PAGES) {
		sfence_vma_all();
		return;
	}
	for (vaddr_t va = ALIGN_DOWN(start, PAGE_SIZE); va < end; va += PAGE_SIZE)
		sfence_vma_page(va);
}

/* ---- address spaces ------------------------------------------------------ */

/* pmap_kernel() is the table arch_mmu_init() built. */
struct pmap *pmap_kernel(void)
{
	return &kernel_pmap;
}

/* pmap_create() allocates a root and copies the kernel half's entries. */
int pmap_create(struct pmap *pm)
{
	pte_t *root, *kroot = table_of(kernel_pmap.root);

	pm->root = pgtable_alloc();
	pm->nr_tables = 0;
	if (!pm->root)
		return -ENOMEM;
	/* The new root starts zeroed: an empty user half. Share the kernel half. */
	root = table_of(pm->root);
	for (int i = KERNEL_ROOT_FIRST; i < PT_ENTRIES; i++)
		root[i] = kroot[i];
	return 0;
}

/* free_tables() frees @t's lower tables (not @t itself); leaves stay. */
static void free_tables(struct pmap *pm, pte_t *t, int level)
{
	for (int i = 0; i < PT_ENTRIES; i++) {
		if (!pte_is_table(t[i]))
			continue;
		if (level + 1 < PT_LEVELS - 1)
			free_tables(pm, table_of(pte_pa(t[i])), level + 1);
		pgtable_free(pte_pa(t[i]));
		pm->nr_tables--;
		t[i] = 0;
	}
}

/* pmap_destroy() frees the user half's tables and the root, never the kernel's. */
void pmap_destroy(struct pmap *pm)
{
	pte_t *root = table_of(pm->root);

	assert(pm != &kernel_pmap);
	for (int i = 0; i < KERNEL_ROOT_FIRST; i++) {
		if (!pte_is_table(root[i]))
			continue;
		free_tables(pm, table_of(pte_pa(root[i])), 1);
		pgtable_free(pte_pa(root[i]));
		pm->nr_tables--;
		root[i] = 0;
	}
	assert(pm->nr_tables == 0);
	/* Never free the root the CPU is using. */
	if (pmap_is_live(pm, 0))
		pmap_activate(&kernel_pmap);
	pgtable_free(pm->root);
	pm->root = 0;
}

/* ---- the kernel page table ----------------------------------------------- */

/* map_or_panic() is pmap_enter() on the kernel table at boot, which cannot fail. */
static void map_or_panic(vaddr_t va, paddr_t pa, size_t size, unsigned prot)
{
	int err = pmap_enter(&kernel_pmap, va, pa, size, prot);

	if (err)
		panic("mmu: cannot map 0x%lx -> 0x%lx (error %d)", (unsigned long)va,
		      (unsigned long)pa, err);
}

/*
 * map_direct() maps physical [start, end) at DIRECT_MAP_BASE + pa with
 * @prot, in 2 MiB leaves where both ends allow it and 4 KiB pages around.
 */
static void map_direct(paddr_t start, paddr_t end, unsigned prot)
{
	paddr_t pa = ALIGN_DOWN(start, PAGE_SIZE);

	end = ALIGN_UP(end, PAGE_SIZE);
	if (end > DIRECT_MAP_SIZE)
		panic("mmu: physical 0x%lx is beyond the %lu GiB direct map",
		      (unsigned long)end, (unsigned long)(DIRECT_MAP_SIZE >> 30));
	while (pa < end) {
		size_t size = IS_ALIGNED(pa, HUGE_SIZE) && end - pa >= HUGE_SIZE ?
			      HUGE_SIZE : PAGE_SIZE;

		map_or_panic(DIRECT_MAP_BASE + pa, pa, size, prot);
		pa += size;
	}
}

/* map_image_part() maps [start, end) of the image at its link address and its alias. */
static void map_image_part(const char *start, const char *end, unsigned prot)
{
	for (vaddr_t va = (vaddr_t)start; va < (vaddr_t)end; va += PAGE_SIZE) {
		paddr_t pa = virt_to_phys((const void *)va);

		map_or_panic(va, pa, PAGE_SIZE, prot | PMAP_GLOBAL);
		/* The alias: never executable, text read-only like rodata. */
		map_or_panic(DIRECT_MAP_BASE + pa, pa, PAGE_SIZE,
			     (prot & ~PMAP_X) | PMAP_R | PMAP_GLOBAL);
	}
}

/*
 * ensure_root_table() gives the kernel root entry of @va a level-1 table
 * now, so pmaps created later share whatever is mapped there afterwards.
 */
static void ensure_root_table(vaddr_t va)
{
	pte_t *root = table_of(kernel_pmap.root);
	pte_t *slot = &root[vpn(va, 0)];
	paddr_t table;

	if (pte_is_table(*slot))
		return;
	table = pgtable_alloc();
	if (!table)
		panic("mmu: out of memory for the kernel page table");
	*slot = pa_pte(table) | PTE_V;
	kernel_pmap.nr_tables++;
}

/*
 * arch_mmu_init() builds the final kernel table (see kernel/arch.h), creates
 * the kernel root entries later mappings will need, and switches to it.
 */
void arch_mmu_init(const struct bootinfo *bi)
{
	paddr_t img_lo = virt_to_phys(__kernel_start);
	paddr_t img_hi = virt_to_phys(__kernel_end);
	paddr_t ram_lo = (paddr_t)-1, ram_hi = 0;
	const struct riscv_platform *plat = &riscv_platform;

	if ((uintptr_t)__kernel_start != KERNEL_VIRT_OFFSET + KERNEL_PHYS_BASE)
		panic("mmu: kernel.ld and memlayout.h disagree on the kernel address");

	kernel_pmap.root = pgtable_alloc();
	kernel_pmap.nr_tables = 0;
	if (!kernel_pmap.root)
		panic("mmu: out of memory for the kernel page table");

	/* The direct map of RAM: read + write, never execute. */
	for (unsigned i = 0; i < bi->nr_ram; i++) {
		paddr_t s = bi->ram[i].start, e = bi->ram[i].end;

		ram_lo = MIN(ram_lo, s);
		ram_hi = MAX(ram_hi, e);
		/* The image's own pages get their alias below, W^X. */
		if (s < img_lo)
			map_direct(s, MIN(e, img_lo), PMAP_R | PMAP_W | PMAP_GLOBAL);
		if (e > img_hi)
			map_direct(MAX(s, img_hi), e, PMAP_R | PMAP_W | PMAP_GLOBAL);
	}

	/* The kernel image, at its link address and in the direct map. */
	map_image_part(__text_start, __text_end, PMAP_R | PMAP_X);
	map_image_part(__rodata_start, __rodata_end, PMAP_R);
	map_image_part(__data_start, __kernel_end, PMAP_R | PMAP_W);

	/* The devices the port drives. */
	map_direct(plat->uart_base, plat->uart_base + PAGE_SIZE,
		   PMAP_R | PMAP_W | PMAP_GLOBAL | PMAP_NOCACHE);
	if (plat->plic_base)
		map_direct(plat->plic_base, plat->plic_base + plat->plic_size,
			   PMAP_R | PMAP_W | PMAP_GLOBAL | PMAP_NOCACHE);
	if (plat->finisher_base)
		map_direct(plat->finisher_base, plat->finisher_base + PAGE_SIZE,
			   PMAP_R | PMAP_W | PMAP_GLOBAL | PMAP_NOCACHE);

	/* Root entries later mappings need (MMIO below 4 GiB, the tests). */
	for (paddr_t pa = 0; pa < EARLY_MAP_LIMIT; pa += GIGA_SIZE)
		ensure_root_table(DIRECT_MAP_BASE + pa);
	ensure_root_table(KTEST_VA_BASE);

	/* Switch. The identity map of boot.S is gone from here on. */
	pmap_activate(&kernel_pmap);
	kernel_pmap_live = true;
	riscv_ram_va_lo = DIRECT_MAP_BASE + ram_lo;
	riscv_ram_va_hi = DIRECT_MAP_BASE + ram_hi;
	pr_info("mmu: Sv39 kernel page table, %lu table pages\n",
		(unsigned long)kernel_pmap.nr_tables);
}
