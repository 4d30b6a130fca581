/* The job runner's controls (see jobctl.h): GNU parallel's --halt rules
 * and exit statuses, its job log format, osbox's JSON record of a job and
 * the progress line. */
#include "osbox/jobctl.h"
#include "osbox/proc.h"
#include "osbox/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Are the n bytes at p the word w? */
static bool is_word(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(p, w, n) == 0;
}

/* An unsigned decimal number of at most 9 digits, all of s up to end
 * (exclusive); -1 when it is not one. */
static long small_number(const char *s, const char *end)
{
	if (s == end || end - s > 9)
		return -1;
	long n = 0;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

int jobctl_parse_halt(const char *s, struct jobctl_halt *h)
{
	static const struct {
		const char *word;
		struct jobctl_halt h;
	} shorts[] = {
	    {"0", {HALT_NEVER, HALT_FAIL, 0, false}},
	    {"never", {HALT_NEVER, HALT_FAIL, 0, false}},
	    {"1", {HALT_SOON, HALT_FAIL, 1, false}},
	    {"2", {HALT_NOW, HALT_FAIL, 1, false}},
	    {"-1", {HALT_SOON, HALT_SUCCESS, 1, false}},
	    {"-2", {HALT_NOW, HALT_SUCCESS, 1, false}},
	};
	for (size_t i = 0; i < sizeof shorts / sizeof shorts[0]; i++)
		if (strcmp(s, shorts[i].word) == 0) {
			*h = shorts[i].h;
			return 0;
		}
	struct jobctl_halt r = {HALT_SOON, HALT_FAIL, 0, false};
	const char *num = s; /* N% alone: soon,fail=N% */
	if (!strchr(s, '%') || strchr(s, ',')) {
		const char *comma = strchr(s, ',');
		if (!comma)
			return -1;
		size_t wl = (size_t)(comma - s);
		if (is_word(s, wl, "soon"))
			r.when = HALT_SOON;
		else if (is_word(s, wl, "now"))
			r.when = HALT_NOW;
		else
			return -1;
		const char *why = comma + 1, *eq = strchr(why, '=');
		if (!eq)
			return -1;
		size_t yl = (size_t)(eq - why);
		if (is_word(why, yl, "fail"))
			r.why = HALT_FAIL;
		else if (is_word(why, yl, "success"))
			r.why = HALT_SUCCESS;
		else if (is_word(why, yl, "done"))
			r.why = HALT_DONE;
		else
			return -1;
		num = eq + 1;
	}
	const char *end = num + strlen(num);
	if (end > num && end[-1] == '%') {
		r.pct = true;
		end--;
	}
	long n = small_number(num, end);
	if (n < 1 || (r.pct && n > 100))
		return -1;
	r.n = (unsigned long)n;
	*h = r;
	return 0;
}

int jobctl_parse_termseq(const char *s, struct jobctl_termseq *t)
{
	t->n = 0;
	bool want_sig = true;
	for (const char *p = s;;) {
		size_t l = strcspn(p, ",");
		char word[32];
		if (l == 0 || l >= sizeof word)
			return -1;
		memcpy(word, p, l);
		word[l] = 0;
		if (want_sig) {
			int sig = proc_signum(word);
			if (sig <= 0 || t->n == JOBCTL_TERMSEQ_MAX)
				return -1;
			t->sig[t->n] = sig;
			t->ms[t->n++] = 0;
		} else {
			char *end;
			errno = 0;
			long ms = strtol(word, &end, 10);
			if (word[0] < '0' || word[0] > '9' || *end || errno || ms > 3600000)
				return -1;
			t->ms[t->n - 1] = ms;
		}
		want_sig = !want_sig;
		if (p[l] == 0)
			return 0;
		p += l + 1;
	}
}

int jobctl_parse_duration(const char *s, long long *ns)
{
	const char *p = s;
	long long sec = 0, frac = 0;
	int fdigits = 0;
	bool any = false;
	for (; *p >= '0' && *p <= '9'; p++, any = true) {
		sec = sec * 10 + (*p - '0');
		if (sec > 366LL * 86400)
			return -1;
	}
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, any = true)
			if (fdigits < 9) {
				frac = frac * 10 + (*p - '0');
				fdigits++;
			}
	if (!any)
		return -1;
	while (fdigits++ < 9)
		frac *= 10;
	long long unit = 1;
	switch (*p) {
	case 0:
	case 's':
		break;
	case 'm':
		unit = 60;
		break;
	case 'h':
		unit = 3600;
		break;
	case 'd':
		unit = 86400;
		break;
	default:
		return -1;
	}
	if (*p && p[1])
		return -1;
	if (sec * unit > 366LL * 86400)
		return -1;
	long long t = (sec * 1000000000LL + frac) * unit;
	if (t <= 0 || t > 366LL * 86400 * 1000000000LL)
		return -1;
	*ns = t;
	return 0;
}

