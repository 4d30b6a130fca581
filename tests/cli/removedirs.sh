# removedirs: os.removedirs semantics, checked against Python's own
# os.removedirs on generated trees; -v; errors on the leaf.


mkdir -p a/b/c
t "removes the leaf and its empty parents" 0 '' '' osbox removedirs a/b/c
ok "all gone" [ ! -e a ]
mkdir -p k/b/c
touch k/file
t "stops quietly at a parent that is not empty" 0 '' '' osbox removedirs k/b/c
ok "k stays, k/b went" check '[ -f k/file ] && [ ! -e k/b ]'
mkdir -p v/w/x
t "-v names each directory removed" 0 "removedirs: removed directory 'v/w/x'
removedirs: removed directory 'v/w'
removedirs: removed directory 'v'" '' osbox removedirs -v v/w/x
mkdir -p v2/w/
t "-v with a trailing slash, through the link" 0 "removedirs: removed directory 'v2/w/'
removedirs: removed directory 'v2'" '' "$LINKS/removedirs" --verbose v2/w/
mkdir -p s1/x s2/y
t "several operands" 0 '' '' osbox removedirs s1/x s2/y
ok "both gone" check '[ ! -e s1 ] && [ ! -e s2 ]'
mkdir -p "$T/abs/x"
touch "$T/keep"
t "an absolute path stops at the first parent in use" 0 '' '' osbox removedirs "$T/abs/x"
ok "abs gone, T stays" check '[ ! -e "$T/abs" ] && [ -d "$T" ]'

# the leaf must go
mkdir -p full/sub
t "a leaf that is not empty" 1 '' "removedirs: full: Directory not empty" osbox removedirs full
t "a missing leaf" 1 '' "removedirs: none/x: No such file or directory" osbox removedirs none/x
touch file
t "a file" 1 '' "removedirs: file: Not a directory" osbox removedirs file
ok "the file is still there" [ -f file ]
mkdir real
ln -s real link
t "a symlink to a directory" 1 '' "removedirs: link: Not a directory" osbox removedirs link
ok "link and directory stay" check '[ -L link ] && [ -d real ]'
t "dot" 1 '' "removedirs: real/.: Invalid argument" osbox removedirs real/.
t "empty operand" 1 '' "removedirs: '': No such file or directory" osbox removedirs ''
t "a name with a newline is quoted" 1 '' "removedirs: 'a'\$'\\n''b': No such file or directory" \
	osbox removedirs 'a
b'
mkdir -p go/on
t "a failing operand, the others go on" 1 '' "removedirs: full: Directory not empty" \
	osbox removedirs full go/on
ok "go/on removed" [ ! -e go ]
long=$(printf '%0300d' 0)
t "a name too long" 1 '' "removedirs: $long: File name too long" osbox removedirs "$long"

# past PATH_MAX
comp=$(printf '%0200d' 1)
deep=deep
for i in $(seq 25); do deep=$deep/$comp; done
mkdeep "$deep"
t "a path past PATH_MAX" 0 '' '' osbox removedirs "$deep"
ok "the whole deep tree is gone" [ ! -e deep ]

# errors users meet
t "no operand" 2 '' "removedirs: missing operand
Try 'removedirs --help' for more information." osbox removedirs
t "unknown option" 2 '' "removedirs: invalid option -- 'x'
Try 'removedirs --help' for more information." osbox removedirs -x d
t "--help" 0 '*' '' osbox removedirs --help
ok "--help usage line" grep -q '^Usage: removedirs \[-v\] DIR\.\.\.' "$W/out"
mkdir -p "$T/locked/in"
chmod 755 "$T/locked"
t "permission denied on the leaf" 1 '' "removedirs: $T/locked/in: Permission denied" \
	as_nobody "$OSBOX" removedirs "$T/locked/in"
ok "nothing removed" [ -d "$T/locked/in" ]
mkdir -p "$T/open/locked2/mine"
chmod 777 "$T/open/locked2/mine" "$T/open"
chmod 755 "$T/open/locked2"
mkdir "$T/open/locked2/mine/leaf"
chmod 777 "$T/open/locked2/mine/leaf"
t "permission denied on a parent ends the walk quietly" 0 '' '' \
	as_nobody "$OSBOX" removedirs "$T/open/locked2/mine/leaf"
