/* env: run a command in a modified environment, or print the environment,
 * as os.environ shows it. A drop-in for GNU env: the same options, the same
 * -S splitting (envsplit.c), messages and exit statuses (125 for env's
 * own errors, 126 when the command cannot run, 127 when it is not found). */
#include "envsplit.h"
#include "osbox/json.h"
#include "osbox/exitstatus.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/proc.h"
#include "osbox/quote.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum {
	OPT_BLOCK = OPT_LONG,
	OPT_DEFAULT,
	OPT_IGNORE,
	OPT_LIST,
	OPT_JSON,
};

static const struct opt options[] = {
    {'i', "ignore-environment", no_argument, NULL, "start with an empty environment"},
    {'0', "null", no_argument, NULL, "end each output line with NUL, not newline"},
    {'u', "unset", required_argument, "NAME", "remove variable from the environment"},
    {'C', "chdir", required_argument, "DIR", "change working directory to DIR"},
    {OPT_DEFAULT, "default-signal", optional_argument, "SIG",
     "reset handling of SIG signal(s) to the default"},
    {OPT_IGNORE, "ignore-signal", optional_argument, "SIG",
     "set handling of SIG signal(s) to do nothing"},
    {OPT_BLOCK, "block-signal", optional_argument, "SIG",
     "block delivery of SIG signal(s) to COMMAND"},
    {OPT_LIST, "list-signal-handling", no_argument, NULL,
     "list non default signal handling to stderr"},
    {'v', "debug", no_argument, NULL, "print verbose information for each processing step"},
    {'S', "split-string", required_argument, "S",
     "process and split S into separate arguments (for shebang lines)"},
    {OPT_JSON, "json", no_argument, NULL, "print the environment as one JSON object"},
    {0},
};

static const struct optpair excludes[] = {{'0', OPT_JSON}, {0}};

/* A shebang line without -S passes "-i perl" as one argument: getopt then
 * trips on the blank, and GNU env says what to do. */
static void shebang_hint(const struct opts *o)
{
	(void)o;
	if (optopt && strchr(" \t\n\v\f\r", optopt))
		warnx("use -[v]S to pass options in shebang lines");
}

const struct optspec env_spec = {
    .usage = "[OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]",
    .about = "Sets each NAME to VALUE in the environment and runs COMMAND.\n"
             "A mere - implies -i. If no COMMAND, prints the resulting environment.\n"
             "SIG may be a signal name like 'PIPE', or a signal number like '13';\n"
             "without SIG, all known signals. Several signals: comma-separated.",
    .opts = options,
    .excludes = excludes,
    .flags = OPTS_STOP_AT_OPERAND,
    .usage_status = EXIT_CANCELED,
    .fail_status = EXIT_CANCELED,
    .on_bad_option = shebang_hint,
};

/* What to do with a signal before running COMMAND (GNU's order of effects). */
enum sigact { UNCHANGED, DEFAULT, IGNORE, DEFAULT_NOERR, IGNORE_NOERR };

struct env {
	bool ignore, nul, json, debug, list_signals, mask_changed;
	const char *dir;
	const char **unset;
	size_t nunset, capunset;
	unsigned char action[NSIG];
	sigset_t block, unblock;
	struct envsplit *splits; /* every -S, kept: the new argv points into them */
	char ***argvs;
	size_t nsplits;
};

/* fprintf(stderr, fmt, quote(s)) */
static void qmsg(const char *fmt, const char *s)
{
	fprintf(stderr, fmt, quote_gnu(0, QUOTE_LOCALE, s));
}

static _Noreturn void die_quoted(int e, const char *fmt, const char *s)
{
	const char *q = quote_gnu(0, QUOTE_LOCALE, s);
	if (e) {
		errno = e;
		warn(fmt, q);
	} else {
		warnx(fmt, q);
	}
	exit(EXIT_CANCELED);
}

/* gnulib's sig2str: the name, or NULL for a number without one. */
static const char *sig_name(int sig, char buf[16])
{
	if (sig < 1 || sig >= NSIG)
		return NULL;
	if (sigabbrev_np(sig))
		return sigabbrev_np(sig);
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		return proc_signame(sig, buf);
	return NULL;
}

/* GNU's operand2sig: a number (a wait status past 128 gives its signal) or
 * a name in any case, with or without SIG; -1 if none. */
