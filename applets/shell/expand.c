/* Word expansion (see sh.h), POSIX XCU 2.6 in its order: tilde,
 * parameters, command substitution and arithmetic, then field splitting
 * of what unquoted expansions produced, pathname expansion, and quote
 * removal. A word is expanded into characters that each carry where they
 * came from (quoted, or from an unquoted expansion), which is what the
 * later steps need to know. */
#include "sh.h"
#include "bi.h"
#include "osbox/buf.h"
#include "osbox/xalloc.h"

#include <wctype.h>
#include <glob.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define F_Q 1u     /* quoted: neither split nor a pattern */
#define F_E 2u     /* the result of an unquoted expansion: split on IFS */
#define F_MARK 4u  /* no character: the field exists ("" or '') */
#define F_BREAK 8u /* no character: a field ends here ("$@") */

struct xp {
	struct sh *sh;
	struct buf s, f; /* characters, and their flags */
	unsigned flags;
	bool err;
	bool at_empty; /* "$@" with no parameters was seen */
	unsigned lit;  /* the flag of unquoted literal characters: F_E in ${x-word} */
	bool in_brace; /* in the word of a ${x-word} in double quotes: \} is } */
};

enum mode { M_UNQUOTED, M_DQUOTE, M_HEREDOC };

static void put(struct xp *x, char c, unsigned fl)
{
	buf_putc(&x->s, c);
	buf_putc(&x->f, (char)fl);
}

static void put_str(struct xp *x, const char *v, size_t n, unsigned fl)
{
	if (!n)
		return;
	buf_write(&x->s, v, n);
	buf_reserve(&x->f, n);
	memset(x->f.p + x->f.len, (int)fl, n);
	x->f.len += n;
}

/* A word with nothing to expand, split or match is itself. */
static bool literal(const char *w)
{
	return !w[strcspn(w, "$`'\"\\~*?[\n")];
}

static void expand_text(struct xp *x, const char *s, size_t n, enum mode m);

/* ---- parameters ---- */

static const char *ifs(struct sh *sh)
{
	const char *v = sh_getvar(sh, "IFS");
	return v ? v : " \t\n";
}

/* The parameters from $1 joined by sep (for "$*" and $@ in one field). */
static char *joined(struct sh *sh, const char *sep)
{
	struct buf b = {0};
	for (size_t i = 1; i < sh->params.n; i++) {
		if (i > 1)
			buf_puts(&b, sep);
		buf_puts(&b, sh->params.v[i]);
	}
	return b.p ? buf_take(&b) : xstrdup("");
}

/* v in decimal (snprintf is the slow part of a loop's arithmetic). */
static void int_text(char num[64], intmax_t v)
{
	char t[32];
	size_t k = 0;
	uintmax_t u = v < 0 ? -(uintmax_t)v : (uintmax_t)v;
	do
		t[k++] = (char)('0' + u % 10);
	while ((u /= 10));
	size_t o = 0;
	if (v < 0)
		num[o++] = '-';
	while (k)
		num[o++] = t[--k];
	num[o] = 0;
}

/* A special or positional parameter's or a variable's value (num holds
 * the text of a number), NULL when unset. */
static const char *param(struct sh *sh, const char *name, char num[64])
{
	if (name[0] >= '0' && name[0] <= '9') {
		size_t k = (size_t)strtoul(name, NULL, 10);
		return k < sh->params.n ? sh->params.v[k] : NULL;
	}
	if (name[1] == 0) {
		switch (name[0]) {
		case '?':
			int_text(num, sh->status);
			return num;
		case '#':
			int_text(num, (intmax_t)(sh->params.n ? sh->params.n - 1 : 0));
			return num;
		case '$':
			snprintf(num, 64, "%ld", (long)sh->pid);
			return num;
		case '!':
			if (!sh->last_bg)
				return NULL;
			snprintf(num, 64, "%ld", (long)sh->last_bg);
			return num;
		case '-':
			sh_dollar_minus(sh, num);
			return num;
		}
	}
	if (name[0] == 'L' && strcmp(name, "LINENO") == 0 && !sh_getvar(sh, name)) {
		snprintf(num, 64, "%ld", sh->lineno);
		return num;
	}
	return sh_getvar(sh, name);
}

