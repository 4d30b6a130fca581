# fork-demo: the os.fork, os.kill and exec examples, line for line, in the
# same order on every run; the child always reaped by fork-demo itself.

# childpid FILE: the child's PID as the parent printed it. norm FILE: the
# output with that PID replaced by PID (so every mention must be the same;
# no PID at all never matches).
childpid() { grep -o -E '(Child process( id:)?|Signaling) [0-9]+' "$1" | grep -o '[0-9]*$' | head -1; }
norm() {
	local pid
	pid=$(childpid "$1")
	if [ -z "$pid" ]; then
		echo "(no child PID in the output)"
		return
	fi
	sed "s/\\b$pid\\b/PID/g" "$1"
}

# $SUBREAPER COMMAND...: runs COMMAND as a child subreaper (tests/subreaper.c),
# which reaps every process COMMAND leaves behind, a zombie it did not wait
# for included, and names each on stderr. So fork-demo run under it with
# nothing on stderr has waited for its child itself (init would reap a
# zombie anyway, and a PID gone from the system proves nothing).
SUBREAPER=${OSBOX_SUBREAPER:-}
if [ -z "$SUBREAPER" ]; then
	SUBREAPER=$T/subreaper
	cc -o "$SUBREAPER" "$SRC/tests/subreaper.c" || SUBREAPER=/nonexistent/subreaper
fi
t "the subreaper names an orphan" 0 '' '*' "$SUBREAPER" sh -c 'sh -c "exit 3" & exit 0'
ok "the subreaper names an orphan: the line" \
	grep -qxE 'osbox-subreaper: orphan [0-9]+: exit status 3' "$W/err"
t "the subreaper names a zombie left behind" 5 '' '*' "$SUBREAPER" \
	python3 -c 'import os, sys, time; os.fork() or os._exit(4); time.sleep(0.2); sys.exit(5)'
ok "the subreaper names a zombie: the line" grep -qxE 'osbox-subreaper: orphan [0-9]+: exit status 4' "$W/err"

FORK="Child process id: PID
I am the child"
KILL="Forking...
PARENT: Pausing before sending signal...
CHILD: Setting up signal handler
CHILD: Pausing to wait for signal
PARENT: Signaling PID
Received USR1 in process PID"

t "the os.fork example (its child reaped by fork-demo: no orphan)" 0 '*' '' "$SUBREAPER" osbox fork-demo
ok "the os.fork example: the lines" test "$(norm "$W/out")" = "$FORK"
ok "the os.fork example: the child's PID" is_pid "$(childpid "$W/out")"
t "the os.kill example (its child reaped by fork-demo: no orphan)" 0 '*' '' \
	"$SUBREAPER" osbox fork-demo --kill
ok "the os.kill example: the lines" test "$(norm "$W/out")" = "$KILL"
ok "the os.kill example: the child's PID" is_pid "$(childpid "$W/out")"
t "--exec (its child reaped by fork-demo: no orphan)" 0 '*' '' "$SUBREAPER" osbox fork-demo --exec true
ok "--exec: the child's PID" is_pid "$(childpid "$W/out")"
t "through a link" 0 '*' '' "$LINKS/fork-demo" --kill
ok "through a link: the lines" test "$(norm "$W/out")" = "$KILL"

# The order is the same on every run, to a file or a pipe, however the
# scheduler runs the two processes.
i=0 bad=0
while [ $i -lt 25 ]; do
	osbox fork-demo >"$W/o1"
	[ "$(norm "$W/o1")" = "$FORK" ] || bad=$((bad + 1))
	osbox fork-demo --kill | cat >"$W/o1"
	[ "$(norm "$W/o1")" = "$KILL" ] || bad=$((bad + 1))
	i=$((i + 1))
done
ok "the same order on every run" test "$bad" -eq 0

# A USR1 that the caller blocks or ignores changes nothing: the child sets
# its own handler, and waits with USR1 unblocked.
t "USR1 ignored by the caller" 0 '*' '' python3 -c '
import os, signal; signal.signal(signal.SIGUSR1, signal.SIG_IGN)
os.execvp("osbox", ["osbox", "fork-demo", "--kill"])'
ok "USR1 ignored by the caller: the lines" test "$(norm "$W/out")" = "$KILL"
t "USR1 blocked by the caller" 0 '*' '' python3 -c '
import os, signal; signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
os.execvp("osbox", ["osbox", "fork-demo", "--kill"])'
ok "USR1 blocked by the caller: the lines" test "$(norm "$W/out")" = "$KILL"
t "SIGCHLD ignored by the caller" 0 '*' '' python3 -c '
import os, signal; signal.signal(signal.SIGCHLD, signal.SIG_IGN)
os.execvp("osbox", ["osbox", "fork-demo"])'
ok "SIGCHLD ignored by the caller: the lines" test "$(norm "$W/out")" = "$FORK"

