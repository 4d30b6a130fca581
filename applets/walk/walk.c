/* walk: every entry under each PATH, as os.walk visits them: find-style
 * paths, the os.walk example's layout (--tree) or os.walk's
 * (root, dirs, files) triples (--json). The reading is core/walk.c's. */
#include "osbox/ftype.h"
#include "osbox/json.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"
#include "osbox/walk.h"
#include "osbox/xalloc.h"

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum {
	OPT_TREE = OPT_LONG,
	OPT_JSON,
	OPT_BOTTOM_UP,
	OPT_MAX_DEPTH,
	OPT_MIN_DEPTH,
	OPT_TYPE,
	OPT_NAME,
	OPT_PRUNE,
};

static const struct opt options[] = {
    {'s', "sort", no_argument, NULL,
     "each directory's entries sorted by bytes, not in directory order"},
    {OPT_TREE, "tree", no_argument, NULL,
     "the os.walk example's layout: each directory, then its entries"},
    {OPT_JSON, "json", no_argument, NULL, "one os.walk triple per directory: {root, dirs, files}"},
    {OPT_BOTTOM_UP, "bottom-up", no_argument, NULL,
     "a directory after its contents (topdown=False)"},
    {'L', "follow", no_argument, NULL,
     "follow symbolic links (followlinks=True); loops are reported"},
    {'x', "one-file-system", no_argument, NULL, "do not enter directories on other file systems"},
    {OPT_MAX_DEPTH, "max-depth", required_argument, "N", "nothing deeper than N levels below PATH"},
    {OPT_MIN_DEPTH, "min-depth", required_argument, "N", "print nothing shallower than N levels"},
    {OPT_TYPE, "type", required_argument, "TYPES",
     "print only entries of these types: f,d,l,p,s,c,b"},
    {OPT_NAME, "name", required_argument, "GLOB", "print only entries whose name matches GLOB"},
    {OPT_PRUNE, "prune", required_argument, "GLOB",
     "do not enter directories whose name matches GLOB"},
    {'0', "null", no_argument, NULL, "end each path with NUL instead of newline"},
    {'j', "jobs", required_argument, "N",
     "read directories on N threads (the output order stays the same)"},
    {0},
};

/* One output form at a time; NUL ends only the path output's lines. */
static const struct optpair excludes[] = {
    {OPT_JSON, OPT_TREE},
    {'0', OPT_TREE},
    {'0', OPT_JSON},
    {0},
};

const struct optspec walk_spec = {
    .usage = "[-sLx0] [--tree|--json] [--bottom-up] [--max-depth N] [--min-depth N]\n"
             "            [--type TYPES] [--name GLOB] [--prune GLOB] [-j N] [PATH]...",
    .about = "Prints every entry under each PATH (default .), PATH first, one per line,\n"
             "as os.walk visits them: directory order, or sorted with -s.",
    .opts = options,
    .excludes = excludes,
};

enum mode { M_PATHS, M_TREE, M_JSON };

struct walk_cfg {
	struct walk_opts wo;
	enum mode mode;
	bool bottom_up, follow;
	char eol;
	long max_depth, min_depth;
	unsigned types; /* bit per DT_ value; 0: every type */
	const char **names, **prunes;
	size_t nnames, nprunes;
	int status;
};

static long parse_depth(const struct opts *o, const char *opt, const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < 0)
		usage_error(o, "%s: invalid depth '%s' (a number, 0 or more)", opt, s);
	return v;
}

static unsigned parse_types(const struct opts *o, const char *s)
{
	unsigned bits = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ',')
			continue;
		unsigned char dt = ftype_dt_of_letter(*p);
		if (dt == DT_UNKNOWN || (p[1] && p[1] != ','))
			usage_error(o,
			            "--type: unknown type '%s' (use f, d, l, p, s, c, b, separated "
			            "by commas)",
			            s);
		bits |= 1u << dt;
	}
	if (!bits)
		usage_error(o, "--type: no type given (use f, d, l, p, s, c, b)");
	return bits;
}

/* The name --name and --prune match: the last component, which for the
 * root is the operand's (trailing slashes aside), as find -name does. */
