set -- a b c
v=$@
echo "[$v]"
w="$@"
echo "[$w]"
IFS=,
u=$*
echo "[$u]"
