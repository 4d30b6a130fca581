/* Reading a whole directory through its descriptor (see walk.h).
 *
 * getdents64(2) fills a large buffer with linux_dirent64 records; they are
 * copied, packed (d_ino, name length, d_type, name), into one growing
 * buffer per directory, so a directory costs about its names' bytes and
 * no allocation per entry. */
#include "osbox/walk.h"

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The kernel's record (getdents64(2)); glibc has no public type for it. */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct dsort {
	uint64_t key; /* the name's first 8 bytes, big-endian: most comparisons end here */
	const struct dent *d;
};

#define DENT_HDR offsetof(struct dent, name)
#define ALIGN8(n) (((n) + 7) & ~(size_t)7)

/* Big enough that one call reads most directories whole; each thread has
 * its own, so worker threads read in parallel. */
#define GETDENTS_BUF (64 * 1024)
static __thread char getdents_buf[GETDENTS_BUF] __attribute__((aligned(8)));

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		err(1, "out of memory");
	return p;
}

/* ext4 and btrfs (with 64-bit hashes, as getdents64 gets them) mark the
 * end of a directory by setting the position after the last entry, the
 * last record's d_off, to INT64_MAX: no position can follow it. Seeing it
 * spares the call that would return 0, a quarter of a walk's syscalls. */
#define DOFF_END INT64_MAX

int dirlist_read(struct dirlist *dl, int fd)
{
	for (;;) {
		ssize_t n = getdents64(fd, getdents_buf, sizeof getdents_buf);
		if (n <= 0) {
			if (n == 0)
				return 0;
			if (errno == EINTR)
				continue;
			return errno;
		}
		/* A packed record is never larger than the kernel's. */
		if (dl->cap - dl->len < (size_t)n) {
			size_t cap = dl->cap ? dl->cap : 4096;
			while (cap - dl->len < (size_t)n)
				cap *= 2;
			dl->buf = xrealloc(dl->buf, cap);
			dl->cap = cap;
		}
		char *out = dl->buf + dl->len;
		int64_t last_off = 0;
		for (ssize_t off = 0; off < n;) {
			const struct linux_dirent64 *k = (const void *)(getdents_buf + off);
			off += k->d_reclen;
			last_off = k->d_off;
			const char *name = k->d_name;
			if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
				continue;
			size_t len = strlen(name);
			struct dent *d = (struct dent *)out;
			d->ino = k->d_ino;
			d->len = (uint16_t)len;
			d->type = k->d_type;
			memcpy(d->name, name, len + 1);
			out += ALIGN8(DENT_HDR + len + 1);
			dl->count++;
		}
		dl->len = (size_t)(out - dl->buf);
		if (last_off == DOFF_END)
			return 0;
	}
}

int dirlist_load(struct dirlist *dl, int dirfd, const char *name, bool follow)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
	if (fd < 0)
		return errno;
	int e = dirlist_read(dl, fd);
	close(fd);
	return e;
}

void dirlist_clear(struct dirlist *dl)
{
	dl->len = 0;
	dl->count = 0;
	dl->is_sorted = false;
}

void dirlist_free(struct dirlist *dl)
{
	free(dl->buf);
	free(dl->sorted);
	memset(dl, 0, sizeof *dl);
}

const struct dent *dirlist_next(const struct dirlist *dl, size_t *pos)
{
	if (dl->is_sorted) {
		if (*pos >= dl->count)
			return NULL;
		return dl->sorted[(*pos)++].d;
	}
	if (*pos >= dl->len)
		return NULL;
	const struct dent *d = (const void *)(dl->buf + *pos);
	*pos += ALIGN8(DENT_HDR + d->len + 1);
	return d;
}

static uint64_t name_key(const struct dent *d)
{
	unsigned char b[8] = {0};
	memcpy(b, d->name, d->len < 8 ? d->len : 8);
	uint64_t k = 0;
	for (int i = 0; i < 8; i++)
		k = k << 8 | b[i];
	return k;
}

