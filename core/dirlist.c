/* Reading a whole directory through its descriptor (dirlist.h).
 *
 * getdents64(2) fills a large buffer with linux_dirent64 records; they are
 * copied, packed (d_ino, name length, d_type, name), into one growing
 * buffer per directory, so a directory costs about its names' bytes and
 * no allocation per entry. */
#include "osbox/dirlist.h"
#include "osbox/xalloc.h"

#include <dirent.h>
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

/* ext4 and btrfs (with 64-bit hashes, as getdents64 gets them) mark the
 * end of a directory by setting the position after the last entry, the
 * last record's d_off, to INT64_MAX: no position can follow it. Seeing it
 * spares the call that would return 0, a quarter of a walk's syscalls. */
#define DOFF_END INT64_MAX

int dirlist_read_some(struct dirlist *dl, int fd, bool *end)
{
	for (;;) {
		ssize_t n = getdents64(fd, getdents_buf, sizeof getdents_buf);
		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			*end = true;
			return n == 0 ? 0 : errno;
		}
		/* A packed record is never larger than the kernel's. */
		buf_reserve(&dl->ents, (size_t)n);
		char *out = dl->ents.p + dl->ents.len;
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
		dl->ents.len = (size_t)(out - dl->ents.p);
		*out = 0; /* as a struct buf always ends */
		*end = last_off == DOFF_END;
		return 0;
	}
}

int dirlist_read(struct dirlist *dl, int fd)
{
	bool end = false;
	int e = 0;
	while (!end && !e)
		e = dirlist_read_some(dl, fd, &end);
	return e;
}

void dirlist_clear(struct dirlist *dl)
{
	buf_truncate(&dl->ents, 0);
	dl->count = 0;
	dl->is_sorted = false;
}

void dirlist_free(struct dirlist *dl)
{
	buf_free(&dl->ents);
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
	if (*pos >= dl->ents.len)
		return NULL;
	const struct dent *d = (const void *)(dl->ents.p + *pos);
	*pos += ALIGN8(DENT_HDR + d->len + 1);
	return d;
}

/* The 8 bytes of the name from off, big-endian, zeros past its end: keys
 * compare as the names' bytes there do. */
static inline uint64_t name_key(const struct dent *d, size_t off)
{
	unsigned char b[8] = {0};
	if (off < d->len)
		memcpy(b, d->name + off, d->len - off < 8 ? d->len - off : 8);
	uint64_t k = 0;
	for (int i = 0; i < 8; i++)
		k = k << 8 | b[i];
	return k;
}

/* a < b, both equal before off, keys taken at off. Equal keys whose last
 * byte is 0 mean the names ended within them: equal names (names hold no
 * NUL), i.e. an entry compared with itself. Else the rest decides. */
static inline bool dsort_less(const struct dsort *a, const struct dsort *b, size_t off)
{
	if (a->key != b->key)
		return a->key < b->key;
	if ((a->key & 0xff) == 0)
		return false;
	return strcmp(a->d->name + off + 8, b->d->name + off + 8) < 0;
}

static void insertion_sort(struct dsort *v, size_t n, size_t off)
{
	for (size_t i = 1; i < n; i++) {
		struct dsort x = v[i];
		size_t j = i;
		while (j > 0 && dsort_less(&x, &v[j - 1], off)) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* Sorts v by key: least significant byte first, one stable counting pass
 * per byte position, skipping the positions where every key has the same
 * byte (shared prefixes, short names). tmp holds n elements. */
static void radix_by_key(struct dsort *v, struct dsort *tmp, size_t n)
{
	static __thread size_t count[8][256];
	memset(count, 0, sizeof count);
	for (size_t i = 0; i < n; i++) {
		uint64_t k = v[i].key;
		for (int b = 0; b < 8; b++)
			count[b][(k >> (8 * b)) & 0xff]++;
	}
	struct dsort *src = v, *dst = tmp;
	for (int b = 0; b < 8; b++) {
		size_t *c = count[b];
		if (c[(src[0].key >> (8 * b)) & 0xff] == n)
			continue;
		size_t sum = 0;
		for (int x = 0; x < 256; x++) {
			size_t t = c[x];
			c[x] = sum;
			sum += t;
		}
		for (size_t i = 0; i < n; i++)
			dst[c[(src[i].key >> (8 * b)) & 0xff]++] = src[i];
		struct dsort *t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof *v);
}

/* MSD radix sort on 8-byte digits: v is sorted on the bytes before off
 * and its keys are those at off. Runs of equal keys go on to the next 8
 * bytes; short runs are finished by insertion. */
static void sort_from(struct dsort *v, struct dsort *tmp, size_t n, size_t off)
{
	if (n < 48) {
		insertion_sort(v, n, off);
		return;
	}
	radix_by_key(v, tmp, n);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && v[j].key == v[i].key)
			j++;
		if (j - i > 1 && (v[i].key & 0xff) != 0) {
			for (size_t k = i; k < j; k++)
				v[k].key = name_key(v[k].d, off + 8);
			sort_from(v + i, tmp, j - i, off + 8);
		}
		i = j;
	}
}

void dirlist_sort(struct dirlist *dl)
{
	if (dl->sorted_cap < dl->count) {
		free(dl->sorted);
		dl->sorted_cap = dl->count + dl->count / 4;
		/* the second half is the radix sort's scratch */
		dl->sorted = xreallocarray(NULL, 2 * dl->sorted_cap, sizeof *dl->sorted);
	}
	struct dsort *v = dl->sorted;
	size_t i = 0, pos = 0;
	const struct dent *d;
	dl->is_sorted = false;
	while ((d = dirlist_next(dl, &pos)))
		v[i++] = (struct dsort){name_key(d, 0), d};
	sort_from(v, v + dl->sorted_cap, dl->count, 0);
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
