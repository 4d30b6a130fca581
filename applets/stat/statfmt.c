/* The GNU stat format language (see statfmt.h). Behaviour pinned against
 * coreutils 9.1's stat: which printf flags each sequence keeps, how %X's
 * fraction is padded, what --printf's escapes mean. */
#include "statfmt.h"
#include "osbox/exitstatus.h"
#include "osbox/ftype.h"
#include "osbox/owner.h"
#include "osbox/xalloc.h"

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

/* ---- file types and file system types ---- */

const char *ftype_describe(mode_t mode, long long size)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return size == 0 ? "regular empty file" : "regular file";
	case S_IFDIR:
		return "directory";
	case S_IFLNK:
		return "symbolic link";
	case S_IFIFO:
		return "fifo";
	case S_IFSOCK:
		return "socket";
	case S_IFCHR:
		return "character special file";
	case S_IFBLK:
		return "block special file";
	}
	return "weird file";
}

/* File system magic numbers (linux/magic.h, statfs(2)) and the names
 * GNU stat gives them. */
static const struct {
	unsigned long magic;
	const char *name;
} fstypes[] = {
    {0x5A3C69F0, "aafs"},
    {0x61636673, "acfs"},
    {0xADF5, "adfs"},
    {0xADFF, "affs"},
    {0x5346414F, "afs"},
    {0x09041934, "anon-inode FS"},
    {0x61756673, "aufs"},
    {0x0187, "autofs"},
    {0x13661366, "balloon-kvm-fs"},
    {0xCA451A4E, "bcachefs"},
    {0x42465331, "befs"},
    {0x62646576, "bdevfs"},
    {0x1BADFACE, "bfs"},
    {0x6C6F6F70, "binderfs"},
    {0xCAFE4A11, "bpf_fs"},
    {0x42494E4D, "binfmt_misc"},
    {0x9123683E, "btrfs"},
    {0x73727279, "btrfs_test"},
    {0x00C36400, "ceph"},
    {0x0027E0EB, "cgroupfs"},
    {0x63677270, "cgroup2fs"},
    {0xFF534D42, "cifs"},
    {0x73757245, "coda"},
    {0x012FF7B7, "coh"},
    {0x62656570, "configfs"},
    {0x28CD3D45, "cramfs"},
    {0x453DCD28, "cramfs-wend"},
    {0x64646178, "daxfs"},
    {0x64626720, "debugfs"},
    {0x1373, "devfs"},
    {0x454D444D, "devmem"},
    {0x1CD1, "devpts"},
    {0x444D4142, "dma-buf-fs"},
    {0xF15F, "ecryptfs"},
    {0xDE5E81E4, "efivarfs"},
    {0x00414A53, "efs"},
    {0xE0F5E1E2, "erofs"},
    {0x2011BAB0, "exfat"},
    {0x45584653, "exfs"},
    {0x5DF5, "exofs"},
    {0x137D, "ext"},
    {0xEF53, "ext2/ext3"},
    {0xEF51, "ext2"},
    {0xF2F52010, "f2fs"},
    {0x4006, "fat"},
    {0x19830326, "fhgfs"},
    {0x65735546, "fuse"},
    {0x65735543, "fusectl"},
    {0x0BAD1DEA, "futexfs"},
    {0x01161970, "gfs/gfs2"},
    {0x47504653, "gpfs"},
    {0x4244, "hfs"},
    {0x482B, "hfs+"},
    {0x4858, "hfsx"},
    {0x00C0FFEE, "hostfs"},
    {0xF995E849, "hpfs"},
    {0x958458F6, "hugetlbfs"},
    {0x11307854, "inodefs"},
    {0x013111A8, "ibrix"},
    {0x2BAD1DEA, "inotifyfs"},
    {0x9660, "isofs"},
    {0x4004, "isofs"},
    {0x4000, "isofs"},
    {0x07C0, "jffs"},
    {0x72B6, "jffs2"},
    {0x3153464A, "jfs"},
    {0x6B414653, "k-afs"},
    {0xC97E8168, "logfs"},
    {0x0BD00BD0, "lustre"},
    {0x5346314D, "m1fs"},
    {0x137F, "minix"},
    {0x138F, "minix (30 char.)"},
    {0x2468, "minix v2"},
    {0x2478, "minix v2 (30 char.)"},
    {0x4D5A, "minix3"},
    {0x19800202, "mqueue"},
    {0x4D44, "msdos"},
    {0x564C, "novell"},
    {0x6969, "nfs"},
    {0x6E667364, "nfsd"},
    {0x3434, "nilfs"},
    {0x6E736673, "nsfs"},
    {0x5346544E, "ntfs"},
    {0x9FA1, "openprom"},
    {0x7461636F, "ocfs2"},
    {0x794C7630, "overlayfs"},
    {0xAAD7AAEA, "panfs"},
    {0x50495045, "pipefs"},
    {0xC7571590, "ppc-cmm-fs"},
    {0x7C7C6673, "prl_fs"},
    {0x9FA0, "proc"},
    {0x6165676C, "pstorefs"},
    {0x002F, "qnx4"},
    {0x68191122, "qnx6"},
    {0x858458F6, "ramfs"},
    {0x07655821, "rdt"},
    {0x52654973, "reiserfs"},
    {0x7275, "romfs"},
    {0x67596969, "rpc_pipefs"},
    {0x5DCA2DF5, "sdcardfs"},
    {0x5345434D, "secretmem"},
    {0x73636673, "securityfs"},
    {0xF97CFF8C, "selinux"},
    {0x43415D53, "smackfs"},
    {0x517B, "smb"},
    {0xFE534D42, "smb2"},
    {0xBEEFDEAD, "snfs"},
    {0x534F434B, "sockfs"},
    {0x73717368, "squashfs"},
    {0x62656572, "sysfs"},
    {0x012FF7B6, "sysv2"},
    {0x012FF7B5, "sysv4"},
    {0x01021994, "tmpfs"},
    {0x74726163, "tracefs"},
    {0x24051905, "ubifs"},
    {0x15013346, "udf"},
    {0x00011954, "ufs"},
    {0x54190100, "ufs"},
    {0x9FA2, "usbdevfs"},
    {0x01021997, "v9fs"},
    {0x786F4256, "vboxsf"},
    {0xBACBACBC, "vmhgfs"},
    {0xA501FCF5, "vxfs"},
    {0x565A4653, "vzfs"},
    {0x53464846, "wslfs"},
    {0xABBA1974, "xenfs"},
    {0x012FF7B4, "xenix"},
    {0x58465342, "xfs"},
    {0x012FD16D, "xia"},
    {0x0033, "z3fold"},
    {0x2FC12FC1, "zfs"},
    {0x5A4F4653, "zonefs"},
    {0x58295829, "zsmallocfs"},
};

