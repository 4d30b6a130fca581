/* Fuzzes the JSON string encoder: the output must be valid JSON text
 * (checked by a strict decoder here) that decodes, with surrogateescape,
 * to exactly the input bytes. */
#include "osbox/json.h"
#include "osbox/quote.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes a JSON string literal; code points U+DC80..U+DCFF give back the
 * byte they escape, others are encoded as UTF-8. Returns the length, or
 * -1 if the text is not a valid string literal. */
static long decode(const char *s, size_t n, unsigned char *out)
{
	size_t i = 0, o = 0;
	if (n < 2 || s[0] != '"' || s[n - 1] != '"')
		return -1;
	for (i = 1; i < n - 1;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == '"')
			return -1;
		if (c != '\\') {
			out[o++] = c;
			i++;
			continue;
		}
		if (i + 1 >= n - 1)
			return -1;
		char e = s[i + 1];
		i += 2;
		switch (e) {
		case '"':
			out[o++] = '"';
			break;
		case '\\':
			out[o++] = '\\';
			break;
		case '/':
			out[o++] = '/';
			break;
		case 'u': {
			if (i + 4 > n - 1)
				return -1;
			unsigned v = 0;
			for (int k = 0; k < 4; k++) {
				int h = hexval(s[i + k]);
				if (h < 0)
					return -1;
				v = v * 16 + (unsigned)h;
			}
			i += 4;
			if (v >= 0xdc80 && v <= 0xdcff)
				out[o++] = (unsigned char)(v - 0xdc00);
			else if (v < 0x20)
				out[o++] = (unsigned char)v;
			else
				return -1; /* the encoder escapes nothing else */
			break;
		}
		default:
			/* JSON's letter escapes (RFC 8259, section 7) are five of C's */
			if (e == 0 || !strchr("bfnrt", e))
				return -1;
			out[o++] = (unsigned char)c_escape_value(e);
		}
	}
	return (long)o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	char *enc = json_encode_string((const char *)data, size, &len);
	unsigned char *back = malloc(size + 1);
	long n = decode(enc, len, back);
	if (n != (long)size || memcmp(back, data, size) != 0)
		abort();
	free(back);
	free(enc);
	return 0;
}
