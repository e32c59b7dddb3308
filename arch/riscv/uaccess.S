/*
 * arch/riscv/uaccess.S - the only code that touches user memory
 * (the contract is in kernel/arch.h, "User memory").
 *
 * S-mode may load and store on user pages only while sstatus.SUM is set:
 * that is the window. Each routine here sets SUM just for its own loop
 * and clears it on every way out.
 *
 * Every load or store of a user address has an EXTABLE entry (asm.h). When
 * one faults and handle_mm_fault() cannot map the page, kernel_trap()
 * resumes at the entry's fixup with the registers as they were at the
 * fault; the fixup clears SUM and returns what is left. A fault the
 * handler does fix re-runs the same instruction, so the loops keep all
 * their state in registers and advance only after a byte is stored.
 *
 * The trap frame keeps sstatus, and trap_return restores it: the loop
 * resumes with SUM set, the fixup with SUM set (and clears it).
 */
#include "asm.h"
#include "kernel/errno.h"

/* user_access_open / user_access_close: set / clear sstatus.SUM. Clobber t6. */
	.macro user_access_open
	li	t6, ASM_SSTATUS_SUM
	csrs	sstatus, t6
	.endm

	.macro user_access_close
	li	t6, ASM_SSTATUS_SUM
	csrc	sstatus, t6
	.endm

/*
 * A frame record as gcc lays it out (ra at fp - 8, the caller's fp at
 * fp - 16), so a backtrace through a fault here shows the caller.
 */
	.macro frame_enter
	addi	sp, sp, -16
	sd	ra, 8(sp)
	sd	s0, 0(sp)
	addi	s0, sp, 16
	.endm

	.macro frame_leave
	ld	ra, 8(sp)
	ld	s0, 0(sp)
	addi	sp, sp, 16
	.endm

/*
 * copy_byte moves one byte from 0(a1) to 0(a0) and counts it off a2.
 * Either side may be the user one, so both the load and the store may
 * fault; the pointers advance only once the byte is stored.
 */
	.macro copy_byte
.Lload\@:
	lbu	t0, 0(a1)
	EXTABLE	.Lload\@, .Lcopy_fault
.Lstore\@:
	sb	t0, 0(a0)
	EXTABLE	.Lstore\@, .Lcopy_fault
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	.endm

	.text

/*
 * size_t arch_copy_user(void *dst a0, const void *src a1, size_t n a2)
 *
 * Returns the bytes not copied: 0, or the count from the first byte that
 * faulted. When dst and src share their alignment, the middle goes a word
 * at a time; an aligned word never straddles two pages, so a faulting word
 * had none of its bytes copyable and the count stays exact.
 */
	.globl	arch_copy_user
	.type	arch_copy_user, @function
arch_copy_user:
	frame_enter
	user_access_open
	xor	t1, a0, a1
	andi	t1, t1, 7
	bnez	t1, .Lcopy_tail		/* never both aligned: bytes only */
.Lcopy_head:				/* bytes until dst, and so src, is aligned */
	andi	t1, a0, 7
	beqz	t1, .Lcopy_words
	beqz	a2, .Lcopy_done
	copy_byte
	j	.Lcopy_head
.Lcopy_words:
	li	t1, 8
	bltu	a2, t1, .Lcopy_tail
.Lword_load:
	ld	t0, 0(a1)
	EXTABLE	.Lword_load, .Lcopy_fault
.Lword_store:
	sd	t0, 0(a0)
	EXTABLE	.Lword_store, .Lcopy_fault
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	j	.Lcopy_words
.Lcopy_tail:
	beqz	a2, .Lcopy_done
	copy_byte
	j	.Lcopy_tail
.Lcopy_fault:
	/* A fault: a2 still counts the byte or word that failed. */
.Lcopy_done:
	user_access_close
	mv	a0, a2
	frame_leave
	ret
	.size	arch_copy_user, . - arch_copy_user

/*
 * long arch_strncpy_user(char *dst a0, const char *src a1, size_t n a2)
 *
 * Copies bytes from user src until a NUL (copied too) or n bytes. Returns
 * the length without the NUL, n if none came, or -EFAULT. dst is a kernel
 * buffer, so only the load may fault.
 */
	.globl	arch_strncpy_user
	.type	arch_strncpy_user, @function
arch_strncpy_user:
	frame_enter
	li	a3, 0			/* a3: bytes copied before the NUL */
	user_access_open
.Lstr_next:
	beq	a3, a2, .Lstr_done	/* n bytes and no NUL: return n */
	add	t1, a1, a3
.Lstr_load:
	lbu	t0, 0(t1)
	EXTABLE	.Lstr_load, .Lstr_fault
	add	t1, a0, a3
	sb	t0, 0(t1)
	beqz	t0, .Lstr_done		/* the NUL: return the length */
	addi	a3, a3, 1
	j	.Lstr_next
.Lstr_fault:
	li	a3, -EFAULT
.Lstr_done:
	user_access_close
	mv	a0, a3
	frame_leave
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

/* bool arch_user_access_is_open(void): sstatus.SUM is the window. */
	.globl	arch_user_access_is_open
	.type	arch_user_access_is_open, @function
arch_user_access_is_open:
	csrr	a0, sstatus
	srli	a0, a0, 18
	andi	a0, a0, 1
	ret
	.size	arch_user_access_is_open, . - arch_user_access_is_open
