/*
 * kernel/sections.h - symbols the ports' linker scripts (kernel.ld) define.
 *
 * Every port's kernel.ld lays the image out in this order, each part page
 * aligned so it can get its own protection (W^X):
 *
 *   __kernel_start
 *   __text_start   .text*            read + execute
 *   __text_end
 *   __rodata_start .rodata*, .ktest  read only (ktest cases between
 *                                    __ktest_start and __ktest_end; the
 *                                    symbol table .rodata.ksyms last)
 *   __rodata_end
 *   __data_start   .data*, .sdata*   read + write
 *   __bss_start    .bss*, .sbss*     read + write, zeroed by boot.S
 *   __bss_end
 *   __kernel_end
 *
 * All are link (virtual) addresses; virt_to_phys() gives the physical ones.
 */
#ifndef ATLAS_SECTIONS_H
#define ATLAS_SECTIONS_H

extern char __kernel_start[], __kernel_end[];
extern char __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[];
extern char __data_start[];
extern char __bss_start[], __bss_end[];

#endif
