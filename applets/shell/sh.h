/* The shell behind `osbox sh` and `osbox shell`, a POSIX shell (XCU 2):
 * one header for its modules, each with one concern. They are layers: a
 * file calls into the files listed above it (and into core/); the only
 * calls back up are sh_error (shell.c) for messages, sh_command_subst and
 * sh_run_string (exec.c), which expansion and the builtins need to run
 * commands, and sh_exit. The builtins that need only their operands
 * (echo, printf, test, umask, ulimit, arithmetic) are bi.h's.
 *   strv.c        the string vector (words, fields, parameters, lines)
 *   quote.c       quoting shell words, and quote removal
 *   history.c     the history list and its file
 *   parse.c       lexer and parser: text -> a tree of commands (POSIX XCU 2.10)
 *   vars.c        variables: a hash table, export, readonly, local
 *   expand.c      word expansion (XCU 2.6): ~ $ ${} $() $(()) fields globs quotes
 *   jobs.c        the job table and job control: process groups, the terminal
 *   trap.c        trap: signals caught, and the EXIT trap
 *   exec.c        running the tree: fork, redirections, pipelines, functions
 *   builtins.c    the builtins of XCU 2.14 and the regular ones dash has
 *   complete.c    tab completion: commands, applet options, file names
 *   edit.c        the interactive line editor: libedit, loaded with dlopen
 *   input.c       reading commands: strings, files, stdin, and the main loop
 *   shell.c       the applet's entry (shell and sh); the shell's state, sh_error
 *   biwarn.c      sh_bi_warn, bi.h's messages with the shell's prefix */
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
/* Appends s quoted as dash quotes in its listings (set, alias, trap):
 * runs of ' in double quotes, the rest in single quotes. */
void sh_put_dash_quoted(struct buf *b, const char *s);
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

/* The nodes of a command, and the strings they hold, live in an arena
 * that is freed at once; a function definition keeps its arena alive
 * (refs) as long as the function is defined. */
struct sh_arena;
void *sh_arena_alloc(struct sh_arena *a, size_t n);
char *sh_arena_strndup(struct sh_arena *a, const char *s, size_t n);
struct sh_arena *sh_arena_ref(struct sh_arena *a);
void sh_arena_unref(struct sh_arena *a);

enum sh_redir_op {
	SH_R_IN,      /* [n]<  file */
	SH_R_OUT,     /* [n]>  file */
	SH_R_CLOBBER, /* [n]>| file */
	SH_R_APPEND,  /* [n]>> file */
	SH_R_RDWR,    /* [n]<> file */
	SH_R_DUPIN,   /* [n]<&m, and - to close */
	SH_R_DUPOUT,  /* [n]>&m */
	SH_R_HEREDOC, /* [n]<< and <<- */
};

struct sh_redir {
	int fd;
	enum sh_redir_op op;
	char *word;  /* raw text, expanded when the command runs */
	char *body;  /* a here-document's body (raw) */
	bool quoted; /* a here-document whose delimiter was quoted: no expansion */
};

enum sh_ntype {
	SH_N_CMD,      /* words, assigns, redirs */
	SH_N_PIPE,     /* kids, a ! in negate */
	SH_N_AND,      /* a && b */
	SH_N_OR,       /* a || b */
	SH_N_LIST,     /* kids, in order; a kid of type SH_N_BG runs in the background */
	SH_N_BG,       /* a & */
	SH_N_SUBSHELL, /* ( a ) */
	SH_N_GROUP,    /* { a } */
	SH_N_IF,       /* if a then b else c */
	SH_N_WHILE,    /* while a do b */
	SH_N_UNTIL,    /* until a do b */
	SH_N_FOR,      /* for name [in words] do b */
	SH_N_CASE,     /* case words[0] in items */
	SH_N_FUNC,     /* name() a */
};

struct sh_node;
struct sh_case_item {
	char **pats;
	size_t npats;
	struct sh_node *body; /* NULL: empty */
	bool fallthrough;     /* ended by ;& */
};

struct sh_node {
	enum sh_ntype type;
	bool negate; /* SH_N_PIPE: ! */
	bool for_in; /* SH_N_FOR: with in */
	long line;
	char **words; /* SH_N_CMD, SH_N_FOR, SH_N_CASE */
	size_t nwords;
	char **assigns; /* SH_N_CMD: NAME=VALUE before the name */
	size_t nassigns;
	struct sh_redir *redirs;
	size_t nredirs;
	struct sh_node **kids; /* SH_N_PIPE, SH_N_LIST */
	size_t nkids;
	struct sh_node *a, *b, *c;
	char *name; /* SH_N_FOR's variable, SH_N_FUNC's name */
	struct sh_case_item *items;
	size_t nitems;
	char *text;             /* source text (SH_N_PIPE, SH_N_BG, SH_N_CMD), for jobs */
	struct sh_arena *arena; /* SH_N_FUNC: the arena it lives in */
};

