/* The shell's builtins: the commands that must change the shell itself
 * (cd, exit, export, unset), or that read its job table or history. They
 * run in the shell's process, so their output is built in a buffer and
 * written with one write(2) whose failure is reported, not fatal. */
#include "sh.h"
#include "osbox/buf.h"
#include "osbox/exitstatus.h"
#include "osbox/out.h"
#include "osbox/proc.h"
#include "osbox/registry.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

/* Writes what a builtin printed (o, freed) to stdout through core/out.c,
 * at once: a failure ends the builtin with status 1 after "NAME: write
 * error: ..." (none for EPIPE), never the shell, which runs builtins in
 * its own process. */
static int put_out(struct buf *o, const char *who)
{
	int e = out_write_now(o->p, o->len);
	buf_free(o);
	if (e && e != EPIPE) {
		errno = e;
		warn("%s: write error", who);
	}
	return e ? 1 : 0;
}

/* Where the operands start: after "--", or after flag (an option that
 * changes nothing here, as export -p), if argv[1] is one of them. */
static int first_operand(int argc, char **argv, const char *flag)
{
	bool skip =
	    argc > 1 && (strcmp(argv[1], "--") == 0 || (flag && strcmp(argv[1], flag) == 0));
	return skip ? 2 : 1;
}

/* True if the first n bytes of arg are a valid name; else false, after
 * "WHO: 'ARG': not a valid identifier". */
static bool valid_name(const char *who, const char *arg, size_t n)
{
	if (sh_is_name(arg, n))
		return true;
	warnx("%s: '%s': not a valid identifier", who, arg);
	return false;
}

/* True if all of s is a decimal number, in *v (strtol's, which leaves
 * errno at ERANGE when it does not fit). */
static bool number(const char *s, long *v)
{
	char *end;
	errno = 0;
	*v = strtol(s, &end, 10);
	return end != s && *end == 0;
}

static int bi_cd(struct sh *sh, int argc, char **argv)
{
	int i = first_operand(argc, argv, NULL);
	if (argc - i > 1) {
		warnx("cd: too many arguments");
		return 1;
	}
	const char *dir = i < argc ? argv[i] : sh_getvar(sh, "HOME");
	bool print = false;
	if (!dir) {
		warnx("cd: HOME not set");
		return 1;
	}
	if (strcmp(dir, "-") == 0) {
		dir = sh_getvar(sh, "OLDPWD");
		if (!dir) {
			warnx("cd: OLDPWD not set");
			return 1;
		}
		print = true;
	}
	char *target = xstrdup(dir);
	if (chdir(target) < 0) {
		warn("cd: %s", target);
		free(target);
		return 1;
	}
	free(target);
	const char *old = sh_getvar(sh, "PWD");
	char *oldcopy = old ? xstrdup(old) : getcwd(NULL, 0);
	char *cwd = getcwd(NULL, 0);
	if (oldcopy)
		sh_setvar(sh, "OLDPWD", oldcopy);
	if (cwd)
		sh_setvar(sh, "PWD", cwd);
	int status = 0;
	if (print && cwd) {
		struct buf o = {0};
		buf_printf(&o, "%s\n", cwd);
		status = put_out(&o, "cd");
	}
	free(oldcopy);
	free(cwd);
	return status;
}

static int bi_exit(struct sh *sh, int argc, char **argv)
{
	int status = sh->status;
	if (argc > 2) {
		warnx("exit: too many arguments");
		return 1;
	}
	if (argc == 2) {
		long v;
		if (!number(argv[1], &v) || errno) {
			warnx("exit: %s: numeric argument required", argv[1]);
			status = 2;
		} else {
			status = (int)(v & 0xff);
		}
	}
	if (sh_warn_stopped(sh))
		return 1;
	sh->exiting = true;
	sh->exit_status = status;
	return status;
}

/* export -p: the environment, sorted, as commands that recreate it. */
static int print_exports(void)
{
	size_t n = 0;
	while (environ[n])
		n++;
	char **v = xreallocarray(NULL, n + 1, sizeof *v);
	memcpy(v, environ, n * sizeof *v);
	qsort(v, n, sizeof *v, sh_cmp_str);
	struct buf o = {0};
	for (size_t k = 0; k < n; k++) {
		char *eq = strchr(v[k], '=');
		if (!eq)
			continue;
		buf_printf(&o, "export %.*s=", (int)(eq - v[k]), v[k]);
		sh_put_squoted(&o, eq + 1);
		buf_putc(&o, '\n');
	}
	free(v);
	return put_out(&o, "export");
}

static int bi_export(struct sh *sh, int argc, char **argv)
{
	int i = first_operand(argc, argv, "-p"), status = 0;
	if (i == argc)
		return print_exports();
	for (; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t nl = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		if (!valid_name("export", argv[i], nl)) {
			status = 1;
			continue;
		}
		char *name = xstrndup(argv[i], nl);
		sh_export(sh, name, eq ? eq + 1 : NULL);
		free(name);
	}
	return status;
}

