/*
 * kernel/printk.c - formatted output: vsnprintf() and printk().
 *
 * The formatter is the kernel's own (there is no C library). printk()
 * formats into a buffer on the stack and hands the bytes to the console.
 */
#include "kernel/kernel.h"

int console_loglevel = LOG_INFO;

/* An output buffer that counts what would have been written. */
struct outbuf {
	char *buf;
	size_t size;
	size_t len;
};

static void out_char(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct outbuf *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

/* A conversion's flags, width and precision. */
struct spec {
	bool left, zero, plus, space, alt;
	int width;
	int prec;		/* -1: none */
};

static void out_str(struct outbuf *o, const char *s, const struct spec *sp)
{
	size_t len;

	if (!s)
		s = "(null)";
	len = sp->prec >= 0 ? strnlen(s, sp->prec) : strlen(s);
	if (!sp->left)
		out_pad(o, ' ', sp->width - (int)len);
	for (size_t i = 0; i < len; i++)
		out_char(o, s[i]);
	if (sp->left)
		out_pad(o, ' ', sp->width - (int)len);
}

static void out_num(struct outbuf *o, unsigned long long v, bool neg,
		    unsigned base, bool upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, ndig, len;
	char sign = 0;
	const char *prefix = "";

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (sp->prec == 0 && n == 1 && tmp[0] == '0')
		n = 0;
	if (neg)
		sign = '-';
	else if (sp->plus)
		sign = '+';
	else if (sp->space)
		sign = ' ';
	if (sp->alt && base == 16)
		prefix = upper ? "0X" : "0x";
	else if (sp->alt && base == 8)
		prefix = "0";

	ndig = sp->prec > n ? sp->prec : n;
	len = ndig + (sign != 0) + (int)strlen(prefix);
	if (!sp->left && !(sp->zero && sp->prec < 0))
		out_pad(o, ' ', sp->width - len);
	if (sign)
		out_char(o, sign);
	for (const char *p = prefix; *p; p++)
		out_char(o, *p);
	if (!sp->left && sp->zero && sp->prec < 0)
		out_pad(o, '0', sp->width - len);
	out_pad(o, '0', ndig - n);
	while (n)
		out_char(o, tmp[--n]);
	if (sp->left)
		out_pad(o, ' ', sp->width - len);
}

/* Parses flags, width and precision after a '%'; returns the new position. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else if (*f == '+')
			sp->plus = true;
		else if (*f == ' ')
			sp->space = true;
		else if (*f == '#')
			sp->alt = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	} else {
		while (*f >= '0' && *f <= '9')
			sp->width = sp->width * 10 + (*f++ - '0');
	}
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		} else {
			while (*f >= '0' && *f <= '9')
				sp->prec = sp->prec * 10 + (*f++ - '0');
		}
	}
	return f;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct outbuf o = { buf, size, 0 };
	va_list ap;

	va_copy(ap, ap_in);
	for (const char *f = fmt; *f; f++) {
		struct spec sp;
		int lng = 0;		/* 1: long, 2: long long, -1: short, -2: char */
		unsigned long long u;
		long long s;

		if (*f != '%') {
			out_char(&o, *f);
			continue;
		}
		f = parse_spec(f + 1, &sp, &ap);
		for (;; f++) {
			if (*f == 'l')
				lng++;
			else if (*f == 'h')
				lng--;
			else if (*f == 'z' || *f == 't')
				lng = 1;	/* size_t and ptrdiff_t are long here */
			else
				break;
		}
		switch (*f) {
		case 'd':
		case 'i':
			if (lng >= 2)
				s = va_arg(ap, long long);
			else if (lng == 1)
				s = va_arg(ap, long);
			else
				s = va_arg(ap, int);
			if (lng == -1)
				s = (short)s;
			else if (lng <= -2)
				s = (signed char)s;
			out_num(&o, s < 0 ? -(unsigned long long)s : (unsigned long long)s,
				s < 0, 10, false, &sp);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (lng >= 2)
				u = va_arg(ap, unsigned long long);
			else if (lng == 1)
				u = va_arg(ap, unsigned long);
			else
				u = va_arg(ap, unsigned int);
			if (lng == -1)
				u = (unsigned short)u;
			else if (lng <= -2)
				u = (unsigned char)u;
			out_num(&o, u, false, *f == 'u' ? 10 : *f == 'o' ? 8 : 16,
				*f == 'X', &sp);
			break;
		case 'p':
			sp.alt = true;
			out_num(&o, (uintptr_t)va_arg(ap, void *), false, 16, false, &sp);
			break;
		case 's':
			out_str(&o, va_arg(ap, const char *), &sp);
			break;
		case 'c': {
			char c[2] = { (char)va_arg(ap, int), 0 };

			sp.prec = -1;
			out_str(&o, c, &sp);
			break;
		}
		case '%':
			out_char(&o, '%');
			break;
		case '\0':
			f--;	/* a lone '%' at the end: stop */
			break;
		default:
			out_char(&o, '%');
			out_char(&o, *f);
			break;
		}
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void vprintk(int level, const char *fmt, va_list ap)
{
	char buf[512];
	int n;

	if (level > console_loglevel)
		return;
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	console_write(buf, n);
}

void printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}