ok "leaf gone, parent stays" check '[ ! -e "$T/open/locked2/mine/leaf" ] && [ -d "$T/open/locked2/mine" ]'
t "/proc" 1 '' "removedirs: /proc/self: Not a directory" osbox removedirs /proc/self
if can_ro; then
	mkdir -p ro/x
	t "read-only file system" 1 '' "removedirs: ro/x: Read-only file system" \
		in_ro ro "$OSBOX" removedirs ro/x
	ok "nothing removed" [ -d ro/x ]
else
	skip "read-only file system" "needs root and unshare -m"
fi
mkdir -p wf/x
t "write error" 1 '' "removedirs: write error: No space left on device" \
	sh -c 'osbox removedirs -v wf/x >/dev/full'
ok "removed all the same" [ ! -e wf ]

# Against os.removedirs: random trees and path spellings, one copy each.
cat >"$T/diff.py" <<'PY'
import os, random, subprocess, sys
osbox = os.environ["OSBOX"]
random.seed(4)
base = os.path.abspath("pydiff")
os.makedirs(base)
names = ["a", "b", "c"]

def make_tree(root, dirs, files):
    os.makedirs(root)
    open(os.path.join(root, "keep"), "w").close()
    for d in dirs:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    for f in files:
        p = os.path.join(root, f)
        if os.path.isdir(os.path.dirname(p)) and not os.path.exists(p):
            open(p, "w").close()

def state(root):
    out = []
    for dp, dn, fn in os.walk(root):
        out += [os.path.relpath(os.path.join(dp, x), root) + "/" for x in dn]
        out += [os.path.relpath(os.path.join(dp, x), root) for x in fn]
    return sorted(out)

def spell(parts):
    s = ""
    for i, p in enumerate(parts):
        if i:
            s += random.choice(["/", "/", "/", "//"])
        s += p
    return s + random.choice(["", "", "/", "//"])

bad = 0
for i in range(150):
    dirs = ["/".join(random.choice(names) for _ in range(random.randint(1, 4))) for _ in range(random.randint(1, 4))]
    files = [random.choice(dirs) + "/f" for _ in range(random.randint(0, 2))]
    target = random.choice(dirs).split("/")
    if random.random() < 0.25:
        k = random.randrange(len(target) + 1)
        target.insert(k, random.choice([".", "..", "x"]))
    if random.random() < 0.1:
        target = target[:-1] + ["f"]
    path = spell(target)
    absolute = random.random() < 0.3
    res = []
    for who in ("osbox", "python"):
        root = os.path.join(base, "%d-%s" % (i, who))
        make_tree(root, dirs, files)
        arg = os.path.join(root, path) if absolute else path
        if who == "osbox":
            r = subprocess.run([osbox, "removedirs", arg], cwd=root, capture_output=True)
            okay = r.returncode == 0
        else:
            os.chdir(root)
            try:
                os.removedirs(arg)
                okay = True
            except OSError:
                okay = False
            os.chdir(base)
        res.append((okay, state(root)))
    if res[0] != res[1]:
        bad += 1
        print("differs:", dirs, files, repr(path), absolute, res)
print(bad)
sys.exit(1 if bad else 0)
PY
t "150 generated cases agree with os.removedirs" 0 0 '' python3 "$T/diff.py"

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	t "issue 12: removedirs quotes $q" 1 '' "removedirs: $q: No such file or directory" \
		osbox removedirs "$n"
done

# --- issue 12, class 1: with 2>&1, each diagnostic comes where it
# happened, after the output before it (stdout is flushed first).
mkdir o12a o12b
t "issue 12: removedirs -v's error in its place" 1 "removedirs: removed directory 'o12a'
removedirs: o12missing: No such file or directory
removedirs: removed directory 'o12b'" '' sh -c '"$@" 2>&1' _ osbox removedirs -v o12a o12missing o12b