/* $@ and $* without an operator: a field per parameter, or (in double
 * quotes, $*) one field joined with IFS's first character. */
static void put_params(struct xp *x, bool at, bool quoted)
{
	struct sh *sh = x->sh;
	if (x->flags & SH_EXP_NOSPLIT || (quoted && !at)) {
		/* one field: joined with IFS's first character (dash's, for $@
		 * too) */
		const char *i = ifs(sh);
		char sep[2] = {i[0], 0};
		char *j = joined(sh, sep);
		put_str(x, j, strlen(j), quoted ? F_Q : F_E);
		free(j);
		return;
	}
	if (sh->params.n <= 1 && quoted)
		x->at_empty = true;
	for (size_t k = 1; k < sh->params.n; k++) {
		if (k > 1)
			put(x, 0, F_BREAK);
		const char *v = sh->params.v[k];
		if (quoted && !v[0])
			put(x, 0, F_MARK);
		put_str(x, v, strlen(v), quoted ? F_Q : F_E);
	}
}

static void put_value(struct xp *x, const char *v, bool quoted)
{
	put_str(x, v, strlen(v), quoted ? F_Q : F_E);
}

/* The expansion of word (of ${x-word} and the like) as a string, in
 * mode m; pattern: quoted characters escaped for fnmatch. */
static char *sub_word(struct xp *x, const char *w, size_t n, enum mode m, bool pattern)
{
	struct xp y = {.sh = x->sh,
	               .flags = SH_EXP_NOSPLIT | (x->flags & (SH_EXP_NOSUBST | SH_EXP_ASSIGN))};
	expand_text(&y, w, n, m);
	if (y.err)
		x->err = true;
	struct buf r = {0};
	if (!pattern && !memchr(y.f.p ? y.f.p : "", F_MARK, y.f.len) &&
	    !memchr(y.f.p ? y.f.p : "", F_BREAK, y.f.len)) {
		buf_free(&y.f);
		if (!y.s.p)
			return xstrdup("");
		buf_putc(&y.s, 0);
		return y.s.p;
	}
	for (size_t i = 0; i < y.s.len; i++) {
		unsigned fl = (unsigned char)y.f.p[i];
		char c = y.s.p[i];
		if (fl & (F_MARK | F_BREAK)) {
			if (fl & F_BREAK)
				buf_putc(&r, ' ');
			continue;
		}
		if (pattern && (fl & F_Q || c == '\\') && strchr("*?[]\\", c))
			buf_putc(&r, '\\');
		buf_putc(&r, c);
	}
	buf_free(&y.s);
	buf_free(&y.f);
	return r.p ? buf_take(&r) : xstrdup("");
}

/* A bracket expression at p (after its [) against c: the end of the
 * expression, or NULL if it has no ] (then the [ is itself). */
static const char *bracket(const char *p, unsigned char c, bool *ok)
{
	bool neg = *p == '!', in = false; /* [^ is unspecified: dash's literal ^ */
	if (neg)
		p++;
	const char *start = p;
	while (*p && (*p != ']' || p == start)) {
		if (p[0] == '[' && p[1] == ':') {
			const char *e = strstr(p + 2, ":]");
			if (!e)
				return NULL;
			char cls[16];
			size_t n = (size_t)(e - p - 2);
			snprintf(cls, sizeof cls, "%.*s", (int)(n < 15 ? n : 15), p + 2);
			wctype_t t = wctype(cls);
			if (t && iswctype(c, t))
				in = true;
			p = e + 2;
			continue;
		}
		unsigned char lo = (unsigned char)*p;
		if (lo == '\\' && p[1])
			lo = (unsigned char)*++p;
		p++;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			unsigned char hi = (unsigned char)p[1];
			p += 2;
			if (hi == '\\' && *p)
				hi = (unsigned char)*p++;
			if (lo <= c && c <= hi)
				in = true;
		} else if (lo == c) {
			in = true;
		}
	}
	if (*p != ']')
		return NULL;
	*ok = in != neg;
	return p + 1;
}

