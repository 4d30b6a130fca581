/* UTF-8 validation, terminal-safe escaping of names, and GNU's quoting. */
#include "osbox/quote.h"
#include "osbox/buf.h"
#include "osbox/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
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
			int letter = c == '\\' ? '\\' : c_escape_letter(c);
			if (letter) {
				*d++ = '\\';
				*d++ = (char)letter;
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

/* ---- gnulib's quotearg ----
 *
 * GNU's tools quote names with gnulib's quotearg (the quoting styles are
 * those of ls --quoting-style in the coreutils manual, "Formatting file
 * names"). One name goes through passes: the style's opening quote,
 * each byte classified and stored bare or escaped, the closing quote.
 * A pass may give up (a style that elides its outer quotes meets a byte
 * that needs them; a shell-quoted name with an apostrophe is plain enough
 * for double quotes): quote_run starts again in the style it names. */

static const char *const style_names[] = {
    "literal", "shell",   "shell-always", "shell-escape", "shell-escape-always",
    "c",       "c-maybe", "escape",       "locale",       "clocale",
};

int quoting_style_find(const char *name)
{
	for (size_t i = 0; i < sizeof style_names / sizeof style_names[0]; i++)
		if (strcmp(style_names[i], name) == 0)
			return (int)i;
	return -1;
}

/* One attempt at quoting; the output goes to b unless scan. */
struct qrun {
	struct buf *b;
	size_t mark; /* where this quoting began in b */
	size_t len;  /* bytes produced, written or not */
	bool scan;   /* only looking ahead: produce nothing */
};

static void qput(struct qrun *q, char c)
{
	if (!q->scan)
		buf_putc(q->b, c);
	q->len++;
}

static void qputs(struct qrun *q, const char *s)
{
	for (; *s; s++)
		qput(q, *s);
}

/* The state of gnulib's algorithm: the settings of the style, and what
 * lives across its rescan. */
struct qstate {
	enum quoting_style style;
	bool utf8, unibyte;    /* of the locale in force */
	bool backslash, elide; /* escapes with '\'; the outer quotes left out */
	bool colon;            /* ':' needs the outer quotes too (coreutils' quotef) */
	bool sh;               /* shell-always, the shell styles once set up */
	const char *qstr;      /* the closing quote, or NULL */
	size_t qlen;
	bool pending; /* a $'...' piece is open */
	bool seen_apostrophe, all_compat, scanned;
};

/* What to do with the byte at hand once classified. */
enum qact {
	QA_PLAIN,  /* nothing special: stored, unless it is the closing quote */
	QA_STORE,  /* stored as it is now */
	QA_ESCAPE, /* stored after a backslash */
	QA_FORCE,  /* the outer quotes cannot be left out: give up */
};

/* The byte at hand. */
struct qchar {
	unsigned char c;
	bool right_quote; /* the closing quote begins here */
	bool escaping;    /* a backslash was written for it */
	bool compat;      /* as well in double quotes as in single */
};

enum { Q_DONE, Q_FORCE_OUTER, Q_AS_C, Q_RESCAN };

static bool shell_special(unsigned char c)
{
	return c && strchr("!\"$&()*;<=>[^`|", c);
}

static bool always_harmless(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c && strchr("%+,-./:]_", c));
}

/* The settings of the style and its opening quote. */
static void qopen(struct qrun *q, struct qstate *s)
{
	const char *open = NULL;
	s->qstr = NULL;
	switch (s->style) {
	case QS_C_MAYBE:
		s->style = QS_C;
		s->elide = true;
		/* fall through */
	case QS_C:
		open = s->qstr = "\"";
		s->backslash = true;
		break;
	case QS_ESCAPE:
		s->backslash = true;
		s->elide = false;
		break;
	case QS_LOCALE:
	case QS_CLOCALE:
		/* gnulib's gettext_quote without a translation: the curly
		 * quotes in UTF-8, else ASCII ones. */
		open = s->utf8 ? "\xe2\x80\x98" : s->style == QS_CLOCALE ? "\"" : "'";
		s->qstr = s->utf8 ? "\xe2\x80\x99" : s->style == QS_CLOCALE ? "\"" : "'";
		s->backslash = true;
		break;
	case QS_SHELL_ESCAPE:
		s->backslash = true;
		/* fall through */
	case QS_SHELL:
		s->elide = true;
		/* fall through */
	case QS_SHELL_ESCAPE_ALWAYS:
		if (!s->elide)
			s->backslash = true;
		/* fall through */
	case QS_SHELL_ALWAYS:
		s->style = QS_SHELL_ALWAYS;
		open = s->qstr = "'";
		break;
	case QS_LITERAL:
		s->elide = false;
		break;
	}
	if (open && !s->elide)
		qputs(q, open);
	s->qlen = s->qstr ? strlen(s->qstr) : 0;
	s->sh = s->style == QS_SHELL_ALWAYS;
}

