#!/bin/sh
# The applet list is typed once, in applets/applets.def: README.md's applet
# table (the "| applet | mirrors |" table) and man/osbox.1's SEE ALSO must
# name exactly the applets of `osbox --list`, in its order, so that a new
# applet cannot be left out of either.
osbox=$1 src=$2
t=${TMPDIR:-/tmp}/registry_docs.$$
trap 'rm -f "$t".*' EXIT
"$osbox" --list >"$t.list" || exit 1
[ -s "$t.list" ] || { echo "osbox --list printed nothing"; exit 1; }
# The rows after the table's header and its |---| line, up to the first
# line that is not a row; the first cell of each.
awk '/^\| applet \| mirrors \|/ { on = 1; next }
     on && /^\|---/ { next }
     on && /^\|/ { sub(/^\| */, ""); sub(/ *\|.*/, ""); print; next }
     on { exit }' "$src/README.md" >"$t.readme"
# The .Xr entries between .Sh SEE ALSO and the next section.
awk '/^\.Sh SEE ALSO/ { on = 1; next }
     on && /^\.Sh/ { exit }
     on && /^\.Xr/ { print $2 }' "$src/man/osbox.1" >"$t.man"
bad=0
for doc in readme man; do
	case $doc in
	readme) where="README.md's applet table" ;;
	man) where="man/osbox.1's SEE ALSO" ;;
	esac
	if ! cmp -s "$t.list" "$t.$doc"; then
		echo "$where does not list the registry's applets (osbox --list):"
		diff "$t.list" "$t.$doc" | sed -n 's/^</  missing:/p; s/^>/  not an applet, or out of order:/p'
		bad=$((bad + 1))
	fi
done
[ "$bad" -eq 0 ] && echo "README.md and man/osbox.1 list the $(wc -l <"$t.list") applets"
[ "$bad" -eq 0 ]
