/* The job runner's controls, as GNU parallel has them: the halt policy
 * (--halt) and the exit status it gives, the job log (--joblog), the JSON
 * record of a job (--json), the progress line (--bar, --progress) and the
 * parsing of their arguments. The runner (jobs.c) keeps the state and
 * calls these at its hooks; nothing here starts or waits for a process. */
#ifndef OSBOX_JOBCTL_H
#define OSBOX_JOBCTL_H

#include "osbox/buf.h"
#include "osbox/json.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* When the policy stops the runner: never; soon (no new job, the running
 * ones finish); now (the running ones are killed). */
enum jobctl_when { HALT_NEVER, HALT_SOON, HALT_NOW };
/* What it counts: failed jobs, jobs that succeeded, or all that ended. */
enum jobctl_why { HALT_FAIL, HALT_SUCCESS, HALT_DONE };

struct jobctl_halt {
	enum jobctl_when when;
	enum jobctl_why why;
	unsigned long n; /* jobs, or a percentage of all jobs with pct */
	bool pct;
};

/* Parses a --halt argument as GNU parallel does: WHEN,WHY=N or
 * WHEN,WHY=N% (WHEN never, soon or now; WHY fail, success or done), the
 * short forms 0 (never), 1 (soon,fail=1), 2 (now,fail=1), -1
 * (soon,success=1), -2 (now,success=1), and N% (soon,fail=N%). N is at
 * least 1, a percentage at most 100. 0, or -1 when s is none of these. */
int jobctl_parse_halt(const char *s, struct jobctl_halt *h);

/* Parses a duration: decimal seconds (0.25, 3, 1.5), optionally followed
 * by s, m, h or d; more than zero, at most a year. 0 with *ns set, or -1. */
int jobctl_parse_duration(const char *s, long long *ns);

/* How a job is killed (--termseq): signal sig[0], then after ms[0]
 * milliseconds sig[1], and so on while it runs; n steps. */
#define JOBCTL_TERMSEQ_MAX 32
struct jobctl_termseq {
	int n;
	int sig[JOBCTL_TERMSEQ_MAX];
	long ms[JOBCTL_TERMSEQ_MAX];
};

/* Parses a --termseq argument as GNU parallel's: SIG,MS,SIG,MS,...,SIG
 * (a final MS allowed), each SIG a name (TERM, SIGTERM) or number, each
 * MS a number of milliseconds, at most 3600000. 0, or -1. */
int jobctl_parse_termseq(const char *s, struct jobctl_termseq *t);

/* Parses a count of tries for --retries: 0 (no limit) to 1000000. */
int jobctl_parse_tries(const char *s, unsigned long *n);

/* What the halt policy and the exit status count. */
struct jobctl_count {
	unsigned long total;  /* jobs in all (known when the policy has a percentage) */
	unsigned long starts; /* processes started, retries included */
	unsigned long done;   /* jobs ended and reported */
	unsigned long failed; /* of them, the ones that failed */
	bool halted;          /* the policy has been met */
	int status;           /* the exit status it set then */
};

/* A job ended with wait status st (timed_out: the runner killed it when
 * its time was up), its last try: counts it and applies the policy, as
 * GNU parallel does. Returns HALT_NEVER (go on), or HALT_SOON or HALT_NOW
 * when this job meets the policy (once: after that, HALT_NEVER). */
enum jobctl_when jobctl_after(const struct jobctl_halt *h, struct jobctl_count *c, int st,
                              bool timed_out);

/* The runner's exit status once no job runs, as GNU parallel's: the status
 * the policy set when it was met; else with a percentage the share of the
 * processes started that failed, rounded up; else the number of failed
 * jobs, at most 101. */
int jobctl_status(const struct jobctl_halt *h, const struct jobctl_count *c);

/* Whether a job that ended with wait status st failed: it did not exit
 * 0, or its time ran out (even if it then exited 0, as GNU parallel
 * counts it). */
bool jobctl_failed(int st, bool timed_out);

/* The Exitval column of the job log: the exit status, 0 for a job killed
 * by a signal, -1 for one whose time was up that a signal killed or that
 * exited 0 once signalled. */
int jobctl_exitval(int st, bool timed_out);

/* What a job log line and a JSON record say of one job. */
struct jobctl_job {
	unsigned long seq; /* 1-based, in input order */
	const char *cmd;   /* the command as text (a line, or argv joined) */
	size_t cmdlen;
	char *const *argv;       /* the words run, or NULL for a command line */
	long pid;                /* of the last try */
	int status;              /* its wait status */
	bool timed_out;          /* killed when its time was up */
	unsigned long tries;     /* runs in all */
	struct timespec start;   /* CLOCK_REALTIME when its last try started */
	long long runtime_ns;    /* of the last try */
	unsigned long long sent; /* bytes the last try wrote on stdout */
	unsigned long long fed;  /* bytes it was given on stdin (--pipe) */
};

/* Opens the --joblog file spec: "-" is standard output (returned as 1),
 * "+FILE" appends to FILE, as does FILE with append (--resume). *header tells whether the header
 * line is to be written first (not when appending to a file that has lines). -1 with errno set on
 * failure. */
int jobctl_joblog_open(const char *spec, bool append, bool *header);

/* The jobs that --resume (failed false) or --resume-failed (failed true)
 * skips, from the job log at spec ("+FILE" is FILE): the Seq of each of
 * its lines (of each whose job exited with 0, with failed), sorted, in
 * *seqs (to free) and *n; none when there is no such file. 0, or -1 with
 * errno set. */
int jobctl_joblog_done(const char *spec, bool failed, unsigned long **seqs, size_t *n);

/* True when seq is one of the n sorted seqs. */
bool jobctl_seq_in(const unsigned long *seqs, size_t n, unsigned long seq);

/* Appends the header line of GNU parallel's job log to b. */
void jobctl_joblog_header(struct buf *b);

/* Appends job's line: Seq, Host (":"), Starttime (epoch seconds, 3
 * decimals), JobRuntime (seconds, 3 decimals, right-aligned in 10),
 * Send (0), Receive (its stdout bytes), Exitval, Signal and Command, with
 * tabs between, a newline in the command written as a NUL byte. */
void jobctl_joblog_line(struct buf *b, const struct jobctl_job *job);

/* Writes the members of job's JSON record that come before its output:
 * seq, pid, command, argv, the status members, timed_out, tries, start,
 * runtime (each with its _ns twin). The caller adds stdout and stderr and
 * ends the object. */
void jobctl_json_job(struct json *j, const struct jobctl_job *job);

/* What the progress line shows. */
struct jobctl_progress {
	unsigned long done, failed, running;
	long total; /* jobs in all, or -1 while not known */
	long long elapsed_ns;
};

/* Appends the progress line, at most width columns, no newline:
 * "[####      ] 40% 4/10 done, 2 running, 1 failed, 3.2/s, ETA 0:02",
 * or without a total "4 done, 2 running, 3.2/s". */
void jobctl_progress_line(struct buf *b, const struct jobctl_progress *p, int width);

#endif