int jobctl_parse_tries(const char *s, unsigned long *n)
{
	long v = small_number(s, s + strlen(s));
	if (v < 0 || v > 1000000)
		return -1;
	*n = (unsigned long)v;
	return 0;
}

bool jobctl_failed(int st, bool timed_out)
{
	return timed_out || !WIFEXITED(st) || WEXITSTATUS(st) != 0;
}

int jobctl_exitval(int st, bool timed_out)
{
	/* a job that exits 0 once its time is up is -1 too, as GNU parallel
	 * logs it: it failed */
	if (WIFEXITED(st) && (WEXITSTATUS(st) != 0 || !timed_out))
		return WEXITSTATUS(st);
	return timed_out ? -1 : 0;
}

/* A job's own status as the runner's exit status (--halt ...=1): its exit
 * value (-1, a timeout, as 255, the way exit(-1) ends), else 128 plus the
 * signal that killed it, as the shells give it. */
static int job_code(int st, bool timed_out)
{
	int v = jobctl_exitval(st, timed_out);
	if (v)
		return v & 255;
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 0;
}

/* n * 100 / d rounded up (d > 0), exactly: GNU parallel computes it in
 * floating point, where 11 of 20 comes to 56%; 55 is the share. */
static int pct_up(unsigned long n, unsigned long d)
{
	return (int)((n * 100 + d - 1) / d);
}

enum jobctl_when jobctl_after(const struct jobctl_halt *h, struct jobctl_count *c, int st,
                              bool timed_out)
{
	bool bad = jobctl_failed(st, timed_out);
	c->done++;
	if (bad)
		c->failed++;
	if (h->when == HALT_NEVER || c->halted)
		return HALT_NEVER;
	unsigned long limit;
	switch (h->why) {
	case HALT_FAIL:
		if (!bad)
			return HALT_NEVER;
		limit = c->failed;
		break;
	case HALT_SUCCESS:
		if (bad)
			return HALT_NEVER;
		limit = c->done - c->failed;
		break;
	default:
		limit = c->done;
		break;
	}
	/* A percentage is of all the jobs: limit >= total * n / 100. */
	unsigned long long need = h->pct ? (unsigned long long)c->total * h->n : h->n * 100ull;
	if ((unsigned long long)limit * 100 < need)
		return HALT_NEVER;
	c->halted = true;
	if (h->why == HALT_SUCCESS)
		c->status = 0;
	else if (need == 100) /* one job: its own status */
		c->status = job_code(st, timed_out);
	else if (h->pct)
		c->status = pct_up(c->failed, c->total ? c->total : 1);
	else
		c->status = c->failed < 101 ? (int)c->failed : 101;
	return h->when;
}

int jobctl_status(const struct jobctl_halt *h, const struct jobctl_count *c)
{
	if (c->halted)
		return c->status;
	if (h->when != HALT_NEVER && h->pct)
		return pct_up(c->failed, c->starts ? c->starts : 1);
	return c->failed < 101 ? (int)c->failed : 101;
}

