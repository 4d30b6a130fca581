/* Reading directories ahead of a walk on worker threads (core/prefetch.c).
 * Used by the walk engine (core/walk.c) alone. Every function accepts pf == NULL (no threads)
 * and then does nothing.
 *
 * When the walk enters a directory, the subdirectories listed in it are
 * handed, in the walk's order, to worker threads that open and read them
 * (openat(dirfd, name, O_DIRECTORY|O_NOFOLLOW), getdents64, and fstat or
 * sorting when the walk needs them; with WALK_STAT and not WALK_FOLLOW, the
 * lstat of each entry too, as on a cold cache the inode reads block as the
 * directory reads do). The walk still visits in its own
 * order: when it reaches a subdirectory, it takes the job's result, waits
 * for it if a worker is reading it, or reads it itself if no worker has
 * started. Deeper levels are served first, as the walk needs them first.
 * At most a fixed number of jobs (open fds, buffers) exist at once.
 *
 * In split mode (warm cache, idle cores) a job is a whole subtree: its
 * worker reads it depth first into memory, every directory as the walk
 * would read it, publishing each as it goes; the workers take the
 * subtrees the walk reaches last (the last waiting subdirectory of the
 * shallowest level), the walk reads the nearest ones itself, and when it
 * reaches a subtree it takes its directories in turn with no system call
 * and no descriptor. Where the walk catches up with a worker, the worker
 * stops after the directory it reads, and the walk reads on itself while
 * the worker takes the next farthest subtree; so the two meet rarely,
 * and hand over once per subtree, not per directory. */
#ifndef OSBOX_PREFETCH_H
#define OSBOX_PREFETCH_H

#include "osbox/walk.h"

#include <time.h>

/* A directory read (openat and getdents64) taking longer than SLOW_NS,
 * plus SLOW_NS_PER_ENTRY for each entry, waited for the disk: with the
 * page cache warm, a directory of ten entries is read in under 16 us on
 * the machines measured, one of a thousand in under 250 us; cold, the
 * small one takes 60 to 250 us. The walk starts its threads after
 * SLOW_READS such reads in a window of WINDOW; the threads stop warming
 * (prefetch_warm) after a window with fewer, and ask for it again after
 * SLOW_READS slow reads of their jobs. */
enum { SLOW_NS = 40000, SLOW_NS_PER_ENTRY = 400, SLOW_READS = 8, WINDOW = 64 };

/* slow_ns: the limit instead of the default (walk_opts.slow_ns, for tests). */
static inline bool read_is_slow(long slow_ns, long long dt, size_t count)
{
	return dt > (slow_ns > 0 ? slow_ns : SLOW_NS + SLOW_NS_PER_ENTRY * (long long)count);
}

static inline long long pf_now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t); /* the vDSO's: no system call */
	return (long long)t.tv_sec * 1000000000 + t.tv_nsec;
}

struct prefetch;
struct pf_job;
struct pf_sub;

/* The status of each entry of a directory read ahead, by entry number
 * (dirlist_next's order): err[i] 0 and st[i], or an errno value. */
struct pf_stats {
	struct stat *st;
	int *err;
	size_t cap;
	bool valid; /* filled for the directory now in use */
};

/* Per level of the walk: the jobs reading its subdirectories. */
struct pf_level {
	struct pf_job *head, *tail; /* jobs in entry order */
	struct pf_job *queued;      /* the first job no worker has started */
	int njobs;
	size_t scan_pos, scan_seq; /* scheduling cursor in dl, and its entry number */
	bool scan_done;
	int fd;
	const struct dirlist *dl;
	struct pf_level *deeper, *shallower; /* the list of levels with work */
	bool listed;
};

/* root_dev: the root's device, for WALK_XDEV; max_fds: at most this many
 * jobs (each holds a descriptor); slow_ns: as read_is_slow's. split
 * (WALK_NOFD and WALK_WHOLE, not WALK_FOLLOW nor WALK_XDEV): each job
 * reads its directory's whole subtree, into memory, as the walk would
 * (prefetch_sub_next), the subtrees the walk reaches last first; no
 * warming. */
struct prefetch *prefetch_new(int threads, unsigned flags, dev_t root_dev, int max_fds,
                              long slow_ns, bool split);
void prefetch_free(struct prefetch *pf);
/* A level was entered: its subdirectories may be read ahead through fd,
 * which stays open until prefetch_drop_level. Returns true when the open
 * levels are to be handed to prefetch_warm now: the first time, and when
 * the jobs' reads turned slow after warming stopped. */
bool prefetch_level_start(struct prefetch *pf, struct pf_level *pl, const struct dirlist *dl,
                          int fd);
/* The same for a level the walk is inside already (the threads started
 * late): its entries from cursor pos, entry number seq, on. */
void prefetch_level_resume(struct prefetch *pf, struct pf_level *pl, const struct dirlist *dl,
                           int fd, size_t pos, size_t seq);
/* With WALK_WHOLE (and not WALK_FOLLOW): the subtrees of dl's
 * subdirectories from cursor pos on are read by the workers that have no
 * job, in the walk's order, for the kernel's cache alone (a duplicate of
 * fd held while needed), until a window of their reads shows the cache
 * has them. Called for the open levels, shallowest first, when
 * prefetch_level_start asks. */
void prefetch_warm(struct prefetch *pf, const struct dirlist *dl, int fd, size_t pos);
/* The level is left (or its fd is about to close): cancels or waits for
 * its jobs and frees their results. */
void prefetch_drop_level(struct prefetch *pf, struct pf_level *pl);
/* The walk enters the level's entry number seq (0 for the first entry
 * dirlist_next gave). When a job read it, hands over the result (entries
 * swapped into *dl, the fd or -1, errno value *e, its fstat when taken,
 * its entries' status swapped into *ps, ps->valid when taken) and returns
 * true; false: read it yourself. */
bool prefetch_take(struct prefetch *pf, struct pf_level *pl, size_t seq, struct dirlist *dl,
                   int *fd, int *e, struct stat *st, bool *have_st, struct pf_stats *ps,
                   struct pf_sub **sub);
/* Split mode: prefetch_take gave the directory with no fd, and in *sub
 * its subtree, whose directories the walk then takes in turn as it enters
 * them: the next one, depth levels below the subtree's root and entry
 * number seq in its parent, when that is what was read next (entries
 * swapped into *dl, its status into *ps, errno value of its reading *e;
 * waits while the worker reads it, and asks it to stop after); false:
 * the walk reads on itself (the subtree ended early, or the walk went
 * another way). */
bool prefetch_sub_next(struct prefetch *pf, struct pf_sub *s, int depth, size_t seq,
                       struct dirlist *dl, int *e, struct pf_stats *ps);
/* The walk is done with the subtree (left it, or reads on itself). */
void prefetch_sub_end(struct prefetch *pf, struct pf_sub *s);
void pf_stats_free(struct pf_stats *ps);

#endif
