# user/tests/tests.mk - the user-space test suites, built like the
# programs of user/user.mk (included after it) and put in the initramfs
# as /bin/test-<name>:
#
#   user/tests/<name>.c + user/tests/utest.c  ->  $(BUILD)/user/testbin/test-<name>
#
# test-all (user/tests/runall.c) runs every suite; make test boots each
# arch with rdinit=/bin/test-all, and runs the host-safe cases on the
# build host first (tools/test.py).

USER_TESTS     := mmap fork exec pipe vfs hostile fuzz signal sigproc
USER_TEST_DIR  := $(BUILD)/user/testbin
USER_TEST_BINS := $(patsubst %,$(USER_TEST_DIR)/test-%,$(USER_TESTS) all)
USER_TEST_OBJS := $(patsubst %,$(BUILD)/user/tests/%.o,$(USER_TESTS) runall utest fuzz_$(ARCH))

.PHONY: user-tests
user-tests: $(USER_TEST_BINS)
user: user-tests

# libc.a twice, as in user.mk; and as there, the program keeps its debug
# information in $(BUILD)/user/debug/ (for gdb) and the initramfs gets a
# stripped copy.
define user_test_link
	@mkdir -p $(dir $@) $(BUILD)/user/debug
	@echo "  ULD     $@"
	@$(USER_CC) $(USER_LDFLAGS) -o $(BUILD)/user/debug/$(notdir $@) $(USER_LIB_OBJS) \
		$(filter-out $(USER_LIB_OBJS),$^) $(NEWLIB)/lib/libc.a -lgcc $(NEWLIB)/lib/libc.a
	@$(USER_CROSS)objcopy --strip-debug $(BUILD)/user/debug/$(notdir $@) $@
endef

$(USER_TEST_DIR)/test-all: $(BUILD)/user/tests/runall.o $(USER_LIB_OBJS)
	$(user_test_link)
# The syscall fuzzer and test-hostile also link the arch's table of calls
# (user/tests/fuzz.h).
$(USER_TEST_DIR)/test-fuzz $(USER_TEST_DIR)/test-hostile: $(USER_TEST_DIR)/test-%: \
		$(BUILD)/user/tests/%.o $(BUILD)/user/tests/fuzz_$(ARCH).o \
		$(BUILD)/user/tests/utest.o $(USER_LIB_OBJS)
	$(user_test_link)
$(USER_TEST_DIR)/test-%: $(BUILD)/user/tests/%.o $(BUILD)/user/tests/utest.o $(USER_LIB_OBJS)
	$(user_test_link)

-include $(USER_TEST_OBJS:.o=.d)
$(USER_TEST_OBJS): Makefile user/user.mk user/tests/tests.mk user/lib/arch/$(ARCH)/user.mk

$(INITRD): $(USER_TEST_BINS)
