/* spawn: run a command and report how it ended, as os.spawnlp(P_WAIT...),
 * os.spawnlp(P_NOWAIT...), os.system and os.wait4; with -j, a job runner
 * that runs many commands at once (core/jobs.c). */
#include "osbox/buf.h"
#include "osbox/jobargs.h"
#include "osbox/jobs.h"
#include "osbox/json.h"
#include "osbox/exitstatus.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"
#include "osbox/proc.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

enum {
	OPT_RUSAGE = OPT_LONG,
	OPT_JSON,
	OPT_NOWAIT,
	OPT_LINEBUF,
	OPT_TAG,
	OPT_HALT,
	OPT_SHELL,
	OPT_JOBLOG,
	OPT_TIMEOUT,
	OPT_RETRIES,
	OPT_BAR,
	OPT_PROGRESS,
	OPT_LINK,
	OPT_XAPPLY,
	OPT_DRYRUN,
	OPT_RESUME,
	OPT_RESUME_FAILED,
	OPT_DELAY,
	OPT_TAGSTRING,
	OPT_HEADER,
	OPT_TRIM,
	OPT_ETA,
	OPT_PLUS,
	OPT_SHUF,
	OPT_TERMSEQ,
	OPT_PIPE,
	OPT_BLOCK,
	OPT_RECEND,
	OPT_RECSTART,
};

static const struct opt options[] = {
    {'c', "command", no_argument, NULL,
     "the operand is a shell command: /bin/sh -c (os.system); with -j, see spawn(1)"},
    {OPT_SHELL, "shell", no_argument, NULL, "the same as -c"},
    {'v', "verbose", no_argument, NULL, "say how the command ended, with the raw wait status"},
    {OPT_RUSAGE, "rusage", no_argument, NULL, "report the command's resource use (wait4)"},
    {OPT_JSON, "json", no_argument, NULL,
     "print the ending (and resource use) as a JSON object; with -j, one per job"},
    {OPT_NOWAIT, "nowait", no_argument, NULL,
     "print the child's PID and return at once (P_NOWAIT)"},
    {'j', "jobs", required_argument, "N", "run N jobs at once: lines read, or COMMAND per item"},
    {'f', "file", required_argument, "FILE", "with -j: read the commands from FILE, not stdin"},
    {OPT_LINEBUF, "line-buffer", no_argument, NULL,
     "with -j: pass whole lines through as they come"},
    {OPT_TAG, "tag", no_argument, NULL, "with -j: prefix each line with its job's command"},
    {OPT_TAGSTRING, "tagstring", required_argument, "STR",
     "with -j COMMAND: --tag with STR, its placeholders filled, as the prefix"},
    {'k', "keep-order", no_argument, NULL, "with -j: write the outputs in input order"},
    {OPT_HALT, "halt", required_argument, "WHEN,WHY=N",
     "with -j: stop (now or soon) after N (or N%) jobs fail, succeed or are done"},
    {OPT_JOBLOG, "joblog", required_argument, "FILE", "with -j: log each job as GNU parallel"},
    {OPT_TIMEOUT, "timeout", required_argument, "SECONDS",
     "with -j: kill a job that runs longer (N%: than N% of the median); it fails"},
    {OPT_TERMSEQ, "termseq", required_argument, "SIG,MS,...",
     "with -j: kill a job (timed out, halted) with these signals and pauses"},
    {OPT_DELAY, "delay", required_argument, "SECONDS",
     "with -j: start a job at least SECONDS after the one before"},
    {OPT_RETRIES, "retries", required_argument, "N", "with -j: run a failing job up to N times"},
    {OPT_BAR, "bar", no_argument, NULL, "with -j: a progress bar on stderr, when a terminal"},
    {OPT_ETA, "eta", no_argument, NULL, "the same as --bar: the line has the ETA"},
    {OPT_PROGRESS, "progress", no_argument, NULL,
     "with -j: the same, without reading all the commands first"},
    {'u', "ungroup", no_argument, NULL, "with -j: the jobs write straight to the output, not held"},
    {OPT_RESUME, "resume", no_argument, NULL,
     "with --joblog: skip the jobs the log has, and add to it"},
    {OPT_RESUME_FAILED, "resume-failed", no_argument, NULL,
     "with --joblog: skip the jobs the log has as succeeded"},
    {OPT_DRYRUN, "dry-run", no_argument, NULL,
     "with -j: print each job's command instead of running it"},
    {'0', "null", no_argument, NULL, "with -j COMMAND: items are NUL-separated, not lines"},
    {'a', "arg-file", required_argument, "FILE",
     "with -j COMMAND: the items of FILE (an input group; may repeat)"},
    {'X', "xargs", no_argument, NULL, "with -j COMMAND: as many items per command as fit"},
    {'m', NULL, no_argument, NULL,
     "with -j COMMAND: the same, each placeholder standing for all of them"},
    {'n', "max-args", required_argument, "N", "with -j COMMAND: at most N items per command"},
    {'C', "colsep", required_argument, "REGEX",
     "with -j COMMAND: split each item into columns {1} {2}... at REGEX"},
    {OPT_TRIM, "trim", required_argument, "n|l|r|lr",
     "with -j COMMAND: cut white space from the items' (or columns') ends"},
    {OPT_HEADER, "header", required_argument, ":",
     "with -j COMMAND: each group's first item names it, for {name}"},
    {OPT_PLUS, "plus", no_argument, NULL,
     "with -j COMMAND: also {..} {...} {/..} {+/} {+.} {+..} {##} {0#} {0%}"},
    {'I', NULL, required_argument, "STR", "with -j COMMAND: STR stands for the item instead of {}"},
    {'N', NULL, required_argument, "N",
     "with -j COMMAND: N items per command, as {1}..{N} (0: none)"},
    {OPT_SHUF, "shuf", no_argument, NULL,
     "with -j COMMAND: make every job first, and run them in a random order"},
    {OPT_PIPE, "pipe", no_argument, NULL,
     "with -j COMMAND: cut stdin into blocks of records, each one job's stdin"},
    {OPT_BLOCK, "block", required_argument, "SIZE",
     "with --pipe: at most SIZE bytes a block (k K M G...; default 1M)"},
    {OPT_RECEND, "recend", required_argument, "STR",
     "with --pipe: STR ends a record (default a newline)"},
    {OPT_RECSTART, "recstart", required_argument, "STR",
     "with --pipe: STR starts a record (default none)"},
    {OPT_LINK, "link", no_argument, NULL,
     "with -j COMMAND: take the groups' items in step, not every combination"},
    {OPT_XAPPLY, "xapply", no_argument, NULL, "the same as --link"},
    {0},
};

