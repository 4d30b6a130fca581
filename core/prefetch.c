/* Reading directories ahead of a walk on worker threads (osbox/prefetch.h). */
#include "osbox/prefetch.h"
#include "osbox/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum job_state { J_QUEUED, J_RUNNING, J_DONE };

struct pf_job {
	struct pf_job *next; /* in its level, or in the free list */
	struct pf_level *lv;
	const struct dent *d;
	size_t seq;
	enum job_state state;
	int dirfd;
	struct dirlist dl;
	int fd, err;
	long long read_ns; /* openat to getdents64's end, for count_read */
	bool have_st;
	struct stat st;
	struct pf_stats ps; /* its entries' status (WALK_STAT) */
	struct pf_sub *sub; /* split: the subtree it reads, from its start */
	bool detached;      /* split: the walk took (or dropped) it running */
};

/* Split mode: one directory of a subtree read ahead, as the walk would
 * read it, and where the walk meets it. */
struct sub_rec {
	struct dirlist dl;
	struct pf_stats ps; /* valid when the walk needs its entries' status */
	size_t seq;         /* its entry number in its parent */
	int depth;          /* below the subtree's root (0) */
	int err;            /* of openat or getdents64 */
};

/* A subtree read ahead whole, its directories in the walk's order:
 * published by the worker as it reads them, taken by the walk in turn. */
struct pf_sub {
	struct sub_rec *rec;
	size_t n, cap; /* published */
	size_t next;   /* the walk's next */
	size_t held;   /* entries published and not taken */
	bool done;     /* the worker is finished with it */
	bool stop;     /* the worker stops after the directory it reads */
	bool orphan;   /* nobody takes it: the worker frees it when done */
	int dirfd;     /* the worker's own duplicate of its parent's fd, */
	char *name;    /* and copy of its name: the walk may leave the parent */
};

/* A worker's directory in a subtree: its subdirectories still to read. */
struct sub_frame {
	int fd;
	int depth;
	size_t i, n; /* the next, and how many */
	size_t *seq; /* entry numbers */
	size_t *off; /* names, in names */
	size_t cap;
	struct buf names;
};

/* Warming (WALK_WHOLE): a directory whose subdirectories wait to be read,
 * held open by those waiting; and one of them. */
struct warm_dir {
	int fd;
	int refs;
};

struct warm_item {
	struct warm_dir *parent;
	char name[];
};

/* A worker's own buffers for warming. */
struct warm_buf {
	struct dirlist dl;
	struct warm_item **items; /* the subdirectories of the one just read */
	size_t n, cap;
};

struct prefetch {
	pthread_mutex_t mu;
	pthread_cond_t work; /* a job was queued, or stop */
	pthread_cond_t done; /* a job is done */
	pthread_t *threads;
	int nthreads;
	unsigned flags;
	dev_t root_dev;
	struct pf_level *deepest; /* levels with work, deepest first */
	struct pf_job *free;
	int jobs, max_jobs, max_per_level;
	int idle;          /* workers waiting for work */
	bool main_waiting; /* the walk waits for a job to finish */
	bool stop;
	/* Warming: directories below the open levels, read in the walk's
	 * depth-first order by the workers that have no job (the result
	 * dropped: what is kept is the kernel's cache); a stack, the next
	 * directory on top. */
	bool warm;      /* allowed: WALK_WHOLE */
	bool warm_on;   /* warming now */
	bool want_seed; /* prefetch_level_start asks for prefetch_warm */
	struct warm_item **wstack;
	size_t wlen, wcap;
	int warm_fds, max_warm_fds;
	long slow_ns;
	int wreads, wslow; /* warm reads in the current window, and slow ones */
	int jreads, jslow; /* the same of jobs while not warming */
	/* Split mode: each job reads its directory's whole subtree, and the
	 * workers take the jobs farthest from the walk first. */
	bool split;
	size_t held; /* entries read ahead and not taken by the walk */
};

/* Split mode: past SUB_HELD entries read ahead and waiting, no subtree is
 * started and the running ones stop; a subtree ends SUB_MAX_DEPTH levels
 * below its root (a descriptor held for each): the walk goes on itself. */
enum { SUB_HELD = 1 << 20, SUB_MAX_DEPTH = 32 };

