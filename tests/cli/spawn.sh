# spawn: one command (P_WAIT, P_NOWAIT, os.system, wait4) and the job
# runner (-j). Ordering is forced with FIFOs, never with sleep.
printf '#!/bin/sh\necho script "$@"\n' >"$T/script"
chmod +x "$T/script"
printf 'echo no shebang\n' >"$T/noshebang"
chmod +x "$T/noshebang"
printf 'echo hi\n' >"$T/noexec"
mkfifo "$T/fifo"

# One command.
t "success" 0 '' '' osbox spawn true
t "output passes through" 0 'hi there' '' osbox spawn echo hi there
t "through a link" 0 'x' '' "$LINKS/spawn" printf x
t "exit status" 3 '' '' osbox spawn sh -c 'exit 3'
t "-v exit status" 3 '' 'spawn: sh: exit status 3 (wait status 768)' osbox spawn -v sh -c 'exit 3'
t "-v success" 0 '' 'spawn: true: exit status 0 (wait status 0)' osbox spawn -v true
t "killed by a signal: 128+N" 143 '' '' osbox spawn sh -c 'kill -TERM $$'
t "-v killed" 143 '' 'spawn: sh: killed by signal TERM (wait status 15)' \
	osbox spawn -v sh -c 'kill -TERM $$'
t "-v killed by KILL" 137 '' 'spawn: sh: killed by signal KILL (wait status 9)' \
	osbox spawn -v sh -c 'kill -KILL $$'
# valgrind runs posix_spawn's child as a plain fork, which cannot hand
# back why the exec failed: the child only exits 127
vgspawn="valgrind does not pass posix_spawn's exec errors back"
if ! vg_skip "commands that cannot run" "$vgspawn"; then
	t "missing command" 127 '' 'spawn: nope: No such file or directory' osbox spawn nope
	t "missing path" 127 '' 'spawn: ./nope: No such file or directory' osbox spawn ./nope
	t "not executable" 126 '' "spawn: $T/noexec: Permission denied" osbox spawn "$T/noexec"
	t "a directory" 126 '' 'spawn: /: Permission denied' osbox spawn /
	t "no #! line: run by /bin/sh, as execvp runs it" 0 'no shebang' '' osbox spawn "$T/noshebang"
fi
t "a script" 0 'script a b' '' osbox spawn "$T/script" a b
t "found in PATH" 0 'script 1' '' env PATH="$T:$PATH" osbox spawn script 1
t "options stop at the command" 0 '-v' '' osbox spawn echo -v
t "-- ends options" 0 'x' '' osbox spawn -- echo x
# (yes's own status, not head's: killed by SIGPIPE, not EPIPE's message
# and status 1 as with SIGPIPE ignored.)
t "the command gets the default SIGPIPE" 0 '' '' \
	sh -c "trap '' PIPE; osbox spawn bash -c 'yes | head -1 >/dev/null; [ \"\${PIPESTATUS[0]}\" = 141 ]'"

# -c: os.system.
t "-c" 0 'a b' '' osbox spawn -c 'echo a b'
t "-c status" 5 '' '' osbox spawn -c 'exit 5'
t "-c with \$0 and \$1" 0 'name arg' '' osbox spawn -c 'echo $0 $1' name arg
t "-c -v killed" 137 '' 'spawn: sh: killed by signal KILL (wait status 9)' osbox spawn -v -c 'kill -KILL $$'
t "-c: spawn ignores SIGINT while it waits, as system(3)" 0 'alive' '' \
	osbox spawn -c 'kill -INT $PPID; echo alive'
t "-c: the command still gets SIGINT" 130 '' '' osbox spawn -c 'kill -INT $$'
t "-c without a string" 125 '' "spawn: -c needs a command string
Try 'spawn --help' for more information." osbox spawn -c

# --nowait: P_NOWAIT.
run timeout 10 osbox spawn --nowait sleep 60
ok "--nowait returns at once" [ "$status" = 0 ]
ok "--nowait prints the PID" grep -qx '[0-9][0-9]*' "$W/out"
pid=$(cat "$W/out")
ok "--nowait: the PID is the command's" check 'is_pid "$pid" && grep -q sleep "/proc/$pid/cmdline"'
kill "$pid" 2>/dev/null
vg_skip "--nowait missing command" "$vgspawn" ||
	t "--nowait missing command" 127 '' 'spawn: nope: No such file or directory' osbox spawn --nowait nope

