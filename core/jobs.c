/* The job runner (see jobs.h).
 *
 * One thread, one poll loop, no sleeping and no busy waiting: SIGCHLD is
 * blocked and read from a signalfd, so a child's end and its output arrive
 * through the same poll(2). A job is over when it has been reaped and both
 * of its pipes are at end of file; only then is its held output written.
 * Job records, their buffers and the pollfd array are reused from job to
 * job: after the first few jobs, running one more allocates nothing.
 *
 * SIGTERM, SIGINT, SIGHUP and SIGQUIT come through the same signalfd: the runner
 * starts no more jobs, passes the signal on to the running ones (to each
 * job's process group, so that what a job's shell started goes too, as GNU
 * parallel does), drops what they had not written yet, waits for them all
 * and ends with 128+N.
 *
 * The controls (jobctl.h) hook in where a job starts (its times, its
 * tries), where it ends (a retry, the halt policy), where its output is
 * written (the job log, the JSON record, -v) and in the poll loop, whose
 * timeout is the nearest of a job's time limit, a step of a kill sequence
 * and the next redraw of the progress line. A job is killed as GNU
 * parallel kills one (its --termseq): the signal, TERM after 200 ms, TERM
 * after 100 ms more, KILL after 50 ms more, each to its process group,
 * until it has ended; or by the steps of --termseq. */
#include "osbox/jobs.h"
#include "osbox/buf.h"
#include "osbox/jobargs.h"
#include "osbox/exitstatus.h"
#include "osbox/jobctl.h"
#include "osbox/json.h"
#include "osbox/out.h"
#include "osbox/proc.h"
#include "osbox/quote.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct job {
	struct job *next; /* in the output queue, or the free list */
	pid_t pid;
	int fd[2]; /* read ends of its stdout and stderr; -1 at EOF */
	bool exited, done;
	int status;
	struct buf cmd; /* the line; in argument mode, the words shell-quoted */
	char **argv;    /* argument mode: the command's argv; NULL: a line */
	size_t argvcap;
	struct buf args;   /* the strings argv points into */
	struct buf tag;    /* argument mode: the values, for --tag */
	unsigned long seq; /* 1-based, in input order */
	int slot;          /* 1-based: the lowest free when it started */
	struct buf out[2]; /* output not written yet (after what is in spill) */
	int spill[2];      /* a temporary file holding the start of it, or -1 */
	bool nospill[2];   /* spilling failed once: hold the rest in memory */
	bool bol[2];       /* --tag: the next byte starts a line */
	/* the controls: of the last try, unless said otherwise */
	unsigned long tries;         /* tries started, in all */
	struct timespec start;       /* CLOCK_REALTIME when it started */
	long long mstart, runtime;   /* CLOCK_MONOTONIC then, and how long it ran (ns) */
	unsigned long long bytes[2]; /* read from its stdout and stderr */
	bool timed_out;              /* killed because its time was up */
	bool nostart;                /* it could not be started at all */
	bool dropped;                /* killed by a halt or a signal: not reported */
	int kstep;                   /* its kill sequence's next step (from 1), 0 none */
	int infd;                    /* --pipe: its block (its stdin), or -1 */
	size_t inlen;                /* the block's bytes */
	long long kat;               /* when that step is due (CLOCK_MONOTONIC ns) */
};

/* Past this much held output of one stream of one job (unless
 * jobs_opts.spill_size says otherwise), the held output goes to a
 * temporary file, so that a job writing gigabytes does not take as much
 * memory. */
#define SPILL_SIZE (8u << 20)

struct cache_entry {
	char *name, *path; /* path NULL: not found in PATH */
};

#define CACHE_MAX 64

struct runner {
	const struct jobs_opts *o;
	struct proc_spawn_opts spawn; /* what every job gets, planned once */
	const char *name;
	size_t spill_size;
	struct job **running;
	int nrunning;
	struct job *head, *tail; /* started and not yet written, in input order */
	struct job *free;
	struct job *pending;  /* read, but waiting for file descriptors or --delay */
	long long next_start; /* --delay: no job starts before (CLOCK_MONOTONIC ns) */
	int limit;            /* jobs at once: o->max, or fewer when fds ran out */
	struct pollfd *pfd;
	struct job **pjob; /* the job of each pollfd past the first */
	int sfd, devnull;
	sigset_t oldmask; /* the signal mask to give back */
	bool pgroups;     /* each job leads a process group of its own */
	int sig;          /* the first of SIGTERM, SIGINT, SIGHUP received, or 0 */
	/* input */
	int in;
	struct buf rd;
	size_t rpos;
	bool eof;
	size_t pscan, precs; /* --pipe: the bytes past rpos looked at for the
	                        block's end, the records ended in them */
	unsigned long seq;   /* of the last job made */
	bool *slots;         /* slot i+1 is taken */
	/* argument mode */
	const struct jobargs *a; /* NULL: line mode; else &args */
	struct jobargs args;     /* the caller's, with the counts for {##} {0%} */
	jobs_item_fn items;      /* the first group from code, or NULL */
	void *items_ctx;
	struct buf v0;      /* the first group's current value */
	const char *p0;     /* ... or in memory */
	size_t i0;          /* the first chain's next record, when in memory */
	size_t *idx;        /* the current record of each other chain (by its
	                       first group) */
	size_t *chead;      /* the first group of each group's chain */
	size_t *len;        /* the records of each chain (by its first group) */
	const char **rec;   /* the current record: one value per group */
	struct buf trimmed; /* --trim: the record's values trimmed, which rec holds */
	bool shuffled;      /* --shuf: the records are made, in shuf, in random order */
	struct buf shuf;    /* their values, NUL-terminated, record by record */
	size_t *shuf_at;    /* where each record starts in shuf, shuffled */
	size_t shuf_n, shuf_next;
	unsigned long long rng; /* the state of random_below */
	bool need0, have_rec;
	struct buf batch; /* the records of the next job, NUL-separated */
	size_t nbatch, batchsize, batchmax;
	size_t cut;         /* -X, -m at the end of the items: the records per
	                       job of the rest, spread over the slots; or 0 */
	const char **bvals; /* pointers into batch */
	size_t bvalscap;
	struct buf cols; /* --colsep: the columns of the record */
	const char **colv;
	size_t colscap;
	/* state */
	bool error, stop;
	/* the controls */
	struct jobctl_count count;
	unsigned long max_tries;         /* runs of a failing job in all */
	bool halting;                    /* the halt policy was met: no new job, no retry */
	bool dropping;                   /* ... with now: nothing more is written */
	long long now;                   /* CLOCK_MONOTONIC ns, as of the last look */
	int nkilling;                    /* jobs with a step of their kill sequence to come */
	const struct jobctl_termseq *ts; /* the kill sequence: --termseq, or the default */
	int logfd;                       /* --joblog, or -1 */
	long long timeout;               /* the time limit now (ns), 0 none: o->timeout_ns,
	                                    or o->timeout_share of the median below */
	long long *rt_ring;              /* --timeout N%: the runtimes of the last
	                                    RT_KEEP jobs that succeeded, in order ... */
	long long *rt_sorted;            /* ... and sorted */
	size_t rt_n, rt_next;
	unsigned long *done; /* --resume: the jobs (by seq) not to run again */
	size_t ndone;
	struct buf log;
	bool bar, bar_shown, bar_dirty; /* a progress line on stderr (a terminal) */
	bool total_known;
	long long began, bar_at; /* when the runner began, when the line was drawn */
	struct buf barline;
	/* scratch for direct runs: the words of a line, and its argv */
	struct buf words;
	char **argv;
	size_t argvcap;
	struct buf err;   /* stderr output being assembled */
	struct buf chunk; /* for reading spill files back */
	struct cache_entry cache[CACHE_MAX];
	int ncache, victim;
};

/* One read(2) from fd onto the end of b, with room made for want bytes
 * (less one: b keeps its NUL); its result. */
static ssize_t read_more(struct buf *b, int fd, size_t want)
{
	buf_reserve(b, want - 1);
	ssize_t n = read(fd, b->p + b->len, b->cap - b->len - 1);
	if (n > 0) {
		b->len += (size_t)n;
		b->p[b->len] = 0;
	}
	return n;
}

/* Drops the first n bytes of b. */
static void drop_front(struct buf *b, size_t n)
{
	memmove(b->p, b->p + n, b->len - n + 1);
	b->len -= n;
}

/* Words that mean something else to the shell than a command of that name
 * in PATH would: keywords, special builtins, and builtins whose behaviour
 * differs from the external command's (dash's echo, printf, test, pwd,
 * kill...). true and false are not here: the result is the same. */
