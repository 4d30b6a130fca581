/* core/opts.c: parsing from a table (short, long, bundled, --), the
 * operand counts and exclusions a table declares, the usage status, and
 * --help written from the table. Whatever ends the program runs in a
 * child whose stdout, stderr and status are compared. */
#include "osbox/opts.h"
#include "osbox/out.h"

#include "unit.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { OPT_JSON = OPT_LONG, OPT_TREE, OPT_DEPTH };

static const struct opt table[] = {
    {'a', "all", no_argument, NULL, "every entry"},
    {'b', NULL, no_argument, NULL, "short only"},
    {'m', "mode", required_argument, "MODE", "the mode"},
    {'0', "null", no_argument, NULL, "end lines with NUL"},
    {OPT_JSON, "json", no_argument, NULL, "JSON output"},
    {OPT_TREE, "tree", no_argument, NULL, "tree output"},
    {OPT_DEPTH, "max-depth", required_argument, "N", "nothing deeper than N levels"},
    {0},
};

static const struct optpair excludes[] = {{'0', OPT_JSON}, {OPT_JSON, OPT_TREE}, {0}};

static const struct optspec plain = {.usage = "[-ab] [-m MODE] FILE...", .opts = table};

static const struct optspec checked = {
    .usage = "[-ab] SOURCE DEST",
    .opts = table,
    .excludes = excludes,
    .min_operands = 2,
    .max_operands = 2,
};

static const struct optspec none = {
    .opts = table,
    .max_operands = OPERANDS_NONE,
    .usage_status = 125,
};

static const struct optspec stop = {.opts = table, .flags = OPTS_STOP_AT_OPERAND};

/* Parses argv (NULL-terminated) with spec; returns the ids seen as a
 * string of letters (long-only ids as L, J, T, D) and sets *ind. */
static const char *parse(const struct optspec *spec, char **argv, int *ind, const char **marg)
{
	static char seen[32];
	int argc = 0;
	while (argv[argc])
		argc++;
	struct opts o;
	opts_begin(&o, spec, argc, argv);
	int c, n = 0;
	while ((c = opts_next(&o)) != -1) {
		if (c == 'm' || c == OPT_DEPTH)
			*marg = o.arg;
		seen[n++] = c < OPT_LONG ? (char)c : "JTD"[c - OPT_JSON];
	}
	seen[n] = 0;
	*ind = o.ind;
	return seen;
}

START_TEST(short_and_long)
{
	char *argv[] = {"tst", "-a", "--mode=644", "-b", "--max-depth", "3", "x", NULL};
	int ind;
	const char *m = NULL;
	ck_assert_str_eq(parse(&plain, argv, &ind, &m), "ambD");
	ck_assert_int_eq(ind, 6);
	ck_assert_str_eq(m, "3"); /* the last one with an argument */
	char *argv2[] = {"tst", "-m", "u+x", "--all", NULL};
	ck_assert_str_eq(parse(&plain, argv2, &ind, &m), "ma");
	ck_assert_str_eq(m, "u+x");
	ck_assert_int_eq(ind, 4);
}
END_TEST

START_TEST(bundling)
{
	char *argv[] = {"tst", "-abm700", "f", NULL};
	int ind;
	const char *m = NULL;
	ck_assert_str_eq(parse(&plain, argv, &ind, &m), "abm");
	ck_assert_str_eq(m, "700");
	ck_assert_int_eq(ind, 2);
	char *argv2[] = {"tst", "-ba0", NULL};
	ck_assert_str_eq(parse(&plain, argv2, &ind, &m), "ba0");
}
END_TEST

START_TEST(double_dash_and_permutation)
{
	/* Operands first, options after: getopt moves the operands to the end. */
	char *argv[] = {"tst", "f", "-a", "--", "-b", NULL};
	int ind;
	const char *m = NULL;
	ck_assert_str_eq(parse(&plain, argv, &ind, &m), "a");
	ck_assert_int_eq(ind, 3);
	ck_assert_str_eq(argv[3], "f");
	ck_assert_str_eq(argv[4], "-b");
	/* OPTS_STOP_AT_OPERAND: the first operand ends the options. */
	char *argv2[] = {"tst", "-a", "cmd", "-b", NULL};
	ck_assert_str_eq(parse(&stop, argv2, &ind, &m), "a");
	ck_assert_int_eq(ind, 2);
	ck_assert_str_eq(argv2[3], "-b");
}
END_TEST

