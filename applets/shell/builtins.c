/* The shell's builtins (see sh.h): the special ones of POSIX XCU 2.14
 * and the regular ones dash has, which must run in the shell's process
 * to change it (cd, read, export...) or read its state (jobs, type).
 * What they print is built in a buffer and written at once through
 * core/out.c, whose failure is reported, not fatal. The builtins that
 * need only their operands are in bi.h. */
#include "sh.h"
#include "bi.h"
#include "osbox/buf.h"
#include "osbox/exitstatus.h"
#include "osbox/out.h"
#include "osbox/proc.h"
#include "osbox/registry.h"
#include "osbox/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <unistd.h>

/* Writes what a builtin printed (o, freed) to stdout through core/out.c,
 * at once: a failure ends the builtin with status 1 after "NAME: write
 * error: ..." (none for EPIPE), never the shell, which runs builtins in
 * its own process. */
static int put_out(struct buf *o, const char *who)
{
	int e = out_write_now(o->p, o->len);
	buf_free(o);
	if (e && e != EPIPE) {
		sh_error(sh_current, "%s: %s: I/O error", who, who); /* dash's words */
	}
	return e ? 1 : 0;
}

/* A special builtin's error: a non-interactive shell ends (XCU 2.8.1). */
static int special_error(struct sh *sh, int status)
{
	if (sh->nofatal == 0)
		sh_fatal(sh, status);
	return status;
}

/* Where the operands start: after "--", or after flag (an option that
 * changes nothing here, as export -p), if argv[1] is one of them. */
static int first_operand(int argc, char **argv, const char *flag)
{
	int i = 1;
	if (i < argc && flag && strcmp(argv[i], flag) == 0)
		i++;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	return i;
}

/* True if all of s is a decimal number, in *v (strtol's, which leaves
 * errno at ERANGE when it does not fit). */
static bool number(const char *s, long *v)
{
	char *end;
	errno = 0;
	*v = strtol(s, &end, 10);
	return end != s && *end == 0;
}

/* ---- the operand-only builtins of bi.h ---- */

/* Runs fn, which prints into a buffer, and writes what it printed: the
 * write's failure, or else fn's status. */
static int run_printing(int (*fn)(int, char **, struct buf *), int argc, char **argv)
{
	struct buf o = {0};
	int st = fn(argc, argv, &o);
	int w = put_out(&o, argv[0]);
	return w ? w : st;
}

static int bi_echo(struct sh *sh, int argc, char **argv)
{
	(void)sh;
	return run_printing(sh_bi_echo, argc, argv);
}

static int bi_printf(struct sh *sh, int argc, char **argv)
{
	(void)sh;
	return run_printing(sh_bi_printf, argc, argv);
}

static int bi_test(struct sh *sh, int argc, char **argv)
{
	(void)sh;
	return sh_bi_test(argc, argv);
}

static int bi_umask(struct sh *sh, int argc, char **argv)
{
	(void)sh;
	return run_printing(sh_bi_umask, argc, argv);
}

static int bi_ulimit(struct sh *sh, int argc, char **argv)
{
	(void)sh;
	return run_printing(sh_bi_ulimit, argc, argv);
}

static int bi_true(struct sh *sh, int argc, char **argv)
{
	(void)sh, (void)argc, (void)argv;
	return 0;
}

static int bi_false(struct sh *sh, int argc, char **argv)
{
	(void)sh, (void)argc, (void)argv;
	return 1;
}

/* ---- cd and pwd ---- */

/* dir made absolute against base and cleaned of . and .. as text (the
 * logical path of cd -L). */
static char *logical(const char *base, const char *dir)
{
	struct buf b = {0};
	char *path = dir[0] == '/' ? xstrdup(dir) : xasprintf("%s/%s", base, dir);
	for (char *s = path, *tok; (tok = strsep(&s, "/"));) {
		if (!tok[0] || strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			char *sl = b.p ? strrchr(b.p, '/') : NULL;
			buf_truncate(&b, sl ? (size_t)(sl - b.p) : 0);
			continue;
		}
		buf_putc(&b, '/');
		buf_puts(&b, tok);
	}
	free(path);
	return b.len ? buf_take(&b) : (buf_free(&b), xstrdup("/"));
}

static int bi_cd(struct sh *sh, int argc, char **argv)
{
	bool phys = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-P") == 0)
			phys = true;
		else if (strcmp(argv[i], "-L") == 0)
			phys = false;
		else
			break;
	}
	if (argc - i > 1) {
		sh_error(sh, "cd: too many arguments");
		return 1;
	}
	const char *dir = i < argc ? argv[i] : sh_getvar(sh, "HOME");
	bool print = false;
	if (!dir || !dir[0])
		return !dir;
	if (strcmp(dir, "-") == 0) {
		dir = sh_getvar(sh, "OLDPWD");
		if (!dir) {
			sh_error(sh, "cd: can't cd to -");
			return 2;
		}
		print = true;
	}
	const char *pwd = sh_getvar(sh, "PWD");
	char *cwd0 = getcwd(NULL, 0);
	const char *base = pwd && pwd[0] == '/' ? pwd : cwd0 ? cwd0 : "/";
	char *target = NULL;
	const char *cdpath = sh_getvar(sh, "CDPATH");
	bool rel = dir[0] != '/' && strncmp(dir, "./", 2) && strncmp(dir, "../", 3) &&
	           strcmp(dir, ".") && strcmp(dir, "..");
	/* CDPATH (XCU cd): each of its directories in turn, then dir itself */
	for (const char *p = rel && cdpath ? cdpath : NULL; p;) {
		const char *c = strchr(p, ':');
		size_t l = c ? (size_t)(c - p) : strlen(p);
		char *cand = l ? xasprintf("%.*s/%s", (int)l, p, dir) : xstrdup(dir);
		char *full = phys ? xstrdup(cand) : logical(base, cand);
		if (chdir(full) == 0) {
			target = full;
			print = print || l > 0;
			free(cand);
			break;
		}
		free(full);
		free(cand);
		p = c ? c + 1 : NULL;
	}
	if (!target) {
		char *full = phys ? xstrdup(dir) : logical(base, dir);
		if (chdir(full) == 0)
			target = full;
		else
			free(full);
	}
	if (!target) {
		sh_error(sh, "cd: can't cd to %s", dir);
		free(cwd0);
		return 2;
	}
	char *now = phys ? getcwd(NULL, 0) : xstrdup(target);
	sh_setvar(sh, "OLDPWD", pwd ? pwd : cwd0 ? cwd0 : "");
	if (now)
		sh_setvar(sh, "PWD", now);
	int status = 0;
	if (print && now) {
		struct buf o = {0};
		buf_printf(&o, "%s\n", now);
		status = put_out(&o, "cd");
	}
	free(now);
	free(target);
	free(cwd0);
	return status;
}