static const char *const shell_words[] = {
    "!",     ".",        ":",        "[",     "alias",    "bg",     "break",  "case",
    "cd",    "command",  "continue", "do",    "done",     "echo",   "elif",   "else",
    "esac",  "eval",     "exec",     "exit",  "export",   "fc",     "fg",     "fi",
    "for",   "function", "getopts",  "hash",  "if",       "in",     "jobs",   "kill",
    "local", "printf",   "pwd",      "read",  "readonly", "return", "select", "set",
    "shift", "test",     "then",     "time",  "times",    "trap",   "type",   "ulimit",
    "umask", "unalias",  "unset",    "until", "wait",     "while",  "{",      "}",
};

static bool is_shell_word(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof shell_words / sizeof shell_words[0]; i++)
		if (strlen(shell_words[i]) == n && memcmp(shell_words[i], w, n) == 0)
			return true;
	return false;
}

/* Bytes that are plain word characters to sh wherever they stand: no
 * quoting, expansion, globbing, redirection, separator or comment. Bytes
 * past ASCII are plain too (dash and bash treat them as letters). */
static bool plain_byte(unsigned char c)
{
	if (c >= 0x80)
		return true;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return strchr("-_./,:@%+=", c) != NULL && c;
}

bool jobs_is_simple(const char *line, size_t len)
{
	size_t first_end = 0;
	bool in_first = true, any = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		if (c == ' ' || c == '\t') {
			if (any)
				in_first = false;
			continue;
		}
		if (!plain_byte(c))
			return false;
		/* NAME=VALUE before the command is an assignment */
		if (c == '=' && in_first)
			return false;
		if (in_first) {
			if (!any)
				first_end = i;
			any = true;
		}
	}
	if (!any)
		return false;
	size_t start = first_end, n = 0;
	while (start + n < len && line[start + n] != ' ' && line[start + n] != '\t')
		n++;
	return !is_shell_word(line + start, n);
}

/* The full path of command name in PATH, looked up once per name (as the
 * shell's hash table does); NULL when it is not there. */
static const char *resolve(struct runner *r, const char *name)
{
	for (int i = 0; i < r->ncache; i++)
		if (strcmp(r->cache[i].name, name) == 0)
			return r->cache[i].path;
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	char *found = NULL;
	size_t nl = strlen(name);
	for (const char *p = path;;) {
		const char *colon = strchrnul(p, ':');
		size_t dl = (size_t)(colon - p);
		char *full = xmalloc(dl + nl + 3);
		if (dl == 0)
			memcpy(full, ".", (dl = 1));
		else
			memcpy(full, p, dl);
		full[dl] = '/';
		memcpy(full + dl + 1, name, nl + 1);
		struct stat st;
		if (access(full, X_OK) == 0 && stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
			found = full;
			break;
		}
		free(full);
		if (!*colon)
			break;
		p = colon + 1;
	}
	/* A full table gives up its entries in turn. */
	struct cache_entry *c =
	    &r->cache[r->ncache < CACHE_MAX ? r->ncache++ : r->victim++ % CACHE_MAX];
	free(c->name);
	free(c->path);
	c->name = xstrdup(name);
	c->path = found;
	return found;
}

/* Splits the line into r->argv for a direct run; returns the path to run,
 * or NULL when the line must go through the shell. */
static const char *plan_direct(struct runner *r, const struct buf *cmd)
{
	if (!jobs_is_simple(cmd->p, cmd->len))
		return NULL;
	buf_truncate(&r->words, 0);
	buf_write(&r->words, cmd->p, cmd->len);
	size_t n = 0;
	char *s = r->words.p;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			*s++ = 0;
		if (!*s)
			break;
		if (n + 2 > r->argvcap) {
			r->argvcap = r->argvcap ? 2 * r->argvcap : 16;
			r->argv = xreallocarray(r->argv, r->argvcap, sizeof *r->argv);
		}
		r->argv[n++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
	}
	r->argv[n] = NULL;
	if (strchr(r->argv[0], '/'))
		return r->argv[0];
	return resolve(r, r->argv[0]);
}

/* Makes j ready for a try: for its first, or again after one failed. */
static void job_reset_try(struct job *j)
{
	j->exited = j->done = false;
	j->fd[0] = j->fd[1] = -1;
	for (int i = 0; i < 2; i++) {
		buf_truncate(&j->out[i], 0);
		j->spill[i] = -1;
		j->nospill[i] = false;
		j->bol[i] = true;
		j->bytes[i] = 0;
	}
	j->runtime = 0;
	j->timed_out = j->nostart = j->dropped = false;
	j->kstep = 0;
}

static struct job *job_get(struct runner *r)
{
	struct job *j = r->free;
	if (j)
		r->free = j->next;
	else
		j = xcalloc(1, sizeof *j);
	j->next = NULL;
	buf_truncate(&j->cmd, 0);
	if (j->argv)
		j->argv[0] = NULL;
	j->seq = 0;
	j->slot = 0;
	j->tries = 0;
	j->infd = -1;
	j->inlen = 0;
	job_reset_try(j);
	return j;
}

static void job_put(struct runner *r, struct job *j)
{
	if (j->infd >= 0)
		close(j->infd);
	j->infd = -1;
	/* A job that held a lot gives the memory back. */
	for (int i = 0; i < 2; i++)
		if (j->out[i].cap > (1u << 20))
			buf_free(&j->out[i]);
	j->next = r->free;
	r->free = j;
}

/* Reads once more from the input; false at its end (or on an error). */
static bool read_input(struct runner *r)
{
	if (r->rpos) {
		drop_front(&r->rd, r->rpos);
		r->rpos = 0;
	}
	ssize_t k;
	while ((k = read_more(&r->rd, r->in, 64 * 1024)) < 0 && errno == EINTR)
		;
	if (k < 0) {
		warn("%s", r->name);
		r->error = true;
	}
	if (k <= 0) {
		r->eof = true;
		return false;
	}
	return true;
}

/* The next non-blank line of input into b (NUL-terminated): 1, or 0 at the
 * end, or -1 when more input is needed (the caller then polls the input
 * along with the jobs and the signalfd, so that neither a slow producer of
 * commands holds up the output of running jobs nor a signal waits for
 * input). */
static int next_line(struct runner *r, struct buf *b)
{
	for (;;) {
		char *start = r->rd.p + r->rpos;
		size_t avail = r->rd.len - r->rpos;
		char *nl = avail ? memchr(start, '\n', avail) : NULL;
		if (nl || (r->eof && avail)) {
			size_t n = nl ? (size_t)(nl - start) : avail;
			r->rpos += nl ? n + 1 : n;
			size_t k = 0;
			while (k < n && (start[k] == ' ' || start[k] == '\t'))
				k++;
			if (k == n) /* a blank line */
				continue;
			buf_truncate(b, 0);
			buf_write(b, start, n);
			/* A NUL byte ends the command, as it would for sh -c. */
			buf_truncate(b, strlen(b->p));
			return 1;
		}
		return r->eof ? 0 : -1;
	}
}

/* The next item of input, up to the delimiter, into b (NUL-terminated;
 * a NUL byte ends it, as it would end an argument): 1, or 0 at the end,
 * or -1 when more input is needed. Empty items count, as in GNU
 * parallel. */
static int next_item(struct runner *r, char delim, struct buf *b)
{
	char *start = r->rd.p + r->rpos;
	size_t avail = r->rd.len - r->rpos;
	char *end = avail ? memchr(start, delim, avail) : NULL;
	if (!end && !(r->eof && avail))
		return r->eof ? 0 : -1;
	size_t n = end ? (size_t)(end - start) : avail;
	r->rpos += end ? n + 1 : n;
	buf_truncate(b, 0);
	buf_write(b, start, n);
	buf_truncate(b, strlen(b->p));
	return 1;
}

/* Whether a block of --pipe may end at offset i of the input read (past
 * r->rpos): after the record end, before the record start. */
static bool block_end_at(const struct runner *r, size_t i)
{
	const struct jobs_opts *o = r->o;
	size_t el = o->recend_len, sl = o->recstart_len;
	if (i - r->rpos < el || memcmp(r->rd.p + i - el, o->recend, el) != 0)
		return false;
	if (i + sl > r->rd.len)
		return sl == 0 || (r->eof && i == r->rd.len);
	return memcmp(r->rd.p + i, o->recstart, sl) == 0;
}