static int operand_sig(const char *s)
{
	if (*s >= '0' && *s <= '9') {
		char *end;
		errno = 0;
		long l = strtol(s, &end, 10);
		if (*end || errno || l > 0xffff)
			return -1;
		int i = (int)l;
		return WIFSIGNALED(i) ? WTERMSIG(i) : i;
	}
	if (!*s || strspn(s, " \t") || (strncasecmp(s, "SIG", 3) == 0 && !s[3]))
		return -1;
	return proc_signum(s);
}

/* --default-signal, --ignore-signal, --block-signal: a comma-separated
 * list, or every signal when there is no argument. */
static void parse_signals(struct env *e, const struct opts *o, const char *arg, int which)
{
	if (!arg) {
		for (int i = 1; i < NSIG; i++) {
			char b[16];
			if (which != OPT_BLOCK && sig_name(i, b))
				e->action[i] = which == OPT_DEFAULT ? DEFAULT_NOERR : IGNORE_NOERR;
		}
		if (which == OPT_BLOCK) {
			sigfillset(&e->block);
			sigemptyset(&e->unblock);
		} else if (which == OPT_DEFAULT) {
			sigfillset(&e->unblock);
			sigemptyset(&e->block);
		}
		e->mask_changed |= which != OPT_IGNORE;
		return;
	}
	char *copy = xstrdup(arg), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int sig = operand_sig(t);
		if (sig <= 0 || sig >= NSIG) {
			const char *q = quote_gnu(0, QUOTE_LOCALE, t);
			free(copy);
			usage_error(o, "%s: invalid signal", q);
		}
		if (which == OPT_BLOCK) {
			sigaddset(&e->block, sig);
			sigdelset(&e->unblock, sig);
		} else {
			e->action[sig] = which == OPT_DEFAULT ? DEFAULT : IGNORE;
			if (which == OPT_DEFAULT) {
				sigaddset(&e->unblock, sig);
				sigdelset(&e->block, sig);
			}
		}
		e->mask_changed |= which != OPT_IGNORE;
	}
	free(copy);
}

static void apply_signals(struct env *e)
{
	char b[16];
	for (int i = 1; i < NSIG; i++) {
		if (e->action[i] == UNCHANGED)
			continue;
		bool ign = e->action[i] == IGNORE || e->action[i] == IGNORE_NOERR;
		bool noerr = e->action[i] == DEFAULT_NOERR || e->action[i] == IGNORE_NOERR;
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sigemptyset(&sa.sa_mask);
		sa.sa_handler = ign ? SIG_IGN : SIG_DFL;
		bool failed = sigaction(i, &sa, NULL) != 0;
		if (failed && !noerr)
			err(EXIT_CANCELED, "failed to set signal action for signal %d", i);
		if (e->debug) {
			const char *n = sig_name(i, b);
			fprintf(stderr, "Reset signal %s (%d) to %s%s\n", n ? n : "?", i,
			        ign ? "IGNORE" : "DEFAULT", failed ? " (failure ignored)" : "");
		}
	}
	if (e->mask_changed) {
		sigset_t set;
		sigemptyset(&set);
		sigprocmask(SIG_SETMASK, NULL, &set);
		for (int i = 1; i < NSIG; i++) {
			const char *what = NULL;
			if (sigismember(&e->block, i) == 1) {
				sigaddset(&set, i);
				what = "BLOCK";
			} else if (sigismember(&e->unblock, i) == 1) {
				sigdelset(&set, i);
				what = "UNBLOCK";
			}
			const char *n = sig_name(i, b);
			if (what && e->debug && n)
				fprintf(stderr, "signal %s (%d) mask set to %s\n", n, i, what);
		}
		if (sigprocmask(SIG_SETMASK, &set, NULL) != 0)
			err(EXIT_CANCELED, "failed to set signal process mask");
	}
}

static void list_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, NULL, &set);
	for (int i = 1; i < NSIG; i++) {
		char b[16];
		const char *n = sig_name(i, b);
		struct sigaction sa;
		if (!n || sigaction(i, NULL, &sa) != 0)
			continue;
		bool blocked = sigismember(&set, i) == 1, ignored = sa.sa_handler == SIG_IGN;
		if (blocked || ignored)
			fprintf(stderr, "%-10s (%2d): %s%s%s\n", n, i, blocked ? "BLOCK" : "",
			        blocked && ignored ? "," : "", ignored ? "IGNORE" : "");
	}
}

