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
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
    {"1 + 1/0 1", -1, 0, "", "arithmetic expression: division by zero: \"1 + 1/0 1\""},
    {"1/0 +", -1, 0, "", "arithmetic expression: division by zero: \"1/0 +\""},
    {"(1?2)", -1, 0, "", "arithmetic expression: expecting ':': \"(1?2)\""},
    {"1?2:3:4", -1, 0, "", "arithmetic expression: expecting EOF: \"1?2:3:4\""},
    {"(1:2)", -1, 0, "", "arithmetic expression: expecting ')': \"(1:2)\""},
    {"x=1:2", -1, 0, "", "arithmetic expression: expecting EOF: \"x=1:2\""},
    {"1?(2:3)", -1, 0, "", "arithmetic expression: expecting ')': \"1?(2:3)\""},
    {"((1)", -1, 0, "", "arithmetic expression: expecting ')': \"((1)\""},
    {"1 ? 2 : 3 )", -1, 0, "", "arithmetic expression: expecting EOF: \"1 ? 2 : 3 )\""},
    {"0 && 1/0 +", -1, 0, "", "arithmetic expression: expecting primary: \"0 && 1/0 +\""},
    {"1 ? x = 2 : (y = 3)", 0, INTMAX_C(2), "2,12,abc", ""},
    {"0 ? x = 2 : (y = 3)", 0, INTMAX_C(3), ",3,abc", ""},
    {"x = 1 ? y = 2 : 3", 0, INTMAX_C(2), "2,2,abc", ""},
    {"x = 0 ? y = 2 : 3", 0, INTMAX_C(3), "3,12,abc", ""},
    {"1 || (x = 1) && (y = 2)", 0, INTMAX_C(1), ",12,abc", ""},
    {"0 || (x = 1) && (y = 2)", 0, INTMAX_C(1), "1,2,abc", ""},
    {"0 && (x = 1) || (y = 2)", 0, INTMAX_C(1), ",2,abc", ""},
    {"(x = 2) * (y = x + 1)", 0, INTMAX_C(6), "2,3,abc", ""},
    {"x = (y = 4) + 1", 0, INTMAX_C(5), "5,4,abc", ""},
    {"-(y)", 0, INTMAX_C(-12), ",12,abc", ""},
    {"!(0) + ~(0)", 0, INTMAX_C(0), ",12,abc", ""},
    {"1 ? 2 ? 3 : 4 : 5", 0, INTMAX_C(3), ",12,abc", ""},
    {"0 ? 2 ? 3 : 4 : 5", 0, INTMAX_C(5), ",12,abc", ""},
    {"x += (y -= 2)", 0, INTMAX_C(10), "10,10,abc", ""},
    {"1 ? 1/0 : 2", -1, 0, "", "arithmetic expression: division by zero: \"1 ? 1/0 : 2\""},
    {"0 ? 1/0 : 2", 0, INTMAX_C(2), ",12,abc", ""},
    {"y ? y / 2 : 1", 0, INTMAX_C(6), ",12,abc", ""},
    {"z ? 1 : 2", -1, 0, "", "Illegal number: abc"},
    {"0 ? z : y", 0, INTMAX_C(12), ",12,abc", ""},
    {"1 ? (0 ? x=1 : (y=5)) : 3", 0, INTMAX_C(5), ",5,abc", ""},
    {"1 - -1", 0, INTMAX_C(2), ",12,abc", ""},
    {"1 - - 1", 0, INTMAX_C(2), ",12,abc", ""},
    {"y---1", 0, INTMAX_C(11), ",12,abc", ""},
    {"y+++1", 0, INTMAX_C(13), ",12,abc", ""},
    {"x=", -1, 0, "", "arithmetic expression: expecting primary: \"x=\""},
    {"(x=)", -1, 0, "", "arithmetic expression: expecting primary: \"(x=)\""},
    {"(x)", 0, INTMAX_C(0), ",12,abc", ""},
    {"((((((((((y))))))))))", 0, INTMAX_C(12), ",12,abc", ""},
    {"~~~~~y", 0, INTMAX_C(-13), ",12,abc", ""},
    {"!!!!!y", 0, INTMAX_C(0), ",12,abc", ""},
    {"1 <= 2 >= 0 == 1 != 0", 0, INTMAX_C(1), ",12,abc", ""},
    {"0x7FFFFFFFFFFFFFFF + 0x7FFFFFFFFFFFFFFF", 0, INTMAX_C(-2), ",12,abc", ""},
    {"-9223372036854775807 - 2", 0, INTMAX_MAX, ",12,abc", ""},
    {"3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * "
     "3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3 * 3",
     0, INTMAX_C(-420491770248316829), ",12,abc", ""},
    {"y <<= 62", 0, INTMAX_C(0), ",0,abc", ""},
    {"y >>= 2", 0, INTMAX_C(3), ",3,abc", ""},
    {"1 ? 2 : 3 ? 4", -1, 0, "", "arithmetic expression: expecting ':': \"1 ? 2 : 3 ? 4\""},
    {"1 ? 2 :: 3", -1, 0, "", "arithmetic expression: expecting primary: \"1 ? 2 :: 3\""},
    {"x y = 1", -1, 0, "", "arithmetic expression: expecting EOF: \"x y = 1\""},
    {"x ? = 1", -1, 0, "", "arithmetic expression: expecting primary: \"x ? = 1\""},
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
	/* No nesting exhausts the C stack: the stacks are the parser's own. */
	size_t n = 1000000;
	char *s = malloc(2 * n + 8);
	memset(s, '(', n);
	s[n] = '7';
	memset(s + n + 1, ')', n);
	s[2 * n + 1] = 0;
	intmax_t v = 0;
	reset();
	ck_assert_int_eq(sh_arith(s, &arith_vars, &v), 0);
	ck_assert_int_eq(v, 7);
	s[2 * n] = 0; /* one ) short */
	ck_assert_int_eq(sh_arith(s, &arith_vars, &v), -1);
	ck_assert_ptr_nonnull(strstr(buf_str(&warned), "expecting ')'"));
	memset(s, '-', n);
	strcpy(s + n, "1");
	ck_assert_int_eq(sh_arith(s, &arith_vars, &v), 0);
	ck_assert_int_eq(v, 1);
	/* 1?1?1?...:0:0:0 and y=y=y=...=5 */
	n = 200000;
	char *t = malloc(6 * n + 8), *p = t;
	for (size_t k = 0; k < n; k++)
		p = stpcpy(p, "1?");
	*p++ = '9';
	for (size_t k = 0; k < n; k++)
		p = stpcpy(p, ":0");
	*p = 0;
	ck_assert_int_eq(sh_arith(t, &arith_vars, &v), 0);
	ck_assert_int_eq(v, 9);
	p = t;
	for (size_t k = 0; k < n; k++)
		p = stpcpy(p, "y=");
	strcpy(p, "5");
	vars_init();
	ck_assert_int_eq(sh_arith(t, &arith_vars, &v), 0);
	ck_assert_int_eq(v, 5);
	ck_assert_str_eq(var_get(NULL, "y"), "5");
	free(t);
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

/* ---- test ---- */

/* The files the file tests look at, made in a fresh directory (the
 * generator made the same ones for dash). */
static char fixture_dir[] = "/tmp/test_sh_bi.XXXXXX";
static char *saved_cwd;

static void touch(const char *name, mode_t mode, const char *text)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	if (text)
		ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	ck_assert_int_eq(chmod(name, mode), 0);
}

static void set_mtime(const char *name, time_t sec, long nsec)
{
	struct timespec ts[2] = {{sec, nsec}, {sec, nsec}};
	ck_assert_int_eq(utimensat(AT_FDCWD, name, ts, 0), 0);
}

static void fixture_up(void)
{
	saved_cwd = getcwd(NULL, 0);
	ck_assert_ptr_nonnull(mkdtemp(fixture_dir));
	ck_assert_int_eq(chdir(fixture_dir), 0);
	touch("f", 0644, "x\n");
	touch("e", 0600, NULL);
	ck_assert_int_eq(mkdir("d", 0755), 0);
	ck_assert_int_eq(chmod("d", 0755), 0);
	ck_assert_int_eq(symlink("f", "l"), 0);
	ck_assert_int_eq(symlink("nonexist", "dl"), 0);
	ck_assert_int_eq(mkfifo("p", 0644), 0);
	touch("x", 0755, NULL);
	touch("su", 04644, NULL);
	touch("sg", 02644, NULL);
	ck_assert_int_eq(mkdir("sk", 0755), 0);
	ck_assert_int_eq(chmod("sk", 01777), 0);
	touch("old", 0644, NULL);
	set_mtime("old", 946684800, 0);
	touch("new", 0644, NULL);
	set_mtime("new", 1577836800, 0);
	touch("new2", 0644, NULL);
	set_mtime("new2", 1577836800, 500000000);
	ck_assert_int_eq(link("f", "hard"), 0);
}

