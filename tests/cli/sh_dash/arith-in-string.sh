i=4
echo "value: $((i * 2))!"
echo "$((i))$((i))"
