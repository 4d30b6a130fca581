/* jobs: which lines may run without a shell. */
#include "osbox/jobs.h"

#include "unit.h"

#include <check.h>
#include <string.h>

static bool simple(const char *s)
{
	return jobs_is_simple(s, strlen(s));
}

START_TEST(direct)
{
	ck_assert(simple("true"));
	ck_assert(simple("  ls -l /usr/bin  "));
	ck_assert(simple("cp a.txt b,c:d@e%f+g"));
	ck_assert(simple("/bin/echo -e x"));
	ck_assert(simple("printenv A=1")); /* '=' past the first word is literal */
	ck_assert(simple("grep caf\xc3\xa9 f"));
	ck_assert(simple("false"));
}
END_TEST

START_TEST(shell)
{
	ck_assert(!simple(""));
	ck_assert(!simple("   "));
	ck_assert(!simple("A=1 cmd"));
	ck_assert(!simple("echo x"));
	ck_assert(!simple("printf x"));
	ck_assert(!simple("cd /tmp"));
	ck_assert(!simple("exit 3"));
	ck_assert(!simple("[ -e x ]"));
	ck_assert(!simple("test -e x"));
	ck_assert(!simple("kill 1"));
	ck_assert(!simple("ls *.c"));
	ck_assert(!simple("ls ~"));
	ck_assert(!simple("ls a?"));
	ck_assert(!simple("echo $HOME"));
	ck_assert(!simple("ls 'a b'"));
	ck_assert(!simple("ls \"a\""));
	ck_assert(!simple("ls a\\ b"));
	ck_assert(!simple("ls > f"));
	ck_assert(!simple("ls < f"));
	ck_assert(!simple("a | b"));
	ck_assert(!simple("a; b"));
	ck_assert(!simple("a && b"));
	ck_assert(!simple("a &"));
	ck_assert(!simple("(a)"));
	ck_assert(!simple("ls `pwd`"));
	ck_assert(!simple("ls # comment"));
	ck_assert(!simple("! true"));
	ck_assert(!simple("{ true; }"));
	ck_assert(!simple("if"));
	ck_assert(!simple("ls a\nb"));
	ck_assert(!simple("ls {a,b}"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("jobs");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, direct);
	tcase_add_test(tc, shell);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
