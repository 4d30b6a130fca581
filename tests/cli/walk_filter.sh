# walk's filters: differential against GNU find (-H, and -L with -L) on a
# generated tree, every filter with several values, kinds combined (AND)
# and repeated (OR); as nobody for the access tests; bad arguments; output
# errors; what a filter costs in system calls.

# --- The tree: sizes around every unit's edge, times over a year (ages
# kept 30 s from every minute's edge, so that the second between find's
# start and walk's changes nothing), many modes, owners with and without
# names, hard links, symlinks, fifos, a socket, hostile names.
cat >"$T/gen.py" <<'PY'
import os, socket, sys, time
root = os.fsencode(sys.argv[1])
now = time.time()
D, M = 86400, 60
sizes = [0, 1, 2, 511, 512, 513, 1023, 1024, 1025, 2047, 2048, 2049, 4096,
         1048575, 1048576, 1048577, 2097153, 1073741823, 1073741824, 1073741825]
ages = []
for k in (0, 1, 2, 3, 6, 7, 8, 29, 30, 31, 99, 100, 180, 364, 365, 366):
    ages += [k * D + 30, k * D + 43200]
    if k:
        ages.append(k * D - 30)
for m in (0, 1, 2, 4, 5, 29, 59, 60, 61, 89, 1439, 1441):
    ages.append(m * M + 30)
modes = [0o644, 0o755, 0o600, 0o777, 0o4755, 0o2755, 0o1777, 0o6711, 0o444,
         0o222, 0o111, 0o020, 0o7777, 0o700, 0o640, 0o004, 0o001, 0o2000,
         0o000, 0o604, 0o400, 0o200, 0o711, 0o4000, 0o1000, 0o666, 0o751]
uids = [0, 65534, 1000, 4242]          # 4242: no user
gids = [0, 65534, 104, 4343]           # 4343: no group
names = [b"plain", b"new\nline", b"\xff", b"a\xffb", b"caf\xc3\xa9", b"CAF\xc3\x89",
         b"-dash", b" sp ace ", b"*star", b"q?", b"[br]", b"README", b"readme.TXT",
         b"x.c", b"y.h", b"Z.C", b"\xc3\xa9t\xc3\xa9", b"\xc3\x89T\xc3\x89", b".hidden"]
J = os.path.join
os.mkdir(root)
dirs = [root]
for sub in (b"d1", b"d1/d2", b"d1/d2/d3", b"E", b"empty", b"onlyhidden", b"full"):
    os.mkdir(J(root, sub))
    dirs.append(J(root, sub))
open(J(root, b"onlyhidden", b".h"), "wb").close()
files = []
n = 0
for d in dirs:
    if d.endswith(b"empty"):
        continue
    for nm in names:
        p = J(d, nm + b"%d" % n)
        with open(p, "wb") as f:
            f.truncate(sizes[n % len(sizes)])
        files.append(p)
        n += 1
