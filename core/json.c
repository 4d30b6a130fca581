/* Streaming NDJSON writer (see json.h). */
#include "osbox/json.h"
#include "osbox/out.h"
#include "osbox/quote.h"
#include "osbox/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void json_init(struct json *j)
{
	memset(j, 0, sizeof *j);
}

/* Writes the comma a new value needs, unless it follows its key. */
static void sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		uint64_t bit = 1ull << (j->depth & 63);
		if (j->nonempty & bit)
			out_putc(',');
		j->nonempty |= bit;
	}
}

static void open_container(struct json *j, char c)
{
	sep(j);
	out_putc(c);
	j->depth++;
	j->nonempty &= ~(1ull << (j->depth & 63));
}

void json_begin_object(struct json *j)
{
	open_container(j, '{');
}

void json_end_object(struct json *j)
{
	j->depth--;
	out_putc('}');
}

void json_begin_array(struct json *j)
{
	open_container(j, '[');
}

void json_end_array(struct json *j)
{
	j->depth--;
	out_putc(']');
}

/* Writes the escaped form of s (without quotes) at d; returns its length.
 * d must hold 6 bytes per input byte. */
static const char hex[] = "0123456789abcdef";

static size_t escape_into(char *d, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	char *start = d;
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			*d++ = (char)c;
			i++;
			continue;
		}
		if (c < 0x80) {
			*d++ = '\\';
			switch (c) {
			case '"':
				*d++ = '"';
				break;
			case '\\':
				*d++ = '\\';
				break;
			case '\n':
				*d++ = 'n';
				break;
			case '\t':
				*d++ = 't';
				break;
			case '\r':
				*d++ = 'r';
				break;
			case '\b':
				*d++ = 'b';
				break;
			case '\f':
				*d++ = 'f';
				break;
			default:
				*d++ = 'u';
				*d++ = '0';
				*d++ = '0';
				*d++ = hex[c >> 4];
				*d++ = hex[c & 15];
			}
			i++;
			continue;
		}
		size_t l = utf8_seq_len(s + i, n - i, NULL);
		if (l == 0) {
			/* surrogateescape: byte 0xXX becomes U+DCXX */
			memcpy(d, "\\udc", 4);
			d += 4;
			*d++ = hex[c >> 4];
			*d++ = hex[c & 15];
			i++;
			continue;
		}
		memcpy(d, s + i, l);
		d += l;
		i += l;
	}
	return (size_t)(d - start);
}

static void write_string(const char *s, size_t n)
{
	char stackbuf[2048];
	size_t need = 6 * n + 2;
	char *b = need <= sizeof stackbuf ? stackbuf : xmalloc(need);
	b[0] = '"';
	size_t len = 1 + escape_into(b + 1, s, n);
	b[len++] = '"';
	out_write(b, len);
	if (b != stackbuf)
		free(b);
}

char *json_encode_string(const char *s, size_t n, size_t *outlen)
{
	char *b = xmalloc(6 * n + 3);
	b[0] = '"';
	size_t len = 1 + escape_into(b + 1, s, n);
	b[len++] = '"';
	b[len] = 0;
	if (outlen)
		*outlen = len;
	return b;
}

void json_key(struct json *j, const char *key)
{
	sep(j);
	write_string(key, strlen(key));
	out_putc(':');
	j->after_key = true;
}

void json_str(struct json *j, const char *s, size_t n)
{
	sep(j);
	write_string(s, n);
}

void json_cstr(struct json *j, const char *s)
{
	if (!s)
		json_null(j);
	else
		json_str(j, s, strlen(s));
}

void json_int(struct json *j, long long v)
{
	sep(j);
	out_printf("%lld", v);
}

void json_uint(struct json *j, unsigned long long v)
{
	sep(j);
	out_printf("%llu", v);
}

void json_bool(struct json *j, bool v)
{
	sep(j);
	out_puts(v ? "true" : "false");
}

void json_null(struct json *j)
{
	sep(j);
	out_puts("null");
}

void json_time(struct json *j, long long sec, long nsec)
{
	sep(j);
	/* Exact decimal text, not a double: nanoseconds survive. Negative
	 * times (before 1970) keep the fraction's sign right: -1.5 is
	 * sec=-2, nsec=500000000. */
	if (sec < 0 && nsec > 0)
		out_printf("-%lld.%09ld", -(sec + 1), 1000000000L - nsec);
	else
		out_printf("%lld.%09ld", sec, nsec);
}

void json_time_ns(struct json *j, long long sec, long nsec)
{
	sep(j);
	/* Written as text, not computed as sec * 10^9 + nsec, which would
	 * overflow past the year 2262 (and before 1677): the digits of sec
	 * followed by the nine of nsec. Before 1970, sec=-2, nsec=500000000
	 * is -1500000000. */
	unsigned long long s;
	long ns;
	const char *sign = "";
	if (sec < 0) {
		sign = "-";
		/* -(sec + 1) cannot overflow where -sec could */
		s = (unsigned long long)(-(sec + 1));
		ns = 1000000000L - nsec;
		if (ns == 1000000000L) {
			ns = 0;
			s++;
		}
	} else {
		s = (unsigned long long)sec;
		ns = nsec;
	}
	if (s == 0)
		out_printf("%s%ld", ns ? sign : "", ns);
	else
		out_printf("%s%llu%09ld", sign, s, ns);
}

void json_end_record(struct json *j)
{
	out_putc('\n');
	json_init(j);
}

void json_kstr(struct json *j, const char *key, const char *s, size_t n)
{
	json_key(j, key);
	json_str(j, s, n);
}

void json_kcstr(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_cstr(j, s);
}

void json_kint(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_kuint(struct json *j, const char *key, unsigned long long v)
{
	json_key(j, key);
	json_uint(j, v);
}

void json_kbool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

void json_ktime(struct json *j, const char *key, long long sec, long nsec)
{
	json_key(j, key);
	json_time(j, sec, nsec);
}

void json_ktimes(struct json *j, const char *key, const struct timespec *ts)
{
	char k[64];
	snprintf(k, sizeof k, "%s_ns", key);
	json_key(j, key);
	if (ts)
		json_time(j, ts->tv_sec, ts->tv_nsec);
	else
		json_null(j);
	json_key(j, k);
	if (ts)
		json_time_ns(j, ts->tv_sec, ts->tv_nsec);
	else
		json_null(j);
}
