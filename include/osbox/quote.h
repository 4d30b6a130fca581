/* Showing names safely on a terminal, and quoting them as GNU's tools do. */
#ifndef OSBOX_QUOTE_H
#define OSBOX_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if the
 * bytes there are not one (overlong forms, surrogates and code points past
 * U+10FFFF are invalid, as in Python's decoder). */
size_t utf8_seq_len(const unsigned char *s, size_t n, unsigned *cp);

/* The one table of C's single-letter escapes (\a \b \f \n \r \t \v):
 * c_escape_letter('\n') is 'n' and 0 for a byte with no such escape;
 * c_escape_value('n') is '\n' and -1 for a letter that is not one. */
int c_escape_letter(unsigned char c);
int c_escape_value(int letter);

/* True when the name needs escaping to be shown on a terminal. */
bool quote_needed(const char *s, size_t n);

/* Escapes s the way GNU ls -b does: C escapes (\n \t \\ ...) for control
 * characters, \ooo for other control bytes, C1 controls and invalid UTF-8.
 * dst must hold 4*n+1 bytes; returns the length written (NUL-terminated). */
size_t quote_escape(char *dst, const char *s, size_t n);

/* gnulib's quoting styles, as QUOTING_STYLE and ls --quoting-style name
 * them (the coreutils manual, "Formatting file names"). */
enum quoting_style {
	QS_LITERAL,
	QS_SHELL,
	QS_SHELL_ALWAYS,
	QS_SHELL_ESCAPE,
	QS_SHELL_ESCAPE_ALWAYS,
	QS_C,
	QS_C_MAYBE,
	QS_ESCAPE,
	QS_LOCALE,
	QS_CLOCALE,
};

/* The style called name ("shell-escape-always"...), or -1. */
int quoting_style_find(const char *name);

struct buf;

/* Appends s quoted in style as gnulib's quotearg does, in the locale in
 * force (LC_CTYPE, as setlocale(3) or uselocale(3) made it): 'a'$'\n''b'
 * for shell-escape-always, "it's" when an apostrophe is the only problem,
 * printable multibyte characters kept as they are and everything else
 * escaped. errno is left as it was. */
void quote_style(struct buf *b, const char *s, size_t n, enum quoting_style style);

/* GNU coreutils' quoting of operands in diagnostics, so that messages of
 * the applets that replace GNU tools read the same:
 *   QUOTE_SHELL_ALWAYS  'name' in shell syntax, $'\n' for control
 *                       characters ("cannot access 'a b'"; coreutils'
 *                       quoteaf, the shell-escape-always style);
 *   QUOTE_SHELL         the same, but only when the name needs it, ':'
 *                       included ("f: new permissions..."; quotef,
 *                       shell-escape);
 *   QUOTE_LOCALE        a quote mark pair, C escapes inside: curly quotes
 *                       in a UTF-8 locale, '' otherwise ("invalid mode:
 *                       'abc'"; quote, the locale style).
 * The locale is the quoting locale: the one setlocale(LC_ALL, "") would
 * give, named by the environment when the first name is quoted or when
 * quote_locale_init is called (and loaded at the first quote), whatever
 * the process's own locale. The
 * result lives in slot (0 to 3) until the same slot is used again. errno
 * is left as it was, so that warn("...%s", quote_gnu(...)) reports the
 * right error. */
enum quote_style { QUOTE_SHELL_ALWAYS, QUOTE_SHELL, QUOTE_LOCALE };
const char *quote_gnu(int slot, enum quote_style style, const char *s);
/* Reads the quoting locale's names from the environment now (an applet
 * about to change its environment); no locale is loaded yet. */
void quote_locale_init(void);

#endif
