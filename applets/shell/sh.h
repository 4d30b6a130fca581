/* The shell behind `osbox shell`: one header for its modules, each with
 * one concern. They are layers: a file calls only into the files listed
 * above it (and into core/), never below.
 *   strv.c        the string vector (words, fields, parameters, lines)
 *   quote.c       quoting shell words, and quote removal
 *   history.c     the history list and its file
 *   parse.c       lexer and parser: text -> lists of and-or pipelines
 *   expand.c      variables and word expansion (quotes, $, ~, fields, globs)
 *   jobs.c        the job table and job control: process groups, the terminal
 *   builtins.c    cd, exit, export, unset, jobs, fg, bg, wait, kill, history, help
 *   exec.c        running commands: fork, redirections, pipelines, builtins
 *   complete.c    tab completion: commands, applet options, file names
 *   edit.c        the interactive line editor: libedit, loaded with dlopen
 *   input.c       reading commands: strings, files, stdin, and the main loop
 *   shell.c       the applet's entry; the shell's state made and freed */
#ifndef OSBOX_SH_H
#define OSBOX_SH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct buf;

/* ---- the string vector (strv.c) ---- */

/* A growable NULL-terminated vector of malloc'd strings. */
struct sh_strv {
	char **v;
	size_t n, cap;
};
void sh_strv_push(struct sh_strv *sv, char *s); /* takes s */
void sh_strv_free(struct sh_strv *sv);
/* strcmp for qsort on an array of char *. */
int sh_cmp_str(const void *a, const void *b);

/* ---- quoting (quote.c) ---- */

/* Quotes s as a shell word (backslashes, or single quotes when s holds
 * control characters); keep_tilde leaves a leading ~ unquoted. */
char *sh_quote_word(const char *s, bool keep_tilde);
/* Appends s in single quotes, each ' as '\'' (any shell reads it back). */
void sh_put_squoted(struct buf *b, const char *s);
/* Quote removal only, of n bytes of word (completion reads partly typed
 * words with it). */
char *sh_dequote(const char *word, size_t n);

/* ---- history (history.c) ---- */

struct sh_hist {
	struct sh_strv lines;
	char *path; /* NULL: not kept in a file */
};

/* The history file: $XDG_STATE_HOME/osbox/history or
 * ~/.local/state/osbox/history (malloc'd), or NULL. */
char *sh_hist_path(void);
/* Loads the file (if path is not NULL). */
void sh_hist_open(struct sh_hist *h, const char *path);
/* Adds line (without its newline) unless it is empty or repeats the last
 * entry; appends it to the file. Returns true if added. */
bool sh_hist_add(struct sh_hist *h, const char *line);
void sh_hist_close(struct sh_hist *h);

/* ---- syntax (parse.c) ---- */

enum sh_redir_op {
	SH_R_IN,     /* [n]<  file */
	SH_R_OUT,    /* [n]>  file */
	SH_R_APPEND, /* [n]>> file */
	SH_R_DUP,    /* [n]>&m, [n]<&m, and - to close */
};

struct sh_redir {
	int fd;
	enum sh_redir_op op;
	char *word; /* raw text, expanded when the command runs */
};

struct sh_cmd {
	struct sh_strv words;   /* raw words */
	struct sh_strv assigns; /* raw NAME=VALUE words before the command name */
	struct sh_redir *redirs;
	size_t nredirs;
};

enum sh_connector { SH_SEQ, SH_AND, SH_OR };

struct sh_pipeline {
	struct sh_cmd *cmds;
	size_t ncmds;
	bool negate;                 /* ! pipeline */
	enum sh_connector connector; /* how it follows the previous pipeline */
};

struct sh_andor {
	struct sh_pipeline *pipes;
	size_t npipes;
	bool background; /* ended by & */
	char *text;      /* its source text, for jobs and messages */
};

struct sh_list {
	struct sh_andor *items;
	size_t n;
};

enum sh_parse_result { SH_PARSE_OK, SH_PARSE_INCOMPLETE, SH_PARSE_ERROR };

/* Parses src. INCOMPLETE means more input could complete it (an open
 * quote, a trailing | && || or backslash). On ERROR, msg holds the
 * message ("syntax error near unexpected token '|'"). */
enum sh_parse_result sh_parse(const char *src, struct sh_list *out, char *msg, size_t msgsize);
void sh_list_free(struct sh_list *l);

