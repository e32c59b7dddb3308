# Atlas - the top-level Makefile.
#
#   make run                 build and boot Atlas in QEMU (x86_64, GRUB ISO)
#   make run ARCH=riscv64    the same on riscv64 (OpenSBI)
#   make test                every test layer on both architectures
#   make help                everything else
#
# The build is out of tree, under build/<arch>/. Each port adds its own
# settings in arch/<dir>/arch.mk.

ARCH ?= x86_64
ifeq ($(ARCH),x86_64)
ARCH_DIR := x86_64
else ifeq ($(ARCH),riscv64)
ARCH_DIR := riscv
else
$(error ARCH must be x86_64 or riscv64, not '$(ARCH)')
endif

BUILD   := build/$(ARCH)
KERNEL  := $(BUILD)/atlas.elf
ISO     := $(BUILD)/atlas.iso
# The initramfs every boot path hands the kernel (see "the initramfs" below).
INITRD  := $(BUILD)/initrd.cpio
MEM     ?= 256M
# Extra kernel command-line options, e.g. make run APPEND="loglevel=7".
APPEND  ?=
# ACCEL=kvm opts in to KVM on real hardware; TCG is the default everywhere.
ACCEL   ?= tcg
# T selects in-kernel test suites for make test (comma separated).
T       ?=

# Kernel sources common to every port, in link order.
KERNEL_SRCS := \
	kernel/main.c kernel/printk.c kernel/console.c kernel/tty.c kernel/panic.c kernel/ksyms.c \
	kernel/string.c kernel/cmdline.c kernel/bootinfo.c kernel/fdt.c \
	kernel/time.c kernel/irq.c kernel/trap.c kernel/ktest.c kernel/crash.c \
	kernel/extable.c kernel/uaccess.c kernel/task.c kernel/sched.c kernel/proc.c kernel/signal.c \
	kernel/exec.c kernel/syscall.c kernel/sys_io.c kernel/sys_path.c kernel/sys_proc.c \
	kernel/sys_task.c kernel/sys_info.c kernel/sys_attr.c kernel/sys_poll.c \
	kernel/fault_inject.c \
	mm/bootmem.c mm/buddy.c mm/pmem.c mm/kmalloc.c \
	mm/vma.c mm/mm.c mm/vma_edit.c mm/mmap.c mm/munmap.c mm/mprotect.c mm/madvise.c \
	mm/fault.c mm/fork.c \
	fs/file.c fs/pagecache.c fs/cpio.c fs/attr.c \
	fs/dcache.c fs/super.c fs/namei.c fs/dirops.c fs/open.c fs/read_write.c \
	fs/filemap.c fs/chrdev.c fs/ramfs.c fs/rootfs.c fs/shmem.c fs/devfs.c fs/pipe.c \
	fs/procfs.c fs/procfs_files.c \
	drivers/uart16550.c drivers/memdev.c

# In-kernel tests, each beside what it tests; run with ktest=<suite>.
KTEST_SRCS := \
	mm/buddy_test.c mm/kmalloc_test.c mm/pmap_test.c \
	mm/mmap_testfile.c mm/mmap_test.c \
	kernel/trap_test.c kernel/time_test.c kernel/uaccess_test.c kernel/user_test.c \
	kernel/tty_test.c \
	fs/cpio_test.c fs/procfs_test.c \
	fs/vfs_test.c

# User programs, each user/<name>.c built with newlib into
# $(BUILD)/user/bin/<name> and put in the initramfs as /bin/<name>
# (user/user.mk); those of USER_SBIN_PROGS go to /sbin instead. A
# program of several files names the others in USER_PARTS_<name>.
USER_PROGS := hello init sh ls cat echo mkdir rm cp ps maps free
USER_SBIN_PROGS := init
USER_PARTS_sh := sh_lex sh_parse sh_expand sh_exec

include arch/$(ARCH_DIR)/arch.mk

CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
NM      := $(CROSS_COMPILE)nm
OBJCOPY := $(CROSS_COMPILE)objcopy

CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-stack-protector -fno-omit-frame-pointer \
	-fno-optimize-sibling-calls \
	-fno-strict-aliasing -fno-common -fno-tree-loop-distribute-patterns -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) \
	-I. -Iarch/$(ARCH_DIR) -DARCH_NAME='"$(ARCH)"' $(ARCH_CFLAGS) -MMD -MP
ASFLAGS := $(filter-out -std=gnu11,$(CFLAGS)) -D__ASSEMBLY__
LDFLAGS := -nostdlib -z max-page-size=4096 --no-warn-rwx-segments $(ARCH_LDFLAGS)

SRCS := $(ARCH_SRCS) $(KERNEL_SRCS) $(KTEST_SRCS)
OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(SRCS)))

.PHONY: all kernel initrd busybox iso run gdb test host-test bench-host fuzz fuzz-user compdb setup clean help qemu-cmd \
	print-pass-status exec print-initrd-trees
all: kernel
kernel: $(KERNEL)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(ASFLAGS) -c $< -o $@

# The kernel is linked twice: the first link gives the addresses of every
# function, tools/gensyms.sh turns them into a table for the panic
# backtrace, and the second link adds that table (in .rodata, after .text,
# so no function moves; the rule checks that).
$(KERNEL): $(OBJS) $(ARCH_LDSCRIPT) tools/gensyms.sh
	@echo "  LD      $@"
	@tools/gensyms.sh /dev/null > $(BUILD)/ksyms0.S
	@$(CC) $(ASFLAGS) -c $(BUILD)/ksyms0.S -o $(BUILD)/ksyms0.o
	@$(LD) $(LDFLAGS) -T $(ARCH_LDSCRIPT) -o $@.pass1 $(OBJS) $(BUILD)/ksyms0.o
	@$(NM) -n --defined-only $@.pass1 > $(BUILD)/syms.pass1
	@tools/gensyms.sh $(BUILD)/syms.pass1 > $(BUILD)/ksyms.S
	@$(CC) $(ASFLAGS) -c $(BUILD)/ksyms.S -o $(BUILD)/ksyms.o
	@$(LD) $(LDFLAGS) -T $(ARCH_LDSCRIPT) -o $@ $(OBJS) $(BUILD)/ksyms.o
	@$(NM) -n --defined-only $@ > $(BUILD)/syms.pass2
	@tools/gensyms.sh $(BUILD)/syms.pass2 | cmp -s - $(BUILD)/ksyms.S || \
		{ echo "error: function addresses moved between links" >&2; exit 1; }

-include $(OBJS:.o=.d)
# Flags live in these two files: a change to either rebuilds everything.
$(OBJS): Makefile arch/$(ARCH_DIR)/arch.mk

# ---- user programs -------------------------------------------------------------

include user/user.mk
# The Linux compatibility program (a real Linux libc, not newlib).
include user/compat/compat.mk
include user/tests/tests.mk

# ---- the initramfs -------------------------------------------------------------

# A cpio newc archive of rootfs/ plus INITRD_EXTRA_DIRS, each a directory
# given as DIR or DIR:DEST (its place in the archive), e.g.
# $(BUILD)/user/bin:/bin. tools/mkcpio.py writes it reproducibly: sorted,
# owned by root, mtime 0. It depends on every file and directory of its
# trees, so adding, changing or removing one rebuilds it.
INITRD_EXTRA_DIRS ?=
INITRD_EXTRA_DIRS += $(BUILD)/user/bin:/bin $(BUILD)/user/sbin:/sbin
INITRD_EXTRA_DIRS += $(USER_TEST_DIR):/bin
# BUSYBOX=1 adds Debian's busybox-static (tools/busybox.sh fetches it into
# $(BUILD)/busybox/): /bin/busybox and its applets as links in /usr/bin.
# That initramfs is a file of its own, and init's one job is busybox's
# shell (exec= in user/init.c), so make run BUSYBOX=1 boots into it.
BUSYBOX ?=
BUSYBOX_TREE := $(BUILD)/busybox/root
ifeq ($(BUSYBOX),1)
INITRD  := $(BUILD)/initrd-busybox.cpio
INITRD_EXTRA_DIRS += $(BUSYBOX_TREE)
APPEND  += exec=/bin/busybox args=sh
$(INITRD): $(BUSYBOX_TREE)/bin/busybox
endif
INITRD_TREES := rootfs $(INITRD_EXTRA_DIRS)
INITRD_INPUTS := $(shell find $(foreach t,$(INITRD_TREES),$(firstword $(subst :, ,$(t)))) \
	2>/dev/null)

