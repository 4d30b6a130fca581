/* The applet table, built from applets/applets.def. */
#include "osbox/registry.h"
#include "osbox/opts.h"
#include "osbox/out.h"

#include <errno.h>
#include <string.h>

#define APPLET(name, ident, summary)                                                               \
	int ident##_main(int argc, char **argv);                                                   \
	extern const struct optspec ident##_spec;
#include "applets.def"
#undef APPLET

const struct applet applets[] = {
#define APPLET(name, ident, summary) {name, ident##_main, &ident##_spec, summary},
#include "applets.def"
#undef APPLET
};

const size_t applet_count = sizeof applets / sizeof applets[0];

const struct applet *applet_find(const char *name)
{
	for (size_t i = 0; i < applet_count; i++)
		if (strcmp(applets[i].name, name) == 0)
			return &applets[i];
	return NULL;
}

int applet_run(const struct applet *a, int argc, char **argv)
{
	/* err(3) and getopt(3) prefix messages with these: the applet's name
	 * as invoked, never "osbox". */
	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	argv[0] = (char *)base;
	program_invocation_short_name = (char *)base;
	program_invocation_name = (char *)base;
	opts_set_summary(a->summary);
	int status = a->main(argc, argv);
	out_close();
	return status;
}