/* The job runner (-j, or -f which implies it) runs command lines read,
 * not a COMMAND given, and reports through -v, --json and the exit
 * status; a job's JSON record holds its output whole, not tagged or line
 * by line; with --nowait there is no ending to report. */
static const struct optpair excludes[] = {
    {'j', OPT_RUSAGE},
    {'j', OPT_NOWAIT},
    {'f', 'c'},
    {'f', OPT_SHELL},
    {'f', 'a'},
    {'f', OPT_RUSAGE},
    {'f', OPT_NOWAIT},
    {OPT_JSON, OPT_TAG},
    {OPT_JSON, OPT_LINEBUF},
    {OPT_JSON, OPT_DRYRUN},
    {'u', OPT_TAG},
    {'u', OPT_TAGSTRING},
    {OPT_JSON, OPT_TAGSTRING},
    {'u', 'k'},
    {'u', OPT_LINEBUF},
    {'u', OPT_JSON},
    {OPT_RESUME, OPT_RESUME_FAILED},
    {'C', 'X'},
    {'C', 'n'},
    {'C', 'N'},
    {'N', 'n'},
    {'N', 'X'},
    {'C', 'm'},
    {'N', 'm'},
    {'X', 'm'},
    {OPT_PIPE, 'X'},
    {OPT_PIPE, 'm'},
    {OPT_PIPE, 'n'},
    {OPT_PIPE, 'C'},
    {OPT_PIPE, '0'},
    {OPT_PIPE, 'a'},
    {OPT_PIPE, 'I'},
    {OPT_PIPE, OPT_LINK},
    {OPT_PIPE, OPT_XAPPLY},
    {OPT_PIPE, OPT_HEADER},
    {OPT_PIPE, OPT_SHUF},
    {OPT_PIPE, OPT_TRIM},
    {OPT_NOWAIT, 'v'},
    {OPT_NOWAIT, OPT_RUSAGE},
    {OPT_NOWAIT, OPT_JSON},
    {0},
};

const struct optspec spawn_spec = {
    .usage = "[-v] [--rusage] [--json] [--nowait] COMMAND [ARG]...\n"
             "   or: spawn [-v] [--rusage] [--json] [--nowait] -c STRING [NAME [ARG]...]\n"
             "   or: spawn -j N [-f FILE] [--line-buffer] [--tag] [--keep-order] [-v] [--json]\n"
             "                  [--halt WHEN,WHY=N] [--joblog FILE] [--timeout SECONDS]\n"
             "                  [--termseq SIG,MS,...] [--delay SECONDS] [--retries N]\n"
             "                  [--bar | --eta] [--progress] [--dry-run] [-u]\n"
             "                  [--resume | --resume-failed]\n"
             "   or: spawn -j N [-0] [-X | -m] [-n N] [-N N] [-c] [--link] [-I STR] [--plus]\n"
             "                  [--shuf] [-C REGEX] [--header :] [--trim n|l|r|lr] [-a FILE]...\n"
             "                  [--pipe [--block SIZE] [--recend STR] [--recstart STR]]\n"
             "                  [OPTION]... COMMAND [ARG]...\n"
             "                  [::: ITEM... | :::: FILE... | :::+ ITEM... | ::::+ FILE...]...",
    .about = "Runs COMMAND (found in PATH) and exits with its status, or 128+N when\n"
             "signal N killed it. -c runs STRING with /bin/sh -c, as os.system.\n"
             "With -j, reads commands one per line and runs N at once (0: as many as\n"
             "can run; +N, -N, N%: relative to the processors); each job's\n"
             "output is held and written whole when it ends. With -j and a COMMAND,\n"
             "runs COMMAND once per item (lines of stdin, -0, -a FILE, ::: ITEM...),\n"
             "as GNU parallel, with its {} {.} {/} {//} {/.} {#} {%} {N}; each item\n"
             "is one argument, and no shell runs unless -c asks; several groups\n"
             "combine, or go in step with --link, :::+ and ::::+. Exit status: the\n"
             "command's; 125 spawn failed, 126 the command could not run, 127 not\n"
             "found; with -j, as GNU parallel: 0 when every job succeeded, else the\n"
             "number of failed jobs (at most 101), or with --halt the failing job's.",
    .opts = options,
    .excludes = excludes,
    .flags = OPTS_STOP_AT_OPERAND,
    .usage_status = EXIT_CANCELED,
    .fail_status = EXIT_CANCELED,
};

