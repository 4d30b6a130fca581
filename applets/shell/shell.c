/* shell: an interactive shell on libedit, and a small sh for scripts. The
 * shell itself is in the other files of this folder (see sh.h). */
#include "osbox/opts.h"
#include "sh.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
			return errno == ENOENT ? 127 : 126;
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
	sh_strv_push(&sh.params, strdup(nrest > 0 ? rest[0] : argv[0]));
	for (int i = 1; i < nrest; i++)
		sh_strv_push(&sh.params, strdup(rest[i]));
	int status = sh_loop(&sh, in);
	sh_hangup_jobs(&sh);
	sh_input_free(in);
	sh_free(&sh);
	return status;
}
