/* The directory walk (see walk.h): an explicit stack of levels, one per
 * directory being visited, each holding that directory's entries (read
 * whole), a cursor, and while within the descriptor bound, an open fd. */
#include "osbox/walk.h"
#include "osbox/buf.h"
#include "osbox/prefetch.h"
#include "osbox/proc.h"
#include "osbox/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

struct level {
	int fd; /* -1 while closed (past the bound) */
	struct dirlist dl;
	size_t pos;     /* cursor in dl */
	size_t idx;     /* entries taken from dl so far */
	size_t pathlen; /* this directory's path is path[0..pathlen) */
	size_t nameoff; /* its name is path[nameoff..pathlen) */
	dev_t dev;
	ino_t ino;
	bool have_id;
	bool followed; /* entered through a symlink */
	unsigned char type;
	uint64_t d_ino;
	struct stat st;     /* WALK_STAT: the directory's status, for its WALK_POST */
	struct pf_level pf; /* prefetch state for this level's subdirectories */
	struct pf_stats ps; /* its entries' status, when read ahead */
	bool virt;          /* taken from a subtree read ahead: no fd (-1) */
};

enum state { S_START, S_RUN, S_DONE };

struct walk {
	struct walk_opts o;
	const char *root;
	struct buf path;   /* the current entry's */
	struct level **lv; /* each level allocated once: its address is stable */
	int nlv;           /* levels allocated */
	int top;           /* the current directory's level; -1: none */
	int low;           /* levels [low, top] hold open fds */
	enum state state;
	/* the directory of the last WALK_DIR event, not entered yet */
	bool pending, skip, entered;
	int enter_err;     /* walk_dir tried to enter it and failed */
	bool post_pending; /* WALK_POST owed after WALK_UNREADABLE */
	size_t pend_nameoff;
	unsigned char pend_type;
	bool pend_followed;
	uint64_t pend_ino;
	size_t pend_seq; /* its entry number in its parent's level */
	int pend_depth;
	struct stat pend_st; /* WALK_STAT: its status as its WALK_DIR gave it */
	int close_fd;        /* of the level just left, closed at the next call */
	int post_level;      /* the level whose WALK_POST was just returned, or -1 */
	dev_t root_dev;
	struct stat st;
	struct walk_ent ent;
	struct prefetch *pf;
	/* jobs 0: reads timed until they show that the disk is involved */
	bool adaptive;
	int reads, slow; /* in the current window of WINDOW reads */
	long nivcsw;     /* involuntary context switches when last asked */
	/* the subtree read ahead that levels [sub_base, top] come from */
	struct pf_sub *sub;
	int sub_base;
};

static int default_max_fds(void)
{
	struct rlimit r;
	long n = 256;
	if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur != RLIM_INFINITY &&
	    (long)r.rlim_cur / 4 < n)
		n = (long)r.rlim_cur / 4;
	return n < 4 ? 4 : (int)n;
}

struct walk *walk_open(const char *root, const struct walk_opts *opts)
{
	struct walk *w = xcalloc(1, sizeof *w);
	w->o = *opts;
	if (w->o.max_fds <= 0)
		w->o.max_fds = default_max_fds();
	if (w->o.max_fds < 2)
		w->o.max_fds = 2; /* a directory and its parent, to climb back */
	w->root = root;
	w->top = -1;
	w->low = 0;
	w->close_fd = -1;
	w->post_level = -1;
	w->state = S_START;
	w->adaptive = w->o.jobs == 0;
	w->nivcsw = -1;
	return w;
}

/* The cores left idle by the processes that can run now (/proc/loadavg's
 * fourth field, this one included). */
static int idle_cpus(void)
{
	int cpus = proc_ncpus();
	int running = 1;
	int fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		char b[128];
		ssize_t n = read(fd, b, sizeof b - 1);
		close(fd);
		if (n > 0) {
			b[n] = 0;
			/* "0.12 0.30 0.25 RUNNING/TOTAL LASTPID" */
			const char *p = b;
			for (int f = 0; f < 3 && p; f++) {
				p = strchr(p, ' ');
				if (p)
					p++;
			}
			if (p && *p >= '0' && *p <= '9')
				running = atoi(p);
		}
	}
	return cpus - (running > 1 ? running - 1 : 0);
}

