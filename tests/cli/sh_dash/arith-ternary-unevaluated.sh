x=0
echo $((1 ? 2 : (x = 3)))
echo "x=$x"
echo $((0 ? (x = 4) : 5))
echo "x=$x"
