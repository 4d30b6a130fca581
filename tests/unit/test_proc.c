/* Unit tests for core/proc.c: wait statuses as they read, signal names
 * both ways, the status of a command that cannot start, and proc_spawn. */
#include "osbox/proc.h"
#include "osbox/xalloc.h"

#include "unit.h"

#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

START_TEST(wait_status_decoding)
{
	char buf[64];
	ck_assert_str_eq(proc_describe_status(0, buf, sizeof buf), "exit status 0");
	ck_assert_str_eq(proc_describe_status(3 << 8, buf, sizeof buf), "exit status 3");
	ck_assert_str_eq(proc_describe_status(SIGKILL, buf, sizeof buf), "killed by signal KILL");
	ck_assert_str_eq(proc_describe_status(SIGSEGV | 0x80, buf, sizeof buf),
	                 "killed by signal SEGV (core dumped)");
	ck_assert_int_eq(proc_exit_code(SIGTERM), 128 + SIGTERM);
	ck_assert_int_eq(proc_exit_code(7 << 8), 7);
	ck_assert_int_eq(proc_signum("USR1"), SIGUSR1);
	ck_assert_int_eq(proc_signum("sigterm"), SIGTERM);
	ck_assert_int_eq(proc_signum("9"), 9);
	ck_assert_int_eq(proc_signum("NOPE"), -1);
	ck_assert_str_eq(proc_signame(SIGRTMIN + 1, buf), "RTMIN+1");
}
END_TEST

/* Stopped and continued statuses, as waitpid(2) with WUNTRACED and
 * WCONTINUED reports them (the W* macros of <sys/wait.h>). */
START_TEST(stopped_and_continued)
{
	char buf[64];
	ck_assert_str_eq(proc_describe_status((SIGTSTP << 8) | 0x7f, buf, sizeof buf),
	                 "stopped by signal TSTP");
	ck_assert_str_eq(proc_describe_status(0xffff, buf, sizeof buf), "continued");
	/* Not an exit: proc_exit_code says failure. */
	ck_assert_int_eq(proc_exit_code((SIGSTOP << 8) | 0x7f), 1);
	/* A short buffer is cut, never overrun. */
	char small[8];
	memset(small, 'x', sizeof small);
	proc_describe_status(SIGKILL, small, 5);
	ck_assert_str_eq(small, "kill");
	ck_assert_int_eq(small[5], 'x');
}
END_TEST

/* Real-time signals are named as GNU kill and bash name them: from RTMIN
 * up to the middle of the range, from RTMAX down past it; every name
 * reads back as its number. */
START_TEST(realtime_names_round_trip)
{
	char buf[16];
	ck_assert_str_eq(proc_signame(SIGRTMIN, buf), "RTMIN");
	ck_assert_str_eq(proc_signame(SIGRTMAX, buf), "RTMAX");
	ck_assert_str_eq(proc_signame(SIGRTMAX - 1, buf), "RTMAX-1");
	/* Where the two meet (bash: kill -l 49 50, with 34..64). */
	int half = (SIGRTMAX - SIGRTMIN) / 2;
	char want[32];
	snprintf(want, sizeof want, "RTMIN+%d", half);
	ck_assert_str_eq(proc_signame(SIGRTMIN + half, buf), want);
	snprintf(want, sizeof want, "RTMAX-%d", SIGRTMAX - SIGRTMIN - half - 1);
	ck_assert_str_eq(proc_signame(SIGRTMIN + half + 1, buf), want);
	for (int s = 1; s <= SIGRTMAX; s++) {
		const char *n = proc_signame(s, buf);
		if (s < SIGRTMIN && strspn(n, "0123456789") == strlen(n))
			continue; /* a number glibc leaves unnamed (32, 33) */
		ck_assert_msg(proc_signum(n) == s, "%d -> %s -> %d", s, n, proc_signum(n));
	}
	ck_assert_int_eq(proc_signum("SIGRTMIN+2"), SIGRTMIN + 2);
	ck_assert_int_eq(proc_signum("rtmax-3"), SIGRTMAX - 3);
	ck_assert_int_eq(proc_signum("RTMIN-1"), -1);
	ck_assert_int_eq(proc_signum("RTMAX+1"), -1);
	ck_assert_int_eq(proc_signum("RTMIN+"), -1);
	ck_assert_int_eq(proc_signum("RTMIN+99"), -1);
}
END_TEST

