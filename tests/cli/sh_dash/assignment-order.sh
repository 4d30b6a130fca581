a=1 b=$a
echo "$b"
x=1
x=2 y=$x
echo "$y"
