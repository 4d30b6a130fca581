/* Running commands (see sh.h): every command but a builtin runs in a
 * child process, applets included, so nothing they do can break the
 * shell. With job control (an interactive shell) each job is a process
 * group of its own; jobs.c keeps the table and hands the terminal over. */
#include "sh.h"
#include "osbox/exitstatus.h"
#include "osbox/out.h"
#include "osbox/proc.h"
#include "osbox/registry.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- redirections ---- */

struct saved_fds {
	int fd[16], copy[16];
	size_t n;
};

static void save_fd(struct saved_fds *sv, int fd)
{
	if (!sv)
		return;
	for (size_t i = 0; i < sv->n; i++)
		if (sv->fd[i] == fd)
			return;
	if (sv->n == 16)
		return;
	sv->fd[sv->n] = fd;
	sv->copy[sv->n++] = fcntl(fd, F_DUPFD_CLOEXEC, 10);
}

static void restore_fds(struct saved_fds *sv)
{
	while (sv->n > 0) {
		sv->n--;
		if (sv->copy[sv->n] >= 0) {
			dup2(sv->copy[sv->n], sv->fd[sv->n]);
			close(sv->copy[sv->n]);
		} else {
			close(sv->fd[sv->n]);
		}
	}
}

/* Applies c's redirections in order; sv (in the shell's own process)
 * records what to put back. Returns -1 after a message. */
static int redirect(struct sh *sh, const struct sh_cmd *c, struct saved_fds *sv)
{
	for (size_t i = 0; i < c->nredirs; i++) {
		const struct sh_redir *r = &c->redirs[i];
		char *w = sh_expand_one(sh, r->word);
		save_fd(sv, r->fd);
		if (r->op == SH_R_DUP) {
			if (strcmp(w, "-") == 0) {
				close(r->fd);
			} else if (w[0] && strspn(w, "0123456789") == strlen(w) && strlen(w) < 8) {
				int from = atoi(w);
				if (fcntl(from, F_GETFD) < 0 ||
				    (from != r->fd && dup2(from, r->fd) < 0)) {
					warnx("%s: Bad file descriptor", w);
					free(w);
					return -1;
				}
			} else {
				warnx("%s: ambiguous redirect", w);
				free(w);
				return -1;
			}
		} else {
			int flags = r->op == SH_R_IN       ? O_RDONLY
			            : r->op == SH_R_APPEND ? O_WRONLY | O_CREAT | O_APPEND
			                                   : O_WRONLY | O_CREAT | O_TRUNC;
			int fd = open(w, flags | O_CLOEXEC | O_NOCTTY, 0666);
			if (fd < 0) {
				warn("%s", w);
				free(w);
				return -1;
			}
			if (fd != r->fd) {
				if (dup2(fd, r->fd) < 0) {
					warn("%d", r->fd);
					close(fd);
					free(w);
					return -1;
				}
				close(fd);
			} else {
				fcntl(fd, F_SETFD, 0);
			}
		}
		free(w);
	}
	return 0;
}

/* ---- commands ---- */

static int expand_words(struct sh *sh, const struct sh_cmd *c, struct sh_strv *argv)
{
	for (size_t i = 0; i < c->words.n; i++)
		if (sh_expand(sh, c->words.v[i], 0, argv) < 0)
			return -1;
	return 0;
}

/* NAME=VALUE words: into the environment (a command's own) or into the
 * shell's variables (a line of assignments alone). */
static void assign(struct sh *sh, const struct sh_cmd *c, bool to_env)
{
	for (size_t i = 0; i < c->assigns.n; i++) {
		size_t nl;
		const char *a = c->assigns.v[i];
		sh_is_assignment(a, &nl);
		char *name = xstrndup(a, nl);
		char *value = sh_expand_one(sh, a + nl + 1);
		if (to_env)
			setenv(name, value, 1);
		else
			sh_setvar(sh, name, value);
		free(name);
		free(value);
	}
}

