x=5
echo $(( x ))
echo $(( x == 5 ))
echo $(($x))
