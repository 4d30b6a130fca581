/* spawn -j's argument mode: the command template, the input groups and
 * the building of a job's argv (see jobargs.h). */
#include "osbox/jobargs.h"
#include "osbox/buf.h"
#include "osbox/xalloc.h"

#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

/* The placeholders, by what follows the '{' (and a group's number or a
 * --header name, for those that take a value): their kind, whether they
 * take a value, and whether only --plus has them. */
static const struct form {
	const char *suffix;
	char kind;
	bool value, plus;
} forms[] = {
    {"}", '{', true, false},   {".}", '.', true, false},   {"/}", '/', true, false},
    {"//}", 'd', true, false}, {"/.}", 'b', true, false},  {"#}", '#', false, false},
    {"%}", '%', false, false}, {"..}", 'E', true, true},   {"...}", 'F', true, true},
    {"/..}", 'G', true, true}, {"/...}", 'H', true, true}, {"+/}", 'P', true, true},
    {"+.}", 'x', true, true},  {"+..}", 'y', true, true},  {"+...}", 'z', true, true},
    {"##}", 'T', false, true}, {"0#}", 'Z', false, false}, {"0%}", 'S', false, false},
};

/* Whether placeholder kind stands for a value (not {#} {%} {##}...). */
static bool is_value(char kind)
{
	return strchr("#%TZS", kind) == NULL;
}

/* The form whose suffix starts s (n bytes), of those that take a value
 * or not (and --plus's, when plus): its length, with *seg's kind set; 0
 * if none. */
static size_t form_at(const char *s, size_t n, bool value, bool plus, struct jobargs_seg *seg)
{
	for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
		size_t l = strlen(forms[k].suffix);
		if (forms[k].value != value || (forms[k].plus && !plus) || l > n ||
		    memcmp(s, forms[k].suffix, l) != 0)
			continue;
		seg->kind = forms[k].kind;
		return l;
	}
	return 0;
}

/* --header: the placeholder at s (n bytes, s[0] == '{') that names a
 * group ({name}, {name.}...): its length, with *seg filled; 0 if none.
 * The longest name that fits wins. */
static size_t named(const struct jobargs *a, const char *s, size_t n, struct jobargs_seg *seg)
{
	size_t best = 0;
	for (size_t k = 0; k < a->nnames; k++) {
		size_t l = strlen(a->names[k]);
		if (l == 0 || 1 + l >= n || memcmp(s + 1, a->names[k], l) != 0)
			continue;
		struct jobargs_seg got = {0};
		/* (as GNU parallel, not the forms of --plus) */
		size_t fl = form_at(s + 1 + l, n - 1 - l, true, false, &got);
		if (fl && 1 + l + fl > best) {
			best = 1 + l + fl;
			seg->kind = got.kind;
			seg->group = (unsigned)(k + 1);
		}
	}
	return best;
}

/* The placeholder at s (n bytes, s[0] == '{'): its length, with *seg
 * filled; 0 when these bytes are no placeholder. */
static size_t placeholder(const struct jobargs *a, const char *s, size_t n, struct jobargs_seg *seg)
{
	size_t l = form_at(s + 1, n - 1, false, a->plus, seg);
	if (l)
		return 1 + l;
	size_t i = 1, g = 0;
	bool digits = false;
	while (i < n && s[i] >= '0' && s[i] <= '9' && g < 100000) {
		g = g * 10 + (size_t)(s[i++] - '0');
		digits = true;
	}
	if (digits && g == 0)
		return 0;
	l = form_at(s + i, n - i, true, a->plus, seg);
	seg->group = (unsigned)g;
	return l ? i + l : 0;
}

static void add_seg(struct jobargs_word *w, struct jobargs_seg seg)
{
	w->segs = xreallocarray(w->segs, w->nsegs + 1, sizeof *w->segs);
	w->segs[w->nsegs++] = seg;
}

void jobargs_init(struct jobargs *a, char **words, size_t nwords)
{
	jobargs_init_replace(a, words, nwords, NULL, false);
}

/* Parses s into w (its segments: literal text and placeholders); true
 * when it holds a placeholder. replace: -I's STR, or NULL. */
