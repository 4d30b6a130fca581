/* runas: drop privileges to a user and run a command in place, as
 * os.setgroups/os.initgroups, os.setgid and os.setuid, in the order that
 * is safe: the supplementary groups, then the group, then the user (once
 * the uid is gone the rest can no longer be changed), then a check that
 * the old ids cannot be regained, and only then exec. */
#include "osbox/buf.h"
#include "osbox/exitstatus.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"
#include "osbox/owner.h"
#include "osbox/proc.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

enum { OPT_NNP = OPT_LONG };

static const struct opt options[] = {
    {'v', "verbose", no_argument, NULL,
     "print the process owner before and after each change, as the os example does"},
    {OPT_NNP, "no-new-privs", no_argument, NULL,
     "set no_new_privs first: COMMAND can never gain privileges (setuid files, file caps)"},
    {0},
};

const struct optspec runas_spec = {
    .usage = "[-v] [--no-new-privs] USER[:GROUP] COMMAND [ARG]...",
    .about = "Sets the supplementary groups (USER's from the group database, or only\n"
             "GROUP), then the group, then the user, checks that the old ids cannot be\n"
             "regained, sets HOME, USER and LOGNAME, and execs COMMAND in place. USER\n"
             "and GROUP are names or numbers. Exit status: COMMAND's; 125 runas\n"
             "failed (no privilege to change, unknown user...), 126 COMMAND could not\n"
             "run, 127 not found.",
    .opts = options,
    .min_operands = 1,
    .flags = OPTS_STOP_AT_OPERAND,
    .usage_status = EXIT_CANCELED,
    .fail_status = EXIT_CANCELED,
};

struct target {
	uid_t uid;
	gid_t gid;
	char *name; /* the user's name, NULL if the uid has no entry */
	char *home; /* from the entry, or NULL */
	bool only_group;
	gid_t *groups; /* the supplementary groups to set */
	int ngroups;
};

static bool parse_id(const char *s, unsigned long *v)
{
	char *end;
	errno = 0;
	if (!*s || *s == '-' || *s == '+')
		return false;
	*v = strtoul(s, &end, 10);
	/* (uid_t)-1 means "no change" to setresuid: never a target. */
	return !*end && !errno && *v < (unsigned long)(uid_t)-1;
}

/* The result of getpwnam_r and the like: found or not; a failure other
 * than "no such entry" ends runas. */
static bool found(bool res, int e, const char *what)
{
	if (!res && e && e != ENOENT && e != ESRCH) {
		errno = e;
		err(EXIT_CANCELED, "the %s database", what);
	}
	return res;
}

/* getpwnam_r or getpwuid_r with a buffer that grows as needed (ERANGE:
 * twice the room). */
static bool lookup_user(const char *name, uid_t uid, struct target *t)
{
	struct buf b = {0};
	buf_reserve(&b, 1023);
	struct passwd pw, *res = NULL;
	int e;
	while ((e = name ? getpwnam_r(name, &pw, b.p, b.cap, &res)
	                 : getpwuid_r(uid, &pw, b.p, b.cap, &res)) == ERANGE)
		buf_reserve(&b, b.cap);
	if (res) {
		t->uid = pw.pw_uid;
		t->gid = pw.pw_gid;
		t->name = xstrdup(pw.pw_name);
		t->home = xstrdup(pw.pw_dir);
	}
	buf_free(&b);
	return found(res, e, "user");
}

static bool lookup_group(const char *name, gid_t *gid)
{
	struct buf b = {0};
	buf_reserve(&b, 1023);
	struct group gr, *res = NULL;
	int e;
	while ((e = getgrnam_r(name, &gr, b.p, b.cap, &res)) == ERANGE)
		buf_reserve(&b, b.cap);
	if (res)
		*gid = gr.gr_gid;
	buf_free(&b);
	return found(res, e, "group");
}