/* In a new child: its process group, the terminal, default signals. */
static void child_start(struct sh *sh, pid_t pgid, bool bg)
{
	if (sh->jobctl) {
		setpgid(0, pgid);
		if (!bg)
			tcsetpgrp(sh->ttyfd, pgid ? pgid : getpid());
	}
	/* Only what an interactive shell changed: a signal ignored when the
	 * shell started stays ignored for its commands (POSIX XCU 2.11). */
	if (sh->interactive)
		sh_job_signals(SIG_DFL);
	if (!sh->jobctl && bg) {
		/* POSIX XCU 2.9.3: without job control, an asynchronous list
		 * ignores SIGINT and SIGQUIT and reads /dev/null. */
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		int fd = open("/dev/null", O_RDONLY);
		if (fd > 0) {
			dup2(fd, 0);
			close(fd);
		}
	}
	if (sh->ttyfd >= 0)
		close(sh->ttyfd);
	sh->ttyfd = -1;
	sh->interactive = sh->jobctl = false;
	sh->njobs = 0; /* a subshell has no jobs of its own */
	sh->current_job = 0;
}

/* Runs a command in this (child) process and never returns. */
static _Noreturn void exec_cmd(struct sh *sh, const struct sh_cmd *c, struct sh_strv *pre)
{
	struct sh_strv argv = {0};
	if (pre)
		argv = *pre;
	else if (expand_words(sh, c, &argv) < 0)
		_exit(1);
	assign(sh, c, true);
	if (redirect(sh, c, NULL) < 0)
		_exit(1);
	if (argv.n == 0)
		_exit(0);
	sh_builtin_fn *b = sh_builtin_find(argv.v[0]);
	if (b) {
		int st = b(sh, (int)argv.n, argv.v);
		fflush(NULL);
		_exit(st);
	}
	const struct applet *a = applet_find(argv.v[0]);
	if (a) {
		setlocale(LC_ALL, "C"); /* as if started afresh */
		out_discard();
		exit(applet_run(a, (int)argv.n, argv.v));
	}
	execvp(argv.v[0], argv.v);
	int e = errno;
	struct stat st;
	if (e == ENOENT && !strchr(argv.v[0], '/')) {
		warnx("%s: command not found", argv.v[0]);
		_exit(EXIT_ENOENT);
	}
	if (e == EACCES && stat(argv.v[0], &st) == 0 && S_ISDIR(st.st_mode))
		e = EISDIR;
	errno = e;
	warn("%s", argv.v[0]);
	_exit(e == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE);
}

/* A builtin in the shell's own process, with its redirections and
 * assignments for its duration only. */
static int run_builtin(struct sh *sh, sh_builtin_fn *b, const struct sh_cmd *c,
                       struct sh_strv *argv)
{
	struct saved_fds sv = {0};
	struct sh_strv old = {0};
	int status;
	fflush(NULL);
	if (redirect(sh, c, &sv) < 0) {
		status = 1;
	} else {
		for (size_t i = 0; i < c->assigns.n; i++) {
			size_t nl;
			sh_is_assignment(c->assigns.v[i], &nl);
			char *name = xstrndup(c->assigns.v[i], nl);
			const char *v = getenv(name);
			/* NAME=VALUE, or NAME alone (a NUL for the '=') if unset */
			sh_strv_push(&old, xasprintf("%s%c%s", name, v ? '=' : 0, v ? v : ""));
			free(name);
		}
		assign(sh, c, true);
		status = b(sh, (int)argv->n, argv->v);
		fflush(NULL);
		for (size_t i = 0; i < old.n; i++) {
			char *eq = strchr(old.v[i], '=');
			if (eq) {
				*eq = 0;
				setenv(old.v[i], eq + 1, 1);
			} else {
				unsetenv(old.v[i]);
			}
		}
	}
	sh_strv_free(&old);
	restore_fds(&sv);
	return status;
}

/* A lone foreground command runs in the shell itself when it is a
 * builtin or has no words after expansion (assignments and redirections
 * alone). Returns true, with *status, if it ran here; else false, with
 * its words in argv for the child to run. */
static bool run_here(struct sh *sh, const struct sh_cmd *c, struct sh_strv *argv, int *status)
{
	if (expand_words(sh, c, argv) < 0) {
		*status = 1;
		return true;
	}
	if (argv->n == 0) {
		struct saved_fds sv = {0};
		*status = redirect(sh, c, &sv) < 0 ? 1 : 0;
		restore_fds(&sv);
		assign(sh, c, false);
		return true;
	}
	sh_builtin_fn *b = sh_builtin_find(argv->v[0]);
	if (!b)
		return false;
	*status = run_builtin(sh, b, c, argv);
	return true;
}

