# chmod: a drop-in for GNU chmod. Modes, messages and statuses are checked
# differentially against /bin/chmod; errors users meet are pinned exactly.
CH=$LINKS/chmod
HINT="Try 'chmod --help' for more information."
mode_of() { stat -c %a "$1"; }

# --- differential test against GNU chmod -------------------------------
# Hundreds of generated modes (valid and invalid, octal and symbolic,
# several clauses and operators, X, s, t, copies, option-like "-w"),
# under several umasks, on files and directories with special bits;
# resulting modes, stdout, stderr and status must all be GNU's.
if [ -x /bin/chmod ] && /bin/chmod --version 2>/dev/null | grep -q 'GNU coreutils'; then
cat >"$T/diff.py" <<'PY'
# Differential test of chmod against GNU chmod: generated modes (valid and
# invalid, octal and symbolic), several umasks, files and directories with
# special bits. Compares the resulting modes, stdout, stderr and status.
import os, random, subprocess, sys

ours, gnu, work = sys.argv[1], sys.argv[2], sys.argv[3]
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 4)
N = int(sys.argv[5]) if len(sys.argv) > 5 else 400

# name -> (is_dir, starting mode)
FILES = {"f644": (0, 0o644), "f755": (0, 0o755), "f000": (0, 0), "f6751": (0, 0o6751),
         "f1777": (0, 0o1777), "f640": (0, 0o640), "d755": (1, 0o755), "d2775": (1, 0o2775),
         "d6700": (1, 0o6700), "d1777": (1, 0o1777), "d000": (1, 0)}
UMASKS = [0o022, 0o077, 0, 0o027, 0o002, 0o777, 0o137]

def perms():
    return "".join(rng.choice("rwxXst") for _ in range(rng.choice([0, 1, 1, 2, 3, 4])))

def action():
    op = rng.choice("+-=")
    r = rng.random()
    if r < 0.15:
        return op + rng.choice("ugo")
    return op + perms()

def clause():
    who = "".join(rng.choice("ugoa") for _ in range(rng.choice([0, 0, 1, 1, 2, 3])))
    if not who and rng.random() < 0.08:
        return rng.choice("+-=") + octal()
    acts = "".join(action() for _ in range(rng.choice([1, 1, 1, 2, 3])))
    return who + acts

def octal():
    n = rng.choice([1, 2, 3, 3, 3, 4, 4, 5, 6])
    s = "".join(rng.choice("01234567") for _ in range(n))
    if n >= 4 and rng.random() < 0.5:
        s = rng.choice("01234567") + s[1:]
    return s

def valid_mode():
    if rng.random() < 0.25:
        return octal()
    return ",".join(clause() for _ in range(rng.choice([1, 1, 2, 3])))

def mutate(m):
    r = rng.random()
    i = rng.randrange(len(m) + 1)
    if r < 0.4 or not m:
        return m[:i] + rng.choice("ugoarwxXst+-=,01789zZ U") + m[i:]
    if r < 0.7:
        return m[:i] + m[i + 1:]
    if r < 0.8:
        return m + ","
    if r < 0.9:
        return "," + m
    return m.replace(",", ",,", 1) if "," in m else m + "8"

modes = set()
while len(modes) < N:
    m = valid_mode()
    modes.add(mutate(m) if rng.random() < 0.3 else m)
modes = sorted(modes)
modes += ["", "17777", "7777", "00000", "-w", "-x+X", "+t", "-s", "=", "-rwx", "-,", "--x", "-0"]

names = sorted(FILES)
def reset():
    for n, (isdir, m) in FILES.items():
        p = os.path.join(work, n)
        if not os.path.lexists(p):
            os.mkdir(p) if isdir else open(p, "w").close()
        os.chmod(p, m)

def run(tool, args, um):
    reset()
    r = subprocess.run(["chmod"] + args, executable=tool, cwd=work, capture_output=True, umask=um)
    got = [oct(os.stat(os.path.join(work, n)).st_mode & 0o7777) for n in names]
    return r.returncode, r.stdout, r.stderr, got