enum sh_parse_result { SH_PARSE_OK, SH_PARSE_INCOMPLETE, SH_PARSE_ERROR, SH_PARSE_EOF };

/* A parser reads a command at a time from text, asking more() for the
 * next line when it needs one (continuation: inside a command). more
 * returns a malloc'd line, NULL at end of input, or "" when the line was
 * interrupted (Ctrl-C). */
struct sh_parser;
typedef char *sh_more_fn(void *ctx, bool continuation);
struct sh_parser *sh_parser_new(const char *text, sh_more_fn *more, void *ctx);
void sh_parser_free(struct sh_parser *p);
/* The next complete command (a list up to a newline): OK with *node
 * (NULL for an empty line) and *arena (the caller's, to unref), EOF at
 * the end, ERROR after a syntax error (sh_parser_msg), INCOMPLETE when
 * the input ended inside a command. */
enum sh_parse_result sh_parse_next(struct sh_parser *p, struct sh_node **node,
                                   struct sh_arena **arena);
/* The last error's message, in dash's wording ("Syntax error: \"|\"
 * unexpected"). */
const char *sh_parser_msg(const struct sh_parser *p);
long sh_parser_line(const struct sh_parser *p); /* the line of the error, or read so far */
bool sh_parser_interrupted(const struct sh_parser *p);
/* The line the text starts on (1 by default). */
void sh_parser_set_line(struct sh_parser *p, long line);
/* The text of the command just parsed (for the history). */
const char *sh_parser_text(const struct sh_parser *p, size_t *len);
/* Skips the rest of what was read (after an error in an interactive shell). */
void sh_parser_discard(struct sh_parser *p);
/* Aliases (POSIX XCU 2.3.1): the parser asks lookup for a word in command
 * position. */
void sh_parser_aliases(struct sh_parser *p, const char *(*lookup)(void *ctx, const char *name),
                       void *ctx);

/* Checks a whole string: OK if every command in it parses. */
enum sh_parse_result sh_parse_check(const char *src, char *msg, size_t msgsize);

/* Where the substitution starting at s[i] ("$(", "${", "$((" or "`")
 * ends (the index after it), for the expansion of words the parser
 * accepted. */
size_t sh_subst_end(const char *s, size_t i);

/* True if s is NAME=... with a valid NAME; *namelen gets NAME's length. */
bool sh_is_assignment(const char *s, size_t *namelen);
bool sh_is_name(const char *s, size_t n);

/* ---- the shell's state ---- */

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

#define SH_V_EXPORT 1u
#define SH_V_READONLY 2u

struct sh_var {
	char *name;
	char *value; /* NULL: unset (but exported or readonly, or local) */
	unsigned flags;
	unsigned hash;
	struct sh_var *next;
};

struct sh_func {
	char *name;
	struct sh_node *body;
	struct sh_arena *arena;
	struct sh_func *next;
};

struct sh_alias {
	char *name, *value;
	struct sh_alias *next;
};

struct sh_local {
	char *name;
	char *value; /* NULL: was unset */
	unsigned flags;
	bool existed;
	struct sh_local *next;
};

/* The options of set (POSIX XCU 2.14 set), in the order dash lists them. */
enum sh_opt {
	SH_O_ERREXIT, /* -e */
	SH_O_NOGLOB,  /* -f */
	SH_O_IGNOREEOF,
	SH_O_INTERACTIVE, /* -i */
	SH_O_MONITOR,     /* -m */
	SH_O_NOEXEC,      /* -n */
	SH_O_STDIN,       /* -s */
	SH_O_XTRACE,      /* -x */
	SH_O_VERBOSE,     /* -v */
	SH_O_VI,
	SH_O_EMACS,
	SH_O_NOCLOBBER, /* -C */
	SH_O_ALLEXPORT, /* -a */
	SH_O_NOTIFY,    /* -b */
	SH_O_NOUNSET,   /* -u */
	SH_O_PRIVILEGED,
	SH_O_NOLOG,
	SH_O_DEBUG,
	SH_O_PIPEFAIL, /* POSIX 2024; not listed by set -o, as dash lists none */
	SH_NOPTS
};

#define SH_NSIG 65

