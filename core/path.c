/* Path names: os.path.split, directories opened past PATH_MAX, relative
 * targets (ln -sr) and canonical names (readlink -f/-e/-m). */
#include "osbox/path.h"
#include "osbox/buf.h"
#include "osbox/xalloc.h"

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

/* Appends "/comp" to an absolute name ("/" stays single). */
static void name_push(struct buf *b, const char *comp, size_t n)
{
	if (!(b->len == 1 && b->p[0] == '/'))
		buf_putc(b, '/');
	buf_write(b, comp, n);
}

/* Drops the last component of an absolute name ("/" stays). */
static void name_pop(struct buf *b)
{
	size_t len = b->len;
	while (len > 1 && b->p[len - 1] != '/')
		len--;
	if (len > 1)
		len--;
	buf_truncate(b, len);
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
	struct buf out;  /* the canonical name so far */
	struct buf rest; /* what is left to resolve */
	struct buf link; /* a link's target, then the next rest */
	/* The directory out names, while missing == 0: the path rel taken
	 * from base (AT_FDCWD or a descriptor of ours). Looking names up by
	 * a path from base costs one call per component, as GNU readlink's
	 * lookups do; when rel grows long, base moves down to it, so no
	 * call ever gets a path near PATH_MAX. */
	int base;
	struct buf rel;
	struct buf tmp; /* rel + "/" + a component */
	size_t missing; /* components of out past the last existing directory */
	struct seen *seen;
	size_t nseen;
	size_t nlinks;
};

/* rel is rebased past this length (a component adds at most NAME_MAX+1). */
#define REL_LIMIT (PATH_MAX / 2)

static void canon_free(struct canon *c)
{
	buf_free(&c->out);
	buf_free(&c->rest);
	buf_free(&c->link);
	buf_free(&c->rel);
	buf_free(&c->tmp);
	for (size_t i = 0; i < c->nseen; i++)
		free(c->seen[i].rest);
	free(c->seen);
	if (c->base >= 0)
		close(c->base);
}

/* Notes the link st with the rest after it; returns 1 if it was seen
 * before with that rest, 2 past LINK_LIMIT, else 0. */
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
	c->seen = xreallocarray(c->seen, c->nseen + 1, sizeof *c->seen);
	c->seen[c->nseen++] = (struct seen){st->st_dev, st->st_ino, rl, xstrdup(rest)};
	return 0;
}

/* Sets base and rel to start over from dirfd (AT_FDCWD with rel "/" for
 * the root, or "" for the current directory). */
static void canon_base(struct canon *c, int dirfd, const char *rel)
{
	if (c->base >= 0)
		close(c->base);
	c->base = dirfd;
	buf_truncate(&c->rel, 0);
	buf_puts(&c->rel, rel);
}

/* Starts again from the root (for an absolute name or link target). */
static void canon_root(struct canon *c)
{
	c->missing = 0;
	buf_truncate(&c->out, 0);
	buf_putc(&c->out, '/');
	canon_base(c, AT_FDCWD, "/");
}

/* The path of component comp (n bytes) from base, in c->tmp. */
static const char *canon_at(struct canon *c, const char *comp, size_t n)
{
	buf_truncate(&c->tmp, 0);
	buf_write(&c->tmp, buf_str(&c->rel), c->rel.len);
	if (c->rel.len && c->rel.p[c->rel.len - 1] != '/')
		buf_putc(&c->tmp, '/');
	buf_write(&c->tmp, comp, n);
	return c->tmp.p;
}