/* At most this many directories wait to be warmed: past it a subtree is
 * left to the walk. */
enum { WARM_MAX_ITEMS = 1 << 17, WARM_MAX_FDS = 64 };

/* Each entry's lstat, in the order the walk will visit them. */
static void stat_list(struct pf_stats *ps, const struct dirlist *dl, int fd)
{
	if (ps->cap < dl->count) {
		size_t n = dl->count > 2 * ps->cap ? dl->count : 2 * ps->cap;
		free(ps->st);
		free(ps->err);
		ps->st = xreallocarray(NULL, n, sizeof *ps->st);
		ps->err = xreallocarray(NULL, n, sizeof *ps->err);
		ps->cap = n;
	}
	size_t pos = 0, i = 0;
	const struct dent *d;
	while ((d = dirlist_next(dl, &pos)) && i < ps->cap) {
		ps->err[i] = fstatat(fd, d->name, &ps->st[i], AT_SYMLINK_NOFOLLOW) < 0 ? errno : 0;
		i++;
	}
	ps->valid = i == dl->count;
}

void pf_stats_free(struct pf_stats *ps)
{
	free(ps->st);
	free(ps->err);
	memset(ps, 0, sizeof *ps);
}

static void job_run(const struct prefetch *pf, struct pf_job *j)
{
	j->have_st = false;
	j->ps.valid = false;
	j->err = 0;
	long long t0 = pf->warm ? pf_now_ns() : 0; /* count_read's */
	j->fd = openat(j->dirfd, j->d->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (j->fd < 0) {
		j->err = errno;
		return;
	}
	if (pf->flags & (WALK_FOLLOW | WALK_XDEV)) {
		if (fstat(j->fd, &j->st) < 0) {
			j->err = errno;
			close(j->fd);
			j->fd = -1;
			return;
		}
		j->have_st = true;
		/* not entered under -x: do not read it for nothing */
		if ((pf->flags & WALK_XDEV) && j->st.st_dev != pf->root_dev)
			return;
	}
	j->err = dirlist_read(&j->dl, j->fd);
	if (pf->warm)
		j->read_ns = pf_now_ns() - t0;
	if (j->err) {
		close(j->fd);
		j->fd = -1;
		return;
	}
	if (pf->flags & WALK_SORT)
		dirlist_sort(&j->dl);
	if ((pf->flags & (WALK_STAT | WALK_FOLLOW)) == WALK_STAT)
		stat_list(&j->ps, &j->dl, j->fd);
}

/* Split mode. */

static void sub_free(struct prefetch *pf, struct pf_sub *s)
{
	pf->held -= s->held;
	for (size_t i = 0; i < s->n; i++) {
		dirlist_free(&s->rec[i].dl);
		pf_stats_free(&s->rec[i].ps);
	}
	free(s->rec);
	free(s);
}

/* Reads the directory (dirfd, name) into r as the walk would (its
 * entries' status too when the walk needs it: WALK_STAT, or a d_type
 * unknown). Returns its fd, or -1 with r->err. */
static int sub_read(const struct prefetch *pf, int dirfd, const char *name, struct sub_rec *r)
{
	memset(r, 0, sizeof *r);
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		r->err = errno;
		return -1;
	}
	r->err = dirlist_read(&r->dl, fd);
	if (r->err) {
		close(fd);
		return -1;
	}
	if (pf->flags & WALK_SORT)
		dirlist_sort(&r->dl);
	bool need = pf->flags & WALK_STAT;
	size_t pos = 0;
	const struct dent *d;
	while (!need && (d = dirlist_next(&r->dl, &pos)))
		need = d->type == DT_UNKNOWN;
	if (need)
		stat_list(&r->ps, &r->dl, fd);
	return fd;
}

/* The subdirectories of r that the walk will enter (its rule: the status
 * when it takes one, else d_type), into f. */