/* gnulib's START_ESC: a backslash, after "'$'" when a shell style opens
 * a $'...' piece. False when the outer quotes may not be elided. */
static bool qstart_esc(struct qrun *q, struct qstate *s, struct qchar *ch)
{
	if (s->elide)
		return false;
	ch->escaping = true;
	if (s->sh && !s->pending) {
		qputs(q, "'$'");
		s->pending = true;
	}
	qput(q, '\\');
	return true;
}

/* gnulib's END_ESC: a plain byte after a $'...' piece closes it. */
static void qend_esc(struct qrun *q, struct qstate *s, const struct qchar *ch)
{
	if (s->pending && !ch->escaping) {
		qputs(q, "''");
		s->pending = false;
	}
}

/* The C escapes and the backslash: letter is what follows the '\'. */
static enum qact qcontrol(const struct qstate *s, struct qchar *ch, int letter)
{
	if (ch->c == '\\') {
		/* A shell needs no '\' escaped inside single quotes. */
		if (s->sh)
			return s->elide ? QA_FORCE : QA_STORE;
		if (s->backslash && s->elide && s->qlen)
			return QA_STORE;
	}
	/* A bare newline, tab or CR would split a shell word. */
	if (strchr("\n\r\t", ch->c) && s->sh && s->elide)
		return QA_FORCE;
	if (!s->backslash)
		return QA_PLAIN;
	ch->c = (unsigned char)letter;
	return QA_ESCAPE;
}

/* An apostrophe: in the shell, '\'' and a look ahead at the rest, which
 * may read better in double quotes ("it's"). */
static enum qact qapostrophe(struct qrun *q, struct qstate *s, struct qchar *ch)
{
	s->seen_apostrophe = true;
	ch->compat = true;
	if (!s->sh)
		return QA_PLAIN;
	if (s->elide)
		return QA_FORCE;
	if (!s->scanned) {
		s->scanned = true;
		q->scan = true;
	}
	qputs(q, "'\\'"); /* and the apostrophe itself: '\'' */
	s->pending = false;
	return QA_PLAIN;
}

/* The length m of the character at a[i] in the locale (mbrtowc(3)), and
 * whether it is printable. False when the outer quotes are needed. */
static bool qmbchar(const struct qstate *s, const unsigned char *a, size_t n, size_t i, size_t *mp,
                    bool *printable)
{
	size_t m = 0;
	*printable = true;
	if (s->unibyte) {
		*mp = 1;
		*printable = isprint(a[i]) != 0;
		return true;
	}
	mbstate_t mbs;
	memset(&mbs, 0, sizeof mbs);
	do {
		wchar_t w;
		size_t k = mbrtowc(&w, (const char *)a + i + m, n - (i + m), &mbs);
		if (k == 0)
			break;
		if (k == (size_t)-1) {
			*printable = false;
			break;
		}
		if (k == (size_t)-2) {
			/* cut short: the rest is one unprintable character */
			*printable = false;
			while (i + m < n && a[i + m])
				m++;
			break;
		}
		/* Bytes a shell would see in a trailing byte (some
		 * encodings have them) need the outer quotes. */
		if (s->elide && s->sh)
			for (size_t j = 1; j < k; j++)
				if (strchr("[\\^`|", a[i + m + j]))
					return false;
		if (!iswprint((wint_t)w))
			*printable = false;
		m += k;
	} while (!mbsinit(&mbs));
	*mp = m;
	return true;
}

/* Any other byte: the character it begins, copied whole, each byte in
 * octal if it is not printable and the style escapes. Leaves *ip on the
 * character's last byte, which is the caller's to store. */
static enum qact qother(struct qrun *q, struct qstate *s, struct qchar *ch, const unsigned char *a,
                        size_t n, size_t *ip)
{
	size_t i = *ip, m;
	bool printable;
	if (!qmbchar(s, a, n, i, &m, &printable))
		return QA_FORCE;
	ch->compat = printable;
	if (m <= 1 && (!s->backslash || printable))
		return QA_PLAIN;
	size_t ilim = i + m;
	unsigned char c = ch->c;
	for (;;) {
		if (s->backslash && !printable) {
			if (!qstart_esc(q, s, ch))
				return QA_FORCE;
			qput(q, (char)('0' + (c >> 6)));
			qput(q, (char)('0' + ((c >> 3) & 7)));
			c = (unsigned char)('0' + (c & 7));
		} else if (ch->right_quote) {
			qput(q, '\\');
			ch->right_quote = false;
		}
		if (ilim <= i + 1)
			break;
		qend_esc(q, s, ch);
		qput(q, (char)c);
		c = a[++i];
	}
	ch->c = c;
	*ip = i;
	return QA_STORE;
}

