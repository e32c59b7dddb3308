# user/user.mk - user programs: newlib, Atlas's newlib port, and the
# programs of USER_PROGS (set in the top-level Makefile), which go into
# the initramfs under /bin.
#
#   user/<name>.c  ->  $(BUILD)/user/bin/<name>
#
# A program listed in USER_SBIN_PROGS goes to $(BUILD)/user/sbin/<name>
# (/sbin) instead. A program of several files lists the others in
# USER_PARTS_<name> (user/<part>.c each), e.g. USER_PARTS_sh := sh_lex.
#
# Programs are compiled against newlib's headers only (-nostdinc; Atlas's
# additions in user/lib/include come first), linked statically with
# crt0, the glue of user/lib/ and newlib's libc.a. newlib itself is built
# once per arch by tools/build-newlib.sh, the first time a program needs
# it, into $(BUILD)/newlib. Per-arch settings: user/lib/arch/$(ARCH)/user.mk.

include user/lib/arch/$(ARCH)/user.mk

USER_CC       := $(USER_CROSS)gcc
NEWLIB_PREFIX := $(BUILD)/newlib
NEWLIB        := $(NEWLIB_PREFIX)/$(NEWLIB_TRIPLE)
# Written last by tools/build-newlib.sh: newlib is complete.
NEWLIB_STAMP  := $(NEWLIB_PREFIX)/.atlas-newlib-done

USER_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -nostdinc \
	-isystem user/lib/include -isystem $(NEWLIB)/include \
	-isystem $(shell $(USER_CC) -print-file-name=include) \
	-Iuser/lib -Iuser/lib/arch/$(ARCH) $(USER_ARCH_CFLAGS) -MMD -MP
USER_ASFLAGS := $(filter-out -std=gnu11,$(USER_CFLAGS)) -D__ASSEMBLY__
USER_LDFLAGS := -static -nostdlib $(USER_ARCH_LDFLAGS)
# crt0 first: _start is where ld's default layout puts the entry.
USER_LIB_SRCS := user/lib/arch/$(ARCH)/crt0.S user/lib/start.c user/lib/glue.c \
	user/lib/glue_fs.c user/lib/glue_signal.c user/lib/dirent.c user/lib/translate.c \
	$(USER_ARCH_LIB_SRCS)
USER_LIB_OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(USER_LIB_SRCS)))
USER_BINS     := $(patsubst %,$(BUILD)/user/bin/%,$(filter-out $(USER_SBIN_PROGS),$(USER_PROGS))) \
	$(patsubst %,$(BUILD)/user/sbin/%,$(USER_SBIN_PROGS))
# The objects of a program's other files: $(call user_parts,<name>).
user_parts     = $(patsubst %,$(BUILD)/user/%.o,$(USER_PARTS_$(1)))
USER_OBJS     := $(USER_LIB_OBJS) $(patsubst %,$(BUILD)/user/%.o,$(USER_PROGS)) \
	$(foreach p,$(USER_PROGS),$(call user_parts,$(p)))

.PHONY: user newlib
user: $(USER_BINS)
newlib: $(NEWLIB_STAMP)

# newlib never changes once built: no prerequisites.
$(NEWLIB_STAMP):
	@tools/build-newlib.sh $(ARCH) $(NEWLIB_PREFIX)

# These rules are more specific than the kernel's $(BUILD)/%.o, so make
# prefers them for everything under user/.
$(BUILD)/user/%.o: user/%.c $(NEWLIB_STAMP)
	@mkdir -p $(dir $@)
	@echo "  UCC     $<"
	@$(USER_CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/user/%.o: user/%.S $(NEWLIB_STAMP)
	@mkdir -p $(dir $@)
	@echo "  UAS     $<"
	@$(USER_CC) $(USER_ASFLAGS) -c $< -o $@

# libc.a twice: libgcc's helpers may call back into it. The program with
# its debug information stays in $(BUILD)/user/debug/ (for gdb); the copy
# that goes into the initramfs is stripped of it, which keeps the
# initramfs small enough for small machines.
define user_link
	@mkdir -p $(dir $@) $(BUILD)/user/debug
	@echo "  ULD     $@"
	@$(USER_CC) $(USER_LDFLAGS) -o $(BUILD)/user/debug/$(notdir $@) $(USER_LIB_OBJS) $< \
		$(call user_parts,$*) $(NEWLIB)/lib/libc.a -lgcc $(NEWLIB)/lib/libc.a
	@$(USER_CROSS)objcopy --strip-debug $(BUILD)/user/debug/$(notdir $@) $@
endef
$(BUILD)/user/bin/%: $(BUILD)/user/%.o $(USER_LIB_OBJS)
	$(user_link)
$(BUILD)/user/sbin/%: $(BUILD)/user/%.o $(USER_LIB_OBJS)
	$(user_link)
# A program also needs its other files.
$(foreach p,$(USER_PROGS),$(eval $(filter %/$(p),$(USER_BINS)): $(call user_parts,$(p))))

-include $(USER_OBJS:.o=.d)
$(USER_OBJS): Makefile user/user.mk user/lib/arch/$(ARCH)/user.mk

# The initramfs carries the programs under /bin and /sbin.
$(INITRD): $(USER_BINS)
