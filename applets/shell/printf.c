/* printf (POSIX XCU printf), as dash's: the format is reused while
 * arguments remain; %b expands echo's escapes, its \c ends all output; a
 * missing argument is "" or 0; a numeric argument is a C constant (0x hex,
 * 0 octal) or 'c / "c for the byte's value; a bad one is reported and the
 * output goes on, with status 1. An invalid directive ends printf with
 * status 2 after what came before it. */
#include "bi.h"
#include "osbox/buf.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool sh_bi_bexpand(const char *s, struct buf *out); /* echo.c */

struct pf {
	char **args; /* the arguments not yet used */
	int nargs;
	int status;
	struct buf *out;
};

static const char *next_arg(struct pf *p)
{
	if (p->nargs == 0)
		return NULL;
	p->nargs--;
	return *p->args++;
}

/* Reports what strto* left: nothing read, something left over, or errno. */
static void check_number(struct pf *p, const char *s, const char *end)
{
	if (end == s)
		sh_bi_warn("printf: %s: expected numeric value", s);
	else if (*end)
		sh_bi_warn("printf: %s: not completely converted", s);
	else if (errno)
		sh_bi_warn("printf: %s: %s", s, strerror(errno));
	else
		return;
	p->status = 1;
}

/* 'c or "c: the value of the byte after the quote (XCU printf). */
static bool quoted(const char *s, unsigned char *c)
{
	if (s[0] != '\'' && s[0] != '"')
		return false;
	*c = (unsigned char)s[1];
	return true;
}

/* The next argument as a number: NULL (nothing to convert) when it is
 * missing or empty, which counts as 0, or when it is 'c or "c, whose
 * value is then in *c. errno is cleared for the conversion to follow. */
static const char *arg_number(struct pf *p, unsigned char *c)
{
	const char *s = next_arg(p);
	*c = 0;
	if (!s || !*s || quoted(s, c))
		return NULL;
	errno = 0;
	return s;
}

static intmax_t arg_signed(struct pf *p)
{
	unsigned char c;
	const char *s = arg_number(p, &c);
	if (!s)
		return c;
	char *end;
	intmax_t v = strtoimax(s, &end, 0);
	check_number(p, s, end);
	return v;
}

static uintmax_t arg_unsigned(struct pf *p)
{
	unsigned char c;
	const char *s = arg_number(p, &c);
	if (!s)
		return c;
	char *end;
	uintmax_t v = strtoumax(s, &end, 0);
	check_number(p, s, end);
	return v;
}

static double arg_double(struct pf *p)
{
	unsigned char c;
	const char *s = arg_number(p, &c);
	if (!s)
		return c;
	char *end;
	double v = strtod(s, &end);
	check_number(p, s, end);
	return v;
}

/* A * width or precision: the argument cut to an int, as dash does (so
 * that 99999999999999999999, which is INTMAX_MAX, is -1). */
static int arg_int(struct pf *p)
{
	return (int)(uint32_t)arg_signed(p);
}

/* Appends the format's escapes (XCU printf: those of XBD File Format
 * Notation, \NNN with one to three octal digits) from *fmt, just past a
 * backslash, and advances it. */
static void format_escape(const char **fmt, struct buf *out)
{
	static const char from[] = "abefnrtv\\", to[] = "\a\b\033\f\n\r\t\v\\";
	const char *s = *fmt;
	const char *e = *s ? strchr(from, *s) : NULL;
	if (e) {
		buf_putc(out, to[e - from]);
		s++;
	} else if (*s >= '0' && *s <= '7') {
		unsigned v = 0;
		for (int n = 0; n < 3 && *s >= '0' && *s <= '7'; n++)
			v = v * 8 + (unsigned)(*s++ - '0');
		buf_putc(out, (char)(v & 0xff));
	} else {
		buf_putc(out, '\\');
	}
	*fmt = s;
}

/* data padded to width with blanks, on the left unless left. */
static void pad(struct buf *out, const char *data, size_t len, int width, bool left)
{
	size_t w = width > 0 ? (size_t)width : 0;
	if (!left)
		for (size_t k = len; k < w; k++)
			buf_putc(out, ' ');
	buf_write(out, data, len);
	if (left)
		for (size_t k = len; k < w; k++)
			buf_putc(out, ' ');
}

/* One conversion: spec is "%" flags and what width and precision became
 * (as numbers), conv its letter. false when %b met \c. */
