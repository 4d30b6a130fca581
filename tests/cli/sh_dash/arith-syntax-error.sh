(echo $((1 +)); echo never)
echo "status $?"
(echo $((2 3)))
echo "status $?"
