/* Tab completion (see sh.h): command names (applets, builtins, PATH) as
 * the first word of a command, an applet's long options (from its one
 * option table) after it, file names elsewhere. */
#include "sh.h"
#include "osbox/opts.h"
#include "osbox/registry.h"
#include "osbox/xalloc.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void add(struct sh_completion *c, const char *s)
{
	for (size_t i = 0; i < c->cands.n; i++)
		if (strcmp(c->cands.v[i], s) == 0)
			return;
	sh_strv_push(&c->cands, xstrdup(s));
}

/* ---- finding the word being completed ---- */

/* A word of the command ended: a redirection's target, an assignment
 * before the command's name, the name, or an argument. */
static void word_ended(struct sh_cword *cw, const char *line, size_t start, size_t end)
{
	char *w = sh_dequote(line + start, end - start);
	if (cw->redir) {
		cw->redir = false;
	} else if (!cw->in_command && sh_is_assignment(w, NULL)) {
		; /* NAME=VALUE before the name */
	} else {
		if (!cw->in_command) {
			cw->in_command = true;
			cw->name_start = start;
			cw->name_end = end;
		} else if (cw->nwords == 1) {
			cw->arg1_start = start;
			cw->arg1_end = end;
		}
		cw->nwords++;
	}
	free(w);
}

/* The operator character line[i]: after < or > comes a file name; ; & |
 * ( ) start a new command, but the & of >& and <& does not. */
static void operator_char(struct sh_cword *cw, const char *line, size_t i)
{
	char ch = line[i];
	if (ch == '<' || ch == '>') {
		cw->redir = true;
	} else if (!(ch == '&' && i > 0 && (line[i - 1] == '>' || line[i - 1] == '<'))) {
		cw->in_command = false;
		cw->nwords = 0;
		cw->redir = false;
	}
}

void sh_complete_scan(const char *line, size_t cursor, struct sh_cword *cw)
{
	memset(cw, 0, sizeof *cw);
	size_t start = 0;
	bool in_word = false, sq = false, dq = false;
	for (size_t i = 0; i < cursor; i++) {
		char ch = line[i];
		if (sq) {
			if (ch == '\'')
				sq = false;
			continue;
		}
		if (dq) {
			if (ch == '\\' && i + 1 < cursor)
				i++;
			else if (ch == '"')
				dq = false;
			continue;
		}
		if (ch == '\\' && i + 1 < cursor) {
			if (!in_word) {
				in_word = true;
				start = i;
			}
			i++;
			continue;
		}
		bool sep = ch == ' ' || ch == '\t' || ch == '\n';
		bool op = strchr(";&|<>()", ch) != NULL;
		if (sep || op) {
			if (in_word)
				word_ended(cw, line, start, i);
			in_word = false;
			if (op)
				operator_char(cw, line, i);
			continue;
		}
		if (!in_word) {
			in_word = true;
			start = i;
		}
		if (ch == '\'')
			sq = true;
		else if (ch == '"')
			dq = true;
	}
	cw->start = in_word ? start : cursor;
}

/* ---- candidates ---- */

static void applet_names(struct sh_completion *c, const char *w)
{
	for (size_t i = 0; i < applet_count; i++)
		if (starts(applets[i].name, w))
			add(c, applets[i].name);
}

void sh_complete_commands(struct sh_completion *c, const char *w)
{
	applet_names(c, w);
	const char *b;
	for (size_t i = 0; (b = sh_builtin_name(i)); i++)
		if (starts(b, w))
			add(c, b);
	const char *path = getenv("PATH");
	if (!path)
		return;
	char *dirs = xstrdup(path), *save = NULL;
	for (char *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		DIR *dir = opendir(d);
		if (!dir)
			continue;
		struct dirent *e;
		while ((e = readdir(dir))) {
			if (e->d_name[0] == '.' || !starts(e->d_name, w))
				continue;
			struct stat st;
			if (fstatat(dirfd(dir), e->d_name, &st, 0) == 0 && S_ISREG(st.st_mode) &&
			    faccessat(dirfd(dir), e->d_name, X_OK, AT_EACCESS) == 0)
				add(c, e->d_name);
		}
		closedir(dir);
	}
	free(dirs);
}

void sh_complete_options(struct sh_completion *c, const struct applet *a, const char *w)
{
	char buf[128];
	for (const struct opt *p = a->spec->opts; p && p->id; p++) {
		if (!p->name)
			continue;
		snprintf(buf, sizeof buf, "--%s%s", p->name,
		         p->has_arg == required_argument ? "=" : "");
		if (starts(buf, w))
			add(c, buf);
	}
	if (starts("--help", w))
		add(c, "--help");
	if (starts("--version", w))
		add(c, "--version");
	c->no_space = c->cands.n == 1 && c->cands.v[0][strlen(c->cands.v[0]) - 1] == '=';
}