/* The number of reading threads once reads block: the disk's latency is
 * what they hide, and the more reads wait at once the faster the device
 * answers them (a cold /usr on two cores: 4 threads 0.97 s, 8 threads
 * 0.71 s), but each thread also costs CPU time in the kernel (a cold read
 * is mostly that on the machines measured): four times the idle cores,
 * at least one (a thread waiting for the disk takes no CPU time), at
 * most 8. */
static int pool_size(void)
{
	int n = 4 * idle_cpus();
	return n < 1 ? 1 : n > 8 ? 8 : n;
}

static void resume_levels(struct walk *w, int upto);

/* The reads were slow: the threads start, and read ahead in the open
 * levels too, from where the walk is in each (shallowest first, as the
 * prefetcher lists each new level as its deepest). */
static void start_threads(struct walk *w, int upto)
{
	w->adaptive = false;
	w->pf =
	    prefetch_new(pool_size(), w->o.flags, w->root_dev, w->o.max_fds, w->o.slow_ns, false);
	resume_levels(w, upto);
}

/* Can the threads read whole subtrees ahead (prefetch_new's split)? */
static bool may_split(const struct walk *w)
{
	return (w->o.flags & (WALK_WHOLE | WALK_NOFD | WALK_FOLLOW | WALK_XDEV)) ==
	           (WALK_WHOLE | WALK_NOFD) &&
	       w->o.max_fds >= 64; /* a worker's, and the walk's when it reads on */
}

/* The reads were fast, the tree is not small, and cores are idle: n
 * threads read whole subtrees ahead. */
static void start_split(struct walk *w, int n, int upto)
{
	w->adaptive = false;
	w->pf = prefetch_new(n, w->o.flags, w->root_dev, w->o.max_fds, w->o.slow_ns, true);
	resume_levels(w, upto);
}

static void resume_levels(struct walk *w, int upto)
{
	for (int i = w->low; i < upto && w->pf; i++) {
		struct level *l = w->lv[i];
		if (l->fd >= 0)
			prefetch_level_resume(w->pf, &l->pf, &l->dl, l->fd, l->pos, l->idx);
	}
}

/* Was the thread preempted since this was last asked (a read slowed by
 * another process taking the CPU, not by the disk)? Asked of slow reads
 * alone: a system call. The first time, yes. */
static bool preempted(struct walk *w)
{
	struct rusage ru;
	if (getrusage(RUSAGE_THREAD, &ru) < 0)
		return false;
	bool r = ru.ru_nivcsw != w->nivcsw;
	w->nivcsw = ru.ru_nivcsw;
	return r;
}

/* One directory read by the walk itself took dt ns for count entries:
 * SLOW_READS slow reads (osbox/prefetch.h) in a window of WINDOW start
 * the threads; a read slowed by another process taking the CPU (the
 * thread was preempted: getrusage's involuntary context switches, asked
 * only after a slow read) does not count. A window with fewer starts the
 * split threads when the walk allows them, on more than one core: one
 * per idle core besides this one, at most 7, and one when none is idle
 * (the walk never waits for them, and on a busy machine a second thread
 * is a second share of the processors); they stay for the rest of the
 * walk. */
static void timed_read(struct walk *w, long long dt, size_t count, int depth)
{
	if (read_is_slow(w->o.slow_ns, dt, count) && (w->o.slow_ns > 0 || !preempted(w)) &&
	    ++w->slow >= SLOW_READS) {
		start_threads(w, depth);
		return;
	}
	if (++w->reads < WINDOW)
		return;
	/* a whole window with few slow reads: the cache has the tree */
	if (may_split(w) && proc_ncpus() > 1) {
		int n = idle_cpus() - 1;
		start_split(w, n < 1 ? 1 : n > 7 ? 7 : n, depth);
		return;
	}
	w->reads = w->slow = 0;
}

/* Appends "/name" (no slash after a path that ends in one, as find and
 * os.path.join do). Returns the name's offset in the path. */
static size_t path_push(struct walk *w, const char *name, size_t len)
{
	struct buf *b = &w->path;
	/* Once per entry: no call while there is room (buf_reserve's test). */
	if (b->cap - b->len <= len + 1)
		buf_reserve(b, len + 1);
	if (b->len > 0 && b->p[b->len - 1] != '/')
		b->p[b->len++] = '/';
	size_t nameoff = b->len;
	memcpy(b->p + b->len, name, len + 1);
	b->len += len;
	return nameoff;
}

