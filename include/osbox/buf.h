/* One growable byte buffer, kept NUL-terminated. A record is built whole
 * in it, then written; with a sink, what passes a chunk's size goes to
 * the sink on the way (and buf_flush sends the rest), so that a huge
 * field (stat's "%2000000000s") streams instead of filling memory.
 * Memory runs out only through xalloc_die. */
#ifndef OSBOX_BUF_H
#define OSBOX_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *p; /* NULL until something is added */
	size_t len, cap;
	void (*sink)(const void *data, size_t n);
};

/* Room for n more bytes (and the NUL) without moving p. */
void buf_reserve(struct buf *b, size_t n);
void buf_write(struct buf *b, const void *data, size_t n);
void buf_putc(struct buf *b, char c);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Shortens to len bytes. */
void buf_truncate(struct buf *b, size_t len);
/* With a sink: sends what is held. */
void buf_flush(struct buf *b);
/* The contents as a string (never NULL; "" when empty), kept by the buffer. */
const char *buf_str(const struct buf *b);
/* Hands the malloc'd string over to the caller and empties the buffer. */
char *buf_take(struct buf *b);
void buf_free(struct buf *b);

/* Replaces the contents with the target of the symlink (dirfd, name), of
 * any length (readlinkat(2) into a growing buffer). Returns 0, or -1 with
 * errno set. */
int buf_readlinkat(struct buf *b, int dirfd, const char *name);

#endif
