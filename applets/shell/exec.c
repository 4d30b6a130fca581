/* Running the tree (see sh.h), POSIX XCU 2.9: simple commands (builtins
 * in the shell's process, functions, then applets and programs in a
 * child), pipelines, lists, compound commands and redirections. Every
 * command but a builtin or a function runs in a child process, applets
 * included, so nothing they do can break the shell. With job control (an
 * interactive shell) each job is a process group of its own; jobs.c
 * keeps the table and hands the terminal over. */
#include "sh.h"
#include "osbox/buf.h"
#include "osbox/exitstatus.h"
#include "osbox/out.h"
#include "osbox/proc.h"
#include "osbox/registry.h"
#include "osbox/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

_Noreturn void sh_exit(struct sh *sh, int status)
{
	sh_exit_trap(sh);
	if (sh->exiting)
		status = sh->exit_status;
	fflush(NULL);
	if (sh->subshell) {
		out_flush();
		_exit(status);
	}
	exit(status);
}

void sh_fatal(struct sh *sh, int status)
{
	sh->status = status;
	if (!sh->interactive || sh->subshell)
		sh_exit(sh, status);
}

/* ---- redirections ---- */

struct saved {
	int fd, copy;
};

struct saved_fds {
	struct saved *v;
	size_t n;
};

static void save_fd(struct saved_fds *sv, int fd)
{
	if (!sv)
		return;
	for (size_t i = 0; i < sv->n; i++)
		if (sv->v[i].fd == fd)
			return;
	sv->v = xreallocarray(sv->v, sv->n + 1, sizeof *sv->v);
	int copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	sv->v[sv->n++] = (struct saved){fd, copy};
}

static void restore_fds(struct saved_fds *sv)
{
	while (sv->n > 0) {
		struct saved *s = &sv->v[--sv->n];
		if (s->copy >= 0) {
			dup2(s->copy, s->fd);
			close(s->copy);
		} else {
			close(s->fd);
		}
	}
	free(sv->v);
	sv->v = NULL;
}

static const char *open_error(int e, bool create)
{
	if (e == ENOENT)
		return create ? "Directory nonexistent" : "No such file";
	return strerror(e);
}

