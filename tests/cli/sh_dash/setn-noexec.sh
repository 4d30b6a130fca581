echo before
set -n
echo never
exit 5
