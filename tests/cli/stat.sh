# stat: differential against GNU coreutils stat (/usr/bin/stat) for every
# format sequence, file and file system, on every kind of file, with and
# without -L; the default display, -t, -f; quoting of hostile names;
# errors and exit statuses; --json against Python's os.stat.
GNU=$(command -v stat)

# vs DESC ARG...: osbox stat ARG... must do exactly what GNU stat does
# (stdout, stderr, exit status).
vs() {
	local desc=$1
	shift
	run env $E stat "$@"
	local gst=$status
	mv "$W/out" "$W/gout"
	mv "$W/err" "$W/gerr"
	run env $E "$OSBOX" stat "$@"
	if [ "$status" = "$gst" ] && cmp -s "$W/out" "$W/gout" && cmp -s "$W/err" "$W/gerr"; then
		passed=$((passed + 1))
	else
		_fail "$desc" "command: $E stat $*" "status $status, GNU $gst" \
			"$(diff "$W/gout" "$W/out" | head -20)" "$(diff "$W/gerr" "$W/err" | head -10)"
	fi
}
E=

# vs_all DESC ARG...: vs on every kind of file.
vs_all() {
	local desc=$1
	shift
	vs "$desc" "$@" -- f empty d l dangling p sock sticky setgid none allbits neg negfrac old \
		$BDEV devlink sparse "$nl" "$bad" "it's" "link$nl" $ORPHAN /dev/null /proc/version / .
}

if ! "$GNU" --version 2>/dev/null | grep -q 'GNU coreutils'; then
	skip "differential tests" "no GNU stat"
	GNU=
fi

# Every kind of file.
BDEV= ORPHAN=
printf 'hello\n' >f
: >empty
mkdir d
ln -s f l
ln -s nowhere dangling
ln -s loop2 loop1
ln -s loop1 loop2
mkfifo p
python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("sock")'
chmod 4755 f
mkdir sticky && chmod 1777 sticky
: >setgid && chmod 2070 setgid
: >none && chmod 0 none
: >allbits && chmod 7777 allbits
touch -d @-1.25 neg
touch -d @-0.25 negfrac
touch -d '2001-02-03 04:05:06.7' old
if mknod bdev b 7 0 2>/dev/null; then
	BDEV=bdev
else
	skip "a block device" "mknod is not allowed here"
fi
ln -s /dev/null devlink
truncate -s 5G sparse
nl=$(printf 'new\nline')
bad=$(printf 'bad\377utf8')
: >"$nl"
: >"$bad"
: >"it's"
: >"-dash"
ln -s "$nl" "link$nl"
# Reading a link (%N) updates its access time under relatime while it
# is not newer than the change time: set it an hour ahead, so that GNU's
# runs and ours all see the same times.
touch -h -a -d "@$(($(date +%s) + 3600))" l dangling devlink "link$nl"
if [ "$(id -u)" = 0 ]; then
	: >orphan && chown 54321:54321 orphan && ORPHAN=orphan
fi
# Every sequence of GNU stat for files, each between markers, plus some
# that are not sequences (? in GNU's output).
SEQS='%a %A %b %B %d %D %f %F %g %G %h %i %m %n %N %o %s %r %R %t %T %u %U %w %W %x %X %y %Y %z %Z %Hd %Ld %Hr %Lr %q %H %L %Hq %Lx %E %%'
fmt=
for s in $SEQS; do fmt="$fmt[$s]"; done

