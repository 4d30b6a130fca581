d=$(mktemp -d)
umask 077
: >"$d/f"
ls -l "$d/f" | cut -c1-10
umask 022
: >"$d/g"
ls -l "$d/g" | cut -c1-10
rm -rf "$d"
