/* walk's filters (see filter.h). Each test reads the entry as the walk
 * gives it: walk_ent.st is the lstat of an entry, or its target's stat
 * where a symlink is followed (the root always, everything with -L), which
 * is the view GNU find -H and -L give their tests. */
#include "walk/filter.h"
#include "osbox/ftype.h"
#include "osbox/mode.h"
#include "osbox/opts.h"
#include "osbox/owner.h"
#include "osbox/quote.h"
#include "osbox/xalloc.h"

#include <ctype.h>
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DAY 86400

/* One value of a test. cmp is find's n, +n, -n: '=', '+' or '-'. */
struct wf_value {
	union {
		const char *glob;
		struct {
			char cmp;
			uintmax_t n;
			uintmax_t unit; /* --size: bytes per unit */
		} num;
		struct {
			char cmp;
			double n;     /* days or minutes, as given */
			double ref_s; /* the reference time, set by wfilter_start */
			double ref_ns;
		} time;
		struct {
			const char *file;
			struct timespec mtime; /* set by wfilter_start */
		} newer;
		struct {
			char how;         /* '=' exactly, '-' all of, '/' any of */
			mode_t file, dir; /* the bits, for a non-directory and a directory */
		} perm;
		uid_t uid;
		gid_t gid;
	};
};

void wfilter_init(struct wfilter *f, int *status)
{
	memset(f, 0, sizeof *f);
	f->first = -1;
	f->status = status;
}

static struct wf_value *new_value(struct wfilter *f, enum wf_kind kind)
{
	size_t n = f->kind[kind].n;
	f->kind[kind].v = xreallocarray(f->kind[kind].v, n + 1, sizeof *f->kind[kind].v);
	f->kind[kind].n = n + 1;
	struct wf_value *v = &f->kind[kind].v[n];
	memset(v, 0, sizeof *v);
	return v;
}

static const char *q(const char *s)
{
	return quote_gnu(0, QUOTE_SHELL_ALWAYS, s);
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
			            "--type: unknown type %s (use f, d, l, p, s, c, b, separated "
			            "by commas)",
			            q(s));
		bits |= 1u << dt;
	}
	if (!bits)
		usage_error(o, "--type: no type given (use f, d, l, p, s, c, b)");
	return bits;
}

/* find's +n, -n or n: the sign into *cmp; the rest is returned. */
static const char *take_cmp(const char *s, char *cmp)
{
	*cmp = '=';
	if (*s == '+' || *s == '-')
		*cmp = *s++;
	return s;
}

/* A decimal number, all of s; false when s is not one or is too large. */
static bool parse_uint(const char *s, uintmax_t *v)
{
	if (!isdigit((unsigned char)*s))
		return false;
	char *end;
	errno = 0;
	*v = strtoumax(s, &end, 10);
	return !*end && !errno;
}

static void parse_size(const struct opts *o, struct wf_value *v, const char *arg)
{
	const char *s = take_cmp(arg, &v->num.cmp);
	size_t len = strlen(s);
	v->num.unit = 512;
	char digits[len + 1];
	memcpy(digits, s, len + 1);
	if (len > 0 && !isdigit((unsigned char)s[len - 1])) {
		switch (s[len - 1]) {
		case 'b':
			v->num.unit = 512;
			break;
		case 'c':
			v->num.unit = 1;
			break;
		case 'w':
			v->num.unit = 2;
			break;
		case 'k':
			v->num.unit = 1024;
			break;
		case 'M':
			v->num.unit = 1024 * 1024;
			break;
		case 'G':
			v->num.unit = 1024 * 1024 * 1024;
			break;
		default:
			usage_error(o,
			            "--size: invalid size %s (a number, then b, c, w, k, M or G)",
			            q(arg));
		}
		digits[len - 1] = 0;
	}
	if (!parse_uint(digits, &v->num.n))
		usage_error(o, "--size: invalid size %s (a number, then b, c, w, k, M or G)",
		            q(arg));
}

static void parse_count(const struct opts *o, struct wf_value *v, const char *opt, const char *arg)
{
	const char *s = take_cmp(arg, &v->num.cmp);
	v->num.unit = 1;
	if (!parse_uint(s, &v->num.n))
		usage_error(o, "%s: invalid number %s ([+-]N, N a decimal number)", opt, q(arg));
}

/* find reads the number of days or minutes as a floating-point number
 * (strtod: "1.5" and "2e1" are numbers too). */
