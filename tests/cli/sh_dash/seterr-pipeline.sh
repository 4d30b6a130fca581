set -e
false | true
echo "only the last counts"
true | false
echo never
