/*
 * drivers/uart16550.h - the 16550 serial port that is the console on both
 * ports (COM1 on x86_64, the virt board's UART on riscv64).
 */
#ifndef ATLAS_UART16550_H
#define ATLAS_UART16550_H

/* uart_init() sets 8N1, enables the FIFOs, and leaves interrupts off. */
void uart_init(void);

/* uart_putc() waits until the transmitter has room, then sends @c. */
void uart_putc(char c);

/* uart_getc() returns a received byte, or -1 when none is waiting. */
int uart_getc(void);

#endif
