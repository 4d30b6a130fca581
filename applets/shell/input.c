/* Reading commands and the shell's main loop (see sh.h). Input is read a
 * line at a time and parsed once it makes complete commands, so that an
 * open quote or a trailing | continues on the next line. Standard input
 * is read a byte at a time, never past the end of the line: the commands
 * it runs may read the rest of it (POSIX XCU sh, INPUT FILES). */
#include "sh.h"
#include "osbox/buf.h"
#include "osbox/exitstatus.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	struct sh_input *in = xcalloc(1, sizeof *in);
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
		char *l = xstrndup(in->s + in->pos, n);
		in->pos += n;
		return l;
	}
	if (prompt) {
		fputs(prompt, stderr);
		fflush(stderr);
	}
	struct buf l = {0};
	int c;
	while ((c = next_byte(in)) >= 0) {
		if (c == 0)
			continue; /* a NUL cannot be in a C string: dropped, as dash does */
		buf_putc(&l, (char)c);
		if (c == '\n')
			break;
	}
	return l.p ? buf_take(&l) : NULL; /* NULL: nothing before the end */
}

/* PS1 with its parameters expanded (XCU 2.5.3), then \w (the directory,
 * ~ for home), \u, \h and \$. */
static char *prompt_text(struct sh *sh, bool continuation)
{
	const char *ps0 = sh_getvar(sh, continuation ? "PS2" : "PS1");
	if (!ps0)
		ps0 = continuation ? "> " : "osbox:\\w\\$ ";
	char *ps = sh_expand_prompt(sh, ps0);
	struct buf b = {0};
	for (const char *p = ps; *p; p++) {
		if (*p != '\\' || !p[1]) {
			buf_putc(&b, *p);
			continue;
		}
		p++;
		if (*p == 'w') {
			char *cwd = getcwd(NULL, 0);
			const char *home = sh_getvar(sh, "HOME");
			size_t hl = home ? strlen(home) : 0;
			if (cwd && hl > 1 && strncmp(cwd, home, hl) == 0 &&
			    (cwd[hl] == 0 || cwd[hl] == '/'))
				buf_printf(&b, "~%s", cwd + hl);
			else
				buf_puts(&b, cwd ? cwd : "?");
			free(cwd);
		} else if (*p == 'u') {
			struct passwd *pw = getpwuid(geteuid());
			buf_puts(&b, pw ? pw->pw_name : "?");
		} else if (*p == 'h') {
			char host[256] = "?";
			gethostname(host, sizeof host - 1);
			host[strcspn(host, ".")] = 0;
			buf_puts(&b, host);
		} else if (*p == '$') {
			buf_putc(&b, geteuid() == 0 ? '#' : '$');
		} else {
			buf_putc(&b, '\\');
			buf_putc(&b, *p);
		}
	}
	free(ps);
	return b.p ? buf_take(&b) : xstrdup("");
}

/* A command that took several lines, as one history line: the newlines
 * that continued it (after | && || or a backslash) become spaces, which
 * reads the same. NULL if a newline is inside quotes. */
static char *history_line(const char *buf)
{
	char *h = xstrdup(buf);
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

/* A complete command, into an interactive shell's history: its trailing
 * newlines go, and a line of blanks is not kept. */
static void remember(struct sh *sh, struct sh_input *in, struct buf *cmd)
{
	size_t n = cmd->len;
	while (n > 0 && cmd->p[n - 1] == '\n')
		n--;
	buf_truncate(cmd, n);
	char *h = history_line(buf_str(cmd));
	if (h && strspn(h, " \t") < strlen(h) && sh_hist_add(&sh->hist, h))
		sh_edit_add_history(in->ed, h);
	free(h);
}

extern char **environ;

struct loop {
	struct sh *sh;
	struct sh_input *in;
};

/* The parser's next line: with PS1 at the start of a command, PS2 inside
 * one. */
static char *more(void *ctx, bool continuation)
{
	struct loop *lp = ctx;
	struct sh *sh = lp->sh;
	char *prompt = NULL;
	if (sh->interactive) {
		if (!continuation)
			sh_notify_jobs(sh);
		environ = sh_environ(sh); /* completion reads PATH and HOME */
		prompt = prompt_text(sh, continuation);
	}
	char *line = read_line(lp->in, prompt);
	free(prompt);
	if (line && sh->opts[SH_O_VERBOSE])
		(void)!write(2, line, strlen(line));
	return line;
}

static const char *alias_of(void *ctx, const char *name)
{
	struct sh *sh = ctx;
	for (struct sh_alias *a = sh->aliases; a; a = a->next)
		if (strcmp(a->name, name) == 0)
			return a->value;
	return NULL;
}

static void syntax_error(struct sh *sh, struct sh_parser *p)
{
	sh->lineno = sh_parser_line(p);
	sh_error(sh, "%s", sh_parser_msg(p));
}

int sh_loop(struct sh *sh, struct sh_input *in)
{
	struct loop lp = {sh, in};
	struct sh_parser *p = sh_parser_new("", more, &lp);
	sh_parser_aliases(p, alias_of, sh);
	for (;;) {
		struct sh_node *n;
		struct sh_arena *a;
		enum sh_parse_result r = sh_parse_next(p, &n, &a);
		if (r == SH_PARSE_EOF) {
			if (sh_warn_stopped(sh)) { /* Ctrl-D with stopped jobs: said once */
				sh_parser_discard(p);
				continue;
			}
			if (sh->interactive)
				fputs("exit\n", stderr);
			break;
		}
		if (r == SH_PARSE_INCOMPLETE && sh_parser_interrupted(p)) {
			sh_parser_discard(p); /* Ctrl-C: forget the line */
			sh->status = EXIT_SIGNAL_BASE + SIGINT;
			if (!sh->interactive)
				break;
			continue;
		}
		if (r != SH_PARSE_OK) {
			syntax_error(sh, p);
			sh->status = 2;
			if (!sh->interactive) {
				sh->exiting = true;
				sh->exit_status = 2;
				break;
			}
			sh_parser_discard(p);
			continue;
		}
		if (sh->interactive) {
			size_t len;
			const char *t = sh_parser_text(p, &len);
			struct buf cmd = {0};
			buf_write(&cmd, t, len);
			remember(sh, in, &cmd);
			buf_free(&cmd);
		}
		if (!sh->opts[SH_O_NOEXEC] || sh->interactive)
			sh_run(sh, n, 0);
		if (sh->intr) { /* Ctrl-C stopped a loop of builtins */
			sh->intr = 0;
			sh->status = EXIT_SIGNAL_BASE + SIGINT;
			fputc('\n', stderr);
		}
		sh_arena_unref(a);
		if (sh->any_pending)
			sh_run_traps(sh);
		if (sh->exiting)
			break;
		sh->returning = false;
		sh->breaks = 0;
	}
	sh_parser_free(p);
	return sh->exiting ? sh->exit_status : sh->status;
}
