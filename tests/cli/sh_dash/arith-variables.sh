a=3 b=4
echo $((a * b)) $(($a * $b)) $((a+b))
unset u
echo $((u + 1))
e=
echo $((${e:-0} + 1))
c=a
echo $(($c + 1))
