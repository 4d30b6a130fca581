/* walk: the directory engine (core/walk.c, core/dirlist.c). */
#include "osbox/walk.h"

#include "unit.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp[64];

static void setup(void)
{
	snprintf(tmp, sizeof tmp, "/tmp/osbox-test-walk.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	ck_assert_int_eq(chdir(tmp), 0);
}

static void teardown(void)
{
	ck_assert_int_eq(chdir("/"), 0);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s; rm -rf %s", tmp, tmp);
	ck_assert_int_eq(system(cmd), 0);
}

static void touch(const char *p)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n++;
	closedir(d);
	return n - 3; /* . .. and d's own */
}

/* Every event of a walk as "K path" lines, K one of D F P U E L. */
static char *events_paused(const char *root, const struct walk_opts *o, int pause_at, int *nofd);

static char *events(const char *root, const struct walk_opts *o)
{
	return events_paused(root, o, -1, NULL);
}

/* The same, sleeping half a second after event number pause_at (from 0),
 * and counting in *nofd the entries below the root's children that came
 * with no dirfd (split mode: a subtree read ahead whole). */
static char *events_paused(const char *root, const struct walk_opts *o, int pause_at, int *nofd)
{
	char *buf;
	size_t size;
	FILE *f = open_memstream(&buf, &size);
	struct walk *w = walk_open(root, o);
	const struct walk_ent *e;
	for (int n = 0; (e = walk_next(w)); n++) {
		static const char k[] = "?DFPUEL";
		if (n == pause_at)
			usleep(500000);
		if (nofd)
			*nofd += e->depth > 1 && e->dirfd == -1;
		ck_assert_uint_eq(strlen(e->path), e->pathlen);
		fprintf(f, "%c %s", k[e->kind], e->path);
		if (e->st) /* WALK_STAT: the status read ahead is the entry's */
			fprintf(f, " %llu %o %lld", (unsigned long long)e->st->st_ino,
			        (unsigned)e->st->st_mode, (long long)e->st->st_size);
		fputc('\n', f);
	}
	walk_close(w);
	fclose(f);
	return buf;
}

/* The next event, which must be of kind on path. */
static const struct walk_ent *next_is(struct walk *w, enum walk_kind kind, const char *path)
{
	const struct walk_ent *e = walk_next(w);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->kind, kind);
	ck_assert_str_eq(e->path, path);
	return e;
}

START_TEST(order_and_postorder)
{
	mkdir("r", 0755);
	mkdir("r/b", 0755);
	touch("r/a");
	touch("r/b/c");
	struct walk_opts o = {.flags = WALK_SORT};
	char *s = events("r", &o);
	ck_assert_str_eq(s, "D r\nF r/a\nD r/b\nF r/b/c\n");
	free(s);
	o.flags |= WALK_POSTORDER;
	s = events("r", &o);
	ck_assert_str_eq(s, "D r\nF r/a\nD r/b\nF r/b/c\nP r/b\nP r\n");
	free(s);
	s = events("r/a", &o);
	ck_assert_str_eq(s, "F r/a\n");
	free(s);
	s = events("nosuch", &o);
	ck_assert_str_eq(s, "E nosuch\n");
	free(s);
}
END_TEST

START_TEST(skip_and_walk_dir)
{
	mkdir("r", 0755);
	mkdir("r/b", 0755);
	touch("r/b/c");
	touch("r/b/d");
	struct walk_opts o = {.flags = WALK_SORT | WALK_POSTORDER};
	struct walk *w = walk_open("r", &o);
	const struct walk_ent *e = walk_next(w);
	ck_assert_int_eq(e->kind, WALK_DIR);
	int fd;
	const struct dirlist *dl = walk_dir(w, &fd);
	ck_assert_ptr_nonnull(dl);
	ck_assert_uint_eq(dl->count, 1);
	e = next_is(w, WALK_DIR, "r/b");
	ck_assert_int_eq(e->depth, 1);
	walk_skip(w);
	e = next_is(w, WALK_POST, "r/b"); /* skipped: its POST at once */
	e = next_is(w, WALK_POST, "r");
	dl = walk_dir(w, &fd);
	ck_assert_ptr_nonnull(dl);
	ck_assert_uint_eq(dl->count, 1);
	struct stat st;
	ck_assert_int_eq(fstatat(fd, "b", &st, 0), 0);
	ck_assert_ptr_null(walk_next(w));
	walk_close(w);

	/* walk_skip after walk_dir: the entries read are passed over */
	w = walk_open("r", &o);
	e = walk_next(w);
	ck_assert_ptr_nonnull(walk_dir(w, &fd));
	walk_skip(w);
	e = next_is(w, WALK_POST, "r");
	ck_assert_ptr_null(walk_next(w));
	walk_close(w);
}
END_TEST

