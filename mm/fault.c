/*
 * mm/fault.c - page faults in user memory.
 *
 * handle_mm_fault() finds the VMA, checks the access against its flags,
 * and then handles one of these cases:
 *
 *   not present, anonymous, read    map the shared zero page read-only
 *   not present, anonymous, write   a new zeroed page, writable
 *   not present, file               vm_ops->fault gives the page-cache
 *                                   page; shared: map it; private: map it
 *                                   read-only, or copy it for a write
 *   present, write to read-only     copy on write: a page this mapping
 *   leaf of a private mapping       owns alone (PG_ANON, one reference) is
 *                                   made writable, anything else is copied
 *   present, shared, write          the leaf was made read-only by
 *                                   mprotect: make it writable again
 *
 * Pages are reference counted: each leaf holds one reference to its page,
 * so unmapping (vma_zap()) drops it. VM_PFNMAP mappings were filled when
 * they were made and take no faults.
 */
#include "mm/vma_internal.h"
#include "mm/page.h"
#include "kernel/fault_inject.h"
#include "kernel/kernel.h"

/* One zeroed page shared by every read of untouched anonymous memory. */
static struct page *zero_page;

void fault_init(void)
{
	if (!zero_page) {
		zero_page = page_alloc(0);
		assert(zero_page);
		memset(page_address(zero_page), 0, PAGE_SIZE);
	}
}

/* The zero page (for tests: it is mapped read-only, never copied into). */
struct page *fault_zero_page(void)
{
	return zero_page;
}

static paddr_t page_pa(struct page *p)
{
	return (paddr_t)page_to_pfn(p) << PAGE_SHIFT;
}

/* Is @flags an access @v allows? */
static bool access_ok(const struct vma *v, unsigned flags)
{
	if (flags & FAULT_WRITE)
		return v->vm_flags & VM_WRITE;
	if (flags & FAULT_EXEC)
		return v->vm_flags & VM_EXEC;
	/* A writable or executable page is readable on both ports. */
	return v->vm_flags & (VM_READ | VM_WRITE | VM_EXEC);
}

/* Maps @pg at @va with @prot; the leaf takes over one reference to @pg. */
static int map_page(struct mm *mm, vaddr_t va, struct page *pg, size_t size,
		    unsigned prot, bool replace)
{
	int err;

	if (should_fail("fault.pgtable"))
		return FAULT_OOM;
	err = pmap_enter(&mm->pmap, va, page_pa(pg), size, prot);
	if (err)
		return FAULT_OOM;
	if (!replace)
		mm->resident_pages += size >> PAGE_SHIFT;
	return FAULT_OK;
}

/* A new page of @order (zeroed, or a copy of @src), marked anonymous. */
static struct page *new_anon_page(unsigned order, struct page *src)
{
	struct page *pg;

	if (should_fail("fault.page_alloc"))
		return NULL;
	pg = page_alloc(order);
	if (!pg)
		return NULL;
	if (src)
		memcpy(page_address(pg), page_address(src), PAGE_SIZE << order);
	else
		memset(page_address(pg), 0, PAGE_SIZE << order);
	pg->flags |= PG_ANON;
	return pg;
}

/* A write hit a present read-only leaf of a writable mapping. */
static int fault_write_protected(struct mm *mm, struct vma *v, vaddr_t va, paddr_t pa,
				 size_t size)
{
	struct page *old = pfn_to_page(pa >> PAGE_SHIFT), *copy;
	unsigned order = size == HUGE_SIZE ? PAGE_ORDER_HUGE : 0;
	int err;

	if ((v->vm_flags & VM_SHARED) ||
	    (old != zero_page && (old->flags & PG_ANON) && old->refcount == 1))
		return map_page(mm, va, old, size, v->page_prot, true);	/* reuse */
	copy = new_anon_page(order, old);
	if (!copy)
		return FAULT_OOM;
	err = map_page(mm, va, copy, size, v->page_prot, true);
	if (err) {
		page_put(copy);
		return err;
	}
	page_put(old);		/* the leaf no longer points at it */
	return FAULT_OK;
}

/* Nothing maps @va yet: find or make its page. */
static int fault_missing(struct mm *mm, struct vma *v, vaddr_t va, unsigned flags,
			 size_t size)
{
	bool write = flags & FAULT_WRITE;
	unsigned order = size == HUGE_SIZE ? PAGE_ORDER_HUGE : 0;
	unsigned ro = v->page_prot & ~PMAP_W;
	struct vm_fault vmf;
	struct page *pg;
	int err;

	if (!v->vm_ops || !v->vm_ops->fault) {
		/* Anonymous memory: the zero page until the first write. */
		if (!write && order == 0) {
			page_get(zero_page);
			err = map_page(mm, va, zero_page, PAGE_SIZE, ro, false);
			if (err)
				page_put(zero_page);
			return err;
		}
		pg = new_anon_page(order, NULL);
		if (!pg)
			return FAULT_OOM;
		err = map_page(mm, va, pg, size, v->page_prot, false);
		if (err)
			page_put(pg);
		return err;
	}

	vmf = (struct vm_fault){
		.vma = v, .address = va, .flags = flags,
		.pgoff = v->pgoff + ((va - vma_start(v)) >> PAGE_SHIFT),
	};
	err = v->vm_ops->fault(&vmf);
	if (err)
		return err;
	pg = vmf.page;
	if (!(v->vm_flags & VM_SHARED) && write) {
		/* A private mapping's first write: copy the file's page. */
		struct page *copy = new_anon_page(order, pg);

		page_put(pg);
		if (!copy)
			return FAULT_OOM;
		pg = copy;
	}
	err = map_page(mm, va, pg, size,
		       (v->vm_flags & VM_SHARED) || write ? v->page_prot : ro, false);
	if (err)
		page_put(pg);
	return err;
}

int handle_mm_fault(struct mm *mm, vaddr_t addr, unsigned flags)
{
	struct vma *v = vma_find(mm, addr);
	size_t size;
	paddr_t pa;
	unsigned prot;
	vaddr_t va;

	if (!v || !access_ok(v, flags))
		return FAULT_SIGSEGV;
	size = (v->vm_flags & VM_HUGETLB) ? HUGE_SIZE : PAGE_SIZE;
	va = ALIGN_DOWN(addr, size);

	if (pmap_lookup(&mm->pmap, va, &pa, &prot, NULL)) {
		if ((flags & FAULT_WRITE) && !(prot & PMAP_W) && !(v->vm_flags & VM_PFNMAP))
			return fault_write_protected(mm, v, va, ALIGN_DOWN(pa, size), size);
		return FAULT_OK;	/* another path mapped it already */
	}
	if (v->vm_flags & VM_PFNMAP)
		return FAULT_SIGBUS;	/* filled at mmap time; a fault here is a hole */
	return fault_missing(mm, v, va, flags, size);
}

int mm_write_user(struct mm *mm, vaddr_t va, const void *src, size_t n)
{
	while (n) {
		size_t off = va % PAGE_SIZE, chunk = MIN(PAGE_SIZE - off, n);
		paddr_t pa;

		if (handle_mm_fault(mm, va, FAULT_WRITE) != FAULT_OK ||
		    !pmap_lookup(&mm->pmap, va, &pa, NULL, NULL))
			return -EFAULT;
		if (src) {
			memcpy(phys_to_virt(pa), src, chunk);
			src = (const char *)src + chunk;
		} else {
			memset(phys_to_virt(pa), 0, chunk);
		}
		va += chunk;
		n -= chunk;
	}
	return 0;
}