START_TEST(numbers_and_aliases)
{
	char buf[16];
	ck_assert_int_eq(proc_signum("0"), -1);
	ck_assert_int_eq(proc_signum("-9"), -1);
	ck_assert_int_eq(proc_signum("9x"), -1);
	ck_assert_int_eq(proc_signum("65"), -1);
	ck_assert_int_eq(proc_signum(""), -1);
	ck_assert_int_eq(proc_signum("SIG"), -1);
	ck_assert_int_eq(proc_signum("IOT"), SIGABRT);
	ck_assert_int_eq(proc_signum("cld"), SIGCHLD);
	ck_assert_int_eq(proc_signum("SIGIO"), SIGIO);
	ck_assert_int_eq(proc_signum("kill"), SIGKILL);
	ck_assert_str_eq(proc_signame(0, buf), "0");
	ck_assert_str_eq(proc_signame(200, buf), "200");
}
END_TEST

/* POSIX (Shell Command Language, 2.8.2): 127 when the command was not
 * found, 126 when it was found but could not run. */
START_TEST(exec_failure_status)
{
	ck_assert_int_eq(proc_exec_failure_status(ENOENT), 127);
	ck_assert_int_eq(proc_exec_failure_status(EACCES), 126);
	ck_assert_int_eq(proc_exec_failure_status(ENOEXEC), 126);
	ck_assert_int_eq(proc_exec_failure_status(ENOTDIR), 126);
}
END_TEST

/* What fd gives until EOF (at most n - 1 bytes), NUL-terminated; fd is closed. */
static void read_all(int fd, char *buf, size_t n)
{
	size_t k = 0;
	ssize_t r;
	while (k < n - 1 && (r = read(fd, buf + k, n - 1 - k)) > 0)
		k += (size_t)r;
	buf[k] = 0;
	close(fd);
}

static int wait_for(pid_t pid)
{
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	return st;
}

/* The blocked and ignored signal masks in a /proc/PID/status text. */
static void sig_masks(const char *status, unsigned long long *blk, unsigned long long *ign)
{
	const char *b = strstr(status, "SigBlk:"), *i = strstr(status, "SigIgn:");
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(i);
	*blk = strtoull(b + 7, NULL, 16);
	*ign = strtoull(i + 7, NULL, 16);
}

START_TEST(spawn_runs_and_reports)
{
	struct proc_spawn_opts o;
	proc_spawn_opts_init(&o);
	ck_assert_int_eq(o.fd[0], -1);
	ck_assert_int_eq(o.fd[1], -1);
	ck_assert_int_eq(o.fd[2], -1);
	ck_assert(o.search);
	ck_assert(!o.reset_int && !o.new_pgroup);
	pid_t pid = 0;
	char *argv[] = {"sh", "-c", "exit 4", NULL};
	ck_assert_int_eq(proc_spawn(&pid, NULL, argv, &o), 0);
	ck_assert_int_gt(pid, 0);
	int st = wait_for(pid);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 4);
	/* A path given is used as it is, argv[0] aside. */
	o.search = false;
	char *sh[] = {"sh", "-c", "exit 0", NULL};
	ck_assert_int_eq(proc_spawn(&pid, "/bin/sh", sh, &o), 0);
	st = wait_for(pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* valgrind runs posix_spawn's child as a plain fork, which cannot
	 * hand back why the exec failed (scripts/test --valgrind says so) */
	if (!getenv("OSBOX_VALGRIND")) {
		/* Without search, argv[0] is a path: "sh" is not looked up. */
		if (access("sh", F_OK) != 0)
			ck_assert_int_eq(proc_spawn(&pid, NULL, sh, &o), ENOENT);
		ck_assert_int_eq(proc_spawn(&pid, "/", sh, &o), EACCES);
		/* Not found in PATH, and not found by path: ENOENT, nothing started. */
		o.search = true;
		char *nope[] = {"osbox-no-such-command", NULL};
		pid = 0;
		ck_assert_int_eq(proc_spawn(&pid, NULL, nope, &o), ENOENT);
	}
	ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
}
END_TEST

