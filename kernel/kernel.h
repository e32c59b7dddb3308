/*
 * kernel/kernel.h - core services every part of the kernel uses:
 * printk and its levels, panic and assertions, the tick counter, the trap
 * entry for kernel-mode exceptions, and the freestanding string routines.
 */
#ifndef ATLAS_KERNEL_H
#define ATLAS_KERNEL_H

#include "kernel/types.h"
#include "kernel/errno.h"

/* ---- printk (kernel/printk.c) -------------------------------------------- */

enum log_level {
	LOG_ERR = 3,
	LOG_WARN = 4,
	LOG_INFO = 6,
	LOG_DEBUG = 7,
};

/* The highest level printed; set by the loglevel= option. */
extern int console_loglevel;

/*
 * printk() formats like printf (%d %i %u %x %X %o %p %s %c %%, with - 0 width
 * precision and the h hh l ll z t modifiers) and writes to the console when
 * @level <= console_loglevel. Messages say "warning:" or "error:" themselves
 * where that helps the reader; printk adds nothing.
 */
__printf(2, 3) void printk(int level, const char *fmt, ...);
void vprintk(int level, const char *fmt, va_list ap);

#define pr_err(...)	printk(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)	printk(LOG_WARN, __VA_ARGS__)
#define pr_info(...)	printk(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)	printk(LOG_DEBUG, __VA_ARGS__)

/* snprintf()/vsnprintf(): C semantics; the result is always terminated. */
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* console_write() sends raw bytes to the console, bypassing levels. */
void console_write(const char *s, size_t len);

/* console_dev_init() registers /dev/console (5:1), the TTY (kernel/tty.c). */
void console_dev_init(void);

/* tty_tick() takes typed input in on every timer tick (kernel/tty.c). */
void tty_tick(void);

/*
 * tty_receive() handles one typed character: line editing, or ^C, which
 * sends SIGINT to the foreground process group. tty_set_foreground()
 * sets that group (as TIOCSPGRP does) and returns the old one.
 */
void tty_receive(char c);
int tty_set_foreground(int pgrp);

/* ---- panic and assertions (kernel/panic.c) ------------------------------ */

/*
 * panic() prints "KERNEL PANIC: <message>", a symbolized backtrace from the
 * caller, then "atlas: exit 255", and powers off with a failure status.
 */
__noreturn __printf(1, 2) void panic(const char *fmt, ...);

/* backtrace_print() prints the frame chain starting at @fp (and @pc). */
void backtrace_print(uintptr_t pc, uintptr_t fp);

/* ksym_lookup() names the function containing @addr; NULL if none. */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);

#define assert(cond)							\
	do {								\
		if (!(cond))						\
			panic("assertion failed: %s (%s:%d)", #cond,	\
			      __FILE__, __LINE__);			\
	} while (0)

/* crash_now() crashes on purpose (kernel/crash.c); see crash= in cmdline.h. */
void crash_now(const char *how);

/* ---- traps (kernel/trap.c) ---------------------------------------------- */

struct trap_info;

/*
 * kernel_trap() is called by a port for a synchronous exception taken in
 * kernel mode. It returns if the trap was expected (a test armed it with
 * trap_expect()), after setting the trapframe to resume at the next
 * instruction; otherwise it prints a report and panics.
 */
void kernel_trap(struct trap_info *ti);

/* ---- device interrupts (kernel/irq.c) ---------------------------------- */

/*
 * irq_register() installs @fn as the handler of device interrupt @irq and
 * unmasks it at the interrupt controller. Returns 0, -EINVAL for an @irq
 * out of range, or -EBUSY if it already has a handler.
 */
int irq_register(unsigned irq, void (*fn)(void *arg), void *arg);

/* irq_handle() is called by a port for device interrupt @irq. */
void irq_handle(unsigned irq);

/* ---- user mode (kernel/proc.c, kernel/sched.c) ----------------------- */

struct trapframe;

/*
 * user_trap() handles an exception taken in user mode (@ti->user): a page
 * fault the address space can satisfy, or else the end of the process,
 * with a console message.
 */
void user_trap(struct trap_info *ti);

/*
 * trap_return_to_user() runs just before any return to user mode: the
 * point where a task that used up its time slice is preempted.
 */
void trap_return_to_user(struct trapframe *tf);

/* ---- time (kernel/time.c) ----------------------------------------------- */

#define HZ 100

/* Timer interrupts since the timer started. */
extern volatile uint64_t ticks;

/* timer_tick() is called by the port on every periodic timer interrupt. */
void timer_tick(void);

/* ---- the boot path (kernel/main.c) -------------------------------------- */

/* kmain() is where boot.S hands over, on the boot stack, interrupts off. */
__noreturn void kmain(void);

/*
 * kernel_exit() prints "atlas: exit <status>" (the line the test runner
 * reads) and powers off. 0 is success.
 */
__noreturn void kernel_exit(int status);

/* ---- string routines (kernel/string.c) ---------------------------------- */

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/* strlcpy() copies at most size - 1 bytes, terminates, returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

#endif