# times, modes, owners: spread so that combinations meet
for i, p in enumerate(files):
    os.chown(p, uids[i % 4], gids[(i // 3) % 4])
    os.chmod(p, modes[(i * 5) % len(modes)])
    m, a = now - ages[i % len(ages)], now - ages[(i * 7 + 3) % len(ages)]
    os.utime(p, (a, m))
# hard links (nlink 3 and 2)
os.link(files[0], J(root, b"hl1"))
os.link(files[0], J(root, b"hl2"))
os.link(files[5], J(root, b"d1", b"hl3"))
# symlinks: to a file, a directory, a symlink, nowhere, itself
os.symlink(b"plain0", J(root, b"l-file"))
os.symlink(b"d1", J(root, b"l-dir"))
os.symlink(b"l-file", J(root, b"l-link"))
os.symlink(b"nowhere", J(root, b"l-dangling"))
os.symlink(b"empty", J(root, b"l-empty"))
os.symlink(b"../full", J(root, b"d1", b"l-up"))
for i, nm in enumerate((b"l-file", b"l-dir", b"l-link", b"l-dangling", b"l-empty")):
    p = J(root, nm)
    os.lchown(p, uids[(i + 1) % 4], gids[(i + 2) % 4])
    t = now - ages[(i * 11) % len(ages)]
    os.utime(p, (t, t), follow_symlinks=False)
os.mkfifo(J(root, b"fifo"))
s = socket.socket(socket.AF_UNIX)
s.bind(J(root, b"sock"))
s.close()
# references for --newer: a file, a symlink to it with a time of its own,
# a dangling symlink
ref = J(root, b"ref")
open(ref, "wb").close()
os.utime(ref, (now - 30 * D, now - 30 * D))
os.symlink(b"ref", J(root, b"ref-link"))
os.utime(J(root, b"ref-link"), (now - 2 * D, now - 2 * D), follow_symlinks=False)
os.symlink(b"nowhere", J(root, b"ref-dangling"))
os.utime(J(root, b"ref-dangling"), (now - 5 * D, now - 5 * D), follow_symlinks=False)
# directories last: their times after their contents, modes and owners
for i, d in enumerate(reversed(dirs)):
    if d != root:
        os.chown(d, uids[(i + 1) % 4], gids[i % 4])
        os.chmod(d, [0o755, 0o711, 0o700, 0o2775, 0o1777, 0o751, 0o555][i % 7])
    t = now - ages[(i * 13 + 5) % len(ages)]
    os.utime(d, (t, t))
PY
python3 "$T/gen.py" g || echo "gen.py failed"
ln -s g gl
# Under relatime, the first reading of a directory (or following of a
# symlink) since its times were set moves its atime to now; read them all
# once, so that find and walk then see the same atimes.
find -L g >/dev/null 2>&1
find g -readable >/dev/null 2>&1

# sq WORD: WORD quoted for eval.
sq() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# to_find ARGS: walk's arguments as find's, quoted for eval, in $fa: -L or
# -H; each filter --X as -X; a kind given several times as \( A -o B \).
to_find() {
	local follow=-H glob= prunes= roots= kinds= k e n
	while [ $# -gt 0 ]; do
		case $1 in
		-L) follow=-L ;;
		-s) ;;
		-j) shift ;;
		--bottom-up) glob="$glob -depth" ;;
		--max-depth)
			glob="$glob -maxdepth $(sq "$2")"
			shift
			;;
		--min-depth)
			glob="$glob -mindepth $(sq "$2")"
			shift
			;;
		--prune)
			prunes="$prunes${prunes:+ -o} -name $(sq "$2")"
			shift
			;;
		--*)
			k=${1#--}
			case $k in
			nouser | nogroup | empty | readable | writable | executable) e="-$k" ;;
			*)
				e="-$k $(sq "$2")"
				shift
				;;
			esac
			eval "n=\${cnt_$k:-0}"
			[ "$n" -eq 0 ] && { kinds="$kinds $k"; eval "ex_$k="; }
			eval "ex_$k=\"\${ex_$k}\${ex_$k:+ -o} \$e\"; cnt_$k=$((n + 1))"
			;;
		*) roots="$roots $(sq "$1")" ;;
		esac
		shift
	done
	fa="$follow$roots$glob"
	[ -n "$prunes" ] && fa="$fa '(' '(' $prunes ')' -prune -o -true ')'"
	for k in $kinds; do
		eval "e=\$ex_$k n=\$cnt_$k; unset ex_$k cnt_$k"
		if [ "$n" -gt 1 ]; then
			fa="$fa '(' $e ')'"
		else
			fa="$fa $e"
		fi
	done
	fa="$fa -print0"
}

