/* umask [-S] [MODE] (POSIX XCU umask), as dash's: the mask printed as
 * four octal digits, or with -S as the permissions it leaves
 * ("u=rwx,g=rx,o=rx"); MODE octal, or symbolic as chmod's clauses, applied
 * to the permissions the current mask leaves. */
#include "bi.h"
#include "osbox/buf.h"

#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

/* The u, g or o permission bits of perm repeated in all three classes. */
static mode_t copy_class(mode_t perm, char who)
{
	int shift = who == 'u' ? 6 : who == 'g' ? 3 : 0;
	mode_t b = (perm >> shift) & 7;
	return b << 6 | b << 3 | b;
}

/* One clause, [ugoa]*([-+=][rwxXstugo]*)+, applied to *perm; advances *s.
 * Letters after an operator are or'ed together, copies (u g o) included;
 * copies and X read orig, the permissions before the whole MODE, as dash
 * does. s and t name no bits a mask can hold. */
static bool clause(const char **s, mode_t *perm, mode_t orig)
{
	const char *p = *s;
	mode_t who = 0;
	for (; *p && strchr("ugoa", *p); p++)
		who |= *p == 'u' ? 0700 : *p == 'g' ? 070 : *p == 'o' ? 07 : 0777;
	if (!who)
		who = 0777; /* no who letters: all, and the mask does not limit them */
	if (!*p || !strchr("+-=", *p))
		return false;
	while (*p && strchr("+-=", *p)) {
		char op = *p++;
		mode_t v = 0;
		for (; *p && strchr("rwxXstugo", *p); p++) {
			switch (*p) {
			case 'r':
				v |= 0444;
				break;
			case 'w':
				v |= 0222;
				break;
			case 'x':
				v |= 0111;
				break;
			case 'X': /* x when someone may already execute (chmod's X) */
				if (orig & 0111)
					v |= 0111;
				break;
			case 'u':
			case 'g':
			case 'o':
				v |= copy_class(orig, *p);
				break;
			}
		}
		v &= who;
		if (op == '+')
			*perm |= v;
		else if (op == '-')
			*perm &= ~v;
		else
			*perm = (*perm & ~who) | v;
	}
	*s = p;
	return true;
}

/* MODE as symbolic clauses, separated by commas (one trailing comma
 * allowed, as dash). */
static bool symbolic(const char *mode, mode_t *mask)
{
	mode_t perm = ~*mask & 0777, orig = perm;
	const char *p = mode;
	while (*p) {
		if (!clause(&p, &perm, orig))
			return false;
		if (*p == ',')
			p++;
		else if (*p)
			return false;
	}
	*mask = ~perm & 0777;
	return true;
}

static void print_symbolic(mode_t mask, struct buf *out)
{
	mode_t perm = ~mask & 0777;
	for (int k = 0; k < 3; k++) {
		int shift = 6 - 3 * k;
		buf_putc(out, "ugo"[k]);
		buf_putc(out, '=');
		if (perm >> shift & 4)
			buf_putc(out, 'r');
		if (perm >> shift & 2)
			buf_putc(out, 'w');
		if (perm >> shift & 1)
			buf_putc(out, 'x');
		buf_putc(out, k < 2 ? ',' : '\n');
	}
}

static bool umask_option(int c, void *ctx)
{
	*(bool *)ctx = true; /* -S, the only one */
	return c == 'S';
}

int sh_bi_umask(int argc, char **argv, struct buf *out)
{
	bool sym = false;
	int i = sh_bi_options(argc, argv, umask_option, &sym);
	if (i < 0)
		return 2;
	mode_t mask = umask(0);
	umask(mask);
	if (i >= argc) {
		if (sym)
			print_symbolic(mask, out);
		else
			buf_printf(out, "%04o\n", (unsigned)mask);
		return 0;
	}
	/* Operands past the first are ignored, as dash does. */
	const char *mode = argv[i];
	if (mode[0] >= '0' && mode[0] <= '9') {
		mode_t v = 0;
		for (const char *p = mode; *p; p++) {
			if (*p < '0' || *p > '7') {
				sh_bi_warn("umask: Illegal number: %s", mode);
				return 2;
			}
			v = (v * 8 + (mode_t)(*p - '0')) & 07777;
		}
		mask = v & 0777;
	} else if (!symbolic(mode, &mask)) {
		sh_bi_warn("umask: Illegal mode: %s", mode);
		return 2;
	}
	umask(mask);
	return 0;
}
