/* waitpid: wait for processes to exit, as os.waitpid and os.wait. Any
 * process can be waited for, not only a child: pidfd_open(2) and poll(2)
 * (pidwait.c) sleep until one exits. --demo forks workers and waits
 * for them as the os.waitpid and os.wait examples do, in a fixed order. */
#include "osbox/child.h"
#include "osbox/exitstatus.h"
#include "osbox/json.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"
#include "pidwait.h"
#include "osbox/proc.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { OPT_DEMO = OPT_LONG, OPT_JSON };

static const struct opt options[] = {
    {'t', "timeout", required_argument, "SECONDS",
     "give up after SECONDS (a fraction, or a suffix s, m, h, d) with status 124"},
    {'a', "any", no_argument, NULL,
     "return as soon as one PID has exited; with --demo, the os.wait example"},
    {'v', "verbose", no_argument, NULL, "print a line for each process as it exits"},
    {OPT_JSON, "json", no_argument, NULL,
     "a JSON object for each process as it exits: pid, child, status, exit_status, signal..."},
    {OPT_DEMO, "demo", no_argument, NULL,
     "the os.waitpid example: fork N workers (default 2), wait for each in turn"},
    {0},
};

/* One report per process, in words or in JSON; --demo forks its own
 * workers and prints the example's lines. */
static const struct optpair excludes[] = {
    {'v', OPT_JSON}, {OPT_DEMO, 't'}, {OPT_DEMO, 'v'}, {OPT_DEMO, OPT_JSON}, {0},
};

const struct optspec waitpid_spec = {
    .usage = "[-t SECONDS] [-a] [-v|--json] PID...\n"
             "   or: waitpid --demo [-a] [N]",
    .about = "Waits until each PID has exited. Any process can be waited for, not only\n"
             "a child; only a child's exit status can be known.",
    .opts = options,
    .excludes = excludes,
};

/* The most workers a demo forks: worker i exits with status i. */
#define DEMO_MAX 256

struct waitpid_opts {
	bool any, verbose, json;
	bool has_timeout;
	double timeout;
};

/* Parses a duration as timeout(1) does: a non-negative number, possibly
 * with a fraction or an exponent, and an optional unit s, m, h or d.
 * "inf" means no limit. */
static bool parse_duration(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || (errno == ERANGE && v != HUGE_VAL) || isnan(v) || v < 0)
		return false;
	if (*end) {
		static const char units[] = "smhd";
		static const double scale[] = {1, 60, 3600, 86400};
		const char *u = strchr(units, *end);
		if (!u || end[1])
			return false;
		v *= scale[u - units];
	}
	*out = v;
	return true;
}

static bool parse_pid(const char *s, pid_t *pid)
{
	char *end;
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end || errno || v <= 0 || v > INT_MAX)
		return false;
	*pid = (pid_t)v;
	return true;
}

/* A pidfd per process: with more PIDs than descriptors allowed, raise the
 * soft limit as far as the hard one. */
static void make_room(size_t n)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur < n + 16 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur =
		    rl.rlim_max != RLIM_INFINITY && rl.rlim_max < n + 16 ? rl.rlim_max : n + 16;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* The fields of spawn --json, plus child; a process that is not our child
 * has null for everything its parent alone can know. */
static void print_json(const struct pidwait *w)
{
	struct json j;
	json_init(&j);
	json_begin_object(&j);
	json_kint(&j, "pid", w->pid);
	json_kbool(&j, "child", w->child);
	proc_json_status(&j, w->child ? &w->status : NULL);
	json_end_object(&j);
	json_end_record(&j);
	out_flush();
}

static void print_exit(const struct waitpid_opts *wo, const struct pidwait *w)
{
	if (wo->json) {
		print_json(w);
	} else if (w->child) {
		char buf[64];
		out_printf("%ld: %s\n", (long)w->pid,
		           proc_describe_status(w->status, buf, sizeof buf));
	} else {
		out_printf("%ld: exited (not our child: no exit status to report)\n", (long)w->pid);
	}
	out_flush();
}

