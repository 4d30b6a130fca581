d=$(mktemp -d)
{ echo bg >"$d/f"; } &
wait
cat "$d/f"
x=1
{ x=2; } &
wait
echo "x=$x"
rm -rf "$d"