/* What the byte at a[*ip] asks for in this style. */
static enum qact qclassify(struct qrun *q, struct qstate *s, struct qchar *ch,
                           const unsigned char *a, size_t n, size_t *ip)
{
	unsigned char c = ch->c;
	int letter = c == '\\' ? '\\' : c_escape_letter(c);
	bool shell_word = s->sh && s->elide; /* a byte special to the shell forces quotes */
	if (letter)
		return qcontrol(s, ch, letter);
	switch (c) {
	case '?':
		return shell_word ? QA_FORCE : QA_PLAIN;
	case '{':
	case '}':
		/* special alone: a brace group */
		if (n != 1)
			return QA_PLAIN;
		/* fall through */
	case '#':
	case '~':
		/* special first: a comment, the home directory */
		if (*ip != 0)
			return QA_PLAIN;
		/* fall through */
	case ' ':
		ch->compat = true;
		return shell_word ? QA_FORCE : QA_PLAIN;
	case '\'':
		return qapostrophe(q, s, ch);
	}
	if (shell_special(c))
		return shell_word ? QA_FORCE : QA_PLAIN;
	if (always_harmless(c)) {
		ch->compat = true;
		return QA_PLAIN;
	}
	return qother(q, s, ch, a, n, ip);
}

/* Quotes the byte (or character) at a[*ip]. False: give up (force the
 * outer quotes). */
static bool qstep(struct qrun *q, struct qstate *s, const unsigned char *a, size_t n, size_t *ip)
{
	struct qchar ch = {.c = a[*ip]};
	if (s->backslash && !s->sh && s->qlen && *ip + s->qlen <= n &&
	    memcmp(a + *ip, s->qstr, s->qlen) == 0) {
		if (s->elide)
			return false;
		ch.right_quote = true;
	}
	enum qact act = qclassify(q, s, &ch, a, n, ip);
	if (act == QA_PLAIN) {
		/* The closing quote inside is escaped; with elided quotes, so
		 * is a ':' that must not be bare (which forces the quotes). */
		bool colon = s->colon && ch.c == ':' && (s->elide || (s->backslash && !s->sh));
		act = ch.right_quote || colon ? QA_ESCAPE : QA_STORE;
	}
	if (act == QA_FORCE || (act == QA_ESCAPE && !qstart_esc(q, s, &ch)))
		return false;
	qend_esc(q, s, &ch);
	qput(q, (char)ch.c);
	if (!ch.compat)
		s->all_compat = false;
	return true;
}

/* After the last byte: the closing quote, or another pass. */
static int qclose(struct qrun *q, struct qstate *s)
{
	if (q->len == 0 && s->sh && s->elide)
		return Q_FORCE_OUTER;
	if (s->sh && !s->elide && s->seen_apostrophe) {
		if (s->all_compat)
			return Q_AS_C;
		if (q->scan) {
			/* Not all plain: write the single-quoted form after all.
			 * As gnulib, the state of $'...' is kept from the scan. */
			q->scan = false;
			q->len = 0;
			buf_truncate(q->b, q->mark);
			return Q_RESCAN;
		}
	}
	if (s->qstr && !s->elide)
		qputs(q, s->qstr);
	return Q_DONE;
}

/* One pass of gnulib's quotearg_buffer_restyled. */
static int quote_pass(struct qrun *q, struct qstate *s, const unsigned char *a, size_t n)
{
	int r;
	do {
		qopen(q, s);
		for (size_t i = 0; i < n; i++)
			if (!qstep(q, s, a, n, &i))
				return Q_FORCE_OUTER;
		r = qclose(q, s);
	} while (r == Q_RESCAN);
	return r;
}

/* Appends str quoted in style, in the locale in force; colon: ':' needs
 * quotes too, as in coreutils' quotef. */
static void quote_run(struct buf *b, const char *str, size_t n, enum quoting_style style,
                      bool colon)
{
	/* Callers quote for warn(): mbrtowc must not change its errno. */
	int saved = errno;
	const char *cs = nl_langinfo(CODESET);
	bool utf8 = strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0;
	bool unibyte = MB_CUR_MAX == 1;
	size_t mark = b->len;
	for (;;) {
		struct qrun q = {.b = b, .mark = mark};
		struct qstate s = {.style = style,
		                   .utf8 = utf8,
		                   .unibyte = unibyte,
		                   .colon = colon,
		                   .all_compat = true};
		int r = quote_pass(&q, &s, (const unsigned char *)str, n);
		if (r == Q_DONE)
			break;
		buf_truncate(b, mark);
		/* As gnulib, the next pass quotes ':' as any other byte. */
		colon = false;
		if (r == Q_AS_C)
			style = QS_C;
		else
			style = s.sh && s.backslash ? QS_SHELL_ESCAPE_ALWAYS : s.style;
	}
	errno = saved;
}

