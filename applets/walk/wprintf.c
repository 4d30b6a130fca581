/* walk --printf (GNU find's -printf) and walk -l (find -ls); see
 * wprintf.h. The behaviour is pinned against GNU findutils 4.9's find:
 * which directives are strings (and so take "%05s"'s spaces and "%.2s"'s
 * cut) and which are numbers (%d, %m), what an unknown directive or escape
 * prints, the ten digits of a time's fraction, and -ls's growing columns.
 *
 * Speed: the format is compiled once into segments; a time is formatted
 * by strftime once per second seen (a small cache per directive), names
 * of owners come from owner.h's cache, and everything goes to out.h's
 * buffer with no printf on the common paths. */
#include "wprintf.h"
#include "osbox/buf.h"
#include "osbox/ftype.h"
#include "osbox/out.h"
#include "osbox/owner.h"
#include "osbox/quote.h"
#include "osbox/xalloc.h"

#include <ctype.h>
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <time.h>

/* ---- times, formatted once per second ---- */

/* Where a time's fraction goes in a cached string: find writes a
 * second's nine digits and a 0 after %S, %T, %X and %+ (and in the
 * middle of %a %c %t). */
#define FRAC_MARK '\x01'

#define TC_SLOTS 64

struct tslot {
	long long sec;
	bool used;
	unsigned char len;
	char s[126];
};

struct tcache {
	char fmt[40]; /* strftime's format */
	struct tslot slot[TC_SLOTS];
};

static struct tcache *tcache_new(const char *fmt)
{
	struct tcache *c = xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	snprintf(c->fmt, sizeof c->fmt, "%s", fmt);
	return c;
}

/* The strftime text of sec (local time), from the cache when it is there. */
static const struct tslot *tcache_get(struct tcache *c, long long sec)
{
	struct tslot *s = &c->slot[(unsigned long long)sec % TC_SLOTS];
	if (s->used && s->sec == sec)
		return s;
	struct tm tm;
	time_t t = (time_t)sec;
	size_t n = 0;
	if (localtime_r(&t, &tm))
		n = strftime(s->s, sizeof s->s, c->fmt, &tm);
	s->len = (unsigned char)n;
	s->sec = sec;
	s->used = true;
	return s;
}

