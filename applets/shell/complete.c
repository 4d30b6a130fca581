/* Tab completion (see sh.h): command names (applets, builtins, PATH) as
 * the first word of a command, an applet's long options (from its one
 * option table) after it, file names elsewhere. */
#include "sh.h"
#include "osbox/xalloc.h"
#include "osbox/opts.h"
#include "osbox/registry.h"

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

static void commands(struct sh_completion *c, const char *w)
{
	for (size_t i = 0; i < applet_count; i++)
		if (starts(applets[i].name, w))
			add(c, applets[i].name);
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

static void options(struct sh_completion *c, const struct applet *a, const char *w)
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

enum which_files { ALL_FILES, EXECUTABLES, DIRECTORIES };

/* File names starting with w; directories get a '/'. A leading ~/ is
 * looked up in $HOME and kept in the candidates. */
static void files(struct sh_completion *c, const char *w, enum which_files which)
{
	const char *slash = strrchr(w, '/');
	char *dir = slash ? xstrndup(w, (size_t)(slash - w) + 1) : xstrdup("");
	const char *base = slash ? slash + 1 : w;
	char *open_dir = NULL;
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
			if (!isdir && (which == DIRECTORIES ||
			               (which == EXECUTABLES &&
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

void sh_complete(const char *line, size_t cursor, struct sh_completion *c)
{
	memset(c, 0, sizeof *c);
	/* Find the word under the cursor, the command's first word, and
	 * whether the cursor's word is in command position. */
	size_t start = 0, cmd_start = 0, cmd_end = 0;
	size_t cmd_word = 0; /* words of this command so far */
	bool in_word = false, sq = false, dq = false, after_redir = false, cmd_found = false;
	bool word_is_redir_target = false;
	size_t second_start = 0, second_end = 0;
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
			if (in_word) {
				/* a word ended */
				size_t len = i - start;
				char *w = sh_dequote(line + start, len);
				if (after_redir) {
					after_redir = false;
				} else if (!cmd_found && sh_is_assignment(w, NULL)) {
					;
				} else {
					if (!cmd_found) {
						cmd_found = true;
						cmd_start = start;
						cmd_end = i;
					} else if (cmd_word == 1) {
						second_start = start;
						second_end = i;
					}
					cmd_word++;
				}
				free(w);
				in_word = false;
			}
			if (op) {
				if (ch == '<' || ch == '>') {
					after_redir = true;
				} else if (!(ch == '&' && i > 0 &&
				             (line[i - 1] == '>' || line[i - 1] == '<'))) {
					cmd_found = false;
					cmd_word = 0;
					after_redir = false;
				}
			}
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
	if (!in_word)
		start = cursor;
	word_is_redir_target = after_redir;
	c->start = start;
	c->word = sh_dequote(line + start, cursor - start);
	c->tilde = line[start] == '~';
	const char *w = c->word;
	if (word_is_redir_target) {
		files(c, w, ALL_FILES);
	} else if (!cmd_found && !sh_is_assignment(w, NULL)) {
		if (strchr(w, '/'))
			files(c, w, EXECUTABLES);
		else
			commands(c, w);
	} else if (w[0] == '-') {
		char *cmd = sh_dequote(line + cmd_start, cmd_end - cmd_start);
		const char *base = strrchr(cmd, '/') ? strrchr(cmd, '/') + 1 : cmd;
		const struct applet *a = applet_find(base);
		if (!a && strcmp(base, "osbox") == 0 && cmd_word >= 2) {
			char *second = sh_dequote(line + second_start, second_end - second_start);
			a = applet_find(second);
			free(second);
		}
		free(cmd);
		if (a)
			options(c, a, w);
		else
			files(c, w, ALL_FILES);
	} else {
		char *cmd = sh_dequote(line + cmd_start, cmd_end - cmd_start);
		const char *base = strrchr(cmd, '/') ? strrchr(cmd, '/') + 1 : cmd;
		if (strcmp(base, "osbox") == 0 && cmd_word == 1) {
			for (size_t i = 0; i < applet_count; i++)
				if (starts(applets[i].name, w))
					add(c, applets[i].name);
		} else if (strcmp(base, "cd") == 0) {
			files(c, w, DIRECTORIES);
		} else {
			files(c, w, ALL_FILES);
		}
		free(cmd);
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
		size_t ql = strlen(q);
		char *r = xrealloc(q, ql + 2);
		r[ql] = ' ';
		r[ql + 1] = 0;
		q = r;
	}
	return q;
}

void sh_completion_free(struct sh_completion *c)
{
	sh_strv_free(&c->cands);
	free(c->word);
	c->word = NULL;
}
