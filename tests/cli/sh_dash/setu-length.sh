set -u
(echo ${#nope}) 2>&1 | sed 's/^[^:]*: [0-9]*: //'
echo "$*"
