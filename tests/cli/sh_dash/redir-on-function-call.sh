d=$(mktemp -d)
f() { echo "f: $1"; }
f one >"$d/out"
f two >>"$d/out"
cat "$d/out"
rm -rf "$d"