/* A chain deeper than the descriptor bound: every level is visited, the
 * walk climbs back through reopened ancestors, fds stay bounded. */
START_TEST(deep_chain_bounded_fds)
{
	char path[8192] = "r";
	mkdir("r", 0755);
	for (int i = 0; i < 40; i++) {
		strcat(path, "/d");
		ck_assert_int_eq(mkdir(path, 0755), 0);
		char f[8300];
		snprintf(f, sizeof f, "%s/../f", path);
		touch(f);
	}
	/* without WALK_POSTORDER, one walk_next climbs many levels at once */
	for (int variant = 0; variant < 4; variant++) {
		bool follow = variant & 1, post = variant & 2;
		struct walk_opts o = {.flags =
		                          (post ? WALK_POSTORDER : 0) | (follow ? WALK_FOLLOW : 0),
		                      .max_fds = 3};
		int before = count_fds();
		struct walk *w = walk_open("r", &o);
		const struct walk_ent *e;
		int dirs = 0, files = 0, posts = 0, maxfds = 0;
		while ((e = walk_next(w))) {
			ck_assert_int_ne(e->kind, WALK_ERROR);
			ck_assert_int_ne(e->kind, WALK_UNREADABLE);
			dirs += e->kind == WALK_DIR;
			files += e->kind == WALK_FILE;
			posts += e->kind == WALK_POST;
			int n = count_fds() - before;
			if (n > maxfds)
				maxfds = n;
		}
		walk_close(w);
		ck_assert_int_eq(dirs, 41);
		ck_assert_int_eq(posts, post ? 41 : 0);
		ck_assert_int_eq(files, 40);
		ck_assert_int_le(maxfds, 3 + 1);
		ck_assert_int_eq(count_fds(), before);
	}
}
END_TEST

START_TEST(unreadable_and_loop)
{
	mkdir("r", 0755);
	mkdir("r/a", 0755);
	ck_assert_int_eq(symlink("..", "r/a/up"), 0);
	ck_assert_int_eq(symlink("self", "r/self"), 0);
	struct walk_opts o = {.flags = WALK_SORT | WALK_FOLLOW};
	struct walk *w = walk_open("r", &o);
	const struct walk_ent *e;
	int loops = 0, errs = 0;
	while ((e = walk_next(w))) {
		if (e->kind == WALK_LOOP) {
			loops++;
			ck_assert_str_eq(e->path, "r/a/up");
			ck_assert_uint_eq(e->loop_len, 1); /* "r" */
		}
		if (e->kind == WALK_ERROR) {
			errs++;
			ck_assert_str_eq(e->path, "r/self");
			ck_assert_int_eq(e->err, ELOOP);
		}
	}
	walk_close(w);
	ck_assert_int_eq(loops, 1);
	ck_assert_int_eq(errs, 1);
}
END_TEST

/* WALK_FOLLOW: a symlink to a directory is entered and says it was
 * followed; a dangling one is a file, a symlink still. */
START_TEST(followed_links)
{
	mkdir("r", 0755);
	mkdir("d", 0755);
	touch("d/f");
	ck_assert_int_eq(symlink("../d", "r/to"), 0);
	ck_assert_int_eq(symlink("nowhere", "r/dangling"), 0);
	struct walk_opts o = {.flags = WALK_SORT | WALK_FOLLOW};
	char *s = events("r", &o);
	ck_assert_str_eq(s, "D r\nF r/dangling\nD r/to\nF r/to/f\n");
	free(s);
	struct walk *w = walk_open("r", &o);
	const struct walk_ent *e;
	while ((e = walk_next(w))) {
		if (strcmp(e->path, "r/to") == 0)
			ck_assert(e->followed && e->type == DT_DIR);
		else if (strcmp(e->path, "r/dangling") == 0)
			ck_assert(!e->followed && e->type == DT_LNK);
		else
			ck_assert(!e->followed);
	}
	walk_close(w);
	/* Not followed, the same link is a file. */
	o.flags = WALK_SORT;
	s = events("r", &o);
	ck_assert_str_eq(s, "D r\nF r/dangling\nF r/to\n");
	free(s);
}
END_TEST

