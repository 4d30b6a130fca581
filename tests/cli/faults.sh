# Faults every applet must survive: stdout on a full device or closed,
# stdin closed, a closed pipe. Applet-specific faults live in APPLET.sh.
applets=$("$OSBOX_REAL" --list)
# A write error exits with the applet's own failure status: 125 for the
# applets that run a command (as GNU env: 126 and 127 are the command's),
# 1 for every other.
wstatus() {
	case $1 in env | runas | spawn) echo 125 ;; *) echo 1 ;; esac
}
ok "the applets are listed" test "$(echo $applets | wc -w)" -ge 18

# closed.py MODE COMMAND...: runs COMMAND with stdout a pipe whose reader
# is gone before it starts, so that its first write fails for sure; prints
# its status as subprocess gives it (-13: killed by SIGPIPE) and then its
# stderr. MODE ign runs it with SIGPIPE ignored, as a caller may leave it
# (osbox takes the default action back for itself).
cat >"$T/closed.py" <<'PY'
import os, signal, subprocess, sys
r, w = os.pipe()
os.close(r)
pre = None
if sys.argv[1] == "ign":
    pre = lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)
p = subprocess.run(sys.argv[2:], stdout=w, stderr=subprocess.PIPE, preexec_fn=pre)
sys.stdout.write(str(p.returncode) + p.stderr.decode())
PY

for a in $applets; do
	s=$(wstatus "$a")
	t "$a --help to a full device" "$s" '' "$a: write error: No space left on device" \
		sh -c '"$0" --help >/dev/full' "$LINKS/$a"
	t "$a --help with stdout closed" "$s" '' "$a: write error: Bad file descriptor" \
		sh -c '"$0" --help >&-' "$LINKS/$a"
	t "$a --version with stdin closed" 0 "$a (osbox) $("$OSBOX_REAL" --version | cut -d' ' -f2)" '' \
		sh -c '"$0" --version <&-' "$LINKS/$a"
	t "$a --help into a closed pipe: SIGPIPE, quietly" 0 -13 '' \
		python3 "$T/closed.py" dfl "$LINKS/$a" --help
	t "$a --help into a closed pipe, SIGPIPE ignored by the caller" 0 -13 '' \
		python3 "$T/closed.py" ign "$LINKS/$a" --help
done

