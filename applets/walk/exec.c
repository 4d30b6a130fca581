/* walk -x/-X (see exec.h). The command is everything after the option,
 * as fd takes it, so it is cut from argv before getopt_long, which would
 * otherwise permute the command's own options (walk . -x ls -l) into
 * walk's. */
#include "walk/exec.h"
#include "osbox/jobargs.h"
#include "osbox/opts.h"
#include "osbox/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The table entry a long option (s: its name after "--", up to n bytes)
 * stands for, as getopt_long matches them: the exact name, else the one
 * name it abbreviates; NULL when it is unknown or ambiguous (getopt then
 * says so) or is --help or --version. */
static const struct opt *long_opt(const struct optspec *spec, const char *s, size_t n)
{
	static const char *const builtin[] = {"help", "version"};
	const struct opt *found = NULL;
	int matches = 0;
	for (const struct opt *p = spec->opts; p->id; p++) {
		if (!p->name || strncmp(p->name, s, n) != 0)
			continue;
		if (!p->name[n])
			return p;
		/* names of one option (same id and argument) are no ambiguity */
		if (!found || found->id != p->id || found->has_arg != p->has_arg)
			matches++;
		found = p;
	}
	for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
		if (strncmp(builtin[i], s, n) == 0) {
			if (!builtin[i][n])
				return NULL;
			matches++;
		}
	}
	return matches == 1 ? found : NULL;
}

static const struct opt *short_opt(const struct optspec *spec, char c)
{
	for (const struct opt *p = spec->opts; p->id; p++)
		if (p->id < OPT_LONG && p->id == (unsigned char)c)
			return p;
	return NULL;
}

/* Cuts argv at argv[i]: the command is first (when not NULL) and what
 * follows argv[i]; prefix (n bytes) the bundle's letters before x. */
static void cut(struct wexec *x, int argc, char **argv, int i, const char *prefix, size_t n,
                char *first, bool batch)
{
	x->on = true;
	x->batch = batch;
	x->argv = xreallocarray(NULL, (size_t)i + 3, sizeof *x->argv);
	x->argc = 0;
	x->argv[x->argc++] = argv[0];
	/* in front: getopt reads it even when POSIXLY_CORRECT stops it at
	 * the first operand */
	static char opt_x[] = "-x", opt_X[] = "-X";
	x->argv[x->argc++] = batch ? opt_X : opt_x;
	for (int k = 1; k < i; k++)
		x->argv[x->argc++] = argv[k];
	if (n > 1) {
		x->bundle = xstrndup(prefix, n);
		x->argv[x->argc++] = x->bundle;
	}
	x->argv[x->argc] = NULL;
	size_t rest = (size_t)(argc - i - 1);
	x->words = xreallocarray(NULL, rest + 2, sizeof *x->words);
	x->nwords = 0;
	if (first)
		x->words[x->nwords++] = first;
	for (int k = i + 1; k < argc; k++)
		x->words[x->nwords++] = argv[k];
	x->words[x->nwords] = NULL;
}

void wexec_cut(struct wexec *x, const struct optspec *spec, int exec, int batch, int argc,
               char **argv)
{
	memset(x, 0, sizeof *x);
	x->argc = argc;
	x->argv = argv;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (a[0] != '-' || !a[1])
			continue; /* an operand: getopt_long looks past it */
		if (a[1] == '-') {
			if (!a[2])
				return; /* "--": the rest are operands */
			char *eq = strchr(a + 2, '=');
			size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			const struct opt *p = long_opt(spec, a + 2, n);
			if (!p)
				continue;
			if (p->id == exec || p->id == batch) {
				snprintf(x->label, sizeof x->label, "--%s", p->name);
				cut(x, argc, argv, i, NULL, 0, eq ? eq + 1 : NULL, p->id == batch);
				return;
			}
			if (p->has_arg == required_argument && !eq)
				i++;
			continue;
		}
		for (size_t k = 1; a[k]; k++) {
			const struct opt *p = short_opt(spec, a[k]);
			if (!p)
				continue; /* getopt says so */
			if (p->id == exec || p->id == batch) {
				snprintf(x->label, sizeof x->label, "-%c", a[k]);
				cut(x, argc, argv, i, a, k, a[k + 1] ? a + k + 1 : NULL,
				    p->id == batch);
				return;
			}
			if (p->has_arg == required_argument) {
				if (!a[k + 1])
					i++; /* its argument is the next word */
				break;
			}
		}
	}
}

int wexec_run(const struct wexec *x, int jobs, jobs_item_fn next, void *ctx)
{
	struct jobargs a;
	jobargs_init(&a, x->words, x->nwords);
	a.xargs = x->batch;
	jobargs_add_stream(&a);
	/* fd's defaults: the outputs in the order of the entries, and the
	 * terminal left to walk (the commands read /dev/null) */
	struct jobs_opts jo = {.max = jobs, .keep_order = true, .null_stdin = true};
	int status = jobs_run_items(&a, next, ctx, &jo);
	jobargs_free(&a);
	/* the runner counts the failed commands (1 to 101); walk says 1, as
	 * find -exec ... + does; its own failure (125) and a signal's 128+N
	 * stand */
	return status > 0 && status <= 101 ? 1 : status;
}

void wexec_free(struct wexec *x)
{
	if (x->on)
		free(x->argv);
	free(x->words);
	free(x->bundle);
}
