/* Reading a directory whole, through its file descriptor: getdents64 into
 * a large buffer of names and d_type, nothing stat'ed unless asked (or the
 * file system gives no d_type). The walk engine (walk.h), listdir and
 * chmod -R read directories through it. */
#ifndef OSBOX_DIRLIST_H
#define OSBOX_DIRLIST_H

#include "osbox/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One directory entry as read: d_ino, d_type (DT_UNKNOWN when the file
 * system does not say) and the name, NUL-terminated. */
struct dent {
	uint64_t ino;
	uint16_t len;
	unsigned char type;
	char name[];
};

/* A whole directory's entries, "." and ".." left out. */
struct dirlist {
	struct buf ents; /* packed struct dent records */
	size_t count;
	struct dsort *sorted; /* the order after dirlist_sort */
	size_t sorted_cap;
	bool is_sorted;
};

/* Reads every entry of the directory open on fd (from its current offset).
 * Returns 0, or an errno value (entries read before the error are kept). */
int dirlist_read(struct dirlist *dl, int fd);
/* Reads the next batch (one getdents64 call's worth) and appends it;
 * *end becomes true at the end of the directory or on error. For callers
 * that stream a huge directory in directory order. */
int dirlist_read_some(struct dirlist *dl, int fd, bool *end);
/* Orders the entries by the bytes of their names (as LC_ALL=C ls). */
void dirlist_sort(struct dirlist *dl);
/* Iteration: set *pos = 0, then call until NULL. Sorted order once sorted. */
const struct dent *dirlist_next(const struct dirlist *dl, size_t *pos);
void dirlist_clear(struct dirlist *dl);
void dirlist_free(struct dirlist *dl);

/* The type of entry d of the directory open on dirfd: its d_type, or, when
 * that is DT_UNKNOWN, from fstatat. With follow, a symlink's target's type
 * (DT_LNK still when the link dangles or loops). Never fails: DT_UNKNOWN
 * when the entry cannot be examined. */
unsigned char dent_type(int dirfd, const struct dent *d, bool follow);

#endif
