/* The GNU stat format language: every % sequence of coreutils stat for
 * files (from statx, birth time included) and for file systems (-f), its
 * printf-style flags, widths and precisions, --printf's backslash
 * escapes; %N quotes names with quote.h's quote_style. The words and
 * mode strings of file types are ftype.h's. */
#ifndef OSBOX_STATFMT_H
#define OSBOX_STATFMT_H

#include "osbox/buf.h"
#include "osbox/quote.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/vfs.h>

/* What GNU stat %F says: "regular empty file", "directory"... */
const char *ftype_describe(mode_t mode, long long size);
/* The name of a file system type (statfs f_type), as GNU stat %T. */
const char *fstype_name(unsigned long magic, char buf[32]);

/* A file as statx saw it. */
struct statfmt_file {
	const char *name; /* the operand, as given */
	int fd;           /* -1, or the descriptor stat'ed ("-": 0) */
	bool follow;      /* -L: %N does not show a link, %m follows */
	bool has_btime;
	struct stat st;
	struct timespec btime;
};

struct statfmt {
	const char *format;
	bool escapes;          /* --printf: interpret \n, \t, \ooo, \xHH... */
	const char *trailer;   /* "\n" for -c, "" for --printf and defaults */
	enum quoting_style qs; /* for %N */
};

/* Results of formatting one record. */
enum {
	STATFMT_OK = 0,
	STATFMT_FAILED = 1,  /* printed, but a sequence failed (reported) */
	STATFMT_INVALID = 2, /* an invalid directive: reported; stop at once */
};

/* Formats f (or the file system sf of the file called name) into b. */
int statfmt_file(struct buf *b, const struct statfmt *fmt, const struct statfmt_file *f);
int statfmt_fs(struct buf *b, const struct statfmt *fmt, const char *name, const struct statfs *sf);

/* GNU's formats for the default display and for -t, -f, -f -t; device
 * is true for character and block devices (the "Device type" line). */
const char *statfmt_default(bool fs, bool terse, bool device, bool selinux);

/* printf's %f-like seconds of %X %.3Y %-15.2W...: spec is the directive
 * up to (not including) the conversion letter, "%" first. */
void statfmt_epoch(struct buf *b, const char *spec, size_t speclen, long long sec, long nsec);

/* The fsid of sf as one number, as GNU stat %i shows it. */
unsigned long long statfmt_fsid(const struct statfs *sf);

/* Reads the target of the symlink name into b (for %N and --json);
 * false when it cannot be read, which is reported as GNU stat does. */
bool statfmt_readlink(struct buf *b, const char *name);

/* Whether SELinux is enabled (GNU stat then adds its Context). */
bool statfmt_selinux(void);

#endif
