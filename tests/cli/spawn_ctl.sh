# spawn -j's controls, as GNU parallel's: --joblog, --timeout, --retries,
# --halt, the exit status, --json per job, --bar/--progress, and signals
# to the runner. The exit statuses, the halts and the job log are checked
# against GNU parallel itself on the same jobs (parallel runs each line of
# its input as a command, as spawn -j does). Timing-dependent cases use
# short sleeps (a tenth of a second or so, with wide margins) and are
# skipped under valgrind.

# GNU parallel: scripts/peer-parallel fetches it (apt-get download, dpkg
# -x, never installed); without that script, one already unpacked there
# or installed will do.
PAR=
if [ -x "$SRC/scripts/peer-parallel" ]; then
	PAR=$("$SRC/scripts/peer-parallel" 2>"$W/peer.err")
else
	for p in "${OSBOX_PEERS:-/tmp/osbox-peers}/parallel/usr/bin/parallel" "$(command -v parallel)"; do
		if [ -f "$p" ] && perl "$p" --will-cite --version 2>/dev/null | grep -q '^GNU parallel'; then
			PAR=$p
			break
		fi
	done
fi
par() { perl "$PAR" --will-cite "$@"; }

# jobs LINE...: the commands, one per line, in $T/jobs.
jobs() { printf '%s\n' "$@" >"$T/jobs"; }
# gone PATTERN: no process whose command line matches PATTERN (a marker
# unique to this run) is left, within 5 s (one that got the signal may be
# on its way out).
gone() {
	local i=0
	while pgrep -f "$1" >/dev/null; do
		[ $((i += 1)) -gt 100 ] && return 1
		sleep 0.05
	done
}
# faster_than SECONDS COMMAND...: COMMAND ends within SECONDS (its status
# in $status, its output in $W/out and $W/err).
faster_than() {
	local limit=$1 t0 t1
	shift
	t0=$(date +%s%N)
	run "$@"
	t1=$(date +%s%N)
	[ $(((t1 - t0) / 1000000)) -lt $((limit * 1000)) ]
}
M=osbox-ctl-$$ # the marker: sleep's argument, as "sleep 30.$$1"
S="sleep 30.${$}1"

# few: true past the second run of a loop under valgrind (_few=0 before
# the loop), for `few && continue`: a sample there, every case natively
few() {
	_few=$((_few + 1))
	$VALGRIND && [ $_few -gt 2 ]
}

# --- usage errors
_few=0
for bad in sometimes,fail=1 now,fail=0 now,fail=101% now,fail=-1 now,x=1 soon,fail now, \
	'' 3 fail=1 'now,fail=1 '; do
	few && continue
	t "--halt '$bad'" 125 '' "spawn: invalid halt policy: ‘$bad’
Try 'spawn --help' for more information." osbox spawn -j 1 --halt "$bad" -f /dev/null
done
_few=0
for bad in 0 -1 abc 1x 0.0 '' . 1ss 400d; do
	few && continue
	t "--timeout '$bad'" 125 '' "spawn: invalid timeout: ‘$bad’
Try 'spawn --help' for more information." osbox spawn -j 1 --timeout "$bad" -f /dev/null
done
_few=0
for bad in -1 x 1.5 ''; do
	few && continue
	t "--retries '$bad'" 125 '' "spawn: invalid number of tries: ‘$bad’
Try 'spawn --help' for more information." osbox spawn -j 1 --retries "$bad" -f /dev/null
done
_few=0
for o in '--joblog log' '--timeout 1' '--retries 2' '--halt 1' --bar --eta --progress; do
	few && continue
	t "$o without -j" 125 '' "spawn: ${o%% *} needs -j
Try 'spawn --help' for more information." osbox spawn $o true
done
_few=0
for good in 0 1 2 -1 -2 never 50% now,fail=1 soon,success=100% now,done=3; do
	few && continue
	t "--halt $good" 0 '' '' osbox spawn -j 1 --halt "$good" -f /dev/null
done
_few=0
for good in 0.25 3 1.5s 2m 1h 1d .5; do
	few && continue
	t "--timeout $good" 0 '' '' osbox spawn -j 1 --timeout "$good" -f /dev/null
done

