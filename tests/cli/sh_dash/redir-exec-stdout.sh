d=$(mktemp -d)
exec 3>&1
exec >"$d/out"
echo captured
exec 1>&3 3>&-
echo "back: $(cat "$d/out")"
rm -rf "$d"