# diff_case [as_nobody] ARGS...: walk -s -0 ARGS and find's translation,
# both sorted, byte for byte, and the same exit status. Under valgrind,
# every 10th case only.
ncases=0
nrun=0
diff_case() {
	local who=
	if [ "$1" = as_nobody ]; then
		who=as_nobody
		shift
	fi
	ncases=$((ncases + 1))
	if $VALGRIND && [ $((ncases % 10)) -ne 1 ]; then
		return
	fi
	nrun=$((nrun + 1))
	to_find "$@"
	$who "$OSBOX" walk -s -0 "$@" >"$W/a" 2>"$W/ae"
	local sa=$?
	eval "$who find $fa" >"$W/b" 2>"$W/be"
	local sb=$?
	LC_ALL=C sort -z "$W/a" | tr '\0' '\n' >"$W/as"
	LC_ALL=C sort -z "$W/b" | tr '\0' '\n' >"$W/bs"
	if ! cmp -s "$W/as" "$W/bs"; then
		_fail "differential: ${who:+$who }walk $*" "find $fa" "$(diff "$W/as" "$W/bs" | head -20)"
	elif [ "$sa" != "$sb" ]; then
		_fail "differential: ${who:+$who }walk $*: status $sa, find $sb" "$(cat "$W/ae" "$W/be")"
	elif [ -s "$W/ae" ] && [ ! -s "$W/be" ]; then
		_fail "differential: walk $*: a diagnostic find does not give" "$(cat "$W/ae")"
	else
		passed=$((passed + 1))
	fi
}

# Each filter, each form of its argument.
for v in 0 1 2 +0 +1 -1 -2 3 +3 -3 +1000 -1000 1025c +1024c -1024c 512c 511c -512c +513c 1023c \
	1k -1k +1k 2k +2k 1M -1M +1M 2M +2M 1G -1G +1G 2G 1w 256w +256w -257w 2b +2b -0 0c -1c; do
	diff_case --size "$v" g
done
for o in mtime atime; do
	for v in 0 1 2 6 7 8 30 100 365 +0 +1 +6 +7 +30 +99 +364 +365 -0 -1 -2 -7 -8 -31 -365 -366 \
		1.5 +0.5 -0.5 +2.25 -100.5; do
		diff_case --$o "$v" g
	done
done
for o in mmin amin; do
	for v in 0 1 2 3 5 6 30 60 61 62 90 1440 1442 +0 +1 +2 +5 +59 +60 +61 +1440 -1 -2 -3 -6 \
		-60 -61 -62 -1441 -1443 1.5 +0.5 -90.5; do
		diff_case --$o "$v" g
	done
done
# Status changes all happened a few seconds ago (ctime cannot be set).
for v in 0 1 +0 -0 -1 +1; do diff_case --ctime "$v" g; done
for v in 0 1 2 +0 +1 -1 -10 +10; do diff_case --cmin "$v" g; done
for v in g/ref g/ref-link g/ref-dangling g/d1 g/plain0; do diff_case --newer "$v" g; done
for v in 644 0644 755 0 7777 4755 2755 1777 6711 020 -644 -4000 -2000 -1000 -7000 -111 -0 \
	/111 /4000 /6000 /7000 /0 /222 u+w g=w -g=w -u+x /u+s,g+s /o+t -a+X /a+X a+X u=rwx,go=rx \
	=755 +x -+w /+w 00644 -u=rwx,g=rx ug=rw -o=r go-w,u=rw a=; do
	diff_case --perm "$v" g
done
for v in root nobody cloudsdk 0 65534 1000 4242 00; do diff_case --user "$v" g; done
for v in root nogroup postgres 0 65534 104 4343; do diff_case --group "$v" g; done
diff_case --nouser g
diff_case --nogroup g
diff_case --nouser --nogroup g
for v in 1 2 3 +1 -2 +2 -1 0 4 -5; do diff_case --links "$v" g; done
ino=$(stat -c %i g/hl1)
for v in "$ino" "+$ino" "-$ino" 1 +1; do diff_case --inum "$v" g; done
diff_case --empty g
diff_case --empty --max-depth 1 g
diff_case --empty --bottom-up g
diff_case --empty --prune empty --prune d2 g
diff_case --readable g
diff_case --writable g
diff_case --executable g
for v in 'plain*' '*' '?' '??' '*.c' '*.C' 'caf?*' 'readme*' '-*' '* *' '*[*]*' '*[?]*' '\[*' \
	'*\n*' 'g' '.*' '[[:upper:]]*' 'é*' 'É*'; do
	diff_case --name "$v" g
	diff_case --iname "$v" g
