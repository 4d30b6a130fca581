/* osbox-subreaper COMMAND [ARG]...: runs COMMAND as a child subreaper
 * (prctl(2), PR_SET_CHILD_SUBREAPER), so that every descendant COMMAND
 * leaves behind, running or a zombie it did not wait for, becomes our
 * child instead of init's. Once COMMAND has ended, each such orphan is
 * reaped and reported on stderr:
 *   osbox-subreaper: orphan PID: exit status N
 * so a test can tell that COMMAND waited for its own children (nothing
 * on stderr). Exits with COMMAND's status (128+N when killed by signal N,
 * 127 when it could not be run). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void describe(pid_t pid, int st)
{
	if (WIFEXITED(st))
		fprintf(stderr, "osbox-subreaper: orphan %d: exit status %d\n", (int)pid,
		        WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		fprintf(stderr, "osbox-subreaper: orphan %d: killed by signal %d\n", (int)pid,
		        WTERMSIG(st));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: osbox-subreaper COMMAND [ARG]...\n");
		return 2;
	}
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		perror("osbox-subreaper: PR_SET_CHILD_SUBREAPER");
		return 125;
	}
	pid_t cmd = fork();
	if (cmd < 0) {
		perror("osbox-subreaper: fork");
		return 125;
	}
	if (cmd == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "osbox-subreaper: %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	int status = 0, st;
	pid_t pid;
	/* Until no child is left: COMMAND, then whatever it orphaned. */
	while ((pid = waitpid(-1, &st, 0)) != -1 || errno == EINTR) {
		if (pid < 0)
			continue;
		if (pid == cmd)
			status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		else
			describe(pid, st);
	}
	return status;
}
