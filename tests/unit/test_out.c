/* Unit tests for core/out.c: output is held until the buffer fills or is
 * flushed, and comes out whole and in order across the buffer's size;
 * out_printf of any length; a write error ends the process with the
 * chosen status and one message, EPIPE ends it quietly; out_discard
 * forgets; on a terminal each line goes out at once, names escaped; with
 * out_hook_stderr, a diagnostic comes after the output printed before it.
 *
 * out.c keeps its state in statics and ends the process on an error, so
 * each case runs in a child of its own (check runs with CK_FORK=no under
 * ctest) with stdout and stderr redirected; the child records what it sees
 * in shared memory, the parent checks. */
#include "osbox/out.h"

#include "unit.h"

#include <check.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* More than out.c's buffer (64 KiB) holds. */
#define BIG (200 * 1024)

/* Where the child's stdout goes. */
enum target { TO_FILE, TO_FULL, TO_CLOSED, TO_BROKEN_PIPE, TO_TTY, TO_STDERR };

/* What a child saw, in memory shared with the parent. */
struct seen {
	long size[8];  /* stdout's size at points the case chooses */
	char tty[256]; /* what the terminal showed (TO_TTY) */
	size_t ttylen;
	int reached; /* the case got past its last statement */
};
static struct seen *seen;

/* What the child did: its wait status, stdout (TO_FILE) and stderr. */
struct run {
	int status;
	char *out;
	size_t outlen;
	char err[1024];
};

static int tty_master = -1;

/* stdout's size so far (TO_FILE): what out.c has written. */
static long written(void)
{
	struct stat st;
	return fstat(STDOUT_FILENO, &st) == 0 ? (long)st.st_size : -1;
}

static char *read_all(int fd, size_t *len)
{
	size_t n = 0, cap = BIG * 2;
	char *p = malloc(cap + 1);
	ck_assert_ptr_nonnull(p);
	ssize_t r;
	lseek(fd, 0, SEEK_SET);
	while (n < cap && (r = read(fd, p + n, cap - n)) > 0)
		n += (size_t)r;
	p[n] = 0;
	*len = n;
	return p;
}

/* A terminal in raw mode (no \n -> \r\n), its slave on stdout. */
static void open_tty(void)
{
	tty_master = posix_openpt(O_RDWR | O_NOCTTY);
	if (tty_master < 0 || grantpt(tty_master) < 0 || unlockpt(tty_master) < 0)
		_exit(90);
	int s = open(ptsname(tty_master), O_RDWR | O_NOCTTY);
	struct termios t;
	if (s < 0 || tcgetattr(s, &t) < 0)
		_exit(91);
	cfmakeraw(&t);
	if (tcsetattr(s, TCSANOW, &t) < 0 || dup2(s, STDOUT_FILENO) < 0)
		_exit(92);
	close(s);
}

/* What the terminal shows (TO_TTY), added to seen->tty: waits up to ms
 * for the first bytes, then takes what follows at once. */
static void tty_shown(int ms)
{
	struct pollfd p = {.fd = tty_master, .events = POLLIN};
	while (seen->ttylen < sizeof seen->tty - 1 && poll(&p, 1, ms) == 1) {
		ms = 50;
		ssize_t r =
		    read(tty_master, seen->tty + seen->ttylen, sizeof seen->tty - 1 - seen->ttylen);
		if (r <= 0)
			break;
		seen->ttylen += (size_t)r;
	}
}

/* Runs body in a child with stdout on target, then out_close() and exit
 * 0, as osbox's main() ends an applet. */
