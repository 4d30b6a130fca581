/* symlink: make symbolic links, as os.symlink and ln -s. -f replaces an
 * existing LINK atomically: the new link is made under a temporary name in
 * LINK's directory and renamed over LINK (rename(2) replaces its target in
 * one step), so a reader never finds LINK missing, unlike ln -sf's unlink
 * then symlink. Work is done from LINK's directory descriptor, so long
 * paths are not limited by PATH_MAX. */
#include "osbox/exitstatus.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/path.h"
#include "osbox/quote.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const struct opt options[] = {
    {'f', "force", no_argument, NULL, "replace an existing LINK, atomically"},
    {'n', "no-dereference", no_argument, NULL,
     "treat a LINK that is a symlink to a directory as a file"},
    {'r', "relative", no_argument, NULL, "make TARGET relative to the link's directory"},
    {'t', "target-directory", required_argument, "DIR", "make the links in DIR"},
    {'T', "no-target-directory", no_argument, NULL, "LINK is always the link itself, never a DIR"},
    {'v', "verbose", no_argument, NULL, "print 'Creating link LINK -> TARGET' for each link"},
    {0},
};

static const struct optpair excludes[] = {{'t', 'T'}, {0}};

const struct optspec symlink_spec = {
    .usage = "[-f] [-n] [-r] [-v] [-T] TARGET [LINK]   or   symlink [...] TARGET... DIR\n"
             "   or   symlink [...] -t DIR TARGET...",
    .about = "Makes LINK a symbolic link to TARGET (os.symlink, ln -s). With DIR, or with\n"
             "no LINK (DIR is then '.'), makes DIR/BASENAME for each TARGET. TARGET is\n"
             "stored as given and need not exist. -f replaces LINK atomically: a reader\n"
             "never finds LINK missing.",
    .opts = options,
    .excludes = excludes,
    .min_operands = 1,
};

struct symlink_opts {
	bool force, no_deref, relative, verbose;
};

/* The last component of a name, trailing slashes dropped, into a malloc'd
 * string (ln's rule for the link's name inside DIR). */
static char *base_name(const char *s)
{
	size_t end = strlen(s);
	while (end > 1 && s[end - 1] == '/')
		end--;
	size_t start = end;
	while (start > 0 && s[start - 1] != '/')
		start--;
	return xstrndup(s + start, end - start);
}

/* The target to store: TARGET itself, or with -r TARGET's canonical name
 * made relative to the canonical directory of LINK. */
static char *stored_target(const struct symlink_opts *so, const char *target, const char *link)
{
	if (!so->relative)
		return xstrdup(target);
	char *t = path_canonical(target, CANON_MISSING);
	size_t dl = path_dirlen(link);
	char *dir = xstrndup(link, dl);
	char *d = path_canonical(dl ? dir : ".", CANON_MISSING);
	char *r = t && d ? path_relative(t, d) : NULL;
	free(t);
	free(dir);
	free(d);
	return r;
}

/* Makes link -> target in dirfd under a temporary name, then renames it
 * over name. Returns 0 or an errno value. */
static int replace_atomically(int dirfd, const char *name, const char *target)
{
	char tmp[64];
	static unsigned counter;
	for (int try = 0; try < 100; try++) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		snprintf(tmp, sizeof tmp, ".osbox-symlink.%ld.%u.%lx", (long)getpid(), counter++,
		         (unsigned long)ts.tv_nsec);
		if (symlinkat(target, dirfd, tmp) == 0) {
			if (renameat(dirfd, tmp, dirfd, name) == 0)
				return 0;
			int e = errno;
			unlinkat(dirfd, tmp, 0);
			return e;
		}
		if (errno != EEXIST)
			return errno;
	}
	return EEXIST;
}