static int bi_pwd(struct sh *sh, int argc, char **argv)
{
	bool phys = argc > 1 && strcmp(argv[1], "-P") == 0;
	const char *pwd = sh_getvar(sh, "PWD");
	struct stat a, b;
	char *cwd = NULL;
	if (phys || !pwd || pwd[0] != '/' || stat(pwd, &a) < 0 || stat(".", &b) < 0 ||
	    a.st_ino != b.st_ino || a.st_dev != b.st_dev)
		pwd = cwd = getcwd(NULL, 0);
	if (!pwd) {
		sh_error(sh, "pwd: %s", strerror(errno));
		return 2;
	}
	struct buf o = {0};
	buf_printf(&o, "%s\n", pwd);
	free(cwd);
	return put_out(&o, "pwd");
}

/* ---- exit, return, break, continue ---- */

static int bi_exit(struct sh *sh, int argc, char **argv)
{
	int status = sh->status;
	if (argc >= 2) {
		long v;
		if (!number(argv[1], &v) || errno || v < 0) {
			sh_error(sh, "exit: Illegal number: %s", argv[1]);
			status = 2;
		} else {
			status = (int)(v & 0xff);
		}
	}
	if (sh_warn_stopped(sh))
		return 1;
	sh->exiting = true;
	sh->exit_status = status;
	sh->status = status;
	if (sh->subshell || !sh->interactive || sh->in_trap)
		sh_exit(sh, status);
	return status;
}

static int bi_return(struct sh *sh, int argc, char **argv)
{
	int status = sh->status;
	if (argc >= 2) {
		long v;
		if (!number(argv[1], &v) || v < 0) {
			sh_error(sh, "return: Illegal number: %s", argv[1]);
			return special_error(sh, 2);
		}
		status = (int)(v & 0xff);
	}
	if (sh->funcdepth > 0 || sh->dotdepth > 0)
		sh->returning = true;
	sh->status = status;
	return status;
}

static int break_continue(struct sh *sh, int argc, char **argv, bool cont)
{
	long n = 1;
	if (argc >= 2 && (!number(argv[1], &n) || n <= 0)) {
		sh_error(sh, "%s: Illegal number: %s", argv[0], argv[1]);
		return special_error(sh, 2);
	}
	if (sh->loopdepth == 0)
		return 0;
	if (n > sh->loopdepth)
		n = sh->loopdepth;
	sh->breaks = (int)n;
	sh->continues = cont;
	return 0;
}

static int bi_break(struct sh *sh, int argc, char **argv)
{
	return break_continue(sh, argc, argv, false);
}

static int bi_continue(struct sh *sh, int argc, char **argv)
{
	return break_continue(sh, argc, argv, true);
}

/* ---- variables ---- */

static bool valid_name(struct sh *sh, const char *who, const char *arg, size_t n)
{
	if (sh_is_name(arg, n))
		return true;
	sh_error(sh, "%s: %.*s: bad variable name", who, (int)n, arg);
	return false;
}

/* export -p, readonly -p: the variables with flag, as commands. */
static int print_flagged(struct sh *sh, unsigned flag, const char *who)
{
	struct sh_var **v = sh_vars_sorted(sh);
	struct buf o = {0};
	for (size_t k = 0; v[k]; k++) {
		if (!(v[k]->flags & flag))
			continue;
		buf_printf(&o, "%s %s", who, v[k]->name);
		if (v[k]->value) {
			buf_putc(&o, '=');
			sh_put_dash_quoted(&o, v[k]->value);
		}
		buf_putc(&o, '\n');
	}
	free(v);
	return put_out(&o, who);
}

static int export_readonly(struct sh *sh, int argc, char **argv, unsigned flag)
{
	int i = first_operand(argc, argv, "-p"), status = 0;
	if (i == argc)
		return print_flagged(sh, flag, argv[0]);
	for (; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t nl = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		if (!valid_name(sh, argv[0], argv[i], nl)) {
			status = special_error(sh, 2);
			continue;
		}
		char *name = xstrndup(argv[i], nl);
		if (flag == SH_V_EXPORT) {
			if (eq && sh_setvar(sh, name, eq + 1) < 0)
				status = special_error(sh, 2);
			else
				sh_export(sh, name, NULL);
		} else {
			if (eq && sh_setvar(sh, name, eq + 1) < 0)
				status = special_error(sh, 2);
			else if (!sh_lookup(sh, name))
				sh_setvar_flags(sh, name, NULL, SH_V_READONLY);
			else
				sh_lookup(sh, name)->flags |= SH_V_READONLY;
		}
		free(name);
	}
	return status;
}

static int bi_export(struct sh *sh, int argc, char **argv)
{
	return export_readonly(sh, argc, argv, SH_V_EXPORT);
}

static int bi_readonly(struct sh *sh, int argc, char **argv)
{
	return export_readonly(sh, argc, argv, SH_V_READONLY);
}

static void unset_func(struct sh *sh, const char *name)
{
	for (struct sh_func **f = &sh->funcs; *f; f = &(*f)->next) {
		if (strcmp((*f)->name, name) == 0) {
			struct sh_func *d = *f;
			*f = d->next;
			sh_arena_unref(d->arena);
			free(d->name);
			free(d);
			return;
		}
	}
}

