# arch/x86_64/arch.mk - the x86_64 port's build and QEMU settings.
#
# The kernel is built with Debian's host gcc: freestanding, no red zone,
# the kernel code model (linked in the top 2 GiB), no SSE in kernel code,
# no unwind tables (backtraces follow rbp), and no sibling calls: a tail
# call would drop its caller from every backtrace.

CROSS_COMPILE :=
ARCH_CFLAGS := -m64 -march=x86-64 -mcmodel=kernel -mno-red-zone \
	-mgeneral-regs-only -fno-pic -fno-pie -fno-asynchronous-unwind-tables \
	-fno-optimize-sibling-calls
ARCH_LDFLAGS := -m elf_x86_64 -z noexecstack
ARCH_LDSCRIPT := arch/x86_64/kernel.ld
ARCH_SRCS := \
	arch/x86_64/boot.S arch/x86_64/entry.S arch/x86_64/setup.c \
	arch/x86_64/multiboot.c arch/x86_64/trap.c arch/x86_64/intr.c \
	arch/x86_64/mmu.c arch/x86_64/uaccess.S arch/x86_64/switch.S \
	arch/x86_64/usermode.c arch/x86_64/syscalls.c arch/x86_64/signal.c \
	arch/x86_64/cpu_test.c arch/x86_64/switch_test.c arch/x86_64/usermode_test.c \
	arch/x86_64/signal_test.c

GDB_ARCH := i386:x86-64
QEMU := qemu-system-x86_64
# q35 with -cpu max: NX, SMEP and SMAP exist under TCG. isa-debug-exit ends
# QEMU with status (value << 1) | 1.
QEMU_MACHINE := -machine q35 -cpu max \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
# The path users boot: GRUB from an ISO, multiboot2, the initrd its first
# module (tools/mkiso.sh).
QEMU_BOOT_user = -cdrom $(ISO)
# The fast path for tests: QEMU's own multiboot1 loader, no firmware menu;
# it passes -initrd as module 0.
QEMU_BOOT_fast = -kernel $(KERNEL) -initrd $(INITRD) -append "$(APPEND)"
QEMU_RUN_DEPS = $(if $(filter user,$(BOOT)),$(ISO),$(KERNEL) $(INITRD))
# What QEMU's exit status is when the kernel powers off with status 0.
QEMU_PASS_STATUS := 33