# --exec: the command's output, then how it ended; the demo's status is the
# command's, as a shell would give it.
mkdir -p "$T/real"
ln -s "$T/real" "$T/link"
t "--exec: the exec example (pwd -P)" 0 '*' '' sh -c 'cd "$T/link" && osbox fork-demo --exec pwd -P'
ok "--exec: the command's output, then the ending" test "$(norm "$W/out")" = "$T/real
Child process PID: exit status 0"
t "--exec: an exit status" 3 '*' '*' osbox fork-demo --exec sh -c 'echo out; echo err >&2; exit 3'
ok "--exec: an exit status: the lines" test "$(norm "$W/out")" = "out
Child process PID: exit status 3"
ok "--exec: the child's stderr" test "$(cat "$W/err")" = err
t "--exec: killed by a signal" 137 '*' '' osbox fork-demo --exec sh -c 'kill -KILL $$'
ok "--exec: killed by a signal: the line" test "$(norm "$W/out")" = "Child process PID: killed by signal KILL"
# The command sends SIGINT to the parent, then to itself.
t "--exec: killed by SIGINT, which the parent ignores" 130 '*' '' \
	osbox fork-demo --exec sh -c 'kill -INT $PPID; kill -INT $$; echo survived'
ok "--exec: killed by SIGINT: the line" test "$(norm "$W/out")" = "Child process PID: killed by signal INT"
t "--exec: a missing command" 127 '*' 'fork-demo: no-such-command: No such file or directory' \
	osbox fork-demo --exec no-such-command
ok "--exec: a missing command: the line" test "$(norm "$W/out")" = "Child process PID: exit status 127"
printf 'echo hi\n' >"$T/noexec"
chmod 644 "$T/noexec"
t "--exec: not executable" 126 '*' "fork-demo: $T/noexec: Permission denied" \
	osbox fork-demo --exec "$T/noexec"
ok "--exec: not executable: the line" test "$(norm "$W/out")" = "Child process PID: exit status 126"
t "--exec: a directory" 126 '*' "fork-demo: $T/real: Permission denied" osbox fork-demo --exec "$T/real"
t "--exec: options after COMMAND are the command's" 0 '*' '' osbox fork-demo --exec ls -d /
ok "--exec: options after COMMAND: the lines" test "$(norm "$W/out")" = "/
Child process PID: exit status 0"
t "--exec: the command's stdin" 0 '*' '' sh -c 'echo piped | osbox fork-demo --exec cat'
ok "--exec: the command's stdin: the lines" test "$(norm "$W/out")" = "piped
Child process PID: exit status 0"
t "--exec: output buffered before the fork is written once" 0 '*' '' \
	bash -c 'set -o pipefail; osbox fork-demo --exec true | cat'
ok "--exec: written once" test "$(wc -l <"$W/out")" -eq 1

# Failures: a fork refused (one process allowed for an otherwise unused
# user), a closed pipe, a full device. Nothing is left behind.
U=54322
if vg_skip "fork fails" "valgrind itself dies of SIGSEGV when the fork it runs for osbox is refused"; then
	:
elif ! getent passwd $U >/dev/null && [ "$(id -u)" = 0 ]; then
	t "fork fails" 1 '' 'fork-demo: fork: Resource temporarily unavailable' \
		env ASAN_OPTIONS=detect_leaks=0 setpriv --reuid=$U --regid=$U --clear-groups \
		prlimit --nproc=1 "$OSBOX" fork-demo
	t "--kill: fork fails" 1 'Forking...' 'fork-demo: fork: Resource temporarily unavailable' \
		env ASAN_OPTIONS=detect_leaks=0 setpriv --reuid=$U --regid=$U --clear-groups \
		prlimit --nproc=1 "$OSBOX" fork-demo --kill
	t "--exec: fork fails" 1 '' 'fork-demo: fork: Resource temporarily unavailable' \
		env ASAN_OPTIONS=detect_leaks=0 setpriv --reuid=$U --regid=$U --clear-groups \
		prlimit --nproc=1 "$OSBOX" fork-demo --exec true
	ok "fork fails: nothing left" check '[ "$(pgrep -c -u '"$U"')" = 0 ]'
else
	skip "fork fails" "needs root and a free uid"
