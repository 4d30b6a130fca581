/* spawn -j's argument mode, as GNU parallel's: a command template whose
 * words hold placeholders ({} {.} {/} {//} {/.} {#} {%}, and {N} {N.}...
 * for input group N), the input groups (::: lists and files held in
 * memory; the first group may instead be streamed by the runner), their
 * combinations, and the building of one job's argv from one record, or
 * from a batch of records (-X). */
#ifndef OSBOX_JOBARGS_H
#define OSBOX_JOBARGS_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/* One part of a word: literal text, or a placeholder. */
struct jobargs_seg {
	char kind;      /* 0 literal; '{' {}; '.' {.}; '/' {/}; 'd' {//}; 'b' {/.};
	                   '#' {#}; '%' {%}; 'Z' {0#}; 'S' {0%} (zero-padded
	                   with --plus); with --plus: 'E' {..}; 'F' {...};
	                   'G' {/..}; 'H' {/...}; 'P' {+/}; 'x' {+.}; 'y' {+..};
	                   'z' {+...}; 'T' {##} */
	unsigned group; /* for a value placeholder: 0 the whole record, else N of {N} */
	const char *lit;
	size_t len;
};

struct jobargs_word {
	struct jobargs_seg *segs;
	size_t nsegs;
	bool per_item; /* holds a value placeholder: repeated per record with -X */
	bool whole;    /* holds one of the whole record ({}, {.}...) */
	bool total;    /* holds {##} or {0#}, which need the number of jobs */
};

/* An input group held in memory: the values of a ::: list, or of a file. */
struct jobargs_group {
	char **vals;
	size_t n;
	char *mem;   /* a file's contents, which vals point into; or NULL */
	bool linked; /* takes its values in step with the group before it
	                (:::+, ::::+, --link) instead of combining with it */
};

struct jobargs {
	struct jobargs_word *words;
	size_t nwords;
	bool any_placeholder; /* none: the record's values are appended */
	bool shell;           /* -c: one shell command line, values quoted */
	bool xargs;           /* -X: as many records per command as fit */
	bool multi;           /* -m: as -X, but a word is made once, each of its
	                         placeholders standing for every record's value */
	bool spread;          /* -X, -m: the records left at the end are spread over
	                         the job slots, as GNU parallel's (not find's) */
	size_t max_args;      /* -n: at most this many per command; 0 no limit */
	bool positional;      /* -N: the batch's records are {1} {2}..., as groups */
	bool no_args;         /* -N 0: the command alone, once per record */
	char delim;           /* between items read: '\n', or '\0' with -0 */
	/* The groups, in order; the first varies slowest. groups[0] is unused
	 * (n 0) when the runner streams the first group. Linked groups make
	 * one chain, which combines with the others as one group would. */
	struct jobargs_group *groups;
	size_t ngroups;
	bool stream;         /* the runner streams the first group */
	bool wrap;           /* --link: a chain is as long as its longest group, whose
	                        shorter fellows start over; else as its shortest */
	size_t arg_max;      /* bytes of argv (strings and pointers) a command may use */
	void *colsep;        /* --colsep: a regex_t splitting each value into columns */
	unsigned trim;       /* --trim: JOBARGS_TRIM_L, _R: the white space cut from
	                        each value's ends, or with colsep each column's */
	const char *replace; /* -I STR, or NULL */
	char **names;        /* --header: group (or column) N is named names[N-1] */
	size_t nnames;
	struct jobargs_word *tagword; /* --tagstring, or NULL */
	bool plus;                    /* --plus: its placeholders too */
	bool needs_total;             /* a word (or the tag) holds {##} or {0#} */
	unsigned long total;          /* the number of jobs, for {##}; set by the runner */
	int slots;                    /* the job slots, for {0%}'s width; set by the runner */
};

enum { JOBARGS_TRIM_L = 1, JOBARGS_TRIM_R = 2 };

/* Sets the template from the command words (they must outlive a). */
void jobargs_init(struct jobargs *a, char **words, size_t nwords);

