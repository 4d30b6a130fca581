d=$(mktemp -d)
printf 'echo in lib\nif then\n' >"$d/lib.sh"
trap 'rm -rf "$d"' EXIT
echo before
. "$d/lib.sh" 2>&1 | sed "s|$d|DIR|"
(. "$d/lib.sh") 2>/dev/null
echo "status $?"
