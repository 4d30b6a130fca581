/* listdir: the entries of each directory, as os.listdir and os.scandir
 * see them (every name but . and .., by bytes), optionally with types
 * from d_type (-t), a long listing (-l) or JSON. The reading is
 * core/dirlist.c's: one getdents64 buffer, no stat per entry unless asked. */
#include "osbox/ftype.h"
#include "osbox/json.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/quote.h"
#include "osbox/dirlist.h"
#include "osbox/owner.h"
#include "osbox/buf.h"
#include "osbox/xalloc.h"

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

enum { OPT_JSON = OPT_LONG };

static const struct opt options[] = {
    {'U', NULL, no_argument, NULL, "directory order, not sorted (the fastest)"},
    {'t', "types", no_argument, NULL, "the scandir view: NAME TYPE, the type from d_type"},
    {'l', NULL, no_argument, NULL, "long listing: mode, links, owner, group, size, mtime, name"},
    {'F', "classify", no_argument, NULL, "append the type's indicator (one of / @ | = *)"},
    {'0', "null", no_argument, NULL, "end each line with NUL instead of newline"},
    {OPT_JSON, "json", no_argument, NULL,
     "one object per entry: name, path, type (-l: and its status)"},
    {0},
};

static const struct optpair excludes[] = {{'0', OPT_JSON}, {0}};

const struct optspec listdir_spec = {
    .usage = "[-U] [-t] [-l] [-F] [-0|--json] [PATH]...",
    .about = "Lists the entries of each directory PATH (default .) but . and .., one per\n"
             "line, sorted by bytes, as os.listdir. A PATH that is not a directory is\n"
             "printed as itself.",
    .opts = options,
    .excludes = excludes,
};

struct ls_cfg {
	bool unsorted, types, lng, classify, json;
	char eol;
	time_t now;
	int status;
};

/* One entry to print: its name and, when needed, its status. */
struct row {
	const char *name;
	size_t len;
	unsigned char type;
	bool have_st;
	struct stat st;
};

/* ls -l's owner: the name of the user or group, else its number
 * (buf holds it). */
static const char *id_name(const char *name, unsigned id, char buf[16])
{
	if (name)
		return name;
	snprintf(buf, 16, "%u", id);
	return buf;
}

/* ls -l's time: month, day and time within six months, else the year. */
static void format_time(const struct ls_cfg *c, const struct timespec *t, char *buf, size_t size)
{
	struct tm tm;
	time_t s = t->tv_sec;
	if (!localtime_r(&s, &tm)) {
		snprintf(buf, size, "%lld", (long long)s);
		return;
	}
	const time_t six_months = 31556952 / 2;
	bool recent = s <= c->now && s > c->now - six_months;
	strftime(buf, size, recent ? "%b %e %H:%M" : "%b %e  %Y", &tm);
}

