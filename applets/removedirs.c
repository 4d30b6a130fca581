/* removedirs: remove a directory, then each parent named in the path while
 * it can be removed, as os.removedirs: the leaf must go; the walk up stops
 * quietly at the first parent that will not (not empty, no permission...).
 * The parents are the path's own prefixes, split as os.path.split splits. */
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/path.h"
#include "osbox/quote.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const struct opt options[] = {
    {'v', "verbose", no_argument, NULL, "print a line for every directory removed"},
    {0},
};

const struct optspec removedirs_spec = {
    .usage = "[-v] DIR...",
    .about = "Removes each DIR, then each parent in its path in turn while it is empty\n"
             "(os.removedirs). Failing to remove DIR itself is an error; the first parent\n"
             "that cannot be removed ends the walk quietly.",
    .opts = options,
    .min_operands = 1,
};

static void removed(bool verbose, const char *path)
{
	if (!verbose)
		return;
	out_printf("%s: removed directory '", applet_name());
	out_name(path, strlen(path));
	out_puts("'\n");
}

static int remove_path(bool verbose, const char *dir)
{
	if (path_rmdir(dir) < 0) {
		warn("%s", quote_gnu(0, QUOTE_SHELL, dir));
		return 1;
	}
	removed(verbose, dir);
	char *buf = xstrdup(dir);
	/* head, tail = split(name); if not tail: head, tail = split(head) */
	size_t len = strlen(buf), tail;
	size_t head = path_split(buf, len, &tail);
	if (tail == len) {
		len = head;
		head = path_split(buf, len, &tail);
	}
	/* while head and tail: rmdir(head), stopping at the first failure */
	while (head > 0 && tail < len) {
		buf[head] = 0;
		if (path_rmdir(buf) < 0)
			break;
		removed(verbose, buf);
		len = head;
		head = path_split(buf, len, &tail);
	}
	free(buf);
	return 0;
}

int removedirs_main(int argc, char **argv)
{
	bool verbose = false;
	struct opts o;
	int c;
	opts_begin(&o, &removedirs_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		if (c == 'v')
			verbose = true;
	}
	int status = 0;
	for (int i = o.ind; i < argc; i++)
		status |= remove_path(verbose, argv[i]);
	return status;
}