/* The first offset from i on (i past r->rpos) where a block might end:
 * after the last byte of the record end, or with none at the first of
 * the record start; past r->rd.len when there is none. */
static size_t next_candidate(const struct runner *r, size_t i)
{
	const struct jobs_opts *o = r->o;
	if (i > r->rd.len)
		return i;
	bool end = o->recend_len > 0;
	if (!end && o->recstart_len == 0)
		return i;
	char c = end ? o->recend[o->recend_len - 1] : o->recstart[0];
	size_t from = end ? i - 1 : i;
	const char *q = from < r->rd.len ? memchr(r->rd.p + from, c, r->rd.len - from) : NULL;
	if (!q)
		return r->rd.len + 1;
	return (size_t)(q - r->rd.p) + (end ? 1 : 0);
}

/* Looks for block ends past r->rpos + r->pscan (what was looked at
 * before more input came is not looked at again), counting them in
 * r->precs, up to the want-th: its offset past r->rpos, or 0 when the
 * input read holds no more that can be seen. */
static size_t scan_ends(struct runner *r, size_t want)
{
	size_t i = r->rpos + r->pscan + 1, cut = 0;
	for (; (i = next_candidate(r, i)) <= r->rd.len && !cut; i++) {
		if (i + r->o->recstart_len > r->rd.len && !r->eof)
			break; /* the record start cannot be seen yet */
		if (block_end_at(r, i) && ++r->precs == want)
			cut = i - r->rpos;
	}
	r->pscan = (i > r->rd.len ? r->rd.len + 1 : i) - 1 - r->rpos;
	return cut;
}

/* --pipe: the next block of input, from r->p0 on for *len bytes: the
 * most records that fit in --block bytes (or one longer record alone), or
 * -N records; 1, 0 at the end, -1 when more input is needed. */
static int next_block(struct runner *r, const char **p, size_t *len)
{
	const struct jobs_opts *o = r->o;
	size_t avail = r->rd.len - r->rpos, cut = 0;
	if (avail == 0)
		return r->eof ? 0 : -1;
	if (o->pipe_records) {
		cut = scan_ends(r, o->pipe_records);
	} else {
		/* (the record start after the block must be there to be seen) */
		if (!r->eof && avail < o->block + o->recstart_len)
			return -1;
		/* as GNU parallel, the record start after the cut is within the
		 * block too */
		size_t max = avail < o->block ? avail : o->block;
		size_t last = max > o->recstart_len ? max - o->recstart_len : 0;
		if (r->eof && avail < o->block)
			cut = avail; /* the rest fits: one block, as parallel's */
		if (!cut && r->pscan < last) {
			for (size_t i = r->rpos + last; i > r->rpos && !cut; i--)
				if (block_end_at(r, i))
					cut = i - r->rpos;
			r->pscan = last;
		}
		if (!cut) /* a record longer than the block: to its end */
			cut = scan_ends(r, 1);
	}
	if (!cut && !r->eof)
		return -1;
	*p = r->rd.p + r->rpos;
	*len = cut ? cut : avail;
	r->rpos += *len;
	r->pscan = r->precs = 0;
	return 1;
}

/* The streamed first group's next value into r->p0: 1, 0 at its end,
 * -1 when more input is needed. */
static int next_first(struct runner *r)
{
	if (r->items) {
		const char *p;
		size_t n;
		int got = r->items(r->items_ctx, &p, &n);
		if (got < 0)
			r->error = true;
		if (got <= 0)
			return 0;
		buf_truncate(&r->v0, 0);
		buf_write(&r->v0, p, n);
		buf_truncate(&r->v0, strlen(buf_str(&r->v0)));
	} else {
		int got = next_item(r, r->a->delim, &r->v0);
		if (got <= 0)
			return got;
	}
	r->p0 = buf_str(&r->v0);
	return 1;
}

/* Points v[0..n) at the n NUL-terminated strings that follow one another
 * from p on; returns what follows the last. */
static const char *point_at(const char **v, size_t n, const char *p)
{
	for (size_t i = 0; i < n; i++) {
		v[i] = p;
		p += strlen(p) + 1;
	}
	return p;
}

/* The next record (a value of each group; the last chain varies fastest,
 * the first slowest, as GNU parallel combines them) in r->rec: 1, 0 at
 * the end, -1 when more input is needed. Only a streamed first group's
 * values are read as they are used. */
static int next_record(struct runner *r)
{
	const struct jobargs *a = r->a;
	if (r->have_rec)
		return 1;
	if (r->shuffled) {
		if (r->shuf_next == r->shuf_n)
			return 0;
		point_at(r->rec, a->ngroups, r->shuf.p + r->shuf_at[r->shuf_next++]);
		r->have_rec = true;
		return 1;
	}
	if (r->need0) {
		if (a->stream) {
			int got = next_first(r);
			if (got <= 0)
				return got;
		} else if (r->i0 >= r->len[0]) {
			return 0;
		}
		r->i0++;
		r->need0 = false;
		for (size_t g = 1; g < a->ngroups; g++) {
			if (r->chead[g] == g && r->len[g] == 0)
				return 0; /* no combination at all */
			r->idx[g] = 0;
		}
	}
	for (size_t g = 0; g < a->ngroups; g++) {
		size_t h = r->chead[g];
		r->rec[g] = a->stream && g == 0
		                ? r->p0
		                : jobargs_value(a, g, h == 0 ? r->i0 - 1 : r->idx[h]);
	}
	if (a->trim && !a->colsep) {
		/* (the columns are trimmed instead, when they are cut) */
		buf_truncate(&r->trimmed, 0);
		for (size_t g = 0; g < a->ngroups; g++)
			jobargs_trim(a, r->rec[g], &r->trimmed);
		point_at(r->rec, a->ngroups, r->trimmed.p);
	}
	size_t g = a->ngroups;
	while (--g > 0) {
		if (r->chead[g] != g)
			continue;
		if (++r->idx[g] < r->len[g])
			break;
		r->idx[g] = 0;
	}
	if (g == 0)
		r->need0 = true;
	r->have_rec = true;
	return 1;
}

static void batch_reset(struct runner *r)
{
	buf_truncate(&r->batch, 0);
	r->nbatch = 0;
	r->batchsize = jobargs_record_size(r->a, NULL, r->seq + 1, r->o->max);
}

/* Gathers the records of the next job in r->batch: one, or with -X, -m
 * (-n) as many as fit (at most -n). 1 when a job's worth is there, 0 at
 * the end, -1 when more input is needed (what was gathered stays). With
 * a->spread, the records left at the end (a batch the items ended) are
 * spread over the job slots, as GNU parallel spreads them: ceil(k/N)
 * each for N slots, so that a few items still make N jobs. */
static int fill_batch(struct runner *r)
{
	const struct jobargs *a = r->a;
	bool many = a->xargs || a->multi || a->max_args;
	for (;;) {
		if (r->nbatch && (!many || r->nbatch == a->max_args || r->cut))
			return 1;
		int got = next_record(r);
		if (got == 0 && r->nbatch && a->spread && r->o->max > 1)
			r->cut = (r->nbatch + (size_t)r->o->max - 1) / (size_t)r->o->max;
		if (got <= 0)
			return got < 0 ? -1 : r->nbatch > 0;
		if (many) {
			size_t size = jobargs_record_size(a, r->rec, r->seq + 1, r->o->max);
			/* a record too large alone still runs, and fails as exec says */
			if (r->nbatch && r->batchsize + size > r->batchmax)
				return 1;
			r->batchsize += size;
		}
		for (size_t g = 0; g < a->ngroups; g++)
			buf_write(&r->batch, r->rec[g], strlen(r->rec[g]) + 1);
		r->nbatch++;
		r->have_rec = false;
	}
}

/* How many of the gathered records the next job takes. */
static size_t batch_count(const struct runner *r)
{
	return r->cut && r->cut < r->nbatch ? r->cut : r->nbatch;
}

/* Drops the first n records gathered (those of a job made). */
static void batch_drop(struct runner *r, size_t n)
{
	if (n == r->nbatch) {
		batch_reset(r);
		return;
	}
	const char *p = r->batch.p;
	for (size_t i = 0; i < n * r->a->ngroups; i++)
		p += strlen(p) + 1;
	size_t k = (size_t)(p - r->batch.p);
	memmove(r->batch.p, p, r->batch.len - k);
	buf_truncate(&r->batch, r->batch.len - k);
	r->nbatch -= n;
}

/* The lowest free slot, taken. */
static int take_slot(struct runner *r)
{
	for (int i = 0; i < r->o->max; i++)
		if (!r->slots[i]) {
			r->slots[i] = true;
			return i + 1;
		}
	return 0; /* not reached: no more jobs than slots */
}

