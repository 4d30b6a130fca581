# shell: the language through -c, scripts and piped stdin; builtins, jobs,
# exit statuses and errors; the interactive shell on a pseudo-terminal
# (tests/cli/shell_pty.py); the generated bash and zsh completion.
S="osbox shell"

# ---- words, quotes, expansions ----
t "plain words" 0 "a b c" '' $S -c 'echo a   b	c'
# echo is the builtin (as dash's, XSI): it turns \n into a newline
t "single quotes keep everything" 0 'a  $X 
 "q"' '' $S -c "echo 'a  \$X \\n \"q\"'"
# the builtin echo (XSI, as dash's) turns the \e left by the quotes into ESC
t "double quotes: \\ escapes only \$ \` \" \\" 0 'a"b$c\d'"$(printf '\033')" '' $S -c 'echo "a\"b\$c\\d\e"'
t "backslash outside quotes" 0 'a b$c' '' $S -c 'echo a\ b\$c'
t "adjacent quoted parts make one word" 0 '<ab c$d>' '' $S -c "printf '<%s>\n' a'b c'\"\$\"d"
t "\$NAME and \${NAME}" 0 "v vx v" '' $S -c 'X=v; echo $X ${X}x "$X"'
t "unset is empty" 0 "[]" '' $S -c 'echo "[$NOPE_NOT_SET]"'
t "\${X:-w} \${X-w} \${X:+w} \${X=w}" 0 "def
[] set alt set" '' $S -c 'E=; echo ${U:-def} ${E-unused}; echo [${E:+no}] ${V:=set} ${V:+alt} $V'
t "bad substitution" 2 '' 'shell: 1: Bad substitution' $S -c 'echo ${X!}'
t "unquoted expansions are split, quoted ones not" 0 "<a><b><a   b>" '' \
	$S -c 'x="a   b"; printf "<%s>" $x "$x"; echo'
t "empty unquoted expansion is no word, quoted is one" 0 "<>" '' $S -c 'e=; printf "<%s>" $e "$e"; echo'
t "IFS" 0 "<a><b c>" '' $S -c 'IFS=:; x="a:b c"; printf "<%s>" $x; echo'
t "\$?" 0 "1 0" '' $S -c 'false; a=$?; true; echo $a $?'
t "\$\$ is the shell, \$! the last background job" 0 "same" '' \
	$S -c 'sh -c "exit 0" & p=$!; wait; test -n "$p" && sh -c "test \$PPID = $$" && echo same'
t "positional parameters with -c" 0 "name a b 2 a b" '' $S -c 'echo $0 $1 $2 $# $@' name a b
t '"$@" is a field per parameter, "$*" one' 0 "<a b><c>
<a b c>
<a><b><c>" '' $S -c 'printf "<%s>" "$@"; echo; printf "<%s>" "$*"; echo; printf "<%s>" $@; echo' n 'a b' c
t "a lone \$ is itself" 0 '$ a$ $/' '' $S -c 'echo $ a$ "$/"'
t "tilde" 0 "/h /h/x ~ a~" '' env HOME=/h $S -c 'echo ~ ~/x "~" a~'
mkdir g && touch g/b.c g/a.c g/.h.c
t "globs, sorted; quoted ones are literal" 0 "g/a.c g/b.c g/*.c g/*.none" '' $S -c 'echo g/*.c "g/*.c" g/*.none'
t "comments" 0 "a
a#b" '' $S -c 'echo a # no
# whole line
echo a#b'

# ---- assignments ----
t "X=1 alone sets a shell variable, not exported" 0 "1
[]" '' $S -c 'X=1; echo $X; sh -c "echo [\$X]"'
t "X=1 cmd: for that command only" 0 "1
[]" '' $S -c 'X=1 sh -c "echo \$X"; echo "[$X]"'
t "X=1 cmd puts X in its environment" 0 "1" '' $S -c 'NOPE_X=1 printenv NOPE_X'
t "export NAME=value, export NAME, unset" 0 "2
3
[]" '' $S -c 'export A=2; sh -c "echo \$A"; B=3; export B; sh -c "echo \$B"; unset A; sh -c "echo [\$A]"'
if $VALGRIND; then # without what valgrind adds to the environment
	t "export lists the environment for the shell to read" 0 "export PWD='$T'
