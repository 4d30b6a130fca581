/* core/proc.c: the wait-status decoder and the signal names every
 * process applet shares. */
#include "osbox/proc.h"

#include "unit.h"

#include <check.h>
#include <signal.h>

START_TEST(wait_status_decoding)
{
	char buf[64];
	ck_assert_str_eq(proc_describe_status(0, buf, sizeof buf), "exit status 0");
	ck_assert_str_eq(proc_describe_status(3 << 8, buf, sizeof buf), "exit status 3");
	ck_assert_str_eq(proc_describe_status(SIGKILL, buf, sizeof buf), "killed by signal KILL");
	ck_assert_str_eq(proc_describe_status(SIGSEGV | 0x80, buf, sizeof buf),
	                 "killed by signal SEGV (core dumped)");
	ck_assert_int_eq(proc_exit_code(SIGTERM), 128 + SIGTERM);
	ck_assert_int_eq(proc_exit_code(7 << 8), 7);
	ck_assert_int_eq(proc_signum("USR1"), SIGUSR1);
	ck_assert_int_eq(proc_signum("sigterm"), SIGTERM);
	ck_assert_int_eq(proc_signum("9"), 9);
	ck_assert_int_eq(proc_signum("NOPE"), -1);
	ck_assert_str_eq(proc_signame(SIGRTMIN + 1, buf), "RTMIN+1");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("proc");
	TCase *tc = tcase_create("proc");
	tcase_add_test(tc, wait_status_decoding);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
