# procinfo: the process-owner report and the process's ids, checked against
# what Python's os module says about the same process.

# expect.py [--json] [--tty|--ctty-only] DIR: runs procinfo in DIR in a new
# session (so no controlling terminal unless asked), umask 027, and prints
# "ok" when its output is exactly what os says about that child.
cat >"$T/expect.py" <<'PY'
import fcntl, json, os, pty, subprocess, sys, termios
args = sys.argv[1:]
as_json = "--json" in args
mode = "--tty" if "--tty" in args else "--ctty-only" if "--ctty-only" in args else None
cwd = os.fsencode(args[-1])
tty = None
if mode:
    master, slave = pty.openpty()
    tty = os.ttyname(slave)
def setup():
    os.umask(0o027)
    if mode:
        # Session leader opening a terminal: it becomes the controlling one.
        fd = os.open(tty, os.O_RDWR)
        fcntl.ioctl(fd, termios.TIOCSCTTY, 0)
        os.close(fd)
cmd = ["osbox", "procinfo"] + (["--json"] if as_json else [])
out = slave if mode == "--tty" else subprocess.PIPE
p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out,
                     start_new_session=True, preexec_fn=setup)
if mode == "--tty":
    os.close(slave)
    data = b""
    while True:
        try:
            b = os.read(master, 4096)
        except OSError:
            break
        if not b:
            break
        data += b
    data = data.replace(b"\r\n", b"\n")
else:
    data = p.stdout.read()
status = p.wait()
assert status == 0, status
pid = p.pid
want = {"uid": os.getuid(), "euid": os.geteuid(), "gid": os.getgid(), "egid": os.getegid(),
        "groups": os.getgroups(), "pid": pid, "ppid": os.getpid(), "pgid": pid, "sid": pid,
        "tty": tty, "cwd": os.fsdecode(cwd), "umask": 0o027}
if as_json:
    got = json.loads(data)
    assert got == want, (got, want)
    assert list(got) == list(want), list(got)
    assert os.fsencode(got["cwd"]) == cwd
else:
    lines = [
        'User (actual/effective)  : {} / {}'.format(os.getuid(), os.geteuid()),
        'Group (actual/effective) : {} / {}'.format(os.getgid(), os.getegid()),
        'Actual Groups   : {}'.format(os.getgroups()),
        'Process id      : {}'.format(pid),
        'Parent id       : {}'.format(os.getpid()),
        'Process group   : {}'.format(pid),
        'Session         : {}'.format(pid),
        'Terminal        : {}'.format(tty or "none"),
    ]
    expected = "\n".join(lines).encode() + b"\nWorking dir     : " + cwd + b"\nUmask           : 0027\n"
    assert data == expected, (data, expected)
print("ok")
PY

mkdir -p "$T/plain" "$T/$(printf 'new\nline')" "$T/$(printf 'bad\377utf8')"
t "the report, no terminal" 0 ok '' python3 "$T/expect.py" "$T/plain"
t "--json, no terminal" 0 ok '' python3 "$T/expect.py" --json "$T/plain"
t "a working directory with a newline is written raw" 0 ok '' \
	python3 "$T/expect.py" "$T/$(printf 'new\nline')"
t "--json: invalid UTF-8 in the directory comes back with fsencode" 0 ok '' \
	python3 "$T/expect.py" --json "$T/$(printf 'bad\377utf8')"
t "the controlling terminal on stdout" 0 ok '' python3 "$T/expect.py" --tty "$T/plain"
t "the controlling terminal when no descriptor is it" 0 ok '' \
	python3 "$T/expect.py" --ctty-only "$T/plain"
t "--json, the controlling terminal" 0 ok '' python3 "$T/expect.py" --json --ctty-only "$T/plain"

# As another user the ids change and the groups are those setpriv gave.
NOGROUP=$(getent group nogroup | cut -d: -f3)
run as_nobody "$LINKS/procinfo"
ok "as nobody: the owner lines" test "$(head -3 "$W/out")" = "User (actual/effective)  : $(id -u nobody) / $(id -u nobody)
Group (actual/effective) : $NOGROUP / $NOGROUP
Actual Groups   : []"
t "as nobody with groups" 0 "*" '' setpriv --reuid=nobody --regid=nogroup --groups=4,0 -- "$OSBOX" procinfo
ok "the groups in the order getgroups gives them" \
	grep -qx 'Actual Groups   : \[0, 4\]' "$W/out"
t "as nobody, --json" 0 '*' '' setpriv --reuid=nobody --regid=nogroup --groups=4 -- "$OSBOX" procinfo --json
ok "--json groups" grep -q "^{\"uid\":$(id -u nobody),\"euid\":$(id -u nobody),\"gid\":$NOGROUP,\"egid\":$NOGROUP,\"groups\":\[4\],\"pid\":" "$W/out"
# Different real and effective ids make exec secure (AT_SECURE) and the
# process non-dumpable, which LeakSanitizer cannot cope with.
if ldd "$OSBOX" | grep -q libasan; then
	skip "real and effective ids differ" "LeakSanitizer fails in a non-dumpable process"
else
	t "real and effective ids differ" 0 '*' '' setpriv --ruid=0 --euid=nobody -- "$OSBOX" procinfo
	ok "real and effective ids differ: the line" grep -qx "User (actual/effective)  : 0 / $(id -u nobody)" "$W/out"
fi

t "umask 0777" 0 "Umask           : 0777" '' sh -c 'umask 0777; osbox procinfo | tail -1'
t "umask 0000" 0 "Umask           : 0000" '' sh -c 'umask 0; osbox procinfo | tail -1'
t "a removed working directory" 1 'Working dir     : ?' 'procinfo: getcwd: No such file or directory' \
	sh -c 'mkdir gone && cd gone && rmdir ../gone && { osbox procinfo >"$T/p"; s=$?; grep Working "$T/p"; exit $s; }'
t "a removed working directory, --json" 1 '*' 'procinfo: getcwd: No such file or directory' \
	sh -c 'mkdir gone && cd gone && rmdir ../gone && osbox procinfo --json'
ok "a removed working directory is null" grep -q '"cwd":null' "$W/out"
t "through a link" 0 '*' '' "$LINKS/procinfo"
ok "through a link: ten lines" test "$(wc -l <"$W/out")" -eq 10

t "an operand" 2 '' "procinfo: extra operand ‘x’
Try 'procinfo --help' for more information." osbox procinfo x
t "unknown option" 2 '' "procinfo: unrecognized option '--bogus'
Try 'procinfo --help' for more information." osbox procinfo --bogus
t "--help" 0 '*' '' osbox procinfo --help
ok "--help shows the usage line" grep -q '^Usage: procinfo \[--json\]' "$W/out"
t "write error" 1 '' 'procinfo: write error: No space left on device' sh -c 'osbox procinfo >/dev/full'
t "--json write error" 1 '' 'procinfo: write error: No space left on device' \
	sh -c 'osbox procinfo --json >/dev/full'

# Usage errors from the option table: the first operand too many is named.
t "two operands" 2 '' "procinfo: extra operand ‘x’
Try 'procinfo --help' for more information." osbox procinfo x y
