/* Waiting for any process through pidfds (see pidwait.h). */
#include "osbox/pidwait.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

int pidwait_open(struct pidwait *w, pid_t pid)
{
	w->pid = pid;
	w->exited = false;
	w->child = false;
	w->status = 0;
	w->fd = pidfd_open(pid, 0);
	return w->fd < 0 ? -1 : 0;
}

void pidwait_close(struct pidwait *w)
{
	if (w->fd >= 0) {
		close(w->fd);
		w->fd = -1;
	}
}

/* The time left until deadline, never negative. */
static struct timespec time_left(const struct timespec *deadline)
{
	struct timespec now, left = {0, 0};
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > deadline->tv_sec ||
	    (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec))
		return left;
	left.tv_sec = deadline->tv_sec - now.tv_sec;
	left.tv_nsec = deadline->tv_nsec - now.tv_nsec;
	if (left.tv_nsec < 0) {
		left.tv_nsec += 1000000000L;
		left.tv_sec--;
	}
	return left;
}

/* A pidfd that polled readable: the process has exited. If it is our
 * child, its status is ours to collect: waitpid succeeds, and reaping it
 * now leaves no zombie. Otherwise waitpid fails with ECHILD and the
 * status belongs to its parent. */
static void mark_exited(struct pidwait *w)
{
	int st;
	pid_t r;
	while ((r = waitpid(w->pid, &st, WNOHANG)) < 0 && errno == EINTR)
		;
	if (r == w->pid) {
		w->child = true;
		w->status = st;
	}
	w->exited = true;
	pidwait_close(w);
}

int pidwait_poll(struct pidwait *w, size_t n, const struct timespec *deadline)
{
	struct pollfd stackfds[64];
	struct pollfd *fds = n <= 64 ? stackfds : malloc(n * sizeof *fds);
	size_t *which = malloc((n ? n : 1) * sizeof *which);
	if (!fds || !which) {
		if (fds != stackfds)
			free(fds);
		free(which);
		errno = ENOMEM;
		return -1;
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (w[i].exited || w[i].fd < 0)
			continue;
		fds[m].fd = w[i].fd;
		fds[m].events = POLLIN;
		fds[m].revents = 0;
		which[m++] = i;
	}
	int found = 0;
	/* Nothing left to wait for: never block forever on no descriptor. */
	for (; m > 0;) {
		struct timespec left;
		if (deadline)
			left = time_left(deadline);
		int r = ppoll(fds, m, deadline ? &left : NULL, NULL);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			found = -1;
			break;
		}
		for (size_t k = 0; k < m; k++) {
			/* POLLIN: exited; POLLHUP/POLLERR are not expected
			 * from a pidfd, but must not make us spin. */
			if (fds[k].revents) {
				mark_exited(&w[which[k]]);
				found++;
			}
		}
		break;
	}
	if (fds != stackfds)
		free(fds);
	free(which);
	return found;
}
