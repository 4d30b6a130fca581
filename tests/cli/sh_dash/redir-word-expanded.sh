d=$(mktemp -d)
name=file
echo x >"$d/$name.txt"
ls "$d"
rm -rf "$d"
