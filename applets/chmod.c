/* chmod: change file mode bits, as os.chmod; a drop-in for GNU chmod
 * (options, messages, exit statuses, and modes that look like options,
 * such as "chmod -w FILE"). The mode grammar is core/mode.c. */
#include "osbox/exitstatus.h"
#include "osbox/mode.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"
#include "osbox/xalloc.h"
#include "osbox/walk.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

enum {
	OPT_REFERENCE = OPT_LONG,
	OPT_QUIET,
	OPT_PRESERVE_ROOT,
	OPT_NO_PRESERVE_ROOT,
};

static const struct opt options[] = {
    /* In GNU chmod's order, so that getopt lists ambiguous prefixes alike. */
    {'c', "changes", no_argument, NULL, "like verbose but report only when a change is made"},
    {'R', "recursive", no_argument, NULL, "change files and directories recursively"},
    {OPT_NO_PRESERVE_ROOT, "no-preserve-root", no_argument, NULL,
     "do not treat '/' specially (the default)"},
    {OPT_PRESERVE_ROOT, "preserve-root", no_argument, NULL, "fail to operate recursively on '/'"},
    {OPT_QUIET, "quiet", no_argument, NULL, "same as -f"},
    {OPT_REFERENCE, "reference", required_argument, "RFILE", "use RFILE's mode instead of a MODE"},
    {'f', "silent", no_argument, NULL, "suppress most error messages"},
    {'v', "verbose", no_argument, NULL, "output a diagnostic for every file processed"},
    {0},
};

const struct optspec chmod_spec = {
    .usage = "[-R] [-c|-v] [-f] [--reference=RFILE] MODE[,MODE]... FILE...",
    .about = "Changes the mode of each FILE to MODE: an octal number, or symbolic\n"
             "clauses [ugoa]*([-+=]([rwxXst]*|[ugo]))+ separated by commas. Modes\n"
             "that look like options work too (chmod -w FILE). With -R, symbolic\n"
             "links met in the tree are neither followed nor changed.",
    .opts = options,
    .usage_status = EXIT_FAIL,
};

enum verbosity { V_OFF, V_CHANGES, V_ALL };

/* What happened to one file, in GNU chmod's order: statuses from
 * CH_NOT_APPLIED up count as success. */
enum ch_status { CH_NO_STAT, CH_FAILED, CH_NOT_APPLIED, CH_NO_CHANGE, CH_SUCCEEDED };

struct chmod_opts {
	enum verbosity verbosity;
	bool recurse, force, preserve_root;
	bool diagnose; /* the mode came as an option (-w): say when the umask kept a bit */
	struct mode_spec spec;
	mode_t umask;
	struct stat root; /* "/" when --preserve-root is in force */
};

/* Mode characters: an option-like argument holding one is a mode, as in
 * GNU chmod, which passes the whole argument ("-rwx") to the parser. */
static bool is_mode_char(char c)
{
	return c && strchr("rwxXstugoa,+=01234567", c);
}

static bool is_flag_char(char c)
{
	return c && strchr("Rcfv", c);
}

/* Takes the arguments that are modes out of argv, the way GNU chmod's
 * getopt string (with r:: w:: x:: ... as options) sees them, and joins
 * them with commas into *mode. Returns the new argc. Everything getopt
 * would see as an option or operand stays in place, in order. */
static int take_option_modes(int argc, char **argv, char **mode)
{
	bool posix = getenv("POSIXLY_CORRECT") != NULL;
	size_t len = 0;
	int out = 1, i = 1;
	*mode = NULL;
	while (i < argc) {
		char *a = argv[i];
		if (strcmp(a, "--") == 0 || (posix && (a[0] != '-' || a[1] == 0)))
			break;
		if (a[0] != '-' || a[1] == 0) {
			argv[out++] = argv[i++];
			continue;
		}
		if (a[1] == '-') {
			/* --reference (or a prefix down to --ref) takes the
			 * next argument when it has no "=". */
			size_t n = strlen(a + 2);
			argv[out++] = argv[i++];
			if (!strchr(a, '=') && n >= 3 && strncmp(a + 2, "reference", n) == 0 &&
			    i < argc)
				argv[out++] = argv[i++];
			continue;
		}
		size_t j = 1;
		while (is_flag_char(a[j]))
			j++;
		if (!is_mode_char(a[j])) {
			argv[out++] = argv[i++];
			continue;
		}
		size_t alen = strlen(a);
		char *m = xrealloc(*mode, len + alen + 2);
		if (len)
			m[len++] = ',';
		memcpy(m + len, a, alen + 1);
		len += alen;
		*mode = m;
		i++;
	}
	while (i < argc)
		argv[out++] = argv[i++];
	argv[out] = NULL;
	return out;
}