initrd: $(INITRD)
$(INITRD): tools/mkcpio.py $(INITRD_INPUTS)
	@mkdir -p $(dir $@)
	@echo "  CPIO    $@"
	@python3 tools/mkcpio.py -o $@ $(INITRD_TREES)

# make busybox fetches busybox-static for ARCH once (Debian's mirror).
busybox: $(BUSYBOX_TREE)/bin/busybox
$(BUSYBOX_TREE)/bin/busybox:
	@tools/busybox.sh $(ARCH)

# ---- booting ----------------------------------------------------------------

# BOOT selects how QEMU starts the kernel: "user" is what make run uses
# (the GRUB ISO on x86_64), "fast" is the quickest path the tests use.
BOOT ?= user
QEMU_BASE := $(QEMU) $(QEMU_MACHINE) -smp 1 -m $(MEM) -accel $(ACCEL) -no-reboot
QEMU_ARGS = $(QEMU_BASE) $(QEMU_BOOT_$(BOOT))

iso: $(ISO)
$(ISO): $(KERNEL) $(INITRD) tools/mkiso.sh
	@echo "  ISO     $@"
	@tools/mkiso.sh $(KERNEL) $@ "$(APPEND)" $(INITRD)
# The ISO bakes APPEND into grub.cfg; rebuild it whenever APPEND changes.
.PHONY: $(ISO)

# When the system powers off with "atlas: exit 0", QEMU exits with
# QEMU_PASS_STATUS (33 on x86_64): make run succeeds then too.
run: setup $(QEMU_RUN_DEPS)
	@echo "Booting Atlas ($(ARCH)). Quit QEMU with Ctrl-A x."
	$(QEMU_ARGS) -display none -serial mon:stdio $(if $(GDB),-s -S) || \
		[ $$? -eq $(QEMU_PASS_STATUS) ]

# make gdb attaches to a QEMU started with make run GDB=1.
gdb: $(KERNEL)
	gdb-multiarch -q $(KERNEL) -ex 'set architecture $(GDB_ARCH)' \
		-ex 'target remote localhost:1234'

# qemu-cmd prints the QEMU command line for BOOT and APPEND (the runner uses it).
qemu-cmd:
	@echo '$(QEMU_ARGS)'

# QEMU's exit status when the kernel powers off with status 0.
print-pass-status:
	@echo $(QEMU_PASS_STATUS)

# The trees of the initramfs, as tools/mkcpio.py takes them (tools/exec.py).
print-initrd-trees:
	@echo '$(INITRD_TREES)'

# make exec BIN=prog [ARGS="a 'b c'"] boots the built kernel with an
# initramfs that also holds BIN (as /usr/local/bin/<name>), runs it with
# ARGS as init's only job (DIRECT=1: as process 1 itself), streams its
# output and ends with "atlas: exit N" (tools/exec.py, docs/testing.md;
# TIMEOUT=seconds, V=1 shows the boot, APPEND adds kernel options). The
# script exits with N; make itself can only say 0 or 2 ("Error N").
# BIN, ARGS and APPEND reach the script through the environment,
# unexpanded, so quotes in ARGS split words as a shell would.
exec: export EXEC_BIN = $(value BIN)
exec: export EXEC_ARGS = $(value ARGS)
exec: export EXEC_APPEND = $(value APPEND)
exec: setup $(KERNEL) $(INITRD)
	@python3 tools/exec.py --arch $(ARCH) --no-build

# ---- tests --------------------------------------------------------------------

# make test runs both architectures unless ARCH is given on the command line.
ifeq ($(origin ARCH),command line)
TEST_ARCHES := $(ARCH)
else
TEST_ARCHES := x86_64 riscv64
endif

