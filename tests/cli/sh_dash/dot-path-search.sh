d=$(mktemp -d)
echo 'echo "found by PATH search"' >"$d/libfile"
PATH=$d:$PATH
. libfile
rm -rf "$d"