done
for v in 'g/d1/*' '*/d2/*' 'g' 'g/*/*/*' '*e*' '*D*' 'G/D1*' '*/-*' '*\n*' 'g/d1'; do
	diff_case --path "$v" g
	diff_case --ipath "$v" g
done

# Repeated kinds OR, different kinds AND.
diff_case --name '*.c' --name '*.h' g
diff_case --iname '*.c' --name 'README*' --type f g
diff_case --mtime -3 --mtime +100 g
diff_case --mmin -5 --mtime +300 --type f g
diff_case --size -1k --size +1M --type f g
diff_case --size +0 --size -2 --mtime -100 g
diff_case --perm -4000 --perm -2000 g
diff_case --perm /111 --user 0 --group 0 g
diff_case --user nobody --user 1000 --nogroup g
diff_case --type f,d --type l --size -2 g
diff_case --links +1 --type f --size +0 g
diff_case --newer g/ref --mtime -200 --size -1M g
diff_case --empty --type d g
diff_case --empty --type f --perm -u+r g
diff_case --path '*d1*' --ipath '*D2*' --name '*.c' --name 'x*' g
diff_case --readable --writable --executable --type f g
diff_case --min-depth 2 --size -3 --max-depth 3 g
diff_case --atime -30 --atime +300 --mmin +100 --type f g
diff_case --prune d2 --size -1 g
diff_case -j 2 --size +1 --mtime -30 g
diff_case -j 3 --empty --perm /o+w g
diff_case --bottom-up --mtime -7 --size -2k g
diff_case --bottom-up --type d --perm -u+w g

# Symlinks: -H (the root followed, the rest examined themselves) and -L.
for a in "--size -1" "--size +0" "--type l" "--empty" "--newer g/ref" "--mtime -1" "--mtime +1" \
	"--user 0" "--nouser" "--perm 777" "--perm -o+x" "--links 1" "--readable" "--executable" \
	"--name l-*"; do
	set -f
	# shellcheck disable=SC2086 # split at the spaces, no globbing
	set -- $a
	set +f
	diff_case "$@" g
	diff_case -L "$@" g
	diff_case "$@" gl
	diff_case -L "$@" gl
done
diff_case --size -1 g/l-file g/l-dangling g/l-empty
diff_case --empty g/l-empty g/l-dir
diff_case -L --newer g/ref-link --type f g
diff_case --newer g/ref-link g

# In another locale: '?' is one byte of C.
LC_ALL=C
diff_case --name '?' g
diff_case --iname 'caf*' g
LC_ALL=C.UTF-8

# As nobody, where the answers differ from root's.
diff_case as_nobody --readable g
diff_case as_nobody --writable g
diff_case as_nobody --executable g
diff_case as_nobody --readable --writable --type f g
diff_case as_nobody --executable --type d g
diff_case as_nobody -L --readable g
diff_case as_nobody --empty g

# The filters choose the entries of every output form: --printf and -l
# against find -printf and -ls; --json -l gives the records of exactly the
# paths the plain output prints.
form_case() {
	ncases=$((ncases + 1))
	nrun=$((nrun + 1))
	"$OSBOX" walk -s "$@" --printf '%p %s %m %u %n\n' g >"$W/a" 2>&1
	find -H g "$(printf '%s' "$1" | sed 's/^--/-/')" "$2" -printf '%p %s %m %u %n\n' >"$W/b" 2>&1
	LC_ALL=C sort "$W/a" >"$W/as"
	LC_ALL=C sort "$W/b" >"$W/bs"
	same "--printf with $*: find -printf's lines" "$W/as" "$W/bs"
	"$OSBOX" walk -s -l "$@" g | sed 's/  */ /g' | LC_ALL=C sort >"$W/a"
	find -H g "$(printf '%s' "$1" | sed 's/^--/-/')" "$2" -ls | sed 's/  */ /g' | LC_ALL=C sort >"$W/b"
	same "-l with $*: find -ls's lines" "$W/a" "$W/b"
	"$OSBOX" walk -s -0 "$@" g | tr '\0' '\n' | LC_ALL=C sort >"$W/a"
	"$OSBOX" walk -s --json -l "$@" g |
		python3 -c 'import json, os, sys; [sys.stdout.buffer.write(os.fsencode(json.loads(l)["path"]) + b"\n") for l in sys.stdin]' |
		LC_ALL=C sort >"$W/b"
	same "--json -l with $*: the records of the paths printed" "$W/a" "$W/b"
	ok "--json -l with $*: some records" check "[ -s '$W/b' ]"
}
form_case --size -2
form_case --mtime +30
form_case --perm -u+x
form_case --user 0

