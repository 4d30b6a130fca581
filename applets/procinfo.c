/* procinfo: who this process is, as the os module's process-owner example
 * prints it (os.getuid, os.geteuid, os.getgid, os.getegid, os.getgroups),
 * then os.getpid, os.getppid, os.getpgrp, os.getsid, the controlling
 * terminal, os.getcwd and the umask. */
#include "osbox/json.h"
#include "osbox/opts.h"
#include "osbox/out.h"
#include "osbox/owner.h"
#include "osbox/xalloc.h"

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <unistd.h>

enum { OPT_JSON = OPT_LONG };

static const struct opt options[] = {
    {OPT_JSON, "json", no_argument, NULL,
     "one JSON object: uid, euid, gid, egid, groups, pid, ppid, pgid, sid, tty, cwd, umask"},
    {0},
};

const struct optspec procinfo_spec = {
    .usage = "[--json]",
    .about = "Prints the real and effective user and group ids and the supplementary\n"
             "groups as the os module's process-owner example does, then the process\n"
             "id, parent id, process group, session, controlling terminal, working\n"
             "directory and umask, one per line.",
    .opts = options,
    .max_operands = OPERANDS_NONE,
};

/* The character device whose number is dev, looked for in dir. */
static char *find_dev(const char *dir, dev_t dev)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char *found = NULL;
	struct dirent *e;
	while (!found && (e = readdir(d))) {
		struct stat st;
		if (e->d_type != DT_CHR && e->d_type != DT_UNKNOWN)
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISCHR(st.st_mode) && st.st_rdev == dev) {
			found = xasprintf("%s/%s", dir, e->d_name);
		}
	}
	closedir(d);
	return found;
}

/* The device number of the controlling terminal from /proc/self/stat
 * (field 7, tty_nr; 0 when there is none), or -1 if it cannot be read. */
static long long proc_tty_nr(void)
{
	char buf[1024];
	int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	/* The command name (field 2) may hold spaces and parentheses: the
	 * fields go on after its last ')'. */
	char *p = strrchr(buf, ')');
	int tty_nr;
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %d", &tty_nr) != 1)
		return -1;
	return (unsigned)tty_nr;
}

/* The controlling terminal's name (malloc'd), or NULL when the process has
 * none. tcgetsid succeeds only on the calling process's own controlling
 * terminal, so a standard descriptor that passes names it exactly; when
 * none is the terminal, its device number comes from /proc. */
static char *controlling_tty(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		char *n;
		if (tcgetsid(fd) >= 0 && (n = ttyname(fd)))
			return xstrdup(n);
	}
	long long nr = proc_tty_nr();
	if (nr == 0)
		return NULL;
	if (nr < 0) {
		/* No /proc: only whether there is one can be told. */
		int fd = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			return NULL;
		close(fd);
		return xstrdup("/dev/tty");
	}
	/* The kernel's encoding of tty_nr: minor in bits 0-7 and 20-31,
	 * major in bits 8-19. */
	unsigned maj = (unsigned)(nr >> 8) & 0xfff;
	unsigned min = ((unsigned)nr & 0xff) | (((unsigned)nr >> 12) & 0xfff00);
	dev_t dev = makedev(maj, min);
	char *name = find_dev("/dev/pts", dev);
	if (!name)
		name = find_dev("/dev", dev);
	if (!name)
		name = xasprintf("char device %u:%u", maj, min);
	return name;
}

int procinfo_main(int argc, char **argv)
{
	bool json = false;
	struct opts o;
	int c;
	opts_begin(&o, &procinfo_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case OPT_JSON:
			json = true;
			break;
		}
	}

	int status = 0;
	struct owner own;
	if (owner_get(&own) < 0)
		err(1, "getgroups");
	pid_t pid = getpid(), ppid = getppid(), pgid = getpgrp(), sid = getsid(0);
	char *tty = controlling_tty();
	char *cwd = getcwd(NULL, 0);
	if (!cwd) {
		warn("getcwd");
		status = 1;
	}
	/* umask(2) can only be read by setting it; it is put back at once
	 * (one thread, nothing created in between). */
	mode_t mask = umask(0);
	umask(mask);

	if (json) {
		struct json j;
		json_init(&j);
		json_begin_object(&j);
		owner_json(&j, &own);
		json_kint(&j, "pid", pid);
		json_kint(&j, "ppid", ppid);
		json_kint(&j, "pgid", pgid);
		json_kint(&j, "sid", sid);
		json_kcstr(&j, "tty", tty);
		json_kcstr(&j, "cwd", cwd);
		json_kuint(&j, "umask", mask);
		json_end_object(&j);
		json_end_record(&j);
	} else {
		owner_print(&own);
		out_printf("Process id      : %ld\n", (long)pid);
		out_printf("Parent id       : %ld\n", (long)ppid);
		out_printf("Process group   : %ld\n", (long)pgid);
		out_printf("Session         : %ld\n", (long)sid);
		out_puts("Terminal        : ");
		if (tty)
			out_name(tty, strlen(tty));
		else
			out_puts("none");
		out_puts("\nWorking dir     : ");
		if (cwd)
			out_name(cwd, strlen(cwd));
		else
			out_puts("?");
		out_printf("\nUmask           : %04o\n", (unsigned)mask);
	}
	owner_free(&own);
	free(tty);
	free(cwd);
	return status;
}
