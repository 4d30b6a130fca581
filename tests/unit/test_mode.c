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

#define AP(mode, old, umask, want)                                                                 \
	do {                                                                                       \
		mode_t got_ = ap(mode, old, umask);                                                \
		ck_assert_msg(                                                                     \
		    got_ == (mode_t)(want), "%s on %04o (umask %03o): got %04o, want %04o", mode,  \
		    (unsigned)((old)&07777), (unsigned)(umask), (unsigned)got_, (unsigned)(want)); \
	} while (0)

static bool valid(const char *mode)
{
	struct mode_spec s;
	if (!mode_compile(mode, &s))
		return false;
	mode_free(&s);
	return true;
}

START_TEST(octal)
{
	AP("0", F | 0644, 022, 0);
	AP("755", F | 0644, 022, 0755);
	AP("644", F | 04755, 022, 0644);
	AP("7777", F | 0, 022, 07777);
	AP("4755", F | 0, 0, 04755);
	AP("00000000644", F | 0755, 0, 0644);
	/* the umask does not limit an absolute mode */
	AP("777", F | 0, 0777, 0777);
}
END_TEST

START_TEST(octal_on_directories)
{
	/* GNU: fewer than five digits keep a directory's setuid/setgid
	 * unless the number sets them; five or more set every bit. */
	AP("755", D | 02755, 022, 02755);
	AP("0755", D | 06755, 022, 06755);
	AP("00755", D | 02755, 022, 0755);
	AP("2755", D | 0755, 022, 02755);
	AP("4755", D | 02755, 022, 06755);
	AP("755", D | 01755, 022, 0755); /* sticky is not kept */
	AP("755", F | 02755, 022, 0755); /* nor is setgid on a file */
}
END_TEST

START_TEST(octal_invalid)
{
	ck_assert(!valid("17777"));
	ck_assert(!valid("77777"));
	ck_assert(!valid("8"));
	ck_assert(!valid("758"));
	ck_assert(!valid("755,u+x"));
	ck_assert(!valid("7a"));
	ck_assert(!valid("0x1ff"));
	ck_assert(valid("07777"));
	ck_assert(valid("0000000000000000000007777"));
}
END_TEST

START_TEST(who_and_ops)
{
	AP("u+x", F | 0644, 022, 0744);
	AP("g+w", F | 0644, 022, 0664);
	AP("o-r", F | 0644, 022, 0640);
	AP("a+x", F | 0644, 022, 0755);
	AP("ug+x", F | 0644, 022, 0754);
	AP("uo=rw", F | 0777, 022, 0676);
	AP("u=", F | 0777, 022, 0077);
	AP("a=", F | 0777, 022, 0);
	AP("uuu+x", F | 0, 0, 0100);
	AP("ga-w", F | 0666, 0, 0444);
}
END_TEST

START_TEST(umask_when_no_who)
{
	/* POSIX: with no who letters, bits set in the umask are not
	 * affected. */
	AP("+w", F | 0444, 022, 0644);
	AP("+w", F | 0444, 0, 0666);
	AP("-w", F | 0666, 022, 0466);
	AP("=rw", F | 0777, 077, 0600);
	AP("=rw", F | 0777, 022, 0644);
	AP("+x", F | 0644, 0777, 0644);
	AP("a+w", F | 0444, 022, 0666); /* an explicit a ignores it */
	/* s and t are never in a umask */
	AP("+s", F | 0755, 077, 06755);
	AP("+t", F | 0755, 077, 01755);
}
END_TEST

START_TEST(several_ops_per_clause)
{
	AP("u=rw-w", F | 0777, 022, 0477);
	AP("u+x-r", F | 0644, 022, 0344);
	AP("go=r+x", F | 0600, 022, 0655);
	AP("a-rwx+r=x", F | 0777, 022, 0111);
	AP("+x-w", F | 0666, 022, 0577);
}
END_TEST

START_TEST(clauses)
{
	AP("u+x,g-w", F | 0664, 022, 0744);
	AP("u=rwx,g=rx,o=", F | 0, 022, 0750);
	AP("a=,u+r", F | 0777, 022, 0400);
	AP("=,u+r", F | 0777, 022, 0400);
	ck_assert(!valid("u+x,"));
	ck_assert(!valid(",u+x"));
	ck_assert(!valid("u+x,,g+w"));
	ck_assert(!valid(","));
}
END_TEST

START_TEST(big_x)
{
	/* X: execute only for directories and files someone may execute */
	AP("a+X", F | 0644, 022, 0644);
	AP("a+X", F | 0744, 022, 0755);
	AP("a+X", F | 0654, 022, 0755);
	AP("a+X", D | 0644, 022, 0755);
	AP("u=rX", F | 0700, 022, 0500);
	AP("u=rX", F | 0600, 022, 0400);
	AP("go-X", F | 0755, 022, 0744);
	AP("+X", D | 0600, 077, 0700);
	/* "current mode" is the mode as the clause finds it */
	AP("u+x,g+X", F | 0640, 022, 0750);
}
END_TEST

