/* test and [ (POSIX XCU test): POSIX's rules by the number of operands
 * (up to four), then dash's grammar for longer expressions:
 *   or:      and [-o or]
 *   and:     not [-a and]
 *   not:     ! not | primary
 *   primary: ( or ) | UNARY operand | operand BINARY operand | operand
 * An operator word is read as an operand where dash reads it so: a unary
 * operator that is the last word, or that is followed by a binary operator
 * and one more word; "(" as the last word. Status 0 true, 1 false, 2 on an
 * error. */
#include "bi.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Parentheses nested deeper than this are an error, not a deep recursion. */
#define TEST_MAX_DEPTH 1000

enum kind { K_EOI, K_OPERAND, K_UNARY, K_BINARY, K_NOT, K_AND, K_OR, K_LPAR, K_RPAR };

struct test {
	const char *name; /* "test" or "[" */
	char **av;
	int n, i; /* the words; the one being read */
	int depth;
	bool err;
};

/* What the word s is as an operator, K_OPERAND when none. */
static enum kind op_kind(const char *s)
{
	static const char unary[] = "bcdefghknprstuwxzGLOS";
	if (s[0] == '-' && s[1] && !s[2] && strchr(unary, s[1]))
		return K_UNARY;
	if (s[0] == '-' && s[1] == 'a' && !s[2])
		return K_AND;
	if (s[0] == '-' && s[1] == 'o' && !s[2])
		return K_OR;
	static const char *const binary[] = {"=",   "!=",  "<",   ">",   "-eq", "-ne", "-gt",
	                                     "-ge", "-lt", "-le", "-nt", "-ot", "-ef"};
	for (size_t k = 0; k < sizeof binary / sizeof binary[0]; k++)
		if (strcmp(s, binary[k]) == 0)
			return K_BINARY;
	if (strcmp(s, "!") == 0)
		return K_NOT;
	if (strcmp(s, "(") == 0)
		return K_LPAR;
	if (strcmp(s, ")") == 0)
		return K_RPAR;
	return K_OPERAND;
}

/* The word at position i as the grammar reads it there. */
static enum kind lex(const struct test *t, int i)
{
	if (i >= t->n)
		return K_EOI;
	enum kind k = op_kind(t->av[i]);
	if (k == K_UNARY && (i + 1 >= t->n || (i + 2 < t->n && op_kind(t->av[i + 1]) == K_BINARY)))
		return K_OPERAND;
	if (k == K_LPAR && i + 1 >= t->n)
		return K_OPERAND;
	return k;
}

/* "test: what: msg" ("test: msg" when what is NULL or empty, as dash),
 * once: the first error ends it. */
static bool error(struct test *t, const char *what, const char *msg)
{
	if (!t->err) {
		if (what && *what)
			sh_bi_warn("%s: %s: %s", t->name, what, msg);
		else
			sh_bi_warn("%s: %s", t->name, msg);
	}
	t->err = true;
	return false;
}

/* A decimal integer, blanks around it allowed (as dash). */
static bool number(struct test *t, const char *s, intmax_t *v)
{
	char *end;
	errno = 0;
	*v = strtoimax(s, &end, 10);
	if (end != s)
		while (*end == ' ' || *end == '\t' || *end == '\n')
			end++;
	if (errno || end == s || *end)
		return error(t, "Illegal number", s);
	return true;
}

static bool file_test(char op, const char *path)
{
	struct stat st;
	switch (op) {
	case 'r':
		return faccessat(AT_FDCWD, path, R_OK, AT_EACCESS) == 0;
	case 'w':
		return faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
	case 'x':
		return faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) == 0;
	case 'h':
	case 'L':
		return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
	}
	if (stat(path, &st) != 0)
		return false;
	switch (op) {
	case 'b':
		return S_ISBLK(st.st_mode);
	case 'c':
		return S_ISCHR(st.st_mode);
	case 'd':
		return S_ISDIR(st.st_mode);
	case 'f':
		return S_ISREG(st.st_mode);
	case 'p':
		return S_ISFIFO(st.st_mode);
	case 'S':
		return S_ISSOCK(st.st_mode);
	case 'g':
		return (st.st_mode & S_ISGID) != 0;
	case 'u':
		return (st.st_mode & S_ISUID) != 0;
	case 'k':
		return (st.st_mode & S_ISVTX) != 0;
	case 's':
		return st.st_size > 0;
	case 'O':
		return st.st_uid == geteuid();
	case 'G':
		return st.st_gid == getegid();
	default: /* 'e' */
		return true;
	}
}

/* Out of line, as binary(): their stat buffers stay out of the recursion. */
__attribute__((noinline)) static bool unary(struct test *t, const char *op, const char *arg)
{
	intmax_t fd;
	switch (op[1]) {
	case 'z':
		return !*arg;
	case 'n':
		return *arg;
	case 't':
		return number(t, arg, &fd) && fd >= 0 && fd <= INT32_MAX && isatty((int)fd);
	default:
		return file_test(op[1], arg);
	}
}