/* The same with replace (-I STR, unless NULL or empty) standing for {},
 * which is then no placeholder, and with plus the placeholders of --plus
 * ({..} {...} {/..} {/...} {+/} {+.} {+..} {+...} {##}; {0#} {0%} padded). */
void jobargs_init_replace(struct jobargs *a, char **words, size_t nwords, const char *replace,
                          bool plus);
void jobargs_free(struct jobargs *a);

/* --header: names (n of them, taken: freed with a) name the groups, or
 * with --colsep the columns, in order, for {name} {name.}...; the template
 * words are parsed again with them. */
void jobargs_set_names(struct jobargs *a, char **names, size_t n, char **words, size_t nwords);

/* --tagstring s: a job's tag is s with its placeholders filled, not the
 * record's values; the values of a batch (-X) count as one record's. */
void jobargs_set_tagstring(struct jobargs *a, const char *s);

/* --colsep: re, an extended regular expression (\\t in it a tab), splits
 * each value into columns. 0, or a regcomp(3) error code with its message
 * in msg (size bytes). */
int jobargs_set_colsep(struct jobargs *a, const char *re, char *msg, size_t size);

/* Appends v to out without the white space at the ends a->trim names,
 * NUL-terminated. */
void jobargs_trim(const struct jobargs *a, const char *v, struct buf *out);

/* The columns of one record (vals: one per group), those of the first
 * group first, NUL-terminated one after another into out; their number. */
size_t jobargs_columns(const struct jobargs *a, const char *const *vals, struct buf *out);

/* Appends a group: the n values of a ::: list (kept, not copied). */
void jobargs_add_list(struct jobargs *a, char **vals, size_t n);

/* Appends a group of the items of a file read whole (a group past the
 * first, which every value of the first comes back to); 0, or -1 with
 * errno set. */
int jobargs_add_fd(struct jobargs *a, int fd);

/* Reads the items of fd whole into group g (the streamed first group,
 * when it is linked); 0, or -1 with errno set. */
int jobargs_fill_fd(struct jobargs *a, size_t g, int fd);

/* The number of records chain h (a group not linked to the one before
 * it, and the groups linked after it) makes; for h 0, only when the
 * first group is not streamed. */
size_t jobargs_chain_len(const struct jobargs *a, size_t h);

/* The value of group g for the chain's i-th record (i below the chain's
 * length). */
const char *jobargs_value(const struct jobargs *a, size_t g, size_t i);

/* Appends a group whose values the runner streams (only as the first):
 * from the input it is given, or from the caller's code. */
void jobargs_add_stream(struct jobargs *a);

/* The size a record (vals: one NUL-terminated value per group) adds to a
 * command's argv (strings with their NULs, and pointers), given the job's
 * number and slot; with vals NULL, the size of what is there whatever the
 * records (the words without values, the final NULL). */
size_t jobargs_record_size(const struct jobargs *a, const char *const *vals, unsigned long seq,
                           int slot);

/* Builds a job's command from nrec records (vals holds nrec*ngroups
 * strings, record by record): its argv strings (NUL-separated) into
 * strings, with argv pointing into them (*argv grown as needed, *cap its
 * size, NULL-terminated); its display text (the words, shell-quoted where
 * needed, or the shell line) into cmd; its tag (the values, separated by
 * spaces) into tag. In shell mode, argv is sh -c LINE. */
void jobargs_build(const struct jobargs *a, const char *const *vals, size_t nrec, unsigned long seq,
                   int slot, struct buf *strings, char ***argv, size_t *cap, struct buf *cmd,
                   struct buf *tag);

/* Appends s (n bytes) to b quoted for /bin/sh when it needs it: as it is
 * when every byte is a plain word character, else in single quotes
 * ('it'"'"'s, as GNU parallel quotes). */
void jobargs_shquote(struct buf *b, const char *s, size_t n);

/* The bytes argv may take, as xargs reckons them: ARG_MAX less the
 * environment, less 2048 of headroom. */
size_t jobargs_arg_max(void);

#endif
