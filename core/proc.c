/* Starting processes, wait statuses and signal names (see proc.h). */
#include "osbox/proc.h"
#include "osbox/exitstatus.h"
#include "osbox/json.h"
#include "osbox/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

bool proc_sigpipe_ignored;

void proc_sigpipe_restore(void)
{
	if (proc_sigpipe_ignored)
		signal(SIGPIPE, SIG_IGN);
}

const char *proc_signame(int sig, char buf[16])
{
	const char *n = sigabbrev_np(sig);
	if (n)
		return n;
	if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
		/* glibc names none of the real-time signals; GNU kill, bash and
		 * gnulib's sig2str count from RTMIN up to the middle of the
		 * range and down from RTMAX past it. */
		int lo = (sig - SIGRTMIN) & 0xff, hi = (SIGRTMAX - sig) & 0xff;
		if (lo == 0)
			snprintf(buf, 16, "RTMIN");
		else if (hi == 0)
			snprintf(buf, 16, "RTMAX");
		else if (lo <= (SIGRTMAX - SIGRTMIN) / 2)
			snprintf(buf, 16, "RTMIN+%d", lo);
		else
			snprintf(buf, 16, "RTMAX-%d", hi);
		return buf;
	}
	snprintf(buf, 16, "%d", sig);
	return buf;
}

/* "+N" or "-N" after RTMIN/RTMAX: N, or -1. */
static int rt_offset(const char *s, int sign)
{
	if (*s == 0)
		return 0;
	if ((sign > 0 && *s != '+') || (sign < 0 && *s != '-'))
		return -1;
	s++;
	char *end;
	if (*s < '0' || *s > '9')
		return -1;
	long v = strtol(s, &end, 10);
	if (*end || v > SIGRTMAX - SIGRTMIN)
		return -1;
	return (int)v;
}

int proc_signum(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end != s && *end == 0)
		return v > 0 && v < NSIG ? (int)v : -1;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	if (strncasecmp(s, "RTMIN", 5) == 0) {
		int k = rt_offset(s + 5, 1);
		return k < 0 ? -1 : SIGRTMIN + k;
	}
	if (strncasecmp(s, "RTMAX", 5) == 0) {
		int k = rt_offset(s + 5, -1);
		return k < 0 ? -1 : SIGRTMAX - k;
	}
	static const struct {
		const char *name;
		int sig;
	} aliases[] = {{"IOT", SIGABRT}, {"CLD", SIGCHLD}, {"IO", SIGIO}};
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcasecmp(aliases[i].name, s) == 0)
			return aliases[i].sig;
	for (int i = 1; i < SIGRTMIN; i++) {
		const char *n = sigabbrev_np(i);
		if (n && strcasecmp(n, s) == 0)
			return i;
	}
	return -1;
}

const char *proc_describe_status(int status, char *buf, size_t size)
{
	char sb[16];
	if (WIFEXITED(status))
		snprintf(buf, size, "exit status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by signal %s%s", proc_signame(WTERMSIG(status), sb),
		         WCOREDUMP(status) ? " (core dumped)" : "");
	else if (WIFSTOPPED(status))
		snprintf(buf, size, "stopped by signal %s", proc_signame(WSTOPSIG(status), sb));
	else if (WIFCONTINUED(status))
		snprintf(buf, size, "continued");
	else
		snprintf(buf, size, "unknown status %#x", (unsigned)status);
	return buf;
}

void proc_json_status(struct json *j, const int *status)
{
	char sb[16], how[64];
	int st = status ? *status : 0;
	bool exited = status && WIFEXITED(st), signaled = status && WIFSIGNALED(st);
	json_key(j, "status");
	if (status)
		json_int(j, st);
	else
		json_null(j);
	json_key(j, "exit_status");
	if (exited)
		json_int(j, WEXITSTATUS(st));
	else
		json_null(j);
	json_key(j, "signal");
	if (signaled)
		json_cstr(j, proc_signame(WTERMSIG(st), sb));
	else
		json_null(j);
	json_key(j, "core_dumped");
	if (status)
		json_bool(j, signaled && WCOREDUMP(st));
	else
		json_null(j);
	json_kcstr(j, "how", status ? proc_describe_status(st, how, sizeof how) : NULL);
}

int proc_exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return EXIT_SIGNAL_BASE + WTERMSIG(status);
	return EXIT_FAIL;
}

int proc_exec_failure_status(int e)
{
	return e == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;
}

void proc_spawn_opts_init(struct proc_spawn_opts *o)
{
	memset(o, 0, sizeof *o);
	o->fd[0] = o->fd[1] = o->fd[2] = -1;
	o->search = true;
}

