/* The JSON writer: escaping, surrogateescape for invalid UTF-8, nesting. */
#include "osbox/json.h"
#include "osbox/out.h"

#include "unit.h"

#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *enc(const char *s, size_t n)
{
	return json_encode_string(s, n, NULL);
}

#define ENC_IS(in, want)                                                                           \
	do {                                                                                       \
		char *got = enc(in, sizeof(in) - 1);                                               \
		ck_assert_str_eq(got, want);                                                       \
		free(got);                                                                         \
	} while (0)

START_TEST(ascii_plain)
{
	ENC_IS("hello", "\"hello\"");
	ENC_IS("", "\"\"");
}
END_TEST

START_TEST(escapes)
{
	ENC_IS("a\"b\\c", "\"a\\\"b\\\\c\"");
	ENC_IS("\n\t\r\b\f", "\"\\n\\t\\r\\b\\f\"");
	ENC_IS("\x01\x1f", "\"\\u0001\\u001f\"");
	ENC_IS("\x7f", "\"\x7f\""); /* DEL needs no escape in JSON */
	ENC_IS("/", "\"/\"");
}
END_TEST

START_TEST(embedded_nul)
{
	char *got = enc("a\0b", 3);
	ck_assert_str_eq(got, "\"a\\u0000b\"");
	free(got);
}
END_TEST