static struct run go(enum target target, void (*body)(void))
{
	struct run r;
	memset(&r, 0, sizeof r);
	memset(seen, 0, sizeof *seen);
	for (size_t i = 0; i < sizeof seen->size / sizeof seen->size[0]; i++)
		seen->size[i] = -2;
	const char *tmp = getenv("TMPDIR");
	char outname[4096], errname[4096];
	snprintf(outname, sizeof outname, "%s/osbox-test-out.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	snprintf(errname, sizeof errname, "%s/osbox-test-err.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int outfd = mkstemp(outname), errfd = mkstemp(errname);
	ck_assert_int_ge(outfd, 0);
	ck_assert_int_ge(errfd, 0);
	unlink(outname);
	unlink(errname);
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(errfd, STDERR_FILENO);
		signal(SIGPIPE, SIG_DFL);
		int p[2];
		switch (target) {
		case TO_FILE:
			dup2(outfd, STDOUT_FILENO);
			break;
		case TO_FULL:
			p[0] = open("/dev/full", O_WRONLY);
			if (p[0] < 0 || dup2(p[0], STDOUT_FILENO) < 0)
				_exit(93);
			close(p[0]);
			break;
		case TO_CLOSED:
			close(STDOUT_FILENO);
			break;
		case TO_BROKEN_PIPE:
			/* The reader is gone before anything is written. */
			if (pipe(p) < 0 || dup2(p[1], STDOUT_FILENO) < 0)
				_exit(94);
			close(p[0]);
			close(p[1]);
			break;
		case TO_TTY:
			open_tty();
			break;
		case TO_STDERR: /* 2>&1: both in r.err */
			dup2(errfd, STDOUT_FILENO);
			break;
		}
		body();
		seen->reached = 1;
		out_close();
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &r.status, 0), pid);
	r.out = read_all(outfd, &r.outlen);
	size_t n;
	char *e = read_all(errfd, &n);
	snprintf(r.err, sizeof r.err, "%s", e);
	free(e);
	close(outfd);
	close(errfd);
	return r;
}

static void exited_with(const struct run *r, int want)
{
	ck_assert_msg(WIFEXITED(r->status) && WEXITSTATUS(r->status) == want,
	              "wait status %#x, expected exit status %d (stderr: %s)", r->status, want,
	              r->err);
}

/* A string of n bytes that shows where each byte came from. */
static char *pattern(size_t n, unsigned seed)
{
	char *p = malloc(n + 1);
	ck_assert_ptr_nonnull(p);
	for (size_t i = 0; i < n; i++)
		p[i] = (char)('a' + (i * 7 + seed) % 26);
	p[n] = 0;
	return p;
}

static void small_body(void)
{
	out_write("ab", 2);
	out_putc('c');
	out_puts("def");
	out_printf("%d-%s|", 42, "x");
	seen->size[0] = written();
	out_flush();
	seen->size[1] = written();
	out_puts("tail\n");
	seen->size[2] = written();
}

START_TEST(small_output_waits_for_flush)
{
	struct run r = go(TO_FILE, small_body);
	exited_with(&r, 0);
	ck_assert_int_eq(seen->size[0], 0);
	ck_assert_int_eq(seen->size[1], 11);
	ck_assert_int_eq(seen->size[2], 11);
	ck_assert_str_eq(r.out, "abcdef42-x|tail\n");
	ck_assert_str_eq(r.err, "");
	free(r.out);
}
END_TEST

static char *want_big;

/* Pieces of every size up to 3000 bytes, past the buffer's size many
 * times over: held at most a buffer's worth, never lost or reordered. */
static void pieces_body(void)
{
	size_t off = 0, k = 1, i = 0;
	while (off < BIG) {
		size_t n = k < BIG - off ? k : BIG - off;
		if (n == 1)
			out_putc(want_big[off]);
		else
			out_write(want_big + off, n);
		off += n;
		k = (k * 31 + 7) % 3000 + 1;
		if (off >= 100 * 1024 && i == 0) {
			seen->size[0] = written();
			seen->size[1] = (long)off;
			i = 1;
		}
	}
}

START_TEST(pieces_across_the_buffer)
{
	want_big = pattern(BIG, 1);
	struct run r = go(TO_FILE, pieces_body);
	exited_with(&r, 0);
	ck_assert_uint_eq(r.outlen, BIG);
	ck_assert(memcmp(r.out, want_big, BIG) == 0);
	/* At 100 KiB given, more than a buffer's worth must be out, and
	 * nothing written that was not given yet. */
	ck_assert_int_le(seen->size[0], seen->size[1]);
	ck_assert_int_ge(seen->size[0], seen->size[1] - 64 * 1024);
	free(r.out);
	free(want_big);
}
END_TEST

/* A write larger than the buffer, after something buffered: both out, in
 * order, before the next write. */
static void large_body(void)
{
	out_puts("head");
	out_write(want_big, BIG);
	seen->size[0] = written();
	out_putc('!');
}

