/* The members of a file's --json record, as stat --json gives them and
 * walk -l --json repeats them: one emitter, so that both say the same
 * thing the same way (the names are osbox(1)'s JSON schema). */
#ifndef OSBOX_STATJSON_H
#define OSBOX_STATJSON_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

struct json;

/* Converts what statx(2) gave into a struct stat and, when the file
 * system records it, the birth time into *btime; returns whether it did. */
bool statjson_from_statx(const struct statx *x, struct stat *st, struct timespec *btime);

/* The members type, mode, permissions, ino, dev, nlink, uid, gid, user,
 * group, size, blocks, blksize, the times (atime, mtime, ctime, birth,
 * each with its _ns), rdev for a device and target (target, targetlen
 * bytes; NULL for none) of the object being written. btime NULL: birth
 * is null. The caller writes "path" before them. */
void statjson_members(struct json *j, const struct stat *st, const struct timespec *btime,
                      const char *target, size_t targetlen);

#endif