static void note_expansion(void *ctx, const char *name, size_t len, const char *value)
{
	const struct env *e = ctx;
	if (!e->debug)
		return;
	if (value) {
		fprintf(stderr, "expanding ${%.*s} into %s\n", (int)len, name,
		        quote_gnu(0, QUOTE_LOCALE, value));
	} else {
		fprintf(stderr, "replacing ${%.*s} with null string\n", (int)len, name);
	}
}

/* -S: the words of s take the place of the option, and option parsing
 * starts again from them (so `env -S'-i A=1 cmd'` works, as GNU's does). */
static void split_string(struct env *e, struct opts *o, const char *s)
{
	struct envsplit r;
	if (envsplit(s, &r, note_expansion, e) != 0) {
		if (r.error == ENVSPLIT_BAD_VAR)
			errx(EXIT_CANCELED, "only ${VARNAME} expansion is supported, error at: %s",
			     r.at);
		char msg[128];
		errx(EXIT_CANCELED, "%s", envsplit_strerror(&r, msg, sizeof msg));
	}
	if (e->debug && r.argc > 0) {
		qmsg("split -S:  %s\n", s);
		qmsg(" into:    %s\n", r.argv[0]);
		for (int i = 1; i < r.argc; i++)
			qmsg("     &    %s\n", r.argv[i]);
	}
	int rest = o->argc - optind;
	char **nargv = xreallocarray(NULL, (size_t)r.argc + (size_t)rest + 2, sizeof *nargv);
	e->splits = xreallocarray(e->splits, e->nsplits + 1, sizeof *e->splits);
	e->argvs = xreallocarray(e->argvs, e->nsplits + 1, sizeof *e->argvs);
	int n = 0;
	nargv[n++] = o->argv[0];
	for (int i = 0; i < r.argc; i++)
		nargv[n++] = r.argv[i];
	for (int i = optind; i < o->argc; i++)
		nargv[n++] = o->argv[i];
	nargv[n] = NULL;
	e->splits[e->nsplits] = r;
	e->argvs[e->nsplits++] = nargv;
	free(o->longs);
	opts_begin(o, o->spec, n, nargv);
}

static void env_free(struct env *e)
{
	for (size_t i = 0; i < e->nsplits; i++) {
		envsplit_free(&e->splits[i]);
		free(e->argvs[i]);
	}
	free(e->splits);
	free(e->argvs);
	free(e->unset);
}

extern char **environ;

