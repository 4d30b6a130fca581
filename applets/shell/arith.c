/* Arithmetic expansion, POSIX XCU 2.6.4: the C expression grammar on
 * intmax_t,
 *   assign: NAME assign-op assign | cond
 *   cond:   binary [? assign : cond]
 *   binary: unary (binary-op unary)*     by the operators' precedence
 *   unary:  [+-~!] unary | NUMBER | NAME | ( assign )
 * parsed and evaluated in one pass by operator precedence with explicit
 * stacks, so that no nesting depth can exhaust the C stack. The side of &&
 * || ?: that is not taken is still parsed, with evaluation off: no
 * assignment, no variable read, no division error.
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
	/* on the operator stack only */
	T_UPLUS,
	T_UMINUS,
	T_ELSE,  /* a ?: past its ':' */
	T_STORE, /* NAME assign-op, waiting for its value */
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

/* An entry of the operator stack. */
struct op {
	enum tok tok;     /* an operator, T_LPAR, T_QUEST, T_ELSE or T_STORE */
	int prec;         /* binding strength; 0 for the markers */
	bool flag;        /* && ||: evaluation turned off for the right side;
	                     T_QUEST, T_ELSE: the condition */
	enum tok assign;  /* T_STORE: the operator */
	const char *name; /* T_STORE: the variable, len bytes */
	size_t len;
};

