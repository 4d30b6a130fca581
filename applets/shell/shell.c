/* shell and sh: a POSIX shell, interactive on libedit. The
 * shell itself is in the other files of this folder (see sh.h); here are
 * its entry and the making and freeing of its state. */
#include "sh.h"
#include "osbox/buf.h"
#include "osbox/exitstatus.h"
#include "osbox/opts.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

static const struct opt options[] = {
    {'c', "command", required_argument, "STRING", "run the commands in STRING"},
    {0},
};

/* shell and sh are one shell under two names: one text for both --help */
#define SH_ABOUT                                                                                   \
	"A POSIX shell: reads commands from STRING, from SCRIPT, or from standard\n"               \
	"input: on a terminal with line editing, history and completion. Applets\n"                \
	"come before PATH. Run 'help' in the shell for its builtins and syntax.\n"                 \
	"One shell under two names, sh and shell, as BusyBox's ash."

const struct optspec shell_spec = {
    .usage = "[-aCefmnuvx] [-o OPT] [-c STRING [NAME [ARG]...] | -s [ARG]... | SCRIPT [ARG]...]",
    .about = SH_ABOUT,
    .opts = options,
    .flags = OPTS_STOP_AT_OPERAND,
};

const struct optspec sh_spec = {
    .usage = "[-aCefmnuvx] [-o OPT] [-c STRING [NAME [ARG]...] | -s [ARG]... | SCRIPT [ARG]...]",
    .about = SH_ABOUT,
    .opts = options,
    .flags = OPTS_STOP_AT_OPERAND,
};

struct sh *sh_current;

void sh_error_bare(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_putc(&b, '\n');
	(void)!write(2, b.p, b.len);
	buf_free(&b);
}

void sh_error(struct sh *sh, const char *fmt, ...)
{
	struct buf b = {0};
	if (!sh)
		buf_printf(&b, "%s: ", program_invocation_short_name);
	else
		buf_printf(&b, "%s: %ld: ", sh->arg0 ? sh->arg0 : "sh", sh->lineno);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_putc(&b, '\n');
	fflush(stdout);
	(void)!write(2, b.p, b.len);
	buf_free(&b);
}

void sh_init(struct sh *sh, bool interactive)
{
	memset(sh, 0, sizeof *sh);
	sh_current = sh;
	sh->pid = getpid();
	sh->ttyfd = -1;
	signal(SIGCHLD, SIG_DFL);
	sh->interactive = interactive;
	sh_traps_init(sh);
	extern char **environ;
	sh_vars_import(sh, environ);
	if (!sh_getvar(sh, "IFS"))
		sh_setvar(sh, "IFS", " \t\n");
	if (!sh_getvar(sh, "PS2"))
		sh_setvar(sh, "PS2", "> ");
	if (!sh_getvar(sh, "PS4"))
		sh_setvar(sh, "PS4", "+ ");
	sh_setvar(sh, "OPTIND", "1");
	char ppid[32];
	snprintf(ppid, sizeof ppid, "%ld", (long)getppid());
	sh_setvar(sh, "PPID", ppid);
	char *cwd = getcwd(NULL, 0);
	const char *pwd = sh_getvar(sh, "PWD");
	struct stat a, b;
	if (cwd && (!pwd || pwd[0] != '/' || stat(pwd, &a) < 0 || stat(cwd, &b) < 0 ||
	            a.st_ino != b.st_ino || a.st_dev != b.st_dev))
		sh_setvar(sh, "PWD", cwd);
	free(cwd);
	if (!interactive)
		return;
	if (!isatty(STDIN_FILENO)) {
		/* -i without a terminal: prompts, but no job control (as dash) */
		sh_job_signals(SIG_IGN);
		sh_catch_interrupt();
		return;
	}
	sh->ttyfd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 10);
	if (sh->ttyfd < 0)
		return;
	/* Wait to be in the foreground before taking the terminal (as a
	 * job-control shell started in the background must). */
	pid_t pg;
	while ((pg = tcgetpgrp(sh->ttyfd)) >= 0 && pg != getpgrp())
		kill(-getpgrp(), SIGTTIN);
	sh_job_signals(SIG_IGN);
	if (getpgrp() != getpid() && getsid(0) != getpid())
		setpgid(0, 0);
	sh->pgid = getpgrp();
	tcsetpgrp(sh->ttyfd, sh->pgid);
	struct termios *t = xmalloc(sizeof *t);
	if (tcgetattr(sh->ttyfd, t) == 0)
		sh->tty_modes = t;
	else
		free(t);
	sh->jobctl = true;
	if (!sh->trap_ignored_at_start[SIGHUP])
		sh_catch_hangup();
	sh_catch_interrupt();
	char *path = sh_hist_path();
	sh_hist_open(&sh->hist, path);
	free(path);
}

void sh_free(struct sh *sh)
{
	sh_vars_free(sh);
	while (sh->funcs) {
		struct sh_func *f = sh->funcs;
		sh->funcs = f->next;
		sh_arena_unref(f->arena);
		free(f->name);
		free(f);
	}
	while (sh->aliases) {
		struct sh_alias *a = sh->aliases;
		sh->aliases = a->next;
		free(a->name);
		free(a->value);
		free(a);
	}
	for (int s = 0; s < SH_NSIG; s++)
		free(sh->traps[s]);
	while (sh->njobs > 0)
		sh_remove_job(sh, sh->jobs[0]);
	free(sh->jobs);
	sh_strv_free(&sh->params);
	sh_hist_close(&sh->hist);
	free(sh->tty_modes);
	if (sh->ttyfd >= 0)
		close(sh->ttyfd);
}

