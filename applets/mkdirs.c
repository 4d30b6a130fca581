/* mkdirs: create a directory and every missing parent, as os.makedirs and
 * mkdir -p. The path is walked one component at a time from a directory
 * descriptor (openat/mkdirat), so neither PATH_MAX nor the depth limits it,
 * and every race with another process creating the same tree ends well:
 * EEXIST from mkdirat only means someone was faster. */
#include "osbox/mode.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OPT_EXIST_FAIL = OPT_LONG };

static const struct opt options[] = {
    {'m', "mode", required_argument, "MODE",
     "mode of the last directory (octal or symbolic, as chmod)"},
    {'p', "parents", no_argument, NULL, "accepted for mkdir -p compatibility (always on)"},
    {'v', "verbose", no_argument, NULL, "print a line for every directory created"},
    {OPT_EXIST_FAIL, "exist-fail", no_argument, NULL,
     "fail if DIR already exists (exist_ok=False)"},
    {0},
};

const struct optspec mkdirs_spec = {
    .usage = "[-m MODE] [-v] [--exist-fail] DIR...",
    .about = "Creates each DIR and every missing parent (os.makedirs, mkdir -p). An existing\n"
             "directory is fine unless --exist-fail. -m sets the mode of DIR itself;\n"
             "parents get the default mode (with u+wx, so that DIR can be made in them).",
    .opts = options,
    .min_operands = 1,
};

struct mkdirs_opts {
	mode_t mode;       /* for the last component: MODE applied to a=rwx */
	mode_t mode_bits;  /* the bits MODE names; 0 without -m */
	mode_t mkdir_mode; /* what mkdir(2) is asked for the last component */
	mode_t umask;
	bool has_mode;     /* -m: the last mkdir runs under umask 0 */
	bool fix_last;     /* after mkdir, set the bits of mode_bits that differ */
	mode_t parent_fix; /* mode to give parents when the umask denies u+wx, else 0 */
	bool exist_fail;
	bool verbose;
};

/* How many times a component that another process is creating or removing
 * at the same moment is retried before its state is reported. */
#define RETRIES 8

static void created(const struct mkdirs_opts *mo, const char *path)
{
	if (!mo->verbose)
		return;
	out_printf("%s: created directory '", applet_name());
	out_name(path, strlen(path));
	out_puts("'\n");
}

/* mkdir(2) of the last component. With -m, as GNU mkdir: under umask 0,
 * since MODE has had the umask applied already, and with group and other
 * write taken away while special bits are still to be set, so that no one
 * else can use the directory before it has its mode. */
static int mkdir_last(const struct mkdirs_opts *mo, int cur, const char *name)
{
	if (!mo->has_mode)
		return mkdirat(cur, name, mo->mkdir_mode);
	umask(0);
	int r = mkdirat(cur, name, mo->mkdir_mode);
	int e = errno;
	umask(mo->umask);
	errno = e;
	return r;
}

/* After mkdir_last: GNU's rule (coreutils' mkdir -m, gnulib's
 * dirchownmod): only the bits MODE names are set, and only when mkdir(2)
 * left one of them different (it drops setuid and setgid, and a parent's
 * setgid is inherited); the bits MODE does not name keep what mkdir(2)
 * gave. Returns 0 or -1 with errno set. */
static int fix_last(const struct mkdirs_opts *mo, int cur, const char *name)
{
	if (!mo->fix_last)
		return 0;
	struct stat st;
	if (fstatat(cur, name, &st, 0) < 0)
		return -1;
	if (((st.st_mode ^ mo->mode) & mo->mode_bits) == 0)
		return 0;
	return fchmodat(cur, name, mo->mode | (st.st_mode & MODE_BITS & ~mo->mode_bits), 0);
}

/* The common cases in one or two calls: DIR's parent exists, or DIR does.
 * Returns 0 or 1 (the status) when that settles it, -1 when it is left
 * to the walk, which names the failing component. */
