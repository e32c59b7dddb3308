/*
 * arch/x86_64/uaccess.S - the only code that touches user memory
 * (the contract is in kernel/arch.h, "User memory").
 *
 * With SMAP on, a supervisor access to a user page faults unless
 * RFLAGS.AC is set: stac opens that window, clac closes it. Each routine
 * here opens it just for its own loop and closes it on every way out.
 * Without SMAP nothing stops the kernel, but AC still marks the window:
 * trap.c reads it to tell a fault in a deliberate user access (which the
 * page-fault handler may satisfy) from a kernel bug.
 *
 * Every load or store of a user address has an EXTABLE entry (asm.h). When
 * one faults and handle_mm_fault() cannot map the page, kernel_trap()
 * resumes at the entry's fixup with the registers as they were at the
 * fault; the fixup closes the window and returns what is left. A fault the
 * handler does fix re-runs the same instruction, so the loops keep all
 * their state in registers and advance only after a byte is stored.
 *
 * The trap frame keeps AC, and iretq restores it: the loop resumes with
 * the window open, the fixup with the window open (and closes it).
 */
#include "asm.h"
#include "kernel/errno.h"

/*
 * user_access_open / user_access_close set and clear RFLAGS.AC: with
 * stac / clac when SMAP is on, else with popfq, because a CPU without
 * SMAP does not know those two instructions (#UD). In ring 0 AC checks no
 * alignment, so without SMAP it is only the mark. setup.c turns CR4.SMAP
 * on exactly when the CPU has it, so CR4 says which case this is. Both
 * clobber %r11.
 */
	.macro user_access_open
	mov	%cr4, %r11
	test	$ASM_CR4_SMAP, %r11d
	jz	.Lno_smap\@
	stac
	jmp	.Lopen\@
.Lno_smap\@:
	pushfq
	orq	$ASM_RFLAGS_AC, (%rsp)
	popfq
.Lopen\@:
	.endm

	.macro user_access_close
	mov	%cr4, %r11
	test	$ASM_CR4_SMAP, %r11d
	jz	.Lno_smap\@
	clac
	jmp	.Lclosed\@
.Lno_smap\@:
	pushfq
	andq	$~ASM_RFLAGS_AC, (%rsp)
	popfq
.Lclosed\@:
	.endm

/*
 * copy_byte moves one byte from (%rsi) to (%rdi) and counts it off %rcx.
 * Either side may be the user one, so both the load and the store may
 * fault; the pointers advance only once the byte is stored.
 */
	.macro copy_byte
.Lload\@:
	movb	(%rsi), %al
	EXTABLE	.Lload\@, .Lcopy_fault
.Lstore\@:
	movb	%al, (%rdi)
	EXTABLE	.Lstore\@, .Lcopy_fault
	inc	%rsi
	inc	%rdi
	dec	%rcx
	.endm

	.text

/*
 * size_t arch_copy_user(void *dst %rdi, const void *src %rsi, size_t n %rdx)
 *
 * Returns the bytes not copied: 0, or the count from the first byte that
 * faulted. When dst and src share their alignment, the middle goes a word
 * at a time; an aligned word never straddles two pages, so a faulting word
 * had none of its bytes copyable and the count stays exact.
 */
	.globl	arch_copy_user
	.type	arch_copy_user, @function
arch_copy_user:
	push	%rbp			/* a frame, so backtraces show the caller */
	mov	%rsp, %rbp
	mov	%rdx, %rcx		/* %rcx: bytes not copied yet */
	user_access_open
	mov	%rdi, %rax
	xor	%rsi, %rax
	test	$7, %al
	jnz	.Lcopy_tail		/* never both aligned: bytes only */
.Lcopy_head:				/* bytes until dst, and so src, is aligned */
	test	$7, %dil
	jz	.Lcopy_words
	test	%rcx, %rcx
	jz	.Lcopy_done
	copy_byte
	jmp	.Lcopy_head
.Lcopy_words:
	cmp	$8, %rcx
	jb	.Lcopy_tail
.Lword_load:
	mov	(%rsi), %rax
	EXTABLE	.Lword_load, .Lcopy_fault
.Lword_store:
	mov	%rax, (%rdi)
	EXTABLE	.Lword_store, .Lcopy_fault
	add	$8, %rsi
	add	$8, %rdi
	sub	$8, %rcx
	jmp	.Lcopy_words
.Lcopy_tail:
	test	%rcx, %rcx
	jz	.Lcopy_done
	copy_byte
	jmp	.Lcopy_tail
.Lcopy_fault:
	/* A fault: %rcx still counts the byte or word that failed. */
.Lcopy_done:
	user_access_close
	mov	%rcx, %rax
	pop	%rbp
	ret
	.size	arch_copy_user, . - arch_copy_user

/*
 * long arch_strncpy_user(char *dst %rdi, const char *src %rsi, size_t n %rdx)
 *
 * Copies bytes from user src until a NUL (copied too) or n bytes. Returns
 * the length without the NUL, n if none came, or -EFAULT. dst is a kernel
 * buffer, so only the load may fault.
 */
	.globl	arch_strncpy_user
	.type	arch_strncpy_user, @function
arch_strncpy_user:
	push	%rbp
	mov	%rsp, %rbp
	xor	%eax, %eax		/* %rax: bytes copied before the NUL */
	user_access_open
.Lstr_next:
	cmp	%rdx, %rax
	je	.Lstr_done		/* n bytes and no NUL: return n */
.Lstr_load:
	movb	(%rsi,%rax), %cl
	EXTABLE	.Lstr_load, .Lstr_fault
	movb	%cl, (%rdi,%rax)
	test	%cl, %cl
	jz	.Lstr_done		/* the NUL: return the length */
	inc	%rax
	jmp	.Lstr_next
.Lstr_fault:
	mov	$-EFAULT, %rax
.Lstr_done:
	user_access_close
	pop	%rbp
	ret
	.size	arch_strncpy_user, . - arch_strncpy_user

/* void arch_user_access_begin(void), void arch_user_access_end(void) */
	.globl	arch_user_access_begin
	.type	arch_user_access_begin, @function
arch_user_access_begin:
	user_access_open
	ret
	.size	arch_user_access_begin, . - arch_user_access_begin

	.globl	arch_user_access_end
	.type	arch_user_access_end, @function
arch_user_access_end:
	user_access_close
	ret
	.size	arch_user_access_end, . - arch_user_access_end

/* bool arch_user_access_is_open(void): RFLAGS.AC marks the window. */
	.globl	arch_user_access_is_open
	.type	arch_user_access_is_open, @function
arch_user_access_is_open:
	pushfq
	pop	%rax
	shr	$18, %rax
	and	$1, %eax
	ret
	.size	arch_user_access_is_open, . - arch_user_access_is_open
