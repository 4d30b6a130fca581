d=$(mktemp -d)
{ echo one; echo two; } >"$d/f"
cat "$d/f"
{ read a; read b; } <"$d/f"
echo "$b $a"
rm -rf "$d"