echo "walk_filter: $nrun of $ncases differential cases run against GNU find"

# --- The readings as nobody differ from root's (or the case above prove little).
run "$OSBOX" walk -s -0 --readable g
mv "$W/out" "$W/root-readable"
as_nobody "$OSBOX" walk -s -0 --readable g >"$W/nobody-readable" 2>/dev/null
ok "--readable as nobody is not root's answer" check '! cmp -s "$W/root-readable" "$W/nobody-readable"'

# --- Bad arguments: a usage error naming the argument, nothing printed.
hint="Try 'walk --help' for more information."
t "--size 12q" 2 '' "walk: --size: invalid size '12q' (a number, then b, c, w, k, M or G)
$hint" osbox walk --size 12q g
t "--size 1.5k" 2 '' "walk: --size: invalid size '1.5k' (a number, then b, c, w, k, M or G)
$hint" osbox walk --size 1.5k g
t "--size empty" 2 '' "walk: --size: invalid size '' (a number, then b, c, w, k, M or G)
$hint" osbox walk --size '' g
t "--size +" 2 '' "walk: --size: invalid size '+' (a number, then b, c, w, k, M or G)
$hint" osbox walk --size + g
t "--size too large" 2 '' "walk: --size: invalid size '99999999999999999999999' (a number, then b, c, w, k, M or G)
$hint" osbox walk --size 99999999999999999999999 g
t "--size +-1" 2 '' "walk: --size: invalid size '+-1' (a number, then b, c, w, k, M or G)
$hint" osbox walk --size +-1 g
for m in 99x +644 +0 '' - / 017777 ',u+w' 'u+w,' '0755,u+s' 8; do
	t "--perm '$m'" 2 '' "walk: --perm: invalid mode '$m' (octal or symbolic as chmod's, after - for all of its bits or / for any)
$hint" osbox walk --perm "$m" g
done
t "--user nosuchuser" 2 '' "walk: --user: unknown user 'nosuchuser' (a user name or ID)
$hint" osbox walk --user nosuchuser g
t "--user empty" 2 '' "walk: --user: unknown user '' (a user name or ID)
$hint" osbox walk --user '' g
t "--user (uid_t)-1" 2 '' "walk: --user: unknown user '4294967295' (a user name or ID)
$hint" osbox walk --user 4294967295 g
t "--group nosuchgroup" 2 '' "walk: --group: unknown group 'nosuchgroup' (a group name or ID)
$hint" osbox walk --group nosuchgroup g
t "--mtime x" 2 '' "walk: --mtime: invalid number 'x' ([+-]N, N a number)
$hint" osbox walk --mtime x g
t "--mmin nan" 2 '' "walk: --mmin: invalid number 'nan' ([+-]N, N a number)
$hint" osbox walk --mmin nan g
t "--cmin --" 2 '' "walk: --cmin: invalid number '--' ([+-]N, N a number)
$hint" osbox walk --cmin -- g
t "--links 1.5" 2 '' "walk: --links: invalid number '1.5' ([+-]N, N a decimal number)
$hint" osbox walk --links 1.5 g
t "--inum +-1" 2 '' "walk: --inum: invalid number '+-1' ([+-]N, N a decimal number)
$hint" osbox walk --inum +-1 g
t "--type x, quoted" 2 '' "walk: --type: unknown type 'x'\$'\\n' (use f, d, l, p, s, c, b, separated by commas)
$hint" osbox walk --type "x
" g
t "a control character in an argument is quoted" 2 '' "walk: --user: unknown user 'a'\$'\\n''b' (a user name or ID)
$hint" osbox walk --user "a
b" g
t "--newer a missing file: find's status 1" 1 '' "walk: /missing: No such file or directory" \
	osbox walk --newer /missing g
