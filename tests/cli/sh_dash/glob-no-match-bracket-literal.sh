d=$(mktemp -d)
cd "$d"
set -- [abc] 'x*'
echo "$# $1 $2"
cd /; rm -rf "$d"
