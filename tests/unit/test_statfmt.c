/* The GNU stat format language: directives on a made-up file, seconds
 * with fractions, backslash escapes, %N. (gnulib's quoting styles are
 * test_quote.c's.) */
#include "stat/statfmt.h"

#include "unit.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

static struct statfmt_file file(mode_t mode)
{
	struct statfmt_file f = {.name = "f", .fd = -1};
	f.st.st_mode = mode;
	f.st.st_size = 1234;
	f.st.st_nlink = 2;
	f.st.st_ino = 4242;
	f.st.st_dev = makedev(254, 3);
	f.st.st_rdev = makedev(1, 0x13);
	f.st.st_blocks = 8;
	f.st.st_blksize = 4096;
	f.st.st_mtim = (struct timespec){1700000000, 123456789};
	f.st.st_atim = (struct timespec){-2, 750000000};
	f.st.st_ctim = (struct timespec){0, 5};
	return f;
}

/* The output of format on f (-c: a newline follows). */
static char *fmt_file(const char *format, const struct statfmt_file *f, bool escapes)
{
	static struct buf b;
	struct statfmt fmt = {
	    .format = format, .escapes = escapes, .trailer = "", .qs = QS_SHELL_ESCAPE_ALWAYS};
	b.len = 0;
	int r = statfmt_file(&b, &fmt, f);
	ck_assert_int_eq(r, STATFMT_OK);
	buf_putc(&b, 0);
	return b.p;
}

#define FILE_IS(format, f, want) ck_assert_str_eq(fmt_file(format, f, false), want)

START_TEST(numbers_and_flags)
{
	struct statfmt_file f = file(S_IFREG | 04755);
	FILE_IS("%s %i %h %b %B %o", &f, "1234 4242 2 8 512 4096");
	FILE_IS("%a %#a %04a %f %#f", &f, "4755 04755 4755 89ed 0x89ed");
	FILE_IS("%A|%F", &f, "-rwsr-xr-x|regular file");
	FILE_IS("%d %D %Hd %Ld", &f, "65027 fe03 254 3");
	FILE_IS("%-6s|%6s|%06s|%+s|% s", &f, "1234  |  1234|001234|+1234| 1234");
	FILE_IS("%+i|% i|%#i", &f, "4242|4242|4242"); /* unsigned: no sign, no # */
	FILE_IS("%010A|%-12F|%.3F", &f, "-rwsr-xr-x|regular file|reg");
	FILE_IS("%q|%H|%Hq|%%|%", &f, "?|?|?q|%|%");
}
END_TEST

START_TEST(devices)
{
	struct statfmt_file f = file(S_IFCHR | 0666);
	FILE_IS("%r %R %Hr %Lr %t %T", &f, "275 113 1 19 1 13");
	FILE_IS("%F|%A", &f, "character special file|crw-rw-rw-");
	f = file(S_IFBLK | 0660);
	FILE_IS("%F", &f, "block special file");
	f = file(S_IFREG);
	f.st.st_size = 0;
	FILE_IS("%F", &f, "regular empty file");
}
END_TEST

START_TEST(times)
{
	struct statfmt_file f = file(S_IFREG | 0644);
	FILE_IS("%y", &f, "2023-11-14 22:13:20.123456789 +0000");
	FILE_IS("%Y %.3Y %.Y %.12Y", &f,
	        "1700000000 1700000000.123 1700000000.123456789 1700000000.123456789000");
	FILE_IS("%15.2Y|%-15.2Y|%015.2Y|%+.1Y", &f,
	        "  1700000000.12|1700000000.12  |001700000000.12|+1700000000.1");
	FILE_IS("%X %.1X %.2X %x", &f, "-2 -1.2 -1.25 1969-12-31 23:59:58.750000000 +0000");
	FILE_IS("%Z %.9Z", &f, "0 0.000000005");
	FILE_IS("%w %W %.3W", &f, "- 0 0.000");
	f.has_btime = true;
	f.btime = (struct timespec){1, 500000000};
	FILE_IS("%w|%W|%.1W", &f, "1970-01-01 00:00:01.500000000 +0000|1|1.5");
	/* Years padded to four characters as GNU's nstrftime does. */
	f.st.st_mtim = (struct timespec){-30628713600, 0};
	FILE_IS("%y", &f, "0999-06-01 00:00:00.000000000 +0000");
	f.st.st_mtim = (struct timespec){-62293449600, 0};
	FILE_IS("%y", &f, "-004-01-01 00:00:00.000000000 +0000");
	/* Past what struct tm holds: the seconds, as GNU. */
	f.st.st_mtim = (struct timespec){9223372036854775807LL, 7};
	FILE_IS("%y", &f, "9223372036854775807.000000007");
}
END_TEST