static int bi_unset(struct sh *sh, int argc, char **argv)
{
	int status = 0, i = 1;
	bool funcs = false;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-f") == 0)
			funcs = true;
		else if (strcmp(argv[i], "-v") == 0)
			funcs = false;
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else
			break;
	}
	for (; i < argc; i++) {
		if (funcs) {
			unset_func(sh, argv[i]);
		} else if (!valid_name(sh, "unset", argv[i], strlen(argv[i]))) {
			status = 1;
		} else if (sh_lookup(sh, argv[i]) &&
		           sh_lookup(sh, argv[i])->flags & SH_V_READONLY) {
			sh_error(sh, "unset: %s: is read only", argv[i]);
			status = special_error(sh, 2);
		} else {
			sh_unsetvar(sh, argv[i]);
		}
	}
	return status;
}

static int bi_local(struct sh *sh, int argc, char **argv)
{
	if (sh->funcdepth == 0) {
		sh_error(sh, "local: not in a function");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t nl = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		if (!valid_name(sh, "local", argv[i], nl))
			return 2;
		char *name = xstrndup(argv[i], nl);
		sh_local(sh, name);
		if (eq && sh_setvar(sh, name, eq + 1) < 0) {
			free(name);
			return 2;
		}
		free(name);
	}
	return 0;
}

static int bi_shift(struct sh *sh, int argc, char **argv)
{
	long n = 1;
	size_t have = sh->params.n ? sh->params.n - 1 : 0;
	if (argc >= 2 && (!number(argv[1], &n) || n < 0)) {
		sh_error(sh, "shift: Illegal number: %s", argv[1]);
		return special_error(sh, 2);
	}
	if ((size_t)n > have) {
		sh_error(sh, "shift: can't shift that many");
		return special_error(sh, 2);
	}
	for (long k = 1; k <= n; k++)
		free(sh->params.v[k]);
	memmove(sh->params.v + 1, sh->params.v + 1 + n,
	        (sh->params.n - 1 - (size_t)n + 1) * sizeof *sh->params.v);
	sh->params.n -= (size_t)n;
	return 0;
}

/* ---- set ---- */

static const struct {
	char letter;
	const char *name;
} optnames[SH_NOPTS] = {
    [SH_O_PRIVILEGED] = {'p', "privileged"},
    [SH_O_DEBUG] = {0, "debug"},
    [SH_O_PIPEFAIL] = {0, "pipefail"},
    [SH_O_ALLEXPORT] = {'a', "allexport"},
    [SH_O_NOTIFY] = {'b', "notify"},
    [SH_O_NOCLOBBER] = {'C', "noclobber"},
    [SH_O_ERREXIT] = {'e', "errexit"},
    [SH_O_NOGLOB] = {'f', "noglob"},
    [SH_O_INTERACTIVE] = {'i', "interactive"},
    [SH_O_MONITOR] = {'m', "monitor"},
    [SH_O_NOEXEC] = {'n', "noexec"},
    [SH_O_STDIN] = {'s', "stdin"},
    [SH_O_NOUNSET] = {'u', "nounset"},
    [SH_O_VERBOSE] = {'v', "verbose"},
    [SH_O_XTRACE] = {'x', "xtrace"},
    [SH_O_IGNOREEOF] = {0, "ignoreeof"},
    [SH_O_NOLOG] = {0, "nolog"},
    [SH_O_VI] = {0, "vi"},
    [SH_O_EMACS] = {0, "emacs"},
};

void sh_dollar_minus(struct sh *sh, char *buf)
{
	size_t k = 0;
	for (int o = SH_NOPTS; o-- > 0;) /* dash's order */
		if (sh->opts[o] && optnames[o].letter && k < 60)
			buf[k++] = optnames[o].letter;
	buf[k] = 0;
}

static int set_one(struct sh *sh, char letter, const char *name, bool on, bool cmdline)
{
	for (int o = 0; o < SH_NOPTS; o++) {
		if ((letter && optnames[o].letter == letter) ||
		    (name && strcmp(optnames[o].name, name) == 0)) {
			if (!cmdline && (o == SH_O_INTERACTIVE || o == SH_O_STDIN))
				return 0;
			sh->opts[o] = on;
			return 0;
		}
	}
	if (letter)
		sh_error(sh, "%s: Illegal option %c%c", cmdline ? "sh" : "set", on ? '-' : '+',
		         letter);
	else
		sh_error(sh, "%s: Illegal option -o %s", cmdline ? "sh" : "set", name);
	return -1;
}

static void list_options(struct sh *sh, bool as_commands)
{
	struct buf o = {0};
	if (!as_commands)
		buf_puts(&o, "Current option settings\n");
	for (int k = 0; k < SH_NOPTS; k++) {
		if (k == SH_O_PIPEFAIL)
			continue;
		if (as_commands)
			buf_printf(&o, "set %co %s\n", sh->opts[k] ? '-' : '+', optnames[k].name);
		else
			buf_printf(&o, "%-16s%s\n", optnames[k].name, sh->opts[k] ? "on" : "off");
	}
	put_out(&o, "set");
}

int sh_set_options(struct sh *sh, int argc, char **argv, int *index, bool cmdline)
{
	int i = *index;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if ((a[0] != '-' && a[0] != '+') || !a[1]) {
			if (strcmp(a, "-") == 0) {
				sh->opts[SH_O_XTRACE] = sh->opts[SH_O_VERBOSE] = false;
				i++;
			}
			break;
		}
		if (strcmp(a, "--") == 0) {
			i++;
			*index = -i; /* the parameters are set, even to none */
			return 0;
		}
		bool on = a[0] == '-';
		for (const char *c = a + 1; *c; c++) {
			if (*c == 'o') {
				if (i + 1 >= argc || (argv[i + 1][0] == '-' && !cmdline)) {
					list_options(sh, !on);
					continue;
				}
				if (set_one(sh, 0, argv[++i], on, cmdline) < 0)
					return -1;
			} else if (cmdline && *c == 'c') {
				sh->opts[SH_O_STDIN] = false;
				*index = i; /* the caller looks for -c */
			} else if (set_one(sh, *c, NULL, on, cmdline) < 0) {
				return -1;
			}
		}
	}
	*index = i;
	return 0;
}

static int list_vars(struct sh *sh)
{
	struct sh_var **v = sh_vars_sorted(sh);
	struct buf o = {0};
	for (size_t k = 0; v[k]; k++) {
		if (!v[k]->value)
			continue;
		buf_printf(&o, "%s=", v[k]->name);
		sh_put_dash_quoted(&o, v[k]->value);
		buf_putc(&o, '\n');
	}
	free(v);
	return put_out(&o, "set");
}

