/*
 * mm/mmap_testfile.c - the test files of mm/mmap_testfile.h.
 *
 * Each kind is one const file-operations table, as a real file system or
 * driver would have. The hooks do the smallest real work that shows what
 * the hook is for, and count what they do.
 *
 * TF_PREPARE is a page-cache file, as ramfs will be: its pages live in its
 * inode's address_space (fs/pagecache.h) and its faults go through
 * filemap_fault(). The other kinds keep their pages in tf->pages.
 */
#include "mm/mmap_testfile.h"
#include "fs/pagecache.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/vm.h"
#include "kernel/kernel.h"

/* A reservation: what TF_ABORT's prepare sets up and someone must release. */
struct tf_resource {
	struct testfile *tf;
	int refs;		/* one per VMA that holds it */
};

static struct testfile *file_tf(const struct file *f)
{
	return container_of(f->inode, struct testfile, inode);
}

static struct testfile *vma_tf(const struct vma *v)
{
	return file_tf(v->file);
}

static unsigned page_order(const struct testfile *tf)
{
	return tf->kind == TF_HUGE ? PAGE_ORDER_HUGE : 0;
}

struct page *testfile_page(struct testfile *tf, uint64_t pgoff)
{
	unsigned order = page_order(tf);
	struct page *pg;

	if (pgoff >= tf->nr_pages)
		return NULL;
	if (tf->kind != TF_PREPARE)
		return tf->pages[pgoff >> order];
	/* Borrowed: the cache keeps its reference until the file goes. */
	pg = pagecache_lookup(&tf->inode.mapping, pgoff);
	if (pg)
		page_put(pg);
	return pg;
}

/* ---- vm_operations ------------------------------------------------------ */

static void tf_resource_put(struct tf_resource *r)
{
	if (--r->refs == 0) {
		r->tf->n.resources--;
		kfree(r);
	}
}

static void tf_vm_open(struct vma *v)
{
	struct tf_resource *r = v->private_data;

	vma_tf(v)->n.open++;
	if (r)
		r->refs++;
}

static void tf_vm_close(struct vma *v)
{
	struct tf_resource *r = v->private_data;

	vma_tf(v)->n.close++;
	if (r)
		tf_resource_put(r);
}

static int tf_vm_fault(struct vm_fault *vmf)
{
	struct testfile *tf = vma_tf(vmf->vma);
	struct page *pg;

	tf->n.fault++;
	if (tf->kind == TF_PREPARE)
		return filemap_fault(vmf);
	pg = testfile_page(tf, vmf->pgoff);
	if (!pg)
		return FAULT_SIGBUS;	/* beyond the end of the file */
	page_get(pg);
	vmf->page = pg;
	return FAULT_OK;
}

static const struct vm_operations tf_vm_ops = {
	.open = tf_vm_open,
	.close = tf_vm_close,
	.fault = tf_vm_fault,
};

/* ---- file operations ---------------------------------------------------- */

static int tf_prepare(struct vm_area_desc *desc)
{
	struct testfile *tf = file_tf(desc->file);
	size_t pages = (desc->end - desc->start) >> PAGE_SHIFT;
	struct tf_resource *r;

	tf->n.prepare++;
	if (tf->prepare_error)
		return tf->prepare_error;
	desc->vm_ops = &tf_vm_ops;
	switch (tf->kind) {
	case TF_ABORT:
		r = kzalloc(sizeof(*r));
		if (!r)
			return -ENOMEM;
		r->tf = tf;
		r->refs = 1;
		tf->n.resources++;
		desc->ctx = r;
		break;
	case TF_ACTION:
		if (desc->pgoff + pages > tf->nr_pages)
			return -EINVAL;
		desc->vm_flags |= VM_PFNMAP | VM_IO | VM_DONTEXPAND;
		desc->action.kind = MMAP_ACTION_REMAP_PFN;
		desc->action.pfn = page_to_pfn(tf->pages[desc->pgoff]);
		desc->action.size = pages << PAGE_SHIFT;
		/* One contiguous run only: the file's pages must be in order. */
		for (size_t i = 1; i < pages; i++)
			if (page_to_pfn(tf->pages[desc->pgoff + i]) != desc->action.pfn + i)
				return -EINVAL;
		break;
	case TF_HUGE:
		if (!IS_ALIGNED(desc->start, HUGE_SIZE) || !IS_ALIGNED(desc->end, HUGE_SIZE) ||
		    !IS_ALIGNED(desc->pgoff, 512))
			return -EINVAL;
		desc->vm_flags |= VM_HUGETLB;
		break;
	default:
		break;
	}
	return 0;
}