void quote_style(struct buf *b, const char *str, size_t n, enum quoting_style style)
{
	quote_run(b, str, n, style, false);
}

/* The quoting locale: what setlocale(LC_ALL, "") makes the locale of a
 * GNU tool at its start. Each category is named by LC_ALL, else by its
 * own variable, else by LANG, else "C" (an empty value counts as unset);
 * and when one of them names a locale that is not installed, glibc's
 * setlocale fails and the whole stays "C". The names are read from the
 * environment once: an applet that changes the environment afterwards
 * (env -i, env -u LANG) still quotes in the locale it was started in, as
 * GNU's tools do. The locale itself is loaded at the first quote only. */
static const struct {
	int mask;
	const char *var;
} categories[] = {
    {LC_NUMERIC_MASK, "LC_NUMERIC"},
    {LC_TIME_MASK, "LC_TIME"},
    {LC_COLLATE_MASK, "LC_COLLATE"},
    {LC_MONETARY_MASK, "LC_MONETARY"},
    {LC_MESSAGES_MASK, "LC_MESSAGES"},
    {LC_PAPER_MASK, "LC_PAPER"},
    {LC_NAME_MASK, "LC_NAME"},
    {LC_ADDRESS_MASK, "LC_ADDRESS"},
    {LC_TELEPHONE_MASK, "LC_TELEPHONE"},
    {LC_MEASUREMENT_MASK, "LC_MEASUREMENT"},
    {LC_IDENTIFICATION_MASK, "LC_IDENTIFICATION"},
};
#define NCATEGORIES (sizeof categories / sizeof categories[0])

static struct {
	char *ctype; /* NULL until the names are read */
	/* the categories named otherwise than LC_CTYPE */
	int mask[NCATEGORIES];
	char *name[NCATEGORIES];
	size_t n;
	locale_t loc; /* (locale_t)0 until loaded */
} qlocale;

static const char *locale_var(const char *var)
{
	const char *v = getenv("LC_ALL");
	if (!v || !*v)
		v = getenv(var);
	if (!v || !*v)
		v = getenv("LANG");
	return v && *v ? v : "C";
}

void quote_locale_init(void)
{
	if (qlocale.ctype)
		return;
	qlocale.ctype = xstrdup(locale_var("LC_CTYPE"));
	for (size_t i = 0; i < NCATEGORIES; i++) {
		const char *name = locale_var(categories[i].var);
		if (strcmp(name, qlocale.ctype) != 0) {
			qlocale.mask[qlocale.n] = categories[i].mask;
			qlocale.name[qlocale.n++] = xstrdup(name);
		}
	}
}

/* LC_CTYPE is what quoting reads; the other categories are loaded only
 * when they are named otherwise, to know whether setlocale would fail. */
static locale_t quoting_locale(void)
{
	quote_locale_init();
	if (qlocale.loc)
		return qlocale.loc;
	locale_t loc = newlocale(LC_CTYPE_MASK, qlocale.ctype, (locale_t)0);
	for (size_t i = 0; loc && i < qlocale.n; i++) {
		locale_t l = newlocale(qlocale.mask[i], qlocale.name[i], loc);
		if (!l)
			freelocale(loc); /* newlocale(3): a failure leaves base as it was */
		loc = l;
	}
	if (!loc)
		loc = newlocale(LC_CTYPE_MASK, "C", (locale_t)0);
	qlocale.loc = loc;
	return loc;
}

#define QUOTE_SLOTS 4

const char *quote_gnu(int slot, enum quote_style style, const char *s)
{
	static struct buf slots[QUOTE_SLOTS];
	static const enum quoting_style styles[] = {
	    [QUOTE_SHELL_ALWAYS] = QS_SHELL_ESCAPE_ALWAYS, /* quoteaf */
	    [QUOTE_SHELL] = QS_SHELL_ESCAPE,               /* quotef */
	    [QUOTE_LOCALE] = QS_LOCALE,                    /* quote */
	};
	struct buf *b = &slots[(unsigned)slot % QUOTE_SLOTS];
	int saved = errno;
	locale_t old = uselocale(quoting_locale());
	buf_truncate(b, 0);
	quote_run(b, s, strlen(s), styles[style], style == QUOTE_SHELL);
	if (old)
		uselocale(old);
	errno = saved;
	return buf_str(b);
}
