/*
 * drivers/memdev.h - the memory devices, /dev/null and /dev/zero.
 */
#ifndef ATLAS_MEMDEV_H
#define ATLAS_MEMDEV_H

/* memdev_init() registers /dev/null (1:3) and /dev/zero (1:5). */
void memdev_init(void);

#endif
