/*
 * kernel/irq.c - device interrupt handlers.
 *
 * A driver registers a handler for its interrupt line; the port's
 * interrupt entry calls irq_handle() with the line number, after it has
 * claimed the interrupt from its controller (IOAPIC or PLIC).
 */
#include "kernel/arch.h"
#include "kernel/kernel.h"

#define NR_IRQS 64

static struct {
	void (*fn)(void *arg);
	void *arg;
} handlers[NR_IRQS];
static uint64_t spurious;

int irq_register(unsigned irq, void (*fn)(void *arg), void *arg)
{
	int err;

	if (irq >= NR_IRQS || !fn)
		return -EINVAL;
	if (handlers[irq].fn)
		return -EBUSY;
	handlers[irq].fn = fn;
	handlers[irq].arg = arg;
	err = arch_irq_unmask(irq);
	if (err < 0)
		handlers[irq].fn = NULL;
	return err;
}

void irq_handle(unsigned irq)
{
	if (irq < NR_IRQS && handlers[irq].fn) {
		handlers[irq].fn(handlers[irq].arg);
		return;
	}
	if (spurious++ == 0)
		pr_warn("warning: interrupt %u has no handler\n", irq);
}
