/*
 * drivers/uart16550.c - the 16550 UART, polled.
 *
 * Register access goes through the port (arch_uart_read/arch_uart_write):
 * port I/O on x86_64, MMIO on riscv64. The register numbers below are the
 * chip's own. QEMU's UART needs no baud-rate setup, but a real one does, so
 * the divisor is programmed anyway (115200 from a 1.8432 MHz clock).
 */
#include "kernel/arch.h"
#include "drivers/uart16550.h"

enum {
	UART_RBR = 0,	/* receive buffer (read), DLAB = 0 */
	UART_THR = 0,	/* transmit holding (write), DLAB = 0 */
	UART_DLL = 0,	/* divisor latch low, DLAB = 1 */
	UART_IER = 1,	/* interrupt enable, DLAB = 0 */
	UART_DLM = 1,	/* divisor latch high, DLAB = 1 */
	UART_FCR = 2,	/* FIFO control (write) */
	UART_LCR = 3,	/* line control */
	UART_MCR = 4,	/* modem control */
	UART_LSR = 5,	/* line status */
};

#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define FCR_ENABLE	0x07	/* enable and clear both FIFOs */
#define MCR_DTR_RTS	0x03
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20

void uart_init(void)
{
	arch_uart_write(UART_IER, 0);
	arch_uart_write(UART_LCR, LCR_DLAB);
	arch_uart_write(UART_DLL, 1);		/* 115200 baud */
	arch_uart_write(UART_DLM, 0);
	arch_uart_write(UART_LCR, LCR_8N1);
	arch_uart_write(UART_FCR, FCR_ENABLE);
	arch_uart_write(UART_MCR, MCR_DTR_RTS);
}

void uart_putc(char c)
{
	while (!(arch_uart_read(UART_LSR) & LSR_THR_EMPTY))
		;
	arch_uart_write(UART_THR, (uint8_t)c);
}

int uart_getc(void)
{
	if (!(arch_uart_read(UART_LSR) & LSR_DATA_READY))
		return -1;
	return arch_uart_read(UART_RBR);
}