if [ -n "$GNU" ]; then
	vs_all "every sequence, every kind of file" -c "$fmt" 
	vs_all "every sequence, -L" -L -c "$fmt" 
	vs_all "every sequence, --printf" --printf "$fmt\n" 
	# printf flags, widths and precisions: which flags each sequence
	# keeps (GNU drops + on unsigned numbers, 0 on strings...).
	# (Four prefixes to a run, one line each, to keep the runs few.)
	set -- '-12' '012' '+' ' ' '#' "'" '.3' '12.3' '-12.3' '012.3' '+12' '#015' '-' '0' \
		'.0' '.' '5.' '.12' '20.12' '-20.12' '+.9' ' .1' '#.4' '-0+#8' '2' '1.1' '00007' '-.'
	while [ $# -gt 0 ]; do
		f2= pres=
		for pre in "$1" "$2" "$3" "$4"; do
			for s in $SEQS; do
				case $s in %%) continue ;; esac
				f2="$f2[%$pre${s#%}]"
			done
			f2="$f2\n" pres="$pres '$pre'"
		done
		shift 4
		vs_all "sequences with$pres" --printf "$f2"
	done
	vs_all "the default display" 
	vs_all "the default display, -L" -L 
	vs_all "-t" -t 
	vs_all "-t -L" -t -L 
	vs "--terse --dereference" --terse --dereference f l d
	vs "-c wins over -t" -t -c %n f
	vs "-c twice: the last" -c %s -c %n f
	vs "--printf then -c" --printf %s -c %n f
	vs "--format=" --format=%F f d p
	vs "-c with an empty format" -c '' f d
	vs "--printf with an empty format" --printf '' f d

	# Mount points: up from the file (its directory) to where the device
	# changes.
	vs "%m" -c '%m|%n' / /proc /proc/self /dev/null /dev /sys/kernel . d f l "$nl"
	vs "links in /proc (no size; maybe unreadable)" -c '%N|%s' /proc/1/exe /proc/1/cwd
	vs "%m, -L" -L -c '%m|%n' /proc/self /dev/null l devlink

	# Time zones and precision of seconds.
	E=TZ=UTC-5:30
	vs "a time zone east" -c '%x|%y|%z|%w' old neg
	E=TZ=EST5EDT
	vs "a time zone with summer time" -c '%y' old f
	E=
	vs "fractions of negative times" -c '%X %.1X %.X %.2X %5.1X %+.3X %05.1X %-8.2X| %.10X %x' neg negfrac
	vs "precision past nine digits" -c '%.12Y %.20Y %25.15Y| %-25.15Y|' old
	vs "wide seconds" -c '%30.9Y|%-30.9Y|%030.9Y|%12.9Y|%3.1Y|%-5.Y|' old

	# --printf's backslash escapes; -c takes them literally.
	vs "--printf escapes" --printf '\a\b\e\f\n\r\t\v\"\\ \101\0102\7777 \x41\x4a4\xg \q\n' f
	vs "-c keeps backslashes" -c '\n\t\101\x41\q' f
	vs "--printf ends on a backslash" --printf '%n\' f

	# Directives that are not valid: GNU stops at once, exit 1.
	vs "%% with a flag" -c 'x%-%y' f f
	vs "%% with a width" -c '%5%' f
	vs "a directive cut short" -c 'a%5' f
	vs "a lone % at the end" -c 'a%' f
	vs "a lone % in --printf" --printf 'a%' f

	# %N and QUOTING_STYLE.
	for q in literal shell shell-always shell-escape shell-escape-always c c-maybe escape locale clocale bogus ''; do
		E=QUOTING_STYLE=$q
		vs_all "QUOTING_STYLE=$q" -c '%N|%n'
	done
	E=LC_ALL=C
	vs_all "%N in the C locale" -c '%N'
	E=
	vs_all "%N with a width: literal quoting" -c '%-20N|%20N|' 
	E=QUOTING_STYLE=c
	vs "the default display ignores QUOTING_STYLE" -- "$nl" "it's"
	E=

	# Hostile names in messages; several operands, one missing.
	vs "a missing file among others" -c %n f nosuch d
	vs "a missing file's name quoted" -- "$nl-missing" "$bad-missing" "it's-missing"
	vs "a dangling link, -L" -L dangling
	vs "a symlink loop, -L" -L loop1
	vs "not a directory" f/x
	vs "an empty name" ''
	for args in "-c '%n %F'" "" "-t" "-L -c %N"; do
		run sh -c "stat $args - <f"
		gout=$(cat "$W/out")
		t "stdin ($args)" 0 "$gout" '' sh -c "osbox stat $args - <f"
	done
	run sh -c "stat - <&-"
	gout=$(cat "$W/err")
	t "stdin closed" 1 '' "$gout" sh -c 'osbox stat - <&-'
	vs "-f and stdin" -f -

	# File systems: every sequence. Free counts change under other
	# writers, so they are compared on quiet file systems only.
	FS_SEQS='%a %b %c %d %f %i %l %n %s %S %t %T %q %H %Hd %%'
	ffmt=
	for s in $FS_SEQS; do ffmt="$ffmt[$s]"; done
	vs "-f: every sequence" -f -c "$ffmt" /proc /sys
	vs "-f: stable sequences" -f -c '%b %c %i %l %n %s %S %t %T' / /dev "$T"
	for pre in '-12' '012' '+' ' ' '#' "'" '.3' '-20.2'; do
		f2=
		for s in $FS_SEQS; do
			case $s in %%) continue ;; esac
			f2="$f2[%$pre${s#%}]"
		done
		vs "-f sequences with '$pre'" -f -c "$f2" /proc
	done
	vs "-f: the default display" -f /proc /sys
	vs "-f -t" -f -t /proc
	vs "-f --printf" -f --printf '%n\t%T\n' /proc /sys
	vs "-f: a missing file" -f nosuch /proc

	# Random formats and random names, seeded: flags, widths, precisions,
	# escapes, every quoting style, two locales.
	cat >"$T/fuzz.py" <<'PY'