/* buf_truncate, inline: it runs once per entry. */
static void path_cut(struct walk *w, size_t len)
{
	w->path.len = len;
	w->path.p[len] = 0;
}

static struct walk_ent *ent_base(struct walk *w, enum walk_kind kind, size_t nameoff, int depth)
{
	struct walk_ent *e = &w->ent;
	e->kind = kind;
	e->path = w->path.p;
	e->pathlen = w->path.len;
	e->name = w->path.p + nameoff;
	e->namelen = w->path.len - nameoff;
	e->depth = depth;
	e->err = 0;
	e->loop_len = 0;
	e->st = NULL;
	if (depth == 0) {
		e->dirfd = AT_FDCWD;
		e->atname = w->root;
	} else {
		e->dirfd = w->lv[depth - 1]->fd;
		e->atname = e->name;
	}
	return e;
}

/* e becomes a WALK_ERROR event: the entry could not be examined. */
static struct walk_ent *ent_error(struct walk_ent *e, int err, unsigned char type)
{
	e->kind = WALK_ERROR;
	e->err = err;
	e->type = type;
	return e;
}

/* The WALK_DIR event e is of a directory that the next walk_next enters
 * (unless walk_skip), or walk_dir reads first. */
static void pend_dir(struct walk *w, const struct walk_ent *e, size_t nameoff, size_t seq)
{
	w->pending = true;
	w->skip = w->entered = false;
	w->enter_err = 0;
	w->pend_nameoff = nameoff;
	w->pend_type = DT_DIR;
	w->pend_followed = e->followed;
	w->pend_ino = e->ino;
	w->pend_seq = seq;
	w->pend_depth = e->depth;
	/* WALK_POSTORDER: the WALK_POST event gives the same status (the
	 * one read before the contents, as fts gives FTS_DP) */
	if (e->st)
		w->pend_st = *e->st;
}

static void grow_levels(struct walk *w, int need)
{
	if (need < w->nlv)
		return;
	int n = w->nlv ? w->nlv * 2 : 16;
	while (n <= need)
		n *= 2;
	w->lv = xreallocarray(w->lv, (size_t)n, sizeof *w->lv);
	for (int i = w->nlv; i < n; i++)
		w->lv[i] = xcalloc(1, sizeof **w->lv);
	w->nlv = n;
}

static bool need_ids(const struct walk *w)
{
	return w->o.flags & (WALK_FOLLOW | WALK_XDEV);
}

static int open_flags(bool follow)
{
	return O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW);
}

/* Closes the shallowest open level's fd, remembering its identity so that
 * it can be reopened and checked later. */
static void close_shallowest(struct walk *w)
{
	struct level *l = w->lv[w->low];
	if (!l->have_id) {
		struct stat st;
		if (fstat(l->fd, &st) == 0) {
			l->dev = st.st_dev;
			l->ino = st.st_ino;
			l->have_id = true;
		}
	}
	prefetch_drop_level(w->pf, &l->pf);
	close(l->fd);
	l->fd = -1;
	w->low++;
}

/* Reopens level k, whose fd was closed, while level k+1 is open: through
 * ".." of k+1 when k+1 was not entered through a symlink (its ".." is then
 * k), else name by name from the root. Either way the directory reached
 * must be the one left (same device and inode). Returns 0 or an errno. */
static int reopen_level(struct walk *w, int k)
{
	struct level *l = w->lv[k];
	int fd = -1;
	if (!w->lv[k + 1]->followed && w->lv[k + 1]->fd >= 0) {
		fd = openat(w->lv[k + 1]->fd, "..", open_flags(false));
	} else {
		bool follow0 = w->o.flags & (WALK_FOLLOW | WALK_FOLLOW_ROOT);
		fd = open(w->root, open_flags(follow0));
		for (int i = 1; i <= k && fd >= 0; i++) {
			struct level *c = w->lv[i];
			size_t n = c->pathlen - c->nameoff;
			char name[n + 1];
			memcpy(name, w->path.p + c->nameoff, n);
			name[n] = 0;
			int nfd = openat(fd, name, open_flags(c->followed));
			close(fd);
			fd = nfd;
		}
	}
	if (fd < 0)
		return errno;
	struct stat st;
	if (fstat(fd, &st) < 0 || !l->have_id || st.st_dev != l->dev || st.st_ino != l->ino) {
		close(fd);
		return ENOENT; /* moved away under us: what was there is gone */
	}
	l->fd = fd;
	w->low = k;
	return 0;
}

