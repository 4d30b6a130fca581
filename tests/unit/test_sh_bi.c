/* The shell's operand-only builtins (applets/shell/bi.h): arithmetic
 * expansion, test, printf, echo, umask and ulimit. Every expected output,
 * message and status was taken from dash 0.5.12 (Debian's /usr/bin/dash)
 * by running it; where osbox differs on purpose the row says why. */
#include "shell/bi.h"
#include "osbox/buf.h"

#include "unit.h"

#include <check.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The messages the builtins report, one a line, as the shell would print
 * them after its "$0: LINENO: " prefix. */
static struct buf warned;

void sh_bi_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&warned, fmt, ap);
	va_end(ap);
	buf_putc(&warned, '\n');
}

static void reset(void)
{
	buf_free(&warned);
}

/* ---- arithmetic ---- */

/* A handful of variables for the arithmetic tests. */
#define NVARS 16
static struct {
	char *name, *value;
} vars[NVARS];

static const char *var_get(void *ctx, const char *name)
{
	for (int i = 0; i < NVARS && vars[i].name; i++)
		if (strcmp(vars[i].name, name) == 0)
			return vars[i].value;
	return NULL;
}

static int var_set(void *ctx, const char *name, const char *value)
{
	int i = 0;
	while (i < NVARS && vars[i].name && strcmp(vars[i].name, name) != 0)
		i++;
	ck_assert_int_lt(i, NVARS);
	if (!vars[i].name)
		vars[i].name = strdup(name);
	free(vars[i].value);
	vars[i].value = strdup(value);
	return 0;
}

static void vars_init(void)
{
	for (int i = 0; i < NVARS; i++) {
		free(vars[i].name);
		free(vars[i].value);
		vars[i].name = vars[i].value = NULL;
	}
	static const char *init[][2] = {{"y", "12"},   {"z", "abc"}, {"w", "1+2"}, {"v", " 7 "},
	                                {"a", "0x10"}, {"b", "010"}, {"c", "-5"}};
	for (size_t i = 0; i < sizeof init / sizeof init[0]; i++)
		var_set(NULL, init[i][0], init[i][1]);
}

static const struct sh_arith_vars arith_vars = {var_get, var_set, NULL};

/* expr, status, value; then "x,y,z" after it (x unset prints empty) and
 * the message: dash's output for y=12 z=abc w='1+2' v=' 7 ' a=0x10
 * b=010 c=-5 dash -c 'r=$((EXPR)); echo "$r|$x|$y|$z"'. */
