/* The interactive line editor: libedit's wide-character interface, loaded
 * with dlopen when an interactive shell starts, so that no other applet
 * pays for loading libedit and its libraries at startup (about 0.2 ms
 * each, see the README). histedit.h gives the types; every function
 * comes from dlsym. */
#include "sh.h"
#include "osbox/xalloc.h"

#include <dlfcn.h>
#include <err.h>
#include <errno.h>
#include <histedit.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#define LIBEDIT "libedit.so.2"

struct sh_edit {
	void *lib;
	EditLine *el;
	HistoryW *hist;
	struct sh *sh;
	wchar_t *prompt;
	char *last_tab; /* the line at the last Tab that added nothing */
	__typeof__(el_init) *init;
	__typeof__(el_end) *end;
	__typeof__(el_wgets) *wgets;
	__typeof__(el_wset) *wset;
	__typeof__(el_wline) *wline;
	__typeof__(el_winsertstr) *winsertstr;
	__typeof__(el_deletestr) *deletestr;
	__typeof__(el_source) *source;
	__typeof__(el_resize) *resize;
	__typeof__(el_reset) *reset;
	__typeof__(history_winit) *hinit;
	__typeof__(history_wend) *hend;
	__typeof__(history_w) *hist_w;
};

/* libedit calls back without a context argument we can use cheaply: there
 * is one editor per process. */
static struct sh_edit *editor;
static volatile sig_atomic_t interrupted, resized;
/* Ctrl-C's self-pipe: the SIGINT handler writes a byte, read_wchar waits
 * on it with the terminal, so a Ctrl-C is seen wherever it lands. */
static int intr_pipe[2] = {-1, -1};

static void on_sigint(int sig)
{
	(void)sig;
	int saved = errno;
	interrupted = 1;
	if (intr_pipe[1] >= 0)
		(void)!write(intr_pipe[1], "", 1);
	errno = saved;
}

static void on_sigwinch(int sig)
{
	(void)sig;
	resized = 1;
}

/* libedit's reading of one character (EL_GETCFN), so that Ctrl-C is
 * never lost. With libedit's own read, a Ctrl-C that came while libedit
 * was busy with the keys before it (not blocked in read) was seen only
 * after the next key. Here the wait for a key also watches the handler's
 * self-pipe, and the flag is checked before each wait. */
static int read_wchar(EditLine *el, wchar_t *wc)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (;;) {
		if (resized) { /* the terminal's new width, for this line already */
			resized = 0;
			editor->resize(el);
		}
		struct pollfd p[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
		                      {.fd = intr_pipe[0], .events = POLLIN}};
		int r = interrupted ? 0 : poll(p, intr_pipe[0] >= 0 ? 2 : 1, -1);
		if (interrupted || (r > 0 && p[1].revents)) {
			errno = EINTR; /* the line is dropped */
			return -1;
		}
		if (r < 0) {
			if (errno != EINTR)
				return -1;
			continue;
		}
		char c;
		ssize_t n = read(STDIN_FILENO, &c, 1);
		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -1;
		}
		size_t k = mbrtowc(wc, &c, 1, &st);
		if (k == (size_t)-2)
			continue; /* the rest of a multibyte character */
		if (k == (size_t)-1) {
			memset(&st, 0, sizeof st); /* not valid here: dropped, as libedit does */
			continue;
		}
		return 1;
	}
}

/* Converts to wide characters; bytes that are not valid in the locale
 * become U+FFFD rather than ending the string. */
static wchar_t *to_wide(const char *s)
{
	size_t n = strlen(s);
	wchar_t *w = xreallocarray(NULL, n + 1, sizeof *w);
	mbstate_t st = {0};
	size_t k = 0;
	while (*s) {
		size_t r = mbrtowc(&w[k], s, strlen(s), &st);
		if (r == (size_t)-1 || r == (size_t)-2) {
			memset(&st, 0, sizeof st);
			w[k++] = 0xFFFD;
			s++;
		} else {
			k++;
			s += r ? r : 1;
		}
	}
	w[k] = 0;
	return w;
}

