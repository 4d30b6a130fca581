/* The lexer and parser (see sh.h): POSIX XCU 2.3 (token recognition) and
 * 2.10 (the grammar), a command at a time. Words keep their source text
 * (quotes, $ and backquotes as written): expand.c expands them when they
 * run. The end of $(...) is found by parsing what is inside as commands,
 * so that a ) in a case pattern or a here-document does not end it. */
#include "sh.h"
#include "osbox/buf.h"
#include "osbox/xalloc.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool sh_is_name(const char *s, size_t n)
{
	if (n == 0 ||
	    !(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

bool sh_is_assignment(const char *s, size_t *namelen)
{
	const char *eq = strchr(s, '=');
	if (!eq || !sh_is_name(s, (size_t)(eq - s)))
		return false;
	if (namelen)
		*namelen = (size_t)(eq - s);
	return true;
}

/* ---- the arena ---- */

struct block {
	struct block *next;
	size_t used, size;
	_Alignas(16) char data[];
};

struct sh_arena {
	int refs;
	struct block *blocks;
};

static struct sh_arena *arena_new(void)
{
	struct sh_arena *a = xcalloc(1, sizeof *a);
	a->refs = 1;
	return a;
}

void *sh_arena_alloc(struct sh_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct block *b = a->blocks;
	if (!b || b->size - b->used < n) {
		size_t size = n > 4000 ? n : 4000;
		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		b->next = a->blocks;
		a->blocks = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *sh_arena_strndup(struct sh_arena *a, const char *s, size_t n)
{
	char *d = sh_arena_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

struct sh_arena *sh_arena_ref(struct sh_arena *a)
{
	a->refs++;
	return a;
}

void sh_arena_unref(struct sh_arena *a)
{
	if (!a || --a->refs > 0)
		return;
	while (a->blocks) {
		struct block *b = a->blocks;
		a->blocks = b->next;
		free(b);
	}
	free(a);
}

/* ---- tokens ---- */

enum tok {
	T_WORD,
	T_IONUM,
	T_NL,
	T_EOF,
	T_SEMI,
	T_AMP,
	T_PIPE,
	T_AND,
	T_OR,
	T_DSEMI,
	T_SEMIAMP,
	T_LPAREN,
	T_RPAREN,
	T_LESS,
	T_GREAT,
	T_DGREAT,
	T_CLOBBER,
	T_LESSGREAT,
	T_LESSAND,
	T_GREATAND,
	T_DLESS,
	T_DLESSDASH,
};

static const char *const tok_text[] = {
    [T_SEMI] = ";",     [T_AMP] = "&",         [T_PIPE] = "|",     [T_AND] = "&&",
    [T_OR] = "||",      [T_DSEMI] = ";;",      [T_SEMIAMP] = ";&", [T_LPAREN] = "(",
    [T_RPAREN] = ")",   [T_LESS] = "<",        [T_GREAT] = ">",    [T_DGREAT] = ">>",
    [T_CLOBBER] = ">|", [T_LESSGREAT] = "<>",  [T_LESSAND] = "<&", [T_GREATAND] = ">&",
    [T_DLESS] = "<<",   [T_DLESSDASH] = "<<-",
};

struct token {
	enum tok type;
	char *text;  /* T_WORD, T_IONUM: in the arena */
	bool quoted; /* the word holds quotes or backslashes */
	size_t start, end;
	long line;
};

struct pending_doc {
	struct sh_redir **arr; /* the node's array, which moves as it grows */
	size_t idx;
	bool strip;
	char *delim;
};

struct sh_parser {
	char *buf; /* what was read: lines appended as needed */
	size_t len, cap, pos;
	bool eof;
	sh_more_fn *more;
	void *ctx;
	long line;
	bool intr;
	struct sh_arena *arena;
	struct token peek;
	bool have_peek;
	struct pending_doc docs[16];
	size_t ndocs;
	jmp_buf jb;
	bool at_eof_error; /* the error was the end of the input */
	char msg[256];
	long errline;
	size_t cmd_start;
	int in_dq; /* inside double quotes: $' is not a quote there */
	int nest;  /* compound commands and substitutions open */
	int depth;
	/* aliases */
	const char *(*alias)(void *ctx, const char *name);
	void *alias_ctx;
	struct {
		char *name;
		size_t end;
	} active[16];
	size_t nactive;
	bool alias_next;  /* the last alias ended in a blank */
	size_t alias_end; /* where its text ends in buf */
};

static bool fetch(struct sh_parser *p)
{
	if (p->eof || !p->more)
		return p->eof = true, false;
	char *l = p->more(p->ctx, p->depth > 0 || p->pos > p->cmd_start || p->have_peek);
	if (!l) {
		p->eof = true;
		return false;
	}
	if (l[0] == 0) {
		free(l);
		p->intr = true;
		p->eof = true;
		return false;
	}
	size_t n = strlen(l);
	if (p->len + n + 1 > p->cap) {
		p->cap = (p->len + n + 1) * 2;
		p->buf = xrealloc(p->buf, p->cap);
	}
	memcpy(p->buf + p->len, l, n + 1);
	p->len += n;
	free(l);
	return true;
}

/* The character at pos + off, or -1 at the end of the input. */
static int at(struct sh_parser *p, size_t off)
{
	while (p->pos + off >= p->len)
		if (!fetch(p))
			return -1;
	return (unsigned char)p->buf[p->pos + off];
}

static int nextc(struct sh_parser *p)
{
	int c = at(p, 0);
	if (c >= 0) {
		p->pos++;
		if (c == '\n')
			p->line++;
	}
	return c;
}

static _Noreturn void fail(struct sh_parser *p, bool eof, const char *msg)
{
	snprintf(p->msg, sizeof p->msg, "Syntax error: %s", msg);
	p->at_eof_error = eof;
	p->errline = p->line;
	longjmp(p->jb, 1);
}

/* ---- words ---- */

static void scan_dollar(struct sh_parser *p);
static void scan_dollar_at(struct sh_parser *p);
static void scan_backquote(struct sh_parser *p);
static struct sh_node *parse_list(struct sh_parser *p, bool compound);
static struct token *peek(struct sh_parser *p);

static _Noreturn void unterminated(struct sh_parser *p)
{
	fail(p, true, "Unterminated quoted string");
}

static void scan_dquote(struct sh_parser *p)
{
	p->in_dq++;
	for (;;) {
		int c = nextc(p);
		if (c < 0)
			unterminated(p);
		if (c == '"') {
			p->in_dq--;
			return;
		}
		if (c == '\\') {
			if (nextc(p) < 0)
				unterminated(p);
		} else if (c == '$') {
			scan_dollar(p);
		} else if (c == '`') {
			scan_backquote(p);
		}
	}
}

static void scan_squote(struct sh_parser *p)
{
	int c;
	while ((c = nextc(p)) != '\'')
		if (c < 0)
			unterminated(p);
}

static void scan_backquote(struct sh_parser *p)
{
	for (;;) {
		int c = nextc(p);
		if (c < 0)
			fail(p, true, "EOF in backquote substitution");
		if (c == '`')
			return;
		if (c == '\\' && nextc(p) < 0)
			fail(p, true, "EOF in backquote substitution");
	}
}

/* ${...}: to the } that matches, past quotes and substitutions. */
static void scan_brace(struct sh_parser *p)
{
	for (;;) {
		int c = nextc(p);
		if (c < 0)
			fail(p, true, "Missing '}'");
		if (c == '}')
			return;
		if (c == '\\')
			nextc(p);
		else if (c == '\'')
			scan_squote(p);
		else if (c == '"')
			scan_dquote(p);
		else if (c == '$')
			scan_dollar(p);
		else if (c == '`')
			scan_backquote(p);
	}
}

/* $((...)): to the )) that closes it, parentheses counted. */
static void scan_arith(struct sh_parser *p)
{
	int depth = 0;
	for (;;) {
		int c = nextc(p);
		if (c < 0)
			fail(p, true, "Missing '))'");
		if (c == '(') {
			depth++;
		} else if (c == ')') {
			if (depth == 0) {
				if (at(p, 0) == ')') {
					nextc(p);
					return;
				}
				fail(p, false, "Missing '))'");
			}
			depth--;
		} else if (c == '\\') {
			nextc(p);
		} else if (c == '\'') {
			scan_squote(p);
		} else if (c == '"') {
			scan_dquote(p);
		} else if (c == '$') {
			scan_dollar(p);
		} else if (c == '`') {
			scan_backquote(p);
		}
	}
}

/* $( commands ): parsed as commands up to the ) that ends them. */
static void scan_subst(struct sh_parser *p)
{
	bool had = p->have_peek;
	struct token save = p->peek;
	p->have_peek = false;
	p->depth++;
	int dq = p->in_dq;
	p->in_dq = 0;
	parse_list(p, true);
	p->in_dq = dq;
	struct token *t = peek(p);
	if (t->type != T_RPAREN) {
		if (t->type == T_EOF)
			fail(p, true, "end of file unexpected (expecting \")\")");
		fail(p, false, "word unexpected (expecting \")\")");
	}
	p->have_peek = had;
	p->peek = save;
	p->depth--;
}

static void scan_dollar(struct sh_parser *p)
{
	if (p->nest > 1000)
		fail(p, false, "too deeply nested");
	p->nest++;
	scan_dollar_at(p);
	p->nest--;
}

static void scan_dollar_at(struct sh_parser *p)
{
	int c = at(p, 0);
	if (c == '\'' && p->in_dq == 0) {
		/* $'...' (POSIX 2024 XCU 2.2.4): a backslash escapes */
		nextc(p);
		for (;;) {
			c = nextc(p);
			if (c < 0)
				unterminated(p);
			if (c == '\'')
				return;
			if (c == '\\' && nextc(p) < 0)
				unterminated(p);
		}
	} else if (c == '{') {
		nextc(p);
		scan_brace(p);
	} else if (c == '(') {
		nextc(p);
		if (at(p, 0) == '(') {
			nextc(p);
			scan_arith(p);
		} else {
			scan_subst(p);
		}
	}
}

static bool is_meta(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' ||
	       c == '>' || c == '(' || c == ')' || c < 0;
}

static void lex_word(struct sh_parser *p, struct token *t)
{
	t->type = T_WORD;
	for (;;) {
		int c = at(p, 0);
		if (is_meta(c))
			break;
		nextc(p);
		if (c == '\\') {
			t->quoted = true;
			nextc(p);
		} else if (c == '\'') {
			t->quoted = true;
			scan_squote(p);
		} else if (c == '"') {
			t->quoted = true;
			scan_dquote(p);
		} else if (c == '$') {
			scan_dollar(p);
		} else if (c == '`') {
			scan_backquote(p);
		}
	}
	t->end = p->pos;
	t->text = sh_arena_strndup(p->arena, p->buf + t->start, t->end - t->start);
	if (!t->quoted && at(p, 0) >= 0 && (p->buf[p->pos] == '<' || p->buf[p->pos] == '>') &&
	    strspn(t->text, "0123456789") == strlen(t->text) && strlen(t->text) < 4)
		t->type = T_IONUM;
}

static void read_heredocs(struct sh_parser *p);

static void lex(struct sh_parser *p, struct token *t)
{
	memset(t, 0, sizeof *t);
	for (;;) {
		int c = at(p, 0);
		if (c == ' ' || c == '\t') {
			nextc(p);
		} else if (c == '\\' && at(p, 1) == '\n') {
			nextc(p);
			nextc(p);
		} else if (c == '#') {
			while ((c = at(p, 0)) >= 0 && c != '\n')
				nextc(p);
		} else {
			break;
		}
	}
	t->start = p->pos;
	t->line = p->line;
	int c = nextc(p);
	if (c < 0) {
		t->type = T_EOF;
		return;
	}
	/* the next character only after an operator's first: a newline must
	 * not read the next line (the commands may read it) */
	int d = c == '\n' || c == '(' || c == ')' ? 0 : at(p, 0);
	switch (c) {
	case '\n':
		t->type = T_NL;
		read_heredocs(p);
		break;
	case ';':
		t->type = d == ';'   ? (nextc(p), T_DSEMI)
		          : d == '&' ? (nextc(p), T_SEMIAMP)
		                     : T_SEMI;
		break;
	case '&':
		t->type = d == '&' ? (nextc(p), T_AND) : T_AMP;
		break;
	case '|':
		t->type = d == '|' ? (nextc(p), T_OR) : T_PIPE;
		break;
	case '(':
		t->type = T_LPAREN;
		break;
	case ')':
		t->type = T_RPAREN;
		break;
	case '<':
		if (d == '<') {
			nextc(p);
			t->type = at(p, 0) == '-' ? (nextc(p), T_DLESSDASH) : T_DLESS;
		} else if (d == '&') {
			nextc(p);
			t->type = T_LESSAND;
		} else if (d == '>') {
			nextc(p);
			t->type = T_LESSGREAT;
		} else {
			t->type = T_LESS;
		}
		break;
	case '>':
		if (d == '>' || d == '&' || d == '|') {
			nextc(p);
			t->type = d == '>' ? T_DGREAT : d == '&' ? T_GREATAND : T_CLOBBER;
		} else {
			t->type = T_GREAT;
		}
		break;
	default:
		p->pos--; /* c was not a newline */
		lex_word(p, t);
		return;
	}
	t->end = p->pos;
}

static struct token *peek(struct sh_parser *p)
{
	if (!p->have_peek) {
		lex(p, &p->peek);
		p->have_peek = true;
	}
	return &p->peek;
}

static struct token take(struct sh_parser *p)
{
	peek(p);
	p->have_peek = false;
	return p->peek;
}

/* ---- here-documents ---- */

/* The delimiter: the word with its quotes removed. */
static char *doc_delim(struct sh_parser *p, const char *w, bool *quoted)
{
	char *d = sh_dequote(w, strlen(w));
	*quoted = strpbrk(w, "'\"\\") != NULL;
	char *a = sh_arena_strndup(p->arena, d, strlen(d));
	free(d);
	return a;
}

/* The bodies of the here-documents of the line just ended (XCU 2.7.4). */
static void read_heredocs(struct sh_parser *p)
{
	for (size_t k = 0; k < p->ndocs; k++) {
		struct pending_doc *d = &p->docs[k];
		struct buf body = {0};
		for (;;) {
			if (at(p, 0) < 0)
				break;
			size_t s = p->pos;
			int c;
			while ((c = at(p, 0)) >= 0 && c != '\n')
				nextc(p);
			size_t e = p->pos;
			if (c == '\n')
				nextc(p);
			if (d->strip)
				while (s < e && p->buf[s] == '\t')
					s++;
			if (e - s == strlen(d->delim) && memcmp(p->buf + s, d->delim, e - s) == 0)
				break;
			buf_write(&body, p->buf + s, e - s);
			if (c == '\n')
				buf_putc(&body, '\n');
		}
		(*d->arr)[d->idx].body = sh_arena_strndup(p->arena, body.p ? body.p : "", body.len);
		buf_free(&body);
	}
	p->ndocs = 0;
}

/* ---- the grammar ---- */

static struct sh_node *node(struct sh_parser *p, enum sh_ntype type)
{
	struct sh_node *n = sh_arena_alloc(p->arena, sizeof *n);
	n->type = type;
	n->line = p->line;
	return n;
}

static bool is_reserved(const struct token *t);

static _Noreturn void unexpected(struct sh_parser *p, const struct token *t, const char *expecting)
{
	char m[200];
	if (t->type == T_EOF)
		snprintf(m, sizeof m, "end of file unexpected");
	else if (t->type == T_NL)
		snprintf(m, sizeof m, "newline unexpected");
	else if (t->type == T_WORD && (!expecting || is_reserved(t)))
		snprintf(m, sizeof m, "\"%.100s\" unexpected", t->text);
	else if (t->type == T_WORD || t->type == T_IONUM)
		snprintf(m, sizeof m, "word unexpected");
	else
		snprintf(m, sizeof m, "\"%s\" unexpected", tok_text[t->type]);
	if (expecting)
		snprintf(m + strlen(m), sizeof m - strlen(m), " (expecting \"%s\")", expecting);
	fail(p, t->type == T_EOF, m);
}

static bool is_word(struct sh_parser *p, const char *w)
{
	struct token *t = peek(p);
	return t->type == T_WORD && !t->quoted && strcmp(t->text, w) == 0;
}

static bool is_reserved(const struct token *t)
{
	static const char *const words[] = {"if",    "then", "else", "elif", "fi",
	                                    "do",    "done", "case", "esac", "while",
	                                    "until", "for",  "{",    "}",    "!"};
	if (t->type != T_WORD || t->quoted)
		return false;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(t->text, words[i]) == 0)
			return true;
	return false;
}

static void expect_word(struct sh_parser *p, const char *w)
{
	if (!is_word(p, w))
		unexpected(p, peek(p), w);
	take(p);
}

static void linebreak(struct sh_parser *p)
{
	while (peek(p)->type == T_NL)
		take(p);
}

static bool is_redir_tok(enum tok t)
{
	return t >= T_LESS && t <= T_DLESSDASH;
}

static void add_redir(struct sh_parser *p, struct sh_redir **v, size_t *n)
{
	struct token t = take(p);
	int fd = -1;
	if (t.type == T_IONUM) {
		fd = atoi(t.text);
		t = take(p);
	}
	struct token w = take(p);
	if (w.type != T_WORD)
		unexpected(p, &w, NULL);
	struct sh_redir *nv = sh_arena_alloc(p->arena, (*n + 1) * sizeof *nv);
	if (*n)
		memcpy(nv, *v, *n * sizeof *nv);
	struct sh_redir *r = &nv[*n];
	static const enum sh_redir_op ops[] = {
	    [T_LESS] = SH_R_IN,         [T_GREAT] = SH_R_OUT,      [T_DGREAT] = SH_R_APPEND,
	    [T_CLOBBER] = SH_R_CLOBBER, [T_LESSGREAT] = SH_R_RDWR, [T_LESSAND] = SH_R_DUPIN,
	    [T_GREATAND] = SH_R_DUPOUT, [T_DLESS] = SH_R_HEREDOC,  [T_DLESSDASH] = SH_R_HEREDOC,
	};
	r->op = ops[t.type];
	bool in = t.type == T_LESS || t.type == T_LESSGREAT || t.type == T_LESSAND ||
	          t.type == T_DLESS || t.type == T_DLESSDASH;
	r->fd = fd >= 0 ? fd : in ? 0 : 1;
	r->word = w.text;
	*v = nv;
	(*n)++;
	if (r->op == SH_R_HEREDOC) {
		if (p->ndocs == sizeof p->docs / sizeof *p->docs)
			fail(p, false, "too many here-documents");
		struct pending_doc *d = &p->docs[p->ndocs++];
		d->strip = t.type == T_DLESSDASH;
		d->delim = doc_delim(p, w.text, &r->quoted);
		d->arr = v;
		d->idx = *n - 1;
	}
}

static void redirects(struct sh_parser *p, struct sh_node *n)
{
	while (is_redir_tok(peek(p)->type) || peek(p)->type == T_IONUM)
		add_redir(p, &n->redirs, &n->nredirs);
}

static void push_word(struct sh_parser *p, char ***v, size_t *n, char *w)
{
	char **nv = sh_arena_alloc(p->arena, (*n + 2) * sizeof *nv);
	if (*n)
		memcpy(nv, *v, *n * sizeof *nv);
	nv[(*n)++] = w;
	*v = nv;
}

/* An alias in command position: its value goes in the input in place of
 * the word (XCU 2.3.1). */
static bool try_alias(struct sh_parser *p)
{
	struct token *t = peek(p);
	if (!p->alias || t->type != T_WORD || t->quoted)
		return false;
	while (p->nactive > 0 && p->pos > p->active[p->nactive - 1].end)
		p->nactive--;
	for (size_t i = 0; i < p->nactive; i++)
		if (strcmp(p->active[i].name, t->text) == 0)
			return false;
	const char *v = p->alias(p->alias_ctx, t->text);
	if (!v || p->nactive == sizeof p->active / sizeof *p->active)
		return false;
	size_t vl = strlen(v), s = t->start, e = t->end;
	size_t nlen = p->len - (e - s) + vl;
	if (nlen + 1 > p->cap) {
		p->cap = (nlen + 1) * 2;
		p->buf = xrealloc(p->buf, p->cap);
	}
	memmove(p->buf + s + vl, p->buf + e, p->len - e + 1);
	memcpy(p->buf + s, v, vl);
	p->len = nlen;
	for (size_t i = 0; i < p->nactive; i++)
		p->active[i].end += vl - (e - s);
	p->active[p->nactive].name = t->text;
	p->active[p->nactive++].end = s + vl;
	p->pos = s;
	p->have_peek = false;
	p->alias_next = vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t');
	p->alias_end = s + vl;
	return true;
}

static struct sh_node *simple_command(struct sh_parser *p)
{
	struct sh_node *n = node(p, SH_N_CMD);
	size_t start = peek(p)->start, end = start;
	bool name_seen = false;
	for (;;) {
		struct token *t = peek(p);
		if (is_redir_tok(t->type) || t->type == T_IONUM) {
			add_redir(p, &n->redirs, &n->nredirs);
			end = p->pos;
			continue;
		}
		if (t->type != T_WORD)
			break;
		size_t nl;
		if (!name_seen && sh_is_assignment(t->text, &nl)) {
			push_word(p, &n->assigns, &n->nassigns, t->text);
		} else {
			if (name_seen && p->alias_next && t->start >= p->alias_end) {
				p->alias_next = false;
				if (try_alias(p))
					continue;
			}
			name_seen = true;
			push_word(p, &n->words, &n->nwords, t->text);
		}
		end = t->end;
		take(p);
	}
	if (n->nwords == 0 && n->nassigns == 0 && n->nredirs == 0)
		unexpected(p, peek(p), NULL);
	n->text = sh_arena_strndup(p->arena, p->buf + start, end > start ? end - start : 0);
	return n;
}

/* A compound list, which must not be empty; what follows it is
 * expecting (for the message at the end of the input). */
static struct sh_node *compound_list(struct sh_parser *p, const char *expecting)
{
	struct sh_node *n = parse_list(p, true);
	if (!n)
		unexpected(p, peek(p), peek(p)->type == T_EOF ? expecting : NULL);
	return n;
}

static struct sh_node *if_clause(struct sh_parser *p)
{
	struct sh_node *n = node(p, SH_N_IF);
	n->a = compound_list(p, "then");
	expect_word(p, "then");
	n->b = compound_list(p, "fi");
	if (is_word(p, "elif")) {
		take(p);
		n->c = if_clause(p);
		return n;
	}
	if (is_word(p, "else")) {
		take(p);
		n->c = compound_list(p, "fi");
	}
	expect_word(p, "fi");
	return n;
}

static struct sh_node *do_group(struct sh_parser *p)
{
	expect_word(p, "do");
	struct sh_node *b = compound_list(p, "done");
	expect_word(p, "done");
	return b;
}

static struct sh_node *for_clause(struct sh_parser *p)
{
	struct sh_node *n = node(p, SH_N_FOR);
	struct token t = take(p);
	if (t.type != T_WORD || !sh_is_name(t.text, strlen(t.text)))
		fail(p, false, "Bad for loop variable");
	n->name = t.text;
	linebreak(p);
	if (is_word(p, "in")) {
		take(p);
		n->for_in = true;
		while (peek(p)->type == T_WORD) {
			t = take(p);
			push_word(p, &n->words, &n->nwords, t.text);
		}
		if (peek(p)->type != T_SEMI && peek(p)->type != T_NL)
			unexpected(p, peek(p), "do");
		take(p);
		linebreak(p);
	} else if (peek(p)->type == T_SEMI) {
		take(p);
		linebreak(p);
	}
	n->b = do_group(p);
	return n;
}

static struct sh_node *case_clause(struct sh_parser *p)
{
	struct sh_node *n = node(p, SH_N_CASE);
	struct token t = take(p);
	if (t.type != T_WORD)
		unexpected(p, &t, NULL);
	push_word(p, &n->words, &n->nwords, t.text);
	linebreak(p);
	expect_word(p, "in");
	linebreak(p);
	while (!is_word(p, "esac")) {
		if (peek(p)->type == T_LPAREN)
			take(p);
		struct sh_case_item item = {0};
		for (;;) {
			t = take(p);
			if (t.type != T_WORD)
				unexpected(p, &t, t.type == T_EOF ? ")" : NULL);
			push_word(p, &item.pats, &item.npats, t.text);
			if (peek(p)->type != T_PIPE)
				break;
			take(p);
		}
		t = take(p);
		if (t.type != T_RPAREN)
			unexpected(p, &t, ")");
		linebreak(p);
		if (peek(p)->type != T_DSEMI && peek(p)->type != T_SEMIAMP && !is_word(p, "esac"))
			item.body = compound_list(p, "esac");
		struct sh_case_item *nv = sh_arena_alloc(p->arena, (n->nitems + 1) * sizeof *nv);
		if (n->nitems)
			memcpy(nv, n->items, n->nitems * sizeof *nv);
		nv[n->nitems++] = item;
		n->items = nv;
		if (peek(p)->type == T_SEMIAMP) {
			/* ;& goes on into the next item's body (POSIX 2024) */
			n->items[n->nitems - 1].fallthrough = true;
			take(p);
			linebreak(p);
		} else if (peek(p)->type == T_DSEMI) {
			take(p);
			linebreak(p);
		} else if (!is_word(p, "esac")) {
			unexpected(p, peek(p), "esac");
		}
	}
	take(p);
	return n;
}

static struct sh_node *command(struct sh_parser *p);

/* A compound command (XCU 2.9.4) and its redirections, or NULL if the
 * next token does not start one. */
static struct sh_node *compound(struct sh_parser *p)
{
	struct token *t = peek(p);
	struct sh_node *n = NULL;
	if (t->type == T_LPAREN) {
		take(p);
		n = node(p, SH_N_SUBSHELL);
		n->a = compound_list(p, ")");
		struct token e = take(p);
		if (e.type != T_RPAREN)
			unexpected(p, &e, ")");
	} else if (t->type != T_WORD || t->quoted) {
		return NULL;
	} else if (strcmp(t->text, "{") == 0) {
		take(p);
		n = node(p, SH_N_GROUP);
		n->a = compound_list(p, "}");
		expect_word(p, "}");
	} else if (strcmp(t->text, "if") == 0) {
		take(p);
		n = if_clause(p);
	} else if (strcmp(t->text, "while") == 0 || strcmp(t->text, "until") == 0) {
		n = node(p, t->text[0] == 'w' ? SH_N_WHILE : SH_N_UNTIL);
		take(p);
		n->a = compound_list(p, "do");
		n->b = do_group(p);
	} else if (strcmp(t->text, "for") == 0) {
		take(p);
		n = for_clause(p);
	} else if (strcmp(t->text, "case") == 0) {
		take(p);
		n = case_clause(p);
	} else {
		return NULL;
	}
	redirects(p, n);
	return n;
}

static struct sh_node *command_at(struct sh_parser *p);

/* A command, at most 1000 compound commands deep: deeper input is an
 * error, not the end of the C stack. */
static struct sh_node *command(struct sh_parser *p)
{
	if (++p->nest > 1000)
		fail(p, false, "too deeply nested");
	struct sh_node *n = command_at(p);
	p->nest--;
	return n;
}

static struct sh_node *command_at(struct sh_parser *p)
{
	while (try_alias(p))
		;
	struct token *t = peek(p);
	struct sh_node *n = compound(p);
	if (n)
		return n;
	if (is_reserved(t))
		unexpected(p, t, NULL);
	if (t->type == T_WORD && sh_is_name(t->text, strlen(t->text))) {
		/* NAME ( ) : a function definition, if ( follows */
		size_t save_pos = p->pos;
		long save_line = p->line;
		int c;
		while ((c = at(p, 0)) == ' ' || c == '\t')
			nextc(p);
		if (c == '(') {
			struct token name = take(p);
			nextc(p);
			struct token r = take(p);
			if (r.type != T_RPAREN)
				fail(p, r.type == T_EOF, "word unexpected (expecting \")\")");
			linebreak(p);
			struct sh_node *f = node(p, SH_N_FUNC);
			f->name = name.text;
			f->a = compound(p);
			if (!f->a)
				unexpected(p, peek(p), NULL);
			f->arena = p->arena;
			return f;
		}
		p->pos = save_pos;
		p->line = save_line;
	}
	return simple_command(p);
}

static struct sh_node *pipeline(struct sh_parser *p)
{
	size_t start = peek(p)->start;
	bool neg = false;
	while (is_word(p, "!")) {
		take(p);
		neg = !neg;
	}
	struct sh_node *first = command(p);
	if (peek(p)->type != T_PIPE && !neg)
		return first;
	struct sh_node *n = node(p, SH_N_PIPE);
	n->negate = neg;
	push_word(p, (char ***)&n->kids, &n->nkids, (char *)first);
	while (peek(p)->type == T_PIPE) {
		take(p);
		linebreak(p);
		push_word(p, (char ***)&n->kids, &n->nkids, (char *)command(p));
	}
	n->text = sh_arena_strndup(p->arena, p->buf + start, p->pos > start ? p->pos - start : 0);
	size_t l = strlen(n->text);
	while (l > 0 && strchr(" \t\n;&|", n->text[l - 1]))
		n->text[--l] = 0;
	return n;
}

static struct sh_node *and_or(struct sh_parser *p)
{
	size_t start = peek(p)->start;
	struct sh_node *n = pipeline(p);
	for (;;) {
		enum tok t = peek(p)->type;
		if (t != T_AND && t != T_OR)
			break;
		take(p);
		linebreak(p);
		struct sh_node *o = node(p, t == T_AND ? SH_N_AND : SH_N_OR);
		o->a = n;
		o->b = pipeline(p);
		n = o;
	}
	if (peek(p)->type == T_AMP) {
		struct sh_node *b = node(p, SH_N_BG);
		b->a = n;
		size_t end = peek(p)->start;
		b->text = sh_arena_strndup(p->arena, p->buf + start, end > start ? end - start : 0);
		size_t l = strlen(b->text);
		while (l > 0 && strchr(" \t\n", b->text[l - 1]))
			b->text[--l] = 0;
		n = b;
	}
	return n;
}

/* Whether the next token ends a list: a reserved word that closes a
 * compound command, ) ;; or the end. */
static bool list_end(struct sh_parser *p, bool compound)
{
	struct token *t = peek(p);
	if (t->type == T_EOF || t->type == T_RPAREN || t->type == T_DSEMI || t->type == T_SEMIAMP)
		return true;
	if (!compound)
		return false;
	static const char *const enders[] = {"then", "else", "elif", "fi",
	                                     "do",   "done", "esac", "}"};
	if (t->type == T_WORD && !t->quoted)
		for (size_t i = 0; i < sizeof enders / sizeof *enders; i++)
			if (strcmp(t->text, enders[i]) == 0)
				return true;
	return false;
}

static void list_add(struct sh_parser *p, struct sh_node **list, struct sh_node *n)
{
	if (!*list) {
		*list = n;
		return;
	}
	if ((*list)->type != SH_N_LIST || (*list)->text == NULL) {
		struct sh_node *l = node(p, SH_N_LIST);
		l->text = (char *)""; /* marks a list made here */
		push_word(p, (char ***)&l->kids, &l->nkids, (char *)*list);
		*list = l;
	}
	push_word(p, (char ***)&(*list)->kids, &(*list)->nkids, (char *)n);
}

/* A list: and-or lists separated by ; & and (in a compound list)
 * newlines. At top level it ends at a newline. */
static struct sh_node *parse_list(struct sh_parser *p, bool compound)
{
	struct sh_node *list = NULL;
	if (compound)
		linebreak(p);
	while (!list_end(p, compound)) {
		if (peek(p)->type == T_NL) {
			if (!compound)
				break;
			take(p);
			continue;
		}
		list_add(p, &list, and_or(p));
		enum tok t = peek(p)->type;
		if (t == T_SEMI || t == T_AMP) {
			take(p);
		} else if (t == T_NL) {
			if (!compound)
				break;
			take(p);
		} else if (!list_end(p, compound)) {
			unexpected(p, peek(p), NULL);
		}
	}
	return list;
}

/* ---- the interface ---- */

struct sh_parser *sh_parser_new(const char *text, sh_more_fn *more, void *ctx)
{
	struct sh_parser *p = xcalloc(1, sizeof *p);
	size_t n = text ? strlen(text) : 0;
	p->cap = n + 64;
	p->buf = xmalloc(p->cap);
	memcpy(p->buf, text ? text : "", n + 1);
	p->len = n;
	p->more = more;
	p->ctx = ctx;
	p->line = 1;
	return p;
}

void sh_parser_free(struct sh_parser *p)
{
	if (!p)
		return;
	sh_arena_unref(p->arena);
	free(p->buf);
	free(p);
}

void sh_parser_aliases(struct sh_parser *p, const char *(*lookup)(void *ctx, const char *name),
                       void *ctx)
{
	p->alias = lookup;
	p->alias_ctx = ctx;
}

/* Drops what was read before the command that starts now. */
static void compact(struct sh_parser *p)
{
	if (p->pos == 0 || p->have_peek)
		return;
	memmove(p->buf, p->buf + p->pos, p->len - p->pos + 1);
	p->len -= p->pos;
	for (size_t i = 0; i < p->nactive; i++)
		p->active[i].end = p->active[i].end > p->pos ? p->active[i].end - p->pos : 0;
	p->pos = 0;
}

enum sh_parse_result sh_parse_next(struct sh_parser *p, struct sh_node **out,
                                   struct sh_arena **arena)
{
	*out = NULL;
	*arena = NULL;
	compact(p);
	p->cmd_start = p->pos;
	p->arena = arena_new();
	p->ndocs = 0;
	p->depth = 0;
	p->nest = 0;
	p->in_dq = 0;
	p->intr = false;
	p->alias_next = false;
	if (setjmp(p->jb)) {
		sh_arena_unref(p->arena);
		p->arena = NULL;
		p->have_peek = false;
		return p->at_eof_error || p->intr ? SH_PARSE_INCOMPLETE : SH_PARSE_ERROR;
	}
	struct token *t = peek(p);
	if (t->type == T_EOF) {
		sh_arena_unref(p->arena);
		p->arena = NULL;
		p->have_peek = false;
		return p->intr ? SH_PARSE_INCOMPLETE : SH_PARSE_EOF;
	}
	struct sh_node *n = parse_list(p, false);
	t = peek(p);
	if (t->type == T_NL) {
		take(p);
	} else if (t->type != T_EOF) {
		unexpected(p, t, NULL);
	} else {
		p->have_peek = false;
		if (p->ndocs)
			read_heredocs(p);
	}
	*out = n;
	*arena = p->arena;
	p->arena = NULL;
	return SH_PARSE_OK;
}

const char *sh_parser_msg(const struct sh_parser *p)
{
	return p->msg;
}

long sh_parser_line(const struct sh_parser *p)
{
	return p->errline ? p->errline : p->line;
}

void sh_parser_set_line(struct sh_parser *p, long line)
{
	p->line = line;
}

bool sh_parser_interrupted(const struct sh_parser *p)
{
	return p->intr;
}

const char *sh_parser_text(const struct sh_parser *p, size_t *len)
{
	*len = p->pos - p->cmd_start;
	return p->buf + p->cmd_start;
}

void sh_parser_discard(struct sh_parser *p)
{
	p->pos = p->len;
	p->have_peek = false;
	p->eof = false;
	p->nactive = 0;
	p->errline = 0;
}

enum sh_parse_result sh_parse_check(const char *src, char *msg, size_t msgsize)
{
	struct sh_parser *p = sh_parser_new(src, NULL, NULL);
	enum sh_parse_result r;
	struct sh_node *n;
	struct sh_arena *a;
	while ((r = sh_parse_next(p, &n, &a)) == SH_PARSE_OK)
		sh_arena_unref(a);
	if (r == SH_PARSE_EOF)
		r = SH_PARSE_OK;
	if (msg && msgsize)
		snprintf(msg, msgsize, "%s", r == SH_PARSE_OK ? "" : p->msg);
	sh_parser_free(p);
	return r;
}

/* The end of the quoted string or substitution at s[i] (', ", `, ${,
 * $((, not $( ) in a word the parser accepted, without a parser. */
static size_t quick_end(const char *s, size_t i, size_t n);

static size_t quick_until(const char *s, size_t i, size_t n, char close)
{
	int depth = 0;
	while (i < n) {
		char c = s[i];
		if (c == close && (close != ')' || depth == 0))
			return i;
		if (close == ')' && c == '(')
			depth++;
		else if (close == ')' && c == ')')
			depth--;
		if (c == '\\') {
			i += 2;
		} else if (c == '\'' && close != '"' && close != '`') {
			const char *q = memchr(s + i + 1, '\'', n - i - 1);
			i = q ? (size_t)(q - s) + 1 : n;
		} else if (c == '"' || c == '`' ||
		           (c == '$' && i + 1 < n && (s[i + 1] == '{' || s[i + 1] == '('))) {
			size_t e = quick_end(s, i, n);
			if (e == (size_t)-1)
				return (size_t)-1;
			i = e;
		} else {
			i++;
		}
	}
	return (size_t)-1;
}

static size_t quick_end(const char *s, size_t i, size_t n)
{
	size_t e;
	if (s[i] == '"' || s[i] == '`') {
		e = quick_until(s, i + 1, n, s[i]);
		return e == (size_t)-1 ? e : e + 1;
	}
	if (s[i + 1] == '{') {
		e = quick_until(s, i + 2, n, '}');
		return e == (size_t)-1 ? e : e + 1;
	}
	if (i + 2 < n && s[i + 2] == '(') {
		e = quick_until(s, i + 3, n, ')');
		return e != (size_t)-1 && e + 1 < n && s[e + 1] == ')' ? e + 2 : (size_t)-1;
	}
	return (size_t)-1; /* $( commands ): the parser's */
}

size_t sh_subst_end(const char *s, size_t i)
{
	size_t n = strlen(s), q = quick_end(s, i, n);
	if (q != (size_t)-1)
		return q;
	struct sh_parser *p = sh_parser_new(s, NULL, NULL);
	p->pos = i;
	p->arena = arena_new();
	size_t end = strlen(s);
	if (setjmp(p->jb) == 0) {
		int c = nextc(p);
		if (c == '`')
			scan_backquote(p);
		else
			scan_dollar(p);
		end = p->pos;
	}
	sh_parser_free(p);
	return end;
}
