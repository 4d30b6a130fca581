/* env -S: splitting one string into arguments with GNU env's rules, the
 * ones a shebang line such as `#!/usr/bin/env -S perl -w -T` relies on:
 * - blanks (space, tab, newline, CR, FF, VT) separate arguments;
 * - '...' keeps everything literal but \\ and \';
 * - "..." keeps blanks, and allows the escapes below and ${NAME};
 * - escapes \" \# \$ \' \\, \f \n \r \t \v; \_ is a separator outside
 *   double quotes and a space inside; \c ends the string (not allowed
 *   inside double quotes); any other escape is an error;
 * - ${NAME} is replaced by NAME's value (nothing when unset), outside
 *   single quotes; any other use of $ is an error;
 * - # at the start of an argument begins a comment to the end. */
#ifndef OSBOX_ENVSPLIT_H
#define OSBOX_ENVSPLIT_H

#include <stddef.h>

enum envsplit_error {
	ENVSPLIT_OK,
	ENVSPLIT_BAD_ESCAPE,    /* "invalid sequence '\%c' in -S" */
	ENVSPLIT_BACKSLASH_END, /* "invalid backslash at end of string in -S" */
	ENVSPLIT_NO_QUOTE,      /* "no terminating quote in -S string" */
	ENVSPLIT_C_IN_DQ,       /* "'\c' must not appear in double-quoted -S string" */
	ENVSPLIT_BAD_VAR,       /* "only ${VARNAME} expansion is supported, error at: %s" */
};

struct envsplit {
	char **argv; /* argc words, then NULL; the words live in buf */
	int argc;
	char *buf;
	enum envsplit_error error;
	char bad;       /* ENVSPLIT_BAD_ESCAPE: the character after the backslash */
	const char *at; /* ENVSPLIT_BAD_VAR: where in the string the bad $ is */
};

/* Called for each ${NAME} met, with the value used (NULL when unset). */
typedef void envsplit_note_fn(void *ctx, const char *name, size_t namelen, const char *value);

/* Splits s into r. Returns 0, or -1 with r->error set (and nothing to
 * free). note may be NULL. Values come from getenv. */
int envsplit(const char *s, struct envsplit *r, envsplit_note_fn *note, void *ctx);

void envsplit_free(struct envsplit *r);

/* The message for r->error, GNU env's wording, into buf. */
const char *envsplit_strerror(const struct envsplit *r, char *buf, size_t size);

#endif