static void fixture_down(void)
{
	static const char *names[] = {"f",  "e",  "l",   "dl",  "p",    "x",
	                              "su", "sg", "old", "new", "new2", "hard"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		unlink(names[i]);
	rmdir("d");
	rmdir("sk");
	ck_assert_int_eq(chdir(saved_cwd), 0);
	rmdir(fixture_dir);
	free(saved_cwd);
}

/* argv (NULL-terminated at 10), status, what goes to stderr: from
 * dash -c '"$@"' dash ARGV... in the fixture. */
static const struct {
	const char *argv[12];
	int status;
	const char *msg;
} test_rows[] = {
    {{"test"}, 1, ""},
    {{"test", ""}, 1, ""},
    {{"test", "a"}, 0, ""},
    {{"test", "-n"}, 0, ""},
    {{"test", "-z"}, 0, ""},
    {{"test", "!"}, 0, ""},
    {{"test", "("}, 0, ""},
    {{"test", ")"}, 0, ""},
    {{"test", "-a"}, 0, ""},
    {{"test", "-o"}, 0, ""},
    {{"test", "!", ""}, 0, ""},
    {{"test", "!", "a"}, 1, ""},
    {{"test", "-n", ""}, 1, ""},
    {{"test", "-z", ""}, 0, ""},
    {{"test", "-n", "a"}, 0, ""},
    {{"test", "-z", "a"}, 1, ""},
    {{"test", "a", "=", "a"}, 0, ""},
    {{"test", "a", "!=", "a"}, 1, ""},
    {{"test", "a", "=", "b"}, 1, ""},
    {{"test", "a", "!=", "b"}, 0, ""},
    {{"test", "!", "-n"}, 1, ""},
    {{"test", "(", "a", ")"}, 0, ""},
    {{"test", "(", "", ")"}, 1, ""},
    {{"test", "-x"}, 0, ""},
    {{"test", "a", "-a", "b"}, 0, ""},
    {{"test", "", "-a", "b"}, 1, ""},
    {{"test", "a", "-o", ""}, 0, ""},
    {{"test", "", "-o", ""}, 1, ""},
    {{"test", "!", "a", "=", "a"}, 1, ""},
    {{"test", "!", "!", "a"}, 0, ""},
    {{"test", "(", "a", "=", "a", ")"}, 0, ""},
    {{"test", "(", "!", ")"}, 0, ""},
    {{"test", "1", "-eq", "1"}, 0, ""},
    {{"test", "abc", "-eq", "1"}, 2, "test: Illegal number: abc\n"},
    {{"test", "1", "-eq", "abc"}, 2, "test: Illegal number: abc\n"},
    {{"test", " 1 ", "-eq", "1"}, 0, ""},
    {{"test", "1\t", "-eq", "1"}, 0, ""},
    {{"test", "1 x", "-eq", "1"}, 2, "test: Illegal number: 1 x\n"},
    {{"test", "1x", "-gt", "0"}, 2, "test: Illegal number: 1x\n"},
    {{"test", "-1", "-lt", "0"}, 0, ""},
    {{"test", "99999999999999999999", "-eq", "1"},
     2,
     "test: Illegal number: 99999999999999999999\n"},
    {{"test", "", "-eq", "0"}, 2, "test: Illegal number: \n"},
    {{"test", "+", "-eq", "0"}, 2, "test: Illegal number: +\n"},
    {{"test", "+1", "-eq", "1"}, 0, ""},
    {{"test", "0x10", "-eq", "16"}, 2, "test: Illegal number: 0x10\n"},
    {{"test", "010", "-eq", "10"}, 0, ""},
    {{"test", "2", "-ne", "3"}, 0, ""},
    {{"test", "2", "-ne", "2"}, 1, ""},
    {{"test", "3", "-gt", "2"}, 0, ""},
    {{"test", "2", "-gt", "2"}, 1, ""},
    {{"test", "2", "-ge", "2"}, 0, ""},
    {{"test", "1", "-ge", "2"}, 1, ""},
    {{"test", "1", "-lt", "2"}, 0, ""},
    {{"test", "2", "-lt", "2"}, 1, ""},
    {{"test", "2", "-le", "2"}, 0, ""},
    {{"test", "3", "-le", "2"}, 1, ""},
    {{"test", "-9223372036854775808", "-lt", "9223372036854775807"}, 0, ""},
    {{"test", "a", "<", "b"}, 0, ""},
    {{"test", "b", "<", "a"}, 1, ""},
    {{"test", "a", ">", "b"}, 1, ""},
    {{"test", "b", ">", "a"}, 0, ""},
    {{"test", "a", "<", "a"}, 1, ""},
    {{"test", "B", "<", "a"}, 0, ""},
    {{"test", "a", "b"}, 2, "test: a: unexpected operator\n"},
    {{"test", "a", "b", "c"}, 2, "test: a: unexpected operator\n"},
    {{"test", "-z", "a", "b"}, 2, "test: a: unexpected operator\n"},
    {{"test", "a", "-foo", "b"}, 2, "test: a: unexpected operator\n"},
    {{"test", "!", "a", "b"}, 2, "test: a: unexpected operator\n"},
    {{"test", "!", "a", "b", "c"}, 2, "test: a: unexpected operator\n"},
    {{"test", "a", "b", "c", "d"}, 2, "test: a: unexpected operator\n"},
    {{"test", "(", "a", "b", ")"}, 2, "test: a: unexpected operator\n"},
    {{"test", "(", "a"}, 2, "test: closing paren expected\n"},
    {{"test", "a", "="}, 2, "test: =: argument expected\n"},
    {{"test", "-f"}, 0, ""},
    {{"test", "!", "-f"}, 1, ""},
    {{"test", "-f", "-a"}, 1, ""},
    {{"test", "(", "a", "b"}, 2, "test: closing paren expected\n"},
    {{"test", "a", "-a"}, 1, ""},
    {{"test", "a", "-o"}, 0, ""},
    {{"test", "-t"}, 0, ""},
    {{"test", "-t", "abc"}, 2, "test: Illegal number: abc\n"},
    {{"test", "-t", "99"}, 1, ""},
    {{"test", "!", "!", "a", "=", "a"}, 0, ""},
    {{"test", "(", "(", "a", ")", ")"}, 0, ""},
    {{"test", "(", ")"}, 1, ""},
    {{"test", "a", "-a", "b", "-o", "", "-a", "c"}, 0, ""},
    {{"test", "", "-o", "", "-o", "x"}, 0, ""},
    {{"test", "", "-a", "", "-o", "x"}, 0, ""},
    {{"test", "x", "-o", "", "-a", ""}, 0, ""},
    {{"test", "!", "", "-a", ""}, 0, ""},
    {{"test", "!", "(", "", ")"}, 0, ""},
    {{"test", "-z", "-a", "-z"}, 2, "test: -a: unexpected operator\n"},
    {{"test", "=", "=", "="}, 0, ""},
    {{"test", "-a", "=", "-a"}, 0, ""},
    {{"test", "(", "=", ")"}, 1, ""},
    {{"test", "(", "-n", ")"}, 0, ""},
    {{"test", "-n", "-n"}, 0, ""},
    {{"test", "1", "-eq"}, 2, "test: -eq: argument expected\n"},
    {{"test", "-eq", "1"}, 2, "test: -eq: unexpected operator\n"},
    {{"test", "x", "-eq", "1", "-o", "1"}, 2, "test: Illegal number: x\n"},
    {{"test", "1", "-eq", "1", "-o", "x", "-eq", "1"}, 2, "test: Illegal number: x\n"},
    {{"test", "(", "a", ")", "b"}, 2, "test: ): unexpected operator\n"},
    {{"test", "-z", "", "-a", "!", "-n", ""}, 0, ""},
    {{"test", "a", "-lt"}, 2, "test: -lt: argument expected\n"},
    {{"test", "-e"}, 0, ""},
    {{"test", "!", "("}, 1, ""},
    {{"test", "a", "<"}, 2, "test: <: argument expected\n"},
    {{"test", "-n", "a", "-a"}, 1, ""},
    {{"test", "abc", "-a"}, 1, ""},
    {{"test", "a", "==", "a"}, 2, "test: a: unexpected operator\n"},
    {{"test", "(", "1", "-gt", "2", ")", "-o", "1", "-eq", "1"}, 0, ""},
    {{"test", "!", "-e", "nonexist", "-a", "-d", "."}, 0, ""},
    {{"test", "!", "(", "a", "=", "b", ")"}, 0, ""},
    {{"test", "(", "!", "a", "=", "b", ")"}, 0, ""},
    {{"test", "(", "(", "(", "x", ")", ")", ")"}, 0, ""},
    {{"test", "(", "(", "x", ")", "-a", "(", "", ")", ")"}, 1, ""},
    {{"test", "-n", "=", "-n"}, 0, ""},
    {{"test", "-f", "=", "-f"}, 0, ""},
    {{"test", "!", "=", "a"}, 1, ""},
    {{"test", "!", "=", "!"}, 0, ""},
    {{"test", "(", "-a", ")"}, 0, ""},
    {{"test", "-o", "-o", "-o"}, 0, ""},
    {{"test", "-a", "-a", "-a"}, 0, ""},
    {{"test", "a", "-a", "-a", "-a"}, 1, ""},
    {{"test", "-f", "f"}, 0, ""},
    {{"test", "-f", "d"}, 1, ""},
    {{"test", "-f", "l"}, 0, ""},
    {{"test", "-f", "nonexist"}, 1, ""},
    {{"test", "-f", "p"}, 1, ""},
    {{"test", "-d", "d"}, 0, ""},
    {{"test", "-d", "f"}, 1, ""},
    {{"test", "-e", "f"}, 0, ""},
    {{"test", "-e", "dl"}, 1, ""},
    {{"test", "-e", "nonexist"}, 1, ""},
    {{"test", "-e", ""}, 1, ""},
    {{"test", "-h", "l"}, 0, ""},
    {{"test", "-L", "dl"}, 0, ""},
    {{"test", "-h", "f"}, 1, ""},
    {{"test", "-L", "nonexist"}, 1, ""},
    {{"test", "-p", "p"}, 0, ""},
    {{"test", "-p", "f"}, 1, ""},
    {{"test", "-s", "f"}, 0, ""},
    {{"test", "-s", "e"}, 1, ""},
    {{"test", "-s", "nonexist"}, 1, ""},
    {{"test", "-x", "x"}, 0, ""},
    {{"test", "-x", "f"}, 1, ""},
    {{"test", "-x", "d"}, 0, ""},
    {{"test", "-r", "f"}, 0, ""},
    {{"test", "-w", "f"}, 0, ""},
    {{"test", "-r", "nonexist"}, 1, ""},
    {{"test", "-u", "su"}, 0, ""},
    {{"test", "-u", "f"}, 1, ""},
    {{"test", "-g", "sg"}, 0, ""},
    {{"test", "-g", "su"}, 1, ""},
    {{"test", "-k", "sk"}, 0, ""},
    {{"test", "-k", "d"}, 1, ""},
    {{"test", "-c", "/dev/null"}, 0, ""},
    {{"test", "-b", "/dev/null"}, 1, ""},
    {{"test", "-c", "f"}, 1, ""},
    {{"test", "-S", "f"}, 1, ""},
    {{"test", "-O", "f"}, 0, ""},
    {{"test", "-G", "f"}, 0, ""},
    {{"test", "-O", "nonexist"}, 1, ""},
    {{"test", "new", "-nt", "old"}, 0, ""},
    {{"test", "old", "-nt", "new"}, 1, ""},
    {{"test", "old", "-ot", "new"}, 0, ""},
    {{"test", "new", "-ot", "old"}, 1, ""},
    {{"test", "new2", "-nt", "new"}, 0, ""},
    {{"test", "new", "-nt", "new"}, 1, ""},
    {{"test", "f", "-ef", "hard"}, 0, ""},
    {{"test", "f", "-ef", "l"}, 0, ""},
    {{"test", "f", "-ef", "e"}, 1, ""},
    {{"test", "f", "-ef", "nonexist"}, 1, ""},
    {{"test", "-d", "d", "-a", "-f", "f"}, 0, ""},
    {{"test", "-d", "f", "-o", "-f", "f"}, 0, ""},
    {{"test", "!", "-d", "f", "-a", "!", "-f", "d"}, 0, ""},
    {{"test", "-z", "-n"}, 1, ""},
    {{"test", "-f", "f", "-a"}, 1, ""},
    {{"[", "a", "]"}, 0, ""},
    {{"[", "a"}, 2, "[: missing ]\n"},
    {{"[", "]"}, 1, ""},
    {{"["}, 2, "[: missing ]\n"},
    {{"[", "a", "b"}, 2, "[: missing ]\n"},
    {{"[", "!", "]"}, 0, ""},
    {{"[", "a", "b", "]"}, 2, "[: a: unexpected operator\n"},
    {{"[", "1", "-eq", "x", "]"}, 2, "[: Illegal number: x\n"},
    {{"[", "-f", "f", "]"}, 0, ""},
    {{"[", "(", "a", "]"}, 2, "[: closing paren expected\n"},
    {{"[", "]", "]"}, 0, ""},
    {{"[", "a", "=", "]"}, 2, "[: =: argument expected\n"},
    {{"test", "", "abc", "-f"}, 2, "test: unexpected operator\n"},
    {{"[", "", "l", "]"}, 2, "[: unexpected operator\n"},
    {{"test", "-d", "", "2"}, 2, "test: unexpected operator\n"},
    /* POSIX where dash differs. XCU test, 4 arguments: "! ! ! a" is the
     * negation of the 3-argument "! ! a" (true): false; dash's is true. */
    {{"test", "!", "!", "!", "a"}, 1, ""},
    {{"test", "!", "!", "!", ""}, 0, ""},
    /* POSIX.1-2024 -nt/-ot: an existing file is newer than a missing
     * one; dash answers false (1) for these. */
    {{"test", "f", "-nt", "nonexist"}, 0, ""},
    {{"test", "nonexist", "-ot", "f"}, 0, ""},
    {{"test", "nonexist", "-nt", "f"}, 1, ""},
    {{"test", "nonexist", "-nt", "nonexist"}, 1, ""},
};

START_TEST(test_table)
{
	char *argv[12];
	int argc = 0;
	while (test_rows[_i].argv[argc]) {
		argv[argc] = (char *)test_rows[_i].argv[argc];
		argc++;
	}
	argv[argc] = NULL;
	reset();
	int st = sh_bi_test(argc, argv);
	char desc[512] = "";
	for (int k = 0; k < argc; k++)
		snprintf(desc + strlen(desc), sizeof desc - strlen(desc), "'%s' ", argv[k]);
	ck_assert_msg(st == test_rows[_i].status, "%s: status %d, want %d", desc, st,
	              test_rows[_i].status);
	ck_assert_msg(strcmp(buf_str(&warned), test_rows[_i].msg) == 0, "%s: said '%s'", desc,
	              buf_str(&warned));
}
END_TEST

START_TEST(test_deep)
{
	/* 100000 nested parentheses: an error, not a stack overflow. */
	int n = 100000;
	char **argv = malloc((2 * (size_t)n + 3) * sizeof *argv);
	argv[0] = "test";
	for (int k = 0; k < n; k++) {
		argv[1 + k] = "(";
		argv[n + 2 + k] = ")";
	}
	argv[n + 1] = "x";
	argv[2 * n + 2] = NULL;
	reset();
	ck_assert_int_eq(sh_bi_test(2 * n + 2, argv), 2);
	ck_assert_str_eq(buf_str(&warned), "test: expression nested too deeply\n");
	/* and a long chain of "! '' -a" is no recursion at all */
	int m = 1;
	while (m + 3 < 2 * n + 2) {
		argv[m++] = "!";
		argv[m++] = "";
		argv[m++] = "-a";
	}
	argv[m++] = "!";
	argv[m++] = "";
	argv[m] = NULL;
	ck_assert_int_eq(sh_bi_test(m, argv), 0);
	free(argv);
}
END_TEST

static TCase *test_tcase(void)
{
	TCase *tc = tcase_create("test");
	tcase_add_unchecked_fixture(tc, fixture_up, fixture_down);
	tcase_add_loop_test(tc, test_table, 0, sizeof test_rows / sizeof test_rows[0]);
	tcase_add_test(tc, test_deep);
	return tc;
}

/* ---- printf and echo ---- */

/* argv, status, stdout (its length: it may hold NULs), stderr: from
 * dash -c '"$@"' dash ARGV... */
struct out_row {
	const char *argv[12];
	int status;
	const char *out;
	size_t len;
	const char *msg;
};

static const struct out_row printf_rows[] = {
    {{"printf", "%d\\n", "abc"}, 1, "0\012", 2, "printf: abc: expected numeric value\012"},
    {{"printf", "%d\\n", "12abc"}, 1, "12\012", 3, "printf: 12abc: not completely converted\012"},
    {{"printf", "%d\\n", "'a"}, 0, "97\012", 3, ""},
    {{"printf", "%d\\n", "\"b"}, 0, "98\012", 3, ""},
    {{"printf", "%d\\n", "'"}, 0, "0\012", 2, ""},
    {{"printf", "%d\\n", "'ab"}, 0, "97\012", 3, ""},
    {{"printf", "%d\\n", "0x1f", "010", "-5", "+3", " 7", "7 "},
     1,
     "31\0128\012-5\0123\0127\0127\012",
     14,
     "printf: 7 : not completely converted\012"},
    {{"printf", "%d %d\\n", "1"}, 0, "1 0\012", 4, ""},
    {{"printf", "%s-%s\\n", "a", "b", "c"}, 0, "a-b\012c-\012", 7, ""},
    {{"printf", "%b", "a\\nb\\c", "x"}, 0, "a\012b", 3, ""},
    {{"printf", "x%by\\n", "a\\cb", "c"}, 0, "xa", 2, ""},
    {{"printf", "%5s|%-5s|\\n", "ab", "cd"}, 0, "   ab|cd   |\012", 13, ""},
    {{"printf", "%.2s\\n", "abcdef"}, 0, "ab\012", 3, ""},
    {{"printf", "%*d|\\n", "5", "3"}, 0, "    3|\012", 7, ""},
    {{"printf", "%-*d|\\n", "5", "3"}, 0, "3    |\012", 7, ""},
    {{"printf", "%.*f\\n", "2", "3.14159"}, 0, "3.14\012", 5, ""},
    {{"printf", "%*.*s|\\n", "6", "2", "abcdef"}, 0, "    ab|\012", 8, ""},
    {{"printf", "%c\\n", "hello"}, 0, "h\012", 2, ""},
    {{"printf", "%c", ""}, 0, "\000", 1, ""},
    {{"printf", "%c%c\\n", "ab"}, 0, "a\000\012", 3, ""},
    {{"printf", "[%5c][%-5c][%05c]\\n", "x", "y", "z"}, 0, "[    x][y    ][    z]\012", 22, ""},
    {{"printf", "%x %X %o %u\\n", "255", "255", "8", "-1"},
     0,
     "ff FF 10 18446744073709551615\012",
     30,
     ""},
    {{"printf", "%#x %#o %#X\\n", "255", "8", "10"}, 0, "0xff 010 0XA\012", 13, ""},
    {{"printf", "%#o|%#x|\\n", "0", "0"}, 0, "0|0|\012", 5, ""},
    {{"printf", "%+d % d %05d\\n", "5", "5", "5"}, 0, "+5  5 00005\012", 12, ""},
    {{"printf", "%e %E %f %F %g %G\\n", "1.5", "1.5", "1.5", "1.5", "1.5", "1.5"},
     0,
     "1.500000e+00 1.500000E+00 1.500000 1.500000 1.5 1.5\012",
     52,
     ""},
    {{"printf", "%a %A\\n", "1", "1"}, 0, "0x1p+0 0X1P+0\012", 14, ""},
    {{"printf", "%i\\n", "42"}, 0, "42\012", 3, ""},
    {{"printf", "%i\\n", "0x10"}, 0, "16\012", 3, ""},
    {{"printf", "%%\\n"}, 0, "%\012", 2, ""},
    {{"printf", "%z\\n"}, 2, "", 0, "printf: %z: invalid directive\012"},
    {{"printf", "%\\n"}, 2, "", 0, "printf: %\\: invalid directive\012"},
    {{"printf", "abc"}, 0, "abc", 3, ""},
    {{"printf", "\\101\\n"}, 0, "A\012", 2, ""},
    {{"printf", "\\0101\\n"}, 0, "\0101\012", 3, ""},
    {{"printf", "\\1234"}, 0, "S4", 2, ""},
    {{"printf", "\\400"}, 0, "\000", 1, ""},
    {{"printf", "a\\0b"}, 0, "a\000b", 3, ""},
    {{"printf", "a\\8"}, 0, "a\\8", 3, ""},
    {{"printf", "%b\\n", "\\0101"}, 0, "A\012", 2, ""},
    {{"printf", "%b\\n", "\\101"}, 0, "A\012", 2, ""},
    {{"printf", "%b", "\\1010"}, 0, "A0", 2, ""},
    {{"printf", "%b", "\\01010"}, 0, "A0", 2, ""},
    {{"printf", "%b", "\\0"}, 0, "\000", 1, ""},
    {{"printf", "%b", "\\08"}, 0, "\0008", 2, ""},
    {{"printf", "%b", "\\400"}, 0, "\000", 1, ""},
    {{"printf", "%b", "\\0400"}, 0, "\000", 1, ""},
    {{"printf", "%b", "a\\8"}, 0, "a\\8", 3, ""},
    {{"printf", "%b", "a\\"}, 0, "a\\", 2, ""},
    {{"printf", "\\x41\\n"}, 0, "\\x41\012", 5, ""},
    {{"printf", "%b\\n", "\\x41"}, 0, "\\x41\012", 5, ""},
    {{"printf", "a\\qb\\n"}, 0, "a\\qb\012", 5, ""},
    {{"printf", "%b\\n", "a\\qb"}, 0, "a\\qb\012", 5, ""},
    {{"printf", "\\c"}, 0, "\\c", 2, ""},
    {{"printf", "a\\cb"}, 0, "a\\cb", 4, ""},
    {{"printf", "\\e|%b", "\\e"}, 0, "\033|\033", 3, ""},
    {{"printf", "\\\"\\n"}, 0, "\\\"\012", 3, ""},
    {{"printf", "\\'\\n"}, 0, "\\'\012", 3, ""},
    {{"printf", "\\\\\\n"}, 0, "\\\012", 2, ""},
    {{"printf", "\\"}, 0, "\\", 1, ""},
    {{"printf", "a\\"}, 0, "a\\", 2, ""},
    {{"printf", "\\a\\b\\f\\r\\t\\v"}, 0, "\007\010\014\015\011\013", 6, ""},
    {{"printf", "%b\\n", "\\\\\\a\\b\\f\\n\\r\\t\\v\\0\\1"},
     0,
     "\\\007\010\014\012\015\011\013\000\001\012",
     11,
     ""},
    {{"printf", "%d\\n", "99999999999999999999"},
     1,
     "9223372036854775807\012",
     20,
     "printf: 99999999999999999999: Numerical result out of range\012"},
    {{"printf", "%d\\n", "-99999999999999999999"},
     1,
     "-9223372036854775808\012",
     21,
     "printf: -99999999999999999999: Numerical result out of range\012"},
    {{"printf", "%d\\n", "99999999999999999999x"},
     1,
     "9223372036854775807\012",
     20,
     "printf: 99999999999999999999x: not completely converted\012"},
    {{"printf", "%u\\n", "-1"}, 0, "18446744073709551615\012", 21, ""},
    {{"printf", "%u\\n", "18446744073709551615"}, 0, "18446744073709551615\012", 21, ""},
    {{"printf", "%u\\n", "18446744073709551616"},
     1,
     "18446744073709551615\012",
     21,
     "printf: 18446744073709551616: Numerical result out of range\012"},
    {{"printf", "%o\\n", "99999999999999999999"},
     1,
     "1777777777777777777777\012",
     23,
     "printf: 99999999999999999999: Numerical result out of range\012"},
    {{"printf", "%x\\n", "-1"}, 0, "ffffffffffffffff\012", 17, ""},
    {{"printf", "%d\\n", "-0x10"}, 0, "-16\012", 4, ""},
    {{"printf", "%x\\n", "'a"}, 0, "61\012", 3, ""},
    {{"printf", "%d\\n", " -3"}, 0, "-3\012", 3, ""},
    {{"printf", "%d\\n", "- 3"}, 1, "0\012", 2, "printf: - 3: expected numeric value\012"},
    {{"printf", "%d\\n", ""}, 0, "0\012", 2, ""},
    {{"printf", "%d\\n", "  "}, 1, "0\012", 2, "printf:   : expected numeric value\012"},
    {{"printf", "%d", "+"}, 1, "0", 1, "printf: +: expected numeric value\012"},
    {{"printf", "%d", "-"}, 1, "0", 1, "printf: -: expected numeric value\012"},
    {{"printf", "%d", "0x"}, 1, "0", 1, "printf: 0x: not completely converted\012"},
    {{"printf", "%d", "08"}, 1, "0", 1, "printf: 08: not completely converted\012"},
    {{"printf", "%d", "0b1"}, 1, "0", 1, "printf: 0b1: not completely converted\012"},
    {{"printf", "%d\\n", "1.5"}, 1, "1\012", 2, "printf: 1.5: not completely converted\012"},
    {{"printf", "%x", "1.5"}, 1, "1", 1, "printf: 1.5: not completely converted\012"},
    {{"printf", "%s\\n"}, 0, "\012", 1, ""},
    {{"printf", "%d\\n"}, 0, "0\012", 2, ""},
    {{"printf", "%s %d\\n", "a", "1", "b", "x"},
     1,
     "a 1\012b 0\012",
     8,
     "printf: x: expected numeric value\012"},
    {{"printf", "%d%d", "1", "x", "3"}, 1, "1030", 4, "printf: x: expected numeric value\012"},
    {{"printf", "%d %s\\n", "1", "a", "2"}, 0, "1 a\0122 \012", 7, ""},
    {{"printf", "%d\\n", "1", "2", "x", "3"},
     1,
     "1\0122\0120\0123\012",
     8,
     "printf: x: expected numeric value\012"},
    {{"printf", "%5%|\\n"}, 2, "", 0, "printf: %5%: invalid directive\012"},
    {{"printf", "%ld\\n", "5"}, 2, "", 0, "printf: %l: invalid directive\012"},
    {{"printf", "%hd\\n", "5"}, 2, "", 0, "printf: %h: invalid directive\012"},
    {{"printf", "%jd\\n", "5"}, 2, "", 0, "printf: %j: invalid directive\012"},
    {{"printf", "%q\\n", "5"}, 2, "", 0, "printf: %q: invalid directive\012"},
    {{"printf", "%I", "3"}, 2, "", 0, "printf: %I: invalid directive\012"},
    {{"printf", "%1$s", "a"}, 2, "", 0, "printf: %1$: invalid directive\012"},
    {{"printf", "ab%zcd"}, 2, "ab", 2, "printf: %z: invalid directive\012"},
    {{"printf", "%s%z", "a", "b"}, 2, "a", 1, "printf: %z: invalid directive\012"},
    {{"printf", "%"}, 2, "", 0, "printf: missing format character\012"},
    {{"printf", "a%5"}, 2, "a", 1, "printf: missing format character\012"},
    {{"printf", "a%."}, 2, "a", 1, "printf: missing format character\012"},
    {{"printf", "a%-"}, 2, "a", 1, "printf: missing format character\012"},
    {{"printf", "%-+ #010.3d|\\n", "5"}, 0, "+005      |\012", 12, ""},
    {{"printf", "%.0d|\\n", "0"}, 0, "|\012", 2, ""},
    {{"printf", "%.d|", "5"}, 0, "5|", 2, ""},
    {{"printf", "%.3d|\\n", "-1"}, 0, "-001|\012", 6, ""},
    {{"printf", "% +d", "3"}, 0, "+3", 2, ""},
    {{"printf", "%00d", "3"}, 0, "3", 1, ""},
    {{"printf", "%0-5d|", "3"}, 0, "3    |", 6, ""},
    {{"printf", "%--5d|", "3"}, 0, "3    |", 6, ""},
    {{"printf", "%5d|%-5d|\\n", "1"}, 0, "    1|0    |\012", 13, ""},
    {{"printf", "%f\\n", "abc"}, 1, "0.000000\012", 9, "printf: abc: expected numeric value\012"},
    {{"printf", "%f\\n", "1e3"}, 0, "1000.000000\012", 12, ""},
    {{"printf", "%f\\n", "0x10"}, 0, "16.000000\012", 10, ""},
    {{"printf", "%f\\n", "inf"}, 0, "inf\012", 4, ""},
    {{"printf", "%f\\n", "nan"}, 0, "nan\012", 4, ""},
    {{"printf", "%F\\n", "inf"}, 0, "INF\012", 4, ""},
    {{"printf", "%f", "1.5x"}, 1, "1.500000", 8, "printf: 1.5x: not completely converted\012"},
    {{"printf", "%f", "1e999"}, 1, "inf", 3, "printf: 1e999: Numerical result out of range\012"},
    {{"printf", "%f", "'a"}, 0, "97.000000", 9, ""},
    {{"printf", "%e", ""}, 0, "0.000000e+00", 12, ""},
    {{"printf", "%g %g %g", "100000", "1000000", "0.0001"}, 0, "100000 1e+06 0.0001", 19, ""},
    {{"printf", "%.0f %.0f", "2.5", "3.5"}, 0, "2 4", 3, ""},
    {{"printf", "%#g", "1"}, 0, "1.00000", 7, ""},
    {{"printf", "%08.3f|", "-3.14159"}, 0, "-003.142|", 9, ""},
    {{"printf", "%+e", "12345"}, 0, "+1.234500e+04", 13, ""},
    {{"printf", "%G", "1e-10"}, 0, "1E-10", 5, ""},
    {{"printf", "%.3e", "0"}, 0, "0.000e+00", 9, ""},
    {{"printf", "%*d\\n", "abc", "3"}, 1, "3\012", 2, "printf: abc: expected numeric value\012"},
    {{"printf", "%.*d\\n", "-1", "3"}, 0, "3\012", 2, ""},
    {{"printf", "%*d|\\n", "-5", "3"}, 0, "3    |\012", 7, ""},
    {{"printf", "%.*s|", "x", "abc"}, 1, "|", 1, "printf: x: expected numeric value\012"},
    {{"printf", "[%5b]\\n", "a\\n"}, 0, "[   a\012]\012", 8, ""},
    {{"printf", "[%-5b]\\n", "ab"}, 0, "[ab   ]\012", 8, ""},
    {{"printf", "[%.1b]\\n", "\\0101bc"}, 0, "[A]\012", 4, ""},
    {{"printf", "[%5.3b]", "abcdef"}, 0, "[  abc]", 7, ""},
    {{"printf", "[%05s][%05b][% s]", "ab", "ab", "q"}, 0, "[   ab][   ab][q]", 17, ""},
    {{"printf", "%+s|%#s|", "a", "b"}, 0, "a|b|", 4, ""},
    {{"printf", "%+5.1s|", "abc"}, 0, "    a|", 6, ""},
    {{"printf", "a\\n", "x", "y"}, 0, "a\012", 2, ""},
    {{"printf", "%%%s\\n", "x", "y"}, 0, "%x\012%y\012", 6, ""},
    {{"printf", "%d %d %d\\n", "1", "2", "3", "4"}, 0, "1 2 3\0124 0 0\012", 12, ""},
    {{"printf", "%b %s\\n", "a\\cb", "x"}, 0, "a", 1, ""},
    {{"printf", "%s\\n", "a\\nb"}, 0, "a\\nb\012", 5, ""},
    {{"printf", "%s", "-v"}, 0, "-v", 2, ""},
    {{"printf", "--", "%s\\n", "x"}, 0, "x\012", 2, ""},
    {{"printf", "--", "-v"}, 0, "-v", 2, ""},
    {{"printf", "-"}, 0, "-", 1, ""},
    {{"printf", "-v", "x"}, 2, "", 0, "printf: Illegal option -v\012"},
    {{"printf", "-n", "x"}, 2, "", 0, "printf: Illegal option -n\012"},
    {{"printf", "-5d"}, 2, "", 0, "printf: Illegal option -5\012"},
    {{"printf"}, 2, "", 0, "printf: usage: printf format [arg ...]\012"},
    {{"printf", "--"}, 2, "", 0, "printf: usage: printf format [arg ...]\012"},
    {{"printf", "%c", "\303\251"}, 0, "\303", 1, ""},
    {{"printf", "%d\\n", "'\303\251"}, 0, "195\012", 4, ""},
    {{"printf", "%s|%5s|%-5s|%.1s|\\n", "", "", "", ""}, 0, "|     |     ||\012", 15, ""},
    {{"printf", "%b|%5b|", "", ""}, 0, "|     |", 7, ""},
    {{"printf", "%o %x %X %u", "'a", "'b", "\"c", "'d"}, 0, "141 62 63 100", 13, ""},
    {{"printf", "%s\\n", "a", "b", "c"}, 0, "a\012b\012c\012", 6, ""},
    {{"printf", "%s %s\\n", "a", "b", "c"}, 0, "a b\012c \012", 7, ""},
    {{"printf", "%.0s%s\\n", "hidden", "shown"}, 0, "shown\012", 6, ""},
    {{"printf", "%d%%\\n", "50"}, 0, "50%\012", 4, ""},
    {{"printf", "%c%s", "\\n", "x"}, 0, "\\x", 2, ""},
    {{"printf", "\\101\\102%s\\103\\n", "x"}, 0, "ABxC\012", 5, ""},
    {{"printf", "%-10.4f|%10.2e|", "3.14159265", "31415.9265"},
     0,
     "3.1416    |  3.14e+04|",
     22,
     ""},
    {{"printf", "%s %b", "\\101", "\\101"}, 0, "\\101 A", 6, ""},
    {{"printf", "%d", "9223372036854775807"}, 0, "9223372036854775807", 19, ""},
    {{"printf", "%d", "-9223372036854775808"}, 0, "-9223372036854775808", 20, ""},
    {{"printf", "%i %i", "077", "-077"}, 0, "63 -63", 6, ""},
    {{"printf", "%x %o", "0xff", "0777"}, 0, "ff 777", 6, ""},
    {{"printf", "%.*d|", "99999999999999999999", "0"},
     1,
     "0|",
     2,
     "printf: 99999999999999999999: Numerical result out of range\012"},
    {{"printf", "%*d|", "4294967299", "5"}, 0, "  5|", 4, ""},
    {{"printf", "%*d|", "-99999999999999999999", "5"},
     1,
     "5|",
     2,
     "printf: -99999999999999999999: Numerical result out of range\012"},
    {{"printf", "%.*s|", "4294967298", "abcdef"}, 0, "ab|", 3, ""},
};

static const struct out_row echo_rows[] = {
    {{"echo", "-n", "a"}, 0, "a", 1, ""},
    {{"echo", "-n"}, 0, "", 0, ""},
    {{"echo", "-e", "a\\tb"}, 0, "-e a\011b\012", 7, ""},
    {{"echo", "-E", "a"}, 0, "-E a\012", 5, ""},
    {{"echo", "-n", "-n", "a"}, 0, "-n a", 4, ""},
    {{"echo", "a", "-n"}, 0, "a -n\012", 5, ""},
    {{"echo", "-nn", "a"}, 0, "-nn a\012", 6, ""},
    {{"echo", "--", "a"}, 0, "-- a\012", 5, ""},
    {{"echo", "a\\cb", "c"}, 0, "a", 1, ""},
    {{"echo", "a\\c"}, 0, "a", 1, ""},
    {{"echo", "-n", "a\\c"}, 0, "a", 1, ""},
    {{"echo", "\\0101"}, 0, "A\012", 2, ""},
    {{"echo", "\\101"}, 0, "A\012", 2, ""},
    {{"echo", "\\01"}, 0, "\001\012", 2, ""},
    {{"echo", "\\0"}, 0, "\000\012", 2, ""},
    {{"echo", "\\8"}, 0, "\\8\012", 3, ""},
    {{"echo", "\\x41"}, 0, "\\x41\012", 5, ""},
    {{"echo", "a\\\\b"}, 0, "a\\b\012", 4, ""},
    {{"echo", "\\e"}, 0, "\033\012", 2, ""},
    {{"echo", "\\a\\b\\f\\n\\r\\t\\v"}, 0, "\007\010\014\012\015\011\013\012", 8, ""},
    {{"echo", "a\\"}, 0, "a\\\012", 3, ""},
    {{"echo", ""}, 0, "\012", 1, ""},
    {{"echo"}, 0, "\012", 1, ""},
    {{"echo", "-"}, 0, "-\012", 2, ""},
    {{"echo", "\\0777"}, 0, "\377\012", 2, ""},
    {{"echo", "\\01234"}, 0, "S4\012", 3, ""},
    {{"echo", "\\08"}, 0, "\0008\012", 3, ""},
    {{"echo", "-n", ""}, 0, "", 0, ""},
    {{"echo", "-n ", "a"}, 0, "-n  a\012", 6, ""},
    {{"echo", "-N", "a"}, 0, "-N a\012", 5, ""},
    {{"echo", "a", "b", "", "c"}, 0, "a b  c\012", 7, ""},
    {{"echo", "a  b"}, 0, "a  b\012", 5, ""},
    {{"echo", "\\q\\\"\\'"}, 0, "\\q\\\"\\'\012", 7, ""},
    {{"echo", "\\c", "x"}, 0, "", 0, ""},
    {{"echo", "a", "\\c"}, 0, "a ", 2, ""},
    {{"echo", "%s", "%d", "100%"}, 0, "%s %d 100%\012", 11, ""},
    {{"echo", "\\400", "\\0400", "\\1010"}, 0, "\000 \000 A0\012", 7, ""},
    {{"echo", "-n", "-e", "x"}, 0, "-e x", 4, ""},
};

static void check_out_row(const struct out_row *row, int (*fn)(int, char **, struct buf *))
{
	char *argv[12];
	int argc = 0;
	while (row->argv[argc]) {
		argv[argc] = (char *)row->argv[argc];
		argc++;
	}
	argv[argc] = NULL;
	char desc[512] = "";
	for (int k = 0; k < argc; k++)
		snprintf(desc + strlen(desc), sizeof desc - strlen(desc), "'%s' ", argv[k]);
	reset();
	struct buf out = {0};
	int st = fn(argc, argv, &out);
	ck_assert_msg(st == row->status, "%s: status %d, want %d", desc, st, row->status);
	ck_assert_msg(out.len == row->len && memcmp(buf_str(&out), row->out, row->len) == 0,
	              "%s: printed '%s' (%zu bytes), want '%s' (%zu)", desc, buf_str(&out), out.len,
	              row->out, row->len);
	ck_assert_msg(strcmp(buf_str(&warned), row->msg) == 0, "%s: said '%s', want '%s'", desc,
	              buf_str(&warned), row->msg);
	buf_free(&out);
}

START_TEST(printf_table)
{
	check_out_row(&printf_rows[_i], sh_bi_printf);
}
END_TEST

START_TEST(echo_table)
{
	check_out_row(&echo_rows[_i], sh_bi_echo);
}
END_TEST

static TCase *printf_tcase(void)
{
	TCase *tc = tcase_create("printf");
	tcase_add_loop_test(tc, printf_table, 0, sizeof printf_rows / sizeof printf_rows[0]);
	tcase_add_loop_test(tc, echo_table, 0, sizeof echo_rows / sizeof echo_rows[0]);
	return tc;
}

/* ---- umask ---- */

/* argv, status, stdout, stderr and the mask after: from dash -c 'umask
 * 022; umask "$@"; echo "|$?|$(umask)"' dash ARGV... */
static const struct {
	const char *argv[6];
	int status;
	const char *out, *msg;
	mode_t mask;
} umask_rows[] = {
    {{"umask"}, 0, "0022\n", "", 00022},
    {{"umask", "-S"}, 0, "u=rwx,g=rx,o=rx\n", "", 00022},
    {{"umask", "077"}, 0, "", "", 00077},
    {{"umask", "0"}, 0, "", "", 00000},
    {{"umask", "7777"}, 0, "", "", 00777},
    {{"umask", "0777"}, 0, "", "", 00777},
    {{"umask", "1000"}, 0, "", "", 00000},
    {{"umask", "8"}, 2, "", "umask: Illegal number: 8\n", 00022},
    {{"umask", "abc"}, 2, "", "umask: Illegal mode: abc\n", 00022},
    {{"umask", "u=rwx,g=,o="}, 0, "", "", 00077},
    {{"umask", "g-w,o+r"}, 0, "", "", 00022},
    {{"umask", "g+w"}, 0, "", "", 00002},
    {{"umask", "a=rx"}, 0, "", "", 00222},
    {{"umask", "=r"}, 0, "", "", 00333},
    {{"umask", "+w"}, 0, "", "", 00000},
    {{"umask", "-w"}, 2, "", "umask: Illegal option -w\n", 00022},
    {{"umask", "u-x"}, 0, "", "", 00122},
    {{"umask", "o=u"}, 0, "", "", 00020},
    {{"umask", "g=o"}, 0, "", "", 00022},
    {{"umask", "u+s"}, 0, "", "", 00022},
    {{"umask", "a+X"}, 0, "", "", 00022},
    {{"umask", "u=rwx,g=rx,o=rx"}, 0, "", "", 00022},
    {{"umask", "u=rwx,"}, 0, "", "", 00022},
    {{"umask", ",u=r"}, 2, "", "umask: Illegal mode: ,u=r\n", 00022},
    {{"umask", "u"}, 2, "", "umask: Illegal mode: u\n", 00022},
    {{"umask", "u=r,,g=r"}, 2, "", "umask: Illegal mode: u=r,,g=r\n", 00022},
    {{"umask", "ugo-rwx"}, 0, "", "", 00777},
    {{"umask", "u=rw+x"}, 0, "", "", 00022},
    {{"umask", "go="}, 0, "", "", 00077},
    {{"umask", "-S", "077"}, 0, "", "", 00077},
    {{"umask", "--", "077"}, 0, "", "", 00077},
    {{"umask", "-x"}, 2, "", "umask: Illegal option -x\n", 00022},
    {{"umask", "022", "033"}, 0, "", "", 00022},
    {{"umask", "-S", "-S"}, 0, "u=rwx,g=rx,o=rx\n", "", 00022},
    {{"umask", "u=rx-x"}, 0, "", "", 00322},
    {{"umask", "u+r+w"}, 0, "", "", 00022},
    {{"umask", "g=u-w"}, 0, "", "", 00022},
    {{"umask", "00000022"}, 0, "", "", 00022},
    {{"umask", "99"}, 2, "", "umask: Illegal number: 99\n", 00022},
    {{"umask", "-0"}, 2, "", "umask: Illegal option -0\n", 00022},
    {{"umask", " 22"}, 2, "", "umask: Illegal mode:  22\n", 00022},
    {{"umask", "=755"}, 2, "", "umask: Illegal mode: =755\n", 00022},
    {{"umask", "u=rwxs"}, 0, "", "", 00022},
    {{"umask", "a-s"}, 0, "", "", 00022},
    {{"umask", "ug=w"}, 0, "", "", 00552},
    {{"umask", "u=g"}, 0, "", "", 00222},
    {{"umask", "u=gx"}, 0, "", "", 00222},
    {{"umask", "u=,g="}, 0, "", "", 00772},
    {{"umask", "u=r,"}, 0, "", "", 00322},
    {{"umask", "u=r,,"}, 2, "", "umask: Illegal mode: u=r,,\n", 00022},
    {{"umask", "g+"}, 0, "", "", 00022},
    {{"umask", "g"}, 2, "", "umask: Illegal mode: g\n", 00022},
    {{"umask", "+"}, 0, "", "", 00022},
    {{"umask", "="}, 0, "", "", 00777},
    {{"umask", "u=rX"}, 0, "", "", 00222},
    {{"umask", "a-X"}, 0, "", "", 00133},
    {{"umask", "u=xX"}, 0, "", "", 00622},
    {{"umask", "g=s"}, 0, "", "", 00072},
    {{"umask", "+s"}, 0, "", "", 00022},
    {{"umask", "u=ru"}, 0, "", "", 00022},
    {{"umask", "u-g"}, 0, "", "", 00522},
    {{"umask", "o=g+x"}, 0, "", "", 00022},
    {{"umask", "a=r-r"}, 0, "", "", 00777},
    {{"umask", "U=r"}, 2, "", "umask: Illegal mode: U=r\n", 00022},
    {{"umask", "u =r"}, 2, "", "umask: Illegal mode: u =r\n", 00022},
    {{"umask", ""}, 0, "", "", 00022},
    {{"umask", "-SS"}, 0, "u=rwx,g=rx,o=rx\n", "", 00022},
    {{"umask", "-"}, 0, "", "", 00022},
    {{"umask", "-Sx"}, 2, "", "umask: Illegal option -x\n", 00022},
    {{"umask", "-S", "--"}, 0, "u=rwx,g=rx,o=rx\n", "", 00022},
    {{"umask", "--", "-S"}, 2, "", "umask: Illegal mode: -S\n", 00022},
    {{"umask", "a+rwx,u-w"}, 0, "", "", 00200},
    {{"umask", "go+w,o-rw"}, 0, "", "", 00006},
    {{"umask", "u=rw,go=r"}, 0, "", "", 00133},
    {{"umask", "778"}, 2, "", "umask: Illegal number: 778\n", 00022},
    {{"umask", "0x1"}, 2, "", "umask: Illegal number: 0x1\n", 00022},
    {{"umask", "2"}, 0, "", "", 00002},
    {{"umask", "0002"}, 0, "", "", 00002},
    {{"umask", "u=rwx,g=rwx,o="}, 0, "", "", 00007},
    /* POSIX over dash: a clause needs an operator (dash takes "ug"
     * alone, though not "u"); t is in chmod's grammar (dash refuses it),
     * and names no bit of a mask. */
    {{"umask", "ug"}, 2, "", "umask: Illegal mode: ug\n", 022},
    {{"umask", "+t"}, 0, "", "", 022},
    {{"umask", "o=rwxt"}, 0, "", "", 020},
};

START_TEST(umask_table)
{
	char *argv[6];
	int argc = 0;
	while (umask_rows[_i].argv[argc]) {
		argv[argc] = (char *)umask_rows[_i].argv[argc];
		argc++;
	}
	argv[argc] = NULL;
	mode_t saved = umask(022);
	reset();
	struct buf out = {0};
	int st = sh_bi_umask(argc, argv, &out);
	mode_t after = umask(saved);
	const char *a1 = argc > 1 ? argv[1] : "";
	ck_assert_msg(st == umask_rows[_i].status, "umask '%s': status %d", a1, st);
	ck_assert_str_eq(buf_str(&out), umask_rows[_i].out);
	ck_assert_str_eq(buf_str(&warned), umask_rows[_i].msg);
	ck_assert_msg(after == umask_rows[_i].mask, "umask '%s': mask %04o, want %04o", a1,
	              (unsigned)after, (unsigned)umask_rows[_i].mask);
	buf_free(&out);
}
END_TEST

START_TEST(umask_relative)
{
	/* Symbolic modes act on the mask in force: 077 then g+rx is 027. */
	mode_t saved = umask(077);
	char *argv[] = {"umask", "g+rx", NULL};
	ck_assert_int_eq(sh_bi_umask(2, argv, NULL), 0);
	ck_assert_int_eq(umask(saved), 027);
	umask(0777);
	char *x[] = {"umask", "a+X", NULL}; /* nobody may execute: X adds nothing */
	ck_assert_int_eq(sh_bi_umask(2, x, NULL), 0);
	ck_assert_int_eq(umask(0766), 0777);
	/* group and others may: X gives x to all */
	ck_assert_int_eq(sh_bi_umask(2, x, NULL), 0);
	ck_assert_int_eq(umask(saved), 0666);
}
END_TEST

START_TEST(umask_original)
{
	/* Copies (u g o) and X read the permissions from before the whole
	 * MODE, not those its earlier clauses made (dash; rows from dash -c
	 * 'umask BEFORE; umask MODE; echo "$?|$(umask)"'). */
	static const struct {
		const char *mode;
		mode_t before;
		int status;
		mode_t after;
	} rows[] = {
	    {"u=x,g=u", 0133, 0, 00613}, {"u=x,a+X", 0777, 0, 00677}, {"u=,g=u", 022, 0, 00702},
	    {"g=u,o=g", 022, 0, 00002},  {"g=gu", 0133, 0, 00113},    {"a-rx,=u", 0133, 0, 00111},
	};
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		mode_t saved = umask(rows[k].before);
		char *argv[] = {"umask", (char *)rows[k].mode, NULL};
		reset();
		ck_assert_int_eq(sh_bi_umask(2, argv, NULL), rows[k].status);
		mode_t after = umask(saved);
		ck_assert_msg(after == rows[k].after, "umask %04o then %s: %04o, want %04o",
		              (unsigned)rows[k].before, rows[k].mode, (unsigned)after,
		              (unsigned)rows[k].after);
	}
}
END_TEST

