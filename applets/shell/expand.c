/* Variables and word expansion (see sh.h): POSIX XCU 2.6 in the order it
 * gives, for the subset this shell has: tilde expansion, parameter
 * expansion, field splitting of unquoted expansions, pathname expansion,
 * quote removal. */
#include "sh.h"
#include "osbox/buf.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <glob.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

/* ---- variables: exported ones live in environ, the others here ---- */

static struct sh_var *local_var(struct sh *sh, const char *name)
{
	for (size_t i = 0; i < sh->nvars; i++)
		if (strcmp(sh->vars[i].name, name) == 0)
			return &sh->vars[i];
	return NULL;
}

static void drop_local(struct sh *sh, struct sh_var *v)
{
	free(v->name);
	free(v->value);
	*v = sh->vars[--sh->nvars];
}

const char *sh_getvar(struct sh *sh, const char *name)
{
	struct sh_var *v = local_var(sh, name);
	return v ? v->value : getenv(name);
}

void sh_setvar(struct sh *sh, const char *name, const char *value)
{
	if (getenv(name)) {
		setenv(name, value, 1);
		return;
	}
	struct sh_var *v = local_var(sh, name);
	if (v) {
		free(v->value);
		v->value = xstrdup(value);
		return;
	}
	sh->vars = xreallocarray(sh->vars, sh->nvars + 1, sizeof *sh->vars);
	sh->vars[sh->nvars++] = (struct sh_var){xstrdup(name), xstrdup(value)};
}

void sh_export(struct sh *sh, const char *name, const char *value)
{
	struct sh_var *v = local_var(sh, name);
	if (!value)
		value = v ? v->value : getenv(name);
	if (value)
		setenv(name, value, 1);
	if (v)
		drop_local(sh, v);
}

void sh_unsetvar(struct sh *sh, const char *name)
{
	struct sh_var *v = local_var(sh, name);
	if (v)
		drop_local(sh, v);
	unsetenv(name);
}

/* ---- expansion ---- */

enum { M_QUOTED, M_PLAIN, M_EXPANDED }; /* where each byte came from */

struct field {
	struct buf s; /* its bytes */
	struct buf m; /* where each of them came from (M_...) */
	bool quoted;  /* had quotes: exists even when empty */
};

struct xp {
	struct sh *sh;
	unsigned flags;
	struct field cur;
	struct sh_strv *out;
	bool failed;
};

static void fput(struct field *f, char c, unsigned char m)
{
	buf_putc(&f->s, c);
	buf_putc(&f->m, (char)m);
}

static bool has_glob(const struct field *f)
{
	for (size_t i = 0; i < f->s.len; i++)
		if (f->m.p[i] != M_QUOTED && strchr("*?[", f->s.p[i]))
			return true;
	return false;
}

/* Pathname expansion of f into x's fields (XCU 2.6.6), its quoted bytes
 * escaped in the pattern; false if nothing matches. */
static bool glob_field(struct xp *x, const struct field *f)
{
	struct buf pat = {0};
	for (size_t i = 0; i < f->s.len; i++) {
		if (f->m.p[i] == M_QUOTED && strchr("*?[]\\", f->s.p[i]))
			buf_putc(&pat, '\\');
		buf_putc(&pat, f->s.p[i]);
	}
	glob_t g;
	bool found = glob(buf_str(&pat), 0, NULL, &g) == 0;
	for (size_t i = 0; found && i < g.gl_pathc; i++)
		sh_strv_push(x->out, xstrdup(g.gl_pathv[i]));
	globfree(&g);
	buf_free(&pat);
	return found;
}

/* Ends the current field: pathname expansion if it has an unquoted
 * pattern character and matches something, else the field itself. */
static void end_field(struct xp *x)
{
	struct field *f = &x->cur;
	if (f->s.len == 0 && !f->quoted)
		return;
	if ((x->flags & (SH_EXP_NOGLOB | SH_EXP_NOSPLIT)) || !has_glob(f) || !glob_field(x, f))
		sh_strv_push(x->out, xstrndup(buf_str(&f->s), f->s.len));
	buf_truncate(&f->s, 0);
	buf_truncate(&f->m, 0);
	f->quoted = false;
}