static int bi_unset(struct sh *sh, int argc, char **argv)
{
	int status = 0;
	for (int i = first_operand(argc, argv, "-v"); i < argc; i++) {
		if (valid_name("unset", argv[i], strlen(argv[i])))
			sh_unsetvar(sh, argv[i]);
		else
			status = 1;
	}
	return status;
}

static int bi_jobs(struct sh *sh, int argc, char **argv)
{
	bool pids = argc > 1 && strcmp(argv[1], "-p") == 0;
	while (sh_reap(sh, false))
		;
	struct buf o = {0};
	for (size_t i = 0; i < sh->njobs; i++) {
		struct sh_job *j = sh->jobs[i];
		if (!j->background)
			continue;
		if (pids) {
			buf_printf(&o, "%ld\n", (long)j->pgid);
			continue;
		}
		char how[96];
		sh_job_describe(j, how, sizeof how);
		buf_printf(&o, "[%d]%c  %-22s %s\n", j->id, j->id == sh->current_job ? '+' : ' ',
		           how, j->text);
	}
	int status = put_out(&o, "jobs");
	for (size_t i = 0; i < sh->njobs;) {
		if (sh->jobs[i]->background && sh_job_done(sh->jobs[i]))
			sh_remove_job(sh, sh->jobs[i]);
		else
			i++;
	}
	return status;
}

static int fg_bg(struct sh *sh, int argc, char **argv, bool fg)
{
	if (!sh->jobctl) {
		warnx("%s: no job control", argv[0]);
		return 1;
	}
	const char *spec = argc > 1 ? argv[1] : NULL;
	struct sh_job *j = sh_find_job(sh, spec);
	if (!j || !j->background) {
		warnx("%s: %s: no such job", argv[0], spec ? spec : "current");
		return 1;
	}
	return sh_continue_job(sh, j, fg);
}

static int bi_fg(struct sh *sh, int argc, char **argv)
{
	return fg_bg(sh, argc, argv, true);
}

static int bi_bg(struct sh *sh, int argc, char **argv)
{
	return fg_bg(sh, argc, argv, false);
}

static volatile sig_atomic_t wait_interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	wait_interrupted = 1;
}

/* Waits until j has ended (or stopped); returns its status, or 130
 * (killed by SIGINT) when Ctrl-C interrupted the wait. */
static int wait_for(struct sh *sh, struct sh_job *j)
{
	while (!sh_job_done(j) && !sh_job_stopped(j)) {
		if (sh_reap(sh, true))
			continue;
		if (errno == EINTR && wait_interrupted)
			return EXIT_SIGNAL_BASE + SIGINT;
		if (errno == ECHILD)
			break;
	}
	int st = sh_job_status(j);
	if (sh_job_done(j))
		sh_remove_job(sh, j);
	return st;
}

static int wait_jobs(struct sh *sh, int argc, char **argv);

/* An interactive shell ignores SIGINT; while it waits for background jobs,
 * Ctrl-C must still end the wait (the jobs, in their own process groups,
 * do not get it). */
static int bi_wait(struct sh *sh, int argc, char **argv)
{
	struct sigaction sa = {.sa_handler = on_sigint}, old;
	if (sh->interactive)
		sigaction(SIGINT, &sa, &old);
	wait_interrupted = 0;
	int st = wait_jobs(sh, argc, argv);
	if (sh->interactive)
		sigaction(SIGINT, &old, NULL);
	return st;
}

static int wait_jobs(struct sh *sh, int argc, char **argv)
{
	if (argc == 1) {
		for (;;) {
			struct sh_job *j = NULL;
			for (size_t i = 0; i < sh->njobs && !j; i++)
				if (sh->jobs[i]->background && !sh_job_stopped(sh->jobs[i]))
					j = sh->jobs[i];
			if (!j)
				return 0;
			if (wait_for(sh, j) == EXIT_SIGNAL_BASE + SIGINT && wait_interrupted)
				return EXIT_SIGNAL_BASE + SIGINT;
		}
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		struct sh_job *j = NULL;
		if (argv[i][0] == '%') {
			j = sh_find_job(sh, argv[i]);
		} else {
			long pid;
			if (!number(argv[i], &pid)) {
				warnx("wait: '%s': not a pid or valid job spec", argv[i]);
				status = 2;
				continue;
			}
			for (size_t k = 0; k < sh->njobs && !j; k++)
				for (size_t p = 0; p < sh->jobs[k]->nprocs; p++)
					if (sh->jobs[k]->procs[p].pid == pid)
						j = sh->jobs[k];
		}
		if (!j) {
			warnx("wait: %s: no such job", argv[i]);
			status = EXIT_ENOENT;
			continue;
		}
		status = wait_for(sh, j);
		if (wait_interrupted)
			return EXIT_SIGNAL_BASE + SIGINT;
	}
	return status;
}

/* kill: as /bin/kill, but it also takes job specs (%N): a job's whole
 * process group gets the signal. */