static void sub_collect(const struct prefetch *pf, struct sub_frame *f, const struct sub_rec *r)
{
	f->i = f->n = 0;
	buf_truncate(&f->names, 0);
	size_t pos = 0, seq = 0;
	const struct dent *d;
	for (; (d = dirlist_next(&r->dl, &pos)); seq++) {
		unsigned char type = d->type;
		if (type == DT_UNKNOWN || (pf->flags & WALK_STAT)) {
			if (!r->ps.valid || r->ps.err[seq])
				continue;
			type = IFTODT(r->ps.st[seq].st_mode);
		}
		if (type != DT_DIR)
			continue;
		if (f->n == f->cap) {
			f->cap = f->cap ? 2 * f->cap : 16;
			f->seq = xreallocarray(f->seq, f->cap, sizeof *f->seq);
			f->off = xreallocarray(f->off, f->cap, sizeof *f->off);
		}
		f->seq[f->n] = seq;
		f->off[f->n++] = f->names.len;
		buf_write(&f->names, d->name, (size_t)d->len + 1);
	}
}

/* Hands r to the walk. Returns false when the worker is to stop: the walk
 * caught up, dropped the subtree, or too much waits for it. */
static bool sub_publish(struct prefetch *pf, struct pf_sub *s, struct sub_rec *r)
{
	pthread_mutex_lock(&pf->mu);
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->rec = xreallocarray(s->rec, s->cap, sizeof *s->rec);
	}
	s->rec[s->n++] = *r;
	s->held += r->dl.count;
	pf->held += r->dl.count;
	bool go = !s->stop && pf->held < SUB_HELD;
	pthread_mutex_unlock(&pf->mu);
	return go;
}

/* A split job: the subtree of its directory, depth first in the walk's
 * order, published directory by directory, until it ends or must stop. */
static void sub_run(struct prefetch *pf, struct pf_job *j)
{
	struct pf_sub *s = j->sub;
	struct sub_frame *fr = NULL;
	int nf = 0, cap = 0;
	int dirfd = s->dirfd;
	const char *name = s->name;
	size_t seq = j->seq;
	int depth = 0;
	/* no duplicate of the parent's fd: the walk reads it itself */
	while (dirfd >= 0) {
		if (nf == cap) {
			cap = cap ? 2 * cap : 8;
			fr = xreallocarray(fr, (size_t)cap, sizeof *fr);
			memset(fr + nf, 0, (size_t)(cap - nf) * sizeof *fr);
		}
		struct sub_rec r;
		int fd = sub_read(pf, dirfd, name, &r);
		/* out of descriptors here: the walk tries again itself */
		if (r.err == EMFILE || r.err == ENFILE) {
			dirlist_free(&r.dl);
			pf_stats_free(&r.ps);
			break;
		}
		r.seq = seq;
		r.depth = depth;
		struct sub_frame *f = &fr[nf];
		if (fd >= 0)
			sub_collect(pf, f, &r); /* before the walk may take r */
		bool go = sub_publish(pf, s, &r);
		if (fd >= 0) {
			if (f->n > 0 && go && depth < SUB_MAX_DEPTH) {
				f->fd = fd;
				f->depth = depth;
				nf++;
			} else {
				close(fd);
				/* a level the walk will enter and find unpublished:
				 * no sense reading past it */
				if (f->n > 0)
					go = false;
			}
		}
		if (!go)
			break;
		while (nf > 0 && fr[nf - 1].i == fr[nf - 1].n)
			close(fr[--nf].fd);
		if (nf == 0)
			break;
		f = &fr[nf - 1];
		dirfd = f->fd;
		name = f->names.p + f->off[f->i];
		seq = f->seq[f->i++];
		depth = f->depth + 1;
	}
	while (nf > 0)
		close(fr[--nf].fd);
	if (s->dirfd >= 0)
		close(s->dirfd);
	free(s->name);
	for (int i = 0; i < cap; i++) {
		free(fr[i].seq);
		free(fr[i].off);
		buf_free(&fr[i].names);
	}
	free(fr);
}

static void warm_unref(struct prefetch *pf, struct warm_dir *d)
{
	if (--d->refs > 0)
		return;
	close(d->fd);
	free(d);
	pf->warm_fds--;
}

/* Its parent is set when it is pushed. */
static struct warm_item *warm_item_new(const struct dent *d)
{
	struct warm_item *it = xmalloc(sizeof *it + d->len + 1);
	memcpy(it->name, d->name, d->len + 1);
	return it;
}

/* Pushes wb's items, the subdirectories of the directory open on fd, the
 * first on top, holding fd for them; or, past the limits or with none,
 * closes fd and drops them. Lock held. */
