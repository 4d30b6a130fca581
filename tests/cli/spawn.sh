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
	t "no #! line" 126 '' "spawn: $T/noshebang: Exec format error" osbox spawn "$T/noshebang"
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
assert set(ru) == {"utime", "stime", "maxrss", "minflt", "majflt", "nvcsw", "nivcsw"}, ru
assert ru["maxrss"] > 1000 and ru["utime"] + ru["stime"] > 0.01, ru
assert r["status"] == 0 and r["command"] == "sh", r
PY
run osbox spawn --rusage --json sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done'
ok "--rusage --json" python3 "$T/ru.py" "$W/out"

t "no command" 125 '' "spawn: missing command
Try 'spawn --help' for more information." osbox spawn
t "unknown option" 125 '' "spawn: invalid option -- 'z'
Try 'spawn --help' for more information." osbox spawn -z true
t "--tag without -j" 125 '' "spawn: --line-buffer, --tag, --keep-order and --halt need -j
Try 'spawn --help' for more information." osbox spawn --tag true
t "--json with -j" 125 '' "spawn: cannot specify --jobs (-j) with --json
Try 'spawn --help' for more information." osbox spawn -j 2 --json
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
t "a killed job" 1 '' 'spawn: kill -TERM $$: killed by signal TERM (wait status 15)' \
	osbox spawn -j 1 -v -f "$T/jobs"
jobs 'sh -c "exit 3"' 'true'
t "-v per job" 1 '' 'spawn: sh -c "exit 3": exit status 3 (wait status 768)
spawn: true: exit status 0 (wait status 0)' osbox spawn -j 1 -v -f "$T/jobs"
jobs 'echo out; echo err >&2'
t "stdout and stderr apart" 0 'out' 'err' osbox spawn -j 2 -f "$T/jobs"
t "-f missing" 125 '' 'spawn: nope: No such file or directory' osbox spawn -j 2 -f nope
t "extra operand" 125 '' "spawn: extra operand ‘echo’
Try 'spawn --help' for more information." osbox spawn -j 2 echo
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

# --halt: no new job after the first failure; running ones finish.
jobs 'false' 'echo never'
t "--halt" 1 '' '' osbox spawn -j 1 --halt -f "$T/jobs"
jobs "read x <'$T/fifo'; echo running" "echo failed; exit 1" 'echo never'
t "--halt lets running jobs end" 1 'failed
running' '' timeout 20 bash -c "set -o pipefail; osbox spawn -j 2 --halt -f '$T/jobs' | { read l; echo \"\$l\"; echo go >'$T/fifo'; cat; }"
jobs 'false' 'echo still'
t "without --halt the rest runs" 1 'still' '' osbox spawn -j 1 -f "$T/jobs"

# A slow producer of commands does not hold up the output of running jobs:
# the second command comes only after the first job's output was read.
t "output while waiting for input" 0 'a
b' '' timeout 20 bash -c "set -o pipefail; { echo 'echo a'; read x <'$T/fifo'; echo 'echo b'; } | osbox spawn -j 2 | { read l; echo \"\$l\"; echo go >'$T/fifo'; cat; }"
t "-f a directory" 125 '' "spawn: $T: Is a directory" osbox spawn -j 2 -f "$T"
t "-f -: standard input" 0 'x' '' sh -c "echo 'echo x' | osbox spawn -f -"
t "-j 0: one job per processor" 0 'x' '' sh -c "echo 'echo x' | osbox spawn -j 0"

# Out of file descriptors: fewer jobs at once, none lost.
seq 1 20 | sed 's/^/echo /' >"$T/jobs"
if ! vg_skip "few file descriptors" "valgrind needs more descriptors than that for itself"; then
	run sh -c "ulimit -n 16; exec osbox spawn -j 8 -k -f '$T/jobs'"
	ok "few file descriptors: every job runs" check '[ "$status" = 0 ] && [ "$(cat "$W/out")" = "$(seq 1 20)" ]'
	ok "few file descriptors: said once" grep -qx 'spawn: only enough file descriptors to run [0-9]* jobs at once' "$W/err"
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
t "-j with --json: the message" 125 '' "spawn: cannot specify --jobs (-j) with --json
Try 'spawn --help' for more information." osbox spawn -j 2 --json
t "-j with -c" 125 '' "spawn: cannot specify --jobs (-j) with --command (-c)
Try 'spawn --help' for more information." osbox spawn -c -j 2
t "-f with --rusage" 125 '' "spawn: cannot specify --file (-f) with --rusage
Try 'spawn --help' for more information." osbox spawn -f /dev/null --rusage
t "-f with --nowait" 125 '' "spawn: cannot specify --file (-f) with --nowait
Try 'spawn --help' for more information." osbox spawn --nowait -f /dev/null
t "-j with an operand: the message" 125 '' "spawn: extra operand ‘echo’
Try 'spawn --help' for more information." osbox spawn -j 2 echo hi
# --nowait returns before the command ends: nothing to say how it ended.
t "--nowait with -v" 125 '' "spawn: cannot specify --nowait with --verbose (-v)
Try 'spawn --help' for more information." osbox spawn -v --nowait true
t "--nowait with --rusage" 125 '' "spawn: cannot specify --nowait with --rusage
Try 'spawn --help' for more information." osbox spawn --nowait --rusage true
t "--nowait with --json" 125 '' "spawn: cannot specify --nowait with --json
Try 'spawn --help' for more information." osbox spawn --json --nowait true

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	t "issue 12: spawn quotes $q" 127 '' "spawn: $q: No such file or directory" \
		osbox spawn "$n"
	t "issue 12: spawn -j quotes $q" 125 '' "spawn: $q: No such file or directory" \
		osbox spawn -j 1 --file "$n"
done
mkdir -p o12 && ln -sf /bin/true "o12/nx a"
t "issue 12: spawn -v quotes the command" 0 '' "spawn: 'o12/nx a': exit status 0 (wait status 0)" \
	osbox spawn -v "o12/nx a"