static int digits(unsigned long long v)
{
	int n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

struct widths {
	int nlink, user, group, size;
};

static void size_field(const struct stat *st, char *buf, size_t size)
{
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		snprintf(buf, size, "%u, %u", major(st->st_rdev), minor(st->st_rdev));
	else
		snprintf(buf, size, "%lld", (long long)st->st_size);
}

static void measure(const struct row *r, struct widths *w)
{
	if (!r->have_st)
		return;
	int n = digits(r->st.st_nlink);
	if (n > w->nlink)
		w->nlink = n;
	char id[16];
	n = (int)strlen(id_name(owner_user_name(r->st.st_uid), r->st.st_uid, id));
	if (n > w->user)
		w->user = n;
	n = (int)strlen(id_name(owner_group_name(r->st.st_gid), r->st.st_gid, id));
	if (n > w->group)
		w->group = n;
	char sz[64];
	size_field(&r->st, sz, sizeof sz);
	n = (int)strlen(sz);
	if (n > w->size)
		w->size = n;
}

static void print_name(const struct ls_cfg *c, const char *name, size_t len)
{
	if (c->eol)
		out_name(name, len);
	else
		out_write(name, len);
}

static char indicator(const struct row *r)
{
	if (r->have_st)
		return ftype_indicator(r->st.st_mode);
	return ftype_indicator(ftype_ifmt(r->type));
}

/* Prints one row. dirfd and atname name it for readlinkat; path is its
 * path for --json (NULL: the name is the path). */
static void print_row(const struct ls_cfg *c, const struct row *r, const struct widths *w,
                      int dirfd, const char *atname, const char *dir)
{
	/* One buffer for every link's target, kept for the next. */
	static struct buf link;
	const char *target = NULL;
	if (c->lng && r->have_st && S_ISLNK(r->st.st_mode) &&
	    buf_readlinkat(&link, dirfd, atname) == 0)
		target = link.p;
	if (c->json) {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		json_kstr(&j, "name", r->name, r->len);
		if (dir) {
			size_t dl = strlen(dir);
			size_t n = dl + 1 + r->len;
			char *p = xmalloc(n + 1);
			memcpy(p, dir, dl);
			size_t k = dl;
			if (dl > 0 && dir[dl - 1] != '/')
				p[k++] = '/';
			memcpy(p + k, r->name, r->len);
			json_kstr(&j, "path", p, k + r->len);
			free(p);
		} else {
			json_kstr(&j, "path", r->name, r->len);
		}
		json_kcstr(&j, "type", ftype_word_dt(r->type));
		if (c->lng && r->have_st) {
			const struct stat *st = &r->st;
			json_kuint(&j, "mode", st->st_mode);
			json_kuint(&j, "uid", st->st_uid);
			json_kuint(&j, "gid", st->st_gid);
			json_kint(&j, "size", st->st_size);
			json_ktimes(&j, "mtime", &st->st_mtim);
			json_kuint(&j, "ino", st->st_ino);
			json_kuint(&j, "nlink", st->st_nlink);
			if (target)
				json_kcstr(&j, "target", target);
		}
		json_end_object(&j);
		json_end_record(&j);
		return;
	}
	if (c->lng && r->have_st) {
		const struct stat *st = &r->st;
		char mode[11], tbuf[64], sz[64], uid[16], gid[16];
		ftype_modestr(st->st_mode, mode);
		format_time(c, &st->st_mtim, tbuf, sizeof tbuf);
		size_field(st, sz, sizeof sz);
		out_printf("%s %*lu %-*s %-*s %*s %s ", mode, w->nlink, (unsigned long)st->st_nlink,
		           w->user, id_name(owner_user_name(st->st_uid), st->st_uid, uid), w->group,
		           id_name(owner_group_name(st->st_gid), st->st_gid, gid), w->size, sz,
		           tbuf);
	}
	print_name(c, r->name, r->len);
	if (target) {
		out_puts(" -> ");
		print_name(c, target, strlen(target));
	}
	if (c->classify && !(target)) {
		char ind = indicator(r);
		if (ind)
			out_putc(ind);
	}
	if (c->types) {
		out_putc(' ');
		out_puts(ftype_word_dt(r->type));
	}
	out_putc(c->eol);
}

static bool need_stat(const struct ls_cfg *c, unsigned char type)
{
	return c->lng || type == DT_UNKNOWN || (c->classify && type == DT_REG);
}

/* Fills r's status from (dirfd, r->name), an entry of the directory
 * path; on failure reports it as path/name. False when the entry is gone
 * since the directory was read: not listed. */
static bool stat_row(struct ls_cfg *c, struct row *r, int dirfd, const char *path)
{
	if (fstatat(dirfd, r->name, &r->st, AT_SYMLINK_NOFOLLOW) == 0) {
		r->have_st = true;
		r->type = IFTODT(r->st.st_mode);
	} else if (errno == ENOENT) {
		return false;
	} else {
		int e = errno;
		size_t plen = strlen(path);
		char *full =
		    xasprintf("%s%s%s", path, plen && path[plen - 1] == '/' ? "" : "/", r->name);
		errno = e;
		warn("%s", quote_gnu(0, QUOTE_SHELL, full));
		free(full);
		c->status = 1;
	}
	return true;
}

/* The fast path: names only, in directory order or sorted. */
static void print_names(const struct ls_cfg *c, const struct dirlist *dl)
{
	size_t pos = 0;
	const struct dent *d;
	while ((d = dirlist_next(dl, &pos))) {
		print_name(c, d->name, d->len);
		out_putc(c->eol);
	}
}

static void print_entries(struct ls_cfg *c, const struct dirlist *dl, int fd, const char *path);

static void list_dir(struct ls_cfg *c, const char *path, struct dirlist *dl)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		warn("%s", quote_gnu(0, QUOTE_SHELL, path));
		c->status = 1;
		return;
	}
	dirlist_clear(dl);
	if (c->unsorted && !c->lng) {
		/* Directory order needs no whole listing: a batch at a time,
		 * memory stays that of one getdents64 buffer. */
		bool end = false;
		while (!end) {
			int e = dirlist_read_some(dl, fd, &end);
			if (e) {
				errno = e;
				warn("%s", quote_gnu(0, QUOTE_SHELL, path));
				c->status = 1;
			}
			print_entries(c, dl, fd, path);
			dirlist_clear(dl);
		}
		close(fd);
		return;
	}
	int e = dirlist_read(dl, fd);
	if (e) {
		errno = e;
		warn("%s", quote_gnu(0, QUOTE_SHELL, path));
		c->status = 1;
		if (dl->count == 0) {
			close(fd);
			return;
		}
	}
	if (!c->unsorted)
		dirlist_sort(dl);
	print_entries(c, dl, fd, path);
	close(fd);
}

