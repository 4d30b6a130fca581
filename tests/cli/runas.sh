# runas: dropping from root to nobody (CI runs as root), the order of the
# changes, the check that root cannot come back, the environment, exec in
# place, and every way it can fail.
if [ "$(id -u)" != 0 ]; then
	skip "runas" "the tests need root"
	return 0
fi
NOBODY=$(id -u nobody)
NOGROUP=$(getent group nogroup | cut -d: -f3)
NOBODY_HOME=$(getent passwd nobody | cut -d: -f6)
# runas gives up its ids: in an ASan build, LeakSanitizer cannot run in the
# process it leaves behind (not dumpable) when it does not exec.
NOLEAK="env ASAN_OPTIONS=detect_leaks=0"

t "to nobody: the ids" 0 "User (actual/effective)  : $NOBODY / $NOBODY
Group (actual/effective) : $NOGROUP / $NOGROUP
Actual Groups   : [$NOGROUP]" '' sh -c 'osbox runas nobody "$OSBOX" procinfo | head -3'
t "to nobody: id agrees" 0 "uid=$NOBODY(nobody) gid=$NOGROUP(nogroup) groups=$NOGROUP(nogroup)" '' \
	osbox runas nobody id
t "through a link" 0 "$NOBODY" '' "$LINKS/runas" nobody id -u
t "saved ids too" 0 "Uid:	$NOBODY	$NOBODY	$NOBODY	$NOBODY
Gid:	$NOGROUP	$NOGROUP	$NOGROUP	$NOGROUP" '' \
	osbox runas nobody grep -E '^(Uid|Gid):' /proc/self/status
t "no capabilities left" 0 "CapPrm:	0000000000000000
CapEff:	0000000000000000" '' osbox runas nobody grep -E '^Cap(Prm|Eff):' /proc/self/status
# The same credentials as util-linux setpriv gives (ids, groups, every
# capability set, no_new_privs).
CREDS='^(Uid|Gid|Groups|Cap[A-Za-z]*|NoNewPrivs):'
setpriv --reuid=nobody --regid=nogroup --init-groups grep -E "$CREDS" /proc/self/status >"$T/setpriv.creds"
t "the credentials setpriv gives" 0 "$(cat "$T/setpriv.creds")" '' \
	osbox runas nobody grep -E "$CREDS" /proc/self/status
setpriv --reuid=nobody --regid=0 --groups=0 --no-new-privs grep -E "$CREDS" /proc/self/status >"$T/setpriv.creds"
t "the credentials setpriv gives, USER:GROUP and --no-new-privs" 0 "$(cat "$T/setpriv.creds")" '' \
	osbox runas --no-new-privs nobody:root grep -E "$CREDS" /proc/self/status
t "USER:GROUP: only that group" 0 "uid=$NOBODY(nobody) gid=0(root) groups=0(root)" '' \
	osbox runas nobody:root id
t "numeric USER:GROUP" 0 "uid=$NOBODY(nobody) gid=$NOGROUP(nogroup) groups=$NOGROUP(nogroup)" '' \
	osbox runas "$NOBODY:$NOGROUP" id
t "a numeric user in the database" 0 "uid=$NOBODY(nobody) gid=$NOGROUP(nogroup) groups=$NOGROUP(nogroup)" '' \
	osbox runas "$NOBODY" id
# A uid and gid nobody has: no entry, so no home and the number as name.
if ! getent passwd 54323 >/dev/null && ! getent group 54323 >/dev/null; then
	t "a uid with no entry, and a group" 0 "uid=54323 gid=54323 groups=54323
HOME=unset USER=54323 LOGNAME=54323" '' \
		osbox runas 54323:54323 sh -c 'id; echo "HOME=${HOME-unset} USER=$USER LOGNAME=$LOGNAME"'
else
	skip "a uid with no entry" "54323 is in use here"
fi
t "HOME, USER and LOGNAME are the user's" 0 "$NOBODY_HOME nobody nobody" '' \
	env HOME=/root USER=root LOGNAME=root osbox runas nobody sh -c 'echo "$HOME $USER $LOGNAME"'
t "the rest of the environment stays" 0 "kept" '' \
	env KEEP=kept osbox runas nobody sh -c 'echo "$KEEP"'
t "COMMAND found in PATH as the new user" 0 "ok" '' osbox runas nobody sh -c 'echo ok'
t "arguments and options are the command's" 0 "-v
x y" '' osbox runas nobody printf '%s\n' -v 'x y'
t "exec in place: the same process" 0 '*' '' \
	sh -c 'echo $$; exec osbox runas nobody sh -c "echo \$\$"'