static TCase *umask_tcase(void)
{
	TCase *tc = tcase_create("umask");
	tcase_add_loop_test(tc, umask_table, 0, sizeof umask_rows / sizeof umask_rows[0]);
	tcase_add_test(tc, umask_relative);
	tcase_add_test(tc, umask_original);
	return tc;
}

/* ---- ulimit ---- */

/* Runs ulimit with the words of argv; its status, output in *out. */
static int ulimit_run(struct buf *out, const char *a1, const char *a2, const char *a3)
{
	char *argv[] = {"ulimit", (char *)a1, (char *)a2, (char *)a3, NULL};
	int argc = 1;
	while (argv[argc])
		argc++;
	reset();
	buf_free(out);
	return sh_bi_ulimit(argc, argv, out);
}

/* A limit as ulimit prints it. */
static void limit_text(char *s, size_t size, rlim_t v, rlim_t factor)
{
	if (v == RLIM_INFINITY)
		snprintf(s, size, "unlimited\n");
	else
		snprintf(s, size, "%ju\n", (uintmax_t)(v / factor));
}

START_TEST(ulimit_show)
{
	/* dash's ulimit -a: these names, "%-20s " then the value */
	static const struct {
		const char *name;
		int res;
		rlim_t factor;
	} rows[] = {{"time(seconds)", RLIMIT_CPU, 1},
	            {"file(blocks)", RLIMIT_FSIZE, 512},
	            {"data(kbytes)", RLIMIT_DATA, 1024},
	            {"stack(kbytes)", RLIMIT_STACK, 1024},
	            {"coredump(blocks)", RLIMIT_CORE, 512},
	            {"memory(kbytes)", RLIMIT_RSS, 1024},
	            {"locked memory(kbytes)", RLIMIT_MEMLOCK, 1024},
	            {"process", RLIMIT_NPROC, 1},
	            {"nofiles", RLIMIT_NOFILE, 1},
	            {"vmemory(kbytes)", RLIMIT_AS, 1024},
	            {"locks", RLIMIT_LOCKS, 1},
	            {"rtprio", RLIMIT_RTPRIO, 1}};
	struct buf out = {0}, want = {0};
	for (int hard = 0; hard < 2; hard++) {
		buf_free(&want);
		for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
			struct rlimit rl;
			getrlimit(rows[k].res, &rl);
			char v[32];
			limit_text(v, sizeof v, hard ? rl.rlim_max : rl.rlim_cur, rows[k].factor);
			buf_printf(&want, "%-20s %s", rows[k].name, v);
		}
		ck_assert_int_eq(ulimit_run(&out, hard ? "-Ha" : "-a", NULL, NULL), 0);
		ck_assert_str_eq(buf_str(&out), buf_str(&want));
		ck_assert_int_eq(ulimit_run(&out, "-n", hard ? "-aH" : "-a", NULL), 0);
		ck_assert_str_eq(buf_str(&out), buf_str(&want));
	}
	struct rlimit rl;
	char v[32];
	getrlimit(RLIMIT_FSIZE, &rl);
	limit_text(v, sizeof v, rl.rlim_cur, 512);
	ck_assert_int_eq(ulimit_run(&out, NULL, NULL, NULL), 0);
	ck_assert_str_eq(buf_str(&out), v);
	ck_assert_int_eq(ulimit_run(&out, "--", NULL, NULL), 0);
	ck_assert_str_eq(buf_str(&out), v);
	getrlimit(RLIMIT_NOFILE, &rl);
	limit_text(v, sizeof v, rl.rlim_cur, 1);
	ck_assert_int_eq(ulimit_run(&out, "-n", NULL, NULL), 0);
	ck_assert_str_eq(buf_str(&out), v);
	ck_assert_int_eq(ulimit_run(&out, "-HSn", NULL, NULL), 0); /* both: the soft one */
	ck_assert_str_eq(buf_str(&out), v);
	limit_text(v, sizeof v, rl.rlim_max, 1);
	ck_assert_int_eq(ulimit_run(&out, "-Hn", NULL, NULL), 0);
	ck_assert_str_eq(buf_str(&out), v);
	ck_assert_int_eq(ulimit_run(&out, "-nH", NULL, NULL), 0);
	ck_assert_str_eq(buf_str(&out), v);
	/* the last resource letter counts */
	getrlimit(RLIMIT_STACK, &rl);
	limit_text(v, sizeof v, rl.rlim_cur, 1024);
	ck_assert_int_eq(ulimit_run(&out, "-n", "-s", NULL), 0);
	ck_assert_str_eq(buf_str(&out), v);
	ck_assert_int_eq(ulimit_run(&out, "-ns", NULL, NULL), 0);
	ck_assert_str_eq(buf_str(&out), v);
	buf_free(&out);
	buf_free(&want);
}
END_TEST