bad = cases = invalid = warned = changed = 0
for k, m in enumerate(modes):
    for um in ([UMASKS[k % len(UMASKS)]] if k % 10 else UMASKS):
        # modes that start with "-" go in as options, as users write them
        verbose = ["-v"] if k % 3 == 0 else ["-c"] if k % 3 == 1 else []
        args = verbose + [m] + names
        if m.startswith("-") and k % 2:
            args = verbose + ["--", m] + names
        a = run(ours, args, um)
        b = run(gnu, args, um)
        cases += 1
        invalid += b"invalid mode" in b[2]
        warned += b"new permissions are" in b[2]
        changed += b"changed from" in b[1]
        if a != b:
            bad += 1
            if bad <= 10:
                print("MISMATCH umask %03o: chmod %r" % (um, args))
                for what, x, y in zip(("status", "stdout", "stderr", "modes"), a, b):
                    if x != y:
                        print("  %s: ours %r\n  %s: gnu  %r" % (what, x, what, y))
print("%d cases (%d invalid modes, %d umask warnings, %d with changes), %d mismatches"
      % (cases, invalid, warned, changed, bad))
# the generator must keep producing each kind of case, or this proves little
sys.exit(1 if bad or invalid < N // 10 or cases - invalid < N // 2 or warned < 1
         or changed < N // 4 else 0)
PY
mkdir "$T/diff"
# under valgrind, a quarter of the modes: each run costs half a second there
n1=200 n2=50
$VALGRIND && n1=50 n2=20
ok "differential vs GNU chmod (C.UTF-8)" python3 "$T/diff.py" "$CH" /bin/chmod "$T/diff" 4 $n1
ok "differential vs GNU chmod (C locale)" env LC_ALL=C python3 "$T/diff.py" "$CH" /bin/chmod "$T/diff" 7 $n2
else
	skip "differential vs GNU chmod" "no GNU chmod in /bin"
fi

# --- modes ---------------------------------------------------------------
touch f
t "octal" 0 '' '' "$CH" 751 f
ok "octal sets the mode" [ "$(mode_of f)" = 751 ]
t "symbolic clauses" 0 '' '' "$CH" u=rw,g=r,o= f
ok "symbolic sets the mode" [ "$(mode_of f)" = 640 ]
t "several operators in a clause" 0 '' '' "$CH" a=rwx-w+r f
ok "several operators" [ "$(mode_of f)" = 555 ]
t "osbox chmod and the link agree" 0 '' '' osbox chmod 600 f
ok "osbox chmod sets the mode" [ "$(mode_of f)" = 600 ]
t "a mode that looks like an option" 0 '' '' "$CH" -w f
ok "-w took w away" [ "$(mode_of f)" = 400 ]
t "option-like modes join other options" 0 \
	"mode of '$T/f' changed from 0400 (r--------) to 0000 (---------)" '' "$CH" -v -r "$T/f" -w
ok "-r then -w" [ "$(mode_of f)" = 0 ]
t "-- before a mode that starts with -" 0 '' '' "$CH" -- -0 f
chmod 400 f
t "option-like mode after the file" 0 '' '' "$CH" f -r
ok "a mode after the file" [ "$(mode_of f)" = 0 ]
t "POSIXLY_CORRECT: options end at the first operand" 1 '' "chmod: invalid mode: ‘f’
$HINT" env POSIXLY_CORRECT=1 "$CH" f -r
t "+r is not an option: the first operand is the mode" 1 '' "chmod: invalid mode: ‘f’
$HINT" "$CH" f +r
chmod 666 f
t "the umask kept a requested bit: GNU's warning" 1 '' \
	'chmod: f: new permissions are r--rw-rw-, not r--r--r--' sh -c "umask 022; exec '$CH' -w f"
ok "the umask still applied" [ "$(mode_of f)" = 466 ]
t "no warning when the mode is an operand" 0 '' '' sh -c "umask 022; chmod 666 f; exec '$CH' -- -w f"
t "umask 077 limits =rw" 0 '' '' sh -c "umask 077; exec '$CH' =rw f"
ok "=rw under umask 077" [ "$(mode_of f)" = 600 ]
mkdir sd
chmod 2755 sd
t "short octal keeps a directory's setgid" 0 '' '' "$CH" 750 sd
ok "setgid kept" [ "$(mode_of sd)" = 2750 ]
t "five digits clear it" 0 '' '' "$CH" 00750 sd
ok "setgid cleared" [ "$(mode_of sd)" = 750 ]

# --- usage errors: status 1, as GNU --------------------------------------
t "bad mode" 1 '' "chmod: invalid mode: ‘abc’
$HINT" "$CH" abc f
t "bad mode in the C locale" 1 '' "chmod: invalid mode: 'a\\'b'
$HINT" env LC_ALL=C "$CH" "a'b" f
t "octal too big" 1 '' "chmod: invalid mode: ‘17777’
$HINT" "$CH" 17777 f
t "empty mode" 1 '' "chmod: invalid mode: ‘’
$HINT" "$CH" '' f
t "trailing comma" 1 '' "chmod: invalid mode: ‘u+x,’
$HINT" "$CH" u+x, f
t "bundled flag and mode" 1 '' "chmod: invalid mode: ‘-Rw’
$HINT" "$CH" -Rw f
t "missing operand" 1 '' "chmod: missing operand
$HINT" "$CH"
t "missing operand after the mode" 1 '' "chmod: missing operand after ‘755’
$HINT" "$CH" 755
t "an option-like mode alone" 1 '' "chmod: missing operand
$HINT" "$CH" -w
t "unknown option" 1 '' "chmod: invalid option -- 'z'
$HINT" "$CH" -z f
t "unknown long option" 1 '' "chmod: unrecognized option '--bogus'
$HINT" "$CH" --bogus 644 f
t "ambiguous long option, GNU's order" 1 '' "chmod: option '--re' is ambiguous; possibilities: '--recursive' '--reference'
$HINT" "$CH" --re 644 f
t "mode and --reference" 1 '' "chmod: cannot combine mode and --reference options
$HINT" "$CH" -w --reference=f f
t "--reference needs a file" 1 '' "chmod: missing operand
$HINT" "$CH" --reference=f
t "--reference takes the next argument" 1 '' "chmod: failed to get attributes of '-w': No such file or directory" \
	"$CH" --reference -w f

# --- operands that fail ----------------------------------------------------
chmod 644 f
t "missing file" 1 '' "chmod: cannot access 'nosuch': No such file or directory" "$CH" 644 nosuch
t "other operands still change" 1 '' "chmod: cannot access 'nosuch': No such file or directory" \
	"$CH" 600 nosuch f
ok "f changed after the failure" [ "$(mode_of f)" = 600 ]
t "-f is silent but fails" 1 '' '' "$CH" -f 644 nosuch
t "--quiet" 1 '' '' "$CH" --quiet 644 nosuch
t "not a directory" 1 '' "chmod: cannot access 'f/x': Not a directory" "$CH" 644 f/x
t "empty name" 1 '' "chmod: cannot access '': No such file or directory" "$CH" 644 ''
ln -s nowhere dangling
t "dangling symlink" 1 '' "chmod: cannot operate on dangling symlink 'dangling'" "$CH" 644 dangling
ln -s loop loop
t "symlink loop" 1 '' "chmod: cannot access 'loop': Too many levels of symbolic links" "$CH" 644 loop
touch rootfile
chmod 644 rootfile
t "permission denied" 1 '' "chmod: changing permissions of '$T/rootfile': Operation not permitted" \
	as_nobody "$CH" 600 "$T/rootfile"
t "permission denied, -f" 1 '' '' as_nobody "$CH" -f 600 "$T/rootfile"
t "permission denied, -v" 1 \
	"failed to change mode of '$T/rootfile' from 0644 (rw-r--r--) to 0600 (rw-------)" \
	"chmod: changing permissions of '$T/rootfile': Operation not permitted" \
	as_nobody "$CH" -v 600 "$T/rootfile"
ok "the root-owned file is unchanged" [ "$(mode_of rootfile)" = 644 ]
t "permission denied even for the same mode" 1 '' "*" as_nobody "$CH" 644 "$T/rootfile"

# Names are quoted as GNU quotes them (shell syntax, $'\n' for controls).
cat >"$T/names.py" <<'PY'
import subprocess, sys
ours = sys.argv[1]
names = [b"a b", b"it's", b"a\nb", b"a\n", b"\nb", b"a\tb\x01c", b"\xff", b"\xc3\xa9", b"a\\b",
         b'a"b', b"x$y", b"a'~", b"a'b\n", b"'", b"-", b"~a", b"#a", b"a#", b"a:b", b"\xc2\x85",
         b"\xe2\x80\x8b", b"\x7f", b"'\n", b"a'\n", b"x'\ny", b"a b'c"]
bad = 0
for loc in ("C.UTF-8", "C"):
    for n in names:
        variants = [[b"644", b"nosuch/" + n], [b"--", n, b"f"]]
        for args in variants if loc != "C" else variants[:1]:
            r = [subprocess.run([b"chmod"] + args, executable=t, capture_output=True,
                                env={"LC_ALL": loc}) for t in (ours, "/bin/chmod")]
            a = (r[0].returncode, r[0].stdout, r[0].stderr)
            b = (r[1].returncode, r[1].stdout, r[1].stderr)
            if a != b:
                bad += 1
                print("%s %r:\n  ours %r\n  gnu  %r" % (loc, args, a, b))
sys.exit(1 if bad else 0)
PY
if [ -x /bin/chmod ]; then
	ok "names quoted as GNU chmod quotes them" python3 "$T/names.py" "$CH"
fi

# gnulib's quoting where an imitation of it once went wrong: a name that
# opens with an unprintable byte and holds an apostrophe (quoteaf), '{' or
# '}' alone and a ':' (quotef, in the umask warning); and the locale, as
# setlocale(LC_ALL, "") makes it: all "C" when one category names a
# locale that is not installed.
cat >"$T/quoting.py" <<'PY'
import os, subprocess, sys
ours, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
os.chdir(work)
os.umask(0o022)
bad = 0
def both(args, env):
    r = [subprocess.run([b"chmod"] + args, executable=t, capture_output=True, env=env)
         for t in (ours, "/bin/chmod")]
    return [(x.returncode, x.stdout, x.stderr) for x in r]
def check(what, a, b):
    global bad
    if a != b:
        bad += 1
        print("%s:\n  ours %r\n  gnu  %r" % (what, a, b))
for loc in ("C.UTF-8", "C"):
    env = {"LC_ALL": loc}
    for n in (b"\x85'", b"\xc2\x85'x", b"\x01'a b", b"\xff'\n"):
        a, b = both([b"644", n], env)
        check("%s %r" % (loc, n), a, b)
    for n in (b"{", b"}", b"{}", b"a:b", b"~", b"#"):
        res = []
        for t in (ours, "/bin/chmod"):
            with open(n, "wb"):
                pass
            os.chmod(n, 0o666)
            x = subprocess.run([b"chmod", b"-w", n], executable=t, capture_output=True, env=env)
            res.append((x.returncode, x.stdout, x.stderr))
        check("%s -w %r" % (loc, n), res[0], res[1])
for env in ({"LANG": "C.UTF-8", "LC_TIME": "xx_YY"}, {"LC_CTYPE": "C.UTF-8", "LC_MESSAGES": "xx"},
            {"LANG": "C", "LC_CTYPE": "C.UTF-8"}, {"LC_ALL": "", "LC_CTYPE": "C.UTF-8"}):
    a, b = both([b"zz", b"f"], env)
    check("%r invalid mode" % env, a, b)
sys.exit(1 if bad else 0)
PY
if [ -x /bin/chmod ]; then
	ok "quoting and its locale as GNU chmod's" python3 "$T/quoting.py" "$CH" "$T/quoting"
fi

# --- -c, -v, --reference ---------------------------------------------------
chmod 644 f
t "-c reports a change" 0 "mode of 'f' changed from 0644 (rw-r--r--) to 0755 (rwxr-xr-x)" '' "$CH" -c 755 f
t "-c is quiet when nothing changes" 0 '' '' "$CH" -c 755 f
t "-v reports every file" 0 "mode of 'f' retained as 0755 (rwxr-xr-x)" '' "$CH" -v 755 f
t "-v on a missing file" 1 "'nosuch' could not be accessed" \
	"chmod: cannot access 'nosuch': No such file or directory" "$CH" -v 755 nosuch
t "--changes, special bits" 0 "mode of 'f' changed from 0755 (rwxr-xr-x) to 7644 (rwSr-Sr-T)" '' \
	"$CH" --changes 7644 f
t "--verbose, a name to quote" 0 "mode of 'a b' changed from 0644 (rw-r--r--) to 0600 (rw-------)" '' \
	sh -c "touch 'a b'; chmod 644 'a b'; exec '$CH' --verbose 600 'a b'"
touch ref
chmod 2751 ref
t "--reference" 0 '' '' "$CH" --reference=ref f
ok "--reference copies the mode" [ "$(mode_of f)" = 2751 ]
chmod 2755 sd
chmod 700 ref
t "--reference sets a directory's setgid too" 0 '' '' "$CH" --reference ref sd
ok "--reference on a directory" [ "$(mode_of sd)" = 700 ]
t "--reference to a missing file" 1 '' \
	"chmod: failed to get attributes of 'nosuch': No such file or directory" "$CH" --reference=nosuch f
t "symlinks on the command line are followed" 0 '' '' sh -c "ln -s f lf && exec '$CH' 640 lf"
ok "the target changed" [ "$(mode_of f)" = 640 ]
ok "the link did not" [ "$(stat -c %a lf)" = 777 ]

# --- output errors ---------------------------------------------------------
t "-v to a full device" 1 '' 'chmod: write error: No space left on device' sh -c "exec '$CH' -v 644 f >/dev/full"
t "nothing to write, a full device is fine" 0 '' '' sh -c "exec '$CH' 644 f >/dev/full"
t "--help" 0 '*' '' "$CH" --help
ok "--help shows the usage line" grep -q '^Usage: chmod \[-R\] \[-c|-v\] \[-f\]' "$W/out"
t "--help to a full device" 1 '' 'chmod: write error: No space left on device' sh -c "exec '$CH' --help >/dev/full"

# --- -R ----------------------------------------------------------------------
# The tree has symlinks inside it, to files and directories outside it, and
# dangling ones: none is followed or changed, and the targets keep their modes.
mkdir -p rt/top/sub/deeper rt/out/odir
touch rt/top/a rt/top/sub/b rt/top/sub/deeper/c rt/out/ofile rt/out/odir/inner
chmod 600 rt/out/ofile rt/out/odir/inner
chmod 700 rt/out/odir
ln -s ../../out/ofile rt/top/sub/lfile
ln -s ../out/odir rt/top/ldir
ln -s nowhere rt/top/dangling
ln -s ../top rt/top/sub/loop
t "-R on a tree with symlinks" 0 '' '' "$CH" -R a+rwX rt/top
ok "files in the tree changed" [ "$(mode_of rt/top/sub/deeper/c)" = 666 ]
ok "directories in the tree changed" [ "$(mode_of rt/top/sub/deeper)" = 777 ]
ok "a file outside through a link is untouched" [ "$(mode_of rt/out/ofile)" = 600 ]
ok "a directory outside through a link is untouched" [ "$(mode_of rt/out/odir)" = 700 ]
ok "what is inside it too" [ "$(mode_of rt/out/odir/inner)" = 600 ]
t "-R -v names the links it leaves alone" 0 '*' '' "$CH" -Rv go-w rt/top
ok "-v: neither symbolic link nor referent" grep -qx "neither symbolic link 'rt/top/ldir' nor referent has been changed" "$W/out"
ok "-v: every entry once" [ "$(wc -l <"$W/out")" = 10 ]
ln -s top rt/ltop
t "a symlink operand is followed, and its tree walked" 0 '' '' "$CH" -R 750 rt/ltop
ok "through the operand link" [ "$(mode_of rt/top/sub/b)" = 750 ]
ok "the outside still untouched" [ "$(mode_of rt/out/odir)$(mode_of rt/out/ofile)" = 700600 ]
chmod 644 rt/top/a
t "option-like mode with -R, as GNU accepts" 0 '' '' "$CH" -R -x+X rt/top
# umask 022: -x takes 111 away, +X gives it back to directories only
ok "-x+X: a file loses x" [ "$(mode_of rt/top/sub/b)" = 640 ]
ok "-x+X: directories keep search" [ "$(mode_of rt/top/sub)$(mode_of rt/top/sub/deeper)" = 751751 ]

# A directory is changed before it is read: u+rX lets chmod into a
# directory that nobody could read (as GNU chmod).
mkdir -p nb/locked/inner
touch nb/locked/inner/f
chown -R nobody nb
chmod 0 nb/locked/inner nb/locked
t "u+rwX opens locked directories on the way" 0 '' '' as_nobody "$CH" -R u+rwX "$T/nb"
ok "the inner file was reached" [ "$(stat -c %a nb/locked/inner/f)" = 644 ]
t "a directory that cannot be read" 1 \
	"mode of '$T/nb/locked' changed from 0700 (rwx------) to 0300 (-wx------)
'$T/nb/locked' could not be accessed" \
	"chmod: cannot read directory '$T/nb/locked': Permission denied" \
	as_nobody "$CH" -Rv u-r "$T/nb/locked"
t "entries that cannot be examined" 1 '' \
	"chmod: cannot access '$T/nb/locked/inner': Permission denied" \
	as_nobody "$CH" -R u=rw "$T/nb/locked"
chmod -R u+rwx nb
t "-f keeps -R quiet, the status says" 1 '' '' as_nobody "$CH" -Rf u=rw "$T/nb/locked"
chmod -R u+rwx nb
t "someone else's tree" 1 '' "chmod: changing permissions of '$T/rt/top': Operation not permitted
chmod: cannot read directory '$T/rt/top': Permission denied" \
	as_nobody "$CH" -R 777 "$T/rt/top"
ok "nothing changed" [ "$(mode_of rt/top)" = 751 ]

# --preserve-root (as nobody: even if the check failed, nothing could change)
t "--preserve-root" 1 '' "chmod: it is dangerous to operate recursively on '/'
chmod: use --no-preserve-root to override this failsafe" as_nobody "$CH" -R --preserve-root u+r /
t "--preserve-root on another name for /" 1 '' "chmod: it is dangerous to operate recursively on '/.' (same as '/')
chmod: use --no-preserve-root to override this failsafe" as_nobody "$CH" -R --preserve-root u+r /.
t "--no-preserve-root after --preserve-root" 0 '' '' \
	"$CH" -R --preserve-root --no-preserve-root u+r rt/top
t "--preserve-root lets other directories be" 0 '' '' "$CH" -R --preserve-root u+r rt/top

# Deep trees: past PATH_MAX and past the descriptor limit (the engine
# reopens ancestors by "..", checked by device and inode).
cat >"$T/deep.py" <<'PY'
# make DIR DEPTH: a chain of DEPTH directories with long names (the path
# is far past PATH_MAX), a file in the deepest. check DIR MODE: every
# directory and the file have MODE.
import os, sys
cmd, top, depth = sys.argv[1], sys.argv[2], int(sys.argv[3])
name = "d" * 40
fd = os.open(".", os.O_RDONLY)
if cmd == "make":
    os.mkdir(top, 0o755)
chain = [top] + [name] * depth
bad = 0
for i, n in enumerate(chain):
    if cmd == "make" and i > 0:
        os.mkdir(n, 0o755, dir_fd=fd)
    elif cmd == "check" and os.stat(n, dir_fd=fd, follow_symlinks=False).st_mode & 0o7777 != int(sys.argv[4], 8):
        bad += 1
    nfd = os.open(n, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
    os.close(fd)
    fd = nfd
if cmd == "make":
    os.close(os.open("file", os.O_CREAT | os.O_WRONLY, 0o644, dir_fd=fd))
elif os.stat("file", dir_fd=fd).st_mode & 0o7777 != int(sys.argv[4], 8):
    bad += 1
sys.exit(1 if bad else 0)
PY
python3 "$T/deep.py" make deep 300
t "a tree 300 levels deep, names past PATH_MAX, 32 descriptors" 0 '' '' \
	sh -c "ulimit -n 32 && exec '$CH' -R 711 deep"
ok "every level changed" python3 "$T/deep.py" check deep 300 711

# A directory of the tree swapped with a symlink to the outside, over and
# over, while chmod -R runs: nothing outside may change. (GNU chmod 9.1
# fails this: it can change the symlink's target directory.)
cat >"$T/race.py" <<'PY'
# chmod -R while another thread keeps exchanging a directory of the tree
# with a symlink to a directory outside it (renameat2 RENAME_EXCHANGE, so
# the name always exists). Whatever chmod meets, nothing outside the tree
# may change. Prints how often chmod met the symlink, to show the race ran.
import ctypes, os, subprocess, sys, threading

tool, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.chdir(work)
os.makedirs("t/x/sub")
open("t/x/f", "w").close()
open("t/x/sub/g", "w").close()
os.mkdir("out", 0o700)
os.mkdir("out/sub", 0o700)
for p in ("out/f", "out/sub/g"):
    open(p, "w").close()
    os.chmod(p, 0o600)
os.symlink("../out", "t/y")
libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD, RENAME_EXCHANGE = -100, 2
stop = False
swaps = 0

def swapper():
    global swaps
    while not stop:
        if libc.renameat2(AT_FDCWD, b"t/x", AT_FDCWD, b"t/y", RENAME_EXCHANGE) == 0:
            swaps += 1

th = threading.Thread(target=swapper)
th.start()
met = 0
try:
    for i in range(runs):
        r = subprocess.run(["chmod", "-Rv", "a=rwx" if i % 2 else "u=rwx,go=", "t"],
                           executable=tool, capture_output=True)
        met += r.stdout.count(b"neither symbolic link")
finally:
    stop = True
    th.join()
modes = {p: oct(os.stat(p).st_mode & 0o7777) for p in ("out", "out/sub", "out/f", "out/sub/g")}
print("%d runs, %d swaps, symlink met %d times; outside: %s" % (runs, swaps, met, modes))
sys.exit(0 if modes == {"out": "0o700", "out/sub": "0o700", "out/f": "0o600", "out/sub/g": "0o600"}
         and swaps > 0 else 1)
PY
mkdir race
runs=100
$VALGRIND && runs=30
ok "a directory swapped for a symlink during -R" python3 "$T/race.py" "$CH" "$T/race" $runs

# -R against GNU chmod (modes, -v/-c output, stderr, status) on one tree
cat >"$T/rdiff.py" <<'PY'
# chmod -R against GNU chmod on one tree with files, directories, special
# bits and symlinks (inside, outside, to a directory, dangling): resulting
# modes of everything (the outside targets included), stdout, stderr and
# status must be GNU's. Both run on the same tree, so the order of
# entries (the directory's own order) is the same.
import os, subprocess, sys

ours, gnu, work = sys.argv[1:4]
os.chdir(work)
# (path, is a directory, mode)
TREE = [("top", 1, 0o755), ("top/f1", 0, 0o644), ("top/f2", 0, 0o755), ("top/f3", 0, 0o4755),
        ("top/d1", 1, 0o755), ("top/d1/g1", 0, 0o600), ("top/d2", 1, 0o2775),
        ("top/d2/g2", 0, 0o700), ("top/d2/d3", 1, 0o700), ("top/d2/d3/h", 0, 0o444),
        ("top/d0", 1, 0o700), ("top/d0/e", 0, 0), ("out", 1, 0o750), ("out/o", 0, 0o640)]
LINKS = [("top/lin", "f1"), ("top/lout", "../out/o"), ("top/ldir", "../out"),
         ("top/dang", "nowhere"), ("top/d1/up", ".."), ("ltop", "top")]
for p, isdir, m in TREE:
    os.mkdir(p) if isdir else open(p, "w").close()
for p, t in LINKS:
    os.symlink(t, p)

def reset():
    for p, isdir, m in TREE:
        os.chmod(p, m)

def state():
    return [(p, oct(os.lstat(p).st_mode)) for p in [t[0] for t in TREE + LINKS]]

MODES = ["755", "700", "a+rX", "go-w", "u=rwX,go=rX", "-x+X", "=", "a-x", "+t", "g+s",
         "o=u", "00700", "2750", "-w", "u+s,g-s", "a=X", "g=u-w", "-R", "u-x"]
bad = n = 0
for k, m in enumerate(MODES):
    for um in (0o022, 0o077):
        for root in ("top", "ltop" if k % 2 else "top/d2"):
            opt = ["-v", "-c", "-R"][k % 3] if root == "top" else "-v"
            args = ["-R", opt, m, root] if not m.startswith("-") else ["-R", opt, root, m]
            res = []
            for tool in (ours, gnu):
                reset()
                r = subprocess.run(["chmod"] + args, executable=tool, capture_output=True, umask=um)
                res.append((r.returncode, r.stdout, r.stderr, state()))
            n += 1
            if res[0] != res[1]:
                bad += 1
                if bad <= 5:
                    print("MISMATCH umask %03o: chmod %r" % (um, args))
                    for what, x, y in zip(("status", "stdout", "stderr", "modes"), *res):
                        if x != y:
                            print("  %s: ours %r\n  %s: gnu  %r" % (what, x, what, y))
print("%d -R cases, %d mismatches" % (n, bad))
sys.exit(1 if bad else 0)
PY
if [ -x /bin/chmod ]; then
	mkdir rdiff
	ok "-R differential vs GNU chmod" python3 "$T/rdiff.py" "$CH" /bin/chmod "$T/rdiff"
fi

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
# and, with 2>&1, each diagnostic where it happened: both compared with GNU chmod.
if [ -x /bin/chmod ] && /bin/chmod --version 2>/dev/null | grep -q 'GNU coreutils'; then
	: >o12f1 && : >o12f2 && ln -sf o12f1 o12l1 && ln -sf o12f2 o12l2
	for i in 0 1 2 3; do
		eval "n=\"\$N$i\""
		/bin/chmod 644 o12f1 o12f2
		run sh -c '"$@" 2>&1' _ chmod -v 600 o12f1 "$n" o12f2
		gst=$status gout=$(cat "$W/out")
		/bin/chmod 644 o12f1 o12f2
		t "issue 12: chmod, merged and quoted as GNU chmod ($i)" "$gst" "$gout" '' \
			sh -c '"$@" 2>&1' _ "$LINKS/chmod" -v 600 o12f1 "$n" o12f2
	done
fi