# --json and --rusage: os.wait4.
run osbox spawn --json sh -c 'exit 2'
ok "--json status" [ "$status" = 2 ]
ok "--json record" grep -qx '{"pid":[0-9]*,"command":"sh","status":512,"exit_status":2,"signal":null,"core_dumped":false,"how":"exit status 2"}' "$W/out"
run osbox spawn --json sh -c 'kill -USR1 $$'
ok "--json signal" grep -q '"status":10,"exit_status":null,"signal":"USR1","core_dumped":false,"how":"killed by signal USR1"}$' "$W/out"
run osbox spawn --rusage sh -c 'exit 0'
ok "--rusage on stderr" grep -qx 'spawn: sh: user [0-9.]* s, system [0-9.]* s, max RSS [0-9]* KiB, page faults [0-9]* major [0-9]* minor, context switches [0-9]* voluntary [0-9]* involuntary' "$W/err"
cat >"$T/ru.py" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).read())
ru = r["rusage"]
assert set(ru) == {"utime", "utime_ns", "stime", "stime_ns", "maxrss", "minflt", "majflt", "nvcsw", "nivcsw"}, ru
assert ru["maxrss"] > 1000 and ru["utime"] + ru["stime"] > 0.01, ru
for k in ("utime", "stime"):
    assert ru[k + "_ns"] == round(ru[k] * 1e6) * 1000, ru
assert r["status"] == 0 and r["command"] == "sh", r
PY
run osbox spawn --rusage --json sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done'
ok "--rusage --json" python3 "$T/ru.py" "$W/out"

t "no command" 125 '' "spawn: missing command
Try 'spawn --help' for more information." osbox spawn
t "unknown option" 125 '' "spawn: invalid option -- 'z'
Try 'spawn --help' for more information." osbox spawn -z true
t "--tag without -j" 125 '' "spawn: --tag needs -j
Try 'spawn --help' for more information." osbox spawn --tag true
t "--json with --tag" 125 '' "spawn: cannot specify --json with --tag
Try 'spawn --help' for more information." osbox spawn -j 2 --json --tag
t "bad -j" 125 '' "spawn: invalid number of jobs: 'x'
Try 'spawn --help' for more information." osbox spawn -j x
t "write error" 125 '' 'spawn: write error: No space left on device' sh -c 'osbox spawn --json true >/dev/full'

# The job runner.
jobs() { printf '%s\n' "$@" >"$T/jobs"; }
jobs 'echo a' 'echo b' 'echo c'
t "-j 1 runs in order" 0 'a
b
c' '' osbox spawn -j 1 -f "$T/jobs"
t "commands from stdin" 0 'a
b' '' sh -c "printf 'echo a\necho b\n' | osbox spawn -j 1"
t "blank lines are skipped" 0 'a
b' '' sh -c "printf '\n  \necho a\n\t\necho b' | osbox spawn -j 2 -k"
jobs 'true' 'false' 'true'
t "a failure gives 1" 1 '' '' osbox spawn -j 2 -f "$T/jobs"
jobs 'true' 'true'
t "all succeed gives 0" 0 '' '' osbox spawn -j 2 -f "$T/jobs"
jobs 'nope'
t "missing command" 1 '' 'sh: 1: nope: not found' osbox spawn -j 2 -f "$T/jobs"
jobs 'kill -TERM $$'
t "a killed job" 1 '' "spawn: 'kill -TERM \$\$': killed by signal TERM (wait status 15)" \
	osbox spawn -j 1 -v -f "$T/jobs"