START_TEST(one_large_write)
{
	want_big = pattern(BIG, 2);
	struct run r = go(TO_FILE, large_body);
	exited_with(&r, 0);
	ck_assert_int_eq(seen->size[0], BIG + 4);
	ck_assert_uint_eq(r.outlen, BIG + 5);
	ck_assert(memcmp(r.out, "head", 4) == 0);
	ck_assert(memcmp(r.out + 4, want_big, BIG) == 0);
	ck_assert_int_eq(r.out[BIG + 4], '!');
	free(r.out);
	free(want_big);
}
END_TEST

/* out_putc alone, byte by byte, across the buffer's size. */
static void putc_body(void)
{
	for (size_t i = 0; i < BIG; i++)
		out_putc(want_big[i]);
}

START_TEST(putc_across_the_buffer)
{
	want_big = pattern(BIG, 3);
	struct run r = go(TO_FILE, putc_body);
	exited_with(&r, 0);
	ck_assert_uint_eq(r.outlen, BIG);
	ck_assert(memcmp(r.out, want_big, BIG) == 0);
	free(r.out);
	free(want_big);
}
END_TEST

static void vprint(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_vprintf(fmt, ap);
	va_end(ap);
}

/* out_printf up to, at and past its stack buffer's size (511, 512, 513
 * bytes) and past out.c's buffer. */
static void printf_body(void)
{
	out_printf("[%5d|%-3s|%x]", 7, "a", 255);
	out_printf("%s", "");
	out_printf("<%s>", want_big + BIG - 509);
	out_printf("<%s>", want_big + BIG - 510);
	out_printf("<%s>", want_big + BIG - 511);
	out_printf("<%s>", want_big + BIG - 3000);
	out_printf("<%s>", want_big);
	vprint("{%s:%ld}", "v", 123456789012L);
}

START_TEST(printf_any_length)
{
	want_big = pattern(BIG, 4);
	struct run r = go(TO_FILE, printf_body);
	exited_with(&r, 0);
	size_t n = 0;
	char *want = malloc(2 * BIG);
	ck_assert_ptr_nonnull(want);
	n += (size_t)sprintf(want + n, "[%5d|%-3s|%x]", 7, "a", 255);
	n += (size_t)sprintf(want + n, "<%s>", want_big + BIG - 509);
	n += (size_t)sprintf(want + n, "<%s>", want_big + BIG - 510);
	n += (size_t)sprintf(want + n, "<%s>", want_big + BIG - 511);
	n += (size_t)sprintf(want + n, "<%s>", want_big + BIG - 3000);
	n += (size_t)sprintf(want + n, "<%s>", want_big);
	n += (size_t)sprintf(want + n, "{%s:%ld}", "v", 123456789012L);
	ck_assert_uint_eq(r.outlen, n);
	ck_assert(memcmp(r.out, want, n) == 0);
	free(want);
	free(r.out);
	free(want_big);
}
END_TEST

static void discard_body(void)
{
	out_puts("forgotten");
	out_discard();
	out_puts("kept\n");
}

START_TEST(discard_forgets)
{
	struct run r = go(TO_FILE, discard_body);
	exited_with(&r, 0);
	ck_assert_str_eq(r.out, "kept\n");
	free(r.out);
}
END_TEST

/* Discarding after a flush takes back nothing already written. */
static void discard_after_flush_body(void)
{
	out_puts("written ");
	out_flush();
	out_puts("forgotten");
	out_discard();
}

START_TEST(discard_after_flush)
{
	struct run r = go(TO_FILE, discard_after_flush_body);
	exited_with(&r, 0);
	ck_assert_str_eq(r.out, "written ");
	free(r.out);
}
END_TEST

static void line_body(void)
{
	out_puts("line\n");
}

/* A write error is found when the buffer is written at the end: one
 * message with strerror's text, status 1 (GNU's) or the applet's own. */
START_TEST(write_error_at_close)
{
	struct run r = go(TO_FULL, line_body);
	exited_with(&r, 1);
	ck_assert_str_eq(r.err, "test_out: write error: No space left on device\n");
	free(r.out);
}
END_TEST

static void status_125_body(void)
{
	out_set_error_status(125);
	out_puts("line\n");
}

START_TEST(write_error_status_chosen)
{
	struct run r = go(TO_FULL, status_125_body);
	exited_with(&r, 125);
	ck_assert_str_eq(r.err, "test_out: write error: No space left on device\n");
	free(r.out);
}
END_TEST