/* USER[:GROUP]: names first, then numbers (as chown does). */
static void parse_target(const struct opts *o, const char *spec, struct target *t)
{
	char *user = xstrdup(spec);
	char *group = strchr(user, ':');
	if (group)
		*group++ = 0;
	if (!*user)
		usage_error(o, "%s: missing user", quote_gnu(0, QUOTE_SHELL, spec));
	if (group && !*group)
		usage_error(o, "%s: missing group after ':'", quote_gnu(0, QUOTE_SHELL, spec));
	unsigned long v;
	if (!lookup_user(user, 0, t)) {
		if (!parse_id(user, &v))
			errx(EXIT_CANCELED, "%s: no such user", quote_gnu(0, QUOTE_SHELL, user));
		if (!lookup_user(NULL, (uid_t)v, t)) {
			/* A uid with no entry: no name, no home, and no
			 * group unless one is given. */
			if (!group)
				errx(EXIT_CANCELED,
				     "%s: no such user in the user database "
				     "(give USER:GROUP to use it all the same)",
				     quote_gnu(0, QUOTE_SHELL, user));
			t->uid = (uid_t)v;
		}
	}
	if (group) {
		if (!lookup_group(group, &t->gid)) {
			if (!parse_id(group, &v))
				errx(EXIT_CANCELED, "%s: no such group",
				     quote_gnu(0, QUOTE_SHELL, group));
			t->gid = (gid_t)v;
		}
		t->only_group = true;
		t->groups = xmalloc(sizeof *t->groups);
		t->groups[0] = t->gid;
		t->ngroups = 1;
	} else {
		/* The user's groups from the group database, the primary
		 * group included: what initgroups will set. */
		int n = 16;
		for (;;) {
			t->groups = xmalloc((size_t)n * sizeof *t->groups);
			int m = n;
			if (getgrouplist(t->name, t->gid, t->groups, &m) >= 0) {
				t->ngroups = m;
				break;
			}
			free(t->groups);
			n = m > n ? m : 2 * n;
		}
	}
	free(user);
}

static int cmp_gid(const void *a, const void *b)
{
	gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;
	return x < y ? -1 : x > y;
}

/* Whether the process's supplementary groups already are want (as sets:
 * the kernel keeps them sorted). */
static bool groups_are(const gid_t *want, int n)
{
	struct owner cur;
	if (owner_get(&cur) < 0)
		return false;
	gid_t *w = xmalloc((size_t)n * sizeof *w);
	memcpy(w, want, (size_t)n * sizeof *w);
	qsort(w, (size_t)n, sizeof *w, cmp_gid);
	qsort(cur.groups, (size_t)cur.ngroups, sizeof *cur.groups, cmp_gid);
	int k = 0;
	for (int i = 0; i < n; i++)
		if (i == 0 || w[i] != w[i - 1])
			w[k++] = w[i];
	bool same = k == cur.ngroups && memcmp(w, cur.groups, (size_t)k * sizeof *w) == 0;
	free(w);
	owner_free(&cur);
	return same;
}

/* A failed change: without the privilege to make it, say what is needed. */
static _Noreturn void change_failed(const char *what)
{
	int e = errno;
	if (e == EPERM)
		errx(EXIT_CANCELED,
		     "%s: %s (changing to another user needs root, or the "
		     "CAP_SETUID and CAP_SETGID capabilities)",
		     what, strerror(e));
	err(EXIT_CANCELED, "%s", what);
}

static void show(bool verbose, const char *title)
{
	if (!verbose)
		return;
	out_printf("%s:\n", title);
	owner_report(EXIT_CANCELED);
	out_putc('\n');
}

/* After the drop, none of the old ids may come back: a process that kept a
 * capability (securebits no_setuid_fixup or keep_caps with ambient caps,
 * say) could otherwise undo everything once COMMAND runs. Each attempt
 * must fail; one that succeeds stops runas before COMMAND runs. */
