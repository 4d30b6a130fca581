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
	bool have_st;
	struct stat st;
	struct pf_stats ps; /* its entries' status (WALK_STAT) */
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
};

/* Each entry's lstat, in the order the walk will visit them. */
static void stat_entries(struct pf_job *j)
{
	struct pf_stats *ps = &j->ps;
	if (ps->cap < j->dl.count) {
		size_t n = j->dl.count > 2 * ps->cap ? j->dl.count : 2 * ps->cap;
		free(ps->st);
		free(ps->err);
		ps->st = xreallocarray(NULL, n, sizeof *ps->st);
		ps->err = xreallocarray(NULL, n, sizeof *ps->err);
		ps->cap = n;
	}
	size_t pos = 0, i = 0;
	const struct dent *d;
	while ((d = dirlist_next(&j->dl, &pos)) && i < ps->cap) {
		ps->err[i] =
		    fstatat(j->fd, d->name, &ps->st[i], AT_SYMLINK_NOFOLLOW) < 0 ? errno : 0;
		i++;
	}
	ps->valid = i == j->dl.count;
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
	if (j->err) {
		close(j->fd);
		j->fd = -1;
		return;
	}
	if (pf->flags & WALK_SORT)
		dirlist_sort(&j->dl);
	if ((pf->flags & (WALK_STAT | WALK_FOLLOW)) == WALK_STAT)
		stat_entries(j);
}

/* The job a worker should read next, or NULL: in the deepest level with
 * work, the first job not started, but not the level's head when another
 * is waiting: the walk reaches the head first and reads it itself
 * instead of waiting, while the worker reads the next, so that the two
 * rarely wait for each other. */
static struct pf_job *next_queued(struct prefetch *pf)
{
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
	pthread_mutex_lock(&pf->mu);
	for (;;) {
		struct pf_job *j;
		while (!pf->stop && !(j = next_queued(pf))) {
			pf->idle++;
			pthread_cond_wait(&pf->work, &pf->mu);
			pf->idle--;
		}
		if (pf->stop)
			break;
		j->state = J_RUNNING;
		advance_queued(j->lv);
		pthread_mutex_unlock(&pf->mu);
		job_run(pf, j);
		pthread_mutex_lock(&pf->mu);
		j->state = J_DONE;
		/* futex calls only when someone sleeps: they cost as much as
		 * reading a small directory */
		if (pf->main_waiting)
			pthread_cond_signal(&pf->done);
	}
	pthread_mutex_unlock(&pf->mu);
	return NULL;
}

struct prefetch *prefetch_new(int threads, unsigned flags, dev_t root_dev, int max_fds)
{
	if (threads < 1)
		return NULL;
	struct prefetch *pf = xcalloc(1, sizeof *pf);
	pthread_mutex_init(&pf->mu, NULL);
	pthread_cond_init(&pf->work, NULL);
	pthread_cond_init(&pf->done, NULL);
	pf->flags = flags;
	pf->root_dev = root_dev;
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
static struct pf_job *unlink_head(struct prefetch *pf, struct pf_level *l)
{
	struct pf_job *j = l->head;
	while (j->state == J_RUNNING) {
		pf->main_waiting = true;
		pthread_cond_wait(&pf->done, &pf->mu);
		pf->main_waiting = false;
	}
	if (l->queued == j)
		l->queued = j->next;
	advance_queued(l);
	l->head = j->next;
	if (!l->head)
		l->tail = NULL;
	l->njobs--;
	pf->jobs--;
	return j;
}

static void job_free(struct prefetch *pf, struct pf_job *j)
{
	if (j->state == J_DONE && j->fd >= 0)
		close(j->fd);
	j->next = pf->free;
	pf->free = j;
}

void prefetch_level_start(struct prefetch *pf, struct pf_level *pl, const struct dirlist *dl,
                          int fd)
{
	if (!pf)
		return;
	prefetch_level_resume(pf, pl, dl, fd, 0, 0);
}

void prefetch_level_resume(struct prefetch *pf, struct pf_level *pl, const struct dirlist *dl,
                           int fd, size_t pos, size_t seq)
{
	if (!pf)
		return;
	pthread_mutex_lock(&pf->mu);
	memset(pl, 0, sizeof *pl);
	pl->dl = dl;
	pl->fd = fd;
	pl->scan_pos = pos;
	pl->scan_seq = seq;
	list_level(pf, pl);
	pump(pf);
	pthread_mutex_unlock(&pf->mu);
}

void prefetch_drop_level(struct prefetch *pf, struct pf_level *pl)
{
	if (!pf)
		return;
	pthread_mutex_lock(&pf->mu);
	while (pl->head)
		job_free(pf, unlink_head(pf, pl));
	pl->scan_done = true;
	unlist_level(pf, pl);
	pump(pf);
	pthread_mutex_unlock(&pf->mu);
}

bool prefetch_take(struct prefetch *pf, struct pf_level *pl, size_t seq, struct dirlist *dl,
                   int *fd, int *e, struct stat *st, bool *have_st, struct pf_stats *ps)
{
	if (!pf || (!pl->listed && !pl->head))
		return false;
	bool taken = false;
	pthread_mutex_lock(&pf->mu);
	/* Jobs for directories the walk passed by (skipped, pruned) go. */
	while (pl->head && pl->head->seq < seq)
		job_free(pf, unlink_head(pf, pl));
	if (pl->head && pl->head->seq == seq) {
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
