/* Processes: decoding wait statuses and naming signals, shared by spawn,
 * fork-demo, waitpid, env and the shell. */
#ifndef OSBOX_PROC_H
#define OSBOX_PROC_H

#include <stddef.h>

/* "USR1" for SIGUSR1 (no SIG prefix), or "NNN" for an unnamed number;
 * buf must hold 16 bytes. */
const char *proc_signame(int sig, char buf[16]);

/* The signal numbered or named by s ("9", "KILL", "SIGKILL", "kill"), or -1. */
int proc_signum(const char *s);

/* How a wait status reads: "exit status 3", "killed by signal KILL",
 * "killed by signal SEGV (core dumped)", "stopped by signal TSTP",
 * "continued". Returns buf. */
const char *proc_describe_status(int status, char *buf, size_t size);

/* The shell's exit code for a wait status: the exit status, or 128+N when
 * killed by signal N. */
int proc_exit_code(int status);

#endif
