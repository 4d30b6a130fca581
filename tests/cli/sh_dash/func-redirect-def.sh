d=$(mktemp -d)
f() { echo "to file"; } >"$d/out"
f
echo "out: $(cat "$d/out")"
f
cat "$d/out"
rm -rf "$d"
