/* Shared by the unit tests: the end of every main(). */
#ifndef OSBOX_TESTS_UNIT_H
#define OSBOX_TESTS_UNIT_H

#include <check.h>

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

#endif