START_TEST(ulimit_errors)
{
	/* dash's messages, all with status 2 */
	static const char *rows[][4] = {
	    {"-x", NULL, NULL, "ulimit: Illegal option -x\n"},
	    {"-e", NULL, NULL, "ulimit: Illegal option -e\n"},
	    {"-n", "-1", NULL, "ulimit: Illegal option -1\n"},
	    {"-n", "abc", NULL, "ulimit: bad number\n"},
	    {"-n", "1x", NULL, "ulimit: bad number\n"},
	    {"-n", "0x10", NULL, "ulimit: bad number\n"},
	    {"-n", " 5", NULL, "ulimit: bad number\n"},
	    {"-n", "+5", NULL, "ulimit: bad number\n"},
	    {"-", NULL, NULL, "ulimit: bad number\n"},
	    {"-", "n", NULL, "ulimit: too many arguments\n"},
	    {"-n", "10", "20", "ulimit: too many arguments\n"},
	    {"-a", "100", NULL, "ulimit: too many arguments\n"},
	    /* a hard limit under the soft one */
	    {"-H", "-n", "1", "ulimit: error setting limit (Invalid argument)\n"},
	    /* dash sets 0 for "", and wraps a limit too large for rlim_t */
	    {"-n", "", NULL, "ulimit: bad number\n"},
	    {"-f", "99999999999999999999", NULL, "ulimit: bad number\n"},
	    {"-f", "36028797018963968", NULL, "ulimit: bad number\n"},
	};
	struct buf out = {0};
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		ck_assert_int_eq(ulimit_run(&out, rows[k][0], rows[k][1], rows[k][2]), 2);
		ck_assert_str_eq(buf_str(&out), "");
		ck_assert_str_eq(buf_str(&warned), rows[k][3]);
	}
	buf_free(&out);
}
END_TEST

