/* walk's per-entry output forms beside the path: GNU find's -printf
 * FORMAT (compiled once, then run on each entry) and find -ls's line.
 * Both write through out.h. */
#ifndef OSBOX_WALK_WPRINTF_H
#define OSBOX_WALK_WPRINTF_H

#include "osbox/walk.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* One entry as the directives see it. */
struct wentry {
	const struct walk_ent *e;
	const struct stat *st; /* the status, when the format needs it */
	const char *root;      /* the operand the entry was reached from */
	size_t rootlen;
};

/* What a compiled format needs per entry. */
enum {
	WP_STAT = 1u << 0, /* the status (WALK_STAT) */
	WP_TIME = 1u << 1, /* local time: LC_TIME and the time zone */
	WP_FD = 1u << 2,   /* the entry's dirfd (%l, %Y) */
};

struct wprintf;

/* Compiles FORMAT as find's -printf reads it. Warnings (an unknown
 * directive or escape) are printed now, once, as find prints them. On an
 * error returns NULL and in *error find's words for it. *needs receives
 * the WP_ flags. */
struct wprintf *wprintf_compile(const char *format, unsigned *needs, const char **error);
void wprintf_run(struct wprintf *f, const struct wentry *x);
void wprintf_free(struct wprintf *f);

/* find -ls: the columns widen as wider values come, as find's do. */
struct wls;
struct wls *wls_new(void);
void wls_line(struct wls *l, const struct wentry *x);
void wls_free(struct wls *l);

#endif