ok "exec in place: the same PID" test "$(sed -n 1p "$W/out")" = "$(sed -n 2p "$W/out")"
t "the command's exit status" 7 '' '' osbox runas nobody sh -c 'exit 7'
t "a command killed by a signal" 137 '' '*' sh -c 'osbox runas nobody sh -c "kill -KILL \$\$"; exit $?'
t "root to root" 0 "0 0" '' osbox runas root sh -c 'echo "$(id -u) $(id -g)"'

t "--no-new-privs" 0 "NoNewPrivs:	1" '' osbox runas --no-new-privs nobody grep NoNewPrivs /proc/self/status
t "without --no-new-privs" 0 "NoNewPrivs:	0" '' osbox runas nobody grep NoNewPrivs /proc/self/status

# -v: the owner report of the os example around each change, then the
# check that the old ids are gone, then the command's output.
BEFORE=$(osbox procinfo | head -3)
t "-v" 0 "BEFORE CHANGE:
$BEFORE

CHANGE GROUPS:
User (actual/effective)  : 0 / 0
Group (actual/effective) : 0 / 0
Actual Groups   : [$NOGROUP]

CHANGE GROUP:
User (actual/effective)  : 0 / 0
Group (actual/effective) : $NOGROUP / $NOGROUP
Actual Groups   : [$NOGROUP]

CHANGE USER:
User (actual/effective)  : $NOBODY / $NOBODY
Group (actual/effective) : $NOGROUP / $NOGROUP
Actual Groups   : [$NOGROUP]

CHECK: setuid(0) fails: Operation not permitted
CHECK: setgid(0) fails: Operation not permitted
CHECK: setgroups fails: Operation not permitted

the command" '' osbox runas -v nobody echo the command
t "-v through a pipe: the report comes before the command's output" 0 "CHECK: setgroups fails: Operation not permitted

the command" '' sh -c 'osbox runas --verbose nobody echo the command | tail -3'

# The check: a process that keeps its capabilities across setuid
# (securebits no_setuid_fixup) could become root again; runas refuses.
t "a way back to root: refused" 125 '' \
	'runas: uid 0 could be regained after dropping it; not running the command' \
	$NOLEAK setpriv --securebits +no_setuid_fixup "$OSBOX" runas nobody echo ran

# When neither the uid nor the gid changes (nobody with gid 0 and an
# ambient CAP_SETGID, to nobody:root) only setgroups can tell that the
# command could still change its groups.
if setpriv --inh-caps +setgid --ambient-caps +setgid true 2>/dev/null; then
	t "groups that could still change: refused" 125 '' \
		'runas: the groups could still be changed after the drop; not running the command' \
		$NOLEAK setpriv --reuid=nobody --regid=0 --clear-groups --inh-caps +setgid \
		--ambient-caps +setgid "$OSBOX" runas nobody:root echo ran
else
	skip "groups that could still change" "setpriv cannot set ambient capabilities here"
fi

# Failures: runas's own are 125, the command's 126 and 127.
t "without privilege" 125 '' "runas: initgroups: Operation not permitted (changing to another user needs root, or the CAP_SETUID and CAP_SETGID capabilities)" \
	as_nobody "$OSBOX" runas root id
t "without privilege, USER:GROUP" 125 '' "runas: setgroups: Operation not permitted (changing to another user needs root, or the CAP_SETUID and CAP_SETGID capabilities)" \
	as_nobody "$OSBOX" runas root:root id
t "without privilege, groups already right" 125 '' "runas: setgid: Operation not permitted (changing to another user needs root, or the CAP_SETUID and CAP_SETGID capabilities)" \
	setpriv --reuid=nobody --regid=nogroup --groups=0 -- "$OSBOX" runas root:root id
t "as nobody, to nobody with its own groups" 0 "uid=$NOBODY(nobody) gid=$NOGROUP(nogroup) groups=$NOGROUP(nogroup)" '' \
	setpriv --reuid=nobody --regid=nogroup --groups="$NOGROUP" -- "$OSBOX" runas nobody id
t "an unknown user" 125 '' 'runas: no-such-user: no such user' osbox runas no-such-user true
t "an unknown group" 125 '' 'runas: no-such-group: no such group' osbox runas nobody:no-such-group true
t "a uid with no entry needs a group" 125 '' \
	'runas: 54323: no such user in the user database (give USER:GROUP to use it all the same)' \
	osbox runas 54323 true
