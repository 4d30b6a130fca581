/* Terminal-safe quoting of names, UTF-8 validation, and gnulib's quoting
 * styles (expected values are what coreutils 9.1's ls --quoting-style and
 * chmod print). */
#include "osbox/buf.h"
#include "osbox/quote.h"

#include "unit.h"

#include <check.h>
#include <errno.h>
#include <locale.h>
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

/* s (n bytes) quoted in style, in the locale in force. */
static const char *styled(const char *s, size_t n, enum quoting_style style)
{
	static struct buf b;
	buf_truncate(&b, 0);
	quote_style(&b, s, n, style);
	return buf_str(&b);
}
#define STYLED(s, style) styled(s, sizeof(s) - 1, style)

struct style_case {
	const char *in;
	enum quoting_style style;
	const char *want;
};

/* Each case's name quoted in its style (in C.UTF-8), as ls --quoting-style
 * prints it; by the part of gnulib's quotearg_buffer_restyled each tries. */
static const struct style_case styles[] = {
    /* qopen: each style's quotes, and whether it elides them. */
    {"ab", QS_LITERAL, "ab"},
    {"ab", QS_SHELL, "ab"},
    {"ab", QS_SHELL_ALWAYS, "'ab'"},
    {"ab", QS_SHELL_ESCAPE, "ab"},
    {"ab", QS_SHELL_ESCAPE_ALWAYS, "'ab'"},
    {"ab", QS_C, "\"ab\""},
    {"ab", QS_C_MAYBE, "ab"},
    {"ab", QS_ESCAPE, "ab"},
    {"ab", QS_LOCALE,
     "\xe2\x80\x98"
     "ab\xe2\x80\x99"},
    {"ab", QS_CLOCALE,
     "\xe2\x80\x98"
     "ab\xe2\x80\x99"},

    /* qcontrol: C escapes, and the backslash, style by style. */
    {"a\nb", QS_SHELL_ESCAPE, "'a'$'\\n''b'"},
    {"\a\b\f\r\t\v", QS_C, "\"\\a\\b\\f\\r\\t\\v\""},
    {"a\nb", QS_C_MAYBE, "\"a\\nb\""},
    {"a\nb", QS_ESCAPE, "a\\nb"},
    {"a\\b", QS_SHELL_ESCAPE, "'a\\b'"},
    {"a\\b", QS_C_MAYBE, "a\\b"},
    {"a\\b", QS_ESCAPE, "a\\\\b"},
    {"a\\b", QS_LOCALE,
     "\xe2\x80\x98"
     "a\\\\b\xe2\x80\x99"},
    {"a\x01", QS_SHELL_ESCAPE_ALWAYS, "'a'$'\\001'"},
    /* shell, not escaping: a control character stays bare, quoted */
    {"a\tb", QS_SHELL, "'a\tb'"},

    /* qapostrophe and the rescan: "it's" in double quotes when nothing else
     * is special; else '\'' and, as gnulib, $'...' kept from the look-ahead. */
    {"it's", QS_SHELL, "\"it's\""},
    {"it's", QS_SHELL_ESCAPE_ALWAYS, "\"it's\""},
    {"it's", QS_C_MAYBE, "it's"},
    {"it's", QS_LOCALE,
     "\xe2\x80\x98"
     "it's\xe2\x80\x99"},
    {"it's$", QS_SHELL_ESCAPE_ALWAYS, "'it'\\''s$'"},
    {"a'#", QS_SHELL_ESCAPE_ALWAYS, "'a'\\''#'"},
    {"\x85'", QS_SHELL_ESCAPE_ALWAYS, "''$'\\205'\\'''"},
    /* an open $'...' at the end of the look-ahead: the rewrite opens none */
    {"\x98^'\xc3", QS_SHELL_ESCAPE_ALWAYS, "'\\230''^'\\'''$'\\303'"},
    {"\xe2'.\xa9", QS_SHELL_ESCAPE_ALWAYS, "'\\342'\\''.'$'\\251'"},

    /* qother and qmbchar: characters of the locale kept whole, the rest in
     * octal, byte by byte. */
    {"caf\xc3\xa9", QS_SHELL_ESCAPE, "caf\xc3\xa9"},
    {"caf\xc3\xa9", QS_C, "\"caf\xc3\xa9\""},
    {"\xc2\x85", QS_C, "\"\\302\\205\""},
    {"a\xff", QS_ESCAPE, "a\\377"},
    {"a\xe2\x80", QS_SHELL_ESCAPE, "'a'$'\\342\\200'"},
    {"\x7f", QS_SHELL_ESCAPE_ALWAYS, "''$'\\177'"},
    {"a\xff", QS_LITERAL, "a\xff"},

    /* qstep: the closing quote inside is escaped (the curly one whole). */
    {"\xe2\x80\x99q", QS_LOCALE, "\xe2\x80\x98\\\xe2\x80\x99q\xe2\x80\x99"},
    {"\xe2\x80\x99q", QS_SHELL_ESCAPE, "\xe2\x80\x99q"},
    {"x\"y", QS_C, "\"x\\\"y\""},
    {"x\"y", QS_C_MAYBE, "\"x\\\"y\""},
    {"x\"y", QS_SHELL_ESCAPE, "'x\"y'"},

    /* qclassify: what makes a shell style keep its quotes; qclose: an empty
     * name. */
    {"", QS_SHELL_ESCAPE, "''"},
    {"", QS_LITERAL, ""},
    {"{", QS_SHELL_ESCAPE, "'{'"},
    {"{}", QS_SHELL_ESCAPE, "{}"},
    {"#a", QS_SHELL_ESCAPE, "'#a'"},
    {"a#", QS_SHELL_ESCAPE, "a#"},
    {"~a", QS_SHELL, "'~a'"},
    {"a b", QS_SHELL, "'a b'"},
    {"a?", QS_SHELL, "'a?'"},
    {"a|b", QS_SHELL, "'a|b'"},
    {"a@b%+,-./:]_", QS_SHELL, "a@b%+,-./:]_"},

    /* The styles as stat %N uses them. */
    {"a", QS_SHELL_ESCAPE_ALWAYS, "'a'"},
    {"", QS_SHELL_ESCAPE_ALWAYS, "''"},
    {"a\nb", QS_SHELL_ESCAPE_ALWAYS, "'a'$'\\n''b'"},
    {"\n", QS_SHELL_ESCAPE_ALWAYS, "''$'\\n'"},
    {"it's", QS_SHELL_ESCAPE_ALWAYS, "\"it's\""},
    {"it's$", QS_SHELL_ESCAPE_ALWAYS, "'it'\\''s$'"},
    {"a\xff", QS_SHELL_ESCAPE_ALWAYS, "'a'$'\\377'"},
    {"caf\xc3\xa9", QS_SHELL_ESCAPE_ALWAYS, "'caf\xc3\xa9'"},
    {"\xc2\x85", QS_SHELL_ESCAPE_ALWAYS, "''$'\\302\\205'"},
    /* gnulib keeps the open $'...' of its look-ahead: three quotes. */
    {"it's\xc2\x85", QS_SHELL_ESCAPE_ALWAYS, "'''it'\\''s'$'\\302\\205'"},
    {"\n'", QS_SHELL_ESCAPE_ALWAYS, "''$'\\n'\\'''"},
    {"a b", QS_SHELL, "'a b'"},
    {"ab", QS_SHELL, "ab"},
    {"", QS_SHELL, "''"},
    {"a\nb", QS_SHELL, "'a\nb'"},
    {"a\nb", QS_SHELL_ESCAPE, "'a'$'\\n''b'"},
    {"a\nb\"", QS_C, "\"a\\nb\\\"\""},
    {"ab", QS_C_MAYBE, "ab"},
    {"a\nb", QS_ESCAPE, "a\\nb"},
    {"a\nb", QS_LITERAL, "a\nb"},
    {"a\nb", QS_LOCALE,
     "\xe2\x80\x98"
     "a\\nb\xe2\x80\x99"},
};

