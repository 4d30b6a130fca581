d=$(mktemp -d)
echo one >"$d/f"
echo two >>"$d/f"
cat "$d/f"
rm -rf "$d"