/* A write that fails mid-run ends the process there and then. */
static void error_midway_body(void)
{
	out_write(want_big, BIG);
	fputs("went on\n", stderr);
}

START_TEST(write_error_ends_at_once)
{
	want_big = pattern(BIG, 5);
	struct run r = go(TO_FULL, error_midway_body);
	exited_with(&r, 1);
	ck_assert_str_eq(r.err, "test_out: write error: No space left on device\n");
	ck_assert_int_eq(seen->reached, 0);
	free(r.out);
	free(want_big);
}
END_TEST

START_TEST(stdout_closed)
{
	struct run r = go(TO_CLOSED, line_body);
	exited_with(&r, 1);
	ck_assert_str_eq(r.err, "test_out: write error: Bad file descriptor\n");
	free(r.out);
}
END_TEST

/* Nothing to write: nothing to fail, even with stdout closed. */
static void nothing_body(void)
{
}

START_TEST(nothing_written_nothing_fails)
{
	struct run r = go(TO_CLOSED, nothing_body);
	exited_with(&r, 0);
	ck_assert_str_eq(r.err, "");
	free(r.out);
}
END_TEST

/* A closed pipe: SIGPIPE's default action ends the process, quietly (as
 * osbox's main() leaves it). */
START_TEST(closed_pipe_sigpipe)
{
	struct run r = go(TO_BROKEN_PIPE, line_body);
	ck_assert_msg(WIFSIGNALED(r.status) && WTERMSIG(r.status) == SIGPIPE, "wait status %#x",
	              r.status);
	ck_assert_str_eq(r.err, "");
	free(r.out);
}
END_TEST

/* With SIGPIPE ignored, EPIPE: the applet's status, and still no message
 * (GNU tools say nothing of a closed pipe either). */
static void epipe_body(void)
{
	signal(SIGPIPE, SIG_IGN);
	out_set_error_status(125);
	out_write(want_big, BIG);
	fputs("went on\n", stderr);
}

START_TEST(closed_pipe_epipe_quiet)
{
	want_big = pattern(BIG, 6);
	struct run r = go(TO_BROKEN_PIPE, epipe_body);
	exited_with(&r, 125);
	ck_assert_str_eq(r.err, "");
	ck_assert_int_eq(seen->reached, 0);
	free(r.out);
	free(want_big);
}
END_TEST

static void epipe_at_close_body(void)
{
	signal(SIGPIPE, SIG_IGN);
	out_puts("line\n");
}

START_TEST(closed_pipe_epipe_at_close)
{
	struct run r = go(TO_BROKEN_PIPE, epipe_at_close_body);
	exited_with(&r, 1);
	ck_assert_str_eq(r.err, "");
	free(r.out);
}
END_TEST

/* On a terminal a write that holds a newline goes out at once, and so
 * does out_putc('\n'); text without one waits. */
static void tty_body(void)
{
	seen->size[0] = out_isatty();
	out_write("one\ntw", 6);
	tty_shown(2000);
	seen->size[1] = (long)seen->ttylen;
	out_puts("o");
	out_putc('\n');
	tty_shown(2000);
	seen->size[2] = (long)seen->ttylen;
	out_puts("no newline");
	tty_shown(200);
	out_discard();
}

START_TEST(tty_line_at_once)
{
	struct run r = go(TO_TTY, tty_body);
	exited_with(&r, 0);
	ck_assert_int_eq(seen->size[0], 1);
	ck_assert_int_eq(seen->size[1], 6);
	ck_assert_int_eq(seen->size[2], 8);
	seen->tty[seen->ttylen] = 0;
	ck_assert_str_eq(seen->tty, "one\ntwo\n");
	free(r.out);
}
END_TEST

/* out_name: raw bytes into a file; escaped as GNU ls -b does on a
 * terminal. */
static void name_body(void)
{
	seen->size[0] = out_isatty();
	out_name("a\nb\tc\001\377d", 8);
	out_putc('\n');
	out_name("plain", 5);
	out_putc('\n');
	if (seen->size[0]) {
		tty_shown(200);
		out_discard();
	}
}

START_TEST(name_raw_into_a_file)
{
	struct run r = go(TO_FILE, name_body);
	exited_with(&r, 0);
	ck_assert_int_eq(seen->size[0], 0);
	ck_assert_uint_eq(r.outlen, 15);
	ck_assert(memcmp(r.out, "a\nb\tc\001\377d\nplain\n", 15) == 0);
	free(r.out);
}
END_TEST

