/* stat: file and file system status, as os.stat / os.lstat and GNU
 * coreutils stat (statx for the birth time; the format language is
 * statfmt.c). --json gives every field at once. */
#include "osbox/exitstatus.h"
#include "osbox/ftype.h"
#include "osbox/json.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/owner.h"
#include "osbox/statjson.h"
#include "statfmt.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

enum { OPT_PRINTF = OPT_LONG, OPT_CACHED, OPT_JSON };

static const struct opt options[] = {
    {'L', "dereference", no_argument, NULL, "follow links"},
    {'f', "file-system", no_argument, NULL, "display file system status instead of file status"},
    {OPT_CACHED, "cached", required_argument, "MODE",
     "how to use cached attributes: always, never or default"},
    {'c', "format", required_argument, "FORMAT",
     "use FORMAT instead of the default; a newline follows each use"},
    {OPT_PRINTF, "printf", required_argument, "FORMAT",
     "like --format, but interpret backslash escapes, and no newline"},
    {'t', "terse", no_argument, NULL, "print the information in terse form"},
    {OPT_JSON, "json", no_argument, NULL, "one JSON object per FILE with every field"},
    {0},
};

/* --json has every field, in a form of its own: no format, no -t. GNU
 * stat takes -c and --printf together (the last one counts), and so do we. */
static const struct optpair excludes[] = {
    {OPT_JSON, 'c'},
    {OPT_JSON, OPT_PRINTF},
    {OPT_JSON, 't'},
    {0},
};

const struct optspec stat_spec = {
    .usage = "[-L] [-f] [-t] [-c FORMAT | --printf FORMAT | --json] FILE...",
    .about = "GNU stat's display, -t, -f and format sequences, byte for byte.\n"
             "\n"
             "Sequences for files: %a %A (permissions in octal, as text), %b %B (blocks,\n"
             "their size), %C (SELinux context), %d %D %Hd %Ld (device: decimal, hex,\n"
             "major, minor), %f (raw mode, hex), %F (file type), %g %G (group), %h (links),\n"
             "%i (inode), %m (mount point), %n (name), %N (quoted name -> target),\n"
             "%o (I/O size), %s (size), %r %R %Hr %Lr %t %T (device type), %u %U (owner),\n"
             "%w %W (birth), %x %X (access), %y %Y (modification), %z %Z (change): the\n"
             "capitals in seconds since the Epoch (%.9Y: with nanoseconds).\n"
             "Sequences for file systems (-f): %a (free blocks for users), %b (blocks),\n"
             "%c (inodes), %d (free inodes), %f (free blocks), %i (id), %l (name length),\n"
             "%n (name), %s (block size), %S (fundamental block size), %t %T (type).",
    .opts = options,
    .excludes = excludes,
    .min_operands = 1,
    .usage_status = EXIT_FAIL,
};

struct stat_opts {
	bool follow, fs, terse, json;
	int sync_flags;
	struct statfmt fmt;
	const char *format, *format_dev;
};

/* --cached=MODE, as GNU's argmatch: a word or an unambiguous prefix. */
static int parse_cached(const char *arg)
{
	static const char *const words[] = {"default", "never", "always"};
	static const int flags[] = {AT_STATX_SYNC_AS_STAT, AT_STATX_FORCE_SYNC, AT_STATX_DONT_SYNC};
	int found = -1, matches = 0;
	size_t n = strlen(arg);
	for (int i = 0; i < 3; i++) {
		if (strcmp(arg, words[i]) == 0)
			return flags[i];
		if (strncmp(arg, words[i], n) == 0) {
			found = i;
			matches++;
		}
	}
	if (matches == 1)
		return flags[found];
	/* argmatch's message, as GNU prints it. */
	fprintf(stderr, "%s: %s argument %s for %s\n", applet_name(),
	        matches ? "ambiguous" : "invalid", quote_gnu(0, QUOTE_LOCALE, arg),
	        quote_gnu(1, QUOTE_LOCALE, "--cached"));
	fprintf(stderr, "Valid arguments are:\n");
	for (int i = 0; i < 3; i++)
		fprintf(stderr, "  - %s\n", quote_gnu(0, QUOTE_LOCALE, words[i]));
	fprintf(stderr, "Try '%s --help' for more information.\n", applet_name());
	exit(EXIT_FAIL);
}

