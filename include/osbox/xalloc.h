/* Allocation that cannot fail: on failure the program ends with
 * "APPLET: out of memory" and the applet's own failure status, as
 * BusyBox's xmalloc does with xfunc_error_retval. Callers need no error
 * branch for what cannot be recovered from anyway. */
#ifndef OSBOX_XALLOC_H
#define OSBOX_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* The status the program ends with when memory runs out: 1 unless an
 * applet says otherwise (125 for env, spawn and runas, which keep 126 and
 * 127 for the command they run). opts_begin sets it from the applet's
 * option table. */
void xalloc_set_status(int status);
_Noreturn void xalloc_die(void);

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc of count elements of size bytes, the product checked for overflow. */
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

#endif