/* The next job of argument mode, made from the records gathered. */
static struct job *make_job(struct runner *r)
{
	const struct jobargs *a = r->a;
	size_t nrec = batch_count(r);
	size_t nv = nrec * a->ngroups;
	if (nv > r->bvalscap) {
		r->bvalscap = nv > 2 * r->bvalscap ? nv : 2 * r->bvalscap;
		r->bvals = xreallocarray(r->bvals, r->bvalscap, sizeof *r->bvals);
	}
	point_at(r->bvals, nv, r->batch.p);
	struct job *j = job_get(r);
	j->seq = ++r->seq;
	j->slot = take_slot(r);
	if (a->colsep) {
		/* --colsep (one record a job): the columns are the record */
		struct jobargs ac = *a;
		ac.ngroups = jobargs_columns(a, r->bvals, &r->cols);
		if (ac.ngroups > r->colscap) {
			r->colscap = ac.ngroups > 2 * r->colscap ? ac.ngroups : 2 * r->colscap;
			r->colv = xreallocarray(r->colv, r->colscap, sizeof *r->colv);
		}
		point_at(r->colv, ac.ngroups, r->cols.p);
		jobargs_build(&ac, r->colv, 1, j->seq, j->slot, &j->args, &j->argv, &j->argvcap,
		              &j->cmd, &j->tag);
	} else if (a->positional) {
		/* -N: the batch is one record, its values {1} {2}... in turn */
		struct jobargs ac = *a;
		ac.ngroups = a->no_args ? 0 : nrec * a->ngroups;
		jobargs_build(&ac, r->bvals, 1, j->seq, j->slot, &j->args, &j->argv, &j->argvcap,
		              &j->cmd, &j->tag);
	} else {
		jobargs_build(a, r->bvals, nrec, j->seq, j->slot, &j->args, &j->argv, &j->argvcap,
		              &j->cmd, &j->tag);
	}
	batch_drop(r, nrec);
	return j;
}

/* Whether job j failed (see jobctl_failed). */
static bool job_failed(const struct job *j)
{
	return jobctl_failed(j->status, j->timed_out);
}

/* Writes all n bytes to fd; false (errno set) when write(2) fails. */
static bool write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static long long mono_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* The progress line: redrawn at most every 100 ms after a change, every
 * second without one (the rate and the ETA move), in place ("\r", the
 * line, erase to its end), and erased before anything else is written to
 * stderr or stdout (which may be the same terminal) and at the end. */
#define BAR_FAST (100 * 1000000LL)
#define BAR_SLOW (1000 * 1000000LL)

static void bar_clear(struct runner *r)
{
	if (!r->bar_shown)
		return;
	r->bar_shown = false;
	r->bar_dirty = true;
	write_all(STDERR_FILENO, "\r\033[K", 4); /* a failure: nowhere to say so */
}

static void bar_draw(struct runner *r)
{
	struct winsize ws;
	int width = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col ? ws.ws_col : 80;
	struct jobctl_progress p = {
	    .done = r->count.done,
	    .failed = r->count.failed,
	    .running = (unsigned long)r->nrunning,
	    .total = r->total_known ? (long)r->count.total : -1,
	    .elapsed_ns = r->now - r->began,
	};
	buf_truncate(&r->barline, 0);
	buf_putc(&r->barline, '\r');
	/* the last column left free: a terminal that wraps there would
	 * scroll */
	jobctl_progress_line(&r->barline, &p, width - 1);
	buf_puts(&r->barline, "\033[K");
	write_all(STDERR_FILENO, r->barline.p, r->barline.len);
	r->bar_shown = true;
	r->bar_dirty = false;
	r->bar_at = r->now;
}

static long long bar_due(const struct runner *r)
{
	return r->bar_at + (r->bar_dirty || !r->bar_shown ? BAR_FAST : BAR_SLOW);
}

static void flush_streams(struct runner *r)
{
	bar_clear(r);
	out_flush();
	if (r->err.len) {
		write_all(STDERR_FILENO, r->err.p, r->err.len); /* a failure: nowhere to say so */
		buf_truncate(&r->err, 0);
	}
}

/* Writes n bytes of stream i (0 stdout, 1 stderr) of job j, each line
 * tagged when asked. Stdout goes through out (and is flushed by the
 * caller); stderr is assembled in r->err and written in large pieces. */
static void put(struct runner *r, struct job *j, int i, const char *p, size_t n)
{
	while (n > 0) {
		size_t k = n;
		if (r->o->tag) {
			const char *nl = memchr(p, '\n', n);
			k = nl ? (size_t)(nl - p) + 1 : n;
		}
		bool prefix = r->o->tag && j->bol[i];
		/* argument mode tags with the values, as GNU parallel */
		const struct buf *t = j->argv ? &j->tag : &j->cmd;
		if (i == 0) {
			if (prefix) {
				out_write(t->p, t->len);
				out_putc('\t');
			}
			out_write(p, k);
		} else {
			if (prefix) {
				buf_write(&r->err, t->p, t->len);
				buf_putc(&r->err, '\t');
			}
			buf_write(&r->err, p, k);
			if (r->err.len >= 64 * 1024)
				flush_streams(r); /* stdout first: it came first */
		}
		j->bol[i] = p[k - 1] == '\n';
		p += k;
		n -= k;
	}
}

static int spill_file(void)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		/* a file system without O_TMPFILE */
		char *path = xasprintf("%s/spawn-output.XXXXXX", dir);
		fd = mkostemp(path, O_CLOEXEC);
		if (fd >= 0)
			unlink(path);
		free(path);
	}
	return fd;
}

/* A file holding n bytes from p, read from its start; or -1. */
static int block_file(const char *p, size_t n)
{
	int fd = memfd_create("spawn-block", MFD_CLOEXEC);
	if (fd < 0)
		fd = spill_file();
	if (fd >= 0 && !write_all(fd, p, n)) {
		int e = errno;
		close(fd);
		errno = e;
		fd = -1;
	}
	return fd;
}

/* The next job of --pipe: its command, and its block (n bytes at p) in
 * a file for its stdin; NULL, said, when no file could be made. */
static struct job *make_pipe_job(struct runner *r, const char *p, size_t n)
{
	struct job *j = job_get(r);
	j->seq = ++r->seq;
	j->slot = take_slot(r);
	jobargs_build(r->a, NULL, 0, j->seq, j->slot, &j->args, &j->argv, &j->argvcap, &j->cmd,
	              &j->tag);
	j->inlen = n;
	if (!r->o->dry_run && (j->infd = block_file(p, n)) < 0) {
		warn("a file for block %lu", j->seq);
		r->error = true;
		r->slots[j->slot - 1] = false;
		job_put(r, j);
		return NULL;
	}
	return j;
}

/* Moves the output job j holds in memory for stream i to the end of its
 * spill file. On failure (no temporary file, a full disk) the file is cut
 * back and the output stays in memory from then on. */
static void spill(struct job *j, int i)
{
	struct buf *b = &j->out[i];
	if (j->spill[i] < 0 && (j->spill[i] = spill_file()) < 0) {
		warn("cannot make a temporary file for a job's output");
		j->nospill[i] = true;
		return;
	}
	off_t start = lseek(j->spill[i], 0, SEEK_END);
	if (!write_all(j->spill[i], b->p, b->len)) {
		warn("cannot hold a job's output in a temporary file");
		if (ftruncate(j->spill[i], start) != 0)
			warn("temporary file");
		j->nospill[i] = true;
		return;
	}
	buf_truncate(b, 0);
}

/* Reads the spill file of stream i of job j from its start, and closes
 * it: each piece is written (put) or, with into, added to that buffer. */
static void emit_spill(struct runner *r, struct job *j, int i, struct buf *into)
{
	int fd = j->spill[i];
	if (lseek(fd, 0, SEEK_SET) < 0)
		warn("temporary file");
	for (;;) {
		if (!into)
			buf_truncate(&r->chunk, 0);
		ssize_t k = read_more(into ? into : &r->chunk, fd, 64 * 1024);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			warn("temporary file");
		if (k <= 0)
			break;
		if (!into)
			put(r, j, i, r->chunk.p, (size_t)k);
	}
	close(fd);
	j->spill[i] = -1;
}

/* Drops what job j holds: the runner was told to stop, and output that a
 * signal cut short is not written. */