# --- the exit status and --halt, against GNU parallel. Each job says
# which it is, then exits with its status (or is killed by a signal); -j 1
# makes the order, and so what halts when, the same in both.
# set_of NAME STATUS...: the jobs of a set, in $T/set.NAME
set_of() {
	local name=$1 i=0 k
	shift
	: >"$T/set.$name"
	for k in "$@"; do
		i=$((i + 1))
		case $k in
		TERM | KILL) echo "echo j$i; kill -$k \$\$" ;;
		*) echo "echo j$i; exit $k" ;;
		esac >>"$T/set.$name"
	done
}
set_of a 0 3 4
set_of b 0 0 0
set_of c 3 5 0 0 0
set_of d 0 7 0 9 0 0 0 0 0 0
set_of e 0 TERM 4 KILL
set_of f 300 0 1
# 102 failures: the status stops at 101 (by hand below: parallel takes
# two seconds over them)
yes 'exit 1' | head -102 >"$T/set.g"
diffs=0
# cases SET HALT...: for each --halt given ('' none), a case of SET for
# the differential, in $T/cases
: >"$T/cases"
cases() {
	local set=$1 h
	shift
	for h in "$@"; do
		printf '%s %s\n' "$set" "${h:-none}" >>"$T/cases"
	done
}
cases a '' soon,fail=1 now,fail=1 soon,fail=2 now,success=1 soon,success=2 \
	now,done=2 soon,fail=50% now,fail=30% 2 -1 0 40%
cases c '' soon,fail=2 now,success=2 soon,done=60% 1
cases d '' now,fail=2 now,fail=20% soon,success=50% now,success=90%
cases e '' now,fail=1 soon,fail=2 now,done=3
cases f '' 2 now,fail=2
cases b '' now,success=1 now,fail=1
# parallel spends most of its time asleep (it looks for ended jobs with
# growing pauses): its runs go 6 at a time in the background while the
# other cases run, and are compared with spawn's at the end.
peers() {
	local n=0 set h opt
	while read -r set h; do
		n=$((n + 1))
		[ "$h" = none ] && h=
		opt=${h:+--halt $h}
		{
			par -j 1 $opt <"$T/set.$set" >"$W/pout.$n" 2>/dev/null
			echo $? >"$W/pst.$n"
		} &
		[ $((n % 6)) = 0 ] && wait
	done <"$T/cases"
	wait
}
differential() {
	local n=0 set h opt
	while read -r set h; do
		n=$((n + 1))
		diffs=$((diffs + 1))
		# under valgrind, one case in five
		$VALGRIND && [ $((n % 5)) != 1 ] && continue
		[ "$h" = none ] && h=
		opt=${h:+--halt $h}
		t "exit status as parallel: set $set, --halt '${h:-none}'" "$(cat "$W/pst.$n")" \
			"$(cat "$W/pout.$n")" '*' osbox spawn -j 1 $opt -f "$T/set.$set"
	done <"$T/cases"
}
[ -n "$PAR" ] && { peers & }
peers_pid=$!

# The same by hand, for what does not need the peer.
t "all succeed: 0" 0 '*' '' osbox spawn -j 2 -f "$T/set.b"
t "the number of failed jobs" 2 '*' '' osbox spawn -j 2 -f "$T/set.a"
t "at most 101" 101 '' '' osbox spawn -j 4 -f "$T/set.g"
t "--halt now,fail=1: the failing job's status" 3 'j1
j2' "spawn: halting after 'echo j2; exit 3' (exit status 3)" osbox spawn -j 1 --halt now,fail=1 -f "$T/set.a"
t "--halt 2: the same" 3 'j1
j2' '*' osbox spawn -j 1 --halt 2 -f "$T/set.a"
t "--halt now,fail=1, a signal: 128+N" 143 'j1
j2' "spawn: halting after 'echo j2; kill -TERM \$\$' (killed by signal TERM)" \
	osbox spawn -j 1 --halt now,fail=1 -f "$T/set.e"
t "--halt now,success=1: 0" 0 'j1' "spawn: halting after 'echo j1; exit 0' (exit status 0)" \
	osbox spawn -j 1 --halt now,success=1 -f "$T/set.a"
# 2 of 5 is less than 50%: every job runs, and the status is the share
t "--halt soon,fail=50%, not met: the share failed" 40 "$(seq -f j%g 5)" '' \
	osbox spawn -j 1 --halt soon,fail=50% -f "$T/set.c"
t "--halt soon,fail=40%, met: the share failed then" 40 'j1
j2' "spawn: halting after 'echo j2; exit 5' (exit status 5)" osbox spawn -j 1 --halt soon,fail=40% -f "$T/set.c"
t "--halt never: every job" 2 'j1
j2
j3' '' osbox spawn -j 1 --halt never -f "$T/set.a"

# --- --joblog: GNU parallel's columns. -k gives the order (the log is
# written as the outputs are); the times are checked by their form.
jobs 'echo abc' 'echo abcd; echo ef >&2' 'exit 3' 'kill -KILL $$' 'exit 300' "printf 'x\\ty'" \
	'true' 'printf "%s" "$(printf "a\nb")"'
