# waitpid: waiting for any process through pidfds; the os.waitpid and
# os.wait demos, byte for byte.

# holder.py Z A: forks Z children that exit at once and A that wait for a
# signal, prints their PIDs on one line, and waits to be killed. It never
# reaps: a child that ends stays a zombie until the holder is gone, so
# there is no race between a test killing one and waitpid opening it.
cat >"$T/holder.py" <<'PY'
import os, signal, sys, threading
z, a = int(sys.argv[1]), int(sys.argv[2])
pids = []
for i in range(z + a):
    p = os.fork()
    if p == 0:
        os.close(1)  # the reader's EOF must not wait for the children
        if i >= z:
            signal.pause()
        os._exit(i)
    pids.append(p)
threading.Thread(target=threading.Event().wait, daemon=True).start()
print(" ".join(map(str, pids)), flush=True)
sys.stdout.close()
signal.pause()
PY
mkfifo "$T/pids"
python3 "$T/holder.py" 2 3 >"$T/pids" 2>/dev/null &
holder=$!
read -r z1 z2 a1 a2 a3 <"$T/pids"
cat >"$T/closed.py" <<'PY'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
sys.stdout.write(str(p.returncode) + p.stderr.decode())
PY
NC="exited (not our child: no exit status to report)"

t "an exited process" 0 '' '' osbox waitpid "$z1"
t "-v: not a child, no status" 0 "$z1: $NC" '' osbox waitpid -v "$z1"
t "several exited" 0 "$z1: $NC
$z2: $NC" '' osbox waitpid -v "$z1" "$z2"
t "-v: closed pipe: SIGPIPE" 0 -13 '' python3 "$T/closed.py" osbox waitpid -v "$z1"
t "--json: not a child, nothing made up" 0 \
"{\"pid\":$z1,\"child\":false,\"status\":null,\"exit_status\":null,\"signal\":null,\"core_dumped\":null,\"how\":null}" '' \
	osbox waitpid --json "$z1"
t "the same PID twice is waited for once" 0 "$z1: $NC" '' osbox waitpid -v "$z1" "$z1"
t "-a returns at the first exit" 0 "$z2: $NC" '' osbox waitpid -a -v "$a1" "$z2" "$a2"
t "--any" 0 '' '' osbox waitpid --any "$a1" "$z2"
t "-t: a process that does not exit" 124 '' '' osbox waitpid -v -t 0.2 "$a1"
t "-t 0 looks once" 124 '' '' osbox waitpid -t 0 "$a1" "$z1"
t "-t 0 when all have exited" 0 '' '' osbox waitpid -t 0 "$z1" "$z2"
t "-t with a unit" 124 '' '' osbox waitpid -t 0.001m "$a1"
t "--timeout=" 124 '' '' osbox waitpid --timeout=0.05s "$a2"
t "-t: what exited before the time is reported" 124 "$z1: $NC" '' \
	osbox waitpid -v -t 0.1 "$a1" "$z1"

# Waiting for real: waitpid sleeps in poll until the kill. (The PIDs stay
# zombies of the holder, so the kill may come before or after waitpid
# opens them: the result is the same.)
osbox waitpid -v "$a1" "$a2" "$z1" >"$W/bg" 2>&1 &
wp=$!
kill "$a1"
kill -KILL "$a2"
wait "$wp"
ok "waits until each has exited" test "$?" -eq 0
ok "waits until each has exited: the lines" test "$(sort "$W/bg")" = "$(printf '%s\n' "$a1: $NC" "$a2: $NC" "$z1: $NC" | sort)"

t "no such process" 1 '' 'waitpid: 99999999: No such process' osbox waitpid 99999999
t "no such process, the others waited for" 1 "$z1: $NC" 'waitpid: 99999999: No such process' \
	osbox waitpid -v 99999999 "$z1"
t "no such process with -a: the wait ends at once" 1 '' 'waitpid: 99999999: No such process' \
	osbox waitpid -a -v 99999999 "$z2"
tid=$(ls /proc/$holder/task | grep -vx "$holder" | head -1)
if [ -n "$tid" ]; then
	t "a thread id" 1 '' "waitpid: $tid: a thread of process $holder, not a process" osbox waitpid "$tid"
else
	skip "a thread id" "python started no thread"
