# readlink: GNU readlink, byte for byte: plain readlink, -f -e -m, -n -z,
# -q -s -v, exit statuses; differential against the system's GNU readlink.
GNU=/usr/bin/readlink
[ -x "$GNU" ] && "$GNU" --version 2>/dev/null | grep -q GNU || GNU=

mkdir d
echo data >f
touch d/g
ln -s f lf
ln -s d ld
ln -s nowhere dang
ln -s loop loop
ln -s "$T/d" absd
ln -s ../f d/up
nl='new
line'
ln -s "$nl" nltarget

t "a symlink's target" 0 f '' osbox readlink lf
t "through the link" 0 f '' "$LINKS/readlink" lf
t "an absolute target" 0 "$T/d" '' osbox readlink absd
t "a dangling symlink" 0 nowhere '' osbox readlink dang
t "a target with a newline" 0 "$nl" '' osbox readlink nltarget
t "several operands" 0 "f
d" '' osbox readlink lf ld
t "not a symlink: silent, exit 1" 1 '' '' osbox readlink f
t "-v: not a symlink" 1 '' "readlink: f: Invalid argument" osbox readlink -v f
t "-v: missing" 1 '' "readlink: none: No such file or directory" osbox readlink --verbose none
t "a failing operand among good ones" 1 "f
d" '' osbox readlink lf f ld
t "-q after -v" 1 '' '' osbox readlink -v -q f
t "-s after -v" 1 '' '' osbox readlink -v --silent f
t "-v after -q" 1 '' "readlink: f: Invalid argument" osbox readlink -q -v f
t "-v quotes names as GNU" 1 '' "readlink: 'a b': No such file or directory" osbox readlink -v 'a b'
t "-v quotes '{' alone, as GNU's quotef" 1 '' "readlink: '{': No such file or directory" osbox readlink -v '{'
t "-v quotes a ':', as GNU's quotef" 1 '' "readlink: 'x:y': No such file or directory" osbox readlink -v x:y
t "-v: '{' inside a name is plain" 1 '' "readlink: a{b: No such file or directory" osbox readlink -v 'a{b'
t "-v quotes control characters" 1 '' "readlink: 'a'\$'\\n''b': No such file or directory" \
	osbox readlink -v 'a
b'
t "-n" 0 f '' osbox readlink -n lf
ok "-n: no newline" [ "$(od -An -c "$W/out" | tr -d ' ')" = f ]
t "-n with several operands is ignored, said aloud" 0 "f
d" "readlink: ignoring --no-newline with multiple arguments" osbox readlink -n lf ld
t "-z: NUL after each" 0 ' f \0 d \0' '' sh -c 'osbox readlink -z lf ld | od -An -c | tr -s " "'
t "-zn: nothing after" 0 ' f' '' sh -c 'osbox readlink -zn lf | od -An -c | tr -s " "'


t "-f" 0 "$T/f" '' osbox readlink -f lf
t "-f on a file" 0 "$T/f" '' osbox readlink -f ./d/../f
t "-f: a missing last component" 0 "$T/nowhere" '' osbox readlink -f dang
t "-f: missing in the middle" 1 '' "readlink: none/x: No such file or directory" \
	osbox readlink -v -f none/x
t "-e: missing" 1 '' "readlink: dang: No such file or directory" osbox readlink -v -e dang
t "-e" 0 "$T/d/g" '' osbox readlink --canonicalize-existing ld/g
t "-m" 0 "$T/none/x" '' osbox readlink --canonicalize-missing none/x/y/..
t "-f: a loop" 1 '' "readlink: loop: Too many levels of symbolic links" osbox readlink -v -f loop
t "-m: a loop is written as it stands" 0 "$T/loop/x" '' osbox readlink -m loop/x
t "-f: a file with a slash" 1 '' "readlink: f/: Not a directory" osbox readlink -v -f f/
t "-f: a relative link in a directory" 0 "$T/f" '' osbox readlink -f d/up
t "-f: the root" 0 / '' osbox readlink -f //
t "-f: an empty name" 1 '' "readlink: '': No such file or directory" osbox readlink -v -f ''
t "-f: several, one failing" 1 "$T/f
$T/d" '' osbox readlink -e lf dang ld
printf '%s\0' "$T/f" >want-z
t "-f -z: NUL" 0 '' '' sh -c 'osbox readlink -f -z lf | cmp - want-z'

# usage: GNU readlink's status 1
t "no operand" 1 '' "readlink: missing operand
Try 'readlink --help' for more information." osbox readlink
t "unknown option" 1 '' "readlink: invalid option -- 'x'
Try 'readlink --help' for more information." osbox readlink -x lf
t "--help" 0 '*' '' osbox readlink --help
ok "--help usage line" grep -q '^Usage: readlink \[-f|-e|-m\] \[-n\] \[-q|-s\] \[-v\] \[-z\] FILE' "$W/out"
t "write error" 1 '' "readlink: write error: No space left on device" sh -c 'osbox readlink lf >/dev/full'

# permission denied, long names, long paths
mkdir -p "$T/priv/in"
ln -s in "$T/priv/lin"
chmod 700 "$T/priv"
t "permission denied" 1 '' "readlink: $T/priv/lin: Permission denied" \
	as_nobody "$OSBOX" readlink -v "$T/priv/lin"
t "-f: permission denied" 1 '' "readlink: $T/priv/lin: Permission denied" \
	as_nobody "$OSBOX" readlink -v -f "$T/priv/lin"
t "-m: permission denied is not an error" 0 "$T/priv/lin" '' \
	as_nobody "$OSBOX" readlink -m "$T/priv/lin"
