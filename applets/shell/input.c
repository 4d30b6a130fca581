/* Reading commands and the shell's main loop (see sh.h). Input is read a
 * line at a time and parsed once it makes complete commands, so that an
 * open quote or a trailing | continues on the next line. Standard input
 * is read a byte at a time, never past the end of the line: the commands
 * it runs may read the rest of it (POSIX XCU sh, INPUT FILES). */
#include "sh.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

enum input_kind { IN_STRING, IN_FD, IN_EDIT };

struct sh_input {
	enum input_kind kind;
	const char *s; /* IN_STRING */
	size_t pos;
	int fd; /* IN_FD */
	bool bytewise;
	char buf[4096];
	size_t bpos, blen;
	struct sh_edit *ed; /* IN_EDIT; NULL: a plain prompt on fd 0 */
};

static struct sh_input *input_new(enum input_kind kind)
{
	struct sh_input *in = calloc(1, sizeof *in);
	if (!in)
		err(1, "out of memory");
	in->kind = kind;
	in->fd = -1;
	return in;
}

struct sh_input *sh_input_string(const char *s)
{
	struct sh_input *in = input_new(IN_STRING);
	in->s = s;
	return in;
}

struct sh_input *sh_input_fd(int fd, bool bytewise)
{
	struct sh_input *in = input_new(IN_FD);
	in->fd = fd;
	in->bytewise = bytewise;
	return in;
}

struct sh_input *sh_input_editor(struct sh *sh)
{
	struct sh_input *in = input_new(IN_EDIT);
	in->ed = sh_edit_open(sh);
	if (!in->ed) {
		in->kind = IN_FD;
		in->fd = STDIN_FILENO;
		in->bytewise = true;
	}
	return in;
}

void sh_input_free(struct sh_input *in)
{
	if (in->ed)
		sh_edit_close(in->ed);
	if (in->kind == IN_FD && in->fd > 2)
		close(in->fd);
	free(in);
}

static int next_byte(struct sh_input *in)
{
	if (in->bpos == in->blen) {
		ssize_t n;
		do
			n = read(in->fd, in->buf, in->bytewise ? 1 : sizeof in->buf);
		while (n < 0 && errno == EINTR);
		if (n < 0)
			warn("read error");
		if (n <= 0)
			return -1;
		in->bpos = 0;
		in->blen = (size_t)n;
	}
	return (unsigned char)in->buf[in->bpos++];
}

