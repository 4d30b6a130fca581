# walk --printf (find -printf), -l (find -ls) and --json -l (stat --json
# per entry): differential against GNU find on generated trees, byte for
# byte, then the JSON records against stat --json, then the errors.

# --- The trees: every kind of entry, mode, owner, time and hostile name.
cat >"$W/gen.py" <<'EOF'
import os, socket, stat, sys, time

root, hostile = sys.argv[1], sys.argv[2] == "1"
now = int(time.time())
DAY = 86400
os.makedirs(root)
os.chdir(root)
names = ["plain", "a b", "-dash", "nl\nname", b"bad\xffutf8", b"\xc3\xa9t\xc3\xa9",
         "tab\there", "back\\slash", '"dq"', "'sq'", "esc\x1bx", "x" * 60]
modes = [0o644, 0o755, 0o4755, 0o2755, 0o1777, 0o6000, 0o7777, 0o4644, 0o2644,
         0o1666, 0o000, 0o600, 0o444, 0o711]
sizes = [0, 1, 511, 512, 513, 4095, 4096, 4097, 65536, 300000]
os.makedirs("sub/deeper/deepest")
os.makedirs("empty")
os.makedirs("sub/emptytoo")
paths = []
for i, n in enumerate(names):
    b = os.fsencode(n) if isinstance(n, str) else n
    d = [b"", b"sub/", b"sub/deeper/"][i % 3]
    p = d + b
    with open(p, "wb") as f:
        f.write(b"z" * sizes[i % len(sizes)])
    paths.append(p)
for i, m in enumerate(modes):
    p = b"m%04o" % m
    with open(p, "wb") as f:
        f.write(b"y" * sizes[(i + 3) % len(sizes)])
    os.chmod(p, m)
    paths.append(p)
os.link(b"plain", b"sub/hardlink")
os.link(b"plain", b"hard2")
os.mkfifo(b"fifo")
s = socket.socket(socket.AF_UNIX)
s.bind("sock")
s.close()
os.symlink(b"plain", b"ln-file")
os.symlink(b"sub", b"ln-dir")
os.symlink(b"nowhere", b"ln-dangling")
os.symlink(b"nl\nname", b"ln-hostile")
if hostile:
    os.symlink(b"plain/x", b"ln-notdir")
    os.symlink(b"loop1", b"loop2")
    os.symlink(b"loop2", b"loop1")
os.chmod("sub/deeper/deepest", 0o1777)
if os.geteuid() == 0:
    os.chown(b"m0644", 54321, 54322)        # ids without names
    os.chown(b"m0755", 1234567, 0)
    os.chown(b"m4755", 0, 123456789)
    os.chown(b"fifo", 54321, 54321)
    os.lchown(b"ln-file", 54321, 54322)
    os.mknod(b"cdev", 0o620 | stat.S_IFCHR, os.makedev(1, 3))
    os.mknod(b"bdev", 0o660 | stat.S_IFBLK, os.makedev(259, 65537))
# times over a year (some older than six months, some in the future),
# with nanoseconds, deepest first so that the directories keep theirs
every = []
for dp, dn, fn in os.walk(b"."):
    every += [os.path.join(dp, x) for x in dn + fn]
every.sort(key=len, reverse=True)
for i, p in enumerate(every + [b"."]):
    m = (now - (i * 7919 % 400) * DAY - i * 3607) * 10**9 + i * 123456789 % 10**9
    if i % 17 == 3:
        m = (now + 40 * DAY) * 10**9 + 5
    a = m - i * 86400 * 10**9 // 3
    os.utime(p, ns=(a, m), follow_symlinks=False)
EOF

# Settles the access times: reading a directory (or a link) whose atime is
# older than its ctime updates it, and the first of two programs to read
# it would see another time than the second.
cat >"$W/settle.py" <<'EOF'
import os, sys, time
for _ in range(2):
    for top in sys.argv[1:]:
        for dp, dn, fn in os.walk(top.encode()):
            for x in dn + fn:
                p = os.path.join(dp, x)
                if os.path.islink(p):
                    os.readlink(p)
    time.sleep(0.02)
EOF
python3 "$W/gen.py" g 1 && python3 "$W/gen.py" gl 0 && python3 "$W/settle.py" g gl ||
	_fail "the trees could not be made"

