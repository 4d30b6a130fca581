/* Option parsing from each applet's one table (see opts.h). */
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/registry.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef OSBOX_VERSION
#define OSBOX_VERSION "0"
#endif

#define ID_HELP 0x10000
#define ID_VERSION 0x10001

const char *applet_name(void)
{
	return program_invocation_short_name;
}

void opts_begin(struct opts *o, const struct optspec *spec, int argc, char **argv)
{
	memset(o, 0, sizeof *o);
	o->spec = spec;
	o->argc = argc;
	o->argv = argv;
	size_t n = 0, k = 0;
	for (const struct opt *p = spec->opts; p && p->id; p++)
		n++;
	xalloc_set_status(spec->fail_status ? spec->fail_status : 1);
	o->longs = xcalloc(n + 3, sizeof *o->longs);
	char *s = o->shortstr;
	if (spec->flags & OPTS_STOP_AT_OPERAND)
		*s++ = '+';
	for (const struct opt *p = spec->opts; p && p->id; p++) {
		if (p->id < OPT_LONG && s < o->shortstr + sizeof o->shortstr - 3) {
			*s++ = (char)p->id;
			if (p->has_arg == required_argument)
				*s++ = ':';
			else if (p->has_arg == optional_argument) {
				*s++ = ':';
				*s++ = ':';
			}
		}
		if (p->name)
			o->longs[k++] = (struct option){p->name, p->has_arg, NULL, p->id};
	}
	*s = 0;
	o->longs[k++] = (struct option){"help", no_argument, NULL, ID_HELP};
	o->longs[k++] = (struct option){"version", no_argument, NULL, ID_VERSION};
	/* Applets with their own usage status (GNU env's 125, chmod's 1) use
	 * it for write errors too, --help's included, as GNU's tools do. */
	if (spec->usage_status)
		out_set_error_status(spec->usage_status);
	optind = 0; /* glibc: full reinitialisation */
	opterr = 1;
}

static int usage_status(const struct optspec *spec)
{
	return spec->usage_status ? spec->usage_status : 2;
}

static _Noreturn void hint_and_exit(const struct opts *o)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", applet_name());
	free(o->longs);
	exit(usage_status(o->spec));
}

void usage_error(const struct opts *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	hint_and_exit(o);
}

void opts_print_help(const char *name, const struct optspec *spec)
{
	const struct applet *a = applet_find(name);
	out_printf("Usage: %s %s\n", name, spec->usage ? spec->usage : "");
	if (a && a->summary)
		out_printf("%s.\n", a->summary);
	if (spec->about)
		out_printf("\n%s\n", spec->about);
	out_puts("\nOptions:\n");
	for (const struct opt *p = spec->opts; p && p->id; p++) {
		char left[96];
		int n = 0;
		if (p->id < OPT_LONG)
			n = snprintf(left, sizeof left, "  -%c%s", p->id, p->name ? ", " : "");
		else
			n = snprintf(left, sizeof left, "      ");
		if (p->name)
			n += snprintf(left + n, sizeof left - (size_t)n, "--%s", p->name);
		if (p->arg) {
			if (!p->name)
				snprintf(left + n, sizeof left - (size_t)n, " %s", p->arg);
			else if (p->has_arg == optional_argument)
				snprintf(left + n, sizeof left - (size_t)n, "[=%s]", p->arg);
			else
				snprintf(left + n, sizeof left - (size_t)n, "=%s", p->arg);
		}
		if (strlen(left) < 26)
			out_printf("%-26s%s\n", left, p->help ? p->help : "");
		else
			out_printf("%s\n%26s%s\n", left, "", p->help ? p->help : "");
	}
	out_printf("%-26s%s\n", "      --help", "show this help and exit");
	out_printf("%-26s%s\n", "      --version", "show the version and exit");
	out_printf("\nSee %s(1).\n", name);
}

int opts_next(struct opts *o)
{
	int c = getopt_long(o->argc, o->argv, o->shortstr, o->longs, NULL);
	o->arg = optarg;
	switch (c) {
	case -1:
		o->ind = optind;
		free(o->longs);
		o->longs = NULL;
		return -1;
	case '?':
	case ':':
		if (o->spec->on_bad_option)
			o->spec->on_bad_option(o);
		hint_and_exit(o);
	case ID_HELP:
		opts_print_help(applet_name(), o->spec);
		out_close();
		exit(0);
	case ID_VERSION:
		out_printf("%s (osbox) %s\n", applet_name(), OSBOX_VERSION);
		out_close();
		exit(0);
	}
	return c;
}