static bool parse_word(const struct jobargs *a, struct jobargs_word *w, const char *s,
                       const char *replace)
{
	size_t rlen = replace ? strlen(replace) : 0;
	size_t n = strlen(s), lit = 0;
	bool any = false;
	for (size_t k = 0; k < n;) {
		struct jobargs_seg seg = {0};
		size_t l = 0;
		if (rlen && n - k >= rlen && memcmp(s + k, replace, rlen) == 0) {
			seg.kind = '{'; /* -I STR: STR is {}, and {} itself is not */
			l = rlen;
		} else if (s[k] == '{') {
			l = named(a, s + k, n - k, &seg);
			if (!l)
				l = placeholder(a, s + k, n - k, &seg);
			if (rlen && seg.kind == '{' && seg.group == 0)
				l = 0;
		}
		if (!l) {
			k++;
			continue;
		}
		if (k > lit)
			add_seg(w, (struct jobargs_seg){.lit = s + lit, .len = k - lit});
		add_seg(w, seg);
		any = true;
		if (is_value(seg.kind))
			w->per_item = true;
		if (is_value(seg.kind) && seg.group == 0)
			w->whole = true;
		if (seg.kind == 'T' || (seg.kind == 'Z' && a->plus))
			w->total = true;
		k += l;
		lit = k;
	}
	if (n > lit || w->nsegs == 0)
		add_seg(w, (struct jobargs_seg){.lit = s + lit, .len = n - lit});
	return any;
}

/* Parses the template words (again) into a->words. */
static void parse_words(struct jobargs *a, char **words, size_t nwords)
{
	a->any_placeholder = false;
	a->needs_total = a->tagword && a->tagword->total;
	for (size_t i = 0; i < nwords; i++) {
		struct jobargs_word *w = &a->words[i];
		free(w->segs);
		memset(w, 0, sizeof *w);
		if (parse_word(a, w, words[i], a->replace))
			a->any_placeholder = true;
		a->needs_total = a->needs_total || w->total;
	}
}

void jobargs_init_replace(struct jobargs *a, char **words, size_t nwords, const char *replace,
                          bool plus)
{
	memset(a, 0, sizeof *a);
	a->delim = '\n';
	a->replace = replace;
	a->plus = plus;
	a->words = xcalloc(nwords ? nwords : 1, sizeof *a->words);
	a->nwords = nwords;
	parse_words(a, words, nwords);
}

void jobargs_set_names(struct jobargs *a, char **names, size_t n, char **words, size_t nwords)
{
	a->names = names;
	a->nnames = n;
	parse_words(a, words, nwords);
}

void jobargs_set_tagstring(struct jobargs *a, const char *s)
{
	a->tagword = xcalloc(1, sizeof *a->tagword);
	parse_word(a, a->tagword, s, a->replace);
	a->needs_total = a->needs_total || a->tagword->total;
}

void jobargs_free(struct jobargs *a)
{
	for (size_t i = 0; i < a->nwords; i++)
		free(a->words[i].segs);
	free(a->words);
	if (a->tagword) {
		free(a->tagword->segs);
		free(a->tagword);
	}
	for (size_t k = 0; k < a->nnames; k++)
		free(a->names[k]);
	free(a->names);
	for (size_t g = 0; g < a->ngroups; g++) {
		if (a->groups[g].mem) {
			free(a->groups[g].vals);
			free(a->groups[g].mem);
		}
	}
	free(a->groups);
	if (a->colsep) {
		regfree(a->colsep);
		free(a->colsep);
	}
}

int jobargs_set_colsep(struct jobargs *a, const char *re, char *msg, size_t size)
{
	struct buf b = {0};
	for (const char *p = re; *p; p++) {
		if (p[0] == '\\' && p[1] == 't') {
			buf_putc(&b, '\t');
			p++;
		} else {
			buf_putc(&b, *p);
		}
	}
	regex_t *rx = xcalloc(1, sizeof *rx);
	int e = regcomp(rx, buf_str(&b), REG_EXTENDED);
	buf_free(&b);
	if (e) {
		regerror(e, rx, msg, size);
		free(rx);
		return e;
	}
	a->colsep = rx;
	return 0;
}

/* Appends c (n bytes) to out, NUL-terminated, without the white space
 * (Perl's \\s, as GNU parallel's --trim) at the ends trim asks for. */
