# symlink: ln -s semantics; -f replaces atomically (a concurrent reader
# never finds LINK missing); -n, -r (against GNU ln -sr), -v; errors.


mkdir d
echo data >f
t "TARGET LINK" 0 '' '' osbox symlink f l1
ok "l1 -> f" [ "$(readlink l1)" = f ]
t "the target is stored as given, need not exist" 0 '' '' osbox symlink ../no/where l2
ok "l2 -> ../no/where" [ "$(readlink l2)" = ../no/where ]
t "-v prints the os.symlink example's line" 0 "Creating link l3 -> f" '' osbox symlink -v f l3
t "through the link" 0 "Creating link l4 -> f" '' "$LINKS/symlink" --verbose f l4
t "into a directory" 0 "Creating link d/f -> f" '' osbox symlink -v f d
ok "d/f -> f" [ "$(readlink d/f)" = f ]
t "into a directory with a slash" 0 "Creating link d/l1 -> l1" '' osbox symlink -v l1 d/
t "several targets into a directory" 0 "Creating link d/a -> x/a
Creating link d/b -> /y/b/" '' osbox symlink -v x/a /y/b/ d
ok "d/b -> /y/b/" [ "$(readlink d/b)" = /y/b/ ]
mkdir e
t "one operand: a link in . named after the target" 0 "Creating link passwd -> /etc/passwd" '' \
	sh -c 'cd e && osbox symlink -v /etc/passwd'
ok "e/passwd -> /etc/passwd" [ "$(readlink e/passwd)" = /etc/passwd ]

t "an existing LINK" 1 '' "symlink: failed to create symbolic link 'l1': File exists" osbox symlink g l1
ok "l1 unchanged" [ "$(readlink l1)" = f ]
echo keep >file
t "an existing file" 1 '' "symlink: failed to create symbolic link 'file': File exists" osbox symlink f file
ok "the file is untouched" [ "$(cat file)" = keep ]
t "an existing link in DIR" 1 '' "symlink: failed to create symbolic link 'd/f': File exists" \
	osbox symlink f d
t "the others go on" 1 "Creating link d/new -> new" \
	"symlink: failed to create symbolic link 'd/f': File exists" osbox symlink -v f new d

# -f
t "-f replaces a link" 0 "Creating link l1 -> g" '' osbox symlink -fv g l1
ok "l1 -> g" [ "$(readlink l1)" = g ]
t "-f replaces a file" 0 '' '' osbox symlink -f f file
ok "file -> f" [ "$(readlink file)" = f ]
t "-f makes a new link too" 0 '' '' osbox symlink -f f l5
ok "l5 -> f" [ "$(readlink l5)" = f ]
t "-f: a file is not replaced by a link to itself" 1 '' "symlink: 'f' and 'f' are the same file" \
	osbox symlink -f f f
t "-f: nor through another spelling" 1 '' "symlink: 'd/../f' and 'f' are the same file" \
	osbox symlink -f d/../f f
ok "f is still the file" check '[ "$(cat f)" = data ] && [ ! -L f ]'
mkdir dd
t "-f does not replace a directory" 1 '' "symlink: dd: cannot overwrite directory" \
	osbox symlink -f /elsewhere/dd
ok "dd is still a directory" check '[ -d dd ] && [ ! -L dd ]'
ok "no temporary link is left behind" check '[ -z "$(ls -A | grep osbox-symlink)" ] && [ -z "$(ls -A e | grep osbox-symlink)" ]'

# -n: a LINK that is a symlink to a directory
mkdir real
ln -s real ldir
t "without -n a symlink to a directory is entered" 0 "Creating link ldir/x -> x" '' osbox symlink -v x ldir
ok "real/x made" [ -L real/x ]
t "-n: it is the link itself" 1 '' "symlink: failed to create symbolic link 'ldir': File exists" \
	osbox symlink -n x ldir
t "-nf replaces it" 0 "Creating link ldir -> other" '' osbox symlink -nfv other ldir
ok "ldir -> other, real intact" check '[ "$(readlink ldir)" = other ] && [ -d real ] && [ -L real/x ]'

# -T and -t, as ln
mkdir tdir
t "-T: LINK is never a directory" 1 '' "symlink: failed to create symbolic link 'tdir': File exists" \
	osbox symlink -T x tdir
t "-fT: nor replaced if it is one" 1 '' "symlink: tdir: cannot overwrite directory" \
	osbox symlink -fT x tdir
