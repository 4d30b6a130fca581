/* env -S string splitting, GNU env's rules (see envsplit.h). */
#include "envsplit.h"

#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLANKS " \t\n\v\f\r"

static bool name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool name_char(char c)
{
	return name_start(c) || (c >= '0' && c <= '9');
}

/* Length of NAME when p is "${NAME}...", else 0. */
static size_t var_len(const char *p)
{
	if (p[0] != '$' || p[1] != '{' || !name_start(p[2]))
		return 0;
	size_t n = 1;
	while (name_char(p[2 + n]))
		n++;
	return p[2 + n] == '}' ? n : 0;
}

struct builder {
	char *buf;
	size_t len, cap;
	size_t *starts; /* offset of each word in buf */
	int n, capw;
	bool open; /* a word has been started and not yet ended */
};

static void grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	void *q = realloc(*p, c * elem);
	if (!q)
		err(125, "out of memory");
	*p = q;
	*cap = c;
}

/* Makes sure a word is open: the first byte, quote or expansion of a word
 * opens it; a separator closes it. */
static void open_word(struct builder *b)
{
	if (b->open)
		return;
	size_t capw = (size_t)b->capw;
	grow((void **)&b->starts, &capw, (size_t)b->n + 1, sizeof *b->starts);
	b->capw = (int)capw;
	b->starts[b->n++] = b->len;
	b->open = true;
}

static void close_word(struct builder *b)
{
	if (!b->open)
		return;
	grow((void **)&b->buf, &b->cap, b->len + 1, 1);
	b->buf[b->len++] = 0;
	b->open = false;
}

static void add(struct builder *b, const char *s, size_t n)
{
	open_word(b);
	if (n == 0)
		return;
	grow((void **)&b->buf, &b->cap, b->len + n, 1);
	memcpy(b->buf + b->len, s, n);
	b->len += n;
}

static int fail(struct builder *b, struct envsplit *r, enum envsplit_error e)
{
	free(b->buf);
	free(b->starts);
	r->error = e;
	return -1;
}

int envsplit(const char *s, struct envsplit *r, envsplit_note_fn *note, void *ctx)
{
	struct builder b = {0};
	bool sq = false, dq = false;
	memset(r, 0, sizeof *r);
	while (*s) {
		char c = *s;
		if (c == '\'' && !dq) {
			sq = !sq;
			open_word(&b);
			s++;
			continue;
		}
		if (c == '"' && !sq) {
			dq = !dq;
			open_word(&b);
			s++;
			continue;
		}
		if (sq || dq) {
			/* quoted: handled below */
		} else if (strchr(BLANKS, c)) {
			close_word(&b);
			s += strspn(s, BLANKS);
			continue;
		} else if (c == '#' && !b.open) {
			goto done; /* a comment, to the end */
		}
		if (c == '\\') {
			/* Inside single quotes only \\ and \' are escapes. */
			if (sq && s[1] != '\\' && s[1] != '\'') {
				add(&b, s++, 1);
				continue;
			}
			char e = *++s;
			switch (e) {
			case '"':
			case '#':
			case '$':
			case '\'':
			case '\\':
				c = e;
				break;
			case '_':
				if (!dq) {
					close_word(&b);
					s++;
					continue;
				}
				c = ' ';
				break;
			case 'c':
				if (dq)
					return fail(&b, r, ENVSPLIT_C_IN_DQ);
				goto done;
			case 'f':
				c = '\f';
				break;
			case 'n':
				c = '\n';
				break;
			case 'r':
				c = '\r';
				break;
			case 't':
				c = '\t';
				break;
			case 'v':
				c = '\v';
				break;
			case 0:
				return fail(&b, r, ENVSPLIT_BACKSLASH_END);
			default:
				r->bad = e;
				return fail(&b, r, ENVSPLIT_BAD_ESCAPE);
			}
			add(&b, &c, 1);
			s++;
			continue;
		}
		if (c == '$' && !sq) {
			size_t n = var_len(s);
			if (!n) {
				r->at = s;
				return fail(&b, r, ENVSPLIT_BAD_VAR);
			}
			char name[256], *big = NULL, *np = name;
			if (n >= sizeof name) {
				if (!(big = malloc(n + 1)))
					err(125, "out of memory");
				np = big;
			}
			memcpy(np, s + 2, n);
			np[n] = 0;
			const char *v = getenv(np);
			if (note)
				note(ctx, np, n, v);
			/* A set variable makes a word even when it is empty. */
			if (v)
				add(&b, v, strlen(v));
			free(big);
			s += n + 3;
			continue;
		}
		add(&b, s++, 1);
	}
	if (sq || dq)
		return fail(&b, r, ENVSPLIT_NO_QUOTE);
done:
	close_word(&b);
	r->argc = b.n;
	r->buf = b.buf;
	r->argv = malloc(((size_t)b.n + 1) * sizeof *r->argv);
	if (!r->argv)
		err(125, "out of memory");
	for (int i = 0; i < b.n; i++)
		r->argv[i] = b.buf + b.starts[i];
	r->argv[b.n] = NULL;
	free(b.starts);
	return 0;
}

void envsplit_free(struct envsplit *r)
{
	free(r->argv);
	free(r->buf);
	r->argv = NULL;
	r->buf = NULL;
	r->argc = 0;
}

const char *envsplit_strerror(const struct envsplit *r, char *buf, size_t size)
{
	switch (r->error) {
	case ENVSPLIT_OK:
		snprintf(buf, size, "no error");
		break;
	case ENVSPLIT_BAD_ESCAPE:
		snprintf(buf, size, "invalid sequence '\\%c' in -S", r->bad);
		break;
	case ENVSPLIT_BACKSLASH_END:
		snprintf(buf, size, "invalid backslash at end of string in -S");
		break;
	case ENVSPLIT_NO_QUOTE:
		snprintf(buf, size, "no terminating quote in -S string");
		break;
	case ENVSPLIT_C_IN_DQ:
		snprintf(buf, size, "'\\c' must not appear in double-quoted -S string");
		break;
	case ENVSPLIT_BAD_VAR:
		snprintf(buf, size, "only ${VARNAME} expansion is supported, error at: %s", r->at);
		break;
	}
	return buf;
}
