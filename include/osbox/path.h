/* Path names as strings and as walks through directory descriptors:
 * splitting (os.path.split), opening a directory past PATH_MAX, making a
 * target relative to a directory, and canonical names (readlink -f/-e/-m). */
#ifndef OSBOX_PATH_H
#define OSBOX_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* Opens the first len bytes of path as a directory (O_PATH), one component
 * at a time with openat, so that its length is not limited by PATH_MAX.
 * Symlinks are followed as path resolution follows them. An empty path is
 * the current directory (AT_FDCWD is returned). Returns -1 with errno set. */
int path_open_dir(const char *path, size_t len);

/* rmdir(2) that works past PATH_MAX (through path_open_dir). */
int path_rmdir(const char *path);

/* os.path.split: the length of the head of path (everything before the
 * last component, trailing slashes of the head dropped unless it is all
 * slashes); the tail starts after the last '/'. */
size_t path_split(const char *path, size_t len, size_t *tail);

/* The number of bytes in path before its last component (its directory
 * part including the slash), trailing slashes of path ignored. */
size_t path_dirlen(const char *path);

/* How much a canonical name must exist (readlink -f / -e / -m). */
enum path_canon {
	CANON_ALL_BUT_LAST, /* -f: every component but the last exists */
	CANON_EXISTING,     /* -e: every component exists */
	CANON_MISSING,      /* -m: nothing need exist */
};

/* The absolute name of path with no ".", ".." or symlink components and
 * no repeated slash, as GNU readlink -f/-e/-m prints it. Returns a malloc'd
 * string, or NULL with errno set (ENOENT, ENOTDIR, ELOOP, EACCES...). */
char *path_canonical(const char *path, enum path_canon mode);

/* target written relative to the directory dir (both canonical absolute
 * names): the shortest "../../x" form, "." when they are the same. A
 * malloc'd string, NULL on memory exhaustion. */
char *path_relative(const char *target, const char *dir);

#endif