static void discard(struct job *j)
{
	for (int i = 0; i < 2; i++) {
		buf_truncate(&j->out[i], 0);
		if (j->spill[i] >= 0) {
			close(j->spill[i]);
			j->spill[i] = -1;
		}
	}
}

/* What the controls' formats say of job j. */
static struct jobctl_job job_info(const struct job *j)
{
	return (struct jobctl_job){
	    .seq = j->seq,
	    .cmd = j->cmd.p,
	    .cmdlen = j->cmd.len,
	    .argv = j->argv,
	    .pid = j->pid,
	    .status = j->status,
	    .timed_out = j->timed_out,
	    .tries = j->tries,
	    .start = j->start,
	    .runtime_ns = j->runtime,
	    .sent = j->bytes[0],
	    .fed = j->inlen,
	};
}

/* Writes what is in r->log to the job log; a failure is said once and
 * makes the runner's status 125. */
static void log_flush(struct runner *r)
{
	if (r->logfd == STDOUT_FILENO) {
		out_write(r->log.p, r->log.len);
	} else if (r->logfd >= 0 && !write_all(r->logfd, r->log.p, r->log.len)) {
		flush_streams(r);
		warn("%s", quote_gnu(0, QUOTE_SHELL, r->o->joblog));
		close(r->logfd);
		r->logfd = -1;
		r->error = true;
	}
	buf_truncate(&r->log, 0);
}

/* --json: job j's record, its output in it; held output in a spill file
 * is read back for it. */
static void emit_json(struct runner *r, struct job *j)
{
	struct jobctl_job info = job_info(j);
	struct json js;
	json_init(&js);
	json_begin_object(&js);
	jobctl_json_job(&js, &info);
	for (int i = 0; i < 2; i++) {
		buf_truncate(&r->chunk, 0);
		if (j->spill[i] >= 0)
			emit_spill(r, j, i, &r->chunk);
		buf_write(&r->chunk, j->out[i].p, j->out[i].len);
		buf_truncate(&j->out[i], 0);
		json_kstr(&js, i ? "stderr" : "stdout", buf_str(&r->chunk), r->chunk.len);
	}
	json_end_object(&js);
	json_end_record(&js);
	if (r->chunk.cap > (1u << 20))
		buf_free(&r->chunk);
}

/* Writes what job j holds: everything (and what is said of it: -v, the
 * job log), or (partial) only whole lines. */
static void emit(struct runner *r, struct job *j, bool partial)
{
	if (r->sig || r->dropping || j->dropped) {
		discard(j);
		return;
	}
	bool any = false, json = !partial && r->o->json;
	if (json) {
		bar_clear(r);
		emit_json(r, j);
		any = true;
	}
	for (int i = 0; i < 2 && !json; i++) {
		struct buf *b = &j->out[i];
		size_t n = b->len;
		if (partial) {
			char *nl = n ? memrchr(b->p, '\n', n) : NULL;
			n = nl ? (size_t)(nl - b->p) + 1 : 0;
		}
		/* The spill file holds what came before memory: it goes
		 * first, and in partial mode only when memory ends its last
		 * line, so that lines stay whole. */
		if (j->spill[i] >= 0 && (!partial || n)) {
			bar_clear(r);
			emit_spill(r, j, i, NULL);
			any = true;
		}
		if (!n)
			continue;
		bar_clear(r);
		put(r, j, i, b->p, n);
		drop_front(b, n);
		any = true;
	}
	if (!partial && r->o->verbose) {
		char how[64];
		buf_printf(&r->err, "%s: %s: %s (wait status %d)\n", program_invocation_short_name,
		           /* argument mode's words are quoted already */
		           j->argv ? j->cmd.p : quote_gnu(0, QUOTE_SHELL, j->cmd.p),
		           proc_describe_status(j->status, how, sizeof how), j->status);
		any = true;
	}
	if (!partial && r->logfd >= 0) {
		struct jobctl_job info = job_info(j);
		jobctl_joblog_line(&r->log, &info);
		log_flush(r);
		any = true;
	}
	if (any)
		flush_streams(r);
}

/* With --keep-order, only the oldest job may write while it runs. */
static bool is_live(const struct runner *r, const struct job *j)
{
	return !r->o->keep_order || r->head == j;
}

static void drain_queue(struct runner *r)
{
	while (r->head && r->head->done) {
		struct job *j = r->head;
		r->head = j->next;
		if (!r->head)
			r->tail = NULL;
		emit(r, j, false);
		job_put(r, j);
	}
	if (r->head && r->o->line_buffer)
		emit(r, r->head, true);
}

/* Gives up job j, which is in no list but perhaps in the output queue
 * (with --keep-order, once it has started): there it ends unreported. */
static void drop_job(struct runner *r, struct job *j)
{
	if (j->slot > 0)
		r->slots[j->slot - 1] = false;
	j->slot = 0;
	if (r->o->keep_order && j->tries > 0) {
		j->dropped = j->done = true;
		drain_queue(r);
	} else {
		job_put(r, j);
	}
}

/* Sends sig to job j: to its process group, so that what its shell
 * started gets it too (a job reaped whose group still holds its pipes open
 * included). A job that was reaped and leads no group is left out: its PID
 * may already name another process. */
static void send_signal(const struct runner *r, const struct job *j, int sig)
{
	if (r->pgroups)
		kill(-j->pid, sig);
	else if (!j->exited)
		kill(j->pid, sig);
}

/* Sends sig to every running job. */
static void signal_jobs(struct runner *r, int sig)
{
	for (int i = 0; i < r->nrunning; i++)
		send_signal(r, r->running[i], sig);
}

/* The kill sequence without --termseq, as GNU parallel's default. */
static const struct jobctl_termseq default_termseq = {
    4, {SIGTERM, SIGTERM, SIGTERM, SIGKILL}, {200, 100, 50, 25}};

/* Whether job j has a step of its kill sequence to come. */
static bool kill_pending(const struct runner *r, const struct job *j)
{
	return j->kstep >= 1 && j->kstep < r->ts->n;
}

/* Sends job j the first signal of the kill sequence (or sig, unless 0)
 * and, unless its kill sequence is under way, starts it: the job will
 * end even if it ignores the signal. */
static void kill_job(struct runner *r, struct job *j, int sig)
{
	if (j->kstep == 0) {
		j->kstep = 1;
		j->kat = mono_ns() + r->ts->ms[0] * 1000000LL;
		if (kill_pending(r, j))
			r->nkilling++;
	}
	send_signal(r, j, sig ? sig : r->ts->sig[0]);
}

static void kill_steps(struct runner *r)
{
	for (int i = 0; i < r->nrunning; i++) {
		struct job *j = r->running[i];
		if (!kill_pending(r, j) || r->now < j->kat)
			continue;
		send_signal(r, j, r->ts->sig[j->kstep]);
		j->kat += r->ts->ms[j->kstep++] * 1000000LL;
		if (!kill_pending(r, j))
			r->nkilling--;
	}
}

/* Jobs whose time is up are killed (--timeout). */
static void check_timeouts(struct runner *r)
{
	for (int i = 0; i < r->nrunning; i++) {
		struct job *j = r->running[i];
		if (j->timed_out || j->kstep || j->nostart || r->now - j->mstart < r->timeout)
			continue;
		j->timed_out = true;
		buf_printf(&r->err, "%s: %s: timed out\n", program_invocation_short_name,
		           quote_gnu(0, QUOTE_SHELL, j->cmd.p));
		flush_streams(r);
		kill_job(r, j, 0);
	}
}

/* Removes the pending job (waiting for descriptors): the runner stops. */
static void drop_pending(struct runner *r)
{
	if (r->pending) {
		struct job *j = r->pending;
		r->pending = NULL;
		drop_job(r, j);
	}
}

/* The halt policy was met by job j (its output written): says so, starts
 * no new job and with now, kills the running ones, whose output and the
 * output of all not yet written is then dropped. */
static void halt(struct runner *r, const struct job *j, enum jobctl_when when)
{
	char how[64];
	r->halting = r->stop = true;
	buf_printf(&r->err, "%s: halting after %s (%s%s)", program_invocation_short_name,
	           quote_gnu(0, QUOTE_SHELL, j->cmd.p), j->timed_out ? "timed out, " : "",
	           proc_describe_status(j->status, how, sizeof how));
	if (r->nrunning)
		buf_printf(&r->err, ": %s %d running", when == HALT_NOW ? "killing" : "waiting for",
		           r->nrunning);
	buf_putc(&r->err, '\n');
	flush_streams(r);
	if (when != HALT_NOW)
		return;
	r->dropping = true;
	drop_pending(r);
	for (int i = 0; i < r->nrunning; i++) {
		r->running[i]->dropped = true;
		kill_job(r, r->running[i], 0);
	}
}

