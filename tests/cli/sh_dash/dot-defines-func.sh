d=$(mktemp -d)
echo 'libf() { echo "from lib: $*"; }; libvar=set' >"$d/lib.sh"
. "$d/lib.sh"
libf a b
echo "$libvar"
rm -rf "$d"
