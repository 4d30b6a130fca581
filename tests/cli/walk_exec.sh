# walk -x/-X: commands run on what walk prints, differential against
# find -exec {} \; and {} +, placeholders against python's os.path,
# order, exit status, parsing of the command line, output errors.

# A tree of hostile names: spaces, a newline, leading -, quotes, $, glob
# characters, invalid UTF-8, dotfiles and extensions.
python3 -c '
import os
names = [b"plain.txt", b"sp ace.tar.gz", b"new\nline", b"-n", b"-x", b"quo\"te'"'"'s",
         b"$HOME", b"*?[a]", b"bad\xff\xfe.c", b".hidden", b"file.", b"a.b.c", b"{}"]
for d in [b"T", b"T/sub dir", b"T/-dir", b"T/sub dir/deep.d"]:
    os.makedirs(d, exist_ok=True)
    for n in names:
        open(os.path.join(d, n), "w").close()
os.symlink(b"sub dir", b"T/link")
'
diffs=0

# sorted NUL-separated records, for the comparisons as sets
nsort() { tr '\0\n' '\n\1' | LC_ALL=C sort | tr '\n\1' '\0\n'; }

# --- -x against find -exec CMD {} \; (as sets: directory order may differ)
osbox walk T -x printf '%s\0' | nsort >"$W/a"
find T -exec printf '%s\0' {} \; | nsort >"$W/b"
same "-x printf: the paths find -exec gives" "$W/a" "$W/b"
diffs=$((diffs + 1))
ok "-x: every path of the tree came" check '[ "$(tr -cd "\0" <"$W/a" | wc -c)" -eq 57 ]'

# ... and exactly in walk's printing order, with 4 at once
osbox walk -s T -0 >"$W/b"
osbox walk -s -j 4 T -x printf '%s\0' >"$W/a"
same "-x -j 4: outputs in walk's order" "$W/a" "$W/b"
diffs=$((diffs + 1))

# --- -X against find -exec CMD {} + (as sets; batches differ)
osbox walk T -X printf '%s\0' | nsort >"$W/a"
find T -exec printf '%s\0' {} + | nsort >"$W/b"
same "-X printf: the paths find -exec {} + gives" "$W/a" "$W/b"
diffs=$((diffs + 1))
t "-X: one command for a small tree" 0 1 '' sh -c "osbox walk T -X sh -c 'echo \$#' sh | wc -l"

# --- the walk's options and filters: the commands run for exactly what
# would be printed, in that order
set -- "--type f" "--name *.c" "--bottom-up" "--max-depth 1" "--min-depth 2" \
	"--prune *dir" "-L" "--type d --bottom-up" "--path *sub* --type f" "--empty --type f"
# under valgrind, a sample
$VALGRIND && set -- "--type f" "--bottom-up"
for opts in "$@"; do
	# shellcheck disable=SC2086
	osbox walk -s $opts T -0 >"$W/b"
	# shellcheck disable=SC2086
	osbox walk -s $opts T -j 3 -x printf '%s\0' >"$W/a"
	same "-x with $opts: what walk prints, in order" "$W/a" "$W/b"
	diffs=$((diffs + 1))
done
osbox walk T --type f --name '*.c' -x printf '%s\0' | nsort >"$W/a"
find T -type f -name '*.c' -exec printf '%s\0' {} \; | nsort >"$W/b"
same "-x with filters: find -type f -name '*.c' -exec" "$W/a" "$W/b"
diffs=$((diffs + 1))