/* Pattern matching (XCU 2.13) on bytes, as dash: * ? [...] and \ quoting.
 * fnmatch(3) costs the multibyte conversions of a UTF-8 locale on every
 * call, and ${x%p} calls it once per position. */
bool sh_match(const char *p, const char *s)
{
	for (;;) {
		char c = *p++;
		switch (c) {
		case 0:
			return *s == 0;
		case '?':
			if (!*s++)
				return false;
			break;
		case '*':
			while (*p == '*')
				p++;
			if (!*p)
				return true;
			for (;; s++) {
				if (sh_match(p, s))
					return true;
				if (!*s)
					return false;
			}
		case '[': {
			bool ok = false;
			const char *e = *s ? bracket(p, (unsigned char)*s, &ok) : NULL;
			if (e) {
				if (!ok)
					return false;
				p = e;
				s++;
				break;
			}
			if (!*s || *s != '[')
				return false;
			s++;
			break;
		}
		case '\\':
			if (*p)
				c = *p++;
			/* fall through */
		default:
			if (*s++ != c)
				return false;
		}
	}
}

/* The last occurrence of l (ln bytes) in v (n bytes), or NULL. */
static const char *last_of(const char *v, size_t n, const char *l, size_t ln)
{
	for (size_t i = n - ln + 1; ln <= n && i-- > 0;)
		if (memcmp(v + i, l, ln) == 0)
			return v + i;
	return NULL;
}

/* The common patterns, "lit", "*lit" and "lit*", without a match per
 * position: the kept part of v into *r (malloc'd); false if pat is of
 * another kind. */
static bool remove_simple(const char *v, const char *pat, char op, bool longest, char **r)
{
	bool lead = pat[0] == '*';
	struct buf l = {0};
	bool trail = false;
	for (const char *p = pat + lead; *p; p++) {
		if (*p == '*' && !p[1]) {
			trail = true;
			break;
		}
		if (*p == '*' || *p == '?' || *p == '[') {
			buf_free(&l);
			return false;
		}
		if (*p == '\\' && p[1])
			p++;
		buf_putc(&l, *p);
	}
	size_t n = strlen(v), ln = l.len;
	const char *lit = l.p ? l.p : "";
	if ((lead && trail) || ((lead || trail) && !ln)) {
		buf_free(&l);
		return false;
	}
	size_t from = 0, to = n; /* what is kept */
	if (op == '#') {
		if (!lead && ln <= n && memcmp(v, lit, ln) == 0)
			from = trail && longest ? n : ln;
		else if (lead) {
			const char *f = longest   ? last_of(v, n, lit, ln)
			                : ln <= n ? memmem(v, n, lit, ln)
			                          : NULL;
			if (f)
				from = (size_t)(f - v) + ln;
		}
	} else {
		if (!trail && ln <= n && memcmp(v + n - ln, lit, ln) == 0)
			to = lead && longest ? 0 : n - ln;
		else if (trail) {
			const char *f = longest ? (ln <= n ? memmem(v, n, lit, ln) : NULL)
			                        : last_of(v, n, lit, ln);
			if (f)
				to = (size_t)(f - v);
		}
	}
	buf_free(&l);
	*r = xstrndup(v + from, to > from ? to - from : 0);
	return true;
}

/* ${x%p} ${x%%p} ${x#p} ${x##p} */
static char *remove_pattern(const char *v, const char *pat, char op, bool longest)
{
	char *simple;
	if (remove_simple(v, pat, op, longest, &simple))
		return simple;
	size_t n = strlen(v);
	char *t = xstrdup(v);
	if (op == '%') {
		for (size_t k = 0; k <= n; k++) {
			size_t i = longest ? k : n - k;
			if (sh_match(pat, v + i)) {
				t[i] = 0;
				return t;
			}
		}
	} else {
		for (size_t k = 0; k <= n; k++) {
			size_t i = longest ? n - k : k;
			char c = t[i];
			t[i] = 0;
			bool m = sh_match(pat, t);
			t[i] = c;
			if (m) {
				memmove(t, t + i, n - i + 1);
				return t;
			}
		}
	}
	return t;
}