static size_t utoa(char *buf, unsigned long long v)
{
	char tmp[24];
	size_t n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while (v /= 10);
	for (size_t i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}

/* ".NNNNNNNNN0": find's fraction, ten digits. */
static size_t frac(char *buf, long nsec)
{
	buf[0] = '.';
	for (int i = 9; i >= 1; i--) {
		buf[i] = (char)('0' + nsec % 10);
		nsec /= 10;
	}
	buf[10] = '0';
	return 11;
}

/* The time t through cache c into buf (at least 160 bytes). */
static size_t time_text(char *buf, struct tcache *c, const struct timespec *t)
{
	const struct tslot *s = tcache_get(c, (long long)t->tv_sec);
	size_t n = 0;
	for (size_t i = 0; i < s->len; i++) {
		if (s->s[i] == FRAC_MARK)
			n += frac(buf + n, t->tv_nsec);
		else
			buf[n++] = s->s[i];
	}
	return n;
}

/* "%T@": seconds since the Epoch, and the fraction. */
static size_t epoch_text(char *buf, const struct timespec *t)
{
	size_t n = 0;
	long long sec = (long long)t->tv_sec;
	if (sec < 0) {
		buf[n++] = '-';
		n += utoa(buf + n, -(unsigned long long)sec);
	} else {
		n += utoa(buf + n, (unsigned long long)sec);
	}
	return n + frac(buf + n, t->tv_nsec);
}

/* ---- the compiled format ---- */

enum {
	SEG_TEXT = 0, /* literal bytes */
	SEG_STOP = 1, /* \c: nothing more of this format for this entry */
	              /* otherwise the directive's letter */
};

struct seg {
	char conv;       /* SEG_TEXT, SEG_STOP or find's letter */
	char tk;         /* %A %C %T: the time letter */
	bool plain;      /* no flag, width or precision */
	bool left;       /* '-' */
	size_t width;    /* 0: none */
	long prec;       /* -1: none */
	char *pf;        /* %d %m %S: the printf format, as find makes it */
	size_t off, len; /* SEG_TEXT: bytes of text */
	struct tcache *tc;
};

struct wprintf {
	struct seg *seg;
	size_t n;
	char *text;
	struct buf link; /* %l's target */
	bool tty;        /* names are shown escaped */
	char *esc;       /* room to escape a name in */
	size_t esc_size;
};

static void add_text(struct wprintf *f, struct buf *text, const char *s, size_t n)
{
	if (f->n && f->seg[f->n - 1].conv == SEG_TEXT) {
		f->seg[f->n - 1].len += n;
	} else {
		f->seg = xreallocarray(f->seg, f->n + 1, sizeof *f->seg);
		f->seg[f->n++] = (struct seg){.conv = SEG_TEXT, .off = text->len, .len = n};
	}
	buf_write(text, s, n);
}

static struct seg *add_seg(struct wprintf *f)
{
	f->seg = xreallocarray(f->seg, f->n + 1, sizeof *f->seg);
	struct seg *s = &f->seg[f->n++];
	memset(s, 0, sizeof *s);
	return s;
}

/* The letters find knows, and those that need the status. */
static const char known_dirs[] = "pPfhHdskbmMuUgGinlyYDSacCtAT";
static const char stat_dirs[] = "skbmMuUgGinacCtATDS";

static int octal(int c)
{
	return c >= '0' && c <= '7';
}

/* A backslash escape at p (the backslash); returns what follows it. */
static const char *escape(struct wprintf *f, struct buf *text, const char *p)
{
	char c = p[1];
	switch (c) {
	case 0:
		warnx("warning: escape `\\' followed by nothing at all");
		add_text(f, text, "\\", 1);
		return p + 1;
	case 'c':
		add_seg(f)->conv = SEG_STOP;
		return p + 2;
	case '\\':
		add_text(f, text, "\\", 1);
		return p + 2;
	case 'a':
	case 'b':
	case 'f':
	case 'n':
	case 'r':
	case 't':
	case 'v': {
		static const char letters[] = "abfnrtv", values[] = "\a\b\f\n\r\t\v";
		add_text(f, text, &values[strchr(letters, c) - letters], 1);
		return p + 2;
	}
	}
	if (octal(c)) {
		int v = 0, k = 0;
		for (p++; k < 3 && octal(*p); k++, p++)
			v = v * 8 + (*p - '0');
		char b = (char)v;
		add_text(f, text, &b, 1);
		return p;
	}
	warnx("warning: unrecognized escape `\\%c'", c);
	add_text(f, text, p, 2);
	return p + 2;
}

/* The strftime format of %Ak (and of %a with k 0): find's extras are
 * %A@ (not here), %A+ and the fraction after the seconds. */
static void time_format(char *fmt, size_t size, char k)
{
	switch (k) {
	case 0:
		snprintf(fmt, size, "%%a %%b %%e %%H:%%M:%%S%c %%Y", FRAC_MARK);
		break;
	case '+':
		snprintf(fmt, size, "%%Y-%%m-%%d+%%H:%%M:%%S%c", FRAC_MARK);
		break;
	case 'S':
	case 'T':
	case 'X':
		snprintf(fmt, size, "%%%c%c", k, FRAC_MARK);
		break;
	default:
		snprintf(fmt, size, "%%%c", k);
		break;
	}
}

/* A directive at p ('%'); returns what follows it, or NULL on an error. */
static const char *directive(struct wprintf *f, struct buf *text, const char *p, unsigned *needs,
                             const char **error)
{
	const char *q = p + 1;
	if (!*q) {
		*error = "error: % at end of format string";
		return NULL;
	}
	while (*q && strchr("-+ #", *q))
		q++;
	const char *digits = q;
	while (isdigit((unsigned char)*q))
		q++;
	const char *dot = NULL;
	if (*q == '.') {
		dot = q++;
		while (isdigit((unsigned char)*q))
			q++;
	}
	char c = *q;
	if (!c || c == '{' || c == '[' || c == '(') {
		/* find's words; for the end of the format, find shows the NUL
		 * byte itself between the quotes, which is left out here */
		static char msg[80];
		if (c)
			snprintf(msg, sizeof msg,
			         "error: the format directive `%%%c' is reserved for future use",
			         c);
		else
			snprintf(msg, sizeof msg,
			         "error: the format directive `%%' is reserved for future use");
		*error = msg;
		return NULL;
	}
	if (c == '%') {
		/* "%%" is a percent sign; with flags in between, find prints
		 * the directive but its last '%' */
		add_text(f, text, p, (size_t)(q - p));
		return q + 1;
	}
	bool time = c == 'A' || c == 'C' || c == 'T';
	if (c == 'B' || c == 'F' || c == 'Z') {
		static char msg[80];
		snprintf(msg, sizeof msg, "--printf: %%%c is not supported", c);
		*error = msg;
		return NULL;
	}
	if (!strchr(known_dirs, c)) {
		warnx("warning: unrecognized format directive `%%%c'", c);
		add_text(f, text, p, (size_t)(q + 1 - p));
		return q + 1;
	}
	if (time && !q[1]) {
		warnx("warning: format directive `%%%c' should be followed by another character",
		      c);
		add_text(f, text, p, (size_t)(q + 1 - p));
		return q + 1;
	}
	struct seg *s = add_seg(f);
	s->conv = c;
	s->plain = q == p + 1;
	s->prec = -1;
	for (const char *r = p + 1; r < digits; r++)
		s->left |= *r == '-';
	for (const char *r = digits; r < (dot ? dot : q); r++)
		s->width = s->width < INT_MAX ? s->width * 10 + (size_t)(*r - '0') : INT_MAX;
	if (dot) {
		s->prec = 0;
		for (const char *r = dot + 1; r < q; r++)
			s->prec = s->prec < INT_MAX ? s->prec * 10 + (*r - '0') : INT_MAX;
	}
	if (c == 'd' || c == 'm' || c == 'S') {
		/* numbers: printf's own conversion, with find's flags */
		size_t n = (size_t)(q - p);
		s->pf = xmalloc(n + 3);
		memcpy(s->pf, p, n);
		strcpy(s->pf + n, c == 'd' ? "jd" : c == 'm' ? "jo" : "g");
	}
	if (strchr(stat_dirs, c))
		*needs |= WP_STAT;
	if (c == 'l' || c == 'Y')
		*needs |= WP_FD;
	if (time || c == 'a' || c == 'c' || c == 't') {
		char fmt[40];
		if (time) {
			s->tk = q[1];
			q++;
		}
		if (s->tk != '@') {
			time_format(fmt, sizeof fmt, s->tk);
			s->tc = tcache_new(fmt);
			*needs |= WP_TIME;
		}
	}
	return q + 1;
}

struct wprintf *wprintf_compile(const char *format, unsigned *needs, const char **error)
{
	struct wprintf *f = xmalloc(sizeof *f);
	memset(f, 0, sizeof *f);
	struct buf text = {0};
	*needs = 0;
	*error = NULL;
	const char *p = format;
	while (*p) {
		if (*p == '\\') {
			p = escape(f, &text, p);
		} else if (*p == '%') {
			p = directive(f, &text, p, needs, error);
			if (!p) {
				buf_free(&text);
				wprintf_free(f);
				return NULL;
			}
		} else {
			size_t n = strcspn(p, "\\%");
			add_text(f, &text, p, n);
			p += n;
		}
	}
	f->text = buf_take(&text);
	f->tty = out_isatty();
	return f;
}

void wprintf_free(struct wprintf *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->seg[i].pf);
		free(f->seg[i].tc);
	}
	free(f->seg);
	free(f->text);
	buf_free(&f->link);
	free(f->esc);
	free(f);
}

