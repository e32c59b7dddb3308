# arch/riscv/arch.mk - the riscv64 port's build and QEMU settings.
#
# Debian's riscv64-unknown-elf toolchain. The kernel is rv64imac: no FP in
# kernel code (sstatus.FS stays Off). medany code model, so the kernel can be
# linked at the top of the address space (0xffffffff80200000) and address
# everything PC-relative. No linker relaxation (-mno-relax, --no-relax): gp
# is never used as a global pointer, so kernel.ld defines no
# __global_pointer$ and boot.S zeroes gp. No sibling-call optimisation: a
# tail call would leave no frame behind, and backtraces would skip functions.

CROSS_COMPILE := riscv64-unknown-elf-
ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany \
	-mno-relax -fno-pic -fno-pie
ARCH_LDFLAGS := -m elf64lriscv --no-relax
ARCH_LDSCRIPT := arch/riscv/kernel.ld
ARCH_SRCS := \
	arch/riscv/boot.S arch/riscv/entry.S arch/riscv/setup.c \
	arch/riscv/trap.c arch/riscv/intr.c arch/riscv/mmu.c \
	arch/riscv/uaccess.S arch/riscv/switch.S arch/riscv/usermode.c \
	arch/riscv/syscalls.c arch/riscv/signal.c arch/riscv/cpu_test.c arch/riscv/switch_test.c \
	arch/riscv/usermode_test.c arch/riscv/usermode_test_progs.S \
	arch/riscv/signal_test.c

GDB_ARCH := riscv:rv64
QEMU := qemu-system-riscv64
# The virt board; the test finisher at 0x100000 ends QEMU with a status.
QEMU_MACHINE := -machine virt -bios default
# OpenSBI loads the kernel ELF and hands over in S-mode; QEMU puts the
# initrd in RAM and names it in the device tree's /chosen. Users and tests
# boot the same way.
QEMU_BOOT_user = -kernel $(KERNEL) -initrd $(INITRD) -append "$(APPEND)"
QEMU_BOOT_fast = $(QEMU_BOOT_user)
QEMU_RUN_DEPS = $(KERNEL) $(INITRD)
QEMU_PASS_STATUS := 0