int jobctl_joblog_open(const char *spec, bool append, bool *header)
{
	if (strcmp(spec, "-") == 0) {
		*header = true;
		return STDOUT_FILENO;
	}
	bool plus = spec[0] == '+';
	append = append || plus;
	int fd = open(plus ? spec + 1 : spec,
	              O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
	if (fd < 0)
		return -1;
	struct stat st;
	*header = !append || (fstat(fd, &st) == 0 && st.st_size == 0);
	return fd;
}

static int cmp_seq(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

/* Whether line (n bytes, no newline, NUL-terminated) is a job's: its
 * Seq in *seq; ok: its Exitval and Signal are both 0. */
static bool log_line(const char *line, size_t n, unsigned long *seq, bool *ok)
{
	const char *f[9];
	size_t k = 0;
	f[k++] = line;
	for (size_t i = 0; i < n && k < 9; i++)
		if (line[i] == '\t')
			f[k++] = line + i + 1;
	if (k < 9 || line[0] < '0' || line[0] > '9')
		return false;
	char *end;
	errno = 0;
	*seq = strtoul(line, &end, 10);
	if (*end != '\t' || errno)
		return false;
	*ok = strncmp(f[6], "0\t", 2) == 0 && strncmp(f[7], "0\t", 2) == 0;
	return true;
}

int jobctl_joblog_done(const char *spec, bool failed, unsigned long **seqs, size_t *n)
{
	*seqs = NULL;
	*n = 0;
	FILE *f = fopen(spec[0] == '+' ? spec + 1 : spec, "re");
	if (!f)
		return errno == ENOENT ? 0 : -1;
	char *line = NULL;
	size_t cap = 0, have = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = 0;
		unsigned long seq;
		bool ok;
		if (!log_line(line, (size_t)len, &seq, &ok) || (failed && !ok))
			continue;
		if (*n == have) {
			have = have ? 2 * have : 64;
			*seqs = xreallocarray(*seqs, have, sizeof **seqs);
		}
		(*seqs)[(*n)++] = seq;
	}
	int e = ferror(f) ? errno : 0;
	free(line);
	fclose(f);
	if (e) {
		free(*seqs);
		*seqs = NULL;
		*n = 0;
		errno = e;
		return -1;
	}
	if (*n)
		qsort(*seqs, *n, sizeof **seqs, cmp_seq);
	return 0;
}

bool jobctl_seq_in(const unsigned long *seqs, size_t n, unsigned long seq)
{
	return n && bsearch(&seq, seqs, n, sizeof *seqs, cmp_seq) != NULL;
}

void jobctl_joblog_header(struct buf *b)
{
	buf_puts(b, "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n");
}

void jobctl_joblog_line(struct buf *b, const struct jobctl_job *job)
{
	/* The start rounded to the millisecond, the runtime cut to it, as
	 * GNU parallel writes them. */
	long long sec = job->start.tv_sec;
	long ms = (job->start.tv_nsec + 500000) / 1000000;
	if (ms == 1000) {
		sec++;
		ms = 0;
	}
	long long rms = job->runtime_ns > 0 ? job->runtime_ns / 1000000 : 0;
	char rt[32];
	snprintf(rt, sizeof rt, "%lld.%03lld", rms / 1000, rms % 1000);
	int sig = WIFSIGNALED(job->status) ? WTERMSIG(job->status) : 0;
	buf_printf(b, "%lu\t:\t%lld.%03ld\t%10s\t%llu\t%llu\t%d\t%d\t", job->seq, sec, ms, rt,
	           job->fed, job->sent, jobctl_exitval(job->status, job->timed_out), sig);
	/* A newline would end the line: GNU parallel writes NUL instead. */
	size_t at = b->len;
	buf_write(b, job->cmd, job->cmdlen);
	for (size_t i = at; i < b->len; i++)
		if (b->p[i] == '\n')
			b->p[i] = 0;
	buf_putc(b, '\n');
}

void jobctl_json_job(struct json *j, const struct jobctl_job *job)
{
	json_kuint(j, "seq", job->seq);
	json_kint(j, "pid", job->pid);
	json_kstr(j, "command", job->cmd, job->cmdlen);
	json_key(j, "argv");
	if (job->argv) {
		json_begin_array(j);
		for (char *const *a = job->argv; *a; a++)
			json_cstr(j, *a);
		json_end_array(j);
	} else {
		json_null(j);
	}
	proc_json_status(j, &job->status);
	json_kbool(j, "timed_out", job->timed_out);
	json_kuint(j, "tries", job->tries);
	json_ktimes(j, "start", &job->start);
	struct timespec rt = {(time_t)(job->runtime_ns / 1000000000),
	                      (long)(job->runtime_ns % 1000000000)};
	json_ktimes(j, "runtime", &rt);
}

/* Appends seconds as M:SS or H:MM:SS. */
static void put_clock(struct buf *b, long long s)
{
	if (s >= 3600)
		buf_printf(b, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
	else
		buf_printf(b, "%lld:%02lld", s / 60, s % 60);
}

void jobctl_progress_line(struct buf *b, const struct jobctl_progress *p, int width)
{
	struct buf t = {0};
	double secs = (double)p->elapsed_ns / 1e9;
	double rate = secs > 0 ? (double)p->done / secs : 0;
	if (p->total >= 0)
		buf_printf(&t, "%lu/%ld done", p->done, p->total);
	else
		buf_printf(&t, "%lu done", p->done);
	buf_printf(&t, ", %lu running", p->running);
	if (p->failed)
		buf_printf(&t, ", %lu failed", p->failed);
	buf_printf(&t, ", %.1f/s", rate);
	if (p->total >= 0) {
		buf_puts(&t, ", ETA ");
		if (p->done == 0 || rate <= 0)
			buf_puts(&t, "-:--");
		else
			put_clock(&t,
			          (long long)(((double)p->total - (double)p->done) / rate + 0.5));
	}
	size_t at = b->len;
	if (p->total >= 0) {
		int pct = p->total ? (int)(p->done * 100 / (unsigned long)p->total) : 100;
		/* the bar takes what the text leaves, up to 30 columns */
		int room = width - (int)t.len - 7, cols = room > 30 ? 30 : room;
		if (cols >= 10) {
			int full =
			    p->total
			        ? (int)(p->done * (unsigned long)cols / (unsigned long)p->total)
			        : cols;
			buf_putc(b, '[');
			for (int i = 0; i < cols; i++)
				buf_putc(b, i < full ? '#' : ' ');
			buf_putc(b, ']');
		}
		buf_printf(b, "%s%3d%% ", b->len > at ? " " : "", pct);
	}
	buf_write(b, t.p, t.len);
	buf_free(&t);
	/* columns: the line is ASCII */
	if (width > 0 && b->len - at > (size_t)width)
		buf_truncate(b, at + (size_t)width);
}
