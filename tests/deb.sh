#!/bin/bash
# tests/deb.sh DEB APPLETS: the .deb on this machine itself, when run as
# root on Debian (as CI does): dpkg -i installs it beside Debian's own
# packages (no file of theirs in it), every link it ships runs, coreutils'
# env is still /usr/bin/env, and dpkg -r leaves nothing behind. Skipped,
# with a message, anywhere else. Whatever happens, the package is purged
# on the way out (trap), so a failure halfway leaves the machine as it was.
set -u
deb=$1 apps=$2
skip() { echo "SKIP: the .deb on this machine ($1)"; exit 0; }
[ "$(id -u)" = 0 ] || skip "not root"
[ -f /etc/debian_version ] && command -v dpkg >/dev/null || skip "not Debian"
# Never touch an osbox that someone installed.
if dpkg-query -W -f '${Status}' osbox 2>/dev/null | grep -q 'installed'; then
	skip "an osbox package is installed already"
fi
T=$(mktemp -d)
installed=
cleanup() {
	[ -n "$installed" ] && dpkg --purge osbox >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
pass=0 fail=0
check() {
	if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: (deb) $1"; fi
}
# What the package may change: /usr and /etc, and dpkg's own record of it.
snapshot() { find /usr /etc -xdev -path /etc/ld.so.cache -prune -o -print 2>/dev/null | sort; }
snapshot >"$T/before"
env_before=$(readlink -f /usr/bin/env)

# No file of the package belongs to an installed package (bash-completion's
# completions/chmod, coreutils' man pages...): dpkg -S finds none of them.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|; /\/$/d' >"$T/files"
check "no file of the .deb is another package's" \
	'! xargs dpkg -S <"$T/files" 2>/dev/null | grep -v "^osbox:" | grep -q .'

installed=1
check "dpkg -i installs it" 'dpkg -i "$deb" >"$T/dpkg.out" 2>&1 || { cat "$T/dpkg.out"; false; }'
check "every shipped link runs its applet's --help" \
	'(for a in $apps; do "/usr/lib/osbox/bin/$a" --help 2>&1 | head -1 | grep -q "^Usage: $a " || { echo "  $a"; exit 1; }; done)'
check "the links are all the package ships in lib/osbox/bin" \
	'[ "$(ls /usr/lib/osbox/bin | sort)" = "$(printf "%s\n" $apps | sort)" ]'
check "/usr/bin/env is still coreutils'" \
	'[ "$(readlink -f /usr/bin/env)" = "$env_before" ] && /usr/bin/env --version | head -1 | grep -q "GNU coreutils" && dpkg -S /usr/bin/env | grep -q "^coreutils:"'
check "man chmod is not osbox's page without lib/osbox/bin in PATH" '! env -u MANPATH man -w chmod 2>/dev/null | grep -q /usr/lib/osbox'
check "with lib/osbox/bin first in PATH, man chmod is osbox's" \
	'! command -v man >/dev/null || [ "$(env -u MANPATH PATH=/usr/lib/osbox/bin:$PATH man -w chmod)" = /usr/lib/osbox/share/man/man1/chmod.1 ]'
check "dpkg -r removes it" 'dpkg -r osbox >"$T/dpkg.out" 2>&1 || { cat "$T/dpkg.out"; false; }'
check "dpkg --purge forgets it" 'dpkg --purge osbox >/dev/null 2>&1 && ! dpkg-query -W osbox >/dev/null 2>&1'
installed=
snapshot >"$T/after"
check "nothing is left under /usr and /etc" 'diff "$T/before" "$T/after" >"$T/diff" || { head -20 "$T/diff"; false; }'
echo "deb: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
