d=$(mktemp -d)
echo 'echo hi' >"$d/script"
"$d/script" 2>&1 | sed "s|$d|DIR|"
"$d/script" 2>/dev/null
echo "status $?"
"$d" 2>/dev/null
echo "dir status $?"
rm -rf "$d"