export Q='it'\"'\"'s'" '' \
		sh -c 'env -i Q="it'\''s" "$1" -c export |
			grep -v "^export LD_PRELOAD="' sh "$LINKS/shell"
else
	t "export lists the environment for the shell to read" 0 "export PWD='$T'
export Q='it'\"'\"'s'" '' \
		env -i Q="it's" $LINKS/shell -c 'export'
fi
t "not a valid identifier" 2 '' "shell: 1: export: 1x: bad variable name" $S -c 'export 1x=2'

# ---- lists, and-or lists, pipelines ----
t "; && ||" 0 "yes
after" '' $S -c 'false && echo no || echo yes; true || echo no; echo after'
t "! negates" 0 "0 1" '' $S -c '! false; a=$?; ! true; echo $a $?'
t "pipeline" 0 "CBA" '' $S -c 'echo abc | tr a-z A-Z | rev'
t "a pipeline's status is its last command's" 0 "0 1" '' $S -c 'false | true; a=$?; true | false; echo $a $?'
t "applets in pipelines" 0 "[ 2] eNOeNT: No such file or directory" '' $S -c 'strerror 2 | tr E e'
t "newline after | && ||" 0 "a
b
c" '' $S -c 'echo a |
cat && echo b ||
echo no; echo c'
t "a line ending in \\ continues" 0 "ab" '' $S -c 'echo a\
b'

# ---- redirections ----
t "> >> <" 0 "one
two" '' $S -c 'echo one > f; echo two >> f; cat < f'
t "2>" 2 "" '' $S -c 'ls /nonexistent-x 2> e'
ok "2> wrote the error" grep -q nonexistent-x e
t "2>&1, in order" 0 "err" '' $S -c 'sh -c "echo err >&2" 2>&1 >/dev/null'
t "2>&1 into a pipe" 0 "ERR" '' $S -c 'sh -c "echo err >&2" 2>&1 | tr a-z A-Z'
t ">&2" 0 "" "to stderr" $S -c 'echo to stderr >&2'
t "N> and N<&- " 0 "three" '' $S -c 'sh -c "echo three >&3" 3> f3; cat f3'
t "redirection failure: message, status 2, next command runs" 0 "2" \
	"shell: 1: cannot create /nonexistent-d/f: Directory nonexistent" $S -c 'echo x > /nonexistent-d/f; echo $?'
t "< missing file" 2 '' "shell: 1: cannot open missing: No such file" $S -c 'cat < missing'
t "bad descriptor" 2 '' "shell: 1: 7: Bad file descriptor" $S -c 'echo x >&7'
t "a builtin's redirection does not stay" 0 "after" '' $S -c 'cd / > f; echo after'
t "redirection alone creates the file" 0 "0" '' $S -c '> empty; wc -c < empty'
# dash has no help; its echo > /dev/full says "dash: 1: echo: echo: I/O error"
t "builtin output to a full device" 1 '' "shell: 1: help: help: I/O error" \
	$S -c 'help > /dev/full'