static void parse_time(const struct opts *o, struct wf_value *v, const char *opt, const char *arg)
{
	const char *s = take_cmp(arg, &v->time.cmp);
	char *end;
	errno = 0;
	double n = strtod(s, &end);
	if (end == s || *end || isnan(n))
		usage_error(o, "%s: invalid number %s ([+-]N, N a number)", opt, q(arg));
	v->time.n = n;
}

static void parse_perm(const struct opts *o, struct wf_value *v, const char *arg)
{
	const char *m = arg;
	v->perm.how = '=';
	if (*m == '-' || *m == '/')
		v->perm.how = *m++;
	struct mode_spec spec;
	/* "+MODE" was find's "any of these bits" until 4.5.12, which now
	 * refuses a number there rather than read it as a symbolic mode */
	bool old_plus = v->perm.how == '=' && m[0] == '+' && m[1] >= '0' && m[1] <= '7';
	if (old_plus || !*m || !mode_compile(m, &spec))
		usage_error(o,
		            "--perm: invalid mode %s (octal or symbolic as chmod's, after - for "
		            "all of its bits or / for any)",
		            q(arg));
	/* as find: the mode applied to no bits at all, umask not heeded; X
	 * makes the bits of a directory differ from those of a file */
	v->perm.file = mode_apply(&spec, 0, false, 0, NULL);
	v->perm.dir = mode_apply(&spec, 0, true, 0, NULL);
	mode_free(&spec);
}

/* A user or group: a name first, else a number, as find. */
static bool parse_id(const char *s, uintmax_t *id)
{
	return parse_uint(s, id) && *id < (uintmax_t)(uid_t)-1;
}

static void parse_user(const struct opts *o, struct wf_value *v, const char *arg)
{
	struct passwd *pw = *arg ? getpwnam(arg) : NULL;
	uintmax_t id;
	if (pw)
		v->uid = pw->pw_uid;
	else if (parse_id(arg, &id))
		v->uid = (uid_t)id;
	else
		usage_error(o, "--user: unknown user %s (a user name or ID)", q(arg));
}

static void parse_group(const struct opts *o, struct wf_value *v, const char *arg)
{
	struct group *gr = *arg ? getgrnam(arg) : NULL;
	uintmax_t id;
	if (gr)
		v->gid = gr->gr_gid;
	else if (parse_id(arg, &id))
		v->gid = (gid_t)id;
	else
		usage_error(o, "--group: unknown group %s (a group name or ID)", q(arg));
}

void wfilter_add(struct wfilter *f, const struct opts *o, enum wf_kind kind, const char *opt,
                 const char *arg)
{
	if (f->first < 0)
		f->first = kind;
	if (kind == WF_TYPE) {
		f->types |= parse_types(o, arg);
		return;
	}
	if (!arg && f->kind[kind].n)
		return; /* --empty twice is --empty */
	struct wf_value *v = new_value(f, kind);
	switch (kind) {
	case WF_NAME:
	case WF_INAME:
	case WF_PATH:
	case WF_IPATH:
		v->glob = arg;
		break;
	case WF_SIZE:
		parse_size(o, v, arg);
		break;
	case WF_LINKS:
	case WF_INUM:
		parse_count(o, v, opt, arg);
		break;
	case WF_MTIME:
	case WF_ATIME:
	case WF_CTIME:
	case WF_MMIN:
	case WF_AMIN:
	case WF_CMIN:
		parse_time(o, v, opt, arg);
		break;
	case WF_NEWER:
		v->newer.file = arg;
		break;
	case WF_PERM:
		parse_perm(o, v, arg);
		break;
	case WF_USER:
		parse_user(o, v, arg);
		break;
	case WF_GROUP:
		parse_group(o, v, arg);
		break;
	default: /* the tests without an argument */
		break;
	}
}

/* find's reference time for a time test: "now" less n units, from an
 * origin of a day ago for days (plus a day less a second for -n), of now
 * for minutes; the whole seconds and the fraction apart, as find keeps
 * them. The tests then compare the file's time with it (time_matches). */