import os, random, subprocess, sys
random.seed(int(sys.argv[1]))
osbox = os.environ["OSBOX"]
conv = list("aAbBdDfFgGhimnNosrRtTuUwWxXyYzZqHLE%") + ["Hd", "Ld", "Hr", "Lr", "Hx", ""]
fsconv = list("bcilnsStTqH%")
def directive(fs):
    s = "%" + "".join(random.choice("'-+ #0I") for _ in range(random.choice([0, 0, 1, 2, 3])))
    if random.random() < 0.4: s += str(random.choice([0, 1, 2, 5, 9, 10, 12, 20, 30]))
    if random.random() < 0.4:
        s += "." + (str(random.choice([0, 1, 2, 3, 9, 10, 12])) if random.random() < 0.8 else "")
    return s + random.choice(fsconv if fs else conv)
escapes = ["\\n", "\\t", "\\\\", "\\q", "\\0", "\\101", "\\x4", "\\x41g", "\\e", "\\", "\\777", "\\08"]
alphabet = [bytes([i]) for i in range(1, 256) if i != ord("/")] + \
    [c.encode() for c in ["\u00e9", "\u2019", "\u200b", "\u0085", "'", "'", '"', "\\", "\n", " "]]
styles = ["", "literal", "shell", "shell-always", "shell-escape", "shell-escape-always",
          "c", "c-maybe", "escape", "locale", "clocale"]
os.makedirs("fz", exist_ok=True)
bad = 0
for i in range(int(sys.argv[2])):
    env = dict(os.environ, LC_ALL=random.choice(["C.UTF-8", "C"]))
    if i % 2:
        fs = random.random() < 0.2
        parts = []
        for _ in range(random.randint(1, 6)):
            r = random.random()
            parts.append(directive(fs) if r < 0.6 else random.choice(["x", " ", "|", "\u00e9", "%"]) if r < 0.8 else random.choice(escapes))
        args = (["-f"] if fs else []) + (["-L"] if random.random() < 0.3 else []) + \
            [random.choice(["-c", "--printf"]), "".join(parts)] + \
            (["/proc", "/"] if fs else ["f", "l", "dangling", "p", "d", "neg", "/dev/null"])
    else:
        name = b"fz/" + b"".join(random.choice(alphabet) for _ in range(random.randint(1, 6)))
        if name in (b"fz/.", b"fz/.."): continue
        open(name, "wb").close()
        style = random.choice(styles)
        if style: env["QUOTING_STYLE"] = style
        args = ["-c", "%N", name, name + b"-missing"]
    a = subprocess.run(["stat"] + args, capture_output=True, env=env)
    b = subprocess.run([osbox, "stat"] + args, capture_output=True, env=env)
    if i % 2 == 0: os.unlink(name)
    if (a.returncode, a.stdout, a.stderr) != (b.returncode, b.stdout, b.stderr):
        bad += 1
        print("differs:", args, env.get("QUOTING_STYLE"), env["LC_ALL"], a, b)
sys.exit(bad > 0)
PY
	ok "random formats and names agree with GNU" python3 "$T/fuzz.py" 42 160

	# Errors of usage: GNU exits 1.
	run "$GNU"
	t "missing operand" 1 '' "stat: missing operand
Try 'stat --help' for more information." osbox stat
	vs "--cached=bogus" --cached=bogus f
	vs "--cached= (ambiguous)" --cached= f
	vs "--cached=never" --cached=never -c %n f
	vs "--cached=a (abbreviated)" --cached=a -c %n f
	t "unknown option" 1 '' "stat: invalid option -- 'k'
Try 'stat --help' for more information." osbox stat -k f
	t "-c needs an argument" 1 '' "stat: option requires an argument -- 'c'
Try 'stat --help' for more information." osbox stat -c

	# Permission denied: CI runs as root, so as nobody.
	mkdir closed && : >closed/x && chmod 700 closed
	run as_nobody stat closed/x
	gerr=$(cat "$W/err")
	t "permission denied" 1 '' "$gerr" as_nobody "$OSBOX" stat closed/x
	ok "permission denied says so" grep -q "Permission denied" "$W/err"