# One differential case: find's output and diagnostics against walk's.
cases=0
n=0
# q WORD: WORD quoted for eval.
q() {
	case $1 in
	*"'"*) printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
	*) printf "'%s'" "$1" ;;
	esac
}
diff_case() { # DESC FINDARGS... -- WALKARGS...
	local desc=$1 fargs=
	shift
	while [ "$1" != -- ]; do
		case $1 in
		*"'"*) fargs="$fargs $(q "$1")" ;;
		*) fargs="$fargs '$1'" ;;
		esac
		shift
	done
	shift
	n=$((n + 1))
	# under valgrind, every tenth case only
	if $VALGRIND && [ $((n % 10)) -ne 1 ]; then
		return
	fi
	cases=$((cases + 1))
	eval "find $fargs" >"$W/f.out" 2>"$W/f.err"
	local fs=$?
	osbox walk "$@" >"$W/w.out" 2>"$W/w.err"
	local ws=$?
	if [ -s "$W/f.err" ]; then
		sed 's/^find: /walk: /' "$W/f.err" >"$W/f.err2"
	else
		: >"$W/f.err2"
	fi
	if cmp -s "$W/f.out" "$W/w.out" && cmp -s "$W/f.err2" "$W/w.err" && [ $fs = $ws ]; then
		passed=$((passed + 1))
	else
		_fail "$desc: differs from find" "walk $* (status $ws, find $fs)" \
			"$(diff "$W/f.out" "$W/w.out" | head -5)" "$(diff "$W/f.err2" "$W/w.err" | head -3)"
	fi
}
pf() { # FORMAT [TREE] [-L]: walk --printf FORMAT against find -printf FORMAT
	local tree=${2:-g}
	if [ "${3:-}" = -L ]; then
		diff_case "-L --printf '$1'" -L "$tree" -printf "$1" -- -L "$tree" --printf "$1"
	else
		diff_case "--printf '$1'" "$tree" -printf "$1" -- "$tree" --printf "$1"
	fi
}

# every directive alone, then all of them under -L
dirs="p P f h H d s k b m M u U g G i n l y Y D S a c t A@ C@ T@"
all=
for d in $dirs; do
	pf "%$d\n"
	all="$all%$d|"
done
pf "$all\n" gl -L
# every strftime letter, and find's own (@ +), for each time, a few a case
for ks in 'a A b B c C d D' 'e F g G h H I j' 'k l m M n p r R' 's S t T u U V w' \
	'W x X y Y z Z +' '@ % E O'; do
	f=
	for k in $ks; do
		f="$f%T$k|"
	done
	pf "$f\n"
done
pf '%Aa|%Ab|%AH|%AM|%AS|%AT|%AX|%A+|%A@|%Ac\n'
pf '%Ca|%Cb|%CH|%CM|%CS|%CT|%CX|%C+|%C@|%Cc\n'
# widths and flags: strings take printf's %s, %d and %m its %d and %o
for fl in -12 12 05 .2 .0 + '#' ' ' '-+ #08.3' 1 -1; do
	f=
	for d in p P f h s k i n u g M y Y m d l T@ t TS S U; do
		f="$f%$fl$d|"
	done
	pf "$f\n"
done
# the escapes, \c, %%, and what find does with an unknown one
pf '\n|\t|\0|\\|\a|\b|\f|\r|\v|%p\n'
pf '\101|\1234|\777|\08|%%|%5%|%-5.3%|%p\n'
pf 'a\cb|%p\n'
pf '%p|\q|\x41|\8|\"|%p\n'
pf '%p|%q|%5q|%0-5s|%'"'"'d|%I|%)|%p\n'
pf '%p|%Aq|%5Aq|%-5Ab\n'
pf '%p|%A'
pf '%p|end\'
# several roots, roots with slashes, and a file as the root
diff_case "roots: %p %P %f %h %H" g/ g//sub gl/plain . -printf '%p|%P|%f|%h|%H|%d\n' \
	-- g/ g//sub gl/plain . --printf '%p|%P|%f|%h|%H|%d\n'
diff_case "a root of slashes only" // -maxdepth 0 -printf '%p|%P|%f|%h|%H\n' \
	-- // --max-depth 0 --printf '%p|%P|%f|%h|%H\n'
diff_case "--bottom-up is find -depth" g -depth -printf '%p %y %s %m %T@\n' \
	-- g --bottom-up --printf '%p %y %s %m %T@\n'
diff_case "-l is find -ls" g -ls -- g -l
diff_case "-L -l is find -L -ls" -L gl -ls -- -L gl -l
diff_case "-l, with the filters" g -mindepth 1 -maxdepth 1 -type f -ls -- g --min-depth 1 --max-depth 1 --type f -l
# another time zone: the local time of every letter, daylight saving included
if [ -e /usr/share/zoneinfo/America/New_York ]; then
	export TZ=America/New_York
	for f in '%t|%Tc|%TH:%TM|%Tz|%TZ|%T+\n' '%a %c\n'; do
		diff_case "TZ=$TZ --printf '$f'" g -printf "$f" -- g --printf "$f"
	done
	diff_case "TZ=$TZ -l" g -ls -- g -l
	export TZ=UTC
fi
echo "walk_printf: $cases differential cases against find (of $n)"

# --- --json -l: each record is stat --json's for the path, plus depth.
cat >"$W/jl.py" <<'EOF'
import json, os, subprocess, sys
osbox, top = sys.argv[1], sys.argv[2]
recs = [json.loads(l) for l in subprocess.run(
    [osbox, "walk", "-l", "--json", top], capture_output=True, check=True).stdout.splitlines()]
want = subprocess.run(["find", top, "-print0"], capture_output=True).stdout.split(b"\0")[:-1]
paths = [os.fsencode(r["path"]) for r in recs]
bad = []
if paths != want:
    bad.append("paths are not find's, in find's order")
