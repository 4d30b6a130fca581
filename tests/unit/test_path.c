/* path: os.path.split, dirlen, relative targets, canonical names, and
 * directories opened past PATH_MAX. */
#include "osbox/path.h"

#include "unit.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* os.path.split: head and tail, as Python's. */
static const struct split_case {
	const char *path, *head, *tail;
} splits[] = {
    {"a/b/c", "a/b", "c"}, {"a/b/", "a/b", ""}, {"a", "", "a"},          {"/a", "/", "a"},
    {"//a", "//", "a"},    {"a//b", "a", "b"},  {"/", "/", ""},          {"///", "///", ""},
    {"", "", ""},          {"/a//", "/a", ""},  {"a/./..", "a/.", ".."},
};

START_TEST(split)
{
	for (size_t i = 0; i < UNIT_LEN(splits); i++) {
		const struct split_case *c = &splits[i];
		size_t t, h = path_split(c->path, strlen(c->path), &t);
		ck_assert_msg(h == strlen(c->head) && strncmp(c->path, c->head, h) == 0,
		              "split(%s): head %.*s, want %s", c->path, (int)h, c->path, c->head);
		ck_assert_msg(strcmp(c->path + t, c->tail) == 0, "split(%s): tail %s, want %s",
		              c->path, c->path + t, c->tail);
	}
}
END_TEST

/* The length of the directory part, its trailing slashes left out. */
static const struct dirlen_case {
	const char *path;
	size_t len;
} dirlens[] = {
    {"a/b", 2}, {"a/b//", 2}, {"b", 0}, {"/b", 1}, {"/", 1}, {"", 0},
};

START_TEST(dirlen)
{
	for (size_t i = 0; i < UNIT_LEN(dirlens); i++) {
		const struct dirlen_case *c = &dirlens[i];
		size_t got = path_dirlen(c->path);
		ck_assert_msg(got == c->len, "dirlen(%s): %zu, want %zu", c->path, got, c->len);
	}
}
END_TEST

/* The target a link in dir needs to reach target. */
static const struct rel_case {
	const char *target, *dir, *want;
} relatives[] = {
    {"/a/b/c", "/a/b", "c"},
    {"/a/b/c", "/a/x", "../b/c"},
    {"/a/b", "/a/b", "."},
    {"/a", "/a/b/c", "../.."},
    {"/x/y", "/", "x/y"},
    {"/", "/a/b", "../.."},
    {"/", "/", "."},
    /* components, not bytes */
    {"/ab/c", "/a", "../ab/c"},
    {"/a", "/ab", "../a"},
};

START_TEST(relative)
{
	for (size_t i = 0; i < UNIT_LEN(relatives); i++) {
		const struct rel_case *c = &relatives[i];
		char *r = path_relative(c->target, c->dir);
		ck_assert_msg(r != NULL, "relative(%s, %s): NULL", c->target, c->dir);
		ck_assert_msg(strcmp(r, c->want) == 0, "relative(%s, %s): %s, want %s", c->target,
		              c->dir, r, c->want);
		free(r);
	}
}
END_TEST

static char root[] = "/tmp/osbox-test-path.XXXXXX";

static void expect_canon(const char *p, enum path_canon m, const char *want_rel, int want_errno)
{
	char want[512];
	snprintf(want, sizeof want, "%s%s", root, want_rel ? want_rel : "");
	errno = 0;
	char *r = path_canonical(p, m);
	if (!want_rel) {
		ck_assert_msg(r == NULL, "%s (%d): got %s", p, m, r);
		ck_assert_int_eq(errno, want_errno);
		return;
	}
	ck_assert_msg(r != NULL, "%s (%d): %s", p, m, strerror(errno));
	ck_assert_str_eq(r, want);
	free(r);
}