const char *fstype_name(unsigned long magic, char buf[32])
{
	for (size_t i = 0; i < sizeof fstypes / sizeof fstypes[0]; i++)
		if (fstypes[i].magic == magic)
			return fstypes[i].name;
	snprintf(buf, 32, "UNKNOWN (0x%lx)", magic);
	return buf;
}

unsigned long long statfmt_fsid(const struct statfs *sf)
{
	/* gnulib reads the two words of f_fsid high word first. */
	return ((unsigned long long)(unsigned)sf->f_fsid.__val[0] << 32) |
	       (unsigned)sf->f_fsid.__val[1];
}

bool statfmt_selinux(void)
{
	struct statfs sf;
	return statfs("/sys/fs/selinux", &sf) == 0 && (unsigned long)sf.f_type == 0xF97CFF8CUL;
}

/* ---- directives ---- */

static const char printf_flags[] = "'-+ #0I";

/* ---- fields: a printf directive whose width is written in blocks ---- */

/* Widths up to this are left to printf. Past it, glibc's printf writes
 * the padding 16 bytes at a time: "%-200000000s" took 0.8 s where GNU
 * stat takes 0.1 s. */
#define FIELD_INLINE 4096

/* n bytes c, a block at a time. */
static void pad(struct buf *b, char c, size_t n)
{
	char block[4096];
	memset(block, c, n < sizeof block ? n : sizeof block);
	while (n) {
		size_t k = n < sizeof block ? n : sizeof block;
		buf_write(b, block, k);
		n -= k;
	}
}

