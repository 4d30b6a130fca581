/* The registry that dispatch reads: complete, sorted, consistent. (The
 * wait-status decoder of core/proc.c is tested in test_proc.c.) */
#include "osbox/opts.h"
#include "osbox/registry.h"

#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

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

int main(void)
{
	Suite *s = suite_create("registry");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, find_each);
	tcase_add_test(tc, sorted_unique);
	tcase_add_test(tc, option_tables_consistent);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