# cut_times LOG: the log with its two time columns replaced by T, once
# each has the form parallel gives it (epoch seconds with 3 decimals;
# seconds with 3 decimals right-aligned in 10 columns)
cut_times() {
	awk -F '\t' 'BEGIN { OFS = "\t" }
		NR == 1 { print; next }
		$3 !~ /^[0-9]+\.[0-9][0-9][0-9]$/ { print "bad start: " $3; next }
		$4 !~ /^ *[0-9]+\.[0-9][0-9][0-9]$/ || length($4) != 10 { print "bad runtime: [" $4 "]"; next }
		{ $3 = "T"; $4 = "T"; print }' "$1"
}
run osbox spawn -j 3 -k --joblog "$T/log" -f "$T/jobs"
ok "--joblog: status" test "$status" = 3
cut_times "$T/log" >"$W/log"
cat >"$W/want" <<'EOF'
Seq	Host	Starttime	JobRuntime	Send	Receive	Exitval	Signal	Command
1	:	T	T	0	4	0	0	echo abc
2	:	T	T	0	5	0	0	echo abcd; echo ef >&2
3	:	T	T	0	0	3	0	exit 3
4	:	T	T	0	0	0	9	kill -KILL $$
5	:	T	T	0	0	44	0	exit 300
6	:	T	T	0	3	0	0	printf 'x\ty'
7	:	T	T	0	0	0	0	true
8	:	T	T	0	3	0	0	printf "%s" "$(printf "a\nb")"
EOF
same "--joblog: the columns" "$W/want" "$W/log"
if [ -n "$PAR" ]; then
	par -j 3 -k --joblog "$T/plog" <"$T/jobs" >/dev/null 2>&1
	cut_times "$T/plog" >"$W/plog"
	same "--joblog: as GNU parallel's" "$W/plog" "$W/log"
	diffs=$((diffs + 1))
fi
t "--joblog -: standard output" 0 "Seq	Host	Starttime	JobRuntime	Send	Receive	Exitval	Signal	Command
x
1	:	T	T	0	2	0	0	printf 'x\\n'" '' sh -c "printf '%s\n' \"printf 'x\\\\n'\" | osbox spawn -j 1 --joblog - | sed 's/	[0-9.]*	 *[0-9.]*	0	/	T	T	0	/'"
jobs 'true'
osbox spawn -j 1 --joblog "$T/alog" -f "$T/jobs"
osbox spawn -j 1 --joblog "+$T/alog" -f "$T/jobs"
osbox spawn -j 1 --joblog "+$T/alog2" -f "$T/jobs"
ok "--joblog +FILE appends, one header" check "[ \$(grep -c ^Seq '$T/alog') = 1 ] && [ \$(wc -l <'$T/alog') = 3 ]"
ok "--joblog +FILE, a new file: its header" check "[ \$(grep -c ^Seq '$T/alog2') = 1 ] && [ \$(wc -l <'$T/alog2') = 2 ]"
t "--joblog: a file that cannot be made" 125 '' "spawn: /nonexistent/log: No such file or directory" \
	osbox spawn -j 1 --joblog /nonexistent/log -f "$T/jobs"
t "--joblog: a write error" 125 '' "spawn: /dev/full: No space left on device" \
	osbox spawn -j 1 --joblog /dev/full -f "$T/jobs"
mkdir -p "$T/ro" && chmod 755 "$T/ro"
t "--joblog: permission denied" 125 '' "spawn: $T/ro/log: Permission denied" \
	as_nobody "$OSBOX" spawn -j 1 --joblog "$T/ro/log" -f /dev/null