/* The next line with its newline (malloc'd), or NULL at end of input. */
static char *read_line(struct sh_input *in, const char *prompt)
{
	if (in->kind == IN_EDIT)
		return sh_edit_read(in->ed, prompt);
	if (in->kind == IN_STRING) {
		if (!in->s[in->pos])
			return NULL;
		size_t n = strcspn(in->s + in->pos, "\n");
		if (in->s[in->pos + n] == '\n')
			n++;
		char *l = strndup(in->s + in->pos, n);
		in->pos += n;
		return l;
	}
	if (prompt) {
		fputs(prompt, stderr);
		fflush(stderr);
	}
	char *l = NULL;
	size_t n = 0, cap = 0;
	int c;
	while ((c = next_byte(in)) >= 0) {
		if (c == 0)
			continue; /* a NUL cannot be in a C string: dropped, as dash does */
		if (n + 2 > cap) {
			cap = cap ? 2 * cap : 128;
			l = realloc(l, cap);
			if (!l)
				err(1, "out of memory");
		}
		l[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (!l)
		return NULL;
	l[n] = 0;
	return l;
}

/* PS1 with \w (the directory, ~ for home), \u, \h and \$ expanded. */
static char *prompt_text(struct sh *sh, bool continuation)
{
	const char *ps = sh_getvar(sh, continuation ? "PS2" : "PS1");
	if (!ps)
		ps = continuation ? "> " : "osbox:\\w\\$ ";
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (!f)
		err(1, "out of memory");
	for (const char *p = ps; *p; p++) {
		if (*p != '\\' || !p[1]) {
			fputc(*p, f);
			continue;
		}
		p++;
		if (*p == 'w') {
			char *cwd = getcwd(NULL, 0);
			const char *home = sh_getvar(sh, "HOME");
			size_t hl = home ? strlen(home) : 0;
			if (cwd && hl > 1 && strncmp(cwd, home, hl) == 0 &&
			    (cwd[hl] == 0 || cwd[hl] == '/'))
				fprintf(f, "~%s", cwd + hl);
			else
				fputs(cwd ? cwd : "?", f);
			free(cwd);
		} else if (*p == 'u') {
			struct passwd *pw = getpwuid(geteuid());
			fputs(pw ? pw->pw_name : "?", f);
		} else if (*p == 'h') {
			char host[256] = "?";
			gethostname(host, sizeof host - 1);
			host[strcspn(host, ".")] = 0;
			fputs(host, f);
		} else if (*p == '$') {
			fputc(geteuid() == 0 ? '#' : '$', f);
		} else {
			fputc('\\', f);
			fputc(*p, f);
		}
	}
	fclose(f);
	return out;
}

/* A command that took several lines, as one history line: the newlines
 * that continued it (after | && || or a backslash) become spaces, which
 * reads the same. NULL if a newline is inside quotes. */
static char *history_line(const char *buf)
{
	char *h = strdup(buf);
	if (!h)
		err(1, "out of memory");
	bool sq = false, dq = false;
	size_t k = 0;
	for (size_t i = 0; buf[i]; i++) {
		char c = buf[i];
		if (c == '\\' && !sq && buf[i + 1] == '\n') {
			i++;
			continue;
		}
		if (c == '\\' && !sq && buf[i + 1]) {
			h[k++] = c;
			h[k++] = buf[++i];
			continue;
		}
		if (c == '\'' && !dq)
			sq = !sq;
		else if (c == '"' && !sq)
			dq = !dq;
		else if (c == '\n') {
			if (sq || dq) {
				free(h);
				return NULL;
			}
			c = ' ';
		}
		h[k++] = c;
	}
	h[k] = 0;
	return h;
}

static void syntax_error(struct sh *sh, long line, const char *msg)
{
	if (sh->interactive)
		warnx("%s", msg);
	else if (sh->source_name)
		warnx("%s: line %ld: %s", sh->source_name, line, msg);
	else
		warnx("line %ld: %s", line, msg);
}

int sh_loop(struct sh *sh, struct sh_input *in)
{
	char *buf = NULL;
	size_t len = 0;
	long first = 0;
	char msg[256];
	for (;;) {
		if (sh->interactive && len == 0)
			sh_notify_jobs(sh);
		char *prompt = sh->interactive ? prompt_text(sh, len > 0) : NULL;
		char *line = read_line(in, prompt);
		free(prompt);
		if (!line && len == 0 && sh_warn_stopped(sh))
			continue; /* Ctrl-D with stopped jobs: said once */
		if (!line) {
			if (len > 0) {
				struct sh_list l;
				if (sh_parse(buf, &l, msg, sizeof msg) == SH_PARSE_OK) {
					sh_run_list(sh, &l);
					sh_list_free(&l);
				} else {
					syntax_error(sh, first, msg);
					sh->status = 2;
				}
			}
			if (sh->interactive)
				fputs("exit\n", stderr);
			break;
		}
		sh->lineno++;
		if (sh->interactive && line[0] == 0) { /* Ctrl-C: forget the line */
			free(line);
			len = 0;
			sh->status = 130;
			continue;
		}
		if (len == 0)
			first = sh->lineno;
		size_t ll = strlen(line);
		buf = realloc(buf, len + ll + 1);
		if (!buf)
			err(1, "out of memory");
		memcpy(buf + len, line, ll + 1);
		len += ll;
		free(line);
		struct sh_list l;
		enum sh_parse_result r = sh_parse(buf, &l, msg, sizeof msg);
		if (r == SH_PARSE_INCOMPLETE)
			continue;
		if (sh->interactive) {
			size_t n = len;
			while (n > 0 && buf[n - 1] == '\n')
				n--;
			buf[n] = 0;
			char *h = history_line(buf);
			if (h && strspn(h, " \t") < strlen(h) && sh_hist_add(&sh->hist, h))
				sh_edit_add_history(in->ed, h);
			free(h);
		}
		len = 0;
		if (r == SH_PARSE_ERROR) {
			syntax_error(sh, first, msg);
			sh->status = 2;
			if (!sh->interactive) {
				sh->exiting = true;
				sh->exit_status = 2;
				break;
			}
			continue;
		}
		sh_run_list(sh, &l);
		sh_list_free(&l);
		if (sh->exiting)
			break;
	}
	free(buf);
	return sh->exiting ? sh->exit_status : sh->status;
}

void sh_job_signals(void (*action)(int))
{
	/* SIGTERM too, as other interactive shells, so that kill 0 spares it */
	int sigs[] = {SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], action);
}

void sh_init(struct sh *sh, bool interactive)
{
	memset(sh, 0, sizeof *sh);
	sh->pid = getpid();
	sh->ttyfd = -1;
	signal(SIGCHLD, SIG_DFL);
	sh->interactive = interactive;
	if (!interactive)
		return;
	sh->ttyfd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 10);
	if (sh->ttyfd < 0)
		return;
	/* Wait to be in the foreground before taking the terminal (as a
	 * job-control shell started in the background must). */
	pid_t pg;
	while ((pg = tcgetpgrp(sh->ttyfd)) >= 0 && pg != getpgrp())
		kill(-getpgrp(), SIGTTIN);
	sh_job_signals(SIG_IGN);
	if (getpgrp() != getpid() && getsid(0) != getpid())
		setpgid(0, 0);
	sh->pgid = getpgrp();
	tcsetpgrp(sh->ttyfd, sh->pgid);
	struct termios *t = malloc(sizeof *t);
	if (t && tcgetattr(sh->ttyfd, t) == 0)
		sh->tty_modes = t;
	else
		free(t);
	sh->jobctl = true;
	char *path = sh_hist_path();
	sh_hist_open(&sh->hist, path);
	free(path);
}

void sh_free(struct sh *sh)
{
	for (size_t i = 0; i < sh->nvars; i++) {
		free(sh->vars[i].name);
		free(sh->vars[i].value);
	}
	free(sh->vars);
	while (sh->njobs > 0)
		sh_remove_job(sh, sh->jobs[0]);
	free(sh->jobs);
	sh_strv_free(&sh->params);
	sh_hist_close(&sh->hist);
	free(sh->tty_modes);
	if (sh->ttyfd >= 0)
		close(sh->ttyfd);
}
