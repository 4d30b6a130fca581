# replace: os.replace through renameat2; -n (RENAME_NOREPLACE), -x
# (RENAME_EXCHANGE), errors that leave both names as they were.

# in_ro DIR CMD...: runs CMD with DIR bind-mounted read-only in a private
# mount namespace (needs root and unshare; callers skip otherwise).

echo old >dst
echo new >src
t "replaces DEST" 0 '' '' osbox replace src dst
ok "DEST has SOURCE's content" [ "$(cat dst)" = new ]
ok "SOURCE is gone" [ ! -e src ]

echo a >a
t "to a new name" 0 '' '' osbox replace a b
ok "renamed" check '[ "$(cat b)" = a ] && [ ! -e a ]'

echo one >a
t "-v" 0 "renamed 'a' -> 'b'" '' osbox replace -v a b
t "through a link" 0 "renamed 'b' -> 'a'" '' "$LINKS/replace" --verbose b a

# -n: RENAME_NOREPLACE
echo keep >keep
echo src >s
t "-n refuses an existing DEST" 1 '' "replace: cannot move 's' to 'keep': File exists" \
	osbox replace -n s keep
ok "-n: DEST untouched" [ "$(cat keep)" = keep ]
ok "-n: SOURCE untouched" [ "$(cat s)" = src ]
t "-n to a new name" 0 '' '' osbox replace --no-clobber s s2
ok "-n renamed" check '[ "$(cat s2)" = src ] && [ ! -e s ]'
ln -s nowhere dangling
t "-n: a dangling symlink exists too" 1 '' "replace: cannot move 's2' to 'dangling': File exists" \
	osbox replace -n s2 dangling
ok "-n: the symlink is still there" [ "$(readlink dangling)" = nowhere ]

# -x: RENAME_EXCHANGE
echo X >x
echo Y >y
t "-x swaps" 0 "exchanged 'x' <-> 'y'" '' osbox replace -x -v x y
ok "-x swapped the contents" check '[ "$(cat x)" = Y ] && [ "$(cat y)" = X ]'
mkdir xd
t "-x swaps a file and a directory" 0 '' '' osbox replace --exchange x xd
ok "-x: types swapped" check '[ -d x ] && [ "$(cat xd)" = Y ]'
t "-x needs both to exist" 1 '' "replace: cannot exchange 'y' and 'nothere': No such file or directory" \
	osbox replace -x y nothere
ok "-x failure leaves SOURCE" check '[ "$(cat y)" = X ] && [ ! -e nothere ]'
t "-n and -x together" 2 '' "replace: cannot specify --no-clobber (-n) with --exchange (-x)
Try 'replace --help' for more information." osbox replace -nx y x

# directories
mkdir d1 d2 full
echo f >d1/f
touch full/g
t "a directory replaces an empty directory" 0 '' '' osbox replace d1 d2
ok "contents moved" check '[ "$(cat d2/f)" = f ] && [ ! -e d1 ]'
t "not a non-empty directory" 1 '' "replace: cannot move 'd2' to 'full': Directory not empty" \
	osbox replace d2 full
ok "both directories intact" check '[ -f d2/f ] && [ -f full/g ]'
echo file >file
t "a file does not replace a directory" 1 '' "replace: cannot move 'file' to 'd2': Is a directory" \
	osbox replace file d2
t "a directory does not replace a file" 1 '' "replace: cannot move 'd2' to 'file': Not a directory" \
	osbox replace d2 file
ok "file intact" check '[ "$(cat file)" = file ] && [ -f d2/f ]'
t "not into its own subdirectory" 1 '' "replace: cannot move 'd2' to 'd2/sub': Invalid argument" \
	osbox replace d2 d2/sub
t "a trailing slash on a file" 1 '' "replace: cannot move 'file' to 'new/': Not a directory" \
	osbox replace file new/

# same file: rename(2) does nothing and succeeds (as os.replace)
t "onto itself" 0 '' '' osbox replace file file
ln file hard
t "onto a hard link of itself" 0 '' '' osbox replace file hard
ok "both links remain (POSIX)" check '[ -f file ] && [ -f hard ]'

# symlinks are renamed, not followed
ln -s file sl
t "a symlink is renamed itself" 0 '' '' osbox replace sl sl2
ok "still a symlink to file" [ "$(readlink sl2)" = file ]

# names are bytes
nl='na
me'
echo n >"$nl"
t "a name with a newline" 0 "renamed '$nl' -> 'plain'" '' osbox replace -v "$nl" plain
bad=$(printf 'bad\377')
echo b >"$bad"
t "invalid UTF-8" 0 '' '' osbox replace "$bad" "$bad.2"
ok "renamed byte for byte" [ -f "$bad.2" ]
t "errors quote names as mv does" 1 '' "replace: cannot move 'no'\$'\\n''pe' to 'x': No such file or directory" \
	osbox replace 'no
