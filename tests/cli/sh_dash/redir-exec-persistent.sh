d=$(mktemp -d)
exec 3>"$d/log"
echo one >&3
echo two >&3
exec 3>&-
cat "$d/log"
exec 2>/dev/null
echo "hidden error" >&2
echo visible
rm -rf "$d"
