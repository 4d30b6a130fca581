/* fork-demo: the os.fork, os.kill and os.exec* examples on real processes.
 * The examples order their output with time.sleep; here every line has a
 * fixed place, enforced with a socket pair and blocked signals, and no
 * child outlives the demo or stays a zombie, whatever fails. */
#include "osbox/child.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"
#include "osbox/proc.h"

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

enum { OPT_KILL = OPT_LONG, OPT_EXEC };

static const struct opt options[] = {
    {OPT_KILL, "kill", no_argument, NULL,
     "the os.kill example: the parent signals the child with SIGUSR1"},
    {OPT_EXEC, "exec", no_argument, NULL,
     "the exec example: the child runs COMMAND, the parent says how it ended"},
    {0},
};

static const struct optpair excludes[] = {{OPT_KILL, OPT_EXEC}, {0}};

const struct optspec fork_demo_spec = {
    .usage = "[--kill]\n"
             "   or: fork-demo --exec COMMAND [ARG]...",
    .about = "Forks and shows, on real processes, what the os.fork examples show, each\n"
             "line in a fixed order. With --exec, exits with COMMAND's status (126: it\n"
             "could not run, 127: not found, 128+N: killed by signal N).",
    .opts = options,
    .excludes = excludes,
    .flags = OPTS_STOP_AT_OPERAND,
};

/* Waits for the child; a wait that fails cannot leave it behind, so it is
 * retried on EINTR only (anything else means it is not ours). */
static int reap(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			err(1, "wait for %ld", (long)pid);
	}
	return st;
}

/* The demo's status from how its child ended. A child that a closed pipe
 * killed ends the demo the same quiet way. */
static int child_result(pid_t pid, int st)
{
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE) {
		out_discard();
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
	}
	char buf[64];
	warnx("child %ld: %s", (long)pid, proc_describe_status(st, buf, sizeof buf));
	return 1;
}

/* A socket pair: [0] the parent's end, [1] the child's. */
static void channel(int sv[2])
{
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		err(1, "socketpair");
}

/* Forks a child tied to us (core/child.c); each side keeps its end of sv,
 * when there is one. */
static pid_t fork_or_die(int *sv)
{
	pid_t pid = child_fork();
	if (pid < 0)
		err(1, "fork"); /* exit closes sv */
	if (sv)
		close(sv[pid == 0 ? 0 : 1]);
	return pid;
}

/* os.fork: "Child process id: PID" from the parent, then "I am the child"
 * from the child, which waits for the parent's word to speak. */
static int demo_fork(void)
{
	int sv[2];
	channel(sv);
	pid_t pid = fork_or_die(sv);
	if (pid == 0) {
		if (child_await(sv[1]) != 1)
			_exit(1);
		out_puts("I am the child\n");
		out_flush();
		_exit(0);
	}
	out_printf("Child process id: %ld\n", (long)pid);
	out_flush();
	child_post(sv[0]); /* a child already gone tells through its status */
	close(sv[0]);
	return child_result(pid, reap(pid));
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/* os.kill: SIGUSR1 is blocked before the fork, so a signal sent before the
 * child's handler exists waits, pending, instead of killing it; the child
 * takes it only in sigsuspend. The parent waits for the child's word that
 * it is pausing before it signals. */
static int demo_kill(void)
{
	sigset_t usr1, old;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	out_puts("Forking...\n");
	int sv[2];
	channel(sv);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	pid_t pid = fork_or_die(sv);
	if (pid == 0) {
		if (child_await(sv[1]) != 1)
			_exit(1);
		out_puts("CHILD: Setting up signal handler\n");
		struct sigaction sa = {.sa_handler = on_usr1};
		sigemptyset(&sa.sa_mask);
		sigaction(SIGUSR1, &sa, NULL);
		out_puts("CHILD: Pausing to wait for signal\n");
		out_flush();
		if (child_post(sv[1]) < 0)
			_exit(1);
		sigset_t wait_mask = old;
		sigdelset(&wait_mask, SIGUSR1);
		while (!got_usr1)
			sigsuspend(&wait_mask);
		out_printf("Received USR1 in process %ld\n", (long)getpid());
		out_flush();
		_exit(0);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	out_puts("PARENT: Pausing before sending signal...\n");
	out_flush();
	if (child_post(sv[0]) == 0 && child_await(sv[0]) == 1) {
		out_printf("PARENT: Signaling %ld\n", (long)pid);
		out_flush();
		kill(pid, SIGUSR1);
	}
	close(sv[0]);
	return child_result(pid, reap(pid));
}

/* os.execlp in a forked child; the parent waits, as os.waitpid, and says
 * how the child ended. While it waits it ignores SIGINT and SIGQUIT, as
 * system(3) does: a Ctrl-C is the command's to handle. */
static int demo_exec(char **cmd)
{
	/* Ignored before the fork, as system(3) does, so that no SIGINT can
	 * reach the parent in between; the child puts back what we had. */
	struct sigaction ign = {.sa_handler = SIG_IGN}, oint, oquit;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	pid_t pid = fork_or_die(NULL);
	if (pid == 0) {
		sigaction(SIGINT, &oint, NULL);
		sigaction(SIGQUIT, &oquit, NULL);
		proc_sigpipe_restore();
		execvp(cmd[0], cmd);
		int e = errno;
		warn("%s", quote_gnu(0, QUOTE_SHELL, cmd[0]));
		_exit(proc_exec_failure_status(e));
	}
	int st = reap(pid);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	char buf[64];
	out_printf("Child process %ld: %s\n", (long)pid, proc_describe_status(st, buf, sizeof buf));
	return proc_exit_code(st);
}

int fork_demo_main(int argc, char **argv)
{
	bool kill_demo = false, exec_demo = false;
	struct opts o;
	int c;
	opts_begin(&o, &fork_demo_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case OPT_KILL:
			kill_demo = true;
			break;
		case OPT_EXEC:
			exec_demo = true;
			break;
		}
	}
	/* COMMAND [ARG]... with --exec, and nothing without. */
	opts_operands(&o, exec_demo ? 1 : 0, exec_demo ? 0 : OPERANDS_NONE);
	/* The demos wait for their child: it must not be reaped by the
	 * kernel because SIGCHLD came to us ignored. */
	signal(SIGCHLD, SIG_DFL);
	if (exec_demo)
		return demo_exec(argv + o.ind);
	return kill_demo ? demo_kill() : demo_fork();
}