# --- --retries: a job that fails twice, then succeeds (a counter file):
# only the last try's output is written, and logged.
cat >"$T/flaky" <<'SH'
#!/bin/sh
n=$(cat "$1" 2>/dev/null || echo 0)
n=$((n + 1))
echo $n >"$1"
echo "try $n"
echo "err $n" >&2
[ $n -ge "$2" ]
SH
chmod +x "$T/flaky"
rm -f "$T/count"
jobs "$T/flaky $T/count 3"
t "--retries 3: the third try succeeds" 0 'try 3' 'err 3' osbox spawn -j 1 --retries 3 --joblog "$T/log" -f "$T/jobs"
ok "--retries 3: one log line, the last try's" check "[ \$(wc -l <'$T/log') = 2 ] && tail -1 '$T/log' | grep -q '	0	6	0	0	'"
rm -f "$T/count"
t "--retries 2: not enough" 1 'try 2' 'err 2' osbox spawn -j 1 --retries 2 -f "$T/jobs"
rm -f "$T/count"
jobs "$T/flaky $T/count 5"
t "--retries 0: until it succeeds" 0 'try 5' 'err 5' osbox spawn -j 1 --retries 0 -f "$T/jobs"
rm -f "$T/count"
jobs "$T/flaky $T/count 3" 'echo other'
t "--retries -k: the job keeps its place" 0 'try 3
other' 'err 3' osbox spawn -j 2 -k --retries 3 -f "$T/jobs"
rm -f "$T/count"
run osbox spawn -j 1 --retries 3 --json -f "$T/jobs"
ok "--retries: tries in the JSON record" check "head -1 '$W/out' | grep -q '\"tries\":3,'"
if [ -n "$PAR" ]; then
	rm -f "$T/count"
	jobs "$T/flaky $T/count 3" 'exit 1' 'true'
	par -j 1 --retries 3 --joblog "$T/plog" <"$T/jobs" >"$W/pout" 2>"$W/perr"
	pst=$?
	rm -f "$T/count"
	t "--retries: status and output as parallel" "$pst" "$(cat "$W/pout")" "$(cat "$W/perr")" \
		osbox spawn -j 1 --retries 3 --joblog "$T/log" -f "$T/jobs"
	cut_times "$T/log" >"$W/log"
	cut_times "$T/plog" >"$W/plog"
	same "--retries: the log as parallel's" "$W/plog" "$W/log"
	# a percentage counts the tries started, as parallel does
	par -j 1 --retries 2 --halt soon,fail=90% <"$T/set.a" >"$W/pout" 2>"$W/perr"
	t "--retries with a percentage: as parallel" "$?" "$(cat "$W/pout")" '*' \
		osbox spawn -j 1 --retries 2 --halt soon,fail=90% -f "$T/set.a"
	diffs=$((diffs + 2))
fi

# --- --json: a record per job, in the order the outputs come, its output
# in it (stdout stays NDJSON).
jobs 'echo hi; echo there >&2' 'exit 3' "printf '\\377'" 'kill -KILL $$'
run osbox spawn -j 1 --json -f "$T/jobs"
cat >"$W/check.py" <<'PY'
import json, os, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [r["seq"] for r in recs] == [1, 2, 3, 4], recs
a, b, c, d = recs
assert a["command"] == "echo hi; echo there >&2" and a["argv"] is None
assert a["stdout"] == "hi\n" and a["stderr"] == "there\n", a
assert a["status"] == 0 and a["exit_status"] == 0 and a["signal"] is None
assert a["how"] == "exit status 0" and a["tries"] == 1 and a["timed_out"] is False
assert b["exit_status"] == 3 and b["status"] == 768 and b["stdout"] == ""
assert os.fsencode(c["stdout"]) == b"\xff", c
assert d["signal"] == "KILL" and d["exit_status"] is None
for r in recs:
    assert isinstance(r["pid"], int) and r["pid"] > 0
    assert isinstance(r["start_ns"], int) and isinstance(r["runtime_ns"], int)
    assert abs(float(r["start"]) * 1e9 - r["start_ns"]) < 1e3
    assert 0 <= r["runtime_ns"] < 10**10
    assert abs(float(r["runtime"]) * 1e9 - r["runtime_ns"]) < 1e3
PY
ok "--json: the records" python3 "$W/check.py" "$W/out"
ok "--json: the status" test "$status" = 2
ok "--json: nothing on stderr" test ! -s "$W/err"
run osbox spawn -j 4 -k --json -f "$T/set.d"
ok "--json -k: input order" check "[ \"\$(grep -o '\"seq\":[0-9]*' '$W/out' | tr -d '\"seq:' | tr '\n' ' ')\" = '1 2 3 4 5 6 7 8 9 10 ' ]"

# --- --timeout: a job running longer is killed (its process group: the
# sleep a shell started too) and fails; one that ignores TERM gets KILL.
jobs "$S; echo never" 'echo fast' "trap '' TERM; $S"
if ! vg_skip "--timeout" "timing"; then
	ok "--timeout 0.3: two jobs killed within 3 s" faster_than 3 \
		osbox spawn -j 3 --timeout 0.3 --joblog "$T/log" -f "$T/jobs"
	ok "--timeout: the status counts them" test "$status" = 2
	ok "--timeout: the output" test "$(cat "$W/out")" = fast
	ok "--timeout: said" check "grep -c 'timed out\$' '$W/err' | grep -qx 2"
	ok "--timeout: nothing left running" gone "$S"
	ok "--timeout: logged with Exitval -1 and the signal" check "
		awk -F '\t' '\$7 == -1 && \$8 == 15' '$T/log' | grep -q 'never' &&
		awk -F '\t' '\$7 == -1 && \$8 == 9' '$T/log' | grep -q 'trap'"
	jobs "$S"
	run osbox spawn -j 1 --timeout 0.2 --json -f "$T/jobs"
	ok "--timeout --json: timed_out" check "grep -q '\"signal\":\"TERM\",.*\"timed_out\":true' '$W/out'"
	t "--timeout --halt now,fail=1: 255, as parallel (Exitval -1)" 255 '' '*' \
		osbox spawn -j 1 --timeout 0.2 --halt now,fail=1 -f "$T/jobs"
	jobs "trap 'exit 3' TERM; $S & wait"
	t "--timeout: a job that handles TERM ends as it does" 3 '' "spawn: 'trap '\\''exit 3'\\'' TERM; $S & wait': timed out