struct spawn_opts {
	bool shell, verbose, rusage, json, nowait;
};

static double tv_seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void report(const struct spawn_opts *so, const char *cmd, pid_t pid, int st,
                   const struct rusage *ru)
{
	char how[64];
	proc_describe_status(st, how, sizeof how);
	if (so->verbose)
		fprintf(stderr, "%s: %s: %s (wait status %d)\n", program_invocation_short_name,
		        quote_gnu(0, QUOTE_SHELL, cmd), how, st);
	if (so->rusage && !so->json)
		fprintf(
		    stderr,
		    "%s: %s: user %.6f s, system %.6f s, max RSS %ld KiB, page faults %ld major "
		    "%ld minor, context switches %ld voluntary %ld involuntary\n",
		    program_invocation_short_name, quote_gnu(0, QUOTE_SHELL, cmd),
		    tv_seconds(ru->ru_utime), tv_seconds(ru->ru_stime), ru->ru_maxrss,
		    ru->ru_majflt, ru->ru_minflt, ru->ru_nvcsw, ru->ru_nivcsw);
	if (!so->json)
		return;
	struct json j;
	json_init(&j);
	json_begin_object(&j);
	json_kint(&j, "pid", pid);
	json_kcstr(&j, "command", cmd);
	proc_json_status(&j, &st);
	if (so->rusage) {
		json_key(&j, "rusage");
		json_begin_object(&j);
		struct timespec ut = {ru->ru_utime.tv_sec, ru->ru_utime.tv_usec * 1000};
		struct timespec stm = {ru->ru_stime.tv_sec, ru->ru_stime.tv_usec * 1000};
		json_ktimes(&j, "utime", &ut);
		json_ktimes(&j, "stime", &stm);
		json_kint(&j, "maxrss", ru->ru_maxrss);
		json_kint(&j, "minflt", ru->ru_minflt);
		json_kint(&j, "majflt", ru->ru_majflt);
		json_kint(&j, "nvcsw", ru->ru_nvcsw);
		json_kint(&j, "nivcsw", ru->ru_nivcsw);
		json_end_object(&j);
	}
	json_end_object(&j);
	json_end_record(&j);
}

/* The command spawn waits for: the signals that would end spawn are passed
 * on to it (see pass_signals). 0 when there is none. */
static volatile sig_atomic_t waited_pid;

static void pass_on(int sig)
{
	int e = errno;
	if (waited_pid > 0)
		kill((pid_t)waited_pid, sig);
	errno = e;
}

/* SIGTERM, SIGINT and SIGHUP (without SIGINT for -c, which ignores it as
 * system(3) does) go on to the command, as timeout(1) passes them on,
 * taken whatever their action was; spawn then waits for the command and
 * exits as it did. The command gets them at the default action: exec
 * resets a handled signal. They are left blocked (old gets the mask to
 * give back once waited_pid is set). */
static void pass_signals(bool shell, sigset_t *old)
{
	static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
	struct sigaction sa = {.sa_handler = pass_on, .sa_flags = SA_RESTART};
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (!shell || sigs[i] != SIGINT)
			sigaddset(&set, sigs[i]);
	sa.sa_mask = set;
	sigprocmask(SIG_BLOCK, &set, old);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigismember(&set, sigs[i]))
			sigaction(sigs[i], &sa, NULL);
}

/* Waits for pid, passing signals on until it has ended: it is left a
 * zombie (WNOWAIT) until the signals are blocked, so that none goes to a
 * PID that a new process may have taken. */
static pid_t wait_command(pid_t pid, int *st, struct rusage *ru)
{
	siginfo_t si;
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) < 0 && errno == EINTR)
		;
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	waited_pid = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	pid_t w;
	while ((w = wait4(pid, st, 0, ru)) < 0 && errno == EINTR)
		;
	return w;
}

