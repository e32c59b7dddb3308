# user/compat/compat.mk - the Linux compatibility program, built with a
# real Linux libc rather than newlib: musl on x86_64, glibc on riscv64.
#
#   make compat ARCH=<arch>   ->  $(BUILD)/compat/compat
#
# It is a static Linux binary, run both on the build host (natively, or
# under qemu-riscv64) and on Atlas (tools/exec.py); tools/test.py compares
# the two outputs. The compilers come from musl-tools and
# gcc-riscv64-linux-gnu + libc6-dev-riscv64-cross (tools/setup.sh).

COMPAT_CC_x86_64  := musl-gcc
COMPAT_CC_riscv64 := riscv64-linux-gnu-gcc
COMPAT_BIN := $(BUILD)/compat/compat

.PHONY: compat
compat: $(COMPAT_BIN)

$(COMPAT_BIN): user/compat/compat.c user/compat/compat.mk
	@mkdir -p $(dir $@)
	@echo "  CCLINUX $<"
	@$(COMPAT_CC_$(ARCH)) -static -std=gnu11 -O2 -g -Wall -Wextra -Werror -o $@ $<
