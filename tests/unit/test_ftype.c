/* ftype: type words, letters, mode strings and -F indicators. */
#include "osbox/ftype.h"

#include "unit.h"

#include <check.h>
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

START_TEST(words)
{
	ck_assert_str_eq(ftype_word(S_IFREG | 0644), "file");
	ck_assert_str_eq(ftype_word(S_IFDIR | 0755), "dir");
	ck_assert_str_eq(ftype_word(S_IFLNK | 0777), "symlink");
	ck_assert_str_eq(ftype_word(S_IFIFO), "fifo");
	ck_assert_str_eq(ftype_word(S_IFSOCK), "socket");
	ck_assert_str_eq(ftype_word(S_IFCHR), "chardev");
	ck_assert_str_eq(ftype_word(S_IFBLK), "blockdev");
	ck_assert_str_eq(ftype_word(0), "unknown");
	ck_assert_str_eq(ftype_word_dt(DT_UNKNOWN), "unknown");
	ck_assert_str_eq(ftype_word_dt(DT_SOCK), "socket");
}
END_TEST

START_TEST(round_trips)
{
	static const unsigned char dts[] = {DT_REG,  DT_DIR, DT_LNK, DT_FIFO,
	                                    DT_SOCK, DT_CHR, DT_BLK};
	for (size_t i = 0; i < sizeof dts; i++) {
		ck_assert_uint_eq(ftype_dt(ftype_ifmt(dts[i])), dts[i]);
		ck_assert_uint_eq(ftype_dt_of_letter(ftype_letter_dt(dts[i])), dts[i]);
	}
	ck_assert_uint_eq(ftype_dt(0), DT_UNKNOWN);
	ck_assert_uint_eq(ftype_ifmt(DT_UNKNOWN), 0);
	ck_assert_int_eq(ftype_letter_dt(DT_UNKNOWN), 0);
	ck_assert_uint_eq(ftype_dt_of_letter('x'), DT_UNKNOWN);
	ck_assert_int_eq(ftype_letter_dt(DT_REG), 'f');
}
END_TEST

START_TEST(modestr)
{
	char b[11];
	ck_assert_str_eq(ftype_modestr(S_IFREG | 0644, b), "-rw-r--r--");
	ck_assert_str_eq(ftype_modestr(S_IFDIR | 0755, b), "drwxr-xr-x");
	ck_assert_str_eq(ftype_modestr(S_IFDIR | 01777, b), "drwxrwxrwt");
	ck_assert_str_eq(ftype_modestr(S_IFDIR | 01776, b), "drwxrwxrwT");
	ck_assert_str_eq(ftype_modestr(S_IFREG | 04755, b), "-rwsr-xr-x");
	ck_assert_str_eq(ftype_modestr(S_IFREG | 06644, b), "-rwSr-Sr--");
	ck_assert_str_eq(ftype_modestr(S_IFLNK | 0777, b), "lrwxrwxrwx");
	ck_assert_str_eq(ftype_modestr(S_IFCHR | 0620, b), "crw--w----");
	ck_assert_str_eq(ftype_modestr(S_IFBLK | 0660, b), "brw-rw----");
	ck_assert_str_eq(ftype_modestr(S_IFIFO | 0600, b), "prw-------");
	ck_assert_str_eq(ftype_modestr(S_IFSOCK | 0777, b), "srwxrwxrwx");
	ck_assert_str_eq(ftype_modestr(0, b), "?---------");
}
END_TEST

START_TEST(indicator)
{
	ck_assert_int_eq(ftype_indicator(S_IFDIR | 0755), '/');
	ck_assert_int_eq(ftype_indicator(S_IFLNK | 0777), '@');
	ck_assert_int_eq(ftype_indicator(S_IFIFO | 0644), '|');
	ck_assert_int_eq(ftype_indicator(S_IFSOCK | 0755), '=');
	ck_assert_int_eq(ftype_indicator(S_IFREG | 0755), '*');
	ck_assert_int_eq(ftype_indicator(S_IFREG | 0001), '*');
	ck_assert_int_eq(ftype_indicator(S_IFREG | 0644), 0);
	ck_assert_int_eq(ftype_indicator(S_IFCHR | 0755), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ftype");
	TCase *tc = tcase_create("ftype");
	tcase_add_test(tc, words);
	tcase_add_test(tc, round_trips);
	tcase_add_test(tc, modestr);
	tcase_add_test(tc, indicator);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
