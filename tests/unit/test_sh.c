/* Unit tests of the shell's parser, expansion, completion and history. */
#include "shell/sh.h"

#include "unit.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static enum sh_parse_result parse(const char *src, struct sh_list *l, char *msg)
{
	return sh_parse(src, l, msg, 256);
}

START_TEST(parse_structure)
{
	struct sh_list l;
	char msg[256];
	ck_assert_int_eq(parse("a 'b c' | d && ! e || f & g; X=1 h 2>&1 >>out <in\n", &l, msg),
	                 SH_PARSE_OK);
	ck_assert_uint_eq(l.n, 3);
	ck_assert(l.items[0].background);
	ck_assert_str_eq(l.items[0].text, "a 'b c' | d && ! e || f");
	ck_assert_uint_eq(l.items[0].npipes, 3);
	ck_assert_uint_eq(l.items[0].pipes[0].ncmds, 2);
	ck_assert_str_eq(l.items[0].pipes[0].cmds[0].words.v[1], "'b c'");
	ck_assert(l.items[0].pipes[1].negate);
	ck_assert_int_eq(l.items[0].pipes[1].connector, SH_AND);
	ck_assert_int_eq(l.items[0].pipes[2].connector, SH_OR);
	struct sh_cmd *c = &l.items[2].pipes[0].cmds[0];
	ck_assert_uint_eq(c->assigns.n, 1);
	ck_assert_str_eq(c->assigns.v[0], "X=1");
	ck_assert_str_eq(c->words.v[0], "h");
	ck_assert_uint_eq(c->nredirs, 3);
	ck_assert_int_eq(c->redirs[0].fd, 2);
	ck_assert_int_eq(c->redirs[0].op, SH_R_DUP);
	ck_assert_str_eq(c->redirs[0].word, "1");
	ck_assert_int_eq(c->redirs[1].op, SH_R_APPEND);
	ck_assert_int_eq(c->redirs[2].op, SH_R_IN);
	ck_assert_int_eq(c->redirs[2].fd, 0);
	sh_list_free(&l);
}
END_TEST

START_TEST(parse_incomplete_and_errors)
{
	struct sh_list l;
	char msg[256];
	const char *incomplete[] = {"echo 'a", "echo \"a", "a |", "a &&", "a ||\n", "a \\\n", "!"};
	for (size_t i = 0; i < sizeof incomplete / sizeof *incomplete; i++)
		ck_assert_msg(parse(incomplete[i], &l, msg) == SH_PARSE_INCOMPLETE, "%s",
		              incomplete[i]);
	ck_assert_int_eq(parse("| a", &l, msg), SH_PARSE_ERROR);
	ck_assert_str_eq(msg, "syntax error near unexpected token '|'");
	ck_assert_int_eq(parse("a ;; b", &l, msg), SH_PARSE_ERROR);
	ck_assert_str_eq(msg, "syntax error near unexpected token ';;'");
	ck_assert_int_eq(parse("a > ;", &l, msg), SH_PARSE_ERROR);
	ck_assert_str_eq(msg, "syntax error near unexpected token ';'");
	ck_assert_int_eq(parse("a\n&& b", &l, msg), SH_PARSE_ERROR);
	ck_assert_str_eq(msg, "syntax error near unexpected token '&&'");
	ck_assert_int_eq(parse("echo ${a", &l, msg), SH_PARSE_ERROR);
	ck_assert_int_eq(parse("# only a comment\n\n", &l, msg), SH_PARSE_OK);
	ck_assert_uint_eq(l.n, 0);
	sh_list_free(&l);
}
END_TEST

/* Each operator, and each redirection's operation and default descriptor. */
START_TEST(parse_operators)
{
	struct sh_list l;
	char msg[256];
	ck_assert_int_eq(parse("a >|o 3<&0 <&- >&2 <i >o >>o", &l, msg), SH_PARSE_OK);
	struct sh_cmd *c = &l.items[0].pipes[0].cmds[0];
	ck_assert_uint_eq(c->nredirs, 7);
	static const struct {
		int fd;
		enum sh_redir_op op;
		const char *word;
	} want[] = {{1, SH_R_OUT, "o"},   {3, SH_R_DUP, "0"}, {0, SH_R_DUP, "-"},
	            {1, SH_R_DUP, "2"},   {0, SH_R_IN, "i"},  {1, SH_R_OUT, "o"},
	            {1, SH_R_APPEND, "o"}};
	for (size_t i = 0; i < 7; i++) {
		ck_assert_int_eq(c->redirs[i].fd, want[i].fd);
		ck_assert_int_eq(c->redirs[i].op, want[i].op);
		ck_assert_str_eq(c->redirs[i].word, want[i].word);
	}
	sh_list_free(&l);
	ck_assert_int_eq(parse("a&&b||c|d&e;f", &l, msg), SH_PARSE_OK);
	ck_assert_uint_eq(l.n, 3);
	ck_assert(l.items[0].background);
	ck_assert_uint_eq(l.items[0].npipes, 3);
	ck_assert_uint_eq(l.items[0].pipes[2].ncmds, 2);
	sh_list_free(&l);
	const char *bad[][2] = {{"a (", "("},   {"a )", ")"},      {"a || && b", "&&"},
	                        {"a > >", ">"}, {"a <& <", "<"},   {"a ; ;", ";"},
	                        {"a & &", "&"}, {"a >> >&", ">&"}, {"a | ||", "||"}};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char w[64];
		ck_assert_msg(parse(bad[i][0], &l, msg) == SH_PARSE_ERROR, "%s", bad[i][0]);
		snprintf(w, sizeof w, "syntax error near unexpected token '%s'", bad[i][1]);
		ck_assert_str_eq(msg, w);
	}
	ck_assert_int_eq(parse("a <", &l, msg), SH_PARSE_INCOMPLETE);
	ck_assert_str_eq(msg, "syntax error: unexpected end of file");
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
	ck_assert_str_eq(fields("${V%x}"), "!ERR");
	ck_assert_str_eq(fields("a\\ b\\$c"), "a b$c");
	ck_assert_str_eq(fields("\"\\a\\$\\\\\""), "\\a$\\");
	ck_assert_str_eq(fields("$"), "$");
	ck_assert_str_eq(fields("$-"), "$-");
	sh_unsetvar(&sh, "V");
	ck_assert_str_eq(fields("[$V]"), "[]");
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
	tcase_add_test(tc, parse_operators);
	suite_add_tcase(s, tc);
	tc = tcase_create("expand");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, expand_words);
	tcase_add_test(tc, expand_tilde_and_glob);
	tcase_add_test(tc, dequote_and_quote);
	suite_add_tcase(s, tc);
	tc = tcase_create("complete");
	tcase_add_test(tc, completion);
	tcase_add_test(tc, history);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