fi

# What GNU stat prints is pinned here too, in case GNU changes.
t "the %N form" 0 "'l' -> 'f'" '' osbox stat -c %N l
t "a newline in %N" 0 "'new'\$'\\n''line'" '' osbox stat -c %N "$nl"
t "invalid UTF-8 in %N" 0 "'bad'\$'\\377''utf8'" '' osbox stat -c %N "$bad"
t "an apostrophe in %N" 0 "\"it's\"" '' osbox stat -c %N "it's"
t "the default File: line is literal" 0 "  File: l -> f" '' sh -c 'osbox stat l | head -1'
t "missing file" 1 '' "stat: cannot statx 'nosuch': No such file or directory" osbox stat nosuch
t "through a link" 0 'f 6' '' "$LINKS/stat" -c '%n %s' f
t "%W of a file without birth time" 0 "0 - 0.000" '' osbox stat -c '%W %w %.3W' /proc/self/status

# Device numbers, each computed apart from osbox, by Python's os.stat,
# os.major and os.minor: %d and %D (st_dev in decimal and in hex), %Hd and
# %Ld (its major and minor), %t and %T (st_rdev's major and minor in hex),
# %Hr and %Lr (the same in decimal), and the default display's "Device:"
# and "Device type:". Minors above 255 and majors above 255 do not fit
# the old 8-bit split: a device from /dev with such a minor, a node made
# with the largest numbers Linux allows (major 4095, minor 1048575), and
# a mount point whose own device has such a minor, where there are.
DEVFILES=". f d l /dev/null /proc/version / $BDEV"
big=$(python3 -c '
import os, stat
for n in sorted(os.listdir("/dev")):
    st = os.lstat("/dev/" + n)
    if (stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)) and os.minor(st.st_rdev) > 255:
        print("/dev/" + n)
        break')
if [ -n "$big" ]; then
	DEVFILES="$DEVFILES $big"
else
	skip "a device in /dev with a minor above 255" "none here"
fi
if mknod bigdev c 4095 1048575 2>/dev/null && mknod bigblk b 300 70000 2>/dev/null; then
	DEVFILES="$DEVFILES bigdev bigblk"
else
	skip "devices with the largest numbers" "mknod is not allowed here"
