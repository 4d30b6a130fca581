/* strerror: errno numbers, names and messages, as os.strerror and the
 * errno module's errorcode table. Names and messages come from the C
 * library (strerrorname_np, strerrordesc_np), not from a table of ours. */
#include "osbox/json.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { OPT_JSON = OPT_LONG };

static const struct opt options[] = {
    {'l', "list", no_argument, NULL, "print every errno value the system knows"},
    {'s', "search", required_argument, "WORD",
     "only values whose message contains WORD (any case)"},
    {OPT_JSON, "json", no_argument, NULL, "one JSON object per value: errno, name, message"},
    {0},
};

const struct optspec strerror_spec = {
    .usage = "[-l] [-s WORD] [--json] [ERRNO|NAME]...",
    .about = "Prints each ERRNO (a number, or a name such as ENOENT) as\n"
             "'[%2d] %-6s: %s', as the os.strerror example does. With -l, or no\n"
             "operand, prints every value the system knows.",
    .opts = options,
};

/* Numbers past this have no name on any Linux libc. */
#define ERRNO_LIMIT 4096

struct strerror_opts {
	const char *search;
	bool json;
};

/* Names that the C library knows only as aliases of another value: its
 * strerrorname_np gives the canonical name of each number. */
static const struct {
	const char *name;
	int value;
} aliases[] = {
    {"EWOULDBLOCK", EWOULDBLOCK},
    {"EDEADLOCK", EDEADLOCK},
    {"ENOTSUP", ENOTSUP},
};

static int lookup_name(const char *name)
{
	for (int e = 1; e < ERRNO_LIMIT; e++) {
		const char *n = strerrorname_np(e);
		if (n && strcasecmp(n, name) == 0)
			return e;
	}
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcasecmp(aliases[i].name, name) == 0)
			return aliases[i].value;
	return -1;
}

/* The symbolic name of e. 0 has none: there is no E macro for it and
 * Python's errno.errorcode has no entry; glibc's strerrorname_np(0)
 * gives "0", the number again, which is not a name. */
static const char *errno_name(int e)
{
	return e == 0 ? NULL : strerrorname_np(e);
}

static void print_one(const struct strerror_opts *so, int e)
{
	const char *name = errno_name(e);
	const char *msg = strerrordesc_np(e);
	if (so->json) {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		json_kint(&j, "errno", e);
		json_kcstr(&j, "name", name);
		json_kcstr(&j, "message", msg);
		json_end_object(&j);
		json_end_record(&j);
	} else {
		out_printf("[%2d] %-6s: %s\n", e, name ? name : "", msg);
	}
}

static bool matches(const struct strerror_opts *so, int e)
{
	return !so->search || strcasestr(strerrordesc_np(e), so->search);
}

/* The errno value an operand names, or -1 (reported) if none. */
static int parse_operand(const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end != s && *end == 0 && errno == 0) {
		/* 0 is "Success", as os.strerror(0) says. */
		if (v == 0 || (v > 0 && v < ERRNO_LIMIT && strerrorname_np((int)v)))
			return (int)v;
		warnx("%s: unknown error number", quote_gnu(0, QUOTE_SHELL, s));
		return -1;
	}
	int e = lookup_name(s);
	if (e < 0)
		warnx("%s: unknown error name", quote_gnu(0, QUOTE_SHELL, s));
	return e;
}

int strerror_main(int argc, char **argv)
{
	struct strerror_opts so = {0};
	bool list = false;
	struct opts o;
	int c;
	opts_begin(&o, &strerror_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 'l':
			list = true;
			break;
		case 's':
			so.search = o.arg;
			break;
		case OPT_JSON:
			so.json = true;
			break;
		}
	}
	int status = 0;
	bool printed = false;
	if (list || o.ind == argc) {
		for (int e = 1; e < ERRNO_LIMIT; e++) {
			if (strerrorname_np(e) && matches(&so, e)) {
				print_one(&so, e);
				printed = true;
			}
		}
	}
	for (int i = o.ind; i < argc; i++) {
		int e = parse_operand(argv[i]);
		if (e < 0) {
			status = 1;
		} else if (matches(&so, e)) {
			print_one(&so, e);
			printed = true;
		}
	}
	/* As grep: a search that found nothing is a "no". */
	if (so.search && !printed)
		status = 1;
	return status;
}
