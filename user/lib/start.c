/*
 * user/lib/start.c - from the initial stack to main(), for every arch.
 *
 * crt0.S (user/lib/arch/<arch>/) calls __libc_start() with the stack
 * pointer the kernel gave the program. That stack holds, from the bottom
 * up: argc; argv[0..argc-1] and a NULL; envp[] and a NULL; the auxiliary
 * vector, (type, value) pairs ending with AT_NULL (0).
 */
#include <stdlib.h>

#include <sys/auxv.h>

extern char **environ;
extern int main(int argc, char **argv, char **envp);
/* newlib runs the constructors (.preinit_array, _init, .init_array) and
 * the destructors (.fini_array, _fini) with these two. */
extern void __libc_init_array(void);
extern void __libc_fini_array(void);

/* The auxiliary vector, for getauxval(). */
static unsigned long *auxv;

/* newlib's __libc_init_array calls _init and __libc_fini_array calls
 * _fini: Atlas programs have no .init/.fini code, only the arrays. */
void _init(void)
{
}

void _fini(void)
{
}

/* getauxval() returns the value of auxv entry @type, or 0 if none. */
unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = auxv; a && a[0] != 0; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

/* __libc_start() sets environ, runs the constructors, calls main and
 * exits with its result; it never returns. */
void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;

	while (*p)
		p++;
	auxv = (unsigned long *)(p + 1);
	environ = envp;
	atexit(__libc_fini_array);
	__libc_init_array();
	exit(main(argc, argv, envp));
}
