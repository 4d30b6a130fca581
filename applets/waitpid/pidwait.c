/* Waiting for any process through pidfds (see pidwait.h). */
#include "pidwait.h"
#include "osbox/xalloc.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

/* No pidfd_open(2) here (a kernel before 5.3, or valgrind, which does
 * not know the call): every entry is then checked in turn, with sleeps
 * in between (see pidwait_poll). */
static bool polling;

void pidwait_use_polling(bool on)
{
	polling = on;
}

pid_t pidwait_thread_group(pid_t tid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%ld/status", (long)tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	long tgid = 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "Tgid: %ld", &tgid) == 1)
			break;
	fclose(f);
	return (pid_t)tgid;
}

int pidwait_open(struct pidwait *w, pid_t pid)
{
	w->pid = pid;
	w->exited = false;
	w->child = false;
	w->status = 0;
	w->fd = -1;
	if (pid <= 0) {
		errno = EINVAL;
		return -1;
	}
	if (!polling) {
		w->fd = pidfd_open(pid, 0);
		if (w->fd >= 0 || errno != ENOSYS)
			return w->fd < 0 ? -1 : 0;
		polling = true;
	}
	/* kill(2) with no signal: does it exist (EPERM: it does, not ours)? */
	if (kill(pid, 0) < 0 && errno != EPERM)
		return -1;
	pid_t tgid = pidwait_thread_group(pid);
	if (tgid > 0 && tgid != pid) { /* a thread, as pidfd_open refuses it */
		errno = EINVAL;
		return -1;
	}
	return 0; /* open, with no pidfd: checked in turn */
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

/* Our child's status, when pid is our child and has exited: reaping it
 * now leaves no zombie. Returns 1 reaped, 0 our child still running, -1
 * not our child (ECHILD: its status belongs to its parent). */
static int reap(struct pidwait *w)
{
	int st;
	pid_t r;
	while ((r = waitpid(w->pid, &st, WNOHANG)) < 0 && errno == EINTR)
		;
	if (r == w->pid) {
		w->child = true;
		w->status = st;
		return 1;
	}
	return r == 0 ? 0 : -1;
}

static void mark_exited(struct pidwait *w)
{
	w->exited = true;
	pidwait_close(w);
}

/* Without a pidfd: has the process ended? A zombie has, though kill(2)
 * still finds it until its parent reaps it. */
static bool ended(struct pidwait *w)
{
	int r = reap(w);
	if (r != -1)
		return r == 1;
	if (kill(w->pid, 0) < 0 && errno == ESRCH)
		return true;
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)w->pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *paren = strrchr(buf, ')'); /* after the name, which may hold anything */
	return paren && (paren[1] == ' ') && (paren[2] == 'Z' || paren[2] == 'X');
}

static long ms_of(const struct timespec *t)
{
	return (long)t->tv_sec * 1000 + t->tv_nsec / 1000000;
}

int pidwait_poll(struct pidwait *w, size_t n, const struct timespec *deadline)
{
	struct pollfd stackfds[64];
	struct pollfd *fds = n <= 64 ? stackfds : xreallocarray(NULL, n, sizeof *fds);
	size_t *which = xreallocarray(NULL, n, sizeof *which);
	size_t m = 0, polled = 0;
	for (size_t i = 0; i < n; i++) {
		if (w[i].exited)
			continue;
		if (w[i].fd < 0) { /* no pidfd: checked in turn */
			polled++;
			continue;
		}
		fds[m].fd = w[i].fd;
		fds[m].events = POLLIN;
		fds[m].revents = 0;
		which[m++] = i;
	}
	int found = 0;
	long nap = 1; /* ms between checks of polled entries: 1, 2, 4... up to 50 */
	/* Nothing left to wait for: never block forever on no descriptor. */
	while (m > 0 || polled > 0) {
		for (size_t i = 0; i < n && polled > 0; i++) {
			if (!w[i].exited && w[i].fd < 0 && ended(&w[i])) {
				mark_exited(&w[i]);
				polled--;
				found++;
			}
		}
		/* How long ppoll may sleep: not at all once something was
		 * found (only collect the pidfds ready too), else until the
		 * deadline, or a nap when entries must be checked again. */
		struct timespec t = {0, 0}, *wait = &t;
		bool last = found > 0;
		if (!last && deadline) {
			t = time_left(deadline);
			last = t.tv_sec == 0 && t.tv_nsec == 0;
		} else if (!last) {
			wait = NULL;
		}
		if (!last && polled > 0) {
			struct timespec napt = {nap / 1000, (nap % 1000) * 1000000L};
			if (!wait || ms_of(&napt) < ms_of(&t)) {
				t = napt;
				wait = &t;
			}
			nap = nap * 2 > 50 ? 50 : nap * 2;
		}
		int r = ppoll(fds, m, wait, NULL);
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
				struct pidwait *e = &w[which[k]];
				reap(e);
				mark_exited(e);
				found++;
			}
		}
		if (found || last)
			break;
		if (deadline) {
			t = time_left(deadline);
			if (t.tv_sec == 0 && t.tv_nsec == 0)
				break;
		}
	}
	if (fds != stackfds)
		free(fds);
	free(which);
	return found;
}
