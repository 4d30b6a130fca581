# sh: the differential corpus. Each script in tests/cli/sh_dash/ is run by
# dash (the reference, run live) and by osbox's shell, each as
# `SHELL NAME.sh` from a fresh scratch directory, in a clean environment
# (PATH, HOME and TMPDIR only), and the two are compared on stdout, stderr
# and exit status. Only the shell's own name at the start of a message line
# is normalized (`dash: ` and `sh: ` alike); messages naming the script say
# `NAME.sh` in both. Then a few invocations of the shell itself (-c with a
# name and arguments, -s, a script on stdin, options on the command line),
# named inv-*, are compared the same way.
#
# Where dash is wrong by POSIX, NAME.expected-out, NAME.expected-err or
# NAME.expected-status beside the script replaces what dash printed, and
# the script says why, citing the XCU section.
#
# tests/cli/sh_dash/KNOWN-FAILURES names the cases osbox's shell does not
# pass yet (`NAME.sh # reason` or `inv-NAME # reason`, one a line). A
# listed case that fails is counted, not failed; an unlisted one that
# fails, or a listed one that now passes, fails this test, so the list
# stays honest.
#
# Knobs: SH_DASH_ONLY=GLOB runs only the cases whose name matches;
# SH_DASH_UPDATE=1 rewrites KNOWN-FAILURES from this run (keeping the
# reasons of the cases still failing, "not yet implemented" for new ones);
# SH_DASH_VERBOSE=1 shows the differences of known failures too.
DASH=/usr/bin/dash
CORPUS=$SRC/tests/cli/sh_dash
KNOWN=$CORPUS/KNOWN-FAILURES
if [ ! -x "$DASH" ]; then
	_fail "dash is needed as the reference: $DASH is missing (apt-get install dash)"
	finish
fi
# Until the applet answers to `sh`, it is `shell`.
if "$OSBOX" --list | grep -qx sh; then
	OSH="$OSBOX sh"
else
	OSH="$OSBOX shell"
fi
SYSPATH=/usr/local/bin:/usr/bin:/bin
# Seconds a case may take (a hung script is a failure, not a hung test).
SH_TIMEOUT=10
$VALGRIND && SH_TIMEOUT=120
SHW=$W/sh
mkdir -p "$SHW"

# sh_norm FILE: the shell's own name (with its directory, if any) at the
# start of a line, made `sh: `.
sh_norm() {
	sed -e 's/^\(\/[^ :]*\/\)\{0,1\}\(dash\|sh\|shell\|osbox\|osbox sh\|osbox shell\): /sh: /' "$1"
}

# sh_exec TAG STDIN COMMAND...: runs COMMAND in a scratch directory
# ($SHW/box, the same path for both shells, so that HOME and TMPDIR read
# the same) holding $SHW/script.sh as $file, leaving TAG.out, TAG.err
# (normalized) and TAG.status in $SHW.
sh_exec() {
	local tag=$1 stdin=$2 dir=$SHW/box
	shift 2
	rm -rf "$dir"
	mkdir -p "$dir/run" "$dir/home" "$dir/tmp"
	cp "$SHW/script.sh" "$dir/run/$file"
	(cd "$dir/run" && exec env -i PATH="$SYSPATH" HOME="$dir/home" TMPDIR="$dir/tmp" \
		timeout -k 2 "$SH_TIMEOUT" "$@" >"$SHW/$tag.raw-out" 2>"$SHW/$tag.raw-err" <"$stdin")
	echo $? >"$SHW/$tag.status"
	cat "$SHW/$tag.raw-out" >"$SHW/$tag.out"
	sh_norm "$SHW/$tag.raw-err" >"$SHW/$tag.err"
	rm -rf "$dir"
}

# The expected results: dash's, save where a file beside the script says
# what POSIX wants instead.
sh_expect() {
	local base=$CORPUS/${name%.sh}
	[ -f "$base.expected-out" ] && cp "$base.expected-out" "$SHW/dash.out"
	[ -f "$base.expected-err" ] && cp "$base.expected-err" "$SHW/dash.err"
	[ -f "$base.expected-status" ] && cp "$base.expected-status" "$SHW/dash.status"
	return 0
}

