# sh: the differential corpus. Each script in tests/cli/sh_dash/ is run by
# dash (the reference, run live) and by osbox's shell, each as
# `SHELL NAME.sh` from a fresh scratch directory, in a clean environment
# (PATH, HOME and TMPDIR only), and the two are compared on stdout, stderr
# and exit status. Only the shell's own name at the start of a message line
# is normalized (`dash: ` and `sh: ` alike); messages naming the script say
# `NAME.sh` in both.
#
# Where dash is wrong by POSIX, NAME.expected-out, NAME.expected-err or
# NAME.expected-status beside the script replaces what dash printed, and
# the script says why, citing the XCU section.
#
# tests/cli/sh_dash/KNOWN-FAILURES names the scripts osbox's shell does not
# pass yet (`NAME.sh # reason`, one a line). A listed script that fails is
# counted, not failed; an unlisted one that fails, or a listed one that now
# passes, fails this test, so the list stays honest.
#
# Knobs: SH_DASH_ONLY=GLOB runs only the scripts whose name matches;
# SH_DASH_UPDATE=1 rewrites KNOWN-FAILURES from this run (keeping the
# reasons of the scripts still failing, "not yet implemented" for new ones);
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
# Seconds a script may take (a hung script is a failure, not a hung test).
SH_TIMEOUT=10
$VALGRIND && SH_TIMEOUT=120
SHW=$W/sh
mkdir -p "$SHW"

# sh_norm FILE: the shell's own name at the start of a line, made `sh: `.
sh_norm() {
	sed -e 's/^\(dash\|sh\|shell\|osbox\|osbox sh\|osbox shell\): /sh: /' "$1"
}

# sh_run TAG SHELL... : runs $name in a scratch directory ($SHW/box, the
# same path for both shells, so that HOME and TMPDIR read the same),
# leaving TAG.out, TAG.err (normalized) and TAG.status in $SHW.
sh_run() {
	local tag=$1 dir=$SHW/box
	shift
	rm -rf "$dir"
	mkdir -p "$dir/run" "$dir/home" "$dir/tmp"
	cp "$CORPUS/$name" "$dir/run/$name"
	(cd "$dir/run" && exec env -i PATH="$SYSPATH" HOME="$dir/home" TMPDIR="$dir/tmp" \
		timeout -k 2 "$SH_TIMEOUT" "$@" "$name" >"$SHW/$tag.raw-out" 2>"$SHW/$tag.raw-err" </dev/null)
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
for f in "$CORPUS"/*.sh; do
	name=${f##*/}
	case $name in ${SH_DASH_ONLY:-*}) ;; *) continue ;; esac
	total=$((total + 1))
	# 2>/dev/null: this shell's own note of a script killed by a signal
	# ("User defined signal 1") stays out of the test's output.
	sh_run dash "$DASH" 2>/dev/null
	[ "$(cat "$SHW/dash.status")" = 124 ] && _fail "$name: dash itself timed out (a broken script)"
	sh_expect
	sh_run osh $OSH 2>/dev/null
	diffs=$(sh_diff)
	if [ -z "$diffs" ]; then
		match=$((match + 1))
		if sh_known "$name"; then
			listed_pass=$((listed_pass + 1))
			_fail "$name: passes but is listed in KNOWN-FAILURES (take it off the list)"
		else
			passed=$((passed + 1))
		fi
	else
		reason=$(sh_reason "$name")
		printf '%s # %s\n' "$name" "${reason:-not yet implemented}" >>"$newknown"
		if sh_known "$name"; then
			known=$((known + 1))
			[ -n "${SH_DASH_VERBOSE:-}" ] && printf 'KNOWN: %s\n%s\n' "$name" "$diffs" | sed '2,$s/^/    /'
		else
			bad=$((bad + 1))
			_fail "$name: differs from dash" "$diffs"
		fi
	fi
done
# Names listed that are no script of the corpus make the list dishonest too.
if [ -z "${SH_DASH_ONLY:-}" ] && [ -f "$KNOWN" ]; then
	for n in $(sed -n 's/^\([^#[:space:]][^[:space:]]*\).*/\1/p' "$KNOWN"); do
		[ -f "$CORPUS/$n" ] || _fail "KNOWN-FAILURES lists $n, which is no script of the corpus"
	done
fi
if [ -n "${SH_DASH_UPDATE:-}" ] && [ -n "${SH_DASH_ONLY:-}" ]; then
	echo "SH_DASH_UPDATE ignored: with SH_DASH_ONLY the run saw only part of the corpus"
elif [ -n "${SH_DASH_UPDATE:-}" ]; then
	{
		echo "# Scripts of tests/cli/sh_dash/ that osbox's shell does not pass yet:"
		echo "# NAME.sh # reason. tests/cli/sh.sh fails on a failure not listed here"
		echo "# and on a listed script that passes. SH_DASH_UPDATE=1 rewrites it."
		cat "$newknown"
	} >"$KNOWN"
	echo "KNOWN-FAILURES rewritten: $(wc -l <"$newknown") scripts"
fi
echo "sh_dash: $total scripts, $match match dash; $known known failures; $bad unexpected failures; $listed_pass listed but passing"
finish