/* Where a field padded with '0' gets its zeros: after the sign and a
 * "0x" (C's fprintf, "0" flag). */
static size_t zero_fill_at(const char *s, size_t len, char conv)
{
	size_t at = len && strchr("+- ", s[0]) ? 1 : 0;
	if ((conv == 'x' || conv == 'X') && len >= at + 2 && s[at] == '0' &&
	    (s[at + 1] == 'x' || s[at + 1] == 'X'))
		at += 2;
	return at;
}

/* A wide field: fmt (a printf format with one directive, of width width,
 * whose digits end at rest) is formatted without its width, and the
 * padding is added in blocks where printf would put it: spaces before,
 * spaces after with '-', zeros after the sign with '0' for a number
 * (which an integer's precision turns off). Returns the bytes written. */
static size_t wide_field(struct buf *b, const char *fmt, const char *rest, size_t width, va_list ap)
{
	bool left = false, zero = false;
	char *bare = xmalloc(strlen(fmt) + 1), *d = bare;
	*d++ = '%';
	for (const char *s = fmt + 1; strchr(printf_flags, *s); s++) {
		left |= *s == '-';
		zero |= *s == '0';
		if (*s != '-' && *s != '0')
			*d++ = *s;
	}
	strcpy(d, rest);
	char conv = rest[strlen(rest) - 1];
	zero =
	    zero && !left && strchr("diouxXfF", conv) && !(*rest == '.' && strchr("diouxX", conv));
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, bare, ap2);
	va_end(ap2);
	if (n < 0) {
		free(bare);
		return 0;
	}
	size_t fill = width > (size_t)n ? width - (size_t)n : 0;
	if (zero) {
		struct buf t = {0};
		buf_vprintf(&t, bare, ap);
		size_t at = zero_fill_at(buf_str(&t), t.len, conv);
		buf_write(b, buf_str(&t), at);
		pad(b, '0', fill);
		buf_write(b, buf_str(&t) + at, t.len - at);
		buf_free(&t);
	} else if (left) {
		buf_vprintf(b, bare, ap);
		pad(b, ' ', fill);
	} else {
		pad(b, ' ', fill);
		buf_vprintf(b, bare, ap);
	}
	free(bare);
	return (size_t)n + fill;
}

/* buf_printf for one directive of the format language (fmt: '%', flags,
 * width, precision, conversion), a wide padding written in blocks.
 * Returns the bytes written (b->len cannot tell, with a sink). */
static size_t put_field(struct buf *b, const char *fmt, ...)
{
	const char *p = fmt + 1;
	while (*p && strchr(printf_flags, *p))
		p++;
	size_t width = 0;
	for (; isdigit((unsigned char)*p) && width <= INT_MAX; p++)
		width = width * 10 + (size_t)(*p - '0');
	va_list ap;
	va_start(ap, fmt);
	size_t n = 0;
	if (width > FIELD_INLINE && width <= INT_MAX) {
		n = wide_field(b, fmt, p, width, ap);
	} else {
		char tmp[FIELD_INLINE + 256];
		va_list ap2;
		va_copy(ap2, ap);
		int k = vsnprintf(tmp, sizeof tmp, fmt, ap2);
		va_end(ap2);
		if (k >= 0 && (size_t)k < sizeof tmp)
			buf_write(b, tmp, (size_t)k);
		else if (k >= 0)
			buf_vprintf(b, fmt, ap);
		n = k > 0 ? (size_t)k : 0;
	}
	va_end(ap);
	return n;
}

/* Rewrites the directive in pf (len bytes, '%' first) in place into a
 * printf format: only the allowed flags, then suffix. Exactly as GNU's
 * make_format, in place: GNU formats %N's link target with the buffer
 * its name left behind, so that "%+N" prints "l -> fs" ('s' doubled when
 * a flag was dropped); osbox does the same, to match byte for byte. */