START_TEST(valid_utf8_kept)
{
	ENC_IS("caf\xc3\xa9", "\"caf\xc3\xa9\"");
	ENC_IS("\xe2\x82\xac", "\"\xe2\x82\xac\"");         /* euro sign */
	ENC_IS("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""); /* emoji, 4 bytes */
	ENC_IS("\xef\xbf\xbf", "\"\xef\xbf\xbf\"");         /* U+FFFF */
	ENC_IS("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\""); /* U+10FFFF */
}
END_TEST

START_TEST(invalid_utf8_surrogateescape)
{
	ENC_IS("\xff", "\"\\udcff\"");
	ENC_IS("a\x80z", "\"a\\udc80z\"");
	ENC_IS("\xc3", "\"\\udcc3\"");                                  /* truncated */
	ENC_IS("\xc3(", "\"\\udcc3(\"");                                /* bad continuation */
	ENC_IS("\xc0\xaf", "\"\\udcc0\\udcaf\"");                       /* overlong */
	ENC_IS("\xe0\x80\xaf", "\"\\udce0\\udc80\\udcaf\"");            /* overlong 3-byte */
	ENC_IS("\xed\xa0\x80", "\"\\udced\\udca0\\udc80\"");            /* encoded surrogate */
	ENC_IS("\xf4\x90\x80\x80", "\"\\udcf4\\udc90\\udc80\\udc80\""); /* > U+10FFFF */
	ENC_IS("\xe2\x82", "\"\\udce2\\udc82\"");                       /* truncated at end */
	ENC_IS("\xe2\x82\xac\xe2", "\"\xe2\x82\xac\\udce2\"");
}
END_TEST

/* Captures what the streaming writer prints, through a pipe on fd 1. */
static char captured[4096];

static void capture(void (*fn)(void))
{
	int p[2], saved = dup(1);
	ck_assert_int_eq(pipe(p), 0);
	dup2(p[1], 1);
	close(p[1]);
	fn();
	out_flush();
	dup2(saved, 1);
	close(saved);
	ssize_t n = read(p[0], captured, sizeof captured - 1);
	captured[n < 0 ? 0 : n] = 0;
	close(p[0]);
}

static void write_nested(void)
{
	struct json j;
	json_init(&j);
	json_begin_object(&j);
	json_kcstr(&j, "root", "/tmp");
	json_key(&j, "dirs");
	json_begin_array(&j);
	json_cstr(&j, "a");
	json_str(&j, "b\xff", 2);
	json_end_array(&j);
	json_key(&j, "files");
	json_begin_array(&j);
	json_end_array(&j);
	json_kint(&j, "n", -5);
	json_kuint(&j, "u", 18446744073709551615ull);
	json_kbool(&j, "t", true);
	json_kcstr(&j, "z", NULL);
	json_ktime(&j, "mtime", 1700000000, 5);
	json_ktime(&j, "old", -2, 500000000);
	json_key(&j, "o");
	json_begin_object(&j);
	json_end_object(&j);
	json_end_object(&j);
	json_end_record(&j);
	json_begin_array(&j);
	json_int(&j, 1);
	json_int(&j, 2);
	json_end_array(&j);
	json_end_record(&j);
}

START_TEST(streaming_nested)
{
	capture(write_nested);
	ck_assert_str_eq(captured,
	                 "{\"root\":\"/tmp\",\"dirs\":[\"a\",\"b\\udcff\"],\"files\":[],\"n\":-5,"
	                 "\"u\":18446744073709551615,\"t\":true,\"z\":null,"
	                 "\"mtime\":1700000000.000000005,\"old\":-1.500000000,\"o\":{}}\n"
	                 "[1,2]\n");
}
END_TEST

/* json_time_ns against sec * 10^9 + nsec, worked out by hand: the
 * edges of the sign, of the fraction, and past what a long long of
 * nanoseconds holds (Python's st_mtime_ns has no such limit). */
static const struct {
	long long sec;
	long nsec;
	const char *want;
} ns_cases[] = {
    {0, 0, "0"},
    {0, 1, "1"},
    {0, 999999999, "999999999"},
    {1, 0, "1000000000"},
    {1700000000, 123456789, "1700000000123456789"},
    {-1, 0, "-1000000000"},
    {-1, 1, "-999999999"},
    {-1, 999999999, "-1"},
    {-2, 500000000, "-1500000000"},
    {9223372036854775807LL, 999999999, "9223372036854775807999999999"},
    {-9223372036854775807LL - 1, 0, "-9223372036854775808000000000"},
    {-9223372036854775807LL - 1, 1, "-9223372036854775807999999999"},
};
static size_t ns_case;

static void write_ns(void)
{
	struct json j;
	json_init(&j);
	json_time_ns(&j, ns_cases[ns_case].sec, ns_cases[ns_case].nsec);
}

START_TEST(time_ns_exact)
{
	for (ns_case = 0; ns_case < sizeof ns_cases / sizeof ns_cases[0]; ns_case++) {
		capture(write_ns);
		ck_assert_msg(strcmp(captured, ns_cases[ns_case].want) == 0,
		              "%lld.%09ld: got %s, want %s", ns_cases[ns_case].sec,
		              ns_cases[ns_case].nsec, captured, ns_cases[ns_case].want);
	}
}
END_TEST

static void write_times(void)
{
	struct json j;
	struct timespec t = {1700000000, 5}, old = {-2, 500000000};
	json_init(&j);
	json_begin_object(&j);
	json_ktimes(&j, "mtime", &t);
	json_ktimes(&j, "old", &old);
	json_ktimes(&j, "birth", NULL);
	json_end_object(&j);
	json_end_record(&j);
}

START_TEST(time_pairs)
{
	capture(write_times);
	ck_assert_str_eq(captured,
	                 "{\"mtime\":1700000000.000000005,\"mtime_ns\":1700000000000000005,"
	                 "\"old\":-1.500000000,\"old_ns\":-1500000000,"
	                 "\"birth\":null,\"birth_ns\":null}\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, ascii_plain);
	tcase_add_test(tc, escapes);
	tcase_add_test(tc, embedded_nul);
	tcase_add_test(tc, valid_utf8_kept);
	tcase_add_test(tc, invalid_utf8_surrogateescape);
	tcase_add_test(tc, streaming_nested);
	tcase_add_test(tc, time_ns_exact);
	tcase_add_test(tc, time_pairs);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