START_TEST(style)
{
	for (size_t i = 0; i < UNIT_LEN(styles); i++) {
		const struct style_case *c = &styles[i];
		const char *got = styled(c->in, strlen(c->in), c->style);
		ck_assert_msg(strcmp(got, c->want) == 0,
		              "style %d of \"%s\": got \"%s\", want \"%s\"", (int)c->style, c->in,
		              got, c->want);
	}
}
END_TEST

START_TEST(style_names)
{
	ck_assert_int_eq(quoting_style_find("shell-escape-always"), QS_SHELL_ESCAPE_ALWAYS);
	ck_assert_int_eq(quoting_style_find("clocale"), QS_CLOCALE);
	ck_assert_int_eq(quoting_style_find("c-maybe"), QS_C_MAYBE);
	ck_assert_int_eq(quoting_style_find("Shell"), -1);
	ck_assert_int_eq(quoting_style_find("bogus"), -1);
}
END_TEST

/* quote_gnu: coreutils' quoteaf, quotef (':' too) and quote, in rotating
 * slots; errno kept. */
START_TEST(gnu_styles)
{
	ck_assert_str_eq(quote_gnu(0, QUOTE_SHELL_ALWAYS, "f"), "'f'");
	ck_assert_str_eq(quote_gnu(0, QUOTE_SHELL_ALWAYS, "a\nb"), "'a'$'\\n''b'");
	ck_assert_str_eq(quote_gnu(0, QUOTE_SHELL_ALWAYS, "x y"), "'x y'");
	ck_assert_str_eq(quote_gnu(0, QUOTE_SHELL, "f"), "f");
	ck_assert_str_eq(quote_gnu(0, QUOTE_SHELL, "a:b"), "'a:b'");
	ck_assert_str_eq(quote_gnu(0, QUOTE_SHELL, "{"), "'{'");
	ck_assert_str_eq(quote_gnu(0, QUOTE_SHELL, "it's:"), "\"it's:\"");
	ck_assert_str_eq(quote_gnu(0, QUOTE_LOCALE, "a:b"), "\xe2\x80\x98"
	                                                    "a:b\xe2\x80\x99");
	const char *a = quote_gnu(0, QUOTE_SHELL_ALWAYS, "a");
	const char *b = quote_gnu(1, QUOTE_SHELL_ALWAYS, "b");
	ck_assert_str_eq(a, "'a'");
	ck_assert_str_eq(b, "'b'");
	errno = EACCES;
	quote_gnu(2, QUOTE_SHELL, "\xff\xfe");
	ck_assert_int_eq(errno, EACCES);
}
END_TEST

