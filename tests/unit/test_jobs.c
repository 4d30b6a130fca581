/* jobs: which lines may run without a shell, and the runner's output:
 * held whole or line by line, tagged, spilled to a file, in the order the
 * jobs end or in input order. */
#include "osbox/jobs.h"
#include "osbox/out.h"

#include "unit.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static bool simple(const char *s)
{
	return jobs_is_simple(s, strlen(s));
}

START_TEST(direct)
{
	ck_assert(simple("true"));
	ck_assert(simple("  ls -l /usr/bin  "));
	ck_assert(simple("cp a.txt b,c:d@e%f+g"));
	ck_assert(simple("/bin/echo -e x"));
	ck_assert(simple("printenv A=1")); /* '=' past the first word is literal */
	ck_assert(simple("grep caf\xc3\xa9 f"));
	ck_assert(simple("false"));
}
END_TEST

START_TEST(shell)
{
	ck_assert(!simple(""));
	ck_assert(!simple("   "));
	ck_assert(!simple("A=1 cmd"));
	ck_assert(!simple("echo x"));
	ck_assert(!simple("printf x"));
	ck_assert(!simple("cd /tmp"));
	ck_assert(!simple("exit 3"));
	ck_assert(!simple("[ -e x ]"));
	ck_assert(!simple("test -e x"));
	ck_assert(!simple("kill 1"));
	ck_assert(!simple("ls *.c"));
	ck_assert(!simple("ls ~"));
	ck_assert(!simple("ls a?"));
	ck_assert(!simple("echo $HOME"));
	ck_assert(!simple("ls 'a b'"));
	ck_assert(!simple("ls \"a\""));
	ck_assert(!simple("ls a\\ b"));
	ck_assert(!simple("ls > f"));
	ck_assert(!simple("ls < f"));
	ck_assert(!simple("a | b"));
	ck_assert(!simple("a; b"));
	ck_assert(!simple("a && b"));
	ck_assert(!simple("a &"));
	ck_assert(!simple("(a)"));
	ck_assert(!simple("ls `pwd`"));
	ck_assert(!simple("ls # comment"));
	ck_assert(!simple("! true"));
	ck_assert(!simple("{ true; }"));
	ck_assert(!simple("if"));
	ck_assert(!simple("ls a\nb"));
	ck_assert(!simple("ls {a,b}"));
}
END_TEST

/* What one run of the job runner wrote, and its status. */
struct result {
	int status;
	char *out, *err; /* malloc'd */
};

static int memfile(const char *name, const void *data, size_t n)
{
	int fd = memfd_create(name, MFD_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, n), (ssize_t)n);
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

static char *slurp(int fd)
{
	off_t n = lseek(fd, 0, SEEK_END);
	ck_assert_int_ge(n, 0);
	char *s = malloc((size_t)n + 1);
	ck_assert_int_eq(pread(fd, s, (size_t)n, 0), n);
	s[n] = 0;
	close(fd);
	return s;
}

/* Runs the commands (n bytes) with stdout and stderr captured. */
static struct result run_n(const char *cmds, size_t n, struct jobs_opts o)
{
	int in = memfile("cmds", cmds, n);
	int out = memfile("out", "", 0), err = memfile("err", "", 0);
	int save1 = dup(1), save2 = dup(2);
	out_flush();
	dup2(out, 1);
	dup2(err, 2);
	o.null_stdin = true;
	struct result r;
	r.status = jobs_run(in, "commands", &o);
	out_flush();
	dup2(save1, 1);
	dup2(save2, 2);
	close(save1);
	close(save2);
	close(in);
	r.out = slurp(out);
	r.err = slurp(err);
	return r;
}

static struct result run(const char *cmds, struct jobs_opts o)
{
	return run_n(cmds, strlen(cmds), o);
}

static void result_free(struct result *r)
{
	free(r->out);
	free(r->err);
}