void sh_complete_files(struct sh_completion *c, const char *w, enum sh_files which)
{
	const char *slash = strrchr(w, '/');
	char *dir = slash ? xstrndup(w, (size_t)(slash - w) + 1) : xstrdup("");
	const char *base = slash ? slash + 1 : w;
	char *open_dir;
	if (c->tilde && dir[0] == '~') {
		const char *home = getenv("HOME");
		open_dir = xasprintf("%s%s", home ? home : "", dir + 1);
	} else {
		open_dir = xstrdup(dir[0] ? dir : ".");
	}
	DIR *d = opendir(open_dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			if (!starts(e->d_name, base) || (e->d_name[0] == '.' && base[0] != '.'))
				continue;
			struct stat st;
			bool isdir =
			    fstatat(dirfd(d), e->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode);
			if (!isdir && (which == SH_FILES_DIRS ||
			               (which == SH_FILES_EXEC &&
			                faccessat(dirfd(d), e->d_name, X_OK, AT_EACCESS) != 0)))
				continue;
			sh_strv_push(&c->cands,
			             xasprintf("%s%s%s", dir, e->d_name, isdir ? "/" : ""));
		}
		closedir(d);
	}
	free(open_dir);
	free(dir);
}

/* The command's name, dequoted, and its last component in *base. */
static char *command_name(const char *line, const struct sh_cword *cw, const char **base)
{
	char *name = sh_dequote(line + cw->name_start, cw->name_end - cw->name_start);
	const char *slash = strrchr(name, '/');
	*base = slash ? slash + 1 : name;
	return name;
}

const struct applet *sh_complete_applet(const char *line, const struct sh_cword *cw)
{
	const char *base;
	char *name = command_name(line, cw, &base);
	const struct applet *a = applet_find(base);
	if (!a && strcmp(base, "osbox") == 0 && cw->nwords >= 2) {
		char *arg1 = sh_dequote(line + cw->arg1_start, cw->arg1_end - cw->arg1_start);
		a = applet_find(arg1);
		free(arg1);
	}
	free(name);
	return a;
}

/* An argument w: an applet's options after -, an applet's name after
 * osbox, directories after cd, file names elsewhere. */
static void arguments(struct sh_completion *c, const char *line, const struct sh_cword *cw,
                      const char *w)
{
	if (w[0] == '-') {
		const struct applet *a = sh_complete_applet(line, cw);
		if (a)
			sh_complete_options(c, a, w);
		else
			sh_complete_files(c, w, SH_FILES_ALL);
		return;
	}
	const char *base;
	char *name = command_name(line, cw, &base);
	if (strcmp(base, "osbox") == 0 && cw->nwords == 1)
		applet_names(c, w);
	else
		sh_complete_files(c, w, strcmp(base, "cd") == 0 ? SH_FILES_DIRS : SH_FILES_ALL);
	free(name);
}

void sh_complete(const char *line, size_t cursor, struct sh_completion *c)
{
	memset(c, 0, sizeof *c);
	struct sh_cword cw;
	sh_complete_scan(line, cursor, &cw);
	c->start = cw.start;
	c->word = sh_dequote(line + cw.start, cursor - cw.start);
	c->tilde = line[cw.start] == '~';
	const char *w = c->word;
	if (cw.redir) {
		sh_complete_files(c, w, SH_FILES_ALL);
	} else if (!cw.in_command && !sh_is_assignment(w, NULL)) {
		if (strchr(w, '/'))
			sh_complete_files(c, w, SH_FILES_EXEC);
		else
			sh_complete_commands(c, w);
	} else {
		arguments(c, line, &cw, w);
	}
	if (c->cands.n > 1)
		qsort(c->cands.v, c->cands.n, sizeof *c->cands.v, sh_cmp_str);
}

char *sh_completion_text(const struct sh_completion *c)
{
	if (c->cands.n == 0)
		return NULL;
	const char *first = c->cands.v[0];
	size_t n = strlen(first);
	for (size_t i = 1; i < c->cands.n; i++) {
		size_t k = 0;
		while (k < n && c->cands.v[i][k] == first[k])
			k++;
		n = k;
	}
	char *prefix = xstrndup(first, n);
	char *q = sh_quote_word(prefix, c->tilde);
	free(prefix);
	if (c->cands.n == 1 && n > 0 && first[n - 1] != '/' && !c->no_space) {
		char *spaced = xasprintf("%s ", q);
		free(q);
		q = spaced;
	}
	return q;
}

void sh_completion_free(struct sh_completion *c)
{
	sh_strv_free(&c->cands);
	free(c->word);
	c->word = NULL;
}