/* fchmodat2 is 452 on every architecture; C libraries older than the
 * kernel's 6.6 do not name it. */
#if defined(__linux__) && !defined(SYS_fchmodat2)
#define SYS_fchmodat2 452
#endif

/* fchmodat(AT_SYMLINK_NOFOLLOW): Linux 6.6's fchmodat2 does it in one
 * call and fails with EOPNOTSUPP on a symlink; older kernels get the C
 * library's emulation, which does the same in four calls through
 * /proc/self/fd. A seccomp filter may refuse the new call with EPERM
 * rather than ENOSYS: a refusal the emulation does not repeat means
 * fchmodat2 is not to be used. */
static int chmod_nofollow(int dfd, const char *name, mode_t mode)
{
#ifdef SYS_fchmodat2
	static bool no_fchmodat2; /* a property of the system, not of a run */
	if (!no_fchmodat2) {
		long r = syscall(SYS_fchmodat2, dfd, name, mode, AT_SYMLINK_NOFOLLOW);
		if (r == 0 || (errno != ENOSYS && errno != EPERM))
			return (int)r;
		int e = errno;
		r = fchmodat(dfd, name, mode, AT_SYMLINK_NOFOLLOW);
		if (e == ENOSYS || r == 0)
			no_fchmodat2 = true;
		return (int)r;
	}
#endif
	return fchmodat(dfd, name, mode, AT_SYMLINK_NOFOLLOW);
}

/* Is (dfd, name) a symlink now? errno is kept. */
static bool is_symlink(int dfd, const char *name)
{
	int e = errno;
	struct stat st;
	bool r = fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
	errno = e;
	return r;
}

static void describe(const char *path, enum ch_status st, mode_t old, mode_t new)
{
	char o[10], n[10];
	mode_string(old, o);
	mode_string(new, n);
	old &= MODE_BITS;
	new &= MODE_BITS;
	switch (st) {
	case CH_NOT_APPLIED:
		out_printf("neither symbolic link %s nor referent has been changed\n",
		           quote_gnu(0, QUOTE_SHELL_ALWAYS, path));
		break;
	case CH_NO_STAT:
		out_printf("%s could not be accessed\n", quote_gnu(0, QUOTE_SHELL_ALWAYS, path));
		break;
	case CH_SUCCEEDED:
		out_printf("mode of %s changed from %04o (%s) to %04o (%s)\n",
		           quote_gnu(0, QUOTE_SHELL_ALWAYS, path), (unsigned)old, o, (unsigned)new,
		           n);
		break;
	case CH_FAILED:
		out_printf("failed to change mode of %s from %04o (%s) to %04o (%s)\n",
		           quote_gnu(0, QUOTE_SHELL_ALWAYS, path), (unsigned)old, o, (unsigned)new,
		           n);
		break;
	case CH_NO_CHANGE:
		out_printf("mode of %s retained as %04o (%s)\n",
		           quote_gnu(0, QUOTE_SHELL_ALWAYS, path), (unsigned)new, n);
		break;
	}
}

/* Reports a file that could not be looked at. */
static void cannot_access(const struct chmod_opts *co, const char *path, int e)
{
	if (!co->force) {
		errno = e;
		warn("cannot access %s", quote_gnu(0, QUOTE_SHELL_ALWAYS, path));
	}
	if (co->verbosity == V_ALL)
		describe(path, CH_NO_STAT, 0, 0);
}

