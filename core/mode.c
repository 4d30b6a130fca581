/* chmod's mode grammar (POSIX chmod(1), "Extended Description"), with
 * GNU chmod's extensions and its rule for setuid/setgid on directories. */
#include "osbox/mode.h"
#include "osbox/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RWX_ALL (S_IRWXU | S_IRWXG | S_IRWXO)
#define R_ALL (S_IRUSR | S_IRGRP | S_IROTH)
#define W_ALL (S_IWUSR | S_IWGRP | S_IWOTH)
#define X_ALL (S_IXUSR | S_IXGRP | S_IXOTH)

/* The octal digits 0-7 of a mode are the same bits on every system this
 * builds on (POSIX fixes S_IRUSR == 0400 and so on), so a number is its
 * mode as it stands. */
static bool is_octal(char c)
{
	return c >= '0' && c <= '7';
}

/* Reads octal digits at *p into *val; false if past 07777. */
static bool read_octal(const char **p, mode_t *val)
{
	unsigned v = 0;
	const char *s = *p;
	while (is_octal(*s)) {
		v = v * 8 + (unsigned)(*s++ - '0');
		if (v > MODE_BITS)
			return false;
	}
	*p = s;
	*val = v;
	return true;
}

static bool is_op(char c)
{
	return c == '=' || c == '+' || c == '-';
}

/* The who letters of a clause at *p, up to its first operator, into
 * *who; false on any other character. */
static bool read_who(const char **p, mode_t *who)
{
	*who = 0;
	for (; !is_op(**p); ++*p) {
		switch (**p) {
		case 'u':
			*who |= S_ISUID | S_IRWXU;
			break;
		case 'g':
			*who |= S_ISGID | S_IRWXG;
			break;
		case 'o':
			*who |= S_ISVTX | S_IRWXO;
			break;
		case 'a':
			*who |= MODE_BITS;
			break;
		default:
			return false;
		}
	}
	return true;
}

/* One action at *p (an operator, then permissions, a class to copy or,
 * as a GNU extension, a number) into o; false when it is not valid. */
static bool read_action(const char **p, mode_t who, struct mode_op *o)
{
	const char *s = *p;
	o->op = *s++;
	o->who = who;
	o->kind = MODE_OP_BITS;
	mode_t mentioned = 0;
	if (is_octal(*s)) {
		/* GNU extension: "=755". Only without who letters, and it
		 * ends the clause. */
		if (who || !read_octal(&s, &o->value) || (*s && *s != ','))
			return false;
		o->who = mentioned = MODE_BITS;
	} else if (*s == 'u' || *s == 'g' || *s == 'o') {
		/* A copy of one class's current permissions. */
		o->kind = MODE_OP_COPY;
		o->value = *s == 'u' ? S_IRWXU : *s == 'g' ? S_IRWXG : S_IRWXO;
		s++;
	} else {
		for (;; s++) {
			if (*s == 'r')
				o->value |= R_ALL;
			else if (*s == 'w')
				o->value |= W_ALL;
			else if (*s == 'x')
				o->value |= X_ALL;
			else if (*s == 'X')
				o->kind = MODE_OP_X_IF_EXEC;
			else if (*s == 's')
				o->value |= S_ISUID | S_ISGID;
			else if (*s == 't')
				o->value |= S_ISVTX;
			else
				break;
		}
	}
	o->mentioned = mentioned ? mentioned : who ? who & o->value : o->value;
	*p = s;
	return true;
}

/* A number: one op that sets the bits. */
static bool read_number(const char *mode, struct mode_op *o)
{
	const char *p = mode;
	mode_t v;
	if (!read_octal(&p, &v) || *p)
		return false;
	/* GNU: with fewer than 5 digits, the setuid and setgid bits of a
	 * directory are kept unless the number sets them. */
	bool short_form = p - mode < 5;
	*o = (struct mode_op){
	    .op = '=',
	    .kind = MODE_OP_BITS,
	    .who = MODE_BITS,
	    .value = v,
	    .mentioned = short_form ? (v & (S_ISUID | S_ISGID)) | S_ISVTX | RWX_ALL : MODE_BITS,
	};
	return true;
}

