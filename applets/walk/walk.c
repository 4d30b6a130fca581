/* walk: every entry under each PATH, as os.walk visits them: find-style
 * paths, the os.walk example's layout (--tree), os.walk's (root, dirs,
 * files) triples (--json), find's -printf (--printf, wprintf.c) and -ls
 * (-l) lines, or each entry's stat --json record (--json -l). The reading
 * is core/walk.c's. */
#include "osbox/buf.h"
#include "osbox/ftype.h"
#include "osbox/json.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"
#include "osbox/statjson.h"
#include "osbox/walk.h"
#include "osbox/xalloc.h"
#include "walk/exec.h"
#include "walk/filter.h"
#include "wprintf.h"

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
	OPT_TREE = OPT_LONG,
	OPT_JSON,
	OPT_BOTTOM_UP,
	OPT_MAX_DEPTH,
	OPT_MIN_DEPTH,
	OPT_PRUNE,
	OPT_PRINTF,
	OPT_XDEV,
	OPT_XDEV_FIND, /* --xdev, find's name for it */
	OPT_FILTER,    /* OPT_FILTER + WF_x: the filters, in filter.h's order */
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
    {OPT_XDEV, "one-file-system", no_argument, NULL,
     "do not enter directories on other file systems"},
    {OPT_XDEV_FIND, "xdev", no_argument, NULL, "the same as --one-file-system (find's name)"},
    {OPT_MAX_DEPTH, "max-depth", required_argument, "N", "nothing deeper than N levels below PATH"},
    {OPT_MIN_DEPTH, "min-depth", required_argument, "N", "print nothing shallower than N levels"},
    {OPT_FILTER + WF_TYPE, "type", required_argument, "TYPES",
     "print only entries of these types: f,d,l,p,s,c,b"},
    {OPT_FILTER + WF_NAME, "name", required_argument, "GLOB",
     "print only entries whose name matches GLOB"},
    {OPT_FILTER + WF_INAME, "iname", required_argument, "GLOB", "--name, ignoring case"},
    {OPT_FILTER + WF_PATH, "path", required_argument, "GLOB",
     "print only entries whose path (as printed) matches GLOB"},
    {OPT_FILTER + WF_IPATH, "ipath", required_argument, "GLOB", "--path, ignoring case"},
    {OPT_FILTER + WF_SIZE, "size", required_argument, "[+-]N[cwbkMG]",
     "size above, below or at N units (512 bytes unless c, w, k, M, G), rounded up"},
    {OPT_FILTER + WF_MTIME, "mtime", required_argument, "[+-]N",
     "modified more, less or exactly N days (24 hours) ago, as find rounds"},
    {OPT_FILTER + WF_ATIME, "atime", required_argument, "[+-]N", "--mtime, of the access time"},
    {OPT_FILTER + WF_CTIME, "ctime", required_argument, "[+-]N",
     "--mtime, of the status change time"},
    {OPT_FILTER + WF_MMIN, "mmin", required_argument, "[+-]N",
     "modified more, less or exactly N minutes ago"},
    {OPT_FILTER + WF_AMIN, "amin", required_argument, "[+-]N", "--mmin, of the access time"},
    {OPT_FILTER + WF_CMIN, "cmin", required_argument, "[+-]N", "--mmin, of the status change time"},
    {OPT_FILTER + WF_NEWER, "newer", required_argument, "FILE", "modified after FILE was"},
    {OPT_FILTER + WF_PERM, "perm", required_argument, "[-/]MODE",
     "permission bits exactly MODE, all of -MODE, any of /MODE"},
    {OPT_FILTER + WF_USER, "user", required_argument, "USER", "owned by USER (name or ID)"},
    {OPT_FILTER + WF_GROUP, "group", required_argument, "GROUP", "of group GROUP (name or ID)"},
    {OPT_FILTER + WF_NOUSER, "nouser", no_argument, NULL, "owned by an ID that no user has"},
    {OPT_FILTER + WF_NOGROUP, "nogroup", no_argument, NULL, "of an ID that no group has"},
    {OPT_FILTER + WF_LINKS, "links", required_argument, "[+-]N",
     "more, fewer or exactly N hard links"},
    {OPT_FILTER + WF_INUM, "inum", required_argument, "[+-]N", "inode number above, below or N"},
    {OPT_FILTER + WF_EMPTY, "empty", no_argument, NULL,
     "empty regular files and directories with no entries"},
    {OPT_FILTER + WF_READABLE, "readable", no_argument, NULL,
     "readable by the real user (access(2))"},
    {OPT_FILTER + WF_WRITABLE, "writable", no_argument, NULL, "writable by the real user"},
    {OPT_FILTER + WF_EXECUTABLE, "executable", no_argument, NULL,
     "executable (a directory: searchable) by the real user"},
    {OPT_PRUNE, "prune", required_argument, "GLOB",
     "do not enter directories whose name matches GLOB"},
    {'0', "null", no_argument, NULL, "end each path with NUL instead of newline"},
    {OPT_PRINTF, "printf", required_argument, "FORMAT",
     "print FORMAT for each entry, as find -printf (directives: walk(1))"},
    {'l', "long", no_argument, NULL,
     "a find -ls line per entry; with --json, each entry's stat --json record"},
    {'j', "jobs", required_argument, "N",
     "threads reading directories; with -x, -X: commands at once"},
    {'x', "exec", no_argument, NULL, "run COMMAND [ARG]... (the rest of the line) on each entry"},
    {'X', "exec-batch", no_argument, NULL, "as -x, as many entries per command as fit"},
    {0},
};