static const char *make_format(char *pf, size_t len, const char *allowed, const char *suffix)
{
	char *dst = pf + 1;
	const char *src = dst, *lim = pf + len;
	/* strchr finds the NUL too, as in GNU. */
	for (; src < lim && strchr(printf_flags, *src); src++)
		if (strchr(allowed, *src))
			*dst++ = *src;
	while (src < lim)
		*dst++ = *src++;
	strcpy(dst, suffix);
	return pf;
}

struct dctx {
	struct buf *b;
	char *spec; /* "%" flags width precision, rewritten in place */
	size_t len;
};

static void out_str(struct dctx *d, const char *s)
{
	put_field(d->b, make_format(d->spec, d->len, "-", "s"), s);
}

static void out_int(struct dctx *d, intmax_t v)
{
	put_field(d->b, make_format(d->spec, d->len, "'-+ 0", "jd"), v);
}

static void out_uint(struct dctx *d, uintmax_t v)
{
	put_field(d->b, make_format(d->spec, d->len, "'-0", "ju"), v);
}

static void out_oct(struct dctx *d, uintmax_t v)
{
	put_field(d->b, make_format(d->spec, d->len, "-#0", "jo"), v);
}

static void out_hex(struct dctx *d, uintmax_t v)
{
	put_field(d->b, make_format(d->spec, d->len, "-#0", "jx"), v);
}

void statfmt_epoch(struct buf *b, const char *spec, size_t len, long long sec, long nsec)
{
	/* A copy with room: the seconds' own width is written into it. */
	char *pf = xmalloc(len + 32);
	memcpy(pf, spec, len);
	pf[len] = 0;
	char *dot = memchr(pf, '.', len);
	size_t sec_len = len;
	int width = 0, precision = 0;
	bool frac_left = false;
	const char *point = localeconv()->decimal_point;
	if (!point || !*point)
		point = ".";
	int point_len = (int)strlen(point);

	if (dot) {
		sec_len = (size_t)(dot - pf);
		if (isdigit((unsigned char)dot[1])) {
			long p = strtol(dot + 1, NULL, 10);
			precision = p <= INT_MAX ? (int)p : INT_MAX;
		} else {
			precision = 9;
		}
		if (precision && dot > pf && isdigit((unsigned char)dot[-1])) {
			/* The width counts the point and the fraction: the
			 * seconds get what is left of it. */
			char *p = dot;
			*dot = 0;
			do
				--p;
			while (p > pf && isdigit((unsigned char)p[-1]));
			long w0 = strtol(p, NULL, 10);
			width = w0 <= INT_MAX ? (int)w0 : INT_MAX;
			if (width > 1) {
				p += *p == '0';
				sec_len = (size_t)(p - pf);
				int w_d = point_len < width ? width - point_len : 0;
				if (w_d > 1) {
					int w = w_d - precision;
					if (w > 1) {
						char *dst = pf;
						for (const char *src = pf; src < p; src++) {
							if (*src == '-')
								frac_left = true;
							else
								*dst++ = *src;
						}
						sec_len = (size_t)(dst - pf);
						if (!frac_left)
							sec_len += (size_t)sprintf(dst, "%d", w);
					}
				}
			}
		}
	}

	int divisor = 1;
	for (int i = precision; i < 9; i++)
		divisor *= 10;
	int frac = (int)(nsec / divisor);
	bool minus_zero = false;
	if (sec < 0 && nsec != 0) {
		int modulus = 1000000000 / divisor;
		frac = modulus - frac - (nsec % divisor != 0);
		sec += frac != 0;
		minus_zero = sec == 0;
	}
	size_t ilen0;
	if (minus_zero)
		ilen0 = put_field(b, make_format(pf, sec_len, "'-+ 0", ".0f"), -0.25);
	else
		ilen0 = put_field(b, make_format(pf, sec_len, "'-+ 0", "jd"), (intmax_t)sec);
	int ilen = ilen0 < INT_MAX ? (int)ilen0 : INT_MAX;
	if (precision) {
		int prec = precision < 9 ? precision : 9;
		int trailing_prec = precision - prec;
		int trailing_width =
		    ilen < width && point_len < width - ilen ? width - ilen - point_len - prec : 0;
		buf_printf(b, "%s%.*d", point, prec, frac);
		/* What "%-*.*d" of 0 writes, in blocks: trailing_prec zeros,
		 * then spaces to the width (a negative width, as printf's
		 * '*' takes it, is a left-justified one). */
		size_t tw =
		    trailing_width < 0 ? (size_t) - (long)trailing_width : (size_t)trailing_width;
		pad(b, '0', (size_t)trailing_prec);
		if (tw > (size_t)trailing_prec)
			pad(b, ' ', tw - (size_t)trailing_prec);
	}
	free(pf);
}