fi
bigfs=$(python3 -c '
import os
for line in open("/proc/self/mountinfo"):
    f = line.split()
    major, minor = map(int, f[2].split(":"))
    try:
        st = os.stat(f[4])
    except OSError:
        continue
    if minor > 255 and (os.major(st.st_dev), os.minor(st.st_dev)) == (major, minor) and " " not in f[4]:
        print(f[4])
        break')
if [ -n "$bigfs" ]; then
	DEVFILES="$DEVFILES $bigfs"
else
	skip "a file system whose device has a minor above 255" "no mount here has one"
fi
cat >"$T/devnums.py" <<'PY'
import os, re, stat, subprocess, sys
osbox = os.environ["OSBOX"]
bad = 0
def differs(what, got, want):
    global bad
    if got != want:
        bad += 1
        print("%s: osbox %r, os.stat %r" % (what, got, want))
fmt = "%d|%D|%Hd|%Ld|%t|%T|%Hr|%Lr"
for name in sys.argv[1:]:
    st = os.lstat(name)
    dev, rdev = st.st_dev, st.st_rdev
    want = "%d|%x|%d|%d|%x|%x|%d|%d" % (dev, dev, os.major(dev), os.minor(dev),
                                       os.major(rdev), os.minor(rdev), os.major(rdev), os.minor(rdev))
    got = subprocess.run([osbox, "stat", "-c", fmt, name], capture_output=True, text=True)
    differs(name + " " + fmt, (got.returncode, got.stdout, got.stderr), (0, want + "\n", ""))
    got = subprocess.run([osbox, "stat", name], capture_output=True, text=True).stdout
    m = re.search(r"^Device: (\d+),(\d+)\t", got, re.M)
    differs(name + " Device:", m and m.groups(), (str(os.major(dev)), str(os.minor(dev))))
    m = re.search(r"Device type: (\d+),(\d+)$", got, re.M)
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        differs(name + " Device type:", m and m.groups(), (str(os.major(rdev)), str(os.minor(rdev))))
    else:
        differs(name + " no Device type:", m, None)
sys.exit(1 if bad else 0)
PY
t "device numbers agree with os.stat, os.major and os.minor" 0 '' '' python3 "$T/devnums.py" $DEVFILES
t "unknown sequence" 0 "?" '' osbox stat -c %q f
t "invalid directive" 1 'x' "stat: ‘%-%’: invalid directive" osbox stat -c 'x%-%' f
t "unrecognized escape" 0 'q' "stat: warning: unrecognized escape '\\q'" osbox stat --printf '\q' f

# --json: every field, checked against os.stat / os.lstat.
cat >"$T/check.py" <<'PY'
import json, os, stat, sys, pwd, grp
follow = sys.argv[1] == "L"
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    name = os.fsencode(r["path"])
    st = os.stat(name) if follow else os.lstat(name)
    words = {stat.S_IFREG: "file", stat.S_IFDIR: "dir", stat.S_IFLNK: "symlink",
             stat.S_IFIFO: "fifo", stat.S_IFSOCK: "socket", stat.S_IFCHR: "chardev",
             stat.S_IFBLK: "blockdev"}
    assert r["type"] == words[stat.S_IFMT(st.st_mode)], r
    assert r["mode"] == st.st_mode, r
    assert r["permissions"] == stat.filemode(st.st_mode), r
    for k in ("ino", "dev", "nlink", "uid", "gid", "size", "blocks", "blksize"):
        assert r[k] == getattr(st, "st_" + k), (k, r)
    try: u = pwd.getpwuid(st.st_uid).pw_name
    except KeyError: u = None
    try: g = grp.getgrgid(st.st_gid).gr_name
    except KeyError: g = None
    assert r["user"] == u and r["group"] == g, r
    for k in ("atime", "mtime", "ctime"):
        ns = getattr(st, "st_" + k + "_ns")
        assert abs(r[k] - ns / 1e9) < 1e-6, (k, r[k], ns)
        assert r[k + "_ns"] == ns, (k, r[k + "_ns"], ns)
    assert "birth" in r and "birth_ns" in r, r
    assert (r["birth"] is None) == (r["birth_ns"] is None), r
    if stat.S_ISLNK(st.st_mode):
        assert os.fsencode(r["target"]) == os.readlink(name), r
    else:
        assert "target" not in r, r
PY
JSONFILES="f empty d l dangling p sock sticky setgid none neg old devlink $nl $bad it's link$nl /dev/null /"
run osbox stat --json -- f empty d l dangling p sock sticky setgid none neg old devlink "$nl" "$bad" "it's" "link$nl" /dev/null /
ok "--json: every field agrees with os.lstat" python3 "$T/check.py" P "$W/out"
ok "--json: one line per file" test "$(wc -l <"$W/out")" = 19
run osbox stat --json -L -- f l d devlink /dev/null
ok "--json -L agrees with os.stat" python3 "$T/check.py" L "$W/out"
t "--json keys in order" 0 '*' '' osbox stat --json f
ok "--json has osbox(1)'s fields" python3 -c '
import json, sys
r = json.loads(open(sys.argv[1]).read())
want = "path type mode permissions ino dev nlink uid gid user group size blocks blksize atime atime_ns mtime mtime_ns ctime ctime_ns birth birth_ns".split()
assert list(r)[:len(want)] == want, list(r)' "$W/out"
t "--json of a missing file" 1 '' "stat: cannot statx 'nosuch': No such file or directory" osbox stat --json nosuch
t "--json: the birth of a file without one" 0 '*' '' osbox stat --json /proc/self/status
ok "--json: birth is null when unknown" grep -q '"birth":null' "$W/out"
t "--json -f" 0 '*' '' osbox stat --json -f /proc
ok "--json -f fields" python3 -c '
import json, os, sys
r = json.loads(open(sys.argv[1]).read())
s = os.statvfs("/proc")
assert r["path"] == "/proc" and r["fstype"] == "proc" and r["magic"] == 0x9fa0, r
assert r["f_namemax"] == s.f_namemax and r["f_bsize"] == s.f_bsize, r' "$W/out"

# Output errors.
t "write error" 1 '' 'stat: write error: No space left on device' sh -c 'osbox stat f >/dev/full'
t "closed pipe" 0 "  File: f" '' sh -c 'osbox stat f f f f | head -1'
big=$(yes f | head -3000)
t "closed pipe, output past the buffer" 141 '' '' \
	bash -c 'osbox stat $0 | head -1 >/dev/null; exit ${PIPESTATUS[0]}' "$big"
t "--help" 0 '*' '' osbox stat --help
ok "--help shows the usage line" grep -q '^Usage: stat ' "$W/out"

# --json has every field in a form of its own: a format or -t with it is a
# usage error, with GNU stat's status 1. GNU stat takes -c and --printf
# together, the last one counting, and so does stat.
t "--json with -c" 1 '' "stat: cannot specify --json with --format (-c)
Try 'stat --help' for more information." osbox stat --json -c %n f
t "-c with --json" 1 '' "stat: cannot specify --json with --format (-c)
Try 'stat --help' for more information." osbox stat -c %n --json f
t "--json with --printf" 1 '' "stat: cannot specify --json with --printf
Try 'stat --help' for more information." osbox stat --json --printf %n f
t "--json with -t" 1 '' "stat: cannot specify --json with --terse (-t)
Try 'stat --help' for more information." osbox stat -t --json f
t "-c then --printf: --printf counts" 0 'f.' '' osbox stat -c %n --printf '%n.' f
t "--printf then -c: -c counts" 0 'f' '' osbox stat --printf '%n.' -c %n f
t "--json with -L and -f is fine" 0 '*' '' osbox stat --json -L f

# --json names its operand "path" (osbox(1): "name" is a directory
# entry's), for files and with -f; each time has its exact _ns twin.
t "--json /dev/null: path, not name" 0 '*' '' osbox stat --json /dev/null
ok "--json /dev/null: path, not name: the record" python3 -c '
import json, os, sys
r = json.loads(open(sys.argv[1]).read())
st = os.stat("/dev/null")
assert r["path"] == "/dev/null" and "name" not in r, r
assert [r[k + "_ns"] for k in ("atime", "mtime", "ctime")] == [st.st_atime_ns, st.st_mtime_ns, st.st_ctime_ns], r' "$W/out"
t "--json -f: path, and os.statvfs names" 0 '*' '' osbox stat -f --json /
ok "--json -f: path, and os.statvfs names: the record" python3 -c '
import json, os, sys
r = json.loads(open(sys.argv[1]).read())
s = os.statvfs("/")
assert r["path"] == "/" and "name" not in r and "files" not in r and "blocks" not in r, r
assert (r["f_files"], r["f_blocks"], r["f_frsize"]) == (s.f_files, s.f_blocks, s.f_frsize), r' "$W/out"

# Wide fields: past 4096 bytes the padding is written in blocks (statfmt.c,
# put_field), where glibc's printf wrote it 16 bytes at a time; byte for
# byte what GNU stat's printf writes, for every flag that pads, and for %X's
# fraction (the seconds' width was measured from the buffer, which a sink
# had flushed: "%200000.3Y" wrote 396609 bytes, GNU 200001).
if [ -n "$GNU" ]; then
	for spec in %5000s %-5000s %05000s %+05000s '%-05000s' %05000.7s %05000f %#05000f %#5000f \
		%05000a %#05000a %5000A %-5000N %5000n %05000d %05000D %5000.3Y %-5000.12X %05000.3Z \
		%+05000.0W %05000.Y %.5000Y %5.5000X %-5000.3x '%200000.3Y' '%0200000.9Y'; do
		vs_all "wide field $spec" -c "$spec"
	done
fi

# The huge width of the issue: it finishes (in blocks it takes as long as
# GNU's), with GNU's byte count; not under valgrind, for the time.
if [ -n "$GNU" ] && ! vg_skip "a 200000000-byte field" "200 MB through valgrind"; then
	for spec in %-200000000s %200000000.3Y; do
		gn=$("$GNU" -c "$spec" f | wc -c)
		t "$spec: as many bytes as GNU stat ($gn)" 0 "$gn" '' \
			sh -c 'timeout 120 "$OSBOX" stat -c "$1" f | wc -c' sh "$spec"
	done
fi

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
# and, with 2>&1, each diagnostic where it happened: both compared with GNU stat.
if [ -x /usr/bin/stat ] && /usr/bin/stat --version 2>/dev/null | grep -q 'GNU coreutils'; then
	: >o12f1 && : >o12f2 && ln -sf o12f1 o12l1 && ln -sf o12f2 o12l2
	for i in 0 1 2 3; do
		eval "n=\"\$N$i\""
		run sh -c '"$@" 2>&1' _ stat o12f1 "$n" o12f2
		gst=$status gout=$(cat "$W/out")
		t "issue 12: stat, merged and quoted as GNU stat ($i)" "$gst" "$gout" '' \
			sh -c '"$@" 2>&1' _ "$LINKS/stat" o12f1 "$n" o12f2
	done
fi