jobs 'sh -c "exit 3"' 'true'
t "-v per job" 1 '' "spawn: 'sh -c \"exit 3\"': exit status 3 (wait status 768)
spawn: true: exit status 0 (wait status 0)" osbox spawn -j 1 -v -f "$T/jobs"
jobs 'echo out; echo err >&2'
t "stdout and stderr apart" 0 'out' 'err' osbox spawn -j 2 -f "$T/jobs"
t "-f missing" 125 '' 'spawn: nope: No such file or directory' osbox spawn -j 2 -f nope
t "extra operand" 125 '' "spawn: extra operand ‘echo’
Try 'spawn --help' for more information." osbox spawn -j 2 -f /dev/null echo
t "jobs read /dev/null when the commands come from stdin" 0 'after' '' \
	sh -c "printf 'cat\necho after\n' | osbox spawn -j 1"
t "with -f, jobs read our stdin" 0 'input' '' sh -c "echo cat >'$T/jobs'; echo input | osbox spawn -j 1 -f '$T/jobs'"

# Lines without shell syntax run directly, with the same result.
jobs 'echo -e x' 'A=1 printenv A' "printf '%s\\n' q" 'echo $HOME' 'ls /nonexistent-dir' "$T/noshebang"
vg_skip "the shell where it matters (ENOEXEC)" "$vgspawn" ||
	t "the shell where it matters" 1 "-e x
1
q
$HOME
no shebang" "ls: cannot access '/nonexistent-dir': No such file or directory" osbox spawn -j 1 -f "$T/jobs"
jobs 'printenv ONLY' "$T/script a  b"
t "direct runs" 0 'here
script a b' '' env ONLY=here osbox spawn -j 1 -f "$T/jobs"

# Order: job 1 cannot end before job 2 has ended and its output has been
# written (the reader lets it go on only then).
jobs "read x <'$T/fifo'; echo one" "echo two"
t "output in the order jobs end" 0 'two
one' '' timeout 20 bash -c "set -o pipefail; osbox spawn -j 2 -f '$T/jobs' | { read l; echo \"\$l\"; echo go >'$T/fifo'; cat; }"
# job 1 waits for job 2 to have run
jobs "read x <'$T/fifo'; echo one" "echo two; echo go >'$T/fifo'"
t "--keep-order: input order" 0 'one
two' '' osbox spawn -j 2 --keep-order -f "$T/jobs"
t "-k --tag" 0 "read x <'$T/fifo'; echo one	one
echo two; echo go >'$T/fifo'	two" '' osbox spawn -j 2 -k --tag -f "$T/jobs"
seq 1 50 | sed 's/.*/echo &/' >"$T/many"
t "--keep-order with many jobs" 0 "$(seq 1 50)" '' osbox spawn -j 2 -k -f "$T/many"

# Whole output per job: two jobs writing many lines at the same time.
jobs 'seq 1 30000 | sed s/^/a/' 'seq 1 30000 | sed s/^/b/' 'seq 1 30000 | sed s/^/c/ >&2'
run osbox spawn -j 3 -f "$T/jobs"
ok "jobs never interleave" [ "$(cut -c1 "$W/out" | uniq | wc -l)" = 2 ]
ok "nothing lost" check '[ "$(wc -l <"$W/out")" = 60000 ] && [ "$(wc -l <"$W/err")" = 30000 ]'
ok "each job whole" [ "$(grep -c '^a' "$W/out")" = 30000 ]

# Output past 8 MiB is held in a temporary file: all of it comes out, in
# order, whole, tagged line by line across the file's read boundaries.
jobs 'seq 1 2000000' 'seq 1 1500000 >&2' 'echo small'
ls -A "$T" >"$W/ls.before"
run env TMPDIR="$T" osbox spawn -j 3 -f "$T/jobs"
ls -A "$T" >"$W/ls.after"
seq 1 2000000 >"$T/big.want"
seq 1 1500000 >"$T/big2.want"
ok "big output: stdout whole" sh -c "grep -vx small '$W/out' | cmp -s - '$T/big.want'"
same "big output: stderr whole" "$W/err" "$T/big2.want"
same "big output: no temporary file left in TMPDIR" "$W/ls.before" "$W/ls.after"
jobs 'seq 1 1200000'
run osbox spawn -j 1 --tag -f "$T/jobs"
ok "big output tagged" check '[ "$(grep -cvx "seq 1 1200000	[0-9]*" "$W/out")" = 0 ] && [ "$(wc -l <"$W/out")" = 1200000 ]'
jobs "seq 1 1500000; read x <'$T/fifo'; echo end" "echo go >'$T/fifo'; echo second"
run osbox spawn -j 2 -k --line-buffer -f "$T/jobs"
ok "big output, --keep-order --line-buffer" sh -c "seq 1 1500000 | { cat; echo end; echo second; } | cmp -s - '$W/out'"
# job 2 holds more than 8 MiB while job 1 runs, then goes on live
mkfifo "$T/fifo2"
jobs "read x <'$T/fifo'; echo one; echo go >'$T/fifo2'" "seq 1 1500000; echo go >'$T/fifo'; read y <'$T/fifo2'; echo tail"
run env TMPDIR="$T" osbox spawn -j 2 -k --line-buffer -f "$T/jobs"
ok "big held output, then live" sh -c "{ echo one; seq 1 1500000; echo tail; } | cmp -s - '$W/out'"