/* Seconds with a fraction (%.NY and the like) as GNU prints them. */
static const struct epoch_case {
	const char *spec;
	long long sec;
	long nsec;
	const char *want;
} epochs[] = {
    /* negative, near zero: the sign stays */
    {"%.1", -1, 750000000, "-0.2"},
    {"%05.1", -1, 750000000, "-00.2"},
    {"%12.9", 5, 1, " 5.000000001"},
    /* The width too small for the fraction: GNU pads after it. */
    {"%12.9", 1700000000, 1, "1700000000.000000001        "},
};

START_TEST(epoch)
{
	for (size_t i = 0; i < UNIT_LEN(epochs); i++) {
		const struct epoch_case *c = &epochs[i];
		struct buf b = {0};
		statfmt_epoch(&b, c->spec, strlen(c->spec), c->sec, c->nsec);
		ck_assert_msg(strcmp(buf_str(&b), c->want) == 0,
		              "%s of %lld.%09ld: \"%s\", want \"%s\"", c->spec, c->sec, c->nsec,
		              buf_str(&b), c->want);
		buf_free(&b);
	}
}
END_TEST

/* Backslash escapes in --printf (escapes) and their absence in -c. */
static const struct escape_case {
	const char *format;
	bool escapes;
	const char *want;
} escapes[] = {
    {"a\\tb\\n\\101\\x41\\x4a4\\\\\\\"", true, "a\tb\nAAJ4\\\""},
    {"\\0", true, ""},
    {"\\e\\a", true, "\x1b\a"},
    {"a\\tb", false, "a\\tb"},
    {"\\a\\b\\f\\n\\r\\t\\v", true, "\a\b\f\n\r\t\v"},
    {"\\e|\\\"|\\\\", true, "\x1b|\"|\\"},
    /* unrecognized: the letter itself, with a warning */
    {"\\q\\E", true, "qE"},
};

START_TEST(escape)
{
	for (size_t i = 0; i < UNIT_LEN(escapes); i++) {
		const struct escape_case *c = &escapes[i];
		struct statfmt_file f = file(S_IFREG | 0644);
		const char *got = fmt_file(c->format, &f, c->escapes);
		ck_assert_msg(strcmp(got, c->want) == 0, "%s: \"%s\", want \"%s\"", c->format, got,
		              c->want);
	}
}
END_TEST

/* %N: quoted_name and statfmt_readlink on a real link; %U %G of ids
 * without names. */
START_TEST(quoted_link)
{
	char dir[] = "/tmp/osbox-test-statfmt.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char link[64];
	snprintf(link, sizeof link, "%s/l", dir);
	ck_assert_int_eq(symlink("a b\nc", link), 0);
	struct statfmt_file f = file(S_IFLNK | 0777);
	f.name = link;
	char want[128];
	snprintf(want, sizeof want, "'%s' -> 'a b'$'\\n''c'", link);
	FILE_IS("%N", &f, want);
	snprintf(want, sizeof want, "%s -> a b\nc", link);
	struct buf b = {0};
	struct statfmt fmt = {.format = "%N", .trailer = "", .qs = QS_LITERAL};
	ck_assert_int_eq(statfmt_file(&b, &fmt, &f), STATFMT_OK);
	ck_assert_str_eq(buf_str(&b), want);
	ck_assert(statfmt_readlink(&b, link));
	ck_assert_str_eq(buf_str(&b), "a b\nc");
	ck_assert_int_eq(unlink(link), 0);
	ck_assert(!statfmt_readlink(&b, link));
	buf_truncate(&b, 0);
	ck_assert_int_eq(statfmt_file(&b, &fmt, &f), STATFMT_FAILED);
	ck_assert_str_eq(buf_str(&b), link); /* the name, then nothing */
	buf_free(&b);
	ck_assert_int_eq(rmdir(dir), 0);

	f = file(S_IFREG | 0644);
	f.st.st_uid = 3999999999u;
	f.st.st_gid = 3999999999u;
	FILE_IS("%U %G %u", &f, "UNKNOWN UNKNOWN 3999999999");
	f.st.st_uid = 0;
	f.st.st_gid = 0;
	FILE_IS("%U %G", &f, "root root");
}
END_TEST