START_TEST(canonical)
{
	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(chdir(root), 0);
	ck_assert_int_eq(mkdir("d", 0755), 0);
	close(open("f", O_CREAT | O_WRONLY, 0644));
	ck_assert_int_eq(symlink("d", "ld"), 0);
	ck_assert_int_eq(symlink("nowhere", "dang"), 0);
	ck_assert_int_eq(symlink("loop", "loop"), 0);
	ck_assert_int_eq(symlink("../f", "d/up"), 0);
	ck_assert_int_eq(symlink(".", "dot"), 0);

	expect_canon("f", CANON_EXISTING, "/f", 0);
	expect_canon("./d/../f", CANON_EXISTING, "/f", 0);
	expect_canon("ld/up", CANON_EXISTING, "/f", 0);
	expect_canon("ld/", CANON_EXISTING, "/d", 0);
	expect_canon("ld/..", CANON_EXISTING, "", 0);
	expect_canon(
	    "dot/dot/dot/dot/dot/dot/dot/dot/dot/dot/dot/dot/dot/dot/dot/dot/dot/dot/dot/dot/"
	    "dot/dot/dot/dot/f",
	    CANON_EXISTING, "/f", 0);
	expect_canon("dang", CANON_EXISTING, NULL, ENOENT);
	expect_canon("dang", CANON_ALL_BUT_LAST, "/nowhere", 0);
	expect_canon("dang/x", CANON_ALL_BUT_LAST, NULL, ENOENT);
	expect_canon("dang/x", CANON_MISSING, "/nowhere/x", 0);
	expect_canon("miss/", CANON_ALL_BUT_LAST, "/miss", 0);
	expect_canon("miss/.", CANON_ALL_BUT_LAST, NULL, ENOENT);
	expect_canon("miss/../f", CANON_MISSING, "/f", 0);
	expect_canon("f/", CANON_ALL_BUT_LAST, NULL, ENOTDIR);
	expect_canon("f/x", CANON_EXISTING, NULL, ENOTDIR);
	expect_canon("f/..", CANON_MISSING, "", 0);
	expect_canon("loop", CANON_ALL_BUT_LAST, NULL, ELOOP);
	expect_canon("loop/x", CANON_MISSING, "/loop/x", 0);
	expect_canon("", CANON_MISSING, NULL, ENOENT);

	/* The root, not below root[]: expect_canon cannot say it. */
	static const char *const to_root[] = {"//", "/.."};
	for (size_t i = 0; i < UNIT_LEN(to_root); i++) {
		char *r = path_canonical(to_root[i], CANON_EXISTING);
		ck_assert_msg(r != NULL && strcmp(r, "/") == 0, "%s: got %s, want /", to_root[i],
		              r ? r : "NULL");
		free(r);
	}

	/* A name that only grows ("x -> x/y") ends as a loop. */
	ck_assert_int_eq(symlink("grow/y", "grow"), 0);
	expect_canon("grow", CANON_MISSING, NULL, ELOOP);
}
END_TEST

/* The steps of the resolution, one by one: components between runs of
 * slashes (canon_next), a link's target with the rest after it and an
 * absolute one from the root (canon_link), lookups that fail or find
 * neither a directory nor a link (canon_lookup), ".." after a missing
 * component (canon_step). */