static void set_reftime(struct wf_value *v, enum wf_kind kind, struct timespec now)
{
	bool days = kind == WF_MTIME || kind == WF_ATIME || kind == WF_CTIME;
	double unit = days ? DAY : 60;
	double origin_s = (double)now.tv_sec, origin_ns = (double)now.tv_nsec;
	if (days) {
		origin_s -= DAY;
		if (v->time.cmp == '-')
			origin_s += DAY - 1;
	}
	double secs;
	double ns = modf(v->time.n * unit, &secs) * 1e9;
	v->time.ref_s = origin_s - secs;
	v->time.ref_ns = trunc(origin_ns - ns);
	if (origin_ns < ns) {
		v->time.ref_ns += 1e9;
		v->time.ref_s -= 1;
	}
}

void wfilter_start(struct wfilter *f)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	for (int k = WF_MTIME; k <= WF_CMIN; k++)
		for (size_t i = 0; i < f->kind[k].n; i++)
			set_reftime(&f->kind[k].v[i], k, now);
	for (size_t i = 0; i < f->kind[WF_NEWER].n; i++) {
		struct wf_value *v = &f->kind[WF_NEWER].v[i];
		struct stat st;
		/* find -H and -L: a symlink is followed; a dangling one is
		 * itself the reference */
		int r = stat(v->newer.file, &st);
		if (r < 0 && errno == ENOENT) {
			struct stat lst;
			if (lstat(v->newer.file, &lst) == 0 && S_ISLNK(lst.st_mode)) {
				st = lst;
				r = 0;
			} else {
				errno = ENOENT;
			}
		}
		if (r < 0)
			err(1, "%s", quote_gnu(0, QUOTE_SHELL, v->newer.file));
		v->newer.mtime = st.st_mtim;
	}
}

bool wfilter_active(const struct wfilter *f)
{
	if (f->types)
		return true;
	for (int k = 0; k < WF_NKINDS; k++)
		if (f->kind[k].n)
			return true;
	return false;
}

bool wfilter_needs_fd(const struct wfilter *f)
{
	for (int k = WF_EMPTY; k <= WF_EXECUTABLE; k++)
		if (f->kind[k].n)
			return true;
	return false;
}

bool wfilter_needs_stat(const struct wfilter *f)
{
	for (int k = WF_SIZE; k <= WF_EMPTY; k++)
		if (f->kind[k].n)
			return true;
	return false;
}

const char *wfilter_entry_name(const struct walk_ent *e, char *buf, size_t size)
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

/* The character set of the environment's locale, made once: find runs
 * in it (setlocale(LC_ALL, "")), so "?" is one character of UTF-8 there. */
static locale_t glob_locale(void)
{
	static locale_t loc;
	if (!loc) {
		loc = newlocale(LC_CTYPE_MASK, "", (locale_t)0);
		if (!loc)
			loc = newlocale(LC_CTYPE_MASK, "C", (locale_t)0);
	}
	return loc;
}

bool wfilter_glob(const char *glob, const char *s, bool casefold)
{
	locale_t loc = glob_locale();
	locale_t old = loc ? uselocale(loc) : (locale_t)0;
	bool m = fnmatch(glob, s, casefold ? FNM_CASEFOLD : 0) == 0;
	if (old)
		uselocale(old);
	return m;
}

static bool cmp_num(char cmp, uintmax_t have, uintmax_t want)
{
	return cmp == '+' ? have > want : cmp == '-' ? have < want : have == want;
}

static bool time_matches(const struct wf_value *v, struct timespec t, double window)
{
	double delta =
	    ((double)t.tv_sec - v->time.ref_s) + ((double)t.tv_nsec - v->time.ref_ns) / 1e9;
	switch (v->time.cmp) {
	case '+':
		return delta < 0;
	case '-':
		return delta > 0;
	default:
		return delta > 0 && delta <= window;
	}
}