bool mode_compile(const char *mode, struct mode_spec *spec)
{
	spec->n = 0;
	spec->ops = NULL;
	/* Each operator starts one op: count them for the allocation. */
	size_t nops = 1;
	for (const char *s = mode; *s; s++)
		nops += is_op(*s);
	struct mode_op *ops = xcalloc(nops, sizeof *ops);
	size_t n = 0;
	const char *p = mode;
	bool ok = true;
	if (is_octal(*p)) {
		ok = read_number(mode, &ops[n++]);
	} else {
		/* Clauses: who letters, then one or more actions, separated
		 * by commas. */
		for (;;) {
			mode_t who;
			if (!(ok = read_who(&p, &who)))
				break;
			while (ok && is_op(*p))
				ok = read_action(&p, who, &ops[n++]);
			if (!ok || *p == 0)
				break;
			if (*p++ != ',') {
				ok = false;
				break;
			}
		}
	}
	if (!ok) {
		free(ops);
		return false;
	}
	spec->n = n;
	spec->ops = ops;
	return true;
}

void mode_from_bits(mode_t bits, struct mode_spec *spec)
{
	spec->ops = xmalloc(sizeof *spec->ops);
	spec->ops[0] = (struct mode_op){
	    .op = '=',
	    .kind = MODE_OP_BITS,
	    .who = MODE_BITS,
	    .value = bits & MODE_BITS,
	    .mentioned = MODE_BITS,
	};
	spec->n = 1;
}

void mode_free(struct mode_spec *spec)
{
	free(spec->ops);
	spec->ops = NULL;
	spec->n = 0;
}

mode_t mode_apply(const struct mode_spec *spec, mode_t old, bool dir, mode_t umask, mode_t *changed)
{
	mode_t cur = old & MODE_BITS, acted = 0;
	for (size_t i = 0; i < spec->n; i++) {
		const struct mode_op *o = &spec->ops[i];
		mode_t value = o->value;
		/* On a directory, setuid and setgid change only when the op
		 * names them (GNU; they mean "inherit" there, see chmod(1)). */
		mode_t keep = dir ? (S_ISUID | S_ISGID) & ~o->mentioned : 0;
		if (o->kind == MODE_OP_COPY) {
			/* The class's bits, spread to all three classes. */
			mode_t bits = value & cur;
			value = ((bits & R_ALL) ? R_ALL : 0) | ((bits & W_ALL) ? W_ALL : 0) |
			        ((bits & X_ALL) ? X_ALL : 0);
		} else if (o->kind == MODE_OP_X_IF_EXEC) {
			if (dir || (cur & X_ALL))
				value |= X_ALL;
		}
		/* Who letters limit the op to their classes; without them the
		 * umask does (POSIX). */
		value &= (o->who ? o->who : ~umask) & ~keep;
		switch (o->op) {
		case '=': {
			/* Bits of classes not named stay; with no who letters,
			 * "=" clears everything (then sets what the umask lets). */
			mode_t stay = (o->who ? ~o->who : 0) | keep;
			acted |= MODE_BITS & ~stay;
			cur = (cur & stay) | value;
			break;
		}
		case '+':
			acted |= value;
			cur |= value;
			break;
		case '-':
			acted |= value;
			cur &= ~value;
			break;
		}
	}
	if (changed)
		*changed = acted;
	return cur;
}

void mode_string(mode_t m, char buf[10])
{
	static const char rwx[] = "rwxrwxrwx";
	for (int i = 0; i < 9; i++)
		buf[i] = (m & (0400u >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		buf[2] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		buf[5] = (m & S_IXGRP) ? 's' : 'S';
	if (m & S_ISVTX)
		buf[8] = (m & S_IXOTH) ? 't' : 'T';
	buf[9] = 0;
}
