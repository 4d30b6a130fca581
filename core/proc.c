/* Wait statuses and signal names (see proc.h). */
#include "osbox/proc.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>

const char *proc_signame(int sig, char buf[16])
{
	const char *n = sigabbrev_np(sig);
	if (n)
		return n;
	if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
		/* glibc names none of the real-time signals */
		if (sig == SIGRTMIN)
			snprintf(buf, 16, "RTMIN");
		else if (sig == SIGRTMAX)
			snprintf(buf, 16, "RTMAX");
		else
			snprintf(buf, 16, "RTMIN+%d", sig - SIGRTMIN);
		return buf;
	}
	snprintf(buf, 16, "%d", sig);
	return buf;
}

int proc_signum(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end != s && *end == 0)
		return v > 0 && v < NSIG ? (int)v : -1;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (int i = 1; i < NSIG; i++) {
		char buf[16];
		if (strcasecmp(proc_signame(i, buf), s) == 0)
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

int proc_exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}