pe' x

# errors
t "missing SOURCE" 1 '' "replace: cannot move 'none' to 'x2': No such file or directory" \
	osbox replace none x2
t "missing directory in DEST" 1 '' "replace: cannot move 'file' to 'no/x': No such file or directory" \
	osbox replace file no/x
long=$(printf '%0300d' 0)
t "a name too long" 1 '' "replace: cannot move 'file' to '$long': File name too long" \
	osbox replace file "$long"
ok "file still there" [ "$(cat file)" = file ]
t "no operand" 2 '' "replace: missing operand
Try 'replace --help' for more information." osbox replace
t "one operand" 2 '' "replace: missing operand after ‘a’
Try 'replace --help' for more information." osbox replace a
t "three operands" 2 '' "replace: extra operand ‘c’
Try 'replace --help' for more information." osbox replace a b c
t "unknown option" 2 '' "replace: invalid option -- 'q'
Try 'replace --help' for more information." osbox replace -q a b
t "--help" 0 '*' '' osbox replace --help
ok "--help usage line" grep -q '^Usage: replace \[-n|-x\] \[-v\] SOURCE DEST' "$W/out"

# permission denied: a directory nobody may not write
mkdir -p "$T/locked"
echo L >"$T/locked/f"
chmod 755 "$T/locked"
echo mine >"$T/mine"
chmod 777 "$T"
t "permission denied" 1 '' "replace: cannot move '$T/locked/f' to '$T/stolen': Permission denied" \
	as_nobody "$OSBOX" replace "$T/locked/f" "$T/stolen"
ok "nothing moved" check '[ -f "$T/locked/f" ] && [ ! -e "$T/stolen" ]'
chmod 1777 "$T"
t "sticky directory: not another's file" 1 '' \
	"replace: cannot move '$T/mine' to '$T/locked2': Operation not permitted" \
	as_nobody "$OSBOX" replace "$T/mine" "$T/locked2"
chmod 755 "$T"

# across file systems: EXDEV, nothing copied, moved or lost
other=
for d in /dev/shm /run /tmp; do
	if [ -d "$d" ] && [ -w "$d" ] && [ "$(stat -c %d "$d")" != "$(stat -c %d "$T")" ]; then
		other=$d
		break
	fi
done
if [ -n "$other" ]; then
	o=$(mktemp "$other/osbox-replace.XXXXXX")
	echo there >"$o"
	echo here >here
	t "across file systems" 1 '' \
		"replace: cannot move 'here' to '$o': Invalid cross-device link (replace never copies)" \
		osbox replace here "$o"
	ok "across: both intact" check '[ "$(cat here)" = here ] && [ "$(cat "$o")" = there ]'
	t "across, to a new name" 1 '' \
		"replace: cannot move 'here' to '$o.new': Invalid cross-device link (replace never copies)" \
		osbox replace here "$o.new"
	ok "across: nothing created" check '[ ! -e "$o.new" ] && [ "$(cat here)" = here ]'
	t "across, -x" 1 '' \
		"replace: cannot exchange 'here' and '$o': Invalid cross-device link (replace never copies)" \
		osbox replace -x here "$o"
	ok "across -x: both intact" check '[ "$(cat here)" = here ] && [ "$(cat "$o")" = there ]'
	rm -f "$o"
else
	skip "across file systems" "no second writable file system next to $T"
fi

# a read-only file system
if can_ro; then
	mkdir ro
	echo ro >ro/f
	t "read-only file system" 1 '' "replace: cannot move 'ro/f' to 'ro/g': Read-only file system" \
		in_ro ro "$OSBOX" replace ro/f ro/g
	ok "read-only: intact" check '[ "$(cat ro/f)" = ro ] && [ ! -e ro/g ]'
else
	skip "read-only file system" "needs root and unshare -m"
fi

t "write error" 1 '' "replace: write error: No space left on device" \
	sh -c 'echo w >w1; osbox replace -v w1 w2 >/dev/full'
ok "the rename itself was done" [ -f w2 ]

# Usage errors from the option table, in either order of the options.
t "-x and -n together" 2 '' "replace: cannot specify --no-clobber (-n) with --exchange (-x)
Try 'replace --help' for more information." osbox replace -x -n a b
t "-n and -x before the operand count" 2 '' "replace: cannot specify --no-clobber (-n) with --exchange (-x)
Try 'replace --help' for more information." osbox replace -n -x

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	t "issue 12: replace quotes $q" 1 '' \
		"replace: cannot move $q to 'o12dst': No such file or directory" osbox replace "$n" o12dst
done