/* One output form at a time; NUL ends only the path output's lines. */
static const struct optpair excludes[] = {
    {OPT_JSON, OPT_TREE},
    {'0', OPT_TREE},
    {'0', OPT_JSON},
    {OPT_PRINTF, OPT_TREE},
    {OPT_PRINTF, OPT_JSON},
    {OPT_PRINTF, 'l'},
    {'0', OPT_PRINTF},
    {'0', 'l'},
    {'l', OPT_TREE},
    /* the commands' outputs are all -x and -X print */
    {'x', OPT_TREE},
    {'x', OPT_JSON},
    {'x', '0'},
    {'x', OPT_PRINTF},
    {'x', 'l'},
    {'X', OPT_TREE},
    {'X', OPT_JSON},
    {'X', '0'},
    {'X', OPT_PRINTF},
    {'X', 'l'},
    {0},
};

const struct optspec walk_spec = {
    .usage = "[-sL0l] [--tree|--json|--printf FORMAT] [--bottom-up] [--max-depth N]\n"
             "            [--min-depth N] [--prune GLOB] [--one-file-system] [-j N]\n"
             "            [FILTER]... [PATH]... [-x|-X COMMAND [ARG]...]",
    .about = "Prints every entry under each PATH (default .), PATH first, one per line,\n"
             "as os.walk visits them: directory order, or sorted with -s. The filters\n"
             "(--type to --executable) choose what is printed, with GNU find's meaning:\n"
             "different ones must all match, one given several times any of its values.\n"
             "With -x (-X), runs COMMAND on each entry (each batch) instead, as fd -x:\n"
             "outputs in walk's order, each path one argument, no shell. Exit status:\n"
             "0, 1 when an entry could not be read or a COMMAND failed, 2 usage.",
    .opts = options,
    .excludes = excludes,
};

enum mode { M_PATHS, M_TREE, M_JSON };

/* What M_PATHS prints of each entry. */
enum form { F_PATH, F_PRINTF, F_LS, F_JSON_LONG };