/* ${s}: not a parameter expansion. */
static void bad_subst(struct xp *x)
{
	if (!x->err)
		sh_error(x->sh, "Bad substitution");
	x->err = true;
}

static void copy_name(char name[256], const char *s, size_t n)
{
	if (n > 255)
		n = 255;
	memcpy(name, s, n);
	name[n] = 0;
}

/* The length of a parameter's name at s (n bytes): a name, digits
 * (positional), or one special character. */
static size_t name_len(const char *s, size_t n, bool braced)
{
	if (n == 0)
		return 0;
	if (s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) {
		size_t k = 1;
		while (k < n && sh_is_name(s, k + 1))
			k++;
		return k;
	}
	if (s[0] >= '0' && s[0] <= '9') {
		size_t k = 1;
		while (braced && k < n && s[k] >= '0' && s[k] <= '9')
			k++;
		return k;
	}
	return strchr("@*#?-$!", s[0]) ? 1 : 0;
}

static void unset_error(struct xp *x, const char *name)
{
	sh_error(x->sh, "%s: parameter not set", name);
	x->err = true;
}

/* ${...}, its text between the braces in s (n bytes). */
static void braced(struct xp *x, const char *s, size_t n, bool quoted)
{
	struct sh *sh = x->sh;
	char num[64];
	bool length = false;
	if (n > 1 && s[0] == '#' && name_len(s + 1, n - 1, true) == n - 1) {
		length = true;
		s++;
		n--;
	}
	size_t nl = name_len(s, n, true);
	if (nl == 0) {
		bad_subst(x);
		return;
	}
	char name[256];
	copy_name(name, s, nl);
	const char *op = s + nl;
	size_t oplen = n - nl;
	bool multi = name[0] == '@' || name[0] == '*';
	char *mv = multi ? joined(sh, " ") : NULL;
	const char *v = multi ? (sh->params.n > 1 ? mv : NULL) : param(sh, name, num);
	if (length) {
		if (oplen) {
			free(mv);
			bad_subst(x);
			return;
		}
		if (!v && sh->opts[SH_O_NOUNSET] && !multi) {
			unset_error(x, name);
			return;
		}
		int_text(num, (intmax_t)(v ? strlen(v) : 0));
		if (multi)
			int_text(num, (intmax_t)(sh->params.n ? sh->params.n - 1 : 0));
		put_value(x, num, quoted);
		free(mv);
		return;
	}
	if (oplen == 0) {
		free(mv);
		if (multi) {
			put_params(x, name[0] == '@', quoted);
		} else if (v) {
			put_value(x, v, quoted);
		} else if (sh->opts[SH_O_NOUNSET]) {
			unset_error(x, name);
		}
		return;
	}
	bool colon = op[0] == ':';
	const char *w = op + 1 + colon;
	size_t wl = oplen - 1 - colon;
	char o = op[colon];
	if (colon && !strchr("-=?+", o)) {
		free(mv);
		bad_subst(x);
		return;
	}
	bool set = v && (!colon || v[0]);
	enum mode wm = quoted ? M_DQUOTE : M_UNQUOTED;
	switch (o) {
	case '-':
	case '+':
		if ((o == '-') == set) {
			if (multi && o == '-')
				put_params(x, name[0] == '@', quoted);
			else if (set)
				put_value(x, v, quoted);
		} else {
			unsigned lit = x->lit;
			bool ib = x->in_brace;
			x->lit = quoted ? F_Q : F_E;
			x->in_brace = quoted;
			expand_text(x, w, wl, wm);
			x->lit = lit;
			x->in_brace = ib;
		}
		break;
	case '=':
		if (set) {
			put_value(x, v, quoted);
			break;
		}
		if (!sh_is_name(name, strlen(name))) {
			sh_error(sh, "%s: bad variable name", name);
			x->err = true;
			break;
		}
		char *val = sub_word(x, w, wl, wm, false);
		if (sh_setvar(sh, name, val) < 0)
			x->err = true;
		else
			put_value(x, val, quoted);
		free(val);
		break;
	case '?':
		if (set) {
			put_value(x, v, quoted);
			break;
		}
		char *msg = wl ? sub_word(x, w, wl, wm, false) : NULL;
		sh_error(sh, "%s: %s", name,
		         msg     ? msg
		         : colon ? "parameter not set or null"
		                 : "parameter not set");
		free(msg);
		x->err = true;
		break;
	case '%':
	case '#': {
		bool longest = wl > 0 && w[0] == o;
		if (longest) {
			w++;
			wl--;
		}
		if (!v && sh->opts[SH_O_NOUNSET] && !multi) {
			unset_error(x, name);
			break;
		}
		char *pat = sub_word(x, w, wl, M_UNQUOTED, true);
		char *r = remove_pattern(v ? v : "", pat, o, longest);
		put_value(x, r, quoted);
		free(r);
		free(pat);
		break;
	}
	default:
		bad_subst(x);
	}
	free(mv);
}

