/* envsplit: GNU env -S splitting rules. */
#include "env/envsplit.h"
#include "osbox/proc.h"

#include "unit.h"

#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* Splits in and compares with the NULL-terminated list of expected words,
 * naming in on a difference. */
static void check_split(const char *in, const char *const *want)
{
	struct envsplit r;
	ck_assert_msg(envsplit(in, &r, NULL, NULL) == 0, "-S %s: an error", in);
	int i = 0;
	for (; want[i]; i++) {
		ck_assert_msg(i < r.argc, "-S %s: %d words, want more", in, r.argc);
		ck_assert_msg(strcmp(r.argv[i], want[i]) == 0, "-S %s: word %d is %s, want %s", in,
		              i, r.argv[i], want[i]);
	}
	ck_assert_msg(i == r.argc, "-S %s: %d words, want %d", in, r.argc, i);
	ck_assert_ptr_null(r.argv[r.argc]);
	envsplit_free(&r);
}

/* A string and its words (at most five, the rest NULL). */
struct split_case {
	const char *in;
	const char *words[6];
};

static const struct split_case splits[] = {
    /* blanks separate words */
    {"", {NULL}},
    {"   \t\n", {NULL}},
    {"a", {"a"}},
    {"  perl -w  -T ", {"perl", "-w", "-T"}},
    {"a\vb\fc\rd", {"a", "b", "c", "d"}},

    /* quotes */
    {"'a b' \"c d\"", {"a b", "c d"}},
    {"'' \"\"", {"", ""}},
    {"a'b'\"c\"d", {"abcd"}},
    {"'a\\\\b\\'c\\x$y'", {"a\\b'c\\x$y"}},
    {"\"it's\"", {"it's"}},
    {"'say \"hi\"'", {"say \"hi\""}},

    /* backslash escapes */
    {"\\t\\n\\r\\f\\v", {"\t\n\r\f\v"}},
    {"\\\" \\# \\$ \\' \\\\", {"\"", "#", "$", "'", "\\"}},
    {"a\\_b", {"a", "b"}},
    {"\"a\\_b\"", {"a b"}},
    {"\\_a", {"a"}},
    {"a \\c b", {"a"}},
    {"a\\cb", {"a"}},
    {"'\\c'", {"\\c"}},

    /* # begins a comment where a word may begin */
    {"#x y", {NULL}},
    {"a #b c", {"a"}},
    {"a#b", {"a#b"}},
    {"'#a'", {"#a"}},
    {"''#a", {"#a"}},
    {"a\\_#b", {"a"}},
};

START_TEST(split)
{
	for (size_t i = 0; i < UNIT_LEN(splits); i++)
		check_split(splits[i].in, splits[i].words);
}
END_TEST

/* ${NAME}, with ES_A="1 2", ES_EMPTY="" and ES_NOPE unset. */
static const struct split_case expansions[] = {
    {"${ES_A}", {"1 2"}},         {"x${ES_A}y", {"x1 2y"}},   {"${ES_NOPE} z", {"z"}},
    {"${ES_EMPTY} z", {"", "z"}}, {"\"${ES_NOPE}\"", {""}},   {"'${ES_A}'", {"${ES_A}"}},
    {"${ES_NOPE}#c", {NULL}},     {"\\${ES_A}", {"${ES_A}"}},
};

START_TEST(variables)
{
	setenv("ES_A", "1 2", 1);
	setenv("ES_EMPTY", "", 1);
	unsetenv("ES_NOPE");
	for (size_t i = 0; i < UNIT_LEN(expansions); i++)
		check_split(expansions[i].in, expansions[i].words);
}
END_TEST

/* a name longer than any fixed buffer */
START_TEST(variable_long_name)
{
	char name[400], in[420];
	memset(name, 'N', sizeof name - 1);
	name[sizeof name - 1] = 0;
	setenv(name, "long", 1);
	snprintf(in, sizeof in, "a${%s}b", name);
	check_split(in, (const char *const[]){"alongb", NULL});
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

/* What envsplit refuses, and GNU env's message for it. */
static const struct error_case {
	const char *in;
	enum envsplit_error error;
	const char *msg;
} errors[] = {
    {"a\\q", ENVSPLIT_BAD_ESCAPE, "invalid sequence '\\q' in -S"},
    {"a\\ b", ENVSPLIT_BAD_ESCAPE, "invalid sequence '\\ ' in -S"},
    /* C's \a and \b are not GNU env's */
    {"\\a", ENVSPLIT_BAD_ESCAPE, "invalid sequence '\\a' in -S"},
    {"\"\\b\"", ENVSPLIT_BAD_ESCAPE, "invalid sequence '\\b' in -S"},
    {"a\\", ENVSPLIT_BACKSLASH_END, "invalid backslash at end of string in -S"},
    {"'a", ENVSPLIT_NO_QUOTE, "no terminating quote in -S string"},
    {"\"a", ENVSPLIT_NO_QUOTE, "no terminating quote in -S string"},
    {"\"\\c\"", ENVSPLIT_C_IN_DQ, "'\\c' must not appear in double-quoted -S string"},
    {"a $X b", ENVSPLIT_BAD_VAR, "only ${VARNAME} expansion is supported, error at: $X b"},
    {"${1}", ENVSPLIT_BAD_VAR, "only ${VARNAME} expansion is supported, error at: ${1}"},
    {"${A", ENVSPLIT_BAD_VAR, "only ${VARNAME} expansion is supported, error at: ${A"},
    {"${}", ENVSPLIT_BAD_VAR, "only ${VARNAME} expansion is supported, error at: ${}"},
};

START_TEST(error)
{
	for (size_t i = 0; i < UNIT_LEN(errors); i++) {
		const struct error_case *c = &errors[i];
		struct envsplit r;
		char buf[256];
		ck_assert_msg(envsplit(c->in, &r, NULL, NULL) == -1, "-S %s: no error", c->in);
		ck_assert_msg(r.error == c->error, "-S %s: error %d, want %d", c->in, (int)r.error,
		              (int)c->error);
		const char *msg = envsplit_strerror(&r, buf, sizeof buf);
		ck_assert_msg(strcmp(msg, c->msg) == 0, "-S %s: \"%s\", want \"%s\"", c->in, msg,
		              c->msg);
	}
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
	tcase_add_test(tc, split);
	tcase_add_test(tc, variables);
	tcase_add_test(tc, variable_long_name);
	tcase_add_test(tc, notes_seen);
	tcase_add_test(tc, error);
	tcase_add_test(tc, signals);
	tcase_add_test(tc, spawning);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
