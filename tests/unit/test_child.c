/* Unit tests for core/child.c: children tied to their parent, killed and
 * reaped together, and the one-byte handshakes that order their output. */
#include "osbox/child.h"
#include "osbox/out.h"

#include "unit.h"

#include <check.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* All that fd gives until EOF, as a string (at most size - 1 bytes). */
static const char *slurp(int fd, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;
	while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = 0;
	return buf;
}

static int wait_for(pid_t pid)
{
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	return st;
}

START_TEST(test_handshake)
{
	int sv[2];
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_eq(child_post(sv[0]), 0);
	ck_assert_int_eq(child_await(sv[1]), 1);
	close(sv[1]);
	ck_assert_int_eq(child_await(sv[0]), 0);
	/* The other end is gone: EPIPE, and no SIGPIPE kills us. */
	ck_assert_int_eq(child_post(sv[0]), -1);
	ck_assert_int_eq(errno, EPIPE);
	close(sv[0]);
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(child_post(p[1]), 0);
	ck_assert_int_eq(child_await(p[0]), 1);
	close(p[0]);
	close(p[1]);
}
END_TEST

/* Errors other than a closed peer come back as -1 with errno. */
START_TEST(test_handshake_errors)
{
	ck_assert_int_eq(child_post(-1), -1);
	ck_assert_int_eq(errno, EBADF);
	ck_assert_int_eq(child_await(-1), -1);
	ck_assert_int_eq(errno, EBADF);
}
END_TEST

START_TEST(test_child_fork_tied)
{
	pid_t pid = child_fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int sig = 0;
		prctl(PR_GET_PDEATHSIG, &sig);
		_exit(sig == SIGKILL ? 0 : 1);
	}
	int st = wait_for(pid);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
}
END_TEST

/* The parent dies: its child_fork child gets SIGKILL, not orphaned. A
 * subreaper (prctl(2), PR_SET_CHILD_SUBREAPER) in between is given the
 * orphan, so it can see how the grandchild ended. */
START_TEST(test_child_dies_with_parent)
{
	pid_t reaper = fork();
	ck_assert_int_ge(reaper, 0);
	if (reaper == 0) {
		if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
			_exit(10);
		int armed[2];
		if (pipe(armed) < 0)
			_exit(10);
		pid_t mid = fork();
		if (mid == 0) {
			pid_t gc = child_fork();
			if (gc == 0) {
				/* Tied by now (child_fork returned): say so.
				 * Not killed, SIGALRM ends it: the test fails. */
				child_post(armed[1]);
				/* (check's own SIGALRM handler kills the
				 * process group.) */
				signal(SIGALRM, SIG_DFL);
				alarm(10);
				pause();
				_exit(0);
			}
			/* The parent ends while its child still runs. */
			_exit(gc > 0 && child_await(armed[0]) == 1 ? 0 : 11);
		}
		int st;
		if (waitpid(mid, &st, 0) != mid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			_exit(12);
		pid_t gc = wait(&st);
		if (gc < 0)
			_exit(13);
		_exit(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL ? 0 : 14);
	}
	int st = wait_for(reaper);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
}
END_TEST

/* child_fork flushes what was buffered first, and the child starts with
 * an empty buffer: what the parent printed comes out once, not twice.
 * Run in a process of its own, with stdout a pipe. */
START_TEST(test_child_fork_output_once)
{
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	pid_t parent = fork();
	ck_assert_int_ge(parent, 0);
	if (parent == 0) {
		dup2(p[1], STDOUT_FILENO);
		close(p[0]);
		close(p[1]);
		out_puts("before\n");
		pid_t pid = child_fork();
		if (pid == 0) {
			out_puts("child\n");
			out_flush();
			_exit(0);
		}
		int st;
		waitpid(pid, &st, 0);
		out_puts("after\n");
		out_close();
		_exit(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1);
	}
	close(p[1]);
	char buf[256];
	ck_assert_str_eq(slurp(p[0], buf, sizeof buf), "before\nchild\nafter\n");
	close(p[0]);
	int st = wait_for(parent);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
}
END_TEST

START_TEST(test_kill_all)
{
	int r1, r2;
	pid_t pids[3] = {blocked_child(&r1, 0), 0, blocked_child(&r2, 0)};
	child_kill_all(pids, 3);
	ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
	close(r1);
	close(r2);
}
END_TEST

/* A child that already exited is still reaped; other children are left
 * alone. */
START_TEST(test_kill_all_only_those)
{
	int r1, r2;
	pid_t done = blocked_child(&r1, 3);
	close(r1);
	siginfo_t si;
	memset(&si, 0, sizeof si);
	ck_assert_int_eq(waitid(P_PID, (id_t)done, &si, WEXITED | WNOWAIT), 0);
	pid_t other = blocked_child(&r2, 5);
	child_kill_all(&done, 1);
	ck_assert_int_eq(waitpid(done, NULL, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
	ck_assert_int_eq(waitpid(other, NULL, WNOHANG), 0);
	close(r2);
	int st = wait_for(other);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 5);
}
END_TEST

int main(void)
{
	signal(SIGCHLD, SIG_DFL);
	Suite *s = suite_create("child");
	TCase *tc = tcase_create("child");
	tcase_add_test(tc, test_handshake);
	tcase_add_test(tc, test_handshake_errors);
	tcase_add_test(tc, test_child_fork_tied);
	tcase_add_test(tc, test_child_dies_with_parent);
	tcase_add_test(tc, test_child_fork_output_once);
	tcase_add_test(tc, test_kill_all);
	tcase_add_test(tc, test_kill_all_only_those);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
