d=$(mktemp -d)
cd "$d"
touch a b
echo "*"
echo '*'
echo \*
p='*'
echo $p
echo "$p"
cd /; rm -rf "$d"