/* A substitution without its end (only in text the parser did not
 * check: the fuzzer's). */
static void unterminated_subst(struct xp *x, size_t *i, size_t n)
{
	if (!x->err)
		sh_error(x->sh, "Syntax error: Missing end of substitution");
	x->err = true;
	*i = n;
}

static const char *arith_get(void *ctx, const char *name)
{
	return sh_getvar(ctx, name);
}

static int arith_set(void *ctx, const char *name, const char *value)
{
	return sh_setvar(ctx, name, value);
}

/* $ at s[*i]: a parameter, $(...), $((...)), or a lone $. */
static void dollar(struct xp *x, const char *s, size_t n, size_t *i, bool quoted)
{
	size_t k = *i + 1;
	char num[64];
	if (k < n && s[k] == '{') {
		size_t end = sh_subst_end(s, *i);
		if (end > n)
			end = n;
		if (end < k + 2 || s[end - 1] != '}') {
			unterminated_subst(x, i, n);
			return;
		}
		const char *in = s + k + 1;
		size_t il = end - k - 2;
		char *clean = NULL;
		if (memmem(in, il, "\\\n", 2)) { /* line continuations go first */
			clean = xmalloc(il + 1);
			size_t c = 0;
			for (size_t j = 0; j < il; j++) {
				if (in[j] == '\\' && j + 1 < il && in[j + 1] == '\n')
					j++;
				else
					clean[c++] = in[j];
			}
			clean[c] = 0;
			in = clean;
			il = c;
		}
		braced(x, in, il, quoted);
		free(clean);
		*i = end;
		return;
	}
	if (k < n && s[k] == '(') {
		size_t end = sh_subst_end(s, *i);
		if (end > n)
			end = n;
		bool arith = k + 1 < n && s[k + 1] == '(';
		if (end < k + (arith ? 4 : 2) || s[end - 1] != ')' ||
		    (arith && s[end - 2] != ')')) {
			unterminated_subst(x, i, n);
			return;
		}
		if (arith) {
			char *e = sub_word(x, s + k + 2, end - k - 4, M_HEREDOC, false);
			intmax_t r = 0;
			struct sh_arith_vars av = {arith_get, arith_set, x->sh};
			if (!x->err && sh_arith(e, &av, &r) < 0)
				x->err = true;
			int_text(num, r);
			put_value(x, num, quoted);
			free(e);
		} else if (!(x->flags & SH_EXP_NOSUBST)) {
			int st;
			x->sh->subst_line = x->sh->lineno; /* as dash: parsed where it stands */
			char *out = sh_command_subst(x->sh, s + k + 1, end - k - 2, &st);
			x->sh->subst_line = 0;
			put_value(x, out, quoted);
			free(out);
		}
		*i = end;
		return;
	}
	size_t nl = name_len(s + k, n - k, false);
	if (nl == 0) {
		put(x, '$', quoted ? F_Q : 0);
		*i = k;
		return;
	}
	char name[256];
	copy_name(name, s + k, nl);
	*i = k + nl;
	if (name[0] == '@' || name[0] == '*') {
		put_params(x, name[0] == '@', quoted);
		return;
	}
	const char *v = param(x->sh, name, num);
	if (v)
		put_value(x, v, quoted);
	else if (x->sh->opts[SH_O_NOUNSET])
		unset_error(x, name);
}

