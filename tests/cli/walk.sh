# walk: find-style paths, --tree, --json (os.walk's triples), options,
# errors, hostile names, deep trees; differential against os.walk.

mkdir -p t/one t/two/deep
: >t/a.txt
: >t/one/file
: >t/two/deep/x
ln -s one t/link
ln -s nowhere t/dangling

t "default: root first, every entry (sorted here)" 0 \
"t
t/a.txt
t/dangling
t/link
t/one
t/one/file
t/two
t/two/deep
t/two/deep/x" '' osbox walk -s t

t "default is . with ./ paths" 0 "." '' sh -c 'mkdir -p e && cd e && osbox walk'
t "a trailing slash is kept, not doubled" 0 \
"t/
t/a.txt
t/dangling" '' sh -c 'osbox walk -s t/ | head -3'
t "a file operand is printed" 0 "t/a.txt" '' osbox walk t/a.txt
t "several operands in order" 0 \
"t/one
t/one/file
t/a.txt" '' osbox walk t/one t/a.txt
t "through a link" 0 "t/one
t/one/file" '' "$LINKS/walk" t/one

t "--bottom-up: a directory after its contents" 0 \
"t/a.txt
t/dangling
t/link
t/one/file
t/one
t/two/deep/x
t/two/deep
t/two
t" '' osbox walk -s --bottom-up t

t "--tree: the os.walk example's layout" 0 \
"t
	a.txt
	dangling
	link/
	one/
	two/

t/one
	file

t/two
	deep/

t/two/deep
	x" '' osbox walk -s --tree t

t "--json: os.walk's triples; a symlink to a directory is in dirs" 0 \
'{"root":"t","dirs":["link","one","two"],"files":["a.txt","dangling"]}
{"root":"t/one","dirs":[],"files":["file"]}
{"root":"t/two","dirs":["deep"],"files":[]}
{"root":"t/two/deep","dirs":[],"files":["x"]}' '' osbox walk -s --json t

t "--json --bottom-up" 0 \
'{"root":"t/one","dirs":[],"files":["file"]}
{"root":"t/two/deep","dirs":[],"files":["x"]}
{"root":"t/two","dirs":["deep"],"files":[]}
{"root":"t","dirs":["link","one","two"],"files":["a.txt","dangling"]}' '' osbox walk -s --json --bottom-up t

t "-L follows the link" 0 \
"t
t/a.txt
t/dangling
t/link
t/link/file
t/one
t/one/file
t/two
t/two/deep
t/two/deep/x" '' osbox walk -s -L t

t "--max-depth 1" 0 \
"t
t/a.txt
t/dangling
t/link
t/one
t/two" '' osbox walk -s --max-depth 1 t
t "--max-depth 0" 0 "t" '' osbox walk --max-depth 0 t
t "--min-depth 2" 0 \
"t/one/file
t/two/deep
t/two/deep/x" '' osbox walk -s --min-depth 2 t
t "--type f" 0 \
"t/a.txt
t/one/file
t/two/deep/x" '' osbox walk -s --type f t
t "--type d,l" 0 \
"t
t/dangling
t/link
t/one
t/two
t/two/deep" '' osbox walk -s --type d,l t
t "--type with -L: a followed link has its target's type" 0 \
"t
t/link
t/one
t/two
t/two/deep" '' osbox walk -s -L --type d t
t "--name matches the last component" 0 \
"t/one
t/one/file" '' osbox walk -s --name 'one' --name 'f*' t
t "--name on the root uses its last component" 0 "t/two/" '' osbox walk --name two --max-depth 0 t/two/
t "--prune: printed, not entered" 0 \
"t
t/a.txt
t/dangling
t/link
t/one
t/one/file
t/two" '' osbox walk -s --prune two t
t "-0" 0 "$(printf 't/one\0t/one/file\0' | od -c)" '' sh -c 'osbox walk -0 t/one | od -c'