/* A here-document's text, readable at a new descriptor. */
static int heredoc_fd(const char *text)
{
	size_t n = strlen(text);
	int p[2];
	if (n < 65536 && pipe2(p, O_CLOEXEC) == 0) {
		if (n)
			(void)!write(p[1], text, n);
		close(p[1]);
		return p[0];
	}
	int fd = memfd_create("heredoc", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	for (size_t k = 0; k < n;) {
		ssize_t w = write(fd, text + k, n - k);
		if (w <= 0)
			break;
		k += (size_t)w;
	}
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static int open_target(struct sh *sh, const struct sh_redir *r, const char *w)
{
	int fd;
	switch (r->op) {
	case SH_R_IN:
		fd = open(w, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		break;
	case SH_R_RDWR:
		fd = open(w, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0666);
		break;
	case SH_R_APPEND:
		fd = open(w, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0666);
		break;
	default:
		if (sh->opts[SH_O_NOCLOBBER] && r->op == SH_R_OUT) {
			fd = open(w, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0666);
			struct stat st;
			if (fd < 0 && errno == EEXIST && stat(w, &st) == 0 && !S_ISREG(st.st_mode))
				fd = open(w, O_WRONLY | O_CLOEXEC | O_NOCTTY);
			else if (fd < 0 && errno == EEXIST)
				errno = EEXIST;
		} else {
			fd = open(w, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0666);
		}
	}
	if (fd < 0) {
		int e = errno;
		sh_error(sh, "cannot %s %s: %s", r->op == SH_R_IN ? "open" : "create", w,
		         open_error(e, r->op != SH_R_IN));
	}
	return fd;
}

/* Applies the redirections in order; sv (in the shell's own process)
 * records what to put back. Returns -1 after a message. */
static int redirect(struct sh *sh, const struct sh_redir *rs, size_t n, struct saved_fds *sv)
{
	for (size_t i = 0; i < n; i++) {
		const struct sh_redir *r = &rs[i];
		int fd;
		if (r->op == SH_R_HEREDOC) {
			char *text = r->quoted ? xstrdup(r->body ? r->body : "")
			                       : sh_expand_heredoc(sh, r->body ? r->body : "");
			if (!text)
				return -1;
			fd = heredoc_fd(text);
			free(text);
		} else {
			char *w = sh_expand_one(sh, r->word, 0);
			if (!w)
				return -1;
			if (r->op == SH_R_DUPIN || r->op == SH_R_DUPOUT) {
				save_fd(sv, r->fd);
				if (strcmp(w, "-") == 0) {
					close(r->fd);
					free(w);
					continue;
				}
				char *end;
				long from = strtol(w, &end, 10);
				if (!w[0] || *end || from < 0 || from > 9999 ||
				    fcntl((int)from, F_GETFD) < 0) {
					sh_error(sh, "%s: Bad file descriptor", w);
					free(w);
					return -1;
				}
				if (from != r->fd && dup2((int)from, r->fd) < 0) {
					sh_error(sh, "%d: %s", r->fd, strerror(errno));
					free(w);
					return -1;
				}
				free(w);
				continue;
			}
			fd = open_target(sh, r, w);
			free(w);
		}
		if (fd < 0)
			return -1;
		save_fd(sv, r->fd);
		if (fd != r->fd) {
			if (dup2(fd, r->fd) < 0) {
				sh_error(sh, "%d: %s", r->fd, strerror(errno));
				close(fd);
				return -1;
			}
			close(fd);
		} else {
			fcntl(fd, F_SETFD, 0);
		}
	}
	return 0;
}

/* ---- children ---- */

void sh_child_start(struct sh *sh, pid_t pgid, bool bg)
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
	sh->subshell = true;
	for (size_t i = 0; i < sh->njobs; i++) {
		free(sh->jobs[i]->procs);
		free(sh->jobs[i]->text);
		free(sh->jobs[i]);
	}
	sh->njobs = 0; /* a subshell has no jobs of its own */
	sh->current_job = 0;
	sh_traps_subshell(sh);
}

static pid_t fork_child(struct sh *sh)
{
	fflush(NULL);
	out_flush();
	pid_t pid = fork();
	if (pid < 0)
		sh_error(sh, "Cannot fork");
	return pid;
}

char *sh_command_subst(struct sh *sh, const char *text, size_t n, int *status)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0) {
		sh_error(sh, "Pipe call failed");
		*status = 2;
		return xstrdup("");
	}
	pid_t pid = fork_child(sh);
	if (pid == 0) {
		close(p[0]);
		sh_child_start(sh, sh->jobctl ? sh->pgid : 0, true);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		if (p[1] != 1) {
			dup2(p[1], 1);
			close(p[1]);
		}
		char *t = xstrndup(text, n);
		int st = sh_run_string(sh, t, NULL);
		free(t);
		sh_exit(sh, st);
	}
	close(p[1]);
	struct buf b = {0};
	char chunk[4096];
	for (;;) {
		ssize_t r = read(p[0], chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		buf_write(&b, chunk, (size_t)r);
	}
	close(p[0]);
	int ws = 0;
	while (pid > 0 && waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	*status = pid > 0 ? proc_exit_code(ws) : 2;
	sh->subst_status = *status;
	while (b.len > 0 && b.p[b.len - 1] == '\n')
		b.len--;
	char *r = xstrndup(b.p ? b.p : "", b.len);
	buf_free(&b);
	return r;
}

/* ---- simple commands ---- */

struct sh_func *sh_func_find(struct sh *sh, const char *name)
{
	for (struct sh_func *f = sh->funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static void define_func(struct sh *sh, struct sh_node *n)
{
	struct sh_func *f = sh_func_find(sh, n->name);
	if (!f) {
		f = xcalloc(1, sizeof *f);
		f->name = xstrdup(n->name);
		f->next = sh->funcs;
		sh->funcs = f;
	} else {
		sh_arena_unref(f->arena);
	}
	f->body = n->a;
	f->arena = sh_arena_ref(n->arena);
}

char *sh_path_search(struct sh *sh, const char *name, const char *path)
{
	if (!path)
		path = sh_getvar(sh, "PATH");
	if (!path)
		return NULL; /* PATH unset: nothing is found, as in dash */
	size_t nl = strlen(name);
	for (const char *p = path;;) {
		const char *e = strchr(p, ':');
		size_t dl = e ? (size_t)(e - p) : strlen(p);
		char *full = dl ? xasprintf("%.*s/%s", (int)dl, p, name) : xstrndup(name, nl);
		struct stat st;
		if (access(full, X_OK) == 0 && stat(full, &st) == 0 && S_ISREG(st.st_mode))
			return full;
		free(full);
		if (!e)
			return NULL;
		p = e + 1;
	}
}
/* A file that execve refused as no executable (ENOEXEC: no #!) is a
 * shell script (XCU 2.9.1.1): this shell runs it, as `sh PATH ARG...`.
 * Returns only if that exec failed. */
static void exec_script(const char *path, char **argv, char **env)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	char **nv = xcalloc((size_t)argc + 2, sizeof *nv);
	nv[0] = (char *)"sh";
	nv[1] = (char *)path;
	memcpy(nv + 2, argv + 1, (size_t)argc * sizeof *nv);
	execve("/proc/self/exe", nv, env);
	free(nv);
}

/* Runs argv (a program or an applet) in this process, which is a child,
 * and never returns. */
static _Noreturn void exec_program(struct sh *sh, char **argv)
{
	char **env = sh_environ(sh);
	const struct applet *a = strchr(argv[0], '/') ? NULL : applet_find(argv[0]);
	if (a) {
		environ = env;
		setlocale(LC_ALL, "C"); /* as if started afresh */
		out_discard();
		int argc = 0;
		while (argv[argc])
			argc++;
		exit(applet_run(a, argc, argv));
	}
	int e = ENOENT;
	if (strchr(argv[0], '/')) {
		execve(argv[0], argv, env);
		e = errno;
		if (e == ENOEXEC)
			exec_script(argv[0], argv, env);
	} else {
		char *full = sh_path_search(sh, argv[0], NULL);
		if (full) {
			execve(full, argv, env);
			e = errno;
			if (e == ENOEXEC)
				exec_script(full, argv, env);
		}
	}
	const char *pre = sh->exec_prefix ? sh->exec_prefix : "";
	if (e == ENOENT && !strchr(argv[0], '/'))
		sh_error(sh, "%s%s: not found", pre, argv[0]);
	else
		sh_error(sh, "%s%s: %s", pre, argv[0], e == ENOENT ? "not found" : strerror(e));
	fflush(NULL);
	_exit(e == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE);
}

_Noreturn void sh_exec_program(struct sh *sh, char **argv)
{
	fflush(NULL);
	out_flush();
	if (sh->interactive)
		sh_job_signals(SIG_DFL);
	exec_program(sh, argv);
}

/* After fork_child for the foreground job j: its process (pid) leads
 * the job's process group and, with job control, gets the terminal; then
 * the job is waited for. A fork that failed (pid < 0) ends with 2. */
static int wait_forked(struct sh *sh, struct sh_job *j, pid_t pid)
{
	if (pid < 0) {
		sh_remove_job(sh, j);
		return 2;
	}
	j->pgid = pid;
	if (sh->jobctl) {
		setpgid(pid, pid);
		tcsetpgrp(sh->ttyfd, pid);
	}
	sh_add_proc(j, pid);
	return sh_wait_job(sh, j);
}

int sh_run_program(struct sh *sh, char **argv, const char *path)
{
	struct sh_job *j = sh_new_job(sh, argv[0], false);
	pid_t pid = fork_child(sh);
	if (pid == 0) {
		sh_child_start(sh, 0, false);
		if (path)
			sh_setvar(sh, "PATH", path);
		exec_program(sh, argv);
	}
	return wait_forked(sh, j, pid);
}

static void xtrace(struct sh *sh, char **assigns, size_t na, struct sh_strv *argv)
{
	const char *ps4 = sh_getvar(sh, "PS4");
	char *p = sh_expand_prompt(sh, ps4 ? ps4 : "+ ");
	struct buf b = {0};
	buf_puts(&b, p);
	free(p);
	/* the words as they are, as dash prints them */
	for (size_t i = 0; i < na; i++) {
		if (i)
			buf_putc(&b, ' ');
		buf_puts(&b, assigns[i]);
	}
	for (size_t i = 0; i < argv->n; i++) {
		if (i || na)
			buf_putc(&b, ' ');
		buf_puts(&b, argv->v[i]);
	}
	buf_putc(&b, '\n');
	(void)!write(2, b.p, b.len);
	buf_free(&b);
}

/* The assignments of a command: into the shell (persist, and export when
 * exported) or, with save, for the command's time only. Returns -1 after
 * an error. */
static int assign(struct sh *sh, struct sh_node *n, struct sh_local **save, unsigned flags)
{
	for (size_t i = 0; i < n->nassigns; i++) {
		size_t nl;
		const char *a = n->assigns[i];
		sh_is_assignment(a, &nl);
		char name[256];
		size_t cn = nl > 255 ? 255 : nl;
		memcpy(name, a, cn);
		name[cn] = 0;
		char *value = sh_expand_one(sh, a + nl + 1, SH_EXP_ASSIGN);
		if (!value)
			return -1;
		if (save) {
			struct sh_var *v = sh_lookup(sh, name);
			struct sh_local *l = xcalloc(1, sizeof *l);
			l->name = xstrdup(name);
			l->existed = v != NULL;
			l->value = v && v->value ? xstrdup(v->value) : NULL;
			l->flags = v ? v->flags : 0;
			l->next = *save;
			*save = l;
		}
		int r = sh_setvar_flags(sh, name, value, flags);
		free(value);
		if (r < 0)
			return -1;
	}
	return 0;
}

static void unassign(struct sh *sh, struct sh_local *save)
{
	while (save) {
		struct sh_local *l = save;
		save = l->next;
		struct sh_var *v = sh_lookup(sh, l->name);
		if (v) {
			free(v->value);
			v->value = l->value;
			v->flags = l->existed ? l->flags : 0;
			sh->env_dirty = true;
		} else {
			free(l->value);
		}
		free(l->name);
		free(l);
	}
}

static int call_function(struct sh *sh, struct sh_func *f, struct sh_strv *argv)
{
	if (sh->funcdepth >= 1000) {
		/* dash's limit, before the C stack runs out */
		sh_error(sh, "Maximum function recursion depth (1000) reached");
		sh_fatal(sh, 2);
		sh->returning = true;
		return 2;
	}
	struct sh_strv saved = sh->params;
	struct sh_strv np = {0};
	sh_strv_push(&np, xstrdup(saved.n ? saved.v[0] : "sh"));
	for (size_t i = 1; i < argv->n; i++)
		sh_strv_push(&np, xstrdup(argv->v[i]));
	sh->params = np;
	struct sh_local *marker = xcalloc(1, sizeof *marker);
	marker->next = sh->locals;
	sh->locals = marker;
	struct sh_arena *a = sh_arena_ref(f->arena);
	int loops = sh->loopdepth;
	sh->loopdepth = 0;
	sh->funcdepth++;
	int st = sh_run(sh, f->body, 0);
	sh->funcdepth--;
	sh->loopdepth = loops;
	if (sh->returning) {
		sh->returning = false;
		st = sh->status;
	}
	sh_arena_unref(a);
	sh_locals_restore(sh, marker);
	sh_strv_free(&sh->params);
	sh->params = saved;
	return st;
}

/* An external command (or applet): in a child, waited for as a job. */
static int run_external(struct sh *sh, struct sh_node *n, struct sh_strv *argv, unsigned flags)
{
	if ((flags & SH_EV_EXIT) && !sh->traps[0]) {
		if (redirect(sh, n->redirs, n->nredirs, NULL) < 0 ||
		    assign(sh, n, NULL, SH_V_EXPORT) < 0)
			sh_exit(sh, 1);
		exec_program(sh, argv->v);
	}
	struct sh_job *j = sh_new_job(sh, n->text, false);
	pid_t pid = fork_child(sh);
	if (pid == 0) {
		sh_child_start(sh, 0, false);
		if (redirect(sh, n->redirs, n->nredirs, NULL) < 0 ||
		    assign(sh, n, NULL, SH_V_EXPORT) < 0)
			_exit(2);
		exec_program(sh, argv->v);
	}
	return wait_forked(sh, j, pid);
}

/* A builtin or function in the shell's process, its redirections for its
 * time only; the assignments before a special builtin stay (XCU 2.14). */
static int run_here(struct sh *sh, struct sh_node *n, struct sh_strv *argv,
                    const struct sh_builtin *b, struct sh_func *f)
{
	struct saved_fds sv = {0};
	struct sh_local *save = NULL;
	int st;
	if (n->nredirs)
		fflush(stdout);
	if (redirect(sh, n->redirs, n->nredirs, &sv) < 0) {
		restore_fds(&sv);
		if (b && b->special)
			sh_fatal(sh, 2);
		return 2;
	}
	bool special = b && b->special;
	if (assign(sh, n, special ? NULL : &save, special ? 0 : SH_V_EXPORT) < 0) {
		unassign(sh, save);
		restore_fds(&sv);
		sh_fatal(sh, 2);
		return 2;
	}
	if (f) {
		st = call_function(sh, f, argv);
	} else {
		st = b->fn(sh, (int)argv->n, argv->v);
		if (n->nredirs)
			fflush(stdout);
	}
	unassign(sh, save);
	if (b && b->name[0] == 'e' && strcmp(b->name, "exec") == 0 && argv->n == 1) {
		/* exec without a command: its redirections stay */
		for (size_t i = 0; i < sv.n; i++)
			if (sv.v[i].copy >= 0)
				close(sv.v[i].copy);
		free(sv.v);
	} else {
		restore_fds(&sv);
	}
	return st;
}

static int run_simple(struct sh *sh, struct sh_node *n, unsigned flags)
{
	struct sh_strv argv = {0};
	sh->lineno = n->line;
	sh->subst_status = 0;
	bool decl = false;
	for (size_t i = 0; i < n->nwords; i++) {
		/* export, readonly, local: NAME=VALUE operands are assignments,
		 * not split nor globbed (as dash, and POSIX 2024) */
		unsigned fl = decl && sh_is_assignment(n->words[i], NULL)
		                  ? SH_EXP_NOSPLIT | SH_EXP_NOGLOB | SH_EXP_ASSIGN
		                  : 0;
		if (sh_expand(sh, n->words[i], fl, &argv) < 0) {
			sh_strv_free(&argv);
			sh_fatal(sh, 2);
			return 2;
		}
		if (i == 0 && argv.n == 1)
			decl = strcmp(argv.v[0], "export") == 0 ||
			       strcmp(argv.v[0], "readonly") == 0 ||
			       strcmp(argv.v[0], "local") == 0;
	}
	if (sh->opts[SH_O_XTRACE])
		xtrace(sh, n->assigns, n->nassigns, &argv);
	int st;
	if (argv.n == 0) {
		struct saved_fds sv = {0};
		int r = redirect(sh, n->redirs, n->nredirs, &sv);
		restore_fds(&sv);
		if (r < 0) {
			st = 2;
		} else if (assign(sh, n, NULL, 0) < 0) {
			sh_fatal(sh, 2);
			st = 2;
		} else {
			st = sh->subst_status;
		}
		sh_strv_free(&argv);
		return st;
	}
	const struct sh_builtin *b = sh_builtin_lookup(argv.v[0]);
	struct sh_func *f = NULL;
	if (b && b->special) {
		st = run_here(sh, n, &argv, b, NULL);
	} else if ((f = sh_func_find(sh, argv.v[0]))) {
		st = run_here(sh, n, &argv, NULL, f);
	} else if (b) {
		st = run_here(sh, n, &argv, b, NULL);
	} else {
		st = run_external(sh, n, &argv, flags);
	}
	sh_strv_free(&argv);
	return st;
}

/* ---- pipelines and lists ---- */

static int run_pipeline(struct sh *sh, struct sh_node *n, bool bg, const char *text)
{
	struct sh_job *j = sh_new_job(sh, text ? text : n->text, bg);
	int in = -1;
	for (size_t i = 0; i < n->nkids; i++) {
		int pfd[2] = {-1, -1};
		if (i + 1 < n->nkids && pipe2(pfd, O_CLOEXEC) < 0) {
			sh_error(sh, "Pipe call failed");
			break;
		}
		pid_t pid = fork_child(sh);
		if (pid == 0) {
			sh_child_start(sh, j->pgid, bg);
			/* only its own ends: applets run here, without an exec
			 * to close the others */
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (pfd[1] >= 0) {
				dup2(pfd[1], 1);
				close(pfd[1]);
				close(pfd[0]);
			}
			sh_exit(sh, sh_run(sh, n->kids[i], SH_EV_EXIT));
		}
		if (pid < 0) {
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
	if (j->nprocs == 0) {
		sh_remove_job(sh, j);
		return 2;
	}
	if (bg) {
		sh->last_bg = j->procs[j->nprocs - 1].pid;
		sh->current_job = j->id;
		if (sh->interactive)
			fprintf(stderr, "[%d] %ld\n", j->id, (long)sh->last_bg);
		return 0;
	}
	if (sh->jobctl)
		tcsetpgrp(sh->ttyfd, j->pgid);
	return sh_wait_job(sh, j);
}

/* cmd & : a child shell that is the job. */
static int run_background(struct sh *sh, struct sh_node *n)
{
	struct sh_node *a = n->a;
	if (a->type == SH_N_PIPE && !a->negate)
		return run_pipeline(sh, a, true, n->text);
	struct sh_job *j = sh_new_job(sh, n->text, true);
	pid_t pid = fork_child(sh);
	if (pid == 0) {
		sh_child_start(sh, 0, true);
		sh_exit(sh, sh_run(sh, a, SH_EV_EXIT));
	}
	if (pid < 0) {
		sh_remove_job(sh, j);
		return 2;
	}
	if (sh->jobctl)
		setpgid(pid, pid);
	sh_add_proc(j, pid);
	j->pgid = pid;
	sh->last_bg = pid;
	sh->current_job = j->id;
	if (sh->interactive)
		fprintf(stderr, "[%d] %ld\n", j->id, (long)pid);
	return 0;
}

static int run_subshell(struct sh *sh, struct sh_node *n, unsigned flags)
{
	if (flags & SH_EV_EXIT) {
		if (redirect(sh, n->redirs, n->nredirs, NULL) < 0)
			sh_exit(sh, 2);
		sh_exit(sh, sh_run(sh, n->a, SH_EV_EXIT));
	}
	struct sh_job *j = sh_new_job(sh, "(...)", false);
	pid_t pid = fork_child(sh);
	if (pid == 0) {
		sh_child_start(sh, 0, false);
		if (redirect(sh, n->redirs, n->nredirs, NULL) < 0)
			sh_exit(sh, 2);
		sh_exit(sh, sh_run(sh, n->a, SH_EV_EXIT));
	}
	return wait_forked(sh, j, pid);
}

static bool unwinding(struct sh *sh)
{
	return sh->breaks || sh->returning || sh->exiting || sh->intr;
}

/* After a loop's body: whether to go on (break and continue, with their
 * levels). */
static bool loop_next(struct sh *sh)
{
	if (!sh->breaks)
		return !sh->returning && !sh->exiting && !sh->intr;
	if (sh->breaks == 1 && sh->continues) {
		sh->breaks = 0;
		sh->continues = false;
		return true;
	}
	if (--sh->breaks == 0)
		sh->continues = false;
	return false;
}

static int run_loop(struct sh *sh, struct sh_node *n)
{
	int st = 0;
	sh->loopdepth++;
	for (;;) {
		sh->errexit_off++;
		int c = sh_run(sh, n->a, 0);
		sh->errexit_off--;
		if (unwinding(sh)) {
			if (!loop_next(sh))
				break;
			continue;
		}
		if ((c == 0) != (n->type == SH_N_WHILE))
			break;
		st = sh_run(sh, n->b, 0);
		if (!loop_next(sh))
			break;
	}
	sh->loopdepth--;
	return st;
}

static int run_for(struct sh *sh, struct sh_node *n)
{
	struct sh_strv items = {0};
	sh->lineno = n->line;
	if (n->for_in) {
		for (size_t i = 0; i < n->nwords; i++) {
			if (sh_expand(sh, n->words[i], 0, &items) < 0) {
				sh_strv_free(&items);
				sh_fatal(sh, 2);
				return 2;
			}
		}
	} else {
		for (size_t i = 1; i < sh->params.n; i++)
			sh_strv_push(&items, xstrdup(sh->params.v[i]));
	}
	int st = 0;
	sh->loopdepth++;
	for (size_t i = 0; i < items.n; i++) {
		if (sh_setvar(sh, n->name, items.v[i]) < 0) {
			sh_fatal(sh, 2);
			st = 2;
			break;
		}
		st = sh_run(sh, n->b, 0);
		if (!loop_next(sh))
			break;
	}
	sh->loopdepth--;
	sh_strv_free(&items);
	return st;
}

static int run_case(struct sh *sh, struct sh_node *n)
{
	sh->lineno = n->line;
	char *w = sh_expand_one(sh, n->words[0], 0);
	if (!w) {
		sh_fatal(sh, 2);
		return 2;
	}
	int st = 0;
	for (size_t i = 0; i < n->nitems; i++) {
		struct sh_case_item *it = &n->items[i];
		for (size_t k = 0; k < it->npats; k++) {
			char *pat = sh_expand_one(sh, it->pats[k], SH_EXP_PATTERN);
			bool m = pat && sh_match(pat, w);
			free(pat);
			if (m) {
				for (;;) {
					st = it->body ? sh_run(sh, it->body, 0) : 0;
					if (!it->fallthrough || ++i == n->nitems || unwinding(sh))
						break;
					it = &n->items[i];
				}
				free(w);
				return st;
			}
		}
	}
	free(w);
	return st;
}

/* A compound command's redirections, for its time. */
static int run_compound(struct sh *sh, struct sh_node *n, unsigned flags)
{
	struct saved_fds sv = {0};
	if (n->nredirs && redirect(sh, n->redirs, n->nredirs, &sv) < 0) {
		restore_fds(&sv);
		return 2;
	}
	int st = 0;
	switch (n->type) {
	case SH_N_GROUP:
		st = sh_run(sh, n->a, flags & ~SH_EV_EXIT);
		break;
	case SH_N_IF:
		sh->errexit_off++;
		st = sh_run(sh, n->a, 0);
		sh->errexit_off--;
		if (unwinding(sh))
			break;
		if (st == 0)
			st = sh_run(sh, n->b, 0);
		else
			st = n->c ? sh_run(sh, n->c, 0) : 0;
		break;
	case SH_N_WHILE:
	case SH_N_UNTIL:
		st = run_loop(sh, n);
		break;
	case SH_N_FOR:
		st = run_for(sh, n);
		break;
	case SH_N_CASE:
		st = run_case(sh, n);
		break;
	default:
		break;
	}
	if (n->nredirs)
		restore_fds(&sv);
	return st;
}

static void errexit(struct sh *sh, int st)
{
	if (st && sh->opts[SH_O_ERREXIT] && sh->errexit_off == 0 && !sh->exiting)
		sh_exit(sh, st);
}

int sh_run(struct sh *sh, struct sh_node *n, unsigned flags)
{
	if (!n)
		return sh->status = 0;
	if (sh->intr)
		return sh->status = EXIT_SIGNAL_BASE + SIGINT;
	int st = 0;
	if (sh->any_pending)
		sh_run_traps(sh);
	switch (n->type) {
	case SH_N_CMD:
		st = run_simple(sh, n, flags);
		sh->status = st;
		errexit(sh, st);
		break;
	case SH_N_PIPE:
		if (n->nkids == 1) {
			sh->errexit_off += n->negate;
			st = sh_run(sh, n->kids[0], flags & ~SH_EV_EXIT);
			sh->errexit_off -= n->negate;
		} else {
			st = run_pipeline(sh, n, false, NULL);
		}
		if (n->negate)
			st = !st;
		sh->status = st;
		if (!n->negate)
			errexit(sh, st);
		break;
	case SH_N_AND:
	case SH_N_OR:
		sh->errexit_off++;
		st = sh_run(sh, n->a, 0);
		sh->errexit_off--;
		if (!unwinding(sh) && (st == 0) == (n->type == SH_N_AND))
			st = sh_run(sh, n->b, flags);
		break;
	case SH_N_LIST:
		for (size_t i = 0; i < n->nkids && !unwinding(sh); i++) {
			st = sh_run(sh, n->kids[i], i + 1 == n->nkids ? flags : 0);
			if (sh->any_pending)
				sh_run_traps(sh);
		}
		break;
	case SH_N_BG:
		st = run_background(sh, n);
		break;
	case SH_N_SUBSHELL:
		st = run_subshell(sh, n, flags);
		sh->status = st;
		errexit(sh, st);
		break;
	case SH_N_FUNC:
		define_func(sh, n);
		st = 0;
		break;
	default:
		st = run_compound(sh, n, flags);
		break;
	}
	sh->status = st;
	return st;
}

static const char *alias_lookup(void *ctx, const char *name)
{
	struct sh *sh = ctx;
	for (struct sh_alias *a = sh->aliases; a; a = a->next)
		if (strcmp(a->name, name) == 0)
			return a->value;
	return NULL;
}

int sh_run_string(struct sh *sh, const char *text, const char *what)
{
	struct sh_parser *p = sh_parser_new(text, NULL, NULL);
	if (sh->subst_line > 0) {
		sh_parser_set_line(p, sh->subst_line);
		sh->subst_line = 0;
	}
	if (sh->aliases)
		sh_parser_aliases(p, alias_lookup, sh);
	int st = 0;
	for (;;) {
		struct sh_node *n;
		struct sh_arena *a;
		enum sh_parse_result r = sh_parse_next(p, &n, &a);
		if (r == SH_PARSE_EOF)
			break;
		if (r != SH_PARSE_OK) {
			sh->lineno = sh_parser_line(p);
			sh_error(sh, "%s%s", what ? what : "", sh_parser_msg(p));
			st = 2;
			sh_fatal(sh, 2);
			break;
		}
		if (!sh->opts[SH_O_NOEXEC])
			st = sh_run(sh, n, 0);
		sh_arena_unref(a);
		if (unwinding(sh))
			break;
	}
	sh_parser_free(p);
	return st;
}