fi
t "itself" 1 '' "*" sh -c 'exec osbox waitpid $$'
ok "itself: the message" grep -q '^waitpid: [0-9]*: cannot wait for itself$' "$W/err"
t "a process of another user" 0 "$z1: $NC" '' as_nobody "$OSBOX" waitpid -v "$z1"
kill "$a3" "$holder"
wait "$holder" 2>/dev/null

# Many processes: more than poll's stack array, more than the soft limit
# of descriptors allows (it is raised as far as the hard limit).
mkfifo "$T/pids2"
python3 "$T/holder.py" 100 0 >"$T/pids2" 2>/dev/null &
holder=$!
read -r many <"$T/pids2"
t "100 processes, the soft descriptor limit at 40" 0 100 '' \
	sh -c 'ulimit -Sn 40 && osbox waitpid -v "$@" | grep -c "not our child"' sh $many
if ! vg_skip "more processes than the hard descriptor limit allows" \
	"valgrind has no pidfd_open: waitpid checks each process in turn, with no descriptor to run out of"; then
	t "more processes than the hard descriptor limit allows: reported" 1 '*' '*' \
		sh -c 'ulimit -n 40 && exec osbox waitpid "$@"' sh $many
	ok "more processes than the hard limit: each one past it reported" \
		test "$(grep -c 'Too many open files$' "$W/err")" -gt 50
fi
kill "$holder"
wait "$holder" 2>/dev/null

# Its own children (python forks them, then becomes waitpid; it reaps
# nothing before): their status is known, and they are reaped.
cat >"$T/parent.py" <<'PY'
import os, sys
pids = []
for how in sys.argv[1:]:
    p = os.fork()
    if p == 0:
        if how.startswith("kill"):
            os.kill(os.getpid(), int(how[4:]))
        os._exit(int(how))
    pids.append(str(p))
print(" ".join(pids), flush=True)
os.execvp("osbox", ["osbox", "waitpid", os.environ.get("OPT", "-v")] + pids)
PY
t "a child: its exit status" 0 '*' '' python3 "$T/parent.py" 3
ok "a child: its exit status: the line" test "$(sed -n 2p "$W/out")" = "$(sed -n 1p "$W/out"): exit status 3"
t "a child killed by a signal" 0 '*' '' python3 "$T/parent.py" kill15
ok "a child killed by a signal: the line" \
	test "$(sed -n 2p "$W/out")" = "$(sed -n 1p "$W/out"): killed by signal TERM"
t "children: each status once" 0 '*' '' python3 "$T/parent.py" 0 kill9 255
set -- $(sed -n 1p "$W/out")
ok "children: each status once: the lines" test "$(sed 1d "$W/out" | sort)" = "$(printf '%s\n' \
	"$1: exit status 0" "$2: killed by signal KILL" "$3: exit status 255" | sort)"
set --
t "children, --json" 0 '*' '' env OPT=--json python3 "$T/parent.py" 3 kill15
set -- $(sed -n 1p "$W/out")
ok "children, --json: the objects" test "$(sed 1d "$W/out" | sort)" = "$(printf '%s\n' \
	"{\"pid\":$1,\"child\":true,\"status\":768,\"exit_status\":3,\"signal\":null,\"core_dumped\":false,\"how\":\"exit status 3\"}" \
	"{\"pid\":$2,\"child\":true,\"status\":15,\"exit_status\":null,\"signal\":\"TERM\",\"core_dumped\":false,\"how\":\"killed by signal TERM\"}" | sort)"
set --

t "missing operand" 2 '' "waitpid: missing operand
Try 'waitpid --help' for more information." osbox waitpid
t "not a PID" 2 '' "waitpid: abc: invalid process id
Try 'waitpid --help' for more information." osbox waitpid abc
t "zero is not a PID" 2 '' "waitpid: 0: invalid process id
Try 'waitpid --help' for more information." osbox waitpid 0
t "a PID with a sign" 2 '' "waitpid: +1: invalid process id
Try 'waitpid --help' for more information." osbox waitpid +1
t "a negative PID" 2 '' "waitpid: -5: invalid process id
Try 'waitpid --help' for more information." osbox waitpid -- -5
t "a bad time" 2 '' "waitpid: 1x: invalid time interval
Try 'waitpid --help' for more information." osbox waitpid -t 1x 1
t "a negative time" 2 '' "waitpid: -1: invalid time interval
Try 'waitpid --help' for more information." osbox waitpid -t -1 1
t "-t needs an argument" 2 '' "waitpid: option requires an argument -- 't'
Try 'waitpid --help' for more information." osbox waitpid -t