START_TEST(name_escaped_on_a_tty)
{
	struct run r = go(TO_TTY, name_body);
	exited_with(&r, 0);
	seen->tty[seen->ttylen] = 0;
	ck_assert_str_eq(seen->tty, "a\\nb\\tc\\001\\377d\nplain\n");
	free(r.out);
}
END_TEST

/* out_hook_stderr: each diagnostic, by warn(3) or by fprintf(stderr),
 * follows the output printed before it in a merged stream (2>&1). */
static void merged_body(void)
{
	out_hook_stderr();
	out_puts("one\n");
	warnx("two");
	out_puts("three\n");
	errno = ENOENT;
	warn("f");
	out_puts("four");
	fprintf(stderr, "five\n");
	out_puts("six\n");
}

START_TEST(diagnostic_after_output)
{
	struct run r = go(TO_STDERR, merged_body);
	exited_with(&r, 0);
	char want[512];
	const char *p = program_invocation_short_name;
	snprintf(want, sizeof want,
	         "one\n%s: two\nthree\n%s: f: No such file or directory\nfourfive\nsix\n", p, p);
	ck_assert_str_eq(r.err, want);
	free(r.out);
}
END_TEST

/* A flush that fails inside a diagnostic is reported after it, at close,
 * with the write-error status; the diagnostic itself still goes out. */
static void merged_full_body(void)
{
	out_hook_stderr();
	out_set_error_status(3);
	out_puts("lost");
	warnx("diag");
	out_puts("more");
}

START_TEST(diagnostic_flush_fails)
{
	struct run r = go(TO_FULL, merged_full_body);
	exited_with(&r, 3);
	ck_assert_int_eq(seen->reached, 1);
	char want[512];
	const char *p = program_invocation_short_name;
	snprintf(want, sizeof want, "%s: diag\n%s: write error: No space left on device\n", p, p);
	ck_assert_str_eq(r.err, want);
	free(r.out);
}
END_TEST

/* Without output waiting, a diagnostic writes only itself. */
static void merged_empty_body(void)
{
	out_hook_stderr();
	warnx("alone");
	out_puts("after\n");
}

START_TEST(diagnostic_nothing_waiting)
{
	struct run r = go(TO_STDERR, merged_empty_body);
	exited_with(&r, 0);
	char want[512];
	snprintf(want, sizeof want, "%s: alone\nafter\n", program_invocation_short_name);
	ck_assert_str_eq(r.err, want);
	free(r.out);
}
END_TEST

int main(void)
{
	seen = mmap(NULL, sizeof *seen, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (seen == MAP_FAILED)
		return 1;
	Suite *s = suite_create("out");
	TCase *tb = tcase_create("buffer");
	tcase_add_test(tb, small_output_waits_for_flush);
	tcase_add_test(tb, pieces_across_the_buffer);
	tcase_add_test(tb, one_large_write);
	tcase_add_test(tb, putc_across_the_buffer);
	tcase_add_test(tb, printf_any_length);
	tcase_add_test(tb, discard_forgets);
	tcase_add_test(tb, discard_after_flush);
	suite_add_tcase(s, tb);
	TCase *te = tcase_create("errors");
	tcase_add_test(te, write_error_at_close);
	tcase_add_test(te, write_error_status_chosen);
	tcase_add_test(te, write_error_ends_at_once);
	tcase_add_test(te, stdout_closed);
	tcase_add_test(te, nothing_written_nothing_fails);
	tcase_add_test(te, closed_pipe_sigpipe);
	tcase_add_test(te, closed_pipe_epipe_quiet);
	tcase_add_test(te, closed_pipe_epipe_at_close);
	suite_add_tcase(s, te);
	TCase *tt = tcase_create("terminal");
	tcase_add_test(tt, tty_line_at_once);
	tcase_add_test(tt, name_raw_into_a_file);
	tcase_add_test(tt, name_escaped_on_a_tty);
	tcase_add_test(tt, diagnostic_after_output);
	tcase_add_test(tt, diagnostic_flush_fails);
	tcase_add_test(tt, diagnostic_nothing_waiting);
	suite_add_tcase(s, tt);
	return unit_run(s);
}
