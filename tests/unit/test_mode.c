/* mode: the chmod grammar, every clause form, applied to files and
 * directories under several umasks. Expected values follow POSIX chmod(1)
 * and GNU chmod (checked against coreutils 9.1). */
#include "osbox/mode.h"

#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <sys/stat.h>

#define F S_IFREG
#define D S_IFDIR

/* The bits MODE gives a file whose mode is old, under umask. */
static mode_t ap(const char *mode, mode_t old, mode_t umask)
{
	struct mode_spec s;
	ck_assert_msg(mode_compile(mode, &s), "'%s' should be valid", mode);
	mode_t r = mode_apply(&s, old, S_ISDIR(old), umask, NULL);
	mode_free(&s);
	return r;
}

struct ap_case {
	const char *mode;
	mode_t old, umask, want;
};

/* What each mode gives a file of that mode under that umask. */
static const struct ap_case applied[] = {
    /* octal numbers */
    {"0", F | 0644, 022, 0},
    {"755", F | 0644, 022, 0755},
    {"644", F | 04755, 022, 0644},
    {"7777", F | 0, 022, 07777},
    {"4755", F | 0, 0, 04755},
    {"00000000644", F | 0755, 0, 0644},
    /* the umask does not limit an absolute mode */
    {"777", F | 0, 0777, 0777},

    /* octal numbers on directories */
    /* GNU: fewer than five digits keep a directory's setuid/setgid
     * unless the number sets them; five or more set every bit. */
    {"755", D | 02755, 022, 02755},
    {"0755", D | 06755, 022, 06755},
    {"00755", D | 02755, 022, 0755},
    {"2755", D | 0755, 022, 02755},
    {"4755", D | 02755, 022, 06755},
    /* sticky is not kept */
    {"755", D | 01755, 022, 0755},
    /* nor is setgid on a file */
    {"755", F | 02755, 022, 0755},

    /* who letters and operators */
    {"u+x", F | 0644, 022, 0744},
    {"g+w", F | 0644, 022, 0664},
    {"o-r", F | 0644, 022, 0640},
    {"a+x", F | 0644, 022, 0755},
    {"ug+x", F | 0644, 022, 0754},
    {"uo=rw", F | 0777, 022, 0676},
    {"u=", F | 0777, 022, 0077},
    {"a=", F | 0777, 022, 0},
    {"uuu+x", F | 0, 0, 0100},
    {"ga-w", F | 0666, 0, 0444},

    /* no who letters */
    /* POSIX: with no who letters, bits set in the umask are not
     * affected. */
    {"+w", F | 0444, 022, 0644},
    {"+w", F | 0444, 0, 0666},
    {"-w", F | 0666, 022, 0466},
    {"=rw", F | 0777, 077, 0600},
    {"=rw", F | 0777, 022, 0644},
    {"+x", F | 0644, 0777, 0644},
    /* an explicit a ignores it */
    {"a+w", F | 0444, 022, 0666},
    /* s and t are never in a umask */
    {"+s", F | 0755, 077, 06755},
    {"+t", F | 0755, 077, 01755},

    /* several operators in a clause */
    {"u=rw-w", F | 0777, 022, 0477},
    {"u+x-r", F | 0644, 022, 0344},
    {"go=r+x", F | 0600, 022, 0655},
    {"a-rwx+r=x", F | 0777, 022, 0111},
    {"+x-w", F | 0666, 022, 0577},

    /* several clauses */
    {"u+x,g-w", F | 0664, 022, 0744},
    {"u=rwx,g=rx,o=", F | 0, 022, 0750},
    {"a=,u+r", F | 0777, 022, 0400},
    {"=,u+r", F | 0777, 022, 0400},

    /* X */
    /* X: execute only for directories and files someone may execute */
    {"a+X", F | 0644, 022, 0644},
    {"a+X", F | 0744, 022, 0755},
    {"a+X", F | 0654, 022, 0755},
    {"a+X", D | 0644, 022, 0755},
    {"u=rX", F | 0700, 022, 0500},
    {"u=rX", F | 0600, 022, 0400},
    {"go-X", F | 0755, 022, 0744},
    {"+X", D | 0600, 077, 0700},
    /* "current mode" is the mode as the clause finds it */
    {"u+x,g+X", F | 0640, 022, 0750},

    /* s and t */
    {"u+s", F | 0755, 022, 04755},
    {"g+s", F | 0755, 022, 02755},
    /* s means nothing for o */
    {"o+s", F | 0755, 022, 0755},
    {"a+s", F | 0755, 022, 06755},
    {"+t", F | 0755, 022, 01755},
    /* t means nothing for u */
    {"u+t", F | 0755, 022, 0755},
    {"o+t", F | 0755, 022, 01755},
    {"a+st", F | 0, 022, 07000},
    {"u-s", F | 06755, 022, 02755},
    {"a=rx", F | 07777, 022, 0555},
    {"ug=rwxs", F | 0, 022, 06770},

    /* s on directories */
    /* GNU: on a directory a clause changes setuid/setgid only when it
     * names s (they are inherited there, not privileges). */
    {"g=rwx", D | 02755, 022, 02775},
    {"a=rx", D | 06755, 022, 06555},
    {"=", D | 02755, 022, 02000},
    {"g-s", D | 02755, 022, 0755},
    {"g=rs", D | 0755, 022, 02745},
    {"u=g", D | 02750, 022, 02550},
    {"a=rx", F | 06755, 022, 0555},

    /* copies (u, g, o as the permission) */
    {"g=u", F | 0740, 022, 0770},
    {"o=u", F | 0640, 022, 0646},
    {"u=o", F | 0705, 022, 0505},
    {"go=u", F | 0700, 022, 0777},
    /* "g" is rwx here: all of it goes */
    {"a-g", F | 0777, 022, 0},
    {"o+g", F | 0750, 022, 0755},
    {"g=u-w", F | 0640, 022, 0640},
    {"u=g,g=o", F | 0751, 022, 0511},
    /* with no who, a copy honours the umask */
    {"=u", F | 0700, 022, 0755},
    {"+u", F | 0600, 077, 0600},
    /* a copy is read from the mode as changed so far */
    {"u+x,g=u", F | 0600, 022, 0770},

    /* an operator and a number */
    /* GNU extension: an operator followed by a number, with no who */
    {"=755", F | 0644, 022, 0755},
    {"+111", F | 0644, 022, 0755},
    {"-022", F | 0666, 0, 0644},
    {"-7777", F | 07777, 0, 0},
    /* it names every bit */
    {"=755", D | 02700, 022, 0755},
    {"+100,g+x", F | 0644, 022, 0754},

    /* operators with no permission */
    {"+", F | 0644, 022, 0644},
    {"u-", F | 0644, 022, 0644},
    {"+-", F | 04755, 0, 04755},
    /* but = with nothing clears */
    {"=", F | 0777, 022, 0},

    /* the file type bits are not the mode's */
    {"u+x", D | 0644, 022, 0744},
    {"+t", S_IFIFO | 0644, 0, 01644},
};

