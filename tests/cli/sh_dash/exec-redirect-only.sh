d=$(mktemp -d)
exec 3>"$d/x"
echo "fd 3" >&3
exec 3>&-
cat "$d/x"
exec 4<"$d/x"
cat <&4
rm -rf "$d"