/* Changes the file name in dfd (path for messages), whose status is st.
 * follow: a command-line operand, whose symlinks are followed; else an
 * entry met in a tree, which is changed only if it is not a symlink, and
 * never through one. Returns false if something failed. */
static bool change(const struct chmod_opts *co, int dfd, const char *name, const char *path,
                   const struct stat *st, bool follow)
{
	enum ch_status status;
	mode_t old = st->st_mode, new = 0;
	if (S_ISLNK(old)) {
		status = CH_NOT_APPLIED;
	} else {
		new = mode_apply(&co->spec, old, S_ISDIR(old), co->umask, NULL);
		int r = follow ? fchmodat(dfd, name, new, 0) : chmod_nofollow(dfd, name, new);
		if (r == 0) {
			status = CH_SUCCEEDED;
		} else if (!follow && errno == EOPNOTSUPP && is_symlink(dfd, name)) {
			/* It became a symlink since we looked: leave it. (Any
			 * other EOPNOTSUPP, e.g. the C library's emulation
			 * without /proc, is an error and said so.) */
			status = CH_NOT_APPLIED;
		} else {
			if (!co->force)
				warn("changing permissions of %s",
				     quote_gnu(0, QUOTE_SHELL_ALWAYS, path));
			status = CH_FAILED;
		}
	}
	if (co->verbosity != V_OFF) {
		bool changed = false;
		if (status == CH_SUCCEEDED) {
			mode_t now = new;
			struct stat nst;
			/* The kernel may drop setgid (a group we are not in):
			 * look again when the new mode has special bits. */
			if (new &(S_ISUID | S_ISGID | S_ISVTX)) {
				if (fstatat(dfd, name, &nst, follow ? 0 : AT_SYMLINK_NOFOLLOW) ==
				    0) {
					now = nst.st_mode;
				} else {
					if (!co->force)
						warn("getting new attributes of %s",
						     quote_gnu(0, QUOTE_SHELL_ALWAYS, path));
					now = old;
				}
			}
			changed = ((old ^ now) & MODE_BITS) != 0;
			if (!changed)
				status = CH_NO_CHANGE;
		}
		if (changed || co->verbosity == V_ALL)
			describe(path, status, old, new);
	}
	if (co->diagnose && status >= CH_NO_CHANGE) {
		/* chmod -w FILE with umask 022 leaves group and others their
		 * w: say so, as GNU chmod does, since the user likely meant
		 * a-w. */
		mode_t naive = mode_apply(&co->spec, old, S_ISDIR(old), 0, NULL);
		if (new & ~naive) {
			char got[10], want[10];
			mode_string(new, got);
			mode_string(naive, want);
			warnx("%s: new permissions are %s, not %s", quote_gnu(0, QUOTE_SHELL, path),
			      got, want);
			status = CH_FAILED;
		}
	}
	return status >= CH_NOT_APPLIED;
}

/* Is st the root directory (--preserve-root)? Then say so, as GNU does. */
static bool is_root(const struct chmod_opts *co, const char *path, const struct stat *st)
{
	if (!co->recurse || !co->preserve_root || st->st_dev != co->root.st_dev ||
	    st->st_ino != co->root.st_ino)
		return false;
	if (strcmp(path, "/") == 0)
		warnx("it is dangerous to operate recursively on %s",
		      quote_gnu(0, QUOTE_SHELL_ALWAYS, path));
	else
		warnx("it is dangerous to operate recursively on %s (same as %s)",
		      quote_gnu(0, QUOTE_SHELL_ALWAYS, path),
		      quote_gnu(1, QUOTE_SHELL_ALWAYS, "/"));
	warnx("use --no-preserve-root to override this failsafe");
	return true;
}

/* One command-line operand, and with -R the tree under it, through the
 * directory engine: the operand's symlinks are followed (as GNU chmod),
 * those in the tree are not. A directory is changed at its WALK_DIR
 * event, before the engine opens it, so u+r lets it be read; the engine
 * opens it with O_NOFOLLOW from its parent's descriptor, so a directory
 * swapped for a symlink meanwhile is not entered. */
