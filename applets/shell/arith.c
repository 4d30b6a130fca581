/* Arithmetic expansion, POSIX XCU 2.6.4: the C expression grammar on
 * intmax_t, parsed and evaluated in one pass by recursive descent (one
 * function per level of the grammar, precedence climbing for the binary
 * operators). The side of && || ?: that is not taken is still parsed, with
 * evaluation off: no assignment, no variable read, no division error.
 * Messages are dash's: "arithmetic expression: expecting primary: "1 +"".
 * Overflow wraps (two's complement, computed unsigned: never undefined);
 * shift counts are taken modulo 64 as the hardware does for dash. */
#include "bi.h"
#include "osbox/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Nesting (parentheses, unary operators, ?: and assignment chains) past
 * this many levels is an error rather than a C stack overflow. */
#define ARITH_MAX_DEPTH 3000

enum tok {
	T_EOF,
	T_NUM,
	T_NAME,
	T_LPAR,
	T_RPAR,
	T_QUEST,
	T_COLON,
	T_NOT,
	T_TILDE,
	T_BAD,
	/* binary operators */
	T_MUL,
	T_DIV,
	T_MOD,
	T_ADD,
	T_SUB,
	T_SHL,
	T_SHR,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_EQ,
	T_NE,
	T_BAND,
	T_XOR,
	T_BOR,
	T_LAND,
	T_LOR,
	/* assignment: T_ASSIGN, then op= for T_MUL..T_BOR as T_ASSIGN + 1 + op - T_MUL */
	T_ASSIGN,
};

#define T_ASSIGN_OP(op) (T_ASSIGN + 1 + (op)-T_MUL)

struct lex {
	const char *p; /* after the current token */
	enum tok tok;
	intmax_t num;     /* T_NUM */
	const char *name; /* T_NAME: its start, len bytes */
	size_t len;
};

struct arith {
	const char *expr;
	const struct sh_arith_vars *vars;
	struct lex lx;
	int noeval; /* > 0 inside a side not taken */
	int depth;
};

static bool name_start(int c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool name_char(int c)
{
	return name_start(c) || (c >= '0' && c <= '9');
}

/* The operator at p, of the longest spelling; n gets its length. */
static enum tok lex_op(const char *p, size_t *n)
{
	static const struct {
		char s[4];
		enum tok t;
	} ops[] = {
	    {"<<=", T_ASSIGN_OP(T_SHL)},
	    {">>=", T_ASSIGN_OP(T_SHR)},
	    {"*=", T_ASSIGN_OP(T_MUL)},
	    {"/=", T_ASSIGN_OP(T_DIV)},
	    {"%=", T_ASSIGN_OP(T_MOD)},
	    {"+=", T_ASSIGN_OP(T_ADD)},
	    {"-=", T_ASSIGN_OP(T_SUB)},
	    {"&=", T_ASSIGN_OP(T_BAND)},
	    {"^=", T_ASSIGN_OP(T_XOR)},
	    {"|=", T_ASSIGN_OP(T_BOR)},
	    {"<<", T_SHL},
	    {">>", T_SHR},
	    {"<=", T_LE},
	    {">=", T_GE},
	    {"==", T_EQ},
	    {"!=", T_NE},
	    {"&&", T_LAND},
	    {"||", T_LOR},
	    {"*", T_MUL},
	    {"/", T_DIV},
	    {"%", T_MOD},
	    {"+", T_ADD},
	    {"-", T_SUB},
	    {"<", T_LT},
	    {">", T_GT},
	    {"&", T_BAND},
	    {"^", T_XOR},
	    {"|", T_BOR},
	    {"=", T_ASSIGN},
	    {"!", T_NOT},
	    {"~", T_TILDE},
	    {"(", T_LPAR},
	    {")", T_RPAR},
	    {"?", T_QUEST},
	    {":", T_COLON},
	};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		size_t k = strlen(ops[i].s);
		if (strncmp(p, ops[i].s, k) == 0) {
			*n = k;
			return ops[i].t;
		}
	}
	*n = 1;
	return T_BAD;
}

