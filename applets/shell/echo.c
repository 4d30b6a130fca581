/* echo as dash's, which is XSI's (POSIX XCU echo, XSI): a first operand of
 * exactly "-n" drops the newline, nothing else is an option, and the
 * backslash escapes are always interpreted; \c ends the output there,
 * newline included. printf's %b reads the same escapes. */
#include "bi.h"
#include "osbox/buf.h"

#include <stdbool.h>
#include <string.h>

/* Also printf's %b (printf.c declares it): not in bi.h, which is the
 * interface with the shell's core. */
bool sh_bi_bexpand(const char *s, struct buf *out);

static int octal(int c)
{
	return c >= '0' && c <= '7';
}

/* Appends s with \a \b \e \f \n \r \t \v \\ \0NNN and \NNN (up to three
 * octal digits after the 0, or three in all) interpreted, other
 * backslashes kept; false at \c, where all output ends. */
bool sh_bi_bexpand(const char *s, struct buf *out)
{
	static const char from[] = "abefnrtv\\", to[] = "\a\b\033\f\n\r\t\v\\";
	for (;;) {
		const char *bs = strchr(s, '\\');
		if (!bs) {
			buf_puts(out, s);
			return true;
		}
		buf_write(out, s, (size_t)(bs - s));
		s = bs + 1;
		const char *e = *s ? strchr(from, *s) : NULL;
		if (e) {
			buf_putc(out, to[e - from]);
			s++;
		} else if (*s == 'c') {
			return false;
		} else if (octal(*s)) {
			unsigned v = 0;
			int n = 0, max = *s == '0' ? 4 : 3;
			while (n < max && octal(*s)) {
				v = v * 8 + (unsigned)(*s++ - '0');
				n++;
			}
			buf_putc(out, (char)(v & 0xff));
		} else {
			buf_putc(out, '\\');
		}
	}
}

int sh_bi_echo(int argc, char **argv, struct buf *out)
{
	int i = 1;
	bool newline = true;
	if (i < argc && strcmp(argv[i], "-n") == 0) {
		newline = false;
		i++;
	}
	for (; i < argc; i++) {
		if (!sh_bi_bexpand(argv[i], out))
			return 0;
		if (i + 1 < argc)
			buf_putc(out, ' ');
	}
	if (newline)
		buf_putc(out, '\n');
	return 0;
}