static void set_params(struct sh *sh, int n, char **v)
{
	char *zero = sh->params.n ? sh->params.v[0] : xstrdup("sh");
	if (sh->params.n)
		sh->params.v[0] = NULL;
	sh_strv_free(&sh->params);
	sh_strv_push(&sh->params, zero);
	for (int k = 0; k < n; k++)
		sh_strv_push(&sh->params, xstrdup(v[k]));
}

static int bi_set(struct sh *sh, int argc, char **argv)
{
	if (argc == 1)
		return list_vars(sh);
	int i = 1;
	if (sh_set_options(sh, argc, argv, &i, false) < 0)
		return special_error(sh, 2);
	bool force = i < 0;
	if (force)
		i = -i;
	if (i < argc || force)
		set_params(sh, argc - i, argv + i);
	return 0;
}

/* ---- eval, ., exec, command, type ---- */

static int bi_eval(struct sh *sh, int argc, char **argv)
{
	struct buf b = {0};
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			buf_putc(&b, ' ');
		buf_puts(&b, argv[i]);
	}
	if (!b.p)
		return 0;
	long line = sh->lineno;
	int st = sh_run_string(sh, b.p, "eval: ");
	sh->lineno = line;
	buf_free(&b);
	return st;
}

static char *read_file(int fd)
{
	struct buf b = {0};
	char chunk[8192];
	ssize_t r;
	while ((r = read(fd, chunk, sizeof chunk)) > 0)
		buf_write(&b, chunk, (size_t)r);
	return b.p ? buf_take(&b) : xstrdup("");
}

static int bi_dot(struct sh *sh, int argc, char **argv)
{
	if (argc < 2)
		return 0;
	const char *name = argv[1];
	char *path = strchr(name, '/') ? xstrdup(name) : NULL;
	if (!path) {
		const char *pp = sh_getvar(sh, "PATH");
		for (const char *p = pp ? pp : ""; p && !path;) {
			const char *c = strchr(p, ':');
			size_t l = c ? (size_t)(c - p) : strlen(p);
			char *cand = xasprintf("%.*s%s%s", (int)l, p, l ? "/" : "", name);
			struct stat st;
			if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
				path = cand;
			else
				free(cand);
			p = c ? c + 1 : NULL;
		}
	}
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0) {
		sh_error(sh, ".: cannot open %s: %s", name,
		         errno == ENOENT || !path ? "No such file" : strerror(errno));
		free(path);
		return special_error(sh, 2);
	}
	char *text = read_file(fd);
	close(fd);
	free(path);
	long line = sh->lineno;
	char *what = xasprintf("%s: ", name);
	sh->dotdepth++;
	int st = sh_run_string(sh, text, what);
	free(what);
	sh->dotdepth--;
	if (sh->returning && sh->dotdepth >= 0) {
		sh->returning = false;
		st = sh->status;
	}
	sh->lineno = line;
	free(text);
	return st;
}

static int bi_exec(struct sh *sh, int argc, char **argv)
{
	int i = first_operand(argc, argv, NULL);
	if (i >= argc)
		return 0; /* the redirections stay: see exec.c */
	sh->exec_prefix = "exec: ";
	sh_exec_program(sh, argv + i);
}

static const char *const keywords[] = {"!",     "case",  "do",  "done", "elif", "else",
                                       "esac",  "fi",    "for", "if",   "in",   "then",
                                       "until", "while", "{",   "}",    NULL};

/* How command -v and -V and type name a command; 0, or 127 if not found. */
static int describe(struct sh *sh, const char *name, bool verbose, struct buf *o)
{
	for (struct sh_alias *a = sh->aliases; a; a = a->next) {
		if (strcmp(a->name, name) == 0) {
			if (verbose) {
				buf_printf(o, "%s is an alias for %s\n", name, a->value);
			} else {
				buf_printf(o, "alias %s=", name);
				sh_put_squoted(o, a->value);
				buf_putc(o, '\n');
			}
			return 0;
		}
	}
	for (size_t k = 0; keywords[k]; k++) {
		if (strcmp(keywords[k], name) == 0) {
			buf_printf(o, verbose ? "%s is a shell keyword\n" : "%s\n", name);
			return 0;
		}
	}
	if (sh_func_find(sh, name)) {
		buf_printf(o, verbose ? "%s is a shell function\n" : "%s\n", name);
		return 0;
	}
	const struct sh_builtin *b = sh_builtin_lookup(name);
	if (b) {
		buf_printf(o, verbose ? "%s is a %sshell builtin\n" : "%s\n", name,
		           b->special ? "special " : "");
		return 0;
	}
	if (!strchr(name, '/') && applet_find(name)) {
		buf_printf(o, verbose ? "%s is an osbox applet\n" : "%s\n", name);
		return 0;
	}
	char *full = strchr(name, '/') ? (access(name, X_OK) == 0 ? xstrdup(name) : NULL)
	                               : sh_path_search(sh, name, NULL);
	if (full) {
		if (verbose)
			buf_printf(o, "%s is %s\n", name, full);
		else
			buf_printf(o, "%s\n", full);
		free(full);
		return 0;
	}
	if (verbose)
		buf_printf(o, "%s: not found\n", name);
	return EXIT_ENOENT;
}

static int bi_type(struct sh *sh, int argc, char **argv)
{
	struct buf o = {0};
	int st = 0;
	for (int i = 1; i < argc; i++)
		if (describe(sh, argv[i], true, &o))
			st = EXIT_ENOENT;
	int w = put_out(&o, "type");
	return w ? w : st;
}

static int bi_command(struct sh *sh, int argc, char **argv)
{
	int i = 1;
	char mode = 0;
	bool defpath = false;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *c = argv[i] + 1; *c; c++) {
			if (*c == 'v' || *c == 'V')
				mode = *c;
			else if (*c == 'p')
				defpath = true;
			else {
				sh_error(sh, "command: Illegal option -%c", *c);
				return 2;
			}
		}
	}
	if (i >= argc)
		return 0;
	if (mode) {
		struct buf o = {0};
		int st = 0;
		for (; i < argc; i++)
			if (describe(sh, argv[i], mode == 'V', &o))
				st = EXIT_ENOENT;
		int w = put_out(&o, "command");
		return w ? w : st;
	}
	const struct sh_builtin *b = sh_builtin_lookup(argv[i]);
	if (b) {
		sh->nofatal++;
		int st = b->fn(sh, argc - i, argv + i);
		sh->nofatal--;
		return st;
	}
	return sh_run_program(sh, argv + i, defpath ? "/usr/bin:/bin" : NULL);
}