/* The quoting locale is decided once, from the environment: the
 * process's own locale changes quote_style, not quote_gnu. */
START_TEST(gnu_locale_decided_once)
{
	ck_assert_str_eq(quote_gnu(0, QUOTE_LOCALE, "x"), "\xe2\x80\x98x\xe2\x80\x99");
	setlocale(LC_ALL, "C");
	setenv("LC_ALL", "C", 1);
	ck_assert_str_eq(STYLED("x", QS_LOCALE), "'x'");
	ck_assert_str_eq(STYLED("it's", QS_LOCALE), "'it\\'s'");
	ck_assert_str_eq(STYLED("caf\xc3\xa9", QS_SHELL_ESCAPE), "'caf'$'\\303\\251'");
	ck_assert_str_eq(quote_gnu(0, QUOTE_LOCALE, "x"), "\xe2\x80\x98x\xe2\x80\x99");
	ck_assert_str_eq(quote_gnu(0, QUOTE_SHELL, "caf\xc3\xa9"), "caf\xc3\xa9");
	/* and quote_gnu leaves the process's locale as it was */
	ck_assert_int_eq((int)MB_CUR_MAX, 1);
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LC_ALL", "C.UTF-8", 1);
}
END_TEST

START_TEST(quoting_c_locale)
{
	setlocale(LC_ALL, "C");
	ck_assert_str_eq(STYLED("caf\xc3\xa9", QS_SHELL_ESCAPE_ALWAYS), "'caf'$'\\303\\251'");
	ck_assert_str_eq(STYLED("a", QS_LOCALE), "'a'");
	ck_assert_str_eq(STYLED("a", QS_CLOCALE), "\"a\"");
	setlocale(LC_ALL, "C.UTF-8");
}
END_TEST

int main(void)
{
	/* The quoting locale, read when first needed, and the process's. */
	setenv("LC_ALL", "C.UTF-8", 1);
	setlocale(LC_ALL, "");
	Suite *s = suite_create("quote");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, plain_names_untouched);
	tcase_add_test(tc, controls_escaped);
	tcase_add_test(tc, invalid_utf8_octal);
	tcase_add_test(tc, embedded_nul);
	tcase_add_test(tc, utf8_lengths);
	tcase_add_test(tc, style);
	tcase_add_test(tc, style_names);
	tcase_add_test(tc, gnu_styles);
	tcase_add_test(tc, gnu_locale_decided_once);
	tcase_add_test(tc, quoting_c_locale);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