spawn: halting after 'trap '\\''exit 3'\\'' TERM; $S & wait' (timed out, exit status 3)" \
		osbox spawn -j 1 --timeout 0.2 --halt 1 -f "$T/jobs"
	ok "--timeout: its sleep is gone too" gone "$S"
	jobs "sleep 0.1; echo done"
	t "--timeout: a job within its time" 0 'done' '' osbox spawn -j 1 --timeout 5 -f "$T/jobs"
	# As parallel: a job that exits 0 once its time is up still failed,
	# and its Exitval is -1; one that exits 3 keeps its 3.
	jobs "trap 'exit 0' TERM; $S & wait" "trap 'exit 3' TERM; $S & wait"
	run osbox spawn -j 2 -k --timeout 0.2 --joblog "$T/log0" -f "$T/jobs"
	ok "--timeout: a job that exits 0 once signalled still fails" test "$status" = 2
	ok "--timeout: logged with Exitval -1 (or its 3) and Signal 0" check "
		awk -F '\t' 'NR > 1 { print \$7, \$8 }' '$T/log0' | tr '\n' ' ' | grep -qx -e '-1 0 3 0 '"
	# --termseq: the job's own sequence of signals and pauses; USR1,
	# which the job handles, then KILL after 200 ms.
	jobs "trap 'echo got USR1' USR1; trap '' TERM; while :; do $S & wait; done"
	run osbox spawn -j 1 --timeout 0.2 --termseq USR1,200,KILL,25 --joblog "$T/logk" -f "$T/jobs"
	ok "--termseq: the job failed" test "$status" = 1
	ok "--termseq: the first signal came" check "grep -qx 'got USR1' '$W/out'"
	ok "--termseq: KILL ended it" check "awk -F '\t' 'NR == 2 && \$7 == -1 && \$8 == 9' '$T/logk' | grep -q ."
	ok "--termseq: nothing left running" gone "$S"
	# (a job killed by --halt now writes nothing and is not logged: the
	# INT it got shows in a file)
	jobs "trap 'echo got INT >$W/int' INT; trap '' TERM; while :; do $S & wait; done" \
		'sleep 0.2; exit 1'
	run osbox spawn -j 2 --termseq INT,100,KILL --halt now,fail=1 -f "$T/jobs"
	ok "--termseq with --halt now: the running job gets its sequence" check "
		test \$status = 1 && grep -qx 'got INT' '$W/int'"
	ok "--termseq with --halt now: nothing left running" gone "$S"
fi
# (the last: 33 signals, one past the most)
for bad in FOO '' TERM, TERM,x ,TERM TERM,100,,KILL TERM,-1 0 TERM,3600001 \
	"$(printf 'TERM,1,%.0s' $(seq 32))KILL"; do
	few && continue
	t "--termseq '$bad'" 125 '' "spawn: invalid kill sequence: ‘$bad’
Try 'spawn --help' for more information." osbox spawn -j 1 --termseq "$bad" -f /dev/null
done
_few=0
for good in TERM KILL,25 15,100,9 SIGINT,50,TERM,50,KILL rtmin+1,10,kill; do
	few && continue
	t "--termseq $good" 0 '' '' osbox spawn -j 1 --termseq "$good" -f /dev/null
done
_few=0

# --- --halt now kills the running jobs (nothing of theirs is written,
# nothing is left running); soon lets them finish.
if ! vg_skip "--halt now and soon" "timing"; then
	jobs "$S" "echo started; $S" 'sleep 0.2; echo failing; exit 4' 'echo never'
	ok "--halt now,fail=1: ends at once" faster_than 3 osbox spawn -j 3 --halt now,fail=1 -f "$T/jobs"
	ok "--halt now: the failing job's status" test "$status" = 4
	ok "--halt now: only its output" test "$(cat "$W/out")" = failing
	ok "--halt now: said" test "$(cat "$W/err")" = "spawn: halting after 'sleep 0.2; echo failing; exit 4' (exit status 4): killing 2 running"
	ok "--halt now: nothing left running" gone "$S"
	jobs "trap '' TERM; $S" 'sleep 0.2; exit 4'
	ok "--halt now: a job that ignores TERM gets KILL" faster_than 3 osbox spawn -j 2 --halt now,fail=1 -f "$T/jobs"
	ok "--halt now: ... and is gone" gone "$S"
	jobs 'sleep 0.5; echo slow' 'exit 5' 'echo never'
	t "--halt soon,fail=1: the running job finishes" 5 'slow' \
		"spawn: halting after 'exit 5' (exit status 5): waiting for 1 running" \
		osbox spawn -j 2 --halt soon,fail=1 -f "$T/jobs"
	jobs 'sleep 0.5; echo slow; exit 6' 'sleep 0.1; exit 5' 'echo never'
	t "--halt soon,fail=1: a later failure does not change the status" 5 'slow' '*' \
		osbox spawn -j 2 --halt soon,fail=1 -f "$T/jobs"
	jobs "$S" 'exit 0' 'echo never'
	ok "--halt now,success=1: kills the rest" faster_than 3 osbox spawn -j 2 --halt now,success=1 -f "$T/jobs"
	ok "--halt now,success=1: 0" test "$status" = 0
	ok "--halt now,success=1: nothing left" gone "$S"