static char *from_wide(const wchar_t *w, size_t n)
{
	char *s = xmalloc(n * MB_CUR_MAX + 1);
	mbstate_t st = {0};
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t r = wcrtomb(s + k, w[i], &st);
		if (r == (size_t)-1) {
			memset(&st, 0, sizeof st);
			s[k++] = '?';
		} else {
			k += r;
		}
	}
	s[k] = 0;
	return s;
}

static wchar_t *prompt_fn(EditLine *el)
{
	(void)el;
	return editor->prompt ? editor->prompt : (wchar_t *)L"";
}

static int term_width(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Shows the candidates in columns, by their last component, as bash does. */
static void list_candidates(const struct sh_completion *c)
{
	if (c->cands.n > 300) {
		fprintf(stdout, "\n%zu candidates: type more of the word\n", c->cands.n);
		fflush(stdout);
		return;
	}
	size_t width = 0;
	const char **shown = xreallocarray(NULL, c->cands.n, sizeof *shown);
	for (size_t i = 0; i < c->cands.n; i++) {
		const char *s = c->cands.v[i];
		size_t len = strlen(s);
		const char *slash = len > 1 ? memrchr(s, '/', len - 1) : NULL;
		shown[i] = slash ? slash + 1 : s;
		if (strlen(shown[i]) > width)
			width = strlen(shown[i]);
	}
	width += 2;
	size_t cols = (size_t)term_width() / width;
	if (cols == 0)
		cols = 1;
	size_t rows = (c->cands.n + cols - 1) / cols;
	fputc('\n', stdout);
	for (size_t r = 0; r < rows; r++) {
		for (size_t k = 0; k < cols; k++) {
			size_t i = k * rows + r;
			if (i >= c->cands.n)
				break;
			bool last = k + 1 == cols || (k + 1) * rows + r >= c->cands.n;
			if (last)
				fputs(shown[i], stdout);
			else
				fprintf(stdout, "%-*s", (int)width, shown[i]);
			if (last)
				break;
		}
		fputc('\n', stdout);
	}
	fflush(stdout);
	free(shown);
}

static unsigned char complete_fn(EditLine *el, int ch)
{
	(void)ch;
	struct sh_edit *e = editor;
	const LineInfoW *li = e->wline(el);
	char *line = from_wide(li->buffer, (size_t)(li->cursor - li->buffer));
	struct sh_completion c;
	sh_complete(line, strlen(line), &c);
	char *text = sh_completion_text(&c);
	unsigned char ret = CC_REFRESH;
	if (!text) {
		ret = CC_REFRESH_BEEP;
	} else if (c.cands.n > 1 && strcmp(text, line + c.start) == 0) {
		/* Ambiguous and nothing to add: beep; a second Tab on the same
		 * line lists the candidates, as bash does. */
		if (e->last_tab && strcmp(e->last_tab, line) == 0) {
			list_candidates(&c);
			ret = CC_REDISPLAY;
		} else {
			free(e->last_tab);
			e->last_tab = xstrdup(line);
			ret = CC_REFRESH_BEEP;
		}
	} else {
		wchar_t *old = to_wide(line + c.start);
		wchar_t *neww = to_wide(text);
		e->deletestr(el, (int)wcslen(old));
		e->winsertstr(el, neww);
		free(old);
		free(neww);
	}
	free(text);
	free(line);
	sh_completion_free(&c);
	return ret;
}

#define SYM(field, name)                                                                           \
	do {                                                                                       \
		*(void **)&e->field = dlsym(e->lib, name);                                         \
		if (!e->field) {                                                                   \
			warnx("%s: %s not found; line editing is off", LIBEDIT, name);             \
			dlclose(e->lib);                                                           \
			free(e);                                                                   \
			return NULL;                                                               \
		}                                                                                  \
	} while (0)

struct sh_edit *sh_edit_open(struct sh *sh)
{
	struct sh_edit *e = xcalloc(1, sizeof *e);
	e->lib = dlopen(LIBEDIT, RTLD_NOW | RTLD_LOCAL);
	if (!e->lib) {
		warnx("%s; line editing is off", dlerror());
		free(e);
		return NULL;
	}
	SYM(init, "el_init");
	SYM(end, "el_end");
	SYM(wgets, "el_wgets");
	SYM(wset, "el_wset");
	SYM(wline, "el_wline");
	SYM(winsertstr, "el_winsertstr");
	SYM(deletestr, "el_deletestr");
	SYM(source, "el_source");
	SYM(resize, "el_resize");
	SYM(reset, "el_reset");
	SYM(hinit, "history_winit");
	SYM(hend, "history_wend");
	SYM(hist_w, "history_w");
	/* The wide-character interface decodes input by the locale. */
	setlocale(LC_CTYPE, "");
	e->sh = sh;
	editor = e;
	e->el = e->init("osbox", stdin, stdout, stderr);
	e->hist = e->hinit();
	if (!e->el || !e->hist) {
		warnx("cannot start the line editor");
		if (e->el)
			e->end(e->el);
		dlclose(e->lib);
		free(e);
		editor = NULL;
		return NULL;
	}
	HistEventW ev;
	e->hist_w(e->hist, &ev, H_SETSIZE, 2000);
	e->hist_w(e->hist, &ev, H_SETUNIQUE, 1);
	for (size_t i = 0; i < sh->hist.lines.n; i++) {
		wchar_t *w = to_wide(sh->hist.lines.v[i]);
		e->hist_w(e->hist, &ev, H_ENTER, w);
		free(w);
	}
	if (intr_pipe[0] < 0 && pipe2(intr_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		intr_pipe[0] = intr_pipe[1] = -1; /* the flag alone, then */
	e->wset(e->el, EL_GETCFN, read_wchar);
	e->wset(e->el, EL_EDITOR, L"emacs");
	e->wset(e->el, EL_PROMPT, prompt_fn);
	e->wset(e->el, EL_HIST, e->hist_w, e->hist);
	e->wset(e->el, EL_ADDFN, L"osbox-complete", L"complete the word", complete_fn);
	e->wset(e->el, EL_BIND, L"^I", L"osbox-complete", NULL);
	e->wset(e->el, EL_BIND, L"^R", L"em-inc-search-prev", NULL);
	e->source(e->el, NULL); /* ~/.editrc */
	struct sigaction sa = {.sa_handler = on_sigwinch};
	sigaction(SIGWINCH, &sa, NULL);
	return e;
}

char *sh_edit_read(struct sh_edit *e, const char *prompt)
{
	free(e->prompt);
	e->prompt = to_wide(prompt ? prompt : "");
	if (resized) {
		resized = 0;
		e->resize(e->el);
	}
	/* Ctrl-C while editing: SIGINT (ignored by the shell otherwise)
	 * interrupts the read, and the line is dropped. No SA_RESTART. */
	struct sigaction sa = {.sa_handler = on_sigint}, old;
	char drain[64];
	while (intr_pipe[0] >= 0 && read(intr_pipe[0], drain, sizeof drain) > 0)
		; /* a Ctrl-C from before this line is not for it */
	interrupted = 0;
	sigaction(SIGINT, &sa, &old);
	int n = 0;
	const wchar_t *w = e->wgets(e->el, &n);
	sigaction(SIGINT, &old, NULL);
	if (!w && (interrupted || (n < 0 && errno == EINTR))) {
		fputc('\n', stdout);
		fflush(stdout);
		e->reset(e->el);
		return xstrdup("");
	}
	if (!w || n <= 0)
		return NULL;
	return from_wide(w, (size_t)n);
}

void sh_edit_add_history(struct sh_edit *e, const char *line)
{
	if (!e)
		return;
	HistEventW ev;
	wchar_t *w = to_wide(line);
	e->hist_w(e->hist, &ev, H_ENTER, w);
	free(w);
}

void sh_edit_close(struct sh_edit *e)
{
	e->end(e->el);
	e->hend(e->hist);
	free(e->prompt);
	free(e->last_tab);
	/* libedit is not unloaded: it may have registered handlers. */
	free(e);
	editor = NULL;
}
