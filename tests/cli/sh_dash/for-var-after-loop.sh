for v in a b c; do :; done
echo "v=$v"
