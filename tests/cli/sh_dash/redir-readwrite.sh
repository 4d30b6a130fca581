d=$(mktemp -d)
echo abcdef >"$d/f"
exec 3<>"$d/f"
read -r line <&3
echo "read: $line"
echo more >&3
exec 3>&-
cat "$d/f"
: <>"$d/new"
[ -f "$d/new" ] && echo "<> creates"
rm -rf "$d"
