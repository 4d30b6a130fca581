/* The job runner behind spawn -j: commands one per line (line mode), or
 * one command run per item (argument mode, see jobargs.h), at most N at
 * once, each one's output held and written whole (or line by line), in the
 * order the jobs end or in input order. Held output past 8 MiB per stream
 * waits in a temporary file. */
#ifndef OSBOX_JOBS_H
#define OSBOX_JOBS_H

#include "osbox/jobctl.h"

#include <stdbool.h>
#include <stddef.h>

/* The most jobs at once (spawn -j 0 asks for as many as can run). */
#define JOBS_MAX 65536

struct jobs_opts {
	int max;                       /* jobs at once, 1 to JOBS_MAX */
	bool line_buffer;              /* pass whole lines through as they come */
	bool tag;                      /* prefix each line with the job's command and a tab */
	bool keep_order;               /* output in input order */
	bool verbose;                  /* how each job ended, on stderr */
	bool json;                     /* a JSON record per job on stdout, its output in it */
	struct jobctl_halt halt;       /* --halt: when to stop (zeroed: never) */
	long long timeout_ns;          /* a try running longer is killed; 0: none */
	double timeout_share;          /* --timeout N%: instead, N/100 times the median
	                                  runtime of the jobs that succeeded; 0: none */
	long long delay_ns;            /* --delay: at least this long between starts */
	unsigned long tries;           /* --retries: runs in all of a failing job (0
	                                  or 1: once; ULONG_MAX: until it succeeds) */
	const char *joblog;            /* --joblog FILE ("-", "+FILE"), or NULL */
	bool bar;                      /* --bar: a progress bar on stderr, when a terminal */
	bool progress;                 /* --progress: the same, the total once known */
	bool null_stdin;               /* jobs read /dev/null (the commands come from stdin) */
	bool dry_run;                  /* print each job's command instead of running it */
	bool ungroup;                  /* -u: the jobs write straight to our stdout and stderr */
	bool pipe;                     /* --pipe (argument mode, no items): the input cut
	                                  into blocks, each one job's stdin */
	size_t block;                  /* --pipe: the bytes of a block, at most (unless one
	                                  record is longer) */
	size_t pipe_records;           /* --pipe -N: records per block instead; 0 none */
	const char *recend, *recstart; /* --pipe: what ends and what starts a record
	                                  (recend_len, recstart_len bytes) */
	size_t recend_len, recstart_len;
	struct jobctl_termseq termseq; /* --termseq: how a job is killed (n 0: as
	                                  GNU parallel's default) */
	bool shuf;                     /* argument mode: every record made first (all the
	                                  input read), then run in a random order */
	int resume;                    /* with joblog: 1 skip the jobs it has (--resume),
	                                  2 those that succeeded (--resume-failed); appends */
	size_t spill_size;             /* held output of a stream past which it waits in a
	                                  temporary file; 0: 8 MiB */
};

/* Runs the commands read from fd (name for messages). A line without shell
 * syntax, whose first word is not a shell builtin or keyword, is run
 * directly (posix_spawn of the word split on blanks, the command looked up
 * in PATH once per name); any other line, and one whose command cannot be
 * found or run directly, runs through /bin/sh -c. Blank lines are skipped.
 * Returns 0 when every job exited with 0, else as GNU parallel (see
 * jobctl_status: the number of failed jobs, at most 101, or what the halt
 * policy set); 125 when the runner itself failed (reading the commands,
 * making pipes, opening the job log); 128+N after signal N. */
int jobs_run(int fd, const char *name, const struct jobs_opts *o);

struct jobargs;

/* Argument mode (see jobargs.h): runs a's command once per record of its
 * groups (or per batch of records, with -X), each value one argument,
 * never through a shell unless a->shell. When a streams its first group,
 * its items are read from fd (name for messages) as jobs start, so that
 * memory does not grow with their number. Same exit status as jobs_run. */
int jobs_run_args(const struct jobargs *a, int fd, const char *name, const struct jobs_opts *o);

/* An item iterator, for a caller that makes the items in code (walk -x):
 * sets *item and *len to the next item (which need only last until the
 * next call) and returns 1; returns 0 at the end, -1 after an error it has
 * reported (the runner then ends with 125 once the running jobs have). */
typedef int (*jobs_item_fn)(void *ctx, const char **item, size_t *len);

/* Argument mode with the first group (a streams it) from next(ctx). */
int jobs_run_items(const struct jobargs *a, jobs_item_fn next, void *ctx,
                   const struct jobs_opts *o);

/* True when line (len bytes) can run without a shell with the same result;
 * exposed for the unit tests. */
bool jobs_is_simple(const char *line, size_t len);

#endif