/* One command, as os.spawnlp or os.system. */
static int run_one(const struct spawn_opts *so, char **argv)
{
	char **cargv = argv;
	const char *path = NULL;
	char **shargv = NULL;
	if (so->shell) {
		/* sh -c STRING [NAME [ARG]...]: $0 is NAME, or "sh" */
		size_t n = 0;
		while (argv[n])
			n++;
		shargv = xreallocarray(NULL, n + 3, sizeof *shargv);
		shargv[0] = "sh";
		shargv[1] = "-c";
		for (size_t i = 0; i <= n; i++)
			shargv[2 + i] = argv[i];
		cargv = shargv;
		path = "/bin/sh";
	}
	struct proc_spawn_opts po;
	proc_spawn_opts_init(&po);
	/* As system(3): the caller's interrupt and quit go to the command
	 * only, while we wait; the command gets them back as they were. */
	struct sigaction ign = {.sa_handler = SIG_IGN}, oint, oquit;
	bool ignore = so->shell && !so->nowait;
	if (ignore) {
		sigemptyset(&ign.sa_mask);
		sigaction(SIGINT, &ign, &oint);
		sigaction(SIGQUIT, &ign, &oquit);
		po.reset_int = oint.sa_handler != SIG_IGN && oquit.sa_handler != SIG_IGN;
	}
	sigset_t omask;
	if (!so->nowait)
		pass_signals(so->shell, &omask);
	out_flush();
	pid_t pid;
	int e = proc_spawn(&pid, path, cargv, &po);
	const char *cmd = so->shell ? "sh" : argv[0];
	if (!so->nowait) {
		/* a signal that came while the command started goes to it now */
		waited_pid = e == 0 ? pid : 0;
		sigprocmask(SIG_SETMASK, &omask, NULL);
	}
	if (e != 0) {
		if (ignore) {
			sigaction(SIGINT, &oint, NULL);
			sigaction(SIGQUIT, &oquit, NULL);
		}
		errno = e;
		warn("%s", quote_gnu(0, QUOTE_SHELL, so->shell ? "/bin/sh" : argv[0]));
		free(shargv);
		/* out of processes or memory: spawn's own failure */
		return e == EAGAIN || e == ENOMEM ? EXIT_CANCELED : proc_exec_failure_status(e);
	}
	free(shargv);
	if (so->nowait) {
		out_printf("%ld\n", (long)pid);
		return 0;
	}
	int st;
	struct rusage ru;
	pid_t w = wait_command(pid, &st, &ru);
	if (ignore) {
		sigaction(SIGINT, &oint, NULL);
		sigaction(SIGQUIT, &oquit, NULL);
	}
	if (w < 0)
		err(EXIT_CANCELED, "wait4");
	report(so, cmd, pid, st, &ru);
	return proc_exit_code(st);
}

/* Whether option c has a meaning only for the job runner (-j or -f). */
static bool needs_jobs(int c)
{
	static const int ids[] = {'f',         OPT_LINEBUF, OPT_TAG,     'k',
	                          OPT_HALT,    OPT_JOBLOG,  OPT_TIMEOUT, OPT_DELAY,
	                          OPT_RETRIES, OPT_BAR,     OPT_ETA,     OPT_PROGRESS,
	                          OPT_DRYRUN,  'u',         OPT_RESUME,  OPT_RESUME_FAILED,
	                          OPT_TERMSEQ};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		if (ids[i] == c)
			return true;
	return false;
}

/* The decimal number s starts with (a digit first: no sign, no space)
 * into *d, *end past it; 0, or -1 when there is none or it overflows. */
static int leading_number(const char *s, double *d, char **end)
{
	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	*d = strtod(s, end);
	return errno ? -1 : 0;
}

/* N% (N a decimal number above 0) as N/100 into *share: 0, or -1. */
static int parse_share(const char *s, double *share)
{
	char *end;
	double d;
	if (leading_number(s, &d, &end) != 0 || strcmp(end, "%") != 0 || !(d > 0) || d > 1e9)
		return -1;
	*share = d / 100;
	return 0;
}

/* Whether s is a duration of 0 (0, 0.0, 0s): --delay 0 is no delay. */
static bool is_zero(const char *s)
{
	bool digit = false, dot = false;
	for (; *s == '0' || (*s == '.' && !dot); s++) {
		digit = digit || *s == '0';
		dot = dot || *s == '.';
	}
	return digit && (*s == 0 || (*s == 's' && s[1] == 0));
}

/* The jobs at once that -j s asks for into *max, as GNU parallel reads
 * them: N (0, or past JOBS_MAX: as many as can run), +N and -N (N
 * more or fewer than the processors), N% (that share of them, rounded
 * up); 0, or -1 when s is none of these. *max may be below 1. */
static int parse_jobs(const char *s, int *max)
{
	int cpus = proc_ncpus();
	char *end;
	errno = 0;
	if (s[0] == '+' || s[0] == '-') {
		if (s[1] < '0' || s[1] > '9')
			return -1;
		long n = strtol(s + 1, &end, 10);
		if (*end || (errno && errno != ERANGE))
			return -1;
		if (n > JOBS_MAX || errno)
			n = JOBS_MAX;
		long m = s[0] == '+' ? cpus + n : cpus - n;
		*max = (int)(m < JOBS_MAX ? m : JOBS_MAX);
		return 0;
	}
	if (s[0] < '0' || s[0] > '9')
		return -1;
	double d = strtod(s, &end);
	if (errno || end == s)
		return -1;
	if (strcmp(end, "%") == 0) {
		double m = ceil(d * cpus / 100);
		*max = m < JOBS_MAX ? (int)m : JOBS_MAX;
		return 0;
	}
	long n = strtol(s, &end, 10);
	if (*end || (errno && errno != ERANGE))
		return -1;
	*max = n == 0 || n > JOBS_MAX || errno ? JOBS_MAX : (int)n;
	return 0;
}

