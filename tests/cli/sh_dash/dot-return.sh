d=$(mktemp -d)
cat >"$d/lib.sh" <<'X'
echo "lib start"
return 4
echo "lib never"
X
. "$d/lib.sh"
echo "status $?"
rm -rf "$d"