# --- placeholders against python's os.path. {.} drops the last dot and
# what follows in the last component, GNU parallel's rule: a leading dot
# counts (.hidden gives ''), where os.path.splitext would keep it.
osbox walk -s T -j 2 -x printf '%s\0%s\0%s\0%s\0%s\0%s\0' {} {/} {//} {.} {/.} {#} >"$W/a"
python3 -c '
import os, sys
recs = open(sys.argv[1], "rb").read().split(b"\0")[:-1]
bad = 0
n = 0
for i in range(0, len(recs), 6):
    p, base, dirn, noext, basenoext, seq = recs[i:i + 6]
    n += 1
    b = os.path.basename(p)
    d = os.path.dirname(p) or b"."
    k = b.rfind(b".")
    bx = b[:k] if k >= 0 else b
    px = p[:len(p) - len(b)] + bx
    want = (b, d, px, bx, str(n).encode())
    if (base, dirn, noext, basenoext, seq) != want:
        bad += 1
        print(repr(p), (base, dirn, noext, basenoext, seq), want)
print(n, bad)
sys.exit(1 if bad or n != 57 else 0)' "$W/a" >"$W/py"
ok "placeholders: as os.path computes them, for all 57 paths" grep -qx '57 0' "$W/py"
diffs=$((diffs + 57))

# --- keep-order with commands that end in another order
osbox walk -s "T/sub dir" --max-depth 1 --min-depth 1 >"$W/b"
osbox walk -s "T/sub dir" --max-depth 1 --min-depth 1 -j 4 -x sh -c \
	's=$((9 - $1)); [ $s -lt 0 ] && s=0; sleep 0.0$s; printf "%s\n" "$2"' sh {#} {} >"$W/a"
same "-j 4: outputs in walk's order although later ones end first" "$W/a" "$W/b"
diffs=$((diffs + 1))

# --- exit status
t "every command succeeded: 0" 0 '' '' osbox walk T -x true
t "a command failed: 1" 1 '' '' osbox walk T -x false
t "one failed among many: 1" 1 '*' '' osbox walk -s T --max-depth 1 -x sh -c '[ "$1" != "T/-n" ]' sh
t "command not found: the runner's message per entry, 1" 1 '' \
"walk: no-such-cmd: No such file or directory
walk: no-such-cmd: No such file or directory" osbox walk T/sub\ dir/-n T/-n -x no-such-cmd
if [ "$(id -u)" = 0 ]; then
	mkdir -p locked/in
	chmod 700 locked
	t "an unreadable directory: reported, the rest run, 1" 1 "locked" \
		"walk: locked: Permission denied" as_nobody "$OSBOX_REAL" walk locked -x echo
fi

# --- parsing
t "-x without a command: usage error" 2 '' "walk: -x needs a COMMAND
Try 'walk --help' for more information." osbox walk T -x
t "--exec-batch without a command: usage error" 2 '' "walk: --exec-batch needs a COMMAND
Try 'walk --help' for more information." osbox walk T --exec-batch
t "walk . -x echo -l: -l is echo's" 0 "-l T/-n" '' osbox walk T/-n -x echo -l
t "options after -x are the command's" 0 "--max-depth T/-n" '' osbox walk T/-n -x echo --max-depth
t "a bundle: -sx" 0 "T/-dir
T/-dir/\$HOME" '' sh -c 'osbox walk T/-dir -sx echo | head -2'
t "letters after x are the command" 0 "T/-n" '' osbox walk T/-n -xecho
t "--exec=CMD" 0 "T/-n" '' osbox walk T/-n --exec=echo
t "an abbreviated --exec-b" 0 "T/-n T/-x" '' osbox walk T/-n T/-x --exec-b echo
t "--name -x is a name, not -x" 0 "T/-x" '' osbox walk T --max-depth 1 --name -x
t "-- ends walk's options: -x is a path" 1 "" "walk: -x: No such file or directory" \
	osbox walk -- -x
t "-x with --tree: usage error" 2 '' "walk: cannot specify --exec (-x) with --tree
Try 'walk --help' for more information." osbox walk --tree T -x echo
t "-X with -0: usage error" 2 '' "walk: cannot specify --exec-batch (-X) with --null (-0)
Try 'walk --help' for more information." osbox walk -0 T -X echo
t "-x with --json: usage error" 2 '*' '*' osbox walk --json T -x echo
t "-x with --printf: usage error" 2 '' "walk: cannot specify --exec (-x) with --printf
Try 'walk --help' for more information." osbox walk --printf '%p\n' T -x echo
t "-X with -l: usage error" 2 '' "walk: cannot specify --exec-batch (-X) with --long (-l)
Try 'walk --help' for more information." osbox walk -l T -X echo
t "-x with --json -l: usage error" 2 '' "walk: cannot specify --exec (-x) with --json
Try 'walk --help' for more information." osbox walk --json -l T -x echo
t "commands read /dev/null" 0 "" '' sh -c 'echo input | osbox walk T/-n -x cat'

# --- output errors
t "write error" 1 '' 'walk: write error: No space left on device' \
	sh -c 'osbox walk T -x echo >/dev/full'
t "closed pipe: quiet" 0 'T' '' \
	bash -c "osbox walk -s T -x echo | head -1; echo \${PIPESTATUS[0]} >'$W/st'"
ok "closed pipe: walk's status" grep -qxE '0|141' "$W/st"

echo "walk -x: $diffs differential cases"
finish