static void warm_push(struct prefetch *pf, struct warm_buf *wb, int fd)
{
	if (wb->n == 0 || !pf->warm_on || pf->warm_fds >= pf->max_warm_fds ||
	    pf->wlen + wb->n > WARM_MAX_ITEMS) {
		for (size_t i = 0; i < wb->n; i++)
			free(wb->items[i]);
		wb->n = 0;
		close(fd);
		return;
	}
	struct warm_dir *d = xmalloc(sizeof *d);
	d->fd = fd;
	d->refs = (int)wb->n;
	pf->warm_fds++;
	if (pf->wcap < pf->wlen + wb->n) {
		size_t n = pf->wlen + wb->n > 2 * pf->wcap ? pf->wlen + wb->n : 2 * pf->wcap;
		pf->wstack = xreallocarray(pf->wstack, n, sizeof *pf->wstack);
		pf->wcap = n;
	}
	while (wb->n > 0) {
		struct warm_item *it = wb->items[--wb->n];
		it->parent = d;
		pf->wstack[pf->wlen++] = it;
	}
	if (pf->idle)
		pthread_cond_signal(&pf->work);
}

/* Warming stops: what waits is dropped. Lock held. */
static void warm_stop(struct prefetch *pf)
{
	pf->warm_on = false;
	while (pf->wlen > 0) {
		struct warm_item *it = pf->wstack[--pf->wlen];
		warm_unref(pf, it->parent);
		free(it);
	}
}

/* A warm read, or a job's read while not warming, was slow or not: a
 * window with few slow warm reads stops warming (the cache has the tree,
 * or the walk passed that far), slow reads of jobs after that ask for it
 * again. Lock held. */
static void count_read(struct prefetch *pf, bool warming, bool slow)
{
	if (warming) {
		pf->wslow += slow;
		if (++pf->wreads < WINDOW)
			return;
		if (pf->wslow < SLOW_READS && pf->warm_on)
			warm_stop(pf);
		pf->wreads = pf->wslow = 0;
	} else if (pf->warm && !pf->warm_on && !pf->want_seed) {
		if ((pf->jslow += slow) >= SLOW_READS)
			pf->want_seed = true;
		if (++pf->jreads >= WINDOW || pf->want_seed)
			pf->jreads = pf->jslow = 0;
	}
}

/* Adds the subdirectories of dl (those a walk would enter: d_type a
 * directory, or unknown) from cursor pos on to wb. */
static void warm_collect(struct warm_buf *wb, const struct dirlist *dl, size_t pos)
{
	const struct dent *d;
	while ((d = dirlist_next(dl, &pos))) {
		if (d->type != DT_DIR && d->type != DT_UNKNOWN)
			continue;
		if (wb->n == wb->cap) {
			wb->cap = wb->cap ? 2 * wb->cap : 64;
			wb->items = xreallocarray(wb->items, wb->cap, sizeof *wb->items);
		}
		wb->items[wb->n++] = warm_item_new(d);
	}
}

/* Reads the directory of it (and with WALK_STAT its entries' status) for
 * the cache, collecting its subdirectories into wb; *dt: the ns from
 * openat to getdents64's end. Returns its fd, or -1 when it is not a
 * directory on the root's device or cannot be read. */
