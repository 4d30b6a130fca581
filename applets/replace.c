/* replace: rename SOURCE to DEST in one step, as os.replace / os.rename,
 * through renameat2(2): the plain call replaces DEST atomically (a reader
 * sees the old DEST or the new one, never none); RENAME_NOREPLACE fails if
 * DEST exists, with no window between the check and the rename;
 * RENAME_EXCHANGE swaps the two names atomically. It never copies: a rename
 * across file systems fails with EXDEV and both names are left as they were. */
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const struct opt options[] = {
    {'n', "no-clobber", no_argument, NULL, "fail if DEST exists (RENAME_NOREPLACE)"},
    {'x', "exchange", no_argument, NULL, "swap SOURCE and DEST (RENAME_EXCHANGE); both must exist"},
    {'v', "verbose", no_argument, NULL, "say what was done"},
    {0},
};

const struct optspec replace_spec = {
    .usage = "[-n|-x] [-v] SOURCE DEST",
    .about = "Renames SOURCE to DEST atomically, replacing DEST if it exists (os.replace).\n"
             "A file replaces a file, a directory an empty directory. Both names must be\n"
             "on one file system: replace never copies.",
    .opts = options,
};

int replace_main(int argc, char **argv)
{
	unsigned flags = 0;
	bool verbose = false;
	struct opts o;
	int c;
	opts_begin(&o, &replace_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 'n':
			flags |= RENAME_NOREPLACE;
			break;
		case 'x':
			flags |= RENAME_EXCHANGE;
			break;
		case 'v':
			verbose = true;
			break;
		}
	}
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		usage_error(&o, "options -n and -x are mutually exclusive");
	int nops = argc - o.ind;
	if (nops == 0)
		usage_error(&o, "missing file operand");
	if (nops == 1)
		usage_error(&o, "missing destination file operand after %s",
		            quote_gnu(0, QUOTE_SHELL_ALWAYS, argv[o.ind]));
	if (nops > 2)
		usage_error(&o, "extra operand %s",
		            quote_gnu(0, QUOTE_SHELL_ALWAYS, argv[o.ind + 2]));
	const char *src = argv[o.ind], *dst = argv[o.ind + 1];

	if (renameat2(AT_FDCWD, src, AT_FDCWD, dst, flags) < 0) {
		int e = errno;
		const char *why = e == EXDEV ? " (replace never copies)" : "";
		warnx("cannot %s %s %s %s: %s%s", flags & RENAME_EXCHANGE ? "exchange" : "move",
		      quote_gnu(0, QUOTE_SHELL_ALWAYS, src), flags & RENAME_EXCHANGE ? "and" : "to",
		      quote_gnu(1, QUOTE_SHELL_ALWAYS, dst), strerror(e), why);
		return 1;
	}
	if (verbose) {
		out_puts(flags & RENAME_EXCHANGE ? "exchanged '" : "renamed '");
		out_name(src, strlen(src));
		out_puts(flags & RENAME_EXCHANGE ? "' <-> '" : "' -> '");
		out_name(dst, strlen(dst));
		out_puts("'\n");
	}
	return 0;
}
