# env: differential tests against GNU env (/usr/bin/env), then what only
# osbox env does (--json). Both run with the same small environment, found
# through PATH as "env" so that messages carry the same prefix.
mkdir -p "$T/p" "$T/d"
printf '#!/bin/sh\necho script "$@"\n' >"$T/d/script"
chmod +x "$T/d/script"
printf 'echo hi\n' >"$T/d/noexec"
printf '\177ELF garbage' >"$T/d/badelf"
chmod +x "$T/d/badelf"
mkdir -p "$T/d/sub dir"

# d DESCRIPTION ARG...: GNU env and ours with the same arguments, the same
# environment and directory: stdout, stderr and status must be equal.
d() {
	local desc=$1
	shift
	ln -sfn /usr/bin/env "$T/p/env"
	(cd "$T/d" && exec /usr/bin/env -i PATH="$T/p:/usr/bin:/bin" HOME=/home/x A=1 B='two words' \
		LC_ALL=${DLOCALE:-C.UTF-8} env "$@") >"$W/gout" 2>"$W/gerr" </dev/null
	local gs=$?
	ln -sfn "$OSBOX" "$T/p/env"
	(cd "$T/d" && exec /usr/bin/env -i PATH="$T/p:/usr/bin:/bin" HOME=/home/x A=1 B='two words' \
		LC_ALL=${DLOCALE:-C.UTF-8} env "$@") >"$W/out" 2>"$W/err" </dev/null
	local os=$?
	if $VALGRIND; then
		# what valgrind adds to the environment is not env's doing; it
		# keeps signal 64 for itself, and lets KILL and STOP be "reset"
		python3 -c '
import re, sys
for f in sys.argv[1:]:
    b = open(f, "rb").read()
    b = re.sub(rb"(^|(?<=[\n\0]))LD_PRELOAD=[^\n\0]*[\n\0]", b"", b)
    b = re.sub(rb"(?m)^RTMAX +\(64\): IGNORE\n", b"", b)
    b = re.sub(rb"(to DEFAULT) \(failure ignored\)", rb"\1", b)
    open(f, "wb").write(b)' "$W/out" "$W/err" "$W/gout" "$W/gerr"
	fi
	if [ "$gs" = "$os" ] && cmp -s "$W/gout" "$W/out" && cmp -s "$W/gerr" "$W/err"; then
		passed=$((passed + 1))
	else
		_fail "$desc (differs from GNU env)" "args: $*" "GNU status $gs, ours $os" \
			"--- GNU stdout/stderr:" "$(cat "$W/gout")" "$(cat "$W/gerr")" \
			"--- ours:" "$(cat "$W/out")" "$(cat "$W/err")"
	fi
}

# Printing and changing the environment.
d "no arguments prints the environment"
d "-0" -0
d "-i" -i
d "-i with assignments" -i X=1 Y=2
d "- implies -i" - X=1
d "-i -0" -i -0 X=1 Y='a
b'
d "-u" -u A
d "-u twice, one unset" -u A -u NOPE
d "--unset=NAME" --unset=B
d "-u with =" -u A=B true
d "-u empty" -u '' true
d "assignment replaces" A=3 B=
d "=value" =x
d "-- then assignments" -- X=1 printenv X
d "--ignore-environment" --ignore-environment X=1
d "bundled -i0" -i0 A=1
d "--null" --null -i A=1

# Running commands.
d "command" printenv A
d "command with args" printf '[%s]\n' a 'b c' ''
d "command sees assignments" A=9 printenv A
d "-i then command in PATH" -i PATH=/usr/bin:/bin printenv PATH
d "the environment is clean for the command" -i X=1 /usr/bin/env
d "a script" ./script 1 2
d "missing command" nope
d "missing command with a space" 'nope x'
d "missing command with a newline" 'a
b'
d "missing path" ./nope
d "not executable" ./noexec
d "a directory" ./
d "bad executable" ./badelf
d "name with a quote" "it's"
d "name with invalid UTF-8" "$(printf 'x\377y')"
d "name with control characters" "$(printf 'a\001\177\302\205\tb')"
d "name with a backslash and closing quote" 'a\b’c'
d "status of the command" sh -c 'exit 3'
d "killed command" sh -c 'sh -c "kill -TERM \$\$"; echo $?'
d "-0 with a command" -0 true
d "-C" -C 'sub dir' pwd
d "-C missing" -C nope true
d "-C missing, quoted name" -C "a'b" true
d "-C missing, control characters" -C "$(printf 'a\nb')" true
d "-C missing, a quote and a dollar" -C "a'b\$c" true
d "-C without a command" -C /
d "--chdir=DIR" --chdir=/ pwd
d "-C needs an argument" -C
d "unknown option" -z
d "unknown long option" --bogus
d "-- then a command" -- printenv A
d "- then a command" - printenv PATH
d "options stop at the first operand" printf '%s\n' -i

