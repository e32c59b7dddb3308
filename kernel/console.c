/*
 * kernel/console.c - the kernel console: where printk's bytes go.
 *
 * For now the console is the serial port, written synchronously so that a
 * panic's last words always reach the screen. A newline becomes CR LF, as a
 * terminal expects. /dev/console reads and writes the same port.
 */
#include "kernel/kernel.h"
#include "drivers/uart16550.h"
#include "fs/chrdev.h"
#include "fs/devfs.h"
#include "kernel/arch.h"

void console_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}

/* ---- /dev/console ---------------------------------------------------------- */

/*
 * Reading the console waits for the first byte (sleeping until the next
 * interrupt between polls), then returns what has arrived. The terminal
 * line discipline (echo, backspace, ^C) comes with user mode.
 */
static long console_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	char *p = buf;
	size_t got = 0;
	int c;

	(void)f, (void)pos;
	while (got < n) {
		c = uart_getc();
		if (c < 0) {
			if (got)
				break;
			arch_idle();
			continue;
		}
		p[got++] = (char)(c == '\r' ? '\n' : c);
	}
	return (long)got;
}

static long console_dev_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)pos;
	console_write(buf, n);
	return (long)n;
}

static const struct file_operations console_fops = {
	.read = console_read,
	.write = console_dev_write,
	.no_seek = true,
};

void console_dev_init(void)
{
	if (devfs_register("console", 0600, MKDEV(5, 1), &console_fops))
		panic("cannot register /dev/console");
}