static const char *match_name(const struct walk_ent *e, char *buf, size_t size)
{
	if (e->depth > 0)
		return e->name;
	size_t n = e->pathlen;
	while (n > 1 && e->path[n - 1] == '/')
		n--;
	size_t b = n;
	while (b > 0 && e->path[b - 1] != '/')
		b--;
	if (n == 1 && e->path[0] == '/')
		b = 0;
	size_t len = n - b;
	if (len >= size)
		len = size - 1;
	memcpy(buf, e->path + b, len);
	buf[len] = 0;
	return buf;
}

static bool any_match(const char **globs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (fnmatch(globs[i], name, 0) == 0)
			return true;
	return false;
}

static void print_path(const struct walk_cfg *c, const struct walk_ent *e)
{
	if (e->depth < c->min_depth)
		return;
	if (c->types && !(c->types & (1u << e->type)))
		return;
	if (c->nnames) {
		char buf[NAME_MAX + 1];
		if (!any_match(c->names, c->nnames, match_name(e, buf, sizeof buf)))
			return;
	}
	if (c->eol)
		out_name(e->path, e->pathlen);
	else
		out_write(e->path, e->pathlen);
	out_putc(c->eol);
}

struct item {
	const char *name;
	size_t len;
	bool dir;
};

/* By bytes, a directory's name with its "/" (the example sorts
 * n + '/' together with the files). */
static int item_cmp(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	size_t la = a->len + a->dir, lb = b->len + b->dir;
	size_t n = a->len < b->len ? a->len : b->len;
	int r = memcmp(a->name, b->name, n);
	if (r)
		return r;
	for (size_t i = n; i < la && i < lb; i++) {
		int ca = i < a->len ? (unsigned char)a->name[i] : '/';
		int cb = i < b->len ? (unsigned char)b->name[i] : '/';
		if (ca != cb)
			return ca - cb;
	}
	return (la > lb) - (la < lb);
}

/* Prints the triple (or the tree block) of the directory of e, whose
 * entries are dl (fd open on it). */
static void print_dir(struct walk_cfg *c, const struct walk_ent *e, const struct dirlist *dl,
                      int fd)
{
	size_t n = dl->count, pos = 0, i = 0;
	struct item *v = xreallocarray(NULL, n, sizeof *v);
	const struct dent *d;
	while ((d = dirlist_next(dl, &pos))) {
		/* os.walk's entry.is_dir(): symlinks to directories count */
		v[i].name = d->name;
		v[i].len = d->len;
		v[i].dir = dent_type(fd, d, true) == DT_DIR;
		i++;
	}
	n = i;
	if (c->mode == M_TREE) {
		qsort(v, n, sizeof *v, item_cmp);
		out_name(e->path, e->pathlen);
		out_putc('\n');
		for (i = 0; i < n; i++) {
			out_putc('\t');
			out_name(v[i].name, v[i].len);
			if (v[i].dir)
				out_putc('/');
			out_putc('\n');
		}
		out_putc('\n');
	} else {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		json_kstr(&j, "root", e->path, e->pathlen);
		for (int want_dir = 1; want_dir >= 0; want_dir--) {
			json_key(&j, want_dir ? "dirs" : "files");
			json_begin_array(&j);
			for (i = 0; i < n; i++)
				if (v[i].dir == want_dir)
					json_str(&j, v[i].name, v[i].len);
			json_end_array(&j);
		}
		json_end_object(&j);
		json_end_record(&j);
	}
	free(v);
}

static void report(struct walk_cfg *c, const struct walk_ent *e)
{
	switch (e->kind) {
	case WALK_UNREADABLE:
		/* os.walk's onerror: reported, skipped, the walk goes on. A
		 * directory removed since its parent was read is not worth a word. */
		if (e->err == ENOENT && e->depth > 0)
			return;
		/* fall through */
	case WALK_ERROR:
		errno = e->err;
		warn("%s", quote_gnu(0, QUOTE_SHELL, e->path));
		break;
	case WALK_LOOP: {
		/* find(1)'s words, both names quoted as its diagnostics do */
		char *ancestor = xstrndup(e->path, e->loop_len);
		warnx("File system loop detected; %s is part of the same file system loop as %s.",
		      quote_gnu(0, QUOTE_SHELL_ALWAYS, e->path),
		      quote_gnu(1, QUOTE_SHELL_ALWAYS, ancestor));
		free(ancestor);
		break;
	}
	default:
		return;
	}
	c->status = 1;
}

static bool dir_shown(const struct walk_cfg *c, int depth)
{
	return depth >= c->min_depth && depth < c->max_depth;
}