/* ---- running it ---- */

static void pad(size_t n)
{
	static const char spaces[64] =
	    "                                                                ";
	while (n) {
		size_t k = n < sizeof spaces ? n : sizeof spaces;
		out_write(spaces, k);
		n -= k;
	}
}

/* A string directive's value, with printf's %s width and precision. */
static void put(const struct seg *s, const char *p, size_t n)
{
	if (s->plain) {
		out_write(p, n);
		return;
	}
	if (s->prec >= 0 && (size_t)s->prec < n)
		n = (size_t)s->prec;
	size_t fill = s->width > n ? s->width - n : 0;
	if (!s->left)
		pad(fill);
	out_write(p, n);
	if (s->left)
		pad(fill);
}

/* A name: raw, but escaped on a terminal as every name walk shows. */
static void put_name(struct wprintf *f, const struct seg *s, const char *p, size_t n)
{
	if (!f->tty || !quote_needed(p, n)) {
		put(s, p, n);
		return;
	}
	if (f->esc_size < 4 * n + 1) {
		f->esc_size = 4 * n + 1;
		f->esc = xrealloc(f->esc, f->esc_size);
	}
	put(s, f->esc, quote_escape(f->esc, p, n));
}

static void put_uint(const struct seg *s, unsigned long long v)
{
	char b[24];
	put(s, b, utoa(b, v));
}

