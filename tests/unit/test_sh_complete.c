/* Unit tests of the seams of the shell's completion (applets/shell/
 * complete.c): finding the word being completed, the applet whose options
 * complete, and the command, option and file candidates. test_sh.c tests
 * sh_complete as a whole. */
#include "shell/sh.h"
#include "osbox/registry.h"

#include "unit.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct sh_cword scan(const char *line)
{
	struct sh_cword cw;
	sh_complete_scan(line, strlen(line), &cw);
	return cw;
}

/* The bytes of line from start to end. */
static char *span(const char *line, size_t start, size_t end)
{
	static char buf[256];
	snprintf(buf, sizeof buf, "%.*s", (int)(end - start), line + start);
	return buf;
}

START_TEST(scan_command_position)
{
	struct sh_cword cw = scan("strerr");
	ck_assert_uint_eq(cw.start, 0);
	ck_assert(!cw.in_command && !cw.redir);
	ck_assert_uint_eq(cw.nwords, 0);
	cw = scan("echo x; strerr");
	ck_assert_uint_eq(cw.start, 8);
	ck_assert(!cw.in_command);
	cw = scan("a | b");
	ck_assert_uint_eq(cw.start, 4);
	ck_assert(!cw.in_command);
	cw = scan("X=1 Y=2 strerr"); /* assignments are not the name */
	ck_assert_uint_eq(cw.start, 8);
	ck_assert(!cw.in_command);
	ck_assert_uint_eq(cw.nwords, 0);
	cw = scan("");
	ck_assert_uint_eq(cw.start, 0);
	ck_assert(!cw.in_command);
}
END_TEST

START_TEST(scan_arguments)
{
	const char *line = "osbox strerror --li";
	struct sh_cword cw = scan(line);
	ck_assert(cw.in_command && !cw.redir);
	ck_assert_uint_eq(cw.start, 15);
	ck_assert_uint_eq(cw.nwords, 2);
	ck_assert_str_eq(span(line, cw.name_start, cw.name_end), "osbox");
	ck_assert_str_eq(span(line, cw.arg1_start, cw.arg1_end), "strerror");
	line = "cat \"a b\" 'c d' e\\ f ";
	cw = scan(line);
	ck_assert_uint_eq(cw.start, strlen(line)); /* after a blank: an empty word */
	ck_assert_uint_eq(cw.nwords, 4);
	ck_assert_str_eq(span(line, cw.arg1_start, cw.arg1_end), "\"a b\"");
	cw = scan("cat 'my f");
	ck_assert_uint_eq(cw.start, 4);
	ck_assert_uint_eq(cw.nwords, 1);
	cw = scan("cat a\\ b");
	ck_assert_uint_eq(cw.start, 4);
	/* the cursor ends the scan, not the line */
	struct sh_cword mid;
	sh_complete_scan("strerror --js more", 13, &mid);
	ck_assert_uint_eq(mid.start, 9);
	ck_assert_uint_eq(mid.nwords, 1);
}
END_TEST

START_TEST(scan_redirections)
{
	struct sh_cword cw = scan("echo x >/tmp/s");
	ck_assert(cw.redir && cw.in_command);
	ck_assert_uint_eq(cw.start, 8);
	cw = scan("echo x < in y"); /* the target is no word of the command */
	ck_assert(!cw.redir);
	ck_assert_uint_eq(cw.nwords, 2);
	cw = scan("echo x >&2 y"); /* the & of >& does not start a command */
	ck_assert(cw.in_command && !cw.redir);
	ck_assert_uint_eq(cw.nwords, 2);
	cw = scan("echo x & y");
	ck_assert(!cw.in_command);
}
END_TEST

static const char *applet_of(const char *line)
{
	struct sh_cword cw = scan(line);
	const struct applet *a = sh_complete_applet(line, &cw);
	return a ? a->name : "(none)";
}

START_TEST(applet_for_options)
{
	ck_assert_str_eq(applet_of("strerror -"), "strerror");
	ck_assert_str_eq(applet_of("/usr/bin/strerror x -"), "strerror");
	ck_assert_str_eq(applet_of("'str'error -"), "strerror");
	ck_assert_str_eq(applet_of("osbox strerror -"), "strerror");
	ck_assert_str_eq(applet_of("osbox -"), "(none)");
	ck_assert_str_eq(applet_of("osbox nosuch -"), "(none)");
	ck_assert_str_eq(applet_of("ls -"), "(none)");
}
END_TEST

