/* readlink: print a symbolic link's target, as os.readlink, or a file's
 * canonical name (-f/-e/-m, as os.path.realpath); a drop-in replacement
 * for GNU readlink: same options, output, messages and exit statuses. */
#include "osbox/exitstatus.h"
#include "osbox/buf.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/path.h"
#include "osbox/quote.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct opt options[] = {
    {'f', "canonicalize", no_argument, NULL,
     "canonical name: every component but the last must exist"},
    {'e', "canonicalize-existing", no_argument, NULL, "canonical name: every component must exist"},
    {'m', "canonicalize-missing", no_argument, NULL, "canonical name: no component need exist"},
    {'n', "no-newline", no_argument, NULL, "no newline after the name (one FILE only)"},
    {'q', "quiet", no_argument, NULL, "no error messages (the default)"},
    {'s', "silent", no_argument, NULL, "the same as -q"},
    {'v', "verbose", no_argument, NULL, "report errors"},
    {'z', "zero", no_argument, NULL, "end each name with NUL, not newline"},
    {0},
};

const struct optspec readlink_spec = {
    .usage = "[-f|-e|-m] [-n] [-q|-s] [-v] [-z] FILE...",
    .about = "Prints the target of each symbolic link FILE (os.readlink). With -f, -e or\n"
             "-m, prints FILE's canonical name instead: absolute, every symlink resolved,\n"
             "no '.', '..' or repeated '/' (os.path.realpath). Errors are silent unless -v;\n"
             "the exit status is 1 if any FILE failed.",
    .opts = options,
    .min_operands = 1,
    .usage_status = EXIT_FAIL, /* GNU readlink's */
};

struct readlink_opts {
	int canon; /* -1: plain readlink; else an enum path_canon */
	bool verbose;
};

/* readlink(2) into a malloc'd string of any length; past PATH_MAX through
 * the link's directory. */
static char *read_target(const char *path)
{
	int dirfd = AT_FDCWD;
	const char *name = path;
	if (strlen(path) >= PATH_MAX) {
		size_t dl = path_dirlen(path);
		dirfd = path_open_dir(path, dl);
		if (dirfd < 0 && dl > 0)
			return NULL;
		name = path + dl;
	}
	struct buf b = {0};
	int r = buf_readlinkat(&b, dirfd, name);
	int e = errno;
	if (dirfd != AT_FDCWD)
		close(dirfd);
	if (r < 0) {
		buf_free(&b);
		errno = e;
		return NULL;
	}
	return buf_take(&b);
}

static int one(const struct readlink_opts *ro, const char *file)
{
	char *s =
	    ro->canon < 0 ? read_target(file) : path_canonical(file, (enum path_canon)ro->canon);
	if (!s) {
		if (ro->verbose)
			warn("%s", quote_gnu(0, QUOTE_SHELL, file));
		return 1;
	}
	out_write(s, strlen(s));
	free(s);
	return 0;
}

int readlink_main(int argc, char **argv)
{
	struct readlink_opts ro = {.canon = -1};
	bool no_newline = false, zero = false;
	struct opts o;
	int c;
	opts_begin(&o, &readlink_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 'f':
			ro.canon = CANON_ALL_BUT_LAST;
			break;
		case 'e':
			ro.canon = CANON_EXISTING;
			break;
		case 'm':
			ro.canon = CANON_MISSING;
			break;
		case 'n':
			no_newline = true;
			break;
		case 'q':
		case 's':
			ro.verbose = false;
			break;
		case 'v':
			ro.verbose = true;
			break;
		case 'z':
			zero = true;
			break;
		}
	}
	if (no_newline && argc - o.ind > 1) {
		/* GNU says so even with -q. */
		warnx("ignoring --no-newline with multiple arguments");
		no_newline = false;
	}
	bool newline = !no_newline;
	int status = 0;
	for (int i = o.ind; i < argc; i++) {
		int r = one(&ro, argv[i]);
		if (r == 0 && newline)
			out_putc(zero ? '\0' : '\n');
		status |= r;
	}
	return status;
}
