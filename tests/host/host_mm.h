/*
 * tests/host/host_mm.h - the host stand-ins for physical memory and the
 * page tables (tests/host/host_mm.c).
 */
#ifndef ATLAS_HOST_MM_H
#define ATLAS_HOST_MM_H

#include <stddef.h>
#include <stdint.h>

struct pmap;

/* host_mm_setup() makes an arena of @npages free frames (once per program). */
void host_mm_setup(size_t npages);

/* host_pmap_leaves() counts the leaves @pm has. */
size_t host_pmap_leaves(struct pmap *pm);

/* host_user_ptr() is where user address @va's byte lives, or NULL. */
void *host_user_ptr(struct pmap *pm, uintptr_t va);

#endif