/* The candidates, sorted and joined by ' '. */
static char *joined(struct sh_completion *c)
{
	static char buf[1024];
	if (c->cands.n > 1)
		qsort(c->cands.v, c->cands.n, sizeof *c->cands.v, sh_cmp_str);
	buf[0] = 0;
	for (size_t i = 0; i < c->cands.n; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, c->cands.v[i]);
	}
	sh_completion_free(c);
	return buf;
}

static char dir[] = "/tmp/test_sh_complete.XXXXXX";

static void make(const char *name, mode_t mode)
{
	char path[96];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (mode & S_IFDIR) {
		ck_assert_int_eq(mkdir(path, 0755), 0);
	} else {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
		ck_assert_int_ge(fd, 0);
		close(fd);
	}
}

static void setup(void)
{
	strcpy(dir + strlen(dir) - 6, "XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	make("zzqexe", 0755);
	make("zzqdata", 0644);
	make(".zzqhidden", 0755);
	make("zzqdir", S_IFDIR);
}

static void teardown(void)
{
	const char *names[] = {"zzqexe", "zzqdata", ".zzqhidden"};
	char path[96];
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/zzqdir", dir);
	rmdir(path);
	rmdir(dir);
}

START_TEST(command_candidates)
{
	setenv("PATH", dir, 1);
	struct sh_completion c = {0};
	sh_complete_commands(&c, "zzq"); /* executable files only, not hidden */
	ck_assert_str_eq(joined(&c), "zzqexe");
	sh_complete_commands(&c, "histo");
	ck_assert_str_eq(joined(&c), "history");
	sh_complete_commands(&c, "strer");
	ck_assert_str_eq(joined(&c), "strerror");
	unsetenv("PATH");
	sh_complete_commands(&c, "zzq");
	ck_assert_str_eq(joined(&c), "");
}
END_TEST

START_TEST(option_candidates)
{
	const struct applet *a = applet_find("strerror");
	ck_assert_ptr_nonnull(a);
	struct sh_completion c = {0};
	sh_complete_options(&c, a, "--");
	ck_assert_str_eq(joined(&c), "--help --json --list --search= --version");
	sh_complete_options(&c, a, "--se");
	ck_assert(c.no_space); /* --search= waits for its argument */
	ck_assert_str_eq(joined(&c), "--search=");
	sh_complete_options(&c, a, "--js");
	ck_assert(!c.no_space);
	ck_assert_str_eq(joined(&c), "--json");
	sh_complete_options(&c, a, "-x");
	ck_assert_str_eq(joined(&c), "");
}
END_TEST

START_TEST(file_candidates)
{
	struct sh_completion c = {0};
	char w[96], want[400];
	snprintf(w, sizeof w, "%s/zzq", dir);
	sh_complete_files(&c, w, SH_FILES_ALL);
	snprintf(want, sizeof want, "%s/zzqdata %s/zzqdir/ %s/zzqexe", dir, dir, dir);
	ck_assert_str_eq(joined(&c), want);
	sh_complete_files(&c, w, SH_FILES_EXEC); /* directories stay: paths go on */
	snprintf(want, sizeof want, "%s/zzqdir/ %s/zzqexe", dir, dir);
	ck_assert_str_eq(joined(&c), want);
	sh_complete_files(&c, w, SH_FILES_DIRS);
	snprintf(want, sizeof want, "%s/zzqdir/", dir);
	ck_assert_str_eq(joined(&c), want);
	snprintf(w, sizeof w, "%s/.", dir); /* hidden only when asked, never . and .. */
	sh_complete_files(&c, w, SH_FILES_ALL);
	snprintf(want, sizeof want, "%s/.zzqhidden", dir);
	ck_assert_str_eq(joined(&c), want);
	setenv("HOME", dir, 1);
	c.tilde = true;
	sh_complete_files(&c, "~/zzqd", SH_FILES_ALL);
	ck_assert_str_eq(joined(&c), "~/zzqdata ~/zzqdir/");
	c.tilde = false; /* a quoted ~ is a name like any other */
	sh_complete_files(&c, "~/zzqd", SH_FILES_ALL);
	ck_assert_str_eq(joined(&c), "");
	ck_assert_int_eq(chdir(dir), 0);
	sh_complete_files(&c, "zzqe", SH_FILES_ALL);
	ck_assert_str_eq(joined(&c), "zzqexe");
	ck_assert_int_eq(chdir("/"), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sh_complete");
	TCase *tc = tcase_create("scan");
	tcase_add_test(tc, scan_command_position);
	tcase_add_test(tc, scan_arguments);
	tcase_add_test(tc, scan_redirections);
	tcase_add_test(tc, applet_for_options);
	suite_add_tcase(s, tc);
	tc = tcase_create("candidates");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, command_candidates);
	tcase_add_test(tc, option_candidates);
	tcase_add_test(tc, file_candidates);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
