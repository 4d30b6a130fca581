#!/bin/bash
# cmake --install (DESTDIR honoured) and the .deb: what lands where, and
# that the package installs and removes cleanly (dpkg on a private root,
# so the test never touches this machine's own packages).
set -u
build=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
check() {
	if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
apps=$("$build/osbox" --list)

DESTDIR=$T/d cmake --install "$build" --prefix /opt/ob >/dev/null
check "bin/osbox installed" '[ -x "$T/d/opt/ob/bin/osbox" ]'
check "a link per applet beside it" '(for a in $apps; do [ "$(readlink "$T/d/opt/ob/bin/$a")" = osbox ] || exit 1; done)'
check "the links run their applet" '[ "$("$T/d/opt/ob/bin/strerror" 2)" = "[ 2] ENOENT: No such file or directory" ]'
check "man pages in share/man/man1" '[ -f "$T/d/opt/ob/share/man/man1/osbox.1" ] && [ -f "$T/d/opt/ob/share/man/man1/strerror.1" ]'
check "nothing outside DESTDIR" '[ ! -e /opt/ob ]'

DESTDIR=$T/u cmake --install "$build" --prefix /usr >/dev/null
check "under /usr the links go to lib/osbox/bin" '[ -L "$T/u/usr/lib/osbox/bin/env" ] && [ ! -e "$T/u/usr/bin/env" ]'
check "and still reach osbox" '[ "$("$T/u/usr/lib/osbox/bin/strerror" 4)" = "[ 4] EINTR : Interrupted system call" ]'
check "each link is ../../../bin/osbox, computed from the layout" \
	'(for a in $apps; do [ "$(readlink "$T/u/usr/lib/osbox/bin/$a")" = ../../../bin/osbox ] || exit 1; done)'
gnu="chmod env readlink stat"
check "no GNU name among the shared man pages and bash completions" \
	'(for a in $gnu; do [ ! -e "$T/u/usr/share/man/man1/$a.1" ] && [ ! -e "$T/u/usr/share/bash-completion/completions/$a" ] || exit 1; done)'
check "the GNU names' pages and completions under lib/osbox/share" \
	'(for a in $gnu; do [ -f "$T/u/usr/lib/osbox/share/man/man1/$a.1" ] && [ -L "$T/u/usr/lib/osbox/share/bash-completion/completions/$a" ] || exit 1; done)'
check "the other applets' pages and completions in share" \
	'[ -f "$T/u/usr/share/man/man1/walk.1" ] && [ -f "$T/u/usr/share/man/man1/osbox.1" ] && [ -L "$T/u/usr/share/bash-completion/completions/walk" ]'
check "the shared completion files do not claim the GNU names" \
	'! grep -Eq "^(complete|#compdef) .* (chmod|env|readlink|stat)( |$)" "$T/u/usr/share/bash-completion/completions/osbox" "$T/u/usr/share/zsh/site-functions/_osbox"'
check "the ones under lib/osbox do" \
	'grep -Eq "^complete .* chmod " "$T/u/usr/lib/osbox/share/bash-completion/completions/osbox" && grep -Eq "^#compdef .* chmod " "$T/u/usr/lib/osbox/share/zsh/site-functions/_osbox"'
if command -v manpath >/dev/null; then
	check "man-db finds lib/osbox/share/man from PATH" \
		'[ "$(env -u MANPATH PATH="$T/u/usr/lib/osbox/bin:$PATH" man -w chmod)" = "$T/u/usr/lib/osbox/share/man/man1/chmod.1" ]'
fi
check "elsewhere everything is beside the binary, as before" \
	'[ -f "$T/d/opt/ob/share/man/man1/chmod.1" ] && [ -L "$T/d/opt/ob/share/bash-completion/completions/chmod" ] && grep -Eq "^complete .* chmod " "$T/d/opt/ob/share/bash-completion/completions/osbox"'

if command -v cpack >/dev/null && command -v dpkg-deb >/dev/null; then
	(cd "$build" && cpack -G DEB -B "$T/pkg" >/dev/null 2>"$T/cpack.err") || cat "$T/cpack.err"
	deb=$(ls "$T"/pkg/*.deb 2>/dev/null | head -1)
	check "cpack made a .deb" '[ -n "$deb" ]'
	if [ -n "$deb" ]; then
		root=$T/root
		mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/usr/bin" "$root/usr/lib"
		touch "$root/var/lib/dpkg/status"
		dp() { dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless "$@"; }
		check "dpkg installs it" 'dp -i "$deb" >/dev/null 2>"$T/dpkg.err" || { cat "$T/dpkg.err"; false; }'
		check "the package has the binary, the links and the man pages" \
			'[ -x "$root/usr/bin/osbox" ] && [ -L "$root/usr/lib/osbox/bin/walk" ] && [ -f "$root/usr/share/man/man1/osbox.1" ]'
		check "no coreutils name in /usr/bin" '! dpkg-deb -c "$deb" | grep -Eq "\./usr/bin/(env|stat|chmod|readlink)( |$)"'
		check "no file that coreutils or bash-completion own" \
			'! dpkg-deb -c "$deb" | grep -Eq "\./usr/share/(man/man1/(env|stat|chmod|readlink)\.1|bash-completion/completions/(env|stat|chmod|readlink))( |$)"'
		check "every link in the package reaches /usr/bin/osbox" \
			'(for a in $apps; do [ "$(readlink -f "$root/usr/lib/osbox/bin/$a")" = "$(readlink -f "$root/usr/bin/osbox")" ] || exit 1; done)'
		check "dpkg removes it" 'dp -r osbox >/dev/null 2>&1'
		check "nothing left behind" '[ ! -e "$root/usr" ] || [ -z "$(find "$root/usr" -mindepth 1 -not -type d)" ]'
	fi
	# On this machine itself, as root on Debian (tests/deb.sh).
	[ -n "$deb" ] && { bash "$(dirname "$0")/deb.sh" "$deb" "$apps" || fail=$((fail + 1)); }
else
	echo "SKIP: the .deb (cpack or dpkg-deb missing)"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
