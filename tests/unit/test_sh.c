/* Unit tests of the shell's parser, expansion, completion and history. */
#include "shell/sh.h"

#include "unit.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The first command of src, parsed; its arena in *a. */
static struct sh_node *parse1(const char *src, struct sh_arena **a)
{
	struct sh_parser *p = sh_parser_new(src, NULL, NULL);
	struct sh_node *n = NULL;
	ck_assert_int_eq(sh_parse_next(p, &n, a), SH_PARSE_OK);
	sh_parser_free(p);
	return n;
}

START_TEST(parse_structure)
{
	struct sh_arena *a;
	struct sh_node *n = parse1("a 'b c' | d && ! e || f & g; X=1 h 2>&1 >>out <in\n", &a);
	ck_assert_int_eq(n->type, SH_N_LIST);
	ck_assert_uint_eq(n->nkids, 3);
	struct sh_node *bg = n->kids[0];
	ck_assert_int_eq(bg->type, SH_N_BG);
	ck_assert_str_eq(bg->text, "a 'b c' | d && ! e || f");
	struct sh_node *o = bg->a;
	ck_assert_int_eq(o->type, SH_N_OR);
	ck_assert_int_eq(o->a->type, SH_N_AND);
	struct sh_node *pl = o->a->a;
	ck_assert_int_eq(pl->type, SH_N_PIPE);
	ck_assert_uint_eq(pl->nkids, 2);
	ck_assert_str_eq(pl->kids[0]->words[1], "'b c'");
	ck_assert(o->a->b->negate);
	struct sh_node *c = n->kids[2];
	ck_assert_int_eq(c->type, SH_N_CMD);
	ck_assert_uint_eq(c->nassigns, 1);
	ck_assert_str_eq(c->assigns[0], "X=1");
	ck_assert_str_eq(c->words[0], "h");
	ck_assert_uint_eq(c->nredirs, 3);
	ck_assert_int_eq(c->redirs[0].fd, 2);
	ck_assert_int_eq(c->redirs[0].op, SH_R_DUPOUT);
	ck_assert_str_eq(c->redirs[0].word, "1");
	ck_assert_int_eq(c->redirs[1].op, SH_R_APPEND);
	ck_assert_int_eq(c->redirs[2].op, SH_R_IN);
	ck_assert_int_eq(c->redirs[2].fd, 0);
	sh_arena_unref(a);
}
END_TEST

START_TEST(parse_compound)
{
	struct sh_arena *a;
	struct sh_node *n = parse1("if a; then b; elif c; then d; else e; fi", &a);
	ck_assert_int_eq(n->type, SH_N_IF);
	ck_assert_int_eq(n->c->type, SH_N_IF);
	ck_assert_str_eq(n->c->c->words[0], "e");
	sh_arena_unref(a);
	n = parse1("for i in 1 2; do echo $i; done >f", &a);
	ck_assert_int_eq(n->type, SH_N_FOR);
	ck_assert_str_eq(n->name, "i");
	ck_assert_uint_eq(n->nwords, 2);
	ck_assert_uint_eq(n->nredirs, 1);
	sh_arena_unref(a);
	n = parse1("case $x in (a|b) echo ab;; c) ;; esac", &a);
	ck_assert_int_eq(n->type, SH_N_CASE);
	ck_assert_uint_eq(n->nitems, 2);
	ck_assert_uint_eq(n->items[0].npats, 2);
	ck_assert_ptr_null(n->items[1].body);
	sh_arena_unref(a);
	n = parse1("f() { echo $(case x in x) echo y;; esac); }", &a);
	ck_assert_int_eq(n->type, SH_N_FUNC);
	ck_assert_str_eq(n->a->a->words[1], "$(case x in x) echo y;; esac)");
	sh_arena_unref(a);
	n = parse1("cat <<E1 <<-'E2'\n$x\nE1\n\tq\n\tE2\n", &a);
	ck_assert_str_eq(n->redirs[0].body, "$x\n");
	ck_assert(!n->redirs[0].quoted);
	ck_assert_str_eq(n->redirs[1].body, "q\n");
	ck_assert(n->redirs[1].quoted);
	sh_arena_unref(a);
}
END_TEST