# ---- builtins ----
t "cd, cd -, PWD, OLDPWD" 0 "/
$T
$T /" '' $S -c 'cd /; pwd; cd -; echo $PWD $OLDPWD'
t "cd with no operand goes home" 0 "$T/g" '' env HOME="$T/g" $S -c 'cd; pwd'
t "cd to a missing directory" 2 '' "shell: 1: cd: can't cd to nope" $S -c 'cd nope'
t "exit N" 7 '' '' $S -c 'exit 7; echo no'
t "exit with no operand keeps \$?" 3 '' '' $S -c 'sh -c "exit 3"; exit'
t "exit with a bad number" 2 '' "shell: 1: exit: Illegal number: x" $S -c 'exit x'
t "help lists builtins and applets" 0 '*' '' $S -c help
ok "help names the builtins" grep -q '^  wait' "$W/out"
ok "help names the applets" grep -q '^  strerror ' "$W/out"
t "history is empty without a terminal" 0 '' '' $S -c 'history'
t "jobs, wait" 0 "[1]+  Running                sleep 1
done 0" '' $S -c 'sleep 1 & jobs; wait; echo done $?'
# gone PID: returns once the process has ended (a zombie, or already reaped by the shell)
printf '%s\n' 'until [ ! -e /proc/$1 ] || grep -q ") Z" /proc/$1/stat 2>/dev/null; do :; done' > "$W/gone"
t "jobs says how finished jobs ended, once" 0 "[1]   Exit 3                 sh -c \"exit 3\"
[2]+  killed by signal TERM  sh -c \"kill \\\$\\\$\"
end" '' $S -c 'sh -c "exit 3" & sh "$1" $!; sh -c "kill \$\$" & sh "$1" $!; jobs; jobs; echo end' - "$W/gone"
t "background & and wait PID gives its status" 0 "3" '' $S -c 'sh -c "exit 3" & wait $!; echo $?'
t "wait %N" 0 "4" '' $S -c 'sh -c "exit 4" & wait %1; echo $?'
t "wait for an unknown job" 127 '' '' $S -c 'wait 99999'
t "background and-or list runs in a child shell" 0 "b
5" '' $S -c 'false || echo b && sh -c "exit 5" & wait $!; echo $?'
vg_skip "kill %N, kill -SIG PID" "valgrind runs posix_spawn as a fork, and a signal that reaches the child before its exec is lost" ||
	t "kill %N, kill -SIG PID" 0 "143
137" '' $S -c 'sleep 10 & kill %1; wait %1; echo $?; sleep 10 & kill -KILL $!; wait $!; echo $?'
t "kill -l" 0 "0" '' sh -c "$S -c 'kill -l' | head -1"
# dash says "kill: Illegal option -F" and "kill: Illegal number: abc",
# status 2; POSIX (XCU kill) asks only for a diagnostic and a status >0,
# and these name the whole operand, so they stay.
t "kill errors" 1 '' "shell: 1: kill: -FOO: invalid signal
shell: 1: kill: No such job: %9
shell: 1: kill: abc: arguments must be process or job IDs" $S -c 'kill -FOO 1; kill %9; kill abc'
t "fg without job control" 2 '' "shell: 1: fg: No current job" $S -c 'fg'

# ---- commands: applets first, then PATH; statuses ----
mkdir bin
printf '#!/bin/sh\necho fake strerror\n' > bin/strerror
printf '#!/bin/sh\necho external\n' > bin/extcmd
printf 'echo not executable\n' > bin/noexec
chmod +x bin/strerror bin/extcmd
t "an applet comes before PATH" 0 "[ 2] ENOENT: No such file or directory
external" '' env PATH="$T/bin:$PATH" $S -c 'strerror 2; extcmd'
t "an applet runs with its name in messages" 1 '' "strerror: EFOO: unknown error name" $S -c 'strerror EFOO'
t "a path runs that file, not the applet" 0 "fake strerror" '' $S -c './bin/strerror'
t "command not found: 127" 127 '' "shell: 1: nope-cmd: not found" $S -c 'nope-cmd'
t "missing path: 127" 127 '' "shell: 1: ./nope: not found" $S -c './nope'
t "not executable: 126" 126 '' "shell: 1: ./bin/noexec: Permission denied" $S -c './bin/noexec'
t "a directory: 126" 126 '' "shell: 1: /: Permission denied" $S -c '/'
t "killed by a signal: 128+N, said" 137 '' "shell: sh -c 'kill -9 \$\$': killed by signal KILL" \
	$S -c "sh -c 'kill -9 \$\$'"
t "status of the last command" 1 '' '' $S -c 'true; false'
t "a closed pipe" 0 "[ 1] EPERM : Operation not permitted" '' sh -c "$S -c 'strerror -l' | head -1"