/* A whole format with its trailer: an invalid directive ends it, what
 * came before staying; else the trailer follows. */
static const struct run_case {
	const char *format;
	int status;
	const char *out;
} runs[] = {
    {"x%-%y", STATFMT_INVALID, "x"},
    {"%s", STATFMT_OK, "1234\n"},
};

START_TEST(run)
{
	for (size_t i = 0; i < UNIT_LEN(runs); i++) {
		const struct run_case *c = &runs[i];
		struct statfmt_file f = file(S_IFREG | 0644);
		struct statfmt fmt = {.format = c->format, .trailer = "\n"};
		struct buf b = {0};
		int st = statfmt_file(&b, &fmt, &f);
		ck_assert_msg(st == c->status, "%s: status %d, want %d", c->format, st, c->status);
		ck_assert_msg(b.len == strlen(c->out) && memcmp(b.p, c->out, b.len) == 0,
		              "%s: \"%.*s\", want \"%s\"", c->format, (int)b.len, b.p, c->out);
		buf_free(&b);
	}
}
END_TEST

START_TEST(file_systems)
{
	struct statfs sf = {0};
	sf.f_type = 0xEF53;
	sf.f_bsize = 4096;
	sf.f_blocks = 100;
	sf.f_bfree = 50;
	sf.f_bavail = 40;
	sf.f_files = 10;
	sf.f_ffree = 5;
	sf.f_namelen = 255;
	sf.f_fsid.__val[0] = 0x12;
	sf.f_fsid.__val[1] = 0x34;
	struct statfmt fmt = {.format = "%n %t %T %s %S %b %f %a %c %d %l %i %+b %+c %Hd %q"};
	struct buf b = {0};
	ck_assert_int_eq(statfmt_fs(&b, &fmt, "/x", &sf), STATFMT_OK);
	ck_assert_str_eq(b.p,
	                 "/x ef53 ext2/ext3 4096 4096 100 50 40 10 5 255 1200000034 +100 10 ?d ?");
	char buf[32];
	ck_assert_str_eq(fstype_name(0x9FA0, buf), "proc");
	ck_assert_str_eq(fstype_name(0x1234567, buf), "UNKNOWN (0x1234567)");
	buf_free(&b);
}
END_TEST

START_TEST(defaults)
{
	ck_assert_ptr_nonnull(strstr(statfmt_default(false, false, false, false), "Links: %h\n"));
	ck_assert_ptr_nonnull(
	    strstr(statfmt_default(false, false, true, false), "Device type: %Hr,%Lr\n"));
	ck_assert_str_eq(statfmt_default(false, true, false, false),
	                 "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n");
	ck_assert_str_eq(statfmt_default(true, true, false, false),
	                 "%n %i %l %t %s %S %b %f %a %c %d\n");
	ck_assert_str_eq(ftype_describe(S_IFSOCK, 0), "socket");
	ck_assert_str_eq(ftype_describe(S_IFLNK, 3), "symbolic link");
}
END_TEST

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
	Suite *s = suite_create("statfmt");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, numbers_and_flags);
	tcase_add_test(tc, devices);
	tcase_add_test(tc, times);
	tcase_add_test(tc, epoch);
	tcase_add_test(tc, escape);
	tcase_add_test(tc, quoted_link);
	tcase_add_test(tc, run);
	tcase_add_test(tc, file_systems);
	tcase_add_test(tc, defaults);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
