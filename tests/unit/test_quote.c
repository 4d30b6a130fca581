/* Terminal-safe quoting of names and UTF-8 validation. */
#include "osbox/quote.h"

#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void esc_is(const char *in, size_t n, const char *want)
{
	char buf[256];
	size_t len = quote_escape(buf, in, n);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_str_eq(buf, want);
}
#define ESC_IS(in, want) esc_is(in, sizeof(in) - 1, want)

START_TEST(plain_names_untouched)
{
	ck_assert(!quote_needed("hello.txt", 9));
	ck_assert(!quote_needed("caf\xc3\xa9", 5));
	ck_assert(!quote_needed("a b'c\"", 6));
	ESC_IS("hello world", "hello world");
	ESC_IS("caf\xc3\xa9", "caf\xc3\xa9");
}
END_TEST

START_TEST(controls_escaped)
{
	ck_assert(quote_needed("a\nb", 3));
	ESC_IS("a\nb", "a\\nb");
	ESC_IS("\t\r\a\b\v\f", "\\t\\r\\a\\b\\v\\f");
	ESC_IS("\x1b[31m", "\\033[31m"); /* a terminal escape cannot reach the terminal */
	ESC_IS("\x7f", "\\177");
	ESC_IS("back\\slash", "back\\\\slash");
	ck_assert(quote_needed("a\\b", 3));
}
END_TEST

START_TEST(invalid_utf8_octal)
{
	ck_assert(quote_needed("\xff", 1));
	ESC_IS("a\xffz", "a\\377z");
	ESC_IS("\xc3", "\\303");
	ESC_IS("\xc2\x85", "\\302\\205"); /* U+0085, a C1 control */
	ESC_IS("\xed\xa0\x80", "\\355\\240\\200");
}
END_TEST

START_TEST(embedded_nul)
{
	esc_is("a\0b", 3, "a\\000b");
}
END_TEST

START_TEST(utf8_lengths)
{
	unsigned cp;
	ck_assert_uint_eq(utf8_seq_len((const unsigned char *)"A", 1, &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_uint_eq(utf8_seq_len((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0xe9);
	ck_assert_uint_eq(utf8_seq_len((const unsigned char *)"\xe2\x82\xac", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x20ac);
	ck_assert_uint_eq(utf8_seq_len((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1f600);
	ck_assert_uint_eq(utf8_seq_len((const unsigned char *)"\xe2\x82\xac", 2, NULL), 0);
	ck_assert_uint_eq(utf8_seq_len((const unsigned char *)"\xc1\xbf", 2, NULL), 0);
	ck_assert_uint_eq(utf8_seq_len((const unsigned char *)"\xf5\x80\x80\x80", 4, NULL), 0);
	ck_assert_uint_eq(utf8_seq_len((const unsigned char *)"\x80", 1, NULL), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("quote");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, plain_names_untouched);
	tcase_add_test(tc, controls_escaped);
	tcase_add_test(tc, invalid_utf8_octal);
	tcase_add_test(tc, embedded_nul);
	tcase_add_test(tc, utf8_lengths);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