/* "2024-05-01 12:34:56.123456789 +0000", in the local time zone. */
static void human_time(char *buf, size_t size, struct timespec t)
{
	struct tm tm;
	if (localtime_r(&t.tv_sec, &tm)) {
		char zone[16];
		long long year = (long long)tm.tm_year + 1900;
		strftime(zone, sizeof zone, "%z", &tm);
		/* gnulib's nstrftime pads %Y to four characters, the sign
		 * included (0999, -004); glibc's strftime does not pad. */
		snprintf(buf, size, "%04lld-%02d-%02d %02d:%02d:%02d.%09ld %s", year, tm.tm_mon + 1,
		         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, t.tv_nsec, zone);
	} else {
		snprintf(buf, size, "%lld.%09ld", (long long)t.tv_sec, t.tv_nsec);
	}
}

static void out_time(struct dctx *d, struct timespec t)
{
	char buf[128];
	human_time(buf, sizeof buf, t);
	out_str(d, buf);
}

static void out_epoch(struct dctx *d, struct timespec t)
{
	statfmt_epoch(d->b, d->spec, d->len, (long long)t.tv_sec, t.tv_nsec);
}

static int out_quoted(struct dctx *d, const char *s, enum quoting_style qs)
{
	struct buf q = {0};
	quote_style(&q, s, strlen(s), qs);
	buf_putc(&q, 0);
	out_str(d, q.p);
	buf_free(&q);
	return 0;
}

bool statfmt_readlink(struct buf *b, const char *name)
{
	if (buf_readlinkat(b, AT_FDCWD, name) == 0)
		return true;
	warn("cannot read symbolic link %s", quote_gnu(0, QUOTE_SHELL_ALWAYS, name));
	return false;
}

/* The mount point of f: from the directory (or a file's own directory),
 * up while ".." is on the same device, as gnulib's find_mount_point. */
static char *mount_point(const struct statfmt_file *f)
{
	if (f->follow || !S_ISLNK(f->st.st_mode)) {
		char *r = realpath(f->name, NULL);
		if (!r) {
			warn("failed to canonicalize %s",
			     quote_gnu(0, QUOTE_SHELL_ALWAYS, f->name));
			return NULL;
		}
		free(r);
	}
	char *dir;
	if (S_ISDIR(f->st.st_mode)) {
		dir = xstrdup(f->name);
	} else {
		const char *slash = strrchr(f->name, '/');
		if (!slash)
			dir = xstrdup(".");
		else {
			while (slash > f->name && slash[-1] == '/')
				slash--;
			dir = slash == f->name ? xstrdup("/")
			                       : xstrndup(f->name, (size_t)(slash - f->name));
		}
	}
	int fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		warn("cannot change to directory %s", quote_gnu(0, QUOTE_SHELL_ALWAYS, dir));
		free(dir);
		return NULL;
	}
	free(dir);
	struct stat cur, up;
	if (fstat(fd, &cur) < 0) {
		close(fd);
		return NULL;
	}
	for (;;) {
		if (fstatat(fd, "..", &up, 0) < 0) {
			warn("cannot stat %s", quote_gnu(0, QUOTE_SHELL_ALWAYS, ".."));
			close(fd);
			return NULL;
		}
		if (up.st_dev != cur.st_dev || up.st_ino == cur.st_ino)
			break;
		int ufd = openat(fd, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
		close(fd);
		if (ufd < 0)
			return NULL;
		fd = ufd;
		cur = up;
	}
	/* The path of the directory reached: ask the kernel through fchdir
	 * and getcwd, then go back. */
	char *mp = NULL;
	int here = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (here >= 0 && fchdir(fd) == 0) {
		mp = getcwd(NULL, 0);
		if (fchdir(here) < 0)
			err(EXIT_FAIL, "cannot return to the working directory");
	}
	if (here >= 0)
		close(here);
	close(fd);
	return mp;
}