static int bi_hash(struct sh *sh, int argc, char **argv)
{
	int st = 0;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-')
			continue;
		char *full = sh_path_search(sh, argv[i], NULL);
		if (!full && !sh_builtin_lookup(argv[i]) && !applet_find(argv[i])) {
			sh_error(sh, "hash: %s: not found", argv[i]);
			st = 1;
		}
		free(full);
	}
	return st;
}

static int bi_times(struct sh *sh, int argc, char **argv)
{
	(void)argc, (void)argv, (void)sh;
	struct tms t;
	times(&t);
	long hz = sysconf(_SC_CLK_TCK);
	struct buf o = {0};
	clock_t v[4] = {t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime};
	for (int k = 0; k < 4; k++)
		buf_printf(&o, "%ldm%ld.%03lds%c", (long)(v[k] / hz / 60), (long)(v[k] / hz % 60),
		           (long)(v[k] % hz * 1000 / hz), k % 2 ? '\n' : ' ');
	return put_out(&o, "times");
}

/* ---- alias ---- */

static int print_alias(struct sh *sh, const char *name, struct buf *o)
{
	for (struct sh_alias *a = sh->aliases; a; a = a->next) {
		if (!name || strcmp(a->name, name) == 0) {
			buf_printf(o, "%s=", a->name);
			sh_put_dash_quoted(o, a->value);
			buf_putc(o, '\n');
			if (name)
				return 0;
		}
	}
	return name ? 1 : 0;
}

static int bi_alias(struct sh *sh, int argc, char **argv)
{
	struct buf o = {0};
	int st = 0;
	if (argc == 1)
		print_alias(sh, NULL, &o);
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq) {
			if (print_alias(sh, argv[i], &o)) {
				sh_error_bare("alias: %s not found", argv[i]);
				st = 1;
			}
			continue;
		}
		char *name = xstrndup(argv[i], (size_t)(eq - argv[i]));
		struct sh_alias *a = sh->aliases;
		while (a && strcmp(a->name, name) != 0)
			a = a->next;
		if (!a) {
			a = xcalloc(1, sizeof *a);
			a->name = name;
			struct sh_alias **t = &sh->aliases;
			while (*t && strcmp((*t)->name, name) < 0)
				t = &(*t)->next;
			a->next = *t;
			*t = a;
		} else {
			free(name);
			free(a->value);
		}
		a->value = xstrdup(eq + 1);
	}
	int w = put_out(&o, "alias");
	return w ? w : st;
}

static int bi_unalias(struct sh *sh, int argc, char **argv)
{
	int st = 0;
	bool all = argc > 1 && strcmp(argv[1], "-a") == 0;
	for (int i = 1; i < argc && !all; i++) {
		bool found = false;
		for (struct sh_alias *a = sh->aliases; a && !found; a = a->next)
			found = strcmp(a->name, argv[i]) == 0;
		if (!found) {
			sh_error_bare("unalias: %s not found", argv[i]);
			st = 1;
		}
	}
	for (struct sh_alias **a = &sh->aliases; *a;) {
		bool drop = all;
		for (int i = 1; i < argc && !drop; i++)
			drop = strcmp((*a)->name, argv[i]) == 0;
		if (drop) {
			struct sh_alias *d = *a;
			*a = d->next;
			free(d->name);
			free(d->value);
			free(d);
		} else {
			a = &(*a)->next;
		}
	}
	return st;
}

/* ---- read, getopts ---- */

static int bi_read(struct sh *sh, int argc, char **argv)
{
	bool raw = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-r") == 0) {
			raw = true;
		} else {
			sh_error(sh, "read: Illegal option %s", argv[i]);
			return 2;
		}
	}
	if (i >= argc) {
		sh_error(sh, "read: arg count");
		return 2;
	}
	/* the line, a byte at a time (the rest of the input is the next
	 * command's); esc marks the characters a backslash quoted */
	struct buf line = {0}, esc = {0};
	int st = 0;
	for (;;) {
		char c;
		ssize_t r = read(0, &c, 1);
		if (r < 0 && errno == EINTR) {
			if (sh->any_pending)
				break;
			continue;
		}
		if (r <= 0) {
			st = 1;
			break;
		}
		if (c == '\\' && !raw) {
			r = read(0, &c, 1);
			if (r <= 0) {
				st = 1;
				break;
			}
			if (c == '\n')
				continue;
			buf_putc(&line, c);
			buf_putc(&esc, 1);
			continue;
		}
		if (c == '\n')
			break;
		buf_putc(&line, c);
		buf_putc(&esc, 0);
	}
	const char *ifs = sh_getvar(sh, "IFS");
	if (!ifs)
		ifs = " \t\n";
	size_t n = line.len, k = 0;
	const char *s = line.p ? line.p : "";
	const char *e = esc.p ? esc.p : "";
#define IFSC(j) (!e[j] && strchr(ifs, s[j]) && s[j])
#define WS(j) (IFSC(j) && strchr(" \t\n", s[j]))
	while (k < n && WS(k))
		k++;
	for (; i < argc; i++) {
		struct buf v = {0};
		if (i + 1 == argc) {
			/* the last name: the rest, less trailing IFS white space */
			size_t end = n;
			while (end > k && WS(end - 1))
				end--;
			/* a delimiter that ends a single last field goes (XCU read) */
			if (end > k && IFSC(end - 1)) {
				size_t d = 0;
				for (size_t j = k; j + 1 < end; j++)
					d += IFSC(j) && !WS(j);
				if (d == 0) {
					end--;
					while (end > k && WS(end - 1))
						end--;
				}
			}
			buf_write(&v, s + k, end - k);
			k = n;
		} else {
			while (k < n && !IFSC(k))
				buf_putc(&v, s[k++]);
			if (k < n) {
				bool hard = !WS(k);
				k++;
				while (k < n && WS(k))
					k++;
				if (!hard && k < n && IFSC(k) && !WS(k)) {
					k++;
					while (k < n && WS(k))
						k++;
				}
			}
		}
#undef IFSC
#undef WS
		if (sh_setvar(sh, argv[i], v.p ? v.p : "") < 0)
			st = 2;
		buf_free(&v);
	}
	buf_free(&line);
	buf_free(&esc);
	return st;
}

