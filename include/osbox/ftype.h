/* File types as words, letters and mode strings: the one vocabulary that
 * listdir -t, walk --type, stat --json and every --json "type" field use. */
#ifndef OSBOX_FTYPE_H
#define OSBOX_FTYPE_H

#include <sys/types.h>

/* "file", "dir", "symlink", "fifo", "socket", "chardev", "blockdev", or
 * "unknown", from an st_mode. */
const char *ftype_word(mode_t mode);

/* The same word from a dirent d_type (DT_REG...); "unknown" for DT_UNKNOWN. */
const char *ftype_word_dt(unsigned char dt);

/* d_type for an st_mode (DT_UNKNOWN for none), and st_mode's S_IFMT bits
 * for a d_type (0 for DT_UNKNOWN). */
unsigned char ftype_dt(mode_t mode);
mode_t ftype_ifmt(unsigned char dt);

/* find's -type letters: f d l p s c b, from a d_type; 0 for DT_UNKNOWN.
 * ftype_dt_of_letter is the inverse (DT_UNKNOWN for a letter find lacks). */
char ftype_letter_dt(unsigned char dt);
unsigned char ftype_dt_of_letter(char c);

/* The ten-character mode string of ls -l and stat %A: "drwxr-sr-t".
 * buf must hold 11 bytes; returns buf. */
char *ftype_modestr(mode_t mode, char buf[11]);

/* ls -F's indicator: '/' dir, '@' symlink, '|' fifo, '=' socket, '*'
 * executable regular file; 0 for none. */
char ftype_indicator(mode_t mode);

#endif
