echo before
(echo $((1 / 0)); echo never)
echo "status $?"
(echo $((5 % 0)))
echo "status $?"