static int wait_pids(const struct waitpid_opts *wo, char **ops, int n)
{
	int status = 0;
	struct pidwait *w = xcalloc((size_t)n, sizeof *w);
	bool *shown = xcalloc((size_t)n, sizeof *shown);
	make_room((size_t)n);
	size_t m = 0;
	pid_t self = getpid();
	bool gone = false; /* a PID named no process */
	for (int i = 0; i < n; i++) {
		pid_t pid;
		parse_pid(ops[i], &pid); /* checked by the caller */
		bool dup = false;
		for (size_t k = 0; k < m && !dup; k++)
			dup = w[k].pid == pid;
		if (dup)
			continue;
		if (pid == self) {
			warnx("%s: cannot wait for itself", quote_gnu(0, QUOTE_SHELL, ops[i]));
			status = 1;
		} else if (pidwait_open(&w[m], pid) == 0) {
			m++;
		} else {
			/* pidfd_open refuses a thread that does not lead its
			 * group (EINVAL; ENOENT on newer kernels). */
			int e = errno;
			pid_t tgid = e == EINVAL || e == ENOENT ? pidwait_thread_group(pid) : 0;
			if (tgid > 0 && tgid != pid) {
				warnx("%s: a thread of process %ld, not a process",
				      quote_gnu(0, QUOTE_SHELL, ops[i]), (long)tgid);
			} else {
				errno = e; /* reading /proc may have changed it */
				warn("%s", quote_gnu(0, QUOTE_SHELL, ops[i]));
			}
			gone = gone || e == ESRCH;
			status = 1;
		}
	}

	struct timespec deadline, *dl = NULL;
	if (wo->has_timeout && isfinite(wo->timeout)) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		/* Past a century it is as good as forever. */
		if (wo->timeout > 3e9) {
			dl = NULL;
		} else {
			time_t whole = (time_t)wo->timeout;
			deadline.tv_sec += whole;
			deadline.tv_nsec += (long)((wo->timeout - (double)whole) * 1e9);
			if (deadline.tv_nsec >= 1000000000L) {
				deadline.tv_nsec -= 1000000000L;
				deadline.tv_sec++;
			}
			dl = &deadline;
		}
	}

	/* With -a, a PID that names no process has nothing to wait for: as
	 * good as one that has exited, so the wait ends at once. */
	size_t left = wo->any && gone ? 0 : m;
	while (left > 0) {
		int r = pidwait_poll(w, m, dl);
		if (r < 0)
			err(1, "poll");
		if (r == 0) {
			status = EXIT_TIMEDOUT;
			break;
		}
		left -= (size_t)r;
		for (size_t k = 0; k < m; k++) {
			if (w[k].exited && !shown[k]) {
				shown[k] = true;
				if (wo->verbose || wo->json)
					print_exit(wo, &w[k]);
			}
		}
		if (wo->any)
			break;
	}
	for (size_t k = 0; k < m; k++)
		pidwait_close(&w[k]);
	free(w);
	free(shown);
	return status;
}

/* A demo worker: starts when told, says so, works until told to finish
 * (where the example sleeps), says so and exits with its number. The
 * parent going away (the other end closed) ends it quietly. */
static _Noreturn void worker(unsigned i, int fd)
{
	if (child_await(fd) != 1)
		_exit(1);
	out_printf("WORKER %u: Starting\n", i);
	out_flush();
	if (child_post(fd) < 0 || child_await(fd) != 1)
		_exit(1);
	out_printf("WORKER %u: Finishing\n", i);
	out_flush();
	_exit((int)i);
}

/* Lets worker i start and waits until it has said so. A worker that
 * ended before is reaped and reported; if writing to a closed pipe killed
 * it, we end quietly as a writer to a closed pipe does. */
static bool start_worker(const int *fds, pid_t *pids, unsigned n, unsigned i)
{
	if (child_post(fds[i]) == 0 && child_await(fds[i]) == 1)
		return true;
	int st;
	pid_t pid = pids[i];
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			warn("worker %u (%ld)", i, (long)pid);
			return false;
		}
	}
	pids[i] = 0;
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE) {
		out_discard();
		child_kill_all(pids, n);
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
	}
	char buf[64];
	warnx("worker %u (%ld) ended before it started: %s", i, (long)pid,
	      proc_describe_status(st, buf, sizeof buf));
	return false;
}

/* The os.waitpid example (in order) or, with any, the os.wait example.
 * The order of every line is fixed, as the Python examples print it:
 *   os.waitpid: each worker starts as soon as it is forked, except the
 *   last, which starts once the parent waits for the first; worker i
 *   finishes once the parent waits for it.
 *   os.wait: the workers start once the parent waits (for the first),
 *   in order; then each finishes in turn while the parent waits.
 * Each worker has a socket pair to the parent: one byte to start, one
 * back once "Starting" is written, one to finish. */
/* Forks the n workers, each with a socketpair to hear when to start;
 * without any, each but the last is told at once. False (after a
 * warning) when one could not be made. */
static bool fork_workers(unsigned n, bool any, int *fds, pid_t *pids, unsigned *forked)
{
	pid_t self = getpid();
	for (unsigned i = 0; i < n; i++) {
		out_printf("PARENT %ld: Forking %u\n", (long)self, i);
		int sv[2];
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
			warn("socketpair");
			return false;
		}
		pid_t pid = child_fork();
		if (pid < 0) {
			warn("fork");
			close(sv[0]);
			close(sv[1]);
			return false;
		}
		if (pid == 0) {
			/* Only our own channel: the earlier workers' must see
			 * the parent's end close when it does. */
			for (unsigned k = 0; k < i; k++)
				close(fds[k]);
			close(sv[0]);
			worker(i, sv[1]);
		}
		close(sv[1]);
		fds[i] = sv[0];
		pids[i] = pid;
		++*forked;
		if (!any && i + 1 < n && !start_worker(fds, pids, *forked, i))
			return false;
	}
	return true;
}