/* Runs cmds; stdout must be out, and the status status. */
static void expect_out(const char *cmds, struct jobs_opts o, int status, const char *out)
{
	struct result r = run(cmds, o);
	ck_assert_int_eq(r.status, status);
	ck_assert_str_eq(r.out, out);
	result_free(&r);
}

START_TEST(lines)
{
	/* Blank lines are no jobs; the last line needs no newline; a NUL
	 * ends a command, as it would for sh -c. */
	static const char cmds[] = "\n  \t\nprintf a\n\n/bin/echo b c\nprintf 'd\\0'\0; printf x";
	struct result r = run_n(cmds, sizeof cmds - 1, (struct jobs_opts){.max = 1});
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "ab c\nd");
	ck_assert_str_eq(r.err, "");
	result_free(&r);
}
END_TEST

START_TEST(status)
{
	struct result r = run("true\nfalse\ntrue\n", (struct jobs_opts){.max = 2});
	ck_assert_int_eq(r.status, 1);
	result_free(&r);
	/* A command not in PATH goes to the shell, which says so. */
	r = run("osbox-no-such-command-here\n", (struct jobs_opts){.max = 1});
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "osbox-no-such-command-here"));
	result_free(&r);
	/* --halt: nothing starts after the first failure. */
	expect_out("printf a\nfalse\nprintf b\n",
	           (struct jobs_opts){.max = 1, .halt = {HALT_SOON, HALT_FAIL, 1, false}}, 1, "a");
}
END_TEST

START_TEST(held_whole)
{
	/* Each job's output comes whole, when it ends: the slow job's two
	 * lines together, after the quick job's. */
	const char *cmds = "printf 'a1\\n'; sleep 0.6; printf 'a2\\n'\nsleep 0.3; printf 'b1\\n'\n";
	expect_out(cmds, (struct jobs_opts){.max = 2}, 0, "b1\na1\na2\n");
	/* --line-buffer: whole lines as they come. */
	expect_out(cmds, (struct jobs_opts){.max = 2, .line_buffer = true}, 0, "a1\nb1\na2\n");
}
END_TEST

START_TEST(keep_order)
{
	const char *cmds = "sleep 0.5; printf 'a\\n'\nprintf 'b\\n'\nsleep 0.25; printf 'c\\n'\n";
	expect_out(cmds, (struct jobs_opts){.max = 3}, 0, "b\nc\na\n");
	expect_out(cmds, (struct jobs_opts){.max = 3, .keep_order = true}, 0, "a\nb\nc\n");
	/* With --line-buffer only the oldest job writes while it runs. */
	expect_out("printf 'a1\\n'; sleep 0.3; printf 'a2\\n'\nprintf 'b\\n'\n",
	           (struct jobs_opts){.max = 2, .keep_order = true, .line_buffer = true}, 0,
	           "a1\na2\nb\n");
}
END_TEST

START_TEST(tag)
{
	/* Every line, the last one unended too, and stderr's, after the
	 * command and a tab. */
	struct result r =
	    run("printf 'x\\ny'; printf 'e\\n' >&2\n", (struct jobs_opts){.max = 1, .tag = true});
	ck_assert_str_eq(r.out, "printf 'x\\ny'; printf 'e\\n' >&2\tx\n"
	                        "printf 'x\\ny'; printf 'e\\n' >&2\ty");
	ck_assert_str_eq(r.err, "printf 'x\\ny'; printf 'e\\n' >&2\te\n");
	result_free(&r);
}
END_TEST