# sh_diff: what differs between dash's run and osbox's, or nothing.
sh_diff() {
	cmp -s "$SHW/dash.status" "$SHW/osh.status" ||
		echo "status $(cat "$SHW/osh.status"), expected $(cat "$SHW/dash.status")"
	[ "$(cat "$SHW/osh.status")" = 124 ] && echo "(124: timed out after $SH_TIMEOUT s)"
	cmp -s "$SHW/dash.out" "$SHW/osh.out" ||
		{ echo "--- stdout (expected, then osbox):"; diff "$SHW/dash.out" "$SHW/osh.out" | head -15; }
	cmp -s "$SHW/dash.err" "$SHW/osh.err" ||
		{ echo "--- stderr (expected, then osbox):"; diff "$SHW/dash.err" "$SHW/osh.err" | head -15; }
}

sh_known() { grep -q "^$1\([[:space:]]\|\$\)" "$KNOWN" 2>/dev/null; }
sh_reason() {
	sed -n "s/^$1[[:space:]]*#[[:space:]]*//p" "$KNOWN" 2>/dev/null | head -1
}

total=0 match=0 known=0 listed_pass=0 bad=0
newknown=$SHW/KNOWN-FAILURES.new
: >"$newknown"

# sh_judge: the verdict on case $name from dash.* and osh.* in $SHW.
sh_judge() {
	local diffs reason
	[ "$(cat "$SHW/dash.status")" = 124 ] && _fail "$name: dash itself timed out (a broken case)"
	diffs=$(sh_diff)
	if [ -z "$diffs" ]; then
		match=$((match + 1))
		if sh_known "$name"; then
			listed_pass=$((listed_pass + 1))
			_fail "$name: passes but is listed in KNOWN-FAILURES (take it off the list)"
		else
			passed=$((passed + 1))
		fi
		return
	fi
	reason=$(sh_reason "$name")
	printf '%s # %s\n' "$name" "${reason:-not yet implemented}" >>"$newknown"
	if sh_known "$name"; then
		known=$((known + 1))
		[ -n "${SH_DASH_VERBOSE:-}" ] && printf 'KNOWN: %s\n%s\n' "$name" "$diffs" | sed '2,$s/^/    /'
	else
		bad=$((bad + 1))
		_fail "$name: differs from dash" "$diffs"
	fi
	return 0
}

for f in "$CORPUS"/*.sh; do
	name=${f##*/} file=${f##*/}
	case $name in ${SH_DASH_ONLY:-*}) ;; *) continue ;; esac
	# Under valgrind, every fourth case: each starts osbox's shell there
	# at about half a second a start (the other builds run them all).
	if $VALGRIND; then
		vgi=$((${vgi:-0} + 1))
		[ $((vgi % 4)) = 1 ] || continue
	fi
	total=$((total + 1))
	cp "$f" "$SHW/script.sh"
	# 2>/dev/null: this shell's own note of a script killed by a signal
	# ("User defined signal 1") stays out of the test's output.
	sh_exec dash /dev/null "$DASH" "$name" 2>/dev/null
	sh_expect
	sh_exec osh /dev/null $OSH "$name" 2>/dev/null
	sh_judge
done

