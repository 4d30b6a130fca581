/* The registry that dispatch reads: complete, sorted, consistent, with
 * option tables that core/opts.c can use. (The wait-status decoder of
 * core/proc.c is tested in test_proc.c.) */
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

/* What a table declares for core/opts.c to check makes sense: at most
 * OPTS_MAX options, exclusions between two different options of the
 * table, and operand counts that can be met. */
START_TEST(option_checks_consistent)
{
	for (size_t i = 0; i < applet_count; i++) {
		const struct optspec *spec = applets[i].spec;
		size_t n = 0;
		while (spec->opts && spec->opts[n].id)
			n++;
		ck_assert_uint_le(n, OPTS_MAX);
		for (const struct optpair *x = spec->excludes; x && x->a; x++) {
			ck_assert_int_ne(x->a, x->b);
			int found = 0;
			for (size_t k = 0; k < n; k++)
				found += (spec->opts[k].id == x->a) + (spec->opts[k].id == x->b);
			ck_assert_msg(found == 2,
			              "%s: an exclusion names an option not in its table",
			              applets[i].name);
		}
		ck_assert_int_ge(spec->min_operands, 0);
		ck_assert_int_ge(spec->max_operands, OPERANDS_NONE);
		if (spec->max_operands > 0)
			ck_assert_int_le(spec->min_operands, spec->max_operands);
		if (spec->max_operands == OPERANDS_NONE)
			ck_assert_int_eq(spec->min_operands, 0);
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
	tcase_add_test(tc, option_checks_consistent);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