/* The child's stdout goes where fd[1] says; it starts with an empty
 * signal mask and SIGPIPE (and with reset_int SIGINT) at the default
 * action, whatever we block or ignore; with new_pgroup it leads a process
 * group of its own. cat reports its mask from /proc (a shell would not
 * do: dash empties its mask as it starts). */
START_TEST(spawn_fds_and_signals)
{
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	struct proc_spawn_opts o;
	proc_spawn_opts_init(&o);
	o.fd[1] = p[1];
	o.reset_int = true;
	o.new_pgroup = true;
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	ck_assert_int_eq(sigprocmask(SIG_BLOCK, &block, &old), 0);
	void (*pipe_was)(int) = signal(SIGPIPE, SIG_IGN);
	void (*int_was)(int) = signal(SIGINT, SIG_IGN);
	void (*quit_was)(int) = signal(SIGQUIT, SIG_IGN);
	char *argv[] = {"cat", "/proc/self/status", NULL};
	pid_t pid;
	int e = proc_spawn(&pid, NULL, argv, &o);
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGPIPE, pipe_was);
	signal(SIGINT, int_was);
	signal(SIGQUIT, quit_was);
	ck_assert_int_eq(e, 0);
	close(p[1]);
	static char buf[8192];
	read_all(p[0], buf, sizeof buf);
	/* A zombie keeps its process group until it is reaped. */
	ck_assert_int_eq(getpgid(pid), pid);
	int st = wait_for(pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	unsigned long long blk, ign;
	sig_masks(buf, &blk, &ign);
	ck_assert_msg(blk == 0, "blocked: %llx", blk);
	ck_assert_msg(!(ign & (1ULL << (SIGPIPE - 1))), "SIGPIPE ignored: %llx", ign);
	ck_assert_msg(!(ign & (1ULL << (SIGINT - 1))), "SIGINT ignored: %llx", ign);
	ck_assert_msg(!(ign & (1ULL << (SIGQUIT - 1))), "SIGQUIT ignored: %llx", ign);
}
END_TEST

/* Without reset_int, SIGINT stays as the caller left it (ignored here),
 * as a shell leaves it for a background command; the child is in our
 * process group. */
START_TEST(spawn_keeps_sigint)
{
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	struct proc_spawn_opts o;
	proc_spawn_opts_init(&o);
	o.fd[1] = p[1];
	void (*int_was)(int) = signal(SIGINT, SIG_IGN);
	char *argv[] = {"cat", "/proc/self/status", NULL};
	pid_t pid;
	int e = proc_spawn(&pid, NULL, argv, &o);
	signal(SIGINT, int_was);
	ck_assert_int_eq(e, 0);
	close(p[1]);
	static char buf[8192];
	read_all(p[0], buf, sizeof buf);
	ck_assert_int_eq(getpgid(pid), getpgrp());
	wait_for(pid);
	char *i = strstr(buf, "SigIgn:");
	ck_assert_ptr_nonnull(i);
	unsigned long long ign = strtoull(i + 7, NULL, 16);
	ck_assert_msg(ign & (1ULL << (SIGINT - 1)), "SIGINT not ignored: %llx", ign);
}
END_TEST

/* Reads what fd gives until EOF into buf (size n), NUL-terminated. */
/* Runs argv through proc_spawn with PATH set to path (NULL: unchanged),
 * and returns its stdout in buf and its wait status. */
static int spawn_capture(const char *file, char *const argv[], const char *path, char *buf,
                         size_t n)
{
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	struct proc_spawn_opts o;
	proc_spawn_opts_init(&o);
	o.fd[1] = p[1];
	char *saved = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
	if (path)
		setenv("PATH", path, 1);
	pid_t pid;
	int e = proc_spawn(&pid, file, argv, &o);
	if (saved)
		setenv("PATH", saved, 1);
	free(saved);
	close(p[1]);
	ck_assert_int_eq(e, 0);
	read_all(p[0], buf, n);
	return wait_for(pid);
}

