/* trap (POSIX XCU 2.14 trap): the commands run when a signal comes, run
 * between commands (the handler only notes the signal), and the EXIT
 * trap, run once as the shell ends. */
#include "sh.h"
#include "osbox/buf.h"
#include "osbox/out.h"
#include "osbox/proc.h"
#include "osbox/xalloc.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static void on_signal(int sig)
{
	if (sh_current && sig > 0 && sig < SH_NSIG) {
		sh_current->pending[sig] = 1;
		sh_current->any_pending = 1;
	}
}

/* Whether sig was ignored when the shell started: asked the first time a
 * trap is set for it (until then its disposition is the inherited one),
 * so that starting costs no system call per signal. */
static bool ignored_at_start(struct sh *sh, int sig)
{
	if (!sh->trap_checked[sig]) {
		struct sigaction sa;
		sh->trap_checked[sig] = true;
		sh->trap_ignored_at_start[sig] =
		    sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN;
	}
	return sh->trap_ignored_at_start[sig];
}

void sh_traps_init(struct sh *sh)
{
	/* SIGHUP is asked now: an interactive shell catches it */
	ignored_at_start(sh, SIGHUP);
}

/* The disposition a signal has when no trap is set. */
static void set_default(struct sh *sh, int sig)
{
	bool shell_ignores =
	    sh->interactive && (sig == SIGINT || sig == SIGQUIT || sig == SIGTERM ||
	                        sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU);
	signal(sig, shell_ignores ? SIG_IGN : SIG_DFL);
}

static void set_trap(struct sh *sh, int sig, const char *action)
{
	if (sig > 0 && !sh->interactive && ignored_at_start(sh, sig))
		return; /* XCU 2.11: ignored on entry, it stays ignored */
	free(sh->traps[sig]);
	sh->traps[sig] = action ? xstrdup(action) : NULL;
	if (sig == 0)
		return;
	if (!action) {
		set_default(sh, sig);
	} else if (!action[0]) {
		signal(sig, SIG_IGN);
	} else {
		struct sigaction sa = {.sa_handler = on_signal};
		sigemptyset(&sa.sa_mask);
		sigaction(sig, &sa, NULL); /* no SA_RESTART: wait returns */
	}
}

void sh_traps_subshell(struct sh *sh)
{
	for (int s = 0; s < SH_NSIG; s++) {
		if (sh->traps[s] && sh->traps[s][0]) {
			free(sh->traps[s]);
			sh->traps[s] = NULL;
			if (s)
				signal(s, SIG_DFL);
		}
		sh->pending[s] = 0;
	}
	sh->any_pending = 0;
}

void sh_run_traps(struct sh *sh)
{
	if (sh->in_trap)
		return;
	sh->any_pending = 0;
	for (int s = 1; s < SH_NSIG; s++) {
		if (!sh->pending[s])
			continue;
		sh->pending[s] = 0;
		if (!sh->traps[s] || !sh->traps[s][0])
			continue;
		char *t = xstrdup(sh->traps[s]);
		int st = sh->status;
		sh->in_trap = true;
		sh_run_string(sh, t, NULL);
		sh->in_trap = false;
		free(t);
		if (!sh->exiting)
			sh->status = st;
	}
}

void sh_exit_trap(struct sh *sh)
{
	char *t = sh->traps[0];
	if (!t)
		return;
	sh->traps[0] = NULL;
	int st = sh->status;
	sh->in_trap = true;
	sh->exiting = false;
	sh->returning = false;
	sh->breaks = 0;
	if (t[0])
		sh_run_string(sh, t, NULL);
	free(t);
	if (!sh->exiting) {
		sh->exiting = true;
		sh->exit_status = st;
	}
}

static int signal_of(const char *s)
{
	if (strcmp(s, "EXIT") == 0 || strcmp(s, "0") == 0)
		return 0;
	int n = proc_signum(s);
	return n > 0 && n < SH_NSIG && n != SIGKILL && n != SIGSTOP ? n : -1;
}

static void list_traps(struct sh *sh, struct buf *o)
{
	char nb[16];
	for (int s = 0; s < SH_NSIG; s++) {
		if (!sh->traps[s])
			continue;
		buf_puts(o, "trap -- ");
		sh_put_dash_quoted(o, sh->traps[s]);
		buf_printf(o, " %s\n", s == 0 ? "EXIT" : proc_signame(s, nb));
	}
}

int sh_bi_trap(struct sh *sh, int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i == argc || (i + 1 == argc && strcmp(argv[i], "-p") == 0)) {
		struct buf o = {0};
		list_traps(sh, &o);
		int e = out_write_now(o.p, o.len);
		buf_free(&o);
		return e ? 1 : 0;
	}
	const char *action = argv[i];
	bool reset = strcmp(action, "-") == 0;
	char *end;
	strtol(action, &end, 10);
	if (*end == 0 && action[0]) {
		reset = true; /* a number first: every operand is a condition */
	} else {
		i++;
	}
	int status = 0;
	for (; i < argc; i++) {
		int sig = signal_of(argv[i]);
		if (sig < 0) {
			sh_error_bare("trap: %s: bad trap", argv[i]);
			status = 1;
			continue;
		}
		set_trap(sh, sig, reset ? NULL : action);
	}
	return status;
}