/* The walk reads on itself below the subtree it took read ahead (the
 * subtree ended early, or the walk caught up with its worker): the levels
 * from it get descriptors, each opened from its parent's, and the threads
 * may read ahead in them. False when one could not be opened (removed
 * since it was read): those from it are then passed over. */
static bool materialize(struct walk *w)
{
	prefetch_sub_end(w->pf, w->sub);
	w->sub = NULL;
	bool ok = true;
	for (int k = w->sub_base; k <= w->top && ok; k++) {
		struct level *l = w->lv[k];
		size_t n = l->pathlen - l->nameoff;
		char name[n + 1];
		memcpy(name, w->path.p + l->nameoff, n);
		name[n] = 0;
		l->fd = openat(w->lv[k - 1]->fd, name, open_flags(false));
		ok = l->fd >= 0;
		if (!ok)
			break;
		l->virt = false;
		while (w->top - w->low + 1 > w->o.max_fds && w->low < k)
			close_shallowest(w);
		prefetch_level_resume(w->pf, &l->pf, &l->dl, l->fd, l->pos, l->idx);
	}
	for (int k = w->sub_base; k <= w->top; k++) /* what could not be opened ends */
		if (w->lv[k]->virt)
			w->lv[k]->pos =
			    w->lv[k]->dl.is_sorted ? w->lv[k]->dl.count : w->lv[k]->dl.ents.len;
	return ok;
}

/* Enters the pending directory: opens and reads it, and pushes its level.
 * Returns 0, -1 when it is not to be entered (another file system under
 * WALK_XDEV, or no longer a directory), or an errno value. */
static int enter(struct walk *w)
{
	int depth = w->pend_depth;
	struct level *parent = depth > 0 ? w->lv[depth - 1] : NULL;
	grow_levels(w, depth);
	struct level *l = w->lv[depth];
	dirlist_clear(&l->dl);
	int fd = -1, e = 0;
	bool follow =
	    depth == 0 ? (w->o.flags & (WALK_FOLLOW | WALK_FOLLOW_ROOT)) != 0 : w->pend_followed;
	struct stat st;
	bool have_st = false;
	long long t0 = 0;
	struct pf_sub *sub = NULL;
	bool virt = false;
	l->ps.valid = false;
	if (w->sub && depth > w->sub_base &&
	    prefetch_sub_next(w->pf, w->sub, depth - w->sub_base, w->pend_seq, &l->dl, &e,
	                      &l->ps)) {
		if (e)
			goto failed;
		virt = true;
	} else if (w->sub && depth > w->sub_base && !materialize(w)) {
		e = ENOENT; /* a directory on the way was removed */
		goto failed;
	} else if (parent && !w->pend_followed &&
	           prefetch_take(w->pf, &parent->pf, w->pend_seq, &l->dl, &fd, &e, &st, &have_st,
	                         &l->ps, &sub)) {
		if (sub) {
			w->sub = sub;
			w->sub_base = depth;
			virt = true;
		} else if (fd < 0) {
			goto failed;
		}
	} else {
		if (w->adaptive)
			t0 = pf_now_ns();
		fd = depth == 0
		         ? open(w->root, open_flags(follow))
		         : openat(parent->fd, w->path.p + w->pend_nameoff, open_flags(follow));
		if (fd < 0) {
			e = errno;
			goto failed;
		}
		if (need_ids(w)) {
			if (fstat(fd, &st) < 0) {
				e = errno;
				close(fd);
				goto failed;
			}
			have_st = true;
		}
		if ((w->o.flags & WALK_XDEV) && depth > 0 && st.st_dev != w->root_dev) {
			close(fd);
			return -1;
		}
		e = dirlist_read(&l->dl, fd);
		if (e) {
			close(fd);
			goto failed;
		}
		if (w->adaptive)
			timed_read(w, pf_now_ns() - t0, l->dl.count, depth);
	}
	if ((w->o.flags & WALK_XDEV) && depth > 0 && have_st && st.st_dev != w->root_dev) {
		close(fd);
		return -1;
	}
	if ((w->o.flags & WALK_SORT) && !l->dl.is_sorted)
		dirlist_sort(&l->dl);
	l->fd = fd;
	l->virt = virt;
	l->pos = 0;
	l->idx = 0;
	l->pathlen = w->path.len;
	l->nameoff = w->pend_nameoff;
	l->followed = follow && depth > 0;
	l->type = w->pend_type;
	l->d_ino = w->pend_ino;
	if (w->o.flags & WALK_STAT)
		l->st = w->pend_st;
	l->have_id = have_st;
	if (have_st) {
		l->dev = st.st_dev;
		l->ino = st.st_ino;
	}
	w->top = depth;
	if (virt)
		return 0; /* no fd, and nothing left to read ahead below */
	if (w->top - w->low + 1 > w->o.max_fds)
		close_shallowest(w);
	/* the threads have just started, or their reads turned slow again */
	if (prefetch_level_start(w->pf, &l->pf, &l->dl, fd))
		for (int i = w->low; i <= w->top; i++)
			if (w->lv[i]->fd >= 0)
				prefetch_warm(w->pf, &w->lv[i]->dl, w->lv[i]->fd, w->lv[i]->pos);
	return 0;
failed:
	/* A directory that stopped being one (replaced by a file or, with
	 * O_NOFOLLOW, a symlink) since it was read is simply not entered. */
	if (depth > 0 && (e == ENOTDIR || (e == ELOOP && !follow)))
		return -1;
	return e;
}