/* True if s is NAME=... with a valid NAME; *namelen gets NAME's length. */
bool sh_is_assignment(const char *s, size_t *namelen);
bool sh_is_name(const char *s, size_t n);

/* ---- the shell's state ---- */

struct sh_var {
	char *name, *value;
};

struct sh_proc {
	pid_t pid;
	int status; /* wait status once done or stopped */
	bool done, stopped;
};

struct sh_job {
	int id; /* %N */
	pid_t pgid;
	struct sh_proc *procs;
	size_t nprocs;
	char *text;
	bool background;
	bool notified; /* its end has been reported */
};

struct sh {
	bool interactive;    /* reading commands from a terminal */
	bool jobctl;         /* job control: process groups and the terminal */
	int ttyfd;           /* the terminal (a private descriptor), or -1 */
	pid_t pgid;          /* the shell's process group */
	pid_t pid;           /* $$ */
	pid_t last_bg;       /* $! */
	int status;          /* $? */
	bool exiting;        /* the exit builtin ran */
	bool warned_stopped; /* "there are stopped jobs" was said once */
	int exit_status;
	const char *source_name; /* "-c", a script's name, or NULL for stdin */
	long lineno;
	struct sh_strv params; /* $0, $1... */
	struct sh_var *vars;   /* variables not exported (exported ones live in environ) */
	size_t nvars;
	struct sh_job **jobs;
	size_t njobs;
	int current_job; /* id of %+, 0 if none */
	struct sh_hist hist;
	void *tty_modes; /* struct termios of the shell, when interactive */
};

/* Makes and frees the shell's state (shell.c): an interactive shell takes
 * the terminal for job control and loads its history. */
void sh_init(struct sh *sh, bool interactive);
void sh_free(struct sh *sh);

/* ---- variables and expansion (expand.c) ---- */

const char *sh_getvar(struct sh *sh, const char *name);
void sh_setvar(struct sh *sh, const char *name, const char *value);
void sh_export(struct sh *sh, const char *name, const char *value); /* value NULL: as is */
void sh_unsetvar(struct sh *sh, const char *name);

#define SH_EXP_NOSPLIT 1u /* one field: assignments, redirections */
#define SH_EXP_NOGLOB 2u

/* Expands a raw word into fields appended to out: tilde, parameters,
 * field splitting of unquoted expansions on IFS, pathname expansion of
 * unquoted * ? [, quote removal. Returns -1 after a message (bad
 * substitution). */
int sh_expand(struct sh *sh, const char *word, unsigned flags, struct sh_strv *out);
/* One string, no splitting or globbing (assignments, redirections). */
char *sh_expand_one(struct sh *sh, const char *word);
/* Quote removal only (completion reads partly typed words with it). */
char *sh_dequote(const char *word, size_t n);

/* ---- the job table and job control (jobs.c) ---- */

/* A new job for text (its processes added with sh_add_proc). */
struct sh_job *sh_new_job(struct sh *sh, const char *text, bool bg);
void sh_add_proc(struct sh_job *j, pid_t pid);
/* Reports and forgets finished background jobs (before each prompt). */
void sh_notify_jobs(struct sh *sh);
/* Waits for (foreground) job j; returns its status. */
int sh_wait_job(struct sh *sh, struct sh_job *j);
/* Continues job j in the foreground or the background. */
int sh_continue_job(struct sh *sh, struct sh_job *j, bool foreground);
struct sh_job *sh_find_job(struct sh *sh, const char *spec); /* "%1", "1", "%%", "%+", NULL */
void sh_remove_job(struct sh *sh, struct sh_job *j);
bool sh_job_done(const struct sh_job *j);
bool sh_job_stopped(const struct sh_job *j);
int sh_job_status(const struct sh_job *j);
void sh_job_describe(const struct sh_job *j, char *buf, size_t size);
/* Reaps children without blocking (or blocking when block); false when none left. */
bool sh_reap(struct sh *sh, bool block);
/* Hands the terminal back to the shell after a job. */
void sh_take_terminal(struct sh *sh);
/* True (after saying so, the first time) if an interactive shell about
 * to exit has stopped jobs: a second exit leaves anyway. */
