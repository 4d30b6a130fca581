d=$(mktemp -d)
: >"$d/empty.sh"
false
. "$d/empty.sh"
echo "empty file: $?"
echo 'false' >"$d/f.sh"
. "$d/f.sh"
echo "false file: $?"
rm -rf "$d"