struct sh {
	bool interactive; /* reading commands from a terminal */
	bool jobctl;      /* job control: process groups and the terminal */
	bool opts[SH_NOPTS];
	int ttyfd;           /* the terminal (a private descriptor), or -1 */
	pid_t pgid;          /* the shell's process group */
	pid_t pid;           /* $$ */
	pid_t last_bg;       /* $! */
	int status;          /* $? */
	bool exiting;        /* the exit builtin ran, or a fatal error */
	bool warned_stopped; /* "there are stopped jobs" was said once */
	bool subshell;       /* a forked child of the shell */
	int exit_status;
	const char *source_name; /* "-c", a script's name, or NULL for stdin */
	const char *arg0;        /* the name in messages, as dash's */
	long lineno;
	struct sh_strv params; /* $0, $1... */
	struct sh_var **vtab;  /* the variables: a hash table */
	size_t vcap, vcount;
	char **env; /* environ for exec, built when env_dirty */
	bool env_dirty;
	struct sh_func *funcs;
	struct sh_alias *aliases;
	struct sh_local *locals; /* the innermost function's saved variables */
	int funcdepth;
	int loopdepth;
	int breaks;     /* loops left to break out of */
	int continues;  /* set with breaks: continue the last one */
	bool returning; /* return ran */
	int evaldepth;
	char *traps[SH_NSIG]; /* [0]: EXIT; NULL: default, "": ignored */
	bool trap_ignored_at_start[SH_NSIG];
	bool trap_checked[SH_NSIG];
	volatile int pending[SH_NSIG];
	volatile int any_pending;
	bool in_trap;
	int errexit_off; /* > 0: set -e does not apply (a condition) */
	struct sh_job **jobs;
	size_t njobs;
	int current_job; /* id of %+, 0 if none */
	struct sh_hist hist;
	void *tty_modes;   /* struct termios of the shell, when interactive */
	int subst_status;  /* of the last command substitution */
	int dotdepth;      /* files being read by . */
	volatile int intr; /* Ctrl-C in an interactive shell running a builtin loop */
	long subst_line;   /* the line a $(...) starts on: its commands' first */
	int nofatal;       /* > 0: under command, special builtins' errors do not end the shell */
	const char *exec_prefix; /* "exec: " in the exec builtin's messages */
};

/* Makes and frees the shell's state (shell.c): an interactive shell takes
 * the terminal for job control and loads its history. */
void sh_init(struct sh *sh, bool interactive);
void sh_free(struct sh *sh);

/* Reports an error as the shell does: "NAME: LINE: msg" (dash's form),
 * NAME the shell's $0 (the script's name, or -c's NAME operand), LINE
 * the current line. */
