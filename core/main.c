/* osbox: dispatch on the name invoked (a link named APPLET) or on the first
 * argument (osbox APPLET ...), and the multiplexer's own options. */
#include "osbox/buf.h"
#include "osbox/exitstatus.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"
#include "osbox/proc.h"
#include "osbox/registry.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef OSBOX_VERSION
#define OSBOX_VERSION "0"
#endif

static void print_usage(void)
{
	out_printf("osbox %s: the operating-system interfaces of Python's os module as commands.\n"
	           "\n"
	           "Usage: osbox APPLET [ARGS]...   or   APPLET [ARGS]...  (through a link)\n"
	           "       osbox --list | --install [-f] DIR | --help | --version\n"
	           "\n"
	           "Applets:\n",
	           OSBOX_VERSION);
	for (size_t i = 0; i < applet_count; i++)
		out_printf("  %-12s %s\n", applets[i].name, applets[i].summary);
	out_puts("\nRun 'osbox APPLET --help' for an applet's options; see osbox(1).\n");
}

/* "DIR/NAME: error", the name quoted as GNU's quotef does. */
static void link_failed(const char *dir, const char *name)
{
	int e = errno;
	char *path = xasprintf("%s/%s", dir, name);
	if (e == EEXIST)
		warnx("%s: %s (use -f to replace it)", quote_gnu(0, QUOTE_SHELL, path),
		      strerror(e));
	else {
		errno = e;
		warn("%s", quote_gnu(0, QUOTE_SHELL, path));
	}
	free(path);
}

/* Creates DIR/NAME -> self for every applet. An existing file is left alone
 * (and reported) unless force; a link that already points at self is fine.
 * With force the new link is made under a temporary name and renamed over
 * the old file, so NAME never disappears. */
static int install_links(const char *dir, bool force)
{
	struct buf selfb = {0}, cur = {0};
	if (buf_readlinkat(&selfb, AT_FDCWD, "/proc/self/exe") < 0)
		err(1, "/proc/self/exe");
	const char *self = selfb.p;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		err(1, "%s", quote_gnu(0, QUOTE_SHELL, dir));
	int status = 0;
	for (size_t i = 0; i < applet_count; i++) {
		const char *name = applets[i].name;
		if (symlinkat(self, dfd, name) == 0)
			continue;
		if (errno != EEXIST) {
			link_failed(dir, name);
			status = 1;
			continue;
		}
		if (buf_readlinkat(&cur, dfd, name) == 0 && strcmp(cur.p, self) == 0)
			continue;
		if (!force) {
			errno = EEXIST;
			link_failed(dir, name);
			status = 1;
			continue;
		}
		char tmp[NAME_MAX + 1];
		snprintf(tmp, sizeof tmp, ".%s.osbox-%ld", name, (long)getpid());
		unlinkat(dfd, tmp, 0);
		if (symlinkat(self, dfd, tmp) < 0 || renameat(dfd, tmp, dfd, name) < 0) {
			link_failed(dir, name);
			unlinkat(dfd, tmp, 0);
			status = 1;
		}
	}
	close(dfd);
	buf_free(&cur);
	buf_free(&selfb);
	return status;
}

/* osbox's own options. The first argument alone decides (osbox --list
 * ignores the rest, and osbox APPLET ARGS never reads ARGS as osbox's), so
 * they are looked up with opts_find, not parsed with getopt. */
enum { OPT_VERSION = OPT_LONG, OPT_OPTIONS, OPT_INSTALL };

static const struct opt options[] = {
    {'l', "list", no_argument, NULL, "print the applets' names, one a line"},
    {OPT_INSTALL, "install", no_argument, NULL, "make a link to osbox in DIR for every applet"},
    {'f', NULL, no_argument, NULL, "with --install: replace the files already there"},
    {OPT_OPTIONS, "options", no_argument, NULL,
     "print APPLET's option table: SHORT, LONG, ARG and HELP, tab-separated"},
    {'h', "help", no_argument, NULL, "show this help and exit"},
    {OPT_VERSION, "version", no_argument, NULL, "show the version and exit"},
    {0},
};

