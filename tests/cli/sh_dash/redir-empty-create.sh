d=$(mktemp -d)
>"$d/empty"
[ -f "$d/empty" ] && [ ! -s "$d/empty" ] && echo "created empty"
rm -rf "$d"
