set -u
(echo "$nope"; echo never)
echo "status $?"
echo "${#}"
echo "$@"