static const struct optspec osbox_spec = {
    .usage = "--list | --install [-f] DIR | --options APPLET | --help | --version",
    .opts = options,
};

/* For completion generators and the man-page check: each option of an
 * applet's table as SHORT<TAB>LONG<TAB>ARG<TAB>HELP. */
static void print_options(const struct optspec *spec)
{
	for (const struct opt *p = spec->opts; p && p->id; p++) {
		char shortopt[3] = {'-', p->id < OPT_LONG ? (char)p->id : 0, 0};
		out_printf("%s\t%s%s\t%s\t%s\n", shortopt, p->name ? "--" : "-",
		           p->name ? p->name : "", p->has_arg ? (p->arg ? p->arg : "ARG") : "-",
		           p->help ? p->help : "");
	}
}

/* --install's arguments: -f (anywhere) and exactly one DIR. */
static int install(int argc, char **argv)
{
	bool force = false;
	const char *dir = NULL;
	int ndirs = 0;
	for (int i = 0; i < argc; i++) {
		const struct opt *p = opts_find(&osbox_spec, argv[i]);
		if (p && p->id == 'f') {
			force = true;
		} else {
			dir = argv[i];
			ndirs++;
		}
	}
	if (ndirs != 1) {
		warnx("usage: osbox --install [-f] DIR");
		return 2;
	}
	return install_links(dir, force);
}

static int multiplexer(int argc, char **argv)
{
	program_invocation_short_name = (char *)"osbox";
	/* osbox is not an applet of its own, but "osbox osbox ARGS" is
	 * "osbox ARGS", as a link named osbox run as an applet would be (and
	 * as BusyBox takes "busybox busybox"). */
	while (argc >= 2 && strcmp(argv[1], "osbox") == 0) {
		argc--;
		argv++;
	}
	if (argc < 2) {
		print_usage();
		return 0;
	}
	const char *a1 = argv[1];
	const struct opt *p = opts_find(&osbox_spec, a1);
	switch (p ? p->id : 0) {
	case 'l':
		for (size_t i = 0; i < applet_count; i++)
			out_printf("%s\n", applets[i].name);
		return 0;
	case 'h':
		print_usage();
		return 0;
	case OPT_VERSION:
		out_printf("osbox %s\n", OSBOX_VERSION);
		return 0;
	case OPT_OPTIONS: {
		/* osbox --options osbox: this table, for the completion files. */
		if (argc == 3 && strcmp(argv[2], "osbox") == 0) {
			print_options(&osbox_spec);
			return 0;
		}
		const struct applet *ap = argc == 3 ? applet_find(argv[2]) : NULL;
		if (!ap) {
			warnx("usage: osbox --options APPLET");
			return 2;
		}
		print_options(ap->spec);
		return 0;
	}
	case OPT_INSTALL:
		return install(argc - 2, argv + 2);
	}
	if (a1[0] == '-') {
		warnx("unknown option %s", quote_gnu(0, QUOTE_SHELL_ALWAYS, a1));
		fprintf(stderr, "Try 'osbox --help' for more information.\n");
		return 2;
	}
	const struct applet *ap = applet_find(a1);
	if (!ap) {
		warnx("%s: applet not found", quote_gnu(0, QUOTE_SHELL, a1));
		return EXIT_ENOENT;
	}
	return applet_run(ap, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	/* A closed pipe must end us quietly: the default SIGPIPE action does
	 * that, but a parent may have left it ignored across exec. */
	proc_sigpipe_ignored = signal(SIGPIPE, SIG_DFL) == SIG_IGN;
	out_hook_stderr();
	atexit(out_close);
	if (argc < 1 || !argv[0])
		return multiplexer(0, argv);
	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	const struct applet *a = applet_find(base);
	int status = a ? applet_run(a, argc, argv) : multiplexer(argc, argv);
	out_close();
	return status;
}
