/*
 * kernel/sys_info.c - system calls that report on the system as a whole:
 * sysinfo, time, and getrandom.
 */
#include "kernel/syscalls.h"
#include "kernel/task.h"
#include "kernel/kernel.h"
#include "kernel/uaccess.h"
#include "mm/page.h"

/* Linux's struct sysinfo on a 64-bit arch (linux/sysinfo.h): 112 bytes. */
struct linux_sysinfo {
	int64_t uptime;			/* seconds since boot */
	uint64_t loads[3];		/* 1, 5, 15 minute load, << 16 */
	uint64_t totalram, freeram, sharedram, bufferram;
	uint64_t totalswap, freeswap;
	uint16_t procs;
	uint16_t pad;
	uint32_t pad2;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;		/* the memory figures count units of this */
	uint32_t pad3;
};

_Static_assert(sizeof(struct linux_sysinfo) == 112, "struct sysinfo is 112 bytes");
_Static_assert(offsetof(struct linux_sysinfo, procs) == 80, "sysinfo.procs");
_Static_assert(offsetof(struct linux_sysinfo, mem_unit) == 104, "sysinfo.mem_unit");

/*
 * sysinfo(info): uptime, memory in bytes (mem_unit 1: the figures of
 * /proc/meminfo) and the number of tasks. Atlas keeps no load average,
 * no swap and no buffer cache apart from the page cache: those are 0.
 * -EFAULT for a bad pointer.
 */
SYSCALL(sysinfo)
{
	struct linux_sysinfo si = { 0 };
	struct task *t = NULL;
	unsigned procs = 0;

	while ((t = task_next(t)) != NULL)
		procs++;
	si.uptime = (int64_t)(ticks / HZ);
	si.totalram = (uint64_t)pmem_managed_pages() * PAGE_SIZE;
	si.freeram = (uint64_t)pmem_free_pages() * PAGE_SIZE;
	si.procs = (uint16_t)MIN(procs, 0xffffu);
	si.mem_unit = 1;
	return copy_to_user((void *)a[0], &si, sizeof(si));
}

/*
 * time(tloc) (x86_64 only): seconds on the clock clock_gettime() reads,
 * also stored at @tloc unless it is NULL; -EFAULT for a bad @tloc.
 */
SYSCALL(time)
{
	int64_t secs = (int64_t)(ticks / HZ);

	if (a[0] && copy_to_user((void *)a[0], &secs, sizeof(secs)))
		return -EFAULT;
	return secs;
}

/* ---- getrandom ---------------------------------------------------------------- */

#define GRND_NONBLOCK	0x1
#define GRND_RANDOM	0x2
#define GRND_INSECURE	0x4
#define GETRANDOM_CHUNK	256
#define GETRANDOM_MAX	33554431ul	/* 32 MiB - 1, getrandom(2)'s limit per call */

/*
 * The generator behind getrandom: splitmix64 over a state stirred with
 * the tick count on every call. It is NOT cryptographically secure; a
 * teaching kernel has no entropy source worth the name.
 */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/*
 * getrandom(buf, len, flags) fills @len bytes at @buf and returns how
 * many: at most 32 MiB - 1 per call, the limit getrandom(2) documents
 * for the urandom source (a caller must expect a short count). Flags as Linux checks
 * them: -EINVAL for an unknown bit or for GRND_INSECURE with
 * GRND_RANDOM. The pool is always "ready", so nothing blocks. -EFAULT if
 * no byte could be stored.
 */
SYSCALL(getrandom)
{
	uint64_t chunk[GETRANDOM_CHUNK / 8];
	size_t len = MIN(a[1], GETRANDOM_MAX), done = 0;
	unsigned long flags = a[2];

	if (flags & ~(unsigned long)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	rng_state ^= ticks;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));

		for (size_t i = 0; i < ARRAY_SIZE(chunk); i++)
			chunk[i] = rng_next();
		if (copy_to_user((char *)a[0] + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}
