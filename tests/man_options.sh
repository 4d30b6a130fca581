#!/bin/sh
# Every applet has man/APPLET.1, and every option of its table (from
# `osbox --options APPLET`) appears in it as an .Fl entry.
osbox=$1 dir=$2
pass=0 bad=0
for a in $("$osbox" --list); do
	page=$dir/$a.1
	if [ ! -f "$page" ]; then
		echo "$a: no man page $page"
		bad=$((bad + 1))
		continue
	fi
	opts=$("$osbox" --options "$a" | cut -f1,2 | tr '\t' '\n' | grep -v '^-$')
	missing=
	for o in $opts; do
		# mdoc writes -l as "Fl l" and --list as "Fl \-list" or "Fl -list".
		f=${o#-}
		f2=$(printf '%s' "$f" | sed 's/^-/\\\\-/')
		if ! grep -q -e "Fl $f\\b" -e "Fl $f2\\b" "$page"; then
			missing="$missing $o"
		fi
	done
	if [ -n "$missing" ]; then
		echo "$a: options missing from $page:$missing"
		bad=$((bad + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "$pass passed, $bad failed"
[ "$bad" -eq 0 ] && [ "$pass" -gt 0 ]