/* `...`: backslashes before $ ` \ (and " in double quotes) removed, then
 * run as a command substitution. */
static void backquote(struct xp *x, const char *s, size_t n, size_t *i, bool quoted)
{
	size_t end = sh_subst_end(s, *i);
	if (end > n)
		end = n;
	if (end < *i + 2 || s[end - 1] != '`') {
		unterminated_subst(x, i, n);
		return;
	}
	struct buf t = {0};
	for (size_t k = *i + 1; k + 1 < end; k++) {
		if (s[k] == '\\' && k + 2 < end &&
		    (strchr("$`\\", s[k + 1]) || (quoted && s[k + 1] == '"')))
			k++;
		buf_putc(&t, s[k]);
	}
	int st;
	if (!(x->flags & SH_EXP_NOSUBST)) {
		char *out = sh_command_subst(x->sh, t.p ? t.p : "", t.len, &st);
		put_value(x, out, quoted);
		free(out);
	}
	buf_free(&t);
	*i = end;
}

/* ~ or ~user at s[*i] (the start of the word, or after : or = in an
 * assignment), up to the first / (or :). */
static bool tilde(struct xp *x, const char *s, size_t n, size_t *i)
{
	size_t k = *i + 1;
	while (k < n && s[k] != '/' && !(x->flags & SH_EXP_ASSIGN && s[k] == ':')) {
		if (strchr("'\"\\$`", s[k]))
			return false;
		k++;
	}
	const char *home = NULL;
	if (k == *i + 1) {
		home = sh_getvar(x->sh, "HOME");
	} else {
		char *user = xstrndup(s + *i + 1, k - *i - 1);
		struct passwd *pw = getpwnam(user);
		free(user);
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return false;
	put_str(x, home, strlen(home), F_Q);
	*i = k;
	return true;
}

/* $'...' from s[i] (after the quote): the C escapes of POSIX 2024 XCU
 * 2.2.4; returns the index after the closing quote. */
static size_t dollar_squote(struct xp *x, const char *s, size_t n, size_t i)
{
	put(x, 0, F_MARK);
	while (i < n && s[i] != '\'') {
		char c = s[i++];
		if (c != '\\' || i >= n) {
			put(x, c, F_Q);
			continue;
		}
		c = s[i++];
		const char *from = "abefnrtv\\'\"?", *to = "\a\b\033\f\n\r\t\v\\'\"?";
		const char *k = strchr(from, c);
		if (k && c) {
			put(x, to[k - from], F_Q);
		} else if (c >= '0' && c <= '7') {
			int v = c - '0';
			for (int d = 0; d < 2 && i < n && s[i] >= '0' && s[i] <= '7'; d++)
				v = v * 8 + (s[i++] - '0');
			if (v)
				put(x, (char)v, F_Q);
		} else if (c == 'x') {
			int v = 0, d = 0;
			for (; d < 2 && i < n && strchr("0123456789abcdefABCDEF", s[i]) && s[i];
			     d++) {
				char h = s[i++];
				v = v * 16 + (h <= '9' ? h - '0' : (h | 32) - 'a' + 10);
			}
			if (v)
				put(x, (char)v, F_Q);
		} else if (c == 'c' && i < n) {
			put(x, (char)(s[i++] & 31), F_Q);
		} else {
			put(x, '\\', F_Q);
			put(x, c, F_Q);
		}
	}
	return i + 1;
}

/* The end of a double-quoted string that starts after s[i]'s ". */
static size_t dquote_end(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] != '"') {
		if (s[i] == '\\')
			i += 2;
		else if (s[i] == '$' && i + 1 < n && (s[i + 1] == '(' || s[i + 1] == '{'))
			i = sh_subst_end(s, i);
		else if (s[i] == '`')
			i = sh_subst_end(s, i);
		else
			i++;
	}
	return i < n ? i : n;
}

