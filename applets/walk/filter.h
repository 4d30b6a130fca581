/* walk's filters: which entries the per-entry outputs print, each test
 * with GNU find's meaning (its rounding of sizes and times included).
 * Tests of different kinds AND together; a kind given several times
 * matches when any of its values does. Filters never change what the
 * walk enters. */
#ifndef OSBOX_WALK_FILTER_H
#define OSBOX_WALK_FILTER_H

#include "osbox/walk.h"

#include <stdbool.h>
#include <stddef.h>

struct opts;

/* The kinds of tests, in the order wfilter_match tries them: the cheap
 * ones first (no system call), then those of the entry's status, then
 * those that make system calls of their own. */
enum wf_kind {
	WF_TYPE, /* --type TYPES */
	WF_NAME, /* --name GLOB */
	WF_INAME,
	WF_PATH,
	WF_IPATH,
	WF_SIZE, /* first kind that needs the status */
	WF_MTIME,
	WF_ATIME,
	WF_CTIME,
	WF_MMIN,
	WF_AMIN,
	WF_CMIN,
	WF_NEWER,
	WF_PERM,
	WF_USER,
	WF_GROUP,
	WF_NOUSER,
	WF_NOGROUP,
	WF_LINKS,
	WF_INUM,
	WF_EMPTY,
	WF_READABLE,
	WF_WRITABLE,
	WF_EXECUTABLE,
	WF_NKINDS
};

struct wf_value;

struct wfilter {
	long min_depth; /* print nothing shallower */
	unsigned types; /* bit per DT_ value (--type) */
	struct {
		size_t n;
		struct wf_value *v;
	} kind[WF_NKINDS];
	int first;         /* the kind of the first test given, or -1 */
	struct walk *walk; /* the current walk (--empty reads directories through it) */
	int *status;       /* set to 1 when a test cannot be made (--empty) */
};

/* An empty filter: everything matches. status receives 1 when a test
 * meets an error it reports. */
void wfilter_init(struct wfilter *f, int *status);

/* Adds a test of kind with the option's argument (NULL for the options
 * without one); opt names the option in messages ("--size"). A bad
 * argument is a usage error. */
void wfilter_add(struct wfilter *f, const struct opts *o, enum wf_kind kind, const char *opt,
                 const char *arg);

/* Once the options are read: takes "now" for the time tests and reads
 * the --newer files' times (following a symlink, as find -H and -L do);
 * a --newer file that cannot be examined ends the program (status 1). */
void wfilter_start(struct wfilter *f);

/* Whether any test (--min-depth aside) was given. */
bool wfilter_active(const struct wfilter *f);

/* Whether a test needs walk_ent.st (the walk is then run with WALK_STAT). */
bool wfilter_needs_stat(const struct wfilter *f);
/* Whether a test needs walk_ent.dirfd (--empty, --readable...). */
bool wfilter_needs_fd(const struct wfilter *f);

/* Whether entry e is to be printed. */
bool wfilter_match(const struct wfilter *f, const struct walk_ent *e);

void wfilter_free(struct wfilter *f);

/* The name --name (and walk's --prune) match: the entry's last component;
 * for the root, the operand's (trailing slashes aside), as find's -name.
 * buf holds it when it must be copied. */
const char *wfilter_entry_name(const struct walk_ent *e, char *buf, size_t size);

/* fnmatch(3) of GLOB against s in the locale's character set, as GNU find
 * matches (find sets its locale from the environment; walk otherwise runs
 * in "C"). */
bool wfilter_glob(const char *glob, const char *s, bool casefold);

#endif