static int getopts_off; /* where in the current argument getopts is */

static int bi_getopts(struct sh *sh, int argc, char **argv)
{
	if (argc < 3) {
		sh_error(sh, "getopts: Usage: getopts optstring var [arg...]");
		return 2;
	}
	const char *opts = argv[1], *var = argv[2];
	char **args = argc > 3 ? argv + 3 : sh->params.v + 1;
	int nargs = argc > 3 ? argc - 3 : (int)(sh->params.n ? sh->params.n - 1 : 0);
	const char *oi = sh_getvar(sh, "OPTIND");
	long ind = oi ? atol(oi) : 1;
	if (ind < 1)
		ind = 1;
	static long last_ind = -1;
	if (ind != last_ind)
		getopts_off = 0;
	bool silent = opts[0] == ':';
	char ob[32];
	if (ind > nargs || (getopts_off == 0 && (args[ind - 1][0] != '-' || !args[ind - 1][1])) ||
	    (getopts_off == 0 && strcmp(args[ind - 1], "--") == 0)) {
		if (ind <= nargs && strcmp(args[ind - 1], "--") == 0)
			ind++;
		sh_setvar(sh, var, "?");
		sh_unsetvar(sh, "OPTARG");
		snprintf(ob, sizeof ob, "%ld", ind);
		sh_setvar(sh, "OPTIND", ob);
		last_ind = ind;
		getopts_off = 0;
		return 1;
	}
	const char *a = args[ind - 1];
	if (getopts_off == 0)
		getopts_off = 1;
	char c = a[getopts_off++];
	const char *spec = strchr(opts + silent, c);
	bool next_arg = a[getopts_off] == 0;
	sh_setvar(sh, "OPTARG", "");
	if (!spec || c == ':') {
		sh_unsetvar(sh, "OPTARG");
		if (silent) {
			ob[0] = c, ob[1] = 0;
			sh_setvar(sh, "OPTARG", ob);
		} else {
			sh_error_bare("Illegal option -%c", c);
		}
		sh_setvar(sh, var, "?");
	} else if (spec[1] == ':') {
		if (!next_arg) {
			sh_setvar(sh, "OPTARG", a + getopts_off);
			next_arg = true;
		} else if (ind < nargs) {
			sh_setvar(sh, "OPTARG", args[ind]);
			ind++;
		} else {
			if (silent) {
				ob[0] = c, ob[1] = 0;
				sh_setvar(sh, "OPTARG", ob);
				sh_setvar(sh, var, ":");
			} else {
				sh_unsetvar(sh, "OPTARG");
				sh_error_bare("No arg for -%c option", c);
				sh_setvar(sh, var, "?");
			}
			ind++;
			getopts_off = 0;
			snprintf(ob, sizeof ob, "%ld", ind);
			sh_setvar(sh, "OPTIND", ob);
			last_ind = ind;
			return 0;
		}
		ob[0] = c, ob[1] = 0;
		sh_setvar(sh, var, ob);
	} else {
		ob[0] = c, ob[1] = 0;
		sh_setvar(sh, var, ob);
	}
	if (next_arg) {
		ind++;
		getopts_off = 0;
	}
	snprintf(ob, sizeof ob, "%ld", ind);
	sh_setvar(sh, "OPTIND", ob);
	last_ind = ind;
	return 0;
}

/* ---- jobs, wait, kill, history ---- */

static int bi_jobs(struct sh *sh, int argc, char **argv)
{
	bool pids = argc > 1 && strcmp(argv[1], "-p") == 0;
	bool longer = argc > 1 && strcmp(argv[1], "-l") == 0;
	for (int i = 1 + (pids || longer); i < argc; i++) {
		if (!sh_find_job(sh, argv[i])) {
			sh_error(sh, "jobs: No such job: %s", argv[i]);
			return 2;
		}
	}
	while (sh_reap(sh, false))
		;
	struct buf o = {0};
	for (size_t i = 0; i < sh->njobs; i++) {
		struct sh_job *j = sh->jobs[i];
		if (!j->background)
			continue;
		if (pids) {
			buf_printf(&o, "%ld\n", (long)j->pgid);
			continue;
		}
		char how[96];
		sh_job_describe(j, how, sizeof how);
		if (longer)
			buf_printf(&o, "[%d]%c %ld %-22s %s\n", j->id,
			           j->id == sh->current_job ? '+' : ' ', (long)j->pgid, how,
			           j->text);
		else
			buf_printf(&o, "[%d]%c  %-22s %s\n", j->id,
			           j->id == sh->current_job ? '+' : ' ', how, j->text);
	}
	int status = put_out(&o, "jobs");
	for (size_t i = 0; i < sh->njobs;) {
		if (sh->jobs[i]->background && sh_job_done(sh->jobs[i]))
			sh_remove_job(sh, sh->jobs[i]);
		else
			i++;
	}
	return status;
}

static int fg_bg(struct sh *sh, int argc, char **argv, bool fg)
{
	const char *spec = argc > 1 ? argv[1] : NULL;
	struct sh_job *j = sh_find_job(sh, spec);
	if (!j || !j->background) {
		if (spec)
			sh_error(sh, "%s: No such job: %s", argv[0], spec);
		else
			sh_error(sh, "%s: No current job", argv[0]);
		return 2;
	}
	if (!sh->jobctl) {
		sh_error(sh, "%s: no job control", argv[0]);
		return 2;
	}
	return sh_continue_job(sh, j, fg);
}

static int bi_fg(struct sh *sh, int argc, char **argv)
{
	return fg_bg(sh, argc, argv, true);
}

static int bi_bg(struct sh *sh, int argc, char **argv)
{
	return fg_bg(sh, argc, argv, false);
}

