d=$(mktemp -d)
cd "$d"
touch 'a*b' axb
echo a*b
echo 'a*'b
echo a"*"b
cd /; rm -rf "$d"
