set -e
false && echo no
echo "left of && exempt"
false || echo "or runs"
true && false || echo "or after and"
echo alive
