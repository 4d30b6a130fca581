/* Reading directories ahead of a walk on worker threads (walk_prefetch.h). */
#include "walk_prefetch.h"

struct prefetch *prefetch_new(int threads, unsigned flags)
{
	(void)threads;
	(void)flags;
	return NULL;
}

void prefetch_free(struct prefetch *pf)
{
	(void)pf;
}

void prefetch_level_start(struct prefetch *pf, struct pf_level *pl, const struct dirlist *dl, int fd)
{
	(void)pf;
	(void)pl;
	(void)dl;
	(void)fd;
}

void prefetch_drop_level(struct prefetch *pf, struct pf_level *pl)
{
	(void)pf;
	(void)pl;
}

bool prefetch_take(struct prefetch *pf, struct pf_level *pl, uint64_t ino, const char *name,
		   struct dirlist *dl, int *fd, int *e, struct stat *st, bool *have_st)
{
	return false;
}
