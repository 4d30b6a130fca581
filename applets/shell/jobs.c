/* The job table and job control (see sh.h): the jobs the shell started,
 * what became of them (waitpid with WUNTRACED and WCONTINUED), and the
 * terminal, which the foreground job owns while it runs (tcsetpgrp), so
 * that Ctrl-C and Ctrl-Z reach it and not the shell (POSIX XBD 11.1.4). */
#include "sh.h"
#include "osbox/exitstatus.h"
#include "osbox/proc.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

void sh_job_signals(void (*action)(int))
{
	/* SIGTERM too, as other interactive shells, so that kill 0 spares it */
	int sigs[] = {SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], action);
}

struct sh_job *sh_new_job(struct sh *sh, const char *text, bool bg)
{
	int id = 1;
	for (size_t i = 0; i < sh->njobs; i++)
		if (sh->jobs[i]->id >= id)
			id = sh->jobs[i]->id + 1;
	struct sh_job *j = xcalloc(1, sizeof *j);
	j->id = id;
	j->text = xstrdup(text ? text : "");
	j->background = bg;
	sh->jobs = xreallocarray(sh->jobs, sh->njobs + 1, sizeof *sh->jobs);
	sh->jobs[sh->njobs++] = j;
	return j;
}

void sh_add_proc(struct sh_job *j, pid_t pid)
{
	j->procs = xreallocarray(j->procs, j->nprocs + 1, sizeof *j->procs);
	j->procs[j->nprocs++] = (struct sh_proc){.pid = pid};
}

void sh_remove_job(struct sh *sh, struct sh_job *j)
{
	for (size_t i = 0; i < sh->njobs; i++) {
		if (sh->jobs[i] == j) {
			memmove(&sh->jobs[i], &sh->jobs[i + 1],
			        (sh->njobs - i - 1) * sizeof *sh->jobs);
			sh->njobs--;
			break;
		}
	}
	if (sh->current_job == j->id) {
		sh->current_job = 0;
		for (size_t i = 0; i < sh->njobs; i++)
			if (sh->jobs[i]->background)
				sh->current_job = sh->jobs[i]->id;
	}
	free(j->procs);
	free(j->text);
	free(j);
}

bool sh_job_done(const struct sh_job *j)
{
	for (size_t i = 0; i < j->nprocs; i++)
		if (!j->procs[i].done)
			return false;
	return true;
}

bool sh_job_stopped(const struct sh_job *j)
{
	bool any = false;
	for (size_t i = 0; i < j->nprocs; i++) {
		if (!j->procs[i].done && !j->procs[i].stopped)
			return false;
		any |= j->procs[i].stopped;
	}
	return any;
}

int sh_job_status(const struct sh_job *j)
{
	if (j->nprocs == 0)
		return 1;
	const struct sh_proc *p = &j->procs[j->nprocs - 1];
	if (sh_current && sh_current->opts[SH_O_PIPEFAIL] && !p->stopped) {
		/* set -o pipefail: the last command that failed (POSIX 2024) */
		for (size_t i = j->nprocs; i-- > 0;) {
			int st = proc_exit_code(j->procs[i].status);
			if (st)
				return st;
		}
		return 0;
	}
	if (p->stopped)
		return EXIT_SIGNAL_BASE + WSTOPSIG(p->status);
	return proc_exit_code(p->status);
}

bool sh_reap(struct sh *sh, bool block)
{
	int st;
	pid_t pid = waitpid(-1, &st, WUNTRACED | WCONTINUED | (block ? 0 : WNOHANG));
	if (pid <= 0)
		return false;
	for (size_t i = 0; i < sh->njobs; i++) {
		struct sh_job *j = sh->jobs[i];
		for (size_t k = 0; k < j->nprocs; k++) {
			struct sh_proc *p = &j->procs[k];
			if (p->pid != pid)
				continue;
			if (WIFSTOPPED(st)) {
				p->stopped = true;
				p->status = st;
			} else if (WIFCONTINUED(st)) {
				p->stopped = false;
				j->notified = false;
			} else {
				p->done = true;
				p->stopped = false;
				p->status = st;
			}
			return true;
		}
	}
	return true;
}

struct sh_job *sh_find_job(struct sh *sh, const char *spec)
{
	if (!spec || strcmp(spec, "%%") == 0 || strcmp(spec, "%+") == 0 || strcmp(spec, "%") == 0) {
		for (size_t i = 0; i < sh->njobs; i++)
			if (sh->jobs[i]->id == sh->current_job)
				return sh->jobs[i];
		return sh->njobs ? sh->jobs[sh->njobs - 1] : NULL;
	}
	const char *s = spec[0] == '%' ? spec + 1 : spec;
	if (strcmp(spec, "%-") == 0) {
		/* the previous job: the latest background job but %+ */
		for (size_t i = sh->njobs; i-- > 0;)
			if (sh->jobs[i]->background && sh->jobs[i]->id != sh->current_job)
				return sh->jobs[i];
		return NULL;
	}
	if (spec[0] == '%' && s[0] == '?') {
		/* %?string: the job whose text holds string */
		for (size_t i = 0; i < sh->njobs; i++)
			if (strstr(sh->jobs[i]->text, s + 1))
				return sh->jobs[i];
		return NULL;
	}
	char *end;
	long id = strtol(s, &end, 10);
	for (size_t i = 0; i < sh->njobs; i++) {
		struct sh_job *j = sh->jobs[i];
		if (end != s && *end == 0 ? j->id == id : strncmp(j->text, s, strlen(s)) == 0)
			return j;
	}
	return NULL;
}

