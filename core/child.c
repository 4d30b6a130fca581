/* Children tied to their parent, and handshakes (see child.h). */
#include "osbox/child.h"
#include "osbox/out.h"

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

pid_t child_fork(void)
{
	out_flush();
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		out_discard();
		/* The death signal is armed only now: if the parent already
		 * died, getppid tells (we were reparented). */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
			_exit(1);
	}
	return pid;
}

int child_post(int fd)
{
	char c = 1;
	for (;;) {
		/* send with MSG_NOSIGNAL on sockets: a child that died must
		 * give EPIPE, not kill us with SIGPIPE. */
		ssize_t n = send(fd, &c, 1, MSG_NOSIGNAL);
		if (n < 0 && errno == ENOTSOCK)
			n = write(fd, &c, 1);
		if (n == 1)
			return 0;
		if (n < 0 && errno != EINTR)
			return -1;
	}
}

int child_await(int fd)
{
	char c;
	for (;;) {
		ssize_t n = read(fd, &c, 1);
		if (n >= 0)
			return (int)n;
		if (errno != EINTR)
			return -1;
	}
}

void child_kill_all(const pid_t *pids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	for (size_t i = 0; i < n; i++)
		if (pids[i] > 0)
			while (waitpid(pids[i], NULL, 0) < 0 && errno == EINTR)
				;
}
