/* Buffered stdout with write-error detection (see out.h). */
#include "osbox/out.h"
#include "osbox/quote.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUT_BUFSIZE (64 * 1024)

static char buf[OUT_BUFSIZE];
static size_t used;
static int tty = -1;
static int error_status = 1;
static int closing;
static int pending; /* errno of a flush made for a diagnostic that failed */

bool out_isatty(void)
{
	if (tty < 0)
		tty = isatty(STDOUT_FILENO);
	return tty;
}

void out_set_error_status(int status)
{
	error_status = status;
}

/* A failed write ends the applet at once: going on (walking the rest of
 * /, say) would only produce more output that cannot be written. */
static _Noreturn void write_failed(int e)
{
	used = 0;
	closing = 1;
	if (e != EPIPE) {
		errno = e;
		warn("write error");
	}
	/* _exit: this may run inside the atexit handler, where exit() is
	 * undefined; nothing else is left to flush. */
	_exit(error_status);
}

/* Writes all of p to stdout; 0, or the errno of the write that failed. */
static int write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void drain(const char *p, size_t n)
{
	if (pending)
		write_failed(pending);
	int e = write_all(p, n);
	if (e)
		write_failed(e);
}

void out_flush(void)
{
	if (used) {
		size_t n = used;
		used = 0;
		drain(buf, n);
	}
}

void out_write(const void *data, size_t len)
{
	const char *p = data;
	if (len >= OUT_BUFSIZE - used) {
		out_flush();
		if (len >= OUT_BUFSIZE) {
			drain(p, len);
			return;
		}
	}
	memcpy(buf + used, p, len);
	used += len;
	if (out_isatty() && memchr(p, '\n', len))
		out_flush();
}

void out_putc(int c)
{
	if (used == OUT_BUFSIZE)
		out_flush();
	buf[used++] = (char)c;
	if (c == '\n' && out_isatty())
		out_flush();
}

void out_puts(const char *s)
{
	out_write(s, strlen(s));
}

void out_vprintf(const char *fmt, va_list ap)
{
	char small[512];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0) {
		va_end(ap2);
		return;
	}
	if ((size_t)n < sizeof small) {
		out_write(small, (size_t)n);
	} else {
		char *big = xmalloc((size_t)n + 1);
		vsnprintf(big, (size_t)n + 1, fmt, ap2);
		out_write(big, (size_t)n);
		free(big);
	}
	va_end(ap2);
}

void out_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_vprintf(fmt, ap);
	va_end(ap);
}

void out_name(const char *name, size_t len)
{
	if (!out_isatty() || !quote_needed(name, len)) {
		out_write(name, len);
		return;
	}
	char stackbuf[1024];
	char *dst = len < (sizeof stackbuf - 1) / 4 ? stackbuf : xmalloc(4 * len + 1);
	size_t n = quote_escape(dst, name, len);
	out_write(dst, n);
	if (dst != stackbuf)
		free(dst);
}

int out_write_now(const void *data, size_t len)
{
	if (pending) {
		int e = pending;
		pending = 0;
		return e;
	}
	size_t n = used;
	used = 0;
	int e = write_all(buf, n);
	return e ? e : write_all(data, len);
}

void out_discard(void)
{
	used = 0;
}

void out_close(void)
{
	if (closing)
		return;
	if (pending)
		write_failed(pending);
	out_flush();
	closing = 1;
}

/* stderr's writes: what stdout holds goes out first, as GNU's error()
 * does fflush(stdout) before it writes (the GNU C Library manual, "Error
 * Messages"), so that 2>&1 keeps the order in which things happened. A
 * failed flush is not reported here, inside a write to stderr, but at the
 * next flush or at out_close, after the diagnostic (as GNU's close_stdout
 * reports it at exit); write_failed empties the buffer before its own
 * message, which therefore flushes nothing and cannot recurse. */
static ssize_t stderr_write(void *cookie, const char *p, size_t n)
{
	(void)cookie;
	int saved = errno;
	if (used && !pending) {
		size_t k = used;
		used = 0;
		pending = write_all(buf, k);
	}
	size_t left = n;
	while (left > 0) {
		ssize_t w = write(STDERR_FILENO, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		p += w;
		left -= (size_t)w;
	}
	errno = saved;
	return left == n && n > 0 ? -1 : (ssize_t)(n - left);
}

void out_hook_stderr(void)
{
	static const cookie_io_functions_t io = {.write = stderr_write};
	FILE *f = fopencookie(NULL, "w", io);
	if (!f)
		return; /* the diagnostics still go out, only not in order */
	setvbuf(f, NULL, _IONBF, 0);
	stderr = f;
}