static void put_cstr(const struct seg *s, const char *p)
{
	put(s, p, strlen(p));
}

/* A number through the printf format find made for it. */
static void put_printf(const struct seg *s, ...)
{
	va_list ap, ap2;
	va_start(ap, s);
	va_copy(ap2, ap);
	char b[256];
	int n = vsnprintf(b, sizeof b, s->pf, ap);
	if (n >= (int)sizeof b) {
		char *big = xmalloc((size_t)n + 1);
		vsnprintf(big, (size_t)n + 1, s->pf, ap2);
		out_write(big, (size_t)n);
		free(big);
	} else if (n > 0) {
		out_write(b, (size_t)n);
	}
	va_end(ap2);
	va_end(ap);
}

/* Where an entry's last component starts in path, as find's %f and %h
 * see it: after the last slash that has something else after it. */
static size_t base_start(const char *path, size_t len)
{
	size_t b = 0;
	for (size_t i = 0; i + 1 < len; i++)
		if (path[i] == '/' && path[i + 1] != '/')
			b = i + 1;
	return b;
}

/* %f of the root: its last component, with one slash if it ended in
 * slashes; "/" for slashes only. */
static void root_name(struct wprintf *f, const struct seg *s, const char *path, size_t len)
{
	size_t b = base_start(path, len), e = len;
	while (e > b && path[e - 1] == '/')
		e--;
	if (e == b) {
		put(s, "/", len ? 1 : 0);
		return;
	}
	if (e < len)
		e++;
	put_name(f, s, path + b, e - b);
}

/* %h of the root: what comes before its last component, less one slash;
 * with none, what comes before its last slash, or ".". */
static void root_dir(struct wprintf *f, const struct seg *s, const char *path, size_t len)
{
	size_t b = base_start(path, len);
	if (b > 0) {
		put_name(f, s, path, b - 1);
		return;
	}
	const char *slash = memrchr(path, '/', len);
	if (slash)
		put_name(f, s, path, (size_t)(slash - path));
	else
		put(s, ".", 1);
}

static const struct timespec *seg_time(char conv, const struct stat *st)
{
	switch (conv) {
	case 'a':
	case 'A':
		return &st->st_atim;
	case 'c':
	case 'C':
		return &st->st_ctim;
	default:
		return &st->st_mtim;
	}
}

/* The type letter of %y (and of %Y when nothing is followed). */
static char type_letter(const struct wentry *x)
{
	unsigned char dt = x->st ? ftype_dt(x->st->st_mode) : x->e->type;
	char c = ftype_letter_dt(dt);
	return c ? c : 'U';
}

/* %Y: a symlink's target's type: N when there is none, L for a loop. */
static char target_letter(const struct wentry *x)
{
	const struct walk_ent *e = x->e;
	if (e->type != DT_LNK)
		return type_letter(x);
	struct stat st;
	if (fstatat(e->dirfd, e->atname, &st, 0) == 0) {
		char c = ftype_letter_dt(ftype_dt(st.st_mode));
		return c ? c : 'U';
	}
	if (errno == ENOENT || errno == ENOTDIR)
		return 'N';
	return errno == ELOOP ? 'L' : '?';
}

static void put_link(struct wprintf *f, const struct seg *s, const struct wentry *x)
{
	const struct walk_ent *e = x->e;
	if (e->type != DT_LNK || (x->st && !S_ISLNK(x->st->st_mode))) {
		put(s, "", 0);
		return;
	}
	if (buf_readlinkat(&f->link, e->dirfd, e->atname) < 0) {
		put(s, "", 0);
		return;
	}
	put_name(f, s, f->link.p, f->link.len);
}