struct walk_cfg {
	struct walk_opts wo;
	enum mode mode;
	enum form form;
	struct wprintf *fmt; /* F_PRINTF */
	struct wls *ls;      /* F_LS */
	struct buf *link;    /* F_JSON_LONG: a symlink's target */
	bool need_stat;
	const char *root; /* the PATH being walked */
	size_t rootlen;
	bool bottom_up, follow;
	char eol;
	long max_depth, min_depth;
	struct wfilter filter; /* what the path output prints */
	const char **prunes;
	size_t nprunes;
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

static bool any_match(const char **globs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (wfilter_glob(globs[i], name, false))
			return true;
	return false;
}

/* The entry's stat --json record, with path and depth (statx, for the
 * birth time, as stat does). */
static void json_long(const struct walk_cfg *c, const struct walk_ent *e)
{
	struct statx x;
	int flags = (e->followed ? 0 : AT_SYMLINK_NOFOLLOW) | AT_NO_AUTOMOUNT;
	if (statx(e->dirfd, e->atname, flags, STATX_BASIC_STATS | STATX_BTIME, &x) < 0) {
		if (errno != ENOENT)
			warn("%s", quote_gnu(0, QUOTE_SHELL, e->path));
		return;
	}
	struct stat st;
	struct timespec birth;
	bool has_birth = statjson_from_statx(&x, &st, &birth);
	bool target = S_ISLNK(st.st_mode) && buf_readlinkat(c->link, e->dirfd, e->atname) == 0;
	struct json j;
	json_init(&j);
	json_begin_object(&j);
	json_kstr(&j, "path", e->path, e->pathlen);
	statjson_members(&j, &st, has_birth ? &birth : NULL, target ? c->link->p : NULL,
	                 target ? c->link->len : 0);
	json_kint(&j, "depth", e->depth);
	json_end_object(&j);
	json_end_record(&j);
}

/* Everything printed of one entry, in the output form chosen. */
static void emit_entry(const struct walk_cfg *c, const struct walk_ent *e)
{
	if (c->form == F_PATH) {
		if (c->eol)
			out_name(e->path, e->pathlen);
		else
			out_write(e->path, e->pathlen);
		out_putc(c->eol);
		return;
	}
	if (c->form == F_JSON_LONG) {
		json_long(c, e);
		return;
	}
	struct wentry x = {.e = e, .st = e->st, .root = c->root, .rootlen = c->rootlen};
	struct stat st;
	if (c->need_stat && !x.st) {
		/* a directory after its contents (--bottom-up) comes without */
		if (fstatat(e->dirfd, e->atname, &st, e->followed ? 0 : AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno != ENOENT)
				warn("%s", quote_gnu(0, QUOTE_SHELL, e->path));
			return;
		}
		x.st = &st;
	}
	if (c->form == F_LS)
		wls_line(c->ls, &x);
	else
		wprintf_run(c->fmt, &x);
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

static struct walk *open_root(struct walk_cfg *c, const char *root)
{
	c->root = root;
	c->rootlen = strlen(root);
	struct walk *w = walk_open(root, &c->wo);
	c->filter.walk = w;
	return w;
}

static void close_root(struct walk_cfg *c, struct walk *w)
{
	c->filter.walk = NULL;
	walk_close(w);
}

/* Takes w's events up to the next entry the path output prints (after
 * --prune, --max-depth, --bottom-up and the filters), reporting errors on
 * the way, and returns it; NULL at the end of the walk. --tree and --json
 * print their blocks as they come, and return only NULL. */
static const struct walk_ent *walk_step(struct walk_cfg *c, struct walk *w)
{
	const struct walk_ent *e;
	while ((e = walk_next(w))) {
		switch (e->kind) {
		case WALK_DIR: {
			bool pruned = false;
			if (c->nprunes) {
				char buf[NAME_MAX + 1];
				pruned = any_match(c->prunes, c->nprunes,
				                   wfilter_entry_name(e, buf, sizeof buf));
			}
			if (pruned || e->depth >= c->max_depth)
				walk_skip(w);
			if (c->mode == M_PATHS) {
				if (!c->bottom_up && wfilter_match(&c->filter, e))
					return e;
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
				if (wfilter_match(&c->filter, e))
					return e;
			} else if (dir_shown(c, e->depth)) {
				int fd;
				const struct dirlist *dl = walk_dir(w, &fd);
				if (dl)
					print_dir(c, e, dl, fd);
			}
			break;
		case WALK_FILE:
			if (c->mode == M_PATHS) {
				if (wfilter_match(&c->filter, e))
					return e;
			} else if (e->depth == 0) {
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
	return NULL;
}

static void walk_root(struct walk_cfg *c, const char *root)
{
	struct walk *w = open_root(c, root);
	const struct walk_ent *e;
	while ((e = walk_step(c, w)))
		emit_entry(c, e);
	close_root(c, w);
}

/* -x/-X: the walk as the runner's item iterator, one root after another;
 * each entry is taken when the runner has room for its command, so the
 * walk goes no further ahead of the commands than the jobs running. */
struct exec_iter {
	struct walk_cfg *c;
	char **roots;
	int nroots, next;
	struct walk *w;
};

static int exec_next(void *ctx, const char **item, size_t *len)
{
	struct exec_iter *it = ctx;
	for (;;) {
		if (!it->w) {
			if (it->next == it->nroots)
				return 0;
			it->w = open_root(it->c, it->roots[it->next++]);
		}
		const struct walk_ent *e = walk_step(it->c, it->w);
		if (e) {
			*item = e->path;
			*len = e->pathlen;
			return 1;
		}
		close_root(it->c, it->w);
		it->w = NULL;
	}
}

/* fd's default for -x: a command per CPU this process may run on. */
static int cpus(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)(n < 256 ? n : 256) : 1;
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
	const char *prunes[argc];
	c.prunes = prunes;
	wfilter_init(&c.filter, &c.status);
	const char *format = NULL;
	bool long_form = false;
	struct wexec x;
	wexec_cut(&x, &walk_spec, 'x', 'X', argc, argv);
	argc = x.argc;
	argv = x.argv;
	int jobs = 0;
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
		case OPT_XDEV:
		case OPT_XDEV_FIND:
			c.wo.flags |= WALK_XDEV;
			break;
		case 'x':
		case 'X':
			break; /* (wexec_cut put it there) */
		case OPT_MAX_DEPTH:
			c.max_depth = parse_depth(&o, "--max-depth", o.arg);
			break;
		case OPT_MIN_DEPTH:
			c.min_depth = parse_depth(&o, "--min-depth", o.arg);
			break;
		case OPT_PRUNE:
			prunes[c.nprunes++] = o.arg;
			break;
		case '0':
			c.eol = 0;
			break;
		case OPT_PRINTF:
			format = o.arg;
			break;
		case 'l':
			long_form = true;
			break;
		case 'j': {
			/* threads reading directories, or with -x commands at once */
			long max = x.on ? 65536 : 256;
			char *end;
			errno = 0;
			long v = strtol(o.arg, &end, 10);
			if (end == o.arg || *end || errno || v < 1 || v > max)
				usage_error(&o, "-j: invalid number of jobs '%s' (1 to %ld)", o.arg,
				            max);
			jobs = (int)v;
			break;
		}
		default:
			if (ch >= OPT_FILTER && ch < OPT_FILTER + WF_NKINDS)
				wfilter_add(&c.filter, &o, ch - OPT_FILTER,
				            opts_label(&walk_spec, 0, ch), o.arg);
			break;
		}
	}
	unsigned needs = 0;
	struct buf link = {0};
	if (format) {
		const char *error;
		c.fmt = wprintf_compile(format, &needs, &error);
		if (!c.fmt)
			usage_error(&o, "%s", error);
		c.form = F_PRINTF;
	} else if (long_form && c.mode == M_JSON) {
		c.mode = M_PATHS;
		c.form = F_JSON_LONG;
		c.link = &link;
	} else if (long_form) {
		c.ls = wls_new();
		c.form = F_LS;
		needs = WP_STAT | WP_TIME;
	}
	if (needs & WP_TIME) {
		/* as find: the locale's month and day names, the local time */
		setlocale(LC_TIME, "");
		tzset();
	}
	c.need_stat = needs & WP_STAT;
	/* --tree and --json print whole directories, not entries one by one */
	if (c.mode != M_PATHS && wfilter_active(&c.filter))
		usage_error(&o,
		            "%s cannot be used with %s: it prints whole directories, not entries",
		            opts_label(&walk_spec, 0, OPT_FILTER + c.filter.first),
		            c.mode == M_TREE ? "--tree" : "--json");
	c.filter.min_depth = c.min_depth;
	if (c.need_stat || wfilter_needs_stat(&c.filter))
		c.wo.flags |= WALK_STAT;
	wfilter_start(&c.filter);
	if (c.follow)
		c.wo.flags |= WALK_FOLLOW;
	if (c.bottom_up)
		c.wo.flags |= WALK_POSTORDER;
	if (!c.nprunes && c.max_depth == LONG_MAX && !(c.wo.flags & WALK_XDEV))
		c.wo.flags |= WALK_WHOLE; /* every directory is entered */
	/* no descriptor used (paths, and status from the walk): whole
	 * subtrees may be read ahead */
	if (c.mode == M_PATHS && !wfilter_needs_fd(&c.filter) &&
	    (c.form == F_PATH || (c.form == F_PRINTF && !(needs & WP_FD))))
		c.wo.flags |= WALK_NOFD;
	if (x.on && x.nwords == 0)
		usage_error(&o, "%s needs a COMMAND", x.label);
	/* with -x, -j is the runner's: the walk reads on one thread */
	c.wo.jobs = jobs && !x.on ? jobs : default_jobs();
	static char dot[] = ".";
	char *dots[] = {dot};
	char **roots = o.ind == argc ? dots : argv + o.ind;
	int nroots = o.ind == argc ? 1 : argc - o.ind;
	int status = 0;
	if (x.on) {
		struct exec_iter it = {.c = &c, .roots = roots, .nroots = nroots};
		status = wexec_run(&x, jobs ? jobs : cpus(), exec_next, &it);
		if (it.w) /* a signal ended the runner before the walk */
			close_root(&c, it.w);
	} else {
		for (int i = 0; i < nroots; i++)
			walk_root(&c, roots[i]);
	}
	wexec_free(&x);
	wfilter_free(&c.filter);
	wprintf_free(c.fmt);
	wls_free(c.ls);
	buf_free(&link);
	/* the runner's 125 or 128+N stand; else any failure is 1 */
	return status ? status : c.status;
}