static void put_trimmed(struct buf *out, unsigned trim, const char *c, size_t n)
{
	while ((trim & JOBARGS_TRIM_L) && n > 0 && memchr(" \t\n\r\f\v", c[0], 6))
		c++, n--;
	while ((trim & JOBARGS_TRIM_R) && n > 0 && memchr(" \t\n\r\f\v", c[n - 1], 6))
		n--;
	buf_write(out, c, n);
	buf_putc(out, 0);
}

void jobargs_trim(const struct jobargs *a, const char *v, struct buf *out)
{
	put_trimmed(out, a->trim, v, strlen(v));
}

size_t jobargs_columns(const struct jobargs *a, const char *const *vals, struct buf *out)
{
	size_t n = 0;
	buf_truncate(out, 0);
	for (size_t g = 0; g < a->ngroups; g++) {
		/* As Perl's split(/RE/, v, -1), which GNU parallel uses: a match
		 * of nothing splits between characters, but not where the last
		 * match (or the value) began or ended. */
		const char *v = vals[g];
		size_t len = strlen(v), start = 0, prev = 0, from = 0;
		regmatch_t m;
		while (from <= len &&
		       regexec(a->colsep, v + from, 1, &m, from > 0 ? REG_NOTBOL : 0) == 0) {
			size_t so = from + (size_t)m.rm_so, eo = from + (size_t)m.rm_eo;
			if (so == eo && so == prev) {
				from = so + 1;
				continue;
			}
			put_trimmed(out, a->trim, v + start, so - start);
			n++;
			start = prev = from = eo;
		}
		put_trimmed(out, a->trim, v + start, len - start);
		n++;
	}
	return n;
}

static struct jobargs_group *new_group(struct jobargs *a)
{
	a->groups = xreallocarray(a->groups, a->ngroups + 1, sizeof *a->groups);
	struct jobargs_group *g = &a->groups[a->ngroups++];
	memset(g, 0, sizeof *g);
	return g;
}

void jobargs_add_list(struct jobargs *a, char **vals, size_t n)
{
	struct jobargs_group *g = new_group(a);
	g->vals = vals;
	g->n = n;
}

void jobargs_add_stream(struct jobargs *a)
{
	new_group(a);
	a->stream = true;
}

int jobargs_fill_fd(struct jobargs *a, size_t gi, int fd)
{
	struct buf b = {0};
	for (;;) {
		buf_reserve(&b, 64 * 1024);
		ssize_t k = read(fd, b.p + b.len, b.cap - b.len - 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int e = errno;
			buf_free(&b);
			errno = e;
			return -1;
		}
		if (k == 0)
			break;
		b.len += (size_t)k;
	}
	size_t n = 0, cap = 0;
	char **vals = NULL;
	char *p = b.p;
	for (size_t i = 0; i < b.len;) {
		char *e = memchr(p + i, a->delim, b.len - i);
		size_t end = e ? (size_t)(e - p) : b.len;
		p[end] = 0; /* (b keeps room for a NUL past its end) */
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			vals = xreallocarray(vals, cap, sizeof *vals);
		}
		vals[n++] = p + i;
		i = end + 1;
	}
	struct jobargs_group *g = &a->groups[gi];
	g->vals = vals;
	g->n = n;
	g->mem = b.p ? b.p : xstrdup("");
	return 0;
}

int jobargs_add_fd(struct jobargs *a, int fd)
{
	new_group(a);
	if (jobargs_fill_fd(a, a->ngroups - 1, fd) == 0)
		return 0;
	a->ngroups--;
	return -1;
}

size_t jobargs_chain_len(const struct jobargs *a, size_t h)
{
	size_t len = a->groups[h].n;
	if (len == 0)
		return 0;
	for (size_t g = h + 1; g < a->ngroups && a->groups[g].linked; g++) {
		size_t n = a->groups[g].n;
		if (n == 0)
			return 0; /* nothing to start over from */
		if (a->wrap ? n > len : n < len)
			len = n;
	}
	return len;
}

const char *jobargs_value(const struct jobargs *a, size_t g, size_t i)
{
	return a->groups[g].vals[i % a->groups[g].n];
}

/* Bytes that stand for themselves in a shell word wherever they are. */
static bool plain(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c && strchr("-_./,:@%+", c) != NULL;
}