# ---- syntax errors: a message and status 2 ----
t "unexpected token" 2 '' 'shell: 1: Syntax error: "|" unexpected' $S -c '| echo'
t "unexpected ;;" 2 '' 'shell: 1: Syntax error: ";;" unexpected' $S -c 'echo a ;; echo b'
t "unexpected (" 2 '' 'shell: 1: Syntax error: word unexpected (expecting ")")' $S -c 'echo (a)'
t "missing command after |" 2 '' "shell: 1: Syntax error: end of file unexpected" $S -c 'echo |'
t "unterminated quote" 2 '' "shell: 1: Syntax error: Unterminated quoted string" $S -c 'echo "abc'
t "missing }" 2 '' "shell: 1: Syntax error: Missing '}'" $S -c 'echo ${abc'
printf 'echo line1\necho ok &&\n  echo two\necho a | | b\necho never\n' > bad.sh
t "a script stops at a syntax error, with its line" 2 "line1
ok
two" 'bad.sh: 4: Syntax error: "|" unexpected' $S bad.sh

# ---- scripts and standard input ----
printf 'echo "$0 $1 $#"\nexit 9\n' > s.sh
t "SCRIPT ARG..." 9 "s.sh x 1" '' $S s.sh x
# dash exits 2 here; POSIX (XCU sh, EXIT STATUS) says 127 when the
# command_file is not found
t "a missing script" 127 '' "shell: 0: cannot open nope.sh: No such file" $S nope.sh
# dash reads nothing from a directory and exits 0 silently; POSIX
# (XCU sh, EXIT STATUS) wants a non-zero status when the command_file
# cannot be read, and a message on stderr, so osbox says why
t "a directory as script" 126 '' "shell: 0: cannot open g: Is a directory" $S g
t "commands from a pipe" 0 "[ 2] ENOENT: No such file or directory
0" '' sh -c "printf 'strerror 2\necho \$?\n' | $S"
t "stdin is read no further than each line" 0 "hello" '' sh -c "printf 'cat\nhello\n' | $S"
t "a quote across lines from stdin" 0 "a
b" '' sh -c "printf 'echo \"a\nb\"\n' | $S"
t "end of input inside a quote" 2 '' "shell: 2: Syntax error: Unterminated quoted string" \
	sh -c "printf 'echo \"abc\n' | $S"
t "exit status of the last command from stdin" 3 '' '' sh -c "printf 'sh -c \"exit 3\"\n' | $S"
t "no newline at the end" 0 "x" '' sh -c "printf 'echo x' | $S"
t "-c needs an argument" 2 '' "shell: 0: -c requires an argument" $S -c
t "--help" 0 '*' '' $S --help

# ---- the interactive shell, on a pseudo-terminal ----
pty_case() {
	local name=$1 dir=$T/pty-$1
	mkdir -p "$dir"
	(cd "$dir" && env HOME="$dir" XDG_STATE_HOME="$T/state-$name" python3 "$SRC/tests/cli/shell_pty.py" "$name")
}
for c in prompt complete_applet complete_option complete_file list_candidates interrupt interrupt_loop \
	stop_and_fg background wait_interrupt exit_stopped utf8 eof resize history; do
	ok "pty: $c" pty_case "$c"
done
printf 'echo first-session\necho dup\necho last\necho multi | tr m M\nhistory\necho first-session\n' > "$W/want-history"
same "history file: consecutive duplicates once, across sessions" "$W/want-history" "$T/state-history/osbox/history"
ok "history file is private" test "$(stat -c %a "$T/state-history/osbox")" = 700
(cd "$T/pty-history" && env HOME="$T/pty-history" XDG_STATE_HOME= python3 "$SRC/tests/cli/shell_pty.py" prompt)
ok "without XDG_STATE_HOME: ~/.local/state/osbox/history" \
	grep -qx 'echo hello; strerror 2' "$T/pty-history/.local/state/osbox/history"

# ---- completion files ----
bash "$SRC/scripts/gen-completion" bash "$OSBOX" > "$W/osbox.bash"
bash "$SRC/scripts/gen-completion" zsh "$OSBOX" > "$W/_osbox"
built=$(dirname "$OSBOX_REAL")/completion
same "the built bash completion is the generated one" "$W/osbox.bash" "$built/osbox"
same "the built zsh completion is the generated one" "$W/_osbox" "$built/_osbox"
bcomp() { # bcomp WORD... : what the bash completion offers for the last word
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_osbox; printf "%s\n" "${COMPREPLY[@]}"' - "$W/osbox.bash" "$@"
}
t "bash: strerror --j" 0 "--json" '' bcomp strerror --j
t "bash: osbox strerror --se" 0 "--search=" '' bcomp osbox strerror --se
t "bash: a link by its path" 0 "--list" '' bcomp ./links/strerror --li
t "bash: osbox APPLET names" 0 "stat
strerror" '' bcomp osbox st
t "bash: operands fall back to file names" 0 "" '' bcomp strerror x
ok "bash: registered for every applet and osbox" \
	bash -c '. "$1"; for a in osbox $("$2" --list); do complete -p "$a" | grep -q -- "-F _osbox" || exit 1; done' - "$W/osbox.bash" "$OSBOX"
