d=$(mktemp -d)
cd "$d"
touch b.txt a.txt c.log
echo *.txt
echo *
echo *.none
cd /
rm -rf "$d"
