/* The directory engine shared by walk, listdir and chmod -R.
 *
 * A directory is read whole, through its file descriptor, with getdents64
 * into a large buffer, keeping each entry's name and d_type; nothing is
 * stat'ed unless the caller asks (or the file system gives no d_type).
 *
 * A walk is an iterator in the style of fts(3): walk_next() returns one
 * event at a time (a directory before its contents, each other entry, a
 * directory after its contents, errors), in depth-first order. It is
 * driven by an explicit stack, never C recursion; the path is one growing
 * buffer; at most a bounded number of directory descriptors are open (past
 * the bound, an ancestor is reopened when the walk climbs back to it, and
 * checked by device and inode), so neither depth nor PATH_MAX limits it.
 * Directories are opened with openat(parent, name, O_DIRECTORY|O_NOFOLLOW)
 * unless symbolic links are to be followed: a directory swapped for a
 * symlink during the walk is not entered; an entry removed between the
 * reading of its directory and its stat is passed over. With jobs > 1, worker threads
 * read the directories the walk will need next (and with WALK_STAT, their
 * entries' status); the events come in exactly the order of a
 * single-threaded walk. With jobs 0, the walk reads on its own thread
 * while reads are fast (the page cache has them), and starts the threads
 * when reads keep waiting for the disk; or, when the walk enters every
 * directory and its caller needs no descriptors, and cores are idle,
 * threads that read whole subtrees ahead into memory, the farthest first,
 * while the walk goes on reading the nearest itself. */
#ifndef OSBOX_WALK_H
#define OSBOX_WALK_H

#include "osbox/dirlist.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Flags of walk_open. */
enum {
	WALK_FOLLOW = 1u << 0,      /* follow every symlink (find -L, os.walk followlinks) */
	WALK_FOLLOW_ROOT = 1u << 1, /* follow a symlink given as the root (find -H, os.walk) */
	WALK_XDEV = 1u << 2,        /* do not enter directories on other devices (find -xdev) */
	WALK_SORT = 1u << 3,        /* each directory's entries by bytes, not directory order */
	WALK_STAT = 1u << 4,        /* fill walk_ent.st for every entry */
	WALK_POSTORDER = 1u << 5,   /* also return each directory after its contents */
	WALK_WHOLE = 1u << 6,       /* every directory is entered (no walk_skip): the
	                               threads may read whole subtrees ahead */
	WALK_NOFD = 1u << 7,        /* the caller uses no event's dirfd nor walk_dir's
	                               fd (-1 in a subtree read ahead whole) */
};

/* Kinds of events. */
enum walk_kind {
	WALK_DIR = 1,    /* a directory, before its contents (walk_skip: not entered) */
	WALK_FILE,       /* anything else (a symlink not followed included) */
	WALK_POST,       /* a directory after its contents (WALK_POSTORDER) */
	WALK_UNREADABLE, /* the directory of the last WALK_DIR could not be read: err
	                    (ENOENT: removed since its parent was read); its
	                    WALK_POST still follows with WALK_POSTORDER */
	WALK_ERROR,      /* the entry (or root) could not be examined: err; not visited */
	WALK_LOOP,       /* WALK_FOLLOW: a directory that is also its own ancestor
	                    path[0..loop_len); it is not entered */
};

struct walk_ent {
	enum walk_kind kind;
	const char *path; /* the whole path, NUL-terminated; valid until walk_next */
	size_t pathlen;
	const char *name; /* the last component (the root: the whole operand) */
	size_t namelen;
	int dirfd;             /* the entry is (dirfd, atname) for the *at() calls */
	const char *atname;    /* (AT_FDCWD and the operand for the root) */
	int depth;             /* 0 for the root */
	unsigned char type;    /* DT_*; the target's when a symlink was followed */
	bool followed;         /* the entry is a symlink that was followed */
	int err;               /* WALK_UNREADABLE, WALK_ERROR: an errno value */
	size_t loop_len;       /* WALK_LOOP: length of the ancestor's path */
	uint64_t ino;          /* d_ino (the root: its st_ino) */
	const struct stat *st; /* with WALK_STAT (lstat, or stat when followed);
	                          a WALK_POST has its WALK_DIR's; NULL on errors */
};

struct walk_opts {
	unsigned flags;
	int jobs;     /* threads reading directories; 1: none; 0: none until
	                 reads show that they wait for the disk, then as many
	                 as the idle cores make worth it */
	int max_fds;  /* directory descriptors held at most; 0: a default */
	long slow_ns; /* jobs 0: a read is slow past this many ns; 0: a
	                 default (for tests) */
	int split;    /* jobs 0 with WALK_WHOLE and WALK_NOFD: threads reading
	                 whole subtrees from the start (for tests); 0: as many
	                 as the idle cores, less one, once a window of reads
	                 shows that the page cache has the tree */
};

struct walk;

/* Starts a walk of root. Never fails but for memory (which ends the
 * program); a root that cannot be examined comes out as a WALK_ERROR. */
struct walk *walk_open(const char *root, const struct walk_opts *opts);
/* The next event, or NULL when the walk is over. */
const struct walk_ent *walk_next(struct walk *w);
/* After a WALK_DIR event: do not enter that directory (none of its
 * entries comes out, even when walk_dir read it already). */
void walk_skip(struct walk *w);
/* After a WALK_DIR or WALK_POST event: the directory's entries (reading it
 * now if needed) and, in *fd, a descriptor open on it for fstatat() on
 * them; NULL (errno set) when it cannot be read. Valid until walk_next. */
const struct dirlist *walk_dir(struct walk *w, int *fd);
void walk_close(struct walk *w);

#endif