/* The characters that end a run of literal text. */
static const bool special[256] = {
    ['\\'] = 1, ['\''] = 1, ['"'] = 1, ['$'] = 1, ['`'] = 1, ['~'] = 1};

static void expand_text(struct xp *x, const char *s, size_t n, enum mode m)
{
	bool q = m != M_UNQUOTED;
	for (size_t i = 0; i < n && !x->err;) {
		char c = s[i];
		if (c == '\\') {
			if (i + 1 >= n) {
				put(x, '\\', F_Q);
				i++;
			} else if (s[i + 1] == '\n') {
				i += 2;
			} else if (!q || strchr(m == M_HEREDOC ? "$`\\"
			                        : x->in_brace  ? "$`\"\\}"
			                                       : "$`\"\\",
			                        s[i + 1])) {
				put(x, s[i + 1], F_Q);
				i += 2;
			} else {
				put(x, '\\', F_Q);
				i++;
			}
		} else if (c == '\'' && !q) {
			size_t e = i + 1;
			while (e < n && s[e] != '\'')
				e++;
			put(x, 0, F_MARK);
			put_str(x, s + i + 1, e - i - 1, F_Q);
			i = e + 1;
		} else if (c == '"' && m != M_HEREDOC) {
			if (q) { /* cannot be: the caller ends the quotes */
				i++;
				continue;
			}
			size_t e = dquote_end(s, n, i + 1);
			bool was = x->at_empty;
			x->at_empty = false;
			size_t before = x->s.len;
			expand_text(x, s + i + 1, e - i - 1, M_DQUOTE);
			if (x->s.len == before && !x->at_empty)
				put(x, 0, F_MARK);
			x->at_empty = was;
			i = e + 1;
		} else if (c == '$' && !q && i + 1 < n && s[i + 1] == '\'') {
			i = dollar_squote(x, s, n, i + 2);
		} else if (c == '$') {
			dollar(x, s, n, &i, q);
		} else if (c == '`') {
			backquote(x, s, n, &i, q);
		} else if (c == '~' && !q &&
		           (i == 0 ||
		            ((x->flags & SH_EXP_ASSIGN) && (s[i - 1] == ':' || s[i - 1] == '='))) &&
		           tilde(x, s, n, &i)) {
			continue;
		} else {
			size_t e = i + 1;
			while (e < n && !special[(unsigned char)s[e]])
				e++;
			put_str(x, s + i, e - i, q ? F_Q : x->lit);
			i = e;
		}
	}
}

/* ---- fields ---- */

struct field {
	struct buf s, f;
	bool exists;
};

static void glob_field(struct xp *x, struct field *fd, struct sh_strv *out)
{
	/* a pattern: an unquoted * or ?, or a [ with a ] after it (a lone [,
	 * as the test command, is no pattern, and costs no directory read) */
	bool meta = false, bracket = false;
	for (size_t i = 0; i < fd->s.len && !meta; i++) {
		char c = fd->s.p[i];
		if (fd->f.p[i] & F_Q)
			continue;
		if (c == '*' || c == '?' || (c == ']' && bracket))
			meta = true;
		else if (c == '[')
			bracket = true;
	}
	char *plain = xstrndup(fd->s.p ? fd->s.p : "", fd->s.len);
	if (!meta || (x->flags & SH_EXP_NOGLOB) || x->sh->opts[SH_O_NOGLOB]) {
		sh_strv_push(out, plain);
		return;
	}
	struct buf pat = {0};
	for (size_t i = 0; i < fd->s.len; i++) {
		char c = fd->s.p[i];
		if ((fd->f.p[i] & F_Q || c == '\\') && strchr("*?[]\\", c))
			buf_putc(&pat, '\\');
		buf_putc(&pat, c);
	}
	glob_t g;
	if (glob(buf_str(&pat), 0, NULL, &g) == 0) {
		for (size_t k = 0; k < g.gl_pathc; k++)
			sh_strv_push(out, xstrdup(g.gl_pathv[k]));
		globfree(&g);
		free(plain);
	} else {
		sh_strv_push(out, plain);
	}
	buf_free(&pat);
}