/* An entry removed between the reading of its directory and its stat is
 * passed over; a directory that cannot be read (removed before it is
 * entered) comes out as WALK_UNREADABLE, then (postorder) its WALK_POST. A root ending in '/'
 * gets no second one. */
START_TEST(gone_and_unreadable)
{
	mkdir("r", 0755);
	touch("r/a");
	touch("r/b");
	mkdir("r/gone", 0755);
	struct walk_opts o = {.flags = WALK_SORT | WALK_STAT | WALK_POSTORDER};
	struct walk *w = walk_open("r/", &o);
	const struct walk_ent *e = walk_next(w);
	ck_assert_int_eq(e->kind, WALK_DIR);
	int fd;
	ck_assert_ptr_nonnull(walk_dir(w, &fd));
	ck_assert_int_eq(unlink("r/a"), 0);
	e = walk_next(w);
	ck_assert_str_eq(e->path, "r/b");
	e = next_is(w, WALK_DIR, "r/gone");
	ck_assert_int_eq(rmdir("r/gone"), 0);
	e = walk_next(w);
	ck_assert_int_eq(e->kind, WALK_UNREADABLE);
	ck_assert_int_eq(e->err, ENOENT);
	ck_assert_str_eq(e->path, "r/gone");
	e = next_is(w, WALK_POST, "r/gone");
	e = next_is(w, WALK_POST, "r/");
	ck_assert_ptr_null(walk_next(w));
	walk_close(w);
}
END_TEST

/* A directory swapped for a symlink after it was listed is not entered
 * (O_NOFOLLOW): what chmod -R relies on. */
START_TEST(swapped_for_symlink)
{
	mkdir("r", 0755);
	mkdir("r/d", 0755);
	mkdir("outside", 0755);
	touch("outside/secret");
	struct walk_opts o = {0};
	struct walk *w = walk_open("r", &o);
	const struct walk_ent *e = walk_next(w);
	ck_assert_int_eq(e->kind, WALK_DIR);
	e = next_is(w, WALK_DIR, "r/d");
	ck_assert_int_eq(rmdir("r/d"), 0);
	ck_assert_int_eq(symlink("../outside", "r/d"), 0);
	while ((e = walk_next(w)))
		ck_assert_ptr_null(strstr(e->path, "secret"));
	walk_close(w);

	/* With WALK_STAT, swapped after its directory was read: the event
	 * says what it is now, a symlink, not a directory to enter. */
	ck_assert_int_eq(unlink("r/d"), 0);
	ck_assert_int_eq(mkdir("r/d", 0755), 0);
	o.flags = WALK_STAT;
	w = walk_open("r", &o);
	e = walk_next(w);
	ck_assert_int_eq(e->kind, WALK_DIR);
	int fd;
	ck_assert_ptr_nonnull(walk_dir(w, &fd)); /* r is read: d is a directory */
	ck_assert_int_eq(rmdir("r/d"), 0);
	ck_assert_int_eq(symlink("../outside", "r/d"), 0);
	e = walk_next(w);
	ck_assert_str_eq(e->path, "r/d");
	ck_assert_int_eq(e->kind, WALK_FILE);
	ck_assert_int_eq(e->type, DT_LNK);
	ck_assert(S_ISLNK(e->st->st_mode));
	while ((e = walk_next(w)))
		ck_assert_ptr_null(strstr(e->path, "secret"));
	walk_close(w);
}
END_TEST

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

