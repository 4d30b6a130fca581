d=$(mktemp -d)
mkdir -p "$d/base/target"
CDPATH=$d/base
cd target | sed "s|$d|DIR|"
cd target >/dev/null
echo "${PWD#$d/}"
cd /; rm -rf "$d"
