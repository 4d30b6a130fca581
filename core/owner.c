/* The process owner report (see owner.h). */
#include "osbox/owner.h"
#include "osbox/json.h"
#include "osbox/out.h"

#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

int owner_get(struct owner *o)
{
	o->uid = getuid();
	o->euid = geteuid();
	o->gid = getgid();
	o->egid = getegid();
	o->groups = NULL;
	o->ngroups = 0;
	/* The list can change between the two calls only if another thread
	 * calls setgroups; retry rather than trust a stale count. */
	for (;;) {
		int n = getgroups(0, NULL);
		if (n < 0)
			return -1;
		gid_t *g = xreallocarray(NULL, (size_t)n + 1, sizeof *g);
		int m = getgroups(n, g);
		if (m >= 0) {
			o->groups = g;
			o->ngroups = m;
			return 0;
		}
		free(g);
		if (errno != EINVAL)
			return -1;
	}
}

void owner_free(struct owner *o)
{
	free(o->groups);
	o->groups = NULL;
	o->ngroups = 0;
}

void owner_print(const struct owner *o)
{
	out_printf("User (actual/effective)  : %lu / %lu\n", (unsigned long)o->uid,
	           (unsigned long)o->euid);
	out_printf("Group (actual/effective) : %lu / %lu\n", (unsigned long)o->gid,
	           (unsigned long)o->egid);
	/* Python prints the list of os.getgroups() as repr does: [1, 2]. */
	out_puts("Actual Groups   : [");
	for (int i = 0; i < o->ngroups; i++)
		out_printf(i ? ", %lu" : "%lu", (unsigned long)o->groups[i]);
	out_puts("]\n");
}

void owner_json(struct json *j, const struct owner *o)
{
	json_kuint(j, "uid", o->uid);
	json_kuint(j, "euid", o->euid);
	json_kuint(j, "gid", o->gid);
	json_kuint(j, "egid", o->egid);
	json_key(j, "groups");
	json_begin_array(j);
	for (int i = 0; i < o->ngroups; i++)
		json_uint(j, o->groups[i]);
	json_end_array(j);
}

void owner_report(int st)
{
	struct owner o;
	if (owner_get(&o) < 0)
		err(st, "getgroups");
	owner_print(&o);
	owner_free(&o);
}

/* One remembered answer of the user or group database. */
struct owner_name {
	unsigned id;
	bool used;
	char *name; /* NULL: the id has no name */
};

static const char *owner_name(struct owner_name *cache, unsigned id, bool group)
{
	struct owner_name *c = &cache[id % OWNER_NAMES];
	if (c->used && c->id == id)
		return c->name;
	const char *n;
	if (group) {
		struct group *g = getgrgid((gid_t)id);
		n = g ? g->gr_name : NULL;
	} else {
		struct passwd *p = getpwuid((uid_t)id);
		n = p ? p->pw_name : NULL;
	}
	free(c->name);
	c->name = n ? xstrdup(n) : NULL;
	c->id = id;
	c->used = true;
	return c->name;
}

const char *owner_user_name(uid_t uid)
{
	static struct owner_name users[OWNER_NAMES];
	return owner_name(users, uid, false);
}

const char *owner_group_name(gid_t gid)
{
	static struct owner_name groups[OWNER_NAMES];
	return owner_name(groups, gid, true);
}