extern char **environ;

/* The shell that runs a file the kernel cannot execute (ENOEXEC), as
 * execvp(3) does: POSIX (XCU 2.9.1.1, and exec's rationale) has such a
 * file run as a shell script. */
#define SCRIPT_SHELL "/bin/sh"

/* Runs file, which the kernel refused with ENOEXEC, as execvp(3) and
 * os.spawnvp do: /bin/sh with the argument vector /bin/sh, file,
 * argv[1]... (argv[0] is dropped, $0 is the file). posix_spawn(3) no
 * longer does this since glibc 2.15, so it is done here. */
static int spawn_script(pid_t *pid, const char *file, char *const argv[],
                        const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *attr)
{
	size_t n = 0;
	while (argv[0] && argv[n + 1])
		n++;
	char **sh = xreallocarray(NULL, n + 3, sizeof *sh);
	sh[0] = SCRIPT_SHELL;
	sh[1] = (char *)file;
	for (size_t i = 0; i < n; i++)
		sh[2 + i] = argv[1 + i];
	sh[2 + n] = NULL;
	int e = posix_spawn(pid, SCRIPT_SHELL, fa, attr, sh, environ);
	free(sh);
	return e;
}

/* posix_spawnp found file in PATH but the kernel could not execute it:
 * the search again, as execvp(3) makes it (glibc's execvpe), to know which
 * path it was and run that through the shell. Each entry is tried in turn;
 * EACCES is remembered and the search goes on; ENOENT, ESTALE, ENOTDIR,
 * ENODEV and ETIMEDOUT go on; any other error ends it. An empty entry is
 * the current directory. Paid only when a command turned out to be a
 * script without #!, never on the way to a binary. */
static int spawn_search_script(pid_t *pid, const char *file, char *const argv[],
                               const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *attr)
{
	const char *path = getenv("PATH");
	if (!path)
		path = "/bin:/usr/bin"; /* glibc's confstr(_CS_PATH), as execvp uses */
	size_t fl = strlen(file);
	bool eacces = false;
	for (const char *p = path;;) {
		const char *colon = strchrnul(p, ':');
		size_t dl = (size_t)(colon - p);
		char *full = xmalloc(dl + fl + 2);
		memcpy(full, p, dl);
		if (dl)
			full[dl++] = '/';
		memcpy(full + dl, file, fl + 1);
		int e = posix_spawn(pid, full, fa, attr, argv, environ);
		if (e == ENOEXEC)
			e = spawn_script(pid, full, argv, fa, attr);
		free(full);
		if (e == 0)
			return 0;
		if (e == EACCES)
			eacces = true;
		else if (e != ENOENT && e != ESTALE && e != ENOTDIR && e != ENODEV &&
		         e != ETIMEDOUT)
			return e;
		if (!*colon)
			return eacces ? EACCES : ENOENT;
		p = colon + 1;
	}
}

/* The signals a child gets back to default. */
static void default_set(sigset_t *set, const struct proc_spawn_opts *o)
{
	sigemptyset(set);
	sigaddset(set, SIGPIPE);
	if (o->reset_int || o->reset_term) {
		sigaddset(set, SIGINT);
		sigaddset(set, SIGQUIT);
	}
	if (o->reset_term) {
		sigaddset(set, SIGTERM);
		sigaddset(set, SIGHUP);
	}
}

/* The attributes of every child: an empty signal mask, SIGPIPE (and
 * maybe more) at the default action, maybe a process group of its own. */
static int spawn_attrs(posix_spawnattr_t *attr, const struct proc_spawn_opts *o)
{
	int e;
	if ((e = posix_spawnattr_init(attr)) != 0)
		return e;
	short flags = POSIX_SPAWN_SETSIGMASK;
	sigset_t set;
	sigemptyset(&set);
	posix_spawnattr_setsigmask(attr, &set);
	/* Handled signals are reset by exec; ignored ones stay ignored, so
	 * the ones we may ignore on our own account go back to default. */
	default_set(&set, o);
	flags |= POSIX_SPAWN_SETSIGDEF;
	posix_spawnattr_setsigdefault(attr, &set);
	if (o->new_pgroup) {
		flags |= POSIX_SPAWN_SETPGROUP;
		posix_spawnattr_setpgroup(attr, 0);
	}
	posix_spawnattr_setflags(attr, flags);
	return 0;
}