void sh_error(struct sh *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
extern struct sh *sh_current; /* for sh_bi_warn */
/* A message without the shell's prefix, as dash prints some. */
void sh_error_bare(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- variables (vars.c) ---- */

struct sh_var *sh_lookup(struct sh *sh, const char *name);
const char *sh_getvar(struct sh *sh, const char *name);
/* Sets name (exported under set -a); -1 after a message if it is readonly. */
int sh_setvar(struct sh *sh, const char *name, const char *value);
int sh_setvar_flags(struct sh *sh, const char *name, const char *value, unsigned flags);
void sh_export(struct sh *sh, const char *name, const char *value); /* value NULL: as is */
int sh_unsetvar(struct sh *sh, const char *name);
/* Imports environ (at start). */
void sh_vars_import(struct sh *sh, char **envp);
/* The environment for exec: the exported variables, built again only
 * when one changed. */
char **sh_environ(struct sh *sh);
void sh_vars_free(struct sh *sh);
/* All variables, sorted by name (malloc'd array, NULL-terminated). */
struct sh_var **sh_vars_sorted(struct sh *sh);
/* local NAME: saved, to be put back when the function returns. */
void sh_local(struct sh *sh, const char *name);
void sh_locals_restore(struct sh *sh, struct sh_local *upto);

/* ---- expansion (expand.c) ---- */

#define SH_EXP_NOSPLIT 1u /* one field: assignments, redirections */
#define SH_EXP_NOGLOB 2u
#define SH_EXP_ASSIGN 4u   /* tildes after = and : */
#define SH_EXP_PATTERN 8u  /* a pattern: quoted characters escaped with \ */
#define SH_EXP_NOSUBST 16u /* command substitutions are empty (the fuzzer) */

/* Expands a raw word into fields appended to out: tilde, parameters,
 * command substitution, arithmetic, field splitting of unquoted
 * expansions on IFS, pathname expansion, quote removal. Returns -1 after
 * a message (bad substitution, ${x?}...). */
int sh_expand(struct sh *sh, const char *word, unsigned flags, struct sh_strv *out);
/* One string, no splitting or globbing (assignments, redirections);
 * NULL after a message. */
char *sh_expand_one(struct sh *sh, const char *word, unsigned flags);
/* A here-document's body: parameters, commands, arithmetic, and \ before
 * $ ` \ and newline. */
char *sh_expand_heredoc(struct sh *sh, const char *body);
/* Quote removal only (completion reads partly typed words with it). */
char *sh_dequote(const char *word, size_t n);
/* Matches a pattern made with SH_EXP_PATTERN. */
bool sh_match(const char *pattern, const char *s);
/* PS1/PS2/PS4: parameters expanded. */
char *sh_expand_prompt(struct sh *sh, const char *ps);

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
/* An interactive shell: Ctrl-C stops what runs in the shell itself (a
 * loop of builtins) and goes back to the prompt. */
void sh_catch_interrupt(void);
/* An interactive shell: when the terminal hangs up, its jobs get SIGHUP. */
void sh_catch_hangup(void);
/* At exit: stopped jobs get SIGHUP and SIGCONT, as other shells do. */
void sh_hangup_jobs(struct sh *sh);
/* Sets the signals an interactive shell ignores (SIGINT, SIGQUIT, SIGTERM,
 * SIGTSTP, SIGTTIN, SIGTTOU) to action: SIG_IGN in the shell, SIG_DFL
 * again in its commands. */
void sh_job_signals(void (*action)(int));

/* ---- traps (trap.c) ---- */

/* Runs the traps of the signals that came (between commands). */
void sh_run_traps(struct sh *sh);
/* The EXIT trap, once, as the shell ends. */
void sh_exit_trap(struct sh *sh);
/* In a subshell: traps set go back to default (ignored ones stay). */
void sh_traps_subshell(struct sh *sh);
int sh_bi_trap(struct sh *sh, int argc, char **argv);
/* Notes the signals ignored when the shell started (POSIX XCU 2.11). */
void sh_traps_init(struct sh *sh);

/* ---- running commands (exec.c) ---- */

#define SH_EV_EXIT 1u   /* the last thing this (child) process does */
#define SH_EV_TESTED 2u /* a condition: set -e does not apply */

/* Runs a node; returns its status (also in sh->status). */
int sh_run(struct sh *sh, struct sh_node *n, unsigned flags);
/* Parses and runs the commands of text one at a time (eval, ., command
 * substitution); what, if not NULL, before a syntax error's message
 * ("eval: "). */
int sh_run_string(struct sh *sh, const char *text, const char *what);
/* Ends the (child or main) shell: the EXIT trap, then exit(status). */
_Noreturn void sh_exit(struct sh *sh, int status);
/* A forked child of the shell: no jobs, traps reset. */
void sh_child_start(struct sh *sh, pid_t pgid, bool bg);
/* Runs cmd (a command substitution) in a child; its output without
 * trailing newlines, malloc'd; *status its status. */
char *sh_command_subst(struct sh *sh, const char *text, size_t n, int *status);
/* A special builtin's or expansion error: a non-interactive shell ends
 * (POSIX XCU 2.8.1). */
void sh_fatal(struct sh *sh, int status);
struct sh_func *sh_func_find(struct sh *sh, const char *name);
/* exec: argv replaces the shell. */
_Noreturn void sh_exec_program(struct sh *sh, char **argv);
/* command NAME: a program or applet (never a function), in a child; path
 * instead of $PATH when not NULL. */
int sh_run_program(struct sh *sh, char **argv, const char *path);
/* The full path of a command found in PATH (malloc'd), or NULL. */
char *sh_path_search(struct sh *sh, const char *name, const char *path);

/* ---- builtins (builtins.c) ---- */

typedef int sh_builtin_fn(struct sh *sh, int argc, char **argv);
struct sh_builtin {
	const char *name;
	sh_builtin_fn *fn;
	bool special; /* POSIX XCU 2.14 */
	const char *usage;
};
/* The builtin called name, or NULL. */
const struct sh_builtin *sh_builtin_lookup(const char *name);
sh_builtin_fn *sh_builtin_find(const char *name);
/* The i-th builtin's name, NULL past the last (for completion). */
const char *sh_builtin_name(size_t i);
/* set's options: "-e" "+x" "-o name"... ; -1 after a message. */
int sh_set_options(struct sh *sh, int argc, char **argv, int *index, bool cmdline);
/* $- */
void sh_dollar_minus(struct sh *sh, char *buf);

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
