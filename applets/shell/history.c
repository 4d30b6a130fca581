/* The shell's history: a list of lines, kept in a plain file (one entry
 * a line) that each new entry is appended to at once, so that concurrent
 * shells do not overwrite each other's history. */
#include "sh.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Entries kept; the file is cut back to this when it grows past twice. */
#define HIST_MAX 2000

char *sh_hist_path(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	if (state && state[0] == '/')
		return xasprintf("%s/osbox/history", state);
	if (home && home[0])
		return xasprintf("%s/.local/state/osbox/history", home);
	return NULL;
}

/* mkdir -p of path's directory, mode 0700 for what it creates. */
static void make_parents(const char *path)
{
	char *d = xstrdup(path);
	for (char *s = strchr(d + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		mkdir(d, 0700);
		*s = '/';
	}
	free(d);
}

static void trim_file(struct sh_hist *h)
{
	char *tmp = xasprintf("%s.%ld", h->path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	if (f) {
		size_t from = h->lines.n > HIST_MAX ? h->lines.n - HIST_MAX : 0;
		for (size_t i = from; i < h->lines.n; i++)
			fprintf(f, "%s\n", h->lines.v[i]);
		if (fclose(f) == 0 && rename(tmp, h->path) == 0) {
			free(tmp);
			return;
		}
	}
	unlink(tmp);
	free(tmp);
}

void sh_hist_open(struct sh_hist *h, const char *path)
{
	memset(h, 0, sizeof *h);
	if (!path)
		return;
	h->path = xstrdup(path);
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT)
			warn("%s", path);
		return;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = 0;
		if (n > 0)
			sh_strv_push(&h->lines, xstrdup(line));
	}
	free(line);
	fclose(f);
	if (h->lines.n > 2 * HIST_MAX)
		trim_file(h);
}

bool sh_hist_add(struct sh_hist *h, const char *line)
{
	if (!line[0] || strchr(line, '\n') ||
	    (h->lines.n && strcmp(h->lines.v[h->lines.n - 1], line) == 0))
		return false;
	sh_strv_push(&h->lines, xstrdup(line));
	if (h->path) {
		make_parents(h->path);
		int fd = open(h->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		if (fd >= 0) {
			/* one write: concurrent shells append whole lines */
			char *s = xasprintf("%s\n", line);
			ssize_t n = (ssize_t)strlen(s);
			if (write(fd, s, (size_t)n) != n)
				warn("%s", h->path);
			free(s);
			close(fd);
		}
	}
	return true;
}

void sh_hist_close(struct sh_hist *h)
{
	sh_strv_free(&h->lines);
	free(h->path);
	h->path = NULL;
}