START_TEST(apply)
{
	for (size_t i = 0; i < UNIT_LEN(applied); i++) {
		const struct ap_case *c = &applied[i];
		mode_t got = ap(c->mode, c->old, c->umask);
		ck_assert_msg(got == c->want, "%s on %06o (umask %03o): got %04o, want %04o",
		              c->mode, (unsigned)c->old, (unsigned)c->umask, (unsigned)got,
		              (unsigned)c->want);
	}
}
END_TEST

static bool valid(const char *mode)
{
	struct mode_spec s;
	if (!mode_compile(mode, &s))
		return false;
	mode_free(&s);
	return true;
}

static const char *const invalid_modes[] = {
    /* octal numbers */
    "17777",
    "77777",
    "8",
    "758",
    "755,u+x",
    "7a",
    "0x1ff",

    /* several clauses */
    "u+x,",
    ",u+x",
    "u+x,,g+w",
    ",",

    /* copies (u, g, o as the permission) */
    /* a copy must end its action */
    "g=ur",
    "g=uu",

    /* an operator and a number */
    "u=755",
    "=755+x",
    "=75x",
    "=17777",
    "=8",

    /* other forms */
    "",
    "a",
    "u",
    "ugo",
    "x",
    "r",
    "+y",
    "u+rwxy",
    "u+rz",
    "z+x",
    "u+x y",
    "U+x",
    "A=rw",
    "u+R",
    " +x",
    "+x ",
    "u+x,g",
    "u+x,,",
    "u!x",
    "-a",
    "u+x;",
    "rw",
    "1,",
    "+ux",
};

