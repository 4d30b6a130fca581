d=$(mktemp -d)
>"$d/f" echo front
cat "$d/f"
echo a >"$d/f" b
cat "$d/f"
rm -rf "$d"