/* -nt -ot -ef as POSIX.1-2024 defines them: a file that exists is newer
 * than one that does not (dash answers false when either is missing). */
static bool file_compare(const char *op, const char *a, const char *b)
{
	struct stat sa, sb;
	bool ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
	if (op[1] == 'e')
		return ha && hb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	if (op[1] == 'o') { /* -ot: a older than b */
		const char *s = a;
		a = b, b = s;
		bool h = ha;
		ha = hb, hb = h;
		struct stat x = sa;
		sa = sb, sb = x;
	}
	if (!ha)
		return false;
	if (!hb)
		return true;
	if (sa.st_mtim.tv_sec != sb.st_mtim.tv_sec)
		return sa.st_mtim.tv_sec > sb.st_mtim.tv_sec;
	return sa.st_mtim.tv_nsec > sb.st_mtim.tv_nsec;
}

__attribute__((noinline)) static bool binary(struct test *t, const char *a, const char *op,
                                             const char *b)
{
	if (op[0] != '-') {
		int c = strcmp(a, b);
		switch (op[0]) {
		case '=':
			return c == 0;
		case '!':
			return c != 0;
		case '<':
			return c < 0;
		default:
			return c > 0;
		}
	}
	if ((op[1] == 'n' && op[2] == 't') || op[1] == 'o' || (op[1] == 'e' && op[2] == 'f'))
		return file_compare(op, a, b);
	intmax_t x, y;
	if (!number(t, a, &x) || !number(t, b, &y))
		return false;
	if (op[1] == 'e')
		return x == y;
	if (op[1] == 'n')
		return x != y;
	if (op[1] == 'g')
		return op[2] == 't' ? x > y : x >= y;
	return op[2] == 't' ? x < y : x <= y;
}

static bool or_expr(struct test *t, enum kind k);

static bool primary(struct test *t, enum kind k)
{
	if (t->err || k == K_EOI)
		return false;
	if (k == K_LPAR) {
		if (lex(t, ++t->i) == K_RPAR)
			return false;
		if (++t->depth > TEST_MAX_DEPTH)
			return error(t, NULL, "expression nested too deeply");
		bool r = or_expr(t, lex(t, t->i));
		t->depth--;
		if (!t->err && lex(t, ++t->i) != K_RPAR)
			return error(t, NULL, "closing paren expected");
		return r;
	}
	const char *w = t->av[t->i];
	if (k == K_UNARY) {
		if (++t->i >= t->n)
			return error(t, w, "argument expected");
		return unary(t, w, t->av[t->i]);
	}
	if (lex(t, t->i + 1) == K_BINARY) {
		const char *op = t->av[++t->i];
		if (++t->i >= t->n)
			return error(t, op, "argument expected");
		return binary(t, w, op, t->av[t->i]);
	}
	return *w;
}

static bool not_expr(struct test *t, enum kind k)
{
	bool neg = false;
	while (k == K_NOT) {
		neg = !neg;
		k = lex(t, ++t->i);
	}
	return primary(t, k) != neg;
}

/* Both sides are read (and evaluated: their errors are reported) always. */
static bool and_expr(struct test *t, enum kind k)
{
	bool r = not_expr(t, k);
	while (!t->err && lex(t, t->i + 1) == K_AND) {
		t->i += 2;
		bool s = not_expr(t, lex(t, t->i));
		r = r && s;
	}
	return r;
}

static bool or_expr(struct test *t, enum kind k)
{
	bool r = and_expr(t, k);
	while (!t->err && lex(t, t->i + 1) == K_OR) {
		t->i += 2;
		bool s = and_expr(t, lex(t, t->i));
		r = r || s;
	}
	return r;
}

int sh_bi_test(int argc, char **argv)
{
	struct test t = {.name = argv[0], .av = argv + 1, .n = argc - 1};
	if (strcmp(argv[0], "[") == 0) {
		if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
			sh_bi_warn("[: missing ]");
			return 2;
		}
		t.n--;
	}
	bool neg = false;
	enum kind k;
	/* XCU test, "in the following list, $1, $2... represent the arguments". */
	for (;;) {
		if (t.n == 0)
			return neg ? 0 : 1;
		if (t.n == 3 && op_kind(t.av[1]) == K_BINARY) {
			k = K_OPERAND;
			break;
		}
		if ((t.n == 3 || t.n == 4) && strcmp(t.av[0], "(") == 0 &&
		    strcmp(t.av[t.n - 1], ")") == 0) {
			t.av++;
			t.n -= 2;
		} else if ((t.n == 3 || t.n == 4) && strcmp(t.av[0], "!") == 0) {
			/* the negation of the test of the rest: dash sets rather
			 * than flips it, so that its "! ! ! a" is true */
			neg = !neg;
			t.av++;
			t.n--;
			continue;
		}
		k = lex(&t, 0);
		break;
	}
	bool r = or_expr(&t, k);
	if (!t.err && t.i < t.n && t.i + 1 < t.n)
		error(&t, t.av[t.i], "unexpected operator");
	if (t.err)
		return 2;
	return r != neg ? 0 : 1;
}