void proc_spawn_plan(struct proc_spawn_opts *o)
{
	sigset_t dfl;
	default_set(&dfl, o);
	sigemptyset(&o->reset);
	o->handlers = false;
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction sa;
		if (sigaction(sig, NULL, &sa) != 0 || sa.sa_handler == SIG_DFL)
			continue; /* (glibc's own signals: EINVAL) */
		if (sa.sa_handler != SIG_IGN) {
			/* a handler must not run in the child, which shares
			 * our memory until it execs */
			o->handlers = true;
			sigaddset(&o->reset, sig);
		} else if (sigismember(&dfl, sig)) {
			sigaddset(&o->reset, sig);
		}
	}
	o->planned = true;
}

struct child {
	const char *path;
	char *const *argv;
	const struct proc_spawn_opts *o;
	int err; /* written by the child, which shares our memory */
};

/* The child of spawn_planned, on its own stack in our memory: only system
 * calls until it execs or exits. */
__attribute__((no_sanitize("address"))) static int child_main(void *arg)
{
	struct child *c = arg;
	const struct proc_spawn_opts *o = c->o;
	struct sigaction dfl = {.sa_handler = SIG_DFL};
	for (int sig = 1; sig < NSIG; sig++)
		if (sigismember(&o->reset, sig))
			sigaction(sig, &dfl, NULL);
	if (o->new_pgroup && setpgid(0, 0) != 0)
		goto fail;
	for (int i = 0; i < 3; i++) {
		if (o->fd[i] < 0)
			continue;
		/* dup2 onto itself would keep FD_CLOEXEC */
		if (o->fd[i] == i ? fcntl(i, F_SETFD, 0) != 0 : dup2(o->fd[i], i) < 0)
			goto fail;
	}
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execve(c->path, c->argv, environ);
fail:
	c->err = errno;
	_exit(127);
}

#define CHILD_STACK (64 * 1024)

static int spawn_planned(pid_t *pid, const char *path, char *const argv[],
                         const struct proc_spawn_opts *o)
{
	/* one stack per thread, reused: we are stopped while a child runs
	 * on it (CLONE_VFORK) */
	static _Thread_local char *stack;
	if (!stack) {
		void *m = mmap(NULL, CHILD_STACK, PROT_READ | PROT_WRITE,
		               MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
		if (m == MAP_FAILED)
			return errno;
		stack = m;
	}
	struct child c = {.path = path, .argv = argv, .o = o};
	sigset_t all, old;
	if (o->handlers) {
		sigfillset(&all);
		pthread_sigmask(SIG_SETMASK, &all, &old);
	}
	pid_t p = clone(child_main, stack + CHILD_STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, &c);
	int e = p < 0 ? errno : 0;
	if (o->handlers)
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (p > 0 && c.err) {
		e = c.err;
		while (waitpid(p, NULL, 0) < 0 && errno == EINTR)
			;
	} else if (p > 0) {
		*pid = p;
	}
	return e;
}

int proc_spawn(pid_t *pid, const char *path, char *const argv[], const struct proc_spawn_opts *o)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	bool have_fa = false;
	int e;
	if (o->planned && path) {
		e = spawn_planned(pid, path, argv, o);
		if (e != ENOEXEC)
			return e;
		/* a script without #!: posix_spawn again, then the shell */
	}
	if ((e = spawn_attrs(&attr, o)) != 0)
		return e;
	for (int i = 0; i < 3; i++) {
		if (o->fd[i] < 0)
			continue;
		if (!have_fa) {
			if ((e = posix_spawn_file_actions_init(&fa)) != 0)
				goto out;
			have_fa = true;
		}
		/* dup2 onto itself would keep FD_CLOEXEC: glibc clears the
		 * flag in that case, as POSIX 2024 asks. */
		if ((e = posix_spawn_file_actions_adddup2(&fa, o->fd[i], i)) != 0)
			goto out;
	}
	const char *file = path ? path : argv[0];
	/* A name with a slash is not looked up, by posix_spawnp either. */
	bool search = o->search && !path && !strchr(file, '/');
	const posix_spawn_file_actions_t *fap = have_fa ? &fa : NULL;
	if (search)
		e = posix_spawnp(pid, file, fap, &attr, argv, environ);
	else
		e = posix_spawn(pid, file, fap, &attr, argv, environ);
	if (e == ENOEXEC)
		e = search ? spawn_search_script(pid, file, argv, fap, &attr)
		           : spawn_script(pid, file, argv, fap, &attr);
out:
	if (have_fa)
		posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	return e;
}

int proc_ncpus(void)
{
	cpu_set_t set;
	int n = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 0;
	return n > 0 ? n : 1;
}