/* The statx fields a format needs, as GNU asks for no more. */
static unsigned format_mask(const char *format)
{
	unsigned mask = 0;
	for (const char *p = format; *p; p++) {
		if (*p != '%')
			continue;
		p += 1 + strspn(p + 1, "'-+ #0I");
		p += strspn(p, "0123456789");
		if (*p == '.')
			p += 1 + strspn(p + 1, "0123456789");
		switch (*p) {
		case 0:
			return mask;
		case 'N':
		case 'd':
		case 'D':
		case 'a':
		case 'A':
		case 't':
		case 'T':
			mask |= STATX_MODE;
			break;
		case 'i':
			mask |= STATX_INO;
			break;
		case 'f':
			mask |= STATX_MODE | STATX_TYPE;
			break;
		case 'F':
			mask |= STATX_TYPE;
			break;
		case 'h':
			mask |= STATX_NLINK;
			break;
		case 'u':
		case 'U':
			mask |= STATX_UID;
			break;
		case 'g':
		case 'G':
			mask |= STATX_GID;
			break;
		case 'm':
			mask |= STATX_MODE | STATX_INO;
			break;
		case 's':
			mask |= STATX_SIZE;
			break;
		case 'b':
			mask |= STATX_BLOCKS;
			break;
		case 'w':
		case 'W':
			mask |= STATX_BTIME;
			break;
		case 'x':
		case 'X':
			mask |= STATX_ATIME;
			break;
		case 'y':
		case 'Y':
			mask |= STATX_MTIME;
			break;
		case 'z':
		case 'Z':
			mask |= STATX_CTIME;
			break;
		}
	}
	return mask;
}

/* statx the operand into f; reports and returns false on failure. */
static bool get_file(const struct stat_opts *so, const char *name, unsigned mask,
                     struct statfmt_file *f)
{
	struct statx x;
	int r;
	memset(f, 0, sizeof *f);
	f->name = name;
	f->fd = -1;
	f->follow = so->follow;
	if (strcmp(name, "-") == 0) {
		f->fd = 0;
		r = statx(0, "", AT_EMPTY_PATH | so->sync_flags | AT_NO_AUTOMOUNT, mask, &x);
		if (r < 0) {
			warn("cannot stat standard input");
			return false;
		}
	} else {
		int flags = (so->follow ? 0 : AT_SYMLINK_NOFOLLOW) | so->sync_flags;
		if (so->sync_flags != AT_STATX_FORCE_SYNC)
			flags |= AT_NO_AUTOMOUNT;
		r = statx(AT_FDCWD, name, flags, mask, &x);
		if (r < 0) {
			warn("cannot statx %s", quote_gnu(0, QUOTE_SHELL_ALWAYS, name));
			return false;
		}
	}
	f->has_btime = statjson_from_statx(&x, &f->st, &f->btime);
	return true;
}

static void json_file(const struct statfmt_file *f, const char *target)
{
	struct json j;
	json_init(&j);
	json_begin_object(&j);
	json_kcstr(&j, "path", f->name);
	statjson_members(&j, &f->st, f->has_btime ? &f->btime : NULL, target,
	                 target ? strlen(target) : 0);
	json_end_object(&j);
	json_end_record(&j);
}

static void json_fs(const char *name, const struct statfs *sf)
{
	char buf[32], id[20];
	struct json j;
	json_init(&j);
	json_begin_object(&j);
	json_kcstr(&j, "path", name);
	json_kcstr(&j, "fstype", fstype_name((unsigned long)sf->f_type, buf));
	json_kuint(&j, "magic", (unsigned long)sf->f_type);
	snprintf(id, sizeof id, "%llx", statfmt_fsid(sf));
	json_kcstr(&j, "fsid", id);
	/* os.statvfs's names: a file's "blocks" (st_blocks, 512-byte units)
	 * and walk's "files" (a list of names) mean other things. */
	json_kuint(&j, "f_namemax", (unsigned long)sf->f_namelen);
	json_kuint(&j, "f_bsize", (unsigned long)sf->f_bsize);
	json_kuint(&j, "f_frsize", (unsigned long)(sf->f_frsize ? sf->f_frsize : sf->f_bsize));
	json_kuint(&j, "f_blocks", sf->f_blocks);
	json_kuint(&j, "f_bfree", sf->f_bfree);
	json_kuint(&j, "f_bavail", sf->f_bavail);
	json_kuint(&j, "f_files", sf->f_files);
	json_kuint(&j, "f_ffree", sf->f_ffree);
	json_end_object(&j);
	json_end_record(&j);
}

