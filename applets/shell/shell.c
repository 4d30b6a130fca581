/* shell: an interactive shell on libedit, and a small sh for scripts. The
 * shell itself is in the other files of this folder (see sh.h); here are
 * its entry and the making and freeing of its state. */
#include "sh.h"
#include "osbox/exitstatus.h"
#include "osbox/opts.h"
#include "osbox/xalloc.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

static const struct opt options[] = {
    {'c', "command", required_argument, "STRING", "run the commands in STRING"},
    {0},
};

const struct optspec shell_spec = {
    .usage = "[-c STRING [NAME [ARG]...] | SCRIPT [ARG]...]",
    .about = "Reads commands from STRING, from SCRIPT, or from standard input: on a\n"
             "terminal with line editing, history and completion. Applets come before\n"
             "PATH. Run 'help' in the shell for its builtins and syntax.",
    .opts = options,
    .flags = OPTS_STOP_AT_OPERAND,
};

void sh_init(struct sh *sh, bool interactive)
{
	memset(sh, 0, sizeof *sh);
	sh->pid = getpid();
	sh->ttyfd = -1;
	signal(SIGCHLD, SIG_DFL);
	sh->interactive = interactive;
	if (!interactive)
		return;
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
	char *path = sh_hist_path();
	sh_hist_open(&sh->hist, path);
	free(path);
}

void sh_free(struct sh *sh)
{
	for (size_t i = 0; i < sh->nvars; i++) {
		free(sh->vars[i].name);
		free(sh->vars[i].value);
	}
	free(sh->vars);
	while (sh->njobs > 0)
		sh_remove_job(sh, sh->jobs[0]);
	free(sh->jobs);
	sh_strv_free(&sh->params);
	sh_hist_close(&sh->hist);
	free(sh->tty_modes);
	if (sh->ttyfd >= 0)
		close(sh->ttyfd);
}

int shell_main(int argc, char **argv)
{
	const char *command = NULL;
	struct opts o;
	int c;
	opts_begin(&o, &shell_spec, argc, argv);
	while ((c = opts_next(&o)) != -1)
		if (c == 'c')
			command = o.arg;
	char **rest = argv + o.ind;
	int nrest = argc - o.ind;
	struct sh sh;
	struct sh_input *in;
	if (command) {
		sh_init(&sh, false);
		sh.source_name = "-c";
		in = sh_input_string(command);
	} else if (nrest > 0) {
		sh_init(&sh, false);
		int fd = open(rest[0], O_RDONLY | O_CLOEXEC);
		struct stat st;
		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			errno = EISDIR;
			fd = -1;
		}
		if (fd < 0) {
			warn("%s", rest[0]);
			return errno == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;
		}
		/* Out of the way of the descriptors that commands redirect. */
		int high = fcntl(fd, F_DUPFD_CLOEXEC, 10);
		if (high >= 0) {
			close(fd);
			fd = high;
		}
		sh.source_name = rest[0];
		in = sh_input_fd(fd, false);
	} else {
		sh_init(&sh, isatty(STDIN_FILENO) && isatty(STDERR_FILENO));
		in = sh.interactive ? sh_input_editor(&sh) : sh_input_fd(STDIN_FILENO, true);
	}
	sh_strv_push(&sh.params, xstrdup(nrest > 0 ? rest[0] : argv[0]));
	for (int i = 1; i < nrest; i++)
		sh_strv_push(&sh.params, xstrdup(rest[i]));
	int status = sh_loop(&sh, in);
	sh_hangup_jobs(&sh);
	sh_input_free(in);
	sh_free(&sh);
	return status;
}