static volatile sig_atomic_t wait_interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	wait_interrupted = 1;
}

/* Waits until j has ended (or stopped); returns its status, or 130
 * (killed by SIGINT) when Ctrl-C interrupted the wait. */
static int wait_for(struct sh *sh, struct sh_job *j)
{
	while (!sh_job_done(j) && !sh_job_stopped(j)) {
		if (sh_reap(sh, true))
			continue;
		if (errno == EINTR && (wait_interrupted || sh->any_pending))
			return EXIT_SIGNAL_BASE + SIGINT;
		if (errno == ECHILD)
			break;
	}
	int st = sh_job_status(j);
	if (sh_job_done(j))
		sh_remove_job(sh, j);
	return st;
}

static int wait_jobs(struct sh *sh, int argc, char **argv);

/* An interactive shell ignores SIGINT; while it waits for background jobs,
 * Ctrl-C must still end the wait (the jobs, in their own process groups,
 * do not get it). */
static int bi_wait(struct sh *sh, int argc, char **argv)
{
	struct sigaction sa = {.sa_handler = on_sigint}, old;
	if (sh->interactive)
		sigaction(SIGINT, &sa, &old);
	wait_interrupted = 0;
	int st = wait_jobs(sh, argc, argv);
	if (sh->interactive)
		sigaction(SIGINT, &old, NULL);
	return st;
}

static int wait_jobs(struct sh *sh, int argc, char **argv)
{
	if (argc == 1) {
		for (;;) {
			struct sh_job *j = NULL;
			for (size_t i = 0; i < sh->njobs && !j; i++)
				if (sh->jobs[i]->background && !sh_job_stopped(sh->jobs[i]))
					j = sh->jobs[i];
			if (!j)
				return 0;
			if (wait_for(sh, j) == EXIT_SIGNAL_BASE + SIGINT && wait_interrupted)
				return EXIT_SIGNAL_BASE + SIGINT;
		}
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		struct sh_job *j = NULL;
		if (argv[i][0] == '%') {
			j = sh_find_job(sh, argv[i]);
		} else {
			long pid;
			if (!number(argv[i], &pid)) {
				sh_error(sh, "wait: '%s': not a pid or valid job spec", argv[i]);
				status = 2;
				continue;
			}
			for (size_t k = 0; k < sh->njobs && !j; k++)
				for (size_t p = 0; p < sh->jobs[k]->nprocs; p++)
					if (sh->jobs[k]->procs[p].pid == pid)
						j = sh->jobs[k];
		}
		if (!j) {
			status = EXIT_ENOENT;
			continue;
		}
		status = wait_for(sh, j);
		if (wait_interrupted)
			return EXIT_SIGNAL_BASE + SIGINT;
	}
	return status;
}

/* kill: as /bin/kill, but it also takes job specs (%N): a job's whole
 * process group gets the signal. */
