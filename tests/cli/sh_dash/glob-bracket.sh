d=$(mktemp -d)
cd "$d"
touch a1 a2 a3 b1 c1
echo [ab]1
echo a[!1]
echo [a-b]*
echo a[23]
cd /; rm -rf "$d"