static void walk_root(struct walk_cfg *c, const char *root)
{
	struct walk *w = walk_open(root, &c->wo);
	const struct walk_ent *e;
	while ((e = walk_next(w))) {
		switch (e->kind) {
		case WALK_DIR: {
			bool pruned = false;
			if (c->nprunes) {
				char buf[NAME_MAX + 1];
				pruned = any_match(c->prunes, c->nprunes,
				                   match_name(e, buf, sizeof buf));
			}
			if (pruned || e->depth >= c->max_depth)
				walk_skip(w);
			if (c->mode == M_PATHS) {
				if (!c->bottom_up)
					print_path(c, e);
			} else if (!c->bottom_up && !pruned && dir_shown(c, e->depth)) {
				int fd;
				const struct dirlist *dl = walk_dir(w, &fd);
				if (dl)
					print_dir(c, e, dl, fd);
			}
			break;
		}
		case WALK_POST:
			if (c->mode == M_PATHS) {
				print_path(c, e);
			} else if (dir_shown(c, e->depth)) {
				int fd;
				const struct dirlist *dl = walk_dir(w, &fd);
				if (dl)
					print_dir(c, e, dl, fd);
			}
			break;
		case WALK_FILE:
			if (c->mode == M_PATHS)
				print_path(c, e);
			else if (e->depth == 0) {
				/* os.walk of a file yields nothing: its scandir fails */
				errno = ENOTDIR;
				warn("%s", quote_gnu(0, QUOTE_SHELL, e->path));
				c->status = 1;
			}
			break;
		default:
			report(c, e);
			break;
		}
	}
	walk_close(w);
}

/* Without -j, the engine decides (jobs 0): one thread while the page
 * cache has the directories (on the machines measured, 2 shared cores,
 * the hand-over between threads cost as much as reading a small
 * directory, and one thread was fastest), reading threads once reads wait
 * for the disk (see README: walk benchmarks). */
static int default_jobs(void)
{
	return 0;
}

int walk_main(int argc, char **argv)
{
	struct walk_cfg c = {
	    .eol = '\n',
	    .max_depth = LONG_MAX,
	};
	c.wo.flags = WALK_FOLLOW_ROOT;
	c.wo.jobs = 0;
	const char *names[argc], *prunes[argc];
	c.names = names;
	c.prunes = prunes;
	struct opts o;
	int ch;
	opts_begin(&o, &walk_spec, argc, argv);
	while ((ch = opts_next(&o)) != -1) {
		switch (ch) {
		case 's':
			c.wo.flags |= WALK_SORT;
			break;
		case OPT_TREE:
			c.mode = M_TREE;
			break;
		case OPT_JSON:
			c.mode = M_JSON;
			break;
		case OPT_BOTTOM_UP:
			c.bottom_up = true;
			break;
		case 'L':
			c.follow = true;
			break;
		case 'x':
			c.wo.flags |= WALK_XDEV;
			break;
		case OPT_MAX_DEPTH:
			c.max_depth = parse_depth(&o, "--max-depth", o.arg);
			break;
		case OPT_MIN_DEPTH:
			c.min_depth = parse_depth(&o, "--min-depth", o.arg);
			break;
		case OPT_TYPE:
			c.types = parse_types(&o, o.arg);
			break;
		case OPT_NAME:
			names[c.nnames++] = o.arg;
			break;
		case OPT_PRUNE:
			prunes[c.nprunes++] = o.arg;
			break;
		case '0':
			c.eol = 0;
			break;
		case 'j': {
			char *end;
			errno = 0;
			long v = strtol(o.arg, &end, 10);
			if (end == o.arg || *end || errno || v < 1 || v > 256)
				usage_error(&o, "-j: invalid number of jobs '%s' (1 to 256)",
				            o.arg);
			c.wo.jobs = (int)v;
			break;
		}
		}
	}
	if (c.follow)
		c.wo.flags |= WALK_FOLLOW;
	if (c.bottom_up)
		c.wo.flags |= WALK_POSTORDER;
	if (c.wo.jobs == 0)
		c.wo.jobs = default_jobs();
	if (o.ind == argc) {
		walk_root(&c, ".");
	} else {
		for (int i = o.ind; i < argc; i++)
			walk_root(&c, argv[i]);
	}
	return c.status;
}