/* A script to read: its descriptor, out of the way of the descriptors
 * that commands redirect; -1 after a message. */
static int open_script(const char *path, const char *arg0)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		fd = -1;
	}
	if (fd < 0) {
		fprintf(stderr, "%s: 0: cannot open %s: %s\n", arg0, path,
		        errno == ENOENT ? "No such file" : strerror(errno));
		return -1;
	}
	int high = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	if (high >= 0) {
		close(fd);
		fd = high;
	}
	return fd;
}

/* ENV, for an interactive shell (XCU sh): its value expanded, the file
 * it names read as by the . builtin. */
static void read_env_file(struct sh *sh)
{
	const char *env = sh_getvar(sh, "ENV");
	if (!env || !env[0])
		return;
	char *path = sh_expand_one(sh, env, 0);
	if (path && access(path, R_OK) == 0) {
		char *argv[] = {(char *)".", path, NULL};
		sh_builtin_find(".")(sh, 2, argv);
	}
	free(path);
}

int shell_main(int argc, char **argv)
{
	bool as_sh = strcmp(argv[0], "sh") == 0;
	if (argc > 1 && strncmp(argv[1], "--", 2) == 0 && argv[1][2]) {
		/* --help, --version, --command=STRING */
		struct opts o;
		int c;
		const char *command = NULL;
		opts_begin(&o, as_sh ? &sh_spec : &shell_spec, argc, argv);
		while ((c = opts_next(&o)) != -1)
			if (c == 'c')
				command = o.arg;
		if (!command)
			return 2;
		struct sh sh;
		sh_init(&sh, false);
		sh_strv_push(&sh.params, xstrdup(o.ind < argc ? argv[o.ind] : argv[0]));
		for (int i = o.ind + 1; i < argc; i++)
			sh_strv_push(&sh.params, xstrdup(argv[i]));
		sh.arg0 = sh.params.v[0];
		sh.source_name = "-c";
		struct sh_input *in = sh_input_string(command);
		int status = sh_loop(&sh, in);
		sh_input_free(in);
		sh_exit(&sh, status);
	}
	bool opts[SH_NOPTS] = {0}, cflag = false, sflag = false, iflag = false;
	struct sh tmp;
	memset(&tmp, 0, sizeof tmp);
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0 || strcmp(a, "-") == 0) {
			i++;
			break;
		}
		if ((a[0] != '-' && a[0] != '+') || !a[1])
			break;
		for (const char *c = a + 1; *c; c++) {
			bool on = a[0] == '-';
			if (*c == 'c') {
				cflag = on;
			} else if (*c == 's') {
				sflag = on;
			} else if (*c == 'i') {
				iflag = on;
			} else if (*c == 'o') {
				int k = i + 1;
				char *v[] = {(char *)(on ? "-o" : "+o"), k < argc ? argv[k] : NULL,
				             NULL};
				int idx = 0;
				if (k >= argc ||
				    sh_set_options(&tmp, k < argc ? 2 : 1, v, &idx, true) < 0)
					return 2;
				i++;
			} else {
				char v0[3] = {a[0], *c, 0};
				char *v[] = {v0, NULL};
				int idx = 0;
				if (sh_set_options(&tmp, 1, v, &idx, true) < 0)
					return 2;
			}
		}
	}
	memcpy(opts, tmp.opts, sizeof opts);
	const char *command = NULL;
	if (cflag) {
		if (i >= argc) {
			fprintf(stderr, "%s: 0: -c requires an argument\n", argv[0]);
			return 2;
		}
		command = argv[i++];
	}
	struct sh sh;
	struct sh_input *in;
	const char *zero = argv[0];
	int fd = -1;
	if (!command && !sflag && i < argc) {
		zero = argv[i++];
		fd = open_script(zero, argv[0]);
		if (fd < 0)
			return errno == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;
	} else if (command && i < argc) {
		zero = argv[i++];
	}
	bool interactive =
	    iflag || (!command && fd < 0 && isatty(STDIN_FILENO) && isatty(STDERR_FILENO));
	sh_init(&sh, interactive);
	sh_export(&sh, "PWD", NULL); /* as dash does */
	memcpy(sh.opts, opts, sizeof opts);
	sh.opts[SH_O_INTERACTIVE] = interactive;
	sh.opts[SH_O_STDIN] = !command && fd < 0;
	if (sh.jobctl)
		sh.opts[SH_O_MONITOR] = true;
	sh_strv_push(&sh.params, xstrdup(zero));
	for (; i < argc; i++)
		sh_strv_push(&sh.params, xstrdup(argv[i]));
	sh.arg0 = sh.params.v[0];
	if (command) {
		sh.source_name = "-c";
		in = sh_input_string(command);
	} else if (fd >= 0) {
		sh.source_name = zero;
		in = sh_input_fd(fd, false);
	} else {
		in = sh.interactive && isatty(STDIN_FILENO) ? sh_input_editor(&sh)
		                                            : sh_input_fd(STDIN_FILENO, true);
	}
	if (interactive)
		read_env_file(&sh);
	int status = sh_loop(&sh, in);
	sh_hangup_jobs(&sh);
	sh_input_free(in);
	sh.status = status;
	sh_exit_trap(&sh);
	if (sh.exiting)
		status = sh.exit_status;
	sh_free(&sh);
	return status;
}

int sh_main(int argc, char **argv)
{
	return shell_main(argc, argv);
}
