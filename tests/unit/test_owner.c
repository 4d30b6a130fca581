/* Unit tests for core/owner.c: the process-owner report, and the names
 * of users and groups. */
#include "osbox/json.h"
#include "osbox/out.h"
#include "osbox/owner.h"

#include "unit.h"

#include <check.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Runs fn with stdout sent to a temporary file; returns what it wrote. */
static char *capture(void (*fn)(const void *), const void *arg)
{
	char path[] = "/tmp/test_owner.XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	unlink(path);
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	dup2(fd, STDOUT_FILENO);
	fn(arg);
	out_flush();
	dup2(saved, STDOUT_FILENO);
	close(saved);
	off_t n = lseek(fd, 0, SEEK_END);
	char *buf = calloc(1, (size_t)n + 1);
	ck_assert_int_eq(pread(fd, buf, (size_t)n, 0), n);
	close(fd);
	return buf;
}

static void print_it(const void *o)
{
	owner_print(o);
}

static void json_it(const void *o)
{
	struct json j;
	json_init(&j);
	json_begin_object(&j);
	owner_json(&j, o);
	json_end_object(&j);
	json_end_record(&j);
}

/* What owner_print says of each owner. */
static const struct print_case {
	struct owner o;
	const char *want;
} prints[] = {
    {{527, 0, 501, 20, 3, (gid_t[]){501, 701, 12}},
     "User (actual/effective)  : 527 / 0\n"
     "Group (actual/effective) : 501 / 20\n"
     "Actual Groups   : [501, 701, 12]\n"},
    /* no supplementary groups */
    {{0, 0, 0, 0, 0, NULL},
     "User (actual/effective)  : 0 / 0\n"
     "Group (actual/effective) : 0 / 0\n"
     "Actual Groups   : []\n"},
    /* ids past INT_MAX stay unsigned */
    {{4294967294u, 65534, 65534, 4294967294u, 1, (gid_t[]){4294967294u}},
     "User (actual/effective)  : 4294967294 / 65534\n"
     "Group (actual/effective) : 65534 / 4294967294\n"
     "Actual Groups   : [4294967294]\n"},
};

START_TEST(test_print)
{
	for (size_t i = 0; i < UNIT_LEN(prints); i++) {
		char *s = capture(print_it, &prints[i].o);
		ck_assert_msg(strcmp(s, prints[i].want) == 0, "case %zu: \"%s\", want \"%s\"", i, s,
		              prints[i].want);
		free(s);
	}
}
END_TEST

START_TEST(test_json)
{
	gid_t groups[] = {4, 27};
	struct owner o = {1000, 1001, 100, 101, 2, groups};
	char *s = capture(json_it, &o);
	ck_assert_str_eq(
	    s, "{\"uid\":1000,\"euid\":1001,\"gid\":100,\"egid\":101,\"groups\":[4,27]}\n");
	free(s);
}
END_TEST

START_TEST(test_get_matches_the_system)
{
	struct owner o;
	ck_assert_int_eq(owner_get(&o), 0);
	ck_assert_uint_eq(o.uid, getuid());
	ck_assert_uint_eq(o.euid, geteuid());
	ck_assert_uint_eq(o.gid, getgid());
	ck_assert_uint_eq(o.egid, getegid());
	gid_t g[4096];
	int n = getgroups(4096, g);
	ck_assert_int_eq(o.ngroups, n);
	for (int i = 0; i < n; i++)
		ck_assert_uint_eq(o.groups[i], g[i]);
	owner_free(&o);
	ck_assert_ptr_null(o.groups);
}
END_TEST

/* owner_user_name and owner_group_name: the database's names, NULL for an
 * id without one, the answer remembered (the same string again). */
START_TEST(test_names)
{
	struct passwd *pw = getpwuid(getuid());
	const char *u = owner_user_name(getuid());
	if (pw) {
		ck_assert_str_eq(u, pw->pw_name);
		ck_assert_ptr_eq(owner_user_name(getuid()), u);
	} else {
		ck_assert_ptr_null(u);
	}
	struct group *gr = getgrgid(getgid());
	const char *g = owner_group_name(getgid());
	if (gr)
		ck_assert_str_eq(g, gr->gr_name);
	else
		ck_assert_ptr_null(g);
	/* Ids that are nobody's, among them ones that share a slot. */
	uid_t none = 3999999999u;
	ck_assert_ptr_null(getpwuid(none));
	ck_assert_ptr_null(owner_user_name(none));
	ck_assert_ptr_null(owner_user_name(none - OWNER_NAMES));
	ck_assert_ptr_null(owner_group_name((gid_t)none));
	ck_assert_str_eq(owner_user_name(0), "root");
	ck_assert_str_eq(owner_group_name(0), "root");
	ck_assert_ptr_null(owner_user_name(OWNER_NAMES * 250000000u));
	ck_assert_str_eq(owner_user_name(0), "root"); /* asked again after its slot was used */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("owner");
	TCase *tc = tcase_create("owner");
	tcase_add_test(tc, test_print);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_get_matches_the_system);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