static int tf_complete(struct file *file, struct vma *v, void *ctx)
{
	struct testfile *tf = file_tf(file);
	struct tf_resource *r = ctx;

	tf->n.complete++;
	if (r)
		v->private_data = r;	/* from now on close releases it */
	if (tf->complete_error)
		return tf->complete_error;
	/* Prepopulate: every page of the VMA, now (if it may be read at all). */
	if (!(v->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return 0;
	for (vaddr_t va = vma_start(v); va < vma_end(v); va += PAGE_SIZE) {
		int res = handle_mm_fault(v->mm, va, FAULT_READ);

		if (res == FAULT_OOM)
			return -ENOMEM;
		if (res != FAULT_OK)
			return -EINVAL;
	}
	return 0;
}

static void tf_abort(const struct file *file, void *private_data, void *ctx)
{
	struct testfile *tf = file_tf(file);

	(void)private_data;
	tf->n.abort++;
	if (ctx)
		tf_resource_put(ctx);
}

static long tf_huge_get_unmapped_area(struct file *file, struct mm *mm, uintptr_t addr,
				      size_t len, uint64_t pgoff, int flags)
{
	(void)file;
	(void)pgoff;
	(void)flags;
	return mm_get_unmapped_area(mm, addr, len, HUGE_SIZE);
}

static const struct file_operations tf_fops[TF_NR_KINDS] = {
	[TF_PREPARE] = { .mmap_prepare = tf_prepare },
	[TF_COMPLETE] = { .mmap_prepare = tf_prepare, .mmap_complete = tf_complete },
	[TF_ABORT] = { .mmap_prepare = tf_prepare, .mmap_complete = tf_complete,
		       .mmap_abort = tf_abort },
	[TF_ACTION] = { .mmap_prepare = tf_prepare },
	[TF_HUGE] = { .mmap_prepare = tf_prepare,
		      .get_unmapped_area = tf_huge_get_unmapped_area },
};

/* ---- making and destroying ---------------------------------------------- */

static void tf_free_pages(struct testfile *tf)
{
	size_t n = tf->nr_pages >> page_order(tf);

	for (size_t i = 0; i < n; i++)
		if (tf->pages[i])
			page_put(tf->pages[i]);
	kfree(tf->pages);
}

/* Fills the page cache of a TF_PREPARE file. Returns 0 or -ENOMEM (emptied). */
static int tf_fill_cache(struct testfile *tf)
{
	for (size_t i = 0; i < tf->nr_pages; i++) {
		struct page *pg = page_alloc(0);
		int err;

		if (!pg)
			goto out_truncate;
		memset(page_address(pg), (int)i, PAGE_SIZE);
		err = pagecache_insert(&tf->inode.mapping, i, pg);
		page_put(pg);		/* the cache holds the only reference now */
		if (err)
			goto out_truncate;
	}
	return 0;

out_truncate:
	pagecache_truncate(&tf->inode.mapping, 0);
	return -ENOMEM;
}

struct testfile *testfile_create(enum testfile_kind kind, size_t nr_pages)
{
	struct testfile *tf = kzalloc(sizeof(*tf));
	unsigned order = kind == TF_HUGE ? PAGE_ORDER_HUGE : 0;
	size_t n = nr_pages >> order;

	if (!tf)
		return NULL;
	tf->kind = kind;
	tf->nr_pages = nr_pages;
	inode_init(&tf->inode, 1000 + kind, 0100644, NULL);
	tf->inode.size = (uint64_t)nr_pages << PAGE_SHIFT;
	if (kind == TF_PREPARE) {
		if (tf_fill_cache(tf))
			goto out_free;
		return tf;
	}
	tf->pages = kzalloc(n * sizeof(struct page *));
	if (!tf->pages)
		goto out_free;
	if (kind == TF_ACTION) {
		/* One physically contiguous block, so one PFN range maps it. */
		unsigned o = 0;
		struct page *block;

		while (((size_t)1 << o) < n)
			o++;
		block = page_alloc(o);
		if (!block)
			goto out_free_array;
		for (size_t i = 0; i < n; i++)
			tf->pages[i] = block + i;
		for (size_t i = 0; i < n; i++)
			memset(page_address(tf->pages[i]), (int)i, PAGE_SIZE);
		return tf;
	}
	for (size_t i = 0; i < n; i++) {
		tf->pages[i] = page_alloc(order);
		if (!tf->pages[i]) {
			tf_free_pages(tf);
			goto out_free;
		}
		memset(page_address(tf->pages[i]), (int)i, PAGE_SIZE << order);
	}
	return tf;

out_free_array:
	kfree(tf->pages);
out_free:
	kfree(tf);
	return NULL;
}

struct file *testfile_open(struct testfile *tf, unsigned mode)
{
	return file_alloc(&tf->inode, &tf_fops[tf->kind], mode);
}

void testfile_destroy(struct testfile *tf)
{
	assert(tf->inode.refcount == 1 && tf->inode.mapping.nr_mmaps == 0);
	assert(tf->n.resources == 0);
	if (tf->kind == TF_PREPARE) {
		pagecache_truncate(&tf->inode.mapping, 0);
	} else if (tf->kind == TF_ACTION) {
		page_free(tf->pages[0], tf->pages[0]->order);
		kfree(tf->pages);
	} else {
		tf_free_pages(tf);
	}
	kfree(tf);
}

const char *testfile_kind_name(enum testfile_kind kind)
{
	static const char *const names[TF_NR_KINDS] = {
		"prepare", "complete", "abort", "action", "huge",
	};

	return kind < TF_NR_KINDS ? names[kind] : "?";
}
