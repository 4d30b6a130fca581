echo
echo ''
echo '' ''
echo a '' b
