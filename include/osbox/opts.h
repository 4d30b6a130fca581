/* One option table per applet: getopt_long, --help, completion and the
 * man-page check are all generated from it. */
#ifndef OSBOX_OPTS_H
#define OSBOX_OPTS_H

#include <getopt.h>

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
};

/* Stop at the first operand (env, spawn, runas: the rest is a command). */
#define OPTS_STOP_AT_OPERAND 1u
/* Negative numbers like -5 are operands, not options. */
#define OPTS_NO_PERMUTE OPTS_STOP_AT_OPERAND

struct opts {
	const struct optspec *spec;
	int argc;
	char **argv;
	char *arg; /* argument of the option just returned */
	int ind;   /* index of the first operand once opts_next returned -1 */
	char shortstr[128];
	struct option *longs;
};

/* Prepares to parse argv. argv[0] is the applet name as invoked. */
void opts_begin(struct opts *o, const struct optspec *spec, int argc, char **argv);

/* Returns the next option's id, or -1 when options end (o->ind is then the
 * first operand). --help prints usage and exits 0; --version prints the
 * version and exits 0; an unknown option or missing argument prints
 * getopt's message and the --help hint and exits with the usage status. */
int opts_next(struct opts *o);

/* "APPLET: message" and the --help hint on stderr; exits with the usage status. */
_Noreturn void usage_error(const struct opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes the --help text of spec for applet name to stdout (buffered). */
void opts_print_help(const char *name, const struct optspec *spec);

/* The name the applet was invoked as (for messages). */
const char *applet_name(void);

#endif
