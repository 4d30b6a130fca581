/* envsplit: GNU env -S splitting rules. */
#include "env/envsplit.h"
#include "osbox/proc.h"

#include "unit.h"

#include <check.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* Splits s and compares with the NULL-terminated list of expected words. */
static void expect(const char *s, ...)
{
	struct envsplit r;
	ck_assert_int_eq(envsplit(s, &r, NULL, NULL), 0);
	va_list ap;
	va_start(ap, s);
	int i = 0;
	for (const char *w; (w = va_arg(ap, const char *)); i++) {
		ck_assert_int_lt(i, r.argc);
		ck_assert_str_eq(r.argv[i], w);
	}
	va_end(ap);
	ck_assert_int_eq(i, r.argc);
	ck_assert_ptr_null(r.argv[r.argc]);
	envsplit_free(&r);
}

static void expect_error(const char *s, enum envsplit_error e, const char *msg)
{
	struct envsplit r;
	char buf[256];
	ck_assert_int_eq(envsplit(s, &r, NULL, NULL), -1);
	ck_assert_int_eq(r.error, e);
	ck_assert_str_eq(envsplit_strerror(&r, buf, sizeof buf), msg);
}

START_TEST(words)
{
	expect("", NULL);
	expect("   \t\n", NULL);
	expect("a", "a", NULL);
	expect("  perl -w  -T ", "perl", "-w", "-T", NULL);
	expect("a\vb\fc\rd", "a", "b", "c", "d", NULL);
}
END_TEST

START_TEST(quotes)
{
	expect("'a b' \"c d\"", "a b", "c d", NULL);
	expect("'' \"\"", "", "", NULL);
	expect("a'b'\"c\"d", "abcd", NULL);
	expect("'a\\\\b\\'c\\x$y'", "a\\b'c\\x$y", NULL);
	expect("\"it's\"", "it's", NULL);
	expect("'say \"hi\"'", "say \"hi\"", NULL);
}
END_TEST

START_TEST(escapes)
{
	expect("\\t\\n\\r\\f\\v", "\t\n\r\f\v", NULL);
	expect("\\\" \\# \\$ \\' \\\\", "\"", "#", "$", "'", "\\", NULL);
	expect("a\\_b", "a", "b", NULL);
	expect("\"a\\_b\"", "a b", NULL);
	expect("\\_a", "a", NULL);
	expect("a \\c b", "a", NULL);
	expect("a\\cb", "a", NULL);
	expect("'\\c'", "\\c", NULL);
}
END_TEST

START_TEST(comments)
{
	expect("#x y", NULL);
	expect("a #b c", "a", NULL);
	expect("a#b", "a#b", NULL);
	expect("'#a'", "#a", NULL);
	expect("''#a", "#a", NULL);
	expect("a\\_#b", "a", NULL);
}
END_TEST

START_TEST(variables)
{
	setenv("ES_A", "1 2", 1);
	setenv("ES_EMPTY", "", 1);
	unsetenv("ES_NOPE");
	expect("${ES_A}", "1 2", NULL);
	expect("x${ES_A}y", "x1 2y", NULL);
	expect("${ES_NOPE} z", "z", NULL);
	expect("${ES_EMPTY} z", "", "z", NULL);
	expect("\"${ES_NOPE}\"", "", NULL);
	expect("'${ES_A}'", "${ES_A}", NULL);
	expect("${ES_NOPE}#c", NULL);
	expect("\\${ES_A}", "${ES_A}", NULL);
	/* a name longer than any fixed buffer */
	char name[400], in[420];
	memset(name, 'N', sizeof name - 1);
	name[sizeof name - 1] = 0;
	setenv(name, "long", 1);
	snprintf(in, sizeof in, "a${%s}b", name);
	expect(in, "alongb", NULL);
	unsetenv(name);
}
END_TEST

/* The note callback sees each ${NAME} in turn, with the value used. */
static char notes[256];

static void note(void *ctx, const char *name, size_t len, const char *value)
{
	size_t n = strlen(notes);
	snprintf(notes + n, sizeof notes - n, "%s%.*s=%s;", (const char *)ctx, (int)len, name,
	         value ? value : "(unset)");
}

START_TEST(notes_seen)
{
	setenv("ES_A", "1", 1);
	unsetenv("ES_NOPE");
	notes[0] = 0;
	struct envsplit r;
	ck_assert_int_eq(envsplit("x ${ES_A} \"${ES_NOPE}\" '${ES_A}'", &r, note, "+"), 0);
	ck_assert_int_eq(r.argc, 4);
	ck_assert_str_eq(notes, "+ES_A=1;+ES_NOPE=(unset);");
	envsplit_free(&r);
}
END_TEST