static void next(struct lex *lx)
{
	const char *p = lx->p;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f')
		p++;
	if (!*p) {
		lx->tok = T_EOF;
		lx->p = p;
	} else if (*p >= '0' && *p <= '9') {
		/* As strtoimax with base 0: 0x hex, 0 octal; what follows the
		 * digits (the 8 of 08, the x of 0x) is a token of its own, so an
		 * error. Too large a constant saturates, as in dash. */
		char *end;
		lx->num = strtoimax(p, &end, 0);
		lx->tok = T_NUM;
		lx->p = end;
	} else if (name_start((unsigned char)*p)) {
		lx->name = p;
		while (name_char((unsigned char)*p))
			p++;
		lx->len = (size_t)(p - lx->name);
		lx->tok = T_NAME;
		lx->p = p;
	} else {
		size_t n;
		lx->tok = lex_op(p, &n);
		lx->p = p + n;
	}
}

static int syntax(struct arith *a, const char *what)
{
	sh_bi_warn("arithmetic expression: %s: \"%s\"", what, a->expr);
	return -1;
}

/* A variable's value as a number (XCU 2.6.4: its value is an integer
 * constant, not an expression): blanks around it, unset or empty is 0. */
static int var_value(struct arith *a, const char *name, intmax_t *v)
{
	const char *s = a->vars ? a->vars->get(a->vars->ctx, name) : NULL;
	*v = 0;
	if (!s)
		return 0;
	const char *p = s;
	while (isspace((unsigned char)*p))
		p++;
	if (!*p)
		return 0;
	char *end;
	errno = 0;
	*v = strtoimax(p, &end, 0);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || end == p || *end) {
		sh_bi_warn("Illegal number: %s", s);
		return -1;
	}
	return 0;
}

/* The current T_NAME token as a string: in buf when it fits, else malloc'd. */
static char *tok_name(const struct lex *lx, char *buf, size_t size)
{
	char *s = lx->len < size ? buf : xmalloc(lx->len + 1);
	memcpy(s, lx->name, lx->len);
	s[lx->len] = 0;
	return s;
}

/* l op r; the division errors only when evaluating. */
static int apply(struct arith *a, enum tok op, intmax_t *l, intmax_t r)
{
	uintmax_t ul = (uintmax_t)*l, ur = (uintmax_t)r;
	switch (op) {
	case T_MUL:
		*l = (intmax_t)(ul * ur);
		break;
	case T_DIV:
	case T_MOD:
		if (r == 0) {
			if (a->noeval)
				return 0;
			return syntax(a, "division by zero");
		}
		if (r == -1) /* INTMAX_MIN / -1 overflows: wrap, as the other operators */
			*l = op == T_DIV ? (intmax_t)(0 - ul) : 0;
		else
			*l = op == T_DIV ? *l / r : *l % r;
		break;
	case T_ADD:
		*l = (intmax_t)(ul + ur);
		break;
	case T_SUB:
		*l = (intmax_t)(ul - ur);
		break;
	case T_SHL:
		*l = (intmax_t)(ul << (ur & 63));
		break;
	case T_SHR:
		*l = *l >> (ur & 63);
		break;
	case T_LT:
		*l = *l < r;
		break;
	case T_LE:
		*l = *l <= r;
		break;
	case T_GT:
		*l = *l > r;
		break;
	case T_GE:
		*l = *l >= r;
		break;
	case T_EQ:
		*l = *l == r;
		break;
	case T_NE:
		*l = *l != r;
		break;
	case T_BAND:
		*l = *l & r;
		break;
	case T_XOR:
		*l = *l ^ r;
		break;
	case T_BOR:
		*l = *l | r;
		break;
	case T_LAND:
		*l = *l && r;
		break;
	case T_LOR:
		*l = *l || r;
		break;
	default:
		break;
	}
	return 0;
}

/* Binding strength of a binary operator, 0 for anything else. */
static int prec(enum tok t)
{
	switch (t) {
	case T_MUL:
	case T_DIV:
	case T_MOD:
		return 10;
	case T_ADD:
	case T_SUB:
		return 9;
	case T_SHL:
	case T_SHR:
		return 8;
	case T_LT:
	case T_LE:
	case T_GT:
	case T_GE:
		return 7;
	case T_EQ:
	case T_NE:
		return 6;
	case T_BAND:
		return 5;
	case T_XOR:
		return 4;
	case T_BOR:
		return 3;
	case T_LAND:
		return 2;
	case T_LOR:
		return 1;
	default:
		return 0;
	}
}

static int assign(struct arith *a, intmax_t *v);

static bool enter(struct arith *a)
{
	if (++a->depth > ARITH_MAX_DEPTH) {
		syntax(a, "nested too deeply");
		return false;
	}
	return true;
}

