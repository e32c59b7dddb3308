/*
 * kernel/cmdline.c - parsing the kernel command line into boot_options.
 *
 * The options are a table: each entry names an option and a function that
 * takes its value. Adding an option is one line in that table.
 */
#include "kernel/cmdline.h"
#include "kernel/kernel.h"

struct boot_options boot_options;

/* Copies a string value into @dst of @size bytes; false (with a warning)
 * when it is too long. */
static bool set_string_n(char *dst, size_t size, const char *name, const char *val)
{
	if (strlen(val) >= size) {
		pr_warn("warning: value of option '%s' is too long; ignored\n", name);
		return false;
	}
	strlcpy(dst, val, size);
	return true;
}

static bool set_string(char *dst, const char *name, const char *val)
{
	return set_string_n(dst, CMDLINE_VALUE_MAX, name, val);
}

static bool opt_loglevel(struct boot_options *o, const char *val)
{
	if (val[0] < '0' || val[0] > '9' || val[1] != '\0') {
		pr_warn("warning: loglevel=%s is not a digit 0-9; ignored\n", val);
		return false;
	}
	o->loglevel = val[0] - '0';
	return true;
}

static bool opt_ktest(struct boot_options *o, const char *val)
{
	return set_string(o->ktest, "ktest", val);
}

static bool opt_console(struct boot_options *o, const char *val)
{
	if (strncmp(val, "ttyS0", 5) != 0) {
		pr_warn("warning: console=%s: only ttyS0 exists; using it\n", val);
		return false;
	}
	return set_string(o->console, "console", val);
}

static bool opt_init(struct boot_options *o, const char *val)
{
	return set_string_n(o->init, sizeof(o->init), "init", val);
}

static bool opt_rdinit(struct boot_options *o, const char *val)
{
	return set_string_n(o->rdinit, sizeof(o->rdinit), "rdinit", val);
}

static bool opt_crash(struct boot_options *o, const char *val)
{
	return set_string(o->crash, "crash", val);
}

/*
 * Options for process 1 rather than the kernel (user/init.c reads them
 * from /proc/cmdline): accepted here so that they are not "unknown".
 */
static bool opt_for_init(struct boot_options *o, const char *val)
{
	(void)o, (void)val;
	return true;
}

static const struct {
	const char *name;
	bool (*set)(struct boot_options *o, const char *val);
} options[] = {
	{ "loglevel", opt_loglevel },
	{ "ktest", opt_ktest },
	{ "console", opt_console },
	{ "init", opt_init },
	{ "rdinit", opt_rdinit },
	{ "crash", opt_crash },
	{ "exec", opt_for_init },
	{ "args", opt_for_init },
};

/* Applies one "name=value" (or bare "name") word; false if it warned. */
static bool apply(struct boot_options *o, char *word)
{
	char *eq = strchr(word, '=');
	const char *val = "";

	if (eq) {
		*eq = '\0';
		val = eq + 1;
	}
	for (unsigned i = 0; i < ARRAY_SIZE(options); i++) {
		if (strcmp(word, options[i].name) != 0)
			continue;
		if (!eq) {
			pr_warn("warning: option '%s' needs a value; ignored\n", word);
			return false;
		}
		return options[i].set(o, val);
	}
	pr_warn("warning: unknown kernel option '%s' ignored\n", word);
	return false;
}

int cmdline_parse(const char *s, struct boot_options *o)
{
	char word[CMDLINE_INIT_MAX + 32];
	int warnings = 0;

	*o = (struct boot_options){ .loglevel = 6 };
	strlcpy(o->console, "ttyS0", sizeof(o->console));
	strlcpy(o->init, "/sbin/init", sizeof(o->init));

	while (*s) {
		size_t n = 0;
		bool quoted = false, too_long = false;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		/* One word: up to a space outside quotes. Quotes are dropped. */
		for (; *s && (quoted || (*s != ' ' && *s != '\t' && *s != '\n')); s++) {
			if (*s == '"') {
				quoted = !quoted;
				continue;
			}
			if (n + 1 < sizeof(word))
				word[n++] = *s;
			else
				too_long = true;
		}
		word[n] = '\0';
		if (too_long) {
			pr_warn("warning: kernel option '%.16s...' is too long; ignored\n", word);
			warnings++;
		} else if (!apply(o, word)) {
			warnings++;
		}
	}
	return warnings;
}

int cmdline_split_argv(char *s, char **argv, int max)
{
	char *r = s, *w = s;	/* read and write ends: quotes shrink words */
	int n = 0;

	for (;;) {
		bool quoted = false;

		while (*r == ' ' || *r == '\t')
			r++;
		if (!*r)
			break;
		if (n >= max - 1)
			return -E2BIG;
		argv[n++] = w;
		for (; *r && (quoted || (*r != ' ' && *r != '\t')); r++) {
			if (*r == '\\' && r[1])
				r++;	/* GRUB escapes the quotes it passes on: \' */
			if (*r == '\'')
				quoted = !quoted;
			else
				*w++ = *r;
		}
		if (*r)
			r++;	/* past the separator, so the NUL below cannot hit unread text */
		*w++ = '\0';
	}
	argv[n] = NULL;
	return n;
}