/* Prints the entries of dl, read from the directory open on fd (path). */
static void print_entries(struct ls_cfg *c, const struct dirlist *dl, int fd, const char *path)
{
	if (!c->types && !c->lng && !c->classify && !c->json) {
		print_names(c, dl);
		return;
	}
	/* Rows with status, when -l asks for every entry's: widths first. */
	struct widths w = {0};
	size_t pos = 0;
	const struct dent *d;
	if (c->lng && !c->json) {
		struct row *rows = xreallocarray(NULL, dl->count ? dl->count : 1, sizeof *rows);
		size_t n = 0;
		while ((d = dirlist_next(dl, &pos))) {
			struct row *r = &rows[n];
			*r = (struct row){.name = d->name, .len = d->len, .type = d->type};
			if (!stat_row(c, r, fd, path))
				continue;
			measure(r, &w);
			n++;
		}
		for (size_t i = 0; i < n; i++)
			print_row(c, &rows[i], &w, fd, rows[i].name, path);
		free(rows);
	} else {
		while ((d = dirlist_next(dl, &pos))) {
			struct row r = {.name = d->name, .len = d->len, .type = d->type};
			if (need_stat(c, r.type) && !stat_row(c, &r, fd, path))
				continue;
			print_row(c, &r, &w, fd, d->name, path);
		}
	}
}

/* An operand, classified: directories are listed after the files. */
struct operand {
	const char *path;
	bool dir;
	struct row r;
};

static int operand_cmp(const void *pa, const void *pb)
{
	const struct operand *a = pa, *b = pb;
	return strcmp(a->path, b->path);
}

int listdir_main(int argc, char **argv)
{
	struct ls_cfg c = {.eol = '\n'};
	struct opts o;
	int ch;
	opts_begin(&o, &listdir_spec, argc, argv);
	while ((ch = opts_next(&o)) != -1) {
		switch (ch) {
		case 'U':
			c.unsorted = true;
			break;
		case 't':
			c.types = true;
			break;
		case 'l':
			c.lng = true;
			break;
		case 'F':
			c.classify = true;
			break;
		case '0':
			c.eol = 0;
			break;
		case OPT_JSON:
			c.json = true;
			break;
		}
	}
	c.now = time(NULL);
	char *dot[] = {".", NULL};
	char **paths = o.ind < argc ? argv + o.ind : dot;
	int n = o.ind < argc ? argc - o.ind : 1;

	/* As ls: files first, then each directory; operands sorted unless -U.
	 * Like os.listdir, a symlink to a directory is listed. */
	struct operand *ops = xcalloc((size_t)n, sizeof *ops);
	int nops = 0, nfiles = 0, ndirs = 0;
	for (int i = 0; i < n; i++) {
		struct operand *op = &ops[nops];
		op->path = paths[i];
		struct stat st;
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			op->dir = true;
			ndirs++;
			nops++;
			continue;
		}
		if (lstat(paths[i], &op->r.st) < 0) {
			warn("%s", quote_gnu(0, QUOTE_SHELL, paths[i]));
			c.status = 1;
			continue;
		}
		op->r.name = paths[i];
		op->r.len = strlen(paths[i]);
		op->r.have_st = true;
		op->r.type = IFTODT(op->r.st.st_mode);
		nfiles++;
		nops++;
	}
	if (!c.unsorted)
		qsort(ops, (size_t)nops, sizeof *ops, operand_cmp);
	struct widths w = {0};
	for (int i = 0; i < nops; i++)
		if (!ops[i].dir)
			measure(&ops[i].r, &w);
	for (int i = 0; i < nops; i++) {
		if (ops[i].dir)
			continue;
		print_row(&c, &ops[i].r, &w, AT_FDCWD, ops[i].path, NULL);
	}
	struct dirlist dl = {0};
	bool headers = n > 1;
	bool first = nfiles == 0;
	for (int i = 0; i < nops; i++) {
		if (!ops[i].dir)
			continue;
		if (headers && !c.json && c.eol == 0) {
			/* -0: a header "PATH:" would read as an entry of that
			 * name. No entry is empty, so an empty record starts
			 * each directory's block instead: what comes before the
			 * first one are the files given, then one block per
			 * directory, in operand order. */
			out_putc('\0');
		} else if (headers && !c.json) {
			if (!first)
				out_putc('\n');
			print_name(&c, ops[i].path, strlen(ops[i].path));
			out_puts(":\n");
		}
		first = false;
		list_dir(&c, ops[i].path, &dl);
	}
	dirlist_free(&dl);
	free(ops);
	return c.status;
}