START_TEST(sort_by_bytes)
{
	mkdir("r", 0755);
	enum { N = 3000 };
	char *names[N];
	srand(42);
	for (int i = 0; i < N; i++) {
		char n[40];
		int len = 1 + rand() % 20;
		for (int k = 0; k < len; k++)
			n[k] = (char)("abAB_.\x80\xff-0123456789"[rand() % 19]);
		n[len] = 0;
		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
			n[0] = 'z';
		char p[64];
		snprintf(p, sizeof p, "r/%s", n);
		touch(p);
		names[i] = NULL;
	}
	struct dirlist dl = {0};
	int fd = open("r", O_RDONLY | O_DIRECTORY);
	ck_assert_int_eq(dirlist_read(&dl, fd), 0);
	close(fd);
	size_t pos = 0, n = 0;
	const struct dent *d;
	while ((d = dirlist_next(&dl, &pos)))
		names[n++] = strdup(d->name);
	ck_assert_uint_eq(n, dl.count);
	qsort(names, n, sizeof *names, cmp_str);
	dirlist_sort(&dl);
	pos = 0;
	for (size_t i = 0; i < n; i++) {
		d = dirlist_next(&dl, &pos);
		ck_assert_str_eq(d->name, names[i]);
		ck_assert_uint_eq(d->len, strlen(names[i]));
		free(names[i]);
	}
	ck_assert_ptr_null(dirlist_next(&dl, &pos));
	dirlist_free(&dl);
}
END_TEST

/* A random tree under r: n entries, at most maxdirs directories (r
 * included), names d<i> and f<i>, from seed. */
static void random_tree(unsigned seed, int maxdirs, int n)
{
	srand(seed);
	mkdir("r", 0755);
	char(*dirs)[64] = calloc((size_t)maxdirs, sizeof *dirs);
	ck_assert_ptr_nonnull(dirs);
	int nd = 1;
	strcpy(dirs[0], "r");
	for (int i = 0; i < n; i++) {
		char p[160];
		char parent[64];
		strcpy(parent, dirs[rand() % nd]);
		if (nd < maxdirs && rand() % 3 == 0) {
			snprintf(dirs[nd], sizeof dirs[nd], "%.40s/d%d", parent, i);
			if (strlen(dirs[nd]) < 60 && mkdir(dirs[nd], 0755) == 0)
				nd++;
		} else {
			snprintf(p, sizeof p, "%s/f%d", parent, i);
			touch(p);
		}
	}
	free(dirs);
}

/* Worker threads read ahead; the events are exactly those of one thread,
 * skips, sorting, -L and post-order included. */
START_TEST(jobs_keep_the_order)
{
	random_tree(7, 400, 1200);
	ck_assert_int_eq(symlink(".", "r/self"), 0);
	/* WALK_WHOLE: the threads also read whole subtrees ahead (skipping
	 * below breaks its promise, which may cost reads, never events) */
	static const unsigned flagsets[] = {0,
	                                    WALK_SORT,
	                                    WALK_POSTORDER | WALK_SORT,
	                                    WALK_FOLLOW,
	                                    WALK_XDEV,
	                                    WALK_STAT | WALK_SORT,
	                                    WALK_STAT,
	                                    WALK_WHOLE,
	                                    WALK_WHOLE | WALK_SORT | WALK_POSTORDER,
	                                    WALK_WHOLE | WALK_STAT,
	                                    WALK_WHOLE | WALK_STAT | WALK_SORT,
	                                    WALK_WHOLE | WALK_FOLLOW};
	for (size_t f = 0; f < sizeof flagsets / sizeof *flagsets; f++) {
		struct walk_opts one = {.flags = flagsets[f], .jobs = 1};
		char *want = events("r", &one);
		for (int jobs = 2; jobs <= 4; jobs++) {
			struct walk_opts o = {.flags = flagsets[f], .jobs = jobs};
			char *got = events("r", &o);
			ck_assert_str_eq(got, want);
			free(got);
		}
		/* jobs 0 with every read taken as slow: the threads start after
		 * a few directories, reading ahead in the levels open then */
		struct walk_opts adaptive = {.flags = flagsets[f], .slow_ns = 1};
		char *got = events("r", &adaptive);
		ck_assert_str_eq(got, want);
		free(got);
		/* skipping every third directory */
		for (int jobs = 1; jobs <= 3; jobs += 2) {
			struct walk_opts o = {.flags = flagsets[f], .jobs = jobs};
			struct walk *w = walk_open("r", &o);
			const struct walk_ent *e;
			char *buf;
			size_t size;
			FILE *out = open_memstream(&buf, &size);
			int n = 0;
			while ((e = walk_next(w))) {
				fprintf(out, "%d %s\n", e->kind, e->path);
				if (e->kind == WALK_DIR && ++n % 3 == 0)
					walk_skip(w);
			}
			walk_close(w);
			fclose(out);
			if (jobs == 1) {
				free(want);
				want = buf;
			} else {
				ck_assert_str_eq(buf, want);
				free(buf);
			}
		}
		free(want);
	}
}
END_TEST

