# Helpers for the CLI tests. A case:
#   t DESCRIPTION STATUS STDOUT STDERR COMMAND [ARG]...
# runs COMMAND and compares its exit status and its stdout and stderr
# (as "$(cat file)": trailing newlines aside, byte for byte). STDOUT or
# STDERR given as '*' is not compared. After `t`, the files $W/out and
# $W/err and the variable $status hold what the command did, for
# further checks with `ok DESCRIPTION TEST-COMMAND...`.
passed=0
failed=0

_fail() {
	failed=$((failed + 1))
	printf 'FAIL: %s\n' "$1"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/    /'
	return 0
}

_show() { printf '%s' "$1" | od -c | head -20; }

run() {
	"$@" >"$W/out" 2>"$W/err" </dev/null
	status=$?
}

t() {
	local desc=$1 want_status=$2 want_out=$3 want_err=$4
	shift 4
	run "$@"
	local out err bad=
	out=$(cat "$W/out")
	err=$(cat "$W/err")
	if [ "$status" != "$want_status" ]; then
		bad="status $status, expected $want_status"
	fi
	if [ "$want_out" != '*' ] && [ "$out" != "$want_out" ]; then
		bad="$bad${bad:+; }stdout differs"
	fi
	if [ "$want_err" != '*' ] && [ "$err" != "$want_err" ]; then
		bad="$bad${bad:+; }stderr differs"
	fi
	if [ -n "$bad" ]; then
		_fail "$desc: $bad" "command: $*" "--- stdout:" "$out" "--- expected stdout:" "$want_out" \
			"--- stderr:" "$err" "--- expected stderr:" "$want_err"
	else
		passed=$((passed + 1))
	fi
}

# ok DESCRIPTION COMMAND...: passes when COMMAND succeeds.
ok() {
	local desc=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
	else
		_fail "$desc" "check: $*"
	fi
}

# differ DESCRIPTION FILE1 FILE2: files that are not byte-for-byte equal.
differ() {
	if cmp -s "$2" "$3"; then
		_fail "$1" "the same bytes: $2 and $3"
	else
		passed=$((passed + 1))
	fi
}

# same DESCRIPTION FILE1 FILE2: byte-for-byte equal files.
same() {
	if cmp -s "$2" "$3"; then
		passed=$((passed + 1))
	else
		_fail "$1" "$(diff "$2" "$3" | head -20)"
	fi
}

# as_nobody COMMAND...: runs COMMAND as the unprivileged user nobody.
as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
}

# $OSBOX runs osbox (under scripts/test --valgrind, a wrapper script);
# $OSBOX_REAL is the binary itself, for what must see the real file.

# check 'SHELL TEST': for `ok DESC check '[ a ] && [ b ]'`, so that the
# whole test, not only its first command, is what ok checks.
check() { eval "$1"; }

# in_ro DIR COMMAND...: runs COMMAND with DIR bind-mounted read-only, in a
# private mount namespace; can_ro says whether this machine allows that.
in_ro() {
	local dir=$1
	shift
	unshare -m --propagation private sh -c \
		'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"' \
		sh "$dir" "$@"
}
can_ro() { [ "$(id -u)" = 0 ] && mkdir -p "$T/.rocheck" && in_ro "$T/.rocheck" true 2>/dev/null; }

# mkdeep PATH [LINK TARGET]: makes every directory of PATH (relative, and
# as long as you like: each is made from its parent's descriptor, so PATH
# may be far past PATH_MAX), and in the last one a symlink LINK -> TARGET.
mkdeep() {
	python3 -c '
import os, sys
fd = os.open(".", os.O_RDONLY)
for c in sys.argv[1].split("/"):
    os.mkdir(c, dir_fd=fd)
    nfd = os.open(c, os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    fd = nfd
if len(sys.argv) > 3:
    os.symlink(sys.argv[3], sys.argv[2], dir_fd=fd)' "$@"
}

# is_pid WORD: WORD is a process ID (digits, not empty), for `ok`: a PID
# that a command should have printed, before it is used.
is_pid() { case $1 in '' | *[!0-9]*) return 1 ;; esac; }

# skip DESCRIPTION REASON: a case that cannot run here, said aloud.
skip() {
	printf 'SKIP: %s (%s)\n' "$1" "$2"
}

# vg_skip DESCRIPTION REASON: true, and says so, under scripts/test
# --valgrind, for cases that cannot hold there; the reason names why.
#   vg_skip "fork fails" "valgrind itself crashes" || t "fork fails" ...
VALGRIND=false
[ -n "${OSBOX_WRAP:-}" ] && VALGRIND=true
vg_skip() {
	$VALGRIND || return 1
	skip "$1" "under valgrind: $2"
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