void sh_take_terminal(struct sh *sh)
{
	if (!sh->jobctl)
		return;
	tcsetpgrp(sh->ttyfd, sh->pgid);
	if (sh->tty_modes)
		tcsetattr(sh->ttyfd, TCSADRAIN, sh->tty_modes);
}

/* How a job stands or ended, as jobs and the notices say it. */
void sh_job_describe(const struct sh_job *j, char *buf, size_t size)
{
	const struct sh_proc *p = &j->procs[j->nprocs - 1];
	if (sh_job_stopped(j))
		snprintf(buf, size, "Stopped");
	else if (!sh_job_done(j))
		snprintf(buf, size, "Running");
	else if (WIFEXITED(p->status) && WEXITSTATUS(p->status) == 0)
		snprintf(buf, size, "Done");
	else if (WIFEXITED(p->status))
		snprintf(buf, size, "Exit %d", WEXITSTATUS(p->status));
	else
		proc_describe_status(p->status, buf, size);
}

static void job_line(struct sh *sh, const struct sh_job *j)
{
	char how[96];
	sh_job_describe(j, how, sizeof how);
	fprintf(stderr, "[%d]%c  %-22s %s\n", j->id, j->id == sh->current_job ? '+' : ' ', how,
	        j->text);
}

void sh_notify_jobs(struct sh *sh)
{
	while (sh_reap(sh, false))
		;
	for (size_t i = 0; i < sh->njobs;) {
		struct sh_job *j = sh->jobs[i];
		if (j->background && sh_job_done(j)) {
			if (sh->interactive)
				job_line(sh, j);
			sh_remove_job(sh, j);
			continue;
		}
		if (j->background && sh_job_stopped(j) && !j->notified && sh->interactive) {
			job_line(sh, j);
			j->notified = true;
		}
		i++;
	}
}

int sh_wait_job(struct sh *sh, struct sh_job *j)
{
	while (!sh_job_done(j) && !sh_job_stopped(j)) {
		if (!sh_reap(sh, true) && errno == ECHILD)
			break;
	}
	sh_take_terminal(sh);
	int status = sh_job_status(j);
	if (sh_job_stopped(j)) {
		j->background = true;
		j->notified = true;
		sh->current_job = j->id;
		fputc('\n', stderr);
		job_line(sh, j);
		return status;
	}
	const struct sh_proc *p = &j->procs[j->nprocs - 1];
	if (WIFSIGNALED(p->status)) {
		int sig = WTERMSIG(p->status);
		if (sig == SIGINT) {
			if (sh->interactive)
				fputc('\n', stderr);
		} else if (sig != SIGPIPE) {
			char buf[96];
			warnx("%s: %s", j->text, proc_describe_status(p->status, buf, sizeof buf));
		}
	}
	sh_remove_job(sh, j);
	return status;
}

int sh_continue_job(struct sh *sh, struct sh_job *j, bool foreground)
{
	for (size_t i = 0; i < j->nprocs; i++)
		j->procs[i].stopped = false;
	j->notified = false;
	if (foreground) {
		j->background = false;
		if (sh->jobctl)
			tcsetpgrp(sh->ttyfd, j->pgid);
		kill(-j->pgid, SIGCONT);
		fprintf(stderr, "%s\n", j->text);
		return sh_wait_job(sh, j);
	}
	j->background = true;
	sh->current_job = j->id;
	fprintf(stderr, "[%d]+ %s &\n", j->id, j->text);
	kill(-j->pgid, SIGCONT);
	return 0;
}

bool sh_warn_stopped(struct sh *sh)
{
	if (!sh->interactive || sh->warned_stopped)
		return false;
	for (size_t i = 0; i < sh->njobs; i++) {
		if (sh_job_stopped(sh->jobs[i])) {
			warnx("there are stopped jobs");
			sh->warned_stopped = true;
			return true;
		}
	}
	return false;
}

/* The terminal hung up: every job gets SIGHUP (and a stopped one SIGCONT,
 * to see it), then the shell ends by the same signal, as bash and dash
 * do. Only kill(2) and signal(2) here: a signal handler. */
static void on_sighup(int sig)
{
	struct sh *sh = sh_current;
	for (size_t i = 0; sh && i < sh->njobs; i++) {
		if (sh->jobs[i]->pgid > 0) {
			kill(-sh->jobs[i]->pgid, SIGHUP);
			kill(-sh->jobs[i]->pgid, SIGCONT);
		}
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_sigint(int sig)
{
	(void)sig;
	if (sh_current)
		sh_current->intr = 1;
}

void sh_catch_interrupt(void)
{
	struct sigaction sa = {.sa_handler = on_sigint, .sa_flags = SA_RESTART};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
}

void sh_catch_hangup(void)
{
	struct sigaction sa = {.sa_handler = on_sighup};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
}

void sh_hangup_jobs(struct sh *sh)
{
	for (size_t i = 0; i < sh->njobs; i++) {
		if (sh_job_stopped(sh->jobs[i])) {
			kill(-sh->jobs[i]->pgid, SIGHUP);
			kill(-sh->jobs[i]->pgid, SIGCONT);
		}
	}
}
