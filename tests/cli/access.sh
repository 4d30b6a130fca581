# access: the os.access report, silent tests, --effective, -h, --json;
# as root and as nobody, against Python's os.access.
printf 'data\n' >f
chmod 644 f
: >none && chmod 000 none
: >exe && chmod 100 exe
: >script && chmod 755 script
mkdir d closed
: >closed/inside
chmod 700 closed
ln -s f l
ln -s nowhere dangling
nl=$(printf 'new\nline')
bad=$(printf 'bad\377name')
: >"$nl"
: >"$bad"
ME=$(id -u)

report() { # PATH EXISTS READABLE WRITABLE EXECUTABLE
	printf 'Testing: %s\nExists: %s\nReadable: %s\nWritable: %s\nExecutable: %s' "$@"
}

t "the os.access example" 0 "$(report f True True True False)" '' osbox access f
t "a missing file" 0 "$(report nosuch False False False False)" '' osbox access nosuch
t "a directory" 0 "$(report d True True True True)" '' osbox access d
t "several paths" 0 "$(report f True True True False)
$(report script True True True True)" '' osbox access f script
t "through a link" 0 "$(report f True True True False)" '' "$LINKS/access" f
t "a name with a newline" 0 "$(report "$nl" True True True False)" '' osbox access "$nl"
t "invalid UTF-8 is written as it is" 0 "$(report "$bad" True True True False)" '' osbox access "$bad"
t "a leading dash after --" 0 "$(report -x False False False False)" '' osbox access -- -x

if [ "$ME" = 0 ]; then
	# access(2) for root: read and write always, execute when any x bit is set.
	t "root reads and writes mode 000" 0 "$(report none True True True False)" '' osbox access none
	t "root executes mode 100" 0 "$(report exe True True True True)" '' osbox access exe
	# As nobody, permissions apply.
	t "nobody: mode 000" 0 "$(report none True False False False)" '' as_nobody "$OSBOX" access none
	t "nobody: root's 644" 0 "$(report f True True False False)" '' as_nobody "$OSBOX" access f
	t "nobody: behind a closed directory" 0 "$(report closed/inside False False False False)" '' \
		as_nobody "$OSBOX" access closed/inside
	t "nobody: -r denied" 1 '' '' as_nobody "$OSBOX" access -r none
	t "nobody: -w denied" 1 '' '' as_nobody "$OSBOX" access -w f
	t "nobody: -r allowed" 0 '' '' as_nobody "$OSBOX" access -r f
	# Real ids by default, effective with --effective: real nobody,
	# effective root.
	t "real ids by default" 1 '' '' setpriv --ruid=nobody --rgid=nogroup --clear-groups -- "$OSBOX" access -r none
	t "--effective" 0 '' '' setpriv --ruid=nobody --rgid=nogroup --clear-groups -- "$OSBOX" access --effective -r none
	t "--effective report" 0 "$(report none True True True False)" '' \
		setpriv --ruid=nobody --rgid=nogroup --clear-groups -- "$OSBOX" access --effective none
	t "real ids report" 0 "$(report none True False False False)" '' \
		setpriv --ruid=nobody --rgid=nogroup --clear-groups -- "$OSBOX" access none
else
	skip "root and nobody cases" "not running as root"
fi

# Silent tests: 0 when every path allows every access, 1 otherwise.
t "-e" 0 '' '' osbox access -e f
t "-e missing" 1 '' '' osbox access -e nosuch
t "-r -w" 0 '' '' osbox access -r -w f
t "-x on a plain file" 1 '' '' osbox access -x f
t "-x on a script" 0 '' '' osbox access -x script
t "-x on a directory (search)" 0 '' '' osbox access -x d
t "bundled -rwx" 1 '' '' osbox access -rwx f
t "one path of several fails" 1 '' '' osbox access -r f nosuch script
t "long options" 0 '' '' osbox access --exists --read --write f
t "a dangling link does not exist" 1 '' '' osbox access -e dangling
t "-h: the link itself exists" 0 '' '' osbox access -h -e dangling
t "--no-dereference" 0 '' '' osbox access --no-dereference -e dangling
t "a link to a file" 0 '' '' osbox access -e -r l

# --json: the report's answers, or only the tests asked for.
t "--json" 0 '{"path":"f","exists":true,"readable":true,"writable":true,"executable":false}' '' \
	osbox access --json f
t "--json with tests" 1 '{"path":"f","readable":true,"executable":false}' '' osbox access --json -r -x f
t "--json of a missing file" 0 '{"path":"nosuch","exists":false,"readable":false,"writable":false,"executable":false}' '' \
	osbox access --json nosuch
run osbox access --json "$bad"
ok "--json: invalid UTF-8 round-trips" python3 -c '
import json, os, sys
r = json.loads(open(sys.argv[1], encoding="utf-8").read())
assert os.fsencode(r["path"]) == sys.argv[2].encode("utf-8", "surrogateescape"), r' "$W/out" "$bad"

# Against Python's os.access, as we are and as nobody.
cat >"$T/report.py" <<'PY'
import os, sys
for p in sys.argv[1:]:
    print("Testing:", p)
    print("Exists:", os.access(p, os.F_OK))
    print("Readable:", os.access(p, os.R_OK))
    print("Writable:", os.access(p, os.W_OK))
    print("Executable:", os.access(p, os.X_OK))
PY
PATHS="f none exe script d closed closed/inside l dangling nosuch /etc/shadow /proc/1/mem /dev/null /"
run python3 "$T/report.py" $PATHS
cp "$W/out" "$W/python"
run osbox access $PATHS
same "the report agrees with os.access" "$W/python" "$W/out"
# (The python3 in PATH may live where nobody cannot reach it.)
if [ "$ME" = 0 ] && as_nobody /usr/bin/python3 -c '' 2>/dev/null; then
	run as_nobody /usr/bin/python3 "$T/report.py" $PATHS
	cp "$W/out" "$W/python"
	run as_nobody "$OSBOX" access $PATHS
	same "as nobody, the report agrees with os.access" "$W/python" "$W/out"
else
	skip "as nobody, against os.access" "no python3 that nobody can run"
fi

# Errors of usage.
t "no operand" 2 '' "access: missing operand
Try 'access --help' for more information." osbox access
t "unknown option" 2 '' "access: invalid option -- 'q'
Try 'access --help' for more information." osbox access -q f
t "--help" 0 '*' '' osbox access --help
ok "--help shows the usage line" grep -q '^Usage: access ' "$W/out"

# Output errors.
t "write error" 1 '' 'access: write error: No space left on device' sh -c 'osbox access f >/dev/full'
t "closed pipe" 0 'Testing: f' '' sh -c 'osbox access f f f | head -1'
