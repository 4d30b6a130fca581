/* UTF-8 validation and terminal-safe escaping of names. */
#include "osbox/quote.h"

#include <err.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

size_t utf8_seq_len(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0], v;
	size_t len;
	if (c < 0x80) {
		if (cp)
			*cp = c;
		return 1;
	}
	if (c < 0xc2)
		return 0; /* continuation byte, or overlong 2-byte lead */
	if (c < 0xe0) {
		len = 2;
		v = c & 0x1f;
	} else if (c < 0xf0) {
		len = 3;
		v = c & 0x0f;
	} else if (c < 0xf5) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) || v > 0x10ffff ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	if (cp)
		*cp = v;
	return len;
}

static int is_c0(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

bool quote_needed(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n;) {
		if (s[i] < 0x80) {
			if (is_c0(s[i]) || s[i] == '\\')
				return true;
			i++;
			continue;
		}
		unsigned cp;
		size_t l = utf8_seq_len(s + i, n - i, &cp);
		if (l == 0 || (cp >= 0x80 && cp < 0xa0))
			return true;
		i += l;
	}
	return false;
}

static char *octal(char *d, unsigned char c)
{
	*d++ = '\\';
	*d++ = (char)('0' + (c >> 6));
	*d++ = (char)('0' + ((c >> 3) & 7));
	*d++ = (char)('0' + (c & 7));
	return d;
}

static const char esc_bytes[] = "\a\b\f\n\r\t\v", esc_letters[] = "abfnrtv";

int c_escape_letter(unsigned char c)
{
	const char *p = c ? memchr(esc_bytes, c, sizeof esc_bytes - 1) : NULL;
	return p ? esc_letters[p - esc_bytes] : 0;
}

int c_escape_value(int letter)
{
	const char *p =
	    letter > 0 && letter < 256 ? memchr(esc_letters, letter, sizeof esc_letters - 1) : NULL;
	return p ? esc_bytes[p - esc_letters] : -1;
}

size_t quote_escape(char *dst, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	char *d = dst;
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		if (c < 0x80) {
			const char *e = 0;
			switch (c) {
			case '\a':
				e = "\\a";
				break;
			case '\b':
				e = "\\b";
				break;
			case '\t':
				e = "\\t";
				break;
			case '\n':
				e = "\\n";
				break;
			case '\v':
				e = "\\v";
				break;
			case '\f':
				e = "\\f";
				break;
			case '\r':
				e = "\\r";
				break;
			case '\\':
				e = "\\\\";
				break;
			}
			if (e) {
				*d++ = e[0];
				*d++ = e[1];
			} else if (is_c0(c)) {
				d = octal(d, c);
			} else {
				*d++ = (char)c;
			}
			i++;
			continue;
		}
		unsigned cp;
		size_t l = utf8_seq_len(s + i, n - i, &cp);
		if (l == 0 || (cp >= 0x80 && cp < 0xa0)) {
			/* invalid byte, or a C1 control: each byte in octal */
			size_t k = l ? l : 1;
			for (size_t j = 0; j < k; j++)
				d = octal(d, s[i + j]);
			i += k;
			continue;
		}
		for (size_t j = 0; j < l; j++)
			*d++ = (char)s[i + j];
		i += l;
	}
	*d = 0;
	return (size_t)(d - dst);
}

/* GNU's quoting styles for diagnostics (see quote.h). The behaviour was
 * taken from what coreutils 9 prints, case by case. */

#define QUOTE_SLOTS 4

struct qbuf {
	char *s;
	size_t len, cap;
};

static void qput(struct qbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p)
			err(1, "out of memory");
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void qputs(struct qbuf *b, const char *s)
{
	qput(b, s, strlen(s));
}

/* The LC_CTYPE locale of the environment, cached by name: whether it is
 * UTF-8, and the locale object for iswprint_l. */
static struct {
	char *name;
	locale_t loc;
	bool utf8;
} qlocale;

/* The locale is read from the environment once, at the first quote: an
 * applet that changes the environment afterwards (env -i, env -u LANG)
 * still quotes in the locale it was started in, as GNU's tools do. */
void quote_locale_init(void)
{
	if (qlocale.name)
		return;
	const char *name = getenv("LC_ALL");
	if (!name || !*name)
		name = getenv("LC_CTYPE");
	if (!name || !*name)
		name = getenv("LANG");
	if (!name || !*name)
		name = "C";
	qlocale.name = strdup(name);
	qlocale.loc = newlocale(LC_CTYPE_MASK, name, (locale_t)0);
	qlocale.utf8 = qlocale.loc && strcmp(nl_langinfo_l(CODESET, qlocale.loc), "UTF-8") == 0;
}

/* Length of the character at s and whether the locale can show it as it
 * is. Without a UTF-8 locale every byte past ASCII is unprintable. */