static void emit(struct xp *x, struct field *fd, struct sh_strv *out)
{
	if (fd->s.len || fd->exists)
		glob_field(x, fd, out);
	buf_free(&fd->s);
	buf_free(&fd->f);
	fd->exists = false;
}

/* Field splitting (XCU 2.6.5): on the IFS characters that unquoted
 * expansions produced; white space around a delimiter is part of it,
 * and white space alone ends a field only after something. */
static void split(struct xp *x, struct sh_strv *out)
{
	const char *is = (x->flags & SH_EXP_NOSPLIT) ? "" : ifs(x->sh);
	struct field fd = {0};
	size_t n = x->s.len;
	const char *s = x->s.p;
	const unsigned char *f = (const unsigned char *)x->f.p;
#define IS_IFS(k) ((f[k] & F_E) && s[k] && strchr(is, s[k]))
#define IS_WS(k) (IS_IFS(k) && strchr(" \t\n", s[k]))
	for (size_t i = 0; i < n; i++) {
		if (f[i] & F_BREAK) {
			emit(x, &fd, out);
			continue;
		}
		if (f[i] & F_MARK) {
			fd.exists = true;
			continue;
		}
		if (!IS_IFS(i)) {
			buf_putc(&fd.s, s[i]);
			buf_putc(&fd.f, (char)f[i]);
			continue;
		}
		bool hard = !IS_WS(i);
		while (i + 1 < n && IS_WS(i + 1))
			i++;
		if (!hard && i + 1 < n && IS_IFS(i + 1)) {
			hard = true;
			i++;
			while (i + 1 < n && IS_WS(i + 1))
				i++;
		}
		if (hard || fd.s.len || fd.exists) {
			fd.exists = true;
			emit(x, &fd, out);
		}
	}
#undef IS_IFS
#undef IS_WS
	emit(x, &fd, out);
}

int sh_expand(struct sh *sh, const char *word, unsigned flags, struct sh_strv *out)
{
	if (literal(word) && word[0]) {
		sh_strv_push(out, xstrdup(word));
		return 0;
	}
	struct xp x = {.sh = sh, .flags = flags};
	expand_text(&x, word, strlen(word), M_UNQUOTED);
	if (!x.err)
		split(&x, out);
	buf_free(&x.s);
	buf_free(&x.f);
	return x.err ? -1 : 0;
}

char *sh_expand_one(struct sh *sh, const char *word, unsigned flags)
{
	if (literal(word))
		return xstrdup(word);
	struct xp x = {.sh = sh, .flags = flags | SH_EXP_NOSPLIT};
	char *r = sub_word(&x, word, strlen(word), M_UNQUOTED, flags & SH_EXP_PATTERN);
	if (x.err) {
		free(r);
		return NULL;
	}
	return r;
}

char *sh_expand_heredoc(struct sh *sh, const char *body)
{
	struct xp x = {.sh = sh, .flags = SH_EXP_NOSPLIT};
	char *r = sub_word(&x, body, strlen(body), M_HEREDOC, false);
	if (x.err) {
		free(r);
		return NULL;
	}
	return r;
}

char *sh_expand_prompt(struct sh *sh, const char *ps)
{
	struct xp x = {.sh = sh, .flags = SH_EXP_NOSPLIT};
	char *r = sub_word(&x, ps, strlen(ps), M_HEREDOC, false);
	return r;
}