/* %N: the quoted name, and a link's quoted target after " -> ". */
static int quoted_name(struct dctx *d, const struct statfmt *fmt, const struct statfmt_file *f)
{
	out_quoted(d, f->name, fmt->qs);
	if (!S_ISLNK(f->st.st_mode))
		return STATFMT_OK;
	struct buf target = {0};
	int r = STATFMT_FAILED;
	if (statfmt_readlink(&target, f->name)) {
		buf_puts(d->b, " -> ");
		out_quoted(d, target.p, fmt->qs);
		r = STATFMT_OK;
	}
	buf_free(&target);
	return r;
}

/* %C: the SELinux context, the security.selinux attribute. */
static int security_context(struct dctx *d, const struct statfmt_file *f)
{
	char ctx[4096];
	ssize_t n = f->follow ? getxattr(f->name, "security.selinux", ctx, sizeof ctx - 1)
	                      : lgetxattr(f->name, "security.selinux", ctx, sizeof ctx - 1);
	char *fmtbuf = d->spec;
	strcpy(fmtbuf + d->len, "s");
	if (n < 0) {
		warn("failed to get security context of %s",
		     quote_gnu(0, QUOTE_SHELL_ALWAYS, f->name));
		put_field(d->b, fmtbuf, "?");
		return STATFMT_FAILED;
	}
	ctx[n] = 0;
	put_field(d->b, fmtbuf, ctx);
	return STATFMT_OK;
}

/* The sequences that are numbers of the status: false for another. */
static bool file_number(struct dctx *d, char mod, char conv, const struct stat *st)
{
	switch (conv) {
	case 'd':
		out_uint(d, mod == 'H'   ? major(st->st_dev)
		            : mod == 'L' ? minor(st->st_dev)
		                         : st->st_dev);
		break;
	case 'D':
		out_hex(d, st->st_dev);
		break;
	case 'i':
		out_uint(d, st->st_ino);
		break;
	case 'a':
		out_oct(d, st->st_mode & 07777);
		break;
	case 'f':
		out_hex(d, st->st_mode);
		break;
	case 'h':
		out_uint(d, st->st_nlink);
		break;
	case 'u':
		out_uint(d, st->st_uid);
		break;
	case 'g':
		out_uint(d, st->st_gid);
		break;
	case 's':
		out_int(d, st->st_size);
		break;
	case 'r':
		out_uint(d, mod == 'H'   ? major(st->st_rdev)
		            : mod == 'L' ? minor(st->st_rdev)
		                         : st->st_rdev);
		break;
	case 'R':
		out_hex(d, st->st_rdev);
		break;
	case 't':
		out_hex(d, major(st->st_rdev));
		break;
	case 'T':
		out_hex(d, minor(st->st_rdev));
		break;
	case 'B':
		out_uint(d, 512);
		break;
	case 'b':
		out_uint(d, (uintmax_t)st->st_blocks);
		break;
	case 'o': {
		/* gnulib's ST_BLKSIZE: an absurd st_blksize means 512. */
		uintmax_t bs = st->st_blksize;
		out_uint(d, bs > 0 && bs <= SIZE_MAX / 8 + 1 ? bs : 512);
		break;
	}
	default:
		return false;
	}
	return true;
}

/* The times: %w %x %y %z for people, %W %X %Y %Z in seconds since the
 * Epoch (birth, access, modification, change). False for another. */