void jobargs_shquote(struct buf *b, const char *s, size_t n)
{
	bool q = n == 0;
	for (size_t i = 0; i < n && !q; i++)
		q = !plain((unsigned char)s[i]);
	if (!q) {
		buf_write(b, s, n);
		return;
	}
	buf_putc(b, '\'');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\'')
			buf_write(b, "'\"'\"'", 5);
		else
			buf_putc(b, s[i]);
	}
	buf_putc(b, '\'');
}

/* The offset in v (n bytes) of the k-th dot from its end with no slash
 * after it, or -1: where the last k extensions begin. */
static long ext_dot(const char *v, size_t n, int k)
{
	for (size_t i = n; i-- > 0;) {
		if (v[i] == '/')
			return -1;
		if (v[i] == '.' && --k == 0)
			return (long)i;
	}
	return -1;
}

/* The value of placeholder kind for v (n bytes) appended to b, as GNU
 * parallel makes it: {.} drops the last extension (a dot and what follows
 * it, when no slash does), {/} keeps what follows the last slash, {//} is
 * dirname(3)'s, {/.} is {/} without its extension. --plus's: {..} and
 * {...} drop the last two or three extensions (when there are so many),
 * {/..} {/...} are {/} without them; {+/} is what precedes the last slash
 * (nothing without one), {+.} what follows the last dot (slash or not;
 * nothing without one), {+..} {+...} the last two or three extensions
 * without their first dot (nothing when there are fewer). */
static void put_form(struct buf *b, char kind, const char *v, size_t n)
{
	if (strchr("/bGH", kind)) {
		const char *sl = n ? memrchr(v, '/', n) : NULL;
		if (sl) {
			n -= (size_t)(sl + 1 - v);
			v = sl + 1;
		}
	}
	int exts = strchr(".b", kind) ? 1 : strchr("EGy", kind) ? 2 : strchr("FHz", kind) ? 3 : 0;
	long dot = exts ? ext_dot(v, n, exts) : -1;
	if (strchr(".bEFGH", kind) && dot >= 0)
		n = (size_t)dot;
	if (kind == 'x') { /* (the last dot, whatever follows it) */
		const char *d = n ? memrchr(v, '.', n) : NULL;
		dot = d ? d - v : -1;
	}
	if (strchr("xyz", kind)) {
		size_t from = dot >= 0 ? (size_t)dot + 1 : n;
		v += from;
		n -= from;
	}
	if (kind == 'P') {
		const char *sl = n ? memrchr(v, '/', n) : NULL;
		n = sl ? (size_t)(sl - v) : 0;
	}
	if (kind == 'd') {
		size_t k = n;
		while (k > 0 && v[k - 1] == '/')
			k--;
		if (k == 0 && n > 0) { /* only slashes */
			buf_putc(b, '/');
			return;
		}
		while (k > 0 && v[k - 1] != '/')
			k--;
		if (k == 0) { /* no directory part */
			buf_putc(b, '.');
			return;
		}
		while (k > 1 && v[k - 1] == '/')
			k--;
		n = k;
	}
	buf_write(b, v, n);
}

/* Appends value v (n bytes) in the form of placeholder s to b: quoted in
 * shell mode. */
static void put_value(const struct jobargs *a, const struct jobargs_seg *s, const char *v, size_t n,
                      struct buf *b, struct buf *tmp)
{
	if (a->shell) {
		buf_truncate(tmp, 0);
		put_form(tmp, s->kind, v, n);
		jobargs_shquote(b, tmp->p ? tmp->p : "", tmp->len);
	} else {
		put_form(b, s->kind, v, n);
	}
}

