/* Shared by the unit tests: the end of every main(), and small helpers. */
#ifndef OSBOX_TESTS_UNIT_H
#define OSBOX_TESTS_UNIT_H

#include <check.h>
#include <sys/types.h>
#include <unistd.h>

/* The number of elements of array a (a table of cases). */
#define UNIT_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Runs suite s; 0 when every test passed, as ctest reads it. */
static inline int unit_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

/* A child that exits with status st once the pipe whose write end is
 * *release gives a byte or EOF (the pidwait and child tests wait on it). */
static inline pid_t blocked_child(int *release, int st)
{
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char c;
		close(p[1]);
		(void)!read(p[0], &c, 1);
		_exit(st);
	}
	close(p[0]);
	*release = p[1];
	return pid;
}

#endif
