d=$(mktemp -d)
exec 5>"$d/five"
echo via five >&5
exec 5>&-
cat "$d/five"
echo err 2>"$d/two" >&2
cat "$d/two"
rm -rf "$d"