ok "tdir is still a directory" check '[ -d tdir ] && [ ! -L tdir ]'
ln -s tdir ltdir
t "-fT replaces a symlink to a directory" 0 "Creating link ltdir -> y" '' osbox symlink -fvT y ltdir
t "-T with one operand" 2 '' "symlink: missing operand after ‘a’
Try 'symlink --help' for more information." osbox symlink -T a
t "-T with three" 2 '' "symlink: extra operand ‘c’
Try 'symlink --help' for more information." osbox symlink -T a b c
t "-t DIR" 0 "Creating link tdir/a -> a
Creating link tdir/c -> b/c" '' osbox symlink -v -t tdir a b/c
t "--target-directory=DIR" 0 "Creating link tdir/z -> z" '' osbox symlink -v --target-directory=tdir z
t "-t a missing DIR" 1 '' "symlink: failed to access 'nodir': No such file or directory" \
	osbox symlink -t nodir a
t "-t a file" 1 '' "symlink: target 'f' is not a directory" osbox symlink -t f a
t "-t and -T" 2 '' "symlink: cannot specify --target-directory (-t) with --no-target-directory (-T)
Try 'symlink --help' for more information." osbox symlink -t tdir -T a b
t "-t with no TARGET" 2 '' "symlink: missing operand
Try 'symlink --help' for more information." osbox symlink -t tdir

# -r: as GNU ln -sr
mkdir -p r/a/b r/x
touch r/f r/a/g
ln -s f r/lf
ln -s a r/la
ln -s "$T/r/x" r/ax
t "-r" 0 "Creating link r/a/b/rel -> ../../f" '' osbox symlink -rv r/f r/a/b/rel
t "-r: an absolute target" 0 "Creating link r/x/rel -> ../a/g" '' osbox symlink -rv "$T/r/a/g" r/x/rel
t "-r: a missing target" 0 "Creating link r/a/rel -> ../missing" '' osbox symlink -rv r/missing r/a/rel
t "-r: the same directory" 0 "Creating link r/rel -> f" '' osbox symlink -rv r/f r/rel
if ln --version 2>/dev/null | grep -q GNU; then
	cd r
	for c in "f a/r" "lf a/r" "a/g x/r" "missing a/r" "$T/r/f la/r" "f la/b/r" "../r/f a/r" \
		"a/g ax/r" "f r" "/ a/r" "a a/b/r" "a/b a/r" "la/b/../g x/r" "x ax/r" "f ./r" "./a/../f a//b//r"; do
		set -- $c
		ln -sr "$1" "$2"
		want=$(readlink "$2")
		rm -f "$2"
		t "-r $c as ln -sr" 0 '' '' osbox symlink -r "$1" "$2"
		ok "-r $c: $want" [ "$(readlink "$2")" = "$want" ]
		rm -f "$2"
	done
	cd "$T"
else
	skip "-r against GNU ln -sr" "no GNU ln"
fi

# names are bytes
nl='new
line'
t "a name with a newline" 0 "Creating link $nl -> $nl" '' osbox symlink -v "$nl" "$nl"
ok "a link to itself" [ "$(readlink "$nl")" = "$nl" ]
bad=$(printf 'b\377d')
t "invalid UTF-8" 0 '' '' osbox symlink "$bad" "$bad"
t "an error names it quoted, as ln" 1 '' "symlink: failed to create symbolic link 'b'\$'\\377''d': File exists" \
	osbox symlink x "$bad"

# errors users meet
t "no operand" 2 '' "symlink: missing operand
Try 'symlink --help' for more information." osbox symlink
t "unknown option" 2 '' "symlink: invalid option -- 'x'
Try 'symlink --help' for more information." osbox symlink -x a b
t "several targets, DIR missing" 1 '' "symlink: target 'nodir': No such file or directory" \
	osbox symlink a b nodir
t "several targets, DIR a file" 1 '' "symlink: target 'file2' is not a directory" \
	sh -c 'touch file2 && osbox symlink a b file2'
t "a missing directory" 1 '' "symlink: failed to create symbolic link 'nod/x': No such file or directory" \
	osbox symlink f nod/x
t "a file as directory" 1 '' "symlink: failed to create symbolic link 'f/x': Not a directory" \
	osbox symlink t f/x
long=$(printf '%0300d' 0)
t "a name too long" 1 '' "symlink: failed to create symbolic link '$long': File name too long" \
	osbox symlink f "$long"
t "-f: a name too long" 1 '' "symlink: failed to create symbolic link '$long': File name too long" \
	osbox symlink -f f "$long"
