/* The registry that dispatch reads: complete, sorted, consistent; and the
 * wait-status decoder every process applet shares. */
#include "osbox/opts.h"
#include "osbox/proc.h"
#include "osbox/registry.h"

#include "unit.h"

#include <check.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

START_TEST(find_each)
{
	ck_assert_uint_ge(applet_count, 18);
	for (size_t i = 0; i < applet_count; i++) {
		ck_assert_ptr_eq(applet_find(applets[i].name), &applets[i]);
		ck_assert_ptr_nonnull(applets[i].main);
		ck_assert_ptr_nonnull(applets[i].spec);
		ck_assert_ptr_nonnull(applets[i].summary);
	}
	ck_assert_ptr_null(applet_find("osbox"));
	ck_assert_ptr_null(applet_find(""));
	ck_assert_ptr_null(applet_find("strerror "));
	ck_assert_ptr_nonnull(applet_find("fork-demo"));
}
END_TEST

START_TEST(sorted_unique)
{
	for (size_t i = 1; i < applet_count; i++)
		ck_assert_int_lt(strcmp(applets[i - 1].name, applets[i].name), 0);
}
END_TEST

/* No two options of one applet share a short letter or a long name, and
 * none takes --help or --version, which every applet gets. */
START_TEST(option_tables_consistent)
{
	for (size_t i = 0; i < applet_count; i++) {
		const struct opt *o = applets[i].spec->opts;
		for (size_t a = 0; o && o[a].id; a++) {
			ck_assert_ptr_nonnull(o[a].help);
			if (o[a].name) {
				ck_assert_str_ne(o[a].name, "help");
				ck_assert_str_ne(o[a].name, "version");
			}
			for (size_t b = a + 1; o[b].id; b++) {
				ck_assert_int_ne(o[a].id, o[b].id);
				if (o[a].name && o[b].name)
					ck_assert_str_ne(o[a].name, o[b].name);
			}
		}
	}
}
END_TEST

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
	Suite *s = suite_create("registry");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, find_each);
	tcase_add_test(tc, sorted_unique);
	tcase_add_test(tc, option_tables_consistent);
	tcase_add_test(tc, wait_status_decoding);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