START_TEST(given)
{
	char *argv[] = {"tst", "--json", "-a", NULL};
	struct opts o;
	opts_begin(&o, &plain, 3, argv);
	ck_assert(!opts_given(&o, OPT_JSON));
	while (opts_next(&o) != -1)
		;
	ck_assert(opts_given(&o, OPT_JSON));
	ck_assert(opts_given(&o, 'a'));
	ck_assert(!opts_given(&o, 'b'));
	ck_assert(!opts_given(&o, 'z'));
}
END_TEST

START_TEST(labels)
{
	ck_assert_str_eq(opts_label(&plain, 0, 'a'), "--all (-a)");
	ck_assert_str_eq(opts_label(&plain, 1, 'b'), "-b");
	ck_assert_str_eq(opts_label(&plain, 0, OPT_JSON), "--json");
	/* Two slots: both live at once. */
	const char *x = opts_label(&plain, 0, '0'), *y = opts_label(&plain, 1, OPT_TREE);
	ck_assert_str_eq(x, "--null (-0)");
	ck_assert_str_eq(y, "--tree");
}
END_TEST

START_TEST(find)
{
	static const struct optspec *s = &plain;
	ck_assert_int_eq(opts_find(s, "-a")->id, 'a');
	ck_assert_int_eq(opts_find(s, "--all")->id, 'a');
	ck_assert_int_eq(opts_find(s, "-b")->id, 'b');
	ck_assert_int_eq(opts_find(s, "--json")->id, OPT_JSON);
	ck_assert_ptr_null(opts_find(s, "--al"));  /* no prefixes */
	ck_assert_ptr_null(opts_find(s, "-ab"));   /* no bundles */
	ck_assert_ptr_null(opts_find(s, "--b"));   /* -b has no long name */
	ck_assert_ptr_null(opts_find(s, "-json")); /* a long name wants -- */
	ck_assert_ptr_null(opts_find(s, "all"));
	ck_assert_ptr_null(opts_find(s, "-"));
	ck_assert_ptr_null(opts_find(s, "--"));
}
END_TEST

/* What a child that parsed argv with spec wrote and how it ended; a child
 * that got through prints "ok IND". */
struct result {
	int status; /* exit status, or -1 */
	char out[8192], err[1024];
};

static void slurp(int fd, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;
	while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		n += (size_t)r;
	}
	buf[n] = 0;
}

static void run(struct result *res, const struct optspec *spec, char **argv)
{
	int po[2], pe[2];
	ck_assert_int_eq(pipe(po), 0);
	ck_assert_int_eq(pipe(pe), 0);
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(pe[0]);
		program_invocation_short_name = (char *)"tst";
		int argc = 0;
		while (argv[argc])
			argc++;
		struct opts o;
		opts_begin(&o, spec, argc, argv);
		while (opts_next(&o) != -1)
			;
		out_printf("ok %d\n", o.ind);
		out_close();
		_exit(0);
	}
	close(po[1]);
	close(pe[1]);
	slurp(po[0], res->out, sizeof res->out);
	slurp(pe[0], res->err, sizeof res->err);
	close(po[0]);
	close(pe[0]);
	int ws;
	ck_assert_int_eq(waitpid(pid, &ws, 0), pid);
	res->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
}

#define HINT "Try 'tst --help' for more information.\n"

START_TEST(operand_counts)
{
	struct result r;
	run(&r, &checked, (char *[]){"tst", "a", "b", NULL});
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "ok 1\n");
	ck_assert_str_eq(r.err, "");

	run(&r, &checked, (char *[]){"tst", "-a", NULL});
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.out, "");
	ck_assert_str_eq(r.err, "tst: missing operand\n" HINT);

	/* GNU's quote(): 'x' outside a UTF-8 locale. */
	setenv("LC_ALL", "C", 1);
	run(&r, &checked, (char *[]){"tst", "one", NULL});
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "tst: missing operand after 'one'\n" HINT);

	run(&r, &checked, (char *[]){"tst", "a", "b", "c", "d", NULL});
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "tst: extra operand 'c'\n" HINT);

	/* OPERANDS_NONE, and the spec's own usage status. */
	run(&r, &none, (char *[]){"tst", "-a", NULL});
	ck_assert_int_eq(r.status, 0);
	run(&r, &none, (char *[]){"tst", "x", "y", NULL});
	ck_assert_int_eq(r.status, 125);
	ck_assert_str_eq(r.err, "tst: extra operand 'x'\n" HINT);

	/* No counts in the spec: anything goes. */
	run(&r, &plain, (char *[]){"tst", NULL});
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "ok 1\n");
}
END_TEST