/* Waits for worker i (any: for whichever worker ends; a child we had
 * before, forked by a shell that then ran exec waitpid, is not one).
 * Returns its pid and status, or -1 (errno set). */
static pid_t wait_worker(bool any, const pid_t *pids, unsigned forked, unsigned i, int *st)
{
	pid_t r;
	if (!any) {
		while ((r = waitpid(pids[i], st, 0)) < 0 && errno == EINTR)
			;
		return r;
	}
	for (;;) {
		while ((r = wait(st)) < 0 && errno == EINTR)
			;
		if (r < 0)
			return r;
		for (unsigned k = 0; k < forked; k++)
			if (pids[k] == r)
				return r;
	}
}

static void say_waiting(bool any, const pid_t *pids, unsigned i)
{
	if (any)
		out_printf("PARENT: Waiting for %u\n", i);
	else
		out_printf("PARENT: Waiting for %ld\n", (long)pids[i]);
	out_flush();
}

static int demo(unsigned n, bool any)
{
	/* wait(2) must see the workers even if we were started with
	 * SIGCHLD ignored (then children are reaped by the kernel). */
	signal(SIGCHLD, SIG_DFL);
	pid_t pids[DEMO_MAX] = {0};
	int fds[DEMO_MAX];
	unsigned forked = 0;
	bool failed = !fork_workers(n, any, fds, pids, &forked);
	if (!failed) {
		say_waiting(any, pids, 0);
		for (unsigned i = any ? 0 : n - 1; i < n && !failed; i++)
			if (!start_worker(fds, pids, forked, i))
				failed = true;
	}
	for (unsigned i = 0; i < n && !failed; i++) {
		if (i > 0)
			say_waiting(any, pids, i);
		/* A worker killed meanwhile cannot hear this (EPIPE): its
		 * status, read below, tells what became of it. */
		child_post(fds[i]);
		int st;
		pid_t r = wait_worker(any, pids, forked, i, &st);
		if (r < 0) {
			warn("wait");
			failed = true;
			break;
		}
		for (unsigned k = 0; k < forked; k++)
			if (pids[k] == r)
				pids[k] = 0;
		/* The raw status, as os.waitpid returns it: exit status i
		 * is i << 8. */
		out_printf("PARENT: Child done: (%ld, %d)\n", (long)r, st);
	}
	for (unsigned i = 0; i < forked; i++)
		close(fds[i]);
	if (failed) {
		/* Nothing stays behind: the workers still there are killed
		 * and reaped. */
		out_flush();
		child_kill_all(pids, forked);
		return EXIT_FAIL;
	}
	return 0;
}

int waitpid_main(int argc, char **argv)
{
	struct waitpid_opts wo = {0};
	bool demo_mode = false;
	struct opts o;
	int c;
	opts_begin(&o, &waitpid_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 't':
			if (!parse_duration(o.arg, &wo.timeout))
				usage_error(&o, "%s: invalid time interval",
				            quote_gnu(0, QUOTE_SHELL, o.arg));
			wo.has_timeout = true;
			break;
		case 'a':
			wo.any = true;
			break;
		case 'v':
			wo.verbose = true;
			break;
		case OPT_JSON:
			wo.json = true;
			break;
		case OPT_DEMO:
			demo_mode = true;
			break;
		}
	}
	int nops = argc - o.ind;
	char **ops = argv + o.ind;
	opts_operands(&o, demo_mode ? 0 : 1, demo_mode ? 1 : 0); /* [N] or PID... */
	if (demo_mode) {
		unsigned long nw = 2;
		if (nops == 1) {
			char *end;
			errno = 0;
			nw = strtoul(ops[0], &end, 10);
			if (end == ops[0] || *end || errno || nw < 1 || nw > DEMO_MAX ||
			    ops[0][0] == '-')
				usage_error(&o, "%s: the number of workers must be 1 to %d",
				            quote_gnu(0, QUOTE_SHELL, ops[0]), DEMO_MAX);
		}
		return demo((unsigned)nw, wo.any);
	}
	for (int i = 0; i < nops; i++) {
		pid_t pid;
		if (!parse_pid(ops[i], &pid))
			usage_error(&o, "%s: invalid process id",
			            quote_gnu(0, QUOTE_SHELL, ops[i]));
	}
	return wait_pids(&wo, ops, nops);
}
