d=$(mktemp -d)
cd "$d"
mkdir sub
touch sub/file
echo sub?file
echo sub*
cd /; rm -rf "$d"