ok "bash: every long option of every applet is offered" bash -c '
	. "$1"
	for a in $("$2" --list); do
		want=$("$2" --options "$a" | cut -f2 | grep -v "^-$" | sort)
		COMP_WORDS=("$a" --); COMP_CWORD=1; _osbox
		got=$(printf "%s\n" "${COMPREPLY[@]}" | sed "s/=\$//" | grep -vx -e --help -e --version | sort)
		[ "$want" = "$got" ] || { echo "$a: $got"; exit 1; }
	done' - "$W/osbox.bash" "$OSBOX"
if command -v zsh >/dev/null; then
	ok "zsh: the completion parses" zsh -n "$W/_osbox"
	ok "zsh: registered for every applet and osbox" \
		grep -qx "#compdef osbox $("$OSBOX" --list | tr '\n' ' ' | sed 's/ $//')" "$W/_osbox"
	# only this link in PATH: zsh's completion system runs readlink and others
	mkdir -p "$T/pty-zsh/bin"
	ln -s "$OSBOX" "$T/pty-zsh/bin/strerror"
	ok "zsh: strerror --js<Tab> and osbox strerror --sea<Tab>, typed in zsh" \
		sh -c 'cd "$T/pty-zsh" && PATH="$T/pty-zsh/bin:$PATH" COMPLETION_DIR="$1" python3 "$SRC/tests/cli/shell_pty.py" zsh' - "$W"
else
	skip "zsh: the completion parses" "zsh is not installed"
fi

# ---- the POSIX language (XCU 2), under the name sh ----
P="osbox sh"
t "sh: if elif else" 0 "b" '' $P -c 'if false; then echo a; elif true; then echo b; else echo c; fi'
t "sh: while, until, break and continue with levels" 0 "1 2 4 x" '' \
	$P -c 'i=0; while :; do i=$((i+1)); [ $i = 3 ] && continue; [ $i -gt 4 ] && break; printf "%s " $i; done; until :; do :; done; for a in 1; do for b in 2; do break 2; done; echo no; done; echo x'
