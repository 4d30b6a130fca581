/* The growable byte buffer (buf.h). */
#include "osbox/buf.h"
#include "osbox/xalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* With a sink, a record is passed on in pieces of about this size. */
#define BUF_CHUNK (64 * 1024)

void buf_reserve(struct buf *b, size_t n)
{
	if (b->cap > b->len && b->cap - b->len > n)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len <= n) {
		if (cap > SIZE_MAX / 2)
			xalloc_die();
		cap *= 2;
	}
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void buf_flush(struct buf *b)
{
	if (b->sink && b->len) {
		b->sink(b->p, b->len);
		b->len = 0;
		b->p[0] = 0;
	}
}

void buf_write(struct buf *b, const void *data, size_t n)
{
	if (b->sink && b->len + n > BUF_CHUNK) {
		buf_flush(b);
		if (n > BUF_CHUNK) {
			b->sink(data, n);
			return;
		}
	}
	buf_reserve(b, n);
	if (n) /* (data may be NULL then: another buf's empty contents) */
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = 0;
}

void buf_putc(struct buf *b, char c)
{
	if (!b->sink && b->cap > b->len + 1) {
		b->p[b->len++] = c;
		b->p[b->len] = 0;
		return;
	}
	buf_write(b, &c, 1);
}

void buf_puts(struct buf *b, const char *s)
{
	buf_write(b, s, strlen(s));
}

static ssize_t cookie_write(void *cookie, const char *data, size_t n)
{
	buf_write(cookie, data, n);
	return (ssize_t)n;
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	char small[256];
	int n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		buf_write(b, small, (size_t)n);
		return;
	}
	if (b->sink && n > BUF_CHUNK) {
		/* A huge width: let printf stream it through a FILE. */
		FILE *fp = fopencookie(b, "w", (cookie_io_functions_t){.write = cookie_write});
		if (!fp)
			xalloc_die();
		vfprintf(fp, fmt, ap);
		fclose(fp);
		return;
	}
	buf_reserve(b, (size_t)n);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->p[len] = 0;
	}
}

const char *buf_str(const struct buf *b)
{
	return b->p ? b->p : "";
}

char *buf_take(struct buf *b)
{
	char *s = b->p ? b->p : xstrdup("");
	b->p = NULL;
	b->len = b->cap = 0;
	return s;
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int buf_readlinkat(struct buf *b, int dirfd, const char *name)
{
	b->len = 0;
	buf_reserve(b, 255);
	for (;;) {
		ssize_t n = readlinkat(dirfd, name, b->p, b->cap);
		if (n < 0)
			return -1;
		if ((size_t)n < b->cap) {
			b->len = (size_t)n;
			b->p[n] = 0;
			return 0;
		}
		/* It may have been cut short: try again with twice the room. */
		buf_reserve(b, b->cap);
	}
}