/* The number of decimal digits of n. */
static int digits(unsigned long n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* Expands word w for one record (vals: ngroups strings; NULL: no record,
 * for words without value placeholders) onto b; shell: values quoted.
 * With several groups, {} (and {.}...) stands for each group's value in
 * turn, as separate words, as GNU parallel's does: "x{}y" gives "xa" and
 * "by". *splits counts the word breaks so made (a NUL between arguments,
 * a space in a shell line). only >= 0: {} is that group's value alone. */
static void expand(const struct jobargs *a, const struct jobargs_word *w, const char *const *vals,
                   long only, unsigned long seq, int slot, struct buf *b, struct buf *tmp,
                   size_t *splits)
{
	for (size_t i = 0; i < w->nsegs; i++) {
		const struct jobargs_seg *s = &w->segs[i];
		switch (s->kind) {
		case 0:
			buf_write(b, s->lit, s->len);
			continue;
		case '#':
			buf_printf(b, "%lu", seq);
			continue;
		case '%':
			buf_printf(b, "%d", slot);
			continue;
		case 'T':
			buf_printf(b, "%lu", a->total);
			continue;
		case 'Z': /* (padded only with --plus, as GNU parallel) */
			buf_printf(b, "%0*lu", a->plus ? digits(a->total) : 1, seq);
			continue;
		case 'S':
			buf_printf(b, "%0*d", a->plus ? digits((unsigned long)a->slots) : 1, slot);
			continue;
		}
		if (s->group == 0 && only >= 0) {
			put_value(a, s, vals[only], strlen(vals[only]), b, tmp);
		} else if (s->group == 0) {
			for (size_t g = 0; g < a->ngroups; g++) {
				if (g) {
					buf_putc(b, a->shell ? ' ' : 0);
					++*splits;
				}
				put_value(a, s, vals[g], strlen(vals[g]), b, tmp);
			}
		} else if (s->group <= a->ngroups) {
			put_value(a, s, vals[s->group - 1], strlen(vals[s->group - 1]), b, tmp);
		} else {
			put_value(a, s, "", 0, b, tmp);
		}
	}
}

/* Appends the values of one record, as separate words, for a template
 * without placeholders. shell: quoted, each after a space. */
static void append_values(const struct jobargs *a, const char *const *vals, struct buf *b,
                          size_t *nargs)
{
	for (size_t g = 0; g < a->ngroups; g++) {
		if (a->shell) {
			buf_putc(b, ' ');
			jobargs_shquote(b, vals[g], strlen(vals[g]));
		} else {
			buf_write(b, vals[g], strlen(vals[g]) + 1);
			++*nargs;
		}
	}
}

/* How many times word w is made for each record: with -X, -n or -N, a
 * word with {} of several groups (or items, -N) is made once per value,
 * as GNU parallel repeats it ("p{}q" gives "paq" "p1q"); else once. */
static size_t repeats(const struct jobargs *a, const struct jobargs_word *w)
{
	return (a->xargs || a->max_args) && !a->multi && w->whole && a->ngroups > 1 ? a->ngroups
	                                                                            : 1;
}

/* Word w made once onto b (vals and only as for expand), after a space
 * in a shell line (but the first), its strings counted into *nargs. */
static void put_word(const struct jobargs *a, const struct jobargs_word *w, const char *const *vals,
                     long only, unsigned long seq, int slot, struct buf *b, struct buf *tmp,
                     bool *first, size_t *nargs)
{
	if (a->shell && !*first)
		buf_putc(b, ' ');
	*first = false;
	size_t splits = 0;
	expand(a, w, vals, only, seq, slot, b, tmp, &splits);
	if (!a->shell) {
		buf_putc(b, 0);
		*nargs += splits + 1;
	}
}

/* The argv strings (or, in shell mode, the line) of the command for nrec
 * records onto b; the number of strings. */
static size_t make(const struct jobargs *a, const char *const *vals, size_t nrec, unsigned long seq,
                   int slot, struct buf *b)
{
	struct buf tmp = {0};
	size_t nargs = 0;
	bool first = true;
	for (size_t i = 0; i < a->nwords; i++) {
		const struct jobargs_word *w = &a->words[i];
		if (a->multi && w->per_item) {
			/* -m: "x{}y" of a, b, c gives "xa" "b" "cy", as GNU parallel's */
			struct jobargs flat = *a;
			flat.ngroups = nrec * a->ngroups;
			put_word(&flat, w, vals, -1, seq, slot, b, &tmp, &first, &nargs);
			continue;
		}
		size_t reps = repeats(a, w);
		for (size_t r = 0; r < (w->per_item ? nrec : 1); r++)
			for (size_t k = 0; k < reps; k++)
				put_word(a, w, vals + r * a->ngroups, reps > 1 ? (long)k : -1, seq,
				         slot, b, &tmp, &first, &nargs);
	}
	if (!a->any_placeholder)
		for (size_t r = 0; r < nrec; r++)
			append_values(a, vals + r * a->ngroups, b, &nargs);
	if (a->shell) {
		buf_putc(b, 0);
		nargs = 1;
	}
	buf_free(&tmp);
	return nargs;
}

size_t jobargs_record_size(const struct jobargs *a, const char *const *vals, unsigned long seq,
                           int slot)
{
	/* {##} and {0#} at their widest: the jobs are counted with it */
	struct jobargs widest;
	if (a->needs_total) {
		widest = *a;
		widest.total = ULONG_MAX;
		a = &widest;
	}
	struct buf b = {0}, tmp = {0};
	size_t size = 0;
	if (!vals) {
		/* the words without values, the final NULL, sh -c */
		size = sizeof(char *) + (a->shell ? 6 + 2 * sizeof(char *) : 0);
		for (size_t i = 0; i < a->nwords; i++) {
			if (a->words[i].per_item)
				continue;
			buf_truncate(&b, 0);
			size_t splits = 0;
			expand(a, &a->words[i], NULL, -1, seq, slot, &b, &tmp, &splits);
			size += b.len + 1 + (a->shell ? 0 : sizeof(char *));
		}
	} else if (!a->any_placeholder) {
		size_t nargs = 0;
		append_values(a, vals, &b, &nargs);
		size = b.len + nargs * sizeof(char *);
	} else {
		for (size_t i = 0; i < a->nwords; i++) {
			if (!a->words[i].per_item)
				continue;
			size_t reps = repeats(a, &a->words[i]);
			for (size_t k = 0; k < reps; k++) {
				buf_truncate(&b, 0);
				size_t splits = 0;
				expand(a, &a->words[i], vals, reps > 1 ? (long)k : -1, seq, slot,
				       &b, &tmp, &splits);
				size += b.len + 1 + (a->shell ? 0 : (splits + 1) * sizeof(char *));
			}
		}
	}
	buf_free(&b);
	buf_free(&tmp);
	return size;
}

void jobargs_build(const struct jobargs *a, const char *const *vals, size_t nrec, unsigned long seq,
                   int slot, struct buf *strings, char ***argv, size_t *cap, struct buf *cmd,
                   struct buf *tag)
{
	buf_truncate(strings, 0);
	buf_truncate(cmd, 0);
	buf_truncate(tag, 0);
	if (a->shell)
		buf_write(strings, "sh\0-c", 6);
	size_t nargs = make(a, vals, nrec, seq, slot, strings) + (a->shell ? 2 : 0);
	if (nargs + 1 > *cap) {
		*cap = nargs + 1 > 2 * *cap ? nargs + 1 : 2 * *cap;
		*argv = xreallocarray(*argv, *cap, sizeof **argv);
	}
	char *p = strings->p;
	for (size_t i = 0; i < nargs; i++) {
		(*argv)[i] = p;
		p += strlen(p) + 1;
	}
	(*argv)[nargs] = NULL;
	if (a->shell) {
		buf_puts(cmd, (*argv)[2]);
	} else {
		for (size_t i = 0; i < nargs; i++) {
			if (i)
				buf_putc(cmd, ' ');
			jobargs_shquote(cmd, (*argv)[i], strlen((*argv)[i]));
		}
	}
	if (a->tagword) {
		/* --tagstring: the values, unquoted, as those of one record; the
		 * words {} of several makes are joined by spaces */
		struct jobargs plain = *a;
		plain.shell = false;
		plain.ngroups = nrec * a->ngroups; /* a batch's values all count */
		struct buf tmp = {0};
		size_t splits = 0;
		expand(&plain, a->tagword, vals, -1, seq, slot, tag, &tmp, &splits);
		buf_free(&tmp);
		for (size_t i = 0; i < tag->len; i++)
			if (tag->p[i] == 0)
				tag->p[i] = ' ';
		return;
	}
	for (size_t i = 0; i < nrec * a->ngroups; i++) {
		if (i)
			buf_putc(tag, ' ');
		buf_puts(tag, vals[i]);
	}
}

size_t jobargs_arg_max(void)
{
	long m = sysconf(_SC_ARG_MAX);
	size_t max = m > 0 ? (size_t)m : 128 * 1024;
	size_t env = 0;
	for (char **e = environ; *e; e++)
		env += strlen(*e) + 1 + sizeof(char *);
	env += 2048;
	return max > env + 4096 ? max - env : 4096;
}