static int warm_read(const struct prefetch *pf, const struct warm_item *it, struct warm_buf *wb,
                     long long *dt)
{
	wb->n = 0;
	long long t0 = pf_now_ns();
	int fd = openat(it->parent->fd, it->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -1;
	struct stat st;
	dirlist_clear(&wb->dl);
	/* other file systems are left to the walk: a mount point never
	 * leads the warming round a loop */
	if (fstat(fd, &st) < 0 || st.st_dev != pf->root_dev || dirlist_read(&wb->dl, fd) != 0) {
		close(fd);
		return -1;
	}
	*dt = pf_now_ns() - t0;
	if (pf->flags & WALK_SORT)
		dirlist_sort(&wb->dl);
	if (pf->flags & WALK_STAT) {
		size_t pos = 0;
		const struct dent *d;
		while ((d = dirlist_next(&wb->dl, &pos)))
			(void)fstatat(fd, d->name, &st, AT_SYMLINK_NOFOLLOW);
	}
	warm_collect(wb, &wb->dl, 0);
	return fd;
}

/* Split mode's next job, or NULL: the last not started of the
 * shallowest level that has one, the subtree the walk reaches last, so
 * that the walk and the workers meet late; never a level's head (the walk
 * reaches it next, and reads it itself), nor a job past the entries held. */
static struct pf_job *farthest_queued(struct prefetch *pf)
{
	if (pf->held >= SUB_HELD / 2)
		return NULL;
	struct pf_level *l = pf->deepest;
	while (l && l->shallower)
		l = l->shallower;
	for (; l; l = l->deeper) {
		struct pf_job *last = NULL;
		for (struct pf_job *j = l->queued; j; j = j->next)
			if (j->state == J_QUEUED && j != l->head)
				last = j;
		if (last)
			return last;
	}
	return NULL;
}

/* The job a worker should read next, or NULL: in the deepest level with
 * work, the first job not started, but not the level's head when another
 * is waiting: the walk reaches the head first and reads it itself
 * instead of waiting, while the worker reads the next, so that the two
 * rarely wait for each other. */
static struct pf_job *next_queued(struct prefetch *pf)
{
	if (pf->split)
		return farthest_queued(pf);
	for (struct pf_level *l = pf->deepest; l; l = l->shallower) {
		struct pf_job *first = NULL;
		for (struct pf_job *j = l->queued; j; j = j->next) {
			if (j->state != J_QUEUED)
				continue;
			if (j != l->head)
				return j;
			first = j;
		}
		if (first)
			return first;
	}
	return NULL;
}

/* l->queued: the first job that may not have started (those before it
 * all have). */
static void advance_queued(struct pf_level *l)
{
	while (l->queued && l->queued->state != J_QUEUED)
		l->queued = l->queued->next;
}

static void *worker(void *arg)
{
	struct prefetch *pf = arg;
	struct warm_buf wb = {0};
	pthread_mutex_lock(&pf->mu);
	for (;;) {
		struct pf_job *j = NULL;
		while (!pf->stop && !(j = next_queued(pf)) && pf->wlen == 0) {
			pf->idle++;
			pthread_cond_wait(&pf->work, &pf->mu);
			pf->idle--;
		}
		if (pf->stop)
			break;
		if (!j) { /* no job: the next directory to warm */
			struct warm_item *it = pf->wstack[--pf->wlen];
			pthread_mutex_unlock(&pf->mu);
			long long dt;
			int fd = warm_read(pf, it, &wb, &dt);
			pthread_mutex_lock(&pf->mu);
			warm_unref(pf, it->parent);
			free(it);
			if (fd >= 0) {
				count_read(pf, true, read_is_slow(pf->slow_ns, dt, wb.dl.count));
				warm_push(pf, &wb, fd);
			}
			continue;
		}
		j->state = J_RUNNING;
		advance_queued(j->lv);
		if (pf->split) {
			j->sub = xcalloc(1, sizeof *j->sub);
			j->sub->dirfd = fcntl(j->dirfd, F_DUPFD_CLOEXEC, 0);
			j->sub->name = xstrdup(j->d->name);
			j->fd = -1;
		}
		pthread_mutex_unlock(&pf->mu);
		if (pf->split)
			sub_run(pf, j);
		else
			job_run(pf, j);
		pthread_mutex_lock(&pf->mu);
		if (pf->warm && j->fd >= 0)
			count_read(pf, false, read_is_slow(pf->slow_ns, j->read_ns, j->dl.count));
		if (j->sub)
			j->sub->done = true;
		if (j->detached) { /* out of its level already: the job is ours to free */
			if (j->sub->orphan)
				sub_free(pf, j->sub);
			j->sub = NULL;
			j->detached = false;
			j->next = pf->free;
			pf->free = j;
			continue;
		}
		j->state = J_DONE;
		/* futex calls only when someone sleeps: they cost as much as
		 * reading a small directory */
		if (pf->main_waiting)
			pthread_cond_signal(&pf->done);
	}
	pthread_mutex_unlock(&pf->mu);
	dirlist_free(&wb.dl);
	free(wb.items);
	return NULL;
}

struct prefetch *prefetch_new(int threads, unsigned flags, dev_t root_dev, int max_fds,
                              long slow_ns, bool split)
{
	if (threads < 1)
		return NULL;
	struct prefetch *pf = xcalloc(1, sizeof *pf);
	pthread_mutex_init(&pf->mu, NULL);
	pthread_cond_init(&pf->work, NULL);
	pthread_cond_init(&pf->done, NULL);
	pf->flags = flags;
	pf->root_dev = root_dev;
	pf->split = split;
	pf->warm = (flags & (WALK_WHOLE | WALK_FOLLOW)) == WALK_WHOLE && !split;
	pf->want_seed = pf->warm;
	pf->slow_ns = slow_ns;
	pf->max_warm_fds = max_fds < WARM_MAX_FDS ? max_fds : WARM_MAX_FDS;
	/* Enough work ahead that a worker seldom sleeps (each sleep and
	 * wake-up is a futex call, as dear as reading a small directory);
	 * each job holds one fd and one buffer, so this bounds both. */
	pf->max_per_level = 8 * threads + 8;
	pf->max_jobs = 32 * threads + 32;
	if (pf->max_jobs > max_fds)
		pf->max_jobs = max_fds;
	if (pf->max_per_level > pf->max_jobs)
		pf->max_per_level = pf->max_jobs;
	pf->threads = xcalloc((size_t)threads, sizeof *pf->threads);
	for (int i = 0; i < threads; i++) {
		if (pthread_create(&pf->threads[pf->nthreads], NULL, worker, pf) != 0)
			break; /* fewer threads; none is fine too */
		pf->nthreads++;
	}
	if (pf->nthreads == 0) {
		free(pf->threads);
		free(pf);
		return NULL;
	}
	return pf;
}

void prefetch_free(struct prefetch *pf)
{
	if (!pf)
		return;
	pthread_mutex_lock(&pf->mu);
	pf->stop = true;
	pthread_cond_broadcast(&pf->work);
	pthread_mutex_unlock(&pf->mu);
	for (int i = 0; i < pf->nthreads; i++)
		pthread_join(pf->threads[i], NULL);
	warm_stop(pf);
	free(pf->wstack);
	while (pf->free) {
		struct pf_job *j = pf->free;
		pf->free = j->next;
		dirlist_free(&j->dl);
		pf_stats_free(&j->ps);
		free(j);
	}
	free(pf->threads);
	pthread_cond_destroy(&pf->work);
	pthread_cond_destroy(&pf->done);
	pthread_mutex_destroy(&pf->mu);
	free(pf);
}

static void list_level(struct prefetch *pf, struct pf_level *l)
{
	/* Levels start deepest-first (a new level is always the deepest). */
	l->shallower = pf->deepest;
	l->deeper = NULL;
	if (pf->deepest)
		pf->deepest->deeper = l;
	pf->deepest = l;
	l->listed = true;
}

static void unlist_level(struct prefetch *pf, struct pf_level *l)
{
	if (!l->listed)
		return;
	if (l->deeper)
		l->deeper->shallower = l->shallower;
	else
		pf->deepest = l->shallower;
	if (l->shallower)
		l->shallower->deeper = l->deeper;
	l->deeper = l->shallower = NULL;
	l->listed = false;
}

/* Queues jobs for the next subdirectories, deepest levels first, within
 * the limits. Called with the lock held. */
static void pump(struct prefetch *pf)
{
	bool queued = false;
	for (struct pf_level *l = pf->deepest; l && pf->jobs < pf->max_jobs;) {
		struct pf_level *next = l->shallower;
		while (!l->scan_done && l->njobs < pf->max_per_level && pf->jobs < pf->max_jobs) {
			const struct dent *d = dirlist_next(l->dl, &l->scan_pos);
			if (!d) {
				l->scan_done = true;
				break;
			}
			size_t seq = l->scan_seq++;
			if (d->type != DT_DIR)
				continue;
			struct pf_job *j = pf->free;
			if (j)
				pf->free = j->next;
			else
				j = xcalloc(1, sizeof *j);
			j->next = NULL;
			j->lv = l;
			j->d = d;
			j->seq = seq;
			j->state = J_QUEUED;
			j->dirfd = l->fd;
			dirlist_clear(&j->dl);
			if (l->tail)
				l->tail->next = j;
			else
				l->head = j;
			l->tail = j;
			if (!l->queued)
				l->queued = j;
			l->njobs++;
			pf->jobs++;
			queued = true;
		}
		if (l->scan_done && l->njobs == 0)
			unlist_level(pf, l);
		l = next;
	}
	if (queued && pf->idle)
		pthread_cond_signal(&pf->work);
}

/* Removes the level's first job, waiting for a worker to finish it; its
 * result is closed and freed. Lock held. */
static void unlink_job(struct pf_level *l);

static struct pf_job *unlink_head(struct prefetch *pf, struct pf_level *l)
{
	struct pf_job *j = l->head;
	while (j->state == J_RUNNING) {
		pf->main_waiting = true;
		pthread_cond_wait(&pf->done, &pf->mu);
		pf->main_waiting = false;
	}
	unlink_job(l);
	pf->jobs--;
	return j;
}

/* Removes the level's first job, in whatever state. Lock held. */
static void unlink_job(struct pf_level *l)
{
	struct pf_job *j = l->head;
	if (l->queued == j)
		l->queued = j->next;
	advance_queued(l);
	l->head = j->next;
	if (!l->head)
		l->tail = NULL;
	l->njobs--;
}

static void job_free(struct prefetch *pf, struct pf_job *j)
{
	if (j->state == J_DONE && j->fd >= 0)
		close(j->fd);
	if (j->sub)
		sub_free(pf, j->sub);
	j->sub = NULL;
	j->next = pf->free;
	pf->free = j;
}

/* Drops the level's first job: a subtree being read is left to its
 * worker to stop and free. Lock held. */
static void drop_head(struct prefetch *pf, struct pf_level *l)
{
	struct pf_job *j = l->head;
	if (j->sub && j->state == J_RUNNING) {
		unlink_job(l);
		pf->jobs--;
		j->detached = true;
		j->sub->stop = j->sub->orphan = true;
		return;
	}
	job_free(pf, unlink_head(pf, l));
}

/* prefetch_level_resume's work; returns want_seed. */
static bool level_resume(struct prefetch *pf, struct pf_level *pl, const struct dirlist *dl, int fd,
                         size_t pos, size_t seq)
{
	pthread_mutex_lock(&pf->mu);
	memset(pl, 0, sizeof *pl);
	pl->dl = dl;
	pl->fd = fd;
	pl->scan_pos = pos;
	pl->scan_seq = seq;
	list_level(pf, pl);
	pump(pf);
	bool seed = pf->want_seed;
	pthread_mutex_unlock(&pf->mu);
	return seed;
}

bool prefetch_level_start(struct prefetch *pf, struct pf_level *pl, const struct dirlist *dl,
                          int fd)
{
	return pf && level_resume(pf, pl, dl, fd, 0, 0);
}

void prefetch_level_resume(struct prefetch *pf, struct pf_level *pl, const struct dirlist *dl,
                           int fd, size_t pos, size_t seq)
{
	if (pf)
		level_resume(pf, pl, dl, fd, pos, seq);
}

void prefetch_warm(struct prefetch *pf, const struct dirlist *dl, int fd, size_t pos)
{
	if (!pf || !pf->warm)
		return;
	struct warm_buf wb = {0};
	warm_collect(&wb, dl, pos);
	int dfd = wb.n ? fcntl(fd, F_DUPFD_CLOEXEC, 0) : -1;
	pthread_mutex_lock(&pf->mu);
	if (pf->want_seed) { /* the first of the open levels */
		pf->want_seed = false;
		pf->warm_on = true;
		pf->wreads = pf->wslow = 0;
	}
	if (dfd >= 0)
		warm_push(pf, &wb, dfd);
	pthread_mutex_unlock(&pf->mu);
	for (size_t i = 0; i < wb.n; i++) /* no duplicate of fd: not pushed */
		free(wb.items[i]);
	free(wb.items);
}

void prefetch_drop_level(struct prefetch *pf, struct pf_level *pl)
{
	if (!pf)
		return;
	pthread_mutex_lock(&pf->mu);
	while (pl->head)
		drop_head(pf, pl);
	pl->scan_done = true;
	unlist_level(pf, pl);
	pump(pf);
	pthread_mutex_unlock(&pf->mu);
}

/* prefetch_sub_next's work, lock held. */
static bool sub_next(struct prefetch *pf, struct pf_sub *s, int depth, size_t seq,
                     struct dirlist *dl, int *e, struct pf_stats *ps)
{
	if (s->next == s->n) {
		/* the walk caught up: it reads on itself, never waiting for
		 * a worker that may be waiting for a core, and the worker
		 * stops after the directory it reads, to take a farther job */
		s->stop = true;
		return false;
	}
	struct sub_rec *r = &s->rec[s->next];
	if (r->depth != depth || r->seq != seq)
		return false;
	struct dirlist t = *dl;
	*dl = r->dl;
	r->dl = t;
	struct pf_stats tp = *ps;
	*ps = r->ps;
	r->ps = tp;
	*e = r->err;
	s->held -= dl->count;
	pf->held -= dl->count;
	s->next++;
	/* below the mark again: a worker that found no job may start one */
	if (pf->idle && pf->held < SUB_HELD / 2 && pf->held + dl->count >= SUB_HELD / 2)
		pthread_cond_signal(&pf->work);
	return true;
}

/* prefetch_sub_end's work, lock held. */
static void sub_end(struct prefetch *pf, struct pf_sub *s)
{
	if (s->done)
		sub_free(pf, s);
	else
		s->stop = s->orphan = true;
}

bool prefetch_sub_next(struct prefetch *pf, struct pf_sub *s, int depth, size_t seq,
                       struct dirlist *dl, int *e, struct pf_stats *ps)
{
	pthread_mutex_lock(&pf->mu);
	bool got = sub_next(pf, s, depth, seq, dl, e, ps);
	pthread_mutex_unlock(&pf->mu);
	return got;
}

void prefetch_sub_end(struct prefetch *pf, struct pf_sub *s)
{
	pthread_mutex_lock(&pf->mu);
	sub_end(pf, s);
	pthread_mutex_unlock(&pf->mu);
}

/* Split mode: the started job j, the level's head, becomes the walk's,
 * running or done; its first directory (seq) is taken. Lock held. */
static bool take_sub(struct prefetch *pf, struct pf_level *pl, size_t seq, struct dirlist *dl,
                     int *e, struct pf_stats *ps, struct pf_sub **sub)
{
	struct pf_job *j = pl->head;
	struct pf_sub *s = j->sub;
	unlink_job(pl);
	pf->jobs--;
	if (j->state == J_DONE) {
		j->sub = NULL;
		job_free(pf, j);
	} else {
		j->detached = true;
	}
	if (!sub_next(pf, s, 0, seq, dl, e, ps)) {
		sub_end(pf, s);
		return false;
	}
	if (*e)
		sub_end(pf, s);
	else
		*sub = s;
	return true;
}

bool prefetch_take(struct prefetch *pf, struct pf_level *pl, size_t seq, struct dirlist *dl,
                   int *fd, int *e, struct stat *st, bool *have_st, struct pf_stats *ps,
                   struct pf_sub **sub)
{
	*sub = NULL;
	if (!pf || (!pl->listed && !pl->head))
		return false;
	bool taken = false;
	pthread_mutex_lock(&pf->mu);
	/* Jobs for directories the walk passed by (skipped, pruned) go. */
	while (pl->head && pl->head->seq < seq)
		drop_head(pf, pl);
	if (pl->head && pl->head->seq == seq && pl->head->sub) {
		*fd = -1;
		*have_st = false;
		taken = take_sub(pf, pl, seq, dl, e, ps, sub);
	} else if (pl->head && pl->head->seq == seq) {
		bool started = pl->head->state != J_QUEUED;
		struct pf_job *j = unlink_head(pf, pl);
		/* out of descriptors in the worker: the walk tries again itself */
		if (started && j->state == J_DONE && (j->err == EMFILE || j->err == ENFILE))
			started = false;
		if (started) {
			struct dirlist t = *dl;
			*dl = j->dl;
			j->dl = t;
			*fd = j->fd;
			*e = j->err;
			*have_st = j->have_st;
			if (j->have_st)
				*st = j->st;
			struct pf_stats tp = *ps;
			*ps = j->ps;
			j->ps = tp;
			if (*e)
				ps->valid = false;
			j->fd = -1;
			taken = true;
		}
		job_free(pf, j);
	}
	if (pl->scan_done && pl->njobs == 0)
		unlist_level(pf, pl);
	pump(pf);
	pthread_mutex_unlock(&pf->mu);
	return taken;
}
