# mkdirs: os.makedirs / mkdir -p; -m on the last component only,
# --exist-fail, -v, races between processes, long paths, errors.

umask 022

t "creates every parent" 0 '' '' osbox mkdirs a/b/c
ok "a/b/c is a directory" [ -d a/b/c ]
t "an existing directory is fine" 0 '' '' osbox mkdirs a/b/c
t "an existing parent is fine" 0 '' '' osbox mkdirs a/b/c2
t "-v names each directory created" 0 "mkdirs: created directory 'v'
mkdirs: created directory 'v/w'
mkdirs: created directory 'v/w/x'" '' osbox mkdirs -v v/w/x
t "-v only for what was created" 0 "mkdirs: created directory 'v/w/y'" '' osbox mkdirs -v v/w/y
t "-v as the link was invoked" 0 "mkdirs: created directory 'v2'" '' "$LINKS/mkdirs" --verbose v2
t "-v keeps the operand's spelling" 0 "mkdirs: created directory 'v3'
mkdirs: created directory 'v3//w'
mkdirs: created directory 'v3//w/./x'" '' osbox mkdirs -v v3//w/./x/
t "several operands" 0 '' '' osbox mkdirs s1/a s2/b s1/c
ok "all made" check '[ -d s1/a ] && [ -d s2/b ] && [ -d s1/c ]'
t "-p is accepted" 0 '' '' osbox mkdirs -p p/q
t "absolute path" 0 '' '' osbox mkdirs "$T/abs/x"
ok "absolute made" [ -d "$T/abs/x" ]
t "dot and dot-dot" 0 '' '' osbox mkdirs dd/./e/../f
ok "dd/f made" check '[ -d dd/f ] && [ -d dd/e ]'
t "the root" 0 '' '' osbox mkdirs /

# --exist-fail: exist_ok=False
t "--exist-fail on an existing directory" 1 '' "mkdirs: a/b: File exists" osbox mkdirs --exist-fail a/b
t "--exist-fail creates what is missing" 0 '' '' osbox mkdirs --exist-fail a/b/new/deeper
t "--exist-fail: a trailing slash" 1 '' "mkdirs: a/b: File exists" osbox mkdirs --exist-fail a/b/
t "--exist-fail: new/. was just made" 0 '' '' osbox mkdirs --exist-fail dotnew/.
t "--exist-fail: old/. was not" 1 '' "mkdirs: dotnew/.: File exists" osbox mkdirs --exist-fail dotnew/.
t "--exist-fail and the root" 1 '' "mkdirs: /: File exists" osbox mkdirs --exist-fail /

# components that are not directories
echo data >a/file
t "a file in the way is named" 1 '' "mkdirs: a/file: Not a directory" osbox mkdirs a/file/x/y
t "a file as DIR" 1 '' "mkdirs: a/file: File exists" osbox mkdirs a/file
ok "the file is untouched" [ "$(cat a/file)" = data ]
ln -s file a/lfile
t "a symlink to a file in the way" 1 '' "mkdirs: a/lfile: Not a directory" osbox mkdirs a/lfile/x
ln -s nowhere a/dangling
t "a dangling symlink as DIR" 1 '' "mkdirs: a/dangling: File exists" osbox mkdirs a/dangling
t "a dangling symlink in the way" 1 '' "mkdirs: a/dangling: File exists" osbox mkdirs a/dangling/x
ok "the dangling symlink is left" check '[ "$(readlink a/dangling)" = nowhere ] && [ ! -e nowhere ]'
ln -s b a/ldir
t "a symlink to a directory is followed" 0 '' '' osbox mkdirs a/ldir/through
ok "made through the symlink" [ -d a/b/through ]
t "a symlink to a directory as DIR" 0 '' '' osbox mkdirs a/ldir
t "an error on one operand, the others go on" 1 '' "mkdirs: a/file: File exists" \
	osbox mkdirs ok1 a/file ok2
ok "ok1 and ok2 made" check '[ -d ok1 ] && [ -d ok2 ]'
t "empty operand" 1 '' "mkdirs: '': No such file or directory" osbox mkdirs ''