static int bi_kill(struct sh *sh, int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;
	char nb[16];
	if (i < argc && strcmp(argv[i], "-l") == 0) {
		struct buf o = {0};
		for (int s = 1; s < NSIG; s++) {
			const char *n = proc_signame(s, nb);
			if (n[0] < '0' || n[0] > '9')
				buf_printf(&o, "%2d) %s\n", s, n);
		}
		return put_out(&o, "kill");
	}
	if (i + 1 < argc && strcmp(argv[i], "-s") == 0) {
		sig = proc_signum(argv[i + 1]);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
		sig = proc_signum(argv[i] + 1);
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (sig < 0) {
		warnx("kill: %s: invalid signal", argv[i - 1]);
		return 2;
	}
	if (i == argc) {
		warnx("kill: usage: kill [-s SIGNAL | -SIGNAL] PID|%%JOB... or kill -l");
		return 2;
	}
	for (; i < argc; i++) {
		pid_t target;
		struct sh_job *j = NULL;
		if (argv[i][0] == '%') {
			j = sh_find_job(sh, argv[i]);
			if (!j) {
				warnx("kill: %s: no such job", argv[i]);
				status = 1;
				continue;
			}
			target = sh->jobctl ? -j->pgid : j->procs[j->nprocs - 1].pid;
		} else {
			long v;
			if (!number(argv[i], &v)) {
				warnx("kill: %s: arguments must be process or job IDs", argv[i]);
				status = 1;
				continue;
			}
			target = (pid_t)v;
		}
		if (kill(target, sig) < 0) {
			warn("kill: %s", argv[i]);
			status = 1;
			continue;
		}
		bool stops = sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
		if (target < 0 && !stops && sig != SIGKILL && sig != SIGCONT)
			kill(target, SIGCONT); /* a stopped job must run to get it */
		if (j && target < 0 && !stops) {
			/* it runs now: wait must wait for it to end, not see it stopped */
			for (size_t k = 0; k < j->nprocs; k++)
				j->procs[k].stopped = false;
			j->notified = false;
		}
	}
	return status;
}

static int bi_history(struct sh *sh, int argc, char **argv)
{
	struct sh_hist *h = &sh->hist;
	size_t from = 0;
	if (argc > 1 && strcmp(argv[1], "-c") == 0) {
		sh_strv_free(&h->lines);
		return 0;
	}
	if (argc > 1) {
		long n;
		if (!number(argv[1], &n) || n < 0) {
			warnx("history: %s: numeric argument required", argv[1]);
			return 2;
		}
		if ((size_t)n < h->lines.n)
			from = h->lines.n - (size_t)n;
	}
	struct buf o = {0};
	for (size_t i = from; i < h->lines.n; i++)
		buf_printf(&o, "%5zu  %s\n", i + 1, h->lines.v[i]);
	return put_out(&o, "history");
}

static int bi_help(struct sh *sh, int argc, char **argv);

static const struct builtin {
	const char *name;
	sh_builtin_fn *fn;
	const char *usage;
} builtins[] = {
    {"bg", bi_bg, "bg [%JOB]          continue a stopped job in the background"},
    {"cd", bi_cd, "cd [DIR|-]         change the working directory (default $HOME)"},
    {"exit", bi_exit, "exit [N]           leave the shell with status N (default $?)"},
    {"export", bi_export, "export [NAME[=VALUE]]...  put variables in the environment"},
    {"fg", bi_fg, "fg [%JOB]          bring a job to the foreground"},
    {"help", bi_help, "help               this list"},
    {"history", bi_history, "history [-c] [N]   the last N lines of history (-c forgets them)"},
    {"jobs", bi_jobs, "jobs [-p]          list the background jobs"},
    {"kill", bi_kill, "kill [-SIG] PID|%JOB...  send a signal (TERM) to processes or jobs"},
    {"unset", bi_unset, "unset NAME...      remove variables"},
    {"wait", bi_wait, "wait [%JOB|PID]... wait for background jobs to end"},
};

#define NBUILTINS (sizeof builtins / sizeof builtins[0])

static int bi_help(struct sh *sh, int argc, char **argv)
{
	struct buf o = {0};
	buf_puts(&o,
	         "osbox shell: commands are applets (run 'osbox' for the list), these builtins,\n"
	         "or programs found in PATH. An applet's name comes before PATH.\n\nBuiltins:\n");
	for (size_t i = 0; i < NBUILTINS; i++)
		buf_printf(&o, "  %s\n", builtins[i].usage);
	buf_puts(&o, "\nSyntax: 'single' \"double $X\" \\c  $NAME ${NAME} ${NAME:-word} $? $$ $!\n"
	             "  NAME=value  cmd1 | cmd2  cmd1 && cmd2  cmd1 || cmd2  cmd &  cmd ; cmd\n"
	             "  <file >file >>file 2>file 2>&1  # comment\n\nApplets:\n");
	for (size_t i = 0; i < applet_count; i++)
		buf_printf(&o, "  %-12s %s\n", applets[i].name, applets[i].summary);
	return put_out(&o, "help");
}

sh_builtin_fn *sh_builtin_find(const char *name)
{
	for (size_t i = 0; i < NBUILTINS; i++)
		if (strcmp(builtins[i].name, name) == 0)
			return builtins[i].fn;
	return NULL;
}

const char *sh_builtin_name(size_t i)
{
	return i < NBUILTINS ? builtins[i].name : NULL;
}
