/* Waiting for processes that need not be our children: a pidfd per
 * process (pidfd_open(2)) becomes readable when the process exits, so
 * poll(2) sleeps until one does, with no polling loop and no race with a
 * recycled PID (a fallback without pidfds is below). */
#ifndef OSBOX_PIDWAIT_H
#define OSBOX_PIDWAIT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

struct pidwait {
	pid_t pid;
	int fd; /* the pidfd; -1 once exited, or when there is none (pidwait_use_polling) */
	bool exited;
	bool child; /* it was our child: status is its wait status */
	int status;
};

/* Opens a pidfd for pid. Returns 0, or -1 with errno set: ESRCH when there
 * is no such process, EINVAL when pid names a thread rather than a
 * process. A process that exited but was not yet reaped (a zombie) can
 * still be opened, and counts as exited at the first poll. */
int pidwait_open(struct pidwait *w, pid_t pid);

/* Waits until at least one of the n entries that have not exited yet
 * exits, or until deadline (CLOCK_MONOTONIC; NULL waits as long as it
 * takes) passes. Every entry found exited is marked so, its pidfd closed,
 * and, when it is our child, reaped with its status. Returns how many
 * exited in this call, 0 when the deadline passed first, -1 with errno
 * set on error; 0 at once when every entry has exited already. */
int pidwait_poll(struct pidwait *w, size_t n, const struct timespec *deadline);

/* Closes the pidfd of an entry that is still open. */
void pidwait_close(struct pidwait *w);

/* Where pidfd_open(2) fails with ENOSYS (Linux before 5.3; valgrind),
 * pidwait_open falls back to checking each process in turn: waitpid for
 * our children, kill(pid, 0) and /proc/PID/stat (a zombie has exited)
 * for the others, with naps of 1 ms growing to 50 ms in between. The
 * fallback can be taken by a process that a recycled PID now names; a
 * pidfd cannot. on forces the fallback (the tests use it). */
void pidwait_use_polling(bool on);

/* The process (thread group) that thread tid belongs to, from /proc, or 0. */
pid_t pidwait_thread_group(pid_t tid);

#endif