static int bi_kill(struct sh *sh, int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;
	char nb[16];
	if (i < argc && strcmp(argv[i], "-l") == 0) {
		/* dash's: the names, or the name of each number (an exit
		 * status above 128 names its signal) */
		struct buf o = {0};
		int st = 0;
		if (i + 1 == argc) {
			buf_puts(&o, "0\n");
			for (int s = 1; s < NSIG; s++)
				buf_printf(&o, "%s\n", proc_signame(s, nb));
		}
		for (int k = i + 1; k < argc; k++) {
			long v;
			if (number(argv[k], &v)) {
				if (v > 128)
					v -= 128;
				if (v > 0 && v < NSIG) {
					buf_printf(&o, "%s\n", proc_signame((int)v, nb));
					continue;
				}
			} else if (proc_signum(argv[k]) > 0) {
				buf_printf(&o, "%d\n", proc_signum(argv[k]));
				continue;
			}
			sh_error(sh, "kill: invalid signal number or exit status: %s", argv[k]);
			st = 1;
		}
		int w = put_out(&o, "kill");
		return w ? w : st;
	}
	if (i < argc && strcmp(argv[i], "-l") == 0) {
		struct buf o = {0};
		for (int s = 1; s < NSIG; s++) {
			const char *n = proc_signame(s, nb);
			if (n[0] < '0' || n[0] > '9')
				buf_printf(&o, "%2d) %s\n", s, n);
		}
		return put_out(&o, "kill");
	}
	if (i + 1 < argc && strcmp(argv[i], "-s") == 0) {
		sig = strcmp(argv[i + 1], "0") == 0 ? 0 : proc_signum(argv[i + 1]);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
		sig = strcmp(argv[i], "-0") == 0 ? 0 : proc_signum(argv[i] + 1);
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (sig < 0) {
		sh_error(sh, "kill: %s: invalid signal", argv[i - 1]);
		return 2;
	}
	if (i == argc) {
		sh_error(sh, "kill: usage: kill [-s SIGNAL | -SIGNAL] PID|%%JOB... or kill -l");
		return 2;
	}
	for (; i < argc; i++) {
		pid_t target;
		struct sh_job *j = NULL;
		if (argv[i][0] == '%') {
			j = sh_find_job(sh, argv[i]);
			if (!j) {
				sh_error(sh, "kill: No such job: %s", argv[i]);
				status = 2;
				continue;
			}
			target = sh->jobctl ? -j->pgid : j->procs[j->nprocs - 1].pid;
		} else {
			long v;
			if (!number(argv[i], &v)) {
				sh_error(sh, "kill: %s: arguments must be process or job IDs",
				         argv[i]);
				status = 1;
				continue;
			}
			target = (pid_t)v;
		}
		if (kill(target, sig) < 0) {
			sh_error(sh, "kill: %s: %s", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		bool stops = sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
		if (target < 0 && !stops && sig != SIGKILL && sig != SIGCONT)
			kill(target, SIGCONT); /* a stopped job must run to get it */
		if (j && target < 0 && !stops) {
			/* it runs now: wait must wait for it to end, not see it stopped */
			for (size_t k = 0; k < j->nprocs; k++)
				j->procs[k].stopped = false;
			j->notified = false;
		}
	}
	return status;
}

static int bi_history(struct sh *sh, int argc, char **argv)
{
	struct sh_hist *h = &sh->hist;
	size_t from = 0;
	if (argc > 1 && strcmp(argv[1], "-c") == 0) {
		sh_strv_free(&h->lines);
		return 0;
	}
	if (argc > 1) {
		long n;
		if (!number(argv[1], &n) || n < 0) {
			sh_error(sh, "history: %s: numeric argument required", argv[1]);
			return 2;
		}
		if ((size_t)n < h->lines.n)
			from = h->lines.n - (size_t)n;
	}
	struct buf o = {0};
	for (size_t i = from; i < h->lines.n; i++)
		buf_printf(&o, "%5zu  %s\n", i + 1, h->lines.v[i]);
	return put_out(&o, "history");
}

static int bi_help(struct sh *sh, int argc, char **argv);

static const struct sh_builtin builtins[] = {
    {".", bi_dot, true, ". FILE             run the commands in FILE"},
    {":", bi_true, true, ": [ARG]...         do nothing, successfully"},
    {"[", bi_test, false, "[ EXPR ]           test EXPR"},
    {"alias", bi_alias, false, "alias [NAME[=VALUE]]...  define or list aliases"},
    {"bg", bi_bg, false, "bg [%JOB]          continue a stopped job in the background"},
    {"break", bi_break, true, "break [N]          leave N enclosing loops"},
    {"cd", bi_cd, false, "cd [-L|-P] [DIR|-] change the working directory (default $HOME)"},
    {"command", bi_command, false,
     "command [-pvV] CMD [ARG]...  run or describe CMD, not a function"},
    {"continue", bi_continue, true, "continue [N]       next turn of the Nth enclosing loop"},
    {"echo", bi_echo, false, "echo [-n] [ARG]... write the arguments"},
    {"eval", bi_eval, true, "eval [ARG]...      run the arguments as commands"},
    {"exec", bi_exec, true,
     "exec [CMD [ARG]...]  replace the shell with CMD; or keep redirections"},
    {"exit", bi_exit, true, "exit [N]           leave the shell with status N (default $?)"},
    {"export", bi_export, true, "export [NAME[=VALUE]]...  put variables in the environment"},
    {"false", bi_false, false, "false              fail"},
    {"fg", bi_fg, false, "fg [%JOB]          bring a job to the foreground"},
    {"getopts", bi_getopts, false, "getopts OPTS NAME [ARG]...  parse options"},
    {"hash", bi_hash, false, "hash [NAME]...     look commands up"},
    {"help", bi_help, false, "help               this list"},
    {"history", bi_history, false,
     "history [-c] [N]   the last N lines of history (-c forgets them)"},
    {"jobs", bi_jobs, false, "jobs [-lp]         list the background jobs"},
    {"kill", bi_kill, false, "kill [-SIG] PID|%JOB...  send a signal (TERM) to processes or jobs"},
    {"local", bi_local, false, "local NAME[=VALUE]...  variables of the current function"},
    {"printf", bi_printf, false, "printf FORMAT [ARG]...  formatted output"},
    {"pwd", bi_pwd, false, "pwd [-L|-P]        print the working directory"},
    {"read", bi_read, false, "read [-r] NAME...  read a line into variables"},
    {"readonly", bi_readonly, true, "readonly [NAME[=VALUE]]...  make variables read-only"},
    {"return", bi_return, true, "return [N]         return from a function"},
    {"set", bi_set, true, "set [-+abCefmnuvx] [-o OPT] [--] [ARG]...  options and parameters"},
    {"shift", bi_shift, true, "shift [N]          drop the first N parameters"},
    {"test", bi_test, false, "test EXPR          test EXPR"},
    {"times", bi_times, true, "times              the shell's and its children's times"},
    {"trap", sh_bi_trap, true, "trap [ACTION SIG...]  run ACTION on a signal"},
    {"true", bi_true, false, "true               succeed"},
    {"type", bi_type, false, "type NAME...       what a name runs"},
    {"ulimit", bi_ulimit, false, "ulimit [-HSa] [-fcdstnvmlpr] [N]  resource limits"},
    {"umask", bi_umask, false, "umask [-S] [MODE]  the file mode creation mask"},
    {"unalias", bi_unalias, false, "unalias [-a] NAME...  remove aliases"},
    {"unset", bi_unset, true, "unset [-fv] NAME...  remove variables or functions"},
    {"wait", bi_wait, false, "wait [%JOB|PID]... wait for background jobs to end"},
};

#define NBUILTINS (sizeof builtins / sizeof builtins[0])

static int bi_help(struct sh *sh, int argc, char **argv)
{
	(void)sh, (void)argc, (void)argv;
	struct buf o = {0};
	buf_puts(&o,
	         "osbox shell: commands are applets (run 'osbox' for the list), these builtins,\n"
	         "or programs found in PATH. An applet's name comes before PATH.\n\nBuiltins:\n");
	for (size_t i = 0; i < NBUILTINS; i++)
		buf_printf(&o, "  %s\n", builtins[i].usage);
	buf_puts(&o,
	         "\nSyntax: the POSIX shell language (XCU 2): if, while, until, for, case,\n"
	         "  functions NAME() { ...; }, $(...), $((...)), ${NAME%PATTERN}, here-documents.\n"
	         "  'single' \"double $X\" \\c  $NAME ${NAME:-word} $? $$ $! $@ $*\n"
	         "  cmd1 | cmd2  cmd1 && cmd2  cmd1 || cmd2  cmd &  cmd ; cmd\n"
	         "  <file >file >>file 2>file 2>&1 <<EOF  # comment\n\nApplets:\n");
	for (size_t i = 0; i < applet_count; i++)
		buf_printf(&o, "  %-12s %s\n", applets[i].name, applets[i].summary);
	return put_out(&o, "help");
}

const struct sh_builtin *sh_builtin_lookup(const char *name)
{
	size_t lo = 0, hi = NBUILTINS;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, builtins[mid].name);
		if (c == 0)
			return &builtins[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

sh_builtin_fn *sh_builtin_find(const char *name)
{
	const struct sh_builtin *b = sh_builtin_lookup(name);
	return b ? b->fn : NULL;
}

const char *sh_builtin_name(size_t i)
{
	return i < NBUILTINS ? builtins[i].name : NULL;
}