t "sh: for with and without in" 0 "a b
x y" '' $P -c 'for i in a b; do printf "%s" "$i"; [ $i = b ] || printf " "; done; echo; set -- x y; for j; do printf "%s" "$j"; [ $j = y ] || printf " "; done; echo'
t "sh: case with | and a quoted pattern" 0 "star
ab" '' $P -c 'case "*" in "*") echo star;; *) echo any;; esac; case b in a|b) echo ab;; esac'
t "sh: functions, return and positional parameters" 0 "f 2 a
3 top" '' $P -c 'f() { echo f $# $1; return 3; }; f a b; echo $? $1' sh top
t "sh: local" 0 "in
out" '' $P -c 'v=out; f() { local v=in; echo $v; }; f; echo $v'
t "sh: subshells do not change the shell" 0 "1" '' $P -c 'x=1; (x=2; cd /); echo $x'
t "sh: { } groups with a redirection" 0 "a
b" '' $P -c '{ echo a; echo b; } > g.out; cat g.out'
t "sh: \$(...) nested, with case inside" 0 "in x" '' $P -c 'echo $(echo $(case x in x) echo in;; esac) x)'
t "sh: backquotes" 0 "a b" '' $P -c 'echo `echo a` "`echo b`"'
t "sh: arithmetic" 0 "7 1 6" '' $P -c 'x=3; echo $((1 + x * 2)) $((x > 2)) $((x += 3))'
t "sh: \${x%p} \${x##p} \${#x}" 0 "a.b b 5" '' $P -c 'x=a.b.c; y=${x%.*}; echo $y ${y##*.} ${#x}'
t "sh: \${x:?} ends the shell" 2 "" "sh: 1: x: unset" $P -c 'echo ${x:?unset}; echo never'
t "sh: \"\$@\" with no parameters is no field" 0 "0 1" '' $P -c 'set --; set -- "$@"; a=$#; set -- "$*"; echo $a $#'
t "sh: IFS splitting, white space and not" 0 "<a><><b>" '' $P -c 'IFS=" :"; x="a :: b"; x=" a::b "; printf "<%s>" $x; echo'
t "sh: here-documents, expanded and not" 0 "v=1
\$v" '' $P -c 'v=1; cat <<E; cat <<"Q"
v=$v
E
$v
Q'
t "sh: <<- strips tabs" 0 "x" '' $P -c "$(printf 'cat <<-E\n\tx\n\tE')"
t "sh: 2>&1 >f, in order" 0 "err" '' $P -c '{ echo err >&2; } 2>&1 >/dev/null'
t "sh: set -e and its exceptions" 1 "ok" '' $P -c 'set -e; false || true; if false; then :; fi; ! true; echo ok; false; echo never'
t "sh: trap on EXIT, also after an error" 2 "" "sh: 1: nope: not found
sh: 1: Bad substitution
bye" $P -c 'trap "echo bye >&2" EXIT; nope; echo ${x!}'
t "sh: trap lists as dash" 0 "trap -- 'echo '\"'\"'hi'\"'\" INT" '' $P -c "trap \"echo 'hi'\" INT; trap"
t "sh: command not found, dash's message" 127 "" "sh: 1: nope-cmd: not found" $P -c 'nope-cmd'
t "sh: a syntax error on line 3 lets lines 1 and 2 run" 2 "1
2" "sh: 3: Syntax error: \"fi\" unexpected" $P -c 'echo 1
echo 2
fi'
t "sh: read with IFS" 0 "[a] [b c]" '' sh -c "printf 'a b c\n' | $P -c 'read x y; echo [\$x] [\$y]'"
t "sh: getopts" 0 "a b:B c" '' $P -c 'while getopts ab: o; do printf "%s" "$o"; [ $o = b ] && printf ":%s" "$OPTARG"; printf " "; done; shift $((OPTIND-1)); echo $1' -- -a -bB c
t "sh: aliases" 0 "hi" '' $P -c 'alias say=echo
say hi'
t "sh: command -v, type" 0 "cd
cd is a shell builtin" '' $P -c 'command -v cd; type cd'
t "sh: readonly ends a script" 2 "" "sh: 1: r: is read only" $P -c 'readonly r=1; r=2; echo never'
t "sh: -s with arguments" 0 "a b" '' sh -c "echo 'echo \$1 \$2' | $P -s a b"
printf '#!%s\necho "shebang $0 $1"\n' "$LINKS/sh" > sb.sh && chmod +x sb.sh
t "sh: a #! line naming the link" 0 "shebang ./sb.sh x" '' ./sb.sh x
t "sh: set -x with PS4" 0 "" "> echo a" $P -c 'PS4="> "; set -x; echo a >/dev/null'
t "sh: exec with redirections only keeps them" 0 "kept" '' $P -c 'exec 3>k.out; echo kept >&3; exec 3>&-; cat k.out'
t "sh: a pipeline of applets ends when its reader does" 0 "/usr" '' timeout 10 $P -c 'walk /usr 2>/dev/null | head -1'
t "sh: pipeline children hold only their own ends" 0 "same" '' \
	$P -c 'listdir /proc/self/fd > fds.file; listdir /proc/self/fd | cat > fds.pipe; cmp -s fds.file fds.pipe && echo same'

# the README's example: applets from a pipe
mkdir -p lsd/a lsd/b
t "printf 'listdir DIR\\n' | osbox shell" 0 "a
b" '' sh -c "printf 'listdir lsd\n' | osbox shell"
t "a signal ignored when the shell starts stays ignored for its commands" 0 "alive" '' \
	sh -c "trap '' INT; $S -c 'sh -c \"kill -INT \\\$\\\$; echo alive\"'"