/* The existing directory comp of rel becomes the current one. */
static int canon_down(struct canon *c, const char *comp, size_t n)
{
	canon_at(c, comp, n);
	struct buf t = c->rel;
	c->rel = c->tmp;
	c->tmp = t;
	if (c->rel.len < REL_LIMIT)
		return 0;
	int fd = openat(c->base, c->rel.p, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	canon_base(c, fd, "");
	return 0;
}

/* The parent of the current directory becomes the current one. rel holds
 * no symlink, so dropping its last name is going to the parent; a rel of
 * "", or one ending in "..", gets one more "..". */
static int canon_up(struct canon *c)
{
	struct buf *r = &c->rel;
	if (r->len == 1 && r->p[0] == '/')
		return 0;
	size_t i = r->len;
	while (i > 0 && r->p[i - 1] != '/')
		i--;
	bool dotdot = r->len - i == 2 && r->p[i] == '.' && r->p[i + 1] == '.';
	if (r->len > 0 && !dotdot) {
		buf_truncate(r, i > 1 ? i - 1 : i); /* keep a leading "/" */
		return 0;
	}
	return canon_down(c, "..", 2);
}

/* Appends a component that does not exist (or is not a directory): from
 * here on the name is only written down, not looked up. */
static void canon_missing(struct canon *c, const char *comp, size_t n)
{
	c->missing++;
	name_push(&c->out, comp, n);
}

/* One component of rest: n bytes at p, up to q. more: another component
 * follows ("." and ".." count); slash: the name goes on with a slash, so
 * this one must be a directory. */
struct comp {
	size_t p, q, n;
	bool more, slash;
};

/* The component of c->rest at or after p; false when none is left. */
static bool canon_next(const struct canon *c, size_t p, struct comp *k)
{
	const char *r = c->rest.p;
	size_t len = c->rest.len;
	while (p < len && r[p] == '/')
		p++;
	if (p == len)
		return false;
	size_t q = p;
	while (q < len && r[q] != '/')
		q++;
	size_t after = q;
	while (after < len && r[after] == '/')
		after++;
	*k = (struct comp){.p = p, .q = q, .n = q - p, .more = after < len, .slash = q < len};
	return true;
}

/* What one step of the resolution leads to. */
enum step {
	STEP_NEXT,    /* on with the next component */
	STEP_RESTART, /* rest was replaced by a link's target: from its start */
	STEP_DONE,    /* the name is resolved */
	STEP_FAIL,    /* errno says why */
};

/* The component k is a symlink (st, at from base): its target, followed by
 * what came after it, becomes the rest. */
static enum step canon_link(struct canon *c, const struct comp *k, const struct stat *st,
                            const char *at)
{
	const char *r = c->rest.p;
	int seen = seen_before(c, st, r + k->q);
	if (seen) {
		/* GNU readlink -m writes a looping link down as it stands;
		 * -f and -e fail. */
		if (c->mode != CANON_MISSING || seen == 2) {
			errno = ELOOP;
			return STEP_FAIL;
		}
		canon_missing(c, r + k->p, k->n);
		return STEP_NEXT;
	}
	if (buf_readlinkat(&c->link, c->base, at) < 0)
		return STEP_FAIL;
	if (c->link.len == 0) {
		errno = ENOENT;
		return STEP_FAIL;
	}
	bool absolute = c->link.p[0] == '/';
	buf_write(&c->link, r + k->q, c->rest.len - k->q);
	struct buf t = c->rest;
	c->rest = c->link;
	c->link = t;
	if (absolute)
		canon_root(c);
	return STEP_RESTART;
}

/* The component k, from a directory that exists: looked up. */
static enum step canon_lookup(struct canon *c, const struct comp *k)
{
	const char *name = c->rest.p + k->p;
	struct stat st;
	int e = 0;
	const char *at = NULL;
	if (k->n > NAME_MAX)
		e = ENAMETOOLONG;
	else if (fstatat(c->base, at = canon_at(c, name, k->n), &st, AT_SYMLINK_NOFOLLOW) < 0)
		e = errno;
	if (e) {
		bool ok = c->mode == CANON_MISSING ||
		          (c->mode == CANON_ALL_BUT_LAST && e == ENOENT && !k->more);
		if (!ok) {
			errno = e;
			return STEP_FAIL;
		}
		canon_missing(c, name, k->n);
		return STEP_NEXT;
	}
	if (S_ISLNK(st.st_mode))
		return canon_link(c, k, &st, at);
	if (S_ISDIR(st.st_mode)) {
		name_push(&c->out, name, k->n);
		if (!k->more)
			return STEP_DONE; /* the last component: nothing more */
		return canon_down(c, name, k->n) < 0 ? STEP_FAIL : STEP_NEXT;
	}
	/* Neither a directory nor a link: only the last component may be
	 * one, and not with a slash after it. */
	if ((k->more || k->slash) && c->mode != CANON_MISSING) {
		errno = ENOTDIR;
		return STEP_FAIL;
	}
	canon_missing(c, name, k->n);
	return STEP_NEXT;
}

/* One component: ".", "..", one past a missing one, or one to look up. */
static enum step canon_step(struct canon *c, const struct comp *k)
{
	const char *name = c->rest.p + k->p;
	if (c->missing > 0 && c->mode != CANON_MISSING) {
		/* Cannot happen (a missing component is allowed only last,
		 * but for -m): kept as a guard. */
		errno = ENOENT;
		return STEP_FAIL;
	}
	if (k->n == 1 && name[0] == '.')
		return STEP_NEXT;
	if (k->n == 2 && name[0] == '.' && name[1] == '.') {
		if (c->missing > 0)
			c->missing--;
		else if (canon_up(c) < 0)
			return STEP_FAIL;
		name_pop(&c->out);
		return STEP_NEXT;
	}
	if (c->missing > 0) {
		canon_missing(c, name, k->n);
		return STEP_NEXT;
	}
	return canon_lookup(c, k);
}

/* Resolves c->rest. Returns 0, or -1 with errno set. */
static int canon_run(struct canon *c)
{
	struct comp k;
	size_t p = 0;
	while (canon_next(c, p, &k)) {
		switch (canon_step(c, &k)) {
		case STEP_NEXT:
			p = k.q;
			break;
		case STEP_RESTART:
			p = 0;
			break;
		case STEP_DONE:
			return 0;
		case STEP_FAIL:
			return -1;
		}
	}
	return 0;
}

char *path_canonical(const char *path, enum path_canon mode)
{
	if (!*path) {
		errno = ENOENT;
		return NULL;
	}
	struct canon c = {.mode = mode, .base = AT_FDCWD};
	int r = 0;
	if (path[0] == '/') {
		canon_root(&c);
	} else {
		char *cwd = getcwd(NULL, 0);
		if (cwd)
			buf_puts(&c.out, cwd);
		else
			r = -1;
		free(cwd);
		canon_base(&c, AT_FDCWD, "");
	}
	buf_puts(&c.rest, path);
	if (r == 0)
		r = canon_run(&c);
	if (r < 0) {
		int e = errno;
		canon_free(&c);
		errno = e;
		return NULL;
	}
	char *out = buf_take(&c.out);
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
	struct buf b = {0};
	const char *d = dir + common;
	while (*d) {
		while (*d == '/')
			d++;
		if (!*d)
			break;
		buf_puts(&b, b.len ? "/.." : "..");
		while (*d && *d != '/')
			d++;
	}
	const char *t = target + common;
	while (*t == '/')
		t++;
	if (*t) {
		if (b.len)
			buf_putc(&b, '/');
		buf_puts(&b, t);
	}
	if (!b.len)
		buf_putc(&b, '.');
	return buf_take(&b);
}
