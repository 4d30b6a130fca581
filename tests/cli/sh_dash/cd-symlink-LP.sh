d=$(cd "$(mktemp -d)" && pwd -P)
mkdir "$d/real"; ln -s real "$d/link"
cd "$d/link"
echo "${PWD#$d/}"
echo "$(pwd -P | sed "s|^$d/||")"
cd -P "$d/link"
echo "${PWD#$d/}"
cd /; rm -rf "$d"