static int make_at_once(const struct mkdirs_opts *mo, char *buf, size_t len)
{
	if (len >= PATH_MAX)
		return -1;
	if (mkdir_last(mo, AT_FDCWD, buf) == 0) {
		if (fix_last(mo, AT_FDCWD, buf) < 0) {
			warn("%s", quote_gnu(0, QUOTE_SHELL, buf));
			return 1;
		}
		while (len > 1 && buf[len - 1] == '/')
			buf[--len] = 0;
		created(mo, buf);
		return 0;
	}
	struct stat st;
	if (errno == EEXIST && !mo->exist_fail && stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return -1;
}

/* A parent on the way (name, in cur): opened, made first when missing
 * (*made then true). Returns its descriptor, or -1 with errno set. buf
 * names the path up to it, for -v. */
static int open_parent(const struct mkdirs_opts *mo, int cur, const char *name, const char *buf,
                       bool *made)
{
	int fd = -1;
	for (int try = 0; try < RETRIES; try++) {
		fd = openat(cur, name, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0 || errno != ENOENT)
			break;
		if (mkdirat(cur, name, 0777) == 0) {
			if (mo->parent_fix)
				fchmodat(cur, name, mo->parent_fix, 0);
			created(mo, buf);
			*made = true;
		} else if (errno != EEXIST) {
			break;
		}
		/* EEXIST: another process made it (or a dangling symlink is
		 * in the way): look again. */
		errno = EEXIST;
	}
	return fd;
}

/* DIR itself (name, in cur), with its mode. made: this call made its
 * parent. Returns 0 or an errno value. */
static int make_last(const struct mkdirs_opts *mo, int cur, const char *name, const char *buf,
                     bool made)
{
	int e = 0;
	for (int try = 0; try < RETRIES; try++) {
		if (mkdir_last(mo, cur, name) == 0) {
			if (fix_last(mo, cur, name) < 0)
				return errno;
			created(mo, buf);
			return 0;
		}
		e = errno;
		/* os.makedirs("new/.", exist_ok=False) succeeds when it made
		 * "new": DIR is "." of what was just made. */
		if (e == EEXIST && made && strcmp(name, ".") == 0)
			return 0;
		if (e != EEXIST || mo->exist_fail)
			return e;
		struct stat st;
		if (fstatat(cur, name, &st, 0) == 0) {
			/* An existing directory is fine; anything else is "File
			 * exists", as mkdir -p and makedirs say. */
			return S_ISDIR(st.st_mode) ? 0 : EEXIST;
		}
		/* Vanished since, or a dangling symlink: try again. */
	}
	return e;
}

/* Makes one path. buf is a writable copy of it: each component is cut out
 * in place (a NUL over the '/' after it), so that buf then names the path
 * up to that component in messages. */
static int make_path(const struct mkdirs_opts *mo, char *buf)
{
	size_t len = strlen(buf);
	if (len == 0) {
		warnx("'': %s", strerror(ENOENT));
		return 1;
	}
	int status = make_at_once(mo, buf, len);
	if (status >= 0)
		return status;
	status = 0;
	int cur = AT_FDCWD;
	bool made = false; /* a parent was made by this call */
	if (buf[0] == '/') {
		cur = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (cur < 0) {
			warn("/");
			return 1;
		}
	}
	size_t p = 0;
	while (p < len && buf[p] == '/')
		p++;
	if (p == len && mo->exist_fail) {
		/* Only slashes: the root, which exists. */
		warnx("%s: %s", quote_gnu(0, QUOTE_SHELL, buf), strerror(EEXIST));
		status = 1;
	}
	while (p < len) {
		size_t q = p;
		while (q < len && buf[q] != '/')
			q++;
		size_t r = q;
		while (r < len && buf[r] == '/')
			r++;
		char saved = buf[q];
		buf[q] = 0;
		const char *name = buf + p;
		int e = 0;
		if (r == len) {
			e = make_last(mo, cur, name, buf, made);
		} else {
			int fd = open_parent(mo, cur, name, buf, &made);
			if (fd < 0) {
				e = errno;
			} else {
				if (cur != AT_FDCWD)
					close(cur);
				cur = fd;
			}
		}
		if (e) {
			warnx("%s: %s", quote_gnu(0, QUOTE_SHELL, buf), strerror(e));
			status = 1;
			break;
		}
		buf[q] = saved;
		p = r;
	}
	if (cur != AT_FDCWD)
		close(cur);
	return status;
}

/* -m MODE, as GNU mkdir computes it (coreutils' manual, "mkdir
 * invocation": MODE is applied to a=rwx as chmod does, the umask limiting
 * clauses without who letters), and what it then does with it. */
static void set_mode(struct mkdirs_opts *mo, const char *arg)
{
	struct mode_spec spec;
	if (!mode_compile(arg, &spec))
		errx(1, "invalid mode '%s'", arg);
	mo->mode = mode_apply(&spec, 0777, true, mo->umask, &mo->mode_bits);
	mode_free(&spec);
	mo->has_mode = true;
	mo->mkdir_mode = mo->mode;
	/* Setuid and setgid named, or sticky set, are set after mkdir(2):
	 * till then no one but the owner may write in it (gnulib's
	 * make_dir_parents). */
	bool special = (mo->mode_bits & (S_ISUID | S_ISGID)) || (mo->mode & S_ISVTX);
	if (special)
		mo->mkdir_mode &= ~(S_IWGRP | S_IWOTH);
	/* Without special bits, permission bits MODE both names and sets are
	 * what mkdir(2) may have missed (a default ACL); else nothing. */
	mo->fix_last = special || (mo->mode & mo->mode_bits & 0777);
}

int mkdirs_main(int argc, char **argv)
{
	struct mkdirs_opts mo = {0};
	const char *mode_arg = NULL;
	struct opts o;
	int c;
	opts_begin(&o, &mkdirs_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 'm':
			mode_arg = o.arg;
			break;
		case 'p':
			break;
		case 'v':
			mo.verbose = true;
			break;
		case OPT_EXIST_FAIL:
			mo.exist_fail = true;
			break;
		}
	}
	mode_t mask = umask(0);
	umask(mask);
	mo.umask = mask;
	mo.mode = mo.mkdir_mode = 0777;
	if (mode_arg)
		set_mode(&mo, mode_arg);
	if (mask & 0300)
		mo.parent_fix = (0777 & ~mask) | 0300;
	int status = 0;
	for (int i = o.ind; i < argc; i++) {
		char *buf = xstrdup(argv[i]);
		status |= make_path(&mo, buf);
		free(buf);
	}
	return status;
}
