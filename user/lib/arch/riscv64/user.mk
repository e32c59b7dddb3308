# user/lib/arch/riscv64/user.mk - how riscv64 user programs are built.
#
# Debian's bare-metal riscv64-unknown-elf gcc, which also builds newlib.
# rv64gc with the lp64d ABI (Debian's default, and Linux's): programs use
# the FPU and the kernel manages its state. The default medlow code model
# and ld's default layout (text at 0x10000) suit a static program.

USER_CROSS := riscv64-unknown-elf-
NEWLIB_TRIPLE := riscv64-unknown-elf
USER_ARCH_CFLAGS := -march=rv64gc -mabi=lp64d -fno-stack-protector
USER_ARCH_LDFLAGS := -Wl,-z,noexecstack
# No assembly in the glue beyond crt0: handlers return through the
# kernel's trampoline page (riscv64 Linux has no SA_RESTORER).
USER_ARCH_LIB_SRCS :=