# --line-buffer: a line is written while its job still runs; here the job
# cannot go on until the reader has seen its first line.
jobs "echo first; read x <'$T/fifo'; echo second"
t "--line-buffer passes lines as they come" 0 'first
second' '' timeout 20 bash -c "set -o pipefail; osbox spawn -j 1 --line-buffer -f '$T/jobs' | { read l; echo \"\$l\"; echo go >'$T/fifo'; cat; }"
jobs "printf 'a\\nb'" "printf 'c\\n'"
t "--line-buffer --tag, a last line without newline" 0 "printf 'a\\nb'	a
printf 'a\\nb'	bprintf 'c\\n'	c" '' osbox spawn -j 1 --line-buffer --tag -f "$T/jobs"
jobs 'seq 1 20000 | sed s/^/aaaaaaaaaaaaaaaaaaaaaaaaa/' 'seq 1 20000 | sed s/^/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/'
run osbox spawn -j 2 --line-buffer -f "$T/jobs"
ok "--line-buffer keeps lines whole" [ "$(grep -cvxE 'a{25}[0-9]+|b{30}[0-9]+' "$W/out")" = 0 ]
ok "--line-buffer loses nothing" [ "$(wc -l <"$W/out")" = 40000 ]
jobs "echo x; read x <'$T/fifo'; echo one" "echo two; echo go >'$T/fifo'"
t "--line-buffer --keep-order" 0 'x
one
two' '' osbox spawn -j 2 --line-buffer -k -f "$T/jobs"

# --halt soon,fail=1: no new job after the first failure; running ones
# finish (tests/cli/spawn_ctl.sh has the rest of the policies).
jobs 'false' 'echo never'
t "--halt" 1 '' 'spawn: halting after false (exit status 1)' osbox spawn -j 1 --halt soon,fail=1 -f "$T/jobs"
jobs "read x <'$T/fifo'; echo running" "echo failed; exit 1" 'echo never'
t "--halt lets running jobs end" 1 'failed
running' "spawn: halting after 'echo failed; exit 1' (exit status 1): waiting for 1 running" \
	timeout 20 bash -c "set -o pipefail; osbox spawn -j 2 --halt 1 -f '$T/jobs' | { read l; echo \"\$l\"; echo go >'$T/fifo'; cat; }"
jobs 'false' 'echo still'
t "without --halt the rest runs" 1 'still' '' osbox spawn -j 1 -f "$T/jobs"

# A slow producer of commands does not hold up the output of running jobs:
# the second command comes only after the first job's output was read.
t "output while waiting for input" 0 'a
b' '' timeout 20 bash -c "set -o pipefail; { echo 'echo a'; read x <'$T/fifo'; echo 'echo b'; } | osbox spawn -j 2 | { read l; echo \"\$l\"; echo go >'$T/fifo'; cat; }"
t "-f a directory" 125 '' "spawn: $T: Is a directory" osbox spawn -j 2 -f "$T"
t "-f -: standard input" 0 'x' '' sh -c "echo 'echo x' | osbox spawn -f -"
t "-j 0: as many as can run" 0 'x' '' sh -c "echo 'echo x' | osbox spawn -j 0"