/* --block s: a decimal number (a fraction allowed) of bytes, times 1000
 * per step of k, m, g, t, or 1024 per step of K, M, G, T, as GNU
 * parallel reads it; 1 to 2^31 - 1. 0, or -1. */
static int parse_size(const char *s, size_t *size)
{
	char *end;
	double d;
	if (leading_number(s, &d, &end) != 0)
		return -1;
	static const char units[] = "kmgt", big[] = "KMGT";
	if (*end) {
		const char *u = strchr(units, *end), *U = strchr(big, *end);
		if ((!u && !U) || end[1])
			return -1;
		for (long k = u ? u - units : U - big; k >= 0; k--)
			d *= u ? 1000 : 1024;
	}
	if (!(d >= 1) || d > 2147483647.0)
		return -1;
	*size = (size_t)d;
	return 0;
}

/* --recend, --recstart: s with backslash n, t, r, f, v, 0 and backslash
 * made the bytes they stand for (another backslash stays), as GNU parallel reads
 * them; its length into *len. */
static char *unescape(const char *s, size_t *len)
{
	static const char from[] = "ntrfv0\\", to[] = "\n\t\r\f\v\0\\";
	char *r = xmalloc(strlen(s) + 1);
	size_t n = 0;
	for (; *s; s++) {
		const char *e = s[0] == '\\' && s[1] ? strchr(from, s[1]) : NULL;
		if (e) {
			r[n++] = to[e - from];
			s++;
		} else {
			r[n++] = *s;
		}
	}
	*len = n;
	return r;
}

/* --trim s (n, l, r, lr or rl) as JOBARGS_TRIM_ bits, or -1. */
static int parse_trim(const char *s)
{
	static const char *const names[] = {"n", "l", "r", "lr", "rl"};
	static const int bits[] = {0, JOBARGS_TRIM_L, JOBARGS_TRIM_R,
	                           JOBARGS_TRIM_L | JOBARGS_TRIM_R,
	                           JOBARGS_TRIM_L | JOBARGS_TRIM_R};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0)
			return bits[i];
	return -1;
}

struct args_mode {
	bool shell, null, xargs, multi, link, positional, no_args;
	const char *colsep;    /* --colsep */
	const char *tagstring; /* --tagstring */
	bool header;           /* --header : */
	int trim;              /* --trim, or -1: lr for columns, n otherwise */
	bool plus;             /* --plus */
	const char *replace;   /* -I */
	size_t max_args;
	const char **files;
	size_t nfiles;
};

/* An input group of items from a file (:::: FILE, -a FILE; "-" is stdin):
 * the first group is streamed from its descriptor (*stream, *name), any
 * other read whole, as every value of the first comes back to it. */
static void add_file_group(struct jobargs *a, const char *file, int *stream, char **name,
                           bool *from_stdin)
{
	bool std = strcmp(file, "-") == 0;
	int fd = std ? STDIN_FILENO : open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		err(EXIT_CANCELED, "%s", quote_gnu(0, QUOTE_SHELL, file));
	if (std)
		*from_stdin = true;
	if (a->ngroups == 0) {
		jobargs_add_stream(a);
		*stream = fd;
		*name = xstrdup(std ? "standard input" : quote_gnu(0, QUOTE_SHELL, file));
		return;
	}
	if (jobargs_add_fd(a, fd) < 0)
		err(EXIT_CANCELED, "%s", quote_gnu(0, QUOTE_SHELL, file));
	if (!std)
		close(fd);
}

/* What argv word s starts: 0 none, 3 a list (:::), 4 files (::::); +1
 * when linked to the group before it (:::+, ::::+). */
static int group_sep(const char *s)
{
	static const char *const seps[] = {":::", ":::+", "::::", "::::+"};
	for (int k = 0; k < 4; k++)
		if (strcmp(s, seps[k]) == 0)
			return (k < 2 ? 3 : 4) * 2 + (k & 1);
	return 0;
}

/* --header: the first item of each group (read from fd, up to the
 * delimiter, for the streamed first group) is not an item but the name of
 * the group, or with --colsep the names of its columns; the template is
 * parsed again with them. */
static void take_headers(struct jobargs *a, int fd, const char *name, char **words, size_t nwords)
{
	struct buf cols = {0};
	char **names = NULL;
	size_t nnames = 0;
	for (size_t g = 0; g < a->ngroups; g++) {
		struct jobargs_group *grp = &a->groups[g];
		char *head;
		if (g == 0 && a->stream) {
			struct buf b = {0};
			char c;
			ssize_t k;
			while ((k = read(fd, &c, 1)) == 1 && c != a->delim)
				buf_putc(&b, c);
			if (k < 0)
				err(EXIT_CANCELED, "%s", name);
			head = b.p ? buf_take(&b) : xstrdup("");
		} else if (grp->n == 0) {
			head = xstrdup("");
		} else {
			head = xstrdup(grp->vals[0]);
			if (grp->mem) /* (vals is ours to free: keep its start) */
				memmove(grp->vals, grp->vals + 1, (grp->n - 1) * sizeof *grp->vals);
			else
				grp->vals++;
			grp->n--;
		}
		size_t n = 1;
		if (a->colsep) {
			struct jobargs one = *a;
			one.ngroups = 1;
			n = jobargs_columns(&one, (const char *const *)&head, &cols);
		}
		names = xreallocarray(names, nnames + n, sizeof *names);
		const char *p = cols.p;
		for (size_t i = 0; i < n; i++) {
			names[nnames++] = a->colsep ? xstrdup(p) : xstrdup(head);
			if (a->colsep)
				p += strlen(p) + 1;
		}
		free(head);
	}
	buf_free(&cols);
	jobargs_set_names(a, names, nnames, words, nwords);
}

