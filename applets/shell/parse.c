/* The shell's lexer and parser (see sh.h). Words keep their quotes: they
 * are expanded when the command runs, as POSIX sh does (XCU 2.3, 2.10). */
#include "sh.h"
#include "osbox/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool sh_is_name(const char *s, size_t n)
{
	if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
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

/* ---- lexer ---- */

enum tok {
	T_WORD,
	T_IONUM, /* digits right before < or > */
	T_NL,
	T_SEMI,
	T_AMP,
	T_AND,
	T_OR,
	T_PIPE,
	T_LT,
	T_GT,
	T_GTGT,
	T_LTAMP,
	T_GTAMP,
	T_BAD, /* ( ) ;; and other syntax this shell does not have */
	T_END,
};

struct token {
	enum tok t;
	char *text; /* T_WORD, T_IONUM, T_BAD */
	size_t start, end;
};

struct lexer {
	const char *s;
	size_t i;
	struct token *toks;
	size_t n, cap;
	char *msg;
	size_t msgsize;
};

static bool is_op_char(char c)
{
	return c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
}

static void add_tok(struct lexer *lx, enum tok t, char *text, size_t start)
{
	if (lx->n == lx->cap) {
		lx->cap = lx->cap ? 2 * lx->cap : 32;
		lx->toks = xreallocarray(lx->toks, lx->cap, sizeof *lx->toks);
	}
	lx->toks[lx->n++] = (struct token){t, text, start, lx->i};
}

/* Scans ${...} starting at s[i] == '$', s[i+1] == '{'; returns the index
 * after '}', or 0 if there is none. */
static size_t scan_brace(const char *s, size_t i)
{
	for (i += 2; s[i]; i++)
		if (s[i] == '}')
			return i + 1;
	return 0;
}

/* Scans a word from lx->i. Returns SH_PARSE_INCOMPLETE for an open quote
 * or a backslash at the very end. */
static enum sh_parse_result scan_word(struct lexer *lx)
{
	const char *s = lx->s;
	size_t i = lx->i, start = i;
	for (;;) {
		char c = s[i];
		if (c == 0 || c == ' ' || c == '\t' || c == '\n' || is_op_char(c))
			break;
		if (c == '\\') {
			if (s[i + 1] == '\n' && s[i + 2] == 0)
				return SH_PARSE_INCOMPLETE; /* a continued line */
			i += s[i + 1] ? 2 : 1;              /* at the very end: itself */
		} else if (c == '\'') {
			const char *q = strchr(s + i + 1, '\'');
			if (!q)
				return SH_PARSE_INCOMPLETE;
			i = (size_t)(q - s) + 1;
		} else if (c == '"') {
			for (i++;; i++) {
				if (s[i] == 0)
					return SH_PARSE_INCOMPLETE;
				if (s[i] == '\\' && s[i + 1])
					i++;
				else if (s[i] == '$' && s[i + 1] == '{') {
					size_t e = scan_brace(s, i);
					if (!e) {
						snprintf(lx->msg, lx->msgsize,
						         "syntax error: missing '}'");
						return SH_PARSE_ERROR;
					}
					i = e - 1;
				} else if (s[i] == '"')
					break;
			}
			i++;
		} else if (c == '$' && s[i + 1] == '{') {
			size_t e = scan_brace(s, i);
			if (!e) {
				snprintf(lx->msg, lx->msgsize, "syntax error: missing '}'");
				return SH_PARSE_ERROR;
			}
			i = e;
		} else {
			i++;
		}
	}
	/* A backslash-newline inside a word continues it: drop the pair. */
	char *w = xmalloc(i - start + 1);
	size_t n = 0;
	bool sq = false, dq = false;
	for (size_t k = start; k < i; k++) {
		if (!sq && s[k] == '\\' && s[k + 1] == '\n') {
			k++;
			continue;
		}
		if (!sq && s[k] == '\\' && k + 1 < i) {
			w[n++] = s[k++];
		} else if (!dq && s[k] == '\'') {
			sq = !sq;
		} else if (!sq && s[k] == '"') {
			dq = !dq;
		}
		w[n++] = s[k];
	}
	w[n] = 0;
	lx->i = i;
	bool digits = n > 0 && strspn(w, "0123456789") == n && n < 4;
	add_tok(lx, digits && (s[i] == '<' || s[i] == '>') ? T_IONUM : T_WORD, w, start);
	return SH_PARSE_OK;
}

/* The operators (XCU 2.3: the longest that matches), two characters
 * first. */
static const struct op {
	char text[3];
	enum tok t;
} ops[] = {
    {"&&", T_AND},   {"||", T_OR},    {">>", T_GTGT},
    {"<&", T_LTAMP}, {">&", T_GTAMP}, {">|", T_GT}, /* >|: no noclobber to override */
    {";;", T_BAD},   {";", T_SEMI},   {"&", T_AMP},
    {"|", T_PIPE},   {"<", T_LT},     {">", T_GT},
};

static const struct op *find_op(const char *s)
{
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strncmp(s, ops[i].text, strlen(ops[i].text)) == 0)
			return &ops[i];
	return NULL;
}

