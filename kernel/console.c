/*
 * kernel/console.c - the kernel console: where printk's bytes go.
 *
 * For now the console is the serial port, written synchronously so that a
 * panic's last words always reach the screen. A newline becomes CR LF, as a
 * terminal expects. /dev/console (kernel/tty.c) writes here too.
 */
#include "kernel/kernel.h"
#include "drivers/uart16550.h"

void console_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}
