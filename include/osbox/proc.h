/* Processes: starting them (posix_spawn), decoding wait statuses and
 * naming signals, shared by spawn, fork-demo, waitpid, env and the shell. */
#ifndef OSBOX_PROC_H
#define OSBOX_PROC_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* "USR1" for SIGUSR1 (no SIG prefix), or "NNN" for an unnamed number;
 * buf must hold 16 bytes. Real-time signals are named as GNU kill and
 * bash name them: RTMIN, RTMIN+1 ... up to the middle of the range, then
 * RTMAX-N ... RTMAX. */
const char *proc_signame(int sig, char buf[16]);

/* The signal numbered or named by s ("9", "KILL", "SIGKILL", "kill",
 * "RTMIN+3", "RTMAX-2", and the aliases IOT, CLD, IO), or -1. */
int proc_signum(const char *s);

/* How a wait status reads: "exit status 3", "killed by signal KILL",
 * "killed by signal SEGV (core dumped)", "stopped by signal TSTP",
 * "continued". Returns buf. */
const char *proc_describe_status(int status, char *buf, size_t size);

/* The shell's exit code for a wait status: the exit status, or 128+N when
 * killed by signal N. */
int proc_exit_code(int status);

/* The exit status of a command that could not be started because of errno
 * e (POSIX XCU 2.8.2, as GNU env and the shells): 127 when it was not
 * found, 126 when it was found but could not run. */
int proc_exec_failure_status(int e);

/* True when SIGPIPE was ignored by whoever started osbox (main() sets it
 * before restoring the default action for itself), so that commands that
 * env, runas and fork-demo --exec run inherit what the caller gave, as
 * GNU env's do (proc_spawn gives its child the default action). */
extern bool proc_sigpipe_ignored;

/* Before an exec: SIGPIPE back to what the caller gave osbox (ignored, when
 * proc_sigpipe_ignored), not what osbox chose for itself. */
void proc_sigpipe_restore(void);

struct json;

/* The members "status", "exit_status", "signal", "core_dumped" and "how"
 * for a wait status (spawn --json, waitpid --json); each is null when
 * status is NULL (a process that is not our child: no status to know). */
void proc_json_status(struct json *j, const int *status);

/* The processors this process may run on (its affinity mask), at least 1. */
int proc_ncpus(void);

/* Options for proc_spawn; zero-initialised means "inherit everything". */
struct proc_spawn_opts {
	int fd[3];       /* for stdin, stdout, stderr: an fd to dup2 there, or -1 */
	bool search;     /* look the command up in PATH (posix_spawnp) */
	bool reset_int;  /* SIGINT and SIGQUIT back to default in the child */
	bool new_pgroup; /* the child leads a new process group */
	bool reset_term; /* SIGTERM, SIGINT, SIGHUP, SIGQUIT back to default in the
	                    child: for a caller that takes them (spawn -j) to
	                    pass them on, which the child must be able to die of */
	/* Set by proc_spawn_plan: */
	bool planned;   /* start children with clone(2), resetting only... */
	bool handlers;  /* some signal has a handler: block all around clone */
	sigset_t reset; /* ...the signals whose action must go back to default */
};

/* Initialises o to inherit stdin, stdout and stderr and search PATH. */
void proc_spawn_opts_init(struct proc_spawn_opts *o);

/* For a caller that starts many children with the same options and does
 * not change any signal's action meanwhile (spawn -j): looks the actions
 * up once, so that each proc_spawn with a path (no PATH search) then
 * starts the child with clone(CLONE_VM|CLONE_VFORK) itself and resets
 * only the signals that need it, where posix_spawn(3) looks up and resets
 * every signal in the child (some 120 system calls each time). Call it
 * after setting the other options. */
void proc_spawn_plan(struct proc_spawn_opts *o);

/* Starts argv[0] (or path, when not NULL) with argv and the current
 * environment through posix_spawn, which glibc implements with
 * clone(CLONE_VM|CLONE_VFORK): no page tables are copied, so starting a
 * child costs the same whatever our size. The child gets an empty signal
 * mask and the default action for SIGPIPE (as Python's subprocess gives
 * it). A file the kernel cannot execute (ENOEXEC: a script without #!)
 * is run with /bin/sh, as execvp(3) and os.spawnvp run it: argv /bin/sh,
 * the path found, argv[1]... Returns 0 and sets *pid, or an errno value
 * (ENOENT when the command was not found, EACCES...) and nothing was
 * started. */
int proc_spawn(pid_t *pid, const char *path, char *const argv[], const struct proc_spawn_opts *o);

#endif