/* spawn -j N COMMAND [ARG]... [::: ITEM... | :::: FILE]...: argument mode. */
static int args_main(const struct args_mode *am, struct opts *o, int argc, char **argv,
                     struct jobs_opts *jo)
{
	int first = o->ind, end = first;
	while (end < argc && !group_sep(argv[end]))
		end++;
	if (end == first)
		usage_error(o, "missing command before '%s'", argv[end]);
	/* -c: the words make one shell line, and -X repeats what stands
	 * between the spaces around a placeholder, as GNU parallel does: the
	 * template's words are the line's pieces between single spaces. */
	char *line = NULL;
	char **words = argv + first;
	size_t nwords = (size_t)(end - first);
	if (am->shell) {
		struct buf b = {0};
		for (int i = first; i < end; i++) {
			if (i > first)
				buf_putc(&b, ' ');
			buf_puts(&b, argv[i]);
		}
		line = buf_take(&b);
		nwords = 1;
		for (char *p = line; *p; p++)
			nwords += *p == ' ';
		words = xreallocarray(NULL, nwords, sizeof *words);
		size_t k = 0;
		words[k++] = line;
		for (char *p = line; *p; p++)
			if (*p == ' ') {
				*p = 0;
				words[k++] = p + 1;
			}
	}
	struct jobargs a;
	jobargs_init_replace(&a, words, nwords, am->replace, am->plus);
	a.shell = am->shell;
	a.xargs = am->xargs;
	a.multi = am->multi;
	a.spread = am->xargs || am->multi;
	a.trim = am->trim >= 0 ? (unsigned)am->trim
	         : am->colsep  ? JOBARGS_TRIM_L | JOBARGS_TRIM_R
	                       : 0;
	a.max_args = am->max_args;
	a.positional = am->positional;
	a.no_args = am->no_args;
	a.delim = am->null ? '\0' : '\n';
	char msg[256];
	if (am->colsep && jobargs_set_colsep(&a, am->colsep, msg, sizeof msg) != 0)
		usage_error(o, "--colsep %s: %s", quote_gnu(0, QUOTE_LOCALE, am->colsep), msg);
	int stream = -1;
	char *name = NULL;
	bool from_stdin = false;
	for (size_t i = 0; i < am->nfiles; i++)
		add_file_group(&a, am->files[i], &stream, &name, &from_stdin);
	for (int i = end; i < argc;) {
		int sep = group_sep(argv[i]);
		bool files = sep / 2 == 4, linked = sep % 2;
		const char *word = argv[i];
		int k = ++i;
		while (k < argc && !group_sep(argv[k]))
			k++;
		if (linked && a.ngroups == 0)
			usage_error(o, "'%s' needs an input group before it", word);
		size_t g0 = a.ngroups;
		if (files) {
			if (k == i)
				usage_error(o, "'%s' needs a FILE", word);
			for (int f = i; f < k; f++)
				add_file_group(&a, argv[f], &stream, &name, &from_stdin);
		} else {
			jobargs_add_list(&a, argv + i, (size_t)(k - i));
		}
		a.groups[g0].linked = linked;
		i = k;
	}
	if (am->link)
		for (size_t g = 1; g < a.ngroups; g++)
			a.groups[g].linked = true;
	a.wrap = am->link;
	/* a streamed first group linked to the next is read whole, since the
	 * groups after it may start over before it ends (--link) */
	if (a.stream && a.ngroups > 1 && a.groups[1].linked) {
		if (jobargs_fill_fd(&a, 0, stream) < 0)
			err(EXIT_CANCELED, "%s", name);
		a.stream = false;
		if (stream > STDIN_FILENO)
			close(stream);
		stream = -1;
	}
	if (jo->pipe && a.ngroups)
		usage_error(o, "--pipe: the input is standard input: no ::: or :::: groups");
	if (jo->pipe) {
		stream = STDIN_FILENO;
		name = xstrdup("standard input");
		from_stdin = true;
	} else if (a.ngroups == 0) {
		jobargs_add_stream(&a);
		stream = STDIN_FILENO;
		name = xstrdup("standard input");
		from_stdin = true;
	}
	if (am->header)
		take_headers(&a, stream, name, words, nwords);
	if (am->tagstring)
		jobargs_set_tagstring(&a, am->tagstring);
	/* jobs do not read the items meant for their fellows */
	jo->null_stdin = from_stdin;
	int status = jobs_run_args(&a, stream, name ? name : "", jo);
	if (stream > STDIN_FILENO)
		close(stream);
	free(name);
	jobargs_free(&a);
	if (line) {
		free(words);
		free(line);
	}
	return status;
}