# Few file descriptors: a tree 300 levels deep (paths past PATH_MAX) is still
# walked, listed and changed completely under `ulimit -n 16`.
python3 - "$T/deep" <<'PY'
import os, sys
os.mkdir(sys.argv[1])
fd = os.open(sys.argv[1], os.O_RDONLY)
for i in range(300):
    os.mkdir("d" * 100, dir_fd=fd)
    nfd = os.open("d" * 100, os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    fd = nfd
    os.close(os.open("f", os.O_CREAT | os.O_WRONLY, 0o644, dir_fd=fd))
PY
(cd "$T" && find deep) >"$T/deep.find"
if ! vg_skip "walk, chmod -R under ulimit -n 16" "valgrind needs more descriptors than that for itself"; then
	t "walk under ulimit -n 16" 0 '*' '' bash -c 'ulimit -n 16 && cd "$1" && osbox walk deep' sh "$T"
	same "walk under ulimit -n 16 is complete" "$W/out" "$T/deep.find"
	t "walk -j 4 under ulimit -n 16" 0 '*' '' bash -c 'ulimit -n 16 && cd "$1" && osbox walk -j 4 deep' sh "$T"
	same "walk -j 4 under ulimit -n 16 is complete" "$W/out" "$T/deep.find"
	t "chmod -R under ulimit -n 16" 0 '' '' bash -c 'ulimit -n 16 && osbox chmod -R go-rx "$1"' sh "$T/deep"
	ok "chmod -R reached every level" python3 -c '
import os, stat, sys
fd, n = os.open(sys.argv[1], os.O_RDONLY), 0
assert stat.S_IMODE(os.fstat(fd).st_mode) == 0o700  # the operand itself
while True:
    try:
        st = os.stat("f", dir_fd=fd)
        assert stat.S_IMODE(st.st_mode) == 0o600, oct(st.st_mode)
        n += 1
    except FileNotFoundError:
        pass
    try:
        nfd = os.open("d" * 100, os.O_RDONLY, dir_fd=fd)
    except FileNotFoundError:
        break
    assert stat.S_IMODE(os.fstat(nfd).st_mode) == 0o700
    os.close(fd)
    fd = nfd
assert n == 300, n' "$T/deep"
	run bash -c 'ulimit -n 5 && cd "$1" && exec osbox walk deep >/dev/null' sh "$T"
	ok "an fd limit too small for the walk is reported, not a crash" \
		sh -c '[ "$1" = 1 ] && grep -q ": Too many open files$" "$2"' sh "$status" "$W/err"
fi

# Signals mid-operation: stopped and continued many times, a walk into a
# slow reader and a job runner still produce exactly their whole output.
mkdir -p "$T/wide" && (cd "$T/wide" && seq 1 3000 | xargs touch)
(cd "$T" && find wide | sort) >"$T/wide.find"
cat >"$T/stopcont.sh" <<'SH'
# runs "$@" in the background, stops and continues it until it ends
"$@" &
pid=$!
while kill -STOP "$pid" 2>/dev/null; do kill -CONT "$pid" 2>/dev/null; done
wait "$pid"
SH
# (pipefail: the status is the applet's, not sort's.)
t "walk stopped and continued throughout" 0 '*' '' \
	bash -c 'set -o pipefail; cd "$1" && bash "$1/stopcont.sh" osbox walk wide | sort' sh "$T"
same "the walk's output is whole" "$W/out" "$T/wide.find"
seq 1 300 | sed 's/^/echo job /' >"$T/jobs"
t "spawn -j stopped and continued throughout" 0 '*' '' \
	bash -c 'set -o pipefail; bash "$1/stopcont.sh" osbox spawn -j 2 -f "$1/jobs" | sort -n -k2' sh "$T"
ok "every job ran once" sh -c 'seq 1 300 | sed "s/^/job /" | cmp -s - "$1"' sh "$W/out"

# A full file system (a 1 MiB tmpfs with few inodes, where mount works): the
# applets that write fail with ENOSPC and lose nothing.
mkdir "$T/full"
if mount -t tmpfs -o size=1m,nr_inodes=16 osbox-test "$T/full" 2>/dev/null; then
	trap 'umount "$T/full" 2>/dev/null; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
	echo data >"$T/full/keep"
	: >"$T/full/out"
	ln -s keep "$T/full/link"
	i=0
	while mkdir "$T/full/fill$i" 2>/dev/null; do i=$((i + 1)); done
	t "mkdirs on a full file system" 1 '' "mkdirs: $T/full/new: No space left on device" \
		osbox mkdirs "$T/full/new/a/b"
	ok "nothing half made" test ! -e "$T/full/new"
	t "symlink -f on a full file system" 1 '' \
		"symlink: failed to create symbolic link '$T/full/link': No space left on device" \
		osbox symlink -f other "$T/full/link"
	ok "the old link is still there" test "$(readlink "$T/full/link")" = keep
	ok "no temporary link left" sh -c '[ $(ls -A "$1" | grep -c -v -e "^fill" -e "^keep$" -e "^link$" -e "^out$") -eq 0 ]' sh "$T/full"
	t "replace needs no space" 0 '' '' osbox replace "$T/full/keep" "$T/full/kept"
	ok "the data moved whole" test "$(cat "$T/full/kept")" = data
	rm -f "$T/full/kept"
	head -c 2000000 /dev/zero >"$T/full/big" 2>/dev/null
	t "output into a full file system" 1 '' 'walk: write error: No space left on device' \
		sh -c 'osbox walk "$1" >>"$2/out"' sh "$T/wide" "$T/full"
	umount "$T/full"
else
	skip "full file system cases" "cannot mount a tmpfs here"
fi
