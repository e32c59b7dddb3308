/*
 * kernel/exec.c - loading a program: the ELF64 loader and the initial
 * stack.
 *
 * exec_program() builds the new program in a fresh address space while
 * the old one still runs the caller:
 *
 *   1. copy argv and envp into the kernel (they live in the old space);
 *   2. read and check the ELF header and program headers: bad magic, the
 *      wrong class or machine, a dynamic executable, segments outside the
 *      user half or past the end of the file are refused (ENOEXEC or
 *      EINVAL), before anything is built;
 *   3. map every PT_LOAD segment through the ordinary mmap path, as a
 *      private mapping of the file, plus anonymous memory for the bss,
 *      and zero the bss part of the segment's last file page;
 *   4. map the stack and write argc, argv, envp and the auxiliary vector
 *      into it (design.md §4);
 *   5. only now commit: the task gets the new address space, the old one
 *      is destroyed, close-on-exec descriptors close, and the registers
 *      are set for the first instruction (all zero but pc and sp).
 *
 * A failure in 1-4 destroys the new address space and returns; the
 * caller never noticed.
 */
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/task.h"
#include "kernel/kernel.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"
#include "elf.h"		/* arch/<arch>/elf.h */

#define EXEC_ARG_MAX	(128 * 1024)	/* bytes of argv and envp strings */
#define EXEC_ARGS_MAX	1024		/* pointers in argv plus envp */
#define STACK_SIZE	MiB(8)		/* the stack mapping: demand-zero */
#define STACK_GUARD	PAGE_SIZE	/* unmapped below it: overflow faults */

/* ELF64 as the format defines it (field names are the standard ones). */
struct elf64_ehdr {
	unsigned char e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

#define ET_EXEC		2
#define ET_DYN		3
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PF_X		1
#define PF_W		2
#define PF_R		4
#define ELF_MAX_PHDRS	32
#define ET_DYN_BASE	0x400000ul	/* where a static-pie program is put */

/* Auxiliary vector types (Linux's numbers). */
enum {
	AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6,
	AT_BASE = 7, AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12,
	AT_GID = 13, AT_EGID = 14, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23,
	AT_RANDOM = 25, AT_EXECFN = 31,
};

/* The program being built. */
struct exec_image {
	struct file *file;
	struct elf64_ehdr eh;
	struct elf64_phdr ph[ELF_MAX_PHDRS];
	uint64_t bias;			/* load offset (static-pie) */
	vaddr_t phdr_addr;		/* the program headers in memory */
	vaddr_t end;			/* highest mapped byte of the image */
	struct mm *mm;
};

/* Step 2: is the header one this kernel can run? */
static int check_header(struct exec_image *im)
{
	const struct elf64_ehdr *eh = &im->eh;
	uint64_t size = im->file->inode->size;

	if (memcmp(eh->e_ident, "\177ELF", 4) != 0)
		return -ENOEXEC;
	if (eh->e_ident[4] != 2 || eh->e_ident[5] != 1 || eh->e_ident[6] != 1)
		return -ENOEXEC;		/* not 64-bit little-endian version 1 */
	if ((eh->e_type != ET_EXEC && eh->e_type != ET_DYN) ||
	    eh->e_machine != ARCH_ELF_MACHINE)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > ELF_MAX_PHDRS)
		return -ENOEXEC;
	if (eh->e_phoff > size || size - eh->e_phoff < eh->e_phnum * sizeof(struct elf64_phdr))
		return -ENOEXEC;
	return 0;
}

/* Step 2: are the segments loadable, inside the file and the user half? */
static int check_segments(struct exec_image *im)
{
	uint64_t size = im->file->inode->size, lowest = ~0ull;
	bool any = false;

	for (int i = 0; i < im->eh.e_phnum; i++) {
		const struct elf64_phdr *p = &im->ph[i];

		if (p->p_type == PT_INTERP)
			return -ENOEXEC;	/* needs a dynamic linker: none here */
		if (p->p_type != PT_LOAD)
			continue;
		any = true;
		if (p->p_offset > size || p->p_filesz > size - p->p_offset ||
		    p->p_filesz > p->p_memsz)
			return -ENOEXEC;
		if ((p->p_vaddr - p->p_offset) % PAGE_SIZE)
			return -EINVAL;		/* file and memory pages do not line up */
		lowest = MIN(lowest, ALIGN_DOWN(p->p_vaddr, PAGE_SIZE));
	}
	if (!any)
		return -ENOEXEC;
	im->bias = im->eh.e_type == ET_DYN ? ET_DYN_BASE - lowest : 0;
	for (int i = 0; i < im->eh.e_phnum; i++) {
		const struct elf64_phdr *p = &im->ph[i];
		uint64_t start = p->p_vaddr + im->bias;

		if (p->p_type != PT_LOAD)
			continue;
		if (start < USER_BASE || start > USER_TOP || p->p_memsz > USER_TOP - start)
			return -EINVAL;		/* a segment in (or into) the kernel */
	}
	return 0;
}