START_TEST(spill)
{
	/* Past spill_size, held output waits in a temporary file: it still
	 * comes out whole, in order, and after what the other job wrote. */
	const char *cmds = "seq 1 2000; sleep 0.3; seq 2001 3000\nseq 1 3 >&2\n";
	struct result r = run(cmds, (struct jobs_opts){.max = 2, .spill_size = 100});
	ck_assert_int_eq(r.status, 0);
	struct result want = run("seq 1 3000\n", (struct jobs_opts){.max = 1});
	ck_assert_str_eq(r.out, want.out);
	ck_assert_str_eq(r.err, "1\n2\n3\n");
	result_free(&r);
	/* --keep-order and --tag read the file back line by line. */
	r = run("seq 1 500\nseq 7 8\n",
	        (struct jobs_opts){.max = 2, .spill_size = 64, .keep_order = true, .tag = true});
	ck_assert(strncmp(r.out, "seq 1 500\t1\nseq 1 500\t2\n", 24) == 0);
	ck_assert_ptr_nonnull(strstr(r.out, "seq 1 500\t500\nseq 7 8\t7\nseq 7 8\t8\n"));
	size_t nl = 0;
	for (const char *p = r.out; *p; p++)
		nl += *p == '\n';
	ck_assert_uint_eq(nl, 502);
	result_free(&r);
	/* No place for the file: said once per stream, and the output is
	 * held in memory instead, whole all the same. */
	const char *tmpdir = getenv("TMPDIR");
	char *saved = tmpdir ? strdup(tmpdir) : NULL;
	setenv("TMPDIR", "/nonexistent/osbox-test", 1);
	r = run("seq 1 3000\n", (struct jobs_opts){.max = 1, .spill_size = 100});
	if (saved)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, want.out);
	ck_assert_ptr_nonnull(strstr(r.err, "cannot make a temporary file for a job's output"));
	ck_assert_ptr_null(strstr(strstr(r.err, "output") + 1, "output"));
	result_free(&r);
	result_free(&want);
}
END_TEST

START_TEST(verbose)
{
	struct result r = run("sh -c 'exit 3'\n", (struct jobs_opts){.max = 1, .verbose = true});
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(
	    strstr(r.err, ": \"sh -c 'exit 3'\": exit status 3 (wait status 768)\n"));
	result_free(&r);
}
END_TEST

/* SIGTERM, SIGINT or SIGHUP (sent here by a job to the runner, its
 * parent): no new job; the running ones get the signal, to their process
 * group (the sleep a job's shell started goes too, or this would take 30
 * s); what they had not written is dropped, what was written stays; the
 * runner ends with 128+N. */
START_TEST(stopped_by_signal)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct result r = run("printf before\nprintf half; sleep 30 & kill -TERM $PPID; wait\n"
	                      "printf never\n",
	                      (struct jobs_opts){.max = 1});
	ck_assert_int_eq(r.status, 128 + SIGTERM);
	ck_assert_str_eq(r.out, "before");
	ck_assert_str_eq(r.err, "");
	result_free(&r);
	/* A job done but queued behind one cut short (--keep-order) is
	 * not written either; nor are whole lines with --line-buffer. */
	r = run("printf 'a\\n'; printf b; exec sleep 30\nprintf done; kill -HUP $PPID\n",
	        (struct jobs_opts){.max = 2, .keep_order = true, .line_buffer = true});
	ck_assert_int_eq(r.status, 128 + SIGHUP);
	ck_assert(strcmp(r.out, "") == 0 || strcmp(r.out, "a\n") == 0);
	result_free(&r);
	r = run("kill -INT $PPID; exec sleep 30\n", (struct jobs_opts){.max = 1, .verbose = true});
	ck_assert_int_eq(r.status, 128 + SIGINT);
	ck_assert_str_eq(r.err, "");
	result_free(&r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_int_lt(t1.tv_sec - t0.tv_sec, 20);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("jobs");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, direct);
	tcase_add_test(tc, shell);
	suite_add_tcase(s, tc);
	TCase *run = tcase_create("run");
	tcase_set_timeout(run, 30);
	tcase_add_test(run, lines);
	tcase_add_test(run, status);
	tcase_add_test(run, held_whole);
	tcase_add_test(run, keep_order);
	tcase_add_test(run, tag);
	tcase_add_test(run, spill);
	tcase_add_test(run, verbose);
	tcase_add_test(run, stopped_by_signal);
	suite_add_tcase(s, run);
	return unit_run(s);
}
