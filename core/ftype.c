/* File types as words, letters and mode strings (see ftype.h). */
#include "osbox/ftype.h"

#include <dirent.h>
#include <sys/stat.h>

const char *ftype_word_dt(unsigned char dt)
{
	switch (dt) {
	case DT_REG:
		return "file";
	case DT_DIR:
		return "dir";
	case DT_LNK:
		return "symlink";
	case DT_FIFO:
		return "fifo";
	case DT_SOCK:
		return "socket";
	case DT_CHR:
		return "chardev";
	case DT_BLK:
		return "blockdev";
	default:
		return "unknown";
	}
}

unsigned char ftype_dt(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return DT_REG;
	case S_IFDIR:
		return DT_DIR;
	case S_IFLNK:
		return DT_LNK;
	case S_IFIFO:
		return DT_FIFO;
	case S_IFSOCK:
		return DT_SOCK;
	case S_IFCHR:
		return DT_CHR;
	case S_IFBLK:
		return DT_BLK;
	default:
		return DT_UNKNOWN;
	}
}

mode_t ftype_ifmt(unsigned char dt)
{
	switch (dt) {
	case DT_REG:
		return S_IFREG;
	case DT_DIR:
		return S_IFDIR;
	case DT_LNK:
		return S_IFLNK;
	case DT_FIFO:
		return S_IFIFO;
	case DT_SOCK:
		return S_IFSOCK;
	case DT_CHR:
		return S_IFCHR;
	case DT_BLK:
		return S_IFBLK;
	default:
		return 0;
	}
}

const char *ftype_word(mode_t mode)
{
	return ftype_word_dt(ftype_dt(mode));
}

char ftype_letter_dt(unsigned char dt)
{
	switch (dt) {
	case DT_REG:
		return 'f';
	case DT_DIR:
		return 'd';
	case DT_LNK:
		return 'l';
	case DT_FIFO:
		return 'p';
	case DT_SOCK:
		return 's';
	case DT_CHR:
		return 'c';
	case DT_BLK:
		return 'b';
	default:
		return 0;
	}
}

unsigned char ftype_dt_of_letter(char c)
{
	switch (c) {
	case 'f':
		return DT_REG;
	case 'd':
		return DT_DIR;
	case 'l':
		return DT_LNK;
	case 'p':
		return DT_FIFO;
	case 's':
		return DT_SOCK;
	case 'c':
		return DT_CHR;
	case 'b':
		return DT_BLK;
	default:
		return DT_UNKNOWN;
	}
}

/* The type letter of ls -l: find's letter but '-' for a regular file,
 * '?' for none known. */
static char mode_letter(mode_t mode)
{
	char c = ftype_letter_dt(ftype_dt(mode));
	return c == 'f' ? '-' : c ? c : '?';
}

char *ftype_modestr(mode_t mode, char buf[11])
{
	buf[0] = mode_letter(mode);
	buf[1] = mode & S_IRUSR ? 'r' : '-';
	buf[2] = mode & S_IWUSR ? 'w' : '-';
	/* set-id and sticky bits show in the x column: lower case when x is
	 * also set, upper case when it is not (POSIX ls). */
	buf[3] = mode & S_ISUID ? (mode & S_IXUSR ? 's' : 'S') : (mode & S_IXUSR ? 'x' : '-');
	buf[4] = mode & S_IRGRP ? 'r' : '-';
	buf[5] = mode & S_IWGRP ? 'w' : '-';
	buf[6] = mode & S_ISGID ? (mode & S_IXGRP ? 's' : 'S') : (mode & S_IXGRP ? 'x' : '-');
	buf[7] = mode & S_IROTH ? 'r' : '-';
	buf[8] = mode & S_IWOTH ? 'w' : '-';
	buf[9] = mode & S_ISVTX ? (mode & S_IXOTH ? 't' : 'T') : (mode & S_IXOTH ? 'x' : '-');
	buf[10] = 0;
	return buf;
}

char ftype_indicator(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return '/';
	case S_IFLNK:
		return '@';
	case S_IFIFO:
		return '|';
	case S_IFSOCK:
		return '=';
	case S_IFREG:
		return mode & (S_IXUSR | S_IXGRP | S_IXOTH) ? '*' : 0;
	default:
		return 0;
	}
}
