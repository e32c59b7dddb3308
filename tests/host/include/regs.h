/*
 * tests/host/include/regs.h - what kernel/arch.h needs from a port's
 * regs.h, for host builds. Host tests take no traps.
 */
#ifndef ATLAS_HOST_REGS_H
#define ATLAS_HOST_REGS_H

struct trapframe {
	unsigned long pc;
};

/* What arch_switch() saves; host tests never switch tasks. */
struct arch_context {
	unsigned long sp;
};

#endif
