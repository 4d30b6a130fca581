set -- x y z
IFS='-+'
echo "$*"
v="$*"
echo "$v"