static int prot_of(uint32_t flags)
{
	return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
	       (flags & PF_X ? PROT_EXEC : 0);
}

/* Step 3: map one PT_LOAD segment into the new address space. */
static int map_segment(struct exec_image *im, const struct elf64_phdr *p)
{
	vaddr_t vaddr = p->p_vaddr + im->bias;
	vaddr_t start = ALIGN_DOWN(vaddr, PAGE_SIZE);
	vaddr_t file_end = vaddr + p->p_filesz, mem_end = vaddr + p->p_memsz;
	vaddr_t file_top = ALIGN_UP(file_end, PAGE_SIZE), mem_top = ALIGN_UP(mem_end, PAGE_SIZE);
	long r;
	int err;

	if (p->p_filesz) {
		/* Writable while we zero the bss tail; the real protection follows. */
		r = do_mmap(im->mm, start, file_top - start, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_FIXED, im->file, ALIGN_DOWN(p->p_offset, PAGE_SIZE));
		if (r < 0)
			return (int)r;
		if (mem_end > file_end) {
			err = mm_write_user(im->mm, file_end, NULL, MIN(file_top, mem_end) - file_end);
			if (err)
				return err;
		}
	} else {
		file_top = start;
	}
	if (mem_top > file_top) {
		r = do_mmap(im->mm, file_top, mem_top - file_top, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
		if (r < 0)
			return (int)r;
	}
	im->end = MAX(im->end, mem_top);
	if (p->p_offset <= im->eh.e_phoff && im->eh.e_phoff < p->p_offset + p->p_filesz)
		im->phdr_addr = vaddr + (im->eh.e_phoff - p->p_offset);
	return do_mprotect(im->mm, start, mem_top - start, prot_of(p->p_flags));
}

/* The strings of argv and envp, copied out of the caller's memory. */
struct exec_args {
	char *buf;			/* every string, NUL-terminated, in order */
	size_t used;
	int argc, envc;
};

static int copy_strings(struct exec_args *a, char *const list[], int *count)
{
	for (*count = 0; list && list[*count]; (*count)++) {
		size_t len = strlen(list[*count]) + 1;

		if (a->argc + a->envc + *count >= EXEC_ARGS_MAX || a->used + len > EXEC_ARG_MAX)
			return -E2BIG;
		memcpy(a->buf + a->used, list[*count], len);
		a->used += len;
	}
	return 0;
}

/* Step 4: the stack, as a new program expects it (top to bottom). */
static int build_stack(struct exec_image *im, struct exec_args *a, const char *path,
		       vaddr_t *sp_out)
{
	vaddr_t top = USER_TOP, base = top - STACK_SIZE, sp = top, strings, execfn, random;
	uint64_t seed = ticks;
	int nptr = a->argc + a->envc, err;
	uint64_t *vec;
	size_t nvec, i = 0;
	long r;

	r = do_mmap(im->mm, base, STACK_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
	if (r < 0)
		return (int)r;
	im->mm->mmap_base = base - STACK_GUARD;

	/* The strings at the top: the program's name, argv and envp, 16 random bytes. */
	sp -= strlen(path) + 1;
	execfn = sp;
	sp -= a->used;
	strings = sp;
	sp -= 16;
	random = sp;
	if ((err = mm_write_user(im->mm, execfn, path, strlen(path) + 1)) ||
	    (err = mm_write_user(im->mm, strings, a->buf, a->used)) ||
	    (err = mm_write_user(im->mm, random, &seed, 8)) ||
	    (err = mm_write_user(im->mm, random + 8, &im->eh.e_entry, 8)))
		return err;

	/* Then argc, argv[], NULL, envp[], NULL, auxv pairs, 16-byte aligned. */
	nvec = 1 + (size_t)nptr + 2 + 2 * 18;
	vec = kmalloc(nvec * sizeof(*vec));
	if (!vec)
		return -ENOMEM;
	vec[i++] = (uint64_t)a->argc;
	for (int k = 0, off = 0; k < nptr; k++) {
		vec[i++] = strings + (vaddr_t)off;
		off += (int)strlen(a->buf + off) + 1;
		if (k == a->argc - 1)
			vec[i++] = 0;		/* argv ends */
	}
	if (a->argc == 0)
		vec[i++] = 0;			/* an empty argv still ends */
	vec[i++] = 0;				/* envp ends */
#define AUX(type, val) (vec[i++] = (type), vec[i++] = (uint64_t)(val))
	AUX(AT_PHDR, im->phdr_addr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, im->eh.e_phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, im->eh.e_entry + im->bias);
	AUX(AT_UID, current->uid);
	AUX(AT_EUID, current->uid);
	AUX(AT_GID, current->gid);
	AUX(AT_EGID, current->gid);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, random);
	AUX(AT_HWCAP, arch_elf_hwcap());
	AUX(AT_CLKTCK, HZ);
	AUX(AT_EXECFN, execfn);
	AUX(AT_NULL, 0);
#undef AUX
	sp = ALIGN_DOWN(random - i * sizeof(*vec), 16);
	err = mm_write_user(im->mm, sp, vec, i * sizeof(*vec));
	kfree(vec);
	*sp_out = sp;
	return err;
}

/* Steps 2-4: the whole new image in im->mm; the caller commits or drops it. */
static int build_image(struct exec_image *im, struct exec_args *a, const char *path,
		       vaddr_t *sp)
{
	int err;

	if (vfs_pread(im->file, &im->eh, sizeof(im->eh), 0) != (long)sizeof(im->eh))
		return -ENOEXEC;
	err = check_header(im);
	if (err)
		return err;
	if (vfs_pread(im->file, im->ph, im->eh.e_phnum * sizeof(struct elf64_phdr),
		      im->eh.e_phoff) != (long)(im->eh.e_phnum * sizeof(struct elf64_phdr)))
		return -ENOEXEC;
	err = check_segments(im);
	if (err)
		return err;
	im->mm = mm_create();
	if (!im->mm)
		return -ENOMEM;
	for (int i = 0; i < im->eh.e_phnum; i++) {
		if (im->ph[i].p_type != PT_LOAD)
			continue;
		err = map_segment(im, &im->ph[i]);
		if (err)
			return err;
	}
	im->mm->brk_start = im->mm->brk = im->end;
	err = arch_exec_map_extra(im->mm);	/* riscv64: the sigreturn trampoline */
	if (err)
		return err;
	return build_stack(im, a, path, sp);
}

int exec_program(const char *path, char *const argv[], char *const envp[])
{
	struct exec_image im = { 0 };
	struct exec_args a = { 0 };
	struct mm *old;
	const char *base;
	vaddr_t sp = 0;
	int err;

	a.buf = kmalloc(EXEC_ARG_MAX);
	if (!a.buf)
		return -ENOMEM;
	err = copy_strings(&a, argv, &a.argc);
	if (!err)
		err = copy_strings(&a, envp, &a.envc);
	if (err)
		goto out_free_args;
	err = vfs_open(current->fs, path, O_RDONLY, 0, &im.file);
	if (err)
		goto out_free_args;
	err = S_ISREG(im.file->inode->mode) ?
	      vfs_permission(&current->fs->cred, im.file->inode, MAY_EXEC) : -EACCES;
	if (!err)
		err = build_image(&im, &a, path, &sp);
	if (err) {
		if (im.mm)
			mm_destroy(im.mm);
		goto out_put_file;
	}

	/* Commit: from here the old program is gone. */
	old = current->mm;
	current->mm = im.mm;
	mm_switch(im.mm);
	if (old)
		mm_destroy(old);
	fd_close_on_exec(&current->fs->fdt);
	signal_exec(current);
	if (current->exe)
		file_put(current->exe);
	current->exe = file_get(im.file);
	current->did_exec = true;
	base = strrchr(path, '/');
	strlcpy(current->comm, base ? base + 1 : path, sizeof(current->comm));
	arch_user_regs_init(current->tf, im.eh.e_entry + im.bias, sp);
	arch_fp_init(current->fpstate);
	arch_fp_restore(current->fpstate);
out_put_file:
	file_put(im.file);
out_free_args:
	kfree(a.buf);
	return err;
}