/* Makes one link. */
static int make_link(const struct symlink_opts *so, const char *target, const char *link)
{
	char *stored = stored_target(so, target, link);
	if (!stored) {
		warn("%s", quote_gnu(0, QUOTE_SHELL_ALWAYS, target));
		return 1;
	}
	size_t dl = path_dirlen(link);
	const char *name = link + dl;
	int dirfd = path_open_dir(link, dl);
	int e = 0, status = 1;
	if (dirfd < 0 && dl > 0) {
		e = errno;
		goto fail;
	}
	if (symlinkat(stored, dirfd, name) == 0)
		goto made;
	e = errno;
	if (e != EEXIST || !so->force)
		goto fail;
	struct stat lst, tst;
	if (fstatat(dirfd, name, &lst, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISDIR(lst.st_mode)) {
			warnx("%s: cannot overwrite directory", quote_gnu(0, QUOTE_SHELL, link));
			goto out;
		}
		/* Replacing a file by a link to itself would lose the file:
		 * refuse, as ln does. The target is looked up from the link's
		 * directory, where the link will resolve it. */
		if (fstatat(dirfd, stored, &tst, 0) == 0 && tst.st_dev == lst.st_dev &&
		    tst.st_ino == lst.st_ino) {
			warnx("%s and %s are the same file",
			      quote_gnu(0, QUOTE_SHELL_ALWAYS, target),
			      quote_gnu(1, QUOTE_SHELL_ALWAYS, link));
			goto out;
		}
	}
	e = replace_atomically(dirfd, name, stored);
	if (e == EISDIR || e == ENOTEMPTY) {
		warnx("%s: cannot overwrite directory", quote_gnu(0, QUOTE_SHELL, link));
		goto out;
	}
	if (e)
		goto fail;
made:
	if (so->verbose) {
		out_puts("Creating link ");
		out_name(link, strlen(link));
		out_puts(" -> ");
		out_name(stored, strlen(stored));
		out_putc('\n');
	}
	status = 0;
	goto out;
fail:
	warnx("failed to create symbolic link %s: %s", quote_gnu(0, QUOTE_SHELL_ALWAYS, link),
	      strerror(e));
out:
	if (dirfd >= 0 && dirfd != AT_FDCWD)
		close(dirfd);
	free(stored);
	return status;
}

/* Makes DIR/BASENAME(target), or BASENAME(target) when dir is NULL. */
static int link_into(const struct symlink_opts *so, const char *target, const char *dir)
{
	char *base = base_name(target);
	if (!dir) {
		int r = make_link(so, target, base);
		free(base);
		return r;
	}
	size_t dl = strlen(dir);
	bool slash = dl > 0 && dir[dl - 1] == '/';
	char *link = xasprintf("%s%s%s", dir, slash ? "" : "/", base);
	int r = make_link(so, target, link);
	free(link);
	free(base);
	return r;
}

static bool is_dir(const char *path, bool follow)
{
	struct stat st;
	return fstatat(AT_FDCWD, path, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISDIR(st.st_mode);
}

int symlink_main(int argc, char **argv)
{
	struct symlink_opts so = {0};
	const char *target_dir = NULL;
	bool no_target_dir = false;
	struct opts o;
	int c;
	opts_begin(&o, &symlink_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 'f':
			so.force = true;
			break;
		case 'n':
			so.no_deref = true;
			break;
		case 'r':
			so.relative = true;
			break;
		case 't':
			target_dir = o.arg;
			break;
		case 'T':
			no_target_dir = true;
			break;
		case 'v':
			so.verbose = true;
			break;
		}
	}
	int n = argc - o.ind;
	char **ops = argv + o.ind;
	if (no_target_dir) {
		opts_operands(&o, 2, 2); /* TARGET LINK */
		return make_link(&so, ops[0], ops[1]);
	}
	if (target_dir) {
		n++; /* DIR is the last operand */
	} else if (n == 1) {
		return link_into(&so, ops[0], NULL);
	}
	const char *last = target_dir ? target_dir : ops[n - 1];
	if (n == 2 && !target_dir) {
		/* LINK names a directory to put the link in, unless -n and it
		 * is a symlink (then it is the link to replace). */
		if (is_dir(last, !so.no_deref))
			return link_into(&so, ops[0], last);
		return make_link(&so, ops[0], last);
	}
	struct stat st;
	if (stat(last, &st) < 0) {
		if (target_dir)
			err(EXIT_FAIL, "failed to access %s",
			    quote_gnu(0, QUOTE_SHELL_ALWAYS, last));
		errx(EXIT_FAIL, "target %s: %s", quote_gnu(0, QUOTE_SHELL_ALWAYS, last),
		     strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		errx(EXIT_FAIL, "target %s is not a directory",
		     quote_gnu(0, QUOTE_SHELL_ALWAYS, last));
	int status = 0;
	for (int i = 0; i < n - 1; i++)
		status |= link_into(&so, ops[i], last);
	return status;
}
