/* ulimit [-HSa] [-tfdscmlpnvwr] [LIMIT], as dash's (POSIX XCU ulimit names
 * only -f): the last resource letter is the one shown or set (-f when
 * none), -a shows them all; -H and -S choose the hard or soft limit, and
 * setting without either sets both. Sizes are in the units dash uses. */
#include "bi.h"
#include "osbox/buf.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>

struct limit {
	char opt;
	int resource;
	rlim_t factor;
	const char *name;
};

/* dash's order and names, those of ulimit -a. */
static const struct limit limits[] = {
    {'t', RLIMIT_CPU, 1, "time(seconds)"},
    {'f', RLIMIT_FSIZE, 512, "file(blocks)"},
    {'d', RLIMIT_DATA, 1024, "data(kbytes)"},
    {'s', RLIMIT_STACK, 1024, "stack(kbytes)"},
    {'c', RLIMIT_CORE, 512, "coredump(blocks)"},
    {'m', RLIMIT_RSS, 1024, "memory(kbytes)"},
    {'l', RLIMIT_MEMLOCK, 1024, "locked memory(kbytes)"},
    {'p', RLIMIT_NPROC, 1, "process"},
    {'n', RLIMIT_NOFILE, 1, "nofiles"},
    {'v', RLIMIT_AS, 1024, "vmemory(kbytes)"},
    {'w', RLIMIT_LOCKS, 1, "locks"},
    {'r', RLIMIT_RTPRIO, 1, "rtprio"},
};

enum { SOFT = 1, HARD = 2 };

static void show(const struct limit *l, int how, struct buf *out)
{
	struct rlimit rl;
	getrlimit(l->resource, &rl);
	rlim_t v = how & SOFT ? rl.rlim_cur : rl.rlim_max;
	if (v == RLIM_INFINITY)
		buf_puts(out, "unlimited\n");
	else
		buf_printf(out, "%ju\n", (uintmax_t)(v / l->factor));
}

/* LIMIT: "unlimited" or decimal digits, in l's units. */
static bool parse_limit(const char *s, const struct limit *l, rlim_t *v)
{
	if (strcmp(s, "unlimited") == 0) {
		*v = RLIM_INFINITY;
		return true;
	}
	if (!*s)
		return false;
	rlim_t n = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		rlim_t d = (rlim_t)(*s - '0');
		if (n > (RLIM_INFINITY - 1 - d) / 10)
			return false;
		n = n * 10 + d;
	}
	if (n > (RLIM_INFINITY - 1) / l->factor)
		return false;
	*v = n * l->factor;
	return true;
}

static int set(const struct limit *l, int how, const char *arg)
{
	rlim_t v;
	if (!parse_limit(arg, l, &v)) {
		sh_bi_warn("ulimit: bad number");
		return 2;
	}
	struct rlimit rl;
	getrlimit(l->resource, &rl);
	if (how & HARD)
		rl.rlim_max = v;
	if (how & SOFT)
		rl.rlim_cur = v;
	if (setrlimit(l->resource, &rl) != 0) {
		sh_bi_warn("ulimit: error setting limit (%s)", strerror(errno));
		return 2;
	}
	return 0;
}

struct ulimit_opts {
	const struct limit *which;
	int how;
	bool all;
};

static bool ulimit_option(int c, void *ctx)
{
	struct ulimit_opts *u = ctx;
	for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++)
		if (limits[k].opt == c) {
			u->which = &limits[k];
			return true;
		}
	if (c == 'H')
		u->how |= HARD;
	else if (c == 'S')
		u->how |= SOFT;
	else if (c == 'a')
		u->all = true;
	else
		return false;
	return true;
}

int sh_bi_ulimit(int argc, char **argv, struct buf *out)
{
	struct ulimit_opts u = {.which = &limits[1]}; /* -f */
	int i = sh_bi_options(argc, argv, ulimit_option, &u);
	if (i < 0)
		return 2;
	const struct limit *which = u.which;
	int how = u.how;
	bool all = u.all;
	if (argc - i > (all ? 0 : 1)) {
		sh_bi_warn("ulimit: too many arguments");
		return 2;
	}
	if (i < argc)
		return set(which, how ? how : SOFT | HARD, argv[i]);
	if (!how)
		how = SOFT;
	if (!all) {
		show(which, how, out);
		return 0;
	}
	for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++) {
		buf_printf(out, "%-20s ", limits[k].name);
		show(&limits[k], how, out);
	}
	return 0;
}
