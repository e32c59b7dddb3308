# tests/host/host.mk - the host unit tests.
#
# Each tests/host/NAME_test.c is one program. It is compiled together with
# the real kernel sources listed in NAME_SRCS, by the host compiler, with
# AddressSanitizer and UndefinedBehaviorSanitizer, and prints KTAP.
#
#   make -f tests/host/host.mk run [T=name]    build and run (all, or those matching T)
#   make -f tests/host/host.mk bench           the host benchmarks
#
# To add a test program: write tests/host/NAME_test.c with HTEST() cases and
# add a NAME_SRCS line below naming the kernel files it compiles.

HB      := build/host
HCC     := cc
HCFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -I. -Itests/host/include -Itests/host
COMMON  := tests/host/htest.c tests/host/hostlib.c

buddy_SRCS     := mm/buddy.c
kmalloc_SRCS   := mm/buddy.c mm/kmalloc.c
cmdline_SRCS   := kernel/cmdline.c
bootinfo_SRCS  := kernel/bootinfo.c
# The initramfs reader; one case also runs tools/mkcpio.py.
cpio_SRCS      := fs/cpio.c
# vsnprintf is renamed so that it cannot be confused with the C library's.
printk_SRCS    := kernel/printk.c
printk_CFLAGS  := -Dvsnprintf=k_vsnprintf -Dsnprintf=k_snprintf
# fdt reads QEMU's virt DTB; fdt_build reads trees it builds itself. Both
# share tests/host/fdt_helpers.h.
fdt_SRCS       := kernel/fdt.c
fdt_build_SRCS := kernel/fdt.c
multiboot_SRCS := arch/x86_64/multiboot.c kernel/bootinfo.c
vma_SRCS       := mm/vma.c
# The address-space code, over the fake pmap and arena of host_mm.c.
MM_SRCS        := mm/vma.c mm/mm.c mm/vma_edit.c mm/mmap.c mm/munmap.c \
	mm/mprotect.c mm/fault.c mm/mmap_testfile.c mm/kmalloc.c mm/buddy.c \
	fs/file.c fs/dcache.c fs/pagecache.c kernel/fault_inject.c tests/host/host_mm.c
mmap_SRCS      := $(MM_SRCS)
mmap_fuzz_SRCS := $(MM_SRCS)
# MM_SRCS holds fs/pagecache.c already (mm/mmap_testfile.c uses it).
pagecache_SRCS := $(MM_SRCS)
# The VFS over a ramfs root, with mm/ underneath for the mapping cases.
VFS_SRCS       := $(MM_SRCS) fs/super.c fs/namei.c fs/dirops.c fs/open.c \
	fs/read_write.c fs/filemap.c fs/chrdev.c fs/ramfs.c
vfs_SRCS       := $(VFS_SRCS)
# The newlib glue's translation tables against the host's Linux headers;
# glue_generic.c holds riscv64's (generic) side, glue_headers.c the
# values of Atlas's user headers (see tests/host/glue_abi.h).
glue_SRCS      := user/lib/translate.c tests/host/glue_generic.c tests/host/glue_headers.c
vfs_tree_SRCS  := $(VFS_SRCS)
vfs_mmap_SRCS  := $(VFS_SRCS)

PROGRAMS := $(patsubst tests/host/%_test.c,%,$(wildcard tests/host/*_test.c))
SELECTED := $(if $(T),$(foreach p,$(PROGRAMS),$(if $(findstring $(T),$(p)),$(p))),$(PROGRAMS))

# A device tree from QEMU's own virt board, for the device-tree tests.
VIRT_DTB := $(HB)/virt.dtb
$(VIRT_DTB):
	@mkdir -p $(HB)
	@qemu-system-riscv64 -machine virt,dumpdtb=$@ -m 256M -smp 1 -bios default \
		-display none >/dev/null 2>&1 || { echo "host.mk: cannot dump the virt DTB" >&2; exit 1; }

HEADERS := $(wildcard kernel/*.h mm/*.h fs/*.h arch/x86_64/multiboot.h tests/host/*.h tests/host/include/*.h \
	user/lib/*.h user/lib/arch/*/*.h user/lib/include/*.h user/lib/include/sys/*.h)

.SECONDEXPANSION:
$(HB)/%_test: tests/host/%_test.c $(COMMON) $(HEADERS) $$($$*_SRCS)
	@mkdir -p $(HB)
	@$(HCC) $(HCFLAGS) $($*_CFLAGS) -o $@ $< $(COMMON) $($*_SRCS)

.PHONY: run bench

# Runs every selected program; each one's KTAP follows a "# program" line.
run: $(VIRT_DTB) $(foreach p,$(SELECTED),$(HB)/$(p)_test)
	@status=0; for p in $(SELECTED); do \
		echo "# program $$p"; \
		ATLAS_VIRT_DTB=$(VIRT_DTB) ASAN_OPTIONS=detect_leaks=1 $(HB)/$${p}_test || status=1; \
	done; exit $$status

# Benchmarks: optimised, no sanitizers, no invariant checks.
$(HB)/vma_bench: tests/host/vma_bench.c mm/vma.c mm/vma.h
	@mkdir -p $(HB)
	@$(HCC) -std=gnu11 -O2 -Wall -Wextra -Werror -I. -o $@ tests/host/vma_bench.c mm/vma.c -lm

bench: $(HB)/vma_bench
	@$(HB)/vma_bench