# -S, as on a shebang line.
d "-S splits" -S 'printf [%s] a b'
d "-S quotes" -S "printf [%s] 'a b' \"c d\" '' \"\" e'f'\"g\""
d "-S single quotes keep most escapes" -S "printf [%s] 'a\\\\b\\'c\\x\$y'"
d "-S escapes" -S 'printf [%s]\n "a\tb" \x23 \$ \" \\ \x27 a\_b "c\_d" \n\r\f\v'
d "-S \\c ends" -S 'printf [%s] a \c b'
d "-S \\c in double quotes" -S 'printf "\c"'
d "-S bad escape" -S 'printf \q'
d "-S backslash at the end" -S 'printf a\'
d "-S open quote" -S "printf 'a"
d "-S open double quote" -S 'printf "a'
d "-S \${VAR}" -S 'printf [%s] ${A} "${B}" x${NOPE}y "${NOPE}" ${NOPE}'
d "-S \${VAR} unset makes no word" -S 'printf [%s] ${NOPE} z'
d "-S \$VAR is an error" -S 'printf $A'
d "-S \${1} is an error" -S 'printf ${1}'
d "-S \${ unterminated" -S 'printf ${A'
d "-S comments" -S 'printf [%s] a #b c'
d "-S # inside a word" -S 'printf [%s] a#b'
d "-S # at the start" -S '#x' printf y
d "-S empty" -S '' printf x
d "-S only blanks" -S '   ' printf x
d "-S blanks of every kind" -S "$(printf 'printf\t[%%s]\na\vb\fc\rd')"
d "-S then more arguments" -S 'printf [%s]' a b
d "-S options are parsed again" -S '-i X=1 printenv' X
d "-S -u" -S '-u A printenv' A
d "-S twice" -S '-S "printf [%s]" a' b
d "-S in one argument, as the kernel passes a shebang" '-S printf [%s] x y'
d "-S --split-string=" '--split-string=printf [%s] x'
d "-S with -v shows the split" -v -S 'A=1 printf "[%s]" "a b" ${HOME} \_ x\_y # c' z
d "-v expansion messages" -v -S 'printf ${A}${NOPE}'
d "-v -i -u -C" -v -i -u X -C / A=1 printf x
d "-v -u" -v -u A -u B printf x
d "-v with quoting" -v printf "a'b" "$(printf 'c\nd')"
d "-S needs an argument" -vS
d "a shebang line without -S" '-i perl -w'
d "a shebang line without -S, a tab" "$(printf -- '-v\tx')"
d "a long option with a blank: no hint" '--bogus x'
d "an ambiguous option" --i

# Signals.
d "--ignore-signal and --block-signal" --ignore-signal=PIPE --block-signal=INT,USR1 --list-signal-handling true
d "--default-signal unblocks" --block-signal=INT --default-signal=INT --list-signal-handling true
d "both blocked and ignored" --block-signal=INT --ignore-signal=INT --list-signal-handling true
d "all signals ignored, with -v" -v --ignore-signal --list-signal-handling true
d "all signals blocked, with -v" -v --block-signal true
d "all to default" -v --default-signal --list-signal-handling true
d "signal names in any form" --block-signal=sigint,TERM,15,130,rtmin+1,RTMAX-1,RTMIN,CLD,IO,IOT --list-signal-handling true
d "empty items" --block-signal=,INT, --list-signal-handling true
d "invalid signal" --ignore-signal=FOO true
d "signal 0" --block-signal=0 true
d "SIG alone" --block-signal=SIG true
d "a number and junk" --block-signal=2x true
d "KILL cannot be ignored" --ignore-signal=KILL true
d "-v --default-signal=PIPE,1" -v --default-signal=PIPE,1 true
d "--list-signal-handling without a command" -i --list-signal-handling
d "SIGPIPE ignored by the caller reaches the command" sh -c "trap '' PIPE; exec env --list-signal-handling true"
d "SIGPIPE: --default-signal wins" sh -c "trap '' PIPE; exec env --default-signal=PIPE --list-signal-handling true"
DLOCALE=C d "C locale quoting" "$(printf 'a\303\251\342\200\231b')"
DLOCALE=C d "C locale: a quote" "it's"

# --json: os.environ as one object; names and values are bytes.
vgenv="valgrind puts LD_PRELOAD in the environment it runs osbox in"
vg_skip "--json" "$vgenv" ||
	t "--json" 0 '{"A":"1","B":"x y","C":"\udcffé"}' '' \
		/usr/bin/env -i A=1 'B=x y' "C=$(printf '\377\303\251')" "$OSBOX" env --json