# Out of file descriptors: fewer jobs at once, none lost.
seq 1 20 | sed 's/^/echo /' >"$T/jobs"
if ! vg_skip "few file descriptors" "valgrind needs more descriptors than that for itself"; then
	run sh -c "ulimit -n 16; exec osbox spawn -j 8 -k -f '$T/jobs'"
	ok "few file descriptors: every job runs" check '[ "$status" = 0 ] && [ "$(cat "$W/out")" = "$(seq 1 20)" ]'
	ok "few file descriptors: said" grep -qx 'spawn: only enough file descriptors to run [0-9]* jobs\? at once' "$W/err"
fi

# Output errors.
jobs 'echo x'
t "runner: write error" 125 '' 'spawn: write error: No space left on device' \
	sh -c "osbox spawn -j 1 -f '$T/jobs' >/dev/full"
# (Whether spawn wrote all before head went is a race: all written, 0;
# else killed by SIGPIPE, 141. Never a message or another status.)
t "runner: closed pipe" 0 'x' '' \
	bash -c "yes 'echo x' | head -2000 | osbox spawn -j 2 | head -1; echo \${PIPESTATUS[2]} >'$W/st'"
ok "runner: closed pipe: spawn's status" grep -qxE '0|141' "$W/st"
t "--help" 0 '*' '' osbox spawn --help
ok "--help shows the usage" grep -q '^Usage: spawn \[-v\]' "$W/out"

# The job runner's usage errors, message and status.
t "-j with --json and --line-buffer: the message" 125 '' "spawn: cannot specify --json with --line-buffer
Try 'spawn --help' for more information." osbox spawn -j 2 --line-buffer --json
t "-j with -c and no COMMAND" 125 '' "spawn: with -j, -c needs a COMMAND: the lines read are shell commands already
Try 'spawn --help' for more information." osbox spawn -c -j 2
t "-f with --rusage" 125 '' "spawn: cannot specify --file (-f) with --rusage
Try 'spawn --help' for more information." osbox spawn -f /dev/null --rusage
t "-f with --nowait" 125 '' "spawn: cannot specify --file (-f) with --nowait
Try 'spawn --help' for more information." osbox spawn --nowait -f /dev/null
t "-j with an operand: argument mode (no items on /dev/null)" 0 '' '' osbox spawn -j 2 echo hi
# --nowait returns before the command ends: nothing to say how it ended.
t "--nowait with -v" 125 '' "spawn: cannot specify --nowait with --verbose (-v)
Try 'spawn --help' for more information." osbox spawn -v --nowait true
t "--nowait with --rusage" 125 '' "spawn: cannot specify --nowait with --rusage
Try 'spawn --help' for more information." osbox spawn --nowait --rusage true
t "--nowait with --json" 125 '' "spawn: cannot specify --nowait with --json
Try 'spawn --help' for more information." osbox spawn --json --nowait true

# A file without #! runs with /bin/sh, as execvp(3) and os.spawnvp run it:
# argv /bin/sh, the path found, the rest; one that is no script at all gets
# what /bin/sh makes of it. GNU env (execvp) is the peer, byte for byte.
printf 'echo "0=$0 args=$*"\n' >"$T/plain"
printf '\000\001\002\377\376(\n' >"$T/binary"
mkdir -p "$T/p1" "$T/p2"
printf 'echo "0=$0 args=$*"\n' >"$T/p2/plainx"
printf 'echo not me\n' >"$T/p1/plainx" # not executable: EACCES, skipped
chmod +x "$T/plain" "$T/binary" "$T/p2/plainx"
# peer ARG...: what GNU env does running ARG..., in $peer_status,
# $peer_out and $peer_err
peer() {
	run /usr/bin/env "$@"
	peer_status=$status peer_out=$(cat "$W/out") peer_err=$(cat "$W/err")
}
SPATH="$T/p1:$T/p2:$PATH"
if ! vg_skip "scripts without #!" "$vgspawn"; then
	t "no #!: \$0 is the path, the arguments follow" 0 "0=$T/plain args=a  b" '' \
		osbox spawn "$T/plain" a ' b'
	peer "$T/plain" a ' b'
	t "no #!: as GNU env" "$peer_status" "$peer_out" "$peer_err" osbox spawn "$T/plain" a ' b'
	t "no #!, found in PATH: \$0 is the path found" 0 "0=$T/p2/plainx args=1" '' \
		env PATH="$SPATH" "$OSBOX" spawn plainx 1
	peer PATH="$SPATH" plainx 1
	t "no #!, found in PATH: as GNU env" "$peer_status" "$peer_out" "$peer_err" \
		env PATH="$SPATH" "$OSBOX" spawn plainx 1
	t "no #!, an empty PATH entry is the current directory" 0 "0=plain args=x" '' \
		sh -c "cd '$T' && PATH=/nonexistent:: exec '$OSBOX' spawn plain x"
	peer "$T/binary" a
	ok "not a script: /bin/sh fails with its own message" test "$peer_status" != 0
	t "not a script: as GNU env" "$peer_status" "$peer_out" "$peer_err" osbox spawn "$T/binary" a
	t "no #!: --nowait" 0 '*' '' osbox spawn --nowait "$T/plain"
	printf '%s\n' "$T/plain j1" 'plainx j2' "$T/binary" >"$T/jobs"
	peer "$T/binary"
	t "-j: no #!, directly and found in PATH" 1 "0=$T/plain args=j1
