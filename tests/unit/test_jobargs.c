/* jobargs: spawn -j's argument mode: placeholders, the argv built for one
 * record or a batch, shell mode's quoting, and the runner fed by an item
 * iterator (jobs_run_items, as walk -x will feed it). */
#include "osbox/buf.h"
#include "osbox/jobargs.h"
#include "osbox/jobs.h"
#include "osbox/out.h"

#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The argv (words separated by '|') and tag of a's command for the
 * records in vals. */
static char *build(struct jobargs *a, const char *const *vals, size_t nrec, char **tag)
{
	struct buf strings = {0}, cmd = {0}, t = {0}, res = {0};
	char **argv = NULL;
	size_t cap = 0;
	jobargs_build(a, vals, nrec, 7, 2, &strings, &argv, &cap, &cmd, &t);
	for (size_t i = 0; argv[i]; i++) {
		if (i)
			buf_putc(&res, '|');
		buf_puts(&res, argv[i]);
	}
	if (tag)
		*tag = buf_take(&t);
	buf_free(&strings);
	buf_free(&cmd);
	buf_free(&t);
	free(argv);
	return res.p ? buf_take(&res) : strdup("");
}

/* The one word tmpl makes of value v (one group). */
static char *one(const char *tmpl, const char *v)
{
	char *words[] = {(char *)tmpl};
	struct jobargs a;
	jobargs_init(&a, words, 1);
	char *vals[] = {(char *)v};
	jobargs_add_list(&a, vals, 1);
	const char *rec[] = {v};
	char *s = build(&a, rec, 1, NULL);
	jobargs_free(&a);
	return s;
}

START_TEST(placeholders)
{
	static const struct {
		const char *tmpl, *v, *want;
	} cases[] = {
	    {"{}", "a b", "a b"},
	    {"{.}", "/a/b.c/d.e.f", "/a/b.c/d.e"},
	    {"{.}", "a.b/", "a.b/"},
	    {"{.}", ".bashrc", ""},
	    {"{/}", "dir/", ""},
	    {"{/}", "a//b", "b"},
	    {"{//}", "a/", "."},
	    {"{//}", "//", "/"},
	    {"{//}", "/a/b/", "/a"},
	    {"{//}", "", "."},
	    {"{//}", "x/./y", "x/."},
	    {"{/.}", "d/x.tar.gz", "x.tar"},
	    {"{#}", "v", "7"},
	    {"{%}", "v", "2"},
	    {"{.}.png", "p.jpg", "p.png"},
	    {"out-{#}.txt", "v", "out-7.txt"},
	    {"{}{}", "ab", "abab"},
	    {"{x}{1a}{", "v", "{x}{1a}{|v"}, /* none: the value appended */
	    {"{1/}", "a/b", "b"},
	    {"{2}", "a", ""},
	};
	for (size_t i = 0; i < UNIT_LEN(cases); i++) {
		char *s = one(cases[i].tmpl, cases[i].v);
		ck_assert_msg(strcmp(s, cases[i].want) == 0, "%s of '%s': '%s', not '%s'",
		              cases[i].tmpl, cases[i].v, s, cases[i].want);
		free(s);
	}
}
END_TEST

START_TEST(appended_and_batched)
{
	char *words[] = {"cmd", "-x", "p{}q"};
	struct jobargs a;
	jobargs_init(&a, words, 3);
	a.xargs = true;
	jobargs_add_stream(&a);
	jobargs_add_stream(&a); /* (two groups; the values come in vals) */
	const char *vals[] = {"a", "1", "b c", "2"};
	char *tag;
	char *s = build(&a, vals, 2, &tag);
	/* {} of several groups in a batch: the word once per value, as GNU
	 * parallel -X makes it */
	ck_assert_str_eq(s, "cmd|-x|paq|p1q|pb cq|p2q");
	ck_assert_str_eq(tag, "a 1 b c 2");
	free(s);
	free(tag);
	/* one record: the word split at the values, as parallel splits it */
	a.xargs = false;
	s = build(&a, vals, 1, NULL);
	ck_assert_str_eq(s, "cmd|-x|pa|1q");
	free(s);
	jobargs_free(&a);

	char *plain[] = {"echo"};
	jobargs_init(&a, plain, 1);
	jobargs_add_stream(&a);
	const char *v2[] = {"-n", ""};
	s = build(&a, v2, 2, NULL);
	ck_assert_str_eq(s, "echo|-n|");
	free(s);
	/* what a record adds: its strings, NULs and pointers */
	const char *r1[] = {"abc"};
	ck_assert_uint_eq(jobargs_record_size(&a, r1, 1, 1), 4 + sizeof(char *));
	jobargs_free(&a);
}
END_TEST

START_TEST(shell_mode)
{
	char *words[] = {"echo", "{}", "|", "tr", "a", "b"};
	struct jobargs a;
	jobargs_init(&a, words, 6);
	a.shell = true;
	jobargs_add_stream(&a);
	const char *v[] = {"it's $x"};
	char *s = build(&a, v, 1, NULL);
	ck_assert_str_eq(s, "sh|-c|echo 'it'\"'\"'s $x' | tr a b");
	free(s);
	jobargs_free(&a);

	struct buf b = {0};
	jobargs_shquote(&b, "", 0);
	jobargs_shquote(&b, " plain-1.x/y", 12);
	jobargs_shquote(&b, "plain-1.x/y", 11);
	ck_assert_str_eq(b.p, "''' plain-1.x/y'plain-1.x/y");
	buf_free(&b);
}
END_TEST

/* An iterator over a NULL-terminated list. */
struct list {
	const char *const *v;
	size_t i;
};

static int next_item(void *ctx, const char **p, size_t *n)
{
	struct list *l = ctx;
	if (!l->v[l->i])
		return 0;
	*p = l->v[l->i++];
	*n = strlen(*p);
	return 1;
}

START_TEST(items_from_code)
{
	char *words[] = {"printf", "<%s>", "{/}", "{#}"};
	struct jobargs a;
	jobargs_init(&a, words, 4);
	jobargs_add_stream(&a);
	static const char *const names[] = {"d/a b", "d/-n", "x\ny", NULL};
	struct list l = {names, 0};
	int out = memfd_create("out", MFD_CLOEXEC);
	ck_assert_int_ge(out, 0);
	int save = dup(1);
	out_flush();
	dup2(out, 1);
	int st =
	    jobs_run_items(&a, next_item, &l,
	                   &(struct jobs_opts){.max = 2, .keep_order = true, .null_stdin = true});
	out_flush();
	dup2(save, 1);
	close(save);
	char got[256] = {0};
	ck_assert_int_gt(pread(out, got, sizeof got - 1, 0), 0);
	close(out);
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(got, "<a b><1><-n><2><x\ny><3>");
	jobargs_free(&a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("jobargs");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, placeholders);
	tcase_add_test(tc, appended_and_batched);
	tcase_add_test(tc, shell_mode);
	tcase_add_test(tc, items_from_code);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
