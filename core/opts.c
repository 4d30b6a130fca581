/* Option parsing from each applet's one table (see opts.h). */
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"
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

static const char *help_summary;

void opts_set_summary(const char *summary)
{
	help_summary = summary;
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
	if (n > OPTS_MAX)
		errx(2, "more than %d options in the table", OPTS_MAX);
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

const char *opts_label(const struct optspec *spec, int slot, int id)
{
	static char label[2][80];
	char *s = label[slot & 1];
	const struct opt *p = spec->opts;
	while (p && p->id && p->id != id)
		p++;
	if (!p || !p->id)
		snprintf(s, sizeof label[0], "-?");
	else if (p->name && p->id < OPT_LONG)
		snprintf(s, sizeof label[0], "--%s (-%c)", p->name, p->id);
	else if (p->name)
		snprintf(s, sizeof label[0], "--%s", p->name);
	else
		snprintf(s, sizeof label[0], "-%c", p->id);
	return s;
}

bool opts_given(const struct opts *o, int id)
{
	const struct opt *opts = o->spec->opts;
	for (int i = 0; opts && opts[i].id; i++)
		if (opts[i].id == id)
			return o->given >> i & 1;
	return false;
}

static void record_given(struct opts *o, int id)
{
	const struct opt *opts = o->spec->opts;
	for (int i = 0; opts && opts[i].id; i++) {
		if (opts[i].id == id) {
			o->given |= 1ull << i;
			return;
		}
	}
}

/* The first pair of the spec's exclusions whose options were both given
 * is an error; the wording is GNU env's ("cannot specify --null (-0)
 * with command"). */
static void check_excludes(const struct opts *o)
{
	for (const struct optpair *x = o->spec->excludes; x && x->a; x++)
		if (opts_given(o, x->a) && opts_given(o, x->b))
			usage_error(o, "cannot specify %s with %s", opts_label(o->spec, 0, x->a),
			            opts_label(o->spec, 1, x->b));
}

/* GNU's wordings, and its quote() for the operand named (coreutils'
 * basename, comm, chmod: "missing operand after 'a'", "extra operand 'c'"). */
void opts_operands(const struct opts *o, int min, int max)
{
	int n = o->argc - o->ind;
	if (n < min && n == 0)
		usage_error(o, "missing operand");
	if (n < min)
		usage_error(o, "missing operand after %s",
		            quote_gnu(0, QUOTE_LOCALE, o->argv[o->argc - 1]));
	if (max == OPERANDS_NONE)
		max = 0;
	else if (max == 0)
		return;
	if (n > max)
		usage_error(o, "extra operand %s",
		            quote_gnu(0, QUOTE_LOCALE, o->argv[o->ind + max]));
}

const struct opt *opts_find(const struct optspec *spec, const char *arg)
{
	if (arg[0] != '-')
		return NULL;
	for (const struct opt *p = spec->opts; p && p->id; p++) {
		if (arg[1] == '-' ? p->name && strcmp(arg + 2, p->name) == 0
		                  : p->id < OPT_LONG && arg[1] == p->id && !arg[2])
			return p;
	}
	return NULL;
}

void opts_print_help(const char *name, const char *summary, const struct optspec *spec)
{
	out_printf("Usage: %s %s\n", name, spec->usage ? spec->usage : "");
	if (summary)
		out_printf("%s.\n", summary);
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
		check_excludes(o);
		if (o->spec->min_operands || o->spec->max_operands)
			opts_operands(o, o->spec->min_operands, o->spec->max_operands);
		return -1;
	case '?':
	case ':':
		if (o->spec->on_bad_option)
			o->spec->on_bad_option(o);
		hint_and_exit(o);
	case ID_HELP:
		opts_print_help(applet_name(), help_summary, o->spec);
		out_close();
		exit(0);
	case ID_VERSION:
		out_printf("%s (osbox) %s\n", applet_name(), OSBOX_VERSION);
		out_close();
		exit(0);
	}
	record_given(o, c);
	return c;
}