fi
# (Whether fork-demo wrote all before head went is a race: all written, 0;
# else killed by SIGPIPE, 141. Never a message or another status.)
t "closed pipe" 0 'Forking...' '' bash -c 'osbox fork-demo --kill | head -1; echo ${PIPESTATUS[0]} >"$0"' "$W/st"
ok "closed pipe: fork-demo's status" grep -qxE '0|141' "$W/st"
# A pipe whose reader is gone before anything is written: killed by SIGPIPE
# quietly (python's subprocess gives the child SIGPIPE's default action).
cat >"$T/closed.py" <<'PY'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
sys.stdout.write(str(p.returncode) + p.stderr.decode())
PY
t "closed pipe: SIGPIPE" 0 -13 '' python3 "$T/closed.py" osbox fork-demo
t "--kill: closed pipe: SIGPIPE" 0 -13 '' python3 "$T/closed.py" osbox fork-demo --kill
t "full device" 1 '' 'fork-demo: write error: No space left on device' sh -c 'osbox fork-demo >/dev/full'
t "--kill: full device" 1 '' 'fork-demo: write error: No space left on device' \
	sh -c 'osbox fork-demo --kill >/dev/full'
t "--exec: full device" 1 '' 'fork-demo: write error: No space left on device' \
	sh -c 'osbox fork-demo --exec true >/dev/full'

# The parent killed outright (SIGKILL, nothing to clean up): the child does
# not run on as an orphan, it is killed too (PR_SET_PDEATHSIG). The child
# says its PID through a fifo, so the kill comes once it runs.
mkfifo "$T/child"
osbox fork-demo --exec sh -c 'echo $$ >"$0"; exec sleep 100' "$T/child" >/dev/null 2>&1 &
parent=$!
read -r child <"$T/child"
kill -KILL "$parent"
wait "$parent" 2>/dev/null
ok "the parent killed: the child said its PID" is_pid "$child"
# waitpid: 0 when it saw the child end, 1 when it was gone already; 124
# when it still ran 20 seconds on.
run osbox waitpid -t 20 "$child"
ok "the parent killed: the child does not outlive it" \
	check '[ "$status" = 0 ] || { [ "$status" = 1 ] && grep -qx "waitpid: $child: No such process" "$W/err"; }'

t "an operand without --exec" 2 '' "fork-demo: extra operand ‘ls’
Try 'fork-demo --help' for more information." osbox fork-demo ls
t "--exec without a command" 2 '' "fork-demo: missing operand
Try 'fork-demo --help' for more information." osbox fork-demo --exec
t "--kill and --exec" 2 '' "fork-demo: cannot specify --kill with --exec
Try 'fork-demo --help' for more information." osbox fork-demo --kill --exec true
t "unknown option" 2 '' "fork-demo: unrecognized option '--bogus'
Try 'fork-demo --help' for more information." osbox fork-demo --bogus
t "--help" 0 '*' '' osbox fork-demo --help
ok "--help shows the usage line" grep -q '^Usage: fork-demo \[--kill\]' "$W/out"

# Usage errors from the option table.
t "--exec and --kill" 2 '' "fork-demo: cannot specify --kill with --exec
Try 'fork-demo --help' for more information." osbox fork-demo --exec --kill true
t "--kill with an operand" 2 '' "fork-demo: extra operand ‘x’
Try 'fork-demo --help' for more information." osbox fork-demo --kill x

# --exec: a file without #! runs with /bin/sh, as execvp runs it (argv
# /bin/sh, the path found, the rest); one that is no script at all gets
# what /bin/sh makes of it. GNU env (execvp) is the peer.
printf 'echo "0=$0 args=$*"\n' >"$T/plain"
printf '\000\001\002\377\376(\n' >"$T/binary"
chmod +x "$T/plain" "$T/binary"
peer() {
	run /usr/bin/env "$@"
	peer_status=$status peer_out=$(cat "$W/out") peer_err=$(cat "$W/err")
}
t "--exec: no #!" 0 '*' '' osbox fork-demo --exec "$T/plain" a ' b'
ok "--exec: no #!: \$0 is the path, the arguments follow" test "$(norm "$W/out")" = "0=$T/plain args=a  b
Child process PID: exit status 0"
t "--exec: no #!, found in PATH" 0 '*' '' env PATH="$T:$PATH" "$OSBOX" fork-demo --exec plain 1
ok "--exec: no #!, found in PATH: \$0 is the path found" test "$(norm "$W/out")" = "0=$T/plain args=1
Child process PID: exit status 0"
peer "$T/binary" a
t "--exec: not a script: as GNU env" "$peer_status" '*' "$peer_err" osbox fork-demo --exec "$T/binary" a
ok "--exec: not a script: the ending" test "$(norm "$W/out")" = "${peer_out:+$peer_out
}Child process PID: exit status $peer_status"

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	t "issue 12: fork-demo --exec quotes $q" 127 "*" "fork-demo: $q: No such file or directory" \
		osbox fork-demo --exec "$n"
done
