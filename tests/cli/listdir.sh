# listdir: os.listdir / os.scandir; -U -t -l -F -0 --json; operands; errors.

mkdir -p d/sub
: >d/b
: >d/a
printf 'x' >d/.hidden
ln -s b d/lnk
ln -s nowhere d/dangling
mkfifo d/fifo
: >d/exe
chmod 755 d/exe

t "sorted by bytes, hidden names included" 0 \
".hidden
a
b
dangling
exe
fifo
lnk
sub" '' osbox listdir d
t "default is ." 0 "a
b
dangling
exe
fifo
lnk
sub" '' sh -c 'cd d && osbox listdir | grep -v hidden'
t "-t: the scandir view" 0 \
".hidden file
a file
b file
dangling symlink
exe file
fifo fifo
lnk symlink
sub dir" '' osbox listdir -t d
t "-F" 0 \
".hidden
a
b
dangling@
exe*
fifo|
lnk@
sub/" '' osbox listdir -F d
t "an empty directory" 0 '' '' osbox listdir d/sub
t "a file operand is printed as itself" 0 "d/a" '' osbox listdir d/a
t "several operands: files first, then headers as ls" 0 \
"d/a
d/b

d:
.hidden
a
b
dangling
exe
fifo
lnk
sub

d/sub:" '' osbox listdir d d/b d/a d/sub
t "a missing operand is reported, the rest listed" 1 "d/a" \
"listdir: nosuch: No such file or directory" osbox listdir nosuch d/a
t "--json" 0 \
'{"name":"exe","path":"d/exe","type":"file"}
{"name":"fifo","path":"d/fifo","type":"fifo"}
{"name":"lnk","path":"d/lnk","type":"symlink"}
{"name":"sub","path":"d/sub","type":"dir"}' '' sh -c 'osbox listdir --json d | tail -4'
t "-0" 0 "$(printf '.hidden\0a\0b\0' | od -c)" '' sh -c 'osbox listdir -0 d | head -c 12 | od -c'
t "-U lists the same names" 0 "$(osbox listdir d)" '' sh -c 'osbox listdir -U d | LC_ALL=C sort'
t "write error" 1 '' 'listdir: write error: No space left on device' sh -c 'osbox listdir d >/dev/full'
t "--help" 0 '*' '' osbox listdir --help
t "-l: a long listing as ls -l" 0 \
"$(ls -l --time-style=+%b\ %e\ %H:%M d | grep -E ' (a|lnk -> b|sub)$' | sed 's/ -> b$//')" '' \
	sh -c 'osbox listdir -l d | grep -E " (a|lnk -> b|sub)$" | sed "s/ -> b$//"'
t "-l shows a symlink's target" 0 "dangling -> nowhere" '' sh -c 'osbox listdir -l d | grep -o "dangling.*"'
t "-l of a file operand" 0 "-rwxr-xr-x" '' sh -c 'osbox listdir -l d/exe | cut -c1-10'
t "-l --json adds the status" 0 \
'{"name":"lnk","path":"d/lnk","type":"symlink","mode":41471,"uid":0,"gid":0,"size":1,"ino":INO,"nlink":1,"target":"b"}' '' \
	sh -c "osbox listdir -l --json d | grep '\"lnk\"' | sed -e 's/\"mtime\":[0-9.]*,\"mtime_ns\":[0-9]*,//' -e 's/\"ino\":[0-9]*/\"ino\":INO/' -e 's/\"uid\":[0-9]*/\"uid\":0/' -e 's/\"gid\":[0-9]*/\"gid\":0/'"

# --- Differential: os.listdir and os.scandir on a directory of hostile names.
python3 - <<'PY'
import os
os.mkdir(b"h")
for i, n in enumerate([b"new\nline", b"\xff\xfe", b"-dash", b"caf\xc3\xa9", b" lead", b"tab\t", b"*", b"\\back"]):
    open(b"h/" + n, "wb").close()
    os.mkdir(b"h/d" + n)
    os.symlink(b"d" + n, b"h/l" + n)
