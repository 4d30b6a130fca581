(echo $((3 = 4)); echo never)
echo "status $?"
