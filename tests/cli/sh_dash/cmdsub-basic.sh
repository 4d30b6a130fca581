x=$(echo hello)
echo "$x"
echo "$(echo a; echo b)"
echo $(echo a; echo b)
