d=$(mktemp -d)
cd "$d"
mkdir -p x/one y/two z
touch x/f y/f
echo */f
echo */
echo */*
cd /; rm -rf "$d"