fi

# --- signals to spawn -j: the running jobs get it, then the kill
# sequence; spawn waits for them, writes nothing half-done and exits 128+N.
# The job says its PID through the FIFO once it runs.
mkfifo "$T/fifo"
exec 3<>"$T/fifo"
cat >"$T/ignorer" <<SH
#!/bin/sh
trap '' TERM INT HUP
printf partial
$S &
echo \$! >"\$1"
wait
SH
chmod +x "$T/ignorer"
for s in TERM:15 INT:2 HUP:1; do
	sig=${s%:*} n=${s#*:}
	jobs "$T/ignorer $T/fifo"
	osbox spawn -j 2 -f "$T/jobs" >"$W/out" 2>"$W/err" </dev/null &
	sp=$!
	read -r pid <&3
	kill -"$sig" "$sp"
	wait "$sp"
	st=$?
	ok "SIG$sig to spawn -j, a job that ignores it: exits $((128 + n))" test "$st" = $((128 + n))
	ok "SIG$sig: the job is killed all the same" gone "$S"
	ok "SIG$sig: nothing half-written" test ! -s "$W/err" -a ! -s "$W/out"
done
exec 3<&-

# --- --bar and --progress: drawn on stderr when it is a terminal, in
# place, and erased at the end; never on stdout, never into a file.
cat >"$W/bar.py" <<'PY'
import os, subprocess, sys
args = sys.argv[1:]
m, s = os.openpty()
out = open(os.environ["W"] + "/barout", "wb")
p = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out, stderr=s)
os.close(s)
got = b""
while True:
    try:
        b = os.read(m, 4096)
    except OSError:
        break
    if not b:
        break
    got += b
p.wait()
sys.stdout.write(repr(got) + "\n")
assert p.returncode == 0, p.returncode
assert got.count(b"\r") >= 2, "not drawn in place"
assert got.endswith(b"\r\x1b[K"), "not erased at the end"
assert b"\n" not in got, "a newline in the bar"
PY
jobs 'sleep 0.2; echo a' 'sleep 0.2; echo b' 'sleep 0.2; echo c' 'sleep 0.2; echo d'
if ! vg_skip "--bar on a terminal" "timing"; then
	run env W="$W" python3 "$W/bar.py" "$OSBOX" spawn -j 1 --bar -f "$T/jobs"
	ok "--bar: drawn and erased" test "$status" = 0
	ok "--bar: done of the total" grep -q '\] *[0-9]*% [0-3]/4 done, 1 running' "$W/out"
	ok "--bar: never on stdout" test "$(cat "$W/barout")" = "$(printf 'a\nb\nc\nd')"
	run env W="$W" python3 "$W/bar.py" "$OSBOX" spawn -j 1 --eta -f "$T/jobs"
	ok "--eta: the same line, with the time left" grep -q '\] *[0-9]*% [0-3]/4 done, 1 running.*ETA' "$W/out"
	run env W="$W" python3 "$W/bar.py" "$OSBOX" spawn -j 2 --progress -f "$T/jobs"
	ok "--progress: drawn and erased" test "$status" = 0
	ok "--progress: the counts" grep -q '[0-4]\(/4\)\? done, [0-2] running' "$W/out"
fi
t "--bar: nothing when stderr is a file" 0 'a
b
c
d' '' osbox spawn -j 1 -k --bar -f "$T/jobs"
t "--eta: nothing when stderr is a file" 0 'a
b' '' osbox spawn -j 1 -k --eta echo ::: a b
t "--progress: nothing when stderr is a file" 0 '*' '' osbox spawn -j 2 --progress -f "$T/jobs"

