/* walk -x/-X: the command given at the end of walk's command line, run on
 * the entries printed through spawn -j's job runner. */
#ifndef OSBOX_WALK_EXEC_H
#define OSBOX_WALK_EXEC_H

#include "osbox/jobs.h"

#include <stdbool.h>
#include <stddef.h>

struct optspec;

struct wexec {
	bool on;      /* -x or -X was given */
	bool batch;   /* -X: as many paths per command as fit */
	char **words; /* the command and its arguments (nwords may be 0) */
	size_t nwords;
	char label[16]; /* the option as given, for messages: "-x", "--exec" */
	/* What option parsing reads: argv cut before the option, with the
	 * option itself ("-x" or "-X") in front, so that the options table
	 * records it (its exclusions apply); argv itself when !on. */
	int argc;
	char **argv;
	char *bundle; /* allocated: a bundle's letters before x ("-sx": "-s") */
};

/* Finds in argv the first -x, -X, --exec or --exec-batch (ids exec and
 * batch of spec's table) that getopt_long would read as an option: it
 * skips the arguments of options that take one (--name -x), stops at
 * "--", reads bundles (-sx), long options abbreviated and --opt=ARG. The
 * rest of argv is the command, options included (walk . -x echo -l runs
 * echo -l); letters after x in its word (-xecho), or a value after
 * --exec=, are the command's first word. */
void wexec_cut(struct wexec *x, const struct optspec *spec, int exec, int batch, int argc,
               char **argv);

/* Runs the command on each item next(ctx) gives (once per item, or per
 * batch with -X), at most jobs at once, outputs in item order, stdin
 * /dev/null; the runner's status (jobs.h): 0, 1 when a command failed,
 * 125 when the runner itself did, 128+N after signal N. */
int wexec_run(const struct wexec *x, int jobs, jobs_item_fn next, void *ctx);

void wexec_free(struct wexec *x);

#endif