START_TEST(setid_and_sticky)
{
	AP("u+s", F | 0755, 022, 04755);
	AP("g+s", F | 0755, 022, 02755);
	AP("o+s", F | 0755, 022, 0755); /* s means nothing for o */
	AP("a+s", F | 0755, 022, 06755);
	AP("+t", F | 0755, 022, 01755);
	AP("u+t", F | 0755, 022, 0755); /* t means nothing for u */
	AP("o+t", F | 0755, 022, 01755);
	AP("a+st", F | 0, 022, 07000);
	AP("u-s", F | 06755, 022, 02755);
	AP("a=rx", F | 07777, 022, 0555);
	AP("ug=rwxs", F | 0, 022, 06770);
}
END_TEST

START_TEST(setid_on_directories)
{
	/* GNU: on a directory a clause changes setuid/setgid only when it
	 * names s (they are inherited there, not privileges). */
	AP("g=rwx", D | 02755, 022, 02775);
	AP("a=rx", D | 06755, 022, 06555);
	AP("=", D | 02755, 022, 02000);
	AP("g-s", D | 02755, 022, 0755);
	AP("g=rs", D | 0755, 022, 02745);
	AP("u=g", D | 02750, 022, 02550);
	AP("a=rx", F | 06755, 022, 0555);
}
END_TEST

START_TEST(copies)
{
	AP("g=u", F | 0740, 022, 0770);
	AP("o=u", F | 0640, 022, 0646);
	AP("u=o", F | 0705, 022, 0505);
	AP("go=u", F | 0700, 022, 0777);
	AP("a-g", F | 0777, 022, 0); /* "g" is rwx here: all of it goes */
	AP("o+g", F | 0750, 022, 0755);
	AP("g=u-w", F | 0640, 022, 0640);
	AP("u=g,g=o", F | 0751, 022, 0511);
	/* with no who, a copy honours the umask */
	AP("=u", F | 0700, 022, 0755);
	AP("+u", F | 0600, 077, 0600);
	/* a copy is read from the mode as changed so far */
	AP("u+x,g=u", F | 0600, 022, 0770);
	/* a copy must end its action */
	ck_assert(!valid("g=ur"));
	ck_assert(!valid("g=uu"));
	ck_assert(valid("g=u+w"));
	ck_assert(valid("g=u,o=g"));
}
END_TEST

START_TEST(octal_after_operator)
{
	/* GNU extension: an operator followed by a number, with no who */
	AP("=755", F | 0644, 022, 0755);
	AP("+111", F | 0644, 022, 0755);
	AP("-022", F | 0666, 0, 0644);
	AP("-7777", F | 07777, 0, 0);
	AP("=755", D | 02700, 022, 0755); /* it names every bit */
	AP("+100,g+x", F | 0644, 022, 0754);
	ck_assert(!valid("u=755"));
	ck_assert(!valid("=755+x"));
	ck_assert(!valid("=75x"));
	ck_assert(!valid("=17777"));
	ck_assert(!valid("=8"));
}
END_TEST

START_TEST(invalid)
{
	static const char *bad[] = {
	    "",      "a",     "u",     "ugo", "x",    "r",   "+y",  "u+rwxy",
	    "u+rz",  "z+x",   "u+x y", "U+x", "A=rw", "u+R", " +x", "+x ",
	    "u+x,g", "u+x,,", "u!x",   "-a",  "u+x;", "rw",  "1,",  "+ux",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!valid(bad[i]), "'%s' should be invalid", bad[i]);
	static const char *good[] = {
	    "+",     "-",   "=",    "u+",          "a-",      "+-=",
	    "u=,g=", "--x", "-rwx", "ugoa+rwxXst", "u+x-x+x", "u+r,=",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(valid(good[i]), "'%s' should be valid", good[i]);
}
END_TEST

START_TEST(empty_ops_change_nothing)
{
	AP("+", F | 0644, 022, 0644);
	AP("u-", F | 0644, 022, 0644);
	AP("+-", F | 04755, 0, 04755);
	AP("=", F | 0777, 022, 0); /* but = with nothing clears */
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

START_TEST(type_bits_dropped)
{
	AP("u+x", D | 0644, 022, 0744);
	AP("+t", S_IFIFO | 0644, 0, 01644);
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
	tcase_add_test(tc, octal);
	tcase_add_test(tc, octal_on_directories);
	tcase_add_test(tc, octal_invalid);
	tcase_add_test(tc, who_and_ops);
	tcase_add_test(tc, umask_when_no_who);
	tcase_add_test(tc, several_ops_per_clause);
	tcase_add_test(tc, clauses);
	tcase_add_test(tc, big_x);
	tcase_add_test(tc, setid_and_sticky);
	tcase_add_test(tc, setid_on_directories);
	tcase_add_test(tc, copies);
	tcase_add_test(tc, octal_after_operator);
	tcase_add_test(tc, invalid);
	tcase_add_test(tc, empty_ops_change_nothing);
	tcase_add_test(tc, changed_bits);
	tcase_add_test(tc, from_bits);
	tcase_add_test(tc, type_bits_dropped);
	tcase_add_test(tc, strings);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
