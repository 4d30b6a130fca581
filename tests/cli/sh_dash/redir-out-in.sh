d=$(mktemp -d)
echo hello >"$d/f"
cat <"$d/f"
echo again > "$d/f"
cat "$d/f"
rm -rf "$d"