t "a missing operand" 1 '' "walk: nosuch: No such file or directory" osbox walk nosuch
t "a missing operand does not stop the others" 1 "t/one
t/one/file" "walk: nosuch: No such file or directory" osbox walk nosuch t/one
t "--json of a file" 1 '' "walk: t/a.txt: Not a directory" osbox walk --json t/a.txt
t "bad --type" 2 '' "walk: --type: unknown type 'x' (use f, d, l, p, s, c, b, separated by commas)
Try 'walk --help' for more information." osbox walk --type x
t "bad --max-depth" 2 '' "walk: --max-depth: invalid depth '-1' (a number, 0 or more)
Try 'walk --help' for more information." osbox walk --max-depth -1
t "bad -j" 2 '' "walk: -j: invalid number of jobs '0' (1 to 256)
Try 'walk --help' for more information." osbox walk -j 0
t "unknown option" 2 '' "walk: invalid option -- 'q'
Try 'walk --help' for more information." osbox walk -q
t "--help" 0 '*' '' osbox walk --help
ok "--help shows the usage line" grep -q '^Usage: walk ' "$W/out"

# Output errors.
t "write error" 1 '' 'walk: write error: No space left on device' sh -c 'osbox walk t >/dev/full'
t "closed pipe" 0 't' '' sh -c 'osbox walk t | head -1'
mkdir -p wide
(cd wide && seq -f "%04g-$(printf '%0200d' 0)" 1 600 | xargs touch)
t "closed pipe past the buffer ends quietly with SIGPIPE" 141 '' '' \
	bash -c 'osbox walk wide | head -1 >/dev/null; exit ${PIPESTATUS[0]}'