t "a negative uid" 125 '' 'runas: -1: no such user' osbox runas -- -1:0 true
t "uid -1 is not a uid" 125 '' 'runas: 4294967295: no such user' osbox runas 4294967295:0 true
t "a missing command" 127 '' 'runas: /no/such/command: No such file or directory' \
	$NOLEAK osbox runas nobody /no/such/command
t "a command not in PATH" 127 '' 'runas: no-such-command: No such file or directory' \
	$NOLEAK env PATH=/usr/bin:/bin "$OSBOX" runas nobody no-such-command
printf 'echo hi\n' >"$T/noexec"
chmod 644 "$T/noexec"
t "a command that is not executable" 126 '' "runas: $T/noexec: Permission denied" \
	$NOLEAK osbox runas nobody "$T/noexec"
mkdir -p "$T/private"
printf '#!/bin/sh\necho hi\n' >"$T/private/cmd"
chmod 755 "$T/private/cmd"
chmod 700 "$T/private"
t "a command the new user may not run" 126 '' "runas: $T/private/cmd: Permission denied" \
	$NOLEAK osbox runas nobody "$T/private/cmd"
t "the same command as root runs" 0 hi '' osbox runas root "$T/private/cmd"

t "missing operand" 125 '' "runas: missing operand
Try 'runas --help' for more information." osbox runas
t "missing command" 125 '' "runas: missing command
Try 'runas --help' for more information." osbox runas nobody
t "missing user" 125 '' "runas: ':root': missing user
Try 'runas --help' for more information." osbox runas :root true
t "missing group" 125 '' "runas: 'nobody:': missing group after ':'
Try 'runas --help' for more information." osbox runas nobody: true
t "unknown option" 125 '' "runas: unrecognized option '--bogus'
Try 'runas --help' for more information." osbox runas --bogus nobody true
t "--help" 0 '*' '' osbox runas --help
ok "--help shows the usage line" grep -q '^Usage: runas \[-v\] \[--no-new-privs\] USER\[:GROUP\] COMMAND' "$W/out"
t "-v to a full device" 125 '' 'runas: write error: No space left on device' \
	$NOLEAK sh -c 'osbox runas -v nobody true >/dev/full'

# A file without #! runs with /bin/sh, as execvp runs it (argv /bin/sh,
# the path found, the rest), as the new user; one that is no script at all
# gets what /bin/sh makes of it. GNU env (execvp) is the peer.
printf 'echo "0=$0 args=$*"; id -u\n' >"$T/plain"
printf '\000\001\002\377\376(\n' >"$T/binary"
chmod 755 "$T/plain" "$T/binary"
peer() {
	run /usr/bin/env "$@"
	peer_status=$status peer_out=$(cat "$W/out") peer_err=$(cat "$W/err")
}
t "no #!: run by /bin/sh as the new user" 0 "0=$T/plain args=a  b
$NOBODY" '' $NOLEAK osbox runas nobody "$T/plain" a ' b'
t "no #!, found in PATH" 0 "0=$T/plain args=1
$NOBODY" '' $NOLEAK env PATH="$T:$PATH" "$OSBOX" runas nobody plain 1
peer "$T/binary" a
t "not a script: as GNU env" "$peer_status" "$peer_out" "$peer_err" \
	$NOLEAK osbox runas nobody "$T/binary" a

# --- issue 12, class 2: names in diagnostics are quoted as GNU's quotef
# does (a space, a newline, an escape byte, invalid UTF-8), never raw.
N0='nx a' N1=$(printf 'nx\nb') N2=$(printf 'nx\033[31m') N3=$(printf 'nx\377')
Q0="'nx a'" Q1="'nx'\$'\\n''b'" Q2="'nx'\$'\\033''[31m'" Q3="'nx'\$'\\377'"
for i in 0 1 2 3; do
	eval "n=\"\$N$i\" q=\"\$Q$i\""
	t "issue 12: runas quotes the user $q" 125 '' "runas: $q: no such user" osbox runas "$n" true
	t "issue 12: runas quotes the group $q" 125 '' "runas: $q: no such group" \
		osbox runas "root:$n" true
done
t "issue 12: runas quotes the command" 127 '' "runas: $Q0: No such file or directory" \
	osbox runas "$(id -un)" "$N0"