/* Fills w->st from (dirfd, name) as the entry is to be seen; 0 or errno. */
static int stat_entry(struct walk *w, int dirfd, const char *name, bool follow)
{
	if (fstatat(dirfd, name, &w->st, follow ? 0 : AT_SYMLINK_NOFOLLOW) < 0)
		return errno;
	return 0;
}

static const struct walk_ent *root_event(struct walk *w)
{
	w->state = S_DONE;
	buf_puts(&w->path, w->root);
	bool follow = w->o.flags & (WALK_FOLLOW | WALK_FOLLOW_ROOT);
	struct walk_ent *e = ent_base(w, WALK_FILE, 0, 0);
	e->followed = false;
	int r = stat_entry(w, AT_FDCWD, w->root, follow);
	if (r == ENOENT && follow && stat_entry(w, AT_FDCWD, w->root, false) == 0 &&
	    S_ISLNK(w->st.st_mode))
		r = 0; /* a dangling symlink is still an entry */
	else if (r == 0 && follow && w->st.st_mode && !S_ISLNK(w->st.st_mode)) {
		struct stat lst;
		e->followed = lstat(w->root, &lst) == 0 && S_ISLNK(lst.st_mode);
	}
	if (r)
		return ent_error(e, r, DT_UNKNOWN);
	e->type = IFTODT(w->st.st_mode);
	e->ino = w->st.st_ino;
	if (w->o.flags & WALK_STAT)
		e->st = &w->st;
	w->root_dev = w->st.st_dev;
	if (e->type == DT_DIR) {
		if (w->o.jobs > 1 && !w->pf)
			w->pf = prefetch_new(w->o.jobs - 1, w->o.flags, w->root_dev, w->o.max_fds,
			                     w->o.slow_ns, false);
		else if (w->o.jobs == 0 && w->o.split > 0 && may_split(w))
			start_split(w, w->o.split, 0);
		e->kind = WALK_DIR;
		w->state = S_RUN;
		pend_dir(w, e, 0, 0);
	}
	return e;
}

/* Is (dev, ino) the directory of one of the levels [0, top]? */
static int find_ancestor(const struct walk *w, dev_t dev, ino_t ino)
{
	for (int i = w->top; i >= 0; i--)
		if (w->lv[i]->have_id && w->lv[i]->dev == dev && w->lv[i]->ino == ino)
			return i;
	return -1;
}

/* Leaves the top level: reopens its parent if its fd was closed, and sets
 * up the WALK_POST event. Returns the event, or NULL when not wanted. */