static enum sh_parse_result lex(struct lexer *lx)
{
	const char *s = lx->s;
	for (;;) {
		char c = s[lx->i];
		size_t start = lx->i;
		if (c == ' ' || c == '\t') {
			lx->i++;
		} else if (c == '\\' && s[lx->i + 1] == '\n') {
			if (s[lx->i + 2] == 0)
				return SH_PARSE_INCOMPLETE;
			lx->i += 2; /* line continuation between words */
		} else if (c == '#') {
			while (s[lx->i] && s[lx->i] != '\n')
				lx->i++;
		} else if (c == 0) {
			add_tok(lx, T_END, NULL, start);
			return SH_PARSE_OK;
		} else if (c == '\n') {
			lx->i++;
			add_tok(lx, T_NL, NULL, start);
		} else if (is_op_char(c)) {
			const struct op *o = find_op(s + lx->i);
			enum tok t = o ? o->t : T_BAD; /* ( and ) */
			size_t len = o ? strlen(o->text) : 1;
			lx->i += len;
			add_tok(lx, t, t == T_BAD ? xstrndup(s + start, len) : NULL, start);
		} else {
			enum sh_parse_result r = scan_word(lx);
			if (r != SH_PARSE_OK)
				return r;
		}
	}
}

/* ---- parser ---- */

struct parser {
	struct lexer lx;
	size_t p;
	bool error, incomplete;
};

static struct token *peek(struct parser *ps)
{
	return &ps->lx.toks[ps->p];
}

/* A token as a syntax error names it. */
static const char *tok_name(const struct token *t)
{
	static const char *const names[] = {
	    [T_NL] = "newline", [T_SEMI] = ";",   [T_AMP] = "&",    [T_AND] = "&&",
	    [T_OR] = "||",      [T_PIPE] = "|",   [T_LT] = "<",     [T_GT] = ">",
	    [T_GTGT] = ">>",    [T_LTAMP] = "<&", [T_GTAMP] = ">&", [T_END] = "end of file",
	};
	if (t->t == T_WORD || t->t == T_IONUM || t->t == T_BAD)
		return t->text;
	return names[t->t];
}

static void unexpected(struct parser *ps, const struct token *t)
{
	if (ps->error || ps->incomplete)
		return;
	if (t->t == T_END) {
		ps->incomplete = true;
		snprintf(ps->lx.msg, ps->lx.msgsize, "syntax error: unexpected end of file");
		return;
	}
	ps->error = true;
	snprintf(ps->lx.msg, ps->lx.msgsize, "syntax error near unexpected token '%s'",
	         tok_name(t));
}

/* The redirection operators: what each does, and to which descriptor
 * when no number comes before it (XCU 2.7). */
static const struct redir_op {
	enum tok t;
	enum sh_redir_op op;
	int fd;
} redir_ops[] = {
    {T_LT, SH_R_IN, 0},     {T_GT, SH_R_OUT, 1},    {T_GTGT, SH_R_APPEND, 1},
    {T_LTAMP, SH_R_DUP, 0}, {T_GTAMP, SH_R_DUP, 1},
};

static const struct redir_op *find_redir(enum tok t)
{
	for (size_t i = 0; i < sizeof redir_ops / sizeof redir_ops[0]; i++)
		if (redir_ops[i].t == t)
			return &redir_ops[i];
	return NULL;
}

static bool is_redir(enum tok t)
{
	return t == T_IONUM || find_redir(t);
}

static void take_word(struct token *t, struct sh_strv *sv)
{
	sh_strv_push(sv, t->text);
	t->text = NULL;
}

static bool parse_redir(struct parser *ps, struct sh_cmd *c)
{
	struct token *t = peek(ps);
	int fd = -1;
	if (t->t == T_IONUM) {
		fd = atoi(t->text);
		ps->p++;
		t = peek(ps);
	}
	const struct redir_op *ro = find_redir(t->t);
	if (!ro) {
		unexpected(ps, t);
		return false;
	}
	struct sh_redir r = {.fd = fd >= 0 ? fd : ro->fd, .op = ro->op};
	ps->p++;
	t = peek(ps);
	if (t->t != T_WORD) {
		unexpected(ps, t);
		return false;
	}
	r.word = t->text;
	t->text = NULL;
	ps->p++;
	c->redirs = xreallocarray(c->redirs, c->nredirs + 1, sizeof *c->redirs);
	c->redirs[c->nredirs++] = r;
	return true;
}