static size_t qchar(const unsigned char *s, size_t n, bool *printable)
{
	if (s[0] < 0x80 || !qlocale.utf8) {
		*printable = s[0] >= 0x20 && s[0] < 0x7f;
		return 1;
	}
	unsigned cp;
	size_t l = utf8_seq_len(s, n, &cp);
	if (l == 0) {
		*printable = false;
		return 1;
	}
	*printable = iswprint_l((wint_t)cp, qlocale.loc) != 0;
	return l;
}

/* A C escape for byte c (\n, \t...), or \ooo. */
static void qescape(struct qbuf *b, unsigned char c)
{
	static const char from[] = "\a\b\f\n\r\t\v", to[] = "abfnrtv";
	const char *p = c ? strchr(from, c) : NULL;
	char e[5];
	if (p) {
		e[0] = '\\';
		e[1] = to[p - from];
		qput(b, e, 2);
	} else {
		octal(e, c);
		qput(b, e, 4);
	}
}

static void quote_locale_style(struct qbuf *b, const unsigned char *s, size_t n)
{
	const char *open = qlocale.utf8 ? "\xe2\x80\x98" : "'";
	const char *close = qlocale.utf8 ? "\xe2\x80\x99" : "'";
	qputs(b, open);
	for (size_t i = 0; i < n;) {
		bool pr;
		size_t l = qchar(s + i, n - i, &pr);
		if (!pr) {
			for (size_t j = 0; j < l; j++)
				qescape(b, s[i + j]);
		} else if (s[i] == '\\') {
			qputs(b, "\\\\");
		} else if (s[i] == '\'' && !qlocale.utf8) {
			qputs(b, "\\'");
		} else if (qlocale.utf8 && l == 3 && memcmp(s + i, close, 3) == 0) {
			qputs(b, "\\"); /* the closing mark inside is escaped, as gnulib does */
			qput(b, close, 3);
		} else {
			qput(b, (const char *)s + i, l);
		}
		i += l;
	}
	qputs(b, close);
}

static void quote_shell_style(struct qbuf *b, const unsigned char *s, size_t n, bool always)
{
	/* What the name holds decides the form: bare, "double quoted" (it
	 * has a ' but nothing special inside double quotes), or 'single
	 * quoted' with $'\ooo' pieces for what cannot be shown. */
	bool needs = n == 0 || s[0] == '#' || s[0] == '~';
	bool squote = false, unprintable = false, dq_ok = true;
	bool first_plain = false, last_unprintable = false;
	for (size_t i = 0; i < n;) {
		bool pr;
		size_t l = qchar(s + i, n - i, &pr);
		if (!pr) {
			unprintable = needs = true;
			dq_ok = false;
		} else if (l == 1) {
			unsigned char c = s[i];
			if (c == '\'')
				squote = true;
			if (strchr(" !\"$&'()*;<=>?[\\^`|:", c))
				needs = true;
			if (!strchr(" %'+,-./:@]_", c) && !(c >= '0' && c <= '9') &&
			    !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z'))
				dq_ok = false;
		}
		if (i == 0)
			first_plain = pr && s[0] != '\'';
		last_unprintable = !pr;
		i += l;
	}
	if (!always && !needs) {
		qput(b, (const char *)s, n);
		return;
	}
	if (squote && dq_ok) {
		qputs(b, "\"");
		qput(b, (const char *)s, n);
		qputs(b, "\"");
		return;
	}
	/* coreutils 9 opens with an extra '' in this one case. */
	if (squote && unprintable && first_plain && last_unprintable)
		qputs(b, "''");
	qputs(b, "'");
	bool in_dollar = false; /* inside a $'...' piece */
	for (size_t i = 0; i < n;) {
		bool pr;
		size_t l = qchar(s + i, n - i, &pr);
		if (!pr) {
			if (!in_dollar)
				qputs(b, "'$'");
			in_dollar = true;
			for (size_t j = 0; j < l; j++)
				qescape(b, s[i + j]);
		} else if (s[i] == '\'') {
			qputs(b, "'\\''");
			in_dollar = false;
		} else {
			if (in_dollar)
				qputs(b, "''");
			in_dollar = false;
			qput(b, (const char *)s + i, l);
		}
		i += l;
	}
	qputs(b, "'");
}

const char *quote_gnu(int slot, enum quote_style style, const char *s)
{
	static struct qbuf slots[QUOTE_SLOTS];
	int saved = errno; /* callers quote inside warn()'s arguments */
	struct qbuf *b = &slots[(unsigned)slot % QUOTE_SLOTS];
	b->len = 0;
	qput(b, "", 0);
	quote_locale_init();
	const unsigned char *u = (const unsigned char *)s;
	if (style == QUOTE_LOCALE)
		quote_locale_style(b, u, strlen(s));
	else
		quote_shell_style(b, u, strlen(s), style == QUOTE_SHELL_ALWAYS);
	errno = saved;
	return b->s;
}