/* The options of argument mode alone, for the messages. */
static const char args_opts[] =
    "-0, -a, -X, -m, -n, -N, -C, -I, --link, --header, --trim, --plus, --shuf and "
    "--tagstring";

int spawn_main(int argc, char **argv)
{
	struct spawn_opts so = {0};
	struct jobs_opts jo = {0};
	const char *file = NULL;
	bool jobs = false, args_only = false;
	int job_only = 0;  /* the first option given that needs -j */
	int pipe_only = 0; /* the last option given that needs --pipe */
	char *recend = NULL, *recstart = NULL;
	bool null = false, xargs = false, multi = false, link = false;
	bool positional = false, no_args = false;
	const char *replace = NULL, *colsep = NULL, *tagstring = NULL;
	bool header = false;
	int trim = -1;
	bool plus = false;
	size_t max_args = 0;
	const char **argfiles = NULL;
	size_t nargfiles = 0;
	struct opts o;
	int c;
	out_set_error_status(EXIT_CANCELED);
	opts_begin(&o, &spawn_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 'c':
		case OPT_SHELL:
			so.shell = true;
			break;
		case '0':
			null = true;
			args_only = true;
			break;
		case 'a':
			argfiles = xreallocarray(argfiles, nargfiles + 1, sizeof *argfiles);
			argfiles[nargfiles++] = o.arg;
			args_only = true;
			break;
		case 'X':
			xargs = true;
			args_only = true;
			break;
		case 'm':
			multi = true;
			args_only = true;
			break;
		case OPT_HEADER:
			if (strcmp(o.arg, ":") != 0 && strcmp(o.arg, "1") != 0)
				usage_error(
				    &o, "--header: only ':' (or 1): the first line is supported");
			header = true;
			args_only = true;
			break;
		case OPT_PIPE:
			jo.pipe = true;
			args_only = true;
			break;
		case OPT_BLOCK:
			if (parse_size(o.arg, &jo.block) != 0)
				usage_error(&o, "invalid block size: %s",
				            quote_gnu(0, QUOTE_LOCALE, o.arg));
			pipe_only = c;
			break;
		case OPT_RECEND:
		case OPT_RECSTART:
			if (c == OPT_RECEND) {
				free(recend);
				jo.recend = recend = unescape(o.arg, &jo.recend_len);
			} else {
				free(recstart);
				jo.recstart = recstart = unescape(o.arg, &jo.recstart_len);
			}
			pipe_only = c;
			break;
		case OPT_SHUF:
			jo.shuf = true;
			args_only = true;
			break;
		case OPT_PLUS:
			plus = true;
			args_only = true;
			break;
		case OPT_TRIM:
			trim = parse_trim(o.arg);
			if (trim < 0)
				usage_error(&o, "--trim must be one of n, l, r, lr and rl, not %s",
				            quote_gnu(0, QUOTE_LOCALE, o.arg));
			args_only = true;
			break;
		case OPT_TAGSTRING:
			tagstring = o.arg;
			jo.tag = true;
			args_only = true;
			break;
		case 'C':
			colsep = o.arg;
			args_only = true;
			break;
		case 'I':
			if (!*o.arg)
				usage_error(&o, "-I needs a replacement string");
			replace = o.arg;
			args_only = true;
			break;
		case OPT_LINK:
		case OPT_XAPPLY:
			link = true;
			args_only = true;
			break;
		case 'N': {
			char *end;
			errno = 0;
			unsigned long n = strtoul(o.arg, &end, 10);
			if (end == o.arg || *end || errno || o.arg[0] == '-')
				usage_error(&o, "invalid number of arguments: '%s'", o.arg);
			positional = true;
			no_args = n == 0;
			max_args = n ? n : 1;
			args_only = true;
			break;
		}
		case 'n': {
			char *end;
			errno = 0;
			unsigned long n = strtoul(o.arg, &end, 10);
			if (end == o.arg || *end || errno || n == 0 || o.arg[0] == '-')
				usage_error(&o, "invalid number of arguments: '%s'", o.arg);
			max_args = n;
			args_only = true;
			break;
		}
		case 'v':
			so.verbose = true;
			break;
		case OPT_RUSAGE:
			so.rusage = true;
			break;
		case OPT_JSON:
			so.json = true;
			break;
		case OPT_NOWAIT:
			so.nowait = true;
			break;
		case 'j':
			if (parse_jobs(o.arg, &jo.max) != 0)
				usage_error(&o, "invalid number of jobs: '%s'", o.arg);
			if (jo.max < 1)
				usage_error(&o, "-j %s: no jobs at all on %d processors", o.arg,
				            proc_ncpus());
			jobs = true;
			break;
		case 'f':
			file = o.arg;
			break;
		case OPT_LINEBUF:
			jo.line_buffer = true;
			break;
		case OPT_TAG:
			jo.tag = true;
			break;
		case 'k':
			jo.keep_order = true;
			break;
		case OPT_HALT:
			if (jobctl_parse_halt(o.arg, &jo.halt) != 0)
				usage_error(&o, "invalid halt policy: %s",
				            quote_gnu(0, QUOTE_LOCALE, o.arg));
			break;
		case OPT_JOBLOG:
			jo.joblog = o.arg;
			break;
		case OPT_TIMEOUT:
			jo.timeout_share = 0;
			jo.timeout_ns = 0;
			if (parse_share(o.arg, &jo.timeout_share) != 0 &&
			    jobctl_parse_duration(o.arg, &jo.timeout_ns) != 0)
				usage_error(&o, "invalid timeout: %s",
				            quote_gnu(0, QUOTE_LOCALE, o.arg));
			break;
		case OPT_TERMSEQ:
			if (jobctl_parse_termseq(o.arg, &jo.termseq) != 0)
				usage_error(&o, "invalid kill sequence: %s",
				            quote_gnu(0, QUOTE_LOCALE, o.arg));
			break;
		case OPT_DELAY:
			jo.delay_ns = 0;
			if (!is_zero(o.arg) && jobctl_parse_duration(o.arg, &jo.delay_ns) != 0)
				usage_error(&o, "invalid delay: %s",
				            quote_gnu(0, QUOTE_LOCALE, o.arg));
			break;
		case OPT_RETRIES:
			if (jobctl_parse_tries(o.arg, &jo.tries) != 0)
				usage_error(&o, "invalid number of tries: %s",
				            quote_gnu(0, QUOTE_LOCALE, o.arg));
			if (jo.tries == 0) /* as GNU parallel: until it succeeds */
				jo.tries = ULONG_MAX;
			break;
		case OPT_BAR:
		case OPT_ETA:
			jo.bar = true;
			break;
		case OPT_PROGRESS:
			jo.progress = true;
			break;
		case OPT_DRYRUN:
			jo.dry_run = true;
			break;
		case 'u':
			jo.ungroup = true;
			break;
		case OPT_RESUME:
		case OPT_RESUME_FAILED:
			jo.resume = c == OPT_RESUME ? 1 : 2;
			break;
		}
		if (!job_only && needs_jobs(c))
			job_only = c;
	}
	if (file)
		jobs = true;
	if (!jobs && job_only)
		usage_error(&o, "%s needs -j", opts_label(&spawn_spec, 0, job_only));
	if (jo.resume && (!jo.joblog || strcmp(jo.joblog, "-") == 0))
		usage_error(&o, "%s needs --joblog FILE",
		            jo.resume == 1 ? "--resume" : "--resume-failed");
	if (pipe_only && !jo.pipe)
		usage_error(&o, "%s needs --pipe", opts_label(&spawn_spec, 0, pipe_only));
	if (jo.pipe) {
		if (!jo.block)
			jo.block = 1 << 20;
		if (!jo.recend) {
			jo.recend = jo.recstart ? "" : "\n";
			jo.recend_len = jo.recstart ? 0 : 1;
		}
		if (!jo.recstart)
			jo.recstart = "";
		if (positional) /* -N: records a block (-N 0: one) */
			jo.pipe_records = max_args;
		positional = no_args = false;
		max_args = 0;
	}
	if (!jobs && args_only)
		usage_error(&o, "%s need -j", args_opts);
	if (!jobs) {
		if (o.ind == argc)
			usage_error(&o, so.shell ? "-c needs a command string" : "missing command");
		return run_one(&so, argv + o.ind);
	}
	if (jo.max == 0) /* no -j: -f alone */
		jo.max = proc_ncpus();
	jo.verbose = so.verbose;
	jo.json = so.json;
	if (o.ind < argc && !file) {
		struct args_mode am = {.shell = so.shell,
		                       .null = null,
		                       .xargs = xargs,
		                       .multi = multi,
		                       .max_args = max_args,
		                       .link = link,
		                       .positional = positional,
		                       .no_args = no_args,
		                       .replace = replace,
		                       .colsep = colsep,
		                       .tagstring = tagstring,
		                       .header = header,
		                       .trim = trim,
		                       .plus = plus,
		                       .files = argfiles,
		                       .nfiles = nargfiles};
		int status = args_main(&am, &o, argc, argv, &jo);
		free(argfiles);
		free(recend);
		free(recstart);
		return status;
	}
	if (so.shell)
		usage_error(
		    &o, "with -j, -c needs a COMMAND: the lines read are shell commands already");
	if (args_only)
		usage_error(&o, "%s need a COMMAND", args_opts);
	opts_operands(&o, 0, OPERANDS_NONE); /* the commands are read, one per line */
	int fd = STDIN_FILENO;
	char *name = NULL; /* for messages: quoted as their other names are */
	if (file && strcmp(file, "-") != 0) {
		fd = open(file, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			err(EXIT_CANCELED, "%s", quote_gnu(0, QUOTE_SHELL, file));
		name = xstrdup(quote_gnu(0, QUOTE_SHELL, file));
	} else {
		jo.null_stdin = true;
	}
	int status = jobs_run(fd, name ? name : "standard input", &jo);
	if (fd != STDIN_FILENO)
		close(fd);
	free(name);
	return status;
}