/* Appends an expansion's value: quoted, or subject to field splitting. */
static void put_value(struct xp *x, const char *v, bool quoted)
{
	if (!v)
		return;
	if (quoted || (x->flags & SH_EXP_NOSPLIT)) {
		for (; *v; v++)
			fput(&x->cur, *v, quoted ? M_QUOTED : M_EXPANDED);
		return;
	}
	const char *ifs = sh_getvar(x->sh, "IFS");
	if (!ifs)
		ifs = " \t\n";
	for (; *v; v++) {
		if (strchr(ifs, *v))
			end_field(x);
		else
			fput(&x->cur, *v, M_EXPANDED);
	}
}

/* $@ and $*: "$@" is one field per parameter, "$*" one field of them
 * all joined by spaces; unquoted, both are split. */
static void put_params(struct xp *x, bool quoted, bool at)
{
	for (size_t i = 1; i < x->sh->params.n; i++) {
		if (i > 1) {
			if (quoted && at && !(x->flags & SH_EXP_NOSPLIT)) {
				end_field(x);
				x->cur.quoted = true;
			} else {
				put_value(x, " ", quoted);
			}
		}
		put_value(x, x->sh->params.v[i], quoted);
	}
}

/* The value of parameter name (n bytes): a variable, a positional
 * parameter or one of ? $ ! #; false if name is none of these. */
static bool param_value(struct sh *sh, const char *name, size_t n, const char **val, char num[32])
{
	*val = NULL;
	if (sh_is_name(name, n)) {
		char *v = xstrndup(name, n);
		*val = sh_getvar(sh, v);
		free(v);
	} else if (n > 0 && strspn(name, "0123456789") >= n) {
		size_t k = 0;
		for (size_t d = 0; d < n && k < ((size_t)1 << 40); d++)
			k = 10 * k + (size_t)(name[d] - '0');
		*val = k < sh->params.n ? sh->params.v[k] : NULL;
	} else if (n != 1) {
		return false;
	} else if (name[0] == '?') {
		snprintf(num, 32, "%d", sh->status);
		*val = num;
	} else if (name[0] == '$') {
		snprintf(num, 32, "%ld", (long)sh->pid);
		*val = num;
	} else if (name[0] == '!') {
		if (sh->last_bg) {
			snprintf(num, 32, "%ld", (long)sh->last_bg);
			*val = num;
		}
	} else if (name[0] == '#') {
		snprintf(num, 32, "%zu", sh->params.n ? sh->params.n - 1 : 0);
		*val = num;
	} else {
		return false;
	}
	return true;
}

/* ${NAME}, ${NAME-word}, ${NAME:-word}, ${NAME=word}, ${NAME+word}
 * (with : the empty value counts as unset), at w[*i] == '$'; advances *i
 * past the '}'. */
static void braced(struct xp *x, const char *w, size_t *i, bool quoted)
{
	struct sh *sh = x->sh;
	const char *p = w + *i + 1;
	const char *val;
	char num[32];
	const char *end = strchr(p, '}'); /* the parser made sure there is one */
	char *inner = xstrndup(p + 1, end ? (size_t)(end - p - 1) : strlen(p + 1));
	*i = end ? (size_t)(end - w) + 1 : strlen(w);
	size_t n = 0;
	if (sh_is_name(inner, 1))
		while (sh_is_name(inner, n + 1))
			n++;
	else if (inner[0] && strchr("?$!#@*", inner[0]))
		n = 1;
	else
		n = strspn(inner, "0123456789");
	const char *op = inner + n;
	bool colon = *op == ':';
	char o = op[colon];
	if (n == 0 || (*op && !strchr("-=+", o)) || (colon && !o) ||
	    ((inner[0] == '@' || inner[0] == '*') && *op) || (o == '=' && !sh_is_name(inner, n))) {
		warnx("${%s}: bad substitution", inner);
		x->failed = true;
		free(inner);
		return;
	}
	if (inner[0] == '@' || inner[0] == '*') {
		put_params(x, quoted, inner[0] == '@');
		free(inner);
		return;
	}
	param_value(sh, inner, n, &val, num);
	bool set = val && !(colon && !*val);
	if ((o == '-' || o == '=') && !set) {
		char *def = sh_expand_one(sh, op + colon + 1);
		if (o == '=') {
			char *name = xstrndup(inner, n);
			sh_setvar(sh, name, def);
			free(name);
		}
		put_value(x, def, quoted);
		free(def);
	} else if (o == '+') {
		if (set) {
			char *alt = sh_expand_one(sh, op + colon + 1);
			put_value(x, alt, quoted);
			free(alt);
		}
	} else {
		put_value(x, val, quoted);
	}
	free(inner);
}