static void start(struct runner *r, struct job *j);

/* --timeout N%: the runtimes of this many of the last jobs that succeeded
 * give the median (GNU parallel takes a running median of them all). */
#define RT_KEEP 999

/* --timeout N%: a job that succeeded ran for rt ns; the time limit is now
 * that share of the median of the last RT_KEEP such runtimes. */
static void note_runtime(struct runner *r, long long rt)
{
	if (!r->rt_ring) {
		r->rt_ring = xreallocarray(NULL, RT_KEEP, sizeof *r->rt_ring);
		r->rt_sorted = xreallocarray(NULL, RT_KEEP, sizeof *r->rt_sorted);
	}
	size_t n = r->rt_n;
	if (n == RT_KEEP) { /* the oldest leaves the sorted ones */
		long long old = r->rt_ring[r->rt_next];
		size_t k = 0;
		while (r->rt_sorted[k] != old)
			k++;
		memmove(r->rt_sorted + k, r->rt_sorted + k + 1, (n - k - 1) * sizeof *r->rt_sorted);
		n--;
	}
	size_t k = n;
	while (k > 0 && r->rt_sorted[k - 1] > rt)
		k--;
	memmove(r->rt_sorted + k + 1, r->rt_sorted + k, (n - k) * sizeof *r->rt_sorted);
	r->rt_sorted[k] = rt;
	r->rt_ring[r->rt_next] = rt;
	r->rt_next = (r->rt_next + 1) % RT_KEEP;
	r->rt_n = n + 1;
	long long t = (long long)(r->o->timeout_share * (double)r->rt_sorted[(r->rt_n - 1) / 2]);
	r->timeout = t > 0 ? t : 1;
}

/* Job j (running[idx]) has ended: it is tried again, or it counts (the
 * halt policy) and its output is written. */
static void finish(struct runner *r, int idx)
{
	struct job *j = r->running[idx];
	r->running[idx] = r->running[--r->nrunning];
	if (kill_pending(r, j))
		r->nkilling--;
	j->kstep = 0;
	if (r->dropping || r->sig)
		j->dropped = true;
	r->bar_dirty = true;
	if (!j->dropped && job_failed(j) && j->tries < r->max_tries && !j->nostart && !r->halting &&
	    !r->error) {
		/* only the last try's output is written */
		discard(j);
		job_reset_try(j);
		start(r, j);
		return;
	}
	if (j->slot > 0)
		r->slots[j->slot - 1] = false;
	j->slot = 0;
	if (r->o->timeout_share > 0 && !j->dropped && !job_failed(j))
		note_runtime(r, j->runtime);
	enum jobctl_when when = HALT_NEVER;
	if (!j->dropped)
		when = jobctl_after(&r->o->halt, &r->count, j->status, j->timed_out);
	j->done = true;
	if (r->o->keep_order)
		drain_queue(r); /* which may put j back: still readable until reused */
	else
		emit(r, j, false);
	if (when != HALT_NEVER)
		halt(r, j, when);
	if (!r->o->keep_order)
		job_put(r, j);
}

/* Adds j to the running jobs and, on its first try, to the output queue
 * (--keep-order), where a job tried again keeps its place. */
static void enqueue(struct runner *r, struct job *j)
{
	r->running[r->nrunning++] = j;
	if (r->o->keep_order && j->tries == 1) {
		if (r->tail)
			r->tail->next = j;
		else
			r->head = j;
		r->tail = j;
	}
}

/* Out of file descriptors for a job's pipes (or of processes): with jobs
 * running, run fewer at once from now on and start j when one ends (as GNU
 * parallel does); with none running, give up. */
static void no_pipes(struct runner *r, struct job *j)
{
	int e = errno;
	if ((e == EMFILE || e == ENFILE || e == EAGAIN) && r->nrunning > 0) {
		if (r->limit > r->nrunning)
			warnx("only enough %s to run %d job%s at once",
			      e == EAGAIN ? "processes" : "file descriptors", r->nrunning,
			      r->nrunning == 1 ? "" : "s");
		r->limit = r->nrunning;
		r->pending = j;
		return;
	}
	errno = e;
	warn("cannot make a pipe");
	r->error = r->stop = true;
	drop_job(r, j);
}

/* --dry-run: j's command, as -v shows it, is its output, and it succeeds
 * without running. */
static void dry_run(struct runner *r, struct job *j)
{
	clock_gettime(CLOCK_REALTIME, &j->start);
	j->mstart = mono_ns();
	buf_write(&j->out[0], buf_str(&j->cmd), j->cmd.len);
	buf_putc(&j->out[0], '\n');
	j->tries++;
	r->count.starts++;
	r->bar_dirty = true;
	enqueue(r, j);
	j->status = 0;
	j->exited = true;
	finish(r, r->nrunning - 1);
}

static void close_fd(int fd)
{
	if (fd >= 0)
		close(fd);
}

static void start(struct runner *r, struct job *j)
{
	int po[2] = {-1, -1}, pe[2] = {-1, -1};
	if (r->o->dry_run) {
		dry_run(r, j);
		return;
	}
	if (r->o->ungroup) {
		/* -u: no pipes; the job has ended once it has exited */
	} else if (pipe2(po, O_CLOEXEC) < 0) {
		no_pipes(r, j);
		return;
	}
	if (!r->o->ungroup && pipe2(pe, O_CLOEXEC) < 0) {
		int e = errno;
		close(po[0]);
		close(po[1]);
		errno = e;
		no_pipes(r, j);
		return;
	}
	struct proc_spawn_opts so = r->spawn;
	so.fd[1] = po[1];
	so.fd[2] = pe[1];
	if (j->infd >= 0) {
		/* --pipe: its block, from the start (a retry reads it again) */
		lseek(j->infd, 0, SEEK_SET);
		so.fd[0] = j->infd;
	}
	int e;
	const char *what = "/bin/sh";
	clock_gettime(CLOCK_REALTIME, &j->start);
	j->mstart = mono_ns();
	if (j->argv && j->argv[0]) {
		/* argument mode: never a shell but the one -c asks for */
		what = r->a->shell ? "/bin/sh" : j->argv[0];
		const char *path = r->a->shell         ? "/bin/sh"
		                   : strchr(what, '/') ? what
		                                       : resolve(r, what);
		e = path ? proc_spawn(&j->pid, path, j->argv, &so) : ENOENT;
	} else if (j->argv) {
		e = ENOENT; /* (an empty command word) */
		what = "";
	} else {
		const char *path = plan_direct(r, &j->cmd);
		e = path ? proc_spawn(&j->pid, path, r->argv, &so) : -1;
	}
	if (e != 0 && !j->argv) {
		/* Through the shell: it also gives the usual "not found"
		 * message, as sh would (proc_spawn itself runs a script
		 * without #! with /bin/sh). */
		char *argv[] = {"sh", "-c", j->cmd.p, NULL};
		e = proc_spawn(&j->pid, "/bin/sh", argv, &so);
	}
	close_fd(po[1]);
	close_fd(pe[1]);
	if (e == EAGAIN && r->nrunning > 0) { /* out of processes, for now */
		close_fd(po[0]);
		close_fd(pe[0]);
		errno = e;
		no_pipes(r, j);
		return;
	}
	j->tries++;
	r->count.starts++;
	r->bar_dirty = true;
	enqueue(r, j);
	if (e != 0) {
		errno = e;
		flush_streams(r);
		warn("%s", quote_gnu(0, QUOTE_SHELL, what));
		close_fd(po[0]);
		close_fd(pe[0]);
		j->status = proc_exec_failure_status(e) << 8;
		j->exited = j->nostart = true;
		finish(r, r->nrunning - 1);
		return;
	}
	j->fd[0] = po[0];
	j->fd[1] = pe[0];
}

/* SIGTERM, SIGINT, SIGHUP or SIGQUIT: no new job, and the signal passed on
 * to the running ones (then their kill sequence); the runner ends once
 * they have. */
static void stop_jobs(struct runner *r, int sig)
{
	if (!r->sig)
		r->sig = sig;
	r->stop = true;
	drop_pending(r);
	for (int i = 0; i < r->nrunning; i++)
		kill_job(r, r->running[i], sig);
}

/* A signal read from the signalfd. With jobs in groups of their own, the
 * terminal's stop (SIGTSTP) reaches only us: the jobs are stopped with us,
 * as they would be in our group, and continued when we are (SIGCONT). */