/* primary: number | name | ( assign ) ; unary: [+-~!] unary | primary */
static int unary(struct arith *a, intmax_t *v)
{
	struct lex *lx = &a->lx;
	enum tok t = lx->tok;
	int rc = 0;
	if (!enter(a))
		return -1;
	if (t == T_ADD || t == T_SUB || t == T_NOT || t == T_TILDE) {
		next(lx);
		rc = unary(a, v);
		if (t == T_SUB)
			*v = (intmax_t)(0 - (uintmax_t)*v);
		else if (t == T_NOT)
			*v = !*v;
		else if (t == T_TILDE)
			*v = ~*v;
	} else if (t == T_NUM) {
		*v = lx->num;
		next(lx);
	} else if (t == T_NAME) {
		*v = 0;
		if (!a->noeval) {
			char buf[64], *name = tok_name(lx, buf, sizeof buf);
			rc = var_value(a, name, v);
			if (name != buf)
				free(name);
		}
		next(lx);
	} else if (t == T_LPAR) {
		next(lx);
		rc = assign(a, v);
		if (rc == 0 && lx->tok != T_RPAR)
			rc = syntax(a, "expecting ')'");
		next(lx);
	} else {
		rc = syntax(a, "expecting primary");
	}
	a->depth--;
	return rc;
}

/* The binary operators of strength minprec and more, left associative. */
static int binary(struct arith *a, int minprec, intmax_t *v)
{
	if (unary(a, v))
		return -1;
	for (;;) {
		enum tok op = a->lx.tok;
		int p = prec(op);
		if (p == 0 || p < minprec)
			return 0;
		next(&a->lx);
		bool skip = (op == T_LAND && !*v) || (op == T_LOR && *v);
		a->noeval += skip;
		intmax_t r;
		int rc = binary(a, p + 1, &r);
		a->noeval -= skip;
		if (rc || apply(a, op, v, r))
			return -1;
	}
}

/* cond: binary [? assign : cond] */
static int cond(struct arith *a, intmax_t *v)
{
	if (binary(a, 1, v))
		return -1;
	if (a->lx.tok != T_QUEST)
		return 0;
	if (!enter(a))
		return -1;
	next(&a->lx);
	bool c = *v != 0;
	intmax_t x, y;
	a->noeval += !c;
	int rc = assign(a, &x);
	a->noeval -= !c;
	if (rc == 0 && a->lx.tok != T_COLON)
		rc = syntax(a, "expecting ':'");
	if (rc == 0) {
		next(&a->lx);
		a->noeval += c;
		rc = cond(a, &y);
		a->noeval -= c;
	}
	a->depth--;
	*v = c ? x : y;
	return rc;
}

/* NAME op= assign, with evaluation on: the variable read (but for =) and set. */
static int store(struct arith *a, const struct lex *at, enum tok op, intmax_t *v)
{
	char buf[64], *name = tok_name(at, buf, sizeof buf);
	int rc = 0;
	if (op != T_ASSIGN) {
		intmax_t old;
		rc = var_value(a, name, &old);
		if (rc == 0)
			rc = apply(a, (enum tok)(op - T_ASSIGN - 1 + T_MUL), &old, *v);
		*v = old;
	}
	if (rc == 0 && a->vars) {
		char num[32];
		snprintf(num, sizeof num, "%jd", *v);
		rc = a->vars->set(a->vars->ctx, name, num);
	}
	if (name != buf)
		free(name);
	return rc;
}

/* assign: NAME assign-op assign | cond (right associative) */
static int assign(struct arith *a, intmax_t *v)
{
	struct lex *lx = &a->lx;
	if (lx->tok == T_NAME) {
		struct lex at = *lx;
		next(lx);
		if (lx->tok >= T_ASSIGN) {
			enum tok op = lx->tok;
			if (!enter(a))
				return -1;
			next(lx);
			int rc = assign(a, v);
			a->depth--;
			if (rc == 0 && !a->noeval)
				rc = store(a, &at, op, v);
			return rc;
		}
		*lx = at;
	}
	return cond(a, v);
}

int sh_arith(const char *expr, const struct sh_arith_vars *vars, intmax_t *result)
{
	struct arith a = {.expr = expr, .vars = vars, .lx = {.p = expr}};
	intmax_t v;
	next(&a.lx);
	if (assign(&a, &v))
		return -1;
	if (a.lx.tok != T_EOF)
		return syntax(&a, "expecting EOF");
	*result = v;
	return 0;
}
