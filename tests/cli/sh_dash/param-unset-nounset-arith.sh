(set -u; echo $((nope + 1)); echo never)
echo "status $?"