START_TEST(ulimit_set)
{
	/* Soft limits only, so that they can be put back. */
	struct rlimit core, nofile, rl;
	getrlimit(RLIMIT_CORE, &core);
	getrlimit(RLIMIT_NOFILE, &nofile);
	struct buf out = {0};
	ck_assert_int_eq(ulimit_run(&out, "-S", "-c", "1"), 0);
	getrlimit(RLIMIT_CORE, &rl);
	ck_assert_int_eq(rl.rlim_cur, 512); /* blocks of 512 bytes */
	ck_assert_int_eq(rl.rlim_max, core.rlim_max);
	ck_assert_int_eq(ulimit_run(&out, "-c", NULL, NULL), 0);
	ck_assert_str_eq(buf_str(&out), "1\n");
	ck_assert_int_eq(ulimit_run(&out, "-Sc", "0", NULL), 0);
	ck_assert_int_eq(ulimit_run(&out, "-c", NULL, NULL), 0);
	ck_assert_str_eq(buf_str(&out), "0\n");
	ck_assert_int_eq(ulimit_run(&out, "-Sn", "010", NULL), 0); /* decimal, as dash */
	getrlimit(RLIMIT_NOFILE, &rl);
	ck_assert_int_eq(rl.rlim_cur, 10);
	setrlimit(RLIMIT_NOFILE, &nofile);
	if (core.rlim_max == RLIM_INFINITY) {
		ck_assert_int_eq(ulimit_run(&out, "-S", "-c", "unlimited"), 0);
		getrlimit(RLIMIT_CORE, &rl);
		ck_assert(rl.rlim_cur == RLIM_INFINITY);
	}
	/* without -H or -S both are set: here to what the hard one is */
	char hard[32];
	if (core.rlim_max == RLIM_INFINITY)
		snprintf(hard, sizeof hard, "unlimited");
	else
		snprintf(hard, sizeof hard, "%ju", (uintmax_t)(core.rlim_max / 512));
	ck_assert_int_eq(ulimit_run(&out, "-c", hard, NULL), 0);
	getrlimit(RLIMIT_CORE, &rl);
	ck_assert(rl.rlim_cur == rl.rlim_max);
	setrlimit(RLIMIT_CORE, &core);
	buf_free(&out);
}
END_TEST

static TCase *ulimit_tcase(void)
{
	TCase *tc = tcase_create("ulimit");
	tcase_add_test(tc, ulimit_show);
	tcase_add_test(tc, ulimit_errors);
	tcase_add_test(tc, ulimit_set);
	return tc;
}

int main(void)
{
	Suite *s = suite_create("sh_bi");
	suite_add_tcase(s, arith_tcase());
	suite_add_tcase(s, test_tcase());
	suite_add_tcase(s, printf_tcase());
	suite_add_tcase(s, umask_tcase());
	suite_add_tcase(s, ulimit_tcase());
	return unit_run(s);
}
