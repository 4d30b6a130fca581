d=$(mktemp -d)
f() { echo out; echo err >&2; }
f 2>&1 >"$d/f" | sed 's/^/piped: /'
echo "file: $(cat "$d/f")"
f >"$d/g" 2>&1
echo "file g:" $(cat "$d/g")
rm -rf "$d"