static void check_no_way_back(bool verbose, const uid_t old_uid[3], const gid_t old_gid[3],
                              const struct target *t)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;
	if (getresuid(&r, &e, &s) < 0 || getresgid(&rg, &eg, &sg) < 0)
		err(EXIT_CANCELED, "getresuid");
	if (r != t->uid || e != t->uid || s != t->uid || rg != t->gid || eg != t->gid ||
	    sg != t->gid)
		errx(EXIT_CANCELED, "the ids did not all change; not running the command");
	bool checked = false;
	for (int i = 0; i < 3; i++) {
		uid_t u = old_uid[i];
		if (u == t->uid || (i > 0 && (u == old_uid[0] || (i > 1 && u == old_uid[1]))))
			continue;
		if (setuid(u) == 0)
			errx(EXIT_CANCELED,
			     "uid %lu could be regained after dropping it; "
			     "not running the command",
			     (unsigned long)u);
		if (verbose)
			out_printf("CHECK: setuid(%lu) fails: %s\n", (unsigned long)u,
			           strerror(errno));
		checked = true;
	}
	/* Root can take any group: nothing to check when the target is. */
	for (int i = 0; i < 3 && t->uid != 0; i++) {
		gid_t g = old_gid[i];
		if (g == t->gid || (i > 0 && (g == old_gid[0] || (i > 1 && g == old_gid[1]))))
			continue;
		if (setgid(g) == 0)
			errx(EXIT_CANCELED,
			     "gid %lu could be regained after dropping it; "
			     "not running the command",
			     (unsigned long)g);
		if (verbose)
			out_printf("CHECK: setgid(%lu) fails: %s\n", (unsigned long)g,
			           strerror(errno));
		checked = true;
	}
	/* Nor may the groups change again (CAP_SETGID kept while the gid
	 * stayed the same): setting them to what they are is a harmless
	 * probe. */
	if (t->uid != 0) {
		if (setgroups((size_t)t->ngroups, t->groups) == 0)
			errx(EXIT_CANCELED, "the groups could still be changed after the drop; "
			                    "not running the command");
		if (verbose)
			out_printf("CHECK: setgroups fails: %s\n", strerror(errno));
		checked = true;
	}
	if (verbose && checked)
		out_putc('\n');
}

static void set_env(const struct target *t)
{
	char num[32];
	const char *name = t->name;
	if (!name) {
		snprintf(num, sizeof num, "%lu", (unsigned long)t->uid);
		name = num;
	}
	/* A uid with no entry has no home: better none than the caller's. */
	if ((t->home ? setenv("HOME", t->home, 1) : unsetenv("HOME")) < 0 ||
	    setenv("USER", name, 1) < 0 || setenv("LOGNAME", name, 1) < 0)
		err(EXIT_CANCELED, "setenv");
}

int runas_main(int argc, char **argv)
{
	bool verbose = false, nnp = false;
	struct opts o;
	int c;
	opts_begin(&o, &runas_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 'v':
			verbose = true;
			break;
		case OPT_NNP:
			nnp = true;
			break;
		}
	}
	if (o.ind + 1 == argc)
		usage_error(&o, "missing command");
	struct target t = {0};
	parse_target(&o, argv[o.ind], &t);
	char **cmd = argv + o.ind + 1;

	if (nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		err(EXIT_CANCELED, "prctl(PR_SET_NO_NEW_PRIVS)");
	uid_t old_uid[3];
	gid_t old_gid[3];
	if (getresuid(&old_uid[0], &old_uid[1], &old_uid[2]) < 0 ||
	    getresgid(&old_gid[0], &old_gid[1], &old_gid[2]) < 0)
		err(EXIT_CANCELED, "getresuid");
	show(verbose, "BEFORE CHANGE");

	/* Groups first: setgroups needs CAP_SETGID, which the uid change
	 * takes away. Unchanged groups need no privilege. */
	if (!groups_are(t.groups, t.ngroups)) {
		if (t.only_group) {
			if (setgroups(1, &t.gid) < 0)
				change_failed("setgroups");
		} else if (initgroups(t.name, t.gid) < 0) {
			change_failed("initgroups");
		}
	}
	show(verbose, "CHANGE GROUPS");
	/* setresgid and setresuid set the real, effective and saved ids all
	 * at once: setgid and setuid leave the saved id alone when the
	 * caller is not privileged, and a saved id is a way back. */
	if (setresgid(t.gid, t.gid, t.gid) < 0)
		change_failed("setgid");
	show(verbose, "CHANGE GROUP");
	if (setresuid(t.uid, t.uid, t.uid) < 0)
		change_failed("setuid");
	show(verbose, "CHANGE USER");
	check_no_way_back(verbose, old_uid, old_gid, &t);
	set_env(&t);

	/* What our caller gave the command, not what osbox chose for itself. */
	proc_sigpipe_restore();
	out_flush();
	execvp(cmd[0], cmd);
	int e = errno;
	warn("%s", quote_gnu(0, QUOTE_SHELL, cmd[0]));
	free(t.name);
	free(t.home);
	free(t.groups);
	return proc_exec_failure_status(e);
}
