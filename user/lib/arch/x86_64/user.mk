# user/lib/arch/x86_64/user.mk - how x86_64 user programs are built.
#
# The host gcc and binutils, like the kernel; newlib is built for
# x86_64-elf through wrappers around them (tools/build-newlib.sh).
# Programs are static and not position-independent, linked by ld's default
# layout at 0x400000. User code keeps the red zone and may use SSE: the
# kernel saves FP state. No stack protector: it reads %fs:40, and Atlas
# programs have no TLS.

USER_CROSS :=
NEWLIB_TRIPLE := x86_64-elf
USER_ARCH_CFLAGS := -m64 -fno-pie -fno-stack-protector
USER_ARCH_LDFLAGS := -no-pie -Wl,-z,noexecstack
# The glue's own assembly (user.mk adds it to every program): the signal
# handlers' return, SA_RESTORER.
USER_ARCH_LIB_SRCS := user/lib/arch/x86_64/restore_rt.S