bool sh_warn_stopped(struct sh *sh);
/* At exit: stopped jobs get SIGHUP and SIGCONT, as other shells do. */
void sh_hangup_jobs(struct sh *sh);
/* Sets the signals an interactive shell ignores (SIGINT, SIGQUIT, SIGTERM,
 * SIGTSTP, SIGTTIN, SIGTTOU) to action: SIG_IGN in the shell, SIG_DFL
 * again in its commands. */
void sh_job_signals(void (*action)(int));

/* ---- builtins (builtins.c) ---- */

typedef int sh_builtin_fn(struct sh *sh, int argc, char **argv);
/* The builtin called name, or NULL. */
sh_builtin_fn *sh_builtin_find(const char *name);
/* The i-th builtin's name, NULL past the last (for completion). */
const char *sh_builtin_name(size_t i);

/* ---- running commands (exec.c) ---- */

/* Runs a parsed list; returns the status of the last command. */
int sh_run_list(struct sh *sh, struct sh_list *l);

/* ---- completion (complete.c) ---- */

struct sh_completion {
	struct sh_strv cands; /* full words, unquoted; directories end in '/' */
	size_t start;         /* byte offset in the line where the word starts */
	char *word;           /* the word being completed, dequoted */
	bool tilde;           /* the word began with an unquoted ~ */
	bool no_space;        /* no space after a unique match (an --option=) */
};

/* Candidates for the word that ends at cursor in line. */
void sh_complete(const char *line, size_t cursor, struct sh_completion *c);
/* The text to put in place of line[c->start..cursor]: the candidates'
 * longest common prefix, quoted, followed by a space when it is a unique
 * match that is not a directory or an --option=. NULL if there is no
 * candidate. */
char *sh_completion_text(const struct sh_completion *c);
void sh_completion_free(struct sh_completion *c);

/* The seams of sh_complete (its unit tests call them). */

/* Where the word being completed stands in its command. */
struct sh_cword {
	size_t start;                /* where the word starts in the line */
	bool redir;                  /* it follows < or >: a file name */
	bool in_command;             /* its command has a name before it */
	size_t name_start, name_end; /* the command's name */
	size_t arg1_start, arg1_end; /* its first argument (osbox APPLET) */
	size_t nwords;               /* the command's words so far, its name included */
};
/* Reads line up to cursor as the lexer would (quotes, backslashes,
 * operators); assignments before a command's name and redirections with
 * their targets are not its words. */
void sh_complete_scan(const char *line, size_t cursor, struct sh_cword *cw);
struct applet;
/* The applet whose options complete an argument: the command's name (its
 * last component), or after osbox its first argument; NULL if none. */
const struct applet *sh_complete_applet(const char *line, const struct sh_cword *cw);
/* Candidates starting with w: applets, builtins and the executables in
 * $PATH; an applet's long options (--NAME= when it takes an argument),
 * --help and --version; or file names, directories ending in '/', and
 * ~/ looked up in $HOME when c->tilde is set. */
void sh_complete_commands(struct sh_completion *c, const char *w);
void sh_complete_options(struct sh_completion *c, const struct applet *a, const char *w);
enum sh_files { SH_FILES_ALL, SH_FILES_EXEC, SH_FILES_DIRS };
void sh_complete_files(struct sh_completion *c, const char *w, enum sh_files which);

/* ---- the line editor (edit.c) ---- */

struct sh_edit;
/* Loads libedit (dlopen) and sets it up on the terminal; NULL (after a
 * warning) if it cannot be loaded. */
struct sh_edit *sh_edit_open(struct sh *sh);
/* Reads a line with prompt; returns a malloc'd line with its newline,
 * "" for an interrupted line (Ctrl-C), NULL at end of input (Ctrl-D). */
char *sh_edit_read(struct sh_edit *e, const char *prompt);
void sh_edit_add_history(struct sh_edit *e, const char *line);
void sh_edit_close(struct sh_edit *e);

/* ---- input and the main loop (input.c) ---- */

struct sh_input; /* opaque */
struct sh_input *sh_input_string(const char *s);
struct sh_input *sh_input_fd(int fd, bool seekable); /* reads no further than each line */
struct sh_input *sh_input_editor(struct sh *sh);     /* libedit, or a plain prompt */
void sh_input_free(struct sh_input *in);
/* Reads, parses and runs commands until end of input or exit; returns
 * the shell's exit status. */
int sh_loop(struct sh *sh, struct sh_input *in);

#endif
