d=$(mktemp -d)
printf 'echo "sourced $1"\nreturn 2\necho no\n' >"$d/lib.sh"
f() { . "$d/lib.sh"; echo "f continues $?"; return 5; }
f arg
echo "f: $?"
rm -rf "$d"
