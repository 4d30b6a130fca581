/* osbox-vgwrap: runs osbox under valgrind for scripts/test --valgrind.
 *
 * tests/cli/run copies this program to $T/.wrap and points every applet
 * link at it. Invoked under any name, it runs $T/.real/NAME (a link to
 * osbox of that name; .real/osbox when there is none) under the command
 * in $T/.wrap.conf, so dispatch by name works as without valgrind.
 *
 * A program and not a shell script, because a shell between the caller
 * and osbox changes what the tests look at: dash resets the effective uid
 * to the real one (access --effective, procinfo), complains when the
 * working directory is gone, and holds descriptors of its own.
 *
 * $T/.wrap.conf: the directory for valgrind's logs on the first line,
 * then the valgrind command, one word per line. Each process gets its own
 * log, named by PID and time, so that a recycled PID never reuses (or,
 * as another user, fails to open) an earlier process's log. The tests
 * that look at descriptors 900 and up, or need fewer than 900 allowed,
 * are skipped under valgrind (vg_skip in tests/cli/lib.sh). With
 * OSBOX_VG_EVERY=N, only the processes whose PID N divides run under
 * valgrind. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "osbox-vgwrap: %s\n", what);
	exit(126);
}

int main(int argc, char **argv)
{
	char self[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n < 0)
		die("cannot read /proc/self/exe");
	self[n] = '\0';
	/* OSBOX_VG_EVERY=N: one process in N (by PID) runs under valgrind,
	 * the others run osbox directly: the suite's pace on two cores. */
	const char *every = getenv("OSBOX_VG_EVERY");
	if (every && atoi(every) > 1 && getpid() % atoi(every) != 0) {
		char dir[PATH_MAX], real[PATH_MAX + 64];
		snprintf(dir, sizeof dir, "%s", self);
		*strrchr(dir, '/') = '\0';
		const char *nm = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
		snprintf(real, sizeof real, "%s/.real/%s", dir, nm);
		if (strchr(nm, '/') || access(real, F_OK) != 0)
			snprintf(real, sizeof real, "%s/.real/osbox", dir);
		argv[0] = real;
		execv(real, argv);
		die("cannot run osbox");
	}

	snprintf(path, sizeof path, "%s.conf", self);
	FILE *f = fopen(path, "re");
	if (!f)
		die("cannot open its .conf");
	char **words = calloc((size_t)argc + 64, sizeof *words);
	char logdir[PATH_MAX] = "", line[PATH_MAX];
	int nw = 0;
	while (fgets(line, sizeof line, f) && nw < 60) {
		line[strcspn(line, "\n")] = '\0';
		if (!logdir[0])
			snprintf(logdir, sizeof logdir, "%s", line);
		else if (line[0])
			words[nw++] = strdup(line);
	}
	fclose(f);
	if (!logdir[0] || nw == 0)
		die("an empty .conf");

	/* The log is opened here, on a high descriptor, and given to
	 * valgrind as --log-fd: with --log-file, valgrind would open it on
	 * the lowest free descriptor, the very 0 or 1 a test has closed. */
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	char logpath[PATH_MAX + 80];
	snprintf(logpath, sizeof logpath, "%s/%ld-%ld%09ld.log", logdir, (long)getpid(),
	         (long)now.tv_sec, now.tv_nsec);
	int fd = open(logpath, O_WRONLY | O_CREAT | O_EXCL, 0644);
	struct rlimit rl;
	long from = 900;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 1000)
		from = (long)rl.rlim_cur / 2; /* a test that lowered the limit */
	int high = fd < 0 ? -1 : fcntl(fd, F_DUPFD, (int)from);
	if (high < 0)
		die("cannot open a log file");
	close(fd);
	char log[64];
	snprintf(log, sizeof log, "--log-fd=%d", high);
	words[nw++] = log;

	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	char *dir = strrchr(self, '/');
	*dir = '\0';
	snprintf(path, sizeof path, "%s/.real/%s", self, name);
	if (strchr(name, '/') || access(path, F_OK) != 0)
		snprintf(path, sizeof path, "%s/.real/osbox", self);
	words[nw++] = path;
	for (int i = 1; i < argc; i++)
		words[nw++] = argv[i];
	words[nw] = NULL;
	execv(words[0], words);
	die("cannot run valgrind");
}