static void on_signal(struct runner *r, int sig)
{
	if (sig == SIGCHLD)
		return;
	if (sig == SIGTSTP) {
		signal_jobs(r, SIGTSTP);
		kill(getpid(), SIGSTOP);
	} else if (sig == SIGCONT) {
		signal_jobs(r, SIGCONT);
	} else {
		stop_jobs(r, sig);
	}
}

static void reap(struct runner *r)
{
	struct signalfd_siginfo si[16];
	ssize_t n;
	do {
		n = read(r->sfd, si, sizeof si);
		for (ssize_t k = 0; k < n / (ssize_t)sizeof si[0]; k++)
			on_signal(r, (int)si[k].ssi_signo);
	} while (n == (ssize_t)sizeof si); /* (a short read took all there was) */
	int st;
	pid_t pid;
	long long now = 0;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		for (int i = 0; i < r->nrunning; i++) {
			struct job *j = r->running[i];
			if (j->pid == pid && !j->exited) {
				j->exited = true;
				j->status = st;
				if (!now)
					now = mono_ns();
				j->runtime = now - j->mstart;
				break;
			}
		}
	}
}

/* Takes in what poll found on a job's pipe: POLLHUP alone is the end, with
 * nothing left to read. */
static void read_output(struct runner *r, struct job *j, int i, short revents)
{
	struct buf *b = &j->out[i];
	ssize_t n = revents & (POLLIN | POLLERR) ? read_more(b, j->fd[i], 16 * 1024) : 0;
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		close(j->fd[i]);
		j->fd[i] = -1;
		return;
	}
	j->bytes[i] += (unsigned long long)n;
	if (r->o->line_buffer && is_live(r, j) &&
	    memchr(b->p + b->len - (size_t)n, '\n', (size_t)n))
		emit(r, j, true);
	else if (b->len >= r->spill_size && !j->nospill[i])
		spill(j, i);
}

static void runner_init(struct runner *r, int fd, const char *name, const struct jobs_opts *o)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	r->name = name;
	r->spill_size = o->spill_size ? o->spill_size : SPILL_SIZE;
	r->in = fd;
	r->devnull = -1;
	r->logfd = -1;
	r->timeout = o->timeout_ns;
	r->ts = o->termseq.n ? &o->termseq : &default_termseq;
	r->limit = o->max;
	r->max_tries = o->tries ? o->tries : 1;
	r->running = xreallocarray(NULL, (size_t)o->max, sizeof *r->running);
	r->slots = xcalloc((size_t)o->max, sizeof *r->slots);
	r->pfd = xreallocarray(NULL, 2 * (size_t)o->max + 2, sizeof *r->pfd);
	r->pjob = xreallocarray(NULL, 2 * (size_t)o->max + 2, sizeof *r->pjob);
	/* Jobs that read our stdin, a terminal, stay in our (foreground)
	 * process group, where reading it does not stop them (SIGTTIN). */
	r->pgroups = o->null_stdin || !isatty(STDIN_FILENO);
	r->bar = (o->bar || o->progress) && isatty(STDERR_FILENO);
	if (o->joblog && o->resume &&
	    jobctl_joblog_done(o->joblog, o->resume == 2, &r->done, &r->ndone) != 0)
		err(EXIT_CANCELED, "%s", quote_gnu(0, QUOTE_SHELL, o->joblog));
	if (o->joblog && !o->dry_run) {
		bool header;
		r->logfd = jobctl_joblog_open(o->joblog, o->resume != 0, &header);
		if (r->logfd < 0)
			err(EXIT_CANCELED, "%s", quote_gnu(0, QUOTE_SHELL, o->joblog));
		if (header)
			jobctl_joblog_header(&r->log);
	}
	/* As timeout(1) takes them, whatever their action was: the jobs get
	 * them at the default action (reset_term), and from us. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	struct sigaction tstp;
	if (r->pgroups && sigaction(SIGTSTP, NULL, &tstp) == 0 && tstp.sa_handler != SIG_IGN) {
		sigaddset(&set, SIGTSTP);
		sigaddset(&set, SIGCONT);
	}
	sigprocmask(SIG_BLOCK, &set, &r->oldmask);
	r->sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (r->sfd < 0)
		err(EXIT_CANCELED, "signalfd");
	if (o->null_stdin && (r->devnull = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
		err(EXIT_CANCELED, "/dev/null");
	proc_spawn_opts_init(&r->spawn);
	r->spawn.fd[0] = r->devnull;
	r->spawn.new_pgroup = r->pgroups;
	r->spawn.reset_term = true; /* the signals we pass on must be able to end it */
	proc_spawn_plan(&r->spawn);
}

static void runner_free(struct runner *r)
{
	drop_pending(r);
	bar_clear(r);
	sigprocmask(SIG_SETMASK, &r->oldmask, NULL);
	close(r->sfd);
	if (r->devnull >= 0)
		close(r->devnull);
	if (r->logfd > STDOUT_FILENO && close(r->logfd) != 0 && !r->error) {
		warn("%s", quote_gnu(0, QUOTE_SHELL, r->o->joblog));
		r->error = true;
	}
	while (r->free) {
		struct job *j = r->free;
		r->free = j->next;
		buf_free(&j->cmd);
		free(j->argv);
		buf_free(&j->args);
		buf_free(&j->tag);
		buf_free(&j->out[0]);
		buf_free(&j->out[1]);
		free(j);
	}
	for (int i = 0; i < r->ncache; i++) {
		free(r->cache[i].name);
		free(r->cache[i].path);
	}
	free(r->running);
	free(r->slots);
	free(r->done);
	free(r->rt_ring);
	free(r->rt_sorted);
	free(r->idx);
	free(r->chead);
	free(r->len);
	free(r->rec);
	buf_free(&r->trimmed);
	buf_free(&r->shuf);
	free(r->shuf_at);
	free(r->bvals);
	free(r->colv);
	buf_free(&r->cols);
	buf_free(&r->v0);
	buf_free(&r->batch);
	free(r->pfd);
	free(r->pjob);
	buf_free(&r->rd);
	buf_free(&r->words);
	free(r->argv);
	buf_free(&r->err);
	buf_free(&r->chunk);
	buf_free(&r->log);
	buf_free(&r->barline);
}

/* Reads all the input, for the jobs to be counted or shuffled; a signal
 * meanwhile still stops the runner. */
static void read_all(struct runner *r)
{
	struct pollfd p[2] = {{.fd = r->sfd, .events = POLLIN}, {.fd = r->in, .events = POLLIN}};
	bool reads = !r->a || r->a->stream || r->o->pipe;
	while (reads && r->in >= 0 && !r->eof && !r->sig) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			err(EXIT_CANCELED, "poll");
		}
		if (p[0].revents)
			reap(r);
		if (p[1].revents)
			read_input(r);
	}
}

/* A random number below n (n > 0), without bias: splitmix64 from a seed
 * of getentropy(3). */
static unsigned long long random_below(struct runner *r, unsigned long long n)
{
	unsigned long long limit = -n % n; /* 2^64 mod n: the values to refuse */
	for (;;) {
		unsigned long long z = (r->rng += 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		z ^= z >> 31;
		if (z >= limit)
			return z % n;
	}
}

/* --shuf: every record made first (all the input read), and handed out
 * in a random order (Fisher-Yates) instead of the input's. */
static void shuffle_records(struct runner *r)
{
	read_all(r);
	if (getentropy(&r->rng, sizeof r->rng) != 0)
		r->rng = (unsigned long long)mono_ns() ^ (unsigned long long)getpid() << 32;
	struct buf all = {0};
	size_t n = 0, cap = 0;
	size_t *at = NULL;
	while (next_record(r) > 0) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			at = xreallocarray(at, cap, sizeof *at);
		}
		at[n++] = all.len;
		for (size_t g = 0; g < r->a->ngroups; g++)
			buf_write(&all, r->rec[g], strlen(r->rec[g]) + 1);
		r->have_rec = false;
	}
	for (size_t i = n; i > 1; i--) {
		size_t k = (size_t)random_below(r, i);
		size_t t = at[i - 1];
		at[i - 1] = at[k];
		at[k] = t;
	}
	r->shuf = all;
	r->shuf_at = at;
	r->shuf_n = n;
	r->shuffled = true;
}

/* The number of jobs in all, which --bar, a --halt percentage and {##}
 * need before the first job starts: as GNU parallel does, the whole input
 * is read first, then the jobs are counted as they would be made and the
 * input rewound. Items that come from code (walk -x) are not counted: the
 * total stays unknown. */
