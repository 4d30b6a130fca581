/* Children that cannot outlive the process that forked them, and one-byte
 * handshakes that put their output in a fixed order (fork-demo, the
 * waitpid demos). */
#ifndef OSBOX_CHILD_H
#define OSBOX_CHILD_H

#include <sys/types.h>

/* fork(2), made safe for the toolbox: stdout is flushed first (so that
 * nothing buffered is written twice); in the child the output buffer is
 * emptied, and the child gets SIGKILL when the parent dies
 * (PR_SET_PDEATHSIG), so no child runs on as an orphan whatever happens to
 * the parent. The child must leave with _exit(2) or exec, never exit(3).
 * Returns as fork. */
pid_t child_fork(void);

/* Sends one byte on a pipe or socket (never raising SIGPIPE). Returns 0,
 * or -1 with errno set (EPIPE when the other end is gone). */
int child_post(int fd);

/* Waits for one byte. Returns 1 when it came, 0 when the other end was
 * closed first (the process holding it ended), -1 on error. */
int child_await(int fd);

/* Kills (SIGKILL) and reaps every child in pids[0..n-1] that is not 0;
 * for cleaning up after a step failed. */
void child_kill_all(const pid_t *pids, size_t n);

#endif