# --- The controls in argument mode: the job log's Command is the words
# run, shell-quoted as parallel logs them; --halt with a percentage counts
# the jobs of ::: before the first starts; --timeout and --retries.
run osbox spawn -j 2 -k --joblog "$T/alog" sh -c 'exit "$1"' sh ::: 0 3 'a b'
ok "argument mode --joblog: status (two failed)" test "$status" = 2
cut_times "$T/alog" | cut -f 1,5- >"$W/alog"
cat >"$W/want" <<'EOF'
Seq	Send	Receive	Exitval	Signal	Command
1	0	0	0	0	sh -c 'exit "$1"' sh 0
2	0	0	3	0	sh -c 'exit "$1"' sh 3
3	0	0	2	0	sh -c 'exit "$1"' sh 'a b'
EOF
same "argument mode --joblog: the columns" "$W/want" "$W/alog"
# (Not against parallel here: it joins the command's words with spaces
# for a shell to split again, so that its 'exit "$1"' runs as exit; spawn
# keeps each word one argument, as for the items.)
# 25% of the 8 jobs: the second failure halts, as GNU parallel (whose
# exit status is then the percentage, 25).
t "argument mode --halt soon,fail=25%: the jobs of ::: counted first" 25 'a
a
b
b' "spawn: halting after 'sh -c '\\''echo \$1; exit \$2'\\'' sh b 1' (exit status 1)" \
	osbox spawn -j 1 -k --halt soon,fail=25% sh -c 'echo $1; exit $2' sh ::: a b c d ::: 0 1
t "argument mode --timeout: the job killed, one failure" 1 'x
y' "spawn: 'sh -c '\\''echo \$1; [ \$1 = y ] && exec sleep 5; exit 0'\\'' sh y': timed out" \
	osbox spawn -j 2 -k --timeout 0.2 sh -c 'echo $1; [ $1 = y ] && exec sleep 5; exit 0' sh ::: x y
printf '0\n' >"$T/cnt"
t "argument mode --retries 3: the third try succeeds" 0 'try 3' '' \
	osbox spawn -j 1 --retries 3 sh -c 'n=$(($(cat "$1") + 1)); echo $n >"$1"; [ $n -ge 3 ] && echo try $n' sh ::: "$T/cnt"

# --- --timeout N%: a job running longer than N% of the median runtime of
# the jobs that succeeded is killed; before the first success, none is.
if ! vg_skip "--timeout N%" "timing"; then
	ok "--timeout 300%: the long job after three short ones killed" faster_than 4 \
		osbox spawn -j 1 -k --timeout 300% sh -c 'sleep $1; echo $1' sh ::: 0.1 0.1 0.1 "30.${$}1"
	ok "--timeout 300%: one failure" test "$status" = 1
	ok "--timeout 300%: the short ones' output" test "$(cat "$W/out")" = "$(printf '0.1\n0.1\n0.1')"
	ok "--timeout 300%: said" check "grep -q \"30.${$}1': timed out\$\" '$W/err'"
	ok "--timeout 300%: nothing left running" gone "$S"
	t "--timeout 50%: no limit before a job has succeeded" 0 'done' '' \
		osbox spawn -j 1 --timeout 50% sh -c 'sleep 0.3; echo done' sh ::: a
fi
t "--timeout 0%" 125 '' "spawn: invalid timeout: ‘0%’
Try 'spawn --help' for more information." osbox spawn -j 1 --timeout 0% true ::: a

