d=$(mktemp -d)
mkdir "$d/sub"
cd "$d"
(cd sub && basename "$PWD")
basename "$PWD" | grep -q sub && echo wrong || echo "still in the parent"
cd /
rm -rf "$d"