# --- Differential: os.walk and find on generated trees with hostile names.
cat >"$T/gen.py" <<'PY'
import os, random, sys
root, seed, links = os.fsencode(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "links"
rnd = random.Random(seed)
parts = [b"a", b"B", b"-dash", b"new\nline", b"\xff\xfe", b"caf\xc3\xa9", b" sp ace", b"*", b"x" * 40, b"\t"]
def name():
    return b"".join(rnd.choice(parts) for _ in range(rnd.randint(1, 3))).replace(b"/", b"_")
os.mkdir(root)
dirs = [root]
for i in range(rnd.randint(150, 300)):
    d = rnd.choice(dirs)
    p = os.path.join(d, name() + str(i).encode())
    r = rnd.random()
    if r < 0.3 and len(dirs) < 80:
        os.mkdir(p)
        dirs.append(p)
    elif r < 0.4 and links:
        os.symlink(os.path.relpath(rnd.choice(dirs), d) if rnd.random() < 0.5 else b"nowhere", p)
    elif r < 0.43:
        os.mkfifo(p)
    else:
        open(p, "wb").close()
PY
cat >"$T/check.py" <<'PY'
import json, os, sys
mode, root, out = sys.argv[1], os.fsencode(sys.argv[2]), sys.argv[3]
data = open(out, "rb").read()
if mode.startswith("json"):
    got = []
    for line in data.decode("utf-8").splitlines():
        o = json.loads(line)
        got.append((os.fsencode(o["root"]), [os.fsencode(x) for x in o["dirs"]], [os.fsencode(x) for x in o["files"]]))
    want = [(r, d, f) for r, d, f in os.walk(root, topdown=mode != "json-bottom-up", followlinks=mode == "json-follow")]
    if got != want:
        for a, b in zip(got, want):
            if a != b:
                print("first difference:\n got ", a, "\n want", b)
                break
        print(len(got), "triples, os.walk gives", len(want))
        sys.exit(1)
elif mode == "sorted":
    # walk -s -0: preorder, each directory's entries sorted by bytes
    want = []
    def visit(p):
        want.append(p)
        if os.path.isdir(p) and not os.path.islink(p):
            for n in sorted(os.listdir(p)):
                visit(os.path.join(p, n))
    visit(root)
    got = data.split(b"\0")[:-1]
    if got != want:
        print("walk -s differs from a sorted preorder:", len(got), len(want))
        sys.exit(1)
PY
for seed in 1 2; do
	python3 "$T/gen.py" "g$seed" "$seed" links
	run osbox walk --json "g$seed"
	ok "--json is os.walk's triples, in its order (tree $seed)" python3 "$T/check.py" json "g$seed" "$W/out"
	run osbox walk --json --bottom-up "g$seed"
	ok "--json --bottom-up is os.walk(topdown=False) (tree $seed)" python3 "$T/check.py" json-bottom-up "g$seed" "$W/out"
	run osbox walk -j 3 --json "g$seed"
	ok "--json -j 3 is os.walk's triples too (tree $seed)" python3 "$T/check.py" json "g$seed" "$W/out"
	run osbox walk -s -0 "g$seed"
	ok "-s is a sorted preorder (tree $seed)" python3 "$T/check.py" sorted "g$seed" "$W/out"
	find "g$seed" -print0 >"$W/find"
	osbox walk -0 "g$seed" >"$W/walk"
	same "paths in find's order, byte for byte (tree $seed)" "$W/walk" "$W/find"
	osbox walk -0 -j 4 "g$seed" >"$W/walk"
	same "-j 4: the same order (tree $seed)" "$W/walk" "$W/find"
	osbox walk -0 --bottom-up "g$seed" >"$W/walk"
	find "g$seed" -depth -print0 >"$W/find"
	same "--bottom-up is find -depth (tree $seed)" "$W/walk" "$W/find"
	for ty in f d l p; do
		osbox walk -0 --type $ty "g$seed" >"$W/walk"
		find "g$seed" -type $ty -print0 >"$W/find"
		same "--type $ty is find -type $ty (tree $seed)" "$W/walk" "$W/find"
	done
	osbox walk -0 --name '*a*' --min-depth 1 --max-depth 2 "g$seed" >"$W/walk"
	find "g$seed" -mindepth 1 -maxdepth 2 -name '*a*' -print0 >"$W/find"
	same "--name --min-depth --max-depth as find's (tree $seed)" "$W/walk" "$W/find"
done
# Without symlinks, -L walks the same tree os.walk(followlinks=True) does.
python3 "$T/gen.py" g4 4 nolinks
ln -s "$T/g1" g4/to-g1
run osbox walk -L --json g4
ok "-L --json is os.walk(followlinks=True)" python3 "$T/check.py" json-follow g4 "$W/out"
find -L g4 -print0 >"$W/find"
osbox walk -L -0 g4 >"$W/walk"
same "-L paths are find -L's" "$W/walk" "$W/find"

# --- Hostile names.
mkdir -p h
printf '' >"h/new
line"
printf '' >"$(printf 'h/bad\377utf8')"
: >h/-dash
mkdir -p -- -lead
t "names with a newline are written raw to a pipe" 0 "h/new
line" '' osbox walk --name 'new*' h
t "invalid UTF-8 is written raw" 0 "$(printf 'h/bad\377utf8')" '' osbox walk --name 'bad*' h
t "--json writes invalid UTF-8 as surrogate escapes" 0 '{"root":"h","dirs":[],"files":["-dash","bad\udcffutf8","new\nline"]}' '' \
	osbox walk -s --json h
t "--tree escapes nothing in a pipe" 0 "h
	-dash
	$(printf 'bad\377utf8')
	new
line" '' osbox walk --tree h
t "an operand with a leading dash after --" 0 "-lead" '' osbox walk -- -lead
t "an operand with a leading dash is an option without -- (-l, then -e)" 2 '' "walk: invalid option -- 'e'
Try 'walk --help' for more information." osbox walk -lead

# --- Symlinks: dangling, loops under -L.
mkdir -p s/a/b
ln -s ../.. s/a/b/up
ln -s nowhere s/dangling
ln -s self s/self
t "without -L a looping link is just a link" 0 \
"s
s/a
s/a/b
s/a/b/up
s/dangling
s/self" '' osbox walk -s s
t "-L: a loop is reported as find reports it, not entered" 1 \
"s
s/a
s/a/b
s/dangling" \
"walk: File system loop detected; 's/a/b/up' is part of the same file system loop as 's'.
walk: s/self: Too many levels of symbolic links" osbox walk -s -L s
find -L s >"$W/find" 2>/dev/null
osbox walk -L s >"$W/walk" 2>/dev/null
same "-L prints what find -L prints" "$W/walk" "$W/find"
t "-L --type l: only the dangling link" 1 "s/dangling" '*' osbox walk -L --type l s
t "a dangling symlink operand is printed" 0 "s/dangling" '' osbox walk s/dangling
ln -s a s/to-a
t "a symlink operand to a directory is followed (os.walk)" 0 "s/to-a
s/to-a/b
s/to-a/b/up" '' osbox walk -s s/to-a

# --- Deeper than PATH_MAX: 30 levels of 200-character names.
python3 - <<'PY'
import os
fd = os.open(".", os.O_RDONLY)
os.mkdir("deep", dir_fd=fd)
cur = os.open("deep", os.O_RDONLY, dir_fd=fd)
for i in range(30):
    n = ("%03d" % i) + "d" * 197
    os.mkdir(n, dir_fd=cur)
    open(os.open("f", os.O_WRONLY | os.O_CREAT, dir_fd=cur), "w").close()
    nxt = os.open(n, os.O_RDONLY, dir_fd=cur)
    os.close(cur)
    cur = nxt
open(os.open("bottom", os.O_WRONLY | os.O_CREAT, dir_fd=cur), "w").close()
PY
run osbox walk deep
ok "a tree deeper than PATH_MAX walks whole" test "$(wc -l <"$W/out")" -eq 62
ok "its deepest path is longer than PATH_MAX" test "$(awk '{ if (length > m) m = length } END { print m }' "$W/out")" -gt 6000
t "no error on the way" 0 '*' '' osbox walk --bottom-up deep
ok "--bottom-up ends with the root" test "$(tail -1 "$W/out")" = deep
run osbox walk --json deep
ok "--json: 31 triples" test "$(wc -l <"$W/out")" -eq 31
osbox walk deep >"$W/all"
if ! vg_skip "with 12 descriptors" "valgrind needs more descriptors than that for itself"; then
	sh -c 'ulimit -n 12 && osbox walk deep' >"$W/few" 2>&1
	same "with 12 descriptors, deeper than that: the same walk (ancestors reopened)" "$W/few" "$W/all"
	sh -c 'ulimit -n 12 && osbox walk -j 3 deep' >"$W/few" 2>&1
	same "-j 3 with 12 descriptors: the same walk" "$W/few" "$W/all"
	sh -c 'ulimit -n 12 && osbox walk --bottom-up deep' >"$W/few" 2>&1
	osbox walk --bottom-up deep >"$W/all"
	same "--bottom-up with 12 descriptors: the same walk" "$W/few" "$W/all"
fi

# --- Permission denied (as nobody: CI runs as root).
mkdir -p p/locked p/open
: >p/locked/hidden
: >p/open/f
chmod 000 p/locked
t "an unreadable directory is reported and skipped; the walk goes on" 1 \
"p
p/locked
p/open
p/open/f" "walk: p/locked: Permission denied" as_nobody "$OSBOX" walk -s p
t "--json: no triple for it, os.walk's onerror" 1 \
'{"root":"p","dirs":["locked","open"],"files":[]}
{"root":"p/open","dirs":[],"files":["f"]}' "walk: p/locked: Permission denied" as_nobody "$OSBOX" walk -s --json p
t "--bottom-up: reported, then printed" 1 \
"p/locked
p/open/f
p/open
p" "walk: p/locked: Permission denied" as_nobody "$OSBOX" walk -s --bottom-up p
t "an unreadable root" 1 "p/locked" "walk: p/locked: Permission denied" as_nobody "$OSBOX" walk p/locked
chmod 755 p/locked

# --- An entry removed during the walk: the walk is held on a full pipe
# while its subdirectory is removed; it goes on without a word.
mkdir -p race/zz-sub
: >race/zz-sub/inside
# 1500 names of 200 bytes: 300 KB, more than the output buffer and the pipe hold
(cd race && seq -f "a%04g-$(printf '%0200d' 0)" 1 1500 | xargs touch)
t "a directory removed after its parent was read is passed over" 0 "race/zz-sub" '' \
	sh -c 'osbox walk -s -j 1 race | { read -r first; rm -r race/zz-sub; cat; } | grep zz'

# --- --one-file-system (--xdev; -x is --exec now, see walk_exec.sh):
# mount points are printed, not entered.
if mountpoint -q /proc 2>/dev/null && [ -d /proc/self ]; then
	t "--one-file-system does not enter another file system" 0 "/proc" '' sh -c 'osbox walk --one-file-system --max-depth 1 / | grep "^/proc"'
	t "--xdev is the same" 0 "/proc" '' sh -c 'osbox walk --xdev --max-depth 1 / | grep "^/proc"'
	t "without it walk does" 0 "/proc/self" '' sh -c 'osbox walk --max-depth 2 / | grep -x /proc/self'
else
	skip "--one-file-system" "/proc is not a mount point here"
fi

# --- On a terminal, control characters and invalid UTF-8 are shown escaped.
if command -v script >/dev/null; then
	t "names are escaped on a terminal" 0 'h/-dash
h/bad\377utf8
h/new\nline' '' sh -c "script -qec 'osbox walk -s --min-depth 1 h' /dev/null | tr -d '\r'"
else
	skip "names on a terminal" "no script(1)"
fi

# One output form at a time: options that would silently override each
# other are usage errors (the table's exclusions, core/opts.c's wording).
t "--json with --tree" 2 '' "walk: cannot specify --json with --tree
Try 'walk --help' for more information." osbox walk --tree --json t
t "-0 with --tree" 2 '' "walk: cannot specify --null (-0) with --tree
Try 'walk --help' for more information." osbox walk -0 --tree t
t "-0 with --json" 2 '' "walk: cannot specify --null (-0) with --json
Try 'walk --help' for more information." osbox walk --json --null t
t "--bottom-up goes with --tree" 0 '*' '' osbox walk --tree --bottom-up t
t "--bottom-up goes with --json" 0 '*' '' osbox walk --json --bottom-up t
t "--bottom-up goes with -0" 0 '*' '' osbox walk -0 --bottom-up t

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	t "issue 12: walk quotes $q" 1 '' "walk: $q: No such file or directory" \
		osbox walk "$n"
done
: >"$N0"
t "issue 12: walk of a file quotes it" 1 '' "walk: $Q0: Not a directory" \
	osbox walk --json "$N0"
rm -f "$N0"

# --- issue 12, class 1: with 2>&1, each diagnostic comes where it
# happened, after the output before it (stdout is flushed first).
mkdir -p o12/d1 o12/d2 && : >o12/d1/x && : >o12/d2/y
t "issue 12: walk's error in its place" 1 "o12/d1
o12/d1/x
walk: o12/missing: No such file or directory
o12/d2
o12/d2/y" '' bash -c '"$@" 2>&1' _ osbox walk o12/d1 o12/missing o12/d2
if [ "$(id -u)" = 0 ]; then
	mkdir -p o12/np && chmod 000 o12/np
	t "issue 12: walk's unreadable directory in its place" 1 "o12/d1
o12/d1/x
o12/np
walk: o12/np: Permission denied
o12/d2
o12/d2/y" '' as_nobody bash -c '"$@" 2>&1' _ "$OSBOX" walk o12/d1 o12/np o12/d2
	chmod 755 o12/np
fi

# A tree of 400 directories read from the page cache: with a core idle,
# walk's threads read whole subtrees ahead (split mode); either way, every
# output form that allows it is the one-thread walk's, byte for byte.
python3 - <<'PY'
import os, random
random.seed(5)
dirs = ["split"]
os.mkdir("split")
for i in range(2400):
    parent = random.choice(dirs)
    if len(dirs) < 400 and random.random() < 0.3 and parent.count("/") < 12:
        d = os.path.join(parent, "d%d" % i if i % 7 else "n\nl%d" % i)
        os.mkdir(d)
        dirs.append(d)
    else:
        name = b"f%d" % i if i % 11 else b"bad\xff%d" % i
        with open(os.path.join(parent.encode(), name), "wb") as f:
            f.write(b"x" * (i % 3000))
PY
set -f # the arguments split on blanks, never globbed
for args in "" "-0" "-s" "--bottom-up" "--printf %s:%d:%m:%p\n" "-s --size -1k" "--type d --name d1*"; do
	# shellcheck disable=SC2086
	osbox walk -j 1 $args split >"$W/one" 2>&1
	# shellcheck disable=SC2086
	osbox walk $args split >"$W/any" 2>&1
	same "walk $args on 400 directories: the one-thread walk's output" "$W/one" "$W/any"
done
set +f