static bool chmod_operand(const struct chmod_opts *co, const char *path)
{
	/* One job: reading directories ahead would read them before their
	 * new mode is set. */
	struct walk_opts wo = {.flags = WALK_FOLLOW_ROOT | WALK_STAT, .jobs = 1};
	struct walk *w = walk_open(path, &wo);
	const struct walk_ent *e;
	bool ok = true;
	while ((e = walk_next(w))) {
		switch (e->kind) {
		case WALK_ERROR:
			cannot_access(co, e->path, e->err);
			ok = false;
			break;
		case WALK_UNREADABLE:
			if (!co->force) {
				errno = e->err;
				warn("cannot read directory %s",
				     quote_gnu(0, QUOTE_SHELL_ALWAYS, e->path));
			}
			if (co->verbosity == V_ALL)
				describe(e->path, CH_NO_STAT, 0, 0);
			ok = false;
			break;
		case WALK_DIR:
		case WALK_FILE:
			if (e->depth == 0 && S_ISLNK(e->st->st_mode)) {
				/* stat failed but lstat did not */
				if (!co->force)
					warnx("cannot operate on dangling symlink %s",
					      quote_gnu(0, QUOTE_SHELL_ALWAYS, path));
				if (co->verbosity == V_ALL)
					describe(path, CH_NO_STAT, 0, 0);
				ok = false;
			} else if (is_root(co, e->path, e->st)) {
				walk_skip(w);
				ok = false;
			} else if (!change(co, e->dirfd, e->atname, e->path, e->st,
			                   e->depth == 0)) {
				ok = false;
			}
			break;
		default:
			break;
		}
		if (!co->recurse)
			break;
	}
	walk_close(w);
	return ok;
}

int chmod_main(int argc, char **argv)
{
	struct chmod_opts co = {.verbosity = V_OFF};
	const char *reference = NULL;
	char *mode;
	out_set_error_status(EXIT_FAIL);
	argc = take_option_modes(argc, argv, &mode);
	co.diagnose = mode != NULL;

	struct opts o;
	int c;
	opts_begin(&o, &chmod_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 'c':
			co.verbosity = V_CHANGES;
			break;
		case 'v':
			co.verbosity = V_ALL;
			break;
		case 'f':
		case OPT_QUIET:
			co.force = true;
			break;
		case 'R':
			co.recurse = true;
			break;
		case OPT_REFERENCE:
			reference = o.arg;
			break;
		case OPT_PRESERVE_ROOT:
			co.preserve_root = true;
			break;
		case OPT_NO_PRESERVE_ROOT:
			co.preserve_root = false;
			break;
		}
	}
	int i = o.ind;
	const char *mode_arg = mode;
	/* The mode is an operand unless -w and the like or --reference gave it. */
	if (reference && mode)
		usage_error(&o, "cannot combine mode and --reference options");
	opts_operands(&o, reference || mode ? 1 : 2, 0);
	if (!reference && !mode)
		mode_arg = argv[i++];

	if (reference) {
		struct stat st;
		if (stat(reference, &st) != 0)
			err(EXIT_FAIL, "failed to get attributes of %s",
			    quote_gnu(0, QUOTE_SHELL_ALWAYS, reference));
		mode_from_bits(st.st_mode, &co.spec);
	} else {
		if (!mode_compile(mode_arg, &co.spec))
			usage_error(&o, "invalid mode: %s", quote_gnu(0, QUOTE_LOCALE, mode_arg));
		co.umask = umask(0);
		umask(co.umask);
	}
	free(mode);

	if (co.recurse && co.preserve_root && stat("/", &co.root) != 0)
		err(EXIT_FAIL, "failed to get attributes of %s",
		    quote_gnu(0, QUOTE_SHELL_ALWAYS, "/"));

	int status = 0;
	for (; i < argc; i++)
		if (!chmod_operand(&co, argv[i]))
			status = 1;
	mode_free(&co.spec);
	return status;
}
