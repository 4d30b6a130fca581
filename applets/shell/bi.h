/* The shell's builtins that need nothing of its state but their operands:
 * each takes argv (argv[0] the builtin's name), appends what it prints to
 * out and returns its exit status. Errors go through sh_bi_warn, so that
 * they read as the shell's other errors. Each is tested on its own
 * (tests/unit/test_sh_bi.c).
 *   echo.c printf.c test.c umask.c ulimit.c arith.c */
#ifndef OSBOX_SH_BI_H
#define OSBOX_SH_BI_H

#include <stdbool.h>
#include <stdint.h>

struct buf;

/* Reports a builtin's error as the shell reports its errors (as dash:
 * "$0: LINENO: printf: ..." in a script); fmt is the message after the
 * shell's own prefix, the builtin's name included. Defined by the shell's
 * core; the unit tests give their own. */
void sh_bi_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reads the options of a builtin: argv[1]... while they start with '-'
 * and are more than "-" ("--" ends them), each letter handed to take,
 * which says whether it knows it. Returns the index of the first operand,
 * or -1 after "NAME: Illegal option -C" for a letter it does not know. */
int sh_bi_options(int argc, char **argv, bool (*take)(int c, void *ctx), void *ctx);

/* echo as dash's (XSI): -n alone is an option; \a \b \c \f \n \r \t \v
 * \\ \0NNN are interpreted. */
int sh_bi_echo(int argc, char **argv, struct buf *out);
/* POSIX printf: the format reused until the arguments are used up, %b,
 * the C escapes, widths and precisions (also *), numeric arguments as C
 * constants and 'c. */
int sh_bi_printf(int argc, char **argv, struct buf *out);
/* test and [ (argv[0] "[": the last operand must be "]"), POSIX's rules
 * by number of operands, with -a -o ( ) as dash. */
int sh_bi_test(int argc, char **argv);
/* umask [-S] [MODE], MODE octal or symbolic. */
int sh_bi_umask(int argc, char **argv, struct buf *out);
/* ulimit [-HSa] [-fcdstnvmlpr...] [LIMIT], as dash. */
int sh_bi_ulimit(int argc, char **argv, struct buf *out);

/* Arithmetic expansion (POSIX XCU 2.6.4): the text between $(( and ))
 * once its parameters, command substitutions and quotes have been
 * expanded. Every C operator POSIX names (unary + - ~ !, * / % + - << >>
 * < <= > >= == != & ^ | && || ?: and the assignment operators = *= /= %=
 * += -= <<= >>= &= ^= |=), decimal, octal (0N) and hexadecimal (0xN)
 * constants, and variables by name (unset or empty is 0; a value that is
 * not a number is an error). intmax_t, as dash. */
struct sh_arith_vars {
	/* The value of variable name (NUL-terminated), or NULL when unset. */
	const char *(*get)(void *ctx, const char *name);
	/* Sets it; returns -1 (after a message) when it cannot be set. */
	int (*set)(void *ctx, const char *name, const char *value);
	void *ctx;
};
/* 0 and *result, or -1 after sh_bi_warn (division by zero, a syntax
 * error...). */
int sh_arith(const char *expr, const struct sh_arith_vars *vars, intmax_t *result);

#endif