/* A file the kernel cannot execute (ENOEXEC) runs with /bin/sh, as
 * execvp(3) runs it: argv /bin/sh, the path found, argv[1]...; in a PATH
 * search, an entry that may not be run (EACCES) is passed over, and an
 * empty entry is the current directory. */
static void on_usr1(int sig)
{
	(void)sig;
}

/* proc_spawn_plan: the clone path. What the child starts with is what
 * posix_spawn gives (empty mask; the reset signals and any handled one at
 * the default action, other ignored ones still ignored; its stdout where
 * fd[1] says; its own process group), exec errors come back as from
 * posix_spawn, and a script without #! still runs with /bin/sh. */
START_TEST(spawn_planned)
{
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	struct proc_spawn_opts o;
	proc_spawn_opts_init(&o);
	o.fd[1] = p[1];
	o.reset_term = true;
	o.new_pgroup = true;
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGTERM);
	ck_assert_int_eq(sigprocmask(SIG_BLOCK, &block, &old), 0);
	void (*pipe_was)(int) = signal(SIGPIPE, SIG_IGN);
	void (*term_was)(int) = signal(SIGTERM, SIG_IGN);
	void (*usr2_was)(int) = signal(SIGUSR2, SIG_IGN);
	void (*usr1_was)(int) = signal(SIGUSR1, on_usr1);
	proc_spawn_plan(&o);
	ck_assert(o.planned && o.handlers);
	ck_assert(sigismember(&o.reset, SIGPIPE) && sigismember(&o.reset, SIGTERM));
	ck_assert(sigismember(&o.reset, SIGUSR1) && !sigismember(&o.reset, SIGUSR2));
	char *argv[] = {"cat", "/proc/self/status", NULL};
	pid_t pid;
	int e = proc_spawn(&pid, "/bin/cat", argv, &o);
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGPIPE, pipe_was);
	signal(SIGTERM, term_was);
	signal(SIGUSR2, usr2_was);
	signal(SIGUSR1, usr1_was);
	ck_assert_int_eq(e, 0);
	close(p[1]);
	static char buf[8192];
	read_all(p[0], buf, sizeof buf);
	close(p[0]);
	ck_assert_int_eq(getpgid(pid), pid);
	int st = wait_for(pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	unsigned long long blk, ign;
	sig_masks(buf, &blk, &ign);
	ck_assert_msg(blk == 0, "blocked: %llx", blk);
	ck_assert_msg(!(ign & (1ULL << (SIGPIPE - 1))), "SIGPIPE ignored: %llx", ign);
	ck_assert_msg(!(ign & (1ULL << (SIGTERM - 1))), "SIGTERM ignored: %llx", ign);
	ck_assert_msg(ign & (1ULL << (SIGUSR2 - 1)), "SIGUSR2 not ignored: %llx", ign);
	/* the mask and handler we had are ours again */
	sigset_t now;
	sigprocmask(SIG_SETMASK, NULL, &now);
	ck_assert(!sigismember(&now, SIGUSR1));
	if (getenv("OSBOX_VALGRIND"))
		return; /* no exec error comes back from valgrind's fork */
	proc_spawn_opts_init(&o);
	proc_spawn_plan(&o);
	ck_assert_int_eq(proc_spawn(&pid, "/", argv, &o), EACCES);
	ck_assert_int_eq(proc_spawn(&pid, "/nonexistent/cat", argv, &o), ENOENT);
	ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1); /* none left behind */
	ck_assert_int_eq(errno, ECHILD);
	char dir[] = "/tmp/osbox-test-proc.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *plain = xasprintf("%s/plain", dir);
	FILE *f = fopen(plain, "w");
	fputs("exit 7\n", f);
	fclose(f);
	ck_assert_int_eq(chmod(plain, 0755), 0);
	char *sargv[] = {"plain", NULL};
	ck_assert_int_eq(proc_spawn(&pid, plain, sargv, &o), 0);
	st = wait_for(pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	unlink(plain);
	rmdir(dir);
	free(plain);
}
END_TEST