static double sparseness(const struct stat *st)
{
	if (st->st_size == 0)
		return st->st_blocks == 0 ? 1.0 : st->st_blocks < 0 ? -HUGE_VAL : HUGE_VAL;
	return (double)st->st_blocks * 512 / (double)st->st_size;
}

void wprintf_run(struct wprintf *f, const struct wentry *x)
{
	const struct walk_ent *e = x->e;
	const struct stat *st = x->st;
	char b[192];
	for (size_t i = 0; i < f->n; i++) {
		const struct seg *s = &f->seg[i];
		switch (s->conv) {
		case SEG_TEXT:
			out_write(f->text + s->off, s->len);
			break;
		case SEG_STOP:
			return;
		case 'p':
			put_name(f, s, e->path, e->pathlen);
			break;
		case 'P': {
			/* the path less the root and the slash after it */
			size_t skip = e->pathlen;
			if (e->depth > 0)
				skip = x->rootlen + (x->rootlen && x->root[x->rootlen - 1] != '/');
			put_name(f, s, e->path + skip, e->pathlen - skip);
			break;
		}
		case 'f':
			if (e->depth > 0)
				put_name(f, s, e->name, e->namelen);
			else
				root_name(f, s, e->path, e->pathlen);
			break;
		case 'h':
			if (e->depth > 0)
				put_name(f, s, e->path, e->pathlen - e->namelen - 1);
			else
				root_dir(f, s, e->path, e->pathlen);
			break;
		case 'H':
			put_name(f, s, x->root, x->rootlen);
			break;
		case 'd':
			if (s->plain)
				put_uint(s, (unsigned)e->depth);
			else
				put_printf(s, (intmax_t)e->depth);
			break;
		case 's':
			put_uint(s, (unsigned long long)st->st_size);
			break;
		case 'k':
			put_uint(s, ((unsigned long long)st->st_blocks + 1) / 2);
			break;
		case 'b':
			put_uint(s, (unsigned long long)st->st_blocks);
			break;
		case 'm':
			put_printf(s, (uintmax_t)(st->st_mode & 07777));
			break;
		case 'M':
			put_cstr(s, ftype_modestr(st->st_mode, b));
			break;
		case 'u': {
			const char *u = owner_user_name(st->st_uid);
			if (u)
				put_cstr(s, u);
			else
				put_uint(s, st->st_uid);
			break;
		}
		case 'g': {
			const char *g = owner_group_name(st->st_gid);
			if (g)
				put_cstr(s, g);
			else
				put_uint(s, st->st_gid);
			break;
		}
		case 'U':
			put_uint(s, st->st_uid);
			break;
		case 'G':
			put_uint(s, st->st_gid);
			break;
		case 'i':
			put_uint(s, st->st_ino);
			break;
		case 'n':
			put_uint(s, st->st_nlink);
			break;
		case 'D':
			put_uint(s, st->st_dev);
			break;
		case 'S':
			put_printf(s, sparseness(st));
			break;
		case 'l':
			put_link(f, s, x);
			break;
		case 'y':
			b[0] = type_letter(x);
			put(s, b, 1);
			break;
		case 'Y':
			b[0] = target_letter(x);
			put(s, b, 1);
			break;
		default: /* the times */
			if (s->tk == '@')
				put(s, b, epoch_text(b, seg_time(s->conv, st)));
			else
				put(s, b, time_text(b, s->tc, seg_time(s->conv, st)));
			break;
		}
	}
}

/* ---- find -ls ---- */

struct wls {
	int ino_w, blk_w, nlink_w, user_w, group_w, size_w, major_w, minor_w;
	time_t now;
	struct tcache *recent, *old;
	struct buf line, link;
};

struct wls *wls_new(void)
{
	struct wls *l = xmalloc(sizeof *l);
	memset(l, 0, sizeof *l);
	l->ino_w = 9;
	l->blk_w = 6;
	l->nlink_w = 3;
	l->user_w = 8;
	l->group_w = 8;
	l->size_w = 8;
	l->major_w = 3;
	l->minor_w = 3;
	l->now = time(NULL);
	l->recent = tcache_new("%b %e %H:%M");
	l->old = tcache_new("%b %e  %Y");
	return l;
}