os.symlink(b"nowhere", b"h/dangling")
os.mkfifo(b"h/fifo")
PY
cat >"$T/check.py" <<'PY'
import json, os, sys
mode, d, out = sys.argv[1], os.fsencode(sys.argv[2]), open(sys.argv[3], "rb").read()
if mode == "sorted":
    assert out.split(b"\0")[:-1] == sorted(os.listdir(d)), out
elif mode == "unsorted":
    assert out.split(b"\0")[:-1] == os.listdir(d), out
elif mode == "json":
    got = [json.loads(l) for l in out.decode().splitlines()]
    def kind(e):
        if e.is_symlink(): return "symlink"
        if e.is_dir(): return "dir"
        if e.is_file(): return "file"
        return "fifo"
    want = [(e.name, e.path, kind(e)) for e in os.scandir(d)]
    got = [(os.fsencode(o["name"]), os.fsencode(o["path"]), o["type"]) for o in got]
    assert got == want, (got, want)
PY
run osbox listdir -0 h
ok "sorted: sorted(os.listdir())" python3 "$T/check.py" sorted h "$W/out"
run osbox listdir -U -0 h
ok "-U: os.listdir()'s order" python3 "$T/check.py" unsorted h "$W/out"
run osbox listdir -U --json h
ok "-U --json: os.scandir()'s name, path and type" python3 "$T/check.py" json h "$W/out"
t "names are written raw to a pipe" 0 "h/new
line" '' osbox listdir h/new?line
t "an operand with a leading dash after --" 0 "h/-dash" '' osbox listdir -- h/-dash
t "a symlink operand to a directory is listed" 0 "bad" '' sh -c 'mkdir -p sl/t && : >sl/t/bad && ln -s t sl/l && osbox listdir sl/l'
t "a dangling symlink operand is printed" 0 "h/dangling" '' osbox listdir h/dangling

# --- Errors.
mkdir -p p/locked
chmod 000 p/locked
t "permission denied is reported, the rest listed" 1 "p/:
locked

p/locked:" "listdir: p/locked: Permission denied" as_nobody "$OSBOX" listdir p/locked p/
chmod 755 p/locked
t "not a directory in the path" 1 '' "listdir: d/a/x: Not a directory" osbox listdir d/a/x
t "-0 with --json" 2 '' "listdir: cannot specify --null (-0) with --json
Try 'listdir --help' for more information." osbox listdir -0 --json
t "closed pipe" 0 ".hidden" '' sh -c 'osbox listdir d | head -1'
mkdir big
(cd big && seq -f "%04g-$(printf '%0200d' 0)" 1 600 | xargs touch)
t "closed pipe past the buffer ends quietly with SIGPIPE" 141 '' '' \
	bash -c 'osbox listdir big | head -1 >/dev/null; exit ${PIPESTATUS[0]}'
t "-U lists every entry of a large directory" 0 600 '' sh -c 'osbox listdir -U big | wc -l'

# --- On a terminal, control characters and invalid UTF-8 are shown escaped.
if command -v script >/dev/null; then
	t "names are escaped on a terminal" 0 'new\nline file
\377\376 file' '' sh -c "script -qec 'osbox listdir -t h' /dev/null | tr -d '\r' | grep -E '^(new|\\\\377)'"
else
	skip "names on a terminal" "no script(1)"
fi

# Usage errors from the option table.
t "--json with --null" 2 '' "listdir: cannot specify --null (-0) with --json
Try 'listdir --help' for more information." osbox listdir --json --null

# -l --json: mtime_ns is os.lstat's st_mtime_ns exactly, where the
# seconds as a double would lose it.
mkdir -p nsd && : >nsd/f && python3 -c 'import os; os.utime("nsd/f", ns=(1, 1796243481037259965))'
t "-l --json: mtime_ns exact" 0 '*' '' osbox listdir -l --json nsd
ok "-l --json: mtime_ns exact: the record" grep -q '"mtime":1796243481.037259965,"mtime_ns":1796243481037259965,' "$W/out"