t "--newer: the name quoted" 1 '' "walk: 'no such': No such file or directory" \
	osbox walk --newer 'no such' g
t "a usage error before the --newer file is looked at" 2 '' "walk: --size: invalid size '12q' (a number, then b, c, w, k, M or G)
$hint" osbox walk --newer /missing --size 12q g
mkdir -p locked && : >locked/f && chmod 700 locked
t "--newer a file nobody may reach" 1 '' "walk: locked/f: Permission denied" \
	as_nobody "$OSBOX" walk --newer locked/f g
t "a filter with --tree" 2 '' "walk: --size cannot be used with --tree: it prints whole directories, not entries
$hint" osbox walk --tree --size 1 g
t "a filter with --json" 2 '' "walk: --name cannot be used with --json: it prints whole directories, not entries
$hint" osbox walk --name x --empty --json g
t "--min-depth is not a filter: it has a meaning with --tree" 0 '*' '' osbox walk --tree --min-depth 1 g/d1
ok "--help names every filter" check 'osbox walk --help | grep -q -- "--executable"'

# --- Errors met by a test: --empty of a directory the walk does not enter
# is read for the test alone, and its error is reported (once), as find.
mkdir -p e/locked/x e/open
chmod 700 e/locked
t "--empty of an unreadable directory not entered" 1 'e/open' "walk: e/locked: Permission denied" \
	as_nobody "$OSBOX" walk -s --empty --prune locked e
t "--empty of an unreadable directory entered: the walk's one message" 1 'e/open' \
	"walk: e/locked: Permission denied" as_nobody "$OSBOX" walk -s --empty e
t "the same, bottom up" 1 'e/open' "walk: e/locked: Permission denied" \
	as_nobody "$OSBOX" walk -s --bottom-up --empty e

# --- Output errors.
t "write error" 1 '' 'walk: write error: No space left on device' sh -c 'osbox walk --size -2 g >/dev/full'
mkdir -p wide
(cd wide && seq -f "%04g-$(printf '%0200d' 0)" 1 600 | xargs touch)
t "closed pipe past the buffer, with a filter on status" 141 '' '' \
	bash -c 'osbox walk --size -1 --mtime -1 wide | head -1 >/dev/null; exit ${PIPESTATUS[0]}'

# --- Cost: a filter on status is one stat per entry; name, path and type
# filters none (the file system gives d_type).
if $VALGRIND; then
	skip "system calls per entry" "under valgrind"
elif ! command -v strace >/dev/null; then
	skip "system calls per entry" "no strace"
else
	nstat() {
		strace -f -c -e trace=stat,lstat,fstat,newfstatat,fstatat64,statx -o "$W/strace" "$OSBOX_REAL" walk "$@" >/dev/null 2>&1
		awk '$NF ~ /stat/ { n += $(NF-1) - ($(NF-1) ~ /^[0-9]+$/ ? 0 : 0) } END { print n + 0 }' "$W/strace"
	}
	# Each count less the same walk's over the root alone: what the
	# entries below it cost (a user lookup reads /etc/passwd once).
	# (The directory itself costs a few.)
	entries=$(($(find wide | wc -l) - 1))
	set -f
	f="--name *x* --iname *y* --path *z* --type f"
	n=$(($(nstat $f wide) - $(nstat $f --max-depth 0 wide)))
	ok "name, path and type filters stat nothing per entry ($n for $entries entries)" check "[ $n -le 5 ]"
	f="--size -1 --mtime -1 --perm -u+r --user 0 --nouser"
	n=$(($(nstat $f wide) - $(nstat $f --max-depth 0 wide)))
	ok "filters on status: one stat per entry ($n for $entries entries)" check "[ $n -ge $entries ] && [ $n -le $((entries + 5)) ]"
	set +f
fi