static bool timespec_after(struct timespec a, struct timespec b)
{
	return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

static bool perm_matches(const struct wf_value *v, mode_t mode)
{
	mode_t want = S_ISDIR(mode) ? v->perm.dir : v->perm.file;
	mode &= MODE_BITS;
	switch (v->perm.how) {
	case '-':
		return (mode & want) == want;
	case '/':
		return want == 0 || (mode & want) != 0;
	default:
		return mode == want;
	}
}

/* A directory with no entries. Read through the walk when it enters the
 * directory anyway (no second reading; an error is then the walk's to
 * report), else on its own, as find does. */
static bool dir_empty(const struct wfilter *f, const struct walk_ent *e)
{
	if (f->walk) {
		int fd;
		const struct dirlist *dl = walk_dir(f->walk, &fd);
		if (dl)
			return dl->count == 0;
		if (errno != EINVAL && errno != EXDEV)
			return false;
	}
	bool follow = e->depth == 0 || e->followed;
	int fd = openat(e->dirfd, e->atname,
	                O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	if (!d) {
		/* a directory not entered (pruned, beyond --max-depth, on
		 * another file system): its error is ours to report; after
		 * its contents (--bottom-up), the walk reported it already */
		if (e->kind == WALK_DIR) {
			warn("%s", quote_gnu(0, QUOTE_SHELL, e->path));
			*f->status = 1;
		}
		if (fd >= 0)
			close(fd);
		return false;
	}
	bool empty = true;
	struct dirent *de;
	while (empty && (de = readdir(d)))
		empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
	closedir(d);
	return empty;
}

static bool test(const struct wfilter *f, enum wf_kind k, const struct wf_value *v,
                 const struct walk_ent *e, const char *name)
{
	const struct stat *st = e->st;
	switch (k) {
	case WF_NAME:
	case WF_INAME:
		return wfilter_glob(v->glob, name, k == WF_INAME);
	case WF_PATH:
	case WF_IPATH:
		return wfilter_glob(v->glob, e->path, k == WF_IPATH);
	case WF_SIZE: {
		uintmax_t size = st->st_size > 0 ? (uintmax_t)st->st_size : 0;
		uintmax_t units = size / v->num.unit + (size % v->num.unit != 0);
		return cmp_num(v->num.cmp, units, v->num.n);
	}
	case WF_MTIME:
		return time_matches(v, st->st_mtim, DAY);
	case WF_ATIME:
		return time_matches(v, st->st_atim, DAY);
	case WF_CTIME:
		return time_matches(v, st->st_ctim, DAY);
	case WF_MMIN:
		return time_matches(v, st->st_mtim, 60);
	case WF_AMIN:
		return time_matches(v, st->st_atim, 60);
	case WF_CMIN:
		return time_matches(v, st->st_ctim, 60);
	case WF_NEWER:
		return timespec_after(st->st_mtim, v->newer.mtime);
	case WF_PERM:
		return perm_matches(v, st->st_mode);
	case WF_USER:
		return st->st_uid == v->uid;
	case WF_GROUP:
		return st->st_gid == v->gid;
	case WF_NOUSER:
		return !owner_user_name(st->st_uid);
	case WF_NOGROUP:
		return !owner_group_name(st->st_gid);
	case WF_LINKS:
		return cmp_num(v->num.cmp, st->st_nlink, v->num.n);
	case WF_INUM:
		return cmp_num(v->num.cmp, st->st_ino, v->num.n);
	case WF_EMPTY:
		if (S_ISREG(st->st_mode))
			return st->st_size == 0;
		return S_ISDIR(st->st_mode) && dir_empty(f, e);
	/* access(2) with the real ids, following a symlink, as find */
	case WF_READABLE:
		return faccessat(e->dirfd, e->atname, R_OK, 0) == 0;
	case WF_WRITABLE:
		return faccessat(e->dirfd, e->atname, W_OK, 0) == 0;
	case WF_EXECUTABLE:
		return faccessat(e->dirfd, e->atname, X_OK, 0) == 0;
	default:
		return true;
	}
}

bool wfilter_match(const struct wfilter *f, const struct walk_ent *e)
{
	if (e->depth < f->min_depth)
		return false;
	if (f->types && !(f->types & (1u << e->type)))
		return false;
	char buf[NAME_MAX + 1];
	const char *name = NULL;
	for (int k = WF_NAME; k < WF_NKINDS; k++) {
		size_t n = f->kind[k].n;
		if (!n)
			continue;
		if (k >= WF_SIZE && k <= WF_EMPTY && !e->st)
			return false; /* not examined: nothing to test */
		if ((k == WF_NAME || k == WF_INAME) && !name)
			name = wfilter_entry_name(e, buf, sizeof buf);
		bool any = false;
		for (size_t i = 0; i < n && !any; i++)
			any = test(f, k, &f->kind[k].v[i], e, name);
		if (!any)
			return false;
	}
	return true;
}

void wfilter_free(struct wfilter *f)
{
	for (int k = 0; k < WF_NKINDS; k++)
		free(f->kind[k].v);
	memset(f->kind, 0, sizeof f->kind);
}