static bool file_time(struct dctx *d, char conv, const struct statfmt_file *f)
{
	const struct stat *st = &f->st;
	struct timespec t;
	switch (conv) {
	case 'w':
	case 'W':
		t = f->has_btime ? f->btime : (struct timespec){0, 0};
		break;
	case 'x':
	case 'X':
		t = st->st_atim;
		break;
	case 'y':
	case 'Y':
		t = st->st_mtim;
		break;
	case 'z':
	case 'Z':
		t = st->st_ctim;
		break;
	default:
		return false;
	}
	if (conv == 'w' && !f->has_btime)
		out_str(d, "-");
	else if (conv >= 'a' && conv <= 'z')
		out_time(d, t);
	else
		out_epoch(d, t);
	return true;
}

static int file_seq(struct dctx *d, char mod, char conv, const struct statfmt *fmt,
                    const struct statfmt_file *f)
{
	const struct stat *st = &f->st;
	if (file_number(d, mod, conv, st) || file_time(d, conv, f))
		return STATFMT_OK;
	switch (conv) {
	case 'n':
		out_str(d, f->name);
		break;
	case 'N':
		return quoted_name(d, fmt, f);
	case 'A': {
		char m[11];
		out_str(d, ftype_modestr(st->st_mode, m));
		break;
	}
	case 'F':
		out_str(d, ftype_describe(st->st_mode, st->st_size));
		break;
	case 'U': {
		const char *u = owner_user_name(st->st_uid);
		out_str(d, u ? u : "UNKNOWN");
		break;
	}
	case 'G': {
		const char *g = owner_group_name(st->st_gid);
		out_str(d, g ? g : "UNKNOWN");
		break;
	}
	case 'm': {
		char *mp = mount_point(f);
		out_str(d, mp ? mp : "?");
		free(mp);
		return mp ? STATFMT_OK : STATFMT_FAILED;
	}
	case 'C':
		return security_context(d, f);
	default:
		buf_putc(d->b, '?');
		break;
	}
	return STATFMT_OK;
}

static int fs_seq(struct dctx *d, char conv, const char *name, const struct statfs *sf)
{
	char buf[32];
	switch (conv) {
	case 'n':
		out_str(d, name);
		break;
	case 'i':
		out_hex(d, statfmt_fsid(sf));
		break;
	case 'l':
		out_uint(d, (uintmax_t)sf->f_namelen);
		break;
	case 't':
		out_hex(d, (unsigned long)sf->f_type);
		break;
	case 'T':
		out_str(d, fstype_name((unsigned long)sf->f_type, buf));
		break;
	case 'b':
		out_int(d, (intmax_t)sf->f_blocks);
		break;
	case 'f':
		out_int(d, (intmax_t)sf->f_bfree);
		break;
	case 'a':
		out_int(d, (intmax_t)sf->f_bavail);
		break;
	case 's':
		out_uint(d, (uintmax_t)sf->f_bsize);
		break;
	case 'S':
		out_uint(d, (uintmax_t)(sf->f_frsize ? sf->f_frsize : sf->f_bsize));
		break;
	case 'c':
		out_uint(d, (uintmax_t)sf->f_files);
		break;
	case 'd':
		out_int(d, (intmax_t)sf->f_ffree);
		break;
	default:
		buf_putc(d->b, '?');
		break;
	}
	return STATFMT_OK;
}

/* Where a directive's letter is: after '%', flags, width and precision. */
static size_t code_offset(const char *p)
{
	size_t n = 1 + strspn(p + 1, printf_flags);
	n += strspn(p + n, "0123456789");
	if (p[n] == '.')
		n += 1 + strspn(p + n + 1, "0123456789");
	return n;
}

static int hexval(char c)
{
	return isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;
}

/* --printf's backslash escape at *pp (just past the backslash); leaves
 * *pp on the escape's last character. */