START_TEST(spawn_script_without_shebang)
{
	if (getenv("OSBOX_VALGRIND"))
		return; /* no exec error comes back from valgrind's fork */
	char dir[] = "/tmp/osbox-test-proc.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *d1 = xasprintf("%s/a", dir), *d2 = xasprintf("%s/b", dir);
	ck_assert_int_eq(mkdir(d1, 0755), 0);
	ck_assert_int_eq(mkdir(d2, 0755), 0);
	char *skip = xasprintf("%s/plain", d1), *plain = xasprintf("%s/plain", d2);
	FILE *f = fopen(skip, "w");
	fputs("echo not me\n", f);
	fclose(f);
	f = fopen(plain, "w");
	fputs("echo \"$0|$1|$2\"\n", f);
	fclose(f);
	ck_assert_int_eq(chmod(plain, 0755), 0);
	char buf[4096];
	char *argv[] = {"plain", "x", "y z", NULL};
	/* by path, argv[0] aside */
	int st = spawn_capture(plain, argv, NULL, buf, sizeof buf);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	char *want = xasprintf("%s|x|y z\n", plain);
	ck_assert_str_eq(buf, want);
	/* found in PATH, past the entry that may not be run */
	char *path = xasprintf("%s:%s", d1, d2);
	st = spawn_capture(NULL, argv, path, buf, sizeof buf);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ck_assert_str_eq(buf, want);
	/* an empty entry: the name as it is, in the current directory */
	char cwd[4096];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	ck_assert_int_eq(chdir(d2), 0);
	st = spawn_capture(NULL, argv, "/nonexistent::", buf, sizeof buf);
	ck_assert_int_eq(chdir(cwd), 0);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ck_assert_str_eq(buf, "plain|x|y z\n");
	/* only the entry that may not be run: EACCES, nothing started */
	struct proc_spawn_opts o;
	proc_spawn_opts_init(&o);
	pid_t pid;
	setenv("PATH", d1, 1);
	ck_assert_int_eq(proc_spawn(&pid, NULL, argv, &o), EACCES);
	unsetenv("PATH");
	unlink(skip);
	unlink(plain);
	rmdir(d1);
	rmdir(d2);
	rmdir(dir);
	free(d1);
	free(d2);
	free(skip);
	free(plain);
	free(want);
	free(path);
}
END_TEST

/* reset_term: SIGTERM, SIGINT, SIGHUP and SIGQUIT at the default action in the
 * child, even when we ignore them. */
START_TEST(spawn_reset_term)
{
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	struct proc_spawn_opts o;
	proc_spawn_opts_init(&o);
	o.fd[1] = p[1];
	o.reset_term = true;
	static const int sigs[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT};
	void (*was[4])(int);
	for (int i = 0; i < 4; i++)
		was[i] = signal(sigs[i], SIG_IGN);
	char *argv[] = {"cat", "/proc/self/status", NULL};
	pid_t pid;
	int e = proc_spawn(&pid, NULL, argv, &o);
	for (int i = 0; i < 4; i++)
		signal(sigs[i], was[i]);
	ck_assert_int_eq(e, 0);
	close(p[1]);
	static char buf[8192];
	read_all(p[0], buf, sizeof buf);
	wait_for(pid);
	char *ig = strstr(buf, "SigIgn:");
	ck_assert_ptr_nonnull(ig);
	unsigned long long ign = strtoull(ig + 7, NULL, 16);
	for (int i = 0; i < 4; i++)
		ck_assert_msg(!(ign & (1ULL << (sigs[i] - 1))), "signal %d ignored: %llx", sigs[i],
		              ign);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("proc");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, wait_status_decoding);
	tcase_add_test(tc, stopped_and_continued);
	tcase_add_test(tc, realtime_names_round_trip);
	tcase_add_test(tc, numbers_and_aliases);
	tcase_add_test(tc, exec_failure_status);
	tcase_add_test(tc, spawn_runs_and_reports);
	tcase_add_test(tc, spawn_fds_and_signals);
	tcase_add_test(tc, spawn_keeps_sigint);
	tcase_add_test(tc, spawn_script_without_shebang);
	tcase_add_test(tc, spawn_planned);
	tcase_add_test(tc, spawn_reset_term);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
