/* Unit tests for applets/waitpid/pidwait.c: waiting through pidfds (and
 * by polling where there are none), for children and for processes that
 * are not ours. core/child.c has its own, in test_child.c. */
#include "waitpid/pidwait.h"

#include "unit.h"

#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

START_TEST(test_no_such_process)
{
	struct pidwait w;
	ck_assert_int_eq(pidwait_open(&w, 0x3fffffff), -1);
	ck_assert_int_eq(errno, ESRCH);
}
END_TEST

START_TEST(test_child_status)
{
	int rel;
	pid_t pid = blocked_child(&rel, 7);
	struct pidwait w;
	ck_assert_int_eq(pidwait_open(&w, pid), 0);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* The deadline is already here: nothing has exited. */
	ck_assert_int_eq(pidwait_poll(&w, 1, &now), 0);
	ck_assert(!w.exited);
	close(rel);
	ck_assert_int_eq(pidwait_poll(&w, 1, NULL), 1);
	ck_assert(w.exited);
	ck_assert(w.child);
	ck_assert(WIFEXITED(w.status));
	ck_assert_int_eq(WEXITSTATUS(w.status), 7);
	ck_assert_int_eq(w.fd, -1);
	/* Reaped: nothing left to wait for. */
	ck_assert_int_eq(waitpid(pid, NULL, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
	/* Everything has exited: no blocking. */
	ck_assert_int_eq(pidwait_poll(&w, 1, NULL), 0);
}
END_TEST

START_TEST(test_killed_child)
{
	int rel;
	pid_t pid = blocked_child(&rel, 0);
	struct pidwait w;
	ck_assert_int_eq(pidwait_open(&w, pid), 0);
	kill(pid, SIGKILL);
	ck_assert_int_eq(pidwait_poll(&w, 1, NULL), 1);
	ck_assert(w.child);
	ck_assert(WIFSIGNALED(w.status));
	ck_assert_int_eq(WTERMSIG(w.status), SIGKILL);
	close(rel);
}
END_TEST

START_TEST(test_not_a_child)
{
	/* A forks B and does not reap it; we wait for B. */
	int pids[2], rel[2];
	ck_assert_int_eq(pipe(pids), 0);
	ck_assert_int_eq(pipe(rel), 0);
	pid_t a = fork();
	ck_assert_int_ge(a, 0);
	if (a == 0) {
		char c;
		pid_t b = fork();
		if (b == 0) {
			close(rel[1]);
			(void)read(rel[0], &c, 1);
			_exit(5);
		}
		(void)write(pids[1], &b, sizeof b);
		close(rel[0]);
		close(rel[1]);
		pause();
		_exit(0);
	}
	close(rel[0]);
	pid_t b;
	ck_assert_int_eq(read(pids[0], &b, sizeof b), (ssize_t)sizeof b);
	struct pidwait w[2];
	ck_assert_int_eq(pidwait_open(&w[0], a), 0);
	ck_assert_int_eq(pidwait_open(&w[1], b), 0);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ck_assert_int_eq(pidwait_poll(w, 2, &now), 0);
	close(rel[1]);
	ck_assert_int_eq(pidwait_poll(w, 2, NULL), 1);
	ck_assert(!w[0].exited);
	ck_assert(w[1].exited);
	ck_assert(!w[1].child);
	kill(a, SIGKILL);
	ck_assert_int_eq(pidwait_poll(w, 2, NULL), 1);
	ck_assert(w[0].exited);
	ck_assert(w[0].child);
	ck_assert_int_eq(WTERMSIG(w[0].status), SIGKILL);
	close(pids[0]);
	close(pids[1]);
}
END_TEST

static void polling_on(void)
{
	pidwait_use_polling(true);
}

static void polling_off(void)
{
	pidwait_use_polling(false);
}

static void *park(void *arg)
{
	int *tid = arg;
	__atomic_store_n(tid, (int)gettid(), __ATOMIC_SEQ_CST);
	pause();
	return NULL;
}

START_TEST(test_thread)
{
	/* A thread other than the leader is not a process to wait for. */
	int tid = 0;
	pthread_t t;
	ck_assert_int_eq(pthread_create(&t, NULL, park, &tid), 0);
	while (__atomic_load_n(&tid, __ATOMIC_SEQ_CST) == 0)
		sched_yield();
	struct pidwait w;
	ck_assert_int_eq(pidwait_open(&w, tid), -1);
	ck_assert(errno == EINVAL || errno == ENOENT);
	ck_assert_int_eq(pidwait_thread_group(tid), getpid());
	ck_assert_int_eq(pidwait_open(&w, 0), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(test_deadline)
{
	/* A deadline 30 ms ahead passes with the child still running. */
	int rel;
	pid_t pid = blocked_child(&rel, 3);
	struct pidwait w;
	ck_assert_int_eq(pidwait_open(&w, pid), 0);
	struct timespec start, dl, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	dl = start;
	dl.tv_nsec += 30000000L;
	if (dl.tv_nsec >= 1000000000L) {
		dl.tv_nsec -= 1000000000L;
		dl.tv_sec++;
	}
	ck_assert_int_eq(pidwait_poll(&w, 1, &dl), 0);
	clock_gettime(CLOCK_MONOTONIC, &end);
	long ms = (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1000000;
	ck_assert_int_ge(ms, 29);
	ck_assert(!w.exited);
	close(rel);
	ck_assert_int_eq(pidwait_poll(&w, 1, NULL), 1);
	ck_assert_int_eq(WEXITSTATUS(w.status), 3);
}
END_TEST

int main(void)
{
	signal(SIGCHLD, SIG_DFL);
	Suite *s = suite_create("pidwait");
	/* The same tests without pidfds, as where pidfd_open is missing. */
	TCase *tp = tcase_create("polling");
	tcase_add_checked_fixture(tp, polling_on, polling_off);
	tcase_add_test(tp, test_no_such_process);
	tcase_add_test(tp, test_child_status);
	tcase_add_test(tp, test_killed_child);
	tcase_add_test(tp, test_not_a_child);
	tcase_add_test(tp, test_thread);
	tcase_add_test(tp, test_deadline);
	suite_add_tcase(s, tp);
	TCase *tc = tcase_create("pidwait");
	tcase_add_test(tc, test_thread);
	tcase_add_test(tc, test_deadline);
	tcase_add_test(tc, test_no_such_process);
	tcase_add_test(tc, test_child_status);
	tcase_add_test(tc, test_killed_child);
	tcase_add_test(tc, test_not_a_child);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