START_TEST(exclusions)
{
	struct result r;
	/* Each order of the options gives the table's order in the message,
	 * and the exclusions come before the operand count. */
	run(&r, &checked, (char *[]){"tst", "--json", "-0", NULL});
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "tst: cannot specify --null (-0) with --json\n" HINT);
	run(&r, &checked, (char *[]){"tst", "--tree", "-a", "--json", "a", "b", NULL});
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "tst: cannot specify --json with --tree\n" HINT);
	/* The first pair of the table that is given is reported. */
	run(&r, &checked, (char *[]){"tst", "--tree", "--json", "-0", "a", "b", NULL});
	ck_assert_str_eq(r.err, "tst: cannot specify --null (-0) with --json\n" HINT);
	/* Options that do not exclude each other. */
	run(&r, &checked, (char *[]){"tst", "-0", "--tree", "a", "b", NULL});
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "");
}
END_TEST

START_TEST(bad_options)
{
	struct result r;
	run(&r, &plain, (char *[]){"tst", "-z", NULL});
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "tst: invalid option -- 'z'\n" HINT);
	run(&r, &none, (char *[]){"tst", "-m", NULL});
	ck_assert_int_eq(r.status, 125);
	ck_assert_str_eq(r.err, "tst: option requires an argument -- 'm'\n" HINT);
	run(&r, &plain, (char *[]){"tst", "--bogus", NULL});
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "tst: unrecognized option '--bogus'\n" HINT);
}
END_TEST

START_TEST(help_from_the_table)
{
	struct result r;
	opts_set_summary("Do things to FILEs");
	run(&r, &plain, (char *[]){"tst", "-a", "--help", "-z", NULL});
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "");
	ck_assert_str_eq(r.out, "Usage: tst [-ab] [-m MODE] FILE...\n"
	                        "Do things to FILEs.\n"
	                        "\n"
	                        "Options:\n"
	                        "  -a, --all               every entry\n"
	                        "  -b                      short only\n"
	                        "  -m, --mode=MODE         the mode\n"
	                        "  -0, --null              end lines with NUL\n"
	                        "      --json              JSON output\n"
	                        "      --tree              tree output\n"
	                        "      --max-depth=N       nothing deeper than N levels\n"
	                        "      --help              show this help and exit\n"
	                        "      --version           show the version and exit\n"
	                        "\n"
	                        "See tst(1).\n");
	/* --help comes before the checks of operands and exclusions. */
	run(&r, &checked, (char *[]){"tst", "--json", "-0", "--help", NULL});
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "Usage: tst [-ab] SOURCE DEST\n"));
	opts_set_summary(NULL);
	run(&r, &plain, (char *[]){"tst", "--help", NULL});
	ck_assert_ptr_nonnull(strstr(r.out, "FILE...\n\nOptions:\n"));
	run(&r, &plain, (char *[]){"tst", "--version", NULL});
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_eq(strstr(r.out, "tst (osbox) "), r.out);
}
END_TEST

/* An explicit count for counts that depend on the options (symlink -T). */
START_TEST(explicit_counts)
{
	struct result r;
	setenv("LC_ALL", "C", 1);
	run(&r, &plain, (char *[]){"tst", "a", NULL});
	ck_assert_int_eq(r.status, 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 2);
		char *argv[] = {"tst", "a", "b", "c", NULL};
		struct opts o;
		opts_begin(&o, &plain, 4, argv);
		while (opts_next(&o) != -1)
			;
		opts_operands(&o, 1, 0);
		opts_operands(&o, 3, 3);
		opts_operands(&o, 0, 2); /* ends here, 2 */
		_exit(0);
	}
	int ws;
	ck_assert_int_eq(waitpid(pid, &ws, 0), pid);
	ck_assert(WIFEXITED(ws));
	ck_assert_int_eq(WEXITSTATUS(ws), 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("opts");
	TCase *tc = tcase_create("opts");
	tcase_add_test(tc, short_and_long);
	tcase_add_test(tc, bundling);
	tcase_add_test(tc, double_dash_and_permutation);
	tcase_add_test(tc, given);
	tcase_add_test(tc, labels);
	tcase_add_test(tc, find);
	tcase_add_test(tc, operand_counts);
	tcase_add_test(tc, exclusions);
	tcase_add_test(tc, bad_options);
	tcase_add_test(tc, help_from_the_table);
	tcase_add_test(tc, explicit_counts);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