# -0 with several operands: no "PATH:" header (it read as an entry of that
# name: z0/a holds an entry "z0/b:"... as a name can't hold '/', "b:");
# an empty record, which no entry can be, starts each directory's block,
# after the files given.
mkdir -p z0/a z0/b && touch z0/a/x 'z0/a/b:' z0/b/y z0/f
t "-0 with several directories: an empty record starts each block" 0 \
	"$(printf 'z0/f\0\0b:\0x\0\0y\0' | od -c)" '' sh -c 'osbox listdir -0 z0/b z0/f z0/a | od -c'
t "-0 with directories only: the first block starts empty too" 0 "$(printf '\0b:\0x\0\0y\0' | od -c)" '' \
	sh -c 'osbox listdir -0 z0/a z0/b | od -c'
t "-0 -U keeps operand order" 0 "$(printf '\0y\0\0' | od -c)" '' \
	sh -c 'osbox listdir -U -0 z0/b z0/a | head -c 4 | od -c'
t "-0 with one directory: its names only" 0 "$(printf 'b:\0x\0' | od -c)" '' sh -c 'osbox listdir -0 z0/a | od -c'
t "-0 -t with several directories" 0 "$(printf '\0b: file\0x file\0\0y file\0' | od -c)" '' \
	sh -c 'osbox listdir -0 -t z0/b z0/a | od -c'
t "a missing operand has no block" 0 "$(printf '\0b:\0x\0' | od -c)" '' \
	sh -c 'osbox listdir -0 z0/a z0/none 2>/dev/null | od -c'
t "the text form keeps its headers" 0 'z0/f

z0/a:
b:
x

z0/b:
y' '' osbox listdir z0/b z0/f z0/a
cat >"$T/split.py" <<'PY'
import sys
parts = sys.stdin.buffer.read().split(b"\0\0")
print([p.rstrip(b"\0").split(b"\0") for p in parts])
PY
t "the records split back into the files and one list per directory" 0 \
	"[[b'z0/f'], [b'b:', b'x'], [b'y']]" '' sh -c 'osbox listdir -0 z0/f z0/a z0/b | python3 "$1"' sh "$T/split.py"

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	t "issue 12: listdir quotes $q" 1 '' "listdir: $q: No such file or directory" \
		osbox listdir "$n"
done

# --- issue 12, class 1: with 2>&1, each diagnostic comes where it
# happened, after the output before it (stdout is flushed first).
mkdir -p o12/d1 o12/d2 && : >o12/d1/x && : >o12/d2/y
if [ "$(id -u)" = 0 ]; then
	mkdir -p o12/np && : >o12/np/z && chmod 000 o12/np
	t "issue 12: listdir's unreadable directory in its place" 1 "o12/d1:
x

o12/d2:
y

o12/np:
listdir: o12/np: Permission denied" '' as_nobody bash -c '"$@" 2>&1' _ "$OSBOX" listdir o12/d1 o12/np o12/d2
	chmod 755 o12/np
fi
if [ "$(id -u)" = 0 ]; then
	# a directory that may be read but not searched: each entry's stat fails
	mkdir -p "o12/r a" && : >"o12/r a/$N1" && chmod 644 "o12/r a"
	run as_nobody sh -c '"$@" 2>&1' _ "$OSBOX" listdir -l o12/d1 "o12/r a"
	want="listdir: 'o12/r a/nx'\$'\\n''b': Permission denied"
	ok "issue 12: listdir -l's unstatable entry quoted, in its place" check \
		'[ "$status" = 1 ] && [ "$(sed -n 1p "$W/out")" = o12/d1: ] &&
		 [ "$(sed -n 5p "$W/out")" = "$want" ]'
	chmod 755 "o12/r a"
fi
