/* The process owner: real and effective ids and the supplementary groups,
 * reported as the process-owner example of Python's os module prints them
 * (procinfo, runas -v); and the names of users and groups (listdir -l,
 * stat %U %G). */
#ifndef OSBOX_OWNER_H
#define OSBOX_OWNER_H

#include <sys/types.h>

struct json;

struct owner {
	uid_t uid, euid;
	gid_t gid, egid;
	int ngroups;
	gid_t *groups; /* malloc'd, as getgroups(2) gives them */
};

/* Reads the calling process's ids. Returns 0, or -1 with errno set when
 * getgroups fails. */
int owner_get(struct owner *o);
void owner_free(struct owner *o);

/* The three lines of the example, through out:
 *   User (actual/effective)  : UID / EUID
 *   Group (actual/effective) : GID / EGID
 *   Actual Groups   : [G1, G2, ...]          */
void owner_print(const struct owner *o);

/* Members uid, euid, gid, egid and groups of the object being written. */
void owner_json(struct json *j, const struct owner *o);

/* Reads and prints the calling process's owner (owner_get + owner_print);
 * exits with status st when the ids cannot be read. */
void owner_report(int st);

/* The name of user uid or group gid (getpwuid(3), getgrgid(3)), or NULL
 * when the id has none. Answers are remembered: the files of a directory
 * or of one run mostly share a few owners. The string stays valid until
 * at least OWNER_NAMES other ids have been asked for. */
#define OWNER_NAMES 16
const char *owner_user_name(uid_t uid);
const char *owner_group_name(gid_t gid);

#endif
