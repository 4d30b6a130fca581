/* Fuzzes the terminal escaping of names: the output holds no control
 * character and no invalid UTF-8, and unescaping it gives back the input.
 * And gnulib's quoting styles: every style that escapes leaves no control
 * character bare, and none writes past what it says. */
#include "osbox/buf.h"
#include "osbox/quote.h"

#include <locale.h>
#include <stdbool.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static long unescape(const char *s, size_t n, unsigned char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] != '\\') {
			out[o++] = (unsigned char)s[i++];
			continue;
		}
		if (i + 1 >= n)
			return -1;
		char e = s[i + 1];
		int v = e == '\\' ? '\\' : c_escape_value(e);
		if (v >= 0) {
			out[o++] = (unsigned char)v;
			i += 2;
		} else if (e >= '0' && e <= '3' && i + 3 < n) {
			out[o++] = (unsigned char)((e - '0') * 64 + (s[i + 2] - '0') * 8 +
			                           (s[i + 3] - '0'));
			i += 4;
		} else {
			return -1;
		}
	}
	return (long)o;
}

/* A name (up to its first NUL, as names have none) in each style. */
static void styles(const uint8_t *data, size_t size)
{
	static bool init;
	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = true;
	}
	const uint8_t *nul = memchr(data, 0, size);
	size_t n = nul ? (size_t)(nul - data) : size;
	struct buf b = {0};
	for (int st = QS_LITERAL; st <= QS_CLOCALE; st++) {
		buf_truncate(&b, 0);
		quote_style(&b, (const char *)data, n, (enum quoting_style)st);
		if (b.len > 10 * n + 16 || strlen(buf_str(&b)) != b.len)
			abort();
		if (st == QS_LITERAL || st == QS_SHELL || st == QS_SHELL_ALWAYS)
			continue;
		for (size_t i = 0; i < b.len; i++)
			if ((unsigned char)b.p[i] < 0x20 || b.p[i] == 0x7f)
				abort();
	}
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	styles(data, size);
	char *q = malloc(4 * size + 1);
	size_t len = quote_escape(q, (const char *)data, size);
	if (len > 4 * size || q[len] != 0)
		abort();
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)q[i];
		if (c < 0x20 || c == 0x7f)
			abort();
		unsigned cp;
		size_t l = utf8_seq_len((const unsigned char *)q + i, len - i, &cp);
		if (l == 0 || (cp >= 0x80 && cp < 0xa0))
			abort();
		i += l;
	}
	if (quote_needed((const char *)data, size) != (len != size || memcmp(q, data, size) != 0))
		abort();
	unsigned char *back = malloc(size + 1);
	long n = unescape(q, len, back);
	if (n != (long)size || memcmp(back, data, size) != 0)
		abort();
	free(back);
	free(q);
	return 0;
}