# --- --resume and --resume-failed: the job log says which jobs ran (or
# succeeded); those are skipped, the others run and are added to it. The
# same two runs by GNU parallel give the same outputs, statuses and log.
# resumed LOG OPTION FIRST SECOND RUNNER...: runs FIRST's jobs with
# --joblog LOG, then SECOND's with OPTION too; each run's output and
# status, then the log's lines without their times, in $W/resumed.
resumed() {
	local log=$1 opt=$2 first=$3 second=$4
	shift 4
	rm -f "$log"
	{
		"$@" -j 1 -k --joblog "$log" <"$first"
		echo "status $?"
		"$@" -j 1 -k "$opt" --joblog "$log" <"$second"
		echo "status $?"
		cut_times "$log"
	} >"$W/resumed" 2>&1
}
jobs 'echo a' 'echo b' 'echo c'
cp "$T/jobs" "$T/r3"
jobs 'echo a' 'echo b' 'echo c' 'echo d' 'echo e'
cp "$T/jobs" "$T/r5"
jobs 'echo 0; exit 0' 'echo 1; exit 1' 'echo 0; exit 0' 'echo 2; exit 2'
cp "$T/jobs" "$T/f4"
jobs 'echo 0; exit 0' 'echo 1; exit 1' 'echo 0; exit 0' 'echo 2; exit 2' 'echo 0; exit 0'
cp "$T/jobs" "$T/f5"
cat >"$W/want.resume" <<'EOF'
a
b
c
status 0
d
e
status 0
Seq	Host	Starttime	JobRuntime	Send	Receive	Exitval	Signal	Command
1	:	T	T	0	2	0	0	echo a
2	:	T	T	0	2	0	0	echo b
3	:	T	T	0	2	0	0	echo c
4	:	T	T	0	2	0	0	echo d
5	:	T	T	0	2	0	0	echo e
EOF
cat >"$W/want.resume-failed" <<'EOF'
0
1
0
2
status 2
1
2
0
status 2
Seq	Host	Starttime	JobRuntime	Send	Receive	Exitval	Signal	Command
1	:	T	T	0	2	0	0	echo 0; exit 0
2	:	T	T	0	2	1	0	echo 1; exit 1
3	:	T	T	0	2	0	0	echo 0; exit 0
4	:	T	T	0	2	2	0	echo 2; exit 2
2	:	T	T	0	2	1	0	echo 1; exit 1
4	:	T	T	0	2	2	0	echo 2; exit 2
5	:	T	T	0	2	0	0	echo 0; exit 0
EOF
for c in "--resume r3 r5" "--resume-failed f4 f5" "--resume f4 f5" "--resume-failed r3 r5"; do
	set -- $c
	resumed "$T/rlog" "$1" "$T/$2" "$T/$3" osbox spawn
	cp "$W/resumed" "$W/resumed.ours"
	case $c in
	"--resume r3 r5")
		same "--resume: only the jobs not in the log run, and are added" \
			"$W/want.resume" "$W/resumed.ours" ;;
	"--resume-failed f4 f5")
		same "--resume-failed: the failed jobs again, then the new ones" \
			"$W/want.resume-failed" "$W/resumed.ours" ;;
	esac
	if [ -n "$PAR" ]; then
		resumed "$T/plog" "$1" "$T/$2" "$T/$3" par
		same "$c: as GNU parallel" "$W/resumed" "$W/resumed.ours"
		diffs=$((diffs + 1))
	fi
done
jobs 'echo x'
rm -f "$T/nolog"
t "--resume, no log yet: every job runs" 0 'x' '' osbox spawn -j 1 --resume --joblog "$T/nolog" -f "$T/jobs"
t "--resume without --joblog" 125 '' "spawn: --resume needs --joblog FILE
Try 'spawn --help' for more information." osbox spawn -j 1 --resume -f "$T/jobs"
t "--resume-failed with --joblog -" 125 '' "spawn: --resume-failed needs --joblog FILE
Try 'spawn --help' for more information." osbox spawn -j 1 --resume-failed --joblog - -f "$T/jobs"
mkdir -p "$T/unreadable"
t "--resume: a log that cannot be read" 125 '' "spawn: $T/unreadable: Is a directory" \
	osbox spawn -j 1 --resume --joblog "$T/unreadable" -f "$T/jobs"

# --- -u: the jobs write straight to our output, as they go: a's second
# line comes after b's (a waits on a FIFO that b writes once it has
# written), which held output would never give.
if ! $VALGRIND; then
	mkfifo "$T/ufifo"
	t "-u: outputs interleave as the jobs write" 0 'a1
b1
a2' '' osbox spawn -j 2 -u -c "if [ {} = a ]; then echo a1; read x <'$T/ufifo'; echo a2; else sleep 0.3; echo b1; echo >'$T/ufifo'; fi" ::: a b
fi
t "-u: stderr straight too" 0 '' 'e' osbox spawn -j 2 -u -c 'echo e >&2 # {}' ::: a
t "-u with -k" 125 '' "spawn: cannot specify --ungroup (-u) with --keep-order (-k)
Try 'spawn --help' for more information." osbox spawn -j 2 -u -k echo ::: a
t "-u: a failure still counts" 1 '' '' osbox spawn -j 2 -u false ::: a

# --- --delay: each job starts at least that long after the one before
# (the job log's Starttime: when the runner started it, to the ms).
osbox spawn -j 4 --delay 0.2 --joblog "$T/dlog" true ::: 1 2 3 4
cut -f 3 "$T/dlog" | tail -n +2 | sort -n >"$W/starts"
ok "--delay 0.2: four starts, at least 0.2 s apart" \
	awk 'NR > 1 && $1 - p < 0.1995 { bad = 1 } { p = $1 } END { exit bad || NR != 4 }' "$W/starts"
t "--delay 0: none" 0 'a' '' osbox spawn -j 2 --delay 0 echo ::: a
t "--delay: bad" 125 '' "spawn: invalid delay: ‘x’
Try 'spawn --help' for more information." osbox spawn -j 2 --delay x echo ::: a

# --- the differential of the exit statuses, now that parallel is done
if [ -n "$PAR" ]; then
	wait "$peers_pid"
	differential
else
	skip "exit statuses as GNU parallel's" "no GNU parallel: $(cat "$W/peer.err" 2>/dev/null)"
fi

echo "differential cases against GNU parallel: $diffs"
