# The multiplexer: dispatch by link name and by first argument, --list,
# --install, --version, --options, unknown applets and options.
"$OSBOX" --list >"$T/list"
ok "--list prints every applet, sorted" sh -c 'sort -c "$1" && [ $(wc -l <"$1") -ge 18 ]' sh "$T/list"
ok "--list has strerror and fork-demo" sh -c 'grep -qx strerror "$1" && grep -qx fork-demo "$1"' sh "$T/list"

t "alone: usage and the applet list" 0 '*' '' osbox
ok "usage names each applet" sh -c 'for a in $(cat "$1"); do grep -q "^  $a " "$2" || exit 1; done' sh "$T/list" "$W/out"
t "--help is the same usage" 0 "$("$OSBOX")" '' osbox --help
t "--version" 0 "osbox $(sed -n 's/^project(osbox VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")" '' osbox --version

t "dispatch on the first argument" 0 '[ 2] ENOENT: No such file or directory' '' osbox strerror 2
t "dispatch on the link name" 0 '[ 4] EINTR : Interrupted system call' '' "$LINKS/strerror" 4
t "a link reached by a relative path" 0 '[ 4] EINTR : Interrupted system call' '' sh -c 'cd "$LINKS" && ./strerror 4'
ln -s "$OSBOX_REAL" "$T/osbox-renamed"
t "an unknown link name acts as osbox" 0 '[ 2] ENOENT: No such file or directory' '' "$T/osbox-renamed" strerror 2
t "unknown applet" 127 '' 'osbox: nope: applet not found' osbox nope
t "unknown option" 2 '' "osbox: unknown option '--bogus'
Try 'osbox --help' for more information." osbox --bogus
t "applet messages use the applet's name" 1 '' 'strerror: EX: unknown error name' osbox strerror EX

t "--options dumps an applet's table" 0 "-l	--list	-	print every errno value the system knows
-s	--search	WORD	only values whose message contains WORD (any case)
-	--json	-	one JSON object per value: errno, name, message" '' osbox --options strerror
t "--options needs an applet" 2 '' 'osbox: usage: osbox --options APPLET' osbox --options nope

# --install: a link per applet; never replaces a file without -f.
mkdir "$T/inst"
t "--install" 0 '' '' osbox --install "$T/inst"
ok "--install made a link per applet" sh -c 'for a in $(cat "$1"); do [ "$(readlink "$2/$a")" = "$3" ] || exit 1; done' sh "$T/list" "$T/inst" "$OSBOX_REAL"
t "--install again is fine (links already ours)" 0 '' '' osbox --install "$T/inst"
rm "$T/inst/strerror" && echo mine >"$T/inst/strerror"
t "--install keeps an existing file" 1 '' "osbox: $T/inst/strerror: File exists (use -f to replace it)" osbox --install "$T/inst"
ok "the existing file is untouched" grep -qx mine "$T/inst/strerror"
t "--install -f replaces it" 0 '' '' osbox --install -f "$T/inst"
ok "now a link to osbox" test "$(readlink "$T/inst/strerror")" = "$OSBOX_REAL"
ok "no temporary link is left behind" sh -c '! ls -A "$1" | grep -q osbox-' sh "$T/inst"
t "--install into a missing directory" 1 '' "osbox: $T/none: No such file or directory" osbox --install "$T/none"
t "--install needs one directory" 2 '' 'osbox: usage: osbox --install [-f] DIR' osbox --install
mkdir "$T/ro" && chmod 555 "$T/ro"
t "--install where one may not write" 1 '*' '*' as_nobody "$OSBOX" --install "$T/ro"
ok "each failure is named" sh -c 'grep -c "^osbox: .*/ro/.*: Permission denied$" "$1" | grep -qx "$(wc -l <"$2")"' sh "$W/err" "$T/list"

t "--list to a full device" 1 '' 'osbox: write error: No space left on device' sh -c 'osbox --list >/dev/full'

# osbox's own options come from a table (core/main.c): the first argument
# alone decides, and an applet's arguments are never osbox's.
t "-l is --list" 0 "$(cat "$T/list")" '' osbox -l
t "-h is --help" 0 "$("$OSBOX")" '' osbox -h
t "what follows --list is ignored" 0 "$(cat "$T/list")" '' osbox --list --bogus
t "an applet's --version is the applet's" 0 "strerror (osbox) $(sed -n 's/^project(osbox VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")" '' osbox strerror --version
t "an applet's -l is the applet's" 0 '*' '' osbox strerror -l
ok "... and not osbox --list" sh -c '! grep -qx walk "$1"' sh "$W/out"
t "-f alone is not an option of osbox" 2 '' "osbox: unknown option '-f'
Try 'osbox --help' for more information." osbox -f
t "--options osbox: osbox's own table" 0 "-l	--list	-	print the applets' names, one a line
-	--install	-	make a link to osbox in DIR for every applet
-f	-	-	with --install: replace the files already there
-	--options	-	print APPLET's option table: SHORT, LONG, ARG and HELP, tab-separated
-h	--help	-	show this help and exit
-	--version	-	show the version and exit" '' osbox --options osbox
t "--options with two applets" 2 '' 'osbox: usage: osbox --options APPLET' osbox --options walk stat
t "--install with two directories" 2 '' 'osbox: usage: osbox --install [-f] DIR' osbox --install "$T/inst" "$T/inst"
rm "$T/inst/walk" && echo mine >"$T/inst/walk"
t "--install DIR -f: -f after DIR" 0 '' '' osbox --install "$T/inst" -f
ok "-f after DIR replaced the file" test "$(readlink "$T/inst/walk")" = "$OSBOX_REAL"

# "osbox osbox ARGS" is "osbox ARGS" (not "applet not found"), as BusyBox
# takes "busybox busybox"; so is a repeated osbox.
t "osbox osbox --help is osbox --help" 0 "$("$OSBOX" --help)" '' osbox osbox --help
t "osbox osbox alone is osbox alone" 0 "$("$OSBOX")" '' osbox osbox
t "osbox osbox APPLET runs the applet" 0 '[ 2] ENOENT: No such file or directory' '' osbox osbox strerror 2
t "osbox osbox osbox --list" 0 "$(cat "$T/list")" '' osbox osbox osbox --list
t "osbox osbox with a bad option is osbox's usage error" 2 '' "osbox: unknown option '-f'
Try 'osbox --help' for more information." osbox osbox -f
t "osbox osbox with an unknown applet" 127 '' 'osbox: nosuch: applet not found' osbox osbox nosuch

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	t "issue 12: osbox quotes the applet $q" 127 '' "osbox: $q: applet not found" osbox "$n"
	t "issue 12: osbox quotes the option -$q" 2 '' "osbox: unknown option '-${q#\'}
Try 'osbox --help' for more information." osbox "-$n"
done
t "issue 12: --install quotes DIR" 1 '' "osbox: $Q0: No such file or directory" \
	osbox --install "$N0"
mkdir "o12 i" && : >"o12 i/walk"
t "issue 12: --install quotes the file in the way" 1 '' \
	"osbox: 'o12 i/walk': File exists (use -f to replace it)" osbox --install "o12 i"