static void count_jobs(struct runner *r)
{
	if (r->items)
		return;
	read_all(r);
	size_t at = r->rpos;
	unsigned long n = 0;
	if (r->o->pipe) {
		const char *p;
		size_t len;
		while (next_block(r, &p, &len) > 0)
			n++;
	} else if (r->a) {
		while (fill_batch(r) > 0) {
			n++;
			r->seq++; /* a record's size depends on its number */
			batch_drop(r, batch_count(r));
		}
		r->seq = 0;
		r->cut = 0;
		r->shuf_next = 0;
		r->need0 = true;
		r->have_rec = false;
		r->i0 = 0;
		memset(r->idx, 0, r->a->ngroups * sizeof *r->idx);
		batch_reset(r);
	} else {
		struct buf line = {0};
		while (next_line(r, &line) > 0)
			n++;
		buf_free(&line);
	}
	r->rpos = at;
	r->count.total = n;
	r->total_known = true;
}

/* Starts jobs while there is room: the one waiting for descriptors first,
 * then one per line of input. True when the input has no whole line yet
 * and is to be polled along with the jobs. */
static bool start_jobs(struct runner *r)
{
	while (r->nrunning < r->limit) {
		struct job *j = r->pending;
		if (j) {
			r->pending = NULL;
		} else {
			if (r->stop)
				break;
			int got;
			if (r->o->pipe) {
				const char *p;
				size_t n;
				got = next_block(r, &p, &n);
				j = got > 0 ? make_pipe_job(r, p, n) : NULL;
				if (got > 0 && !j)
					got = 0; /* (said) */
			} else if (r->a) {
				got = fill_batch(r);
				j = got > 0 ? make_job(r) : NULL;
			} else {
				j = job_get(r);
				got = next_line(r, &j->cmd);
				if (got > 0) {
					j->seq = ++r->seq;
					j->slot = take_slot(r);
				} else {
					job_put(r, j);
				}
			}
			if (got > 0 && jobctl_seq_in(r->done, r->ndone, j->seq)) {
				/* --resume: it ran already (or succeeded) */
				r->slots[j->slot - 1] = false;
				job_put(r, j);
				continue;
			}
			if (got <= 0) {
				if (got == 0) {
					r->stop = true;
					if (!r->total_known) {
						r->count.total = r->seq;
						r->total_known = true;
						r->bar_dirty = true;
					}
				}
				return got < 0;
			}
		}
		if (r->o->delay_ns) {
			long long now = mono_ns();
			if (now < r->next_start) {
				r->pending = j; /* started when its time comes */
				return false;
			}
			r->next_start = now + r->o->delay_ns;
		}
		start(r, j);
		if (r->pending)
			break;
	}
	return false;
}

/* The nearest moment the loop must wake at without an event (a time
 * limit, a kill step, a redraw), or -1 for none. */
static long long next_due(const struct runner *r)
{
	long long due = -1;
#define SOONER(t) (due < 0 || (t) < due ? (t) : due)
	for (int i = 0; i < r->nrunning; i++) {
		const struct job *j = r->running[i];
		if (kill_pending(r, j))
			due = SOONER(j->kat);
		else if (r->timeout && !j->timed_out && !j->kstep && !j->nostart)
			due = SOONER(j->mstart + r->timeout);
	}
	if (r->bar)
		due = SOONER(bar_due(r));
	if (r->pending && r->o->delay_ns)
		due = SOONER(r->next_start);
#undef SOONER
	return due;
}

/* Waits in poll(2) for the next events (a child's end, output, input, a
 * time limit, a kill step, a redraw) and takes them in. */
static void wait_events(struct runner *r, bool want_input)
{
	int np = 0, inp = -1;
	r->pfd[np++] = (struct pollfd){.fd = r->sfd, .events = POLLIN};
	if (want_input) {
		inp = np;
		r->pfd[np++] = (struct pollfd){.fd = r->in, .events = POLLIN};
	}
	for (int i = 0; i < r->nrunning; i++)
		for (int k = 0; k < 2; k++)
			if (r->running[i]->fd[k] >= 0) {
				r->pjob[np] = r->running[i];
				r->pfd[np++] =
				    (struct pollfd){.fd = r->running[i]->fd[k], .events = POLLIN};
			}
	bool timers = r->timeout || r->nkilling || r->bar || (r->pending && r->o->delay_ns);
	struct timespec ts, *tp = NULL;
	if (timers) {
		r->now = mono_ns();
		long long due = next_due(r);
		if (due >= 0) {
			long long d = due > r->now ? due - r->now : 0;
			ts = (struct timespec){.tv_sec = d / 1000000000, .tv_nsec = d % 1000000000};
			tp = &ts;
		}
	}
	if (ppoll(r->pfd, (nfds_t)np, tp, NULL) < 0) {
		if (errno == EINTR)
			return;
		err(EXIT_CANCELED, "poll");
	}
	if (inp > 0 && r->pfd[inp].revents)
		read_input(r);
	if (r->pfd[0].revents)
		reap(r);
	for (int p = inp > 0 ? 2 : 1; p < np; p++) {
		if (!r->pfd[p].revents)
			continue;
		struct job *j = r->pjob[p];
		read_output(r, j, r->pfd[p].fd == j->fd[0] ? 0 : 1, r->pfd[p].revents);
	}
	if (timers) {
		r->now = mono_ns();
		if (r->nkilling)
			kill_steps(r);
		if (r->timeout && !r->sig && !r->dropping)
			check_timeouts(r);
	}
}

/* Finishes the jobs that have been reaped and whose pipes are at EOF. */
static void finish_ended(struct runner *r)
{
	for (int i = 0; i < r->nrunning;) {
		struct job *j = r->running[i];
		if (j->exited && j->fd[0] < 0 && j->fd[1] < 0)
			finish(r, i); /* moves the last one to i */
		else
			i++;
	}
}

static int run(struct runner *r)
{
	out_flush();
	if (r->log.len)
		log_flush(r);
	if (r->a && r->o->shuf && !r->items)
		shuffle_records(r);
	if ((r->bar && r->o->bar) || r->o->halt.pct || (r->a && r->a->needs_total))
		count_jobs(r);
	if (r->a)
		r->args.total = r->count.total;
	r->began = r->bar_at = mono_ns();
	for (;;) {
		bool want_input = start_jobs(r);
		if (r->nrunning == 0 && !want_input && !r->pending)
			break;
		wait_events(r, want_input);
		finish_ended(r);
		if (r->bar && !r->sig && r->now >= bar_due(r))
			bar_draw(r);
	}
	runner_free(r);
	if (r->sig)
		return EXIT_SIGNAL_BASE + r->sig;
	if (r->error)
		return EXIT_CANCELED;
	return jobctl_status(&r->o->halt, &r->count);
}

int jobs_run(int fd, const char *name, const struct jobs_opts *o)
{
	struct runner r;
	runner_init(&r, fd, name, o);
	return run(&r);
}

static void args_init(struct runner *r, const struct jobargs *a)
{
	r->args = *a;
	r->args.slots = r->o->max;
	r->a = a = &r->args;
	r->need0 = true;
	r->idx = xcalloc(a->ngroups, sizeof *r->idx);
	r->chead = xcalloc(a->ngroups, sizeof *r->chead);
	r->len = xcalloc(a->ngroups, sizeof *r->len);
	for (size_t g = 0; g < a->ngroups; g++) {
		r->chead[g] = g > 0 && a->groups[g].linked ? r->chead[g - 1] : g;
		if (r->chead[g] == g && !(g == 0 && a->stream))
			r->len[g] = jobargs_chain_len(a, g);
	}
	r->rec = xcalloc(a->ngroups, sizeof *r->rec);
	r->batchmax = a->arg_max ? a->arg_max : jobargs_arg_max();
	/* a shell's line is one argument, which Linux caps at 32 pages */
	if (a->shell && r->batchmax > 32 * 4096 - 1)
		r->batchmax = 32 * 4096 - 1;
	batch_reset(r);
}

int jobs_run_args(const struct jobargs *a, int fd, const char *name, const struct jobs_opts *o)
{
	struct runner r;
	runner_init(&r, fd, name, o);
	args_init(&r, a);
	return run(&r);
}

int jobs_run_items(const struct jobargs *a, jobs_item_fn next, void *ctx, const struct jobs_opts *o)
{
	struct runner r;
	runner_init(&r, -1, "items", o);
	r.items = next;
	r.items_ctx = ctx;
	args_init(&r, a);
	return run(&r);
}
