d=$(mktemp -d)
cd "$d"
echo *.c
echo [x]y
set -- no*match
echo "$# $1"
cd /; rm -rf "$d"