static bool convert(struct pf *p, char *spec, size_t n, char conv, int width, int prec)
{
	bool left = memchr(spec, '-', n) != NULL;
	if (conv == 's' || conv == 'b' || conv == 'c') {
		const char *s = next_arg(p);
		if (!s)
			s = "";
		if (conv == 'c') {
			pad(p->out, s, 1, width, left); /* the NUL of "" too, as dash */
			return true;
		}
		struct buf b = {0};
		bool go_on = true;
		if (conv == 'b')
			go_on = sh_bi_bexpand(s, &b);
		size_t len = conv == 'b' ? b.len : strlen(s);
		if (prec >= 0 && (size_t)prec < len)
			len = (size_t)prec;
		pad(p->out, conv == 'b' ? buf_str(&b) : s, len, width, left);
		buf_free(&b);
		return go_on;
	}
	/* spec has room: "%" flags "*.*" j conv NUL */
	spec[n++] = '*';
	spec[n++] = '.';
	spec[n++] = '*';
	if (strchr("diouxX", conv))
		spec[n++] = 'j';
	spec[n++] = conv;
	spec[n] = 0;
	if (conv == 'd' || conv == 'i')
		buf_printf(p->out, spec, width, prec, arg_signed(p));
	else if (strchr("ouxX", conv))
		buf_printf(p->out, spec, width, prec, arg_unsigned(p));
	else
		buf_printf(p->out, spec, width, prec, arg_double(p));
	return true;
}

enum step { STEP_ON, STEP_STOP, STEP_BAD };

/* A directive at *fmt (just past its %): flags, width, precision and the
 * conversion; advances *fmt. */
static enum step directive(struct pf *p, const char **fmt)
{
	const char *start = *fmt - 1, *s = *fmt;
	char spec[16] = "%";
	size_t n = 1;
	int width = 0, prec = -1;
	for (; *s && strchr("-+ #0", *s); s++)
		if (!memchr(spec, *s, n))
			spec[n++] = *s;
	if (*s == '*') {
		width = arg_int(p);
		s++;
	} else {
		for (; *s >= '0' && *s <= '9'; s++)
			width = width > (INT_MAX - 9) / 10 ? INT_MAX : width * 10 + (*s - '0');
	}
	if (width < 0) { /* a negative * width: the - flag (XCU printf, fprintf) */
		width = width == INT_MIN ? INT_MAX : -width;
		if (!memchr(spec, '-', n))
			spec[n++] = '-';
	}
	if (*s == '.') {
		s++;
		prec = 0;
		if (*s == '*') {
			prec = arg_int(p);
			s++;
		} else {
			for (; *s >= '0' && *s <= '9'; s++)
				prec = prec > (INT_MAX - 9) / 10 ? INT_MAX : prec * 10 + (*s - '0');
		}
	}
	*fmt = s + (*s != 0);
	if (!*s) {
		sh_bi_warn("printf: missing format character");
		return STEP_BAD;
	}
	if (!strchr("diouxXfFeEgGaAcsb", *s)) {
		sh_bi_warn("printf: %.*s: invalid directive", (int)(s - start + 1), start);
		return STEP_BAD;
	}
	return convert(p, spec, n, *s, width, prec) ? STEP_ON : STEP_STOP;
}

/* The format once. */
static enum step format_once(struct pf *p, const char *fmt)
{
	while (*fmt) {
		size_t plain = strcspn(fmt, "\\%");
		buf_write(p->out, fmt, plain);
		fmt += plain;
		if (*fmt == '\\') {
			fmt++;
			format_escape(&fmt, p->out);
		} else if (*fmt == '%' && fmt[1] == '%') {
			buf_putc(p->out, '%');
			fmt += 2;
		} else if (*fmt == '%') {
			fmt++;
			enum step st = directive(p, &fmt);
			if (st != STEP_ON)
				return st;
		}
	}
	return STEP_ON;
}

int sh_bi_printf(int argc, char **argv, struct buf *out)
{
	int i = 1;
	if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		if (strcmp(argv[i], "--") != 0) {
			sh_bi_warn("printf: Illegal option -%c", argv[i][1]);
			return 2;
		}
		i++;
	}
	if (i >= argc) {
		sh_bi_warn("printf: usage: printf format [arg ...]");
		return 2;
	}
	struct pf p = {.args = argv + i + 1, .nargs = argc - i - 1, .out = out};
	/* XCU printf: the format is reused while arguments remain, as long as
	 * it uses some. */
	for (;;) {
		int before = p.nargs;
		enum step st = format_once(&p, argv[i]);
		if (st == STEP_BAD)
			return 2;
		if (st == STEP_STOP || p.nargs == 0 || p.nargs == before)
			return p.status;
	}
}
