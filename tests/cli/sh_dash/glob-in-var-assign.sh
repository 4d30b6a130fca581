d=$(mktemp -d)
cd "$d"
touch a b
v=*
echo "$v"
echo $v
cd /; rm -rf "$d"