static void escape(struct buf *b, const char **pp)
{
	const char *p = *pp;
	if (*p >= '0' && *p <= '7') {
		int v = *p++ - '0';
		for (int k = 1; k < 3 && *p >= '0' && *p <= '7'; k++)
			v = v * 8 + (*p++ - '0');
		buf_putc(b, (char)v);
		p--;
	} else if (*p == 'x' && isxdigit((unsigned char)p[1])) {
		int v = hexval(*++p);
		if (isxdigit((unsigned char)p[1]))
			v = v * 16 + hexval(*++p);
		buf_putc(b, (char)v);
	} else if (*p == 0) {
		warnx("warning: backslash at end of format");
		buf_putc(b, '\\');
		p--;
	} else {
		/* GNU stat's own escapes: C's single letters, \e for ESC, \" and \\. */
		int v = *p == 'e' ? '\x1b' : c_escape_value((unsigned char)*p);
		char c = v >= 0 ? (char)v : *p;
		if (v < 0 && c != '"' && c != '\\')
			warnx("warning: unrecognized escape '\\%c'", c);
		buf_putc(b, c);
	}
	*pp = p;
}

static int run(struct buf *b, const struct statfmt *fmt, const struct statfmt_file *f,
               const char *fsname, const struct statfs *sf)
{
	size_t flen = strlen(fmt->format);
	char *spec = xmalloc(flen + 16);
	int status = STATFMT_OK;
	for (const char *p = fmt->format; *p; p++) {
		if (*p == '%') {
			size_t len = code_offset(p);
			char conv = p[len], mod = 0;
			memcpy(spec, p, len);
			spec[len] = 0;
			p += len;
			struct dctx d = {.b = b, .spec = spec, .len = len};
			switch (conv) {
			case '\0':
				p--;
				/* fall through */
			case '%':
				if (len > 1) {
					spec[len] = conv;
					spec[len + 1] = 0;
					warnx("%s: invalid directive",
					      quote_gnu(0, QUOTE_LOCALE, spec));
					status = STATFMT_INVALID;
					goto out;
				}
				buf_putc(b, '%');
				break;
			case 'H':
			case 'L':
				if (f && (p[1] == 'd' || p[1] == 'r')) {
					mod = conv;
					conv = *++p;
				}
				/* fall through */
			default:
				status |= f ? file_seq(&d, mod, conv, fmt, f)
				            : fs_seq(&d, conv, fsname, sf);
				break;
			}
		} else if (*p == '\\' && fmt->escapes) {
			p++;
			escape(b, &p);
		} else {
			buf_putc(b, *p);
		}
	}
	buf_puts(b, fmt->trailer ? fmt->trailer : "");
out:
	free(spec);
	return status;
}

int statfmt_file(struct buf *b, const struct statfmt *fmt, const struct statfmt_file *f)
{
	return run(b, fmt, f, NULL, NULL);
}

int statfmt_fs(struct buf *b, const struct statfmt *fmt, const char *name, const struct statfs *sf)
{
	return run(b, fmt, NULL, name, sf);
}

const char *statfmt_default(bool fs, bool terse, bool device, bool selinux)
{
	if (fs)
		return terse ? "%n %i %l %t %s %S %b %f %a %c %d\n"
		             : "  File: \"%n\"\n"
		               "    ID: %-8i Namelen: %-7l Type: %T\n"
		               "Block size: %-10s Fundamental block size: %S\n"
		               "Blocks: Total: %-10b Free: %-10f Available: %a\n"
		               "Inodes: Total: %-10c Free: %d\n";
	if (terse)
		return selinux ? "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o %C\n"
		               : "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n";
#define HEAD "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
#define DEV "Device: %Hd,%Ld\tInode: %-10i  Links: %-5h Device type: %Hr,%Lr\n"
#define NODEV "Device: %Hd,%Ld\tInode: %-10i  Links: %h\n"
#define ACCESS "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
#define CONTEXT "Context: %C\n"
#define TIMES "Access: %x\nModify: %y\nChange: %z\n Birth: %w\n"
	if (device)
		return selinux ? HEAD DEV ACCESS CONTEXT TIMES : HEAD DEV ACCESS TIMES;
	return selinux ? HEAD NODEV ACCESS CONTEXT TIMES : HEAD NODEV ACCESS TIMES;
#undef HEAD
#undef DEV
#undef NODEV
#undef ACCESS
#undef CONTEXT
#undef TIMES
}
