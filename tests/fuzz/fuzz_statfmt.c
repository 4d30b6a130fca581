/* Fuzzes the stat format interpreter: any -c/--printf format, on a fixed
 * file and file system, formats without crashing, and the quoting styles
 * take any bytes. The first byte picks --printf escapes and the style. */
#include "stat/statfmt.h"
#include "osbox/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Wide fields stream through the sink, as stat's do. */
static void discard(const void *data, size_t n)
{
	(void)data;
	(void)n;
}

/* Widths and precisions are cut to MAX_DIGITS digits: a field of 99999
 * bytes is still past statfmt's FIELD_INLINE (written in blocks), but the
 * fuzzer no longer spends its time, and libFuzzer's timeout, writing
 * gigabytes of padding ("%2000000000s" is the CLI tests' case). */
#define MAX_DIGITS 5

static void bound_numbers(char *s)
{
	char *d = s;
	size_t run = 0;
	for (; *s; s++) {
		run = (*s >= '0' && *s <= '9') ? run + 1 : 0;
		if (run <= MAX_DIGITS)
			*d++ = *s;
	}
	*d = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	unsigned flags = data[0];
	/* the format is a string: what follows a NUL is never seen */
	char *s = xstrndup((const char *)data + 1, size - 1);
	bound_numbers(s);

	struct statfmt fmt = {
	    .format = s,
	    .escapes = flags & 1,
	    .trailer = (flags & 2) ? "\n" : "",
	    .qs = (enum quoting_style)((flags >> 2) % (QS_CLOCALE + 1)),
	};
	struct statfmt_file f = {.name = "fuzz\nname\xff", .fd = -1, .follow = flags & 0x40};
	f.st.st_mode = (flags & 0x80) ? (S_IFLNK | 0777) : (S_IFREG | 04755);
	f.st.st_size = 12345;
	f.st.st_nlink = 2;
	f.st.st_uid = 65534;
	f.st.st_gid = 65534;
	f.st.st_mtim.tv_sec = 1700000000;
	f.st.st_mtim.tv_nsec = 123456789;
	f.has_btime = flags & 0x20;
	f.btime.tv_sec = -5;
	f.btime.tv_nsec = 999999999;

	struct buf b = {.sink = discard};
	int r = statfmt_file(&b, &fmt, &f);
	if (r < 0 || r > STATFMT_INVALID)
		abort();
	buf_free(&b);

	struct statfs sf;
	memset(&sf, 0, sizeof sf);
	sf.f_type = 0xEF53;
	sf.f_bsize = 4096;
	sf.f_blocks = 1000;
	struct buf c = {.sink = discard};
	statfmt_fs(&c, &fmt, "fs", &sf);
	buf_free(&c);

	struct buf q = {0};
	quote_style(&q, (const char *)data + 1, size - 1, fmt.qs);
	buf_free(&q);
	free(s);
	return 0;
}