stats = [json.loads(l) for l in subprocess.run(
    [osbox, "stat", "--json", *paths], capture_output=True).stdout.splitlines()]
if len(stats) != len(recs):
    bad.append(f"{len(stats)} stat records for {len(recs)} entries")
for r, s, p in zip(recs, stats, paths):
    depth = r.pop("depth", None)
    want_depth = 0 if p == top.encode() else p.count(b"/") - top.count("/")
    if depth != want_depth:
        bad.append(f"{p!r}: depth {depth}, expected {want_depth}")
    if r != s:
        bad.append(f"{p!r}: {r} != stat's {s}")
print("\n".join(bad[:5]))
sys.exit(1 if bad else 0)
EOF
t "--json -l: stat --json's record of each path, plus depth; os.fsencode gives the bytes" 0 '' '' \
	python3 "$W/jl.py" "$OSBOX" g
t "--json -l: --min-depth and --type choose the records" 0 \
	'{"path":"g/fifo","type":"fifo","depth":1}' '' \
	sh -c 'osbox walk --json -l --min-depth 1 --type p g |
		python3 -c "import json,sys; [print(json.dumps({k: r[k] for k in (\"path\", \"type\", \"depth\")}, separators=(\",\", \":\"))) for r in map(json.loads, sys.stdin)]"'

# --- Costs: a format without the status stats nothing more than the
# plain walk (d_type suffices); one with it, one stat per entry.
stats() { # the stat calls of osbox walk ARGS, on top of the plain walk's
	ASAN_OPTIONS=detect_leaks=0 strace -f -c -o "$W/strace" "$OSBOX_REAL" walk "$@" >/dev/null
	grep -E "fstatat|statx|lstat" "$W/strace" | awk '{s += $4} END {print s + 0}'
}
if ! $VALGRIND && strace -f -o /dev/null true 2>/dev/null; then
	base=$(stats g)
	entries=$(find g | wc -l)
	ok "--printf '%p %f %h %d %y': no stat per entry" check '[ "$(stats g --printf "%p %f %h %d %y\n")" -eq "$base" ]'
	ok "--printf '%s %p': a stat per entry, no more" \
		check 'c=$(stats g --printf "%s %p\n"); [ "$c" -le $((base + entries)) ] && [ "$c" -ge $((base + entries - 3)) ]'
else
	skip "syscall counts" "under valgrind, or strace cannot run here"
fi

# --- Errors.
HINT="Try 'walk --help' for more information."
t "% at the end: find's error, a usage error" 2 '' "walk: error: % at end of format string
$HINT" osbox walk g --printf 'x%'
t "%{: reserved, as find says" 2 '' "walk: error: the format directive \`%{' is reserved for future use
$HINT" osbox walk g --printf '%{'
t "%5 at the end: reserved (find shows a NUL between the quotes)" 2 '' \
	"walk: error: the format directive \`%' is reserved for future use
$HINT" osbox walk g --printf '%5'
t "an unknown directive: warned once, printed as it stands" 0 '%5q
%5q' "walk: warning: unrecognized format directive \`%q'" \
	osbox walk g/sub/deeper/deepest g/empty --printf '%5q\n'
t "%F: not supported, said so" 2 '' "walk: --printf: %F is not supported
$HINT" osbox walk g --printf '%F'
# the table of exclusions (core/opts.c, no memory at stake): natively only
if ! $VALGRIND; then
	t "--printf with -l" 2 '' "walk: cannot specify --printf with --long (-l)
$HINT" osbox walk --printf '%p' -l g
	t "--printf with --tree" 2 '' "walk: cannot specify --printf with --tree
$HINT" osbox walk --printf '%p' --tree g
	t "--printf with --json" 2 '' "walk: cannot specify --printf with --json
$HINT" osbox walk --printf '%p' --json g
	t "-0 with --printf" 2 '' "walk: cannot specify --null (-0) with --printf
$HINT" osbox walk -0 --printf '%p' g
	t "-0 with -l" 2 '' "walk: cannot specify --null (-0) with --long (-l)
$HINT" osbox walk -0 -l g
	t "-l with --tree" 2 '' "walk: cannot specify --long (-l) with --tree
$HINT" osbox walk -l --tree g
fi
t "--printf: write error" 1 '' 'walk: write error: No space left on device' \
	sh -c 'osbox walk g --printf "%s %p\n" >/dev/full'
t "-l: write error" 1 '' 'walk: write error: No space left on device' sh -c 'osbox walk g -l >/dev/full'
t "--json -l: write error" 1 '' 'walk: write error: No space left on device' \
	sh -c 'osbox walk g -l --json >/dev/full'
t "--printf: closed pipe" 0 'g' '' sh -c 'osbox walk g --printf "%p\n" | head -1'
t "-l: closed pipe" 0 '1' '' sh -c 'osbox walk g -l | head -1 | wc -l'
t "a missing root: reported, as find" 1 '' "walk: nosuch: No such file or directory" \
	osbox walk nosuch --printf '%p %s\n'