static const struct {
	const char *expr;
	int rc;
	intmax_t value;
	const char *after, *msg;
} arith_rows[] = {
    {"1 +", -1, 0, "", "arithmetic expression: expecting primary: \"1 +\""},
    {"1/0", -1, 0, "", "arithmetic expression: division by zero: \"1/0\""},
    {"1%0", -1, 0, "", "arithmetic expression: division by zero: \"1%0\""},
    {"(1", -1, 0, "", "arithmetic expression: expecting ')': \"(1\""},
    {"1)", -1, 0, "", "arithmetic expression: expecting EOF: \"1)\""},
    {"a=", -1, 0, "", "arithmetic expression: expecting primary: \"a=\""},
    {"1 1", -1, 0, "", "arithmetic expression: expecting EOF: \"1 1\""},
    {"08", -1, 0, "", "arithmetic expression: expecting EOF: \"08\""},
    {"0x", -1, 0, "", "arithmetic expression: expecting EOF: \"0x\""},
    {"0xg", -1, 0, "", "arithmetic expression: expecting EOF: \"0xg\""},
    {"1++2", 0, INTMAX_C(3), ",12,abc", ""},
    {"x++", -1, 0, "", "arithmetic expression: expecting primary: \"x++\""},
    {"++x", 0, INTMAX_C(0), ",12,abc", ""},
    {"--x", 0, INTMAX_C(0), ",12,abc", ""},
    {"3=4", -1, 0, "", "arithmetic expression: expecting EOF: \"3=4\""},
    {"x=y=3", 0, INTMAX_C(3), "3,3,abc", ""},
    {"1?2", -1, 0, "", "arithmetic expression: expecting ':': \"1?2\""},
    {"1?2:", -1, 0, "", "arithmetic expression: expecting primary: \"1?2:\""},
    {"1?:3", -1, 0, "", "arithmetic expression: expecting primary: \"1?:3\""},
    {"!", -1, 0, "", "arithmetic expression: expecting primary: \"!\""},
    {"~", -1, 0, "", "arithmetic expression: expecting primary: \"~\""},
    {"abc", 0, INTMAX_C(0), ",12,abc", ""},
    {"$", -1, 0, "", "arithmetic expression: expecting primary: \"$\""},
    {"1 ** 2", -1, 0, "", "arithmetic expression: expecting primary: \"1 ** 2\""},
    {"9223372036854775807+1", 0, INTMAX_MIN, ",12,abc", ""},
    {"9223372036854775808", 0, INTMAX_MAX, ",12,abc", ""},
    {"-9223372036854775808/-1", 0, INTMAX_MAX, ",12,abc", ""},
    {"-9223372036854775807-1", 0, INTMAX_MIN, ",12,abc", ""},
    {"1<<64", 0, INTMAX_C(1), ",12,abc", ""},
    {"1<<-1", 0, INTMAX_MIN, ",12,abc", ""},
    {"@", -1, 0, "", "arithmetic expression: expecting primary: \"@\""},
    {"a b", -1, 0, "", "arithmetic expression: expecting EOF: \"a b\""},
    {"1,2", -1, 0, "", "arithmetic expression: expecting EOF: \"1,2\""},
    {"0777", 0, INTMAX_C(511), ",12,abc", ""},
    {"0x7fffffffffffffff", 0, INTMAX_MAX, ",12,abc", ""},
    {"99999999999999999999", 0, INTMAX_MAX, ",12,abc", ""},
    {"y", 0, INTMAX_C(12), ",12,abc", ""},
    {"z", -1, 0, "", "Illegal number: abc"},
    {"z+1", -1, 0, "", "Illegal number: abc"},
    {"w", -1, 0, "", "Illegal number: 1+2"},
    {"v", 0, INTMAX_C(7), ",12,abc", ""},
    {"0?y=5:6", 0, INTMAX_C(6), ",12,abc", ""},
    {"a", 0, INTMAX_C(16), ",12,abc", ""},
    {"b", 0, INTMAX_C(8), ",12,abc", ""},
    {"c", 0, INTMAX_C(-5), ",12,abc", ""},
    {"a+1", 0, INTMAX_C(17), ",12,abc", ""},
    {"x=1?2:3", 0, INTMAX_C(2), "2,12,abc", ""},
    {"1?x=2:3", 0, INTMAX_C(2), "2,12,abc", ""},
    {"1 ? 2 : 3 ? 4 : 5", 0, INTMAX_C(2), ",12,abc", ""},
    {"0 ? 2 : 0 ? 4 : 5", 0, INTMAX_C(5), ",12,abc", ""},
    {"1||(x=5)", 0, INTMAX_C(1), ",12,abc", ""},
    {"0&&(x=5)", 0, INTMAX_C(0), ",12,abc", ""},
    {"-1>>1", 0, INTMAX_C(-1), ",12,abc", ""},
    {"-8>>1", 0, INTMAX_C(-4), ",12,abc", ""},
    {"5>>64", 0, INTMAX_C(5), ",12,abc", ""},
    {"7/-2", 0, INTMAX_C(-3), ",12,abc", ""},
    {"-7%3", 0, INTMAX_C(-1), ",12,abc", ""},
    {"1<2<3", 0, INTMAX_C(1), ",12,abc", ""},
    {"!0+1", 0, INTMAX_C(2), ",12,abc", ""},
    {"~0", 0, INTMAX_C(-1), ",12,abc", ""},
    {"-~0", 0, INTMAX_C(1), ",12,abc", ""},
    {"- -1", 0, INTMAX_C(1), ",12,abc", ""},
    {"!!5", 0, INTMAX_C(1), ",12,abc", ""},
    {"1==1==1", 0, INTMAX_C(1), ",12,abc", ""},
    {"1&3^2|8", 0, INTMAX_C(11), ",12,abc", ""},
    {"3 >= 2", 0, INTMAX_C(1), ",12,abc", ""},
    {"010+0X1f", 0, INTMAX_C(39), ",12,abc", ""},
    {"0x1F", 0, INTMAX_C(31), ",12,abc", ""},
    {"1e3", -1, 0, "", "arithmetic expression: expecting EOF: \"1e3\""},
    {"x", 0, INTMAX_C(0), ",12,abc", ""},
    {" ( 1 ) ", 0, INTMAX_C(1), ",12,abc", ""},
    {"0+", -1, 0, "", "arithmetic expression: expecting primary: \"0+\""},
    {"1 = 2", -1, 0, "", "arithmetic expression: expecting EOF: \"1 = 2\""},
    {"x = 2", 0, INTMAX_C(2), "2,12,abc", ""},
    {"x==2", 0, INTMAX_C(0), ",12,abc", ""},
    {"12a", -1, 0, "", "arithmetic expression: expecting EOF: \"12a\""},
    {"0b1", -1, 0, "", "arithmetic expression: expecting EOF: \"0b1\""},
    {"(1)(2)", -1, 0, "", "arithmetic expression: expecting EOF: \"(1)(2)\""},
    {"1?2:3=4", -1, 0, "", "arithmetic expression: expecting EOF: \"1?2:3=4\""},
    {"x*=3", 0, INTMAX_C(0), "0,12,abc", ""},
    {"4?5:x=7", -1, 0, "", "arithmetic expression: expecting EOF: \"4?5:x=7\""},
    {"(x)=2", -1, 0, "", "arithmetic expression: expecting EOF: \"(x)=2\""},
    {"x+=y+=2", 0, INTMAX_C(14), "14,14,abc", ""},
    {"x<<=2", 0, INTMAX_C(0), "0,12,abc", ""},
    {"x|=3", 0, INTMAX_C(3), "3,12,abc", ""},
    {"1+x=3", -1, 0, "", "arithmetic expression: expecting EOF: \"1+x=3\""},
    {"x=3+x=4", -1, 0, "", "arithmetic expression: expecting EOF: \"x=3+x=4\""},
    {"-x=3", -1, 0, "", "arithmetic expression: expecting EOF: \"-x=3\""},
    {"1 ? 1 : 1 ? x=3 : 4", 0, INTMAX_C(1), ",12,abc", ""},
    {"0x-1", -1, 0, "", "arithmetic expression: expecting EOF: \"0x-1\""},
    {"00", 0, INTMAX_C(0), ",12,abc", ""},
    {"-0", 0, INTMAX_C(0), ",12,abc", ""},
    {"0xffffffffffffffff", 0, INTMAX_MAX, ",12,abc", ""},
    {"077777777777777777777777777", 0, INTMAX_MAX, ",12,abc", ""},
    {"0 && z", 0, INTMAX_C(0), ",12,abc", ""},
    {"0 && 1/0", 0, INTMAX_C(0), ",12,abc", ""},
    {"1 || 1%0", 0, INTMAX_C(1), ",12,abc", ""},
    {"1 ? 2 : 1/0", 0, INTMAX_C(2), ",12,abc", ""},
    {"0 ? z : 3", 0, INTMAX_C(3), ",12,abc", ""},
    {"0 && (x=4)", 0, INTMAX_C(0), ",12,abc", ""},
    {"0 ? x=4 : 5", 0, INTMAX_C(5), ",12,abc", ""},
    {"1 ? 5 : (x=6)", 0, INTMAX_C(5), ",12,abc", ""},
    {"(1 2)", -1, 0, "", "arithmetic expression: expecting ')': \"(1 2)\""},
    {"()", -1, 0, "", "arithmetic expression: expecting primary: \"()\""},
    {"1 ? (2 : 3)", -1, 0, "", "arithmetic expression: expecting ')': \"1 ? (2 : 3)\""},
    {"1 +* 2", -1, 0, "", "arithmetic expression: expecting primary: \"1 +* 2\""},
    {"1 ? 2 ; 3", -1, 0, "", "arithmetic expression: expecting ':': \"1 ? 2 ; 3\""},
    {"&", -1, 0, "", "arithmetic expression: expecting primary: \"&\""},
    {"1 2 3", -1, 0, "", "arithmetic expression: expecting EOF: \"1 2 3\""},
    {"x+", -1, 0, "", "arithmetic expression: expecting primary: \"x+\""},
    {"x =", -1, 0, "", "arithmetic expression: expecting primary: \"x =\""},
    {"x+=1", 0, INTMAX_C(1), "1,12,abc", ""},
    {"3 && 4", 0, INTMAX_C(1), ",12,abc", ""},
    {"0||0", 0, INTMAX_C(0), ",12,abc", ""},
    {"5||0", 0, INTMAX_C(1), ",12,abc", ""},
    {"-(3)", 0, INTMAX_C(-3), ",12,abc", ""},
    {"1<<63", 0, INTMAX_MIN, ",12,abc", ""},
    {"-1<<63", 0, INTMAX_MIN, ",12,abc", ""},
    {"1>>63", 0, INTMAX_C(0), ",12,abc", ""},
    {"(-1)>>70", 0, INTMAX_C(-1), ",12,abc", ""},
    {"1/(0&&1)", -1, 0, "", "arithmetic expression: division by zero: \"1/(0&&1)\""},
    {"0&&x=3", -1, 0, "", "arithmetic expression: expecting EOF: \"0&&x=3\""},
    {"x=0||1", 0, INTMAX_C(1), "1,12,abc", ""},
    {"0 ? 1 : 2 ? 3 : x=4", -1, 0, "",
     "arithmetic expression: expecting EOF: \"0 ? 1 : 2 ? 3 : x=4\""},
    {"1 @", -1, 0, "", "arithmetic expression: expecting EOF: \"1 @\""},
    {"x/=0", -1, 0, "", "arithmetic expression: division by zero: \"x/=0\""},
    {"0?x/=0:1", 0, INTMAX_C(1), ",12,abc", ""},
    {"x = 5 , 1", -1, 0, "", "arithmetic expression: expecting EOF: \"x = 5 , 1\""},
    {"4 >> 1 + 1", 0, INTMAX_C(1), ",12,abc", ""},
    {"1 - 1 - 1", 0, INTMAX_C(-1), ",12,abc", ""},
    {"2 * 3 % 4", 0, INTMAX_C(2), ",12,abc", ""},
    {"1 | 2 ^ 3 & 4", 0, INTMAX_C(3), ",12,abc", ""},
    {"1 == 2 < 3", 0, INTMAX_C(1), ",12,abc", ""},
    {"!1 == 0", 0, INTMAX_C(1), ",12,abc", ""},
    {"~1 + 1", 0, INTMAX_C(-1), ",12,abc", ""},
    {"-2 * -3", 0, INTMAX_C(6), ",12,abc", ""},
    {"5 % -3", 0, INTMAX_C(2), ",12,abc", ""},
    {"1 ? 0 ? 7 : 8 : 9", 0, INTMAX_C(8), ",12,abc", ""},
    {"x_1", 0, INTMAX_C(0), ",12,abc", ""},
    {"2+-+-3", 0, INTMAX_C(5), ",12,abc", ""},
    {"y-=2", 0, INTMAX_C(10), ",10,abc", ""},
    {"y*=y", 0, INTMAX_C(144), ",144,abc", ""},
    {"y/=5", 0, INTMAX_C(2), ",2,abc", ""},
    {"y%=5", 0, INTMAX_C(2), ",2,abc", ""},
    {"y>>=1", 0, INTMAX_C(6), ",6,abc", ""},
    {"y&=6", 0, INTMAX_C(4), ",4,abc", ""},
    {"y^=5", 0, INTMAX_C(9), ",9,abc", ""},
    {"c<<=2", 0, INTMAX_C(-20), ",12,abc", ""},
    {"1 << 2 + 1", 0, INTMAX_C(8), ",12,abc", ""},
    {"1 < 2 == 1", 0, INTMAX_C(1), ",12,abc", ""},
    {"6 & 3 == 3", 0, INTMAX_C(0), ",12,abc", ""},
    {"6 | 1 && 0", 0, INTMAX_C(0), ",12,abc", ""},
    {"0 || 2 & 1", 0, INTMAX_C(0), ",12,abc", ""},
    {"1 ^ 1 | 1", 0, INTMAX_C(1), ",12,abc", ""},
    {"7 - 2 * 3", 0, INTMAX_C(1), ",12,abc", ""},
    {"(7 - 2) * 3", 0, INTMAX_C(15), ",12,abc", ""},
    {"-2 >> 1 << 1", 0, INTMAX_C(-2), ",12,abc", ""},
    {"10 % 3 * 2", 0, INTMAX_C(2), ",12,abc", ""},
    {"10 / 3 / 2", 0, INTMAX_C(1), ",12,abc", ""},
    {"2 != 2 != 1", 0, INTMAX_C(1), ",12,abc", ""},
    {"!y", 0, INTMAX_C(0), ",12,abc", ""},
    {"-c", 0, INTMAX_C(5), ",12,abc", ""},
    {"~c", 0, INTMAX_C(4), ",12,abc", ""},
    {"+c", 0, INTMAX_C(-5), ",12,abc", ""},
    {"3 > 2 > 1", 0, INTMAX_C(0), ",12,abc", ""},
    {"2 <= 2", 0, INTMAX_C(1), ",12,abc", ""},
    {"3 < 3", 0, INTMAX_C(0), ",12,abc", ""},
    {"-1 < 0", 0, INTMAX_C(1), ",12,abc", ""},
    {"0x10 * 010", 0, INTMAX_C(128), ",12,abc", ""},
    {"y = 0 ? 1 : 2", 0, INTMAX_C(2), ",2,abc", ""},
    {"1 ? y = 7 : 8", 0, INTMAX_C(7), ",7,abc", ""},
    {"(y = 3) + y", 0, INTMAX_C(6), ",3,abc", ""},
    {"y + (y = 1)", 0, INTMAX_C(13), ",1,abc", ""},
    {"z = 4", 0, INTMAX_C(4), ",12,4", ""},
    {"z += 1", -1, 0, "", "Illegal number: abc"},
    {"w + 1", -1, 0, "", "Illegal number: 1+2"},
    {"0 && w", 0, INTMAX_C(0), ",12,abc", ""},
    {"1 || w", 0, INTMAX_C(1), ",12,abc", ""},
    {"(0 ? w : 1)", 0, INTMAX_C(1), ",12,abc", ""},
    {"0X", -1, 0, "", "arithmetic expression: expecting EOF: \"0X\""},
    {"0x10y", -1, 0, "", "arithmetic expression: expecting EOF: \"0x10y\""},
    {"y?", -1, 0, "", "arithmetic expression: expecting primary: \"y?\""},
    {"?", -1, 0, "", "arithmetic expression: expecting primary: \"?\""},
    {":", -1, 0, "", "arithmetic expression: expecting primary: \":\""},
    {"1:2", -1, 0, "", "arithmetic expression: expecting EOF: \"1:2\""},
    {"1 ? 2 :", -1, 0, "", "arithmetic expression: expecting primary: \"1 ? 2 :\""},
    {"(", -1, 0, "", "arithmetic expression: expecting primary: \"(\""},
    {")", -1, 0, "", "arithmetic expression: expecting primary: \")\""},
    /* dash dies of SIGFPE here; osbox wraps as for the other operators */
    {"(-9223372036854775807-1)/-1", 0, INTMAX_MIN, ",12,abc", ""},
    {"(-9223372036854775807-1)%-1", 0, 0, ",12,abc", ""},
};