static void cmd_free(struct sh_cmd *c)
{
	sh_strv_free(&c->words);
	sh_strv_free(&c->assigns);
	for (size_t i = 0; i < c->nredirs; i++)
		free(c->redirs[i].word);
	free(c->redirs);
}

static bool parse_command(struct parser *ps, struct sh_cmd *c)
{
	memset(c, 0, sizeof *c);
	for (;;) {
		struct token *t = peek(ps);
		if (t->t == T_WORD) {
			if (c->words.n == 0 && sh_is_assignment(t->text, NULL))
				take_word(t, &c->assigns);
			else
				take_word(t, &c->words);
			ps->p++;
		} else if (is_redir(t->t)) {
			if (!parse_redir(ps, c))
				return false;
		} else {
			break;
		}
	}
	if (c->words.n == 0 && c->assigns.n == 0 && c->nredirs == 0) {
		unexpected(ps, peek(ps));
		return false;
	}
	return true;
}

static void skip_newlines(struct parser *ps)
{
	while (peek(ps)->t == T_NL)
		ps->p++;
}

static bool parse_pipeline(struct parser *ps, struct sh_pipeline *pl)
{
	memset(pl, 0, sizeof *pl);
	struct token *t = peek(ps);
	if (t->t == T_WORD && strcmp(t->text, "!") == 0) {
		pl->negate = true;
		ps->p++;
	}
	for (;;) {
		pl->cmds = xreallocarray(pl->cmds, pl->ncmds + 1, sizeof *pl->cmds);
		bool ok = parse_command(ps, &pl->cmds[pl->ncmds]);
		pl->ncmds++;
		if (!ok)
			return false;
		if (peek(ps)->t != T_PIPE)
			return true;
		ps->p++;
		skip_newlines(ps);
	}
}

static void andor_free(struct sh_andor *a)
{
	for (size_t i = 0; i < a->npipes; i++) {
		for (size_t k = 0; k < a->pipes[i].ncmds; k++)
			cmd_free(&a->pipes[i].cmds[k]);
		free(a->pipes[i].cmds);
	}
	free(a->pipes);
	free(a->text);
}

static bool parse_andor(struct parser *ps, struct sh_andor *a)
{
	memset(a, 0, sizeof *a);
	enum sh_connector conn = SH_SEQ;
	size_t start = peek(ps)->start;
	for (;;) {
		a->pipes = xreallocarray(a->pipes, a->npipes + 1, sizeof *a->pipes);
		bool ok = parse_pipeline(ps, &a->pipes[a->npipes]);
		a->pipes[a->npipes].connector = conn;
		a->npipes++;
		if (!ok)
			return false;
		enum tok t = peek(ps)->t;
		if (t != T_AND && t != T_OR)
			break;
		conn = t == T_AND ? SH_AND : SH_OR;
		ps->p++;
		skip_newlines(ps);
	}
	size_t end = ps->lx.toks[ps->p - 1].end;
	a->text = xstrndup(ps->lx.s + start, end - start);
	return true;
}

enum sh_parse_result sh_parse(const char *src, struct sh_list *out, char *msg, size_t msgsize)
{
	struct parser ps = {.lx = {.s = src, .msg = msg, .msgsize = msgsize}};
	memset(out, 0, sizeof *out);
	msg[0] = 0;
	enum sh_parse_result r = lex(&ps.lx);
	if (r == SH_PARSE_INCOMPLETE)
		snprintf(msg, msgsize, "syntax error: unterminated quoted string");
	if (r != SH_PARSE_OK)
		goto done;
	for (;;) {
		skip_newlines(&ps);
		if (peek(&ps)->t == T_END)
			break;
		struct sh_andor a;
		bool ok = parse_andor(&ps, &a);
		out->items = xreallocarray(out->items, out->n + 1, sizeof *out->items);
		out->items[out->n++] = a;
		if (!ok)
			break;
		enum tok t = peek(&ps)->t;
		if (t == T_AMP || t == T_SEMI) {
			out->items[out->n - 1].background = t == T_AMP;
			ps.p++;
		} else if (t != T_NL && t != T_END) {
			unexpected(&ps, peek(&ps));
			break;
		}
	}
	r = ps.error ? SH_PARSE_ERROR : ps.incomplete ? SH_PARSE_INCOMPLETE : SH_PARSE_OK;
done:
	for (size_t i = 0; i < ps.lx.n; i++)
		free(ps.lx.toks[i].text);
	free(ps.lx.toks);
	if (r != SH_PARSE_OK)
		sh_list_free(out);
	return r;
}

void sh_list_free(struct sh_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		andor_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}