test: setup
	@python3 tools/test.py --arches "$(TEST_ARCHES)" --suites "$(T)"

host-test:
	@$(MAKE) -s -f tests/host/host.mk run T="$(T)"

bench-host:
	@$(MAKE) -s -f tests/host/host.mk bench

# The model-based fuzzer of the address space, for longer: every seed is
# printed, and SEED=n replays one (make fuzz SEED=1234). Then the system-call
# fuzzer (user/tests/fuzz.c) on each arch, as init's one job: FUZZ_COUNT
# calls, the same SEED if one is given (make fuzz-user runs only that).
FUZZ_COUNT ?= 200000
FUZZ_USER_TIMEOUT ?= 1800
fuzz:
	@FUZZ_SEEDS=$${FUZZ_SEEDS:-200} FUZZ_STEPS=$${FUZZ_STEPS:-4000} \
		$(MAKE) -s -f tests/host/host.mk run T=fuzz
	@$(MAKE) -s fuzz-user

fuzz-user: setup
	@for a in $(TEST_ARCHES); do \
		echo "# system-call fuzzer on $$a: $(FUZZ_COUNT) calls"; \
		$(MAKE) -s --no-print-directory ARCH=$$a kernel initrd || exit 1; \
		python3 tools/exec.py --arch $$a --no-build --timeout $(FUZZ_USER_TIMEOUT) \
			build/$$a/user/testbin/test-fuzz --count $(FUZZ_COUNT) \
			$${SEED:+--seed $$SEED} || exit 1; \
	done

setup:
	@tools/setup.sh

compdb:
	@python3 tools/compdb.py "$(CC) $(CFLAGS)" $(SRCS) > compile_commands.json
	@echo "wrote compile_commands.json"

clean:
	rm -rf build compile_commands.json

help:
	@echo "Atlas make targets (ARCH=x86_64 by default, or ARCH=riscv64):"
	@echo "  make run          build and boot in QEMU; quit with Ctrl-A x"
	@echo "  make run GDB=1    the same, stopped at the first instruction for gdb"
	@echo "  make gdb          attach gdb-multiarch to a QEMU started with GDB=1"
	@echo "  make test         host tests, then in-kernel tests on both arches"
	@echo "  make test ARCH=riscv64 T=buddy   one arch, chosen suites"
	@echo "  make host-test    only the host unit tests (ASan + UBSan)"
	@echo "  make fuzz         the address-space fuzzer, 200 seeds (SEED=n replays one),"
	@echo "                    then make fuzz-user"
	@echo "  make fuzz-user    the system-call fuzzer on each arch, FUZZ_COUNT=200000 calls"
	@echo "                    (SEED=n replays a run)"
	@echo "  make bench-host   VMA tree benchmark (nodes visited, ns per operation)"
	@echo "  make kernel       build $(KERNEL)"
	@echo "  make initrd       build $(INITRD) from rootfs/ and the user programs"
	@echo "  make user         build the user programs ($(USER_PROGS)) into $(BUILD)/user/bin"
	@echo "  make user-tests   build the user-space test suites (/bin/test-*, user/tests/)"
	@echo "  make newlib       build newlib for ARCH into $(BUILD)/newlib (once; make user does it)"
	@echo "  make iso          build the GRUB ISO (x86_64)"
	@echo "  make run BUSYBOX=1   boot into Debian's busybox-static shell (make busybox"
	@echo "                    fetches it into $(BUILD)/busybox)"
	@echo "  make compat       build the Linux compatibility program (musl / glibc, static)"
	@echo "  make exec BIN=prog ARGS=\"a b\"   run a static program (newlib or Linux) as"
	@echo "                    process 1; exits with its status (TIMEOUT=s, V=1)"
	@echo "  make compdb       write compile_commands.json for clangd"
	@echo "  make setup        install the Debian packages the build needs"
	@echo "  make clean        remove build/"
	@echo "Variables: MEM=$(MEM) APPEND='kernel options' ACCEL=tcg|kvm"
