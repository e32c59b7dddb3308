/*
 * tests/host/fdt_helpers.h - small helpers shared by the two device-tree
 * test programs (fdt_test.c, on QEMU's real DTB, and fdt_build_test.c, on
 * trees built in the test).
 *
 * Device-tree fields are big-endian 32-bit words; get32() and put32() read
 * and write one. copy_of() makes a heap copy of exactly the size the reader
 * will be told, so ASan reports any read past it.
 */
#ifndef ATLAS_FDT_HELPERS_H
#define ATLAS_FDT_HELPERS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* get32() reads the big-endian word at @p. */
static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* put32() writes @v at @p, big-endian. */
static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* copy_of() returns a heap copy of @n bytes of @blob (ASan bounds it). */
static inline uint8_t *copy_of(const uint8_t *blob, size_t n)
{
	uint8_t *p = malloc(n ? n : 1);

	memcpy(p, blob, n);
	return p;
}

#endif
