/* Quoting of shell words (see sh.h), in the base layer: the builtins
 * that print words back as input (export -p) and completion both quote
 * with it, and completion reads partly typed words with quote removal.
 * The rules are POSIX XCU 2.2 (quoting) and 2.6.7 (quote removal). */
#include "sh.h"
#include "osbox/buf.h"
#include "osbox/xalloc.h"

#include <string.h>

void sh_put_squoted(struct buf *b, const char *s)
{
	buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_puts(b, "'\\''");
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

char *sh_quote_word(const char *s, bool keep_tilde)
{
	bool ctl = false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			ctl = true;
	struct buf b = {0};
	if (ctl) {
		/* A backslash-newline would be a line continuation: quote it all. */
		sh_put_squoted(&b, s);
	} else {
		for (const char *p = s; *p; p++) {
			if (strchr(" \t\\'\"$&|;<>()*?[]#{}!`", *p) ||
			    (*p == '~' && p == s && !keep_tilde))
				buf_putc(&b, '\\');
			buf_putc(&b, *p);
		}
	}
	return buf_take(&b);
}

char *sh_dequote(const char *w, size_t n)
{
	char *d = xmalloc(n + 1);
	size_t k = 0;
	bool sq = false, dq = false;
	for (size_t i = 0; i < n; i++) {
		char c = w[i];
		if (sq) {
			if (c == '\'')
				sq = false;
			else
				d[k++] = c;
		} else if (c == '\\' && i + 1 < n && (!dq || strchr("$`\"\\", w[i + 1]))) {
			d[k++] = w[++i];
		} else if (c == '\'' && !dq) {
			sq = true;
		} else if (c == '"') {
			dq = !dq;
		} else {
			d[k++] = c;
		}
	}
	d[k] = 0;
	return d;
}

void sh_put_dash_quoted(struct buf *b, const char *s)
{
	if (!*s) {
		buf_puts(b, "''");
		return;
	}
	while (*s) {
		size_t n = strcspn(s, "'");
		if (n) {
			buf_putc(b, '\'');
			buf_write(b, s, n);
			buf_putc(b, '\'');
			s += n;
		}
		n = strspn(s, "'");
		if (n) {
			buf_putc(b, '"');
			buf_write(b, s, n);
			buf_putc(b, '"');
			s += n;
		}
	}
}