long=$(printf '%0300d' 0)
t "a name too long" 1 '' "readlink: $long: File name too long" osbox readlink -v "$long"
t "-f: a name too long" 1 '' "readlink: $long: File name too long" osbox readlink -v -f "$long"
t "/proc/self/cwd" 0 "$T" '' osbox readlink /proc/self/cwd
comp=$(printf '%0200d' 1)
deep=deep
for i in $(seq 25); do deep=$deep/$comp; done
mkdeep "$deep" up ../..
t "a link past PATH_MAX" 0 ../.. '' osbox readlink "$deep/up"
want=$T/$deep
want=${want%/*}
t "-f past PATH_MAX" 0 "${want%/*}" '' osbox readlink -f "$deep/up"

if [ -z "$GNU" ]; then
	skip "differential test against GNU readlink" "no GNU readlink in /usr/bin"
else

# Against GNU readlink: a generated tree of links (relative, absolute,
# chains, loops, dangling, through files), random spellings of paths, every
# option; each mode runs once with every operand, and again per operand
# when they differ, to name the case.
cat >"$T/diff.py" <<'PY'
import os, random, subprocess, sys
osbox, gnu = os.environ["OSBOX"], sys.argv[1]
random.seed(7)
root = os.path.abspath("gen")
os.makedirs(root + "/a/b/c")
os.makedirs(root + "/x/y")
for f in ("a/file", "a/b/file2", "x/y/z"):
    open(os.path.join(root, f), "w").close()
os.chdir(root)
names = ["a", "b", "c", "x", "y", "z", "file", "file2", "l1", "l2", "l3", "l4", "l5", "l6",
         "missing", ".", "..", "loopa", "loopb", "self"]
def rpath(n):
    parts = [random.choice(names) for _ in range(n)]
    s = ""
    for i, p in enumerate(parts):
        s += ("/" if i else "") + ("/" if i and random.random() < 0.1 else "") + p
    if random.random() < 0.15:
        s += "/"
    return s
os.symlink("loopb", "loopa"); os.symlink("loopa", "loopb"); os.symlink("self", "self")
os.symlink("loopa", "a/loopa"); os.symlink("../loopb", "a/loopb")
dirs = ["", "a", "a/b", "a/b/c", "x", "x/y"]
for i in range(1, 7):
    for d in dirs:
        t = rpath(random.randint(1, 4))
        if random.random() < 0.2:
            t = root + "/" + t
        os.symlink(t, os.path.join(d, "l%d" % i) if d else "l%d" % i)
cases = [rpath(random.randint(1, 5)) for _ in range(400)]
cases += ["/" + c for c in cases[:40]] + [root + "/" + c for c in cases[40:80]]
cases += ["", "/", "//", "///x", ".", "..", "./", "../"]
bad = 0
for mode in ([], ["-f"], ["-e"], ["-m"]):
    def run(tool, ops):
        r = subprocess.run([tool, "readlink", "-v"] + mode + ["--"] + ops if tool == osbox
                           else [tool, "-v"] + mode + ["--"] + ops, capture_output=True)
        return r.returncode, r.stdout, r.stderr.replace(gnu.encode() + b":", b"readlink:")
    if run(osbox, cases) == run(gnu, cases):
        continue
    for c in cases:
        a, b = run(osbox, [c]), run(gnu, [c])
        if a != b:
            bad += 1
            print("differs:", mode, repr(c), "osbox", a, "gnu", b)
print(bad)
sys.exit(1 if bad else 0)
PY
t "hundreds of generated cases agree with GNU readlink" 0 0 '' python3 "$T/diff.py" "$GNU"
# names that need quoting in messages, and bytes that are not UTF-8
mkdir -p "w/sp ace" "w/n
l" "$(printf 'w/\377')"
ln -s "sp ace" "w/l sp"
ln -s "../w/n
l" "w/l:nl"
ln -s "$(printf '\377')/x" "w/l bad"
for f in "w/l sp" "w/l:nl" "w/l bad" "w/l bad/y" "w/n
l/../sp ace" "w/missing dir/x" "w/it's" "w/\$x"; do
	for o in "" -f -e -m; do
		run "$GNU" -v $o -- "$f"
		gout=$(od -c "$W/out") gerr=$(sed "s|^$GNU:|readlink:|" "$W/err") gst=$status
		run osbox readlink -v $o -- "$f"
		ok "readlink -v $o on '$f' as GNU" check '[ "$(od -c "$W/out")" = "$gout" ] && [ "$(cat "$W/err")" = "$gerr" ] && [ $status = $gst ]'
	done
done
for o in -n -z -nz -qn -vn -fn -fz -vz; do
	run "$GNU" $o lf dang f ld nowhere
	gout=$(od -c "$W/out") gerr=$(sed "s|^$GNU:|readlink:|" "$W/err") gst=$status
	run osbox readlink $o lf dang f ld nowhere
	ok "$o with several operands as GNU" check '[ "$(od -c "$W/out")" = "$gout" ] && [ "$(cat "$W/err")" = "$gerr" ] && [ $status = $gst ]'
done
fi

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
# and, with 2>&1, each diagnostic where it happened: both compared with GNU readlink.
if [ -x /usr/bin/readlink ] && /usr/bin/readlink --version 2>/dev/null | grep -q 'GNU coreutils'; then
	: >o12f1 && : >o12f2 && ln -sf o12f1 o12l1 && ln -sf o12f2 o12l2
	for i in 0 1 2 3; do
		eval "n=\"\$N$i\""
		run sh -c '"$@" 2>&1' _ readlink -v o12l1 "$n" o12l2
		gst=$status gout=$(cat "$W/out")
		t "issue 12: readlink, merged and quoted as GNU readlink ($i)" "$gst" "$gout" '' \
			sh -c '"$@" 2>&1' _ "$LINKS/readlink" -v o12l1 "$n" o12l2
	done
fi