/* Split mode (WALK_WHOLE and WALK_NOFD): threads read whole subtrees
 * ahead into memory, the farthest first; the events are those of one
 * thread, in its order, whether the walk takes a subtree whole, catches
 * up with its worker, or goes past one that ended early (a chain deeper
 * than a worker follows); stopping half-way leaves no descriptor open. */
START_TEST(split_keeps_the_order)
{
	random_tree(11, 600, 1500);
	char deep[512] = "r/zz"; /* the last subtree in sorted order */
	ck_assert_int_eq(mkdir(deep, 0755), 0);
	for (int i = 0; i < 45; i++) { /* past a worker's depth */
		strcat(deep, "/c");
		ck_assert_int_eq(mkdir(deep, 0755), 0);
		if (i % 10 == 0) {
			char p[600];
			snprintf(p, sizeof p, "%s/sib", deep);
			ck_assert_int_eq(mkdir(p, 0755), 0);
		}
	}
	ck_assert_int_eq(symlink(".", "r/self"), 0);
	ck_assert_int_eq(mkfifo("r/fifo", 0644), 0);
	int fds = count_fds();
	static const unsigned flagsets[] = {0, WALK_SORT, WALK_POSTORDER | WALK_SORT, WALK_STAT,
	                                    WALK_STAT | WALK_SORT | WALK_POSTORDER};
	for (size_t f = 0; f < sizeof flagsets / sizeof *flagsets; f++) {
		unsigned flags = flagsets[f] | WALK_WHOLE | WALK_NOFD;
		struct walk_opts one = {.flags = flags, .jobs = 1};
		char *want = events("r", &one);
		for (int round = 0; round < 4; round++) {
			struct walk_opts o = {.flags = flags, .split = 1 + round % 3};
			char *got = events("r", &o);
			ck_assert_str_eq(got, want);
			free(got);
		}
		/* the worker given time to read the farthest subtree (sorted,
		 * the deep chain, which it leaves at its depth limit): the walk
		 * takes it whole (no descriptor under it), then reads on */
		if (f <= 1 || f == 3) {
			struct walk_opts ahead = {.flags = flags, .split = 1};
			int whole = 0;
			char *got = events_paused("r", &ahead, 1, &whole);
			ck_assert_str_eq(got, want);
			ck_assert_int_gt(whole, 0);
			free(got);
		}
		free(want);
		/* stopped after a few hundred events, the workers mid-subtree */
		for (int stop = 50; stop < 2000; stop *= 3) {
			struct walk_opts o = {.flags = flags, .split = 2};
			struct walk *w = walk_open("r", &o);
			for (int n = 0; n < stop && walk_next(w); n++)
				;
			walk_close(w);
			ck_assert_int_eq(count_fds(), fds);
		}
	}
	ck_assert_int_eq(count_fds(), fds);
}
END_TEST

/* The access time of path, which reading it as a directory moves on
 * (relatime: it is older than a day). */
static long long atime_of(const char *path)
{
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	return (long long)st.st_atim.tv_sec;
}

static void age(const char *path)
{
	struct timespec t[2] = {{.tv_sec = 1000000000}, {.tv_nsec = UTIME_OMIT}};
	ck_assert_int_eq(utimensat(AT_FDCWD, path, t, 0), 0);
}

/* Walks r to its second event (r read, the walk at r/a0 or r/a1) and
 * waits up to tries * 10 ms for the threads to read deep: whether they
 * did. No descriptor is left behind. */
static bool deep_read_ahead(const char *deep, unsigned flags, long slow_ns, int tries)
{
	age(deep);
	long long old = atime_of(deep);
	struct walk_opts o = {.flags = flags, .jobs = 3, .slow_ns = slow_ns};
	int before = count_fds();
	struct walk *w = walk_open("r", &o);
	next_is(w, WALK_DIR, "r");
	ck_assert_ptr_nonnull(walk_next(w));
	bool read = false;
	for (int i = 0; i < tries && !read; i++) {
		usleep(10000);
		read = atime_of(deep) != old;
	}
	walk_close(w);
	ck_assert_int_eq(count_fds(), before);
	return read;
}

