/* Path names: os.path.split, directories opened past PATH_MAX, relative
 * targets (ln -sr) and canonical names (readlink -f/-e/-m). */
#include "osbox/path.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int path_open_dir(const char *path, size_t len)
{
	if (len == 0)
		return AT_FDCWD;
	int fd = open(path[0] == '/' ? "/" : ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char name[NAME_MAX + 1];
	size_t p = 0;
	for (;;) {
		while (p < len && path[p] == '/')
			p++;
		size_t q = p;
		while (q < len && path[q] != '/')
			q++;
		if (q == p)
			break;
		if (q - p > NAME_MAX) {
			close(fd);
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(name, path + p, q - p);
		name[q - p] = 0;
		int nfd = openat(fd, name, O_PATH | O_DIRECTORY | O_CLOEXEC);
		int e = errno;
		close(fd);
		if (nfd < 0) {
			errno = e;
			return -1;
		}
		fd = nfd;
		p = q;
	}
	return fd;
}

size_t path_dirlen(const char *path)
{
	size_t end = strlen(path);
	while (end > 1 && path[end - 1] == '/')
		end--;
	while (end > 0 && path[end - 1] != '/')
		end--;
	return end;
}

int path_rmdir(const char *path)
{
	if (rmdir(path) == 0)
		return 0;
	if (errno != ENAMETOOLONG || strlen(path) < PATH_MAX)
		return -1;
	/* Too long for one call: open the parent a component at a time. */
	size_t dl = path_dirlen(path);
	int fd = path_open_dir(path, dl);
	if (fd < 0)
		return -1;
	int r = unlinkat(fd, path + dl, AT_REMOVEDIR);
	int e = errno;
	if (fd != AT_FDCWD)
		close(fd);
	errno = e;
	return r;
}

size_t path_split(const char *path, size_t len, size_t *tail)
{
	size_t i = len;
	while (i > 0 && path[i - 1] != '/')
		i--;
	*tail = i;
	/* The head keeps its slashes only when it is nothing but slashes. */
	size_t h = i;
	while (h > 0 && path[h - 1] == '/')
		h--;
	return h == 0 ? i : h;
}

/* A growing string. */
struct sbuf {
	char *s;
	size_t len, cap;
};

static int sb_reserve(struct sbuf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s)
		return -1;
	b->s = s;
	b->cap = cap;
	return 0;
}

static int sb_append(struct sbuf *b, const char *s, size_t n)
{
	if (sb_reserve(b, n) < 0)
		return -1;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
	return 0;
}

/* Appends "/comp" to an absolute name ("/" stays single). */
static int sb_push(struct sbuf *b, const char *comp, size_t n)
{
	if (!(b->len == 1 && b->s[0] == '/') && sb_append(b, "/", 1) < 0)
		return -1;
	return sb_append(b, comp, n);
}

/* Drops the last component of an absolute name ("/" stays). */
static void sb_pop(struct sbuf *b)
{
	while (b->len > 1 && b->s[b->len - 1] != '/')
		b->len--;
	if (b->len > 1)
		b->len--;
	b->s[b->len] = 0;
}

/* readlinkat into a malloc'd string of any length. */
static char *read_link(int dirfd, const char *name)
{
	size_t cap = 256;
	for (;;) {
		char *s = malloc(cap);
		if (!s)
			return NULL;
		ssize_t n = readlinkat(dirfd, name, s, cap);
		if (n < 0) {
			free(s);
			return NULL;
		}
		if ((size_t)n < cap) {
			s[n] = 0;
			return s;
		}
		free(s);
		cap *= 2;
	}
}

/* A symlink met while resolving, with what was left of the name after it.
 * Meeting the same link with the same rest twice is a loop (a link may
 * well be met twice with different rests: "l/../l/x"). As GNU readlink,
 * the first LOOP_FREE links are not noted, so that readlink -m writes
 * down the same link of a loop as GNU does. */
struct seen {
	dev_t dev;
	ino_t ino;
	size_t restlen;
	char *rest;
};

#define LOOP_FREE 20
/* Past this many links the name is called a loop whatever the rests (GNU
 * readlink -m never ends on a link such as "x -> x/y"). */
#define LINK_LIMIT 1024

struct canon {
	enum path_canon mode;
	struct sbuf out;  /* the canonical name so far */
	struct sbuf rest; /* what is left to resolve */
	/* The directory out names, while missing == 0: the path rel taken
	 * from base (AT_FDCWD or a descriptor of ours). Looking names up by
	 * a path from base costs one call per component, as GNU readlink's
	 * lookups do; when rel grows long, base moves down to it, so no
	 * call ever gets a path near PATH_MAX. */
	int base;
	struct sbuf rel;
	struct sbuf tmp; /* rel + "/" + a component */
	size_t missing;  /* components of out past the last existing directory */
	struct seen *seen;
	size_t nseen;
	size_t nlinks;
};

/* rel is rebased past this length (a component adds at most NAME_MAX+1). */
#define REL_LIMIT (PATH_MAX / 2)

static void canon_free(struct canon *c)
{
	free(c->out.s);
	free(c->rest.s);
	free(c->rel.s);
	free(c->tmp.s);
	for (size_t i = 0; i < c->nseen; i++)
		free(c->seen[i].rest);
	free(c->seen);
	if (c->base >= 0)
		close(c->base);
}

/* Notes the link st with the rest after it; returns 1 if it was seen
 * before with that rest, 2 past LINK_LIMIT, -1 on memory exhaustion. */
static int seen_before(struct canon *c, const struct stat *st, const char *rest)
{
	if (++c->nlinks <= LOOP_FREE)
		return 0;
	if (c->nlinks > LINK_LIMIT)
		return 2;
	size_t rl = strlen(rest);
	for (size_t i = 0; i < c->nseen; i++)
		if (c->seen[i].dev == st->st_dev && c->seen[i].ino == st->st_ino &&
		    c->seen[i].restlen == rl && memcmp(c->seen[i].rest, rest, rl) == 0)
			return 1;
	struct seen *s = realloc(c->seen, (c->nseen + 1) * sizeof *s);
	if (!s)
		return -1;
	c->seen = s;
	char *r = strdup(rest);
	if (!r)
		return -1;
	c->seen[c->nseen++] = (struct seen){st->st_dev, st->st_ino, rl, r};
	return 0;
}

/* Sets base and rel to start over from dirfd (AT_FDCWD with rel "/" for
 * the root, or "" for the current directory). */
static int canon_base(struct canon *c, int dirfd, const char *rel)
{
	if (c->base >= 0)
		close(c->base);
	c->base = dirfd;
	c->rel.len = 0;
	return sb_append(&c->rel, rel, strlen(rel));
}

/* Starts again from the root (for an absolute name or link target). */
static int canon_root(struct canon *c)
{
	c->missing = 0;
	c->out.len = 0;
	if (sb_append(&c->out, "/", 1) < 0)
		return -1;
	return canon_base(c, AT_FDCWD, "/");
}

/* The path of component comp (n bytes) from base, in c->tmp. */
static const char *canon_at(struct canon *c, const char *comp, size_t n)
{
	c->tmp.len = 0;
	int r = sb_append(&c->tmp, c->rel.s ? c->rel.s : "", c->rel.len);
	if (c->rel.len && c->rel.s[c->rel.len - 1] != '/')
		r |= sb_append(&c->tmp, "/", 1);
	r |= sb_append(&c->tmp, comp, n);
	return r ? NULL : c->tmp.s;
}

/* The existing directory comp of rel becomes the current one. */
static int canon_down(struct canon *c, const char *comp, size_t n)
{
	if (!canon_at(c, comp, n))
		return -1;
	struct sbuf t = c->rel;
	c->rel = c->tmp;
	c->tmp = t;
	if (c->rel.len < REL_LIMIT)
		return 0;
	int fd = openat(c->base, c->rel.s, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	return canon_base(c, fd, "");
}

/* The parent of the current directory becomes the current one. rel holds
 * no symlink, so dropping its last name is going to the parent; a rel of
 * "", or one ending in "..", gets one more "..". */
static int canon_up(struct canon *c)
{
	struct sbuf *r = &c->rel;
	if (r->len == 1 && r->s[0] == '/')
		return 0;
	size_t i = r->len;
	while (i > 0 && r->s[i - 1] != '/')
		i--;
	bool dotdot = r->len - i == 2 && r->s[i] == '.' && r->s[i + 1] == '.';
	if (r->len > 0 && !dotdot) {
		r->len = i > 1 ? i - 1 : i; /* keep a leading "/" */
		r->s[r->len] = 0;
		return 0;
	}
	return canon_down(c, "..", 2);
}

/* Appends a component that does not exist (or is not a directory): from
 * here on the name is only written down, not looked up. */
static int canon_missing(struct canon *c, const char *comp, size_t n)
{
	c->missing++;
	return sb_push(&c->out, comp, n);
}

/* Resolves c->rest. Returns 0, or -1 with errno set. */
static int canon_run(struct canon *c)
{
	size_t p = 0;
	for (;;) {
		const char *r = c->rest.s;
		size_t len = c->rest.len;
		while (p < len && r[p] == '/')
			p++;
		if (p == len)
			return 0;
		size_t q = p;
		while (q < len && r[q] != '/')
			q++;
		size_t n = q - p;
		/* more: another component follows ("." and ".." count);
		 * slash: the name goes on with a slash, so this one must be a
		 * directory. */
		size_t after = q;
		while (after < len && r[after] == '/')
			after++;
		bool more = after < len;
		bool slash = q < len;
		if (c->missing > 0 && c->mode != CANON_MISSING) {
			/* Cannot happen (a missing component is allowed only
			 * last, but for -m): kept as a guard. */
			errno = ENOENT;
			return -1;
		}
		if (n == 1 && r[p] == '.') {
			p = q;
			continue;
		}
		if (n == 2 && r[p] == '.' && r[p + 1] == '.') {
			if (c->missing > 0)
				c->missing--;
			else if (canon_up(c) < 0)
				return -1;
			sb_pop(&c->out);
			p = q;
			continue;
		}
		if (c->missing > 0) {
			if (canon_missing(c, r + p, n) < 0)
				return -1;
			p = q;
			continue;
		}
		struct stat st;
		int e = 0;
		const char *at = NULL;
		if (n > NAME_MAX)
			e = ENAMETOOLONG;
		else if (!(at = canon_at(c, r + p, n)))
			return -1;
		else if (fstatat(c->base, at, &st, AT_SYMLINK_NOFOLLOW) < 0)
			e = errno;
		if (e) {
			bool ok = c->mode == CANON_MISSING ||
			          (c->mode == CANON_ALL_BUT_LAST && e == ENOENT && !more);
			if (!ok) {
				errno = e;
				return -1;
			}
			if (canon_missing(c, r + p, n) < 0)
				return -1;
			p = q;
			continue;
		}
		if (S_ISLNK(st.st_mode)) {
			int seen = seen_before(c, &st, r + q);
			if (seen < 0)
				return -1;
			if (seen) {
				/* GNU readlink -m writes a looping link down as
				 * it stands; -f and -e fail. */
				if (c->mode != CANON_MISSING || seen == 2) {
					errno = ELOOP;
					return -1;
				}
				if (canon_missing(c, r + p, n) < 0)
					return -1;
				p = q;
				continue;
			}
			char *target = read_link(c->base, at);
			if (!target)
				return -1;
			/* rest = target + what followed the link */
			struct sbuf nr = {0};
			size_t tl = strlen(target);
			if (tl == 0) {
				free(target);
				errno = ENOENT;
				return -1;
			}
			if (sb_append(&nr, target, tl) < 0 || sb_append(&nr, r + q, len - q) < 0) {
				free(target);
				free(nr.s);
				return -1;
			}
			free(c->rest.s);
			c->rest = nr;
			p = 0;
			if (target[0] == '/' && canon_root(c) < 0) {
				free(target);
				return -1;
			}
			free(target);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (sb_push(&c->out, r + p, n) < 0)
				return -1;
			if (!more)
				return 0; /* the last component: nothing more */
			if (canon_down(c, r + p, n) < 0)
				return -1;
			p = q;
			continue;
		}
		/* Neither a directory nor a link: only the last component may
		 * be one, and not with a slash after it. */
		if ((more || slash) && c->mode != CANON_MISSING) {
			errno = ENOTDIR;
			return -1;
		}
		if (canon_missing(c, r + p, n) < 0)
			return -1;
		p = q;
	}
}

char *path_canonical(const char *path, enum path_canon mode)
{
	if (!*path) {
		errno = ENOENT;
		return NULL;
	}
	struct canon c = {.mode = mode, .base = AT_FDCWD};
	int r;
	if (path[0] == '/') {
		r = canon_root(&c);
	} else {
		char *cwd = getcwd(NULL, 0);
		r = cwd ? sb_append(&c.out, cwd, strlen(cwd)) : -1;
		free(cwd);
		if (r == 0)
			r = canon_base(&c, AT_FDCWD, "");
	}
	if (r == 0)
		r = sb_append(&c.rest, path, strlen(path));
	if (r == 0)
		r = canon_run(&c);
	if (r < 0) {
		int e = errno;
		canon_free(&c);
		errno = e;
		return NULL;
	}
	char *out = c.out.s;
	c.out.s = NULL;
	canon_free(&c);
	return out;
}

char *path_relative(const char *target, const char *dir)
{
	/* The longest common run of whole components. */
	size_t common = 0, i = 0;
	for (;;) {
		bool tend = target[i] == 0 || target[i] == '/';
		bool dend = dir[i] == 0 || dir[i] == '/';
		if (tend && dend) {
			common = i;
			if (!target[i] || !dir[i])
				break;
		}
		if (target[i] != dir[i] || !target[i])
			break;
		i++;
	}
	/* Each component of dir past the common part is one "..". */
	struct sbuf b = {0};
	const char *d = dir + common;
	int r = 0;
	while (*d) {
		while (*d == '/')
			d++;
		if (!*d)
			break;
		r |= sb_append(&b, b.len ? "/.." : "..", b.len ? 3 : 2);
		while (*d && *d != '/')
			d++;
	}
	const char *t = target + common;
	while (*t == '/')
		t++;
	if (*t) {
		if (b.len)
			r |= sb_append(&b, "/", 1);
		r |= sb_append(&b, t, strlen(t));
	}
	if (!b.len)
		r |= sb_append(&b, ".", 1);
	if (r) {
		free(b.s);
		return NULL;
	}
	return b.s;
}
