/* The one list of applets (applets/applets.def), and lookups in it. */
#ifndef OSBOX_REGISTRY_H
#define OSBOX_REGISTRY_H

#include <stddef.h>

struct optspec;

struct applet {
	const char *name;
	int (*main)(int argc, char **argv);
	const struct optspec *spec;
	const char *summary;
};

extern const struct applet applets[];
extern const size_t applet_count;

/* The applet called name, or NULL. */
const struct applet *applet_find(const char *name);

/* Runs applet a with argv[0] as the name it was invoked by: sets the
 * diagnostic prefix, runs it, flushes stdout; returns the exit status. */
int applet_run(const struct applet *a, int argc, char **argv);

#endif
