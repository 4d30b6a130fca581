/* File modes as chmod takes them: octal numbers and POSIX symbolic
 * clauses, compiled once and applied to each file's current mode. */
#ifndef OSBOX_MODE_H
#define OSBOX_MODE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The bits chmod can change: permissions, setuid, setgid, sticky. */
#define MODE_BITS 07777

/* One operation of a compiled mode: "g+w" is one, "u=rw-x" is two. */
struct mode_op {
	char op;            /* '=', '+' or '-' */
	unsigned char kind; /* MODE_OP_BITS, MODE_OP_COPY or MODE_OP_X_IF_EXEC */
	mode_t who;         /* bits the who letters select; 0 when none were given */
	mode_t value;       /* bits named after the operator */
	mode_t mentioned;   /* setuid/setgid bits this op may change on a directory */
};

enum {
	MODE_OP_BITS,      /* value as it stands */
	MODE_OP_COPY,      /* value selects u, g or o bits of the current mode to copy */
	MODE_OP_X_IF_EXEC, /* value, plus x if a directory or already executable by anyone */
};

struct mode_spec {
	size_t n;
	struct mode_op *ops;
};

/* Compiles MODE as GNU chmod reads it:
 *   - an octal number up to 07777 (an absolute mode). With fewer than five
 *     digits, a setuid or setgid bit it leaves clear is kept on a
 *     directory (GNU's rule); 5 or more digits set every bit exactly;
 *   - comma-separated clauses [ugoa]*([-+=]([rwxXst]*|[ugo]))+ ; an
 *     operator may also be followed by an octal number when no who letter
 *     was given (GNU's "=755", "+644").
 * Returns true and fills spec (free it with mode_free), or false when MODE
 * is not a mode. */
bool mode_compile(const char *mode, struct mode_spec *spec);

/* A spec that sets exactly the MODE_BITS of bits (for --reference). */
void mode_from_bits(mode_t bits, struct mode_spec *spec);

void mode_free(struct mode_spec *spec);

/* The new permission bits for a file whose st_mode is old (the file type
 * bits are dropped). dir: the file is a directory (X, and GNU's setuid and
 * setgid rule). umask limits clauses that name no who letters, as POSIX
 * says. If changed is not NULL it receives the bits the spec acts on. */
mode_t mode_apply(const struct mode_spec *spec, mode_t old, bool dir, mode_t umask,
                  mode_t *changed);

/* The nine permission characters of ls -l for mode ("rwsr-x--T"), with s,
 * S, t and T for setuid, setgid and sticky. buf receives 10 bytes. */
void mode_string(mode_t mode, char buf[10]);

#endif
