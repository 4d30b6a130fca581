d=$(mktemp -d)
cd "$d"
touch .hidden visible
echo *
echo .[!.]*
echo .h*
echo ?hidden
cd /; rm -rf "$d"
