/* Showing names safely on a terminal. */
#ifndef OSBOX_QUOTE_H
#define OSBOX_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if the
 * bytes there are not one (overlong forms, surrogates and code points past
 * U+10FFFF are invalid, as in Python's decoder). */
size_t utf8_seq_len(const unsigned char *s, size_t n, unsigned *cp);

/* True when the name needs escaping to be shown on a terminal. */
bool quote_needed(const char *s, size_t n);

/* Escapes s the way GNU ls -b does: C escapes (\n \t \\ ...) for control
 * characters, \ooo for other control bytes, C1 controls and invalid UTF-8.
 * dst must hold 4*n+1 bytes; returns the length written (NUL-terminated). */
size_t quote_escape(char *dst, const char *s, size_t n);

#endif