struct entry {
	const char *s;
	size_t len; /* of the name */
	size_t idx;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* --json: the environment as os.environ sees it: entries without '=' are
 * left out and, for a name given twice, the first value wins. Sorting finds
 * the repeated names without a quadratic scan. */
static void print_json(void)
{
	size_t n = 0;
	for (char **p = environ; p && *p; p++)
		n++;
	struct entry *v = xreallocarray(NULL, n + 1, sizeof *v);
	bool *skip = xcalloc(n + 1, 1);
	for (size_t i = 0; i < n; i++)
		v[i] = (struct entry){environ[i], strcspn(environ[i], "="), i};
	qsort(v, n, sizeof *v, cmp_entry);
	for (size_t i = 0; i < n; i++) {
		if (!v[i].s[v[i].len])
			skip[v[i].idx] = true;
		else if (i > 0 && v[i - 1].len == v[i].len &&
		         memcmp(v[i - 1].s, v[i].s, v[i].len) == 0)
			skip[v[i].idx] = true;
	}
	struct json j;
	json_init(&j);
	json_begin_object(&j);
	for (size_t i = 0; i < n; i++) {
		if (skip[i])
			continue;
		const char *s = environ[i];
		size_t len = strcspn(s, "=");
		char *name = xstrndup(s, len);
		json_key(&j, name);
		free(name);
		json_cstr(&j, s + len + 1);
	}
	json_end_object(&j);
	json_end_record(&j);
	free(v);
	free(skip);
}

/* -i, -u and the NAME=VALUE operands from argv[i]: the index of COMMAND
 * (argc when there is none). */
static int set_environment(const struct env *e, int argc, char **argv, int i)
{
	bool ignore = e->ignore;
	if (i < argc && strcmp(argv[i], "-") == 0) {
		ignore = true;
		i++;
	}
	if (ignore) {
		if (e->debug)
			fprintf(stderr, "cleaning environ\n");
		clearenv();
	} else {
		for (size_t k = 0; k < e->nunset; k++) {
			if (e->debug)
				fprintf(stderr, "unset:    %s\n", e->unset[k]);
			if (unsetenv(e->unset[k]) != 0)
				die_quoted(errno, "cannot unset %s", e->unset[k]);
		}
	}
	for (char *eq; i < argc && (eq = strchr(argv[i], '=')); i++) {
		if (e->debug)
			fprintf(stderr, "setenv:   %s\n", argv[i]);
		if (putenv(argv[i]) != 0) {
			int er = errno;
			*eq = 0;
			die_quoted(er, "cannot set %s", argv[i]);
		}
	}
	return i;
}

/* No COMMAND: the environment, one entry a line (or NUL-ended), or JSON. */
static void print_environment(const struct env *e)
{
	out_set_error_status(EXIT_CANCELED);
	if (e->json) {
		print_json();
		return;
	}
	for (char **p = environ; p && *p; p++) {
		out_puts(*p);
		out_putc(e->nul ? 0 : '\n');
	}
}

/* Runs cmd in place, after the signal changes and --chdir; returns only
 * when it could not be run, with the status for that. */
static int run_command(struct env *e, char **cmd)
{
	/* What our caller gave the command, not what osbox chose for itself. */
	proc_sigpipe_restore();
	apply_signals(e);
	if (e->list_signals)
		list_signals();
	if (e->dir) {
		if (e->debug)
			fprintf(stderr, "chdir:    %s\n", quote_gnu(0, QUOTE_SHELL_ALWAYS, e->dir));
		if (chdir(e->dir) != 0)
			err(EXIT_CANCELED, "cannot change directory to %s",
			    quote_gnu(0, QUOTE_SHELL_ALWAYS, e->dir));
	}
	if (e->debug) {
		fprintf(stderr, "executing: %s\n", cmd[0]);
		for (int k = 0; cmd[k]; k++)
			fprintf(stderr, "   arg[%d]= %s\n", k, quote_gnu(0, QUOTE_LOCALE, cmd[k]));
	}
	out_flush();
	execvp(cmd[0], cmd);
	int er = errno;
	warnx("%s: %s", quote_gnu(0, QUOTE_LOCALE, cmd[0]), strerror(er));
	if (er == ENOENT && strpbrk(cmd[0], " \t\n\v\f\r"))
		warnx("use -[v]S to pass options in shebang lines");
	return proc_exec_failure_status(er);
}

int env_main(int argc, char **argv)
{
	struct env e;
	memset(&e, 0, sizeof e);
	sigemptyset(&e.block);
	sigemptyset(&e.unblock);
	/* The quoting of names in messages follows the locale's character
	 * set, as GNU env's does. */
	quote_locale_init(); /* before -i and -u change the environment */
	struct opts o;
	int c;
	opts_begin(&o, &env_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 'i':
			e.ignore = true;
			break;
		case '0':
			e.nul = true;
			break;
		case 'u':
			if (e.nunset == e.capunset) {
				e.capunset = e.capunset ? 2 * e.capunset : 8;
				e.unset = xreallocarray(e.unset, e.capunset, sizeof *e.unset);
			}
			e.unset[e.nunset++] = o.arg;
			break;
		case 'C':
			e.dir = o.arg;
			break;
		case 'S':
			split_string(&e, &o, o.arg);
			break;
		case OPT_BLOCK:
		case OPT_DEFAULT:
		case OPT_IGNORE:
			parse_signals(&e, &o, o.arg, c);
			break;
		case OPT_LIST:
			e.list_signals = true;
			break;
		case 'v':
			e.debug = true;
			break;
		case OPT_JSON:
			e.json = true;
			break;
		}
	}
	argc = o.argc;
	argv = o.argv;
	int i = set_environment(&e, argc, argv, o.ind);
	bool program = i < argc;
	if (e.nul && program)
		usage_error(&o, "cannot specify --null (-0) with command");
	if (e.json && program)
		usage_error(&o, "cannot specify --json with command");
	if (e.dir && !program)
		usage_error(&o, "must specify command with --chdir (-C)");
	int status = 0;
	if (!program)
		print_environment(&e);
	else
		status = run_command(&e, argv + i);
	env_free(&e);
	return status;
}