# The demos. check-demo.py N MODE FILE: the output must be exactly the
# example's, in the documented order, with the PIDs it shows.
# check-demo.py --run K: runs every demo size and mode K times (stdout a
# pipe) and checks each run the same way.
cat >"$T/check-demo.py" <<'PY'
import re, subprocess, sys
def check(n, mode, text):
    parent = re.match(r"PARENT (\d+): Forking 0\n", text)[1]
    pids = re.findall(r"PARENT: Child done: \((\d+), \d+\)", text)
    assert len(pids) == n and len(set(pids)) == n and parent not in pids, pids
    out = []
    if mode == "waitpid":
        for i in range(n):
            out.append(f"PARENT {parent}: Forking {i}")
            if i < n - 1:
                out.append(f"WORKER {i}: Starting")
        out.append(f"PARENT: Waiting for {pids[0]}")
        out.append(f"WORKER {n - 1}: Starting")
    else:
        out += [f"PARENT {parent}: Forking {i}" for i in range(n)]
        out.append("PARENT: Waiting for 0")
        out += [f"WORKER {i}: Starting" for i in range(n)]
    for i in range(n):
        if i:
            out.append(f"PARENT: Waiting for {pids[i] if mode == 'waitpid' else i}")
        out.append(f"WORKER {i}: Finishing")
        out.append(f"PARENT: Child done: ({pids[i]}, {i * 256})")
    want = "\n".join(out) + "\n"
    if text != want:
        sys.exit(f"--demo {n} ({mode}) got:\n" + text + "want:\n" + want)
if sys.argv[1] == "--run":
    for k in range(int(sys.argv[2])):
        for n in (1, 3, 7):
            for mode in ("waitpid", "wait"):
                cmd = ["osbox", "waitpid", "--demo", str(n)] + (["--any"] if mode == "wait" else [])
                p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                assert p.returncode == 0 and p.stderr == "", (cmd, p)
                check(n, mode, p.stdout)
else:
    check(int(sys.argv[1]), sys.argv[2], open(sys.argv[3]).read())
PY
t "--demo: the os.waitpid example" 0 '*' '' osbox waitpid --demo
ok "--demo: the os.waitpid example, exactly" python3 "$T/check-demo.py" 2 waitpid "$W/out"
t "--demo --any: the os.wait example" 0 '*' '' osbox waitpid --demo --any
ok "--demo --any: the os.wait example, exactly" python3 "$T/check-demo.py" 2 wait "$W/out"
t "-a is --any" 0 '*' '' osbox waitpid -a --demo 3
ok "-a is --any, exactly" python3 "$T/check-demo.py" 3 wait "$W/out"
# The order does not depend on luck: sizes 1, 3 and 7, both demos, many times.
ok "the demos' order holds on every run" python3 "$T/check-demo.py" --run 8
t "--demo 256: statuses up to 255 << 8" 0 '*' '' osbox waitpid --demo 256
ok "--demo 256, exactly" python3 "$T/check-demo.py" 256 waitpid "$W/out"
t "--demo when SIGCHLD is ignored" 0 '*' '' python3 -c '
import os, signal; signal.signal(signal.SIGCHLD, signal.SIG_IGN); os.execvp("osbox", ["osbox", "waitpid", "--demo", "--any"])'
ok "--demo when SIGCHLD is ignored, exactly" python3 "$T/check-demo.py" 2 wait "$W/out"

t "--demo --any: a child from before the demo is not a worker" 0 '*' '' \
	python3 -c 'import os
if os.fork() == 0: os._exit(9)
os.execvp("osbox", ["osbox", "waitpid", "--demo", "--any", "3"])'
ok "--demo --any: a child from before, exactly" python3 "$T/check-demo.py" 3 wait "$W/out"

# A fork that fails half way (two processes allowed for an otherwise unused
# user): reported, the worker already there killed and reaped.
U=54324
if vg_skip "--demo: fork fails" "valgrind itself dies of SIGSEGV when the fork it runs for osbox is refused"; then
	:
elif ! getent passwd $U >/dev/null && [ "$(id -u)" = 0 ]; then
	t "--demo: fork fails" 1 '*' 'waitpid: fork: Resource temporarily unavailable' \
		env ASAN_OPTIONS=detect_leaks=0 setpriv --reuid=$U --regid=$U --clear-groups \
		prlimit --nproc=2 "$OSBOX" waitpid --demo 3
	ok "--demo: fork fails: the lines so far" test "$(sed 's/^PARENT [0-9]*:/PARENT P:/' "$W/out")" = "PARENT P: Forking 0
WORKER 0: Starting
PARENT P: Forking 1"
	ok "--demo: fork fails: no worker left" sh -c "! pgrep -u $U >/dev/null"
else
	skip "--demo: fork fails" "needs root and a free uid"
fi
t "--demo: closed pipe" 0 '*' '' sh -c 'osbox waitpid --demo 50 | head -1'
t "--demo: closed pipe: SIGPIPE" 0 -13 '' python3 "$T/closed.py" osbox waitpid --demo

t "--demo 0" 2 '' "waitpid: 0: the number of workers must be 1 to 256
Try 'waitpid --help' for more information." osbox waitpid --demo 0
t "--demo 257" 2 '' "waitpid: 257: the number of workers must be 1 to 256
Try 'waitpid --help' for more information." osbox waitpid --demo 257
t "--demo x" 2 '' "waitpid: x: the number of workers must be 1 to 256
Try 'waitpid --help' for more information." osbox waitpid --demo x
t "--demo with two operands" 2 '' "waitpid: extra operand ‘2’
Try 'waitpid --help' for more information." osbox waitpid --demo 1 2
t "--demo with -v" 2 '' "waitpid: cannot specify --demo with --verbose (-v)
Try 'waitpid --help' for more information." osbox waitpid --demo -v
t "--demo to a full device" 1 '' 'waitpid: write error: No space left on device' \
	sh -c 'osbox waitpid --demo >/dev/full'
t "-v to a full device" 1 '' 'waitpid: write error: No space left on device' \
	sh -c 'sh -c "exit 3" & exec osbox waitpid -v $! >/dev/full'
t "--help" 0 '*' '' osbox waitpid --help
ok "--help shows the usage line" grep -q '^Usage: waitpid \[-t SECONDS\] \[-a\] \[-v|--json\] PID\.\.\.' "$W/out"
t "through a link" 0 '*' '' "$LINKS/waitpid" --demo
ok "through a link, exactly" python3 "$T/check-demo.py" 2 waitpid "$W/out"

# --demo's usage errors, from the option table.
t "--demo with -t" 2 '' "waitpid: cannot specify --demo with --timeout (-t)
Try 'waitpid --help' for more information." osbox waitpid -t 1 --demo
t "--demo with --json" 2 '' "waitpid: cannot specify --demo with --json
Try 'waitpid --help' for more information." osbox waitpid --demo --json
t "--demo with -a is the os.wait example" 0 '*' '' osbox waitpid --demo -a 1
t "-v with --json" 2 '' "waitpid: cannot specify --verbose (-v) with --json
Try 'waitpid --help' for more information." osbox waitpid --json -v 1

# -a: a PID that names no process is reported and ends the wait at once
# (nothing to wait for), without looking at the others; without -a the
# others are still waited for.
python3 "$T/holder.py" 0 1 >"$T/pids" 2>/dev/null &
holder2=$!
read -r b1 <"$T/pids"
t "-a: no such process ends the wait at once" 1 '' 'waitpid: 999999999: No such process' \
	timeout 10 osbox waitpid -a -v 999999999 "$b1"
t "-a: no such process after the others" 1 '' 'waitpid: 999999999: No such process' \
	timeout 10 osbox waitpid -a "$b1" 999999999
t "-a --json: no such process" 1 '' 'waitpid: 999999999: No such process' \
	timeout 10 osbox waitpid -a --json 999999999 "$b1"
t "-a -t: no such process, no time-out" 1 '' 'waitpid: 999999999: No such process' \
	timeout 10 osbox waitpid -a -t 5 999999999 "$b1"
t "without -a the others are waited for" 124 '' 'waitpid: 999999999: No such process' \
	osbox waitpid -t 0.2 999999999 "$b1"
kill "$b1" "$holder2"
wait "$holder2" 2>/dev/null

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	t "issue 12: waitpid quotes $q" 2 '' "waitpid: $q: invalid process id
Try 'waitpid --help' for more information." osbox waitpid "$n"
done