START_TEST(errors)
{
	expect_error("a\\q", ENVSPLIT_BAD_ESCAPE, "invalid sequence '\\q' in -S");
	expect_error("a\\ b", ENVSPLIT_BAD_ESCAPE, "invalid sequence '\\ ' in -S");
	/* C's \a and \b are not GNU env's */
	expect_error("\\a", ENVSPLIT_BAD_ESCAPE, "invalid sequence '\\a' in -S");
	expect_error("\"\\b\"", ENVSPLIT_BAD_ESCAPE, "invalid sequence '\\b' in -S");
	expect_error("a\\", ENVSPLIT_BACKSLASH_END, "invalid backslash at end of string in -S");
	expect_error("'a", ENVSPLIT_NO_QUOTE, "no terminating quote in -S string");
	expect_error("\"a", ENVSPLIT_NO_QUOTE, "no terminating quote in -S string");
	expect_error("\"\\c\"", ENVSPLIT_C_IN_DQ,
	             "'\\c' must not appear in double-quoted -S string");
	expect_error("a $X b", ENVSPLIT_BAD_VAR,
	             "only ${VARNAME} expansion is supported, error at: $X b");
	expect_error("${1}", ENVSPLIT_BAD_VAR,
	             "only ${VARNAME} expansion is supported, error at: ${1}");
	expect_error("${A", ENVSPLIT_BAD_VAR,
	             "only ${VARNAME} expansion is supported, error at: ${A");
	expect_error("${}", ENVSPLIT_BAD_VAR,
	             "only ${VARNAME} expansion is supported, error at: ${}");
}
END_TEST

/* proc.h: signal names, GNU-style real-time names, statuses */
START_TEST(signals)
{
	char b[16];
	ck_assert_str_eq(proc_signame(SIGKILL, b), "KILL");
	ck_assert_str_eq(proc_signame(SIGRTMIN, b), "RTMIN");
	ck_assert_str_eq(proc_signame(SIGRTMIN + 1, b), "RTMIN+1");
	ck_assert_str_eq(proc_signame(SIGRTMAX, b), "RTMAX");
	ck_assert_str_eq(proc_signame(SIGRTMAX - 1, b), "RTMAX-1");
	for (int s = 1; s < NSIG; s++) {
		if (s >= 32 && s < SIGRTMIN)
			continue;
		ck_assert_int_eq(proc_signum(proc_signame(s, b)), s);
	}
	ck_assert_int_eq(proc_signum("sigterm"), SIGTERM);
	ck_assert_int_eq(proc_signum("IOT"), SIGABRT);
	ck_assert_int_eq(proc_signum("CLD"), SIGCHLD);
	ck_assert_int_eq(proc_signum("RTMIN+1"), SIGRTMIN + 1);
	ck_assert_int_eq(proc_signum("RTMAX-2"), SIGRTMAX - 2);
	ck_assert_int_eq(proc_signum("RTMIN-1"), -1);
	ck_assert_int_eq(proc_signum("RTMIN+x"), -1);
	ck_assert_int_eq(proc_signum("NOPE"), -1);
	ck_assert_int_eq(proc_signum("0"), -1);
	ck_assert_int_eq(proc_exec_failure_status(2), 127);
	ck_assert_int_eq(proc_exec_failure_status(13), 126);
}
END_TEST

START_TEST(spawning)
{
	struct proc_spawn_opts o;
	proc_spawn_opts_init(&o);
	pid_t pid;
	int st;
	char *argv[] = {"sh", "-c", "exit 7", NULL};
	ck_assert_int_eq(proc_spawn(&pid, NULL, argv, &o), 0);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_int_eq(proc_exit_code(st), 7);
	/* valgrind runs posix_spawn's child as a plain fork, which cannot
	 * hand back why the exec failed (scripts/test --valgrind says so) */
	if (getenv("OSBOX_VALGRIND"))
		return;
	char *nope[] = {"osbox-no-such-command", NULL};
	ck_assert_int_eq(proc_spawn(&pid, NULL, nope, &o), 2);
	char *root[] = {"/", NULL};
	ck_assert_int_eq(proc_spawn(&pid, NULL, root, &o), 13);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("envsplit");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, words);
	tcase_add_test(tc, quotes);
	tcase_add_test(tc, escapes);
	tcase_add_test(tc, comments);
	tcase_add_test(tc, variables);
	tcase_add_test(tc, notes_seen);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, signals);
	tcase_add_test(tc, spawning);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
