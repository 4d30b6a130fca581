d=$(mktemp -d)
printf 'line1\nline2\n' >"$d/f"
exec 4<"$d/f"
read -r a <&4
read -r b 0<&4
echo "$a $b"
exec 4<&-
rm -rf "$d"
