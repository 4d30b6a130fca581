set -e
echo "arg $(false)"
echo "alive: echo's status counts"