t "--help" 0 '*' '' osbox symlink --help
ok "--help usage line" grep -q '^Usage: symlink \[-f\] \[-n\] \[-r\] \[-v\] \[-T\] TARGET \[LINK\]' "$W/out"
mkdir -p "$T/locked"
ln -s f "$T/locked/l"
chmod 755 "$T/locked"
t "permission denied" 1 '' "symlink: failed to create symbolic link '$T/locked/x': Permission denied" \
	as_nobody "$OSBOX" symlink f "$T/locked/x"
t "-f: permission denied, the old link stays" 1 '' \
	"symlink: failed to create symbolic link '$T/locked/l': Permission denied" \
	as_nobody "$OSBOX" symlink -f g "$T/locked/l"
ok "locked/l still -> f" [ "$(readlink "$T/locked/l")" = f ]
t "/proc" 1 '' "symlink: failed to create symbolic link '/proc/osbox-x': No such file or directory" \
	osbox symlink f /proc/osbox-x
if can_ro; then
	mkdir ro
	ln -s old ro/l
	t "read-only file system" 1 '' "symlink: failed to create symbolic link 'ro/x': Read-only file system" \
		in_ro ro "$OSBOX" symlink f ro/x
	t "-f on a read-only file system" 1 '' \
		"symlink: failed to create symbolic link 'ro/l': Read-only file system" \
		in_ro ro "$OSBOX" symlink -f f ro/l
	ok "ro/l unchanged" [ "$(readlink ro/l)" = old ]
else
	skip "read-only file system" "needs root and unshare -m"
fi
t "write error" 1 '' "symlink: write error: No space left on device" \
	sh -c 'osbox symlink -v f wfull >/dev/full'
ok "the link was made" [ -L wfull ]

# past PATH_MAX: the link is made from its directory's descriptor
comp=$(printf '%0200d' 1)
deep=deep
for i in $(seq 25); do deep=$deep/$comp; done
mkdeep "$deep"
t "a link past PATH_MAX" 0 '' '' osbox symlink target "$deep/l"
t "-f past PATH_MAX" 0 '' '' osbox symlink -f target2 "$deep/l"
t "read back" 0 target2 '' osbox readlink "$deep/l"

# -f is atomic: a reader that looks at LINK all the while never finds it
# missing, and always finds one of the targets.
cat >"$T/reader.py" <<'PY'
import os, subprocess, sys
link = "atomic"
if os.path.lexists(link):
    os.unlink(link)
os.symlink("t0", link)
# sys.argv[1]: a shell command replacing $1 by a link to $2
w = subprocess.Popen(["sh", "-c", 'i=0; while [ $i -lt 100 ]; do ' + sys.argv[1] + ' || exit 1; i=$((i + 1)); done',
                      os.environ["OSBOX"]])
reads = missing = strange = 0
while w.poll() is None or reads < 5000:
    try:
        os.lstat(link)
        t = os.readlink(link)
        if t not in {"t%d" % i for i in range(7)}:
            strange += 1
    except FileNotFoundError:
        missing += 1
    reads += 1
if sys.argv[2:] == ["count"]:
    print("missing" if missing else "never missing")
    sys.exit(0)
print(missing, strange, w.returncode, "ok" if reads >= 5000 else "few reads")
PY
t "a concurrent reader never finds LINK missing" 0 "0 0 0 ok" '' \
	python3 "$T/reader.py" '"$0" symlink -f t$((i % 7)) atomic'
t "the reader does see unlink-then-symlink" 0 missing '' \
	python3 "$T/reader.py" 'rm -f atomic && ln -s t$((i % 7)) atomic' count
ok "no temporary link is left" [ -z "$(ls -A | grep osbox-symlink)" ]

# Usage errors from the option table.
t "-T and -t" 2 '' "symlink: cannot specify --target-directory (-t) with --no-target-directory (-T)
Try 'symlink --help' for more information." osbox symlink -T -t tdir a
t "-T with no operand" 2 '' "symlink: missing operand
Try 'symlink --help' for more information." osbox symlink -T

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	: >"$n"
	t "issue 12: symlink quotes $q" 1 '' "symlink: failed to create symbolic link $q: File exists" \
		osbox symlink target "$n"
	rm -f "$n"
done

# --- issue 12, class 1: with 2>&1, each diagnostic comes where it
# happened, after the output before it (stdout is flushed first).
mkdir o12d && : >o12d/b
t "issue 12: symlink -v's error in its place" 1 "Creating link o12d/a -> a
symlink: failed to create symbolic link 'o12d/b': File exists
Creating link o12d/c -> c" '' sh -c '"$@" 2>&1' _ osbox symlink -v a b c o12d