/* WALK_WHOLE: with the walk still at the first subdirectory of the root,
 * the threads read a directory five levels down in the second, which
 * reading one level ahead never reaches; without the flag they do not.
 * When a window of their reads is fast (the cache has the tree: here
 * every read counts as fast), they stop, and the deep one stays unread
 * behind 100 directories before it. Descriptors stay bounded through
 * a deep chain, and none is left. */
START_TEST(whole_subtrees_warmed)
{
	static const char *const chain[] = {"r",        "r/a0",       "r/a0/b",
	                                    "r/a0/b/c", "r/a1",       "r/a1/b",
	                                    "r/a1/b/c", "r/a1/b/c/d", "r/a1/b/c/d/e"};
	for (size_t i = 0; i < sizeof chain / sizeof *chain; i++)
		ck_assert_int_eq(mkdir(chain[i], 0755), 0);
	const char *deep = "r/a1/b/c/d/e";
	ck_assert(deep_read_ahead(deep, WALK_WHOLE, 1, 500));
	ck_assert(deep_read_ahead(deep, WALK_WHOLE | WALK_STAT | WALK_SORT, 1, 500));
	ck_assert(!deep_read_ahead(deep, 0, 1, 30));
	ck_assert(!deep_read_ahead(deep, WALK_WHOLE | WALK_FOLLOW, 1, 30));
	/* sorted, r/m* come between r/a0 and r/z */
	for (int i = 0; i < 100; i++) {
		char p[64];
		snprintf(p, sizeof p, "r/m%03d", i);
		ck_assert_int_eq(mkdir(p, 0755), 0);
	}
	static const char *const z[] = {"r/z", "r/z/b", "r/z/b/c", "r/z/b/c/d"};
	for (size_t i = 0; i < sizeof z / sizeof *z; i++)
		ck_assert_int_eq(mkdir(z[i], 0755), 0);
	ck_assert(deep_read_ahead("r/z/b/c/d", WALK_WHOLE | WALK_SORT, 1, 500));
	ck_assert(!deep_read_ahead("r/z/b/c/d", WALK_WHOLE | WALK_SORT, 1000000000000L, 30));
	/* a chain deeper than every descriptor bound */
	char path[8192] = "q";
	mkdir("q", 0755);
	for (int i = 0; i < 60; i++) {
		strcat(path, "/d");
		ck_assert_int_eq(mkdir(path, 0755), 0);
	}
	struct walk_opts o = {.flags = WALK_WHOLE | WALK_STAT, .jobs = 3, .max_fds = 3};
	int before = count_fds(), maxfds = 0, dirs = 0;
	struct walk *w = walk_open("q", &o);
	const struct walk_ent *e;
	while ((e = walk_next(w))) {
		ck_assert_int_eq(e->kind, WALK_DIR);
		dirs++;
		int n = count_fds() - before;
		if (n > maxfds)
			maxfds = n;
	}
	walk_close(w);
	ck_assert_int_eq(dirs, 61);
	/* the walk's 3 and the one closed late, 3 jobs, 3 warming, and one
	 * being read by each of the 2 threads */
	ck_assert_int_le(maxfds, 4 + 3 + 3 + 2);
	ck_assert_int_eq(count_fds(), before);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("walk");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60); /* ext4 slows creating files where many were removed */
	tcase_add_test(tc, order_and_postorder);
	tcase_add_test(tc, skip_and_walk_dir);
	tcase_add_test(tc, deep_chain_bounded_fds);
	tcase_add_test(tc, unreadable_and_loop);
	tcase_add_test(tc, followed_links);
	tcase_add_test(tc, gone_and_unreadable);
	tcase_add_test(tc, swapped_for_symlink);
	tcase_add_test(tc, sort_by_bytes);
	tcase_add_test(tc, jobs_keep_the_order);
	tcase_add_test(tc, split_keeps_the_order);
	tcase_add_test(tc, whole_subtrees_warmed);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