/* Expands the parameter at w[*i] == '$'; advances *i past it. */
static void parameter(struct xp *x, const char *w, size_t *i, bool quoted)
{
	const char *p = w + *i + 1;
	const char *val;
	char num[32];
	if (*p == '{') {
		braced(x, w, i, quoted);
		return;
	}
	size_t n = 0;
	if (sh_is_name(p, 1))
		while (sh_is_name(p, n + 1))
			n++;
	else if (*p && strchr("?$!#0123456789@*", *p))
		n = 1;
	if (n == 0) { /* a lone $ is itself */
		fput(&x->cur, '$', quoted ? M_QUOTED : M_PLAIN);
		*i += 1;
		return;
	}
	*i += 1 + n;
	if (*p == '@' || *p == '*')
		put_params(x, quoted, *p == '@');
	else if (param_value(x->sh, p, n, &val, num))
		put_value(x, val, quoted);
}

/* ~ and ~user at the start of a word, up to the first '/'. */
static bool tilde(struct xp *x, const char *w, size_t *i)
{
	size_t n = strcspn(w + 1, "/");
	for (size_t k = 1; k <= n; k++)
		if (strchr("\\'\"$", w[k]))
			return false;
	const char *home = NULL;
	if (n == 0) {
		home = sh_getvar(x->sh, "HOME");
		if (!home) {
			struct passwd *pw = getpwuid(getuid());
			home = pw ? pw->pw_dir : NULL;
		}
	} else {
		char *user = xstrndup(w + 1, n);
		struct passwd *pw = getpwnam(user);
		free(user);
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return false;
	for (; *home; home++)
		fput(&x->cur, *home, M_QUOTED);
	x->cur.quoted = true;
	*i = 1 + n;
	return true;
}

int sh_expand(struct sh *sh, const char *w, unsigned flags, struct sh_strv *out)
{
	struct xp x = {.sh = sh, .flags = flags, .out = out};
	size_t i = 0;
	if (w[0] == '~')
		tilde(&x, w, &i);
	while (w[i]) {
		char c = w[i];
		if (c == '\\') {
			if (w[i + 1]) {
				fput(&x.cur, w[i + 1], M_QUOTED);
				i += 2;
			} else {
				fput(&x.cur, '\\', M_QUOTED);
				i++;
			}
		} else if (c == '\'') {
			x.cur.quoted = true;
			for (i++; w[i] && w[i] != '\''; i++)
				fput(&x.cur, w[i], M_QUOTED);
			if (w[i])
				i++;
		} else if (c == '"') {
			x.cur.quoted = true;
			for (i++; w[i] && w[i] != '"';) {
				if (w[i] == '\\' && w[i + 1] && strchr("$`\"\\", w[i + 1])) {
					fput(&x.cur, w[i + 1], M_QUOTED);
					i += 2;
				} else if (w[i] == '$') {
					parameter(&x, w, &i, true);
				} else {
					fput(&x.cur, w[i++], M_QUOTED);
				}
			}
			if (w[i])
				i++;
		} else if (c == '$') {
			parameter(&x, w, &i, false);
		} else {
			fput(&x.cur, c, M_PLAIN);
			i++;
		}
	}
	end_field(&x);
	buf_free(&x.cur.s);
	buf_free(&x.cur.m);
	return x.failed ? -1 : 0;
}

char *sh_expand_one(struct sh *sh, const char *word)
{
	struct sh_strv sv = {0};
	sh_expand(sh, word, SH_EXP_NOSPLIT, &sv);
	char *s = xstrdup(sv.n ? sv.v[0] : "");
	sh_strv_free(&sv);
	return s;
}