# Invocations. inv NAME STDIN ARG...: the shell run as `SHELL ARG...` with
# STDIN (a string; printf's %b) as its standard input, s.sh (below) in its
# directory. INV_OUT, INV_ERR, INV_STATUS, when set, replace dash's results
# where dash is wrong by POSIX (the case says why).
INV_NAMES=
inv() {
	name=$1
	INV_NAMES="$INV_NAMES $name"
	case $name in ${SH_DASH_ONLY:-*}) ;; *) return 0 ;; esac
	total=$((total + 1))
	printf '%b' "$2" >"$SHW/stdin"
	shift 2
	printf 'echo "$0|$#|$*"\n' >"$SHW/script.sh"
	sh_exec dash "$SHW/stdin" "$DASH" "$@" 2>/dev/null
	[ -n "${INV_OUT+set}" ] && printf '%s\n' "$INV_OUT" >"$SHW/dash.out"
	[ -n "${INV_ERR+set}" ] && printf '%s' "$INV_ERR" >"$SHW/dash.err"
	[ -n "${INV_STATUS+set}" ] && echo "$INV_STATUS" >"$SHW/dash.status"
	sh_exec osh "$SHW/stdin" $OSH "$@" 2>/dev/null
	sh_judge
	unset INV_OUT INV_ERR INV_STATUS
}
file=s.sh
inv inv-script-args '' s.sh a 'b c'
inv inv-c-name-args '' -c 'echo "$0|$1|$2|$#"' myname a b
inv inv-c-arg-count '' -c 'echo "$#"'
inv inv-c-exit-status '' -c 'exit 7'
inv inv-c-syntax-error '' -c 'if'
inv inv-c-dashdash '' -c -- 'echo after --'
inv inv-s-args 'echo "$1 $2 $#"\n' -s x y
inv inv-stdin-script 'echo from stdin\nexit 3\n'
inv inv-stdin-dash-flags 'case $- in *s*) echo "s in \\$-" ;; esac\n' -s
# XCU sh, EXIT STATUS: 127 when a command_file cannot be found; dash
# exits 2 (its message is kept).
INV_STATUS=127
inv inv-missing-script '' nosuch.sh
inv inv-opt-e '' -e -c 'false; echo never'
inv inv-opt-u '' -u -c 'echo "$nope"; echo never'
inv inv-opt-x '' -x -c 'echo hi'
inv inv-opt-n '' -n -c 'echo never'
inv inv-opt-f '' -f -c 'echo *'
inv inv-opt-o-errexit '' -o errexit -c 'false; echo never'
inv inv-opt-combined '' -eu -c 'case $- in *e*u* | *u*e*) echo both ;; esac'
inv inv-opt-script-e '' -e s.sh x
# XCU sh, INPUT FILES: reading a script from standard input, the shell must
# not read ahead of the command it runs, so that `read` gets the next line.
# dash reads the pipe a block at a time (`read` sees EOF and "hello" runs as
# a command); the expected results are POSIX's.
INV_OUT='got hello' INV_ERR='' INV_STATUS=0
inv inv-stdin-no-readahead 'read x\nhello\necho "got $x"\n'

# Names listed that are no case of the corpus make the list dishonest too.
if [ -z "${SH_DASH_ONLY:-}" ] && [ -f "$KNOWN" ]; then
	for n in $(sed -n 's/^\([^#[:space:]][^[:space:]]*\).*/\1/p' "$KNOWN"); do
		case " $INV_NAMES " in *" $n "*) continue ;; esac
		[ -f "$CORPUS/$n" ] || _fail "KNOWN-FAILURES lists $n, which is no case of the corpus"
	done
fi
if [ -n "${SH_DASH_UPDATE:-}" ] && [ -n "${SH_DASH_ONLY:-}" ]; then
	echo "SH_DASH_UPDATE ignored: with SH_DASH_ONLY the run saw only part of the corpus"
elif [ -n "${SH_DASH_UPDATE:-}" ]; then
	{
		echo "# Cases of tests/cli/sh.sh (scripts of tests/cli/sh_dash/, invocations"
		echo "# inv-*) that osbox's shell does not pass yet: NAME # reason. The test"
		echo "# fails on a failure not listed here and on a listed case that passes."
		echo "# SH_DASH_UPDATE=1 rewrites it."
		cat "$newknown"
	} >"$KNOWN"
	echo "KNOWN-FAILURES rewritten: $(wc -l <"$newknown") cases"
fi
echo "sh_dash: $total cases, $match match dash; $known known failures; $bad unexpected failures; $listed_pass listed but passing"
finish
