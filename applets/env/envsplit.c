/* env -S string splitting, GNU env's rules (see envsplit.h). */
#include "envsplit.h"
#include "osbox/buf.h"
#include "osbox/quote.h"
#include "osbox/xalloc.h"

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
	struct buf words; /* the words, each ended by a NUL */
	size_t *starts;   /* offset of each word in words */
	size_t n, capw;
	bool open;   /* a word has been started and not yet ended */
	bool sq, dq; /* inside single, double quotes */
	struct envsplit *r;
	envsplit_note_fn *note;
	void *ctx;
};

/* Makes sure a word is open: the first byte, quote or expansion of a word
 * opens it; a separator closes it. */
static void open_word(struct builder *b)
{
	if (b->open)
		return;
	if (b->n == b->capw) {
		b->capw = b->capw ? 2 * b->capw : 64;
		b->starts = xreallocarray(b->starts, b->capw, sizeof *b->starts);
	}
	b->starts[b->n++] = b->words.len;
	b->open = true;
}

static void close_word(struct builder *b)
{
	if (!b->open)
		return;
	buf_putc(&b->words, 0);
	b->open = false;
}

static void add(struct builder *b, const char *s, size_t n)
{
	open_word(b);
	buf_write(&b->words, s, n);
}

/* The outcome of one step of the splitting. */
enum step { STEP_ON, STEP_END, STEP_FAIL };

static enum step fail(struct builder *b, enum envsplit_error e)
{
	buf_free(&b->words);
	free(b->starts);
	b->r->error = e;
	return STEP_FAIL;
}

/* The escape after the backslash at *s; *s moves past what it took. */
static enum step escape(struct builder *b, const char **s)
{
	const char *p = *s;
	/* Inside single quotes only \\ and \' are escapes. */
	if (b->sq && p[1] != '\\' && p[1] != '\'') {
		add(b, p, 1);
		*s = p + 1;
		return STEP_ON;
	}
	char e = p[1], c = e;
	*s = p + 2;
	switch (e) {
	case '"':
	case '#':
	case '$':
	case '\'':
	case '\\':
		break;
	case '_':
		if (!b->dq) {
			close_word(b);
			return STEP_ON;
		}
		c = ' ';
		break;
	case 'c':
		return b->dq ? fail(b, ENVSPLIT_C_IN_DQ) : STEP_END;
	case 0:
		return fail(b, ENVSPLIT_BACKSLASH_END);
	default:
		/* C's single-letter escapes, but for \a and \b, which GNU env
		 * does not take. */
		if (e == 'a' || e == 'b' || c_escape_value(e) < 0) {
			b->r->bad = e;
			return fail(b, ENVSPLIT_BAD_ESCAPE);
		}
		c = (char)c_escape_value(e);
		break;
	}
	add(b, &c, 1);
	return STEP_ON;
}

/* ${NAME} at *s, replaced by its value; *s moves past it. */
static enum step expand(struct builder *b, const char **s)
{
	size_t n = var_len(*s);
	if (!n) {
		b->r->at = *s;
		return fail(b, ENVSPLIT_BAD_VAR);
	}
	char *name = xstrndup(*s + 2, n);
	const char *v = getenv(name);
	if (b->note)
		b->note(b->ctx, name, n, v);
	/* A set variable makes a word even when it is empty. */
	if (v)
		add(b, v, strlen(v));
	free(name);
	*s += n + 3;
	return STEP_ON;
}

/* One step from *s: a quote, blanks, an escape, an expansion or a byte. */
static enum step split_step(struct builder *b, const char **s)
{
	char c = **s;
	if ((c == '\'' && !b->dq) || (c == '"' && !b->sq)) {
		if (c == '\'')
			b->sq = !b->sq;
		else
			b->dq = !b->dq;
		open_word(b);
		++*s;
		return STEP_ON;
	}
	if (!b->sq && !b->dq) {
		if (strchr(BLANKS, c)) {
			close_word(b);
			*s += strspn(*s, BLANKS);
			return STEP_ON;
		}
		if (c == '#' && !b->open)
			return STEP_END; /* a comment, to the end */
	}
	if (c == '\\')
		return escape(b, s);
	if (c == '$' && !b->sq)
		return expand(b, s);
	add(b, (*s)++, 1);
	return STEP_ON;
}

int envsplit(const char *s, struct envsplit *r, envsplit_note_fn *note, void *ctx)
{
	memset(r, 0, sizeof *r);
	struct builder b = {.r = r, .note = note, .ctx = ctx};
	enum step st = STEP_ON;
	while (st == STEP_ON && *s)
		st = split_step(&b, &s);
	if (st == STEP_FAIL)
		return -1;
	if (st == STEP_ON && (b.sq || b.dq)) {
		fail(&b, ENVSPLIT_NO_QUOTE);
		return -1;
	}
	close_word(&b);
	r->argc = (int)b.n;
	r->buf = buf_take(&b.words);
	r->argv = xreallocarray(NULL, b.n + 1, sizeof *r->argv);
	for (size_t i = 0; i < b.n; i++)
		r->argv[i] = r->buf + b.starts[i];
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