# -m: the last component only, exactly MODE (umask and special bits)
t "-m" 0 '' '' osbox mkdirs -m 700 m1/m2/m3
ok "-m: last gets MODE" [ "$(stat -c %a m1/m2/m3)" = 700 ]
ok "-m: parents get the default" [ "$(stat -c %a m1 m1/m2 | tr '\n' ' ')" = "755 755 " ]
t "-m ignores the umask" 0 '' '' sh -c 'umask 077; osbox mkdirs -m 777 mu'
ok "-m 777 under umask 077" [ "$(stat -c %a mu)" = 777 ]
t "-m with special bits" 0 '' '' osbox mkdirs --mode=3755 msp
ok "sticky and setgid set" [ "$(stat -c %a msp)" = 3755 ]
t "-m does not change an existing directory" 0 '' '' osbox mkdirs -m 700 m1/m2
ok "existing mode kept" [ "$(stat -c %a m1/m2)" = 755 ]
t "-m invalid" 1 '' "mkdirs: invalid mode '8'" osbox mkdirs -m 8 bad
t "-m too large" 1 '' "mkdirs: invalid mode '17777'" osbox mkdirs -m 17777 bad
t "-m empty" 1 '' "mkdirs: invalid mode ''" osbox mkdirs -m '' bad
ok "nothing made on a bad mode" [ ! -e bad ]
# a umask that denies u+wx: parents still let the child be made (as GNU mkdir -p)
t "umask 277" 0 '' '' sh -c 'umask 277; osbox mkdirs u/v/w'
sh -c 'umask 277; mkdir -p gu/v/w'
ok "same modes as GNU mkdir -p" [ "$(stat -c %a u u/v u/v/w)" = "$(stat -c %a gu gu/v gu/v/w)" ]
t "-m symbolic" 0 '' '' osbox mkdirs -m u=rwx,g=rx,o= sym1/sym2
ok "-m symbolic on the last" [ "$(stat -c %a sym1 sym1/sym2)" = "755
750" ]
t "-m invalid symbolic" 1 '' "mkdirs: invalid mode 'u=q'" osbox mkdirs -m u=q bad
# as GNU mkdir -m: MODE applied to a=rwx (the umask limits clauses that
# name no who letters), then set exactly. GNU differs with +t alone.
for m in 0 1 755 2700 4711 7777 0644 00750 u=rwx,g=rx,o= g+s u+s = +w -w go-w \
	u=rwx,go=u o+t,g=s -x a=r,u+w +X ug=rwX,o-rwx =rwx,-t =755 u-w,g+w; do
	run osbox mkdirs -m "$m" "om$m/x"
	mkdir -p -m "$m" "gm$m/x"
	ok "-m $m as GNU mkdir -p -m" check '[ "$status" = 0 ] && [ ! -s "$W/err" ] &&
		[ "$(stat -c %a "om$m" "om$m/x")" = "$(stat -c %a "gm$m" "gm$m/x")" ]'
done
chmod -R u+rwx om* gm*

# names are bytes
nl='new
line'
t "a name with a newline" 0 "mkdirs: created directory '$nl'" '' osbox mkdirs -v "$nl"
bad=$(printf 'x\377y')
t "invalid UTF-8" 0 '' '' osbox mkdirs "$bad/$bad"
ok "made byte for byte" [ -d "$bad/$bad" ]
touch "$bad/f"
t "an error quotes the name as GNU tools do" 1 '' "mkdirs: 'x'\$'\\377''y/f': File exists" \
	osbox mkdirs "$bad/f"
t "a name with a space" 1 '' "mkdirs: 'a b': Not a directory" sh -c 'touch "a b"; osbox mkdirs "a b/c"'

# long names and long paths
long=$(printf '%0300d' 0)
t "a component too long" 1 '' "mkdirs: ln/$long: File name too long" osbox mkdirs "ln/$long/x"
ok "the parent was made" [ -d ln ]
comp=$(printf '%0200d' 1)
deep=deep
for i in $(seq 30); do deep=$deep/$comp; done
t "a path past PATH_MAX" 0 '' '' osbox mkdirs "$deep/end"
ok "made 31 levels deep" [ "$(find deep -type d | wc -l)" = 32 ]
t "the long path exists now" 1 '' '*' osbox mkdirs --exist-fail "$deep/end"
ok "said File exists" grep -q ': File exists$' "$W/err"
t "a long path, again" 0 '' '' osbox mkdirs "$deep/end"

# many processes creating one tree at once all succeed
race=race
for i in $(seq 25); do race=$race/d$i; done
cat >"$T/race.sh" <<'EOF'
pids= fails=0
for i in $(seq 20); do
	osbox mkdirs "$1" "$1/leaf$((i % 3))" & pids="$pids $!"
done
for p in $pids; do wait $p || fails=$((fails + 1)); done
echo "$fails"
EOF
for round in 1 2; do
	rm -rf race
	t "20 processes on one deep path (round $round)" 0 0 '' bash "$T/race.sh" "$race"
	# every leaf the script names: leaf$((i % 3)), 0 to 2
	for leaf in 0 1 2; do
		ok "the tree is there: leaf$leaf (round $round)" test -d "$race/leaf$leaf"
	done
done

# --exist-fail in a race: exactly one process makes DIR
cat >"$T/race1.sh" <<'EOF2'
pids= wins=0
for i in $(seq 20); do
	osbox mkdirs --exist-fail "$1" 2>/dev/null & pids="$pids $!"
done
for p in $pids; do wait $p && wins=$((wins + 1)); done
echo "$wins"
EOF2
for round in 1 2; do
	rm -rf race1
	t "--exist-fail: one of 20 processes wins (round $round)" 0 1 '' bash "$T/race1.sh" race1/a/b/c
done

# errors users meet
t "no operand" 2 '' "mkdirs: missing operand
Try 'mkdirs --help' for more information." osbox mkdirs
t "unknown option" 2 '' "mkdirs: invalid option -- 'z'
Try 'mkdirs --help' for more information." osbox mkdirs -z a
t "-m needs an argument" 2 '' "mkdirs: option requires an argument -- 'm'
Try 'mkdirs --help' for more information." osbox mkdirs -m
t "--help" 0 '*' '' osbox mkdirs --help
ok "--help usage line" grep -q '^Usage: mkdirs \[-m MODE\] \[-v\] \[--exist-fail\] DIR' "$W/out"
mkdir -p "$T/locked/sub"
chmod 755 "$T/locked"
t "permission denied names the component" 1 '' "mkdirs: $T/locked/x: Permission denied" \
	as_nobody "$OSBOX" mkdirs "$T/locked/x/y"
t "existing directories need no permission" 0 '' '' as_nobody "$OSBOX" mkdirs "$T/locked/sub"
mkdir -p "$T/noexec/in"
chmod 700 "$T/noexec"
t "no search permission" 1 '' "mkdirs: $T/noexec/in: Permission denied" \
	as_nobody "$OSBOX" mkdirs "$T/noexec/in/x"
t "/proc" 1 '' "mkdirs: /proc/nonexistent-osbox: No such file or directory" \
	osbox mkdirs /proc/nonexistent-osbox/x
if can_ro; then
	mkdir -p ro/exists
	t "read-only file system" 1 '' "mkdirs: ro/new: Read-only file system" \
		in_ro ro "$OSBOX" mkdirs ro/exists ro/new/x
	ok "nothing made" [ ! -e ro/new ]
	t "read-only, existing" 0 '' '' in_ro ro "$OSBOX" mkdirs ro/exists
else
	skip "read-only file system" "needs root and unshare -m"
fi
t "write error" 1 '' "mkdirs: write error: No space left on device" \
	sh -c 'osbox mkdirs -v wfull >/dev/full'
ok "the directory was made" [ -d wfull ]

# Against os.makedirs: generated trees (files, symlinks to directories,
# files and nowhere) and path spellings, exist_ok True and False.
cat >"$T/diff.py" <<'PY'
import os, random, subprocess, sys
osbox = os.environ["OSBOX"]
random.seed(5)
base = os.path.abspath("pydiff")
os.makedirs(base)
names = ["a", "b", "c"]
def make_tree(root, dirs, files, links):
    os.makedirs(root)
    for d in dirs:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    for f in files:
        p = os.path.join(root, f)
        if os.path.isdir(os.path.dirname(p)) and not os.path.lexists(p):
            open(p, "w").close()
    for name, target in links:
        if os.path.isdir(os.path.dirname(os.path.join(root, name))) and not os.path.lexists(os.path.join(root, name)):
            os.symlink(target, os.path.join(root, name))
def state(root):
    out = []
    for dp, dn, fn in os.walk(root):
        for x in dn + fn:
            p = os.path.join(dp, x)
            out.append((os.path.relpath(p, root), os.path.islink(p), os.path.isdir(p)))
    return sorted(out)
bad = 0
for i in range(120):
    dirs = ["/".join(random.choice(names) for _ in range(random.randint(1, 3))) for _ in range(2)]
    files = [random.choice(dirs) + "/" + random.choice(names) for _ in range(random.randint(0, 2))]
    links = [(random.choice(["l", "a/l"]), random.choice(["a", "b/c", "nowhere", "a/b", "f"]))]
    parts = [random.choice(names + ["l", ".", "..", "new"]) for _ in range(random.randint(1, 5))]
    path = "/".join(parts) + random.choice(["", "", "/", "/."])
    exist_ok = random.random() < 0.7
    absolute = random.random() < 0.2
    res = []
    for who in ("osbox", "python"):
        # five levels down, so that ".." stays inside the case
        top = os.path.join(base, "%d-%s" % (i, who))
        root = os.path.join(top, "1/2/3/4/5")
        make_tree(root, dirs, files, links)
        arg = os.path.join(root, path) if absolute else path
        if who == "osbox":
            cmd = [osbox, "mkdirs"] + ([] if exist_ok else ["--exist-fail"]) + [arg]
            okay = subprocess.run(cmd, cwd=root, capture_output=True).returncode == 0
        else:
            os.chdir(root)
            try:
                os.makedirs(arg, exist_ok=exist_ok)
                # os.makedirs("dangling/.") returns without error and
                # without a directory (it swallows the FileExistsError of
                # "dangling"); mkdirs reports it: not compared.
                okay = True if os.path.isdir(arg) else "quirk"
            except OSError:
                okay = False
            os.chdir(base)
        res.append((okay, state(top)))
    if res[1][0] == "quirk":
        continue
    if res[0] != res[1]:
        bad += 1
        print("differs:", dirs, files, links, repr(path), exist_ok, res)
print(bad)
sys.exit(1 if bad else 0)
PY
t "120 generated cases agree with os.makedirs" 0 0 '' python3 "$T/diff.py"

# -m against GNU mkdir -p -m over generated modes (octal numbers, symbolic
# clauses with +t, =, -, X, s and u/g/o copies) at four umasks, in a plain
# and in a setgid parent: GNU sets only the bits MODE names, and only
# when mkdir(2) left one different ("+t" is 1755 at umask 022, not 1777).
cat >"$T/modes.py" <<'PY'
import os, random, subprocess, sys
osbox, base, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
random.seed(12)
def clause():
    who = random.choice(["", "", "u", "g", "o", "a", "ug", "go", "uo", "ugo"])
    acts = []
    for _ in range(random.randint(1, 2)):
        op = random.choice("=+-")
        r = random.random()
        if r < 0.2:
            perm = random.choice("ugo")
        elif r < 0.25 and not who:
            perm = "%o" % random.randint(0, 0o777)
        else:
            perm = "".join(c for c in "rwxXst" if random.random() < 0.35)
        acts.append(op + perm)
        if perm[:1].isdigit():
            break
    return who + "".join(acts)
modes = ["+t", "o+t", "u+s", "g+s", "+s", "=t", "=", "-t", "+X", "=X", "a+X,+t",
         "u=rwx,+t", "g=u", "o=g,+t", "1777", "2755", "01755", "07777", "755", "0"]
while len(modes) < count:
    if random.random() < 0.2:
        modes.append("%0*o" % (random.randint(1, 5), random.randint(0, 0o7777)))
    else:
        modes.append(",".join(clause() for _ in range(random.randint(1, 3))))
os.mkdir(base)
bad = n = 0
for mask in (0o000, 0o002, 0o022, 0o077):
    os.umask(mask)
    for sgid in (False, True):
        top = os.path.join(base, "%03o%s" % (mask, "s" if sgid else ""))
        os.mkdir(top)
        os.chmod(top, 0o2777 if sgid else 0o777)
        for i, m in enumerate(modes):
            o, g = os.path.join(top, "o%d" % i), os.path.join(top, "g%d" % i)
            ro = subprocess.run([osbox, "mkdirs", "-m", m, o], capture_output=True)
            rg = subprocess.run(["mkdir", "-p", "-m", m, g], capture_output=True)
            mo = "%o" % os.stat(o).st_mode if ro.returncode == 0 else ro.stderr
            mg = "%o" % os.stat(g).st_mode if rg.returncode == 0 else rg.stderr.replace(b"mkdir", b"mkdirs")
            n += 1
            if (ro.returncode, mo) != (rg.returncode, mg):
                bad += 1
                print("umask %03o%s -m %r: osbox %s, GNU %s" % (mask, " setgid" if sgid else "", m, mo, mg))
print(bad, "of", n)
sys.exit(1 if bad or n < 8 * count else 0)
PY
# Under valgrind, the 20 chosen modes alone (each run costs half a second there).
nmodes=100
$VALGRIND && nmodes=20
t "-m: $nmodes modes at umasks 000, 002, 022, 077 as GNU mkdir -p -m" 0 "0 of $((nmodes * 8))" '' \
	python3 "$T/modes.py" "$OSBOX" "$T/gmodes" "$nmodes"
chmod -R u+rwx "$T/gmodes"

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	: >"o12-$n"
	t "issue 12: mkdirs quotes $q" 1 '' "mkdirs: 'o12-${q#\'}: Not a directory" \
		osbox mkdirs "o12-$n/x"
	rm -f "o12-$n"
done

# --- issue 12, class 1: with 2>&1, each diagnostic comes where it
# happened, after the output before it (stdout is flushed first).
: >o12f
t "issue 12: mkdirs -v's error in its place" 1 "mkdirs: created directory 'o12a'
mkdirs: o12f: Not a directory
mkdirs: created directory 'o12b'" '' sh -c '"$@" 2>&1' _ osbox mkdirs -v o12a o12f/x o12b