static const struct walk_ent *leave(struct walk *w)
{
	int k = w->top;
	struct level *l = w->lv[k];
	if (w->sub && k == w->sub_base) {
		prefetch_sub_end(w->pf, w->sub);
		w->sub = NULL;
	}
	if (!l->virt)
		prefetch_drop_level(w->pf, &l->pf);
	if (k > 0 && w->lv[k - 1]->fd < 0 && !w->lv[k - 1]->virt) {
		int e = reopen_level(w, k - 1);
		if (e) {
			/* The walk cannot climb back safely: end it, saying where. */
			close(l->fd);
			l->fd = -1;
			for (int i = k - 1; i >= 0; i--) {
				if (w->lv[i]->fd >= 0) {
					prefetch_drop_level(w->pf, &w->lv[i]->pf);
					close(w->lv[i]->fd);
					w->lv[i]->fd = -1;
				}
			}
			w->top = -1;
			w->state = S_DONE;
			path_cut(w, w->lv[k - 1]->pathlen);
			struct walk_ent *ev = ent_base(w, WALK_ERROR, w->lv[k - 1]->nameoff, k - 1);
			ev->dirfd = -1;
			return ent_error(ev, e, DT_DIR);
		}
	}
	/* Climbing several levels in one walk_next: the fd deferred by the
	 * previous climb must be closed now, or each level leaks one. */
	if (w->close_fd >= 0)
		close(w->close_fd);
	w->close_fd = l->fd;
	l->fd = -1;
	w->top = k - 1;
	if (w->low > w->top && w->top >= 0)
		w->low = w->top;
	if (w->top < 0) {
		w->low = 0;
		w->state = S_DONE;
	}
	if (!(w->o.flags & WALK_POSTORDER))
		return NULL;
	path_cut(w, l->pathlen);
	struct walk_ent *ev = ent_base(w, WALK_POST, l->nameoff, k);
	ev->type = l->type;
	ev->followed = l->followed;
	ev->ino = l->d_ino;
	if (w->o.flags & WALK_STAT)
		ev->st = &l->st;
	w->post_level = k;
	return ev;
}

static const struct walk_ent *post_of_pending(struct walk *w)
{
	struct walk_ent *ev = ent_base(w, WALK_POST, w->pend_nameoff, w->pend_depth);
	ev->type = w->pend_type;
	ev->followed = w->pend_followed;
	ev->ino = w->pend_ino;
	if (w->o.flags & WALK_STAT)
		ev->st = &w->pend_st;
	if (w->pend_depth == 0)
		w->state = S_DONE;
	return ev;
}

/* The directory of the last WALK_DIR is entered now, unless it was
 * skipped (or walk_dir entered it). Returns WALK_UNREADABLE when it could
 * not be read, its WALK_POST when it is not entered, or NULL to go on. */
static const struct walk_ent *enter_pending(struct walk *w)
{
	w->pending = false;
	int e;
	if (w->skip)
		e = -1;
	else if (w->entered)
		e = w->enter_err;
	else
		e = enter(w);
	if (e == 0)
		return NULL;
	if (e > 0) {
		struct walk_ent *ev = ent_base(w, WALK_UNREADABLE, w->pend_nameoff, w->pend_depth);
		ev->err = e;
		ev->type = DT_DIR;
		ev->followed = w->pend_followed;
		if (w->o.flags & WALK_POSTORDER)
			w->post_pending = true;
		else if (w->pend_depth == 0)
			w->state = S_DONE;
		return ev;
	}
	if (w->o.flags & WALK_POSTORDER)
		return post_of_pending(w);
	if (w->pend_depth == 0)
		w->state = S_DONE;
	return NULL;
}

/* WALK_FOLLOW, for entry d that may be a symlink (d_type DT_LNK or
 * DT_UNKNOWN): its target's status into w->st and, in ev->followed,
 * whether it is a symlink. 0 or an errno value. */
static int stat_target(struct walk *w, int dirfd, const struct dent *d, struct walk_ent *ev)
{
	int r = stat_entry(w, dirfd, d->name, true);
	if (r == 0) {
		ev->followed = d->type == DT_LNK;
		if (d->type == DT_UNKNOWN) {
			struct stat lst;
			ev->followed = fstatat(dirfd, d->name, &lst, AT_SYMLINK_NOFOLLOW) == 0 &&
			               S_ISLNK(lst.st_mode);
		}
	}
	return r;
}

/* The event for entry d, number seq, of the top level l; NULL when it is
 * passed over (gone since the directory was read). */