START_TEST(arith_table)
{
	vars_init();
	reset();
	intmax_t v = 0;
	int rc = sh_arith(arith_rows[_i].expr, &arith_vars, &v);
	const char *e = arith_rows[_i].expr;
	ck_assert_msg(rc == arith_rows[_i].rc, "%s: status %d", e, rc);
	if (rc == 0) {
		ck_assert_msg(v == arith_rows[_i].value, "%s: got %jd, want %jd", e, v,
		              arith_rows[_i].value);
		char after[256];
		const char *x = var_get(NULL, "x");
		snprintf(after, sizeof after, "%s,%s,%s", x ? x : "", var_get(NULL, "y"),
		         var_get(NULL, "z"));
		ck_assert_str_eq(after, arith_rows[_i].after);
		ck_assert_str_eq(buf_str(&warned), "");
	} else {
		char want[512];
		snprintf(want, sizeof want, "%s\n", arith_rows[_i].msg);
		ck_assert_str_eq(buf_str(&warned), want);
	}
}
END_TEST

START_TEST(arith_deep)
{
	/* Deep nesting is an error, not a stack overflow; moderate nesting works. */
	size_t n = 1000000;
	char *s = malloc(2 * n + 2);
	memset(s, '(', n);
	s[n] = '1';
	memset(s + n + 1, ')', n);
	s[2 * n + 1] = 0;
	intmax_t v;
	reset();
	ck_assert_int_eq(sh_arith(s, &arith_vars, &v), -1);
	ck_assert_ptr_nonnull(strstr(buf_str(&warned), "nested too deeply"));
	memset(s, '-', n);
	s[n] = '1';
	s[n + 1] = 0;
	ck_assert_int_eq(sh_arith(s, &arith_vars, &v), -1);
	n = 500;
	memset(s, '(', n);
	s[n] = '7';
	memset(s + n + 1, ')', n);
	s[2 * n + 1] = 0;
	ck_assert_int_eq(sh_arith(s, &arith_vars, &v), 0);
	ck_assert_int_eq(v, 7);
	free(s);
}
END_TEST

START_TEST(arith_novars)
{
	/* Without callbacks names read as unset and assignments go nowhere. */
	intmax_t v;
	ck_assert_int_eq(sh_arith("x = 3 + x", NULL, &v), 0);
	ck_assert_int_eq(v, 3);
}
END_TEST

static TCase *arith_tcase(void)
{
	TCase *tc = tcase_create("arith");
	tcase_add_loop_test(tc, arith_table, 0, sizeof arith_rows / sizeof arith_rows[0]);
	tcase_add_test(tc, arith_deep);
	tcase_add_test(tc, arith_novars);
	return tc;
}

/* @SUITES@ */

int main(void)
{
	Suite *s = suite_create("sh_bi");
	suite_add_tcase(s, arith_tcase());
	/* @TCASES@ */
	return unit_run(s);
}
