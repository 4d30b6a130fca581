/* Buffered stdout. Every byte an applet prints goes through here so that
 * write errors are caught: a write error is reported as
 * "APPLET: write error: ..." and ends the applet with status 1 (or the
 * applet's chosen status); EPIPE ends it quietly. */
#ifndef OSBOX_OUT_H
#define OSBOX_OUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void out_write(const void *buf, size_t len);
void out_putc(int c);
void out_puts(const char *s); /* no newline added */
void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_vprintf(const char *fmt, va_list ap);
void out_flush(void);

/* Writes a file name: raw bytes, unless stdout is a terminal, where control
 * characters and invalid UTF-8 are shown escaped (see quote.h). */
void out_name(const char *name, size_t len);

/* True when stdout is a terminal (decided once). */
bool out_isatty(void);

/* Exit status used after a write error (GNU tools all use 1). */
void out_set_error_status(int status);

/* Flushes and checks; on error reports and exits. Called after the applet. */
void out_close(void);

/* Writes what is buffered, then data, at once; returns 0 or the errno of
 * the write that failed, without ending the program. For the shell,
 * whose builtins run in its own process and report a write error as
 * "NAME: write error" with status 1, and go on. */
int out_write_now(const void *data, size_t len);

/* Makes stderr a stream whose every write first writes what stdout holds,
 * so a diagnostic lands after the output that came before it (as GNU's
 * error() does). Called once, at start-up (core/main.c). */
void out_hook_stderr(void);

/* Forget buffered output without writing it (a forked child before exec). */
void out_discard(void);

#endif
