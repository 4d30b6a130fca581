d=$(mktemp -d)
cd "$d"; touch x y
set -f
echo *
for f in *; do echo "[$f]"; done
set +f
for f in *; do echo "[$f]"; done
cd /; rm -rf "$d"
