/* One option table per applet: getopt_long, --help, completion and the
 * man-page check are all generated from it. */
#ifndef OSBOX_OPTS_H
#define OSBOX_OPTS_H

#include <getopt.h>
#include <stdbool.h>

/* Values for long-only options start here, above every char. */
#define OPT_LONG 0x100

struct opt {
	int id;           /* value opts_next returns: the short letter, or OPT_LONG+n */
	const char *name; /* long name without "--", or NULL */
	int has_arg;      /* no_argument, required_argument, optional_argument */
	const char *arg;  /* argument's name in --help, e.g. "MODE" */
	const char *help; /* one line */
};

struct opts;

/* Two options (by id) that cannot be given together. */
struct optpair {
	int a, b;
};

/* max_operands: the applet takes no operand at all. */
#define OPERANDS_NONE (-1)

struct optspec {
	const char *usage;      /* operands after the applet name, e.g. "[-l] [ERRNO|NAME]..." */
	const char *about;      /* a paragraph printed after the usage line, or NULL */
	const struct opt *opts; /* terminated by an entry with id 0 */
	unsigned flags;
	int usage_status; /* on usage errors (0 means 2) and, when set, on write errors */
	int fail_status;  /* when memory runs out (0 means 1; see xalloc.h) */
	/* Called after getopt's message about an unknown option or a missing
	 * argument, before the --help hint (env's shebang hint); or NULL. */
	void (*on_bad_option)(const struct opts *o);
	/* Checked when the options end, in this order, each with its one
	 * wording: pairs of options given together ("cannot specify --json
	 * with --tree"), then the operand count: fewer than min_operands
	 * ("missing operand", "missing operand after 'X'"), more than
	 * max_operands ("extra operand 'X'"; 0 is no limit, OPERANDS_NONE
	 * none at all). GNU's wordings, so that the drop-ins read as GNU's. */
	const struct optpair *excludes; /* terminated by {0, 0}; or NULL */
	int min_operands;
	int max_operands;
};

/* Stop at the first operand (env, spawn, runas: the rest is a command). */
#define OPTS_STOP_AT_OPERAND 1u

/* The most options a table may hold (opts_next records which were given). */
#define OPTS_MAX 64

struct opts {
	const struct optspec *spec;
	int argc;
	char **argv;
	char *arg; /* argument of the option just returned */
	int ind;   /* index of the first operand once opts_next returned -1 */
	char shortstr[128];
	struct option *longs;
	unsigned long long given; /* bit i: spec->opts[i] was given */
};

/* Prepares to parse argv. argv[0] is the applet name as invoked. */
void opts_begin(struct opts *o, const struct optspec *spec, int argc, char **argv);

/* Returns the next option's id, or -1 when options end (o->ind is then the
 * first operand, and the spec's exclusions and operand counts have been
 * checked). --help prints usage and exits 0; --version prints the
 * version and exits 0; an unknown option or missing argument prints
 * getopt's message and the --help hint and exits with the usage status. */
int opts_next(struct opts *o);

/* Whether the option with this id was given (so far). */
bool opts_given(const struct opts *o, int id);

/* The spec's operand check with counts that depend on the options given
 * (symlink -T takes exactly 2): a usage error unless the operands after
 * o->ind number min to max (max as max_operands). */
void opts_operands(const struct opts *o, int min, int max);

/* The option with this id as messages name it: "--long (-c)", "--long"
 * or "-c". The result lives in slot (0 or 1) until it is used again. */
const char *opts_label(const struct optspec *spec, int slot, int id);

/* "APPLET: message" and the --help hint on stderr; exits with the usage status. */
_Noreturn void usage_error(const struct opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The applet's one-line summary that --help prints under the usage line;
 * applet_run sets it from the registry. */
void opts_set_summary(const char *summary);

/* Writes the --help text of spec for applet name to stdout (buffered);
 * summary may be NULL. */
void opts_print_help(const char *name, const char *summary, const struct optspec *spec);

/* For a multiplexer's own table (osbox --list): the entry that arg names
 * exactly, as "-c" or "--long", or NULL. */
const struct opt *opts_find(const struct optspec *spec, const char *arg);

/* The name the applet was invoked as (for messages). */
const char *applet_name(void);

#endif