/* a < b by the bytes of the names. Equal keys with a name of 8 bytes or
 * less mean equal names (names hold no NUL): the same entry, compared
 * with itself as the pivot. Else the rest after the key decides. */
static inline bool dsort_less(const struct dsort *a, const struct dsort *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	if (a->d->len <= 8 || b->d->len <= 8)
		return false;
	return strcmp(a->d->name + 8, b->d->name + 8) < 0;
}

static void insertion_sort(struct dsort *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct dsort x = v[i];
		size_t j = i;
		while (j > 0 && dsort_less(&x, &v[j - 1])) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

static void heap_sift(struct dsort *v, size_t i, size_t n)
{
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			return;
		if (c + 1 < n && dsort_less(&v[c], &v[c + 1]))
			c++;
		if (!dsort_less(&v[i], &v[c]))
			return;
		struct dsort t = v[i];
		v[i] = v[c];
		v[c] = t;
		i = c;
	}
}

static void heap_sort(struct dsort *v, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		heap_sift(v, i, n);
	for (size_t i = n; i-- > 1;) {
		struct dsort t = v[0];
		v[0] = v[i];
		v[i] = t;
		heap_sift(v, 0, i);
	}
}

/* Introsort: quicksort with a median-of-three pivot, heapsort past a depth
 * limit so that no input is quadratic, insertion sort for short runs. */
static void intro_sort(struct dsort *v, size_t n, int depth)
{
	while (n > 16) {
		if (depth-- == 0) {
			heap_sort(v, n);
			return;
		}
		size_t m = n / 2;
		struct dsort *a = &v[0], *b = &v[m], *c = &v[n - 1], t;
		if (dsort_less(b, a))
			t = *a, *a = *b, *b = t;
		if (dsort_less(c, b)) {
			t = *b, *b = *c, *c = t;
			if (dsort_less(b, a))
				t = *a, *a = *b, *b = t;
		}
		struct dsort pivot = v[m];
		size_t i = 0, j = n - 1;
		for (;;) {
			while (dsort_less(&v[i], &pivot))
				i++;
			while (dsort_less(&pivot, &v[j]))
				j--;
			if (i >= j)
				break;
			t = v[i], v[i] = v[j], v[j] = t;
			i++;
			j--;
		}
		/* [0, j] <= pivot <= [j+1, n): recurse on the smaller part */
		size_t left = j + 1;
		if (left < n - left) {
			intro_sort(v, left, depth);
			v += left;
			n -= left;
		} else {
			intro_sort(v + left, n - left, depth);
			n = left;
		}
	}
	insertion_sort(v, n);
}

void dirlist_sort(struct dirlist *dl)
{
	if (dl->sorted_cap < dl->count) {
		free(dl->sorted);
		dl->sorted_cap = dl->count + dl->count / 4;
		dl->sorted = malloc(dl->sorted_cap * sizeof *dl->sorted);
		if (!dl->sorted)
			err(1, "out of memory");
	}
	struct dsort *v = dl->sorted;
	size_t i = 0, pos = 0;
	const struct dent *d;
	dl->is_sorted = false;
	while ((d = dirlist_next(dl, &pos)))
		v[i++] = (struct dsort){name_key(d), d};
	int depth = 2;
	for (size_t n = dl->count; n > 1; n >>= 1)
		depth += 2;
	intro_sort(v, dl->count, depth);
	dl->is_sorted = true;
}

unsigned char dent_type(int dirfd, const struct dent *d, bool follow)
{
	if (d->type != DT_UNKNOWN && !(follow && d->type == DT_LNK))
		return d->type;
	struct stat st;
	if (follow && fstatat(dirfd, d->name, &st, 0) == 0)
		return IFTODT(st.st_mode);
	if (fstatat(dirfd, d->name, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return IFTODT(st.st_mode);
	return d->type;
}