START_TEST(parse_incomplete_and_errors)
{
	char msg[256];
	const char *incomplete[] = {"echo 'a",    "echo \"a",    "a |",       "a &&",     "a ||\n",
	                            "if a; then", "while :; do", "case x in", "echo $(a", "{ a;"};
	for (size_t i = 0; i < sizeof incomplete / sizeof *incomplete; i++)
		ck_assert_msg(sh_parse_check(incomplete[i], msg, sizeof msg) == SH_PARSE_INCOMPLETE,
		              "%s", incomplete[i]);
	const char *bad[][2] = {
	    {"| a", "Syntax error: \"|\" unexpected"},
	    {"a ;; b", "Syntax error: \";;\" unexpected"},
	    {"a > ;", "Syntax error: \";\" unexpected"},
	    {"a\n&& b", "Syntax error: \"&&\" unexpected"},
	    {"if true; then fi", "Syntax error: \"fi\" unexpected"},
	    {"echo (a)", "Syntax error: word unexpected (expecting \")\")"},
	    {")", "Syntax error: \")\" unexpected"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_msg(sh_parse_check(bad[i][0], msg, sizeof msg) == SH_PARSE_ERROR, "%s",
		              bad[i][0]);
		ck_assert_str_eq(msg, bad[i][1]);
	}
	ck_assert_int_eq(sh_parse_check("# only a comment\n\n", msg, sizeof msg), SH_PARSE_OK);
	ck_assert_int_eq(sh_parse_check("if", msg, sizeof msg), SH_PARSE_INCOMPLETE);
	ck_assert_str_eq(msg, "Syntax error: end of file unexpected (expecting \"then\")");
}
END_TEST

/* A syntax error on a later line leaves the commands before it parsed. */
START_TEST(parse_a_command_at_a_time)
{
	struct sh_parser *p = sh_parser_new("echo 1\necho 2\nfi\necho 4\n", NULL, NULL);
	struct sh_node *n;
	struct sh_arena *a;
	ck_assert_int_eq(sh_parse_next(p, &n, &a), SH_PARSE_OK);
	sh_arena_unref(a);
	ck_assert_int_eq(sh_parse_next(p, &n, &a), SH_PARSE_OK);
	sh_arena_unref(a);
	ck_assert_int_eq(sh_parse_next(p, &n, &a), SH_PARSE_ERROR);
	ck_assert_int_eq(sh_parser_line(p), 3);
	sh_parser_free(p);
	ck_assert_uint_eq(sh_subst_end("$(a ')' \")\")x", 0), 12);
	ck_assert_uint_eq(sh_subst_end("${a-}}", 0), 5);
	ck_assert_uint_eq(sh_subst_end("$((1+(2)))x", 0), 10);
	ck_assert_uint_eq(sh_subst_end("`a\\`b`x", 0), 6);
}
END_TEST

static struct sh sh;

static void setup(void)
{
	sh_init(&sh, false);
	sh_strv_push(&sh.params, strdup("sh0"));
	sh_strv_push(&sh.params, strdup("p1"));
}

static void teardown(void)
{
	sh_free(&sh);
}

/* The fields of word, joined by '|'. */
static char *fields(const char *word)
{
	static char buf[512];
	struct sh_strv sv = {0};
	int r = sh_expand(&sh, word, 0, &sv);
	buf[0] = 0;
	for (size_t i = 0; i < sv.n; i++) {
		if (i)
			strcat(buf, "|");
		strcat(buf, sv.v[i]);
	}
	if (r < 0)
		strcat(buf, "!ERR");
	sh_strv_free(&sv);
	return buf;
}

START_TEST(expand_words)
{
	sh_setvar(&sh, "V", "a  b");
	sh_setvar(&sh, "E", "");
	sh.status = 42;
	ck_assert_str_eq(fields("plain"), "plain");
	ck_assert_str_eq(fields("'$V'"), "$V");
	ck_assert_str_eq(fields("\"$V\""), "a  b");
	ck_assert_str_eq(fields("$V"), "a|b");
	ck_assert_str_eq(fields("x$V.y"), "xa|b.y");
	ck_assert_str_eq(fields("$E"), "");
	ck_assert_str_eq(fields("\"$E\""), "");
	ck_assert_str_eq(fields("''"), "");
	ck_assert_str_eq(fields("$?${?}"), "4242");
	ck_assert_str_eq(fields("$0-$1-$2-$#"), "sh0-p1--1");
	ck_assert_str_eq(fields("${NOPE:-d e}"), "d|e");
	ck_assert_str_eq(fields("\"${NOPE:-d e}\""), "d e");
	ck_assert_str_eq(fields("${E-x}${E:-y}${V:+z}"), "yz");
	ck_assert_str_eq(fields("${N2:=set}$N2"), "setset");
	ck_assert_str_eq(fields("${V%x}"), "a|b");
	ck_assert_str_eq(fields("\"${V%%b}|${V#a}\""), "a  |  b");
	ck_assert_str_eq(fields("${V!}"), "!ERR");
	ck_assert_str_eq(fields("a\\ b\\$c"), "a b$c");
	ck_assert_str_eq(fields("\"\\a\\$\\\\\""), "\\a$\\");
	ck_assert_str_eq(fields("$"), "$");
	ck_assert_str_eq(fields("\"$-\""), "");
	sh_unsetvar(&sh, "V");
	ck_assert_str_eq(fields("[$V]"), "[]");
}
END_TEST

/* The hash table holds many variables; export and readonly flags; the
 * environment is built again only after an exported variable changed. */
START_TEST(variables)
{
	char name[32], value[32];
	for (int i = 0; i < 2000; i++) {
		snprintf(name, sizeof name, "V%d", i);
		snprintf(value, sizeof value, "%d", i * 7);
		ck_assert_int_eq(sh_setvar(&sh, name, value), 0);
	}
	ck_assert_str_eq(sh_getvar(&sh, "V1234"), "8638");
	char **env = sh_environ(&sh);
	ck_assert_ptr_eq(sh_environ(&sh), env); /* nothing exported changed */
	sh_setvar(&sh, "V1", "x");              /* not exported: the same */
	ck_assert_ptr_eq(sh_environ(&sh), env);
	sh_export(&sh, "V1", NULL);
	env = sh_environ(&sh);
	bool found = false;
	for (char **e = env; *e; e++)
		found |= strcmp(*e, "V1=x") == 0;
	ck_assert(found);
	sh_setvar_flags(&sh, "RO", "1", SH_V_READONLY);
	ck_assert_int_eq(sh_setvar(&sh, "RO", "2"), -1);
	ck_assert_int_eq(sh_unsetvar(&sh, "RO"), -1);
	ck_assert_str_eq(sh_getvar(&sh, "RO"), "1");
	ck_assert_int_eq(sh_unsetvar(&sh, "V2"), 0);
	ck_assert_ptr_null(sh_getvar(&sh, "V2"));
}
END_TEST

/* local saves a variable until the function's frame is popped. */
START_TEST(locals)
{
	sh_setvar(&sh, "L", "outer");
	struct sh_local *marker = calloc(1, sizeof *marker);
	marker->next = sh.locals;
	sh.locals = marker;
	sh_local(&sh, "L");
	sh_local(&sh, "NEW");
	sh_setvar(&sh, "L", "inner");
	sh_setvar(&sh, "NEW", "n");
	ck_assert_str_eq(sh_getvar(&sh, "L"), "inner");
	sh_locals_restore(&sh, marker);
	ck_assert_str_eq(sh_getvar(&sh, "L"), "outer");
	ck_assert_ptr_null(sh_getvar(&sh, "NEW"));
}
END_TEST

/* Pattern matching (XCU 2.13) and the pattern forms of ${x%p}. */
START_TEST(patterns)
{
	ck_assert(sh_match("a*c", "abbc"));
	ck_assert(sh_match("[!a]?", "bc"));
	ck_assert(!sh_match("[!a]?", "ac"));
	ck_assert(sh_match("[[:digit:]]x", "5x"));
	ck_assert(sh_match("[]a]", "]"));
	ck_assert(sh_match("\\*", "*"));
	ck_assert(!sh_match("\\*", "a"));
	ck_assert(sh_match("[", "["));
	sh_setvar(&sh, "P", "dir/a.b.c");
	ck_assert_str_eq(fields("${P##*/}|${P%.*}|${P%%.*}|${P#*.}|${P%\"*\"}"),
	                 "a.b.c|dir/a.b|dir/a|b.c|dir/a.b.c");
	ck_assert_str_eq(fields("${P%[bc]}${#P}"), "dir/a.b.9");
}
END_TEST

START_TEST(expand_tilde_and_glob)
{
	sh_setvar(&sh, "HOME", "/home/x");
	ck_assert_str_eq(fields("~/a"), "/home/x/a");
	ck_assert_str_eq(fields("\"~\"/a"), "~/a");
	ck_assert_str_eq(fields("a~"), "a~");
	char dir[] = "/tmp/test_sh.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[64];
	const char *names[] = {"b.c", "a.c", "*.c"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		fclose(fopen(path, "w"));
	}
	char word[96], want[160];
	snprintf(word, sizeof word, "%s/?.c", dir);
	snprintf(want, sizeof want, "%s/*.c|%s/a.c|%s/b.c", dir, dir, dir);
	ck_assert_str_eq(fields(word), want);
	snprintf(word, sizeof word, "%s/'*'.c", dir);
	snprintf(want, sizeof want, "%s/*.c", dir);
	ck_assert_str_eq(fields(word), want);
	snprintf(word, sizeof word, "%s/*.none", dir);
	ck_assert_str_eq(fields(word), word);
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}
END_TEST

START_TEST(dequote_and_quote)
{
	char *d = sh_dequote("a\\ b'c d'\"e\\\"f\"", 15);
	ck_assert_str_eq(d, "a bc de\"f");
	free(d);
	char *q = sh_quote_word("my file$*.txt", false);
	ck_assert_str_eq(q, "my\\ file\\$\\*.txt");
	free(q);
	q = sh_quote_word("~x", false);
	ck_assert_str_eq(q, "\\~x");
	free(q);
	q = sh_quote_word("~/x", true);
	ck_assert_str_eq(q, "~/x");
	free(q);
	q = sh_quote_word("a\nb'c", false);
	ck_assert_str_eq(q, "'a\nb'\\''c'");
	free(q);
}
END_TEST

static char *complete(const char *line)
{
	static char buf[1024];
	struct sh_completion c;
	sh_complete(line, strlen(line), &c);
	char *t = sh_completion_text(&c);
	snprintf(buf, sizeof buf, "%zu:%s", c.start, t ? t : "(none)");
	free(t);
	sh_completion_free(&c);
	return buf;
}

START_TEST(completion)
{
	ck_assert_str_eq(complete("strerr"), "0:strerror ");
	ck_assert_str_eq(complete("echo x; strerr"), "8:strerror ");
	ck_assert_str_eq(complete("X=1 strerr"), "4:strerror ");
	ck_assert_str_eq(complete("histo"), "0:history ");
	ck_assert_str_eq(complete("strerror --js"), "9:--json ");
	ck_assert_str_eq(complete("strerror --sea"), "9:--search=");
	ck_assert_str_eq(complete("strerror --he"), "9:--help ");
	ck_assert_str_eq(complete("/usr/bin/strerror --li"), "18:--list ");
	ck_assert_str_eq(complete("osbox strerror --li"), "15:--list ");
	ck_assert_str_eq(complete("osbox strerr"), "6:strerror ");
	ck_assert_str_eq(complete("strerror --zzz"), "9:(none)");
	char dir[] = "/tmp/test_sh.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[96], line[160], want[200];
	snprintf(path, sizeof path, "%s/my file", dir);
	fclose(fopen(path, "w"));
	snprintf(path, sizeof path, "%s/sub", dir);
	mkdir(path, 0755);
	snprintf(line, sizeof line, "cat %s/my", dir);
	snprintf(want, sizeof want, "4:%s/my\\ file ", dir);
	ck_assert_str_eq(complete(line), want);
	snprintf(line, sizeof line, "cat '%s/my f", dir);
	ck_assert_str_eq(complete(line), want);
	snprintf(line, sizeof line, "echo x >%s/s", dir);
	snprintf(want, sizeof want, "8:%s/sub/", dir);
	ck_assert_str_eq(complete(line), want);
	snprintf(line, sizeof line, "%s/s", dir);
	snprintf(want, sizeof want, "0:%s/sub/", dir);
	ck_assert_str_eq(complete(line), want);
	snprintf(line, sizeof line, "cd %s/", dir);
	snprintf(want, sizeof want, "3:%s/sub/", dir);
	ck_assert_str_eq(complete(line), want); /* cd: directories only */
	snprintf(path, sizeof path, "%s/my file", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
}
END_TEST

START_TEST(history)
{
	char dir[] = "/tmp/test_sh.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[96];
	snprintf(path, sizeof path, "%s/a/b/history", dir);
	struct sh_hist h;
	sh_hist_open(&h, path);
	ck_assert(sh_hist_add(&h, "one"));
	ck_assert(!sh_hist_add(&h, "one"));
	ck_assert(!sh_hist_add(&h, ""));
	ck_assert(sh_hist_add(&h, "two"));
	ck_assert(sh_hist_add(&h, "one"));
	sh_hist_close(&h);
	sh_hist_open(&h, path);
	ck_assert_uint_eq(h.lines.n, 3);
	ck_assert_str_eq(h.lines.v[2], "one");
	ck_assert(!sh_hist_add(&h, "one")); /* across sessions too */
	sh_hist_close(&h);
	unlink(path);
	snprintf(path, sizeof path, "%s/a/b", dir);
	rmdir(path);
	snprintf(path, sizeof path, "%s/a", dir);
	rmdir(path);
	rmdir(dir);
	setenv("XDG_STATE_HOME", "/s", 1);
	char *p = sh_hist_path();
	ck_assert_str_eq(p, "/s/osbox/history");
	free(p);
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/h", 1);
	p = sh_hist_path();
	ck_assert_str_eq(p, "/h/.local/state/osbox/history");
	free(p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sh");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, parse_structure);
	tcase_add_test(tc, parse_incomplete_and_errors);
	tcase_add_test(tc, parse_compound);
	tcase_add_test(tc, parse_a_command_at_a_time);
	suite_add_tcase(s, tc);
	tc = tcase_create("expand");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, expand_words);
	tcase_add_test(tc, expand_tilde_and_glob);
	tcase_add_test(tc, variables);
	tcase_add_test(tc, locals);
	tcase_add_test(tc, patterns);
	tcase_add_test(tc, dequote_and_quote);
	suite_add_tcase(s, tc);
	tc = tcase_create("complete");
	tcase_add_test(tc, completion);
	tcase_add_test(tc, history);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
