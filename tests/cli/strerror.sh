# strerror: the os.strerror example, names, -l, -s, --json, errors.
ENOENT_MSG=$(python3 -c 'import os; print(os.strerror(2))')

t "the os.strerror example" 0 \
"[ 2] ENOENT: No such file or directory
[ 4] EINTR : Interrupted system call
[16] EBUSY : Device or resource busy" '' osbox strerror 2 4 16

t "a name" 0 "[ 2] ENOENT: $ENOENT_MSG" '' osbox strerror ENOENT
t "a name in any case" 0 "[ 2] ENOENT: $ENOENT_MSG" '' osbox strerror enoent
t "an alias names its canonical value" 0 "[11] EAGAIN: Resource temporarily unavailable" '' \
	osbox strerror EWOULDBLOCK
t "through a link" 0 "[ 2] ENOENT: $ENOENT_MSG" '' "$LINKS/strerror" 2
t "names longer than six" 0 "[125] ECANCELED: Operation canceled" '' osbox strerror 125

t "unknown number" 1 '' 'strerror: 9999: unknown error number' osbox strerror 9999
t "unknown name" 1 '' 'strerror: EFOO: unknown error name' osbox strerror EFOO
t "known operands still print around an unknown one" 1 \
"[ 1] EPERM : Operation not permitted
[ 2] ENOENT: $ENOENT_MSG" 'strerror: x: unknown error name' osbox strerror 1 x 2
t "a negative number is not an option after --" 1 '' 'strerror: -3: unknown error number' \
	osbox strerror -- -3
t "link name in messages" 1 '' 'strerror: EFOO: unknown error name' "$LINKS/strerror" EFOO

# -l: every value the C library names, in order; each agrees with Python's
# errno module and os.strerror (Python may lack the newest, e.g. EHWPOISON,
# and names aliases differently, e.g. EDEADLOCK for EDEADLK).
cat >"$T/check-list.py" <<'PY'
import errno, os, re, sys, json
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
rows = [json.loads(l) for l in lines] if sys.argv[2:] == ["json"] else []
if not rows:
    for l in lines:
        m = re.fullmatch(r"\[([ \d]{2,})\] (E[A-Z0-9]+) *: (.*)", l)
        assert m, l
        rows.append({"errno": int(m[1]), "name": m[2], "message": m[3]})
nums = [r["errno"] for r in rows]
assert nums == sorted(set(nums)), "not in order"
assert set(errno.errorcode) <= set(nums), set(errno.errorcode) - set(nums)
for r in rows:
    assert os.strerror(r["errno"]) == r["message"], r
    assert getattr(errno, r["name"], r["errno"]) == r["errno"], r
PY
run osbox strerror -l
ok "-l agrees with the errno module" python3 "$T/check-list.py" "$W/out"
run osbox strerror
ok "no operand lists everything" python3 "$T/check-list.py" "$W/out"
run osbox strerror --json -l
ok "--json -l agrees with the errno module" python3 "$T/check-list.py" "$W/out" json
t "-l says nothing on stderr" 0 '*' '' osbox strerror --list

t "-s searches messages, any case" 0 \
"[ 2] ENOENT: No such file or directory
[ 3] ESRCH : No such process
[ 6] ENXIO : No such device or address
[19] ENODEV: No such device" '' osbox strerror -s "NO SUCH"
t "-s with operands filters them" 0 "[ 2] ENOENT: $ENOENT_MSG" '' osbox strerror -s file 2 4
t "-s that finds nothing says no" 1 '' '' osbox strerror -s zzzzzz
t "--search=WORD" 0 "[32] EPIPE : Broken pipe" '' osbox strerror --search='broken pipe'

t "--json" 0 '{"errno":2,"name":"ENOENT","message":"No such file or directory"}' '' \
	osbox strerror --json 2

t "bundled options" 0 "[32] EPIPE : Broken pipe" '' osbox strerror -ls BROKEN
t "unknown option" 2 '' "strerror: invalid option -- 'z'
Try 'strerror --help' for more information." osbox strerror -z
t "unknown long option" 2 '' "strerror: unrecognized option '--bogus'
Try 'strerror --help' for more information." osbox strerror --bogus
t "-s needs an argument" 2 '' "strerror: option requires an argument -- 's'
Try 'strerror --help' for more information." osbox strerror -s
t "--help" 0 '*' '' osbox strerror --help
ok "--help shows the usage line" grep -q '^Usage: strerror \[-l\] \[-s WORD\] \[--json\]' "$W/out"
t "--version" 0 "strerror (osbox) $("$OSBOX" --version | cut -d' ' -f2)" '' osbox strerror --version

# Output errors: a full device is reported; a closed pipe is quiet.
t "write error" 1 '' 'strerror: write error: No space left on device' sh -c 'osbox strerror -l >/dev/full'
t "closed pipe" 0 '[ 1] EPERM : Operation not permitted' '' sh -c 'osbox strerror -l | head -1'
t "closed pipe, output past the buffer" 0 "[ 2] ENOENT: $ENOENT_MSG" '' \
	sh -c 'osbox strerror $(yes 2 | head -5000) | head -1'
t "closed pipe kills quietly with SIGPIPE" 141 '' '' \
	bash -c 'osbox strerror $(yes 2 | head -5000) | head -1 >/dev/null; exit ${PIPESTATUS[0]}'
t "--help to a full device" 1 '' 'strerror: write error: No space left on device' \
	sh -c 'osbox strerror --help >/dev/full'

# 0 is glibc's "Success", as os.strerror(0); it has no name (no E macro,
# no errno.errorcode entry): the name column is empty, and null in JSON.
t "0 is Success, as os.strerror(0)" 0 "[ 0]       : $(python3 -c 'import os; print(os.strerror(0))')" '' \
	osbox strerror 0
t "0 in JSON: no name" 0 '{"errno":0,"name":null,"message":"Success"}' '' osbox strerror --json 0
t "0 with others" 0 "[ 0]       : Success
[ 1] EPERM : Operation not permitted" '' osbox strerror 0 1
t "-s finds 0" 0 "[ 0]       : Success" '' osbox strerror -s success 0
t "-l starts at 1, the first value with a name" 0 '[ 1] EPERM : Operation not permitted' '' \
	sh -c 'osbox strerror -l | head -1'

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	t "issue 12: strerror quotes $q" 1 '' "strerror: $q: unknown error name" osbox strerror "$n"
done
t "issue 12: strerror quotes a number" 1 '' "strerror: '1 2': unknown error name" osbox strerror "1 2"

# --- issue 12, class 1: with 2>&1, each diagnostic comes where it
# happened, after the output before it (stdout is flushed first).
t "issue 12: strerror's error in its place" 1 "[ 1] EPERM : Operation not permitted
strerror: bogus: unknown error name
[ 2] ENOENT: No such file or directory" '' sh -c '"$@" 2>&1' _ osbox strerror 1 bogus 2