struct arith {
	const char *expr;
	const struct sh_arith_vars *vars;
	struct lex lx;
	int noeval;  /* > 0 inside a side not taken */
	intmax_t *v; /* the value stack */
	size_t nv, capv;
	struct op *o; /* the operator stack */
	size_t no, capo;
	intmax_t vsmall[16];
	struct op osmall[16];
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
	/* c: the operator alone; cc: doubled (<< && ...); then either + "=" */
	enum tok c, cc = T_BAD, ceq = T_BAD, cceq = T_BAD;
	switch (p[0]) {
	case '*':
		c = T_MUL, ceq = T_ASSIGN_OP(T_MUL);
		break;
	case '/':
		c = T_DIV, ceq = T_ASSIGN_OP(T_DIV);
		break;
	case '%':
		c = T_MOD, ceq = T_ASSIGN_OP(T_MOD);
		break;
	case '+':
		c = T_ADD, ceq = T_ASSIGN_OP(T_ADD);
		break;
	case '-':
		c = T_SUB, ceq = T_ASSIGN_OP(T_SUB);
		break;
	case '<':
		c = T_LT, ceq = T_LE, cc = T_SHL, cceq = T_ASSIGN_OP(T_SHL);
		break;
	case '>':
		c = T_GT, ceq = T_GE, cc = T_SHR, cceq = T_ASSIGN_OP(T_SHR);
		break;
	case '=':
		c = T_ASSIGN, ceq = T_EQ;
		break;
	case '!':
		c = T_NOT, ceq = T_NE;
		break;
	case '&':
		c = T_BAND, ceq = T_ASSIGN_OP(T_BAND), cc = T_LAND;
		break;
	case '|':
		c = T_BOR, ceq = T_ASSIGN_OP(T_BOR), cc = T_LOR;
		break;
	case '^':
		c = T_XOR, ceq = T_ASSIGN_OP(T_XOR);
		break;
	case '~':
		c = T_TILDE;
		break;
	case '(':
		c = T_LPAR;
		break;
	case ')':
		c = T_RPAR;
		break;
	case '?':
		c = T_QUEST;
		break;
	case ':':
		c = T_COLON;
		break;
	default:
		c = T_BAD;
		break;
	}
	if (cc != T_BAD && p[1] == p[0]) {
		if (cceq != T_BAD && p[2] == '=') {
			*n = 3;
			return cceq;
		}
		*n = 2;
		return cc;
	}
	if (ceq != T_BAD && p[1] == '=') {
		*n = 2;
		return ceq;
	}
	*n = 1;
	return c;
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

/* A name of the text as a string: in buf when it fits, else malloc'd. */
static char *name_str(const char *name, size_t len, char *buf, size_t size)
{
	char *s = len < size ? buf : xmalloc(len + 1);
	memcpy(s, name, len);
	s[len] = 0;
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

/* The value of the variable name (len bytes). */
static int name_value(struct arith *a, const char *name, size_t len, intmax_t *v)
{
	char buf[64], *s = name_str(name, len, buf, sizeof buf);
	int rc = var_value(a, s, v);
	if (s != buf)
		free(s);
	return rc;
}

/* NAME op= value, with evaluation on: the variable read (but for =) and set. */
static int store(struct arith *a, const struct op *o, intmax_t *v)
{
	char buf[64], *name = name_str(o->name, o->len, buf, sizeof buf);
	int rc = 0;
	if (o->assign != T_ASSIGN) {
		intmax_t old;
		rc = var_value(a, name, &old);
		if (rc == 0)
			rc = apply(a, (enum tok)(o->assign - T_ASSIGN - 1 + T_MUL), &old, *v);
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

/* Room for one more entry in a stack that starts in the struct itself. */
static void *grow(void *p, size_t *cap, size_t size, void *small)
{
	size_t n = *cap * 2;
	void *q = p == small ? xmalloc(n * size) : xreallocarray(p, n, size);
	if (p == small)
		memcpy(q, small, *cap * size);
	*cap = n;
	return q;
}

static void push_value(struct arith *a, intmax_t v)
{
	if (a->nv == a->capv)
		a->v = grow(a->v, &a->capv, sizeof *a->v, a->vsmall);
	a->v[a->nv++] = v;
}

static struct op *push_op(struct arith *a, enum tok tok, int prec)
{
	if (a->no == a->capo)
		a->o = grow(a->o, &a->capo, sizeof *a->o, a->osmall);
	struct op *o = &a->o[a->no++];
	*o = (struct op){.tok = tok, .prec = prec};
	return o;
}

/* Applies the operator on top of the stack to the values it takes. */
static int reduce_one(struct arith *a)
{
	struct op o = a->o[--a->no];
	intmax_t *top = &a->v[a->nv - 1];
	switch (o.tok) {
	case T_UPLUS:
		return 0;
	case T_UMINUS:
		*top = (intmax_t)(0 - (uintmax_t)*top);
		return 0;
	case T_NOT:
		*top = !*top;
		return 0;
	case T_TILDE:
		*top = ~*top;
		return 0;
	case T_ELSE:
		a->noeval -= o.flag;
		a->nv--;
		if (!o.flag) /* the condition false: the value after ':' */
			top[-1] = top[0];
		return 0;
	case T_STORE:
		return a->noeval ? 0 : store(a, &o, top);
	default: /* binary */
		if (o.tok == T_LAND || o.tok == T_LOR)
			a->noeval -= o.flag;
		a->nv--;
		return apply(a, o.tok, &top[-1], top[0]);
	}
}

/* Applies the operators of strength minprec and more on top of the stack. */
static int reduce(struct arith *a, int minprec)
{
	while (a->no && a->o[a->no - 1].prec >= minprec)
		if (reduce_one(a))
			return -1;
	return 0;
}

/* At a token that ends what is open, down to the innermost ( or ?: applies
 * all. Returns that T_LPAR or T_QUEST, T_EOF for none, T_BAD on an error. */
static enum tok close_open(struct arith *a)
{
	while (a->no && a->o[a->no - 1].tok != T_LPAR && a->o[a->no - 1].tok != T_QUEST)
		if (reduce_one(a))
			return T_BAD;
	return a->no ? a->o[a->no - 1].tok : T_EOF;
}

/* Where an operand is expected: a number, a variable, a ( or a unary
 * operator; NAME assign-op where assignment may begin (assign_ok). 1 when
 * an operand was read, 0 when something that precedes one, -1 on an error. */
static int operand(struct arith *a, bool assign_ok)
{
	struct lex *lx = &a->lx;
	enum tok t = lx->tok;
	if (t == T_NUM) {
		push_value(a, lx->num);
		next(lx);
		return 1;
	}
	if (t == T_NAME) {
		struct lex at = *lx;
		next(lx);
		if (assign_ok && lx->tok >= T_ASSIGN) {
			struct op *o = push_op(a, T_STORE, 0);
			o->assign = lx->tok;
			o->name = at.name;
			o->len = at.len;
			next(lx);
			return 0;
		}
		intmax_t v = 0;
		if (!a->noeval && name_value(a, at.name, at.len, &v))
			return -1;
		push_value(a, v);
		return 1;
	}
	if (t == T_LPAR || t == T_ADD || t == T_SUB || t == T_NOT || t == T_TILDE) {
		static const enum tok as[] = {[T_LPAR] = T_LPAR,
		                              [T_ADD] = T_UPLUS,
		                              [T_SUB] = T_UMINUS,
		                              [T_NOT] = T_NOT,
		                              [T_TILDE] = T_TILDE};
		push_op(a, as[t], t == T_LPAR ? 0 : 11);
		next(lx);
		return 0;
	}
	return syntax(a, "expecting primary");
}

/* Where an operator is expected. 1 when an operand is to follow, 0 when
 * an operator is again expected, 2 at the end, -1 on an error. */
static int operator(struct arith *a)
{
	struct lex *lx = &a->lx;
	enum tok t = lx->tok;
	int p = prec(t);
	if (p) {
		if (reduce(a, p))
			return -1;
		struct op *o = push_op(a, t, p);
		intmax_t l = a->v[a->nv - 1];
		o->flag = (t == T_LAND && !l) || (t == T_LOR && l);
		a->noeval += o->flag;
		next(lx);
		return 1;
	}
	if (t == T_QUEST) {
		if (reduce(a, 1))
			return -1;
		struct op *o = push_op(a, T_QUEST, 0);
		o->flag = a->v[--a->nv] != 0;
		a->noeval += !o->flag;
		next(lx);
		return 1;
	}
	enum tok open = close_open(a);
	if (open == T_BAD)
		return -1;
	if (t == T_COLON && open == T_QUEST) {
		struct op *o = &a->o[a->no - 1];
		o->tok = T_ELSE;
		a->noeval += o->flag - !o->flag;
		next(lx);
		return 1;
	}
	if (t == T_RPAR && open == T_LPAR) {
		a->no--;
		next(lx);
		return 0;
	}
	if (t == T_EOF && open == T_EOF)
		return 2;
	return syntax(a, open == T_LPAR    ? "expecting ')'"
	                 : open == T_QUEST ? "expecting ':'"
	                                   : "expecting EOF");
}

int sh_arith(const char *expr, const struct sh_arith_vars *vars, intmax_t *result)
{
	struct arith a = {.expr = expr, .vars = vars, .lx = {.p = expr}, .capv = 16, .capo = 16};
	a.v = a.vsmall;
	a.o = a.osmall;
	next(&a.lx);
	/* Assignment may begin the expression, follow ( ? and assign-op. */
	bool want_operand = true, assign_ok = true;
	int rc;
	for (;;) {
		if (want_operand) {
			enum tok t = a.lx.tok;
			rc = operand(&a, assign_ok);
			want_operand = rc == 0;
			assign_ok =
			    rc == 0 && t != T_ADD && t != T_SUB && t != T_NOT && t != T_TILDE;
		} else {
			enum tok t = a.lx.tok;
			rc = operator(&a);
			want_operand = rc == 1;
			assign_ok = rc == 1 && t == T_QUEST;
		}
		if (rc < 0 || rc == 2)
			break;
	}
	if (rc == 2)
		*result = a.v[0];
	if (a.v != a.vsmall)
		free(a.v);
	if (a.o != a.osmall)
		free(a.o);
	return rc == 2 ? 0 : -1;
}
