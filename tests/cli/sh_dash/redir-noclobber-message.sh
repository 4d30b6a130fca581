d=$(mktemp -d)
cd "$d"
: >f
set -C
echo x >f
echo "status $?"
cd /; rm -rf "$d"
