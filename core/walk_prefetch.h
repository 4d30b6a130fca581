/* Reading directories ahead of a walk on worker threads (core/prefetch.c).
 * Private to core/walk.c. Every function accepts pf == NULL (no threads)
 * and then does nothing. */
#ifndef OSBOX_WALK_PREFETCH_H
#define OSBOX_WALK_PREFETCH_H

#include "osbox/walk.h"

struct prefetch;
struct pf_job;

/* Per level of the walk: the jobs reading its subdirectories. */
struct pf_level {
	struct pf_job *jobs; /* in the level's entry order */
	size_t scan;         /* cursor: entries looked at for scheduling */
	int fd;              /* the level's fd while jobs may use it, else -1 */
	const struct dirlist *dl;
	bool active;
};

struct prefetch *prefetch_new(int threads, unsigned flags);
void prefetch_free(struct prefetch *pf);
/* A level was entered: its subdirectories may be read ahead (through fd,
 * which stays open until prefetch_drop_level). */
void prefetch_level_start(struct prefetch *pf, struct pf_level *pl, const struct dirlist *dl, int fd);
/* The level is left (or its fd is about to close): cancels or waits for
 * its jobs and frees their results. */
void prefetch_drop_level(struct prefetch *pf, struct pf_level *pl);
/* The walk enters subdirectory name (d_ino ino) of the level: when a job
 * read it, hands over its result (entries swapped into *dl, fd, errno e,
 * and its stat when taken) and returns true; false: read it yourself. */
bool prefetch_take(struct prefetch *pf, struct pf_level *pl, uint64_t ino, const char *name,
		   struct dirlist *dl, int *fd, int *e, struct stat *st, bool *have_st);

#endif
