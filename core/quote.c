/* UTF-8 validation and terminal-safe escaping of names. */
#include "osbox/quote.h"

size_t utf8_seq_len(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0], v;
	size_t len;
	if (c < 0x80) {
		if (cp)
			*cp = c;
		return 1;
	}
	if (c < 0xc2)
		return 0; /* continuation byte, or overlong 2-byte lead */
	if (c < 0xe0) {
		len = 2;
		v = c & 0x1f;
	} else if (c < 0xf0) {
		len = 3;
		v = c & 0x0f;
	} else if (c < 0xf5) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) || v > 0x10ffff ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	if (cp)
		*cp = v;
	return len;
}

static int is_c0(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

bool quote_needed(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n;) {
		if (s[i] < 0x80) {
			if (is_c0(s[i]) || s[i] == '\\')
				return true;
			i++;
			continue;
		}
		unsigned cp;
		size_t l = utf8_seq_len(s + i, n - i, &cp);
		if (l == 0 || (cp >= 0x80 && cp < 0xa0))
			return true;
		i += l;
	}
	return false;
}

static char *octal(char *d, unsigned char c)
{
	*d++ = '\\';
	*d++ = (char)('0' + (c >> 6));
	*d++ = (char)('0' + ((c >> 3) & 7));
	*d++ = (char)('0' + (c & 7));
	return d;
}

size_t quote_escape(char *dst, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	char *d = dst;
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		if (c < 0x80) {
			const char *e = 0;
			switch (c) {
			case '\a':
				e = "\\a";
				break;
			case '\b':
				e = "\\b";
				break;
			case '\t':
				e = "\\t";
				break;
			case '\n':
				e = "\\n";
				break;
			case '\v':
				e = "\\v";
				break;
			case '\f':
				e = "\\f";
				break;
			case '\r':
				e = "\\r";
				break;
			case '\\':
				e = "\\\\";
				break;
			}
			if (e) {
				*d++ = e[0];
				*d++ = e[1];
			} else if (is_c0(c)) {
				d = octal(d, c);
			} else {
				*d++ = (char)c;
			}
			i++;
			continue;
		}
		unsigned cp;
		size_t l = utf8_seq_len(s + i, n - i, &cp);
		if (l == 0 || (cp >= 0x80 && cp < 0xa0)) {
			/* invalid byte, or a C1 control: each byte in octal */
			size_t k = l ? l : 1;
			for (size_t j = 0; j < k; j++)
				d = octal(d, s[i + j]);
			i += k;
			continue;
		}
		for (size_t j = 0; j < l; j++)
			*d++ = (char)s[i + j];
		i += l;
	}
	*d = 0;
	return (size_t)(d - dst);
}
