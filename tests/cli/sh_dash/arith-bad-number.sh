(x=12abc; echo $((x + 1)); echo never)
echo "status $?"
(echo $((0x)); echo never)
echo "status $?"
