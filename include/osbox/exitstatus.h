/* Exit statuses shared across applets, by name. The numbers are those of
 * POSIX XCU 2.8.2 and GNU coreutils (env, timeout, nohup): 126 a command
 * found but not run, 127 not found, 125 the runner's own failure, 124 a
 * timeout, 128+N a command killed by signal N. */
#ifndef OSBOX_EXITSTATUS_H
#define OSBOX_EXITSTATUS_H

enum {
	EXIT_FAIL = 1,            /* an operation failed; for tests, "no" */
	EXIT_USAGE = 2,           /* a usage error */
	EXIT_TIMEDOUT = 124,      /* waitpid -t: the time ran out */
	EXIT_CANCELED = 125,      /* env, spawn, runas: their own failure */
	EXIT_CANNOT_INVOKE = 126, /* the command was found but could not run */
	EXIT_ENOENT = 127,        /* the command was not found */
	EXIT_SIGNAL_BASE = 128,   /* + N: killed by signal N */
};

#endif