static const struct walk_ent *entry_event(struct walk *w, struct level *l, const struct dent *d,
                                          size_t seq)
{
	path_cut(w, l->pathlen);
	size_t nameoff = path_push(w, d->name, d->len);
	struct walk_ent *ev = ent_base(w, WALK_FILE, nameoff, w->top + 1);
	ev->ino = d->ino;
	ev->followed = false;
	unsigned char type = d->type;
	bool have_st = false;
	bool follow = w->o.flags & WALK_FOLLOW;
	if (follow && (type == DT_UNKNOWN || type == DT_LNK)) {
		int r = stat_target(w, l->fd, d, ev);
		if (r == ELOOP)
			return ent_error(ev, r, DT_LNK);
		if (r == 0) {
			have_st = true;
			type = IFTODT(w->st.st_mode);
		}
	}
	/* not followed: the entry itself, when its type is unknown, it
	 * is a symlink that did not resolve, or its status is wanted */
	if (!have_st &&
	    (type == DT_UNKNOWN || (follow && type == DT_LNK) || (w->o.flags & WALK_STAT))) {
		int r;
		if (l->virt && !l->ps.valid && w->sub)
			materialize(w); /* (the workers take the status when needed) */
		if (l->ps.valid) {      /* a thread took it when it read the directory */
			r = l->ps.err[seq];
			if (!r)
				w->st = l->ps.st[seq];
		} else {
			r = stat_entry(w, l->fd, d->name, false);
		}
		if (r == ENOENT)
			return NULL; /* gone since the directory was read */
		if (r)
			return ent_error(ev, r, type);
		/* the status is newer than d_type: an entry replaced since
		 * the directory was read (a directory by a symlink) is
		 * what it is now, and is not entered */
		type = IFTODT(w->st.st_mode);
	}
	if (ev->followed && type == DT_DIR) {
		int a = find_ancestor(w, w->st.st_dev, w->st.st_ino);
		if (a >= 0) {
			ev->kind = WALK_LOOP;
			ev->type = DT_DIR;
			ev->loop_len = w->lv[a]->pathlen;
			return ev;
		}
	}
	if (w->o.flags & WALK_STAT)
		ev->st = &w->st;
	ev->type = type;
	if (type == DT_DIR) {
		ev->kind = WALK_DIR;
		pend_dir(w, ev, nameoff, seq);
	}
	return ev;
}

const struct walk_ent *walk_next(struct walk *w)
{
	if (w->close_fd >= 0) {
		close(w->close_fd);
		w->close_fd = -1;
	}
	w->post_level = -1;
	if (w->state == S_START)
		return root_event(w);
	if (w->post_pending) {
		w->post_pending = false;
		return post_of_pending(w);
	}
	if (w->pending) {
		const struct walk_ent *ev = enter_pending(w);
		if (ev)
			return ev;
	}
	while (w->state == S_RUN) {
		struct level *l = w->lv[w->top];
		const struct dent *d = dirlist_next(&l->dl, &l->pos);
		size_t seq = l->idx++;
		const struct walk_ent *ev = d ? entry_event(w, l, d, seq) : leave(w);
		if (ev)
			return ev;
	}
	return NULL;
}

void walk_skip(struct walk *w)
{
	if (!w->pending)
		return;
	if (!w->entered) {
		w->skip = true;
	} else if (w->enter_err == 0) {
		/* walk_dir read it already: its entries are passed over, and
		 * the walk leaves it at once (WALK_POST as for any skip) */
		struct level *l = w->lv[w->pend_depth];
		l->pos = l->dl.is_sorted ? l->dl.count : l->dl.ents.len;
	}
}

const struct dirlist *walk_dir(struct walk *w, int *fd)
{
	if (w->post_level >= 0) {
		*fd = w->close_fd;
		return &w->lv[w->post_level]->dl;
	}
	if (!w->pending || w->skip) {
		errno = EINVAL;
		return NULL;
	}
	if (!w->entered) {
		w->entered = true;
		w->enter_err = enter(w);
	}
	if (w->enter_err) {
		errno = w->enter_err > 0 ? w->enter_err : EXDEV;
		return NULL;
	}
	struct level *l = w->lv[w->pend_depth];
	*fd = l->fd;
	return &l->dl;
}

void walk_close(struct walk *w)
{
	if (!w)
		return;
	if (w->close_fd >= 0)
		close(w->close_fd);
	if (w->sub)
		prefetch_sub_end(w->pf, w->sub);
	for (int i = 0; i < w->nlv; i++) {
		if (i <= w->top && w->lv[i]->fd >= 0) {
			prefetch_drop_level(w->pf, &w->lv[i]->pf);
			close(w->lv[i]->fd);
		}
		dirlist_free(&w->lv[i]->dl);
		pf_stats_free(&w->lv[i]->ps);
		free(w->lv[i]);
	}
	prefetch_free(w->pf);
	free(w->lv);
	buf_free(&w->path);
	free(w);
}