/* Starts a process for each command of pl, each one's output piped to
 * the next one's input, all in job j's process group; pre: the first
 * command's words, already expanded. Stops at the first that fails. */
static void start_pipeline(struct sh *sh, const struct sh_pipeline *pl, struct sh_job *j,
                           struct sh_strv *pre)
{
	int in = -1;
	fflush(NULL);
	out_flush();
	for (size_t i = 0; i < pl->ncmds; i++) {
		int pfd[2] = {-1, -1};
		if (i + 1 < pl->ncmds && pipe2(pfd, O_CLOEXEC) < 0) {
			warn("pipe");
			break;
		}
		pid_t pid = fork();
		if (pid == 0) {
			child_start(sh, j->pgid, j->background);
			if (in >= 0)
				dup2(in, 0);
			if (pfd[1] >= 0)
				dup2(pfd[1], 1);
			exec_cmd(sh, &pl->cmds[i], pre);
		}
		if (pid < 0) {
			warn("fork");
			if (pfd[0] >= 0) {
				close(pfd[0]);
				close(pfd[1]);
			}
			break;
		}
		if (!j->pgid)
			j->pgid = pid;
		if (sh->jobctl)
			setpgid(pid, j->pgid);
		sh_add_proc(j, pid);
		if (in >= 0)
			close(in);
		if (pfd[1] >= 0)
			close(pfd[1]);
		in = pfd[0];
	}
	if (in >= 0)
		close(in);
}

/* A background job has started: $! and %+ are its, and an interactive
 * shell says "[N] PID". */
static void started_in_background(struct sh *sh, const struct sh_job *j)
{
	sh->last_bg = j->procs[j->nprocs - 1].pid;
	sh->current_job = j->id;
	if (sh->interactive)
		fprintf(stderr, "[%d] %ld\n", j->id, (long)sh->last_bg);
}

static int run_pipeline(struct sh *sh, const struct sh_pipeline *pl, bool bg, const char *text)
{
	struct sh_strv argv = {0};
	bool have_argv = false;
	if (pl->ncmds == 1 && !bg) {
		int status;
		if (run_here(sh, &pl->cmds[0], &argv, &status)) {
			sh_strv_free(&argv);
			return status;
		}
		have_argv = true;
	}
	struct sh_job *j = sh_new_job(sh, text, bg);
	start_pipeline(sh, pl, j, have_argv ? &argv : NULL);
	sh_strv_free(&argv);
	if (j->nprocs == 0) {
		sh_remove_job(sh, j);
		return 1;
	}
	if (bg) {
		started_in_background(sh, j);
		return 0;
	}
	if (sh->jobctl)
		tcsetpgrp(sh->ttyfd, j->pgid);
	return sh_wait_job(sh, j);
}

static int run_andor(struct sh *sh, const struct sh_andor *a)
{
	int st = 0;
	for (size_t k = 0; k < a->npipes; k++) {
		const struct sh_pipeline *pl = &a->pipes[k];
		if ((pl->connector == SH_AND && st != 0) || (pl->connector == SH_OR && st == 0))
			continue;
		st = run_pipeline(sh, pl, false, a->text);
		if (pl->negate)
			st = !st;
		sh->status = st;
		if (sh->exiting)
			break;
	}
	return st;
}

/* cmd & : a single pipeline is the job itself; a longer and-or list runs
 * in a child shell that is the job. */
static void run_background(struct sh *sh, const struct sh_andor *a)
{
	if (a->npipes == 1 && !a->pipes[0].negate) {
		run_pipeline(sh, &a->pipes[0], true, a->text);
		return;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		child_start(sh, 0, true);
		_exit(run_andor(sh, a));
	}
	if (pid < 0) {
		warn("fork");
		return;
	}
	if (sh->jobctl)
		setpgid(pid, pid);
	struct sh_job *j = sh_new_job(sh, a->text, true);
	sh_add_proc(j, pid);
	j->pgid = pid;
	started_in_background(sh, j);
}

int sh_run_list(struct sh *sh, struct sh_list *l)
{
	for (size_t i = 0; i < l->n && !sh->exiting; i++) {
		if (l->items[i].background) {
			run_background(sh, &l->items[i]);
			sh->status = 0;
		} else {
			sh->status = run_andor(sh, &l->items[i]);
		}
	}
	return sh->status;
}