void wls_free(struct wls *l)
{
	if (!l)
		return;
	free(l->recent);
	free(l->old);
	buf_free(&l->line);
	buf_free(&l->link);
	free(l);
}

/* s right-aligned in *w columns, which grow to fit it. */
static void col_right(struct buf *b, int *w, const char *s, size_t n)
{
	if ((int)n > *w)
		*w = (int)n;
	for (size_t i = n; i < (size_t)*w; i++)
		buf_putc(b, ' ');
	buf_write(b, s, n);
}

static void col_uint(struct buf *b, int *w, unsigned long long v)
{
	char t[24];
	col_right(b, w, t, utoa(t, v));
}

/* An owner: a name left-aligned in *w columns (which grow to fit it);
 * an id without a name in 8 columns. find then widens the column by
 * what the number took with its space after it, and does so for the
 * user's column one more than for the group's. */
static void col_owner(struct buf *b, int *w, const char *name, unsigned long id, bool user)
{
	if (name) {
		size_t n = strlen(name);
		if ((int)n > *w)
			*w = (int)n;
		buf_puts(b, name);
		for (size_t i = n; i < (size_t)*w; i++)
			buf_putc(b, ' ');
	} else {
		char t[24];
		size_t n = utoa(t, id);
		buf_write(b, t, n);
		for (size_t i = n; i < 8; i++)
			buf_putc(b, ' ');
		int took = (int)(n > 8 ? n : 8) + (user ? 1 : 0);
		if (took > *w)
			*w = took;
	}
	buf_putc(b, ' ');
}

/* A name as find -ls writes it: C escapes for \b \f \n \r \t, a
 * backslash before a space, a backslash and a double quote, and \ooo for
 * every other byte that is not printable ASCII. */
static void ls_name(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		switch (c) {
		case '\b':
			esc = "\\b";
			break;
		case '\f':
			esc = "\\f";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		case ' ':
			esc = "\\ ";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '"':
			esc = "\\\"";
			break;
		}
		if (esc) {
			buf_write(b, esc, 2);
		} else if (c < 0x20 || c >= 0x7f) {
			char o[4] = {'\\', (char)('0' + (c >> 6)), (char)('0' + ((c >> 3) & 7)),
			             (char)('0' + (c & 7))};
			buf_write(b, o, 4);
		} else {
			buf_putc(b, (char)c);
		}
	}
}

void wls_line(struct wls *l, const struct wentry *x)
{
	const struct walk_ent *e = x->e;
	const struct stat *st = x->st;
	struct buf *b = &l->line;
	char t[192];
	buf_truncate(b, 0);
	col_uint(b, &l->ino_w, st->st_ino);
	buf_putc(b, ' ');
	col_uint(b, &l->blk_w, ((unsigned long long)st->st_blocks + 1) / 2);
	buf_putc(b, ' ');
	buf_puts(b, ftype_modestr(st->st_mode, t));
	buf_putc(b, ' ');
	col_uint(b, &l->nlink_w, st->st_nlink);
	buf_putc(b, ' ');
	col_owner(b, &l->user_w, owner_user_name(st->st_uid), st->st_uid, true);
	col_owner(b, &l->group_w, owner_group_name(st->st_gid), st->st_gid, false);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
		col_uint(b, &l->major_w, major(st->st_rdev));
		buf_puts(b, ", ");
		col_uint(b, &l->minor_w, minor(st->st_rdev));
	} else {
		col_uint(b, &l->size_w, (unsigned long long)st->st_size);
	}
	buf_putc(b, ' ');
	/* find -ls's rule (not ls's): the year instead of the time of day
	 * for a time 180 days old or more, or more than an hour ahead */
	time_t when = st->st_mtim.tv_sec;
	bool recent = when < l->now + 3600 && when > l->now - 180 * 86400;
	buf_write(b, t, time_text(t, recent ? l->recent : l->old, &st->st_mtim));
	buf_putc(b, ' ');
	ls_name(b, e->path, e->pathlen);
	if (S_ISLNK(st->st_mode) && buf_readlinkat(&l->link, e->dirfd, e->atname) == 0) {
		buf_puts(b, " -> ");
		ls_name(b, l->link.p, l->link.len);
	}
	buf_putc(b, '\n');
	out_write(b->p, b->len);
}