static const char *const valid_modes[] = {
    /* octal numbers */
    "07777",
    "0000000000000000000007777",

    /* copies (u, g, o as the permission) */
    "g=u+w",
    "g=u,o=g",

    /* other forms */
    "+",
    "-",
    "=",
    "u+",
    "a-",
    "+-=",
    "u=,g=",
    "--x",
    "-rwx",
    "ugoa+rwxXst",
    "u+x-x+x",
    "u+r,=",
};

START_TEST(invalid_mode)
{
	for (size_t i = 0; i < UNIT_LEN(invalid_modes); i++)
		ck_assert_msg(!valid(invalid_modes[i]), "'%s' should be invalid", invalid_modes[i]);
}
END_TEST

START_TEST(valid_mode)
{
	for (size_t i = 0; i < UNIT_LEN(valid_modes); i++)
		ck_assert_msg(valid(valid_modes[i]), "'%s' should be valid", valid_modes[i]);
}
END_TEST

START_TEST(changed_bits)
{
	struct mode_spec s;
	mode_t changed;
	ck_assert(mode_compile("u+x,g-w", &s));
	mode_apply(&s, F | 0644, false, 022, &changed);
	ck_assert_uint_eq(changed, 0120);
	mode_free(&s);
	ck_assert(mode_compile("o=", &s));
	mode_apply(&s, F | 0644, false, 022, &changed);
	ck_assert_uint_eq(changed, 01007);
	mode_free(&s);
}
END_TEST

START_TEST(from_bits)
{
	struct mode_spec s;
	mode_from_bits(S_IFDIR | 0751, &s);
	/* --reference sets every bit, a directory's setgid included */
	ck_assert_uint_eq(mode_apply(&s, D | 02755, true, 077, NULL), 0751);
	ck_assert_uint_eq(mode_apply(&s, F | 07777, false, 0, NULL), 0751);
	mode_free(&s);
	mode_from_bits(S_IFREG | 06711, &s);
	ck_assert_uint_eq(mode_apply(&s, D | 0, true, 077, NULL), 06711);
	mode_free(&s);
}
END_TEST

START_TEST(strings)
{
	char b[10];
	mode_string(0755, b);
	ck_assert_str_eq(b, "rwxr-xr-x");
	mode_string(0, b);
	ck_assert_str_eq(b, "---------");
	mode_string(07777, b);
	ck_assert_str_eq(b, "rwsrwsrwt");
	mode_string(07000, b);
	ck_assert_str_eq(b, "--S--S--T");
	mode_string(S_IFDIR | 01777, b);
	ck_assert_str_eq(b, "rwxrwxrwt");
	mode_string(04644, b);
	ck_assert_str_eq(b, "rwSr--r--");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mode");
	TCase *tc = tcase_create("mode");
	tcase_add_test(tc, apply);
	tcase_add_test(tc, invalid_mode);
	tcase_add_test(tc, valid_mode);
	tcase_add_test(tc, changed_bits);
	tcase_add_test(tc, from_bits);
	tcase_add_test(tc, strings);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