/* Writes the record; an invalid directive ends stat at once, as GNU. */
static bool emit(struct buf *b, int r)
{
	buf_flush(b);
	if (r & STATFMT_INVALID)
		exit(EXIT_FAIL);
	return r == STATFMT_OK;
}

static bool do_fs(const struct stat_opts *so, const char *name, struct buf *b)
{
	if (strcmp(name, "-") == 0) {
		warnx("using %s to denote standard input does not work in file system mode",
		      quote_gnu(0, QUOTE_SHELL_ALWAYS, name));
		return false;
	}
	struct statfs sf;
	if (statfs(name, &sf) < 0) {
		warn("cannot read file system information for %s",
		     quote_gnu(0, QUOTE_SHELL_ALWAYS, name));
		return false;
	}
	if (so->json) {
		json_fs(name, &sf);
		return true;
	}
	struct statfmt fmt = so->fmt;
	fmt.format = so->format;
	return emit(b, statfmt_fs(b, &fmt, name, &sf));
}

static bool do_file(const struct stat_opts *so, const char *name, struct buf *b)
{
	unsigned mask = so->json ? STATX_BASIC_STATS | STATX_BTIME : format_mask(so->format);
	struct statfmt_file f;
	if (!get_file(so, name, mask, &f))
		return false;
	if (so->json) {
		struct buf target = {0};
		bool ok = true, link = S_ISLNK(f.st.st_mode) && f.fd < 0;
		if (link)
			ok = statfmt_readlink(&target, name);
		json_file(&f, link && ok ? target.p : NULL);
		buf_free(&target);
		return ok;
	}
	struct statfmt fmt = so->fmt;
	fmt.format = S_ISCHR(f.st.st_mode) || S_ISBLK(f.st.st_mode) ? so->format_dev : so->format;
	return emit(b, statfmt_file(b, &fmt, &f));
}

int stat_main(int argc, char **argv)
{
	struct stat_opts so = {.fmt = {.trailer = "", .qs = QS_LITERAL}};
	const char *user_format = NULL;
	struct opts o;
	int c;
	/* As GNU stat: names are quoted for the locale's character set, and
	 * the decimal point and thousands grouping are the locale's. */
	setlocale(LC_ALL, "");
	tzset();
	opts_begin(&o, &stat_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 'L':
			so.follow = true;
			break;
		case 'f':
			so.fs = true;
			break;
		case 't':
			so.terse = true;
			break;
		case 'c':
			user_format = o.arg;
			so.fmt.escapes = false;
			so.fmt.trailer = "\n";
			so.json = false;
			break;
		case OPT_PRINTF:
			user_format = o.arg;
			so.fmt.escapes = true;
			so.fmt.trailer = "";
			so.json = false;
			break;
		case OPT_CACHED:
			so.sync_flags = parse_cached(o.arg);
			break;
		case OPT_JSON:
			so.json = true;
			user_format = NULL;
			break;
		}
	}
	if (user_format) {
		so.format = so.format_dev = user_format;
		if (strstr(user_format, "%N")) {
			/* GNU reads QUOTING_STYLE only for a format of one's own. */
			const char *env = getenv("QUOTING_STYLE");
			so.fmt.qs = QS_SHELL_ESCAPE_ALWAYS;
			if (env) {
				int s = quoting_style_find(env);
				if (s >= 0)
					so.fmt.qs = (enum quoting_style)s;
				else
					warnx("ignoring invalid value of environment variable "
					      "QUOTING_STYLE: %s",
					      quote_gnu(0, QUOTE_LOCALE, env));
			}
		}
	} else {
		bool se = !so.fs && statfmt_selinux();
		so.format = statfmt_default(so.fs, so.terse, false, se);
		so.format_dev = statfmt_default(so.fs, so.terse, true, se);
	}

	struct buf b = {.sink = out_write};
	bool ok = true;
	for (int i = o.ind; i < argc; i++)
		ok &= so.fs ? do_fs(&so, argv[i], &b) : do_file(&so, argv[i], &b);
	buf_free(&b);
	return ok ? 0 : 1;
}