vg_skip "--json empty" "$vgenv" || t "--json empty" 0 '{}' '' /usr/bin/env -i "$OSBOX" env --json
t "--json -i X=1" 0 '{"X":"1"}' '' "$LINKS/env" --json -i X=1
t "--json with a command" 125 '' "env: cannot specify --json with command
Try 'env --help' for more information." "$LINKS/env" --json true
t "--json with -0" 125 '' "env: cannot specify --null (-0) with --json
Try 'env --help' for more information." "$LINKS/env" --json -0
cat >"$T/check.py" <<'PY'
import json, os, sys
got = json.loads(open(sys.argv[1], encoding="utf-8").read())
want = {os.fsdecode(k): os.fsdecode(v) for k, v in os.environb.items()}
assert got == want, (got, want)
PY
# the real interpreter, not a shim that changes the environment
PY=$(python3 -c 'import sys; print(sys.executable)')
run /usr/bin/env X="$(printf 'a\nb\377')" "$LINKS/env" --json
vg_skip "--json agrees with os.environ" "$vgenv" ||
	ok "--json agrees with os.environ" /usr/bin/env X="$(printf 'a\nb\377')" "$PY" "$T/check.py" "$W/out"

# Output errors: GNU env exits 125 on a write error.
t "write error" 125 '' 'env: write error: No space left on device' sh -c "$LINKS/env >/dev/full"
t "closed pipe" 0 'A=1' '' sh -c "/usr/bin/env -i A=1 $(yes B=1 | head -20000 | tr '\n' ' ') $LINKS/env | head -1"
t "through osbox" 0 'X=1' '' osbox env -i X=1
t "--help" 0 '*' '' "$LINKS/env" --help
ok "--help shows the usage" grep -q '^Usage: env \[OPTION\]' "$W/out"

# -0 and --json exclude each other in either order (the option table);
# the GNU messages about a command stay env's own.
t "-0 with --json" 125 '' "env: cannot specify --null (-0) with --json
Try 'env --help' for more information." "$LINKS/env" -0 --json
t "-0 with a command" 125 '' "env: cannot specify --null (-0) with command
Try 'env --help' for more information." "$LINKS/env" -0 true

# A file without #! runs with /bin/sh, as GNU env's execvp runs it: argv
# /bin/sh, the path found, the rest; one that is no script at all gets
# what /bin/sh makes of it. GNU env is the peer, byte for byte.
printf 'echo "0=$0 args=$*"\n' >"$T/plain"
printf '\000\001\002\377\376(\n' >"$T/binary"
mkdir -p "$T/p1" "$T/p2"
printf 'echo "0=$0 args=$*"\n' >"$T/p2/plainx"
printf 'echo not me\n' >"$T/p1/plainx" # not executable: skipped
chmod +x "$T/plain" "$T/binary" "$T/p2/plainx"
peer() {
	run /usr/bin/env "$@"
	peer_status=$status peer_out=$(cat "$W/out") peer_err=$(cat "$W/err")
}
t "no #!: \$0 is the path, the arguments follow" 0 "0=$T/plain args=a  b" '' \
	"$LINKS/env" "$T/plain" a ' b'
peer "$T/plain" a ' b'
t "no #!: as GNU env" "$peer_status" "$peer_out" "$peer_err" "$LINKS/env" "$T/plain" a ' b'
peer PATH="$T/p1:$T/p2:$PATH" plainx 1
t "no #!, found in PATH: as GNU env" "$peer_status" "$peer_out" "$peer_err" \
	"$LINKS/env" PATH="$T/p1:$T/p2:$PATH" plainx 1
ok "no #!, found in PATH: \$0 is the path found" test "$(cat "$W/out")" = "0=$T/p2/plainx args=1"
peer "$T/binary" a
ok "not a script: /bin/sh fails with its own message" test "$peer_status" != 0
t "not a script: as GNU env" "$peer_status" "$peer_out" "$peer_err" "$LINKS/env" "$T/binary" a

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
# GNU env quotes the command as its quote() does; osbox env must agree.
for i in 0 1 2 3; do
	eval "n=\"\$N$i\""
	run env "$n"
	gst=$status gerr=$(cat "$W/err")
	t "issue 12: env quotes a command as GNU env does ($i)" "$gst" '' "$gerr" osbox env "$n"
	run env -C "$n" true
	gst=$status gerr=$(cat "$W/err")
	t "issue 12: env -C quotes a directory as GNU env does ($i)" "$gst" '' "$gerr" \
		osbox env -C "$n" true
done