START_TEST(canonical_steps)
{
	if (strstr(root, "XXXXXX"))
		ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(chdir(root), 0);
	ck_assert_int_eq(mkdir("s", 0755), 0);
	ck_assert_int_eq(mkdir("s/d", 0755), 0);
	close(open("s/d/g", O_CREAT | O_WRONLY, 0644));
	char abs[600];
	snprintf(abs, sizeof abs, "%s/s/d", root);
	ck_assert_int_eq(symlink(abs, "s/abs"), 0);
	ck_assert_int_eq(symlink("d/../d", "s/rel"), 0);
	ck_assert_int_eq(symlink("d/g", "s/lg"), 0);
	/* a chain longer than LOOP_FREE links, and no loop */
	ck_assert_int_eq(symlink("d", "s/c0"), 0);
	for (int i = 1; i <= 30; i++) {
		char from[16], to[16];
		snprintf(from, sizeof from, "s/c%d", i);
		snprintf(to, sizeof to, "c%d", i - 1);
		ck_assert_int_eq(symlink(to, from), 0);
	}

	expect_canon("s//d///g", CANON_EXISTING, "/s/d/g", 0);
	expect_canon("s/d//", CANON_EXISTING, "/s/d", 0);
	expect_canon("./s/./d/.", CANON_EXISTING, "/s/d", 0);
	expect_canon("s/abs/g", CANON_EXISTING, "/s/d/g", 0);
	expect_canon("s/abs/../abs", CANON_EXISTING, "/s/d", 0);
	expect_canon("s/rel/g", CANON_EXISTING, "/s/d/g", 0);
	expect_canon("s/lg", CANON_EXISTING, "/s/d/g", 0);
	expect_canon("s/lg/", CANON_EXISTING, NULL, ENOTDIR);
	expect_canon("s/lg/x", CANON_MISSING, "/s/d/g/x", 0);
	expect_canon("s/c30/g", CANON_EXISTING, "/s/d/g", 0);
	expect_canon("s/no/../d/g", CANON_MISSING, "/s/d/g", 0);
	expect_canon("s/no/../d/g", CANON_ALL_BUT_LAST, NULL, ENOENT);
	expect_canon("s/no/x/../..", CANON_MISSING, "/s", 0);

	char longname[NAME_MAX + 8];
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	char p[sizeof longname + 8], want[sizeof longname + 8];
	snprintf(p, sizeof p, "s/%s", longname);
	snprintf(want, sizeof want, "/s/%s", longname);
	expect_canon(p, CANON_EXISTING, NULL, ENAMETOOLONG);
	expect_canon(p, CANON_ALL_BUT_LAST, NULL, ENAMETOOLONG);
	expect_canon(p, CANON_MISSING, want, 0);
}
END_TEST

START_TEST(open_dir_deep)
{
	char tmpl[] = "/tmp/osbox-test-deep.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	ck_assert_int_eq(chdir(tmpl), 0);
	char comp[201];
	memset(comp, 'c', 200);
	comp[200] = 0;
	size_t cap = 30 * 201 + 1;
	char *path = calloc(1, cap);
	int fd = open(".", O_PATH | O_DIRECTORY);
	for (int i = 0; i < 30; i++) {
		ck_assert_int_eq(mkdirat(fd, comp, 0755), 0);
		int nfd = openat(fd, comp, O_PATH | O_DIRECTORY);
		close(fd);
		fd = nfd;
		if (i)
			strcat(path, "/");
		strcat(path, comp);
	}
	close(fd);
	ck_assert_uint_gt(strlen(path), PATH_MAX);
	int d = path_open_dir(path, strlen(path));
	ck_assert_int_ge(d, 0);
	close(d);
	ck_assert_int_eq(path_open_dir("nonexistent/x", 13), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(path_open_dir("x", 0), AT_FDCWD);
	/* Remove the tree bottom up, the deepest first, through path_rmdir. */
	for (int i = 30; i > 0; i--) {
		ck_assert_int_eq(path_rmdir(path), 0);
		char *s = strrchr(path, '/');
		if (s)
			*s = 0;
	}
	ck_assert_int_eq(chdir("/tmp"), 0);
	ck_assert_int_eq(rmdir(tmpl), 0);
	free(path);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("path");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, split);
	tcase_add_test(tc, dirlen);
	tcase_add_test(tc, relative);
	tcase_add_test(tc, canonical);
	tcase_add_test(tc, canonical_steps);
	tcase_add_test(tc, open_dir_deep);
	suite_add_tcase(s, tc);
	int status = unit_run(s);
	if (chdir("/tmp") == 0) {
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
		if (system(cmd) != 0)
			status = 1;
	}
	return status;
}