0=$T/p2/plainx args=j2" "$peer_err" env PATH="$SPATH" "$OSBOX" spawn -j 1 -f "$T/jobs"
fi

# Killing spawn leaves nothing running: SIGTERM, SIGINT and SIGHUP go on
# to the command (as timeout(1) passes them on), and spawn exits as the
# command did; spawn -j passes them to its jobs (each job's process group),
# writes nothing they had not written, waits for them and exits 128+N.
# The sleepers say their PID through the FIFO once they run.
printf '#!/bin/sh\necho $$ >"$1"; exec sleep 50\n' >"$T/sleeper"
printf '#!/bin/sh\nsleep 50 & echo $! >"$1"; wait\n' >"$T/forker"
chmod +x "$T/sleeper" "$T/forker"
# gone PID: no such process runs (a zombie that init has yet to reap runs
# no more). A grandchild that got the signal may still be on its way out
# (its pipes closed, not yet a zombie): it has 5 s to get there.
gone() {
	local i=0
	while [ -e "/proc/$1" ] && ! grep -q '^[0-9]* (.*) [ZX]' "/proc/$1/stat" 2>/dev/null; do
		[ $((i += 1)) -gt 100 ] && return 1
		sleep 0.05
	done
}
# The FIFO held open both ways: the PIDs come in as lines, never an EOF.
exec 3<>"$T/fifo"
# killed SIGNAL STATUS WHAT N COMMAND...: COMMAND in the background, killed
# with SIGNAL once its N sleepers run, must exit STATUS, leave no sleeper
# running, and write nothing
killed() {
	local sig=$1 want=$2 what=$3 n=$4 pids= pid
	shift 4
	"$@" >"$W/out" 2>"$W/err" </dev/null &
	local sp=$!
	while [ "$n" -gt 0 ]; do
		read -r pid <&3
		pids="$pids $pid" n=$((n - 1))
	done
	kill -"$sig" "$sp"
	wait "$sp"
	local st=$?
	ok "$what, SIG$sig: exits $want" test "$st" = "$want"
	for pid in $pids; do
		ok "$what, SIG$sig: nothing left running" check "is_pid '$pid' && gone '$pid'"
	done
	ok "$what, SIG$sig: nothing half-written" test ! -s "$W/out" -a ! -s "$W/err"
}
for s in TERM:15 INT:2 HUP:1; do
	sig=${s%:*} n=${s#*:}
	killed "$sig" $((128 + n)) "spawn" 1 osbox spawn "$T/sleeper" "$T/fifo"
	printf '%s\n' "printf half; $T/sleeper $T/fifo" >"$T/jobs"
	killed "$sig" $((128 + n)) "spawn -j, through sh" 1 osbox spawn -j 2 -f "$T/jobs"
	printf '%s\n' "$T/sleeper $T/fifo" "$T/sleeper $T/fifo" "$T/sleeper $T/fifo" >"$T/jobs"
	killed "$sig" $((128 + n)) "spawn -j, direct" 2 osbox spawn -j 2 -f "$T/jobs"
	killed "$sig" $((128 + n)) "spawn -j -k --line-buffer" 2 \
		osbox spawn -j 2 -k --line-buffer -f "$T/jobs"
done
killed QUIT 131 "spawn -j" 2 osbox spawn -j 2 -f "$T/jobs"
# The jobs lead process groups of their own: a stop (SIGTSTP) of the
# runner stops them too, and they go on when it does (SIGCONT).
# state_is PID STATE: /proc says PID is in STATE within 5 s.
state_is() {
	local i=0
	until [ "$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null)" = "$2" ]; do
		[ $((i += 1)) -gt 100 ] && return 1
		sleep 0.05
	done
}
echo "$T/sleeper $T/fifo" >"$T/jobs"
osbox spawn -j 1 -f "$T/jobs" >"$W/out" 2>"$W/err" </dev/null &
sp=$!
read -r pid <&3
kill -TSTP "$sp"
ok "spawn -j, SIGTSTP: the runner stops" state_is "$sp" T
ok "spawn -j, SIGTSTP: its job stops too" state_is "$pid" T
kill -CONT "$sp"
ok "spawn -j, SIGCONT: the runner goes on" state_is "$sp" S
ok "spawn -j, SIGCONT: its job goes on too" state_is "$pid" S
kill "$sp"
wait "$sp"
ok "spawn -j, stopped and continued, then SIGTERM: exits 143" test "$?" = 143
ok "spawn -j, stopped and continued, then SIGTERM: nothing left running" gone "$pid"
# What a job's shell started goes too (its process group).
echo "$T/forker $T/fifo" >"$T/jobs"
killed TERM 143 "spawn -j, a job's own child" 1 osbox spawn -j 1 -f "$T/jobs"
killed TERM 143 "spawn -c" 1 osbox spawn -c 'exec "$0" "$1"' "$T/sleeper" "$T/fifo"
# Commands read from a FIFO that gives no more yet: the signal is not held
# up by the read.
mkfifo "$T/cmds"
osbox spawn -j 2 <"$T/cmds" >"$W/out" 2>"$W/err" &
sp=$!
exec 4>"$T/cmds"
echo "$T/sleeper $T/fifo" >&4
read -r pid <&3
kill "$sp"
wait "$sp"
ok "spawn -j waiting for commands, SIGTERM: exits 143" test "$?" = 143
ok "spawn -j waiting for commands, SIGTERM: nothing left running" gone "$pid"
exec 4>&-
# A command that handles the signal decides how spawn ends.
# Its PID is given once sleep runs: a TERM sent between the fork and the
# exec would be caught by the copy of the trap the child still holds, and
# lost (a race of the test, not of spawn).
cat >"$T/trapper" <<'SH'
#!/bin/sh
trap 'kill $!; echo caught; exit 3' TERM
sleep 50 &
while [ "$(cat /proc/$!/comm 2>/dev/null)" != sleep ]; do :; done
echo $! >"$1"
wait
SH
chmod +x "$T/trapper"
osbox spawn "$T/trapper" "$T/fifo" >"$W/out" 2>"$W/err" </dev/null &
sp=$!
read -r pid <"$T/fifo"
kill "$sp"
wait "$sp"
ok "a command that handles SIGTERM: spawn exits as it did" test "$?" = 3
ok "a command that handles SIGTERM: its output" test "$(cat "$W/out")" = caught
ok "a command that handles SIGTERM: nothing left running" gone "$pid"
exec 3<&-

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
if ! vg_skip "names quoted in spawn's exec errors" "valgrind does not pass posix_spawn's exec errors back"; then
	for i in 0 1 2 3; do
		eval "n=\"\$N$i\" q=\"\$Q$i\""
		t "issue 12: spawn quotes $q" 127 '' "spawn: $q: No such file or directory" \
			osbox spawn "$n"
		t "issue 12: spawn -j quotes $q" 125 '' "spawn: $q: No such file or directory" \
			osbox spawn -j 1 --file "$n"
	done
fi
mkdir -p o12 && ln -sf /bin/true "o12/nx a"
t "issue 12: spawn -v quotes the command" 0 '' "spawn: 'o12/nx a': exit status 0 (wait status 0)" \
	osbox spawn -v "o12/nx a"
